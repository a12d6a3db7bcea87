// validate() of custom_authority_create/update/delete (custom_authority.cpp), rule by rule in its order.
// The valid create operation is the one of custom_authority_tests.cpp custom_auths (Bob may transfer less
// than 100 BTS of 1.3.0 from Alice's account).
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type {
  CustomAuthorityCreateOperation, CustomAuthorityDeleteOperation, CustomAuthorityUpdateOperation, Restriction,
} from "../../../generated/native-types.js";
import { fromJson, zero } from "../../codec/index.js";
import type { ChainError } from "../errors.js";
import {
  validateCustomAuthorityCreateOperation, validateCustomAuthorityDeleteOperation, validateCustomAuthorityUpdateOperation,
} from "./custom_authority.js";

function make<T>(type: string, members: Record<string, unknown>): T {
  const z = zero(type);
  if (E.isLeft(z)) throw new Error(type);
  return { ...(z.right as object), ...members } as T;
}
const restriction = (json: object): Restriction => {
  const r = fromJson("restriction", { extensions: [], ...json } as never);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right as Restriction;
};
const err = (r: E.Either<ChainError, void>) => (E.isLeft(r) ? { exception: r.left.exception, rule: r.left.rule, field: r.left.field } : "OK");

const lessThan100 = restriction({
  member_index: 3, restriction_type: 10,
  argument: [39, [{ member_index: 0, restriction_type: 2, argument: [2, 10000000], extensions: [] },
    { member_index: 1, restriction_type: 0, argument: [8, "1.3.0"], extensions: [] }]],
});
const bobAuth = { weight_threshold: 1, account_auths: [["1.2.18", 1]], key_auths: [], address_auths: [] };
const ADDRESS = "11".repeat(20);

describe("custom_authority_create_operation::validate", () => {
  const C = "custom_authority_create_operation";
  const create = (m: Record<string, unknown> = {}) => make<CustomAuthorityCreateOperation>(C, {
    account: "1.2.17", enabled: true, valid_from: 0, valid_to: 1000, operation_type: 0n, auth: bobAuth, restrictions: [lessThan100], ...m,
  });
  const v = (m: Record<string, unknown> = {}) => err(validateCustomAuthorityCreateOperation(create(m)));
  const at = (rule: string, field: string) => ({ exception: "assert_exception", rule: `${C}.${rule}`, field });

  it("accepts the custom_auths authority, an empty restriction list, and the null account 1.2.3", () => {
    expect(v()).toBe("OK");
    expect(v({ restrictions: [] })).toBe("OK");
    expect(v({ account: "1.2.3" })).toBe("OK");
  });

  it("refuses a negative fee first", () => {
    expect(v({ fee: { amount: -1n, asset_id: "1.3.0" }, account: "1.2.0" })).toEqual(at("fee_non_negative", "fee.amount"));
  });

  it("refuses the temp, committee, witness and relaxed committee accounts", () => {
    for (const a of ["1.2.4", "1.2.0", "1.2.1", "1.2.2"]) expect(v({ account: a, valid_to: 0 })).toEqual(at("account_not_special", "account"));
  });

  it("refuses valid_from not before valid_to", () => {
    expect(v({ valid_from: 1000 })).toEqual(at("valid_from_before_valid_to", "valid_to"));
    expect(v({ valid_from: 1001, auth: { ...bobAuth, weight_threshold: 2 } })).toEqual(at("valid_from_before_valid_to", "valid_to"));
  });

  it("refuses address authorities, before looking at the threshold", () => {
    const auth = { ...bobAuth, weight_threshold: 9, address_auths: [[ADDRESS, 1]] };
    expect(v({ auth })).toEqual(at("no_address_auths", "auth.address_auths"));
  });

  it("refuses an impossible authority; a threshold of 0 with no member is possible (no null-authority rule)", () => {
    expect(v({ auth: { ...bobAuth, weight_threshold: 2 } })).toEqual(at("auth_possible", "auth"));
    expect(v({ auth: { weight_threshold: 0, account_auths: [], key_auths: [], address_auths: [] } })).toBe("OK");
  });

  it("builds the restriction predicate: unsupported and unknown operation types, bad restrictions", () => {
    expect(v({ operation_type: 4n })).toEqual({ exception: "assert_exception", rule: "restriction_predicate.operation_supported", field: "operation_type" });
    expect(v({ operation_type: 78n, restrictions: [] })).toEqual({ exception: "out_of_range_exception", rule: "restriction_predicate.operation_type_in_range", field: "operation_type" });
    expect(v({ operation_type: 2n ** 64n - 1n, restrictions: [] })).toEqual({ exception: "out_of_range_exception", rule: "restriction_predicate.operation_type_in_range", field: "operation_type" });
    expect(v({ restrictions: [lessThan100, restriction({ member_index: 6, restriction_type: 0, argument: [0, {}] })] }))
      .toEqual({ exception: "assert_exception", rule: "restriction_predicate.member_index_in_range", field: "restrictions[1].member_index" });
    expect(v({ restrictions: [restriction({ member_index: 3, restriction_type: 10, argument: [39, []] })] }))
      .toEqual({ exception: "assert_exception", rule: "restriction_predicate.list_not_empty", field: "restrictions[0].argument[1]" });
  });

  it("checks the restrictions last: an impossible auth is reported before them", () => {
    expect(v({ operation_type: 4n, auth: { ...bobAuth, weight_threshold: 2 } })).toEqual(at("auth_possible", "auth"));
  });
});

describe("custom_authority_update_operation::validate", () => {
  const U = "custom_authority_update_operation";
  const update = (m: Record<string, unknown>) => make<CustomAuthorityUpdateOperation>(U, { account: "1.2.17", authority_to_update: "1.17.0", ...m });
  const v = (m: Record<string, unknown>) => err(validateCustomAuthorityUpdateOperation(update(m)));
  const at = (rule: string, field: string) => ({ exception: "assert_exception", rule: `${U}.${rule}`, field });

  it("accepts an update of any one thing", () => {
    for (const m of [{ new_enabled: false }, { new_valid_from: 5 }, { new_valid_to: 5 }, { new_auth: bobAuth },
      { restrictions_to_remove: [0] }, { restrictions_to_add: [lessThan100] }]) expect(v(m)).toBe("OK");
  });

  it("refuses an update of nothing", () => {
    expect(v({})).toEqual(at("updates_something", ""));
  });

  it("refuses fee and special accounts first", () => {
    expect(v({ fee: { amount: -5n, asset_id: "1.3.0" } })).toEqual(at("fee_non_negative", "fee.amount"));
    for (const a of ["1.2.4", "1.2.0", "1.2.1", "1.2.2"]) expect(v({ account: a })).toEqual(at("account_not_special", "account"));
  });

  it("compares new_valid_from with new_valid_to only when both are given", () => {
    expect(v({ new_valid_from: 10, new_valid_to: 10 })).toEqual(at("valid_from_before_valid_to", "new_valid_to"));
    expect(v({ new_valid_from: 9, new_valid_to: 10 })).toBe("OK");
  });

  it("refuses an impossible new_auth before its address authorities", () => {
    expect(v({ new_auth: { ...bobAuth, weight_threshold: 5, address_auths: [[ADDRESS, 1]] } })).toEqual(at("auth_possible", "new_auth"));
    expect(v({ new_auth: { ...bobAuth, address_auths: [[ADDRESS, 1]] } })).toEqual(at("no_address_auths", "new_auth.address_auths"));
  });

  it("leaves restrictions_to_add to the evaluator (it alone knows the operation type)", () => {
    expect(v({ restrictions_to_add: [restriction({ member_index: 99, restriction_type: 77, argument: [0, {}] })] })).toBe("OK");
  });
});

describe("custom_authority_delete_operation::validate", () => {
  const D = "custom_authority_delete_operation";
  const del = (m: Record<string, unknown>) => make<CustomAuthorityDeleteOperation>(D, { account: "1.2.17", authority_to_delete: "1.17.0", ...m });
  const v = (m: Record<string, unknown>) => err(validateCustomAuthorityDeleteOperation(del(m)));

  it("accepts a delete, refuses a negative fee and the special accounts", () => {
    expect(v({})).toBe("OK");
    expect(v({ fee: { amount: -1n, asset_id: "1.3.0" } })).toEqual({ exception: "assert_exception", rule: `${D}.fee_non_negative`, field: "fee.amount" });
    for (const a of ["1.2.4", "1.2.0", "1.2.1", "1.2.2"])
      expect(v({ account: a })).toEqual({ exception: "assert_exception", rule: `${D}.account_not_special`, field: "account" });
  });
});
