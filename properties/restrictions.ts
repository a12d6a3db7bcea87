// Arbitraries steered towards interesting BSIP 40 restrictions: member indices of the operation's own
// fields (and a few past them), functions 0..12 with arguments mostly of the field's own type, attribute
// assertions into struct members, and operations drawn from small pools of ids, keys and strings so that
// equality and membership restrictions are met as often as refused.
import fc from "fast-check";
import { TABLES } from "../generated/codec-tables.js";
import { toJson, type Json } from "../src/codec/index.js";
import type { TypeRef } from "../src/codec/table.js";
import { cppType, elementType, reflectedMembers, sameType, type CppType } from "../src/protocol/restrictions/cpp_types.js";
import { ARG, FUNC, FUNCTION_TYPE_COUNT } from "../src/protocol/restrictions/restriction.js";
import { type Constraints, anyValue, arbitraryFor, publicKeyPool } from "./arbitraries.js";

const ARGUMENT_TYPES = (TABLES["restriction::argument_type"] as { readonly alternatives: readonly TypeRef[] }).alternatives;
/** restriction::argument_type tags before the restriction lists hold values. */
const VALUE_TAGS = ARG.restriction_list;

/** Small pools: ids up to instance 3, four keys, short strings. */
const POOLED: Constraints = { ...anyValue(publicKeyPool(4)), maxInstance: 3n, string: fc.constantFrom("", "a", "alice", "BTS") };

const json = (type: string, v: unknown): Json => {
  const r = toJson(type, v);
  if (r._tag === "Left") throw new Error(`${type}: ${r.left.message}`);
  return r.right;
};

/** Argument tags whose type is the field's type, or its element type for containers. */
function matchingTags(field: CppType): number[] {
  const inner = field.k === "optional" ? field.inner : field;
  const element = elementType(inner);
  const out: number[] = [];
  for (let tag = 0; tag < VALUE_TAGS; tag++) {
    const t = cppType(ARGUMENT_TYPES[tag]!);
    const item = elementType(t);
    if (sameType(t, inner) || (element !== undefined && item !== undefined && sameType(item, element)) || (inner.k === "int" && t.k === "int")) out.push(tag);
  }
  return out;
}

/** An argument_type value with the given tag, as JSON. */
function argumentOf(tag: number): fc.Arbitrary<Json> {
  const c: Constraints = { ...POOLED, tags: (name, count) => (name === "restriction::argument_type" ? [tag] : Array.from({ length: count }, (_, i) => i)) };
  return arbitraryFor("restriction::argument_type", c).map((v) => json("restriction::argument_type", v));
}

const anyArgument = fc.integer({ min: 0, max: VALUE_TAGS - 1 }).chain(argumentOf);

/** Restrictions on the members of a reflected type; `depth` bounds attribute assertions. */
function restrictionsOn(type: CppType, maxLength: number, depth: number): fc.Arbitrary<Json[]> {
  const members = reflectedMembers(type);
  const one: fc.Arbitrary<Json> = fc.integer({ min: 0, max: members.length + 1 }).chain((index) => {
    const member = members[index];
    const func = fc.integer({ min: 0, max: FUNCTION_TYPE_COUNT - 1 });
    const tags = member === undefined ? [] : matchingTags(member.type);
    const argument = tags.length === 0 ? anyArgument : fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...tags).chain(argumentOf) }, { weight: 1, arbitrary: anyArgument });
    const plain = fc.record({ member_index: fc.constant(index), restriction_type: func, argument, extensions: fc.constant([]) });
    const nested = member !== undefined && depth > 0 && reflectedMembers(member.type).length > 0
      ? restrictionsOn(member.type, maxLength, depth - 1).map((list) => ({ member_index: index, restriction_type: FUNC.attr, argument: [ARG.restriction_list, list], extensions: [] }))
      : undefined;
    return (nested === undefined ? plain : fc.oneof(plain, nested)) as fc.Arbitrary<Json>;
  });
  return fc.array(one, { minLength: 0, maxLength });
}

/** Restriction lists (JSON) for an operation type, steered towards its own members. */
export function restrictionsArb(operation: string, maxLength = 3): fc.Arbitrary<Json[]> {
  return restrictionsOn({ k: "struct", name: operation }, maxLength, 2);
}

/** In-memory operation values of a type, drawn from the small pools the steered arguments use. */
export function operationArb(operation: string): fc.Arbitrary<unknown> {
  return arbitraryFor(operation, POOLED);
}
