// Model-based tests of src/consensus: traces of spec/models/dpos.qnt (made here by quint with a fixed seed,
// and the counterexamples kept in spec/models/traces) replayed on the implementation, which must agree with
// the model at every step (dpos_replay.ts says what is compared).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { either as E } from "fp-ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ItfTrace, type ItfValue, decodeItfTrace } from "./itf.js";
import { type ReplayReport, replayDposTrace } from "./dpos_replay.js";

const root = join(import.meta.dirname, "..", "..");
const traceDir = join(root, "spec", "models", "traces");

function load(file: string): ItfTrace {
  const t = decodeItfTrace(JSON.parse(readFileSync(file, "utf8")));
  if (E.isLeft(t)) throw new Error(`${file}: ${t.left.path}: ${t.left.message}`);
  return t.right;
}

function replayed(trace: ItfTrace): ReplayReport {
  const r = replayDposTrace(trace);
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));
  return r.right;
}

type Rec = { readonly [f: string]: ItfValue };
/** The previous block id of an implementation block made during the replay. */
const blockPrevious = (report: ReplayReport, id: string): string | undefined => report.previous.get(id);
const eventOf = (s: { readonly [v: string]: ItfValue }) => s.event as Rec;

describe("dpos.qnt traces made by quint run (seed 42, 4 traces of 40 steps)", () => {
  let dir = "";
  let traces: ItfTrace[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "dpos-traces-"));
    execFileSync(join(root, "node_modules", ".bin", "quint"), [
      "run", "--backend=typescript", "--seed=42", "--max-samples=4", "--n-traces=4", "--max-steps=40", "--invariant=ciInvariants",
      `--out-itf=${join(dir, "t_{seq}.itf.json")}`, join(root, "spec", "models", "dpos.qnt"),
    ], { stdio: "ignore" });
    traces = readdirSync(dir).sort().map((f) => load(join(dir, f)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("are four traces that exercise production, delivery, equivocation and fork switches", () => {
    expect(traces).toHaveLength(4);
    const events = traces.flatMap((t) => t.states.map(eventOf));
    expect(events.filter((e) => e.kind === "deliver").length).toBeGreaterThan(10);
    // an equivocation: one slot made two blocks by one witness
    expect(events.some((e) => e.kind === "slot" && (e.made as ItfValue[]).length === 2)).toBe(true);
  });

  it("each replays on the implementation with every node equal to the model at every step", () => {
    let switches = 0;
    for (const t of traces) {
      const report = replayed(t);
      expect(report.steps).toBe(t.states.length);
      // a node whose head moved to a block not extending its previous head switched forks
      for (let k = 1; k < report.observed.length; k++) {
        for (const [i, [num, id]] of report.observed[k]!.entries()) {
          const [prevNum, prevId] = report.observed[k - 1]![i]!;
          const parentNum = num - 1;
          if (id !== prevId && !(parentNum === prevNum && blockPrevious(report, id) === prevId)) switches++;
        }
      }
    }
    expect(switches).toBeGreaterThan(0);
  });

  it("a trace whose LIB or schedule was changed is caught at the changed step", () => {
    const t = traces[0]!;
    const k = t.states.length - 1;
    const last = t.states[k]!;
    const head0 = ((last.headOf as ItfValue[]).find((kv) => (kv as ItfValue[])[0] === 0n) as ItfValue[])[1];
    const tamper = (field: "lib" | "sched") => ({
      ...t,
      states: t.states.map((s, j) => j !== k ? s : {
        ...s,
        blocks: (s.blocks as ItfValue[]).map((kv) => {
          const [id, b] = kv as [ItfValue, Rec];
          if (id !== head0) return kv;
          const changed = field === "lib" ? { ...b, lib: (b.lib as bigint) + 1n } : { ...b, sched: [...(b.sched as ItfValue[])].reverse() };
          return [id, changed];
        }),
      }),
    });
    const lib = replayDposTrace(tamper("lib"));
    expect(E.isLeft(lib) && lib.left).toMatchObject({ step: k, node: 0, field: "last_irreversible_block_num" });
    const sched = replayDposTrace(tamper("sched"));
    expect(E.isLeft(sched) && sched.left).toMatchObject({ step: k, node: 0, field: "current_shuffled_witnesses" });
  });
});

describe("dpos.qnt counterexamples (spec/models/traces), replayed on the implementation", () => {
  it("dpos_lib_decrease: a node's LIB goes down when it switches to a longer branch, in the model and in the implementation", () => {
    const report = replayed(load(join(traceDir, "dpos_lib_decrease.itf.json")));
    const drops = report.observed.slice(1).flatMap((row, k) => row.filter(([, , lib], i) => lib < report.observed[k]![i]![2]));
    expect(drops.length).toBeGreaterThan(0);
  });

  it("dpos_safety_violation: two honest nodes hold different irreversible blocks at one height, in the model and in the implementation", () => {
    const trace = load(join(traceDir, "dpos_safety_violation.itf.json"));
    const report = replayed(trace);
    const byHeight = new Map<number, Set<string>>();
    for (const row of report.observed) for (const [i, [, , lib, libId]] of row.entries()) if (i !== 3) byHeight.set(lib, (byHeight.get(lib) ?? new Set()).add(libId));
    expect([...byHeight.values()].some((ids) => ids.size > 1)).toBe(true);
  });
});
