// Prints, after the run, how many tests ran on each database of the dialect matrix (the
// `[sqlite]` / `[postgres]` / `[mariadb]` suffix that describeEachDialect puts on suites).
class DialectSummaryReporter {
  onRunComplete(_contexts, results) {
    const counts = {};
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        const title = test.ancestorTitles.join(' ');
        const dialect = (/\[(sqlite|postgres|mariadb)\]/.exec(title) || [])[1] || 'no database';
        counts[dialect] ??= { passed: 0, failed: 0, skipped: 0 };
        const bucket = test.status === 'passed' ? 'passed' : test.status === 'failed' ? 'failed' : 'skipped';
        counts[dialect][bucket]++;
      }
    }
    const lines = ['sqlite', 'postgres', 'mariadb', 'no database']
      .filter((d) => counts[d])
      .map((d) => `  ${d.padEnd(12)} ${counts[d].passed} passed, ${counts[d].failed} failed, ${counts[d].skipped} skipped`);
    process.stdout.write(`\nTests per database:\n${lines.join('\n')}\n`);
  }
}
module.exports = DialectSummaryReporter;
