// get_restriction_predicate (restriction_predicate.cpp, restriction_predicate.hxx, sliced_lists.hxx): checks
// that a list of restrictions fits the fields of an operation type and builds the predicate that evaluates
// operations against it.
//
// Building refuses, in bitshares-core's order (restriction by restriction, depth first), with the
// exception bitshares-core throws; field paths are relative to the restriction list ("[0].argument[1][2]").
// The predicate returns bitshares-core's predicate_result, with the rejection path outermost first.
import { either as E } from "fp-ts";
import { TABLES } from "../../../generated/codec-tables.js";
import type { Operation, Restriction } from "../../../generated/native-types.js";
import { assertFail, chainError, type ChainError } from "../errors.js";
import { alternativeType, cppType, extensionObjectMembers, reflectedMembers, typeName, type CppType, type Member } from "./cpp_types.js";
import { comparisonCheck, importable, type FieldCheck } from "./predicates.js";
import { atIndex, orRejection, rejection, SUCCESS, type Predicate, type PredicateResult } from "./predicate_result.js";
import { ARG, FUNC, functionName } from "./restriction.js";

/** What an object predicate says; a ChainError where bitshares-core returns nothing (predicates.ts). */
type Outcome = PredicateResult | ChainError;
type ObjectPredicate = (object: unknown) => Outcome;
type Built<T> = E.Either<ChainError, T>;

const isError = (o: Outcome | boolean): o is ChainError => typeof o === "object" && "_tag" in o;

const R = "restriction_predicate";

/** The operations custom authorities can restrict (sliced_lists.hxx operation_list_1 .. _11); every other
 *  operation is in unsupported_operations_list. */
export const SUPPORTED_OPERATIONS: readonly string[] = [
  "transfer_operation", "limit_order_create_operation", "limit_order_cancel_operation", "call_order_update_operation",
  "account_create_operation", "account_update_operation", "asset_create_operation",
  "asset_update_feed_producers_operation", "asset_issue_operation", "asset_reserve_operation",
  "asset_publish_feed_operation", "witness_update_operation", "vesting_balance_create_operation",
  "vesting_balance_withdraw_operation", "override_transfer_operation", "htlc_create_operation",
  "htlc_redeem_operation", "htlc_extend_operation",
];

const OPERATIONS = (TABLES["operation"] as { readonly alternatives: readonly string[] }).alternatives;
const SUPPORTED = new Set(SUPPORTED_OPERATIONS);

/** The object a restriction list applies to: a name for messages and its reflected members. */
interface ObjectView {
  readonly name: string;
  readonly members: readonly Member[];
}

const viewOf = (t: CppType): ObjectView => ({ name: typeName(t), members: reflectedMembers(t) });

const item = (list: string, i: number): string => `${list}[${i}]`;
const at = (path: string, field: string): string => (path === "" ? field : `${path}.${field}`);

/** restrictions_to_predicate<Object>: every restriction must hold; the first failing one's index heads the
 *  rejection path. Attribute lists and logical-OR branches may not be empty; the top list and the list
 *  of a variant assertion may. */
function restrictionsToPredicate(view: ObjectView, rs: readonly Restriction[], allowEmpty: boolean, listPath: string): Built<ObjectPredicate> {
  if (!allowEmpty && rs.length === 0)
    return assertFail(`${R}.list_not_empty`, listPath, `an attribute assertion or logical OR branch on ${view.name} has no restrictions`);
  const predicates: ObjectPredicate[] = [];
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i]!;
    const path = item(listPath, i);
    const p = r.restriction_type === BigInt(FUNC.logical_or) ? logicalOr(view, r, path) : fieldPredicate(view, r, path);
    if (E.isLeft(p)) return p;
    predicates.push(p.right);
  }
  return E.right((object) => {
    for (let i = 0; i < predicates.length; i++) {
      const result = predicates[i]!(object);
      if (isError(result)) return result;
      if (!result.success) return atIndex(i, result);
    }
    return SUCCESS;
  });
}

/** create_logical_or_predicate: at least two non-empty branches; true when one branch holds, else the
 *  failures of all branches. The member_index of a logical OR is never looked at. */
function logicalOr(view: ObjectView, r: Restriction, path: string): Built<ObjectPredicate> {
  if (r.argument[0] !== ARG.restriction_lists)
    return assertFail(`${R}.logical_or_argument`, at(path, "argument"), `a logical OR takes a list of restriction lists (argument tag 40), not argument tag ${r.argument[0]}`);
  const branches = r.argument[1];
  if (branches.length < 2)
    return assertFail(`${R}.logical_or_two_branches`, at(path, "argument"), `a logical OR needs at least two branches, it has ${branches.length}`);
  const predicates: ObjectPredicate[] = [];
  for (let b = 0; b < branches.length; b++) {
    const p = restrictionsToPredicate(view, branches[b]!, false, item(at(path, "argument[1]"), b));
    if (E.isLeft(p)) return p;
    predicates.push(p.right);
  }
  return E.right((object) => {
    const failures: PredicateResult[] = [];
    for (const p of predicates) {
      const result = p(object);
      if (isError(result)) return result;
      if (result.success) return SUCCESS;
      failures.push(result);
    }
    return orRejection(failures);
  });
}

/** create_field_predicate: the restriction applies to member member_index of the object. */
function fieldPredicate(view: ObjectView, r: Restriction, path: string): Built<ObjectPredicate> {
  if (view.members.length === 0)
    return assertFail(`${R}.member_of_object`, at(path, "member_index"), `${view.name} is not an object with members, so no restriction can name one of its members`);
  if (r.member_index >= BigInt(view.members.length))
    return assertFail(`${R}.member_index_in_range`, at(path, "member_index"), `member index ${r.member_index} is out of range: ${view.name} has ${view.members.length} members`);
  const member = view.members[Number(r.member_index)]!;
  const check = createPredicateFunction(member.type, r, path);
  if (E.isLeft(check)) return check;
  const p = check.right;
  return E.right((object) => p(member.get(object)));
}

/** A comparison's boolean as a predicate_result (embed_argument). */
function embed(check: FieldCheck): ObjectPredicate {
  return (value) => {
    const r = check(value);
    if (typeof r !== "boolean") return r;
    return r ? SUCCESS : rejection("predicate_was_false");
  };
}

/**
 * create_predicate_function<Field>: the check of one restriction on a field of type `f`. The function type
 * is cast to the function_type enum, whose underlying type is 32 bits: a restriction_type of 2^32 + k acts
 * as function k (only exactly 11 is a logical OR, see restrictionsToPredicate).
 */
function createPredicateFunction(f: CppType, r: Restriction, path: string): Built<ObjectPredicate> {
  const func = Number(BigInt.asUintN(32, r.restriction_type));
  const [tag] = r.argument;
  const argPath = at(path, "argument");
  if (func <= FUNC.has_none) {
    const name = functionName(func)!;
    if (!importable(func, tag))
      return assertFail(`${R}.argument_kind`, argPath, `function ${name} does not take argument tag ${tag}`);
    const check = comparisonCheck(f, func, r.argument);
    if (!check)
      return assertFail(`${R}.argument_types`, argPath, `function ${name} cannot compare a ${typeName(f)} field with argument tag ${tag}`);
    return E.right(embed(check));
  }
  if (func === FUNC.attr) {
    if (tag !== ARG.restriction_list)
      return assertFail(`${R}.attr_argument`, argPath, `an attribute assertion takes a restriction list (argument tag 39), not argument tag ${tag}`);
    return attributeAssertion(f, r.argument[1] as Restriction[], at(path, "argument[1]"));
  }
  if (func === FUNC.variant_assert) {
    if (tag !== ARG.variant_assert)
      return assertFail(`${R}.variant_assert_argument`, argPath, `a variant assertion takes a pair of tag and restriction list (argument tag 41), not argument tag ${tag}`);
    return variantAssertion(f, r.argument[1] as [bigint, Restriction[]], path);
  }
  return assertFail(`${R}.function_type_valid`, at(path, "restriction_type"), `restriction type ${r.restriction_type} is no function`);
}

/** attribute_assertion<Field>: restrictions on the members of the field's value; an optional field must be
 *  present (else null_optional); extension<T> is looked into as T. */
function attributeAssertion(f: CppType, rs: readonly Restriction[], listPath: string): Built<ObjectPredicate> {
  if (f.k === "optional") {
    const p = restrictionsToPredicate(viewOf(f.inner), rs, false, listPath);
    if (E.isLeft(p)) return p;
    const pred = p.right;
    return E.right((v) => (v === undefined ? rejection("null_optional") : pred(v)));
  }
  if (f.k === "extension") return restrictionsToPredicate({ name: f.name, members: extensionObjectMembers(f) }, rs, false, listPath);
  return restrictionsToPredicate(viewOf(f), rs, false, listPath);
}

/** variant_assertion<Field>: the field (or present optional field) holds alternative `tag` of its
 *  static_variant, and that value satisfies the restrictions (which may be none). */
function variantAssertion(f: CppType, [tag, rs]: readonly [bigint, readonly Restriction[]], path: string): Built<ObjectPredicate> {
  const optional = f.k === "optional";
  const v = optional ? f.inner : f;
  if (v.k !== "variant")
    return assertFail(`${R}.variant_field`, at(path, "restriction_type"), `a variant assertion needs a static_variant field, not ${typeName(f)}`);
  // typelist::runtime::dispatch throws std::out_of_range for a tag outside the variant, which the
  // FC_CAPTURE_AND_RETHROW of create_predicate_function turns into a plain fc::exception of
  // std_exception_code (13) named "St12out_of_range". errors.ts has no std_exception: out_of_range_exception
  // is the nearest name.
  if (tag < 0n || tag >= BigInt(v.alternatives.length))
    return E.left(chainError(
      "out_of_range_exception", `${R}.variant_tag_in_range`, at(path, "argument[1][0]"),
      `variant tag ${tag} is not one of the ${v.alternatives.length} alternatives of ${v.name} (std::out_of_range)`,
    ));
  const t = Number(tag);
  const p = restrictionsToPredicate(viewOf(alternativeType(v, t)), rs, true, at(path, "argument[1][1]"));
  if (E.isLeft(p)) return p;
  const pred = p.right;
  const whole: ObjectPredicate = (value) => {
    const [which, inner] = value as [number, unknown];
    return which === t ? pred(inner) : rejection("incorrect_variant_type");
  };
  return E.right(optional ? (value) => (value === undefined ? rejection("null_optional") : whole(value)) : whole);
}

/** operation::count() */
export const OPERATION_COUNT = OPERATIONS.length;

/**
 * get_restriction_predicate(rs, op_type): Left where bitshares-core throws while building. `operationType`
 * is operation::tag_type (int64_t): an unsigned_int of 2^63 or more arrives negative. An operation type out
 * of range escapes as a bare std::out_of_range (no FC_CAPTURE here; the evaluator's turns it into
 * std_exception_code 13), reported as out_of_range_exception for want of a closer name.
 */
export function getRestrictionPredicate(restrictions: readonly Restriction[], operationType: bigint | number): E.Either<ChainError, Predicate> {
  const opType = BigInt.asIntN(64, BigInt(operationType));
  if (opType < 0n || opType >= BigInt(OPERATION_COUNT))
    return E.left(chainError(
      "out_of_range_exception", `${R}.operation_type_in_range`, "",
      `operation type ${opType} is not one of the ${OPERATION_COUNT} operations (std::out_of_range)`,
    ));
  const tag = Number(opType);
  const name = OPERATIONS[tag]!;
  if (!SUPPORTED.has(name))
    return assertFail(`${R}.operation_supported`, "", `custom authorities do not support ${name} (operation type ${tag})`);
  const built = restrictionsToPredicate(viewOf(cppType(name)), restrictions, true, "");
  if (E.isLeft(built)) return built;
  const p = built.right;
  return E.right((op: Operation) => {
    if (op[0] !== tag)
      return assertFail(`${R}.operation_type_matches`, "", `the predicate was built for ${name} (${tag}), not for operation type ${op[0]}`);
    const result = p(op[1]);
    return isError(result) ? E.left(result) : E.right(result);
  });
}
