// asset_settle (17) and asset_global_settle (18) on the database_fixture chain, every hardfork active: each
// refusal of asset_evaluator.cpp asset_settle_evaluator / asset_global_settle_evaluator (with
// pay_settle_from_gs_fund and pay_settle_from_individual_pool), and success paths with numbers from
// settle_tests.cpp global_settle_rounding_test_after_hf_184, re-derived for the post-hardfork code
// (core-2591 collateral fees, core-2582 zero settlements, core-2481 settle orders).
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { Chain, refusal } from "./misc_ops_test_support.js";
import {
  type BitassetSpec, CHARGE_MARKET_FEE, DISABLE_FORCE_SETTLE, GLOBAL_SETTLE, WHITE_LIST, amount, assetOf, bitassetOf, core, createBitasset, expectRefused, feed, price, usdbitOfPaul,
} from "./smartcoin_test_support.js";

/** bitasset_options::black_swan_response_type::individual_settlement_to_fund */
const BSRM_INDIVIDUAL_SETTLEMENT_TO_FUND = 2;
const borrow = (who: string, debt: T.Asset, collateral: T.Asset): T.Operation =>
  [3, { fee: core(0), funding_account: who, delta_collateral: collateral, delta_debt: debt, extensions: {} }];
const settleOp = (account: string, a: T.Asset): T.Operation => [17, { fee: core(0), account, amount: a, extensions: [] }];
const globalSettleOp = (issuer: string, assetId: string, settlePrice: T.Price): T.Operation =>
  [18, { fee: core(0), issuer, asset_to_settle: assetId, settle_price: settlePrice, extensions: [] }];

const bitassetIdOf = (c: Chain, id: string): string => assetOf(c, id).bitasset_data_id!;
const dynOf = (c: Chain, id: string): T.AssetDynamicDataObject => c.get(assetOf(c, id).dynamic_asset_data_id);
const callsOf = (c: Chain): T.CallOrderObject[] => [...c.f.state.all<T.CallOrderObject>(1, 8)];
const settlesOf = (c: Chain): T.ForceSettlementObject[] => [...c.f.state.all<T.ForceSettlementObject>(1, 4)];

/** settle_tests.cpp global_settle_rounding_test_after_hf_184 up to the global settlement: paul issues USDBIT
 *  (global_settle permitted), feed 100 USD / 5 CORE with MCR 1750 and MSSR 1100; paul borrows 1001 USD on 101
 *  CORE and gives rachel 200; michael borrows 6 USD on 8 CORE. */
function roundingSetup(withMichael = true) {
  const c = new Chain();
  const { paul, michael, rachel, usd } = usdbitOfPaul(c);
  if (withMichael) {
    c.transfer(paul, rachel, amount(200, usd));
    c.pushOk([borrow(michael, amount(6, usd), core(8))]);
  }
  return { c, paul, michael, rachel, usd };
}

/** The same, globally settled at 10 USD / 1 CORE by paul. */
function settledSetup() {
  const s = roundingSetup();
  s.c.pushOk([globalSettleOp(s.paul, s.usd, price(amount(10, s.usd), core(1)))]);
  return s;
}

/** dan and sam with 10,000,000 CORE each, USDBIT of sam fed 100 USD / 100 CORE, dan owing 5000 USD on 10000
 *  CORE (operation_tests.cpp call_order_update_test's first borrow). */
function borrowedSetup(spec: BitassetSpec = {}) {
  const c = new Chain();
  const dan = c.createAccount("dan");
  const sam = c.createAccount("sam");
  c.transfer("1.2.0", dan, core(10000000));
  c.transfer("1.2.0", sam, core(10000000));
  const usd = createBitasset(c, "USDBIT", sam, spec);
  feed(c, usd, sam, price(amount(100, usd), core(100)));
  c.pushOk([borrow(dan, amount(5000, usd), core(10000))]);
  return { c, dan, sam, usd };
}

describe("asset_global_settle", () => {
  it("closes every position into the fund at the given price (settle_tests.cpp global_settle_rounding_test_after_hf_184)", () => {
    const { c, paul, michael, rachel, usd } = roundingSetup();
    expect(c.result(globalSettleOp(paul, usd, price(amount(10, usd), core(1))))).toEqual([0, {}]);
    // paul pays ceil(1001 / 10) = 101 (all his collateral), michael ceil(6 / 10) = 1: 102 for 1007 USD.
    expect(bitassetOf(c, usd)).toMatchObject({ settlement_price: price(amount(1007, usd), core(102)), settlement_fund: 102n });
    expect(dynOf(c, usd).current_supply).toBe(1007n);
    expect(callsOf(c)).toEqual([]);
    expect([c.balance(michael), c.balance(michael, usd)]).toEqual([99999999n, 6n]);
    expect([c.balance(paul), c.balance(paul, usd)]).toEqual([9999899n, 801n]);
    expect([c.balance(rachel), c.balance(rachel, usd)]).toEqual([0n, 200n]);
  });

  it("refuses a missing or user-issued asset, a missing permission, another issuer, no supply, a second settlement", () => {
    const { c, paul, michael, usd } = roundingSetup();
    expectRefused(c, globalSettleOp(paul, "1.3.99", price(amount(1, "1.3.99"), core(1))), "database.object_exists", "asset_to_settle");
    const uia = c.createUia("UIATEST", paul);
    expectRefused(c, globalSettleOp(paul, uia, price(amount(1, uia), core(1))), "asset_global_settle.market_issued", "asset_to_settle");
    const eur = createBitasset(c, "EURBIT", paul);
    expectRefused(c, globalSettleOp(paul, eur, price(amount(1, eur), core(1))), "asset_global_settle.permitted", "asset_to_settle");
    expectRefused(c, globalSettleOp(michael, usd, price(amount(10, usd), core(1))), "asset_global_settle.issuer", "issuer");
    const gbp = createBitasset(c, "GBPBIT", paul, { permissions: CHARGE_MARKET_FEE | GLOBAL_SETTLE });
    expectRefused(c, globalSettleOp(paul, gbp, price(amount(1, gbp), core(1))), "asset_global_settle.supply_positive", "asset_to_settle");
    c.pushOk([globalSettleOp(paul, usd, price(amount(10, usd), core(1)))]);
    expectRefused(c, globalSettleOp(paul, usd, price(amount(10, usd), core(1))), "asset_global_settle.not_settled", "asset_to_settle");
  });

  it("refuses a price at which the least collateralized position cannot pay", () => {
    const { c, paul, usd } = roundingSetup();
    // paul's 1001 USD at 10 USD / 2 CORE is worth 200 CORE, more than his 101.
    expectRefused(c, globalSettleOp(paul, usd, price(amount(10, usd), core(2))), "asset_global_settle.collateral_sufficient", "settle_price");
    // At 1001 USD / 101 CORE it is worth exactly 101: allowed.
    c.pushOk([globalSettleOp(paul, usd, price(amount(1001, usd), core(101)))]);
    expect(bitassetOf(c, usd).settlement_fund).toBe(101n + 1n);
  });

  // `least->get_debt() * op.settle_price <= least->get_collateral()` compares two assets, and fc's asset
  // comparison FC_ASSERTs they are the same asset: a settle price quoted in anything but the backing asset
  // is refused (assert_exception) in do_evaluate.
  it("refuses a settle price not quoted in the backing asset (asset operator< asserts the same asset)", () => {
    const { c, paul, usd } = roundingSetup();
    const other = c.createUia("OTHER", paul);
    const before = c.f.state;
    const r = c.push([globalSettleOp(paul, usd, price(amount(10, usd), amount(1, other)))]);
    expect(refusal(r)).toEqual({ exception: "assert_exception", rule: "asset_global_settle.price_in_backing", field: "operations[0][1].settle_price" });
    expect(c.f.state).toBe(before);
  });
});

describe("asset_settle from the global settlement fund", () => {
  it("pays at the settlement price, rounding in the fund's favour (settle_tests.cpp global_settle_rounding_test_after_hf_184)", () => {
    const { c, paul, michael, rachel, usd } = settledSetup();
    // 13 USD is worth 13 * 102 / 1007 = 1 CORE, which costs ceil(1 * 1007 / 102) = 10 USD; 3 USD stay. The
    // collateral fee (core-2591) is nothing: 10 USD at the margin call order price 100000 USD / 5500 CORE
    // is ceil(0.55) = 1 CORE, not less than the 1 received; CORE has no market fee.
    expect(c.result(settleOp(rachel, amount(13, usd)))).toEqual([5, { paid: [amount(10, usd)], received: [core(1)], fees: [core(0)] }]);
    expect(bitassetOf(c, usd)).toMatchObject({ settlement_price: price(amount(1007, usd), core(102)), settlement_fund: 101n });
    expect(dynOf(c, usd).current_supply).toBe(997n);
    expect(dynOf(c, usd).accumulated_collateral_fees).toBe(0n);
    expect([c.balance(rachel), c.balance(rachel, usd)]).toEqual([1n, 190n]);
    expect([c.balance(michael), c.balance(michael, usd)]).toEqual([99999999n, 6n]);
    expect([c.balance(paul), c.balance(paul, usd)]).toEqual([9999899n, 801n]);
  });

  it("refuses a settlement too small to receive anything (global_settle_rounding_test_after_hf_184: 4 USD)", () => {
    const { c, rachel, usd } = settledSetup();
    // 4 * 102 / 1007 = 0. The rule and field; the exception is checked below.
    const before = c.f.state;
    const r = c.push([settleOp(rachel, amount(4, usd))]);
    expect(refusal(r)).toMatchObject({ rule: "asset_settle.receives_something", field: "operations[0][1].amount.amount" });
    expect(c.f.state).toBe(before);
  });

  // DISCREPANCY: pay_settle_from_gs_fund refuses with FC_THROW, a plain fc::exception (code 0,
  // unspecified_exception in errors.ts), not FC_ASSERT's assert_exception.
  it("refuses a too small settlement from the fund with FC_THROW's unspecified_exception", () => {
    const { c, rachel, usd } = settledSetup();
    expectRefused(c, settleOp(rachel, amount(4, usd)), "asset_settle.receives_something", "amount.amount", "unspecified_exception");
  });

  it("gives the whole fund for the whole supply, less the collateral fee above the margin call order price (core-2591)", () => {
    const { c, paul, usd } = roundingSetup(false);
    c.pushOk([globalSettleOp(paul, usd, price(amount(10, usd), core(1)))]);
    // paul alone: ceil(1001 / 10) = 101 CORE in the fund for 1001 USD.
    expect(bitassetOf(c, usd)).toMatchObject({ settlement_price: price(amount(1001, usd), core(101)), settlement_fund: 101n });
    // 1001 USD = the supply: the fund's 101 CORE. At the margin call order price (100 USD / 5 CORE over
    // MSSR 1.1 = 200 USD / 11 CORE) 1001 USD is worth ceil(55.055) = 56 CORE: the other 45 are the fee.
    expect(c.result(settleOp(paul, amount(1001, usd)))).toEqual([5, { paid: [amount(1001, usd)], received: [core(56)], fees: [core(45), core(0)] }]);
    expect(bitassetOf(c, usd).settlement_fund).toBe(0n);
    expect(dynOf(c, usd)).toMatchObject({ current_supply: 0n, accumulated_collateral_fees: 45n });
    expect([c.balance(paul), c.balance(paul, usd)]).toEqual([10000000n - 101n + 56n, 0n]);
  });

  it("refuses a settlement worth more than the fund (pay_settle_from_gs_fund's internal check)", () => {
    const { c, rachel, usd } = settledSetup();
    // Only reachable with a fund below its price: 200 USD is worth 200 * 102 / 1007 = 20 CORE, the fund holds 19.
    c.modify<T.AssetBitassetDataObject>(bitassetIdOf(c, usd), (b) => ({ ...b, settlement_fund: 19n }));
    expectRefused(c, settleOp(rachel, amount(200, usd)), "asset_settle.fund_sufficient", "amount.amount");
  });

  it("lets a globally settled asset be settled even with force settlement disabled and without a feed", () => {
    const { c, rachel, usd } = settledSetup();
    c.modify<T.AssetObject>(usd, (a) => ({ ...a, options: { ...a.options, flags: a.options.flags | DISABLE_FORCE_SETTLE } }));
    c.modify<T.AssetBitassetDataObject>(bitassetIdOf(c, usd), (b) => ({ ...b, current_feed: { ...b.current_feed, settlement_price: price(core(0), core(0)) } }));
    // Without a current feed no collateral fee is taken (pay_collateral_fees).
    expect(c.result(settleOp(rachel, amount(13, usd)))).toEqual([5, { paid: [amount(10, usd)], received: [core(1)], fees: [core(0)] }]);
  });
});

describe("asset_settle", () => {
  it("creates a settle order due after the force settlement delay (core-2481: matched at once only against margin calls)", () => {
    const { c, dan, usd } = borrowedSetup();
    // dan's position (10000 CORE / 5000 USD = 2) is above the MCR: nothing matches, the order waits.
    expect(c.result(settleOp(dan, amount(1000, usd)))).toEqual([5, { new_objects: ["1.4.0"] }]);
    expect(settlesOf(c)).toEqual([{ id: "1.4.0", owner: dan, balance: amount(1000, usd), settlement_date: c.now() + 86400 }]);
    expect(c.balance(dan, usd)).toBe(4000n);
    expect(dynOf(c, usd).current_supply).toBe(5000n);
    // core-2582: settling nothing creates nothing.
    expect(c.result(settleOp(dan, amount(0, usd)))).toEqual([5, {}]);
    expect(settlesOf(c)).toHaveLength(1);
  });

  it("refuses a missing, user-issued or force-settle-disabled asset", () => {
    const { c, dan, sam } = borrowedSetup();
    expectRefused(c, settleOp(dan, amount(1, "1.3.99")), "database.object_exists", "amount.asset_id");
    const uia = c.createUia("UIATEST", sam);
    c.issue(dan, amount(100, uia));
    expectRefused(c, settleOp(dan, amount(1, uia)), "asset_settle.market_issued", "amount.asset_id");
    const eur = createBitasset(c, "EURBIT", sam, { flags: CHARGE_MARKET_FEE | DISABLE_FORCE_SETTLE });
    feed(c, eur, sam, price(amount(100, eur), core(100)));
    c.pushOk([borrow(dan, amount(100, eur), core(1000))]);
    expectRefused(c, settleOp(dan, amount(1, eur)), "asset_settle.settle_allowed", "amount.asset_id");
  });

  it("refuses an unsettled prediction market and an asset without a feed", () => {
    const { c, dan, sam } = borrowedSetup();
    const pm = createBitasset(c, "PMARK", sam, { pm: true, permissions: CHARGE_MARKET_FEE | GLOBAL_SETTLE });
    c.pushOk([borrow(dan, amount(1000, pm), core(1000))]);
    expectRefused(c, settleOp(dan, amount(1, pm)), "asset_settle.prediction_market_settled", "amount.asset_id");
    const eur = createBitasset(c, "EURBIT", sam);
    // The feed is checked before the balance: dan holds none.
    expectRefused(c, settleOp(dan, amount(1, eur)), "asset_settle.price_feed", "amount.asset_id", "insufficient_feeds");
  });

  it("refuses more than the balance", () => {
    const { c, dan, sam, usd } = borrowedSetup();
    expectRefused(c, settleOp(dan, amount(5001, usd)), "asset_settle.sufficient_balance", "amount.amount");
    expectRefused(c, settleOp(sam, amount(1, usd)), "asset_settle.sufficient_balance", "amount.amount");
  });

  it("refuses an account not authorized for the asset or its backing asset (core-973)", () => {
    const { c, dan, sam, usd } = borrowedSetup();
    c.modify<T.AssetObject>(usd, (a) => ({ ...a, options: { ...a.options, flags: a.options.flags | WHITE_LIST, whitelist_authorities: [sam] } }));
    expectRefused(c, settleOp(dan, amount(1, usd)), "asset_settle.asset_authorized", "amount.asset_id");
    // BACKBIT backed by BACK, which sam whitelists: dan borrows while listed, then is delisted.
    c.upgradeToLifetime(sam);
    const back = c.createUia("BACK", sam, WHITE_LIST, [sam]);
    const mpa = createBitasset(c, "BACKBIT", sam, { backing: back });
    feed(c, mpa, sam, price(amount(1, mpa), amount(1, back)));
    c.whitelist(sam, dan, 1);
    c.issue(dan, amount(1000, back));
    c.pushOk([borrow(dan, amount(100, mpa), amount(1000, back))]);
    c.whitelist(sam, dan, 0);
    expectRefused(c, settleOp(dan, amount(1, mpa)), "asset_settle.backing_authorized", "amount.asset_id");
  });

  it("pays from the individual settlement fund at its price less the collateral fee, then settles the rest by order", () => {
    const { c, dan, usd } = borrowedSetup();
    // 100 USD of settled debt with a fund of 500 CORE (BSRM individual_settlement_to_fund); the supply
    // counts that debt too. The fund's price 100 USD / 500 CORE times MCOR 1.5 is below the median
    // feed (1 USD / 1 CORE), so the current feed stays the median.
    c.modify<T.AssetBitassetDataObject>(bitassetIdOf(c, usd), (b) => ({
      ...b, options: { ...b.options, extensions: { ...b.options.extensions, black_swan_response_method: BSRM_INDIVIDUAL_SETTLEMENT_TO_FUND } },
      individual_settlement_debt: 100n, individual_settlement_fund: 500n,
    }));
    c.modify<T.AssetDynamicDataObject>(assetOf(c, usd).dynamic_asset_data_id, (d) => ({ ...d, current_supply: d.current_supply + 100n }));
    // 40 USD of 100: 40 * 500 / 100 = 200 CORE, costing ceil(200 * 100 / 500) = 40 USD. At the margin call
    // order price (1 USD / 1 CORE over MSSR 1.5 = 2 USD / 3 CORE) 40 USD is worth 60 CORE: 140 is the fee.
    expect(c.result(settleOp(dan, amount(40, usd)))).toEqual([5, { paid: [amount(40, usd)], received: [core(60)], fees: [core(140), core(0)] }]);
    expect(bitassetOf(c, usd)).toMatchObject({ individual_settlement_debt: 60n, individual_settlement_fund: 300n, current_feed: { settlement_price: price(amount(100, usd), core(100)) } });
    expect(dynOf(c, usd)).toMatchObject({ current_supply: 5060n, accumulated_collateral_fees: 140n });
    expect([c.balance(dan, usd), c.balance(dan)]).toEqual([4960n, 10000000n - 10000n + 60n]);
    expect(settlesOf(c)).toEqual([]);
    // 100 USD with 60 of settled debt left: the fund pays all its 300 CORE for 60 USD (60 * 3 / 2 = 90 at
    // the margin call order price, 210 the fee); the other 40 USD become a settle order (force settlement
    // is not disabled), which waits as dan's position is above the MCR.
    expect(c.result(settleOp(dan, amount(100, usd)))).toEqual([5, {
      new_objects: ["1.4.0"], paid: [amount(60, usd)], received: [core(90)], fees: [core(210), core(0)],
    }]);
    expect(bitassetOf(c, usd)).toMatchObject({ individual_settlement_debt: 0n, individual_settlement_fund: 0n });
    expect(dynOf(c, usd)).toMatchObject({ current_supply: 5000n, accumulated_collateral_fees: 350n });
    expect(settlesOf(c)).toEqual([{ id: "1.4.0", owner: dan, balance: amount(40, usd), settlement_date: c.now() + 86400 }]);
    expect([c.balance(dan, usd), c.balance(dan)]).toEqual([4860n, 10000000n - 10000n + 150n]);
  });

  it("refuses a settlement from the individual settlement fund too small to receive anything", () => {
    const { c, dan, usd } = borrowedSetup({ flags: CHARGE_MARKET_FEE | DISABLE_FORCE_SETTLE });
    // A fund of 5 CORE for 100 USD of settled debt (BSRM individual_settlement_to_fund): 1 USD is worth
    // 1 * 5 / 100 = 0 CORE. The fund also lifts disable_force_settle.
    c.modify<T.AssetBitassetDataObject>(bitassetIdOf(c, usd), (b) => ({
      ...b, options: { ...b.options, extensions: { ...b.options.extensions, black_swan_response_method: BSRM_INDIVIDUAL_SETTLEMENT_TO_FUND } },
      individual_settlement_debt: 100n, individual_settlement_fund: 5n,
    }));
    expectRefused(c, settleOp(dan, amount(1, usd)), "asset_settle.receives_something", "amount.amount");
  });
});
