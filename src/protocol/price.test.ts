// asset.cpp's arithmetic: the numbers of bitshares-core tests/tests/basic_tests.cpp (price_test,
// price_multiplication_test, scaled_precision), the C++ wrap-around on out-of-range amounts, and fast-check
// properties against an exact rational oracle.
import { either as E } from "fp-ts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addAssets, assetEquals, assetGreater, assetGreaterEq, assetLess, assetLessEq, callPrice, compareAssetIds, dividePriceByRatio,
  invertPrice, isNullPrice, maintenanceCollateralization, makeAsset, makeRatio, marginCallOrderPrice, marginCallOrderRatio,
  marginCallParamsEqual, marginCallPaysRatio, marginCallPriceNumerator, maxShortSqueezePrice, multiplyAndRoundUp,
  multiplyByPrice, multiplyPriceByRatio, negateAsset, nullPrice, priceEquals, priceFeedIsFor, priceGreater, priceGreaterEq,
  priceLess, priceLessEq, priceMax, priceMin, priceNotEquals, priceOf, priceToReal, scaledPrecision, subtractAssets, unitPrice,
  validatePrice, validatePriceFeed, type Asset, type Price, type PriceFeed, type Ratio,
} from "./price.js";
import { err, ok } from "./test_support.js";

const MAX = 1000000000000000n; // GRAPHENE_MAX_SHARE_SUPPLY
const I64_MAX = 2n ** 63n - 1n;
const I64_MIN = -(2n ** 63n);

const A = (amount: bigint | number, id = 0): Asset => makeAsset(BigInt(amount), `1.3.${id}`);
const P = (base: Asset, quote: Asset): Price => ({ base, quote });
const R = (n: number, d: number): Ratio => ok(makeRatio(n, d));
const pmax = (a: number, b: number) => ok(priceMax(`1.3.${a}`, `1.3.${b}`));
const pmin = (a: number, b: number) => ok(priceMin(`1.3.${a}`, `1.3.${b}`));
const times = (p: Price, r: Ratio) => ok(multiplyPriceByRatio(p, r));
const over = (p: Price, r: Ratio) => ok(dividePriceByRatio(p, r));
const amounts = (p: Price) => [p.base.amount, p.quote.amount];

describe("price comparisons (basic_tests.cpp price_test)", () => {
  it("orders max and min prices, and ~ swaps them", () => {
    expect(priceGreater(pmax(0, 1), pmin(0, 1))).toBe(true);
    expect(priceGreater(pmax(1, 0), pmin(1, 0))).toBe(true);
    expect(priceGreaterEq(pmax(0, 1), pmin(0, 1))).toBe(true);
    expect(priceGreaterEq(pmax(1, 0), pmin(1, 0))).toBe(true);
    expect(priceGreaterEq(pmax(0, 1), pmax(0, 1))).toBe(true);
    expect(priceGreaterEq(pmax(1, 0), pmax(1, 0))).toBe(true);
    expect(priceLess(pmin(0, 1), pmax(0, 1))).toBe(true);
    expect(priceLess(pmin(1, 0), pmax(1, 0))).toBe(true);
    expect(priceLessEq(pmin(0, 1), pmax(0, 1))).toBe(true);
    expect(priceLessEq(pmin(1, 0), pmax(1, 0))).toBe(true);
    expect(priceLessEq(pmin(0, 1), pmin(0, 1))).toBe(true);
    expect(priceLessEq(pmin(1, 0), pmin(1, 0))).toBe(true);
    expect(priceNotEquals(pmin(1, 0), pmax(1, 0))).toBe(true);
    expect(priceNotEquals(invertPrice(pmax(0, 1)), pmin(0, 1))).toBe(true);
    expect(priceNotEquals(invertPrice(pmin(0, 1)), pmax(0, 1))).toBe(true);
    expect(priceEquals(invertPrice(pmax(0, 1)), pmin(1, 0))).toBe(true);
    expect(priceEquals(invertPrice(pmin(0, 1)), pmax(1, 0))).toBe(true);
    expect(priceLess(invertPrice(pmax(0, 1)), invertPrice(pmin(0, 1)))).toBe(true);
    expect(priceLessEq(invertPrice(pmax(0, 1)), invertPrice(pmin(0, 1)))).toBe(true);
  });

  it("compares by cross multiplication", () => {
    const a = P(A(1), A(2, 1));
    const b = P(A(2), A(2, 1));
    const c = P(A(1), A(2, 1));
    expect(priceLess(a, b)).toBe(true);
    expect(priceGreater(b, a)).toBe(true);
    expect(priceEquals(a, c)).toBe(true);
    expect(priceEquals(b, c)).toBe(false);
    expect(priceEquals(P(A(1000), A(2000, 1)), P(A(1), A(2, 1)))).toBe(true);
  });

  it("orders by base asset id, then quote asset id, before looking at amounts", () => {
    expect(priceLess(P(A(100), A(1, 2)), P(A(1, 1), A(100, 2)))).toBe(true);
    expect(priceLess(P(A(100, 1), A(1, 2)), P(A(1, 1), A(100, 3)))).toBe(true);
    expect(priceEquals(P(A(1), A(1, 2)), P(A(1), A(1, 3)))).toBe(false);
    expect(compareAssetIds("1.3.10", "1.3.9")).toBe(1);
  });

  it("wraps non-positive amounts to unsigned 128 bits as C++ does", () => {
    // uint128(-1) * 1 = 2^128 - 1 is larger than 1 * 1: the price -1/1 is not below 1/1
    expect(priceLess(P(A(-1), A(1, 1)), P(A(1), A(1, 1)))).toBe(false);
    expect(priceGreater(P(A(-1), A(1, 1)), P(A(1), A(1, 1)))).toBe(true);
    // zero amounts make every cross product 0: 0/0 equals any price
    expect(priceEquals(P(A(0), A(0, 1)), P(A(5), A(7, 1)))).toBe(true);
  });
});

describe("price::validate (basic_tests.cpp price_test)", () => {
  it.each([
    [P(A(-1), A(1, 1)), "price.base_amount_positive", "base.amount"],
    [P(A(0), A(1, 1)), "price.base_amount_positive", "base.amount"],
    [P(A(1), A(0, 1)), "price.quote_amount_positive", "quote.amount"],
    [P(A(1), A(-1, 1)), "price.quote_amount_positive", "quote.amount"],
    [P(A(1), A(1)), "price.distinct_assets", "quote.asset_id"],
    [P(A(1, 1), A(1, 1)), "price.distinct_assets", "quote.asset_id"],
  ])("refuses %#", (p, rule, field) => {
    expect(err(validatePrice(p))).toEqual({ exception: "assert_exception", rule, field });
  });

  it("checks GRAPHENE_MAX_SHARE_SUPPLY only with check_upper_bound", () => {
    for (const p of [P(A(1), A(MAX, 1)), P(A(MAX), A(1, 1)), P(A(MAX), A(MAX, 1))]) {
      expect(E.isRight(validatePrice(p))).toBe(true);
      expect(E.isRight(validatePrice(p, true))).toBe(true);
    }
    const big = MAX + 1n;
    for (const p of [P(A(1), A(big, 1)), P(A(big), A(1, 1)), P(A(big), A(big, 1))]) expect(E.isRight(validatePrice(p))).toBe(true);
    expect(err(validatePrice(P(A(1), A(big, 1)), true))).toEqual({ exception: "assert_exception", rule: "price.quote_amount_max", field: "quote.amount" });
    expect(err(validatePrice(P(A(big), A(1, 1)), true))).toEqual({ exception: "assert_exception", rule: "price.base_amount_max", field: "base.amount" });
    expect(err(validatePrice(P(A(big), A(big, 1)), true)).rule).toBe("price.base_amount_max");
  });

  it("price::max/min and asset / asset refuse one asset on both sides; unit_price and price() are built directly", () => {
    expect(err(priceMax("1.3.4", "1.3.4"))).toEqual({ exception: "assert_exception", rule: "price.distinct_assets", field: "quote.asset_id" });
    expect(err(priceMin("1.3.4", "1.3.4")).rule).toBe("price.distinct_assets");
    expect(err(priceOf(A(1, 2), A(3, 2))).rule).toBe("price.distinct_assets");
    expect(amounts(pmax(0, 1))).toEqual([MAX, 1n]);
    expect(amounts(pmin(0, 1))).toEqual([1n, MAX]);
    expect(unitPrice("1.3.5")).toEqual({ base: A(1, 5), quote: A(1, 5) });
    expect(isNullPrice(nullPrice())).toBe(true);
    expect(isNullPrice(unitPrice())).toBe(true);
    expect(isNullPrice(P(A(1), A(1, 1)))).toBe(false);
    expect(isNullPrice(P(A(1, 1), A(1)))).toBe(false);
    expect(priceToReal(P(A(3), A(2, 1)))).toBe(1.5);
  });
});

describe("price * ratio_type (basic_tests.cpp price_test)", () => {
  it("refuses invalid prices and non-positive ratios", () => {
    const one = P(A(1), A(1, 1));
    expect(err(multiplyPriceByRatio(P(A(1), A(1)), R(1, 1))).rule).toBe("price.distinct_assets");
    expect(err(multiplyPriceByRatio(P(A(0), A(1, 1)), R(1, 1))).rule).toBe("price.base_amount_positive");
    expect(err(multiplyPriceByRatio(P(A(-1), A(1, 1)), R(1, 1))).rule).toBe("price.base_amount_positive");
    expect(err(multiplyPriceByRatio(P(A(1), A(0, 1)), R(1, 1))).rule).toBe("price.quote_amount_positive");
    expect(err(multiplyPriceByRatio(P(A(1), A(-1, 1)), R(1, 1))).rule).toBe("price.quote_amount_positive");
    expect(err(multiplyPriceByRatio(one, R(0, 1)))).toEqual({ exception: "assert_exception", rule: "price_times_ratio.ratio_positive", field: "" });
    expect(err(multiplyPriceByRatio(one, R(-1, 1))).rule).toBe("price_times_ratio.ratio_positive");
    expect(err(multiplyPriceByRatio(one, R(1, -1))).rule).toBe("price_times_ratio.ratio_positive");
    // ratio_type(1,0) throws boost::bad_rational (std::domain_error) when it is built
    expect(err(makeRatio(1, 0))).toEqual({ exception: "unspecified_exception", rule: "ratio_type.zero_denominator", field: "denominator" });

    expect(err(dividePriceByRatio(P(A(0), A(1, 1)), R(1, 1))).rule).toBe("price.base_amount_positive");
    expect(err(dividePriceByRatio(P(A(-1), A(1, 1)), R(1, 1))).rule).toBe("price.base_amount_positive");
    expect(err(dividePriceByRatio(P(A(1), A(0, 1)), R(1, 1))).rule).toBe("price.quote_amount_positive");
    expect(err(dividePriceByRatio(P(A(1), A(-1, 1)), R(1, 1))).rule).toBe("price.quote_amount_positive");
    // p / (0/1) builds ratio_type(1, 0): bad_rational
    expect(err(dividePriceByRatio(one, R(0, 1))).rule).toBe("ratio_type.zero_denominator");
    expect(err(dividePriceByRatio(one, R(-1, 1))).rule).toBe("price_times_ratio.ratio_positive");
    expect(err(dividePriceByRatio(one, R(1, -1))).rule).toBe("price_times_ratio.ratio_positive");
  });

  it("normalizes ratio_type as boost::rational<int32_t>", () => {
    expect(R(80, 100)).toEqual({ numerator: 4, denominator: 5 });
    expect(R(1, -1)).toEqual({ numerator: -1, denominator: 1 });
    expect(R(0, -7)).toEqual({ numerator: 0, denominator: 1 });
    expect(R(-6, -4)).toEqual({ numerator: 3, denominator: 2 });
    expect(err(makeRatio(1, -(2 ** 31))).rule).toBe("ratio_type.singular_denominator");
  });

  it("scales small prices exactly", () => {
    const eq = (x: Price, y: Price) => expect(priceEquals(x, y)).toBe(true);
    eq(times(P(A(1), A(1, 1)), R(1, 1)), P(A(1), A(1, 1)));
    eq(times(P(A(3), A(2, 1)), R(80, 100)), P(A(12), A(10, 1)));
    eq(times(P(A(3), A(2, 1)), R(120, 100)), P(A(9), A(5, 1)));
    eq(over(P(A(1), A(1, 1)), R(1, 1)), P(A(1), A(1, 1)));
    eq(over(P(A(3), A(2, 1)), R(80, 100)), P(A(15), A(8, 1)));
    eq(over(P(A(3), A(2, 1)), R(120, 100)), P(A(30), A(24, 1)));
    // the product is reduced to lowest terms
    expect(amounts(times(P(A(3), A(2, 1)), R(80, 100)))).toEqual([6n, 5n]);
  });

  it("pins at price::max and price::min instead of overflowing", () => {
    expect(priceEquals(times(pmax(0, 1), R(2, 1)), pmax(0, 1))).toBe(true);
    expect(priceEquals(times(pmax(0, 1), R(125317293, 125317292)), pmax(0, 1))).toBe(true);
    expect(priceEquals(times(pmax(0, 1), R(125317293, 105317292)), pmax(0, 1))).toBe(true);
    expect(priceEquals(times(pmax(0, 1), R(125317293, 25317292)), pmax(0, 1))).toBe(true);
    expect(priceEquals(times(pmin(0, 1), R(1, 2)), pmin(0, 1))).toBe(true);
    expect(priceEquals(times(pmin(0, 1), R(98752395, 98752396)), pmin(0, 1))).toBe(true);
    expect(priceEquals(times(pmin(0, 1), R(70000000, 99999999)), pmin(0, 1))).toBe(true);
    expect(priceEquals(times(pmin(0, 1), R(30000000, 99999999)), pmin(0, 1))).toBe(true);
  });

  it("never moves an out-of-range price past itself in the wrong direction", () => {
    const moreThanMax = P(A(MAX * 5n), A(3, 1));
    expect(priceEquals(times(moreThanMax, R(125317293, 125317292)), moreThanMax)).toBe(true);
    expect(priceEquals(times(moreThanMax, R(125317293, 125317293)), moreThanMax)).toBe(true);
    expect(priceEquals(times(moreThanMax, R(125317293, 125317294)), pmax(0, 1))).toBe(true);

    const lessThanMin = P(A(19), A(MAX * 47n, 1));
    expect(priceEquals(times(lessThanMin, R(125317293, 125317292)), pmin(0, 1))).toBe(true);
    expect(priceEquals(times(lessThanMin, R(125317293, 125317293)), lessThanMin)).toBe(true);
    expect(priceEquals(times(lessThanMin, R(125317293, 125317294)), lessThanMin)).toBe(true);
  });

  it("shrinks terms or rounds to an integer price, whichever is closer", () => {
    const eq = (x: Price, y: Price) => expect(priceEquals(x, y)).toBe(true);
    eq(times(P(A(MAX), A(11, 1)), R(7, 1)), P(A((MAX * 7n) / 11n), A(1, 1)));
    eq(times(P(A(MAX), A(92131419, 1)), R(7, 1)), P(A((MAX * 7n) / 92131419n), A(1, 1)));
    eq(times(P(A(MAX), A(192131419, 1)), R(7, 1)), P(A((MAX * 7n) >> 3n), A(192131419n >> 3n, 1)));

    eq(times(P(A(11), A(MAX, 1)), R(1, 7)), P(A(1), A((MAX * 7n) / 11n, 1)));
    eq(times(P(A(64823), A(MAX, 1)), R(31672, 102472047)), P(A(1), A((MAX * 102472047n) / (64823n * 31672n), 1)));
    // after >>1 the quote is max*1.5, but gcd 3 brings it to max/2
    eq(times(P(A(13), A(MAX, 1)), R(202472059, 3)), P(A((13n * 202472059n) >> 1n), A((MAX * 3n) >> 1n, 1)));

    const lessThanMax2 = P(A(MAX * 2n), A(7, 1));
    eq(times(lessThanMax2, R(1, 1)), lessThanMax2);
    eq(times(lessThanMax2, R(5, 2)), P(A((MAX * 2n * 5n) / 2n / 7n), A(1, 1)));
  });
});

describe("asset * price and multiply_and_round_up (basic_tests.cpp price_test)", () => {
  const mul = (a: Asset, p: Price) => ok(multiplyByPrice(a, p));
  const up = (a: Asset, p: Price) => ok(multiplyAndRoundUp(a, p));

  it("converts in both directions, rounding down or up", () => {
    expect(mul(A(1), P(A(1), A(1, 1)))).toEqual(A(1, 1));
    expect(mul(A(1), P(A(1, 1), A(1)))).toEqual(A(1, 1));
    expect(mul(A(1, 1), P(A(1), A(1, 1)))).toEqual(A(1));
    expect(mul(A(1, 1), P(A(1, 1), A(1)))).toEqual(A(1));
    expect(mul(A(3), P(A(3), A(5, 1)))).toEqual(A(5, 1)); // round_down(3*5/3)
    expect(mul(A(5), P(A(2, 1), A(7)))).toEqual(A(1, 1)); // round_down(5*2/7)
    expect(mul(A(7, 1), P(A(2), A(3, 1)))).toEqual(A(4)); // round_down(7*2/3)
    expect(mul(A(9, 1), P(A(8, 1), A(7)))).toEqual(A(7)); // round_down(9*7/8)

    expect(up(A(1), P(A(1), A(1, 1)))).toEqual(A(1, 1));
    expect(up(A(1), P(A(1, 1), A(1)))).toEqual(A(1, 1));
    expect(up(A(1, 1), P(A(1), A(1, 1)))).toEqual(A(1));
    expect(up(A(1, 1), P(A(1, 1), A(1)))).toEqual(A(1));
    expect(up(A(3), P(A(3), A(5, 1)))).toEqual(A(5, 1)); // round_up(3*5/3)
    expect(up(A(5), P(A(2, 1), A(7)))).toEqual(A(2, 1)); // round_up(5*2/7)
    expect(up(A(7, 1), P(A(2), A(3, 1)))).toEqual(A(5)); // round_up(7*2/3)
    expect(up(A(9, 1), P(A(8, 1), A(7)))).toEqual(A(8)); // round_up(9*7/8)
  });

  it("refuses a foreign asset, a zero divisor and a result above the maximum supply", () => {
    expect(err(multiplyByPrice(A(1), P(A(1, 2), A(1, 1))))).toEqual({ exception: "assert_exception", rule: "asset_times_price.asset_in_price", field: "" });
    expect(err(multiplyByPrice(A(1), P(A(0), A(1, 1))))).toEqual({ exception: "assert_exception", rule: "asset_times_price.divisor_positive", field: "base.amount" });
    expect(err(multiplyByPrice(A(1), P(A(1, 1), A(0))))).toEqual({ exception: "assert_exception", rule: "asset_times_price.divisor_positive", field: "quote.amount" });
    expect(err(multiplyByPrice(A(MAX / 2n + 1n), P(A(1), A(2, 1))))).toEqual({ exception: "assert_exception", rule: "asset_times_price.result_max", field: "" });
    expect(err(multiplyByPrice(A(2), P(A(MAX / 2n + 1n, 1), A(1)))).rule).toBe("asset_times_price.result_max");

    expect(err(multiplyAndRoundUp(A(1, 3), P(A(1, 2), A(1))))).toEqual({ exception: "assert_exception", rule: "asset_multiply_and_round_up.asset_in_price", field: "" });
    expect(err(multiplyAndRoundUp(A(1), P(A(0), A(1, 1))))).toEqual({ exception: "assert_exception", rule: "asset_multiply_and_round_up.divisor_positive", field: "base.amount" });
    expect(err(multiplyAndRoundUp(A(1), P(A(1, 1), A(0))))).toEqual({ exception: "assert_exception", rule: "asset_multiply_and_round_up.divisor_positive", field: "quote.amount" });
    expect(err(multiplyAndRoundUp(A(MAX / 2n + 1n), P(A(1), A(2, 1))))).toEqual({ exception: "assert_exception", rule: "asset_multiply_and_round_up.result_max", field: "" });
    expect(err(multiplyAndRoundUp(A(2), P(A(MAX / 2n + 1n, 1), A(1)))).rule).toBe("asset_multiply_and_round_up.result_max");
  });

  it("wraps negative amounts and prices to unsigned 128 bits", () => {
    // uint128(-1) * 1 / 1 = 2^128 - 1: above the maximum supply
    expect(err(multiplyByPrice(A(-1), P(A(1), A(1, 1)))).rule).toBe("asset_times_price.result_max");
    // uint128(-2) * uint128(-3) wraps to 6: -2 * (-3 / 1) converts to 6
    expect(ok(multiplyByPrice(A(-2), P(A(1), A(-3, 1))))).toEqual(A(6, 1));
    // round up: (2^128 - 1) * 2 wraps to 2^128 - 2, + 2 - 1 wraps to 2^128 - 1, / 2
    expect(err(multiplyAndRoundUp(A(-1), P(A(2), A(2, 1)))).rule).toBe("asset_multiply_and_round_up.result_max");
    expect(ok(multiplyByPrice(A(0), P(A(7), A(3, 1))))).toEqual(A(0, 1));
  });
});

describe("asset operators (asset.hpp)", () => {
  it("adds, subtracts and compares amounts of one asset", () => {
    expect(ok(addAssets(A(2, 4), A(3, 4)))).toEqual(A(5, 4));
    expect(ok(subtractAssets(A(2, 4), A(3, 4)))).toEqual(A(-1, 4));
    expect(ok(negateAsset(A(7)))).toEqual(A(-7));
    expect(ok(assetLess(A(1), A(2)))).toBe(true);
    expect(ok(assetLessEq(A(2), A(2)))).toBe(true);
    expect(ok(assetGreater(A(2), A(2)))).toBe(false);
    expect(ok(assetGreaterEq(A(2), A(2)))).toBe(true);
    expect(assetEquals(A(2, 1), A(2, 1))).toBe(true);
    expect(assetEquals(A(2, 1), A(2, 2))).toBe(false);
  });

  it("refuses two assets, and fc::safe refuses int64 overflow", () => {
    expect(err(addAssets(A(1), A(1, 1)))).toEqual({ exception: "assert_exception", rule: "asset.add_same_asset", field: "asset_id" });
    expect(err(subtractAssets(A(1), A(1, 1)))).toEqual({ exception: "assert_exception", rule: "asset.subtract_same_asset", field: "asset_id" });
    expect(err(assetLess(A(1), A(1, 1)))).toEqual({ exception: "assert_exception", rule: "asset.compare_same_asset", field: "asset_id" });
    expect(err(addAssets(A(I64_MAX), A(1)))).toEqual({ exception: "overflow_exception", rule: "share_type.add_range", field: "amount" });
    expect(err(addAssets(A(I64_MIN), A(-1)))).toEqual({ exception: "underflow_exception", rule: "share_type.add_range", field: "amount" });
    expect(err(subtractAssets(A(I64_MIN), A(1)))).toEqual({ exception: "underflow_exception", rule: "share_type.subtract_range", field: "amount" });
    expect(err(negateAsset(A(I64_MIN)))).toEqual({ exception: "overflow_exception", rule: "share_type.negate_range", field: "amount" });
  });

  it("asset::scaled_precision is 10^p below 19 (basic_tests.cpp scaled_precision)", () => {
    const k = 1000n;
    const expected = [1n, 10n, 100n, k, 10n * k, 100n * k, k ** 2n, 10n * k ** 2n, 100n * k ** 2n, k ** 3n, 10n * k ** 3n, 100n * k ** 3n,
      k ** 4n, 10n * k ** 4n, 100n * k ** 4n, k ** 5n, 10n * k ** 5n, 100n * k ** 5n, k ** 6n];
    expected.forEach((v, p) => expect(ok(scaledPrecision(p))).toBe(v));
    expect(err(scaledPrecision(19))).toEqual({ exception: "assert_exception", rule: "asset.scaled_precision_range", field: "precision" });
  });
});

describe("price::call_price", () => {
  it("is collateral / (debt * ratio / 1000) in lowest terms", () => {
    // 1000 debt, 2000 collateral, CR 1.75: 2000*1000 / (1000*1750) = 8/7
    const p = ok(callPrice(A(1000, 1), A(2000), 1750));
    expect(p).toEqual({ base: A(8), quote: A(7, 1) });
  });

  it("halves and increments both terms until they fit the maximum supply", () => {
    // debt 999999999999999 (odd), collateral 1, ratio 1001/1000: num 999999999999999*1001, den 1000
    const p = ok(callPrice(A(999999999999999n, 1), A(1), 1001));
    let n = 999999999999999n * 1001n;
    let d = 1000n;
    const g0 = gcdOracle(n, d);
    [n, d] = [n / g0, d / g0];
    while (n > MAX || d > MAX) {
      const [nn, dd] = [(n >> 1n) + 1n, (d >> 1n) + 1n];
      const g = gcdOracle(nn, dd);
      [n, d] = [nn / g, dd / g];
    }
    expect(p).toEqual({ base: A(d), quote: A(n, 1) });
  });

  it("refuses zero collateral (bad_rational) and one asset on both sides", () => {
    expect(err(callPrice(A(1, 1), A(0), 1750))).toEqual({ exception: "unspecified_exception", rule: "price.call_price_zero_collateral", field: "" });
    expect(err(callPrice(A(1, 1), A(1, 1), 1750)).rule).toBe("price.distinct_assets");
    // zero debt: 0/1 swan gives 1 collateral for 0 debt
    expect(ok(callPrice(A(0, 1), A(5), 1750))).toEqual({ base: A(1), quote: A(0, 1) });
  });
});

describe("price_feed", () => {
  const feed = (settlement: Price, mcr = 1750, mssr = 1500, cer: Price = nullPrice()): PriceFeed => ({
    settlement_price: settlement, maintenance_collateral_ratio: mcr, maximum_short_squeeze_ratio: mssr, core_exchange_rate: cer,
  });

  it("margin_call_params_equal compares settlement price, MCR and MSSR (basic_tests.cpp price_test)", () => {
    const dummy = feed(P(A(1000), A(2000, 1)), 1002, 1234);
    let dummy2 = { ...dummy };
    let dummy3 = { ...dummy, core_exchange_rate: P(A(11), A(13, 1)) };
    expect(marginCallParamsEqual(dummy, dummy)).toBe(true);
    expect(marginCallParamsEqual(dummy, dummy2)).toBe(true);
    expect(marginCallParamsEqual(dummy, dummy3)).toBe(true);
    const d = { ...dummy, maximum_short_squeeze_ratio: 1235 };
    expect(marginCallParamsEqual(d, dummy2)).toBe(false);
    expect(marginCallParamsEqual(d, dummy3)).toBe(false);
    dummy2 = { ...dummy2, maximum_short_squeeze_ratio: 1235 };
    expect(marginCallParamsEqual(d, dummy2)).toBe(true);
    dummy2 = { ...dummy2, maintenance_collateral_ratio: 1003 };
    expect(marginCallParamsEqual(d, dummy2)).toBe(false);
    dummy3 = { ...dummy3, maximum_short_squeeze_ratio: 1235 };
    expect(marginCallParamsEqual(d, dummy3)).toBe(true);
    dummy3 = { ...dummy3, settlement_price: P(A(1), A(3, 1)) };
    expect(marginCallParamsEqual(d, dummy3)).toBe(false);
    dummy3 = { ...dummy3, settlement_price: P(A(1), A(2, 1)) };
    expect(marginCallParamsEqual(d, dummy3)).toBe(true);
  });

  it("validate checks the settlement price and the ratio bounds [1001, 32000]", () => {
    expect(E.isRight(validatePriceFeed(feed(nullPrice())))).toBe(true);
    expect(err(validatePriceFeed(feed(P(A(0, 1), A(1)))))).toEqual({ exception: "assert_exception", rule: "price.base_amount_positive", field: "settlement_price.base.amount" });
    expect(err(validatePriceFeed(feed(nullPrice(), 1750, 1000)))).toEqual({ exception: "assert_exception", rule: "price_feed.maximum_short_squeeze_ratio_min", field: "maximum_short_squeeze_ratio" });
    expect(err(validatePriceFeed(feed(nullPrice(), 1750, 32001)))).toEqual({ exception: "assert_exception", rule: "price_feed.maximum_short_squeeze_ratio_max", field: "maximum_short_squeeze_ratio" });
    expect(err(validatePriceFeed(feed(nullPrice(), 1000)))).toEqual({ exception: "assert_exception", rule: "price_feed.maintenance_collateral_ratio_min", field: "maintenance_collateral_ratio" });
    expect(err(validatePriceFeed(feed(nullPrice(), 32001)))).toEqual({ exception: "assert_exception", rule: "price_feed.maintenance_collateral_ratio_max", field: "maintenance_collateral_ratio" });
    expect(E.isRight(validatePriceFeed(feed(nullPrice(), 1001, 32000)))).toBe(true);
  });

  it("is_for looks at the settlement price, then the core exchange rate", () => {
    expect(priceFeedIsFor(feed(P(A(1, 5), A(1))), "1.3.5")).toBe(true);
    expect(priceFeedIsFor(feed(P(A(1, 5), A(1)), 1750, 1500, P(A(1, 6), A(1))), "1.3.6")).toBe(false);
    expect(priceFeedIsFor(feed(nullPrice(), 1750, 1500, P(A(1, 6), A(1))), "1.3.6")).toBe(true);
    expect(priceFeedIsFor(feed(nullPrice()), "1.3.9")).toBe(true);
  });

  it("derives the squeeze, margin call and collateralization prices", () => {
    // settlement 1 USD(1.3.1) = 20 core: base USD 1, quote core 20
    const f = feed(P(A(1, 1), A(20)), 1750, 1500);
    expect(ok(maxShortSqueezePrice(f))).toEqual({ base: A(1, 1), quote: A(30) }); // * 1000/1500
    expect(marginCallPriceNumerator(f)).toBe(1500);
    expect(marginCallPriceNumerator(f, 100)).toBe(1400);
    expect(marginCallPriceNumerator(f, 700)).toBe(1000); // 800 raised to the denominator
    expect(marginCallPriceNumerator(f, 1500)).toBe(1000); // MCFR >= MSSR
    expect(ok(marginCallOrderRatio(f, 100))).toEqual({ numerator: 7, denominator: 5 });
    expect(ok(marginCallPaysRatio(f, 100))).toEqual({ numerator: 14, denominator: 15 });
    expect(ok(marginCallOrderPrice(f, 100))).toEqual({ base: A(1, 1), quote: A(28) }); // (1/20) * (5/7), cross-cancelled
    expect(ok(maintenanceCollateralization(f))).toEqual({ base: A(35), quote: A(1, 1) }); // ~p * 1750/1000
    expect(ok(maintenanceCollateralization(feed(nullPrice())))).toEqual(nullPrice());
    expect(err(marginCallPaysRatio(feed(P(A(1, 1), A(20)), 1750, 0))).rule).toBe("ratio_type.zero_denominator");
    expect(err(maxShortSqueezePrice(feed(P(A(1, 1), A(20)), 1750, 0))).rule).toBe("ratio_type.zero_denominator");
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties against an exact rational oracle

function gcdOracle(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

const amount = fc.oneof(
  fc.bigInt({ min: 1n, max: 1000n }),
  fc.bigInt({ min: 1n, max: 1000000000n }),
  fc.bigInt({ min: 1n, max: MAX }),
  fc.bigInt({ min: 1n, max: I64_MAX }),
);
const price01 = fc.tuple(amount, amount).map(([b, q]) => P(A(b), A(q, 1)));
// price_multiplication_test draws every amount from [1, GRAPHENE_MAX_SHARE_SUPPLY] (and 0 for the asset)
const amountToMax = fc.oneof(
  fc.bigInt({ min: 1n, max: 1000n }),
  fc.bigInt({ min: 1n, max: 1000000n }),
  fc.bigInt({ min: 1n, max: 1000000000n }),
  fc.bigInt({ min: 1n, max: MAX }),
);
const price01ToMax = fc.tuple(amountToMax, amountToMax).map(([b, q]) => P(A(b), A(q, 1)));

describe("properties", () => {
  it("comparisons agree with exact rational order and with each other", () => {
    fc.assert(fc.property(price01, price01, (a, b) => {
      const lhs = a.base.amount * b.quote.amount;
      const rhs = b.base.amount * a.quote.amount;
      expect(priceLess(a, b)).toBe(lhs < rhs);
      expect(priceEquals(a, b)).toBe(lhs === rhs);
      expect(priceGreater(a, b)).toBe(lhs > rhs);
      expect([priceLess(a, b), priceEquals(a, b), priceGreater(a, b)].filter(Boolean)).toHaveLength(1);
      expect(priceLessEq(a, b)).toBe(priceLess(a, b) || priceEquals(a, b));
      expect(priceGreaterEq(a, b)).toBe(priceGreater(a, b) || priceEquals(a, b));
      expect(priceNotEquals(a, b)).toBe(!priceEquals(a, b));
      // inverting both prices reverses the order (ids are swapped alike)
      expect(priceLess(invertPrice(b), invertPrice(a))).toBe(priceLess(a, b));
    }));
  });

  it("asset * price rounds down and multiply_and_round_up rounds up (price_multiplication_test)", () => {
    fc.assert(fc.property(fc.oneof(fc.constant(0n), amountToMax), price01ToMax, (x, p) => {
      const a = A(x);
      const exact = (x * p.quote.amount) / p.base.amount;
      const down = multiplyByPrice(a, p);
      if (exact > MAX) expect(err(down).rule).toBe("asset_times_price.result_max");
      else {
        const b = ok(down);
        expect(b).toEqual(A(exact, 1));
        // b * base <= x * quote < (b + 1) * base
        expect(b.amount * p.base.amount <= x * p.quote.amount).toBe(true);
        expect(x * p.quote.amount < (b.amount + 1n) * p.base.amount).toBe(true);
        // bitshares-core's round trip: b.multiply_and_round_up(p) <= a and maps back to b
        const a1 = ok(multiplyAndRoundUp(b, p));
        expect(a1.amount <= x).toBe(true);
        expect(ok(multiplyByPrice(a1, p))).toEqual(b);
      }
      const ceil = (x * p.quote.amount + p.base.amount - 1n) / p.base.amount;
      const upR = multiplyAndRoundUp(a, p);
      if (ceil > MAX) expect(err(upR).rule).toBe("asset_multiply_and_round_up.result_max");
      else {
        const b = ok(upR);
        expect(b).toEqual(A(ceil, 1));
        const back = multiplyByPrice(b, p);
        if (E.isRight(back)) {
          expect(back.right.amount >= x).toBe(true);
          expect(ok(multiplyAndRoundUp(back.right, p))).toEqual(b);
        }
      }
    }));
  });

  const ratio = fc.tuple(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 2 ** 31 - 1 })).map(([n, d]) => R(n, d));

  it("price * ratio is exact when the reduced product fits, and otherwise stays in range on the right side", () => {
    fc.assert(fc.property(price01, ratio, (p, r) => {
      const np = times(p, r);
      const n = p.base.amount * BigInt(r.numerator);
      const d = p.quote.amount * BigInt(r.denominator);
      const g = gcdOracle(n, d);
      const [en, ed] = [n / g, d / g];
      if (r.numerator === r.denominator) expect(np).toEqual(p);
      else if (en <= MAX && ed <= MAX) expect(amounts(np)).toEqual([en, ed]);
      else {
        // either within the maximum supply, or the input price itself (never flipped past it)
        if (np !== p) expect(E.isRight(validatePrice(np, true))).toBe(true);
        if (r.numerator > r.denominator) expect(priceGreaterEq(np, p)).toBe(true);
        else expect(priceLessEq(np, p)).toBe(true);
      }
      expect(np.base.asset_id).toBe("1.3.0");
      expect(np.quote.asset_id).toBe("1.3.1");
    }));
  });

  it("call_price is exact when the reduced terms fit", () => {
    fc.assert(fc.property(amount, amount, fc.integer({ min: 0, max: 0xffff }), (debt, coll, cr) => {
      const p = ok(callPrice(A(debt, 1), A(coll), cr));
      const n = debt * BigInt(cr);
      const d = coll * 1000n;
      const g = gcdOracle(n, d);
      if (n / g <= MAX && d / g <= MAX) expect(p).toEqual({ base: A(n === 0n ? 1n : d / g), quote: A(n / g, 1) });
      else expect(p.base.amount <= MAX && p.quote.amount <= MAX).toBe(true);
    }));
  });
});
