// fee_schedule::calculate_fee's scale, the conversion by a core exchange rate, and set_fee
// (fee_schedule_calc.cpp, fee_schedule_set_fee.cpp), with properties over arbitrary operations.
//
// bitsharesjs has no fee calculation of its own (TransactionBuilder.set_required_fees asks a node's
// get_required_fees API), so there is no differential test against it here.
import { either as E } from "fp-ts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FeeParameters, FeeSchedule, Operation, Price } from "../../../generated/native-types.js";
import { anyValue, arbitraryFor } from "../../../properties/arbitraries.js";
import { unitPrice } from "../price.js";
import { P } from "./header-defaults.fixture.js";
import {
  calculateFee, calculateFeeInAsset, defaultFeeSchedule, emptyFeeSchedule, insertFeeParameters, OPERATION_TYPES, setFee, withFee,
  zeroFeeSchedule,
} from "./index.js";
import { defaultOperation as op, err, ok } from "../test_support.js";

const MAX = 1000000000000000n; // GRAPHENE_MAX_SHARE_SUPPLY

const schedule = (scale: number, ...entries: [number, Record<string, unknown>][]): FeeSchedule =>
  ({ ...entries.reduce((s, e) => insertFeeParameters(s, e as FeeParameters), emptyFeeSchedule()), scale });
const price = (base: bigint, baseId: string, quote: bigint, quoteId: string): Price =>
  ({ base: { amount: base, asset_id: baseId }, quote: { amount: quote, asset_id: quoteId } });
function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === "object") {
    Object.values(x).forEach(deepFreeze);
    Object.freeze(x);
  }
  return x;
}

describe("scale", () => {
  const transfer = op(0);

  it("multiplies the fee by scale / 10000, rounding down", () => {
    expect(ok(calculateFee(transfer, { ...defaultFeeSchedule(), scale: 10000 }))).toBe(20n * P);
    expect(ok(calculateFee(transfer, { ...defaultFeeSchedule(), scale: 5000 }))).toBe(10n * P);
    expect(ok(calculateFee(transfer, { ...defaultFeeSchedule(), scale: 20000 }))).toBe(40n * P);
    expect(ok(calculateFee(transfer, { ...defaultFeeSchedule(), scale: 3 }))).toBe(600n);
    expect(ok(calculateFee(transfer, { ...defaultFeeSchedule(), scale: 0 }))).toBe(0n);
    expect(ok(calculateFee(op(1), schedule(1, [1, { fee: 9999n }])))).toBe(0n);
    expect(ok(calculateFee(op(1), schedule(1, [1, { fee: 10000n }])))).toBe(1n);
  });

  it("refuses a scaled fee above GRAPHENE_MAX_SHARE_SUPPLY, and checks nothing at 100%", () => {
    expect(ok(calculateFee(op(1), schedule(10000, [1, { fee: MAX }])))).toBe(MAX);
    // floor(999900009999000 * 10001 / 10000) = 999999999999999, just within
    expect(ok(calculateFee(op(1), schedule(10001, [1, { fee: 999900009999000n }])))).toBe(999999999999999n);
    expect(err(calculateFee(op(1), schedule(10001, [1, { fee: MAX }])))).toEqual({ exception: "assert_exception", rule: "fee_schedule.scaled_fee_max", field: "" });
    expect(err(calculateFee(op(1), schedule(0xffffffff, [1, { fee: 2n ** 63n - 1n }]))).rule).toBe("fee_schedule.scaled_fee_max");
    // at GRAPHENE_100_PERCENT a fee above the maximum supply goes through unchecked
    expect(ok(calculateFee(op(1), schedule(10000, [1, { fee: 2n * MAX }])))).toBe(2n * MAX);
    // a scale below 100% brings a fee above the maximum supply back under it
    expect(ok(calculateFee(op(1), schedule(5000, [1, { fee: 2n * MAX }])))).toBe(MAX);
  });

  it("zero_all_fees makes every fee 0 (fee_tests.cpp fee_change_test)", () => {
    for (let tag = 0; tag < OPERATION_TYPES.length; tag++) expect(ok(calculateFee(op(tag), zeroFeeSchedule())), OPERATION_TYPES[tag]).toBe(0n);
  });
});

describe("calculate_fee( op, core_exchange_rate ): multiply_and_round_up", () => {
  it("follows fee_tests.cpp bsip26_fee_refund_test: 1801 core for 3 USD", () => {
    const cer = price(1801n, "1.3.0", 3n, "1.3.1");
    const fees = (cancel: bigint) => schedule(10000, [1, { fee: 547n }], [77, { fee: 487n }], [2, { fee: cancel }]);
    // usd fee = 547 * 3 / 1801 rounded up = 1; 487 -> 1; 139 -> 1; 829 -> 2
    expect(ok(calculateFeeInAsset(op(1), fees(139n), cer))).toEqual({ amount: 1n, asset_id: "1.3.1" });
    expect(ok(calculateFeeInAsset(op(77), fees(139n), cer))).toEqual({ amount: 1n, asset_id: "1.3.1" });
    expect(ok(calculateFeeInAsset(op(2), fees(139n), cer))).toEqual({ amount: 1n, asset_id: "1.3.1" });
    expect(ok(calculateFeeInAsset(op(2), fees(829n), cer))).toEqual({ amount: 2n, asset_id: "1.3.1" });
    // the rate either way round gives the same
    expect(ok(calculateFeeInAsset(op(2), fees(829n), price(3n, "1.3.1", 1801n, "1.3.0")))).toEqual({ amount: 2n, asset_id: "1.3.1" });
    // an exact multiple is not rounded: 1801 core -> 3 USD
    expect(ok(calculateFeeInAsset(op(1), schedule(10000, [1, { fee: 1801n }]), cer))).toEqual({ amount: 3n, asset_id: "1.3.1" });
  });

  it("follows fee_tests.cpp non_core_fee_refund_test: 1 core for 1 USD", () => {
    const cer = price(1n, "1.3.0", 1n, "1.3.1");
    expect(ok(calculateFeeInAsset(op(1), schedule(10000, [1, { fee: 537n }]), cer))).toEqual({ amount: 537n, asset_id: "1.3.1" });
  });

  it("keeps core fees in core with price::unit_price()", () => {
    expect(ok(calculateFeeInAsset(op(0), defaultFeeSchedule(), unitPrice()))).toEqual({ amount: 20n * P, asset_id: "1.3.0" });
  });

  it("refuses a rate without the core asset, with a zero core amount, or a result above the maximum supply", () => {
    const s = defaultFeeSchedule();
    expect(err(calculateFeeInAsset(op(0), s, price(1n, "1.3.1", 1n, "1.3.2")))).toEqual({
      exception: "assert_exception", rule: "asset_multiply_and_round_up.asset_in_price", field: "",
    });
    expect(err(calculateFeeInAsset(op(0), s, price(0n, "1.3.0", 1n, "1.3.1")))).toEqual({
      exception: "assert_exception", rule: "asset_multiply_and_round_up.divisor_positive", field: "base.amount",
    });
    expect(err(calculateFeeInAsset(op(0), s, price(1n, "1.3.0", 10n ** 10n, "1.3.1")))).toEqual({
      exception: "assert_exception", rule: "asset_multiply_and_round_up.result_max", field: "",
    });
    // a refusal of calculate_fee comes first
    expect(err(calculateFeeInAsset(op(1), schedule(10001, [1, { fee: MAX }]), price(1n, "1.3.1", 1n, "1.3.2"))).rule).toBe("fee_schedule.scaled_fee_max");
  });
});

describe("set_fee", () => {
  it("sets the core fee with the default rate, without touching its input", () => {
    const input = deepFreeze(op(0, { fee: { amount: 5n, asset_id: "1.3.0" } }));
    const r = ok(setFee(input, defaultFeeSchedule()));
    expect(r.fee).toEqual({ amount: 20n * P, asset_id: "1.3.0" });
    expect(r.op).toEqual(withFee(input, r.fee));
    expect(input[1].fee).toEqual({ amount: 5n, asset_id: "1.3.0" });
  });

  it("iterates when the fee's asset changes the packed size and so the data fee", () => {
    // custom_operation at 1000 per byte: with a fee in 1.3.0 it packs to 14 bytes; with a fee in 1.3.200
    // (a 2-byte varint) to 15 bytes. The first estimate, 100000 + 14000, grows to 100000 + 15000 and settles.
    const s = schedule(10000, [35, { fee: P, price_per_kbyte: 1024000 }]);
    const cer = price(1n, "1.3.0", 1n, "1.3.200");
    expect(ok(calculateFeeInAsset(op(35), s, cer))).toEqual({ amount: 114000n, asset_id: "1.3.200" });
    const r = ok(setFee(op(35), s, cer));
    expect(r.fee).toEqual({ amount: 115000n, asset_id: "1.3.200" });
    expect((r.op[1] as { fee: unknown }).fee).toEqual(r.fee);
    expect(ok(calculateFeeInAsset(r.op, s, cer))).toEqual(r.fee);
  });

  it("stops when the fee no longer grows, even if it would now shrink", () => {
    // credit_offer_create holding a fee in 1.3.128 (2-byte varint) packs to 44 bytes: 100000 + 44 at 1024 per kbyte;
    // with its fee in 1.3.0 it packs to 43 bytes and would cost 100043, but set_fee keeps 100044
    const s = schedule(10000, [69, { fee: P, price_per_kbyte: 1024 }]);
    const r = ok(setFee(op(69, { fee: { amount: 0n, asset_id: "1.3.128" } }), s));
    expect(r.fee).toEqual({ amount: P + 44n, asset_id: "1.3.0" });
    expect(ok(calculateFeeInAsset(r.op, s, unitPrice()))).toEqual({ amount: P + 43n, asset_id: "1.3.0" });
  });

  it("passes refusals on", () => {
    expect(err(setFee(op(0), defaultFeeSchedule(), price(1n, "1.3.1", 1n, "1.3.2"))).rule).toBe("asset_multiply_and_round_up.asset_in_price");
    expect(err(setFee(op(0, { memo: { from: "00", to: "00", nonce: 0n, message: "" } }), defaultFeeSchedule())).rule).toBe("codec.packable");
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties over arbitrary operations

const anyOperation = arbitraryFor("operation", { ...anyValue(), depth: 2, maxLength: 2 }) as fc.Arbitrary<Operation>;
/** asset_create operations with short symbols that hold a dot, to reach the sub-asset fee. */
const subAssetCreate = fc.tuple(arbitraryFor("asset_create_operation", { ...anyValue(), depth: 2, maxLength: 2 }), fc.constantFrom("A.B", "AB.C", "ABC.D", "ABCDEFG.H"))
  .map(([v, symbol]) => [10, { ...(v as object), symbol }] as Operation);
const RUNS = { numRuns: 150 };

describe("properties", () => {
  it("calculate_fee is total, and its scale is the floor of fee * scale / 10000 within the maximum supply", () => {
    fc.assert(fc.property(anyOperation, fc.oneof(fc.integer({ min: 0, max: 20000 }), fc.integer({ min: 0, max: 0xffffffff })), (o, scale) => {
      const base = calculateFee(o, defaultFeeSchedule());
      const scaled = calculateFee(o, { ...defaultFeeSchedule(), scale });
      if (E.isLeft(base)) {
        // the default schedule refuses only operations whose fee exceeds what a share_type or the data fee can hold
        expect(["share_type.add_range", "share_type.construct_range", "base_operation.data_fee_max"]).toContain(base.left.rule);
        return;
      }
      expect(base.right >= 0n).toBe(true);
      const expected = (base.right * BigInt(scale)) / 10000n;
      if (expected > MAX && scale !== 10000) expect(err(scaled).rule).toBe("fee_schedule.scaled_fee_max");
      else expect(ok(scaled)).toBe(expected);
    }), RUNS);
  });

  it("zero_all_fees charges nothing for any operation", () => {
    fc.assert(fc.property(anyOperation, (o) => {
      expect(ok(calculateFee(o, zeroFeeSchedule()))).toBe(0n);
    }), RUNS);
  });

  it("an empty schedule charges the default schedule's fees, except the sub-asset creation fee it does not enable", () => {
    fc.assert(fc.property(fc.oneof(anyOperation, subAssetCreate), (o) => {
      const empty = calculateFee(o, emptyFeeSchedule());
      const full = calculateFee(o, defaultFeeSchedule());
      const subAsset = o[0] === 10 && o[1].symbol.includes(".");
      if (!subAsset) expect(empty).toEqual(full);
      else {
        // by length (symbol3, symbol4, long_symbol) against account_transfer's 500 BTS, the data fee alike
        const bytes = new TextEncoder().encode(o[1].symbol).length;
        const byLength = bytes === 3 ? 500000n * P : bytes === 4 ? 300000n * P : 5000n * P;
        expect(ok(empty) - ok(full)).toBe(byLength - 500n * P);
      }
    }), RUNS);
  });

  it("the fee in another asset is the least amount worth at least the core fee", () => {
    const amount = fc.bigInt({ min: 1n, max: MAX });
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: MAX }), amount, amount, fc.boolean(), (coreFee, core, other, coreIsBase) => {
      const cer = coreIsBase ? price(core, "1.3.0", other, "1.3.5") : price(other, "1.3.5", core, "1.3.0");
      const r = calculateFeeInAsset(op(1), schedule(10000, [1, { fee: coreFee }]), cer);
      const exact = coreFee * other;
      const ceil = (exact + core - 1n) / core;
      if (ceil > MAX) expect(err(r).rule).toBe("asset_multiply_and_round_up.result_max");
      else {
        const f = ok(r);
        expect(f.asset_id).toBe("1.3.5");
        expect(f.amount * core >= exact).toBe(true);
        if (f.amount > 0n) expect((f.amount - 1n) * core < exact).toBe(true);
      }
    }), { numRuns: 300 });
  });

  it("set_fee leaves a fee at least what calculate_fee then asks, and its input unchanged", () => {
    const cers = fc.constantFrom(unitPrice(), price(1801n, "1.3.0", 3n, "1.3.1"), price(7n, "1.3.300", 2n, "1.3.0"));
    fc.assert(fc.property(anyOperation, cers, (o, cer) => {
      const before = JSON.stringify(o, (_, v) => (typeof v === "bigint" ? `${v}n` : v));
      const r = setFee(o, defaultFeeSchedule(), cer);
      expect(JSON.stringify(o, (_, v) => (typeof v === "bigint" ? `${v}n` : v))).toBe(before);
      if (E.isLeft(r)) return;
      expect((r.right.op[1] as { fee: unknown }).fee).toEqual(r.right.fee);
      // a fee whose asset packs shorter than the operation's old fee asset can leave a little overpaid (`f >= f2`)
      const again = ok(calculateFeeInAsset(r.right.op, defaultFeeSchedule(), cer));
      expect(again.asset_id).toBe(r.right.fee.asset_id);
      expect(r.right.fee.amount >= again.amount).toBe(true);
    }), RUNS);
  });
});
