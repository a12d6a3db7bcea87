// npm run bench — every benchmark, one after another, each in its own process (`npm run bench:<name>`
// with BENCH_JSON, so that they never compete and each keeps its npm script's Node options), each taking
// BENCH_ROUNDS runs; then bench/RESULTS.md is rewritten: header, summary against the targets, and every
// benchmark's section. Options: tools/bench/options.ts. A benchmark that fails stops the run before
// anything is written.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { either as E } from "fp-ts";
import type { BenchOutput } from "./figures.js";
import { RESULTS_FILE, machineInfo } from "./machine.js";
import { USAGE, childEnv, parseArgs } from "./options.js";
import { parseSections, renderResults, summaryRow, summaryTable } from "./summary.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const args = process.argv.slice(2);
const parsed = parseArgs(args, { results: RESULTS_FILE, quickOut: join(tmpdir(), "btsref-bench-quick.md") });
if (E.isLeft(parsed)) {
  console.error(`${parsed.left}\n${USAGE}`);
  process.exit(2);
}
const opts = parsed.right;

const started = new Date();
const loadBefore = loadavg()[0]!;
const dir = mkdtempSync(join(tmpdir(), "btsref-bench-"));
const outputs: BenchOutput[] = [];
try {
  for (const name of opts.only) {
    const json = join(dir, `${name}.json`);
    const t0 = performance.now();
    console.error(`== npm run bench:${name} (${opts.runs} runs${opts.quick ? ", quick" : ""})`);
    // The scripts print their section on stdout: it goes to stderr here, leaving stdout to the summary.
    const r = spawnSync("npm", ["run", "--silent", `bench:${name}`], { cwd: ROOT, env: childEnv(name, opts, process.env, json), stdio: ["ignore", 2, 2] });
    if (r.status !== 0 || !existsSync(json)) {
      console.error(`bench:${name} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}); ${opts.out} is left as it was`);
      process.exit(1);
    }
    outputs.push(JSON.parse(readFileSync(json, "utf8")) as BenchOutput);
    console.error(`== bench:${name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const previous = existsSync(opts.out) ? parseSections(readFileSync(opts.out, "utf8")) : [];
const kept = previous.filter((s) => !outputs.some((o) => o.section === s.name));
writeFileSync(opts.out, renderResults({
  date: started.toISOString(),
  machine: machineInfo(),
  command: `npm run bench${args.length > 0 ? ` -- ${args.join(" ")}` : ""}`,
  runs: opts.runs,
  quick: opts.quick,
  seconds: (Date.now() - started.getTime()) / 1000,
  load: [loadBefore, loadavg()[0]!],
  outputs,
  kept,
}));
console.log(summaryTable(outputs.flatMap((o) => o.figures.map((f) => summaryRow(f)))));
console.log(`\nwritten to ${opts.out}${kept.length > 0 ? ` (kept: ${kept.map((s) => s.name).join(", ")})` : ""}`);
