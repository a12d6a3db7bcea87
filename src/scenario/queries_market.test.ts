// The market queries in database_api's shapes (database_api.cpp, util.cpp price_to_string).
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { Chain, asset, core } from "../chain/evaluators/misc_ops_test_support.js";
import { sell } from "../market/test_support.js";
import { MARKET_QUERIES, amountToString, uint128AmountToString } from "./queries_market.js";

describe("market queries", () => {
  it("formats amounts and prices as asset_object::amount_to_string and uint128_amount_to_string do", () => {
    expect(amountToString(150n, 2)).toBe("1.50");
    expect(amountToString(100n, 2)).toBe("1");
    expect(amountToString(-5n, 2)).toBe("-0.05");
    expect(amountToString(100n, 5)).toBe("0.00100"); // decimals keep their trailing zeros
    expect(uint128AmountToString(967741935483870967n, 22)).toBe("0.0000967741935483870967");
    expect(uint128AmountToString(25000000000000000000n, 19)).toBe("2.5");
    expect(uint128AmountToString(20000000000000000000n, 19)).toBe("2");
  });

  it("answers both sides, best first, and the order book with bids and asks", () => {
    const c = new Chain();
    const seller = c.createAccount("seller");
    const buyer = c.createAccount("buyer");
    const test = c.createUia("UIATEST", "1.2.0");
    c.transfer("1.2.0", seller, core(1000));
    c.issue(buyer, asset(1000, test));
    const s1 = sell(c, seller, core(3), asset(31, test));
    const s2 = sell(c, seller, core(4), asset(31, test));
    const b1 = sell(c, buyer, asset(500, test), core(100));
    const orders = MARKET_QUERIES.get_limit_orders!(c.f.state, ["1.3.0", "UIATEST", 10]);
    expect(E.isRight(orders) && (orders.right as { id: string }[]).map((o) => o.id)).toEqual([s2, s1, b1]);
    const one = MARKET_QUERIES.get_limit_orders!(c.f.state, ["1.3.0", "UIATEST", 1]);
    expect(E.isRight(one) && (one.right as { id: string }[]).map((o) => o.id)).toEqual([s2, b1]);
    const book = MARKET_QUERIES.get_order_book!(c.f.state, ["1.3.0", "UIATEST", 10]);
    expect(E.isRight(book) && book.right).toEqual({
      base: "1.3.0", quote: "UIATEST",
      bids: [
        { price: "0.000129032258064516129", quote: "0.31", base: "0.00004", id: s2, owner_id: seller, owner_name: "seller", expiration: "2106-02-07T06:28:15" },
        { price: "0.0000967741935483870967", quote: "0.31", base: "0.00003", id: s1, owner_id: seller, owner_name: "seller", expiration: "2106-02-07T06:28:15" },
      ],
      asks: [{ price: "0.0002", quote: "5", base: "0.00100", id: b1, owner_id: buyer, owner_name: "buyer", expiration: "2106-02-07T06:28:15" }],
    });
    const bad = MARKET_QUERIES.get_order_book!(c.f.state, ["1.3.0", "UIATEST", 51]);
    expect(E.isLeft(bad) && bad.left.rule).toBe("query.limit");
  });
});

describe("SmartCoin and pool queries", () => {
  /** A SmartCoin of `issuer` backed by CORE (feed_lifetime 1 day, settlement delay 1 day), fed 1:1 by it. */
  function smartcoin(c: Chain, issuer: string): string {
    const id = c.result([10, {
      fee: core(0), issuer, symbol: "SMART", precision: 2,
      common_options: {
        max_supply: 10n ** 15n, market_fee_percent: 0, max_market_fee: 0n, issuer_permissions: 0x20, flags: 0,
        core_exchange_rate: { base: core(1), quote: asset(1, "1.3.1") }, whitelist_authorities: [], blacklist_authorities: [],
        whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
      },
      bitasset_opts: {
        feed_lifetime_sec: 86400, minimum_feeds: 1, force_settlement_delay_sec: 86400, force_settlement_offset_percent: 0,
        maximum_force_settlement_volume: 2000, short_backing_asset: "1.3.0", extensions: {},
      },
      is_prediction_market: false, extensions: [],
    }])[1] as string;
    c.pushOk([[13, { fee: core(0), issuer, asset_to_update: id, new_feed_producers: [issuer], extensions: [] }]]);
    const p: T.Price = { base: asset(1, id), quote: core(1) };
    c.pushOk([[19, { fee: core(0), publisher: issuer, asset_id: id, feed: { settlement_price: p, core_exchange_rate: p, maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: 1100 }, extensions: {} }]]);
    return id;
  }
  const ids = (r: E.Either<unknown, unknown>): string[] => (E.isRight(r) ? (r.right as { id: string }[]).map((o) => o?.id) : ["refused"]);

  it("get_call_orders lists positions least collateralized first; get_settle_orders by settlement date; get_collateral_bids best first", () => {
    const c = new Chain();
    const issuer = c.createAccount("issuer");
    const [a, b, d] = [c.createAccount("a"), c.createAccount("b"), c.createAccount("d")];
    for (const x of [a, b, d]) c.transfer("1.2.0", x, core(10n ** 7n));
    const smart = smartcoin(c, issuer);
    const borrow = (who: string, debt: number, collateral: number): string =>
      c.result([3, { fee: core(0), funding_account: who, delta_collateral: core(collateral), delta_debt: asset(debt, smart), extensions: {} }])[1] as string;
    const ca = borrow(a, 1000, 3000);
    const cb = borrow(b, 1000, 2000);
    const cd = borrow(d, 1000, 4000);
    expect(ids(MARKET_QUERIES.get_call_orders!(c.f.state, ["SMART", 10]))).toEqual([cb, ca, cd]);
    expect(ids(MARKET_QUERIES.get_call_orders!(c.f.state, [smart, 2]))).toEqual([cb, ca]);
    const notMia = MARKET_QUERIES.get_call_orders!(c.f.state, ["1.3.0", 2]);
    expect(E.isLeft(notMia) && notMia.left.rule).toBe("query.market_issued");
    expect(E.isLeft(MARKET_QUERIES.get_call_orders!(c.f.state, ["SMART", 301])) ).toBe(true);

    const settle = (who: string, n: number): string =>
      ((c.result([17, { fee: core(0), account: who, amount: asset(n, smart), extensions: [] }])[1] as { new_objects: string[] }).new_objects[0]!);
    const s1 = settle(a, 100);
    c.f.generateBlock();
    const s2 = settle(b, 50);
    expect(ids(MARKET_QUERIES.get_settle_orders!(c.f.state, ["SMART", 10]))).toEqual([s1, s2]);
    expect(ids(MARKET_QUERIES.get_settle_orders!(c.f.state, ["SMART", 1]))).toEqual([s1]);

    // Globally settled by its issuer, then two bids: the one offering more collateral per debt first.
    c.pushOk([[18, { fee: core(0), issuer, asset_to_settle: smart, settle_price: { base: asset(1, smart), quote: core(1) }, extensions: [] }]]);
    const bid = (who: string, collateral: number, debt: number) =>
      c.pushOk([[45, { fee: core(0), bidder: who, additional_collateral: core(collateral), debt_covered: asset(debt, smart), extensions: [] }]]);
    bid(a, 100, 1000);
    bid(b, 300, 1000);
    const bids = MARKET_QUERIES.get_collateral_bids!(c.f.state, ["SMART", 10, 0]);
    expect(E.isRight(bids) && (bids.right as { bidder: string }[]).map((x) => x.bidder)).toEqual([b, a]);
    const skipped = MARKET_QUERIES.get_collateral_bids!(c.f.state, ["SMART", 10, 1]);
    expect(E.isRight(skipped) && (skipped.right as { bidder: string }[]).map((x) => x.bidder)).toEqual([a]);
  });

  it("list_liquidity_pools from a start id, get_liquidity_pools with null for an unknown id", () => {
    const c = new Chain();
    const owner = c.createAccount("owner");
    const x = c.createUia("XXX", owner), y = c.createUia("YYY", owner), l1 = c.createUia("LPA", owner), l2 = c.createUia("LPB", owner);
    const pool = (b: string, share: string) => (c.result([59, {
      fee: core(0), account: owner, asset_a: "1.3.0", asset_b: b, share_asset: share, taker_fee_percent: 0, withdrawal_fee_percent: 0, extensions: [],
    }])[1] as { new_objects: string[] }).new_objects[0]!;
    const p1 = pool(x, l1), p2 = pool(y, l2);
    expect(ids(MARKET_QUERIES.list_liquidity_pools!(c.f.state, [10]))).toEqual([p1, p2]);
    expect(ids(MARKET_QUERIES.list_liquidity_pools!(c.f.state, [10, p2]))).toEqual([p2]);
    const got = MARKET_QUERIES.get_liquidity_pools!(c.f.state, [[p2, "1.19.99"]]);
    expect(E.isRight(got) && (got.right as ({ id: string } | null)[]).map((o) => o?.id ?? null)).toEqual([p2, null]);
  });
});
