// The callbacks and options of authority verification, mirroring the std::function parameters and flags of
// bitshares-core's verify_authority and signed_transaction::get_required_signatures (protocol/transaction.hpp).
import type { either as E } from "fp-ts";
import type { Authority, Operation } from "../../../generated/native-types.js";
import type { ChainError } from "../errors.js";

/**
 * get_active / get_owner: the authority of an account. The chain's lookups read the account object and
 * fail (Left) where bitshares-core's `id(db)` throws, e.g. for an account that does not exist; that error
 * is returned at the point the lookup is made. `undefined` plays nullptr: an authority nobody satisfies.
 */
export type AuthorityLookup = (account: string) => E.Either<ChainError, Authority | undefined>;

/**
 * rejected_predicate_map: for each custom authority whose restrictions refused the operation, the reason
 * (a predicate_result or an error), keyed by custom_authority id. Filled by the custom authority lookup.
 */
export type RejectedCustomAuthorities = Map<string, unknown>;

/**
 * custom_authority_lookup (BSIP 40): the authorities of the account's enabled, currently valid custom
 * authorities for this operation type whose restrictions accept `op`. Those whose restrictions refuse it
 * are recorded in `rejected` the way std::map::insert would (an id already present keeps its entry).
 * database::get_viable_custom_authorities never throws, so neither does this.
 */
export type CustomAuthorityLookup = (account: string, op: Operation, rejected: RejectedCustomAuthorities) => readonly Authority[];

/** A lookup for callers with no custom authorities (verify_account_authority's no-op lookup). */
export const noCustomAuthorities: CustomAuthorityLookup = () => [];

export interface AuthorityCheckOptions {
  /** allow_non_immediate_owner: an owner authority may satisfy a nested account (true after HARDFORK_CORE_584). */
  readonly allowNonImmediateOwner?: boolean;
  /** ignore_custom_operation_required_auths: false after HARDFORK_CORE_210 (MUST_IGNORE_CUSTOM_OP_REQD_AUTHS). */
  readonly ignoreCustomOperationRequiredAuths?: boolean;
  /**
   * max_recursion: how deep account authorities nest; the chain passes chain_parameters.max_authority_depth.
   * Default GRAPHENE_MAX_SIG_CHECK_DEPTH (2), the C++ default argument.
   */
  readonly maxRecursion?: number;
}

export interface VerifyAuthorityOptions extends AuthorityCheckOptions {
  /** allow_committee: only proposals (proposal_object::is_authorized_to_execute) pass true. */
  readonly allowCommittee?: boolean;
  /** active_approvals / owner_approvals of a proposal: accounts counted as approved. */
  readonly activeApprovals?: readonly string[];
  readonly ownerApprovals?: readonly string[];
}

/** A ChainError of verify_authority, with the custom authorities that refused the operations (if any), as
 *  FC_CAPTURE_AND_RETHROW( (rejected_custom_auths) ) attaches them to the exception. */
export interface AuthorityError extends ChainError {
  readonly rejectedCustomAuthorities?: ReadonlyMap<string, unknown>;
}
