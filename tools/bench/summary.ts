// bench/RESULTS.md as `npm run bench` writes it: a header (date, machine, command), a summary table of every
// headline figure with its median, min, max and ratio to its target, then each benchmark's own section.
// Pure: tools/bench/all.ts gathers the inputs.
import { figuresOf, sectionText, type BenchOutput, type Figure, type Target } from "./figures.js";
import { stats, type MachineInfo } from "./machine.js";

/** A section of a results file: the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export interface Section {
  readonly name: string;
  readonly text: string;
}

/** The order sections appear in; a section of another name goes after these. */
export const SECTION_ORDER: readonly string[] = ["codec", "sig", "bench:chain", "bench:chain (BENCH_BATCH=1)", "bench:market", "bench:node"];

/** Every well-formed section of a results file, in file order. */
export function parseSections(md: string): Section[] {
  const out: Section[] = [];
  const start = /<!-- (.+?):start -->/g;
  let m: RegExpExecArray | null;
  while ((m = start.exec(md)) !== null) {
    const end = `<!-- ${m[1]}:end -->`;
    const j = md.indexOf(end, m.index);
    if (j < 0) continue;
    out.push({ name: m[1]!, text: md.slice(m.index + m[0].length, j).trim() });
    start.lastIndex = j + end.length;
  }
  return out;
}

/** How far the median is from the target: ≥ 1 means met (median ÷ target for "at least", target ÷ median
 *  for "at most"). */
export function ratioToTarget(median: number, t: Target): number {
  return t.kind === "at least" ? median / t.value : t.value / median;
}

export function formatValue(x: number, digits: number): string {
  return x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** One row of the summary; `from` marks a figure kept from an earlier run (its date). */
export function summaryRow(f: Figure, from?: string): string {
  const s = stats(f.runs);
  const v = (x: number) => formatValue(x, f.digits);
  const label = from === undefined ? f.label : `${f.label} (from ${from})`;
  if (f.target === undefined) return `| ${label} | ${f.unit} | ${v(s.median)} | ${v(s.min)} | ${v(s.max)} | – | no target |`;
  const r = ratioToTarget(s.median, f.target);
  const target = `${f.target.kind === "at least" ? "≥" : "≤"} ${formatValue(f.target.value, 0)} (${f.target.source})`;
  return `| ${label} | ${f.unit} | ${v(s.median)} | ${v(s.min)} | ${v(s.max)} | ${target} | **${r.toFixed(2)}×**, ${r >= 1 ? "met" : "not met"} |`;
}

export function summaryTable(rows: readonly string[]): string {
  return ["| figure | unit | median | min | max | target | ratio to target |", "| --- | --- | ---: | ---: | ---: | --- | --- |", ...rows].join("\n");
}

export interface Report {
  /** ISO date and time the run started. */
  readonly date: string;
  readonly machine: MachineInfo;
  /** The command line as typed, e.g. "npm run bench -- --only codec". */
  readonly command: string;
  readonly runs: number;
  readonly quick: boolean;
  readonly seconds: number;
  readonly load: readonly [before: number, after: number];
  /** What this run measured. */
  readonly outputs: readonly BenchOutput[];
  /** Sections of the previous file that this run did not redo (--only), kept as they were. */
  readonly kept: readonly Section[];
}

const rank = (name: string): number => {
  const i = SECTION_ORDER.indexOf(name);
  return i < 0 ? SECTION_ORDER.length : i;
};

/** Fresh and kept sections together, in SECTION_ORDER (stable otherwise), each with its summary rows. */
function ordered(r: Report): { section: Section; rows: string[] }[] {
  const fresh = r.outputs.map((o) => ({ section: { name: o.section, text: sectionText(o) }, rows: o.figures.map((f) => summaryRow(f)) }));
  const kept = r.kept.map((s) => {
    const figs = figuresOf(s.text);
    return { section: s, rows: figs ? figs.figures.map((f) => summaryRow(f, figs.date.slice(0, 10))) : [] };
  });
  return [...fresh, ...kept].map((x, i) => ({ x, i })).sort((a, b) => rank(a.x.section.name) - rank(b.x.section.name) || a.i - b.i).map(({ x }) => x);
}

/** The whole results file. */
export function renderResults(r: Report): string {
  const m = r.machine;
  const all = ordered(r);
  const lines = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (tools/bench/all.ts): it runs every benchmark one after another, each in its own process, and rewrites this file. `npm run bench:<name>` alone replaces only its own section below; the summary is rewritten only by `npm run bench`.",
    "",
    `- Date: ${r.date.slice(0, 16).replace("T", " ")} UTC; the run took ${formatValue(r.seconds / 60, 1)} min`,
    `- Machine: ${m.cores} cores, ${m.cpu}, ${formatValue(m.ramGiB, 1)} GiB RAM, Node ${m.node}, ${m.os}`,
    `- Command: \`${r.command}\`: ${r.runs} runs of each benchmark; every figure is the median of the runs, with the lowest (min) and highest (max)`,
    `- One-minute load average: ${r.load[0].toFixed(1)} before, ${r.load[1].toFixed(1)} after`,
    ...(r.quick ? ["- **Quick smoke run**: small workloads, so these figures say nothing about the targets"] : []),
    ...(r.kept.length > 0 ? [`- Not rerun, kept from the previous file: ${r.kept.map((s) => s.name).join(", ")}`] : []),
    "",
    "## Summary",
    "",
    "Targets are those of the issues; market figures and propagation latency have none.",
    "",
    summaryTable(all.flatMap((x) => x.rows)),
  ];
  for (const { section } of all) lines.push("", `<!-- ${section.name}:start -->`, section.text.trim(), `<!-- ${section.name}:end -->`);
  return `${lines.join("\n")}\n`;
}
