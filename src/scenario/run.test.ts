// The scenario runner: every scenario under conformance/scenarios replays with all its expectations met,
// and the runner's own refusals are typed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Json } from "../codec/index.js";
import { type StepOutput, matches, runScenario } from "./run.js";

const DIR = join(import.meta.dirname, "../../conformance/scenarios");

function replay(scenario: Json): { ok: boolean; lines: StepOutput[] } {
  const lines: StepOutput[] = [];
  const ok = runScenario(scenario, (l) => lines.push(l));
  return { ok, lines };
}

// Scenarios live in folders named after the bitshares-core test file they port.
const SCENARIOS = (readdirSync(DIR, { recursive: true }) as string[]).filter((f) => f.endsWith(".json")).sort();

describe("conformance scenarios", () => {
  it("finds the scenarios", () => expect(SCENARIOS.length).toBeGreaterThan(0));
  for (const file of SCENARIOS) {
    it(file, () => {
      const { ok, lines } = replay(JSON.parse(readFileSync(join(DIR, file), "utf8")) as Json);
      expect(lines.filter((l) => l.expectation_failed !== undefined)).toEqual([]);
      expect(ok).toBe(true);
    });
  }
});

describe("runner", () => {
  it("reports an unmet expectation and fails the scenario", () => {
    const { ok, lines } = replay({ steps: [{ query: { method: "get_account_balances", params: ["init0", ["1.3.0"]] }, expect: { result: [{ amount: 1, asset_id: "1.3.0" }] } }] });
    expect(ok).toBe(false);
    expect(lines[0]!.expectation_failed).toMatch(/result does not match/);
  });
  it("refuses unknown names, operations, steps and queries with typed errors", () => {
    const { lines } = replay({ steps: [
      { push_transaction: { operations: [["transfer", { from: "@nobody", to: "@init0", amount: { amount: 1, asset_id: "#BTS" }, extensions: [] }]] } },
      { push_transaction: { operations: [["no_such_op", {}]] } },
      { fly: {} },
      { query: { method: "get_everything" } },
    ] });
    expect(lines.map((l) => l.error?.rule)).toEqual(["scenario.unknown_account", "scenario.unknown_operation", "scenario.unknown_step", "scenario.unknown_query"]);
    expect(lines[0]!.error!.field).toBe("steps[0].push_transaction.operations[0][1].from");
  });
  it("matches numbers and numeric strings as integers and objects by the keys given", () => {
    expect(matches({ a: 1 }, { a: "1", b: 2 })).toBe(true);
    expect(matches([1, 2], [1])).toBe(false);
    expect(matches({ a: { b: "x" } }, { a: { b: "y" } })).toBe(false);
  });
});
