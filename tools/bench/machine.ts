// Machine description, statistics and result-file plumbing shared by the benchmark scripts.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { availableParallelism, cpus, release, totalmem, type } from "node:os";

/** bench/RESULTS.md, wherever the script is started from. */
export const RESULTS_FILE = new URL("../../bench/RESULTS.md", import.meta.url).pathname;

export function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? "unknown CPU"}, Node ${process.version}, ${process.platform}/${process.arch}`;
}

/** What the header of bench/RESULTS.md says of the machine. */
export interface MachineInfo {
  readonly cores: number;
  readonly cpu: string;
  readonly ramGiB: number;
  readonly node: string;
  readonly os: string;
}

export function machineInfo(): MachineInfo {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? "unknown CPU",
    ramGiB: totalmem() / 2 ** 30,
    node: process.version,
    os: `${type()} ${release()} ${process.platform}/${process.arch}`,
  };
}

export interface Stats {
  median: number;
  min: number;
  max: number;
}

/** Median (the mean of the two middle values for an even count), min and max; xs must not be empty. */
export function stats(xs: readonly number[]): Stats {
  if (xs.length === 0) throw new Error("stats of no values");
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { median: s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2, min: s[0]!, max: s[s.length - 1]! };
}

/** Runs f repeatedly for about `ms` milliseconds; returns calls per second. */
export function throughput(f: () => void, ms: number): number {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 16; i++) f();
    n += 16;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

const HEADER = "# Benchmark results\n\nWritten by `npm run bench` (every benchmark, with a summary); each `npm run bench:<name>` replaces only its own section.\n";

/** Replaces the section between `<!-- name:start -->` and `<!-- name:end -->` in `file` (appended if absent). */
export function writeSection(file: string, name: string, body: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const text = existsSync(file) ? readFileSync(file, "utf8") : HEADER;
  const block = `${start}\n${body.trim()}\n${end}`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  const next = i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + end.length) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
