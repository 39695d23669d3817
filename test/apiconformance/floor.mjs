#!/usr/bin/env node
// Checks an API conformance report (run.mjs --json) against the recorded
// floor: every scenario listed in passing.txt must still pass. Scenarios that
// pass but are not listed are printed so the list can be raised; the floor
// only ever moves up.
//
//   node floor.mjs report.json passing.txt
import { readFileSync } from "node:fs";

const [reportPath, listPath] = process.argv.slice(2);
if (!reportPath || !listPath) {
  console.error("usage: node floor.mjs report.json passing.txt");
  process.exit(2);
}
const report = JSON.parse(readFileSync(reportPath, "utf8"));
const floor = readFileSync(listPath, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
const ok = new Map(report.scenarios.map((s) => [s.test, s.ok]));

const regressions = floor.filter((t) => ok.get(t) !== true);
const listed = new Set(floor);
const gained = report.scenarios.filter((s) => s.ok && !listed.has(s.test)).map((s) => s.test);

for (const t of regressions) console.log(`REGRESSION ${t}${ok.has(t) ? "" : " (scenario not run)"}`);
for (const t of gained) console.log(`NEWLY PASSING (add to ${listPath}) ${t}`);
console.log(`api scenarios floor: ${floor.length} required, ${regressions.length} regressed, ${gained.length} newly passing`);
process.exit(regressions.length ? 1 : 0);
