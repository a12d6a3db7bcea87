// Machine description and result-file plumbing shared by the benchmark scripts.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { cpus } from "node:os";

export function machine(): string {
  const c = cpus();
  return `${c.length} × ${c[0]?.model.trim() ?? "unknown CPU"}, Node ${process.version}, ${process.platform}/${process.arch}`;
}

export interface Stats {
  median: number;
  min: number;
  max: number;
}

export function stats(xs: number[]): Stats {
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

const HEADER = "# Benchmark results\n\nWritten by the bench scripts (`npm run bench:*`); each section is replaced when its script runs.\n";

/** Replaces the section between `<!-- name:start -->` and `<!-- name:end -->` in bench/RESULTS.md. */
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
