// fee_schedule's construction and lookups (fee_schedule.hpp, fee_schedule.cpp), checked against the
// default member initializers transcribed here from the operation headers of bitshares-core 7.0.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type { FeeParameters, FeeSchedule } from "../../../generated/native-types.js";
import {
  defaultFeeParameters, defaultFeeSchedule, effectiveFeeParameters, emptyFeeSchedule, FEE_PARAMETERS_COUNT, FEE_PARAMETERS_TYPES,
  feeParametersOf, hasFeeParameters, insertFeeParameters, OPERATION_TYPES, updateFeeParameters, validateFeeSchedule, zeroFeeSchedule,
} from "./index.js";

import { HEADER_DEFAULTS, P, p } from "./header-defaults.fixture.js";

const entry = (tag: number, params: Record<string, bigint | number>): FeeParameters => [tag, params] as FeeParameters;

describe("fee_schedule::get_default", () => {
  it("holds every operation's default fee_params_t in tag order, scale GRAPHENE_100_PERCENT", () => {
    const s = defaultFeeSchedule();
    expect(FEE_PARAMETERS_COUNT).toBe(78);
    expect(s.scale).toBe(10000);
    expect(s.parameters).toHaveLength(HEADER_DEFAULTS.length);
    HEADER_DEFAULTS.forEach(([name, params], tag) => {
      expect(OPERATION_TYPES[tag]).toBe(`${name}_operation`);
      expect(FEE_PARAMETERS_TYPES[tag]).toBe(`${name}_operation::fee_params_t`);
      expect(s.parameters[tag]).toEqual([tag, params]);
      expect(defaultFeeParameters(tag)).toEqual(params);
    });
  });

  it("has no parameters for a tag beyond the operations", () => {
    expect(defaultFeeParameters(78)).toBeUndefined();
    expect(defaultFeeParameters(-1)).toBeUndefined();
    expect(defaultFeeParameters(1.5)).toBeUndefined();
    expect(effectiveFeeParameters(emptyFeeSchedule(), 78)).toBeUndefined();
  });

  it("hands out fresh schedules: changing one does not change the next", () => {
    const a = defaultFeeSchedule();
    (a.parameters[0]![1] as { fee: bigint }).fee = 1n;
    expect((defaultFeeSchedule().parameters[0]![1] as { fee: bigint }).fee).toBe(20n * P);
  });
});

describe("fee_schedule::zero_all_fees (fee_tests.cpp fee_change_test)", () => {
  it("is the default schedule with every field zero and scale 0", () => {
    const z = zeroFeeSchedule();
    // fee_change_test check_zero_fees: scale 0, parameters not empty, transfer fee 0
    expect(z.scale).toBe(0);
    expect(z.parameters).toHaveLength(78);
    expect(z.parameters[0]).toEqual([0, { fee: 0n, price_per_kbyte: 0 }]);
    HEADER_DEFAULTS.forEach(([, params], tag) => {
      const zeroed = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "bigint" ? 0n : 0]));
      expect(z.parameters[tag]).toEqual([tag, zeroed]);
    });
  });
});

describe("a default-constructed fee_schedule", () => {
  it("has no parameters and scale GRAPHENE_100_PERCENT", () => {
    expect(emptyFeeSchedule()).toEqual({ parameters: [], scale: 10000 });
    expect(E.isRight(validateFeeSchedule(emptyFeeSchedule()))).toBe(true);
    // fee_schedule::validate() checks nothing: even a scale of 0 and out-of-order entries pass
    expect(E.isRight(validateFeeSchedule({ parameters: [entry(5, { basic_fee: 0n, premium_fee: 0n, price_per_kbyte: 0 }), entry(0, { fee: 1n, price_per_kbyte: 0 })], scale: 0 }))).toBe(true);
  });
});

describe("lookups", () => {
  const s: FeeSchedule = { parameters: [entry(1, { fee: 537n }), entry(2, { fee: 129n })], scale: 10000 };

  it("finds an operation's entry by tag (fee_tests.cpp fee_refund_test fees)", () => {
    expect(feeParametersOf(s, 1)).toEqual({ fee: 537n });
    expect(feeParametersOf(s, 2)).toEqual({ fee: 129n });
    expect(feeParametersOf(s, 0)).toBeUndefined();
    expect(hasFeeParameters(s, 1)).toBe(true);
    expect(hasFeeParameters(s, 77)).toBe(false);
  });

  it("inserts like flat_set::insert: in tag order, keeping an existing entry", () => {
    const s2 = insertFeeParameters(s, entry(77, { fee: 437n }));
    expect(s2.parameters.map((e) => e[0])).toEqual([1, 2, 77]);
    const s3 = insertFeeParameters(s2, entry(0, { fee: 5n, price_per_kbyte: 1 }));
    expect(s3.parameters.map((e) => e[0])).toEqual([0, 1, 2, 77]);
    expect(insertFeeParameters(s3, entry(1, { fee: 999n }))).toBe(s3);
    expect(feeParametersOf(s3, 1)).toEqual({ fee: 537n });
    expect(s.parameters).toHaveLength(2); // the input is unchanged
  });

  it("updates an entry in place of get<Operation>() for writing (fee_tests.cpp account_create_fee_scaling)", () => {
    // basic_fee 1, scaled up by account_fee_scale_bitshifts (4) per accounts_per_fee_scale registrations: 1, 16, 256, 4096
    let s1 = E.getOrElseW(() => undefined)(updateFeeParameters(defaultFeeSchedule(), 5, (k: { basic_fee: bigint }) => ({ ...k, basic_fee: 1n })))!;
    const seen: bigint[] = [];
    for (let i = 0; i < 4; i++) {
      seen.push((feeParametersOf(s1, 5) as { basic_fee: bigint }).basic_fee);
      s1 = E.getOrElseW(() => undefined)(updateFeeParameters(s1, 5, (k: { basic_fee: bigint }) => ({ ...k, basic_fee: k.basic_fee << 4n })))!;
    }
    expect(seen).toEqual([1n, 16n, 256n, 4096n]);
    expect(feeParametersOf(s1, 5)).toEqual({ basic_fee: 65536n, premium_fee: 2000n * P, price_per_kbyte: p });
  });

  it("refuses to update an entry the schedule does not hold (fee_helper::get's FC_ASSERT)", () => {
    const r = updateFeeParameters(emptyFeeSchedule(), 5, (k) => k);
    expect(E.isLeft(r) && { exception: r.left.exception, rule: r.left.rule, field: r.left.field }).toEqual({
      exception: "assert_exception", rule: "fee_schedule.parameters_exist", field: "parameters",
    });
  });
});

describe("the parameters calculate_fee applies (fee_helper)", () => {
  it("takes the entry, else the default", () => {
    expect(effectiveFeeParameters({ parameters: [entry(1, { fee: 123n })], scale: 10000 }, 1)).toEqual({ fee: 123n });
    expect(effectiveFeeParameters(emptyFeeSchedule(), 1)).toEqual({ fee: 5n * P });
  });

  it("lends call_order_update's fee to bid_collateral, asset_update's to asset_update_issuer, asset_fund_fee_pool's to asset_claim_pool", () => {
    const lenders = { parameters: [entry(3, { fee: 123n }), entry(11, { fee: 456n, price_per_kbyte: 7 }), entry(16, { fee: 789n })], scale: 10000 };
    expect(effectiveFeeParameters(lenders, 45)).toEqual({ fee: 123n });
    expect(effectiveFeeParameters(lenders, 48)).toEqual({ fee: 456n });
    expect(effectiveFeeParameters(lenders, 47)).toEqual({ fee: 789n });
    // an own entry wins
    const own = insertFeeParameters(insertFeeParameters(insertFeeParameters(lenders, entry(45, { fee: 124n })), entry(48, { fee: 1n })), entry(47, { fee: 2n }));
    expect(effectiveFeeParameters(own, 45)).toEqual({ fee: 124n });
    expect(effectiveFeeParameters(own, 48)).toEqual({ fee: 1n });
    expect(effectiveFeeParameters(own, 47)).toEqual({ fee: 2n });
    // no lender either: the defaults
    expect(effectiveFeeParameters(emptyFeeSchedule(), 45)).toEqual({ fee: 20n * P });
    expect(effectiveFeeParameters(emptyFeeSchedule(), 48)).toEqual({ fee: 20n * P });
    expect(effectiveFeeParameters(emptyFeeSchedule(), 47)).toEqual({ fee: 20n * P });
  });

  it("always uses the default ticket parameters, whatever the schedule holds", () => {
    const s = { parameters: [entry(57, { fee: 1n }), entry(58, { fee: 2n })], scale: 10000 };
    expect(effectiveFeeParameters(s, 57)).toEqual({ fee: 50n * P });
    expect(effectiveFeeParameters(s, 58)).toEqual({ fee: 50n * P });
    expect(effectiveFeeParameters(zeroFeeSchedule(), 57)).toEqual({ fee: 50n * P });
  });
});
