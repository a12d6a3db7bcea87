// restriction.hpp / restriction.cpp: the restriction of BSIP 40 custom active authorities, its function
// types, the tags of its argument variant, and restriction::restriction_count.
import type { Restriction } from "../../../generated/native-types.js";

/** restriction::function_type, in declaration order (the value stored in restriction_type). */
export const FUNC = {
  eq: 0,
  ne: 1,
  lt: 2,
  le: 3,
  gt: 4,
  ge: 5,
  in: 6,
  not_in: 7,
  has_all: 8,
  has_none: 9,
  attr: 10,
  logical_or: 11,
  variant_assert: 12,
} as const;

/** FUNCTION_TYPE_COUNT: the first value that names no function. */
export const FUNCTION_TYPE_COUNT = 13;

export type FunctionName = keyof typeof FUNC;

/** The name of a function type, or undefined past func_variant_assert. */
export function functionName(f: number): FunctionName | undefined {
  return (Object.keys(FUNC) as FunctionName[]).find((k) => FUNC[k] === f);
}

/** Tags of restriction::argument_type (GRAPHENE_OP_RESTRICTION_ARGUMENTS_VARIADIC) that the predicate
 *  builder treats specially. */
export const ARG = {
  void_t: 0,
  bool: 1,
  int64_t: 2,
  string: 3,
  time_point_sec: 4,
  public_key_type: 5,
  sha256: 6,
  /** 7..19: the object id types, account_id_type .. balance_id_type. */
  first_id: 7,
  last_id: 19,
  /** 20..38: flat_set of each of the 19 types bool .. balance_id_type. */
  first_set: 20,
  last_set: 38,
  restriction_list: 39,
  restriction_lists: 40,
  variant_assert: 41,
} as const;

/** restriction::restriction_count(): 1 for the restriction itself plus the restrictions nested in an
 *  attribute list, in every branch of a logical OR, or in a variant assertion. */
export function restrictionCountOf(r: Restriction): number {
  const [tag, value] = r.argument;
  if (tag === ARG.restriction_list) return 1 + restrictionCount(value);
  if (tag === ARG.restriction_lists) return 1 + value.reduce((n, branch) => n + restrictionCount(branch), 0);
  if (tag === ARG.variant_assert) return 1 + restrictionCount(value[1]);
  return 1;
}

/** restriction::restriction_count(const vector<restriction>&): what the chain bounds by
 *  custom_authority_options_type::max_custom_authority_restrictions. */
export function restrictionCount(restrictions: readonly Restriction[]): number {
  return restrictions.reduce((n, r) => n + restrictionCountOf(r), 0);
}
