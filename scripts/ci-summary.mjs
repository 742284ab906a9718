// Sums vitest JSON reports into the one closing line CI reads: "N passed, N failed[, N skipped]".
// A suite whose setup failed reports its tests as skipped; those count as failed here, so a broken
// beforeAll can never pass for "skipped".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
// The failed tests are named again at the very end: the tail is the part of a CI log that is kept.
const failures = [];
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`${file}: no report (the suite did not run)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  let p = 0;
  let f = 0;
  let s = 0;
  for (const suite of report.testResults ?? []) {
    const count = (status) => suite.assertionResults.filter((a) => a.status === status).length;
    const suiteFailedOutside = suite.status === 'failed' && count('failed') === 0;
    for (const a of suite.assertionResults.filter((r) => r.status === 'failed')) {
      failures.push(`${file}: ${a.fullName}\n    ${(a.failureMessages?.[0] ?? '').split('\n')[0]}`);
    }
    if (suiteFailedOutside) failures.push(`${file}: ${suite.name} — ${(suite.message ?? '').split('\n')[0]}`);
    p += count('passed');
    f += count('failed') + (suiteFailedOutside ? Math.max(1, count('skipped') + count('pending')) : 0);
    s += suiteFailedOutside ? 0 : count('skipped') + count('pending') + count('todo');
  }
  console.log(`${file}: ${p} passed, ${f} failed, ${s} skipped`);
  passed += p;
  failed += f;
  skipped += s;
}
if (failures.length) console.log(`failed:\n${failures.map((f) => `  ${f}`).join('\n')}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
