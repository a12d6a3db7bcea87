// The scenario runner: every scenario under conformance/scenarios replays with all its expectations met,
// and the runner's own refusals are typed.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Json } from "../codec/index.js";
import Ajv2020 from "ajv/dist/2020.js";
import { QUERIES } from "./queries.js";
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

/** The scenario schema, with spec/protocol and spec/chain loaded under the ids its relative $refs resolve to. */
function scenarioValidator() {
  const ajv = new Ajv2020.default({ strict: false, allErrors: true, keywords: ["x-fc", "x-virtual", "x-object"] });
  for (const dir of ["protocol", "chain"]) {
    for (const f of readdirSync(join(DIR, "../../spec", dir)).filter((x) => x.endsWith(".json"))) {
      const { $id: _, ...schema } = JSON.parse(readFileSync(join(DIR, "../../spec", dir, f), "utf8")) as Record<string, unknown>;
      ajv.addSchema(schema, `https://btsref/spec/${dir}/${f}`);
    }
  }
  return ajv.compile(JSON.parse(readFileSync(join(DIR, "../../spec/scenario/scenario.schema.json"), "utf8")) as object);
}

describe("scenario schema", () => {
  const validate = scenarioValidator();
  it("accepts every conformance scenario", () => {
    const invalid = SCENARIOS.filter((f) => !validate(JSON.parse(readFileSync(join(DIR, f), "utf8"))));
    expect(invalid).toEqual([]);
  });
  it("lists exactly the queries the runner answers", () => {
    const schema = JSON.parse(readFileSync(join(DIR, "../../spec/scenario/scenario.schema.json"), "utf8")) as { $defs: { step: { properties: { query: { properties: { method: { enum: string[] } } } } } } };
    expect([...schema.$defs.step.properties.query.properties.method.enum].sort()).toEqual(Object.keys(QUERIES).sort());
  });
  it("refuses a malformed genesis and unknown keys", () => {
    expect(validate({ genesis: "database_fixture", steps: [] })).toBe(true);
    expect(validate({ genesis: { initial_timestamp: "2020-01-01T00:00:00" }, steps: [] })).toBe(false);
    expect(validate({ genesis: "mainnet", steps: [] })).toBe(false);
    expect(validate({ steps: [], extra: 1 })).toBe(false);
  });
});

describe("runner", () => {
  it("reports an unmet expectation and fails the scenario", () => {
    const { ok, lines } = replay({ steps: [{ query: { method: "get_account_balances", params: ["init0", ["1.3.0"]] }, expect: { result: [{ amount: 1, asset_id: "1.3.0" }] } }] });
    expect(ok).toBe(false);
    expect(lines[0]!.expectation_failed).toMatch(/result does not match/);
  });
  it("reads proposed operations by name and sets their fees from the schedule, like top-level ones", () => {
    const xfer = { from: "@init0", to: "@init1", amount: { amount: 1, asset_id: "#BTS" }, extensions: [] };
    const { ok, lines } = replay({ steps: [
      { generate_block: {} },
      { enable_fees: {} },
      { generate_block: {} },
      { push_transaction: { operations: [["transfer", { ...xfer, from: "@committee-account", to: "@init0", amount: { amount: 10000000000, asset_id: "#BTS" } }]] } },
      { push_transaction: { operations: [["transfer", xfer]] } },
      { push_transaction: { operations: [["proposal_create", {
        fee_paying_account: "@init0", expiration_time: "2015-05-15T15:00:00", proposed_ops: [{ op: ["transfer", xfer] }], extensions: [],
      }]] } },
    ] });
    expect(ok).toBe(true);
    const topFee = (lines[4]!.result as { operations: [number, { fee: { amount: number } }][] }).operations[0]![1].fee.amount;
    const proposal = (lines[5]!.result as { operations: [number, { fee: { amount: number }; proposed_ops: { op: [number, { fee: { amount: number } }] }[] }][] }).operations[0]![1];
    expect(topFee).toBeGreaterThan(0);
    expect(proposal.proposed_ops[0]!.op).toEqual([0, expect.objectContaining({ fee: { amount: topFee, asset_id: "1.3.0" } })]);
    expect(proposal.fee.amount).toBeGreaterThan(0);
  });

  it("$head_time±N are times relative to the head block", () => {
    const xfer = { from: "@init0", to: "@init1", amount: { amount: 1, asset_id: "#BTS" }, extensions: [] };
    const { ok, lines } = replay({ steps: [
      { generate_block: {} },
      { push_transaction: { operations: [["proposal_create", {
        fee_paying_account: "@init0", expiration_time: "$head_time+3600", proposed_ops: [{ op: ["transfer", xfer] }], extensions: [],
      }]] }, as: "p" },
      { query: { method: "get_objects", params: [["$p"]] }, expect: { result: [{ expiration_time: "2015-05-15T15:27:05" }] } },
      { push_transaction: { operations: [["proposal_create", { fee_paying_account: "@init0", expiration_time: "$head_time-1", proposed_ops: [{ op: ["transfer", xfer] }], extensions: [] }]] },
        expect: { error: { rule: "proposal_create.expiration_in_future" } } },
    ] });
    expect(lines[0]!.result).toMatchObject({ timestamp: "2015-05-15T14:27:05" });
    expect(lines.map((l) => l.expectation_failed)).toEqual([undefined, undefined, undefined, undefined]);
    expect(ok).toBe(true);
  });

  it("\"as\" saves the first of new_objects from a generic or extendable result", () => {
    const { ok, lines } = replay({ steps: [
      { generate_block: {} },
      { push_transaction: { operations: [["asset_create", {
        issuer: "@init0", symbol: "POOLSHARE", precision: 0, common_options: {
          max_supply: 1000000, market_fee_percent: 0, max_market_fee: 0, issuer_permissions: 0, flags: 0,
          core_exchange_rate: { base: { amount: 1, asset_id: "1.3.0" }, quote: { amount: 1, asset_id: "1.3.1" } },
          whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
        }, is_prediction_market: false, extensions: [],
      }]] }, as: "share" },
      { push_transaction: { operations: [["liquidity_pool_create", {
        account: "@init0", asset_a: "1.3.0", asset_b: "1.3.1", share_asset: "$share", taker_fee_percent: 0, withdrawal_fee_percent: 0, extensions: [],
      }]] }, as: "pool" },
      { query: { method: "get_objects", params: [["$pool"]] }, expect: { result: [{ id: "1.19.0", share_asset: "1.3.2" }] } },
    ] });
    expect(lines.map((l) => l.expectation_failed)).toEqual([undefined, undefined, undefined, undefined]);
    expect(ok).toBe(true);
  });

  it("pop_block undoes the head block; its transactions are gone after the next block, as in database_fixture", () => {
    const bal = (n: number) => ({ query: { method: "get_account_balances", params: ["init1", ["1.3.0"]] }, expect: { result: [{ amount: n, asset_id: "1.3.0" }] } });
    const { ok, lines } = replay({ steps: [
      { generate_block: {} },
      { push_transaction: { operations: [["transfer", { from: "@committee-account", to: "@init1", amount: { amount: 500, asset_id: "#BTS" }, extensions: [] }]] } },
      { generate_block: {} },
      bal(500),
      { pop_block: {} },
      bal(0),
      // push_block re-pushes _popped_tx as pending; the fixture's generate_block then clears pending.
      { generate_block: {} },
      bal(0),
      { generate_block: {} },
      bal(0),
      { pop_block: { count: 5 } },
      bal(0),
    ] });
    expect(lines[4]!.result).toEqual({ block_num: 2, time: "2015-05-15T14:27:05", popped_transactions: 1 });
    expect(lines[6]!.result).toMatchObject({ block_num: 3, transactions: 0 });
    expect(lines[8]!.result).toMatchObject({ block_num: 4, transactions: 0 });
    expect(lines[10]!.error).toMatchObject({ rule: "scenario.pop_block" });
    expect(lines[11]!.expectation_failed).toBeUndefined(); // the refused pop changed nothing
    expect(lines.slice(0, 10).map((l) => l.expectation_failed)).toEqual(new Array(10).fill(undefined));
    expect(ok).toBe(false);
  });

  it("sign_transaction builds a transaction to push later; push_transaction takes TaPoS fields", () => {
    const xfer = (amount: number) => ["transfer", { from: "@alice", to: "@committee-account", amount: { amount, asset_id: "#BTS" }, extensions: [] }];
    const { ok, lines } = replay({ steps: [
      { create_actors: ["alice"] },
      { push_transaction: { operations: [["transfer", { from: "@committee-account", to: "@alice", amount: { amount: 100, asset_id: "#BTS" }, extensions: [] }]] } },
      { generate_block: {} },
      { sign_transaction: { operations: [xfer(10)], signers: ["alice"], expiration_in: 3600 }, as: "later", expect: { result: { ref_block_num: 2, expiration: "2015-05-15T15:27:05" } } },
      { generate_block: {} },
      { push_signed_transaction: { transaction: "$later" } },
      { push_transaction: { operations: [xfer(1)], signers: ["alice"], ref_block_num: 0, ref_block_prefix: 0 }, expect: { result: { ref_block_num: 0, ref_block_prefix: 0 } } },
      { push_transaction: { operations: [xfer(2)], signers: ["alice"], ref_block_num: 2, ref_block_prefix: 1 }, expect: { error: { rule: "transaction.tapos" } } },
      { query: { method: "get_account_balances", params: ["alice", ["1.3.0"]] }, expect: { result: [{ amount: 89, asset_id: "1.3.0" }] } },
    ] });
    expect(lines.map((l) => l.expectation_failed)).toEqual(new Array(9).fill(undefined));
    expect(ok).toBe(true);
  });

  it("push_block pushes a hand-made block of pending transactions; refused, nothing changes", () => {
    const xfer = (amount: number) => ({ push_transaction: { operations: [["transfer", { from: "@committee-account", to: "@init1", amount: { amount, asset_id: "#BTS" }, extensions: [] }]] } });
    const bal = (n: number) => ({ query: { method: "get_account_balances", params: ["init1", ["1.3.0"]] }, expect: { result: [{ amount: n, asset_id: "1.3.0" }] } });
    const { ok, lines } = replay({ steps: [
      { generate_block: {} },
      xfer(5),
      xfer(6),
      // One unsigned transfer (36 bytes) with its [void_result] (2 more) in a block: 112 + 38 bytes.
      { set_global_parameters: { parameters: { maximum_block_size: 140 }, undo_disabled: true } },
      // skip_transaction_signatures: the fixture's transfers are unsigned.
      { push_block: { latest: 1, skip: 2 }, expect: { error: { exception: "assert_exception", rule: "block.size" } } },
      bal(11),
      { set_global_parameters: { parameters: { maximum_block_size: 2000000 }, undo_disabled: true } },
      { push_block: { latest: 1, skip: 2 }, expect: { result: { block_num: 3, transactions: 1 } } },
      // The transfer of 5 was not in the block: pushed again as pending (the 6 is known by its history object).
      bal(11),
      { generate_block: {}, expect: { result: { block_num: 4, transactions: 1, pending: 0 } } },
      bal(11),
      { query: { method: "get_global_properties", params: [] }, expect: { result: { parameters: { maximum_block_size: 2000000 } } } },
      { query: { method: "witness_participation_rate", params: [] }, expect: { result: 10000 } },
    ] });
    expect(lines.map((l) => l.expectation_failed)).toEqual(new Array(13).fill(undefined));
    expect(lines[4]!.error!.message).toMatch(/the block is 150 bytes/);
    expect(ok).toBe(true);
  });

  it("set_global_parameters made while transactions are pending is gone after the next block unless undo_disabled", () => {
    const interval = (n: number) => ({ query: { method: "get_global_properties", params: [] }, expect: { result: { parameters: { maximum_transaction_size: n } } } });
    const { ok, lines } = replay({ steps: [
      { push_transaction: { operations: [["transfer", { from: "@committee-account", to: "@init1", amount: { amount: 1, asset_id: "#BTS" }, extensions: [] }]] } },
      { set_global_parameters: { maximum_transaction_size: 3000 } },
      interval(3000),
      { generate_block: {} },
      interval(2048),
      { push_transaction: { operations: [["transfer", { from: "@committee-account", to: "@init1", amount: { amount: 1, asset_id: "#BTS" }, extensions: [] }]] } },
      { set_global_parameters: { parameters: { maximum_transaction_size: 3000 }, undo_disabled: true } },
      { generate_block: {} },
      interval(3000),
    ] });
    expect(lines.map((l) => l.expectation_failed)).toEqual(new Array(9).fill(undefined));
    expect(ok).toBe(true);
  });

  it("expectations resolve @name, #SYMBOL and $var like steps", () => {
    const { ok, lines } = replay({ steps: [
      { create_actors: ["alice"], as: "a" },
      { query: { method: "get_account_by_name", params: ["alice"] }, expect: { result: { id: "$a", name: "alice", registrar: "@committee-account" } } },
      { query: { method: "lookup_asset_symbols", params: [["BTS"]] }, expect: { result: [{ id: "#BTS" }] } },
      { query: { method: "get_account_by_name", params: ["alice"] }, expect: { result: { id: "$nope" } } },
    ] });
    expect(lines.map((l) => l.expectation_failed)).toEqual([undefined, undefined, undefined, expect.stringMatching(/expectation cannot be read: no variable \$nope/)]);
    expect(ok).toBe(false);
  });

  it("an expected null matches a missing key, and nothing else absent", () => {
    expect(matches({ a: null }, {})).toBe(true);
    expect(matches({ a: null }, { a: null })).toBe(true);
    expect(matches({ a: null }, { a: 0 })).toBe(false);
    expect(matches({ a: 0 }, {})).toBe(false);
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

  // Fuzz findings (properties/scenario.fuzz.test.ts): each input made the runner throw, or answer the
  // scenario.internal catch-all of an unexpected JavaScript exception.
  it("refuses malformed steps and step arguments with typed errors naming them", () => {
    // seed 1344178393: {"steps":[null]} threw TypeError (Object.keys(null)) out of runScenario.
    let out: ReturnType<typeof replay> | undefined;
    expect(() => { out = replay({ steps: [null, 7, [], { generate_block: {} }] }); }).not.toThrow();
    expect(out!.ok).toBe(false);
    expect(out!.lines.map((l) => [l.step, l.ok, l.error?.rule, l.error?.field])).toEqual([
      [0, false, "scenario.step", "steps[0]"], [1, false, "scenario.step", "steps[1]"], [2, false, "scenario.step", "steps[2]"], [3, true, undefined, undefined],
    ]);
    // seed 1794131442: advance_time {} (no seconds) failed converting NaN to a BigInt deep in the chain.
    const { lines } = replay({ steps: [
      { advance_time: {} },
      { advance_time: { seconds: -5 } },
      { advance_time: 2 ** 32 - 10 },
      { advance_time: 0.5 },
      { generate_blocks: { count: 1.5 } },
      { generate_block: { miss_blocks: -1 } },
      { pop_block: { count: "1" } },
      { push_transaction: { operations: [], signers: [7] } },
      { push_transaction: { operations: [], skip: -1 } },
      { push_transaction: { operations: [], ref_block_num: 65536 } },
      { push_transaction: { operations: [], expiration_in: 2 ** 33 } },
      { create_actors: ["ok", 5] },
      { generate_blocks: { until: 2 ** 32 } },
      // seed 1326253034 (BTSREF_FUZZ_RUNS=1600, "mutated as JSON"): query params that are not a list threw
      // "object is not iterable" in the query handler.
      { query: { method: "get_account_balances", params: { 0: "init0" } } },
    ] });
    expect(lines.map((l) => [l.error?.exception, l.error?.rule, l.error?.field])).toEqual([
      ["invalid_arg_exception", "scenario.argument", "steps[0].advance_time"],
      ["invalid_arg_exception", "scenario.argument", "steps[1].advance_time.seconds"],
      ["invalid_arg_exception", "scenario.time", "steps[2].advance_time"],
      ["invalid_arg_exception", "scenario.argument", "steps[3].advance_time"],
      ["invalid_arg_exception", "scenario.argument", "steps[4].generate_blocks.count"],
      ["invalid_arg_exception", "scenario.argument", "steps[5].generate_block.miss_blocks"],
      ["invalid_arg_exception", "scenario.argument", "steps[6].pop_block.count"],
      ["invalid_arg_exception", "scenario.argument", "steps[7].push_transaction.signers[0]"],
      ["invalid_arg_exception", "scenario.argument", "steps[8].push_transaction.skip"],
      ["invalid_arg_exception", "scenario.argument", "steps[9].push_transaction.ref_block_num"],
      ["invalid_arg_exception", "scenario.argument", "steps[10].push_transaction.expiration_in"],
      ["invalid_arg_exception", "scenario.argument", "steps[11].create_actors[1]"],
      ["invalid_arg_exception", "scenario.time", "steps[12].generate_blocks.until"],
      ["invalid_arg_exception", "scenario.argument", "steps[13].query.params"],
    ]);
    // A refused step changed nothing: the head is still the fixture's first block.
    expect(replay({ steps: [{ advance_time: {} }, { query: { method: "get_dynamic_global_properties" } }] }).lines[1]!.result).toMatchObject({ head_block_number: 1 });
  });

  it("refuses arguments nested deeper than the codec reads, without exhausting the stack", () => {
    // scenario.fuzz "real scenarios mutated as JSON" (nest mutation, 5000 levels): a step argument or the
    // steps themselves nested 5000 deep overflowed the stack in resolve() (and in the error message).
    let deep: Json = "@init0";
    for (let i = 0; i < 5000; i++) deep = [deep];
    let steps: Json = [];
    for (let i = 0; i < 5000; i++) steps = [steps];
    let out: ReturnType<typeof replay>[] = [];
    expect(() => { out = [replay({ steps: [{ query: { method: "get_objects", params: [deep] } }] }), replay({ steps })]; }).not.toThrow();
    expect(out[0]!.lines[0]!.error).toMatchObject({ exception: "invalid_arg_exception", rule: "scenario.depth" });
    expect(out[1]!.lines[0]!.error).toMatchObject({ exception: "invalid_arg_exception", rule: "scenario.step", field: "steps[0]" });
  });
  it("matches numbers and numeric strings as integers and objects by the keys given", () => {
    expect(matches({ a: 1 }, { a: "1", b: 2 })).toBe(true);
    expect(matches([1, 2], [1])).toBe(false);
    expect(matches({ a: { b: "x" } }, { a: { b: "y" } })).toBe(false);
  });
});
