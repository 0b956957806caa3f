export default {
  displayName: 'storefront',
  preset: '../../jest.preset.angular.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../coverage/apps/storefront',
};
