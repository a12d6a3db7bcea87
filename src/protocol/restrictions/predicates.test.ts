// The comparison functions of restriction_predicate.hxx on real operation fields: which (field type,
// argument type) pairs are valid, and what each returns, read from the C++ specializations named in each
// test. (The static_asserts at the end of restriction_predicate.cpp are under `#if false` and partly
// stale, e.g. predicate_in<flat_set<string>, flat_set<string>> is valid; they are not used as an oracle.)
// Each expected outcome below was also checked against bitshares-core 7.0 itself with oracle/oracle.cpp,
// including the crash (SIGSEGV, stack overflow) of the endless recursion on present optional fields.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type { Operation, Restriction } from "../../../generated/native-types.js";
import { RECURSION_RULE } from "./predicates.js";
import { FUNC } from "./restriction.js";
import { attr, buildRefusal, evaluate, memberIndex, op, opName, predicate, R, value } from "./test_support.js";

const holds = (rs: Restriction[], operation: Operation): boolean => evaluate(predicate(rs, opName(operation[0])), operation).success;

const W = "witness_update_operation";
const URL = memberIndex(W, "new_url");
const witness = (url?: string) => op(W, url === undefined ? {} : { new_url: url });

describe("an absent optional field (fc::optional specializations: null_optional converts to false, or to 0 in predicate_compare)", () => {
  const cases: [string, number, unknown, boolean][] = [
    ["eq", FUNC.eq, [3, "x"], false],
    ["ne", FUNC.ne, [3, "x"], true],
    ["lt", FUNC.lt, [3, "x"], false],
    ["le", FUNC.le, [3, "x"], true],
    ["gt", FUNC.gt, [3, "x"], false],
    ["ge", FUNC.ge, [3, "x"], true],
    ["in", FUNC.in, [22, ["x"]], false],
    ["not_in", FUNC.not_in, [22, ["x"]], true],
    // optional<string>: has_all/has_none look at the string's chars against flat_set<int64_t>.
    ["has_all", FUNC.has_all, [21, [120]], false],
    ["has_none", FUNC.has_none, [21, [120]], false],
  ];
  for (const [name, func, arg, expected] of cases)
    it(`${name} on an absent new_url is ${expected}, with reason predicate_was_false when false`, () => {
      const p = predicate([R(URL, func, arg as never)], W);
      expect(evaluate(p, witness())).toEqual(expected ? { success: true, rejection_path: [] } : { success: false, rejection_path: [[0, 0], [2, "predicate_was_false"]] });
    });

  it("eq void_t holds exactly when the optional is absent (predicate_eq<optional<Field>, void_t>)", () => {
    expect(holds([R(URL, FUNC.eq, [0, {}])], witness())).toBe(true);
    expect(holds([R(URL, FUNC.eq, [0, {}])], witness("u"))).toBe(false);
    expect(holds([R(URL, FUNC.ne, [0, {}])], witness("u"))).toBe(true);
  });
});

describe("a present optional field", () => {
  it("in / not_in test *f against the set (predicate_in<optional<Field>, flat_set<Element>>)", () => {
    expect(holds([R(URL, FUNC.in, [22, ["a", "b"]])], witness("b"))).toBe(true);
    expect(holds([R(URL, FUNC.in, [22, ["a", "b"]])], witness("c"))).toBe(false);
    expect(holds([R(URL, FUNC.not_in, [22, ["a", "b"]])], witness("c"))).toBe(true);
  });

  it("eq, ne, lt .. ge, has_all and has_none recurse without end in bitshares-core 7.0: no result, an error here", () => {
    for (const [func, arg] of [[FUNC.eq, [3, "x"]], [FUNC.ne, [3, "x"]], [FUNC.lt, [3, "x"]], [FUNC.ge, [3, "x"]], [FUNC.has_all, [21, [1]]], [FUNC.has_none, [21, [1]]]] as const) {
      const r = predicate([R(URL, func, arg as never)], W)(witness("x"));
      expect(E.isLeft(r) && [r.left.exception, r.left.rule]).toEqual(["unspecified_exception", RECURSION_RULE]);
    }
  });

  it("an earlier failing restriction is reported before a later one would recurse", () => {
    const rs = [R(memberIndex(W, "witness_account"), FUNC.eq, [7, "1.2.9"]), R(URL, FUNC.eq, [3, "x"])];
    expect(evaluate(predicate(rs, W), witness("x"))).toEqual({ success: false, rejection_path: [[0, 0], [2, "predicate_was_false"]] });
  });

  it("an extension member is such an optional too (call_order_update target_collateral_ratio)", () => {
    const C = "call_order_update_operation";
    const ext = memberIndex(C, "extensions");
    const tcr = (x?: number) => op(C, { extensions: x === undefined ? {} : { target_collateral_ratio: x } });
    expect(holds([attr(ext, R(0, FUNC.in, [21, [1750]]))], tcr(1750))).toBe(true);
    expect(holds([attr(ext, R(0, FUNC.eq, [0, {}]))], tcr())).toBe(true);
    expect(holds([attr(ext, R(0, FUNC.le, [2, 10]))], tcr())).toBe(true);
    const r = predicate([attr(ext, R(0, FUNC.le, [2, 10]))], C)(tcr(5));
    expect(E.isLeft(r) && r.left.rule).toBe(RECURSION_RULE);
  });
});

describe("integers (predicate_eq / predicate_compare of two integral types: boost safe_compare)", () => {
  const H = "htlc_create_operation";
  const SIZE = memberIndex(H, "preimage_size");
  const htlc = (size: number) => op(H, { preimage_size: size });

  it("a uint16_t compares with int64_t by value, negatives included", () => {
    expect(holds([R(SIZE, FUNC.gt, [2, -1])], htlc(0))).toBe(true);
    expect(holds([R(SIZE, FUNC.eq, [2, 65535])], htlc(65535))).toBe(true);
    expect(holds([R(SIZE, FUNC.lt, [2, 65536])], htlc(65535))).toBe(true);
  });

  it("bool is not integral: a bool field takes only bool arguments; an integer field no bool", () => {
    const A = "asset_create_operation";
    const pm = memberIndex(A, "is_prediction_market");
    expect(buildRefusal([R(pm, FUNC.eq, [2, 1])], A).rule).toBe("restriction_predicate.argument_types");
    expect(buildRefusal([R(SIZE, FUNC.eq, [1, true])], H).rule).toBe("restriction_predicate.argument_types");
    expect(holds([R(pm, FUNC.eq, [1, true])], op(A, { is_prediction_market: true }))).toBe(true);
    expect(holds([R(pm, FUNC.in, [20, [false]])], op(A, { is_prediction_market: true }))).toBe(false);
  });

  it("a uint64_t memo nonce of 2^64-1 does not equal -1, but is found in flat_set<int64_t>{-1} (count converts it)", () => {
    const T = "transfer_operation";
    const memo = memberIndex(T, "memo");
    const nonce = memberIndex("memo_data", "nonce");
    const transfer = op(T, { memo: { from: "02" + "11".repeat(32), to: "02" + "22".repeat(32), nonce: 2n ** 64n - 1n, message: "" } });
    expect(holds([attr(memo, R(nonce, FUNC.eq, [2, -1]))], transfer)).toBe(false);
    expect(holds([attr(memo, R(nonce, FUNC.gt, [2, 0]))], transfer)).toBe(true);
    expect(holds([attr(memo, R(nonce, FUNC.in, [21, [-1]]))], transfer)).toBe(true);
  });

  it("share_type (fc::safe<int64_t>) is integral and reflects its value", () => {
    const T = "transfer_operation";
    const amount = memberIndex(T, "amount");
    const transfer = op(T, { amount: { amount: 99n, asset_id: "1.3.0" } });
    expect(holds([attr(amount, R(0, FUNC.lt, [2, 100]))], transfer)).toBe(true);
    expect(holds([attr(amount, R(0, FUNC.in, [21, [99]]))], transfer)).toBe(true);
    expect(holds([attr(amount, attr(0, R(0, FUNC.eq, [2, 99])))], transfer)).toBe(true);
  });
});

describe("strings (std::string: operator< on bytes, a container of char)", () => {
  const A = "asset_create_operation";
  const SYMBOL = memberIndex(A, "symbol");
  const create = (s: string) => op(A, { symbol: s });

  it("orders by UTF-8 bytes, not UTF-16 code units", () => {
    // U+FF01 is EF BC 81, U+1F600 is F0 9F 98 80: bytewise U+1F600 is the greater (in UTF-16 it is the lesser).
    expect(holds([R(SYMBOL, FUNC.gt, [3, "\uFF01"])], create("\u{1F600}"))).toBe(true);
    expect(holds([R(SYMBOL, FUNC.lt, [3, "b"])], create("a"))).toBe(true);
    expect(holds([R(SYMBOL, FUNC.lt, [3, "a"])], create("Z"))).toBe(true);
    expect(holds([R(SYMBOL, FUNC.le, [3, "AB"])], create("A"))).toBe(true);
  });

  it("eq int64 compares the byte length (predicate_eq<container, integral>); lt int64 is invalid", () => {
    expect(holds([R(SYMBOL, FUNC.eq, [2, 2])], create("\u00e9"))).toBe(true);
    expect(holds([R(SYMBOL, FUNC.ne, [2, 1])], create("\u00e9"))).toBe(true);
    expect(buildRefusal([R(SYMBOL, FUNC.lt, [2, 2])], A).rule).toBe("restriction_predicate.argument_types");
  });

  it("in / has_all / has_none against flat_set<int64_t> look at its chars, which are signed", () => {
    // U+00E9 is C3 A9: chars -61 and -87.
    expect(holds([R(SYMBOL, FUNC.in, [21, [-87, -61]])], create("\u00e9"))).toBe(true);
    expect(holds([R(SYMBOL, FUNC.in, [21, [169, 195]])], create("\u00e9"))).toBe(false);
    expect(holds([R(SYMBOL, FUNC.has_all, [21, [65, 66]])], create("BAD"))).toBe(true);
    expect(holds([R(SYMBOL, FUNC.has_all, [21, [65, 67]])], create("BAD"))).toBe(false);
    expect(holds([R(SYMBOL, FUNC.has_none, [21, [67]])], create("BAD"))).toBe(true);
    expect(holds([R(SYMBOL, FUNC.not_in, [21, [67, 69]])], create("BAD"))).toBe(true);
    expect(holds([R(SYMBOL, FUNC.not_in, [21, [65]])], create("BAD"))).toBe(false);
  });

  it("a string in flat_set<string> is a membership test; has_all with flat_set<string> is invalid", () => {
    expect(holds([R(SYMBOL, FUNC.in, [22, ["ACOIN", "BCOIN"]])], create("BCOIN"))).toBe(true);
    expect(buildRefusal([R(SYMBOL, FUNC.has_all, [22, ["A"]])], A).rule).toBe("restriction_predicate.argument_types");
  });
});

describe("byte vectors, arrays and sets", () => {
  const H = "htlc_redeem_operation";
  const PRE = memberIndex(H, "preimage");
  const redeem = (hex: string) => op(H, { preimage: hex });

  it("has_all on a vector needs size() >= the set's size, then every element (duplicates count in size())", () => {
    expect(holds([R(PRE, FUNC.has_all, [21, [1, 2]])], redeem("0101"))).toBe(false);
    expect(holds([R(PRE, FUNC.has_all, [21, [1]])], redeem("0101"))).toBe(true);
    expect(holds([R(PRE, FUNC.has_all, [21, [1, 2]])], redeem("02"))).toBe(false);
    expect(holds([R(PRE, FUNC.has_all, [21, [-1]])], redeem("ff00"))).toBe(true);
  });

  it("a public key's key_data is 33 unsigned chars", () => {
    const K = "witness_update_operation";
    const KEY = memberIndex(K, "new_signing_key");
    const key = value("public_key_type", "BTS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV") as string;
    const w = op(K, { new_signing_key: key });
    expect(holds([attr(KEY, R(0, FUNC.eq, [2, 33]))], w)).toBe(true);
    const first = parseInt(key.slice(0, 2), 16);
    const bytes = [...new Set(key.match(/../g)!.map((b) => parseInt(b, 16)))].sort((a, b) => a - b);
    expect(holds([attr(KEY, R(0, FUNC.in, [21, bytes]))], w)).toBe(true);
    expect(holds([attr(KEY, R(0, FUNC.has_all, [21, [first]]))], w)).toBe(true);
    // new_signing_key is an optional<public_key_type>: eq on it, when present, is the endless recursion.
    const r = predicate([R(KEY, FUNC.eq, [5, "BTS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV"])], K)(w);
    expect(E.isLeft(r) && r.left.rule).toBe(RECURSION_RULE);
  });

  it("a flat_set field eq a flat_set argument is set equality, and eq int64 its size", () => {
    const F = "asset_update_feed_producers_operation";
    const P = memberIndex(F, "new_feed_producers");
    const f = op(F, { new_feed_producers: ["1.2.5", "1.2.6"] });
    const p = (arg: unknown) => evaluate(predicate([R(P, FUNC.eq, arg as never)], F), f).success;
    expect([p([26, ["1.2.5", "1.2.6"]]), p([26, ["1.2.5"]]), p([2, 2]), p([2, 3])]).toEqual([true, false, true, false]);
  });
});

describe("ids and times", () => {
  it("object ids order by instance; time_point_sec by seconds", () => {
    const L = "limit_order_create_operation";
    const order = op(L, { seller: "1.2.100", expiration: 1000 });
    expect(holds([R(memberIndex(L, "seller"), FUNC.lt, [7, "1.2.101"])], order)).toBe(true);
    expect(holds([R(memberIndex(L, "seller"), FUNC.ge, [7, "1.2.101"])], order)).toBe(false);
    expect(holds([R(memberIndex(L, "expiration"), FUNC.lt, [4, "1970-01-01T00:16:41"])], order)).toBe(true);
    expect(holds([R(memberIndex(L, "expiration"), FUNC.in, [23, ["1970-01-01T00:16:40"]])], order)).toBe(true);
  });
});
