export default {
  displayName: 'seller-console',
  preset: '../../jest.preset.angular.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../coverage/apps/seller-console',
};
