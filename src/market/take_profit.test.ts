// Take-profit orders (BSIP 85): process_limit_order_on_fill through fills, on the database_fixture chain with
// every hardfork active. Numbers from bitshares-core's tests/tests/oso_take_profit_order_tests.cpp, cited per
// test (zero fees: database_fixture does not enable them there).
import { either as E } from "fp-ts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { charge_market_fee, white_list } from "../protocol/config.js";
import { EVALUATORS } from "../chain/evaluators/index.js";
import { Chain, asset, core } from "../chain/evaluators/misc_ops_test_support.js";
import { type TransactionState, applyOperation } from "../chain/evaluator.js";
import { type Gen, run } from "../chain/gen.js";
import { type AppliedOperation, Session } from "../chain/session.js";
import { ordersInMarket } from "./match.js";
import { invertPrice, priceLess } from "../protocol/price.js";
import { processLimitOrderOnFill, tryPushVirtualOperation, virtualTransactionState } from "./take_profit.js";
import { twoTraders } from "./test_support.js";

const MAX_TIME = 0xffffffff;
const MAX_SUPPLY = 1000000000000000n;
type Action = T.CreateTakeProfitOrderAction;
const tpa = (fee_asset_id: string, spread_percent: number, size_percent: number, expiration_seconds: number, repeat: boolean): T.LimitOrderAutoAction =>
  [0, { fee_asset_id, spread_percent, size_percent, expiration_seconds, repeat, extensions: [] }];
const createOp = (seller: string, sell: T.Asset, receive: T.Asset, onFill?: T.LimitOrderAutoAction[], expiration = MAX_TIME): T.Operation =>
  [1, { fee: core(0), seller, amount_to_sell: sell, min_to_receive: receive, expiration, fill_or_kill: false, extensions: onFill === undefined ? {} : { on_fill: onFill } }];
const updateOp = (seller: string, order: string, more: Partial<T.LimitOrderUpdateOperation>): T.Operation =>
  [77, { fee: core(0), seller, order, extensions: [], ...more }];
const price = (base: T.Asset, quote: T.Asset): T.Price => ({ base, quote });
const order = (c: Chain, id: string): T.LimitOrderObject => c.get<T.LimitOrderObject>(id);
const TRX: TransactionState = { evaluators: EVALUATORS, is_proposed_trx: false, skip_fee_schedule_check: false, skip: 0 };

/** Applies one operation as a transaction's operation would be, keeping every applied operation it recorded. */
function applyRecording(c: Chain, op: T.Operation): AppliedOperation[] {
  const s = new Session(c.f.state);
  const r = run(applyOperation(s, TRX, op));
  if (E.isLeft(r)) throw new Error(`${r.left.rule}: ${r.left.message}`);
  c.f.state = s.db;
  c.f.head = s.db;
  return s.appliedOps;
}

/**
 * oso_take_profit_order_trigger_and_cancel_test's setup: sam and ted funded with 10^11 core; MYUSD by ted,
 * precision 4, charge_market_fee | white_list (no whitelist authorities: everyone may hold it), 0.3% maker
 * fee (market_fee_percent 30), 0.8% taker fee, 10^11 issued to ted.
 */
function triggerSetup() {
  const c = new Chain();
  const sam = c.createAccount("sam");
  const ted = c.createAccount("ted");
  const usd = c.result([10, {
    fee: core(0), issuer: ted, symbol: "MYUSD", precision: 4, is_prediction_market: false, extensions: [],
    common_options: {
      max_supply: MAX_SUPPLY, market_fee_percent: 30, max_market_fee: MAX_SUPPLY, issuer_permissions: charge_market_fee | white_list,
      flags: charge_market_fee | white_list, core_exchange_rate: price(asset(1, "1.3.1"), core(1)),
      whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "",
      extensions: { taker_fee_percent: 80 },
    },
  }])[1] as string;
  const init = 10000000n * 100000n;
  c.transfer("1.2.0", sam, core(init));
  c.transfer("1.2.0", ted, core(init));
  c.issue(ted, asset(init, usd));
  return { c, sam, ted, usd, init };
}

describe("process_limit_order_on_fill (oso_take_profit_order_trigger_and_cancel_test)", () => {
  it("a partial fill creates a take-profit order on the other side, linked both ways, recorded as a virtual limit_order_create", () => {
    const { c, sam, ted, usd, init } = triggerSetup();
    const sell1 = c.result(createOp(sam, core(10000), asset(12345, usd), [tpa("1.3.0", 100, 10000, 3600, false)]))[1] as string;
    expect(order(c, sell1).take_profit_order_id).toBeUndefined();
    const now = c.now();
    const applied = applyRecording(c, createOp(ted, asset(1235, usd), core(1000)));
    const buy1 = applied[0]!.result[1] as string;
    const buy2 = "1.7.2";
    expect(buy1).toBe("1.7.1");
    expect(c.find(buy1)).toBeUndefined(); // the buy order is the smaller side: filled
    // The sell order receives 1235 less the maker fee round_down(1235 * 30 / 10000) = 3; at
    // (12345 / 10000) / 101% the 1232 ask round_up(1232 * 10100 / 12345) = 1008 core.
    expect(order(c, buy2)).toMatchObject({
      seller: sam, for_sale: 1232n, sell_price: price(asset(1232, usd), core(1008)), expiration: now + 3600,
      take_profit_order_id: sell1, on_fill: [],
    });
    expect(order(c, sell1)).toMatchObject({ for_sale: 9000n, take_profit_order_id: buy2 });
    expect([c.balance(sam), c.balance(sam, usd), c.balance(ted), c.balance(ted, usd)]).toEqual([init - 10000n, 0n, init + 1000n, init - 1235n]);
    // Ted's create, the taker's fill, the maker's fill, then sam's take-profit order as a virtual operation
    // carrying its result, the virtual_op counter advancing through all of them.
    expect(applied.map((a) => [a.op[0], a.is_virtual, a.virtual_op])).toEqual([[1, false, 0], [4, true, 1], [4, true, 2], [1, true, 3]]);
    expect(applied[3]!.op[1]).toEqual({
      fee: core(0), seller: sam, amount_to_sell: asset(1232, usd), min_to_receive: core(1008), expiration: now + 3600, fill_or_kill: false, extensions: {},
    });
    expect(applied[3]!.result).toEqual([1, buy2]);
  });

  it("further fills add to the linked order (repriced when it is the newer one), repeat carries on_fill, a taker's own take-profit order grows", () => {
    const { c, sam, ted, usd, init } = triggerSetup();
    const sell1 = c.result(createOp(sam, core(10000), asset(12345, usd), [tpa("1.3.0", 100, 10000, 3600, false)]))[1] as string;
    c.result(createOp(ted, asset(1235, usd), core(1000)));
    const buy2 = "1.7.2";
    c.generateBlock();
    const onFill2 = [tpa(usd, 70, 9700, MAX_TIME, true)];
    const onFill3 = [tpa(usd, 70, 9970, 3600, true)];
    const onFill4 = [tpa("1.3.0", 1, 9999, MAX_TIME, true)];
    const sell2 = c.result(createOp(sam, core(10000), asset(13000, usd), onFill2))[1] as string;
    const sell3 = c.result(createOp(sam, core(10000), asset(34000, usd), onFill3, c.now() + 7200))[1] as string;
    const now = c.now();
    const buy3 = c.result(createOp(ted, asset(30000, usd), core(7000), onFill4))[1] as string;
    expect([sell2, sell3, buy3]).toEqual(["1.7.3", "1.7.4", "1.7.5"]);
    const [sell4, buy4, buy5] = ["1.7.6", "1.7.7", "1.7.8"];
    expect(c.find(buy3)).toBeUndefined();
    expect(c.find(sell1)).toBeUndefined();
    expect(c.find(sell2)).toBeUndefined();
    // sell_order1 gets round_down(9000 * 12345 / 10000) = 11110 less 33: 1232 + 11077 = 12309 for
    // round_up(12309 * 10100 / 12345) = 10071; its link is cleared with sell_order1 gone.
    expect(order(c, buy2)).toMatchObject({ for_sale: 12309n, sell_price: price(asset(12309, usd), core(10071)), expiration: now + 3600, on_fill: [] });
    expect(order(c, buy2).take_profit_order_id).toBeUndefined();
    // sell_order2 gets 13000 - 39 = 12961; round_up(12961 * 97%) = 12573 for round_up(12573 * 10070 / 13000) = 9740.
    expect(order(c, buy4)).toMatchObject({ seller: sam, for_sale: 12573n, sell_price: price(asset(12573, usd), core(9740)), expiration: MAX_TIME, on_fill: onFill2 });
    expect(order(c, buy4).take_profit_order_id).toBeUndefined();
    // sell_order3 pays 1732 for 5889 less 17: round_up(5872 * 99.7%) = 5855 for 1735.
    expect(order(c, buy5)).toMatchObject({ for_sale: 5855n, sell_price: price(asset(5855, usd), core(1735)), expiration: now + 3600, take_profit_order_id: sell3, on_fill: onFill3 });
    expect(order(c, sell3)).toMatchObject({ for_sale: 8268n, take_profit_order_id: buy5 });
    // buy_order3's own take-profit order: 8999 + 9999 + 1732 = 20731 for round_up(20731 * 30003 / 7000) = 88857.
    expect(order(c, sell4)).toMatchObject({ seller: ted, for_sale: 20731n, sell_price: price(core(20731), asset(88857, usd)), expiration: MAX_TIME, on_fill: onFill4 });
    expect(order(c, sell4).take_profit_order_id).toBeUndefined();
    expect([c.balance(sam), c.balance(sam, usd), c.balance(ted), c.balance(ted, usd)])
      .toEqual([init - 30000n, 388n + 17n, init + 1000n + 1n, init - 1235n - 29999n]);
  });
});

describe("a failing take-profit action is undone and ignored", () => {
  it("oso_take_profit_order_fail_test_1: a take-profit price beyond the maximum supply creates nothing and takes no order id", () => {
    const c = new Chain();
    const sam = c.createAccount("sam");
    const ted = c.createAccount("ted");
    const usd = c.createUia("MYUSD", "1.2.0");
    c.transfer("1.2.0", sam, core(10000000n * 100000n));
    c.issue(ted, asset(MAX_SUPPLY, usd));
    const sell1 = c.result(createOp(ted, asset(MAX_SUPPLY, usd), core(100), [tpa("1.3.0", 500, 10000, 3600, false)]))[1] as string;
    const applied = applyRecording(c, createOp(sam, core(100), asset(MAX_SUPPLY, usd)));
    expect(c.find(sell1)).toBeUndefined();
    expect(c.find("1.7.2")).toBeUndefined();
    expect(applied.map((a) => a.op[0])).toEqual([1, 4, 4]); // no take-profit operation recorded
    expect([c.balance(ted), c.balance(sam, usd)]).toEqual([100n, MAX_SUPPLY]);
    // The next order takes the next id: the failed action left none behind.
    expect(c.result(createOp(sam, core(10000), asset(13000, usd)))[1]).toBe("1.7.2");
  });

  it("an action the seller can no longer carry out (blacklisted by the issuer) is undone: the fill itself stands", () => {
    const c = new Chain();
    const sam = c.createAccount("sam");
    const ted = c.createAccount("ted");
    const issuer = c.createAccount("issuer");
    c.transfer("1.2.0", issuer, core(100000000));
    c.upgradeToLifetime(issuer);
    const usd = c.createUia("MYUSD", issuer, white_list, [issuer]);
    c.whitelist(issuer, sam);
    c.whitelist(issuer, ted);
    c.transfer("1.2.0", sam, core(100000));
    c.issue(ted, asset(100000, usd));
    const sell1 = c.result(createOp(sam, core(10000), asset(10000, usd), [tpa("1.3.0", 100, 10000, 3600, false)]))[1] as string;
    c.whitelist(issuer, sam, 2); // black_listed
    const applied = applyRecording(c, createOp(ted, asset(1000, usd), core(1000)));
    expect(applied.map((a) => a.op[0])).toEqual([1, 4, 4]);
    expect(order(c, sell1)).toMatchObject({ for_sale: 9000n });
    expect(order(c, sell1).take_profit_order_id).toBeUndefined();
    expect(c.balance(sam, usd)).toBe(1000n);
    expect(c.find("1.7.2")).toBeUndefined();
  });

  it("tryPushVirtualOperation undoes a failure: state, applied operations and virtual_op counter as before", () => {
    const { c, sam, usd } = triggerSetup();
    const s = new Session(c.f.state);
    const before = s.db;
    s.pushAppliedOperation([0, { fee: core(0), from: sam, to: sam, amount: core(1), extensions: [] }], false);
    // Selling more than sam holds: refused in do_evaluate after the operation was recorded.
    const r = run(tryPushVirtualOperation(s, virtualTransactionState(EVALUATORS), createOp(sam, asset(1, usd), core(1))));
    expect(E.isLeft(r) && [r.left.exception, r.left.rule]).toEqual(["limit_order_create_insufficient_balance", "limit_order_create.sufficient_balance"]);
    expect(s.appliedOps.length).toBe(1);
    expect(s.position.virtual_op).toBe(1);
    expect(s.db).toBe(before);
    // validate() runs first: an invalid operation is refused as operation_validate refuses it.
    const bad = run(tryPushVirtualOperation(s, virtualTransactionState(EVALUATORS), createOp(sam, core(1), core(1))));
    expect(E.isLeft(bad) && bad.left.rule).toBe("limit_order_create_operation.distinct_assets");
  });

  it("the nested undo sessions count against twice the active witnesses (undo_session_nesting_guard)", () => {
    const { c, sam, ted } = triggerSetup();
    const s = new Session(c.f.state);
    const max = s.gpo().active_witnesses.length * 2;
    // Nest tryPushVirtualOperation through a fake evaluator that recurses until refused.
    let depth = 0;
    const table = [...EVALUATORS];
    const nesting = {
      *evaluate() { return undefined; },
      *apply(): Gen<T.OperationResult> {
        depth++;
        yield* tryPushVirtualOperation(s, virtualTransactionState(table), [0, { fee: core(0), from: sam, to: ted, amount: core(1), extensions: [] }]);
        return [0, {}];
      },
    };
    table[0] = nesting as never;
    const r = run(tryPushVirtualOperation(s, virtualTransactionState(table), [0, { fee: core(0), from: sam, to: ted, amount: core(1), extensions: [] }]));
    expect(E.isLeft(r) && r.left.rule).toBe("database.undo_session_nesting_depth");
    expect(depth).toBe(max);
    expect(s.appliedOps.length).toBe(0);
  });
});

describe("the take-profit operation's fee (fee_schedule::calculate_fee with the fee asset's core_exchange_rate)", () => {
  /** fee_tests.cpp bsip26_fee_refund_test's numbers: create 547, update 487, cancel 139 core; IZZYUSD at
   *  1801 core for 3, fee pool 1000000. */
  function feeSetup(sizePercent: number) {
    const c = new Chain();
    const sam = c.createAccount("sam");
    const ted = c.createAccount("ted");
    const usd = c.result([10, {
      fee: core(0), issuer: "1.2.0", symbol: "IZZYUSD", precision: 2, is_prediction_market: false, extensions: [],
      common_options: {
        max_supply: MAX_SUPPLY, market_fee_percent: 0, max_market_fee: MAX_SUPPLY, issuer_permissions: 0, flags: 0,
        core_exchange_rate: price(core(1801), asset(3, "1.3.1")), whitelist_authorities: [], blacklist_authorities: [],
        whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
      },
    }])[1] as string;
    c.transfer("1.2.0", sam, core(1000000));
    c.transfer("1.2.0", ted, core(1000000));
    c.issue(ted, asset(1000000, usd));
    c.pushOk([[16, { fee: core(0), from_account: "1.2.0", asset_id: usd, amount: 1000000n, extensions: [] }]]);
    c.f.changeFees([[1, { fee: 547n }], [77, { fee: 487n }], [2, { fee: 139n }]] as T.FeeParameters[], 10000);
    const sell1 = c.result(createOp(sam, core(10000), asset(10000, usd), [tpa(usd, 100, sizePercent, 3600, false)]))[1] as string;
    return { c, sam, ted, usd, sell1 };
  }
  const withFee = (op: T.Operation): T.Operation => [1, { ...(op[1] as T.LimitOrderCreateOperation), fee: core(547) }];
  const pool = (c: Chain, usd: string): bigint => c.get<T.AssetDynamicDataObject>(c.get<T.AssetObject>(usd).dynamic_asset_data_id).fee_pool;

  it("paid in the action's fee asset: round_up(547 * 3 / 1801) = 1 USD, worth 600 core from the pool, deferred on the new order", () => {
    const { c, sam, ted, usd, sell1 } = feeSetup(9000);
    const applied = applyRecording(c, withFee(createOp(ted, asset(1000, usd), core(1000))));
    const tp = applied[3]!;
    expect([tp.op[0], tp.is_virtual, (tp.op[1] as T.LimitOrderCreateOperation).fee]).toEqual([1, true, asset(1, usd)]);
    // 90% of the 1000 USD received goes on sale; the fee comes out of the 100 kept.
    expect(order(c, tp.result[1] as string)).toMatchObject({ for_sale: 900n, deferred_fee: 600n, deferred_paid_fee: asset(1, usd), take_profit_order_id: sell1 });
    expect(c.balance(sam, usd)).toBe(99n);
    expect(pool(c, usd)).toBe(1000000n - 600n);
  });

  it("a seller left without the fee (size 100%) gets no take-profit order: the failed operation is undone", () => {
    const { c, sam, ted, usd, sell1 } = feeSetup(10000);
    const applied = applyRecording(c, withFee(createOp(ted, asset(1000, usd), core(1000))));
    expect(applied.map((a) => a.op[0])).toEqual([1, 4, 4]);
    expect(order(c, sell1).take_profit_order_id).toBeUndefined();
    expect(c.balance(sam, usd)).toBe(1000n);
    expect(pool(c, usd)).toBe(1000000n);
  });
});

describe("processLimitOrderOnFill", () => {
  const tpOrder = (seller: string, usd: string, action: Action, more: Partial<T.LimitOrderObject> = {}): T.LimitOrderObject => ({
    id: "1.7.0", expiration: MAX_TIME, seller, for_sale: 10000n, sell_price: price(core(10000), asset(12345, usd)), filled_amount: 0n,
    deferred_fee: 0n, deferred_paid_fee: core(0), is_settled_debt: false, on_fill: [[0, action]], ...more,
  });

  it("nothing happens without on_fill or when size_percent of the receipt rounds to nothing", () => {
    const { c, sam, usd } = triggerSetup();
    const s = new Session(c.f.state);
    const before = s.db;
    expect(processLimitOrderOnFill(s, { ...tpOrder(sam, usd, tpa("1.3.0", 1, 1, 1, false)[1]), on_fill: [] }, asset(100, usd))).toBeUndefined();
    expect(processLimitOrderOnFill(s, tpOrder(sam, usd, tpa("1.3.0", 1, 1, 1, false)[1]), asset(0, usd))).toBeUndefined();
    expect(s.db).toBe(before);
    expect(s.appliedOps).toEqual([]);
  });

  it("size_percent rounds up; the expiration is capped at time_point_sec::maximum()", () => {
    const { c, sam, ted, usd } = triggerSetup();
    c.transfer(ted, sam, asset(1000, usd)); // what the filled order would just have received
    const s = new Session(c.f.state);
    const id = processLimitOrderOnFill(s, tpOrder(sam, usd, tpa("1.3.0", 100, 1, MAX_TIME - 1, false)[1]), asset(1000, usd));
    // round_up(1000 * 1 / 10000) = 1 for sale, at (12345 / 10000) / 101%: round_up(1 * 10100 / 12345) = 1.
    expect(id).toBe("1.7.0");
    expect(s.get<T.LimitOrderObject>(id!)).toMatchObject({ seller: sam, for_sale: 1n, sell_price: price(asset(1, usd), core(1)), expiration: MAX_TIME });
    expect(s.appliedOps.map((a) => [a.op[0], a.is_virtual, a.result])).toEqual([[1, true, [1, "1.7.0"]]]);
  });
});

describe("limit_order_update of a linked order (limit_order_update_evaluator::do_apply)", () => {
  function linked() {
    const { c, sam, ted, usd } = triggerSetup();
    const sell1 = c.result(createOp(sam, core(10000), asset(12345, usd), [tpa("1.3.0", 100, 10000, 3600, false)]))[1] as string;
    c.result(createOp(ted, asset(1235, usd), core(1000)));
    return { c, sam, ted, usd, sell1, buy2: "1.7.2" };
  }

  it("a new price set by the owner unlinks both orders", () => {
    const { c, sam, usd, sell1, buy2 } = linked();
    c.pushOk([updateOp(sam, buy2, { new_price: price(asset(1232, usd), core(1010)) })]);
    expect(order(c, buy2).take_profit_order_id).toBeUndefined();
    expect(order(c, sell1).take_profit_order_id).toBeUndefined();
  });

  it("the same price, or only an amount or expiration change, keeps the link", () => {
    const { c, sam, usd, sell1, buy2 } = linked();
    c.pushOk([updateOp(sam, buy2, { new_price: price(asset(1232, usd), core(1008)), new_expiration: c.now() + 100 })]);
    c.pushOk([updateOp(sam, sell1, { delta_amount_to_sell: core(5) })]);
    expect(order(c, buy2).take_profit_order_id).toBe(sell1);
    expect(order(c, sell1).take_profit_order_id).toBe(buy2);
  });

  it("with skip_limit_order_price_check (the take-profit action repricing its order) a new price keeps the link", () => {
    const { c, sam, usd, sell1, buy2 } = linked();
    const s = new Session(c.f.state);
    const r = run(tryPushVirtualOperation(s, virtualTransactionState(EVALUATORS, true), updateOp(sam, buy2, { new_price: price(asset(1232, usd), core(1010)) })));
    expect(E.isRight(r)).toBe(true);
    expect(s.get<T.LimitOrderObject>(buy2).take_profit_order_id).toBe(sell1);
    expect(s.get<T.LimitOrderObject>(buy2).sell_price).toEqual(price(asset(1232, usd), core(1010)));
  });

  it("on_fill changes: a different spread or repeat, adding or removing on_fill unlink; the same spread and repeat keep it", () => {
    const same = tpa("1.3.0", 100, 5000, 60, false);
    const cases: [string, T.LimitOrderAutoAction[], boolean][] = [
      ["sell1", [same], true], ["sell1", [tpa("1.3.0", 101, 10000, 3600, false)], false], ["sell1", [tpa("1.3.0", 100, 10000, 3600, true)], false],
      ["sell1", [], false], ["buy2", [], true], ["buy2", [same], false],
    ];
    for (const [which, onFill, keeps] of cases) {
      const { c, sam, sell1, buy2 } = linked();
      c.pushOk([updateOp(sam, which === "sell1" ? sell1 : buy2, { on_fill: onFill })]);
      expect([which, onFill.length, order(c, sell1).take_profit_order_id !== undefined]).toEqual([which, onFill.length, keeps]);
      expect(order(c, buy2).take_profit_order_id !== undefined).toBe(keeps);
    }
  });

  it("cancelling either order unlinks the other (cleanup_and_remove_limit_order)", () => {
    const { c, sam, sell1, buy2 } = linked();
    c.pushOk([[2, { fee: core(0), fee_paying_account: sam, order: buy2, extensions: [] }]]);
    expect(order(c, sell1).take_profit_order_id).toBeUndefined();
  });
});

describe("take-profit properties (random orders with on_fill between two accounts, zero fees)", () => {
  interface Placed { who: 0 | 1; sellCore: boolean; sell: number; receive: number; action?: { spread: number; size: number; seconds: number; repeat: boolean } }
  const placed: fc.Arbitrary<Placed> = fc.record({
    who: fc.constantFrom(0 as const, 1 as const), sellCore: fc.boolean(), sell: fc.integer({ min: 1, max: 1000 }), receive: fc.integer({ min: 1, max: 1000 }),
    action: fc.option(fc.record({ spread: fc.integer({ min: 1, max: 3000 }), size: fc.integer({ min: 1, max: 10000 }), seconds: fc.integer({ min: 1, max: 100000 }), repeat: fc.boolean() }), { nil: undefined }),
  }, { requiredKeys: ["who", "sellCore", "sell", "receive"] });

  it("supply is conserved, the book stays uncrossed, links are mutual, each take-profit order sells size_percent of what its order received", () => {
    fc.assert(fc.property(fc.array(placed, { minLength: 1, maxLength: 10 }), (orders) => {
      const { c, accts, uia } = twoTraders();
      const book = (s: Session, sell: string): T.LimitOrderObject[] => [...ordersInMarket(s, sell, sell === "1.3.0" ? uia : "1.3.0")];
      for (const o of orders) {
        const sell = o.sellCore ? core(o.sell) : asset(o.sell, uia);
        const receive = o.sellCore ? asset(o.receive, uia) : core(o.receive);
        const onFill = o.action === undefined ? undefined : [tpa("1.3.0", o.action.spread, o.action.size, o.action.seconds, o.action.repeat)];
        const before = new Session(c.f.state);
        const applied = applyRecording(c, createOp(accts[o.who]!, sell, receive, onFill));
        // A take-profit operation follows the fill of an order with on_fill, selling round_up(received * size).
        for (const [i, a] of applied.entries()) {
          if (a.op[0] !== 1 || !a.is_virtual) continue;
          const tp = a.op[1] as T.LimitOrderCreateOperation;
          const fill = [...applied.slice(0, i)].reverse().find((x) => x.op[0] === 4)!.op[1] as T.FillOrderOperation;
          const filled = before.find<T.LimitOrderObject>(fill.order_id) ?? { on_fill: onFill! };
          const action = filled.on_fill[0]![1];
          expect(tp.amount_to_sell).toEqual({ ...fill.receives, amount: (fill.receives.amount * BigInt(action.size_percent) + 9999n) / 10000n });
          expect(tp.extensions.on_fill ?? []).toEqual(action.repeat ? filled.on_fill : []);
        }
        const s = new Session(c.f.state);
        for (const assetId of ["1.3.0", uia]) {
          const held = accts.reduce((n, a) => n + c.balance(a, assetId), 0n);
          expect(held + book(s, assetId).reduce((n, x) => n + x.for_sale, 0n)).toBe(200000n);
        }
        const bestBid = book(s, "1.3.0")[0];
        const bestAsk = book(s, uia)[0];
        if (bestBid !== undefined && bestAsk !== undefined) expect(priceLess(bestBid.sell_price, invertPrice(bestAsk.sell_price))).toBe(true);
        for (const x of [...book(s, "1.3.0"), ...book(s, uia)]) {
          if (x.take_profit_order_id === undefined) continue;
          const other = s.find<T.LimitOrderObject>(x.take_profit_order_id);
          expect(other?.take_profit_order_id).toBe(x.id);
          expect(other?.seller).toBe(x.seller);
        }
      }
    }), { numRuns: 25 });
  }, 120000);
});
