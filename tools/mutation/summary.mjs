// Summarizes a Stryker JSON report (reports/stryker-<module>.json): counts per status, the mutation score
// as Stryker computes it ((killed + timeout) / (killed + timeout + survived + no coverage)), and, with
// --survivors, each surviving or uncovered mutant as file:line:column mutator -> replacement.
// Usage: node tools/mutation/summary.mjs <module> [--survivors] [--by-file]
import { readFileSync } from "node:fs";

const [module = "crypto", ...flags] = process.argv.slice(2);
const report = JSON.parse(readFileSync(`reports/stryker-${module}.json`, "utf8"));
const total = {};
const byFile = {};
const survivors = [];
for (const [file, { mutants, source }] of Object.entries(report.files)) {
  const lines = source.split("\n");
  for (const m of mutants) {
    total[m.status] = (total[m.status] ?? 0) + 1;
    (byFile[file] ??= {})[m.status] = (byFile[file][m.status] ?? 0) + 1;
    if (m.status === "Survived" || m.status === "NoCoverage") {
      const { line, column } = m.location.start;
      survivors.push(`${file}:${line}:${column} ${m.status} ${m.mutatorName} ${JSON.stringify(m.replacement ?? "")}  | ${lines[line - 1].trim().slice(0, 110)}`);
    }
  }
}
const n = (s) => total[s] ?? 0;
const detected = n("Killed") + n("Timeout");
const valid = detected + n("Survived") + n("NoCoverage");
console.log(JSON.stringify({ module, ...total, valid, score: valid ? Math.round((10000 * detected) / valid) / 100 : null }));
if (flags.includes("--by-file"))
  for (const [f, c] of Object.entries(byFile)) {
    const d = (c.Killed ?? 0) + (c.Timeout ?? 0);
    const v = d + (c.Survived ?? 0) + (c.NoCoverage ?? 0);
    console.log(`${f}: ${JSON.stringify(c)} score ${v ? ((100 * d) / v).toFixed(1) : "-"}`);
  }
if (flags.includes("--survivors")) for (const s of survivors) console.log(s);
