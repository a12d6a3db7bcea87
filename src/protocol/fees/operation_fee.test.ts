// Each operation's calculate_fee through fee_schedule::calculate_fee. Expected numbers come from bitshares-core
// tests (cited) or are worked out by hand from the C++ formula, with packed sizes counted by hand from the
// FC_REFLECT layouts (each count is spelled out next to it).
import fc from "fast-check";
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type { FeeParameters, FeeSchedule, Operation } from "../../../generated/native-types.js";
import { zero } from "../../codec/index.js";
import { publicKeyPool } from "../../../properties/arbitraries.js";
import { HEADER_DEFAULTS, P } from "./header-defaults.fixture.js";
import {
  calculateDataFee, calculateFee, defaultFeeSchedule, emptyFeeSchedule, insertFeeParameters, isCheapName, OPERATION_TYPES, operationFee,
  zeroFeeSchedule,
} from "./index.js";
import { defaultOperation as op, err, ok } from "../test_support.js";

const [KEY_A, KEY_B] = publicKeyPool(2) as [string, string];
const U64_MAX = 2n ** 64n - 1n;
const I64_MAX = 2n ** 63n - 1n;

const schedule = (...entries: [number, Record<string, unknown>][]): FeeSchedule =>
  entries.reduce((s, e) => insertFeeParameters(s, e as FeeParameters), emptyFeeSchedule());
const fee = (o: Operation, s: FeeSchedule = defaultFeeSchedule()) => ok(calculateFee(o, s));

/** memo_data with a 40-byte message: from 33 + to 33 + nonce 8 + message (1 + 40) = 115 bytes; as an
 *  optional member, 116. */
const MEMO = { from: KEY_A, to: KEY_B, nonce: 7n, message: "ab".repeat(40) };
const MEMO_OPTIONAL_SIZE = 116n;

/** authority with one key: weight_threshold 4 + account_auths 1 + key_auths (1 + 33 + 2) + address_auths 1. */
const ONE_KEY_AUTH = { weight_threshold: 1, account_auths: [], key_auths: [[KEY_A, 1]], address_auths: [] };
const ONE_KEY_AUTH_SIZE = 42n;

describe("flat fees (base_operation::calculate_fee)", () => {
  const FLAT = [1, 2, 3, 7, 9, 12, 13, 15, 16, 17, 18, 19, 20, 21, 24, 25, 26, 28, 29, 30, 31, 32, 33, 34, 41, 43, 45, 47, 48, 56, 57, 58,
    59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 70, 72, 73, 75, 76, 77];

  it("charge the default fee of the header under the default schedule and under an empty one", () => {
    for (const tag of FLAT) {
      const expected = (HEADER_DEFAULTS[tag]![1] as { fee: bigint }).fee;
      expect(fee(op(tag)), OPERATION_TYPES[tag]).toBe(expected);
      expect(fee(op(tag), emptyFeeSchedule()), OPERATION_TYPES[tag]).toBe(expected);
    }
  });

  it("charge the schedule's fee (fee_tests.cpp fee_refund_test, bsip26_fee_refund_test)", () => {
    const s = schedule([1, { fee: 537n }], [77, { fee: 437n }], [2, { fee: 129n }]);
    expect(fee(op(1), s)).toBe(537n);
    expect(fee(op(77), s)).toBe(437n);
    expect(fee(op(2), s)).toBe(129n);
    const s2 = schedule([1, { fee: 547n }], [77, { fee: 487n }], [2, { fee: 829n }]);
    expect([fee(op(1), s2), fee(op(77), s2), fee(op(2), s2)]).toEqual([547n, 487n, 829n]);
  });

  it("follow fee_tests.cpp defaults_test", () => {
    let s = emptyFeeSchedule();
    expect(fee(op(1), s)).toBe(5n * P); // no fees set yet -> default
    expect(fee(op(4), s)).toBe(0n); // fill_order
    expect(fee(op(46), s)).toBe(0n); // execute_bid
    s = insertFeeParameters(s, [1, { fee: 123n }]);
    expect(fee(op(1), s)).toBe(123n);
    // bid_collateral defaults to call_order_update's fee, itself unset -> default
    expect(fee(op(45), s)).toBe(20n * P);
    s = insertFeeParameters(s, [3, { fee: 123n }]);
    expect(fee(op(45), s)).toBe(123n);
    s = insertFeeParameters(s, [45, { fee: 124n }]);
    expect(fee(op(45), s)).toBe(124n);
    expect(fee(op(4), s)).toBe(0n);
    expect(fee(op(46), s)).toBe(0n);
  });

  it("take asset_update's fee for asset_update_issuer and asset_fund_fee_pool's for asset_claim_pool when unset", () => {
    const s = schedule([11, { fee: 777n, price_per_kbyte: 10 }], [16, { fee: 888n }]);
    expect(fee(op(48), s)).toBe(777n);
    expect(fee(op(47), s)).toBe(888n);
  });

  it("ticket_create and ticket_update always charge 50 BTS, whatever the schedule says (fee_helper<ticket_*>)", () => {
    const s = schedule([57, { fee: 1n }], [58, { fee: 2n }]);
    expect(fee(op(57), s)).toBe(50n * P);
    expect(fee(op(58), s)).toBe(50n * P);
    expect(fee(op(57), zeroFeeSchedule())).toBe(0n); // scale 0
  });

  it("share_type fees (account_whitelist, witness_update) are taken as they are", () => {
    const s = schedule([7, { fee: 300001n }], [21, { fee: 0n }]);
    expect(fee(op(7), s)).toBe(300001n);
    expect(fee(op(21), s)).toBe(0n);
  });

  it("refuse a uint64_t fee above INT64_MAX when it becomes a share_type", () => {
    expect(err(calculateFee(op(1), schedule([1, { fee: I64_MAX + 1n }])))).toEqual({ exception: "overflow_exception", rule: "share_type.construct_range", field: "" });
    expect(fee(op(1), schedule([1, { fee: I64_MAX }]))).toBe(I64_MAX);
  });
});

describe("operations charging nothing", () => {
  it("balance_claim and the virtual operations", () => {
    for (const tag of [4, 37, 42, 44, 46, 51, 53, 74]) {
      expect(fee(op(tag)), OPERATION_TYPES[tag]).toBe(0n);
      expect(ok(operationFee(op(tag), defaultFeeSchedule()))).toBe(0n);
    }
  });
});

describe("transfer, override_transfer, withdraw_permission_claim: a data fee on the memo", () => {
  it("charges the memo's packed size, with its presence byte, at price_per_kbyte", () => {
    expect(fee(op(0))).toBe(20n * P);
    // 2000000 + floor(116 * 1000000 / 1024) = 2000000 + 113281
    expect(fee(op(0, { memo: MEMO }))).toBe(2113281n);
    // override_transfer and withdraw_permission_claim: price_per_kbyte 10, floor(116 * 10 / 1024) = 1
    expect(fee(op(38))).toBe(20n * P);
    expect(fee(op(38, { memo: MEMO }))).toBe(2000001n);
    expect(fee(op(27))).toBe(20n * P);
    expect(fee(op(27, { memo: MEMO }))).toBe(2000001n);
    // price_per_kbyte 1024: one unit per byte
    expect(fee(op(0, { memo: MEMO }), schedule([0, { fee: 0n, price_per_kbyte: 1024 }]))).toBe(MEMO_OPTIONAL_SIZE);
  });

  it("adds in share_type: an overflowing sum is refused", () => {
    const s = schedule([0, { fee: I64_MAX, price_per_kbyte: 1024 }]);
    expect(fee(op(0), s)).toBe(I64_MAX);
    expect(err(calculateFee(op(0, { memo: MEMO }), s))).toEqual({ exception: "overflow_exception", rule: "share_type.add_range", field: "" });
  });

  it("refuses a memo that cannot be packed, naming the field", () => {
    expect(err(calculateFee(op(0, { memo: { ...MEMO, from: "00" } }), defaultFeeSchedule()))).toEqual({
      exception: "invalid_arg_exception", rule: "codec.packable", field: "memo.from",
    });
  });
});

describe("asset_issue: a data fee on the optional memo, present or not", () => {
  it("charges the presence byte of an absent memo", () => {
    // 2000000 + floor(1 * 100000 / 1024) = 2000000 + 97
    expect(fee(op(14))).toBe(2000097n);
    // 2000000 + floor(116 * 100000 / 1024) = 2000000 + 11328
    expect(fee(op(14, { memo: MEMO }))).toBe(2011328n);
  });

  it("adds in uint64_t, which wraps", () => {
    // (2^64 - 1) + 97 wraps to 96
    expect(fee(op(14), schedule([14, { fee: U64_MAX, price_per_kbyte: 100000 }]))).toBe(96n);
  });
});

describe("account_create: basic or premium fee by name, plus a data fee on the operation", () => {
  it("is_cheap_name: a digit, '.', '-' or '/', or no vowel (a e i o u y)", () => {
    for (const n of ["bcd", "a1", "a.b", "a-b", "a/b", "xkcd", "rhythm-and-blues", "0", "bbbbbbbbbbb"]) expect(isCheapName(n), n).toBe(true);
    for (const n of ["ann", "alice", "dumy", "stud", "scud", "pleb", "y", "a"]) expect(isCheapName(n), n).toBe(false);
  });

  it("is_cheap_name decides any text as a scan of its UTF-8 bytes does (account.cpp reads std::string bytes)", () => {
    const byBytes = (name: string): boolean => {
      const bytes = new TextEncoder().encode(name);
      if (bytes.some((c) => (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d || c === 0x2f)) return true;
      return !bytes.some((c) => "aeiouy".includes(String.fromCharCode(c)));
    };
    for (const n of ["ä", "äb", "éa", "日本", "b\u00e9c"]) expect(isCheapName(n), n).toBe(byBytes(n));
    fc.assert(fc.property(fc.string({ unit: "binary" }).filter((x) => x.isWellFormed()), (n) => isCheapName(n) === byBytes(n)), { numRuns: 500 });
  });

  it("charges premium_fee or basic_fee plus the data fee", () => {
    // the default operation packs to 69 bytes plus the name: fee 9, registrar 1, referrer 1, referrer_percent 2,
    // name 1 + n, owner 7, active 7, options 40 (memo_key 33, voting_account 1, num_witness 2, num_committee 2,
    // votes 1, extensions 1), extensions 1
    // "ann" (fee_tests.cpp cashback_test registers it at premium_fee): 72 bytes, floor(72 * 100000 / 1024) = 7031
    expect(fee(op(5, { name: "ann" }))).toBe(2000n * P + 7031n);
    expect(fee(op(5, { name: "bcd" }))).toBe(5n * P + 7031n);
    // "a1": 71 bytes, floor(71 * 100000 / 1024) = 6933
    expect(fee(op(5, { name: "a1" }))).toBe(5n * P + 6933n);
  });

  it("adds in uint64_t, which wraps", () => {
    const s = schedule([5, { basic_fee: U64_MAX, premium_fee: 0n, price_per_kbyte: 1024 }]);
    // (2^64 - 1) + 72 wraps to 71
    expect(fee(op(5, { name: "bcd" }), s)).toBe(71n);
  });
});

describe("account_update: a data fee only with new options", () => {
  it("charges the fee, plus a data fee on the whole operation when new_options is set", () => {
    expect(fee(op(6))).toBe(20n * P);
    // fee 9, account 1, owner 1, active 1, new_options 1 + 40, extensions 1 = 54 bytes: floor(54 * 100000 / 1024) = 5273
    const options = (zero("account_options") as E.Right<unknown>).right;
    expect(fee(op(6, { new_options: options }))).toBe(2005273n);
  });

  it("a negative share_type fee passes calculate_fee but not the conversion back to share_type", () => {
    const s = schedule([6, { fee: -5n, price_per_kbyte: 0 }]);
    expect(ok(operationFee(op(6), s))).toBe(-5n);
    // uint64_t( -5 ) = 2^64 - 5 is above INT64_MAX
    expect(err(calculateFee(op(6), s))).toEqual({ exception: "overflow_exception", rule: "share_type.construct_range", field: "" });
    expect(err(calculateFee(op(6), { ...s, scale: 1 }))).toEqual({ exception: "assert_exception", rule: "fee_schedule.scaled_fee_max", field: "" });
    expect(fee(op(6), { ...s, scale: 0 })).toBe(0n);
  });
});

describe("account_upgrade", () => {
  it("charges the lifetime or the annual membership fee", () => {
    expect(fee(op(8, { upgrade_to_lifetime_member: true }))).toBe(10000n * P);
    expect(fee(op(8, { upgrade_to_lifetime_member: false }))).toBe(2000n * P);
    expect(err(calculateFee(op(8, { upgrade_to_lifetime_member: true }), schedule([8, { membership_annual_fee: 0n, membership_lifetime_fee: U64_MAX }])))).toEqual({
      exception: "overflow_exception", rule: "share_type.construct_range", field: "",
    });
  });
});

describe("asset_create: by symbol length, or the sub-asset fee, plus a data fee (asset_ops.cpp)", () => {
  // the default operation with symbol "TEST.SUB" packs to 69 bytes: fee 9, issuer 1, symbol 1 + 8, precision 1,
  // common_options 46 (max_supply 8, market_fee_percent 2, max_market_fee 8, issuer_permissions 2, flags 2,
  // core_exchange_rate 18, four sets 4, description 1, extensions 1), bitasset_opts 1, is_prediction_market 1,
  // extensions 1
  const sub = op(10, { symbol: "TEST.SUB" });

  it("follows fee_tests.cpp sub_asset_creation_fee_test", () => {
    // no fees set yet -> default: long_symbol + floor(69 * 10 / 1024) = 500000000 + 0
    expect(fee(sub, emptyFeeSchedule())).toBe(500000000n);
    // set fee: long_symbol 100100, price_per_kbyte 1050: 100100 + floor(69 * 1050 / 1024) = 100100 + 70
    let s = schedule([10, { long_symbol: 100100n, symbol4: 2000200n, symbol3: 30000300n, price_per_kbyte: 1050 }]);
    expect(fee(sub, s)).toBe(100170n);
    // an account_transfer fee alone does not enable the sub-asset fee
    s = insertFeeParameters(s, [9, { fee: 5500n }]);
    expect(fee(sub, s)).toBe(100170n);
    // with ticket_create in the schedule it does: 5500 + 70
    s = insertFeeParameters(s, [57, { fee: 50n * P }]);
    expect(fee(sub, s)).toBe(5570n);
  });

  it("charges symbol3, symbol4 or long_symbol by the symbol's length", () => {
    const s = schedule([10, { long_symbol: 100100n, symbol4: 2000200n, symbol3: 30000300n, price_per_kbyte: 1050 }]);
    // 64, 65 and 66 bytes: floor(64 * 1050 / 1024) = 65, floor(65 * 1050 / 1024) = 66, floor(66 * 1050 / 1024) = 67
    expect(fee(op(10, { symbol: "ABC" }), s)).toBe(30000300n + 65n);
    expect(fee(op(10, { symbol: "ABCD" }), s)).toBe(2000200n + 66n);
    expect(fee(op(10, { symbol: "ABCDE" }), s)).toBe(100100n + 67n);
    // a symbol with a dot but no sub-asset fee enabled is charged by its length too
    expect(fee(op(10, { symbol: "A.B" }), s)).toBe(30000300n + 65n);
    // the length is in UTF-8 bytes (std::string::size()): "ÄB" is 3 bytes, "ÄÄ" 4
    expect(fee(op(10, { symbol: "\u00c4B" }), s)).toBe(30000300n + 65n);
    expect(fee(op(10, { symbol: "\u00c4\u00c4" }), s)).toBe(2000200n + 66n);
  });

  it("follows fee_tests.cpp issue_429_test under the default schedule", () => {
    const cer = { base: { amount: 1n, asset_id: "1.3.0" }, quote: { amount: 1n, asset_id: "1.3.1" } };
    const options = { ...((zero("asset_options") as E.Right<Record<string, unknown>>).right), core_exchange_rate: cer };
    // "ALICE": 66 bytes, floor(66 * 10 / 1024) = 0: long_symbol; the test pays (long_symbol + price_per_kbyte) & ~1
    const alice = op(10, { issuer: "1.2.17", symbol: "ALICE", common_options: options });
    expect(fee(alice)).toBe(5000n * P);
    expect(fee(alice) <= ((5000n * P + 10n) & ~1n)).toBe(true);
    // "ALICE.ODD": the default schedule holds account_transfer and ticket_create, so the sub-asset fee applies
    expect(fee(op(10, { issuer: "1.2.17", symbol: "ALICE.ODD", common_options: options }))).toBe(500n * P);
  });

  it("converts long_symbol to share_type first, even when another fee applies", () => {
    const s = schedule([10, { long_symbol: I64_MAX + 1n, symbol4: 1n, symbol3: 1n, price_per_kbyte: 0 }]);
    expect(err(calculateFee(op(10, { symbol: "ABC" }), s))).toEqual({ exception: "overflow_exception", rule: "share_type.construct_range", field: "" });
    const s2 = schedule([10, { long_symbol: 1n, symbol4: 1n, symbol3: I64_MAX + 1n, price_per_kbyte: 0 }]);
    expect(err(calculateFee(op(10, { symbol: "ABC" }), s2)).rule).toBe("share_type.construct_range");
    expect(fee(op(10, { symbol: "ABCD" }), s2)).toBe(1n);
  });
});

describe("operations charging a data fee on the whole operation", () => {
  it("asset_update, proposal_create, proposal_update, custom: uint64_t fee + data fee", () => {
    // asset_update 59 bytes, proposal_create 17, custom 14: under the default price_per_kbyte 10 the data fee is 0
    expect(fee(op(11))).toBe(500n * P);
    expect(fee(op(22))).toBe(20n * P);
    expect(fee(op(35))).toBe(P);
    // at 1024 per kbyte the data fee is the size
    expect(fee(op(11), schedule([11, { fee: 0n, price_per_kbyte: 1024 }]))).toBe(59n);
    expect(fee(op(22), schedule([22, { fee: 0n, price_per_kbyte: 1024 }]))).toBe(17n);
    // proposal_update: fee 9, fee_paying_account 1, proposal 1, six empty sets 6, extensions 1 = 18
    expect(fee(op(23), schedule([23, { fee: 0n, price_per_kbyte: 1024 }]))).toBe(18n);
    // custom with 300000 bytes of data: 9 + 1 + 1 + 2 + 3 (varint) + 300000 = 300016; floor(300016 * 10 / 1024) = 2929
    expect(fee(op(35, { data: "ab".repeat(300000) }))).toBe(P + 2929n);
    // the uint64_t sum wraps
    expect(fee(op(35), schedule([35, { fee: U64_MAX, price_per_kbyte: 1024 }]))).toBe(13n);
  });

  it("credit_offer_create and credit_offer_update: share_type fee + data fee", () => {
    // credit_offer_create: fee 9, owner 1, asset_type 1, balance 8, fee_rate 4, max_duration_seconds 4,
    // min_deal_amount 8, enabled 1, auto_disable_time 4, two maps 2, extensions 1 = 43; floor(43 * 100000 / 1024) = 4199
    expect(fee(op(69))).toBe(P + 4199n);
    // credit_offer_update: fee 9, owner 1, offer_id 1, eight optionals 8, extensions 1 = 20; floor(20 * 100000 / 1024) = 1953
    expect(fee(op(71))).toBe(P + 1953n);
    expect(err(calculateFee(op(69), schedule([69, { fee: I64_MAX, price_per_kbyte: 1024 }])))).toEqual({
      exception: "overflow_exception", rule: "share_type.add_range", field: "",
    });
  });
});

describe("calculate_data_fee (operations.cpp)", () => {
  it("is bytes * price_per_kbyte / 1024 rounded down", () => {
    expect(ok(calculateDataFee(0, 1000000))).toBe(0n);
    expect(ok(calculateDataFee(1023, 1))).toBe(0n);
    expect(ok(calculateDataFee(1024, 1))).toBe(1n);
    expect(ok(calculateDataFee(116, 1000000))).toBe(113281n);
    // the product is taken in 128 bits: 2^33 * 2^31 = 2^64 does not wrap to 0, and 2^54 is refused below
    expect(err(calculateDataFee(2n ** 33n, 2 ** 31)).rule).toBe("base_operation.data_fee_max");
  });

  it("refuses a data fee above GRAPHENE_MAX_SHARE_SUPPLY", () => {
    expect(ok(calculateDataFee(1024000000000000000n, 1))).toBe(1000000000000000n);
    expect(err(calculateDataFee(1024000000000001024n, 1))).toEqual({ exception: "assert_exception", rule: "base_operation.data_fee_max", field: "" });
    expect(err(calculateDataFee(U64_MAX, 4294967295)).rule).toBe("base_operation.data_fee_max");
  });
});

describe("assert_operation: the fee per predicate", () => {
  it("multiplies in uint64_t", () => {
    const pred = (zero("predicate") as E.Right<unknown>).right;
    expect(fee(op(36))).toBe(0n);
    expect(fee(op(36, { predicates: [pred, pred, pred] }))).toBe(3n * P);
    // 2^63 * 2 wraps to 0
    expect(fee(op(36, { predicates: [pred, pred] }), schedule([36, { fee: 2n ** 63n }]))).toBe(0n);
  });
});

describe("transfer_to_blind and blind_transfer: the fee plus the price per output", () => {
  it("charges each output", () => {
    const out = (zero("blind_output") as E.Right<unknown>).right;
    expect(fee(op(39))).toBe(5n * P);
    expect(fee(op(39, { outputs: [out, out] }))).toBe(15n * P);
    expect(fee(op(40, { outputs: [out] }))).toBe(10n * P);
    // transfer_from_blind: flat
    expect(fee(op(41))).toBe(5n * P);
  });
});

describe("htlc (htlc_tests.cpp)", () => {
  const s = schedule([49, { fee: 2n, fee_per_day: 2n }], [50, { fee: 2n, fee_per_kb: 2n }], [52, { fee: 2n, fee_per_day: 2n }]);

  it("follows fee_calculations", () => {
    // create: no days, exactly one day, a tad over a day
    expect(fee(op(49, { claim_period_seconds: 0 }), s)).toBe(2n);
    expect(fee(op(49, { claim_period_seconds: 86400 }), s)).toBe(4n);
    expect(fee(op(49, { claim_period_seconds: 86401 }), s)).toBe(6n);
    // redeem: no preimage, exactly 1 KB, one byte over
    expect(fee(op(50, { preimage: "" }), s)).toBe(2n);
    expect(fee(op(50, { preimage: "61".repeat(1024) }), s)).toBe(4n);
    expect(fee(op(50, { preimage: "61".repeat(1025) }), s)).toBe(6n);
    // extend: no days, exactly one day, one day and one second
    expect(fee(op(52, { seconds_to_add: 0 }), s)).toBe(2n);
    expect(fee(op(52, { seconds_to_add: 86400 }), s)).toBe(4n);
    expect(fee(op(52, { seconds_to_add: 86401 }), s)).toBe(6n);
  });

  it("follows htlc_expires and the fixture's get_htlc_fee_parameters", () => {
    // 2 BTS + 2 BTS per day, redeem 2 BTS + 2 BTS per kb, transfer's price_per_kbyte doubled
    const fixture = schedule([49, { fee: 2n * P, fee_per_day: 2n * P }], [50, { fee: 2n * P, fee_per_kb: 2n * P }],
      [52, { fee: 2n * P, fee_per_day: 2n * P }], [0, { fee: 20n * P, price_per_kbyte: 2000000 }]);
    // 60 seconds: one day, "100 - 3 = 97, minus the 4 coin fee = 93"
    const create = op(49, { claim_period_seconds: 60 });
    expect(fee(create, fixture)).toBe(4n * P);
    // a memo is charged at transfer's price_per_kbyte: floor(116 * 2000000 / 1024) = 226562
    const withMemo = op(49, { claim_period_seconds: 60, extensions: { memo: MEMO } });
    expect(fee(withMemo, fixture)).toBe(4n * P + 226562n);
    // without a transfer entry, transfer's default price_per_kbyte 1000000: floor(116 * 1000000 / 1024) = 113281
    expect(fee(withMemo, schedule([49, { fee: 2n * P, fee_per_day: 2n * P }]))).toBe(4n * P + 113281n);
    // extend by 86400 seconds: 4 BTS (76 -> 72); redeem with a 256-byte preimage: 4 BTS
    expect(fee(op(52, { seconds_to_add: 86400 }), fixture)).toBe(4n * P);
    expect(fee(op(50, { preimage: "00".repeat(256) }), fixture)).toBe(4n * P);
  });

  it("counts days in 32-bit unsigned arithmetic, which wraps for the largest periods", () => {
    // (0xffffffff + 86399) mod 2^32 = 86398: 0 days
    expect(fee(op(49, { claim_period_seconds: 0xffffffff }), s)).toBe(2n);
    expect(fee(op(52, { seconds_to_add: 0xffffffff }), s)).toBe(2n);
    // 0xffffffff - 86399 does not wrap: 49710 days
    expect(fee(op(49, { claim_period_seconds: 0xffffffff - 86399 }), s)).toBe(2n + 2n * 49710n);
    expect(fee(op(52, { seconds_to_add: 0xffffffff - 86399 }), s)).toBe(2n + 2n * 49710n);
  });

  it("refuses a wrapping product (FC_ASSERT 'Fee calculation overflow')", () => {
    // two started kilobytes at 2^63: the uint64_t product wraps to 0
    expect(err(calculateFee(op(50, { preimage: "00".repeat(1025) }), schedule([50, { fee: 0n, fee_per_kb: 2n ** 63n }])))).toEqual({
      exception: "assert_exception", rule: "htlc_redeem_operation.fee_overflow", field: "preimage",
    });
    // one kilobyte at 2^63 does not wrap, but 2^63 is no share_type
    expect(err(calculateFee(op(50, { preimage: "00".repeat(1024) }), schedule([50, { fee: 0n, fee_per_kb: 2n ** 63n }])))).toEqual({
      exception: "overflow_exception", rule: "share_type.construct_range", field: "",
    });
    // two started days at 2^63
    expect(err(calculateFee(op(52, { seconds_to_add: 86401 }), schedule([52, { fee: 0n, fee_per_day: 2n ** 63n }])))).toEqual({
      exception: "assert_exception", rule: "htlc_extend_operation.fee_overflow", field: "seconds_to_add",
    });
    // the redeem and extend sums wrap in uint64_t: (2^64 - 1) + 2 = 1
    expect(fee(op(50, { preimage: "00" }), schedule([50, { fee: U64_MAX, fee_per_kb: 2n }]))).toBe(1n);
    expect(fee(op(52, { seconds_to_add: 1 }), schedule([52, { fee: U64_MAX, fee_per_day: 2n }]))).toBe(1n);
  });

  it("adds htlc_create's day fee in share_type", () => {
    const create = op(49, { claim_period_seconds: 2 * 86400 });
    expect(err(calculateFee(create, schedule([49, { fee: 0n, fee_per_day: I64_MAX + 1n }])))).toEqual({
      exception: "overflow_exception", rule: "share_type.construct_range", field: "",
    });
    expect(err(calculateFee(create, schedule([49, { fee: 0n, fee_per_day: 2n ** 62n }])))).toEqual({
      exception: "overflow_exception", rule: "share_type.multiply_range", field: "",
    });
    expect(err(calculateFee(op(49, { claim_period_seconds: 86400 }), schedule([49, { fee: 2n ** 62n, fee_per_day: 2n ** 62n }])))).toEqual({
      exception: "overflow_exception", rule: "share_type.add_range", field: "",
    });
    expect(err(calculateFee(op(49, { claim_period_seconds: 0, extensions: { memo: MEMO } }), schedule([49, { fee: I64_MAX, fee_per_day: 0n }])))).toEqual({
      exception: "overflow_exception", rule: "share_type.add_range", field: "",
    });
  });
});

describe("custom_authority (custom_authority.cpp): the basic fee plus a price per byte", () => {
  // restriction { member_index 0, restriction_type 0, argument [1, true], extensions [] }: 1 + 1 + 2 + 1 = 5 bytes
  const restriction = { member_index: 0n, restriction_type: 0n, argument: [1, true], extensions: [] };

  it("create charges the restrictions (with their count) and the authority", () => {
    // (1 + 42) * 10000 + 100000
    expect(fee(op(54, { auth: ONE_KEY_AUTH }))).toBe((1n + ONE_KEY_AUTH_SIZE) * 10000n + P);
    // (1 + 5 + 5 + 42) * 10000 + 100000
    expect(fee(op(54, { auth: ONE_KEY_AUTH, restrictions: [restriction, restriction] }))).toBe(530000n + 100000n);
  });

  it("update charges the added restrictions and the new authority if any", () => {
    expect(fee(op(55))).toBe(10000n + P);
    expect(fee(op(55, { restrictions_to_add: [restriction] }))).toBe(60000n + P);
    // the new authority without a presence byte: (1 + 42) * 10000
    expect(fee(op(55, { new_auth: ONE_KEY_AUTH }))).toBe(430000n + P);
    expect(fee(op(56))).toBe(P); // delete: flat
  });

  it("refuses an overflowing price or sum, and what cannot be packed", () => {
    expect(err(calculateFee(op(55), schedule([55, { basic_fee: I64_MAX, price_per_byte: 1 }])))).toEqual({
      exception: "overflow_exception", rule: "share_type.add_range", field: "",
    });
    expect(err(calculateFee(op(54, { auth: { ...ONE_KEY_AUTH, key_auths: [["00", 1]] } }), defaultFeeSchedule()))).toEqual({
      exception: "invalid_arg_exception", rule: "codec.packable", field: "auth.key_auths[0][0]",
    });
    expect(err(calculateFee(op(55, { restrictions_to_add: [{ ...restriction, argument: [99, true] }] }), defaultFeeSchedule())).field)
      .toMatch(/^restrictions_to_add\[0\]/);
  });
});

describe("an unknown operation", () => {
  it("is refused", () => {
    expect(err(calculateFee([78, {}] as unknown as Operation, defaultFeeSchedule()))).toEqual({ exception: "assert_exception", rule: "operation.known_tag", field: "" });
  });
});
