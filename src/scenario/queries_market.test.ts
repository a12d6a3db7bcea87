// get_limit_orders and get_order_book in database_api's shapes (database_api.cpp, util.cpp price_to_string).
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
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
