/**
 * Calls across simulated real networks: browsers in network namespaces behind NATs, a coturn
 * relay, links cut on command (see docs/testing.md). Needs root; run it with
 * `node tools/scripts/e2e-network.mjs`, which gives the test process its own namespace.
 */
export default {
  displayName: 'e2e-network',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/network/**/*.network-e2e.ts'],
  globalSetup: '<rootDir>/src/network/global-setup.ts',
  globalTeardown: '<rootDir>/src/network/global-teardown.ts',
  // Its own results file, beside the browser tests' one, for the summary of `npm test`.
  reporters: ['default', ['<rootDir>/../../tools/jest/summary-reporter.js', { name: 'e2e-network' }]],
  // Each test's name and time, and the scenarios' own timings (console.log).
  verbose: true,
  maxWorkers: 1,
  testTimeout: 150_000,
  forceExit: true,
};
