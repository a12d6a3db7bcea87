// Helpers of the restriction tests: restrictions and operations from bitshares-core's JSON, predicates
// built and run by operation name, refusals reduced to what the tests compare.
import { either as E } from "fp-ts";
import { TABLES } from "../../../generated/codec-tables.js";
import type { Operation, Restriction } from "../../../generated/native-types.js";
import { fromJson, zero, type Json } from "../../codec/index.js";
import type { ChainError } from "../errors.js";
import { predicateResultToJson, type Predicate, type PredicateResultJson } from "./predicate_result.js";
import { getRestrictionPredicate } from "./restriction_predicate.js";

const OPERATIONS = (TABLES["operation"] as { readonly alternatives: readonly string[] }).alternatives;

/** operation::tag<Op>::value */
export function opTag(name: string): number {
  const i = OPERATIONS.indexOf(name);
  if (i < 0) throw new Error(`no operation ${name}`);
  return i;
}

/** A restriction from its JSON, as bitshares-core prints it: {member_index, restriction_type, argument}. */
export function restriction(json: { member_index: number; restriction_type: number; argument: Json; extensions?: Json }): Restriction {
  const r = fromJson("restriction", { extensions: [], ...json });
  if (E.isLeft(r)) throw new Error(`bad restriction JSON: ${r.left.message}`);
  return r.right as Restriction;
}

/** restriction(member_index, function, argument) of the C++ tests. */
export const R = (member_index: number, restriction_type: number, argument: Json): Restriction =>
  restriction({ member_index, restriction_type, argument });

/** restriction(member, func_attr, vector<restriction>{...}), built in memory. */
export const attr = (member: number, ...list: Restriction[]): Restriction =>
  ({ member_index: BigInt(member), restriction_type: 10n, argument: [39, list], extensions: [] }) as Restriction;

/** restriction(member, func_logical_or, vector<vector<restriction>>{...}), built in memory. */
export const or = (member: number, ...branches: Restriction[][]): Restriction =>
  ({ member_index: BigInt(member), restriction_type: 11n, argument: [40, branches], extensions: [] }) as Restriction;

/** restriction(member, func_variant_assert, pair<int64_t, vector<restriction>>{tag, {...}}), built in memory. */
export const variantAssert = (member: number, tag: number, ...list: Restriction[]): Restriction =>
  ({ member_index: BigInt(member), restriction_type: 12n, argument: [41, [BigInt(tag), list]], extensions: [] }) as Restriction;

/** The name of operation `tag`. */
export const opName = (tag: number): string => OPERATIONS[tag]!;

/** member_index<T>(name): the index of a member in FC_REFLECT order (codec table), as the C++ tests compute it. */
export function memberIndex(type: string, name: string): number {
  const node = TABLES[type];
  const names = node?.kind === "struct" ? node.fields.map((f) => f.name) : node?.kind === "extension" ? node.members.map((m) => m.name) : [];
  const i = names.indexOf(name);
  if (i < 0) throw new Error(`${type} has no member ${name}`);
  return i;
}

/** A default-constructed operation (`transfer_operation op;`) with some members set, as [tag, value]. */
export function op(name: string, members: Record<string, unknown> = {}): Operation {
  const z = zero(name);
  if (E.isLeft(z)) throw new Error(`no zero value of ${name}`);
  return [opTag(name), { ...(z.right as object), ...members }] as unknown as Operation;
}

/** A value of a protocol type from its JSON. */
export function value(type: string, json: Json): unknown {
  const v = fromJson(type, json);
  if (E.isLeft(v)) throw new Error(`bad ${type} JSON: ${v.left.message}`);
  return v.right;
}

export function predicate(restrictions: readonly Restriction[], operation: string): Predicate {
  const p = getRestrictionPredicate(restrictions, opTag(operation));
  if (E.isLeft(p)) throw new Error(`unexpected build refusal ${p.left.rule} at ${p.left.field}: ${p.left.message}`);
  return p.right;
}

/** The predicate_result of `operation` as bitshares-core's JSON. */
export function evaluate(p: Predicate, operation: Operation): PredicateResultJson {
  const r = p(operation);
  if (E.isLeft(r)) throw new Error(`unexpected evaluation refusal ${r.left.rule}: ${r.left.message}`);
  return predicateResultToJson(r.right);
}

export type Refusal = Pick<ChainError, "exception" | "rule" | "field">;

export function refusal<T>(r: E.Either<ChainError, T>): Refusal {
  if (E.isRight(r)) throw new Error("expected a refusal");
  return { exception: r.left.exception, rule: r.left.rule, field: r.left.field };
}

/** The refusal of get_restriction_predicate(restrictions, operation). */
export const buildRefusal = (restrictions: readonly Restriction[], operation: string | number | bigint): Refusal =>
  refusal(getRestrictionPredicate(restrictions, typeof operation === "string" ? opTag(operation) : operation));

/** {"success":false,"rejection_path":path} */
export const rejected = (...path: unknown[]): PredicateResultJson => ({ success: false, rejection_path: path });
export const SUCCESS_JSON: PredicateResultJson = { success: true, rejection_path: [] };
export const FALSE = [2, "predicate_was_false"] as const;
export const NULL_OPTIONAL = [2, "null_optional"] as const;
export const INCORRECT_VARIANT = [2, "incorrect_variant_type"] as const;
