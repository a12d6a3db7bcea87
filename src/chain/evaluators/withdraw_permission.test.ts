// withdraw_permission_create/update/claim/delete (withdraw_permission_evaluator.cpp) on the database_fixture
// chain, with the cases of operation_tests2.cpp withdraw_permission_*.
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { Chain, asset, core } from "./misc_ops_test_support.js";
import { availableThisPeriod, permissionExpiration } from "./withdraw_permission.js";

const HOUR = 3600;
const PERMIT = "1.12.0";

interface CreateFields {
  withdraw_from_account: string;
  authorized_account: string;
  withdrawal_limit: T.Asset;
  withdrawal_period_sec: number;
  periods_until_expiration: number;
  period_start_time: number;
}
const createOp = (f: CreateFields): T.Operation => [25, { fee: core(0), ...f }];
const claimOp = (withdraw_from_account: string, withdraw_to_account: string, amount_to_withdraw: T.Asset, withdraw_permission = PERMIT): T.Operation =>
  [27, { fee: core(0), withdraw_permission, withdraw_from_account, withdraw_to_account, amount_to_withdraw }];

/** operation_tests2.cpp withdraw_permission_create: nathan (1000 core) lets dan take 5 core per hour for 5
 *  hours, from 5 blocks after the head block. */
function created() {
  const c = new Chain();
  const nathan = c.createAccount("nathan");
  const dan = c.createAccount("dan");
  c.transfer("1.2.0", nathan, core(1000));
  c.generateBlock();
  const start = c.now() + 5 * 5;
  const fields: CreateFields = {
    withdraw_from_account: nathan, authorized_account: dan, withdrawal_limit: core(5), withdrawal_period_sec: HOUR,
    periods_until_expiration: 5, period_start_time: start,
  };
  return { c, nathan, dan, start, fields };
}
function withPermit() {
  const x = created();
  expect(x.c.result(createOp(x.fields), { signers: ["nathan"] })).toEqual([1, PERMIT]);
  return x;
}
const permit = (c: Chain): T.WithdrawPermissionObject => c.get(PERMIT);

describe("withdraw_permission_create", () => {
  it("refuses a missing asset or authorized account, a start not after now, a period shorter than a block (withdraw_permission_create)", () => {
    const { c, fields } = created();
    const field = (f: string) => `operations[0][1].${f}`;
    c.expectRefused([createOp({ ...fields, withdrawal_limit: asset(10, "1.3.10") })],
      { exception: "assert_exception", rule: "withdraw_permission_create.asset_exists", field: field("withdrawal_limit.asset_id") });
    c.expectRefused([createOp({ ...fields, authorized_account: "1.2.1000" })],
      { exception: "assert_exception", rule: "withdraw_permission_create.authorized_exists", field: field("authorized_account") });
    c.expectRefused([createOp({ ...fields, period_start_time: 10000 })],
      { exception: "assert_exception", rule: "withdraw_permission_create.period_start_time", field: field("period_start_time") });
    c.expectRefused([createOp({ ...fields, period_start_time: c.now() })],
      { exception: "assert_exception", rule: "withdraw_permission_create.period_start_time", field: field("period_start_time") });
    c.expectRefused([createOp({ ...fields, withdrawal_period_sec: 1 })],
      { exception: "assert_exception", rule: "withdraw_permission_create.period_length", field: field("withdrawal_period_sec") });
    // The withdrawing account pays the fee, so the pipeline finds it missing first.
    c.expectRefused([createOp({ ...fields, withdraw_from_account: "1.2.1000" })],
      { exception: "assert_exception", rule: "database.object_exists", field: field("withdraw_from_account") });
  });

  it("computes the expiration in 32-bit arithmetic, refusing one that wraps to the past", () => {
    const { c, fields } = created();
    // 1 * (2^32 - 30) added to a start 25 s ahead wraps to 5 s before the head block time.
    const wrapped = { ...fields, periods_until_expiration: 1, withdrawal_period_sec: 2 ** 32 - 30 };
    expect(permissionExpiration(wrapped.period_start_time, 1, 2 ** 32 - 30)).toBe(c.now() - 5);
    c.expectRefused([createOp(wrapped)],
      { exception: "assert_exception", rule: "withdraw_permission_create.expiration", field: "operations[0][1].periods_until_expiration" });
    // 65536 * 65536 wraps to 0: the permission expires when it starts, which is still in the future.
    expect(c.result(createOp({ ...fields, periods_until_expiration: 65536, withdrawal_period_sec: 65536 }))).toEqual([1, PERMIT]);
    expect(permit(c).expiration).toBe(fields.period_start_time);
  });

  it("creates the permission object (withdraw_permission_test's first checks)", () => {
    const { c, nathan, dan, start } = withPermit();
    expect(permit(c)).toEqual({
      id: PERMIT, withdraw_from_account: nathan, authorized_account: dan, withdrawal_limit: core(5), withdrawal_period_sec: HOUR,
      period_start_time: start, expiration: start + 5 * HOUR, claimed_this_period: 0n,
    });
  });
});

describe("withdraw_permission_claim", () => {
  const field = (f: string) => `operations[0][1].${f}`;

  it("refuses claims before the first period, from the wrong permission or accounts, above the period's limit (withdraw_permission_test)", () => {
    const { c, nathan, dan, start } = withPermit();
    c.expectRefused([claimOp(nathan, dan, core(1))],
      { exception: "assert_exception", rule: "withdraw_permission_claim.period_started", field: field("withdraw_permission") });
    c.generateBlocksUntil(start);
    expect(c.now()).toBe(start);
    c.expectRefused([claimOp(nathan, dan, core(1), "1.12.5")],
      { exception: "assert_exception", rule: "database.object_exists", field: field("withdraw_permission") });
    c.expectRefused([claimOp("1.2.0", dan, core(1))],
      { exception: "assert_exception", rule: "withdraw_permission_claim.withdraw_from_account", field: field("withdraw_from_account") });
    c.expectRefused([claimOp(nathan, "1.2.0", core(1))],
      { exception: "assert_exception", rule: "withdraw_permission_claim.withdraw_to_account", field: field("withdraw_to_account") });
    const overLimit = { exception: "assert_exception", rule: "withdraw_permission_claim.within_limit", field: field("amount_to_withdraw.amount") };
    c.expectRefused([claimOp(nathan, dan, core(10))], overLimit);
    c.expectRefused([claimOp(nathan, dan, core(6))], overLimit);
    c.pushOk([claimOp(nathan, dan, core(1))]);
    // Would be legal alone, but 1 was claimed this period.
    c.expectRefused([claimOp(nathan, dan, core(5))], overLimit);
    c.pushOk([claimOp(nathan, dan, core(1))]);
    expect([c.balance(nathan), c.balance(dan)]).toEqual([998n, 2n]);
    expect(permit(c)).toMatchObject({ period_start_time: start, claimed_this_period: 2n, expiration: start + 5 * HOUR });
    // The period moves lazily: only a claim updates period_start_time.
    c.generateBlocksUntil(start + HOUR);
    expect(permit(c).period_start_time).toBe(start);
    expect(availableThisPeriod(permit(c), c.now())).toBe(5n);
    // nathan keeps 1: a claim of 5 is within the limit but not covered.
    c.transfer(nathan, dan, core(997));
    c.expectRefused([claimOp(nathan, dan, core(5))],
      { exception: "assert_exception", rule: "withdraw_permission_claim.sufficient_balance", field: field("amount_to_withdraw.amount") });
    c.pushOk([claimOp(nathan, dan, core(1))]);
    expect([c.balance(nathan), c.balance(dan)]).toEqual([0n, 1000n]);
    expect(permit(c)).toMatchObject({ period_start_time: start + HOUR, claimed_this_period: 1n, expiration: start + 5 * HOUR });
    c.transfer(dan, nathan, core(1000));
    // At its expiration the block removes the permission (database::update_withdraw_permissions).
    c.generateBlocksUntil(start + 5 * HOUR);
    expect(c.find(PERMIT)).toBeUndefined();
    c.expectRefused([claimOp(nathan, dan, core(5))],
      { exception: "assert_exception", rule: "database.object_exists", field: field("withdraw_permission") });
  });

  it("refuses an expired permission still in the database", () => {
    const { c, nathan, dan, start } = withPermit();
    c.generateBlocksUntil(start);
    c.modify<T.WithdrawPermissionObject>(PERMIT, (p) => ({ ...p, expiration: c.now() }));
    c.expectRefused([claimOp(nathan, dan, core(1))],
      { exception: "assert_exception", rule: "withdraw_permission_claim.not_expired", field: field("withdraw_permission") });
  });

  it("refuses another asset than the permission's (asset comparison)", () => {
    const { c, nathan, dan, start } = withPermit();
    const uia = c.createUia("OTHER", "1.2.0");
    c.issue(nathan, asset(100, uia));
    c.generateBlocksUntil(start);
    c.expectRefused([claimOp(nathan, dan, asset(1, uia))],
      { exception: "assert_exception", rule: "withdraw_permission_claim.same_asset", field: field("amount_to_withdraw.asset_id") });
  });

  it("claims the full limit in each of the five periods (withdraw_permission_nominal_case)", () => {
    const { c, nathan, dan, start } = withPermit();
    c.generateBlocksUntil(start);
    let claims = 0;
    while (c.find(PERMIT) !== undefined) {
      c.pushOk([claimOp(nathan, dan, core(5))]);
      claims++;
      expect(permit(c).claimed_this_period).toBe(5n);
      expect(availableThisPeriod(permit(c), c.now())).toBe(0n);
      c.generateBlocksUntil(permit(c).period_start_time + HOUR);
    }
    expect(claims).toBe(5);
    expect([c.balance(nathan), c.balance(dan)]).toEqual([975n, 25n]);
  });

  it("tracks claimed_this_period across periods: 4, 1, 0, 5, 3 (withdraw_permission_incremental_case)", () => {
    const { c, nathan, dan, start } = withPermit();
    c.generateBlocksUntil(start);
    const pattern = [4n, 1n, 0n, 5n, 3n];
    for (const [i, amount] of pattern.entries()) {
      expect(availableThisPeriod(permit(c), c.now())).toBe(5n);
      if (amount > 0n) {
        c.pushOk([claimOp(nathan, dan, core(amount))]);
        expect(permit(c)).toMatchObject({ period_start_time: start + i * HOUR, claimed_this_period: amount });
        expect(availableThisPeriod(permit(c), c.now())).toBe(5n - amount);
      }
      c.generateBlocksUntil(start + (i + 1) * HOUR);
    }
    expect(c.find(PERMIT)).toBeUndefined();
    expect([c.balance(nathan), c.balance(dan)]).toEqual([987n, 13n]);
  });

  it("needs both accounts authorized for a whitelisted asset (withdraw_permission_whitelist_asset_test, bitshares-core #942)", () => {
    const c = new Chain();
    const nathan = c.createAccount("nathan");
    const dan = c.createAccount("dan");
    const izzy = c.createAccount("izzy");
    const uia = c.createUia("ADVANCED", izzy, 0x02);
    c.issue(nathan, asset(1000, uia));
    const options = c.get<T.AssetObject>(uia).options;
    c.pushOk([[11, { fee: core(0), issuer: izzy, asset_to_update: uia, new_options: { ...options, whitelist_authorities: [izzy] }, extensions: {} }]]);
    c.upgradeToLifetime(izzy);
    c.whitelist(izzy, dan);
    c.pushOk([createOp({
      withdraw_from_account: nathan, authorized_account: dan, withdrawal_limit: asset(5, uia), withdrawal_period_sec: HOUR,
      periods_until_expiration: 5, period_start_time: c.now() + 1,
    })]);
    c.generateBlock();
    c.expectRefused([claimOp(nathan, dan, asset(5, uia))],
      { exception: "assert_exception", rule: "withdraw_permission_claim.from_authorized", field: field("withdraw_from_account") });
    // Listing nathan and delisting dan moves the refusal to the receiver.
    c.whitelist(izzy, nathan);
    c.whitelist(izzy, dan, 0);
    c.expectRefused([claimOp(nathan, dan, asset(5, uia))],
      { exception: "assert_exception", rule: "withdraw_permission_claim.to_authorized", field: field("withdraw_to_account") });
    c.whitelist(izzy, dan);
    c.pushOk([claimOp(nathan, dan, asset(5, uia))]);
    expect([c.balance(nathan, uia), c.balance(dan, uia)]).toEqual([995n, 5n]);
  });

  it("moves a transfer_restricted asset only when its issuer is a party", () => {
    const c = new Chain();
    const nathan = c.createAccount("nathan");
    const dan = c.createAccount("dan");
    const izzy = c.createAccount("izzy");
    const uia = c.createUia("RESTRICT", izzy, 0x08);
    c.issue(nathan, asset(1000, uia));
    c.issue(izzy, asset(1000, uia));
    const grant = (from: string, to: string) => createOp({
      withdraw_from_account: from, authorized_account: to, withdrawal_limit: asset(5, uia), withdrawal_period_sec: HOUR,
      periods_until_expiration: 5, period_start_time: c.now() + 1,
    });
    c.pushOk([grant(nathan, dan), grant(izzy, dan)]);
    c.generateBlock();
    c.expectRefused([claimOp(nathan, dan, asset(5, uia), "1.12.0")],
      { exception: "assert_exception", rule: "withdraw_permission_claim.restricted_needs_issuer", field: field("amount_to_withdraw.asset_id") });
    c.pushOk([claimOp(izzy, dan, asset(5, uia), "1.12.1")]);
    expect(c.balance(dan, uia)).toBe(5n);
  });
});

describe("withdraw_permission_update", () => {
  const field = (f: string) => `operations[0][1].${f}`;
  const updateOp = (c: Chain, nathan: string, dan: string, over: Partial<T.WithdrawPermissionUpdateOperation> = {}): T.Operation => [26, {
    fee: core(0), withdraw_from_account: nathan, authorized_account: dan, permission_to_update: PERMIT, withdrawal_limit: core(12),
    withdrawal_period_sec: 10, period_start_time: c.now() + 10, periods_until_expiration: 2, ...over,
  }];

  it("refuses another permission's accounts, a missing asset or permission, a past start, a short period (withdraw_permission_update)", () => {
    const { c, nathan, dan } = withPermit();
    c.expectRefused([updateOp(c, nathan, dan, { withdrawal_limit: asset(1, "1.3.12") })],
      { exception: "assert_exception", rule: "withdraw_permission_update.asset_exists", field: field("withdrawal_limit.asset_id") });
    c.expectRefused([updateOp(c, "1.2.0", dan)],
      { exception: "assert_exception", rule: "withdraw_permission_update.withdraw_from_account", field: field("withdraw_from_account") });
    c.expectRefused([updateOp(c, nathan, "1.2.0")],
      { exception: "assert_exception", rule: "withdraw_permission_update.authorized_account", field: field("authorized_account") });
    c.expectRefused([updateOp(c, nathan, dan, { period_start_time: c.now() - 50 })],
      { exception: "assert_exception", rule: "withdraw_permission_update.period_start_time", field: field("period_start_time") });
    c.expectRefused([updateOp(c, nathan, dan, { withdrawal_period_sec: 4 })],
      { exception: "assert_exception", rule: "withdraw_permission_update.period_length", field: field("withdrawal_period_sec") });
    c.expectRefused([updateOp(c, nathan, dan, { periods_until_expiration: 1, withdrawal_period_sec: 2 ** 32 - 20 })],
      { exception: "assert_exception", rule: "withdraw_permission_update.expiration", field: field("periods_until_expiration") });
    c.expectRefused([updateOp(c, nathan, dan, { permission_to_update: "1.12.3" })],
      { exception: "assert_exception", rule: "database.object_exists", field: field("permission_to_update") });
  });

  it("replaces the schedule and limit, keeping claimed_this_period (withdraw_permission_update)", () => {
    const { c, nathan, dan, start } = withPermit();
    c.generateBlocksUntil(start);
    c.pushOk([claimOp(nathan, dan, core(3))]);
    const now = c.now();
    c.pushOk([updateOp(c, nathan, dan)], { signers: ["nathan"] });
    expect(permit(c)).toEqual({
      id: PERMIT, withdraw_from_account: nathan, authorized_account: dan, withdrawal_limit: core(12), withdrawal_period_sec: 10,
      period_start_time: now + 10, expiration: now + 30, claimed_this_period: 3n,
    });
    // Unlike create, a schedule starting at the head block time is accepted.
    c.pushOk([updateOp(c, nathan, dan, { period_start_time: now })]);
    expect(permit(c)).toMatchObject({ period_start_time: now, expiration: now + 20 });
  });
});

describe("withdraw_permission_delete", () => {
  const field = (f: string) => `operations[0][1].${f}`;
  const deleteOp = (withdraw_from_account: string, authorized_account: string, withdrawal_permission = PERMIT): T.Operation =>
    [28, { fee: core(0), withdraw_from_account, authorized_account, withdrawal_permission }];

  it("refuses a missing permission or other accounts, and removes the permission (withdraw_permission_delete)", () => {
    const { c, nathan, dan } = withPermit();
    const carl = c.createAccount("carl");
    c.expectRefused([deleteOp(nathan, dan, "1.12.1")],
      { exception: "assert_exception", rule: "database.object_exists", field: field("withdrawal_permission") });
    c.expectRefused([deleteOp(nathan, carl)],
      { exception: "assert_exception", rule: "withdraw_permission_delete.authorized_account", field: field("authorized_account") });
    c.expectRefused([deleteOp(carl, dan)],
      { exception: "assert_exception", rule: "withdraw_permission_delete.withdraw_from_account", field: field("withdraw_from_account") });
    expect(c.result(deleteOp(nathan, dan), { signers: ["nathan"] })).toEqual([0, {}]);
    expect(c.find(PERMIT)).toBeUndefined();
  });
});
