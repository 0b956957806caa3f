export default {
  displayName: 'web-calls-ui',
  preset: '../../../jest.preset.angular.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/web/calls-ui',
};
