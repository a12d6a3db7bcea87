// limit_order_create (1) and limit_order_cancel (2) on the database_fixture chain, every hardfork active.
// Numbers come from bitshares-core's tests/tests/operation_tests.cpp (create_buy_*, cancel_limit_order_test,
// limit_order_fill_or_kill), cited per test, re-derived on the post-hardfork paths of db_market.cpp.
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { DEFAULT_UIA_ASSET_ISSUER_PERMISSION, charge_market_fee, white_list } from "../../protocol/config.js";
import { defaultFeeSchedule } from "../../protocol/fees/index.js";
import { Chain, asset, core } from "./misc_ops_test_support.js";

const MAX_TIME = 0xffffffff;

/** operation_tests.cpp create_uia + issue_uia: UIATEST by the committee (precision 2, max supply 1e8,
 *  1% market fee, charge_market_fee, CER 2 core per unit), 10000000 issued to nathan. */
function issueUia(c: Chain): { uia: string; nathan: string } {
  const uia = c.result([10, {
    fee: core(0), issuer: "1.2.0", symbol: "UIATEST", precision: 2, is_prediction_market: false, extensions: [],
    common_options: {
      max_supply: 100000000n, market_fee_percent: 100, max_market_fee: 1000000000000000n,
      issuer_permissions: DEFAULT_UIA_ASSET_ISSUER_PERMISSION, flags: charge_market_fee,
      core_exchange_rate: { base: core(2), quote: asset(1, "1.3.1") },
      whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
    },
  }])[1] as string;
  const nathan = c.createAccount("nathan");
  c.issue(nathan, asset(10000000, uia));
  return { uia, nathan };
}

const createOp = (seller: string, sell: T.Asset, receive: T.Asset, more: Partial<T.LimitOrderCreateOperation> = {}): T.Operation =>
  [1, { fee: core(0), seller, amount_to_sell: sell, min_to_receive: receive, expiration: MAX_TIME, fill_or_kill: false, extensions: {}, ...more }];
const cancelOp = (account: string, order: string): T.Operation => [2, { fee: core(0), fee_paying_account: account, order, extensions: [] }];

/** database_fixture::create_sell_order: the new order's id (it may already be gone). */
const sell = (c: Chain, seller: string, a: T.Asset, b: T.Asset): string => c.result(createOp(seller, a, b))[1] as string;
const dyn = (c: Chain, assetId: string): T.AssetDynamicDataObject => c.get(c.get<T.AssetObject>(assetId).dynamic_asset_data_id);

describe("limit_order_create matching (operation_tests.cpp)", () => {
  it("create_buy_exact_match_uia: one maker filled exactly, 1% taker fee in UIATEST", () => {
    const c = new Chain();
    const { uia, nathan } = issueUia(c);
    const buyer = c.createAccount("buyer");
    const seller = c.createAccount("seller");
    c.transfer("1.2.0", seller, core(10000));
    c.transfer(nathan, buyer, asset(10000, uia));
    const first = sell(c, buyer, asset(100, uia), core(100));
    const second = sell(c, buyer, asset(100, uia), core(200));
    const third = sell(c, buyer, asset(100, uia), core(300));
    expect(c.balance(buyer, uia)).toBe(9700n);
    const taker = sell(c, seller, core(100), asset(100, uia));
    expect([c.find(first), c.find(taker)]).toEqual([undefined, undefined]);
    expect(c.find(second)).toBeDefined();
    expect(c.find(third)).toBeDefined();
    expect(c.balance(seller, uia)).toBe(99n); // 100 less the 1% market fee
    expect(c.balance(buyer)).toBe(100n);
    expect(dyn(c, uia).accumulated_fees).toBe(1n);
  });

  it("create_buy_uia_multiple_match_new: a taker fills two makers, makers pay 1% of what they receive", () => {
    const c = new Chain();
    const { uia, nathan } = issueUia(c);
    const buyer = c.createAccount("buyer");
    const seller = c.createAccount("seller");
    c.transfer("1.2.0", buyer, core(10000));
    c.transfer(nathan, seller, asset(10000, uia));
    const first = sell(c, buyer, core(100), asset(100, uia));
    const second = sell(c, buyer, core(100), asset(200, uia));
    const third = sell(c, buyer, core(100), asset(300, uia));
    expect(c.balance(buyer)).toBe(9700n);
    const taker = sell(c, seller, asset(300, uia), core(150));
    expect([c.find(first), c.find(second), c.find(taker)]).toEqual([undefined, undefined, undefined]);
    expect(c.find(third)).toBeDefined();
    expect(c.balance(seller)).toBe(200n);
    expect(c.balance(buyer, uia)).toBe(297n); // 100 - 1 + 200 - 2
    expect(dyn(c, uia).accumulated_fees).toBe(3n);
    expect(c.stats(buyer).total_core_in_orders).toBe(100n); // the third order still holds 100 core
  });

  it("create_buy_uia_multiple_match_new_reverse: the taker pays 1% on each fill", () => {
    const c = new Chain();
    const { uia, nathan } = issueUia(c);
    const buyer = c.createAccount("buyer");
    const seller = c.createAccount("seller");
    c.transfer("1.2.0", seller, core(10000));
    c.transfer(nathan, buyer, asset(10000, uia));
    const first = sell(c, buyer, asset(100, uia), core(100));
    const second = sell(c, buyer, asset(100, uia), core(200));
    const third = sell(c, buyer, asset(100, uia), core(300));
    const taker = sell(c, seller, core(300), asset(150, uia));
    expect([c.find(first), c.find(second), c.find(taker)]).toEqual([undefined, undefined, undefined]);
    expect(c.find(third)).toBeDefined();
    expect(c.balance(seller, uia)).toBe(198n);
    expect(c.balance(buyer)).toBe(300n);
    expect(dyn(c, uia).accumulated_fees).toBe(2n);
    expect(c.stats(seller).total_core_in_orders).toBe(0n);
  });

  it("create_buy_uia_multiple_match_new_reverse_fract: fractional prices fill at the makers' prices", () => {
    const c = new Chain();
    const { uia, nathan } = issueUia(c);
    const buyer = c.createAccount("buyer");
    const seller = c.createAccount("seller");
    c.transfer("1.2.0", seller, core(30));
    c.transfer(nathan, buyer, asset(10000, uia));
    const first = sell(c, buyer, asset(100, uia), core(10));
    const second = sell(c, buyer, asset(100, uia), core(20));
    const third = sell(c, buyer, asset(100, uia), core(30));
    expect(c.balance(buyer, uia)).toBe(9700n);
    const taker = sell(c, seller, core(30), asset(150, uia));
    expect([c.find(first), c.find(second), c.find(taker)]).toEqual([undefined, undefined, undefined]);
    expect(c.find(third)).toBeDefined();
    expect(c.balance(seller, uia)).toBe(198n);
    expect(c.balance(buyer)).toBe(30n);
    expect(c.balance(seller)).toBe(0n);
    expect(dyn(c, uia).accumulated_fees).toBe(2n);
  });
});

describe("limit_order_create refusals", () => {
  function setup() {
    const c = new Chain();
    const { uia, nathan } = issueUia(c);
    return { c, uia, nathan };
  }

  it("limit_order_fill_or_kill: an order that cannot fill at once is killed; without the flag it stays", () => {
    const { c, uia, nathan } = setup();
    c.expectRefused([createOp(nathan, asset(500, uia), core(500), { fill_or_kill: true })],
      { exception: "limit_order_create_kill_unfilled", rule: "limit_order_create.fill_or_kill_filled", field: "operations[0][1].fill_or_kill" });
    const id = sell(c, nathan, asset(500, uia), core(500));
    expect(c.get<T.LimitOrderObject>(id).for_sale).toBe(500n);
    expect(c.balance(nathan, uia)).toBe(10000000n - 500n);
  });

  it("an expiration before the head block time is refused", () => {
    const { c, uia, nathan } = setup();
    c.expectRefused([createOp(nathan, asset(5, uia), core(5), { expiration: c.now() - 1 })],
      { exception: "assert_exception", rule: "limit_order_create.expiration_not_past", field: "operations[0][1].expiration" });
  });

  it("unknown assets are refused", () => {
    const { c, uia, nathan } = setup();
    c.expectRefused([createOp(nathan, asset(5, "1.3.99"), core(5))],
      { exception: "assert_exception", rule: "database.object_exists", field: "operations[0][1].amount_to_sell.asset_id" });
    c.expectRefused([createOp(nathan, asset(5, uia), asset(5, "1.3.99"))],
      { exception: "assert_exception", rule: "database.object_exists", field: "operations[0][1].min_to_receive.asset_id" });
  });

  it("whitelist_markets and blacklist_markets of the selling asset", () => {
    const { c, uia, nathan } = setup();
    c.modify<T.AssetObject>(uia, (a) => ({ ...a, options: { ...a.options, whitelist_markets: ["1.3.0"] } }));
    const other = c.createUia("OTHER", "1.2.0");
    c.expectRefused([createOp(nathan, asset(5, uia), asset(5, other))],
      { exception: "limit_order_create_market_not_whitelisted", rule: "limit_order_create.market_whitelisted", field: "operations[0][1].min_to_receive.asset_id" });
    sell(c, nathan, asset(5, uia), core(5));
    c.modify<T.AssetObject>(uia, (a) => ({ ...a, options: { ...a.options, whitelist_markets: [], blacklist_markets: ["1.3.0"] } }));
    c.expectRefused([createOp(nathan, asset(5, uia), core(5))],
      { exception: "limit_order_create_market_blacklisted", rule: "limit_order_create.market_not_blacklisted", field: "operations[0][1].min_to_receive.asset_id" });
    sell(c, nathan, asset(5, uia), asset(5, other));
  });

  it("the seller must be authorized for both assets", () => {
    const { c, uia, nathan } = setup();
    const wl = c.createUia("WLASSET", "1.2.0", white_list, ["1.2.0"]);
    c.issue("1.2.0", asset(1000, wl));
    c.whitelist("1.2.0", nathan, 2); // black_listed
    c.expectRefused([createOp(nathan, asset(5, uia), asset(5, wl))],
      { exception: "limit_order_create_receiving_asset_unauthorized", rule: "limit_order_create.receiving_asset_authorized", field: "operations[0][1].min_to_receive.asset_id" });
    c.whitelist("1.2.0", nathan, 1);
    c.transfer("1.2.0", nathan, asset(10, wl));
    c.whitelist("1.2.0", nathan, 2);
    c.expectRefused([createOp(nathan, asset(5, wl), asset(5, uia))],
      { exception: "limit_order_create_selling_asset_unauthorized", rule: "limit_order_create.selling_asset_authorized", field: "operations[0][1].amount_to_sell.asset_id" });
  });

  it("the seller must hold the amount to sell", () => {
    const { c, uia, nathan } = setup();
    c.expectRefused([createOp(nathan, asset(10000001, uia), core(5))],
      { exception: "limit_order_create_insufficient_balance", rule: "limit_order_create.sufficient_balance", field: "operations[0][1].amount_to_sell.amount" });
  });

  it("on_fill: exactly one action whose fee asset exists", () => {
    const { c, uia, nathan } = setup();
    const action = (fee_asset_id: string): T.LimitOrderAutoAction =>
      [0, { fee_asset_id, spread_percent: 100, size_percent: 10000, expiration_seconds: 3600, repeat: true, extensions: [] }];
    c.expectRefused([createOp(nathan, asset(5, uia), core(5), { extensions: { on_fill: [action("1.3.0"), action("1.3.0")] } })],
      { exception: "assert_exception", rule: "limit_order_create.on_fill_one_action", field: "operations[0][1].extensions.on_fill" });
    c.expectRefused([createOp(nathan, asset(5, uia), core(5), { extensions: { on_fill: [action("1.3.99")] } })],
      { exception: "assert_exception", rule: "limit_order_create.on_fill_fee_asset_exists", field: "operations[0][1].extensions.on_fill[0][1].fee_asset_id" });
  });
});

describe("limit_order_cancel (operation_tests.cpp cancel_limit_order_test)", () => {
  it("refunds the whole amount and answers it", () => {
    const c = new Chain();
    const { uia } = issueUia(c);
    const buyer = c.createAccount("buyer");
    c.transfer("1.2.0", buyer, core(10000));
    const id = sell(c, buyer, core(1000), asset(100 + 450, uia));
    expect(c.balance(buyer)).toBe(9000n);
    expect(c.stats(buyer).total_core_in_orders).toBe(1000n);
    expect(c.result(cancelOp(buyer, id))).toEqual([2, core(1000)]);
    expect(c.balance(buyer)).toBe(10000n);
    expect(c.find(id)).toBeUndefined();
    expect(c.stats(buyer).total_core_in_orders).toBe(0n);
  });

  it("refuses unknown orders and orders of someone else", () => {
    const c = new Chain();
    const { uia, nathan } = issueUia(c);
    const buyer = c.createAccount("buyer");
    const id = sell(c, nathan, asset(5, uia), core(5));
    c.expectRefused([cancelOp(nathan, "1.7.99")],
      { exception: "limit_order_cancel_nonexist_order", rule: "limit_order_cancel.order_exists", field: "operations[0][1].order" });
    c.expectRefused([cancelOp(buyer, id)],
      { exception: "limit_order_cancel_owner_mismatch", rule: "limit_order_cancel.owner", field: "operations[0][1].fee_paying_account" });
  });
});

describe("deferred order fees (fee_tests.cpp fee_refund_test, the post-core-445 iteration without updates)", () => {
  // fee_refund_test: create 537, cancel 129 (limit_order_update's 437 is only used by its update steps).
  const CREATE_FEE = 537n;
  const CANCEL_FEE = 129n;
  it("the creation fee waits on the order: refunded on cancel, spent once the order fills", () => {
    const c = new Chain();
    const alice = c.createAccount("alice");
    const bob = c.createAccount("bob");
    const izzy = c.createAccount("izzy");
    const b0 = 1000000n;
    c.transfer("1.2.0", alice, core(b0));
    c.transfer("1.2.0", bob, core(b0));
    const usd = c.createUia("IZZYUSD", izzy, charge_market_fee);
    c.issue(alice, asset(b0, usd));
    c.issue(bob, asset(b0, usd));
    c.f.modifyGlobalProperties((g) => ({ ...g, parameters: { ...g.parameters, current_fees: defaultFeeSchedule() } }));
    c.f.changeFees([[1, { fee: CREATE_FEE }], [2, { fee: CANCEL_FEE }]]);

    const ao1 = sell(c, alice, core(1000), asset(1000, usd));
    const bo1 = sell(c, bob, asset(500, usd), core(1000));
    expect(c.get<T.LimitOrderObject>(ao1).deferred_fee).toBe(CREATE_FEE);
    expect(c.get<T.LimitOrderObject>(ao1).deferred_paid_fee).toEqual(core(0));
    expect(c.stats(alice).pending_fees + c.stats(alice).pending_vested_fees).toBe(0n);
    expect(c.balance(alice)).toBe(b0 - 1000n - CREATE_FEE);
    expect(c.balance(bob)).toBe(b0 - CREATE_FEE);
    expect(c.balance(bob, usd)).toBe(b0 - 500n);

    c.pushOk([cancelOp(bob, bo1)]);
    expect(c.balance(bob)).toBe(b0 - CANCEL_FEE);
    expect(c.balance(bob, usd)).toBe(b0);
    c.pushOk([cancelOp(alice, ao1)]);
    expect(c.balance(alice)).toBe(b0 - CANCEL_FEE);

    const ao2 = sell(c, alice, core(1000), asset(200, usd));
    const bo2 = sell(c, bob, asset(100, usd), core(500));
    expect(c.find(bo2)).toBeUndefined();
    expect(c.balance(alice)).toBe(b0 - CANCEL_FEE - CREATE_FEE - 1000n);
    expect(c.balance(alice, usd)).toBe(b0 + 100n);
    expect(c.balance(bob)).toBe(b0 - CANCEL_FEE - CREATE_FEE + 500n);
    expect(c.balance(bob, usd)).toBe(b0 - 100n);
    // The partly filled maker spent its deferred fee into alice's statistics.
    expect(c.get<T.LimitOrderObject>(ao2).deferred_fee).toBe(0n);
    expect(c.stats(alice).pending_fees + c.stats(alice).pending_vested_fees).toBe(CANCEL_FEE + CREATE_FEE);

    c.pushOk([cancelOp(alice, ao2)]);
    expect(c.balance(alice)).toBe(b0 - CANCEL_FEE - CREATE_FEE - 500n - CANCEL_FEE);
    expect(c.balance(alice, usd)).toBe(b0 + 100n);
  });
});

describe("limit_order_update (operation_tests.cpp limit_order_update_test)", () => {
  // limit_order_update_test with USDBIT replaced by a user-issued asset (call orders are not there yet):
  // nathan keeps 1000 core instead of 1500 less the 500 he put up as collateral, so the numbers carry over.
  const updateOp = (seller: string, order: string, more: Partial<T.LimitOrderUpdateOperation> = {}): T.Operation =>
    [77, { fee: core(0), seller, order, extensions: [], ...more }];
  function setup() {
    const c = new Chain();
    const nathan = c.createAccount("nathan");
    const dan = c.createAccount("dan");
    const usd = c.createUia("USDBIT", nathan);
    const munee = c.createUia("MUNEE", "1.2.0");
    c.transfer("1.2.0", nathan, core(1000));
    const expiration = c.now() + 1000;
    const id = c.result([1, { fee: core(0), seller: nathan, amount_to_sell: core(500), min_to_receive: asset(1000, usd), expiration, fill_or_kill: false, extensions: {} }])[1] as string;
    return { c, nathan, dan, usd, munee, id, expiration };
  }
  const refusal = (rule: string, field: string, exception = "assert_exception") => ({ exception, rule, field: `operations[0][1].${field}` });
  const price = (base: T.Asset, quote: T.Asset): T.Price => ({ base, quote });

  it("refuses incompatible prices, amounts, expirations, other owners and unknown orders", () => {
    const { c, nathan, dan, usd, munee, id } = setup();
    c.expectRefused([updateOp(nathan, id, { new_price: price(asset(2, usd), core(1)) })], refusal("limit_order_update.price_compatible", "new_price"));
    c.expectRefused([updateOp(nathan, id, { new_price: price(asset(2, usd), asset(1, munee)) })], refusal("limit_order_update.price_compatible", "new_price"));
    c.expectRefused([updateOp(nathan, id, { new_price: price(core(2), asset(1, munee)) })], refusal("limit_order_update.price_compatible", "new_price"));
    c.expectRefused([updateOp(nathan, id, { new_expiration: c.now() - 10 })], refusal("limit_order_update.expiration_not_past", "new_expiration"));
    c.expectRefused([updateOp(nathan, id, { delta_amount_to_sell: core(501) })], refusal("database.adjust_balance.sufficient", "delta_amount_to_sell.amount"));
    c.expectRefused([updateOp(nathan, id, { delta_amount_to_sell: core(-501) })], refusal("limit_order_update.delta_leaves_some", "delta_amount_to_sell.amount"));
    c.expectRefused([updateOp(nathan, id, { delta_amount_to_sell: core(-500) })], refusal("limit_order_update.delta_leaves_some", "delta_amount_to_sell.amount"));
    c.expectRefused([updateOp(nathan, id, { delta_amount_to_sell: asset(50, usd) })], refusal("limit_order_update.delta_asset", "delta_amount_to_sell.asset_id"));
    c.expectRefused([updateOp(nathan, id, { delta_amount_to_sell: asset(-50, munee) })], refusal("limit_order_update.delta_asset", "delta_amount_to_sell.asset_id"));
    c.expectRefused([updateOp(dan, id, { delta_amount_to_sell: core(-1) })], refusal("limit_order_update.owner", "seller", "limit_order_update_owner_mismatch"));
    c.expectRefused([updateOp(nathan, "1.7.1", { delta_amount_to_sell: core(-1) })], refusal("limit_order_update.order_exists", "order", "limit_order_update_nonexist_order"));
    c.expectRefused([updateOp(nathan, id, { new_price: price(core(501), asset(1000, usd)) })], refusal("limit_order_update.price_base_within_amount", "new_price.base.amount"));
    // Not in limit_order_update_test: at 500 core per USDBIT, the 1 core left after taking out 499 would
    // receive nothing.
    c.pushOk([updateOp(nathan, id, { new_price: price(core(500), asset(1, usd)) })]);
    c.expectRefused([updateOp(nathan, id, { delta_amount_to_sell: core(-499) })], refusal("limit_order_update.not_too_small", "delta_amount_to_sell.amount"));
    c.expectRefused([updateOp(nathan, id, { on_fill: [[0, { fee_asset_id: "1.3.99", spread_percent: 100, size_percent: 100, expiration_seconds: 10, repeat: false, extensions: [] }]] })],
      refusal("limit_order_update.on_fill_fee_asset_exists", "on_fill[0][1].fee_asset_id"));
  });

  it("changes the price, expiration and amount as limit_order_update_test does", () => {
    const { c, nathan, usd, id, expiration } = setup();
    const order = () => c.get<T.LimitOrderObject>(id);
    c.pushOk([updateOp(nathan, id, { new_price: price(core(499), asset(1000, usd)) })]);
    expect(order().sell_price).toEqual(price(core(499), asset(1000, usd)));
    c.pushOk([updateOp(nathan, id, { new_price: price(core(500), asset(999, usd)) })]);
    expect(order().sell_price).toEqual(price(core(500), asset(999, usd)));
    c.pushOk([updateOp(nathan, id, { new_expiration: expiration + 50 })]);
    expect(order().expiration).toBe(expiration + 50);
    c.pushOk([updateOp(nathan, id, { delta_amount_to_sell: core(50) })]);
    expect(order().for_sale).toBe(550n);
    expect(c.balance(nathan)).toBe(450n);
    expect(c.stats(nathan).total_core_in_orders).toBe(550n);
    c.pushOk([updateOp(nathan, id, { delta_amount_to_sell: core(-100) })]);
    expect(order().for_sale).toBe(450n);
    expect(c.balance(nathan)).toBe(550n);
    c.pushOk([updateOp(nathan, id, { new_price: price(core(499), asset(1001, usd)), delta_amount_to_sell: core(50), new_expiration: expiration + 100 })]);
    expect(order().sell_price).toEqual(price(core(499), asset(1001, usd)));
    expect(order().expiration).toBe(expiration + 100);
    expect(order().for_sale).toBe(500n);
    expect(c.balance(nathan)).toBe(500n);
  });

  it("fee_refund_test's update steps: the old deferred fee pays cancel * update / create, the rest comes back", () => {
    // fee_tests.cpp fee_refund_test (i == 2): create 537, update 437, cancel 129; update_net_fee = 129 * 437 / 537 = 104.
    const c = new Chain();
    const alice = c.createAccount("alice");
    const bob = c.createAccount("bob");
    const usd = c.createUia("IZZYUSD", "1.2.0", charge_market_fee);
    const b0 = 1000000n;
    c.transfer("1.2.0", alice, core(b0));
    c.transfer("1.2.0", bob, core(b0));
    c.issue(alice, asset(b0, usd));
    c.issue(bob, asset(b0, usd));
    c.f.modifyGlobalProperties((g) => ({ ...g, parameters: { ...g.parameters, current_fees: defaultFeeSchedule() } }));
    c.f.changeFees([[1, { fee: 537n }], [77, { fee: 437n }], [2, { fee: 129n }]]);
    sell(c, alice, core(1000), asset(1000, usd));
    const bo1 = sell(c, bob, asset(500, usd), core(1000));
    c.pushOk([updateOp(bob, bo1, { delta_amount_to_sell: asset(100, usd) })]);
    const updateNetFee = (129n * 437n) / 537n;
    expect(updateNetFee).toBe(104n);
    expect(c.balance(bob)).toBe(b0 - updateNetFee - 437n);
    expect(c.balance(bob, usd)).toBe(b0 - 600n);
    expect(c.get<T.LimitOrderObject>(bo1).deferred_fee).toBe(437n);
    c.pushOk([cancelOp(bob, bo1)]);
    expect(c.balance(bob)).toBe(b0 - updateNetFee - 129n);
    expect(c.balance(bob, usd)).toBe(b0);
  });
});

describe("limit_order_update matching and dust (operation_tests.cpp)", () => {
  const updateOp = (seller: string, order: string, more: Partial<T.LimitOrderUpdateOperation> = {}): T.Operation =>
    [77, { fee: core(0), seller, order, extensions: [], ...more }];
  const price = (base: T.Asset, quote: T.Asset): T.Price => ({ base, quote });
  function setup(munee_to: "nathan" | "dan") {
    const c = new Chain();
    const nathan = c.createAccount("nathan");
    const dan = c.createAccount("dan");
    const munee = c.createUia("MUNEE", "1.2.0");
    c.transfer("1.2.0", nathan, core(10000));
    c.issue(munee_to === "nathan" ? nathan : dan, asset(1000, munee));
    const expiration = c.now() + 1000;
    const order = (seller: string, a: T.Asset, b: T.Asset) =>
      c.result([1, { fee: core(0), seller, amount_to_sell: a, min_to_receive: b, expiration, fill_or_kill: false, extensions: {} }])[1] as string;
    return { c, nathan, dan, munee, order };
  }
  const tooSmall = (field: string) => ({ exception: "assert_exception", rule: "limit_order_update.not_too_small", field: `operations[0][1].${field}` });

  it("limit_order_update_dust_test: an update leaving an order that buys nothing is refused", () => {
    const { c, nathan, dan, munee, order } = setup("dan");
    const id = order(nathan, core(1000), asset(100, munee));
    c.expectRefused([updateOp(nathan, id, { delta_amount_to_sell: core(-995) })], tooSmall("delta_amount_to_sell.amount"));
    const gone = order(dan, asset(99, munee), core(990));
    expect(c.find(gone)).toBeUndefined();
    expect(c.get<T.LimitOrderObject>(id).sell_price).toEqual(price(core(1000), asset(100, munee)));
    expect(c.get<T.LimitOrderObject>(id).for_sale).toBe(10n);
    c.expectRefused([updateOp(nathan, id, { new_price: price(core(1000), asset(99, munee)) })], tooSmall("new_price"));
    c.expectRefused([updateOp(nathan, id, { new_price: price(core(990), asset(150, munee)), delta_amount_to_sell: core(-5) })], tooSmall("new_price"));
  });

  it("limit_order_update_match_test: a repriced order takes the book and its dust is culled", () => {
    const { c, nathan, munee, order } = setup("nathan");
    const id1 = order(nathan, core(999), asset(100, munee));
    const id2 = order(nathan, asset(100, munee), core(1001));
    c.pushOk([updateOp(nathan, id1, { new_price: price(core(1000), asset(99, munee)), delta_amount_to_sell: core(1) })]);
    expect(c.find(id1)).toBeUndefined();
    expect(c.get<T.LimitOrderObject>(id2).for_sale).toBe(1n);
  });

  it("limit_order_update_match_test_2: repricing the other side fills both exactly", () => {
    const { c, nathan, munee, order } = setup("nathan");
    const id1 = order(nathan, core(999), asset(100, munee));
    const id2 = order(nathan, asset(100, munee), core(1001));
    c.pushOk([updateOp(nathan, id2, { new_price: price(asset(100, munee), core(999)) })]);
    expect(c.find(id1)).toBeUndefined();
    expect(c.find(id2)).toBeUndefined();
  });
});

describe("on_fill refusals (oso_take_profit_order_tests.cpp setup_test and update_basic_test)", () => {
  const action = (fee_asset_id: string, spread_percent: number, size_percent: number, expiration_seconds: number): T.LimitOrderAutoAction =>
    [0, { fee_asset_id, spread_percent, size_percent, expiration_seconds, repeat: false, extensions: [] }];
  function setup() {
    const c = new Chain();
    const sam = c.createAccount("sam");
    const usd = c.createUia("MYUSD", "1.2.0");
    c.transfer("1.2.0", sam, core(1000000));
    const order = c.result(createOp(sam, core(10000), asset(12345, usd), { extensions: { on_fill: [action("1.3.0", 100, 10000, 3600)] } }))[1] as string;
    return { c, sam, usd, order };
  }
  const at = (rule: string, field: string) => ({ exception: "assert_exception", rule, field: `operations[0][1].${field}` });
  const validateCases: [T.LimitOrderAutoAction, string, string][] = [
    [action("1.3.0", 0, 10000, 3600), "create_take_profit_order_action.spread_percent_positive", "spread_percent"],
    [action("1.3.0", 1, 0, 3600), "create_take_profit_order_action.size_percent_positive", "size_percent"],
    [action("1.3.0", 1, 10001, 3600), "create_take_profit_order_action.size_percent_max", "size_percent"],
    [action("1.3.0", 1, 10000, 0), "create_take_profit_order_action.expiration_seconds_positive", "expiration_seconds"],
  ];

  it("limit_order_create: the action's validate(), then exactly one action whose fee asset exists", () => {
    const { c, sam, usd } = setup();
    for (const [a, rule, field] of validateCases) {
      c.expectRefused([createOp(sam, core(1), asset(1, usd), { extensions: { on_fill: [a] } })], at(rule, `extensions.on_fill[0][1].${field}`));
    }
    c.expectRefused([createOp(sam, core(1), asset(1, usd), { extensions: { on_fill: [] } })], at("limit_order_create.on_fill_one_action", "extensions.on_fill"));
    const ok = action("1.3.0", 1, 10000, 3600);
    c.expectRefused([createOp(sam, core(1), asset(1, usd), { extensions: { on_fill: [ok, ok] } })], at("limit_order_create.on_fill_one_action", "extensions.on_fill"));
    c.expectRefused([createOp(sam, core(1), asset(1, usd), { extensions: { on_fill: [action("1.3.99", 1, 10000, 3600)] } })],
      at("limit_order_create.on_fill_fee_asset_exists", "extensions.on_fill[0][1].fee_asset_id"));
  });

  it("limit_order_update: the action's validate(), then at most one action whose fee asset exists", () => {
    const { c, sam, order } = setup();
    const update = (on_fill: T.LimitOrderAutoAction[]): T.Operation => [77, { fee: core(0), seller: sam, order, on_fill, extensions: [] }];
    for (const [a, rule, field] of validateCases) c.expectRefused([update([a])], at(rule, `on_fill[0][1].${field}`));
    const ok = action("1.3.0", 1, 10000, 3600);
    c.expectRefused([update([ok, ok])], at("limit_order_update.on_fill_at_most_one_action", "on_fill"));
    c.expectRefused([update([action("1.3.99", 1, 10000, 3600)])], at("limit_order_update.on_fill_fee_asset_exists", "on_fill[0][1].fee_asset_id"));
  });

  it("a valid on_fill is stored on the order; an empty one clears it", () => {
    const { c, sam, order } = setup();
    expect(c.get<T.LimitOrderObject>(order).on_fill).toEqual([action("1.3.0", 100, 10000, 3600)]);
    c.pushOk([[77, { fee: core(0), seller: sam, order, on_fill: [action("1.3.1", 7, 50, 9)], extensions: [] }]]);
    expect(c.get<T.LimitOrderObject>(order).on_fill).toEqual([action("1.3.1", 7, 50, 9)]);
    c.pushOk([[77, { fee: core(0), seller: sam, order, on_fill: [], extensions: [] }]]);
    expect(c.get<T.LimitOrderObject>(order).on_fill).toEqual([]);
  });
});
