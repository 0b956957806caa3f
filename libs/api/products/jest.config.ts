export default {
  displayName: 'api-products',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/products',
};
