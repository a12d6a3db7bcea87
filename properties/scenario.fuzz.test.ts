// Fuzzing the scenario runner (src/scenario/run.ts runScenario, what `btsref scenario run` calls once the
// file is JSON): random JSON, and the opening steps of real scenarios from conformance/scenarios mutated
// as JSON (a field deleted, a value of another kind, a number out of range, a huge string, deep nesting)
// or as a scenario (steps dropped, repeated, swapped, given another step's kind). The runner never throws,
// answers exactly one line per step (or one line for a scenario it cannot start), and every refusal is a
// typed error: a bitshares-core exception with its code, a rule and a field, never the "scenario.internal"
// catch-all that an unexpected JavaScript exception becomes.
import fc from "fast-check";
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Json } from "../src/codec/index.js";
import { EXCEPTION_CODES } from "../src/protocol/errors.js";
import { type StepOutput, runScenario } from "../src/scenario/run.js";
import { fuzzRuns, mutateJson, mutation } from "./fuzz_inputs.js";

/** A scenario starts a chain fixture (about 0.3 s): an eighth of the runs. */
const RUNS = fuzzRuns(8, 6);
/** Steps kept from each real scenario: enough for actors, transactions, blocks and queries. */
const STEPS = 8;

const DIR = "conformance/scenarios";
const files = readdirSync(DIR, { recursive: true }).map(String).filter((f) => f.endsWith(".json")).sort();
const sources: Json[] = files.map((f) => {
  const s = JSON.parse(readFileSync(`${DIR}/${f}`, "utf8")) as Record<string, Json>;
  return { ...s, steps: (s["steps"] as Json[]).slice(0, STEPS) };
});

const STEP_KINDS = [
  "push_transaction", "sign_transaction", "push_signed_transaction", "push_block", "generate_block", "generate_blocks", "pop_block",
  "advance_time", "enable_fees", "change_fees", "set_global_parameters", "create_actors", "query",
];

type Obj = Record<string, Json>;
const isObj = (j: Json | undefined): j is Obj => j !== null && typeof j === "object" && !Array.isArray(j);

/** Scenario-level edits: the steps of a real scenario rearranged, or a step's kind renamed. */
type StepEdit = { op: "drop" | "repeat" | "kind"; at: number; other: number };
const stepEdit: fc.Arbitrary<StepEdit> = fc.record({ op: fc.constantFrom("drop" as const, "repeat" as const, "kind" as const), at: fc.nat(), other: fc.nat() });

function editSteps(s: Json, e: StepEdit): Json {
  if (!isObj(s) || !Array.isArray(s["steps"]) || s["steps"].length === 0) return s;
  const steps = [...s["steps"]];
  const i = e.at % steps.length;
  switch (e.op) {
    case "drop": steps.splice(i, 1); break;
    case "repeat": steps.splice(e.other % (steps.length + 1), 0, steps[i]!); break;
    case "kind": {
      const step = steps[i];
      if (!isObj(step)) break;
      const kind = Object.keys(step).find((k) => k !== "expect" && k !== "as" && k !== "comment");
      if (kind === undefined) break;
      const { [kind]: arg, ...rest } = step;
      steps[i] = { ...rest, [STEP_KINDS[e.other % STEP_KINDS.length]!]: arg! };
      break;
    }
  }
  return { ...s, steps };
}

/**
 * Whether running `s` stays cheap: no long runs of blocks (generate_blocks of more than a few blocks, or
 * with every intermediate block produced). Large counts are valid input that takes long, not bad input.
 */
function cheap(s: Json): boolean {
  if (!isObj(s) || !Array.isArray(s["steps"])) return true;
  return s["steps"].every((step) => {
    if (!isObj(step)) return true;
    for (const kind of ["generate_blocks", "advance_time", "pop_block"]) {
      const a = step[kind];
      if (!isObj(a)) continue;
      const count = a["count"];
      if (typeof count === "number" && count > 30) return false;
      if (a["miss_intermediate"] === false) return false;
    }
    return true;
  });
}

/** runScenario's outputs for `s`: it returns normally, with one line per step, each ok or a typed error. */
function checkRun(s: Json): void {
  const lines: StepOutput[] = [];
  let ok: boolean | undefined;
  expect(() => { ok = runScenario(s, (l) => lines.push(l)); }).not.toThrow();
  expect(typeof ok).toBe("boolean");
  const steps = isObj(s) && Array.isArray(s["steps"]) ? s["steps"] : undefined;
  if (lines.length === 1 && lines[0]!.step === -1) expect(ok).toBe(false);
  else expect(lines.map((l) => l.step)).toEqual(steps!.map((_, i) => i));
  for (const l of lines) {
    // The output is one JSON line: nothing in it fails to stringify (a bigint, a cycle).
    expect(() => JSON.stringify(l)).not.toThrow();
    if (l.ok) continue;
    const e = l.error!;
    expect(e.rule, `step ${l.step} (${l.kind}): ${e.message}`).not.toBe("scenario.internal");
    expect(EXCEPTION_CODES[e.exception as keyof typeof EXCEPTION_CODES]).toBe(e.code);
    expect(e.rule).toMatch(/^[a-z_0-9]+\.[a-z_0-9.]+$/);
    expect(typeof e.field).toBe("string");
  }
}

describe("scenario runner", () => {
  const source = fc.constantFrom(...sources);

  it("random JSON is refused with a typed error or runs", () => {
    const stepsOf = fc.array(fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom(...STEP_KINDS, "expect", "as"), fc.jsonValue(), { maxKeys: 2 })), { maxLength: 4 });
    const scenario = fc.oneof(fc.jsonValue(), fc.record({ steps: stepsOf }), fc.record({ genesis: fc.jsonValue(), steps: stepsOf })) as fc.Arbitrary<Json>;
    fc.assert(fc.property(scenario, (s) => {
      fc.pre(cheap(s));
      checkRun(s);
    }), { numRuns: RUNS });
  });

  it("real scenarios mutated as JSON run to typed errors, never a throw", () => {
    fc.assert(fc.property(source, fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.nat(3), (s, ms, where) => {
      // Mostly inside the steps; sometimes anywhere (the genesis, the description, the steps' container).
      const mutated = where > 0 ? { ...(s as Obj), steps: ms.reduce(mutateJson, (s as Obj)["steps"]!) } : ms.reduce(mutateJson, s);
      fc.pre(cheap(mutated));
      checkRun(mutated);
    }), { numRuns: RUNS });
  });

  it("real scenarios with steps dropped, repeated or renamed run to typed errors, never a throw", () => {
    fc.assert(fc.property(source, fc.array(stepEdit, { minLength: 1, maxLength: 4 }), (s, es) => {
      const edited = es.reduce(editSteps, s);
      fc.pre(cheap(edited));
      checkRun(edited);
    }), { numRuns: RUNS });
  });
});
