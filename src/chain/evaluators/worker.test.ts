// worker_create (worker_evaluator.cpp) on the database_fixture chain, and database::pay_workers (db_maint.cpp)
// with each worker type's pay_worker (worker_evaluator.cpp), run on a session over that chain.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { ChainFixture, publicKeyOfSeed } from "../../scenario/fixture.js";
import { run } from "../gen.js";
import { CORE_DYNAMIC_DATA_ID, DYNAMIC_GLOBAL_PROPERTY_ID, Session } from "../session.js";
import { Chain } from "./misc_ops_test_support.js";
import { payWorkers } from "./worker.js";

const COMMITTEE = "1.2.0";
const NULL_ACCOUNT = "1.2.3";
const DAY = 86400;
const core = (amount: number | bigint): T.Asset => ({ amount: BigInt(amount), asset_id: "1.3.0" });

function setup(lifetime = true) {
  const c = new Chain();
  const alice = c.createAccount("alice");
  if (lifetime) c.upgradeToLifetime(alice);
  return { f: c.f, alice };
}

const workerCreate = (owner: string, begin: number, initializer: T.WorkerInitializer, dailyPay = 1000n, end = begin + 2 * DAY): T.Operation =>
  [34, { fee: core(0), owner, work_begin_date: begin, work_end_date: end, daily_pay: dailyPay, name: "w", url: "u", initializer }];

const create = (f: ChainFixture, op: T.Operation): string => f.pushOk([op]).operation_results[0]![1] as string;

/** Refused with (exception, rule, field), the pending state untouched. */
function expectRefused(f: ChainFixture, ops: T.Operation[], expected: [string, string, string]): void {
  const before = f.state;
  const r = f.push(ops);
  expect(E.isLeft(r) ? [r.left.exception, r.left.rule, r.left.field] : "accepted").toEqual(expected);
  expect(f.state).toBe(before);
}

describe("worker_create refusals (worker_create_evaluator::do_evaluate)", () => {
  it("refuses an owner that is not a lifetime member", () => {
    const { f, alice } = setup(false);
    expectRefused(f, [workerCreate(alice, f.now() + 10, [0, {}])], ["assert_exception", "worker_create.lifetime_member", "operations[0][1].owner"]);
  });

  it("refuses a begin date before the head block time (operation_tests2.cpp worker_create_test: head - 10)", () => {
    const { f, alice } = setup();
    expectRefused(f, [workerCreate(alice, f.now() - 10, [0, {}])], ["assert_exception", "worker_create.begin_not_past", "operations[0][1].work_begin_date"]);
    expectRefused(f, [workerCreate(alice, f.now() - 1, [0, {}])], ["assert_exception", "worker_create.begin_not_past", "operations[0][1].work_begin_date"]);
  });

  it("accepts a begin date equal to the head block time", () => {
    const { f, alice } = setup();
    expect(create(f, workerCreate(alice, f.now(), [2, {}]))).toBe("1.14.0");
  });

  it("refuses an unknown owner (worker_create_test: account_id_type(1000))", () => {
    const { f } = setup();
    expectRefused(f, [workerCreate("1.2.1000", f.now() + 10, [0, {}])], ["assert_exception", "database.object_exists", "operations[0][1].owner"]);
  });
});

describe("worker_create objects (worker_create_evaluator::do_apply)", () => {
  const shape = (alice: string, begin: number, worker: T.WorkerType, voteFor: number): T.WorkerObject => ({
    id: "1.14.0", worker_account: alice, work_begin_date: begin, work_end_date: begin + 2 * DAY, daily_pay: 1000n, worker,
    vote_for: `2:${voteFor}`, vote_against: `2:${voteFor + 1}`, total_votes_for: 0n, total_votes_against: 0n, name: "w", url: "u",
  });

  it("a refund worker holds total_burned 0, takes vote ids 2:20 then 2:21 (genesis's witnesses and committee members hold 0..19)", () => {
    const { f, alice } = setup();
    const begin = f.now() + 10;
    expect(f.gpo().next_available_vote_id).toBe(20);
    const id = create(f, workerCreate(alice, begin, [0, {}]));
    expect(f.get<T.WorkerObject>(id)).toEqual(shape(alice, begin, [0, { total_burned: 0n }], 20));
    expect(f.gpo().next_available_vote_id).toBe(22);
    expect(f.find("1.13.0")).toBeUndefined();
  });

  it("a burn worker holds total_burned 0", () => {
    const { f, alice } = setup();
    const begin = f.now() + 10;
    const id = create(f, workerCreate(alice, begin, [2, {}]));
    expect(f.get<T.WorkerObject>(id)).toEqual(shape(alice, begin, [2, { total_burned: 0n }], 20));
    expect(f.find("1.13.0")).toBeUndefined();
  });

  it("a vesting worker gets an empty worker vesting balance with a cdd policy of its pay_vesting_period_days", () => {
    const { f, alice } = setup();
    const begin = f.now() + 10;
    const id = create(f, workerCreate(alice, begin, [1, { pay_vesting_period_days: 7 }]));
    expect(f.get<T.WorkerObject>(id)).toEqual(shape(alice, begin, [1, { balance: "1.13.0" }], 20));
    expect(f.get<T.VestingBalanceObject>("1.13.0")).toEqual({
      id: "1.13.0", owner: alice, balance: core(0), balance_type: "worker",
      policy: [1, { vesting_seconds: 7 * DAY, start_claim: 0, coin_seconds_earned: 0n, coin_seconds_earned_last_update: f.now() }],
    });
  });

  it("a second worker takes the next two vote ids", () => {
    const { f, alice } = setup();
    create(f, workerCreate(alice, f.now() + 10, [0, {}]));
    const id = create(f, workerCreate(alice, f.now() + 10, [2, {}]));
    expect(id).toBe("1.14.1");
    expect(f.get<T.WorkerObject>(id)).toMatchObject({ vote_for: "2:22", vote_against: "2:23" });
  });
});

describe("pay_workers", () => {
  /** Workers beginning at the head block time, with the given votes for; the last budget `passed` seconds ago. */
  function payroll(workers: readonly (readonly [T.WorkerInitializer, bigint, bigint?])[], passed: number) {
    const { f, alice } = setup();
    const ids = workers.map(([init, , pay]) => create(f, workerCreate(alice, f.now(), init, pay ?? 1000n)));
    const s = new Session(f.state);
    const now = s.headBlockTime();
    ids.forEach((id, i) => s.modify<T.WorkerObject>(id, (w) => ({ ...w, total_votes_for: workers[i]![1] })));
    s.modify<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID, (d) => ({ ...d, last_budget_time: now - passed }));
    return { s, ids, now, alice };
  }
  const pay = (s: Session, budget: bigint): bigint => {
    const r = run(payWorkers(s, budget));
    if (E.isLeft(r)) throw new Error(r.left.message);
    return r.right;
  };
  const burned = (s: Session, id: string): bigint => (s.get<T.WorkerObject>(id).worker[1] as T.RefundWorkerType).total_burned;
  const supply = (s: Session): bigint => s.get<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID).current_supply;

  it("pays daily_pay pro rata for the time since the last budget, rounding down (1000 for half a day: 500; 1001: 500)", () => {
    const { s, ids } = payroll([[[0, {}], 5n], [[0, {}], 4n, 1001n]], DAY / 2);
    expect(pay(s, 10_000n)).toBe(9_000n);
    expect([burned(s, ids[0]!), burned(s, ids[1]!)]).toEqual([500n, 500n]);
  });

  it("pays the most approved first, equal approval by lower id, until the budget runs out", () => {
    // approvals 10, 30, 30 and a full day: 1.14.1 (30, lower id) gets 1000, 1.14.2 (30) the remaining 200, 1.14.0 nothing.
    const { s, ids } = payroll([[[0, {}], 10n], [[0, {}], 30n], [[0, {}], 30n]], DAY);
    expect(pay(s, 1200n)).toBe(0n);
    expect(ids.map((id) => burned(s, id))).toEqual([0n, 1000n, 200n]);
  });

  it("pays nothing to workers without positive approving stake, not yet begun, or ended", () => {
    const { f, alice } = setup();
    const later = create(f, workerCreate(alice, f.now() + 10, [0, {}]));
    const ended = create(f, workerCreate(alice, f.now(), [0, {}]));
    const unvoted = create(f, workerCreate(alice, f.now(), [0, {}]));
    const against = create(f, workerCreate(alice, f.now(), [0, {}]));
    const s = new Session(f.state);
    const now = s.headBlockTime();
    s.modify<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID, (d) => ({ ...d, last_budget_time: now - DAY }));
    s.modify<T.WorkerObject>(later, (w) => ({ ...w, total_votes_for: 100n }));
    s.modify<T.WorkerObject>(ended, (w) => ({ ...w, total_votes_for: 100n, work_end_date: now - 1 }));
    s.modify<T.WorkerObject>(against, (w) => ({ ...w, total_votes_for: 5n, total_votes_against: 5n }));
    const before = supply(s);
    expect(pay(s, 5000n)).toBe(5000n);
    expect([later, ended, unvoted, against].map((id) => burned(s, id))).toEqual([0n, 0n, 0n, 0n]);
    expect(supply(s)).toBe(before);
  });

  it("a worker ending exactly now is still paid (is_active: now <= work_end_date)", () => {
    const { s, ids, now } = payroll([[[0, {}], 1n]], DAY);
    s.modify<T.WorkerObject>(ids[0]!, (w) => ({ ...w, work_end_date: now }));
    expect(pay(s, 5000n)).toBe(4000n);
    expect(burned(s, ids[0]!)).toBe(1000n);
  });

  it("a refund worker lowers current_supply by its pay and counts it in total_burned", () => {
    const { s, ids } = payroll([[[0, {}], 1n]], DAY);
    const before = supply(s);
    expect(pay(s, 700n)).toBe(0n);
    expect(burned(s, ids[0]!)).toBe(700n);
    expect(supply(s)).toBe(before - 700n);
  });

  it("a burn worker pays the null account 1.2.3 and counts it in total_burned; the supply is unchanged", () => {
    const { s, ids } = payroll([[[2, {}], 1n]], DAY);
    const before = supply(s);
    const nullBalance = (): bigint => [...s.db.all<T.AccountBalanceObject>(2, 5)].find((b) => b.owner === NULL_ACCOUNT && b.asset_type === "1.3.0")?.balance ?? 0n;
    expect(nullBalance()).toBe(0n);
    expect(pay(s, 5000n)).toBe(4000n);
    expect(burned(s, ids[0]!)).toBe(1000n);
    expect(nullBalance()).toBe(1000n);
    expect(supply(s)).toBe(before);
  });

  it("a vesting worker's pay is deposited into its balance (cdd: coin-seconds brought up to now, none for the new funds)", () => {
    const { s, ids, now } = payroll([[[1, { pay_vesting_period_days: 1 }], 1n]], DAY);
    const before = supply(s);
    expect(pay(s, 5000n)).toBe(4000n);
    expect(s.get<T.WorkerObject>(ids[0]!).worker).toEqual([1, { balance: "1.13.0" }]);
    expect(s.get<T.VestingBalanceObject>("1.13.0")).toMatchObject({
      balance: core(1000), policy: [1, { vesting_seconds: DAY, start_claim: 0, coin_seconds_earned: 0n, coin_seconds_earned_last_update: now }],
    });
    expect(supply(s)).toBe(before);
  });

  it("pays nothing with no time since the last budget, and stops at a zero budget", () => {
    const { s, ids } = payroll([[[0, {}], 1n]], 0);
    expect(pay(s, 100n)).toBe(100n);
    expect(burned(s, ids[0]!)).toBe(0n);
    const again = payroll([[[0, {}], 1n]], DAY);
    expect(pay(again.s, 0n)).toBe(0n);
    expect(burned(again.s, again.ids[0]!)).toBe(0n);
  });
});

describe("workers paid at maintenance (process_budget)", () => {
  it("a refund worker voted for with a charged ticket's stake is paid pro rata out of the 5e10 worker budget", () => {
    const { f, alice } = setup();
    f.pushOk([[0, { fee: core(0), from: COMMITTEE, to: alice, amount: core(100_000), extensions: [] }]]);
    // ticket_create lock_180_days: worth nothing while liquid (core-2262's v2 multipliers), 2x once charged after 15 days.
    f.pushOk([[57, { fee: core(0), account: alice, target_type: 1n, amount: core(100_000), extensions: [] }]]);
    f.generateBlocksUntil(f.now() + 15 * DAY + 60);
    const key = publicKeyOfSeed("alice");
    const id = create(f, workerCreate(alice, f.now() + 10, [0, {}]));
    f.pushOk([[6, { fee: core(0), account: alice, new_options: { memo_key: key, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: ["2:20"], extensions: [] }, extensions: {} }]]);
    // operation_tests2.cpp refund_worker_test: reserving half the maximum supply funds the budget.
    f.pushOk([[15, { fee: core(0), payer: COMMITTEE, amount_to_reserve: core(500_000_000_000_000n), extensions: [] }]]);
    const supplyBefore = f.get<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID).current_supply;
    const lastBudget = f.dgpo().last_budget_time;
    f.generateBlocksUntil(f.dgpo().next_maintenance_time);
    // The 15-day jump was one block (missed slots), at 14:28:05, whose maintenance set last_budget_time; the next
    // maintenance is at midnight: 34315 s later, so the day's 1000 pays 1000 * 34315 / 86400 = 397.
    expect(f.now() - lastBudget).toBe(34315);
    expect(f.get<T.WorkerObject>(id)).toMatchObject({ total_votes_for: 200_000n, total_votes_against: 0n, worker: [0, { total_burned: 397n }] });
    const records = [...f.state.all<T.BudgetRecordObject>(2, 13)];
    const rec = records[records.length - 1]!.record;
    // worker_budget_per_day 50000000000 * 86400 s to the next maintenance / 86400; 397 of it paid.
    expect([rec.time_since_last_budget, rec.worker_budget, rec.leftover_worker_funds]).toEqual([34315n, 50_000_000_000n, 49_999_999_603n]);
    // supply_delta: the witness budget plus the 397 paid (no fees, and no witness budget left from the previous
    // maintenance, which had no reserve to fund one); the refund took the 397 out of the supply again.
    expect(rec.supply_delta).toBe(rec.witness_budget + 397n);
    expect(f.get<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID).current_supply).toBe(supplyBefore + rec.supply_delta - 397n);
  });
});
