// Ends the run with one plain line that any CI log reader understands: "jest: N passed, N failed",
// after the slowest test files, so where the suite's time goes can be read off every CI log.
const SLOWEST = 15;

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const files = results.testResults
      .map((file) => ({ path: file.testFilePath.slice(process.cwd().length + 1), seconds: (file.perfStats.end - file.perfStats.start) / 1000 }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, SLOWEST);
    if (files.length > 1) {
      process.stdout.write(`jest: the ${files.length} slowest test files\n`);
      for (const file of files) process.stdout.write(`  ${file.seconds.toFixed(1).padStart(6)} s  ${file.path}\n`);
    }
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(
      `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
  }
}
module.exports = SummaryReporter;
