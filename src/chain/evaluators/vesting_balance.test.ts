// vesting_balance_create / vesting_balance_withdraw (vesting_balance_evaluator.cpp) on the database_fixture chain.
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { Chain, asset, core } from "./misc_ops_test_support.js";

const DAY = 86400;

const createOp = (creator: string, owner: string, amount: T.Asset, policy: T.VestingPolicyInitializer): T.Operation =>
  [32, { fee: core(0), creator, owner, amount, policy }];
const withdrawOp = (vesting_balance: string, owner: string, amount: T.Asset): T.Operation =>
  [33, { fee: core(0), vesting_balance, owner, amount }];
const cdd = (vesting_seconds: number, start_claim = 0): T.VestingPolicyInitializer => [1, { vesting_seconds, start_claim }];

/** A chain with alice and bob, alice holding 100000 core (operation_tests.cpp vesting_balance_create_test). */
function setup(): { c: Chain; alice: string; bob: string } {
  const c = new Chain();
  const alice = c.createAccount("alice");
  const bob = c.createAccount("bob");
  c.transfer("1.2.0", alice, core(100000));
  return { c, alice, bob };
}

describe("vesting_balance_create", () => {
  it("refuses a missing owner or creator (operation_tests.cpp vesting_balance_create_test: account_id_type(1234))", () => {
    const { c, alice } = setup();
    c.expectRefused([createOp(alice, "1.2.1234", core(1000), cdd(DAY))],
      { exception: "assert_exception", rule: "database.object_exists", field: "operations[0][1].owner" });
    c.expectRefused([createOp("1.2.1234", alice, core(1000), cdd(DAY))],
      { exception: "assert_exception", rule: "database.object_exists", field: "operations[0][1].creator" });
  });

  it("refuses a missing asset", () => {
    const { c, alice } = setup();
    c.expectRefused([createOp(alice, alice, asset(1, "1.3.99"), cdd(DAY))],
      { exception: "assert_exception", rule: "database.object_exists", field: "operations[0][1].amount.asset_id" });
  });

  it("refuses more than the creator holds, when debiting it in do_apply (vesting_balance_create_test: 999999999)", () => {
    const { c, alice } = setup();
    c.expectRefused([createOp(alice, alice, core(999999999), cdd(DAY))],
      { exception: "assert_exception", rule: "database.adjust_balance.sufficient", field: "operations[0][1].amount.amount" });
    c.expectRefused([createOp(alice, alice, core(100001), cdd(DAY))],
      { exception: "assert_exception", rule: "database.adjust_balance.sufficient", field: "operations[0][1].amount.amount" });
  });

  it("refuses a transfer_restricted asset", () => {
    const { c, alice } = setup();
    const uia = c.createUia("RESTRICT", "1.2.0", 0x08);
    c.issue(alice, asset(500, uia));
    c.expectRefused([createOp(alice, alice, asset(100, uia), cdd(DAY))],
      { exception: "assert_exception", rule: "vesting_balance_create.not_transfer_restricted", field: "operations[0][1].amount.asset_id" });
  });

  it("creates a cdd balance for the creator or another owner, debiting the creator (vesting_balance_create_test)", () => {
    const { c, alice, bob } = setup();
    const now = c.now();
    const r1 = c.result(createOp(alice, alice, core(1000), cdd(DAY)));
    const r2 = c.result(createOp(alice, bob, core(1000), cdd(DAY, now + 10)));
    expect([r1, r2]).toEqual([[1, "1.13.0"], [1, "1.13.1"]]);
    expect(c.get<T.VestingBalanceObject>("1.13.0")).toEqual({
      id: "1.13.0", owner: alice, balance: core(1000), balance_type: "unspecified",
      policy: [1, { vesting_seconds: DAY, start_claim: 0, coin_seconds_earned: 0n, coin_seconds_earned_last_update: now }],
    });
    expect(c.get<T.VestingBalanceObject>("1.13.1")).toEqual({
      id: "1.13.1", owner: bob, balance: core(1000), balance_type: "unspecified",
      policy: [1, { vesting_seconds: DAY, start_claim: now + 10, coin_seconds_earned: 0n, coin_seconds_earned_last_update: now }],
    });
    expect(c.balance(alice)).toBe(98000n);
    expect(c.balance(bob)).toBe(0n);
  });

  it("initializes a linear policy with the amount as begin_balance, and an instant policy", () => {
    const { c, alice } = setup();
    const now = c.now();
    c.result(createOp(alice, alice, core(300), [0, { begin_timestamp: now + 5, vesting_cliff_seconds: 10, vesting_duration_seconds: 60 }]));
    c.result(createOp(alice, alice, core(7), [2, {}]));
    expect(c.get<T.VestingBalanceObject>("1.13.0").policy).toEqual([0, { begin_timestamp: now + 5, vesting_cliff_seconds: 10, vesting_duration_seconds: 60, begin_balance: 300n }]);
    expect(c.get<T.VestingBalanceObject>("1.13.1")).toEqual({ id: "1.13.1", owner: alice, balance: core(7), policy: [2, {}], balance_type: "unspecified" });
    expect(c.balance(alice)).toBe(100000n - 307n);
  });

  it("needs both creator and owner authorized for a whitelisted asset (operation_tests.cpp vesting_balance_create_asset_auth_test, after core-973)", () => {
    const { c, alice, bob } = setup();
    const cindy = c.createAccount("cindy");
    const uia = c.createUia("TESTUIA", "1.2.0", 0x01);
    c.issue(alice, asset(10000, uia));
    c.issue(bob, asset(10000, uia));
    const op = createOp(alice, alice, asset(100, uia), cdd(DAY));
    const op2 = createOp(alice, bob, asset(100, uia), cdd(DAY));
    const op3 = createOp(bob, alice, asset(100, uia), cdd(DAY));
    const op4 = createOp(bob, bob, asset(100, uia), cdd(DAY));
    // Without a whitelist everything is accepted.
    c.pushOk([op, op2, op3, op4]);
    // The whitelist is managed by bob, who lists himself only.
    const options = c.get<T.AssetObject>(uia).options;
    c.pushOk([[11, { fee: core(0), issuer: "1.2.0", asset_to_update: uia, new_options: { ...options, flags: 0x01 | 0x02, whitelist_authorities: [bob] }, extensions: {} }]]);
    c.upgradeToLifetime(bob);
    c.whitelist(bob, bob);
    c.expectRefused([op], { exception: "assert_exception", rule: "vesting_balance_create.creator_authorized", field: "operations[0][1].creator" });
    c.expectRefused([op2], { exception: "assert_exception", rule: "vesting_balance_create.creator_authorized", field: "operations[0][1].creator" });
    c.expectRefused([op3], { exception: "assert_exception", rule: "vesting_balance_create.owner_authorized", field: "operations[0][1].owner" });
    c.pushOk([op4]);
    c.whitelist(bob, alice);
    c.pushOk([op, op2, op3, op4]);
    c.expectRefused([createOp(alice, cindy, asset(100, uia), cdd(DAY))],
      { exception: "assert_exception", rule: "vesting_balance_create.owner_authorized", field: "operations[0][1].owner" });
    // alice created op and op2 in both batches (4 x 100); bob op3 and op4 in both, and op4 alone once (5 x 100).
    expect(c.balance(alice, uia)).toBe(10000n - 4n * 100n);
    expect(c.balance(bob, uia)).toBe(10000n - 5n * 100n);
  });
});

describe("vesting_balance_withdraw", () => {
  /** operation_tests.cpp vesting_balance_withdraw_test: alice holds 1000000 core; cdd balances of 10000
   *  with vesting_seconds 1000; spin_vbo_clock moves coin_seconds_earned_last_update back. */
  function withdrawSetup() {
    const c = new Chain();
    const alice = c.createAccount("alice");
    const bob = c.createAccount("bob");
    const uia = c.createUia("TESTUIA", "1.2.0", 0x01);
    c.transfer("1.2.0", alice, core(1000000));
    const create = (elapsed: number): string => {
      const id = c.result(createOp(alice, alice, core(10000), cdd(1000)))[1] as string;
      spin(id, elapsed);
      return id;
    };
    const spin = (id: string, dt: number) =>
      c.modify<T.VestingBalanceObject>(id, (v) => {
        const p = v.policy[1] as T.CddVestingPolicy;
        return { ...v, policy: [1, { ...p, coin_seconds_earned_last_update: p.coin_seconds_earned_last_update - dt }] };
      });
    const topUp = () => {
      if (c.balance(alice) < 1000000n) c.transfer("1.2.0", alice, core(1000000n - c.balance(alice)));
    };
    return { c, alice, bob, uia, create, spin, topUp };
  }
  const tooMuch = { exception: "assert_exception", rule: "vesting_balance_withdraw.allowed", field: "operations[0][1].amount.amount" };

  it("refuses a missing balance, another owner, another asset, and more than vested (1/1000 per second)", () => {
    const { c, alice, bob, uia, create, spin } = withdrawSetup();
    c.expectRefused([withdrawOp("1.13.7", alice, core(1))],
      { exception: "assert_exception", rule: "database.object_exists", field: "operations[0][1].vesting_balance" });
    const vb = create(0);
    expect(c.balance(alice)).toBe(990000n);
    c.expectRefused([withdrawOp(vb, alice, core(1))], tooMuch);
    spin(vb, 1);
    c.expectRefused([withdrawOp(vb, alice, core(11))], tooMuch);
    c.expectRefused([withdrawOp(vb, bob, core(1))], { exception: "assert_exception", rule: "vesting_balance_withdraw.owner", field: "operations[0][1].owner" });
    c.expectRefused([withdrawOp(vb, alice, asset(1, uia))],
      { exception: "assert_exception", rule: "vesting_balance_withdraw.same_asset", field: "operations[0][1].amount.asset_id" });
    c.pushOk([withdrawOp(vb, alice, core(10))]);
    expect(c.balance(alice)).toBe(990010n);
    // cdd bookkeeping: 10000 coin-seconds accrued over 1 s, 10 * 1000 spent at withdrawal.
    expect(c.get<T.VestingBalanceObject>(vb)).toEqual({
      id: vb, owner: alice, balance: core(9990), balance_type: "unspecified",
      policy: [1, { vesting_seconds: 1000, start_claim: 0, coin_seconds_earned: 0n, coin_seconds_earned_last_update: c.now() }],
    });
  });

  it("releases exactly the vested amount after 999, 1000 and 123456 seconds (vesting_balance_withdraw_test)", () => {
    const { c, alice, create, topUp } = withdrawSetup();
    const cases: [number, bigint][] = [[999, 9990n], [1000, 10000n], [123456, 10000n]];
    for (const [elapsed, max] of cases) {
      topUp();
      const vb = create(elapsed);
      expect(c.balance(alice)).toBe(990000n);
      c.expectRefused([withdrawOp(vb, alice, core(max + 1n))], tooMuch);
      c.pushOk([withdrawOp(vb, alice, core(max))]);
      expect(c.balance(alice)).toBe(990000n + max);
    }
  });

  it("withdraws in three maximal installments: 5000 after 500 s, 2000 after 400 more, 3000 after 1000 more (vesting_balance_withdraw_test)", () => {
    const { c, alice, create, spin } = withdrawSetup();
    const vb = create(0);
    c.expectRefused([withdrawOp(vb, alice, core(1))], tooMuch);
    spin(vb, 499);
    c.expectRefused([withdrawOp(vb, alice, core(5000))], tooMuch);
    spin(vb, 1);
    c.expectRefused([withdrawOp(vb, alice, core(5001))], tooMuch);
    c.pushOk([withdrawOp(vb, alice, core(5000))]);
    expect(c.balance(alice)).toBe(995000n);
    spin(vb, 399);
    c.expectRefused([withdrawOp(vb, alice, core(2000))], tooMuch);
    spin(vb, 1);
    c.expectRefused([withdrawOp(vb, alice, core(2001))], tooMuch);
    c.pushOk([withdrawOp(vb, alice, core(2000))]);
    expect(c.balance(alice)).toBe(997000n);
    spin(vb, 999);
    c.expectRefused([withdrawOp(vb, alice, core(3000))], tooMuch);
    spin(vb, 1);
    c.expectRefused([withdrawOp(vb, alice, core(3001))], tooMuch);
    c.pushOk([withdrawOp(vb, alice, core(3000))]);
    expect(c.balance(alice)).toBe(1000000n);
    // The emptied balance object is kept.
    expect(c.get<T.VestingBalanceObject>(vb).balance).toEqual(core(0));
  });

  it("a zero-second cdd balance releases everything one block later (operation_tests2.cpp zero_second_vbo)", () => {
    const c = new Chain();
    const alice = c.createAccount("alice");
    c.transfer("1.2.0", alice, core(1000));
    const vb = c.result(createOp(alice, alice, core(500), cdd(0)))[1] as string;
    c.expectRefused([withdrawOp(vb, alice, core(1))], tooMuch);
    c.generateBlock();
    c.pushOk([withdrawOp(vb, alice, core(500))]);
    expect(c.balance(alice)).toBe(1000n);
  });

  it("a linear balance refuses another asset and releases all after its duration (operation_tests2.cpp vbo_withdraw_different)", () => {
    const c = new Chain();
    const alice = c.createAccount("alice");
    const izzy = c.createAccount("izzy");
    const stuff = c.createUia("STUFF", izzy, 0);
    c.issue(alice, asset(1000, stuff));
    const begin = c.now();
    const vb = c.result(createOp(alice, alice, asset(100, stuff), [0, { begin_timestamp: begin, vesting_cliff_seconds: 30, vesting_duration_seconds: 30 }]))[1] as string;
    // Before the cliff nothing is released.
    c.generateBlock();
    c.expectRefused([withdrawOp(vb, alice, asset(1, stuff))], tooMuch);
    c.generateBlocksUntil(begin + 30);
    expect(c.now()).toBe(begin + 30);
    c.expectRefused([withdrawOp(vb, alice, core(100))],
      { exception: "assert_exception", rule: "vesting_balance_withdraw.same_asset", field: "operations[0][1].amount.asset_id" });
    c.expectRefused([withdrawOp(vb, alice, asset(101, stuff))], tooMuch);
    c.pushOk([withdrawOp(vb, alice, asset(100, stuff))]);
    expect(c.balance(alice, stuff)).toBe(1000n);
    expect(c.get<T.VestingBalanceObject>(vb).balance).toEqual(asset(0, stuff));
  });

  it("a linear balance vests proportionally between cliff and duration", () => {
    const c = new Chain();
    const alice = c.createAccount("alice");
    c.transfer("1.2.0", alice, core(1000));
    const begin = c.now();
    const vb = c.result(createOp(alice, alice, core(1000), [0, { begin_timestamp: begin, vesting_cliff_seconds: 20, vesting_duration_seconds: 300 }]))[1] as string;
    c.generateBlocksUntil(begin + 15);
    c.expectRefused([withdrawOp(vb, alice, core(1))], tooMuch);
    c.generateBlocksUntil(begin + 30);
    // 1000 * 30 / 300 = 100 vested.
    c.expectRefused([withdrawOp(vb, alice, core(101))], tooMuch);
    c.pushOk([withdrawOp(vb, alice, core(60))]);
    // withdrawn_already counts: 100 - 60 left.
    c.expectRefused([withdrawOp(vb, alice, core(41))], tooMuch);
    c.pushOk([withdrawOp(vb, alice, core(40))]);
    expect(c.get<T.VestingBalanceObject>(vb).balance).toEqual(core(900));
  });

  it("an instant balance releases everything at once, and the fee can come from what is withdrawn", () => {
    const c = new Chain();
    const alice = c.createAccount("alice");
    c.transfer("1.2.0", alice, core(50));
    const vb = c.result(createOp(alice, alice, core(50), [2, {}]))[1] as string;
    expect(c.balance(alice)).toBe(0n);
    c.expectRefused([withdrawOp(vb, alice, core(51))], tooMuch);
    // evaluator.hpp takes the fee after do_apply: a fee of 20 is paid out of the 50 withdrawn.
    c.pushOk([[33, { fee: core(20), vesting_balance: vb, owner: alice, amount: core(50) }]]);
    expect(c.balance(alice)).toBe(30n);
  });
});
