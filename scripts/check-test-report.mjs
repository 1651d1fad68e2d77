#!/usr/bin/env node
// Reads vitest's JSON report: fails when any test failed, was skipped or left todo, or none ran.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const passed = report.numPassedTests;
const failed = report.numFailedTests;
const skipped = report.numPendingTests;
const todo = report.numTodoTests;
const notRun = [];
for (const file of report.testResults) {
  for (const test of file.assertionResults) {
    if (test.status !== 'passed' && test.status !== 'failed')
      notRun.push(`${test.status}: ${test.fullName}`);
  }
}
if (notRun.length > 0) console.log(notRun.join('\n'));
console.log(`${passed} passed, ${failed} failed, ${skipped + todo} skipped`);
if (failed > 0 || skipped > 0 || todo > 0 || notRun.length > 0 || passed === 0 || !report.success) {
  console.log('CI: failing: every test must run and pass (no skipped or todo tests).');
  process.exit(1);
}
