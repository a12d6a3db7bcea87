// Properties of the limit-order book after random orders between two assets (db_market.cpp apply_order):
// the book never stays crossed, supply is conserved counting what orders hold, no fill is at a price worse
// than its order's limit beyond one unit of rounding (a maker left with dust pays the rounded-up amount:
// bitshares-core does so), and cancelling returns exactly what remained.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { asset, core } from "../chain/evaluators/misc_ops_test_support.js";
import { invertPrice, priceLess } from "../protocol/price.js";
import { applyWithVops, createOp, twoTraders } from "./test_support.js";
import { ordersInMarket } from "./match.js";
import { Session } from "../chain/session.js";
import { priceDescending } from "../chain/tables.js";
import { compareTuples } from "../db/pmap.js";

interface Placed { who: 0 | 1; sellCore: boolean; sell: number; receive: number }
const placed: fc.Arbitrary<Placed> = fc.record({
  who: fc.constantFrom(0 as const, 1 as const), sellCore: fc.boolean(), sell: fc.integer({ min: 1, max: 1000 }), receive: fc.integer({ min: 1, max: 1000 }),
});

describe("limit-order book properties", () => {
  it("the by_price key orders prices exactly as std::greater<price> (price::operator< over 128-bit products)", () => {
    const amount = fc.bigInt({ min: 1n, max: (1n << 63n) - 1n });
    const id = fc.constantFrom("1.3.0", "1.3.1", "1.3.2");
    const price = fc.record({ base: fc.record({ amount, asset_id: id }), quote: fc.record({ amount, asset_id: id }) });
    fc.assert(fc.property(price, price, (a, b) => {
      const byKey = Math.sign(compareTuples(priceDescending(a), priceDescending(b)));
      const expected = priceLess(b, a) ? -1 : priceLess(a, b) ? 1 : 0;
      expect(byKey).toBe(expected);
    }), { numRuns: 2000 });
    // Near-equal prices with large amounts: 2^62/(2^62-1) against (2^62-1)/(2^62-2).
    const big = (n: bigint, d: bigint): T.Price => ({ base: core(n), quote: asset(d, "1.3.1") });
    const x = big(1n << 62n, (1n << 62n) - 1n);
    const y = big((1n << 62n) - 1n, (1n << 62n) - 2n);
    expect(priceLess(x, y)).toBe(true);
    expect(compareTuples(priceDescending(x), priceDescending(y))).toBeGreaterThan(0);
  });

  it("uncrossed, conserving, never worse than the limit, cancels refund the rest", () => {
    fc.assert(fc.property(fc.array(placed, { minLength: 1, maxLength: 12 }), (orders) => {
      const { c, accts, uia } = twoTraders();
      const total = (assetId: string): bigint => {
        const held = accts.reduce((n, a) => n + c.balance(a, assetId), 0n);
        const s = new Session(c.f.state);
        const inOrders = [...ordersInMarket(s, assetId, assetId === "1.3.0" ? uia : "1.3.0")].reduce((n, o) => n + o.for_sale, 0n);
        return held + inOrders;
      };
      const limits = new Map<string, T.Price>();
      for (const o of orders) {
        const sell = o.sellCore ? core(o.sell) : asset(o.sell, uia);
        const receive = o.sellCore ? asset(o.receive, uia) : core(o.receive);
        const vops = applyWithVops(c, createOp(accts[o.who]!, sell, receive));
        limits.set(`1.7.${[...limits.keys()].length}`, { base: sell, quote: receive });
        for (const [tag, v] of vops) {
          if (tag !== 4) continue;
          const f = v as T.FillOrderOperation;
          const limit = limits.get(f.order_id)!;
          // No worse than the limit by more than rounding: a maker whose rest is dust pays the taker's
          // rounded-up share (match_limit_normal_limit, core-342), less than one unit received more.
          expect(f.pays.amount * limit.quote.amount < (f.receives.amount + 1n) * limit.base.amount).toBe(true);
          // Both sides of every fill are positive.
          expect(f.pays.amount > 0n && f.receives.amount > 0n).toBe(true);
        }
        expect(total("1.3.0")).toBe(200000n);
        expect(total(uia)).toBe(200000n);
        const s = new Session(c.f.state);
        const bestBid = ordersInMarket(s, "1.3.0", uia).next();
        const bestAsk = ordersInMarket(s, uia, "1.3.0").next();
        if (!bestBid.done && !bestAsk.done) expect(priceLess(bestBid.value.sell_price, invertPrice(bestAsk.value.sell_price))).toBe(true);
      }
      const s = new Session(c.f.state);
      for (const o of [...ordersInMarket(s, "1.3.0", uia), ...ordersInMarket(s, uia, "1.3.0")]) {
        const before = c.balance(o.seller, o.sell_price.base.asset_id);
        const r = c.result([2, { fee: core(0), fee_paying_account: o.seller, order: o.id, extensions: [] }]);
        expect(r).toEqual([2, { amount: o.for_sale, asset_id: o.sell_price.base.asset_id }]);
        expect(c.balance(o.seller, o.sell_price.base.asset_id)).toBe(before + o.for_sale);
      }
      expect(accts.reduce((n, a) => n + c.balance(a, uia), 0n)).toBe(200000n);
    }), { numRuns: 25 });
  }, 120000);
});
