// Shared Jest settings: every project's jest.config extends this. TypeScript is compiled
// with SWC (decorator metadata included, which NestJS needs); Angular projects replace the
// transform with jest-preset-angular.
const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  coverageReporters: ['text-summary', 'lcov'],
  reporters: ['default', require.resolve('./tools/jest/summary-reporter.js')],
};
