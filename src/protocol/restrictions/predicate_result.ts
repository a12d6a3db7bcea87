// restriction_predicate.hpp: predicate_result, what a restriction predicate says about an operation, and
// the JSON bitshares-core emits for it (in tx_missing_*_auth errors and get_viable_custom_authorities).
import type { either as E } from "fp-ts";
import type { Operation } from "../../../generated/native-types.js";
import type { ChainError } from "../errors.js";

/** predicate_result::rejection_reason, by its reflected name. */
export type RejectionReason = "predicate_was_false" | "null_optional" | "incorrect_variant_type";

/** predicate_result::rejection_indicator = static_variant<size_t, vector<predicate_result>, rejection_reason>,
 *  as [tag, value]: [0, index of the failing restriction in its list], [1, the failed branches of a logical
 *  OR], [2, the reason at the innermost restriction]. */
export type RejectionIndicator =
  | readonly [0, number]
  | readonly [1, readonly PredicateResult[]]
  | readonly [2, RejectionReason];

/** predicate_result: on failure, the path from the outermost restriction list to the rejection (the order
 *  get_restriction_predicate leaves it in after predicate_result::reverse_path). Empty on success. */
export interface PredicateResult {
  readonly success: boolean;
  readonly rejection_path: readonly RejectionIndicator[];
}

/**
 * restriction_predicate_function: evaluates an operation against the restrictions it was built from.
 * Left when bitshares-core does not return a predicate_result: the operation has another tag than the
 * predicate was built for (fc::assert_exception), or the evaluation reaches a comparison of a present
 * optional field, where bitshares-core 7.0 recurses without end (see predicates.ts).
 */
export type Predicate = (op: Operation) => E.Either<ChainError, PredicateResult>;

export const SUCCESS: PredicateResult = { success: true, rejection_path: [] };

/** predicate_result::Rejection(reason). */
export function rejection(reason: RejectionReason): PredicateResult {
  return { success: false, rejection_path: [[2, reason]] };
}

/** predicate_result::Rejection(branches), the failure of a logical OR. */
export function orRejection(branches: readonly PredicateResult[]): PredicateResult {
  return { success: false, rejection_path: [[1, branches]] };
}

/** A failure at restriction `index` of a list: the index goes in front of the path below it. */
export function atIndex(index: number, inner: PredicateResult): PredicateResult {
  return { success: false, rejection_path: [[0, index], ...inner.rejection_path] };
}

export type PredicateResultJson = { success: boolean; rejection_path: unknown[] };

/** fc's to_variant of predicate_result: {"success":false,"rejection_path":[[0,0],[2,"predicate_was_false"]]}. */
export function predicateResultToJson(r: PredicateResult): PredicateResultJson {
  return {
    success: r.success,
    rejection_path: r.rejection_path.map((i) => (i[0] === 1 ? [1, i[1].map(predicateResultToJson)] : [i[0], i[1]])),
  };
}
