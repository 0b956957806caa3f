export default {
  displayName: 'api-integrations',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/integrations',
};
