// Shared Jest settings: every project's jest.config extends this.
const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  coverageReporters: ['text-summary', 'lcov'],
};
