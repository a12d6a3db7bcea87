// Every refusal of get_restriction_predicate while it builds (restriction_predicate.cpp/.hxx): the
// exception bitshares-core throws there, the rule and the field path into the restriction list.
import { describe, expect, it } from "vitest";
import type { Restriction } from "../../../generated/native-types.js";
import type { Json } from "../../codec/index.js";
import { OPERATION_COUNT } from "./restriction_predicate.js";
import { FUNC } from "./restriction.js";
import { attr, buildRefusal, evaluate, FALSE, memberIndex, op, opTag, or, predicate, R, rejected, SUCCESS_JSON, variantAssert } from "./test_support.js";

const assertAt = (rule: string, field: string) => ({ exception: "assert_exception", rule: `restriction_predicate.${rule}`, field });
const T = "transfer_operation";
const TO = 2, FEE = 0, AMOUNT = 3, MEMO = 4;
const toIs = (id: number) => R(TO, FUNC.eq, [7, `1.2.${id}`]);

describe("the operation type", () => {
  it("past the last operation: std::out_of_range of typelist::runtime::dispatch", () => {
    expect(buildRefusal([], OPERATION_COUNT)).toEqual({ exception: "out_of_range_exception", rule: "restriction_predicate.operation_type_in_range", field: "" });
  });

  it("an unsigned_int of 2^63 or more is a negative operation::tag_type: out of range too", () => {
    expect(buildRefusal([], 2n ** 63n).rule).toBe("restriction_predicate.operation_type_in_range");
    expect(buildRefusal([], 2n ** 64n - 1n).rule).toBe("restriction_predicate.operation_type_in_range");
  });

  it("operations of unsupported_operations_list are refused, even with no restriction", () => {
    for (const name of ["fill_order_operation", "account_whitelist_operation", "asset_update_operation", "proposal_create_operation",
      "custom_authority_create_operation", "credit_deal_expired_operation", "limit_order_update_operation"])
      expect(buildRefusal([], name)).toEqual(assertAt("operation_supported", ""));
  });

  it("the 18 operations of operation_list_1 .. _11 build with no restriction, and their predicate accepts anything", () => {
    const supported = ["transfer_operation", "limit_order_create_operation", "limit_order_cancel_operation", "call_order_update_operation",
      "account_create_operation", "account_update_operation", "asset_create_operation", "asset_update_feed_producers_operation",
      "asset_issue_operation", "asset_reserve_operation", "asset_publish_feed_operation", "witness_update_operation",
      "vesting_balance_create_operation", "vesting_balance_withdraw_operation", "override_transfer_operation", "htlc_create_operation",
      "htlc_redeem_operation", "htlc_extend_operation"];
    for (const name of supported) expect(evaluate(predicate([], name), op(name))).toEqual(SUCCESS_JSON);
  });
});

describe("restrictions_to_predicate and create_logical_or_predicate", () => {
  it("an empty attribute assertion is refused at its list", () => {
    expect(buildRefusal([toIs(1), attr(FEE)], T)).toEqual(assertAt("list_not_empty", "[1].argument[1]"));
  });

  it("a logical OR whose argument is not a list of restriction lists", () => {
    expect(buildRefusal([{ ...or(0), argument: [39, [toIs(1)]] } as Restriction], T)).toEqual(assertAt("logical_or_argument", "[0].argument"));
    expect(buildRefusal([R(0, FUNC.logical_or, [2, 5])], T)).toEqual(assertAt("logical_or_argument", "[0].argument"));
  });

  it("a logical OR with fewer than two branches", () => {
    expect(buildRefusal([or(0)], T)).toEqual(assertAt("logical_or_two_branches", "[0].argument"));
    expect(buildRefusal([or(0, [toIs(1)])], T)).toEqual(assertAt("logical_or_two_branches", "[0].argument"));
  });

  it("an empty logical OR branch is refused at the branch", () => {
    expect(buildRefusal([or(0, [toIs(1)], [])], T)).toEqual(assertAt("list_not_empty", "[0].argument[1][1]"));
  });

  it("the member_index of a logical OR is never looked at", () => {
    const anyOf = or(999, [toIs(1)], [toIs(2)]);
    expect(evaluate(predicate([anyOf], T), op(T, { to: "1.2.2" }))).toEqual(SUCCESS_JSON);
  });

  it("a refusal inside a branch carries the branch's path", () => {
    const anyOf = or(0, [toIs(1)], [R(TO, FUNC.eq, [8, "1.3.0"])]);
    expect(buildRefusal([anyOf], T)).toEqual(assertAt("argument_types", "[0].argument[1][1][0].argument"));
  });

  it("the first bad restriction in list order, depth first, is the one reported", () => {
    const rs = [attr(FEE, R(1, FUNC.eq, [7, "1.2.0"])), R(9, FUNC.eq, [0, {}])];
    expect(buildRefusal(rs, T)).toEqual(assertAt("argument_types", "[0].argument[1][0].argument"));
  });
});

describe("create_field_predicate", () => {
  it("a member of a type with no reflected members (here int64_t, the value of share_type)", () => {
    const rs = [attr(AMOUNT, attr(0, attr(0, R(0, FUNC.eq, [2, 1]))))];
    expect(buildRefusal(rs, T)).toEqual(assertAt("member_of_object", "[0].argument[1][0].argument[1][0].argument[1][0].member_index"));
  });

  it("a member of a string, a time_point_sec, a hash or an unsigned_int", () => {
    const symbol = memberIndex("asset_create_operation", "symbol");
    expect(buildRefusal([attr(symbol, R(0, FUNC.eq, [2, 1]))], "asset_create_operation").rule).toBe("restriction_predicate.member_of_object");
    const expiration = memberIndex("limit_order_create_operation", "expiration");
    expect(buildRefusal([attr(expiration, R(0, FUNC.eq, [2, 1]))], "limit_order_create_operation").rule).toBe("restriction_predicate.member_of_object");
    // object_id<1,2> reflects its instance, an fc::unsigned_int, which reflects nothing.
    expect(buildRefusal([attr(TO, attr(0, R(0, FUNC.eq, [2, 1])))], T).rule).toBe("restriction_predicate.member_of_object");
    // htlc_hash alternative 2 is fc::sha256.
    const hash = memberIndex("htlc_create_operation", "preimage_hash");
    expect(buildRefusal([variantAssert(hash, 2, R(0, FUNC.eq, [2, 1]))], "htlc_create_operation"))
      .toEqual(assertAt("member_of_object", "[0].argument[1][1][0].member_index"));
  });

  it("a member index past the last member, even when the function type is bad too (the index is checked first)", () => {
    expect(buildRefusal([R(6, FUNC.eq, [0, {}])], T)).toEqual(assertAt("member_index_in_range", "[0].member_index"));
    expect(buildRefusal([{ ...R(0, 99, [0, {}]), member_index: 2n ** 64n - 1n }], T)).toEqual(assertAt("member_index_in_range", "[0].member_index"));
    expect(buildRefusal([attr(FEE, R(2, FUNC.eq, [0, {}]))], T)).toEqual(assertAt("member_index_in_range", "[0].argument[1][0].member_index"));
  });
});

describe("create_predicate_function", () => {
  it("a function type past func_variant_assert is refused", () => {
    expect(buildRefusal([R(TO, 13, [0, {}])], T)).toEqual(assertAt("function_type_valid", "[0].restriction_type"));
    expect(buildRefusal([R(TO, 4294967295, [0, {}])], T)).toEqual(assertAt("function_type_valid", "[0].restriction_type"));
  });

  it("the function type is cast to the 32-bit enum: 2^32 + 11 is no logical OR but an invalid function; 2^32 acts as eq", () => {
    const big = (k: bigint) => ({ ...toIs(12), restriction_type: 2n ** 32n + k });
    expect(buildRefusal([big(11n)], T)).toEqual(assertAt("function_type_valid", "[0].restriction_type"));
    const p = predicate([big(0n)], T);
    expect(evaluate(p, op(T, { to: "1.2.12" }))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, op(T, { to: "1.2.13" }))).toEqual(rejected([0, 0], FALSE));
  });

  it("eq and ne take every argument but the restriction lists (Cannot import unsupported type)", () => {
    for (const tag of [39, 40, 41]) {
      const arg = tag === 41 ? [41, [0, []]] : [tag, []];
      expect(buildRefusal([R(TO, FUNC.eq, arg)], T)).toEqual(assertAt("argument_kind", "[0].argument"));
      expect(buildRefusal([R(TO, FUNC.ne, arg)], T)).toEqual(assertAt("argument_kind", "[0].argument"));
    }
  });

  it("lt .. ge take only int64_t, string, time_point_sec and the object ids", () => {
    for (const func of [FUNC.lt, FUNC.le, FUNC.gt, FUNC.ge]) {
      for (const arg of [[0, {}], [1, true], [6, "00".repeat(32)], [21, [1]], [39, []]])
        expect(buildRefusal([R(TO, func, arg)], T)).toEqual(assertAt("argument_kind", "[0].argument"));
    }
    expect(evaluate(predicate([R(TO, FUNC.lt, [7, "1.2.3"])], T), op(T, { to: "1.2.2" }))).toEqual(SUCCESS_JSON);
  });

  it("in, not_in, has_all and has_none take only the flat_sets", () => {
    for (const func of [FUNC.in, FUNC.not_in, FUNC.has_all, FUNC.has_none])
      for (const arg of [[0, {}], [2, 1], [7, "1.2.3"], [39, []]])
        expect(buildRefusal([R(TO, func, arg)], T)).toEqual(assertAt("argument_kind", "[0].argument"));
  });

  it("importable but of the wrong type for the field (Invalid types for predicate)", () => {
    const cases: [number, Json][] = [
      [FUNC.eq, [8, "1.3.0"]], // account id vs asset id
      [FUNC.eq, [2, 12]], // object ids are not integral
      [FUNC.eq, [0, {}]], // not an optional
      [FUNC.lt, [3, "x"]],
      [FUNC.in, [27, ["1.3.0"]]],
      [FUNC.has_all, [26, ["1.2.0"]]], // an id is no container
      [FUNC.has_none, [26, ["1.2.0"]]],
    ];
    for (const [func, arg] of cases) expect(buildRefusal([R(TO, func, arg)], T)).toEqual(assertAt("argument_types", "[0].argument"));
  });

  it("attr needs a restriction list argument", () => {
    expect(buildRefusal([R(FEE, FUNC.attr, [40, []])], T)).toEqual(assertAt("attr_argument", "[0].argument"));
    expect(buildRefusal([R(FEE, FUNC.attr, [0, {}])], T)).toEqual(assertAt("attr_argument", "[0].argument"));
  });

  it("variant_assert needs a pair of tag and restriction list", () => {
    const policy = memberIndex("vesting_balance_create_operation", "policy");
    expect(buildRefusal([R(policy, FUNC.variant_assert, [39, []])], "vesting_balance_create_operation"))
      .toEqual(assertAt("variant_assert_argument", "[0].argument"));
  });

  it("variant_assert on a field that is no static_variant (nor an optional one)", () => {
    expect(buildRefusal([R(TO, FUNC.variant_assert, [41, [0, []]])], T)).toEqual(assertAt("variant_field", "[0].restriction_type"));
    expect(buildRefusal([R(MEMO, FUNC.variant_assert, [41, [0, []]])], T)).toEqual(assertAt("variant_field", "[0].restriction_type"));
  });

  it("a variant tag outside the variant: std::out_of_range of typelist::runtime::dispatch", () => {
    const policy = memberIndex("vesting_balance_create_operation", "policy");
    for (const tag of [3, -1]) {
      expect(buildRefusal([R(policy, FUNC.variant_assert, [41, [tag, []]])], "vesting_balance_create_operation")).toEqual({
        exception: "out_of_range_exception", rule: "restriction_predicate.variant_tag_in_range", field: "[0].argument[1][0]",
      });
    }
  });

  it("the restriction list of a variant assertion may be empty, and is checked against the alternative", () => {
    const policy = memberIndex("vesting_balance_create_operation", "policy");
    const V = "vesting_balance_create_operation";
    expect(evaluate(predicate([R(policy, FUNC.variant_assert, [41, [2, []]])], V), op(V, { policy: [2, {}] }))).toEqual(SUCCESS_JSON);
    // instant_vesting_policy_initializer reflects no member.
    expect(buildRefusal([variantAssert(policy, 2, R(0, FUNC.eq, [2, 1]))], V))
      .toEqual(assertAt("member_of_object", "[0].argument[1][1][0].member_index"));
    // cdd_vesting_policy_initializer has two members.
    expect(buildRefusal([variantAssert(policy, 1, R(2, FUNC.eq, [2, 1]))], V))
      .toEqual(assertAt("member_index_in_range", "[0].argument[1][1][0].member_index"));
  });

  it("an attribute assertion on an optional or extension field looks into its value type", () => {
    expect(buildRefusal([attr(MEMO, R(4, FUNC.eq, [0, {}]))], T)).toEqual(assertAt("member_index_in_range", "[0].argument[1][0].member_index"));
    const ext = memberIndex("account_update_operation", "extensions");
    expect(buildRefusal([attr(ext, R(3, FUNC.eq, [0, {}]))], "account_update_operation"))
      .toEqual(assertAt("member_index_in_range", "[0].argument[1][0].member_index"));
  });

  it("an attribute assertion on a static_variant field: a variant reflects no member", () => {
    const policy = memberIndex("vesting_balance_create_operation", "policy");
    expect(buildRefusal([attr(policy, R(0, FUNC.eq, [2, 1]))], "vesting_balance_create_operation"))
      .toEqual(assertAt("member_of_object", "[0].argument[1][0].member_index"));
  });
});

describe("no depth limit", () => {
  it("bitshares-core bounds nesting only through decoding (fc::raw's depth limit), not while building: 50 nested ORs build", () => {
    // fee.amount.value eq 0, under 50 logical ORs whose other branch is always false.
    let r = R(0, FUNC.eq, [2, 0]);
    const never = R(0, FUNC.eq, [2, 1]);
    for (let i = 0; i < 50; i++) r = or(0, [never], [r]);
    const rs = [attr(FEE, attr(0, r))];
    expect(opTag(T)).toBe(0);
    expect(evaluate(predicate(rs, T), op(T)).success).toBe(true);
  });
});
