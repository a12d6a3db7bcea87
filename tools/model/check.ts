// npm run models:check: every Quint model of spec/models is type checked, its `run` tests run, and its
// invariants simulated with fixed seeds (quint run --backend=typescript), each with its time, two quint
// processes at a time (MODELS_JOBS to change). To add a model, add an entry to MODELS. Exit code 1 when
// a step fails.
import { execFile } from "node:child_process";
import { availableParallelism } from "node:os";
import { join } from "node:path";

interface Simulation {
  /** The invariant (a val of the module) that must hold in every simulated state. */
  readonly invariant: string;
  readonly seed: number;
  readonly samples: number;
  readonly steps: number;
  /** The invariant is known not to hold: the run must find its counterexample (a documented property of
   *  bitshares-core's rule, spec/models/README.md), so that the model keeps showing it. */
  readonly violated?: true;
}

interface Model {
  readonly file: string;
  readonly simulations: readonly Simulation[];
}

export const MODELS: readonly Model[] = [
  {
    file: "spec/models/dpos.qnt",
    simulations: [
      { invariant: "ciInvariants", seed: 20261125, samples: 40, steps: 40 },
      { invariant: "libMonotone", seed: 1, samples: 40, steps: 40, violated: true },
    ],
  },
  {
    file: "spec/models/fork_choice.qnt",
    simulations: [
      { invariant: "allInvariants", seed: 20261125, samples: 100, steps: 40 },
      { invariant: "libMonotone", seed: 3, samples: 100, steps: 40, violated: true },
    ],
  },
  {
    file: "spec/models/election.qnt",
    simulations: [{ invariant: "inv", seed: 42, samples: 100, steps: 20 }],
  },
];

const root = join(import.meta.dirname, "..", "..");
const quint = join(root, "node_modules", ".bin", "quint");

interface Job {
  readonly label: string;
  readonly args: readonly string[];
  readonly violated: boolean;
}

export function jobsOf(models: readonly Model[]): Job[] {
  return models.flatMap((m) => [
    { label: `quint typecheck ${m.file}`, args: ["typecheck", m.file], violated: false },
    { label: `quint test ${m.file}`, args: ["test", "--backend=typescript", m.file], violated: false },
    ...m.simulations.map((s) => ({
      label: `quint run ${m.file} --invariant=${s.invariant} --seed=${s.seed} --max-samples=${s.samples} --max-steps=${s.steps}`,
      args: ["run", "--backend=typescript", `--seed=${s.seed}`, `--max-samples=${s.samples}`, `--max-steps=${s.steps}`, `--invariant=${s.invariant}`, m.file],
      violated: s.violated === true,
    })),
  ]);
}

/** Runs quint; passes when it exits 0, or, with `violated`, when it reports an invariant violation. */
function runJob(job: Job): Promise<{ ok: boolean; line: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(quint, job.args, { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
      const out = `${stdout}${stderr}`;
      const ok = job.violated ? error !== null && out.includes("[violation]") : error === null;
      resolve({ ok, line: ok ? `ok   ${job.label}${job.violated ? " (violation found, as expected)" : ""} (${took})` : `FAIL ${job.label} (${took})\n${out.slice(-3000)}` });
    });
  });
}

/** Every job, `parallel` at a time (quint is single-threaded; most of a short job is its start-up). */
export async function checkModels(models: readonly Model[] = MODELS, parallel = Math.min(2, availableParallelism())): Promise<boolean> {
  const jobs = jobsOf(models);
  const results: { ok: boolean; line: string }[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < jobs.length; i = next++) {
      results[i] = await runJob(jobs[i]!);
      console.log(results[i]!.line);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
  return results.every((r) => r.ok);
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) {
  const started = performance.now();
  const ok = await checkModels(MODELS, Number(process.env.MODELS_JOBS ?? Math.min(2, availableParallelism())));
  console.log(`${ok ? "all passed" : "FAILED"} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  process.exit(ok ? 0 : 1);
}
