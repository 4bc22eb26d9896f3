// Reads bun's JUnit report and prints the closing line CI keys on: "N passed, N failed[, N skipped]".
// Exits 1 when the report is missing or any test failed, so a broken run can never look green.
import { existsSync, readFileSync } from "node:fs";

const file = process.argv[2] ?? "reports/junit.xml";
if (!existsSync(file)) {
  console.log("0 passed, 1 failed");
  console.error(`test report ${file} not found: the test run did not complete`);
  process.exit(1);
}
const xml = readFileSync(file, "utf8");
let passed = 0;
let failed = 0;
let skipped = 0;
for (const m of xml.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
  const body = m[2] ?? "";
  if (/<(failure|error)\b/.test(body)) failed++;
  else if (/<skipped\b/.test(body)) skipped++;
  else passed++;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
