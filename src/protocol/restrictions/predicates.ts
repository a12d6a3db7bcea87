// The comparison functions of restriction_predicate.hxx (predicate_eq ... predicate_has_none): for a field
// type and an argument, either the check of a field value or the refusal bitshares-core throws when it
// builds the predicate ("Invalid types for predicate").
//
// bitshares-core picks a template specialization by the C++ types; here the same choice is made on the
// CppType of the field (cpp_types.ts) and the argument's tag. Three behaviours of the C++ carry over as
// they are, because they decide results:
// - a null optional field makes eq, lt, gt, in, has_all and has_none false, but ne, not_in, le and ge TRUE:
//   the comparison returns predicate_result::Rejection(null_optional), which converts to false (or to 0 for
//   predicate_compare, so le/ge hold), and the null_optional reason is lost;
// - eq/ne, lt/le/gt/ge, has_all and has_none on a PRESENT optional field call themselves again without end
//   (the optional specialization's operator() hides its base's and re-wraps *f in an optional): the node
//   overflows its stack. This module reports it as an error instead (see RECURSION_RULE);
// - an integral field compared with a flat_set<int64_t> is converted to int64_t first (uint64 wraps), while
//   eq/lt compare integers by value (boost safe_compare).
import { TABLES } from "../../../generated/codec-tables.js";
import type { Restriction } from "../../../generated/native-types.js";
import type { TypeRef } from "../../codec/table.js";
import { chainError, type ChainError } from "../errors.js";
import { comparable, cppType, elementType, isIntegral, sameType, typeName, type CppType } from "./cpp_types.js";
import { ARG, FUNC } from "./restriction.js";
import { compareSame, containerElements, containerSize, equalityKey, equalSame, lookupKey, numeric } from "./values.js";

/** What a comparison says of a field value; a ChainError stands for bitshares-core's endless recursion. */
export type Check = boolean | ChainError;

export type FieldCheck = (value: unknown) => Check;

export const RECURSION_RULE = "restriction_predicate.present_optional_comparison";

function recursion(f: CppType, func: string): ChainError {
  return chainError(
    "unspecified_exception", RECURSION_RULE, "",
    `${func} on a present ${typeName(f)} field: bitshares-core 7.0 recurses without end here (stack overflow), it returns no result`,
  );
}

const ARGUMENT_TYPES = (TABLES["restriction::argument_type"] as { readonly alternatives: readonly TypeRef[] }).alternatives;

/** The C++ type of restriction::argument_type alternative `tag` (0..38), from the codec table
 *  (GRAPHENE_OP_RESTRICTION_ARGUMENTS_VARIADIC order). */
export function argumentType(tag: number): CppType {
  return cppType(ARGUMENT_TYPES[tag]!);
}

/** The argument kinds each function imports its argument into (static_variant::import_from):
 *  equality_types_list (everything but the restriction lists), comparable_types_list, list_types_list. */
export function importable(func: number, tag: number): boolean {
  if (func === FUNC.eq || func === FUNC.ne) return tag <= ARG.last_set;
  if (func >= FUNC.lt && func <= FUNC.ge) return tag === ARG.int64_t || tag === ARG.string || tag === ARG.time_point_sec || (tag >= ARG.first_id && tag <= ARG.last_id);
  return tag >= ARG.first_set && tag <= ARG.last_set;
}

/** predicate_eq<Field, Argument>, or undefined where it is predicate_invalid. */
function equality(f: CppType, a: CppType, arg: unknown): FieldCheck | undefined {
  if (sameType(f, a)) return (v) => equalSame(f, v, arg);
  if (isIntegral(f) && isIntegral(a)) return (v) => numeric(v) === numeric(arg);
  if (elementType(f) && isIntegral(a)) return (v) => BigInt(containerSize(f, v)) === numeric(arg);
  if (f.k === "optional") {
    if (a.k === "void") return (v) => v === undefined;
    if (comparable(f.inner, a)) return (v) => (v === undefined ? false : recursion(f, "eq/ne"));
  }
  return undefined;
}

/** predicate_compare<Field, Argument>: -1, 0 or 1, or undefined where invalid. */
function comparison(f: CppType, a: CppType, arg: unknown): ((v: unknown) => -1 | 0 | 1 | ChainError) | undefined {
  if (sameType(f, a)) return (v) => compareSame(f, v, arg);
  if (isIntegral(f) && isIntegral(a)) {
    const x = numeric(arg);
    return (v) => { const n = numeric(v); return n < x ? -1 : n > x ? 1 : 0; };
  }
  // Valid when the comparison of the inner type is (its base class is built first and throws otherwise).
  if (f.k === "optional" && comparison(f.inner, a, arg)) return (v) => (v === undefined ? 0 : recursion(f, "lt/le/gt/ge"));
  return undefined;
}

/** The keys of a flat_set argument's elements, for membership tests. */
const keysOf = (e: CppType, set: readonly unknown[]): Set<string> => new Set(set.map((x) => equalityKey(e, x)));

/** predicate_in<Field, flat_set<Element>> (and predicate_not_in, which is its negation except on
 *  containers). */
function membership(f: CppType, e: CppType, set: readonly unknown[], negate: boolean): FieldCheck | undefined {
  const keys = keysOf(e, set);
  if (comparable(f, e)) return (v) => keys.has(lookupKey(f, e, v)) !== negate;
  if (f.k === "optional" && comparable(f.inner, e)) {
    const g = f.inner;
    return (v) => (v === undefined ? negate : keys.has(lookupKey(g, e, v)) !== negate);
  }
  const el = elementType(f);
  if (el && comparable(el, e)) {
    // in: every element is in the set; not_in: none is.
    return negate
      ? (v) => !containerElements(f, v).some((x) => keys.has(lookupKey(el, e, x)))
      : (v) => containerElements(f, v).every((x) => keys.has(lookupKey(el, e, x)));
  }
  return undefined;
}

/** predicate_has_all<Field, flat_set<Element>>: the field container holds every element of the set. */
function hasAll(f: CppType, e: CppType, set: readonly unknown[]): FieldCheck | undefined {
  const el = elementType(f);
  if (el && comparable(el, e)) {
    // a.size() counts the distinct elements of the flat_set argument.
    const wanted = [...keysOf(e, set)];
    return (v) => {
      if (containerSize(f, v) < wanted.length) return false;
      const have = new Set(containerElements(f, v).map((x) => lookupKey(el, e, x)));
      return wanted.every((k) => have.has(k));
    };
  }
  if (f.k === "optional" && hasAll(f.inner, e, set)) return (v) => (v === undefined ? false : recursion(f, "has_all/has_none"));
  return undefined;
}

/** predicate_has_none<Field, flat_set<Element>>: the field container holds no element of the set (its
 *  flat_set and other-container forms agree). Its optional specialization derives from predicate_has_all,
 *  so it is valid where has_all is. */
function hasNone(f: CppType, e: CppType, set: readonly unknown[]): FieldCheck | undefined {
  const el = elementType(f);
  if (el && comparable(el, e)) {
    const keys = keysOf(e, set);
    return (v) => !containerElements(f, v).some((x) => keys.has(lookupKey(el, e, x)));
  }
  if (f.k === "optional" && hasAll(f.inner, e, set)) return (v) => (v === undefined ? false : recursion(f, "has_all/has_none"));
  return undefined;
}

/**
 * The check of one comparison function (eq .. has_none) on a field of type `f`, with argument `argument`
 * already known to be importable for `func`. Undefined where bitshares-core throws "Invalid types for
 * predicate".
 */
export function comparisonCheck(f: CppType, func: number, argument: Restriction["argument"]): FieldCheck | undefined {
  const [tag, arg] = argument;
  const a = argumentType(tag);
  switch (func) {
    case FUNC.eq: return equality(f, a, arg);
    case FUNC.ne: {
      const eq = equality(f, a, arg);
      return eq && ((v) => { const r = eq(v); return typeof r === "boolean" ? !r : r; });
    }
    case FUNC.lt: case FUNC.le: case FUNC.gt: case FUNC.ge: {
      const cmp = comparison(f, a, arg);
      if (!cmp) return undefined;
      const holds = func === FUNC.lt ? (c: number) => c < 0 : func === FUNC.le ? (c: number) => c <= 0 : func === FUNC.gt ? (c: number) => c > 0 : (c: number) => c >= 0;
      return (v) => { const c = cmp(v); return typeof c === "number" ? holds(c) : c; };
    }
    case FUNC.in: case FUNC.not_in: {
      const e = (a as CppType & { k: "flat_set" }).item;
      return membership(f, e, arg as readonly unknown[], func === FUNC.not_in);
    }
    case FUNC.has_all: return hasAll(f, (a as CppType & { k: "flat_set" }).item, arg as readonly unknown[]);
    case FUNC.has_none: return hasNone(f, (a as CppType & { k: "flat_set" }).item, arg as readonly unknown[]);
    default: return undefined;
  }
}
