// `npm run bench` (tools/bench/all.ts): its pure parts (statistics, ratios to targets, option parsing, the
// benchmark environment, reading and writing bench/RESULTS.md) on fixed inputs, and one quick end-to-end run
// of the cheapest benchmark into a temporary file.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import { figuresOf, sectionText, type BenchOutput, type Figure } from "./figures.js";
import { RESULTS_FILE, stats } from "./machine.js";
import { BENCHES, QUICK_ENV, childEnv, parseArgs, type Options } from "./options.js";
import { formatValue, parseSections, ratioToTarget, renderResults, summaryRow } from "./summary.js";

describe("stats", () => {
  it("takes the middle value of an odd count, with min and max, whatever the order", () => {
    expect(stats([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5 });
    expect(stats([7])).toEqual({ median: 7, min: 7, max: 7 });
  });
  it("takes the mean of the two middle values of an even count", () => {
    expect(stats([4, 1, 3, 10])).toEqual({ median: 3.5, min: 1, max: 10 });
  });
  it("leaves its input as it was", () => {
    const xs = [3, 1, 2];
    stats(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
  it("refuses no values", () => {
    expect(() => stats([])).toThrow("no values");
  });
});

describe("ratio to target", () => {
  it("is median ÷ target for at least, target ÷ median for at most", () => {
    expect(ratioToTarget(35000, { kind: "at least", value: 100000, source: "issue 4" })).toBeCloseTo(0.35, 12);
    expect(ratioToTarget(5, { kind: "at most", value: 10, source: "x" })).toBe(2);
  });
  const fig = (runs: number[], target?: Figure["target"]): Figure => ({ id: "t", label: "thing", unit: "ms", digits: 1, runs, ...(target ? { target } : {}) });
  it("says met at or above 1 and not met below", () => {
    expect(summaryRow(fig([10, 12, 11], { kind: "at least", value: 11, source: "issue 9" }))).toBe("| thing | ms | 11.0 | 10.0 | 12.0 | ≥ 11 (issue 9) | **1.00×**, met |");
    expect(summaryRow(fig([10, 12, 11], { kind: "at least", value: 12, source: "issue 9" }))).toBe("| thing | ms | 11.0 | 10.0 | 12.0 | ≥ 12 (issue 9) | **0.92×**, not met |");
    expect(summaryRow(fig([5, 4, 6], { kind: "at most", value: 10, source: "issue 9" }))).toBe("| thing | ms | 5.0 | 4.0 | 6.0 | ≤ 10 (issue 9) | **2.00×**, met |");
  });
  it("says no target where there is none, and marks a figure kept from an earlier run", () => {
    expect(summaryRow(fig([1.04]))).toBe("| thing | ms | 1.0 | 1.0 | 1.0 | – | no target |");
    expect(summaryRow(fig([1.04]), "2025-12-31")).toBe("| thing (from 2025-12-31) | ms | 1.0 | 1.0 | 1.0 | – | no target |");
  });
  it("groups thousands and keeps the figure's decimals", () => {
    expect(formatValue(1234567.4, 0)).toBe("1,234,567");
    expect(formatValue(0.5, 2)).toBe("0.50");
  });
});

describe("options", () => {
  const paths = { results: "/repo/bench/RESULTS.md", quickOut: "/tmp/quick.md" };
  const ok = (argv: string[]): Options => {
    const r = parseArgs(argv, paths);
    if (E.isLeft(r)) throw new Error(r.left);
    return r.right;
  };
  const refused = (argv: string[]): string => {
    const r = parseArgs(argv, paths);
    if (E.isRight(r)) throw new Error(`accepted ${argv.join(" ")}`);
    return r.left;
  };
  it("runs everything 3 times into bench/RESULTS.md by default", () => {
    expect(ok([])).toEqual({ runs: 3, quick: false, only: [...BENCHES], out: "/repo/bench/RESULTS.md" });
  });
  it("takes --runs, --only (run in the usual order) and --out, with or without =", () => {
    expect(ok(["--runs", "5", "--only", "node,codec"])).toEqual({ runs: 5, quick: false, only: ["codec", "node"], out: "/repo/bench/RESULTS.md" });
    expect(ok(["--runs=1", "--only=chain", "--out=x.md"])).toEqual({ runs: 1, quick: false, only: ["chain"], out: resolve("x.md") });
  });
  it("sends --quick to its own file, never to bench/RESULTS.md", () => {
    expect(ok(["--quick"]).out).toBe("/tmp/quick.md");
    expect(refused(["--quick", "--out", "/repo/bench/RESULTS.md"])).toMatch(/never go into bench\/RESULTS.md/);
  });
  it("refuses fewer than 3 runs for bench/RESULTS.md", () => {
    expect(refused(["--runs", "2"])).toMatch(/at least 3 runs/);
    expect(ok(["--runs", "2", "--quick"]).runs).toBe(2);
  });
  it("refuses bad values and unknown arguments", () => {
    expect(refused(["--runs", "0"])).toMatch(/positive integer/);
    expect(refused(["--runs"])).toMatch(/positive integer, not nothing/);
    expect(refused(["--only", "codec,speed"])).toMatch(/got speed/);
    expect(refused(["--only", ""])).toMatch(/got none/);
    expect(refused(["--out"])).toMatch(/file name/);
    expect(refused(["--fast"])).toMatch(/unknown argument --fast/);
  });
  it("gives each benchmark the runs, the JSON path and, quick, its small workload, and no inherited BENCH_* variable", () => {
    const parent = { PATH: "/bin", BENCH_CYCLES: "10", BENCH_BATCH: "1" };
    expect(childEnv("chain", ok([]), parent, "/tmp/c.json")).toEqual({ PATH: "/bin", BENCH_ROUNDS: "3", BENCH_JSON: "/tmp/c.json" });
    expect(childEnv("chain", ok(["--quick", "--runs", "4"]), parent, "/tmp/c.json")).toEqual({ PATH: "/bin", BENCH_CYCLES: "2000", BENCH_ROUNDS: "4", BENCH_JSON: "/tmp/c.json" });
    for (const b of BENCHES) expect(Object.keys(QUICK_ENV[b]).length).toBeGreaterThan(0);
  });
});

const codec: BenchOutput = {
  script: "bench:codec",
  section: "codec",
  body: "## Codec\n\ncodec detail\n",
  date: "2026-01-02T03:05:00.000Z",
  machine: "2 × Test CPU",
  figures: [{ id: "codec.ratio", label: "codec: ratio", unit: "×", digits: 1, runs: [12, 9, 15], target: { kind: "at least", value: 10, source: "issue 2" } }],
};
const node: BenchOutput = {
  script: "bench:node",
  section: "bench:node",
  body: "## Node\n\nnode detail",
  date: "2026-01-02T03:06:00.000Z",
  machine: "2 × Test CPU",
  figures: [
    { id: "node.api", label: "node: api", unit: "tx/s", digits: 0, runs: [800, 900, 1000, 1100], target: { kind: "at least", value: 1000, source: "issue 7" } },
    { id: "node.propagation", label: "node: propagation", unit: "ms", digits: 1, runs: [2.24, 1.5, 3] },
  ],
};
const sigFigures: Figure[] = [{ id: "sig.native.all", label: "sig: native all", unit: "recoveries/s", digits: 0, runs: [20000, 21000, 19000], target: { kind: "at least", value: 10000, source: "issue 3" } }];
const sigText = sectionText({ script: "bench:sig", section: "sig", body: "## Sig\n\nsig detail", date: "2025-12-31T10:00:00.000Z", machine: "m", figures: sigFigures });

describe("bench/RESULTS.md", () => {
  it("keeps a section's figures in a comment that reads back", () => {
    expect(sigText.startsWith("## Sig\n\nsig detail\n\n<!-- figures {")).toBe(true);
    expect(figuresOf(sigText)).toEqual({ script: "bench:sig", date: "2025-12-31T10:00:00.000Z", figures: sigFigures });
    expect(figuresOf("## Sig\n\nno comment")).toBeUndefined();
    expect(figuresOf("<!-- figures {not json} -->")).toBeUndefined();
    expect(figuresOf('<!-- figures {"date":"d"} -->')).toBeUndefined();
  });

  it("reads sections by their markers, names with spaces and brackets included, skipping one without an end", () => {
    const md = "# T\n\n<!-- a:start -->\n one \n<!-- a:end -->\n<!-- b (X=1):start -->\ntwo\n<!-- b (X=1):end -->\n<!-- c:start -->\nlost";
    expect(parseSections(md)).toEqual([{ name: "a", text: "one" }, { name: "b (X=1)", text: "two" }]);
    expect(parseSections("nothing")).toEqual([]);
  });

  it("renders header, summary and sections in order from fixed inputs", () => {
    const text = renderResults({
      date: "2026-01-02T03:04:05.000Z",
      machine: { cores: 2, cpu: "Test CPU", ramGiB: 8, node: "v20.0.0", os: "Linux 6.1 linux/x64" },
      command: "npm run bench -- --only codec,node",
      runs: 3,
      quick: false,
      seconds: 90,
      load: [0.5, 1.5],
      outputs: [codec, node],
      kept: [{ name: "custom", text: "custom text" }, { name: "bench:chain (BENCH_BATCH=1)", text: "batch text" }, { name: "sig", text: sigText }],
    });
    const codecComment = `<!-- figures ${JSON.stringify({ script: codec.script, date: codec.date, figures: codec.figures })} -->`;
    const nodeComment = `<!-- figures ${JSON.stringify({ script: node.script, date: node.date, figures: node.figures })} -->`;
    expect(text).toBe(`# Benchmark results

Written by \`npm run bench\` (tools/bench/all.ts): it runs every benchmark one after another, each in its own process, and rewrites this file. \`npm run bench:<name>\` alone replaces only its own section below; the summary is rewritten only by \`npm run bench\`.

- Date: 2026-01-02 03:04 UTC; the run took 1.5 min
- Machine: 2 cores, Test CPU, 8.0 GiB RAM, Node v20.0.0, Linux 6.1 linux/x64
- Command: \`npm run bench -- --only codec,node\`: 3 runs of each benchmark; every figure is the median of the runs, with the lowest (min) and highest (max)
- One-minute load average: 0.5 before, 1.5 after
- Not rerun, kept from the previous file: custom, bench:chain (BENCH_BATCH=1), sig

## Summary

Targets are those of the issues; market figures and propagation latency have none.

| figure | unit | median | min | max | target | ratio to target |
| --- | --- | ---: | ---: | ---: | --- | --- |
| codec: ratio | × | 12.0 | 9.0 | 15.0 | ≥ 10 (issue 2) | **1.20×**, met |
| sig: native all (from 2025-12-31) | recoveries/s | 20,000 | 19,000 | 21,000 | ≥ 10,000 (issue 3) | **2.00×**, met |
| node: api | tx/s | 950 | 800 | 1,100 | ≥ 1,000 (issue 7) | **0.95×**, not met |
| node: propagation | ms | 2.2 | 1.5 | 3.0 | – | no target |

<!-- codec:start -->
## Codec

codec detail

${codecComment}
<!-- codec:end -->

<!-- sig:start -->
${sigText}
<!-- sig:end -->

<!-- bench:chain (BENCH_BATCH=1):start -->
batch text
<!-- bench:chain (BENCH_BATCH=1):end -->

<!-- bench:node:start -->
## Node

node detail

${nodeComment}
<!-- bench:node:end -->

<!-- custom:start -->
custom text
<!-- custom:end -->
`);
    // What it writes reads back: the sections and their figures.
    const back = parseSections(text);
    expect(back.map((s) => s.name)).toEqual(["codec", "sig", "bench:chain (BENCH_BATCH=1)", "bench:node", "custom"]);
    expect(figuresOf(back[3]!.text)?.figures).toEqual(node.figures);
  });

  it("says so when the run is a quick one", () => {
    const text = renderResults({ date: "2026-01-02T03:04:05.000Z", machine: { cores: 1, cpu: "c", ramGiB: 1, node: "v", os: "o" }, command: "c", runs: 3, quick: true, seconds: 1, load: [0, 0], outputs: [codec], kept: [] });
    expect(text).toContain("- **Quick smoke run**: small workloads");
    expect(text).not.toContain("Not rerun");
  });
});

describe("npm run bench, end to end", () => {
  it("runs the codec benchmark quickly into a file of its own, keeping the sections it did not rerun, and leaves bench/RESULTS.md alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "btsref-bench-test-"));
    try {
      const out = join(dir, "results.md");
      writeFileSync(out, "# old\n\n<!-- codec:start -->\nold codec\n<!-- codec:end -->\n\n<!-- bench:node:start -->\nold node\n<!-- bench:node:end -->\n");
      const results = readFileSync(RESULTS_FILE, "utf8");
      const root = new URL("../../", import.meta.url).pathname;
      const r = spawnSync(process.execPath, ["--import", "tsx", "tools/bench/all.ts", "--quick", "--only", "codec", "--out", out], { cwd: root, encoding: "utf8", timeout: 90_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/\| codec: btsref ÷ bitsharesjs, per round \| × \| [0-9.]+ \| [0-9.]+ \| [0-9.]+ \| ≥ 10 \(issue 2\) \| \*\*[0-9.]+×\*\*, (met|not met) \|/);
      const text = readFileSync(out, "utf8");
      expect(text).toContain("- **Quick smoke run**");
      expect(text).toContain("- Not rerun, kept from the previous file: bench:node");
      const sections = parseSections(text);
      expect(sections.map((s) => s.name)).toEqual(["codec", "bench:node"]);
      expect(sections[1]!.text).toBe("old node");
      const figs = figuresOf(sections[0]!.text);
      expect(figs?.script).toBe("bench:codec");
      expect(figs?.figures.map((f) => [f.id, f.runs.length])).toEqual([["codec.btsref", 3], ["codec.bitsharesjs", 3], ["codec.ratio", 3]]);
      for (const f of figs!.figures) for (const x of f.runs) expect(x).toBeGreaterThan(0);
      expect(readFileSync(RESULTS_FILE, "utf8")).toBe(results);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
