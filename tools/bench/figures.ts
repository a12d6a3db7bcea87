// The machine-readable result of one benchmark script: its headline figures (every run's value, so that
// `npm run bench` takes median, min and max itself) and its section of bench/RESULTS.md. With BENCH_JSON=path
// a script writes this as JSON to `path` (for tools/bench/all.ts) instead of touching bench/RESULTS.md.
import { writeFileSync } from "node:fs";
import { RESULTS_FILE, machine, writeSection } from "./machine.js";

/** A target from the issues: the median must be at least (or at most) `value`. */
export interface Target {
  readonly kind: "at least" | "at most";
  readonly value: number;
  /** Where the target is stated, e.g. "issue 8". */
  readonly source: string;
}

export interface Figure {
  /** Stable id, e.g. "chain.overall". */
  readonly id: string;
  /** What is measured, with its workload, e.g. "chain: one_hundred_k_benchmark, 1,000,000 ops, ops/s". */
  readonly label: string;
  /** Printed after values: "tx/s", "×", "ms", ... */
  readonly unit: string;
  /** Decimals printed. */
  readonly digits: number;
  /** One value per run (at least one). */
  readonly runs: readonly number[];
  readonly target?: Target;
}

export interface BenchOutput {
  /** The npm script, e.g. "bench:codec". */
  readonly script: string;
  /** The section's marker name in bench/RESULTS.md. */
  readonly section: string;
  /** The section's markdown (detail tables), without the figures comment. */
  readonly body: string;
  /** ISO date and time of the run. */
  readonly date: string;
  readonly machine: string;
  readonly figures: readonly Figure[];
}

/** One benchmark's result, with `date` and `machine` filled in. */
export function output(script: string, section: string, body: string, figures: readonly Figure[]): BenchOutput {
  return { script, section, body, date: new Date().toISOString(), machine: machine(), figures };
}

const COMMENT = "<!-- figures ";

/** The section text: the body, then the figures as a one-line HTML comment (invisible when rendered) so that
 *  `npm run bench --only ...` can list a section it did not rerun in its summary. */
export function sectionText(o: BenchOutput): string {
  return `${o.body.trim()}\n\n${COMMENT}${JSON.stringify({ script: o.script, date: o.date, figures: o.figures })} -->`;
}

/** The figures comment of a section's text, if it has one that parses. */
export function figuresOf(text: string): { script: string; date: string; figures: Figure[] } | undefined {
  const i = text.lastIndexOf(COMMENT);
  if (i < 0) return undefined;
  const j = text.indexOf(" -->", i);
  if (j < 0) return undefined;
  try {
    const v = JSON.parse(text.slice(i + COMMENT.length, j)) as { script?: unknown; date?: unknown; figures?: unknown };
    if (typeof v.script !== "string" || typeof v.date !== "string" || !Array.isArray(v.figures)) return undefined;
    return { script: v.script, date: v.date, figures: v.figures as Figure[] };
  } catch {
    return undefined;
  }
}

/**
 * What every script does at its end: prints the section; with BENCH_JSON writes the JSON there (and leaves
 * bench/RESULTS.md alone); otherwise replaces its own section of bench/RESULTS.md when `write` (the
 * script's own rule: full workload, enough runs).
 */
export function emit(o: BenchOutput, write: boolean): void {
  console.log(o.body);
  const json = process.env.BENCH_JSON;
  if (json) writeFileSync(json, JSON.stringify(o, null, 1));
  else if (write) writeSection(RESULTS_FILE, o.section, sectionText(o));
}
