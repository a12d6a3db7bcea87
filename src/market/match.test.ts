// Limit-order matching, rounding and dust culling (db_market.cpp apply_order, match_limit_normal_limit,
// fill_limit_order, maybe_cull_small_order), with numbers from bitshares-core's
// tests/tests/market_rounding_tests.cpp (the after-hardfork cases), and the fill_order virtual operations.
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { Chain, asset, core } from "../chain/evaluators/misc_ops_test_support.js";
import { applyWithVops, createOp, sell } from "./test_support.js";

/** market_rounding_tests.cpp: seller holds 100000000 core, buyer 10000000 UIATEST (no market fee). */
function setup() {
  const c = new Chain();
  const seller = c.createAccount("seller");
  const buyer = c.createAccount("buyer");
  const test = c.createUia("UIATEST", "1.2.0");
  c.transfer("1.2.0", seller, core(100000000));
  c.issue(buyer, asset(10000000, test));
  return { c, seller, buyer, test };
}

describe("maker/taker rounding (market_rounding_tests.cpp)", () => {
  it("trade_amount_equals_zero_after_hf_184: a taker whose rest buys nothing is culled", () => {
    const { c, seller, buyer, test } = setup();
    sell(c, seller, core(1), asset(2, test));
    sell(c, seller, core(1), asset(2, test));
    const vops = applyWithVops(c, createOp(buyer, asset(3, test), core(1)));
    // The first maker fills (buyer pays 2 test for 1 core); the 1 test left would buy 1 * 1/2 = 0 core:
    // the taker stops and is culled, refunding it.
    expect(c.balance(buyer)).toBe(1n);
    expect(c.balance(buyer, test)).toBe(9999998n);
    expect(c.balance(seller)).toBe(99999998n);
    expect(c.balance(seller, test)).toBe(2n);
    expect(vops.map((o) => o[0])).toEqual([4, 4, 2]);
    const [taker, maker, cancel] = vops as [[4, T.FillOrderOperation], [4, T.FillOrderOperation], [2, T.LimitOrderCancelOperation]];
    expect({ pays: taker[1].pays, receives: taker[1].receives, is_maker: taker[1].is_maker }).toEqual({ pays: asset(2, test), receives: core(1), is_maker: false });
    expect({ pays: maker[1].pays, receives: maker[1].receives, is_maker: maker[1].is_maker }).toEqual({ pays: core(1), receives: asset(2, test), is_maker: true });
    expect(taker[1].fill_price).toEqual({ base: core(1), quote: asset(2, test) }); // the maker's price
    expect(taker[1].fee).toEqual(core(0));
    expect(cancel[1].fee).toEqual(core(0));
  });

  it("limit_limit_rounding_test1_after_hf_342: the maker rounds down what it receives, the taker pays rounded up", () => {
    const { c, seller, buyer, test } = setup();
    const sellId = sell(c, seller, core(3), asset(31, test));
    const gone = sell(c, buyer, asset(25, test), core(2));
    expect(c.find(gone)).toBeUndefined();
    expect(c.get<T.LimitOrderObject>(sellId).for_sale).toBe(1n);
    expect(c.balance(buyer)).toBe(2n);
    expect(c.balance(buyer, test)).toBe(9999979n);
    expect(c.balance(seller)).toBe(99999997n);
    expect(c.balance(seller, test)).toBe(21n);
    const buyId = sell(c, buyer, asset(25, test), core(2));
    expect(c.find(sellId)).toBeUndefined();
    expect(c.get<T.LimitOrderObject>(buyId).for_sale).toBe(15n);
    expect(c.balance(buyer)).toBe(3n);
    expect(c.balance(buyer, test)).toBe(9999954n);
    expect(c.balance(seller)).toBe(99999997n);
    expect(c.balance(seller, test)).toBe(31n);
  });

  it("limit_limit_rounding_test2_after_hf_342: a maker left with dust is culled and refunded", () => {
    const { c, seller, buyer, test } = setup();
    const tmp = sell(c, buyer, asset(3, test), core(17));
    const sellId = sell(c, seller, core(33), asset(5, test));
    expect(c.find(tmp)).toBeUndefined();
    expect(c.get<T.LimitOrderObject>(sellId).for_sale).toBe(16n);
    expect(c.balance(seller)).toBe(99999967n);
    expect(c.balance(seller, test)).toBe(3n);
    expect(c.balance(buyer)).toBe(17n);
    expect(c.balance(buyer, test)).toBe(9999997n);
    const vops = applyWithVops(c, createOp(buyer, asset(3, test), core(15)));
    const buyId = [...c.f.state.withPrefix<T.LimitOrderObject>(1, 7, "by_account", [Number(buyer.split(".")[2])])][0]!.id;
    expect(c.find(sellId)).toBeUndefined();
    expect(c.get<T.LimitOrderObject>(buyId).for_sale).toBe(1n);
    expect(c.balance(buyer)).toBe(31n);
    expect(c.balance(buyer, test)).toBe(9999994n);
    expect(c.balance(seller)).toBe(99999967n + 16n - 14n);
    expect(c.balance(seller, test)).toBe(5n);
    // taker fill, maker fill, then the maker's 2 core (worth 0 test) cancelled with the refund as result.
    expect(vops.map((o) => o[0])).toEqual([4, 4, 2]);
    expect((vops[1]![1] as T.FillOrderOperation).pays).toEqual(core(14));
    expect((vops[2]![1] as T.LimitOrderCancelOperation).order).toBe(sellId);
    expect(c.stats(seller).total_core_in_orders).toBe(0n);
  });
});

describe("book order", () => {
  it("price first, then time: equal prices fill the older order first; a worse price waits", () => {
    const { c, seller, buyer, test } = setup();
    const older = sell(c, seller, core(100), asset(100, test));
    const worse = sell(c, seller, core(100), asset(200, test));
    const newer = sell(c, seller, core(100), asset(100, test));
    const better = sell(c, seller, core(100), asset(50, test));
    sell(c, buyer, asset(150, test), core(150));
    // better (2 core per test) first: 50 test for 100 core; then older: 100 test for 100 core.
    expect(c.find(better)).toBeUndefined();
    expect(c.find(older)).toBeUndefined();
    expect(c.get<T.LimitOrderObject>(newer).for_sale).toBe(100n);
    expect(c.get<T.LimitOrderObject>(worse).for_sale).toBe(100n);
    expect(c.balance(buyer)).toBe(200n);
  });
});
