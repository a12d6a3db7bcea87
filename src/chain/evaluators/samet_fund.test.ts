// samet_fund_create (64), _delete (65), _update (66), _borrow (67), _repay (68) on the database_fixture
// chain, every hardfork active (core-2351 passed). Numbers from bitshares-core tests/tests/samet_fund_tests.cpp
// (samet_fund_crud_and_proposal_test, samet_fund_borrow_repay_test), cited per case; fees are zero there as here.
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { white_list } from "../../protocol/config.js";
import { calculateFee, defaultFeeSchedule } from "../../protocol/fees/index.js";
import { Chain, asset, core, refusal } from "./misc_ops_test_support.js";
import { requiredFundFee } from "./samet_fund.js";

/** samet_fund_tests.cpp: init_amount = 10000000 * GRAPHENE_BLOCKCHAIN_PRECISION. */
const INIT = 10000000n * 100000n;
const FIELD = (i: number, f: string): string => `operations[${i}][1].${f}`;

const createOp = (owner: string, assetType: string, balance: bigint, feeRate: number): T.Operation =>
  [64, { fee: core(0), owner_account: owner, asset_type: assetType, balance, fee_rate: feeRate, extensions: [] }];
const deleteOp = (owner: string, fund: string): T.Operation => [65, { fee: core(0), owner_account: owner, fund_id: fund, extensions: [] }];
const updateOp = (owner: string, fund: string, delta?: T.Asset, rate?: number): T.Operation =>
  [66, { fee: core(0), owner_account: owner, fund_id: fund, ...(delta ? { delta_amount: delta } : {}), ...(rate !== undefined ? { new_fee_rate: rate } : {}), extensions: [] }];
const borrowOp = (who: string, fund: string, amount: T.Asset): T.Operation =>
  [67, { fee: core(0), borrower: who, fund_id: fund, borrow_amount: amount, extensions: [] }];
const repayOp = (who: string, fund: string, amount: T.Asset, fee: T.Asset): T.Operation =>
  [68, { fee: core(0), account: who, fund_id: fund, repay_amount: amount, fund_fee: fee, extensions: [] }];

/** The tests' common setup: sam, ted, por; sam and ted funded with INIT core, MYUSD and MYEUR; MYEUR
 *  (issued by sam) is white_list with sam as its whitelist authority and sam alone whitelisted. */
function setup() {
  const c = new Chain();
  const sam = c.createAccount("sam");
  const ted = c.createAccount("ted");
  const por = c.createAccount("por");
  c.transfer("1.2.0", sam, core(INIT));
  c.transfer("1.2.0", ted, core(INIT));
  const usd = c.createUia("MYUSD", "1.2.0");
  c.issue(sam, asset(INIT, usd));
  c.issue(ted, asset(INIT, usd));
  const eur = c.createUia("MYEUR", sam, white_list);
  c.issue(sam, asset(INIT, eur));
  c.issue(ted, asset(INIT, eur));
  c.modify<T.AssetObject>(eur, (a) => ({ ...a, options: { ...a.options, whitelist_authorities: [sam] } }));
  c.upgradeToLifetime(sam);
  c.whitelist(sam, sam);
  return { c, sam, ted, por, usd, eur };
}

const fund = (c: Chain, id: string): T.SametFundObject => c.get<T.SametFundObject>(id);
const create = (c: Chain, owner: string, assetType: string, balance: bigint, rate: number): string =>
  c.result(createOp(owner, assetType, balance, rate))[1] as string;

/** The three funds both C++ test cases start from (borrow_repay_test's sf1 has fee rate 1%). */
function withFunds(sf1Rate: number) {
  const x = setup();
  const sf1 = create(x.c, x.sam, "1.3.0", 10000n, sf1Rate);
  const sf2 = create(x.c, x.ted, x.usd, 1n, 10000000);
  const sf3 = create(x.c, x.sam, x.eur, 10n, 1);
  return { ...x, sf1, sf2, sf3 };
}

describe("samet_fund_create / update / delete (samet_fund_crud_and_proposal_test)", () => {
  it("creates funds, moving the balance from the owner", () => {
    const { c, sam, ted, usd, eur, sf1, sf2, sf3 } = withFunds(100);
    expect(fund(c, sf1)).toEqual({ id: sf1, owner_account: sam, asset_type: "1.3.0", balance: 10000n, fee_rate: 100, unpaid_amount: 0n });
    expect(fund(c, sf2)).toEqual({ id: sf2, owner_account: ted, asset_type: usd, balance: 1n, fee_rate: 10000000, unpaid_amount: 0n });
    expect(fund(c, sf3)).toEqual({ id: sf3, owner_account: sam, asset_type: eur, balance: 10n, fee_rate: 1, unpaid_amount: 0n });
    expect([c.balance(sam), c.balance(ted, usd), c.balance(sam, eur)]).toEqual([INIT - 10000n, INIT - 1n, INIT - 10n]);
  });

  it("create refusals: non-positive balance, insufficient balance, unknown asset, not whitelisted", () => {
    const { c, sam, ted, por, usd, eur } = withFunds(100);
    c.expectRefused([createOp(sam, "1.3.0", -1n, 100)], { exception: "assert_exception", rule: "samet_fund_create_operation.balance_positive", field: FIELD(0, "balance") });
    c.expectRefused([createOp(ted, usd, 0n, 10000000)], { exception: "assert_exception", rule: "samet_fund_create_operation.balance_positive", field: FIELD(0, "balance") });
    c.expectRefused([createOp(por, usd, 1n, 100)], { exception: "assert_exception", rule: "database.adjust_balance.sufficient", field: FIELD(0, "balance") });
    c.expectRefused([createOp(sam, "1.3.103", 1n, 100)], { exception: "assert_exception", rule: "database.object_exists", field: FIELD(0, "asset_type") });
    c.expectRefused([createOp(ted, eur, 10n, 1)], { exception: "assert_exception", rule: "samet_fund_create.authorized", field: FIELD(0, "asset_type") });
  });

  it("update refusals, in the C++ order", () => {
    const { c, sam, ted, usd, sf1 } = withFunds(100);
    const r = (op: T.Operation, rule: string, field: string, exception = "assert_exception") => c.expectRefused([op], { exception, rule, field });
    r(updateOp(sam, sf1), "samet_fund_update_operation.has_update", "operations[0][1]");
    r(updateOp(sam, sf1, core(0), 10), "samet_fund_update_operation.delta_amount_non_zero", FIELD(0, "delta_amount.amount"));
    r(updateOp(sam, sf1, core(1), 100), "samet_fund_update.fee_rate_changed", FIELD(0, "new_fee_rate"));
    r(updateOp(ted, sf1, core(1)), "samet_fund_update.owner", FIELD(0, "owner_account"));
    r(updateOp(sam, sf1, asset(1, usd)), "samet_fund_update.asset_type", FIELD(0, "delta_amount.asset_id"));
    r(updateOp(sam, sf1, core(-10000n)), "samet_fund_update.sufficient_balance", FIELD(0, "delta_amount.amount"));
    r(updateOp(sam, sf1, core(INIT)), "database.adjust_balance.sufficient", FIELD(0, "delta_amount.amount"));
    r(updateOp(sam, "1.20.99", core(1)), "database.object_exists", FIELD(0, "fund_id"));
  });

  it("deposits, changes the rate, withdraws, deletes (released 2 core)", () => {
    const { c, sam, sf1, sf2, sf3 } = withFunds(100);
    c.pushOk([updateOp(sam, sf1, core(1))]);
    expect(fund(c, sf1)).toMatchObject({ balance: 10001n, fee_rate: 100, unpaid_amount: 0n });
    expect(c.balance(sam)).toBe(INIT - 10001n);
    c.pushOk([updateOp(sam, sf1, undefined, 101)]);
    expect(fund(c, sf1)).toMatchObject({ balance: 10001n, fee_rate: 101 });
    c.pushOk([updateOp(sam, sf1, core(-9999n), 10)]);
    expect(fund(c, sf1)).toMatchObject({ balance: 2n, fee_rate: 10 });
    expect(c.balance(sam)).toBe(INIT - 2n);
    expect(c.result(deleteOp(sam, sf1))).toEqual([2, core(2)]);
    expect(c.find(sf1)).toBeUndefined();
    expect(c.balance(sam)).toBe(INIT);
    c.expectRefused([updateOp(sam, sf1, core(1))], { exception: "assert_exception", rule: "database.object_exists", field: FIELD(0, "fund_id") });
    c.expectRefused([deleteOp(sam, sf1)], { exception: "assert_exception", rule: "database.object_exists", field: FIELD(0, "fund_id") });
    c.expectRefused([deleteOp(sam, sf2)], { exception: "assert_exception", rule: "samet_fund_delete.owner", field: FIELD(0, "owner_account") });
    expect(c.find(sf2)).toBeDefined();
    expect(c.find(sf3)).toBeDefined();
  });

  it("an owner no longer whitelisted may withdraw, change the rate and delete, but not deposit or recreate", () => {
    const { c, sam, ted, eur, sf3 } = withFunds(100);
    c.whitelist(sam, ted);
    c.whitelist(sam, sam, 0);
    c.expectRefused([updateOp(sam, sf3, asset(1, eur))], { exception: "assert_exception", rule: "samet_fund_update.authorized", field: FIELD(0, "delta_amount.asset_id") });
    c.pushOk([updateOp(sam, sf3, asset(-1, eur))]);
    expect(fund(c, sf3)).toMatchObject({ balance: 9n, fee_rate: 1 });
    c.pushOk([updateOp(sam, sf3, undefined, 2)]);
    expect(fund(c, sf3)).toMatchObject({ balance: 9n, fee_rate: 2 });
    expect(c.result(deleteOp(sam, sf3))).toEqual([2, asset(9, eur)]);
    expect(c.balance(sam, eur)).toBe(INIT);
    c.expectRefused([createOp(sam, eur, 10n, 1)], { exception: "assert_exception", rule: "samet_fund_create.authorized", field: FIELD(0, "asset_type") });
  });
});

describe("samet_fund_borrow / repay (samet_fund_borrow_repay_test)", () => {
  it("borrowing without repaying in the same transaction, or repaying without borrowing, is refused", () => {
    const { c, sam, sf1 } = withFunds(10000);
    c.expectRefused([borrowOp(sam, sf1, core(1))], { exception: "assert_exception", rule: "transaction.samet_fund_repaid", field: "" });
    c.expectRefused([repayOp(sam, sf1, core(1), core(100))], { exception: "assert_exception", rule: "samet_fund_repay.not_over_unpaid", field: FIELD(0, "repay_amount.amount") });
  });

  it("the test's sequence of borrow-and-repay transactions: fund balances and account balances", () => {
    const { c, sam, ted, usd, eur, sf1, sf2, sf3 } = withFunds(10000);
    let samCore = INIT - 10000n, tedCore = INIT;
    const r = c.pushOk([borrowOp(sam, sf1, core(1)), repayOp(sam, sf1, core(1), core(1))]);
    expect(r.operation_results).toEqual([[5, { impacted_accounts: [sam] }], [5, { impacted_accounts: [sam] }]]);
    expect(fund(c, sf1)).toMatchObject({ balance: 10001n, fee_rate: 10000, unpaid_amount: 0n });
    samCore -= 1n;
    c.pushOk([borrowOp(sam, sf1, core(1)), borrowOp(sam, sf1, core(2)), repayOp(sam, sf1, core(3), core(1))]);
    expect(fund(c, sf1).balance).toBe(10002n);
    samCore -= 1n;
    c.pushOk([borrowOp(ted, sf1, core(5)), repayOp(sam, sf1, core(5), core(1))]);
    expect(fund(c, sf1).balance).toBe(10003n);
    tedCore += 5n; samCore -= 6n;
    c.pushOk([borrowOp(sam, sf1, core(7)), repayOp(sam, sf1, core(3), core(1)), repayOp(ted, sf1, core(4), core(1))]);
    expect(fund(c, sf1).balance).toBe(10005n);
    samCore += 3n; tedCore -= 5n;
    c.pushOk([borrowOp(sam, sf1, core(7)), repayOp(sam, sf1, core(3), core(1)), borrowOp(ted, sf2, asset(1, usd)),
      repayOp(ted, sf1, core(4), core(1)), repayOp(sam, sf2, asset(1, usd), asset(10, usd))]);
    expect(fund(c, sf1)).toMatchObject({ balance: 10007n, unpaid_amount: 0n });
    expect(fund(c, sf2)).toMatchObject({ balance: 11n, fee_rate: 10000000, unpaid_amount: 0n });
    samCore += 3n; tedCore -= 5n;
    c.pushOk([borrowOp(sam, sf1, core(1)), repayOp(sam, sf1, core(1), core(2))]);
    expect(fund(c, sf1).balance).toBe(10009n);
    samCore -= 2n;
    c.pushOk([borrowOp(sam, sf3, asset(1, eur)), repayOp(sam, sf3, asset(1, eur), asset(1, eur))]);
    expect(fund(c, sf3)).toMatchObject({ balance: 11n, fee_rate: 1, unpaid_amount: 0n });
    expect([c.balance(sam), c.balance(ted)]).toEqual([samCore, tedCore]);
    expect([c.balance(sam, usd), c.balance(ted, usd)]).toEqual([INIT - 11n, INIT]);
    expect(c.balance(sam, eur)).toBe(INIT - 10n - 1n);
    // Borrow all 10009 with fee 10009/100 + 1 = 101 (ceil(10009 * 1%) = 101): balance 10110.
    c.pushOk([borrowOp(sam, sf1, core(10009)), repayOp(sam, sf1, core(10009), core(101))]);
    expect(fund(c, sf1).balance).toBe(10110n);
    // Borrow all 10110, lower the rate to 0.9999% meanwhile, repay with 10110/100 + 1 = 102: balance 10212.
    c.pushOk([borrowOp(sam, sf1, core(10110)), updateOp(sam, sf1, undefined, 9999), repayOp(sam, sf1, core(10110), core(102))]);
    expect(fund(c, sf1)).toMatchObject({ balance: 10212n, fee_rate: 9999, unpaid_amount: 0n });
    expect(c.balance(sam)).toBe(samCore - 101n - 102n);
  });

  it("the same through a proposal: executed on approval, the unpaid check applies to the proposal", () => {
    const { c, sam, sf1 } = withFunds(10000);
    const proposal = (ops: T.Operation[]): string => c.result([22, {
      fee: core(0), fee_paying_account: sam, expiration_time: c.now() + 300, proposed_ops: ops.map((op) => ({ op })), extensions: [],
    }])[1] as string;
    const approve = (id: string): T.Operation => [23, {
      fee: core(0), fee_paying_account: sam, proposal: id, active_approvals_to_add: [sam], active_approvals_to_remove: [],
      owner_approvals_to_add: [], owner_approvals_to_remove: [], key_approvals_to_add: [], key_approvals_to_remove: [], extensions: [],
    }];
    // samet_fund_borrow_repay_test: borrow 10000, update the rate to 0.9998%, repay 10000 with 101.
    const ok = proposal([borrowOp(sam, sf1, core(10000)), updateOp(sam, sf1, undefined, 9998), repayOp(sam, sf1, core(10000), core(101))]);
    const before = c.balance(sam);
    c.pushOk([approve(ok)]);
    expect(c.find(ok)).toBeUndefined();
    expect(fund(c, sf1)).toMatchObject({ balance: 10101n, fee_rate: 9998, unpaid_amount: 0n });
    expect(c.balance(sam)).toBe(before - 101n);
    // A proposal that only borrows fails on execution (push_proposal's unpaid check): the approval stands,
    // the proposal stays, nothing was lent.
    const bad = proposal([borrowOp(sam, sf1, core(1))]);
    c.pushOk([approve(bad)]);
    expect(c.find(bad)).toBeDefined();
    expect(fund(c, sf1)).toMatchObject({ balance: 10101n, unpaid_amount: 0n });
    expect(c.balance(sam)).toBe(before - 101n);
  });

  it("borrow refusals", () => {
    const { c, sam, ted, usd, eur, sf1, sf3 } = withFunds(10000);
    const r = (ops: T.Operation[], rule: string, field: string) => c.expectRefused(ops, { exception: "assert_exception", rule, field });
    r([borrowOp(sam, sf1, core(0))], "samet_fund_borrow_operation.borrow_amount_positive", FIELD(0, "borrow_amount.amount"));
    r([borrowOp(sam, sf1, core(-1))], "samet_fund_borrow_operation.borrow_amount_positive", FIELD(0, "borrow_amount.amount"));
    r([borrowOp(sam, "1.20.99", core(1))], "database.object_exists", FIELD(0, "fund_id"));
    r([borrowOp(sam, sf1, asset(1, usd))], "samet_fund_borrow.asset_type", FIELD(0, "borrow_amount.asset_id"));
    r([borrowOp(sam, sf1, core(10001))], "samet_fund_borrow.sufficient_balance", FIELD(0, "borrow_amount.amount"));
    // What is already lent counts: 6000 out, 4001 more exceeds 10000.
    r([borrowOp(sam, sf1, core(6000)), borrowOp(sam, sf1, core(4001))], "samet_fund_borrow.sufficient_balance", FIELD(1, "borrow_amount.amount"));
    r([borrowOp(ted, sf3, asset(1, eur)), repayOp(ted, sf3, asset(1, eur), asset(1, eur))], "samet_fund_borrow.authorized", FIELD(0, "borrow_amount.asset_id"));
  });

  it("repay refusals", () => {
    const { c, sam, ted, por, usd, eur, sf1, sf3 } = withFunds(10000);
    const r = (ops: T.Operation[], rule: string, field: string, exception = "assert_exception") => c.expectRefused(ops, { exception, rule, field });
    const b = borrowOp(sam, sf1, core(100));
    r([b, repayOp(sam, sf1, core(0), core(1))], "samet_fund_repay_operation.repay_amount_positive", FIELD(1, "repay_amount.amount"));
    r([b, repayOp(sam, sf1, core(-1), core(1))], "samet_fund_repay_operation.repay_amount_positive", FIELD(1, "repay_amount.amount"));
    r([b, repayOp(sam, sf1, core(1), core(-1))], "samet_fund_repay_operation.fund_fee_non_negative", FIELD(1, "fund_fee.amount"));
    r([b, repayOp(sam, sf1, core(1), asset(1, usd))], "samet_fund_repay_operation.same_asset", FIELD(1, "fund_fee.asset_id"));
    r([b, repayOp(sam, "1.20.99", core(100), core(1))], "database.object_exists", FIELD(1, "fund_id"));
    r([b, repayOp(sam, sf1, asset(100, usd), asset(1, usd))], "samet_fund_repay.asset_type", FIELD(1, "repay_amount.asset_id"));
    r([b, repayOp(sam, sf1, core(101), core(2))], "samet_fund_repay.not_over_unpaid", FIELD(1, "repay_amount.amount"));
    // 1% of 100 is exactly 1; of 101 (two loans), ceil(1.01) = 2.
    r([b, repayOp(sam, sf1, core(100), core(0))], "samet_fund_repay.sufficient_fund_fee", FIELD(1, "fund_fee.amount"));
    r([b, borrowOp(sam, sf1, core(1)), repayOp(sam, sf1, core(101), core(1))], "samet_fund_repay.sufficient_fund_fee", FIELD(2, "fund_fee.amount"));
    c.pushOk([b, borrowOp(sam, sf1, core(1)), repayOp(sam, sf1, core(101), core(2))]);
    // por holds nothing: the repayment (100 + 1) is not covered.
    r([b, repayOp(por, sf1, core(100), core(1))], "database.adjust_balance.sufficient", FIELD(1, "repay_amount.amount"));
    // Repaying in part leaves debt.
    r([b, repayOp(sam, sf1, core(99), core(1))], "transaction.samet_fund_repaid", "");
    // Ted is not whitelisted by MYEUR: he may not repay sam's loan from sf3.
    r([borrowOp(sam, sf3, asset(1, eur)), repayOp(ted, sf3, asset(1, eur), asset(1, eur))], "samet_fund_repay.authorized", FIELD(1, "repay_amount.asset_id"));
    // fund_fee so large that repay_amount + fund_fee passes int64: fc::safe's overflow.
    r([b, repayOp(sam, sf1, core(100), core((1n << 63n) - 1n))], "samet_fund_repay.total_overflow", FIELD(1, "fund_fee.amount"), "overflow_exception");
    expect(refusal(c.push([b, repayOp(sam, sf1, core(100), core(1))]))).toBe("accepted");
  });

  it("delete and update refuse while a loan is out (within the same transaction)", () => {
    const { c, sam, sf1 } = withFunds(10000);
    const b = borrowOp(sam, sf1, core(1));
    c.expectRefused([b, deleteOp(sam, sf1)], { exception: "assert_exception", rule: "samet_fund_delete.no_unpaid", field: FIELD(1, "fund_id") });
    c.expectRefused([b, updateOp(sam, sf1, core(1))], { exception: "assert_exception", rule: "samet_fund_update.no_unpaid", field: FIELD(1, "delta_amount") });
  });
});

describe("requiredFundFee (samet_fund_repay_evaluator: ceil(amount * rate / 1e6) in 128 bits)", () => {
  it("rounds up and does not overflow 64 bits", () => {
    expect(requiredFundFee(10009n, 10000)).toBe(101n); // samet_fund_borrow_repay_test: 10009/100 + 1
    expect(requiredFundFee(100n, 10000)).toBe(1n);
    expect(requiredFundFee(1n, 1)).toBe(1n);
    expect(requiredFundFee(5n, 0)).toBe(0n);
    expect(requiredFundFee((1n << 63n) - 1n, 0xffffffff)).toBe((((1n << 63n) - 1n) * 0xffffffffn + 999999n) / 1000000n);
  });
});

describe("fees: base_operation::calculate_fee (samet_fund.hpp declares no calculate_fee)", () => {
  it("default schedule: create, update, borrow, repay 1 core (GRAPHENE_BLOCKCHAIN_PRECISION), delete 0", () => {
    const schedule = defaultFeeSchedule();
    const fee = (op: T.Operation): bigint => {
      const r = calculateFee(op, schedule);
      if (r._tag === "Left") throw new Error(r.left.message);
      return r.right;
    };
    expect(fee(createOp("1.2.16", "1.3.0", 1n, 1))).toBe(100000n);
    expect(fee(deleteOp("1.2.16", "1.20.0"))).toBe(0n);
    expect(fee(updateOp("1.2.16", "1.20.0", core(1)))).toBe(100000n);
    expect(fee(borrowOp("1.2.16", "1.20.0", core(1)))).toBe(100000n);
    expect(fee(repayOp("1.2.16", "1.20.0", core(1), core(1)))).toBe(100000n);
  });
});
