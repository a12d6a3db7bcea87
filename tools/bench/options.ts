// Command-line options of `npm run bench` (tools/bench/all.ts) and the environment each benchmark runs in.
import { resolve } from "node:path";
import { either as E } from "fp-ts";

/** The benchmarks, in the order they run: each is `npm run bench:<name>`. */
export const BENCHES = ["codec", "sig", "chain", "market", "node"] as const;
export type BenchName = (typeof BENCHES)[number];

export interface Options {
  /** Runs of each benchmark (BENCH_ROUNDS of its script). */
  readonly runs: number;
  /** Small workloads, as a smoke test. */
  readonly quick: boolean;
  /** The benchmarks to run, in BENCHES order. */
  readonly only: readonly BenchName[];
  /** The file written (absolute). */
  readonly out: string;
}

export const USAGE = `usage: npm run bench -- [--runs N] [--only codec,sig,chain,market,node] [--quick] [--out FILE]
  --runs N   runs of each benchmark (default 3; at least 3 for bench/RESULTS.md)
  --only     run these benchmarks only; the file keeps the other sections it has
  --quick    small workloads, a smoke test; written to --out (default: $TMPDIR/btsref-bench-quick.md), never bench/RESULTS.md
  --out FILE the file to rewrite (default bench/RESULTS.md)`;

/** Parses the arguments; `results` is bench/RESULTS.md, `quickOut` where --quick writes by default. */
export function parseArgs(argv: readonly string[], paths: { results: string; quickOut: string }): E.Either<string, Options> {
  let runs = 3;
  let quick = false;
  let only: BenchName[] = [...BENCHES];
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf("=");
    const [flag, inline] = arg.startsWith("--") && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case "--quick":
        quick = true;
        break;
      case "--runs": {
        const v = value();
        if (v === undefined || !/^[1-9][0-9]*$/.test(v)) return E.left(`--runs takes a positive integer, not ${v ?? "nothing"}`);
        runs = Number(v);
        break;
      }
      case "--only": {
        const names = (value() ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
        const unknown = names.filter((n) => !(BENCHES as readonly string[]).includes(n));
        if (names.length === 0 || unknown.length > 0) return E.left(`--only takes names among ${BENCHES.join(", ")}; got ${unknown.join(", ") || "none"}`);
        only = BENCHES.filter((b) => names.includes(b));
        break;
      }
      case "--out": {
        const v = value();
        if (v === undefined || v === "") return E.left("--out takes a file name");
        out = resolve(v);
        break;
      }
      default:
        return E.left(`unknown argument ${arg}`);
    }
  }
  const file = out ?? (quick ? resolve(paths.quickOut) : resolve(paths.results));
  if (file === resolve(paths.results)) {
    if (quick) return E.left("--quick results never go into bench/RESULTS.md: give another --out");
    if (runs < 3) return E.left("bench/RESULTS.md takes the median of at least 3 runs: --runs 3 or more (or another --out)");
  }
  return E.right({ runs, quick, only, out: file });
}

/** The small workloads of --quick, per benchmark (each script's own variables). */
export const QUICK_ENV: Readonly<Record<BenchName, Readonly<Record<string, string>>>> = {
  codec: { BENCH_ROUND_MS: "100" },
  sig: { BENCH_SIG_COUNT: "2000", BENCH_SIG_NOBLE_COUNT: "60" },
  chain: { BENCH_CYCLES: "2000" },
  market: { BENCH_BOOK: "2000", BENCH_CALLS: "200" },
  node: { BENCH_TXS: "200", BENCH_BLOCKS: "3", BENCH_BLOCK_TXS: "20" },
};

/**
 * The environment of one benchmark's process: the parent's without any BENCH_* variable (so that a stray
 * BENCH_CYCLES or BENCH_BATCH cannot shrink a full run), then the run count, the JSON result path and, with
 * --quick, the small workload.
 */
export function childEnv(name: BenchName, o: Options, parent: NodeJS.ProcessEnv, json: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(parent)) if (!k.startsWith("BENCH_")) env[k] = v;
  return { ...env, ...(o.quick ? QUICK_ENV[name] : {}), BENCH_ROUNDS: String(o.runs), BENCH_JSON: json };
}
