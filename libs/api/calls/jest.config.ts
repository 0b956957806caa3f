export default {
  displayName: 'api-calls',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/calls',
};
