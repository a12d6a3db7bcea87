// call_order_update (3) and bid_collateral (45) on the database_fixture chain, every hardfork active: each
// refusal of market_evaluator.cpp call_order_update_evaluator / bid_collateral_evaluator (and of
// database::adjust_balance / object_database::get reached from them), and the success paths with numbers
// from operation_tests.cpp call_order_update_test, swan_tests.cpp bid_issue_1692 and
// settle_tests.cpp global_settle_rounding_test_after_hf_184, re-derived for the post-hardfork code.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { Chain } from "./misc_ops_test_support.js";
import {
  CHARGE_MARKET_FEE, DISABLE_COLLATERAL_BIDDING, DISABLE_NEW_SUPPLY, GLOBAL_SETTLE, WHITE_LIST, amount, assetOf, bitassetOf, core,
  createBitasset, expectRefused, feed, price, usdbitOfPaul,
} from "./smartcoin_test_support.js";

const updateOp = (account: string, collateral: T.Asset, debt: T.Asset, tcr?: number): T.Operation =>
  [3, { fee: core(0), funding_account: account, delta_collateral: collateral, delta_debt: debt, extensions: tcr === undefined ? {} : { target_collateral_ratio: tcr } }];
/** database_fixture::borrow / cover. */
const borrow = (who: string, debt: T.Asset, collateral: T.Asset, tcr?: number): T.Operation => updateOp(who, collateral, debt, tcr);
const cover = (who: string, debt: T.Asset, collateral: T.Asset): T.Operation =>
  updateOp(who, { ...collateral, amount: -collateral.amount }, { ...debt, amount: -debt.amount });
const bidOp = (bidder: string, collateral: T.Asset, debt: T.Asset): T.Operation =>
  [45, { fee: core(0), bidder, additional_collateral: collateral, debt_covered: debt, extensions: [] }];

const supplyOf = (c: Chain, id: string): bigint => c.get<T.AssetDynamicDataObject>(assetOf(c, id).dynamic_asset_data_id).current_supply;
const callOf = (c: Chain, borrower: string, assetId: string): T.CallOrderObject | undefined =>
  [...c.f.state.all<T.CallOrderObject>(1, 8)].find((o) => o.borrower === borrower && o.call_price.quote.asset_id === assetId);
const bidsOf = (c: Chain): T.CollateralBidObject[] => [...c.f.state.all<T.CollateralBidObject>(2, 17)];

/** BACK, a user-issued asset of `issuer` with white_list and `issuer` its only whitelist authority, and
 *  BACKBIT backed by it with `issuer` feeding 1 BACKBIT / 1 BACK. */
function backedByWhitelisted(c: Chain, issuer: string): { back: string; mpa: string } {
  const back = c.createUia("BACK", issuer, WHITE_LIST, [issuer]);
  const mpa = createBitasset(c, "BACKBIT", issuer, { backing: back });
  feed(c, mpa, issuer, price(amount(1, mpa), amount(1, back)));
  return { back, mpa };
}

/** operation_tests.cpp call_order_update_test set-up: dan and sam with 10,000,000 CORE each, USDBIT issued by
 *  sam with sam its feed producer at 100 USD / 100 CORE, MCR 1750 (MSSR 1500 by default, ICR = MCR). */
function callOrderUpdateSetup() {
  const c = new Chain();
  const dan = c.createAccount("dan");
  const sam = c.createAccount("sam");
  const usd = createBitasset(c, "USDBIT", sam);
  c.transfer("1.2.0", dan, core(10000000));
  c.transfer("1.2.0", sam, core(10000000));
  feed(c, usd, sam, price(amount(100, usd), core(100)));
  return { c, dan, sam, usd };
}

describe("call_order_update", () => {
  it("opens, reduces, closes, reopens, adds collateral and changes debt (operation_tests.cpp call_order_update_test)", () => {
    const { c, dan, usd } = callOrderUpdateSetup();
    const stats = () => c.stats(dan).total_core_in_orders;
    // borrow 5000 USD with 10000 CORE (collateral ratio 2 > ICR 1.75 at 1:1).
    const r = c.result(borrow(dan, amount(5000, usd), core(10000)));
    const callId = (r as [1, string])[1];
    expect(callId).toMatch(/^1\.8\.\d+$/);
    expect(c.balance(dan, usd)).toBe(5000n);
    expect(c.balance(dan)).toBe(10000000n - 10000n);
    expect(supplyOf(c, usd)).toBe(5000n);
    expect(stats()).toBe(10000n);
    // core-1270: the call price is 1 collateral / 1 debt, no longer derived from the feed.
    expect(c.get<T.CallOrderObject>(callId)).toEqual({ id: callId, borrower: dan, collateral: 10000n, debt: 5000n, call_price: price(core(1), amount(1, usd)) });
    // cover 2500 and free 5000.
    c.pushOk([cover(dan, amount(2500, usd), core(5000))]);
    expect(c.balance(dan, usd)).toBe(2500n);
    expect(c.balance(dan)).toBe(10000000n - 10000n + 5000n);
    expect(stats()).toBe(5000n);
    expect(supplyOf(c, usd)).toBe(2500n);
    // covering the rest without claiming the collateral is refused.
    expectRefused(c, cover(dan, amount(2500, usd), core(0)), "call_order_update.close_claims_all_collateral", "delta_collateral.amount");
    // closing: delta_debt = -debt, delta_collateral = -collateral; the result is the removed order's id.
    expect(c.result(cover(dan, amount(2500, usd), core(5000)))).toEqual([1, callId]);
    expect(c.find(callId)).toBeUndefined();
    expect(c.balance(dan, usd)).toBe(0n);
    expect(c.balance(dan)).toBe(10000000n);
    expect(stats()).toBe(0n);
    expect(supplyOf(c, usd)).toBe(0n);
    // reopen, then add collateral only, repay only, borrow only.
    c.pushOk([borrow(dan, amount(5000, usd), core(10000))]);
    expect([c.balance(dan, usd), c.balance(dan)]).toEqual([5000n, 10000000n - 10000n]);
    c.pushOk([borrow(dan, amount(0, usd), core(10000))]);
    expect([c.balance(dan, usd), c.balance(dan), stats()]).toEqual([5000n, 10000000n - 20000n, 20000n]);
    c.pushOk([cover(dan, amount(1000, usd), core(0))]);
    expect([c.balance(dan, usd), c.balance(dan), supplyOf(c, usd)]).toEqual([4000n, 10000000n - 20000n, 4000n]);
    c.pushOk([borrow(dan, amount(1000, usd), core(0))]);
    expect([c.balance(dan, usd), c.balance(dan), supplyOf(c, usd)]).toEqual([5000n, 10000000n - 20000n, 5000n]);
    const call = callOf(c, dan, usd)!;
    expect([call.collateral, call.debt]).toEqual([20000n, 5000n]);
  });

  it("refuses what call_order_update_test refuses, each by its rule (operation_tests.cpp call_order_update_test)", () => {
    const { c, dan, sam, usd } = callOrderUpdateSetup();
    c.pushOk([borrow(dan, amount(5000, usd), core(20000))]);
    // 85000 debt against 20000 collateral: 0.235 CORE/USD, below ~MSSP = 1.5 CORE/USD (core-2481).
    expectRefused(c, borrow(dan, amount(80000, usd), core(0)), "call_order_update.no_instant_black_swan", "");
    // 19999 of 20000 out: 1 CORE against 5000 USD.
    expectRefused(c, cover(dan, amount(0, usd), core(20000 - 1)), "call_order_update.no_instant_black_swan", "");
    // all the collateral out without repaying: 0 collateral, 5000 debt.
    expectRefused(c, cover(dan, amount(0, usd), core(20000)), "call_order_update.positive_after_update", "");
    c.pushOk([borrow(sam, amount(1000, usd), core(10000))]);
    c.transfer(sam, dan, amount(1000, usd));
    // more collateral claimed than held, with or without repaying all the debt.
    for (const [debt, coll] of [[4000, 20001], [4000, 20100], [4000, 30000]] as const) {
      expectRefused(c, cover(dan, amount(debt, usd), core(coll)), "call_order_update.positive_after_update", "");
    }
    for (const coll of [20001, 20100, 30000]) {
      expectRefused(c, cover(dan, amount(5000, usd), core(coll)), "call_order_update.close_claims_all_collateral", "delta_collateral.amount");
    }
    // more debt repaid than owed.
    for (const coll of [15000, 20000, 20001, 40000]) {
      expectRefused(c, cover(dan, amount(6000, usd), core(coll)), "call_order_update.positive_after_update", "");
    }
    // 19000 collateral against 5000 debt is 3.8 > ICR 1.75; taking 1000 more out is allowed.
    c.pushOk([cover(dan, amount(0, usd), core(1000))]);
    expect(callOf(c, dan, usd)).toMatchObject({ collateral: 19000n, debt: 5000n });
  });

  it("refuses a missing or user-issued debt asset, one without new supply, above max supply or below zero supply", () => {
    const { c, dan, sam, usd } = callOrderUpdateSetup();
    expectRefused(c, borrow(dan, amount(10, "1.3.99"), core(100)), "database.object_exists", "delta_debt.asset_id");
    const uia = c.createUia("UIATEST", sam);
    expectRefused(c, borrow(dan, amount(10, uia), core(100)), "call_order_update.market_issued", "delta_debt.asset_id");
    // Repaying is refused below zero supply before any position is looked up.
    expectRefused(c, cover(dan, amount(1, usd), core(0)), "call_order_update.supply_non_negative", "delta_debt.amount");
    const usdBefore = assetOf(c, usd);
    c.modify<T.AssetObject>(usd, (a) => ({ ...a, options: { ...a.options, max_supply: 4999n } }));
    // core-1465: the supply after borrowing may not exceed max_supply.
    expectRefused(c, borrow(dan, amount(5000, usd), core(10000)), "call_order_update.max_supply", "delta_debt.amount");
    expect(E.isRight(c.push([borrow(dan, amount(4999, usd), core(10000))]))).toBe(true);
    c.modify<T.AssetObject>(usd, (a) => ({ ...a, options: { ...a.options, flags: a.options.flags | DISABLE_NEW_SUPPLY, max_supply: usdBefore.options.max_supply } }));
    expectRefused(c, borrow(dan, amount(1, usd), core(0)), "call_order_update.new_supply_allowed", "delta_debt.amount");
    // Without new supply, repaying and adding collateral still work.
    c.pushOk([cover(dan, amount(999, usd), core(0))]);
    c.pushOk([borrow(dan, amount(0, usd), core(1))]);
    expect(callOf(c, dan, usd)).toMatchObject({ collateral: 10001n, debt: 4000n });
  });

  it("refuses a globally settled asset, collateral that is not the backing asset, and new positions without collateral or debt", () => {
    const { c, dan, sam, usd } = callOrderUpdateSetup();
    const other = c.createUia("OTHER", sam);
    expectRefused(c, borrow(dan, amount(100, usd), amount(1000, other)), "call_order_update.collateral_is_backing", "delta_collateral.asset_id");
    expectRefused(c, borrow(sam, amount(100, usd), core(0)), "call_order_update.new_collateral_positive", "delta_collateral.amount");
    expectRefused(c, borrow(sam, amount(0, usd), core(1000)), "call_order_update.new_debt_positive", "delta_debt.amount");
    c.pushOk([borrow(dan, amount(100, usd), core(1000))]);
    // With supply, a new position repaying debt passes the supply check and fails on its debt.
    expectRefused(c, updateOp(sam, core(1000), amount(-1, usd)), "call_order_update.new_debt_positive", "delta_debt.amount");
    c.modify<T.AssetBitassetDataObject>(assetOf(c, usd).bitasset_data_id!, (b) => ({ ...b, settlement_price: price(amount(1, usd), core(1)) }));
    expectRefused(c, borrow(dan, amount(1, usd), core(10)), "call_order_update.not_globally_settled", "delta_debt.asset_id");
  });

  it("refuses a prediction market position whose deltas differ, and lets equal deltas through without a feed", () => {
    const c = new Chain();
    const judge = c.createAccount("judge");
    c.transfer("1.2.0", judge, core(1000000));
    const pm = createBitasset(c, "PMARK", judge, { pm: true, permissions: CHARGE_MARKET_FEE | GLOBAL_SETTLE });
    expectRefused(c, borrow(judge, amount(1000, pm), core(2000)), "call_order_update.prediction_market_equal_deltas", "delta_collateral.amount");
    // operation_tests.cpp prediction_market: borrow(judge, pmark.amount(1000), asset(1000)).
    c.pushOk([borrow(judge, amount(1000, pm), core(1000))]);
    expect(callOf(c, judge, pm)).toMatchObject({ collateral: 1000n, debt: 1000n });
    expect(c.balance(judge, pm)).toBe(1000n);
  });

  it("needs a price feed to borrow but not to close (core-2467)", () => {
    const { c, dan, sam } = callOrderUpdateSetup();
    const eur = createBitasset(c, "EURBIT", sam);
    expectRefused(c, borrow(dan, amount(100, eur), core(1000)), "call_order_update.price_feed", "delta_debt.asset_id", "insufficient_feeds");
    feed(c, eur, sam, price(amount(100, eur), core(100)));
    c.pushOk([borrow(dan, amount(100, eur), core(1000))]);
    c.modify<T.AssetBitassetDataObject>(assetOf(c, eur).bitasset_data_id!, (b) => ({ ...b, current_feed: { ...b.current_feed, settlement_price: price(core(0), core(0)) } }));
    expectRefused(c, borrow(dan, amount(0, eur), core(1)), "call_order_update.price_feed", "delta_debt.asset_id", "insufficient_feeds");
    c.pushOk([cover(dan, amount(100, eur), core(1000))]);
    expect(callOf(c, dan, eur)).toBeUndefined();
    expect(c.balance(dan)).toBe(10000000n);
  });

  it("refuses an account not authorized for the debt or the collateral asset (core-973)", () => {
    const { c, dan, sam, usd } = callOrderUpdateSetup();
    // The debt asset whitelists only through sam, who does not list dan.
    c.modify<T.AssetObject>(usd, (a) => ({ ...a, options: { ...a.options, flags: a.options.flags | WHITE_LIST, whitelist_authorities: [sam] } }));
    expectRefused(c, borrow(dan, amount(100, usd), core(1000)), "call_order_update.debt_authorized", "");
    // A bitasset backed by BACK, which whitelists only through sam (the fee stays in CORE, which dan may hold).
    const { back, mpa } = backedByWhitelisted(c, sam);
    expectRefused(c, borrow(dan, amount(100, mpa), amount(1000, back)), "call_order_update.collateral_authorized", "");
  });

  it("refuses collateral or repayment beyond the balance (database::adjust_balance)", () => {
    const { c, dan, sam, usd } = callOrderUpdateSetup();
    expectRefused(c, borrow(dan, amount(100, usd), core(10000001)), "database.adjust_balance.sufficient", "delta_collateral");
    c.pushOk([borrow(dan, amount(5000, usd), core(20000))]);
    c.transfer(dan, sam, amount(2000, usd));
    // 4000 repaid out of a balance of 3000.
    expectRefused(c, cover(dan, amount(4000, usd), core(0)), "database.adjust_balance.sufficient", "delta_debt");
  });

  it("refuses a position at or below the ICR, and one margin called at once and left below it", () => {
    const { c, dan, sam, usd } = callOrderUpdateSetup();
    // 1600 CORE for 1000 USD: 1.6 >= ~MSSP 1.5 but not above ICR 1.75, and nothing to match: no margin call.
    expectRefused(c, borrow(sam, amount(1000, usd), core(1600)), "call_order_update.above_icr", "");
    // Exactly the ICR is not above it.
    expectRefused(c, borrow(sam, amount(1000, usd), core(1750)), "call_order_update.above_icr", "");
    c.pushOk([borrow(sam, amount(1000, usd), core(1751))]);
    // An existing position below the ICR may raise its collateral ratio without more debt.
    c.modify<T.AssetBitassetDataObject>(assetOf(c, usd).bitasset_data_id!, (b) => ({
      ...b, current_initial_collateralization: price(core(2000), amount(1000, usd)),
    }));
    c.pushOk([borrow(sam, amount(0, usd), core(1))]);
    expectRefused(c, borrow(sam, amount(1, usd), core(10)), "call_order_update.above_icr", "");
    c.modify<T.AssetBitassetDataObject>(assetOf(c, usd).bitasset_data_id!, (b) => ({ ...b, current_initial_collateralization: b.current_maintenance_collateralization }));
    // sam sells 100 USD at 1.1 CORE each; dan's new position at 1.6 is margin called against it, buys the
    // 100 USD and is left at 15890 / 9900 = 1.605, still not above the ICR.
    c.pushOk([[1, { fee: core(0), seller: sam, amount_to_sell: amount(100, usd), min_to_receive: core(110), expiration: 0xffffffff, fill_or_kill: false, extensions: {} }]]);
    expectRefused(c, borrow(dan, amount(10000, usd), core(16000)), "call_order_update.no_instant_margin_call", "");
  });

  it("stores, replaces and drops the target collateral ratio (BSIP 38)", () => {
    const { c, dan, usd } = callOrderUpdateSetup();
    c.pushOk([borrow(dan, amount(1000, usd), core(10000), 1800)]);
    expect(callOf(c, dan, usd)!.target_collateral_ratio).toBe(1800);
    c.pushOk([borrow(dan, amount(0, usd), core(1), 2000)]);
    expect(callOf(c, dan, usd)!.target_collateral_ratio).toBe(2000);
    // call.target_collateral_ratio = o.extensions.value.target_collateral_ratio: absent clears it.
    c.pushOk([borrow(dan, amount(0, usd), core(1))]);
    expect(callOf(c, dan, usd)).not.toHaveProperty("target_collateral_ratio");
  });
});

// ---------------------------------------------------------------------------------------------------
/** settle_tests.cpp global_settle_rounding_test_after_hf_184 up to the global settlement: paul issues USDBIT
 *  (global_settle permitted), feed 100 USD / 5 CORE, MCR 1750, MSSR 1100; paul borrows 1001 USD on 101 CORE,
 *  michael 6 USD on 8 CORE; global settlement at 10 USD / 1 CORE leaves a fund of 102 CORE for 1007 USD. */
function settledSetup() {
  const c = new Chain();
  const { paul, michael, rachel, usd } = usdbitOfPaul(c);
  c.transfer("1.2.0", rachel, core(10000000));
  c.pushOk([borrow(michael, amount(6, usd), core(8))]);
  c.pushOk([[18, { fee: core(0), issuer: paul, asset_to_settle: usd, settle_price: price(amount(10, usd), core(1)), extensions: [] }]]);
  expect(bitassetOf(c, usd)).toMatchObject({ settlement_price: price(amount(1007, usd), core(102)), settlement_fund: 102n });
  return { c, paul, michael, rachel, usd };
}

describe("bid_collateral", () => {
  it("creates a bid, replaces it refunding the previous collateral, and cancels it (swan_tests.cpp bid_issue_1692)", () => {
    const { c, rachel, usd } = settledSetup();
    const b = c.balance(rachel);
    expect(c.result(bidOp(rachel, core(1000), amount(100, usd)))).toEqual([0, {}]);
    expect(c.balance(rachel)).toBe(b - 1000n);
    const [first] = bidsOf(c);
    expect(first).toEqual({ id: "2.17.0", bidder: rachel, inv_swan_price: price(core(1000), amount(100, usd)) });
    // bid_issue_1692: a bid of all the balance but 999 on top of 1000 already bid needs b - 1999 more: allowed.
    c.pushOk([bidOp(rachel, core(b - 999n), amount(200, usd))]);
    expect(c.balance(rachel)).toBe(999n);
    expect(bidsOf(c)).toEqual([{ id: "2.17.1", bidder: rachel, inv_swan_price: price(core(b - 999n), amount(200, usd)) }]);
    // ... and then all of it: 999 more.
    c.pushOk([bidOp(rachel, core(b), amount(200, usd))]);
    expect(c.balance(rachel)).toBe(0n);
    // One more than all of it is refused (needs 1000 more than the 0 held).
    expectRefused(c, bidOp(rachel, core(b + 1n), amount(200, usd)), "bid_collateral.sufficient_balance", "additional_collateral.amount");
    // Covering nothing cancels and refunds.
    c.pushOk([bidOp(rachel, core(0), amount(0, usd))]);
    expect(c.balance(rachel)).toBe(b);
    expect(bidsOf(c)).toEqual([]);
    expectRefused(c, bidOp(rachel, core(0), amount(0, usd)), "bid_collateral.bid_to_cancel_exists", "debt_covered.amount");
    expectRefused(c, bidOp(rachel, core(b + 1n), amount(100, usd)), "bid_collateral.sufficient_balance", "additional_collateral.amount");
  });

  it("refuses a missing, user-issued, bid-disabled or unsettled asset", () => {
    const { c, paul, rachel, usd } = settledSetup();
    expectRefused(c, bidOp(rachel, core(10), amount(10, "1.3.99")), "database.object_exists", "debt_covered.asset_id");
    const uia = c.createUia("UIATEST", paul);
    expectRefused(c, bidOp(rachel, core(10), amount(10, uia)), "bid_collateral.market_issued", "debt_covered.asset_id");
    const eur = createBitasset(c, "EURBIT", paul);
    expectRefused(c, bidOp(rachel, core(10), amount(10, eur)), "bid_collateral.globally_settled", "debt_covered.asset_id");
    // core-2281
    c.modify<T.AssetObject>(usd, (a) => ({ ...a, options: { ...a.options, flags: a.options.flags | DISABLE_COLLATERAL_BIDDING } }));
    expectRefused(c, bidOp(rachel, core(10), amount(10, usd)), "bid_collateral.bidding_enabled", "debt_covered.asset_id");
  });

  it("refuses collateral that is not the backing asset and a settled prediction market", () => {
    const { c, paul, rachel, usd } = settledSetup();
    const other = c.createUia("OTHER", paul);
    expectRefused(c, bidOp(rachel, amount(10, other), amount(10, usd)), "bid_collateral.collateral_is_backing", "additional_collateral.asset_id");
    const pm = createBitasset(c, "PMARK", paul, { pm: true, permissions: CHARGE_MARKET_FEE | GLOBAL_SETTLE });
    c.modify<T.AssetBitassetDataObject>(assetOf(c, pm).bitasset_data_id!, (b) => ({ ...b, settlement_price: price(amount(1, pm), core(1)) }));
    expectRefused(c, bidOp(rachel, core(10), amount(10, pm)), "bid_collateral.not_prediction_market", "debt_covered.asset_id");
  });

  it("refuses a bidder not authorized for the debt or the collateral asset (core-973)", () => {
    const { c, paul, rachel, usd } = settledSetup();
    c.modify<T.AssetObject>(usd, (a) => ({ ...a, options: { ...a.options, flags: a.options.flags | WHITE_LIST, whitelist_authorities: [paul] } }));
    expectRefused(c, bidOp(rachel, core(10), amount(10, usd)), "bid_collateral.debt_authorized", "");
    const { back, mpa } = backedByWhitelisted(c, paul);
    // The balance check comes first: rachel gets BACK while paul whitelists her, then is delisted.
    c.upgradeToLifetime(paul);
    c.whitelist(paul, rachel, 1);
    c.issue(rachel, amount(10, back));
    c.whitelist(paul, rachel, 0);
    c.modify<T.AssetBitassetDataObject>(assetOf(c, mpa).bitasset_data_id!, (b) => ({ ...b, settlement_price: price(amount(1, mpa), amount(1, back)) }));
    expectRefused(c, bidOp(rachel, amount(10, back), amount(10, mpa)), "bid_collateral.collateral_authorized", "");
  });

  it("refuses a change of a globally settled asset's positions (call_order_update)", () => {
    const { c, paul, usd } = settledSetup();
    expectRefused(c, borrow(paul, amount(1, usd), core(100)), "call_order_update.not_globally_settled", "delta_debt.asset_id");
  });
});
