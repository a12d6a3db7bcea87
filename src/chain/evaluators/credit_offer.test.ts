// credit_offer_create (69), _delete (70), _update (71), _accept (72), credit_deal_repay (73) and
// credit_deal_update (76) on the database_fixture chain, every hardfork active. Numbers from bitshares-core
// tests/tests/credit_offer_tests.cpp (credit_offer_crud_and_proposal_test, credit_offer_borrow_repay_test,
// credit_deal_auto_repay_test), cited per case; fees are zero there as here.
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { FEE_RATE_DENOM, MAX_CREDIT_DEAL_SECS, MAX_CREDIT_OFFER_SECS, MAX_SHARE_SUPPLY, white_list } from "../../protocol/config.js";
import { Chain, asset, core } from "./misc_ops_test_support.js";
import { supplyViolations } from "../../../properties/chain_supply.js";
import { requiredCreditFee } from "./credit_offer.js";

/** credit_offer_tests.cpp: init_amount = 10000000 * GRAPHENE_BLOCKCHAIN_PRECISION. */
const INIT = 10000000n * 100000n;
const FIELD = (f: string): string => (f === "" ? "operations[0][1]" : `operations[0][1].${f}`);
const A = "assert_exception";

type Collateral = Array<[string, T.Price]>;
const price = (base: T.Asset, quote: T.Asset): T.Price => ({ base, quote });

interface CreateArgs {
  owner: string; assetType: string; balance: bigint; feeRate: number; duration: number; minDeal: bigint;
  enabled: boolean; disableTime: number; collateral: Collateral; borrowers?: Array<[string, bigint]>;
}
const createOp = (a: CreateArgs): T.Operation => [69, {
  fee: core(0), owner_account: a.owner, asset_type: a.assetType, balance: a.balance, fee_rate: a.feeRate,
  max_duration_seconds: a.duration, min_deal_amount: a.minDeal, enabled: a.enabled, auto_disable_time: a.disableTime,
  acceptable_collateral: a.collateral, acceptable_borrowers: a.borrowers ?? [], extensions: [],
}];
const deleteOp = (owner: string, offer: string): T.Operation => [70, { fee: core(0), owner_account: owner, offer_id: offer, extensions: [] }];
type UpdateFields = Partial<Pick<T.CreditOfferUpdateOperation, "delta_amount" | "fee_rate" | "max_duration_seconds" | "min_deal_amount" |
  "enabled" | "auto_disable_time" | "acceptable_collateral" | "acceptable_borrowers">>;
const updateOp = (owner: string, offer: string, u: UpdateFields): T.Operation => [71, { fee: core(0), owner_account: owner, offer_id: offer, ...u, extensions: [] }];
const acceptOp = (borrower: string, offer: string, borrow: T.Asset, collateral: T.Asset, maxFeeRate = FEE_RATE_DENOM, minDuration = 0, autoRepay?: number): T.Operation =>
  [72, { fee: core(0), borrower, offer_id: offer, borrow_amount: borrow, collateral, max_fee_rate: maxFeeRate, min_duration_seconds: minDuration,
    extensions: autoRepay === undefined ? {} : { auto_repay: autoRepay } }];
const repayOp = (account: string, deal: string, amount: T.Asset, fee: T.Asset): T.Operation =>
  [73, { fee: core(0), account, deal_id: deal, repay_amount: amount, credit_fee: fee, extensions: [] }];
const dealUpdateOp = (account: string, deal: string, autoRepay: number): T.Operation =>
  [76, { fee: core(0), account, deal_id: deal, auto_repay: autoRepay, extensions: [] }];

/** credit_offer_borrow_repay_test's setup: ray, sam, ted, por funded; MYUSD (ted's, white_list, ted the
 *  authority, sam and ray whitelisted), MYEUR (sam's, white_list, sam the authority, ted whitelisted),
 *  MYCNY (the committee's); each of ray, sam, ted holds INIT of each. */
function setup() {
  const c = new Chain();
  const ray = c.createAccount("ray");
  const sam = c.createAccount("sam");
  const ted = c.createAccount("ted");
  const por = c.createAccount("por");
  for (const a of [ray, sam, ted]) c.transfer("1.2.0", a, core(INIT));
  const usd = c.createUia("MYUSD", ted, white_list);
  for (const a of [ray, sam, ted]) c.issue(a, asset(INIT, usd));
  const eur = c.createUia("MYEUR", sam, white_list);
  for (const a of [ray, sam, ted]) c.issue(a, asset(INIT, eur));
  const cny = c.createUia("MYCNY", "1.2.0");
  for (const a of [ray, sam, ted]) c.issue(a, asset(INIT, cny));
  c.modify<T.AssetObject>(usd, (x) => ({ ...x, options: { ...x.options, whitelist_authorities: [ted] } }));
  c.upgradeToLifetime(ted);
  c.whitelist(ted, sam);
  c.whitelist(ted, ray);
  c.modify<T.AssetObject>(eur, (x) => ({ ...x, options: { ...x.options, whitelist_authorities: [sam] } }));
  c.upgradeToLifetime(sam);
  c.whitelist(sam, ted);
  return { c, ray, sam, ted, por, usd, eur, cny };
}

const offer = (c: Chain, id: string): T.CreditOfferObject => c.get<T.CreditOfferObject>(id);
const deal = (c: Chain, id: string): T.CreditDealObject => c.get<T.CreditDealObject>(id);
const newId = (c: Chain, op: T.Operation): string => {
  const r = c.result(op);
  return r[0] === 1 ? (r[1] as string) : (r[1] as T.ExtendableOperationResultDtl).new_objects![0]!;
};
const summaries = (c: Chain): T.CreditDealSummaryObject[] => [...c.f.state.all<T.CreditDealSummaryObject>(2, 18)];

/** borrow_repay_test's co1: sam lends 10000 core at 3%, 3600 s, disabled, against MYUSD at 1:2 and MYEUR 1:1. */
function withOffer() {
  const x = setup();
  const disableTime = x.c.now() + 20 * 60;
  const collateral: Collateral = [[x.usd, price(core(1), asset(2, x.usd))], [x.eur, price(core(1), asset(1, x.eur))]];
  const co1 = newId(x.c, createOp({ owner: x.sam, assetType: "1.3.0", balance: 10000n, feeRate: 30000, duration: 3600, minDeal: 0n,
    enabled: false, disableTime, collateral }));
  return { ...x, co1, disableTime, collateral };
}

describe("credit_offer_create", () => {
  it("moves the balance into a new offer holding the operation's terms (borrow_repay_test co1)", () => {
    const { c, sam, co1, disableTime, collateral } = withOffer();
    expect(offer(c, co1)).toEqual({
      id: co1, owner_account: sam, asset_type: "1.3.0", total_balance: 10000n, current_balance: 10000n, fee_rate: 30000,
      max_duration_seconds: 3600, min_deal_amount: 0n, enabled: false, auto_disable_time: disableTime, acceptable_collateral: collateral,
      acceptable_borrowers: [],
    });
    expect(co1).toBe("1.21.0");
    expect(c.balance(sam)).toBe(INIT - 10000n);
  });

  it("an enabled offer may be disabled at most GRAPHENE_MAX_CREDIT_OFFER_DAYS ahead (crud test co2)", () => {
    const { c, ted, usd, eur } = setup();
    c.whitelist(ted, ted);
    const coll: Collateral = [["1.3.0", price(asset(2, usd), core(3))], [eur, price(asset(3, usd), asset(4, eur))]];
    const args = { owner: ted, assetType: usd, balance: 1n, feeRate: 10000000, duration: MAX_CREDIT_DEAL_SECS, minDeal: 10000n, enabled: true, collateral: coll,
      borrowers: [["1.2.0", 0n], [ted, MAX_SHARE_SUPPLY]] as Array<[string, bigint]> };
    c.expectRefused([createOp({ ...args, disableTime: c.now() + MAX_CREDIT_OFFER_SECS + 1 })], { exception: A, rule: "credit_offer_create.auto_disable_time_max", field: FIELD("auto_disable_time") });
    c.expectRefused([createOp({ ...args, disableTime: c.now() })], { exception: A, rule: "credit_offer_create.auto_disable_time_future", field: FIELD("auto_disable_time") });
    const id = newId(c, createOp({ ...args, disableTime: c.now() + MAX_CREDIT_OFFER_SECS }));
    expect(offer(c, id)).toMatchObject({ total_balance: 1n, enabled: true, acceptable_borrowers: args.borrowers });
  });

  it("refusals (crud test): missing collateral asset and borrower, unauthorized owner, insufficient balance, unknown asset", () => {
    const { c, sam, ted, por, usd, eur, disableTime, collateral } = withOffer();
    const base = { owner: sam, assetType: "1.3.0", balance: 10000n, feeRate: 100, duration: 3600, minDeal: 0n, enabled: false, disableTime, collateral };
    const r = (a: CreateArgs, rule: string, field: string) => c.expectRefused([createOp(a)], { exception: A, rule, field: FIELD(field) });
    r({ ...base, collateral: [["1.3.100", price(core(1), asset(2, "1.3.100"))]] }, "database.object_exists", "acceptable_collateral[0][0]");
    r({ ...base, borrowers: [["1.2.1000", 1n]] }, "database.object_exists", "acceptable_borrowers[0][0]");
    r({ ...base, assetType: "1.3.100", collateral: [[usd, price(asset(1, "1.3.100"), asset(2, usd))]] }, "database.object_exists", "asset_type");
    r({ ...base, owner: por, assetType: usd, balance: 1n, collateral: [[eur, price(asset(1, usd), asset(1, eur))]] }, "credit_offer_create.authorized", "asset_type");
    r({ ...base, assetType: usd, balance: INIT + 1n, collateral: [[eur, price(asset(1, usd), asset(1, eur))]] }, "database.adjust_balance.sufficient", "balance");
    void ted;
    r({ ...base, balance: 0n }, "credit_offer_create_operation.balance_positive", "balance");
  });
});

describe("credit_offer_update / delete", () => {
  it("updates each term, deposits and withdraws, then deletes releasing the balance (crud test co1)", () => {
    const { c, sam, usd, eur, co1, disableTime, collateral } = withOffer();
    c.pushOk([updateOp(sam, co1, { delta_amount: core(1) })]);
    expect(offer(c, co1)).toMatchObject({ total_balance: 10001n, current_balance: 10001n, fee_rate: 30000 });
    expect(c.balance(sam)).toBe(INIT - 10001n);
    c.pushOk([updateOp(sam, co1, { fee_rate: 101 })]);
    expect(offer(c, co1)).toMatchObject({ total_balance: 10001n, fee_rate: 101, auto_disable_time: disableTime, acceptable_collateral: collateral });
    const coll2: Collateral = [[usd, price(core(1), asset(2, usd))], [eur, price(core(1), asset(3, eur))]];
    const later = c.now() + 10 * 86400;
    c.pushOk([updateOp(sam, co1, { delta_amount: core(-9999), fee_rate: 10, max_duration_seconds: 600, min_deal_amount: 100n, enabled: true,
      auto_disable_time: later, acceptable_collateral: coll2, acceptable_borrowers: [[sam, 1n]] })]);
    expect(offer(c, co1)).toEqual({
      id: co1, owner_account: sam, asset_type: "1.3.0", total_balance: 2n, current_balance: 2n, fee_rate: 10, max_duration_seconds: 600,
      min_deal_amount: 100n, enabled: true, auto_disable_time: later, acceptable_collateral: coll2, acceptable_borrowers: [[sam, 1n]],
    });
    expect(c.balance(sam)).toBe(INIT - 2n);
    expect(c.result(deleteOp(sam, co1))).toEqual([2, core(2)]);
    expect(c.find(co1)).toBeUndefined();
    expect(c.balance(sam)).toBe(INIT);
    c.expectRefused([deleteOp(sam, co1)], { exception: A, rule: "database.object_exists", field: FIELD("offer_id") });
  });

  it("update refusals, in the C++ order", () => {
    const { c, sam, ted, usd, eur, co1 } = withOffer();
    const r = (op: T.Operation, rule: string, field: string) => c.expectRefused([op], { exception: A, rule, field: FIELD(field) });
    r(updateOp(sam, "1.21.99", { fee_rate: 1 }), "database.object_exists", "offer_id");
    r(updateOp(ted, co1, { delta_amount: core(1) }), "credit_offer_update.owner", "owner_account");
    r(updateOp(sam, co1, { delta_amount: asset(1, usd) }), "credit_offer_update.asset_type", "delta_amount.asset_id");
    r(updateOp(sam, co1, { delta_amount: core(-10000) }), "credit_offer_update.leave_balance", "delta_amount.amount");
    r(updateOp(sam, co1, { delta_amount: core(INIT) }), "database.adjust_balance.sufficient", "delta_amount.amount");
    r(updateOp(sam, co1, { enabled: true, auto_disable_time: c.now() }), "credit_offer_update.auto_disable_time_future", "auto_disable_time");
    r(updateOp(sam, co1, { enabled: true, auto_disable_time: c.now() + MAX_CREDIT_OFFER_SECS + 1 }), "credit_offer_update.auto_disable_time_max", "auto_disable_time");
    r(updateOp(sam, co1, { acceptable_collateral: [["1.3.100", price(core(1), asset(2, "1.3.100"))]] }), "database.object_exists", "acceptable_collateral[0][0]");
    // validate() takes the first entry's base as the offered asset; do_evaluate compares it with the offer's.
    r(updateOp(sam, co1, { acceptable_collateral: [[eur, price(asset(1, usd), asset(2, eur))]] }), "credit_offer_update.collateral_price_base", "acceptable_collateral[0][1].base.asset_id");
    r(updateOp(sam, co1, { acceptable_borrowers: [["1.2.1000", 1n]] }), "database.object_exists", "acceptable_borrowers[0][0]");
    r(updateOp(sam, co1, {}), "credit_offer_update_operation.has_update", "");
  });

  it("an enabled offer's stored auto_disable_time is checked when enabling without a new one", () => {
    const { c, sam, co1, disableTime } = withOffer();
    c.generateBlocksUntil(disableTime);
    c.expectRefused([updateOp(sam, co1, { enabled: true })], { exception: A, rule: "credit_offer_update.auto_disable_time_future", field: FIELD("enabled") });
  });

  it("an owner no longer whitelisted may withdraw but not deposit (crud test co3)", () => {
    const { c, sam, ted, usd, eur } = setup();
    c.whitelist(sam, sam);
    const co3 = newId(c, createOp({ owner: sam, assetType: eur, balance: 10n, feeRate: 1, duration: 30, minDeal: 1n, enabled: false,
      disableTime: c.now() + MAX_CREDIT_OFFER_SECS + 1, collateral: [[usd, price(asset(1, eur), asset(2, usd))]] }));
    c.whitelist(sam, ted);
    c.whitelist(sam, sam, 0);
    c.expectRefused([updateOp(sam, co3, { delta_amount: asset(1, eur) })], { exception: A, rule: "credit_offer_update.authorized", field: FIELD("delta_amount.asset_id") });
    c.pushOk([updateOp(sam, co3, { delta_amount: asset(-1, eur) })]);
    expect(offer(c, co3)).toMatchObject({ total_balance: 9n, current_balance: 9n });
    expect(c.result(deleteOp(sam, co3))).toEqual([2, asset(9, eur)]);
    expect(c.balance(sam, eur)).toBe(INIT);
  });

  it("delete refusals: not the owner, something lent out", () => {
    const { c, sam, ted, ray, usd, co1 } = withOffer();
    c.expectRefused([deleteOp(ted, co1)], { exception: A, rule: "credit_offer_delete.owner", field: FIELD("owner_account") });
    c.pushOk([updateOp(sam, co1, { enabled: true })]);
    c.pushOk([acceptOp(ray, co1, core(100), asset(200, usd))]);
    c.expectRefused([deleteOp(sam, co1)], { exception: A, rule: "credit_offer_delete.no_unpaid", field: FIELD("offer_id") });
    c.expectRefused([updateOp(sam, co1, { delta_amount: core(-9901) })], { exception: A, rule: "credit_offer_update.sufficient_balance", field: FIELD("delta_amount.amount") });
  });
});

describe("credit_offer_accept", () => {
  it("creates a deal and its summary; more deals add to the summary (borrow_repay_test cd11, cd12)", () => {
    const { c, ray, sam, usd, co1 } = withOffer();
    c.pushOk([updateOp(sam, co1, { enabled: true })]);
    const r = c.result(acceptOp(ray, co1, core(100), asset(200, usd)));
    const cd11 = "1.22.0";
    expect(r).toEqual([5, { impacted_accounts: [sam], new_objects: [cd11] }]);
    expect(deal(c, cd11)).toEqual({
      id: cd11, borrower: ray, offer_id: co1, offer_owner: sam, debt_asset: "1.3.0", debt_amount: 100n, collateral_asset: usd,
      collateral_amount: 200n, fee_rate: 30000, latest_repay_time: c.now() + 3600, auto_repay: 0,
    });
    expect(offer(c, co1)).toMatchObject({ total_balance: 10000n, current_balance: 9900n });
    expect([c.balance(ray), c.balance(ray, usd)]).toEqual([INIT + 100n, INIT - 200n]);
    expect(summaries(c)).toEqual([{ id: "2.18.0", borrower: ray, offer_id: co1, offer_owner: sam, debt_asset: "1.3.0", total_debt_amount: 100n }]);
    c.pushOk([acceptOp(ray, co1, core(100), asset(200, usd), 30000, 3600, 2)]);
    expect(deal(c, "1.22.1")).toMatchObject({ debt_amount: 100n, auto_repay: 2 });
    expect(summaries(c)).toMatchObject([{ id: "2.18.0", total_debt_amount: 200n }]);
  });

  it("refusals, in the C++ order (borrow_repay_test)", () => {
    const { c, ray, sam, ted, por, usd, eur, cny, co1 } = withOffer();
    const r = (op: T.Operation, rule: string, field: string) => c.expectRefused([op], { exception: A, rule, field: FIELD(field) });
    r(acceptOp(ray, "1.21.99", core(100), asset(200, usd)), "database.object_exists", "offer_id");
    r(acceptOp(ray, co1, core(100), asset(200, usd)), "credit_offer_accept.enabled", "offer_id");
    c.pushOk([updateOp(sam, co1, { enabled: true, min_deal_amount: 100n })]);
    r(acceptOp(ray, co1, asset(100, cny), asset(200, usd)), "credit_offer_accept.asset_type", "borrow_amount.asset_id");
    r(acceptOp(ray, co1, core(0), asset(200, usd)), "credit_offer_accept_operation.borrow_amount_positive", "borrow_amount.amount");
    r(acceptOp(ray, co1, core(1), asset(0, usd)), "credit_offer_accept_operation.collateral_positive", "collateral.amount");
    r(acceptOp(ray, co1, core(1), asset(200, usd), FEE_RATE_DENOM, 0, 3), "credit_offer_accept_operation.auto_repay_known", "extensions.auto_repay");
    r(acceptOp(ray, co1, core(10001), asset(20002, usd)), "credit_offer_accept.sufficient_balance", "borrow_amount.amount");
    r(acceptOp(ray, co1, core(99), asset(200, usd)), "credit_offer_accept.min_deal_amount", "borrow_amount.amount");
    r(acceptOp(ray, co1, core(100), asset(200, usd), 29999), "credit_offer_accept.max_fee_rate", "max_fee_rate");
    r(acceptOp(ray, co1, core(100), asset(200, usd), 30000, 3601), "credit_offer_accept.min_duration_seconds", "min_duration_seconds");
    r(acceptOp(ray, co1, core(100), asset(200, cny)), "credit_offer_accept.collateral_acceptable", "collateral.asset_id");
    // ted is not whitelisted for MYUSD (its issuer lists itself nowhere): the borrower must hold the collateral asset.
    r(acceptOp(ted, co1, core(100), asset(200, usd)), "credit_offer_accept.borrower_authorized_collateral", "collateral.asset_id");
    // ray is not whitelisted for MYEUR; sam (the owner) is not either, but ray fails first.
    r(acceptOp(ray, co1, core(100), asset(200, eur)), "credit_offer_accept.borrower_authorized_collateral", "collateral.asset_id");
    c.pushOk([updateOp(sam, co1, { acceptable_borrowers: [[ted, 300n], [por, 0n]] })]);
    r(acceptOp(ted, co1, core(100), asset(200, eur)), "credit_offer_accept.owner_authorized_collateral", "collateral.asset_id");
    c.whitelist(sam, sam);
    r(acceptOp(ted, co1, core(100), asset(99, eur)), "credit_offer_accept.sufficient_collateral", "collateral.amount");
    r(acceptOp(ray, co1, core(100), asset(200, usd)), "credit_offer_accept.borrower_acceptable", "borrower");
    c.pushOk([acceptOp(ted, co1, core(200), asset(200, eur))]);
    r(acceptOp(ted, co1, core(101), asset(101, eur)), "credit_offer_accept.borrower_limit", "borrow_amount.amount");
    r(acceptOp(ted, co1, core(100), asset(INIT, eur)), "database.adjust_balance.sufficient", "collateral.amount");
  });

  it("the owner must be authorized by the debt asset; an offer lending for 0 seconds cannot be accepted", () => {
    const { c, ray, sam, ted, usd, eur } = setup();
    const co = newId(c, createOp({ owner: sam, assetType: usd, balance: 1000n, feeRate: 0, duration: 0, minDeal: 0n, enabled: true,
      disableTime: c.now() + 600, collateral: [["1.3.0", price(asset(1, usd), core(1))]] }));
    c.expectRefused([acceptOp(ray, co, asset(10, usd), core(10))], { exception: A, rule: "credit_offer_accept.repay_time_future", field: FIELD("offer_id") });
    c.whitelist(ted, sam, 0);
    c.expectRefused([acceptOp(ray, co, asset(10, usd), core(10))], { exception: A, rule: "credit_offer_accept.owner_authorized_debt", field: FIELD("borrow_amount.asset_id") });
    c.whitelist(ted, ray, 0);
    c.expectRefused([acceptOp(ray, co, asset(10, usd), core(10))], { exception: A, rule: "credit_offer_accept.borrower_authorized_debt", field: FIELD("borrow_amount.asset_id") });
    void eur;
  });
});

describe("credit_offer_accept: collateral beyond GRAPHENE_MAX_SHARE_SUPPLY", () => {
  it("asset::multiply_and_round_up refuses a required collateral above the maximum supply", () => {
    const { c, ray, sam, usd } = setup();
    const co = newId(c, createOp({ owner: sam, assetType: "1.3.0", balance: 1000n, feeRate: 0, duration: 600, minDeal: 0n, enabled: true,
      disableTime: c.now() + 600, collateral: [[usd, price(core(1), asset(MAX_SHARE_SUPPLY, usd))]] }));
    c.expectRefused([acceptOp(ray, co, core(2), asset(1, usd))], { exception: A, rule: "asset_multiply_and_round_up.result_max", field: FIELD("borrow_amount") });
  });
});

describe("credit_deal_repay", () => {
  /** borrow_repay_test: cd13 = 100 core against 499 MYUSD at 3%. */
  function withDeal() {
    const x = withOffer();
    x.c.pushOk([updateOp(x.sam, x.co1, { enabled: true })]);
    const cd = newId(x.c, acceptOp(x.ray, x.co1, core(100), asset(499, x.usd)));
    return { ...x, cd };
  }

  it("partial repayments release collateral rounded down; the last one releases the rest (borrow_repay_test cd13, cd12)", () => {
    const { c, ray, sam, usd, co1, cd } = withDeal();
    // repay 1 with fee 1: releases 1 * 499 / 100 = 4 MYUSD (credit_offer_borrow_repay_test).
    expect(c.result(repayOp(ray, cd, core(1), core(1)))).toEqual([5, { impacted_accounts: [sam], updated_objects: [co1, cd], received: [asset(4, usd)] }]);
    expect(deal(c, cd)).toMatchObject({ debt_amount: 99n, collateral_amount: 495n });
    expect(offer(c, co1)).toMatchObject({ total_balance: 10001n, current_balance: 9902n });
    expect(summaries(c)).toMatchObject([{ total_debt_amount: 99n }]);
    // repay 1 with fee 2: 1 * 495 / 99 = 5.
    expect(c.result(repayOp(ray, cd, core(1), core(2)))).toMatchObject([5, { received: [asset(5, usd)] }]);
    expect(deal(c, cd)).toMatchObject({ debt_amount: 98n, collateral_amount: 490n });
    expect(supplyViolations(c.f.state)).toEqual([]);
    // The rest: 98 with fee ceil(98 * 3%) = 3 (2.94 rounds up).
    expect(requiredCreditFee(98n, 30000)).toBe(3n);
    c.expectRefused([repayOp(ray, cd, core(98), core(2))], { exception: A, rule: "credit_deal_repay.sufficient_credit_fee", field: FIELD("credit_fee.amount") });
    expect(c.result(repayOp(ray, cd, core(98), core(3)))).toEqual([5, { impacted_accounts: [sam], updated_objects: [co1], removed_objects: [cd], received: [asset(490, usd)] }]);
    expect(c.find(cd)).toBeUndefined();
    expect(summaries(c)).toEqual([]);
    expect(offer(c, co1)).toMatchObject({ total_balance: 10006n, current_balance: 10006n });
    expect([c.balance(ray), c.balance(ray, usd)]).toEqual([INIT - 6n, INIT]);
  });

  it("refusals, in the C++ order", () => {
    const { c, ray, ted, sam, usd, cd } = withDeal();
    const r = (op: T.Operation, rule: string, field: string) => c.expectRefused([op], { exception: A, rule, field: FIELD(field) });
    r(repayOp(ray, "1.22.99", core(1), core(1)), "database.object_exists", "deal_id");
    r(repayOp(ray, cd, core(0), core(1)), "credit_deal_repay_operation.repay_amount_positive", "repay_amount.amount");
    r(repayOp(ray, cd, core(1), core(-1)), "credit_deal_repay_operation.credit_fee_non_negative", "credit_fee.amount");
    r(repayOp(ray, cd, core(1), asset(1, usd)), "credit_deal_repay_operation.same_asset", "credit_fee.asset_id");
    r(repayOp(ted, cd, core(1), core(1)), "credit_deal_repay.borrower", "account");
    r(repayOp(ray, cd, asset(1, usd), asset(1, usd)), "credit_deal_repay.asset_type", "repay_amount.asset_id");
    r(repayOp(ray, cd, core(101), core(5)), "credit_deal_repay.not_over_debt", "repay_amount.amount");
    r(repayOp(ray, cd, core(100), core(2)), "credit_deal_repay.sufficient_credit_fee", "credit_fee.amount");
    // share_type addition is checked: repay_amount + credit_fee past int64 throws fc::overflow_exception.
    c.expectRefused([repayOp(ray, cd, core(1), core((1n << 63n) - 1n))], { exception: "overflow_exception", rule: "credit_deal_repay.total_overflow", field: FIELD("credit_fee.amount") });
    c.transfer(ray, sam, core(INIT + 100n - 10n));
    r(repayOp(ray, cd, core(10), core(1)), "database.adjust_balance.sufficient", "repay_amount.amount");
  });

  it("both the borrower and the offer owner must be authorized by the debt asset", () => {
    const { c, ray, sam, ted, usd, eur } = setup();
    c.whitelist(sam, sam);
    const co2 = newId(c, createOp({ owner: sam, assetType: usd, balance: 10000n, feeRate: 70000, duration: 1800, minDeal: 0n, enabled: true,
      disableTime: c.now() + 1200, collateral: [[eur, price(asset(10, usd), asset(10, eur))]] }));
    c.whitelist(ted, ted);
    const cd = newId(c, acceptOp(ted, co2, asset(1000, usd), asset(1100, eur)));
    c.whitelist(ted, ted, 0);
    c.expectRefused([repayOp(ted, cd, asset(200, usd), asset(15, usd))], { exception: A, rule: "credit_deal_repay.account_authorized", field: FIELD("repay_amount.asset_id") });
    c.whitelist(ted, ted);
    // repay 200 with fee 14 (= 200 * 7%): releases 200 * 1100 / 1000 = 220 MYEUR (borrow_repay_test cd22).
    expect(c.result(repayOp(ted, cd, asset(200, usd), asset(14, usd)))).toMatchObject([5, { received: [asset(220, eur)] }]);
    c.whitelist(ted, sam, 0);
    c.expectRefused([repayOp(ted, cd, asset(200, usd), asset(14, usd))], { exception: A, rule: "credit_deal_repay.owner_authorized", field: FIELD("repay_amount.asset_id") });
    void ray;
  });
});

describe("credit_deal_update", () => {
  it("changes auto_repay; refusals (credit_deal_auto_repay_test)", () => {
    const { c, ray, sam, usd, co1 } = withOffer();
    c.pushOk([updateOp(sam, co1, { enabled: true })]);
    const cd = newId(c, acceptOp(ray, co1, core(100), asset(200, usd), FEE_RATE_DENOM, 0, 2));
    expect(deal(c, cd).auto_repay).toBe(2);
    const r = (op: T.Operation, rule: string, field: string) => c.expectRefused([op], { exception: A, rule, field: FIELD(field) });
    r(dealUpdateOp(ray, cd, 3), "credit_deal_update_operation.auto_repay_known", "auto_repay");
    r(dealUpdateOp(ray, cd, 2), "credit_deal_update.auto_repay_changed", "auto_repay");
    r(dealUpdateOp(ray, "1.22.100", 1), "database.object_exists", "deal_id");
    r(dealUpdateOp(sam, cd, 1), "credit_deal_update.borrower", "account");
    for (const v of [1, 0, 2]) {
      expect(c.result(dealUpdateOp(ray, cd, v))).toEqual([0, {}]);
      expect(deal(c, cd).auto_repay).toBe(v);
    }
  });
});

describe("requiredCreditFee", () => {
  it("rounds up in 128 bits", () => {
    expect(requiredCreditFee(1n, 30000)).toBe(1n);
    expect(requiredCreditFee(100n, 30000)).toBe(3n);
    expect(requiredCreditFee(100n, 70000)).toBe(7n);
    expect(requiredCreditFee(0n, 30000)).toBe(0n);
    expect(requiredCreditFee(MAX_SHARE_SUPPLY, 4000 * FEE_RATE_DENOM)).toBe(MAX_SHARE_SUPPLY * 4000n);
  });
});
