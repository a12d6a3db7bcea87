// `btsref conformance run`: every vector file under a directory replayed on a target; a report line per
// vector, a progress bar on stderr when it is a terminal, and a summary.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { type Difference, compare } from "./compare.js";
import { KINDS, type Kind, type Vector, type VectorFile, VectorFileError, parseVectorFile } from "./format.js";
import type { Target } from "./targets.js";

export interface LoadedFile {
  readonly path: string;
  readonly file: VectorFile;
}

/** Every .json file under `dir` (sorted), read as a vector file; JSON files without `format` (other
 *  fixtures kept beside the vectors) are listed in `ignored`. */
export function loadVectorFiles(dir: string): { files: LoadedFile[]; ignored: string[] } {
  const paths: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch (e) {
      throw new VectorFileError(d, "", `cannot read the directory: ${(e as Error).message}`);
    }
    for (const n of names) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith(".json")) paths.push(p);
    }
  };
  walk(dir);
  const files: LoadedFile[] = [];
  const ignored: string[] = [];
  for (const p of paths) {
    const name = relative(dir, p);
    const f = parseVectorFile(name, readFileSync(p, "utf8"));
    if (f === undefined) ignored.push(name);
    else files.push({ path: name, file: f });
  }
  return { files, ignored };
}

export type Outcome =
  | { readonly id: string; readonly status: "pass" }
  | { readonly id: string; readonly status: "skip"; readonly reason: string }
  | { readonly id: string; readonly status: "fail"; readonly differences: readonly Difference[]; readonly error?: string };

export interface RunReport {
  readonly outcomes: readonly Outcome[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly ignored: readonly string[];
}

export interface RunOptions {
  readonly filter?: Kind;
  /** Called after each vector with (done, total). */
  readonly progress?: (done: number, total: number) => void;
}

export function parseKind(s: string | undefined): Kind | undefined {
  if (s === undefined) return undefined;
  if (!(KINDS as readonly string[]).includes(s)) throw new VectorFileError("--filter", "", `unknown kind ${JSON.stringify(s)}; kinds: ${KINDS.join(", ")}`);
  return s as Kind;
}

export async function runVectors(target: Target, files: readonly LoadedFile[], ignored: readonly string[], options: RunOptions = {}): Promise<RunReport> {
  const jobs: { vector: Vector; file: VectorFile }[] = files
    .filter((f) => options.filter === undefined || f.file.kind === options.filter)
    .flatMap((f) => f.file.vectors.map((vector) => ({ vector, file: f.file })));
  const outcomes: Outcome[] = [];
  let n = 0;
  for (const { vector, file } of jobs) {
    const setup = "pre_state" in vector ? file.setups?.[vector.pre_state.setup] : undefined;
    const a = await target.ask({ id: ++n, kind: vector.kind, vector, ...(setup ? { setup } : {}) });
    if ("skip" in a) outcomes.push({ id: vector.id, status: "skip", reason: a.skip });
    else if ("error" in a) outcomes.push({ id: vector.id, status: "fail", differences: [], error: a.error });
    else {
      const d = compare(vector, a.result);
      outcomes.push(d.length === 0 ? { id: vector.id, status: "pass" } : { id: vector.id, status: "fail", differences: d });
    }
    options.progress?.(n, jobs.length);
  }
  const count = (s: Outcome["status"]) => outcomes.filter((o) => o.status === s).length;
  return { outcomes, passed: count("pass"), failed: count("fail"), skipped: count("skip"), ignored };
}

const show = (v: unknown): string => {
  const s = v === undefined ? "(absent)" : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}...` : s;
};

export function formatReport(target: string, r: RunReport): string {
  const lines = r.outcomes.map((o) => {
    if (o.status === "pass") return `PASS ${o.id}`;
    if (o.status === "skip") return `SKIP ${o.id}: ${o.reason}`;
    if (o.error !== undefined) return `FAIL ${o.id}: ${o.error}`;
    return `FAIL ${o.id}\n${o.differences.map((d) => `  ${d.path}: expected ${show(d.expected)}, got ${show(d.actual)}`).join("\n")}`;
  });
  for (const f of r.ignored) lines.push(`NOTE ${f}: not a conformance vector file (no "format"), not run`);
  lines.push(`conformance ${target}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped of ${r.outcomes.length} vectors`);
  return lines.join("\n");
}

/** A one-line progress bar for a terminal. */
export function progressBar(stream: NodeJS.WriteStream): (done: number, total: number) => void {
  return (done, total) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    stream.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}${done === total ? "\n" : ""}`);
  };
}
