// Writes each Jest run's counts to tmp/test-results so `npm test` can print one total.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig, options = {}) {
    this.name = options.name;
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = join(__dirname, '..', '..', 'tmp', 'test-results');
    mkdirSync(dir, { recursive: true });
    const name = (this.name || this.rootDir).replace(/[^a-z0-9-]+/gi, '_');
    // One file per Jest process: a project may run several side by side (the API's target does).
    writeFileSync(
      join(dir, `${name}-${process.pid}.json`),
      JSON.stringify({
        passed: results.numPassedTests,
        failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
        skipped: results.numPendingTests + results.numTodoTests,
      }),
    );
  }
}

module.exports = SummaryReporter;
