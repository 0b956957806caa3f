export default {
  displayName: 'api-orders',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/orders',
};
