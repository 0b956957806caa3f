export default {
  displayName: 'e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.e2e.ts'],
  globalSetup: '<rootDir>/src/support/global-setup.ts',
  globalTeardown: '<rootDir>/src/support/global-teardown.ts',
  maxWorkers: 1,
  testTimeout: 60_000,
  // The browser and API processes are closed in teardown; do not let a stray handle of a
  // driver library keep CI waiting after the results are in.
  forceExit: true,
};
