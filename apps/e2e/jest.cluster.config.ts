/**
 * Several API instances behind HAProxy with Redis and PostgreSQL of their own: instances
 * killed or stopped under live calls, Redis and PostgreSQL going away (docs/testing.md,
 * "Cluster tests"). Run with `node tools/scripts/e2e-cluster.mjs`, which skips with a banner
 * where haproxy or redis-server is missing.
 */
export default {
  displayName: 'e2e-cluster',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/cluster/**/*.cluster-e2e.ts'],
  reporters: ['default', ['<rootDir>/../../tools/jest/summary-reporter.js', { name: 'e2e-cluster' }]],
  verbose: true,
  maxWorkers: 1,
  testTimeout: 90_000,
  forceExit: true,
};
