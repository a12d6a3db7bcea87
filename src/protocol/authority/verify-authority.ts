// verify_authority (protocol/transaction.cpp): whether signing keys (and, for a proposal, the approvals it
// has collected) satisfy every authority the operations require, and use every key. The checks run in the
// C++ order, so that of several faults the same one is reported:
//   1. per operation, per required active account (sorted): a viable custom authority (BSIP 40) satisfied
//      by the keys takes the account off the list for that operation;
//   2. the committee account among the remaining active accounts -> invalid_committee_approval
//      (unless allow_committee);
//   3. each other authority, in operation order -> tx_missing_other_auth;
//   4. each required owner (sorted): an owner approval or the owner authority -> tx_missing_owner_auth;
//   5. each remaining active account (sorted): approved, or its active authority, or its owner (directly,
//      and nested if allow_non_immediate_owner) -> tx_missing_active_auth;
//   6. a signing key no check used -> tx_irrelevant_sig.
// A failing account lookup is reported where it happens.
import { either as E } from "fp-ts";
import type { Authority, Operation } from "../../../generated/native-types.js";
import { COMMITTEE_ACCOUNT, MAX_SIG_CHECK_DEPTH } from "../config.js";
import { fail, OK, type ChainError } from "../errors.js";
import { accountSet, compareObjectIds } from "./ordering.js";
import { operationRequirements } from "./required-authorities.js";
import { catchLookupFailure, SignState } from "./sign-state.js";
import type { AuthorityError, AuthorityLookup, CustomAuthorityLookup, RejectedCustomAuthorities, VerifyAuthorityOptions } from "./types.js";

const opField = (i: number, field: string): string => (field === "" ? `operations[${i}][1]` : `operations[${i}][1].${field}`);

/**
 * verify_authority(ops, sigs, get_active, get_owner, get_custom, allow_non_immediate_owner,
 * ignore_custom_operation_required_auths, max_recursion, allow_committee, active_approvals, owner_approvals).
 *
 * `signingKeys` are the keys that signed (public keys, hex), in signature order as signatureKeys returns
 * them; a tx_irrelevant_sig names `signatures[i]` of the first unused one in that order. Fields of the
 * missing-authority errors name the first operation field requiring the account or authority. Options
 * default to the post-hardfork values: allowNonImmediateOwner true, ignoreCustomOperationRequiredAuths
 * false, maxRecursion GRAPHENE_MAX_SIG_CHECK_DEPTH, allowCommittee false, no approvals.
 */
export function verifyAuthority(
  operations: readonly Operation[],
  signingKeys: readonly string[],
  getActive: AuthorityLookup,
  getOwner: AuthorityLookup,
  getCustomAuthorities: CustomAuthorityLookup,
  options: VerifyAuthorityOptions = {},
): E.Either<AuthorityError, void> {
  const rejected: RejectedCustomAuthorities = new Map();
  const result = catchLookupFailure(() => check(operations, signingKeys, getActive, getOwner, getCustomAuthorities, options, rejected));
  if (E.isRight(result)) return result;
  // FC_CAPTURE_AND_RETHROW( (rejected_custom_auths)(ops)(sigs) ): every failure carries the map, empty or not.
  const ids = [...rejected.keys()].sort(compareObjectIds).join(", ");
  const message = rejected.size === 0 ? result.left.message : `${result.left.message} (custom authorities that refused: ${ids})`;
  return E.left({ ...result.left, message, rejectedCustomAuthorities: rejected });
}

function check(
  operations: readonly Operation[],
  signingKeys: readonly string[],
  getActive: AuthorityLookup,
  getOwner: AuthorityLookup,
  getCustom: CustomAuthorityLookup,
  options: VerifyAuthorityOptions,
  rejected: RejectedCustomAuthorities,
): E.Either<ChainError, void> {
  const allowNonImmediateOwner = options.allowNonImmediateOwner ?? true;
  const ignoreCustom = options.ignoreCustomOperationRequiredAuths ?? false;
  const maxRecursion = options.maxRecursion ?? MAX_SIG_CHECK_DEPTH;
  const ownerApprovals = new Set(options.ownerApprovals ?? []);

  const s = new SignState(signingKeys, getActive, getOwner, allowNonImmediateOwner, maxRecursion);
  for (const id of options.activeApprovals ?? []) s.approvedBy.add(id);
  for (const id of ownerApprovals) s.approvedBy.add(id);

  // The field each account or authority is first required by, for error reports.
  const requiredActive = new Map<string, string>();
  const requiredOwner = new Map<string, string>();
  const other: { auth: Authority; field: string }[] = [];

  operations.forEach((op, i) => {
    const r = operationRequirements(op, ignoreCustom);
    for (const x of r.owner) if (!requiredOwner.has(x.value)) requiredOwner.set(x.value, opField(i, x.field));
    for (const x of r.other) other.push({ auth: x.value, field: opField(i, x.field) });
    const fields = new Map<string, string>();
    for (const x of r.active) if (!fields.has(x.value)) fields.set(x.value, opField(i, x.field));
    for (const account of accountSet(fields.keys())) {
      // approved_by_custom_authority: any viable custom authority of the account for this operation
      const viable = getCustom(account, op, rejected);
      if (viable.some((auth) => s.checkAuthority(auth))) continue;
      if (!requiredActive.has(account)) requiredActive.set(account, fields.get(account)!);
    }
  });

  if (!(options.allowCommittee ?? false) && requiredActive.has(COMMITTEE_ACCOUNT))
    return fail("invalid_committee_approval", "verify_authority.committee_approval", requiredActive.get(COMMITTEE_ACCOUNT)!,
      `the committee account ${COMMITTEE_ACCOUNT} may only approve through a proposal`);

  for (const { auth, field } of other)
    if (!s.checkAuthority(auth))
      return fail("tx_missing_other_auth", "verify_authority.missing_other_auth", field, "the signing keys do not satisfy an authority the operations require");

  for (const id of accountSet(requiredOwner.keys()))
    if (!(ownerApprovals.has(id) || s.checkAuthority(s.owner(id))))
      return fail("tx_missing_owner_auth", "verify_authority.missing_owner_auth", requiredOwner.get(id)!, `missing the owner authority of account ${id}`);

  for (const id of accountSet(requiredActive.keys()))
    if (!(s.checkAccount(id) || s.checkAuthority(s.owner(id))))
      return fail("tx_missing_active_auth", "verify_authority.missing_active_auth", requiredActive.get(id)!, `missing the active authority of account ${id}`);

  const unused = new Set(s.removeUnusedSignatures());
  if (unused.size > 0) {
    const index = signingKeys.findIndex((k) => unused.has(k));
    return fail("tx_irrelevant_sig", "verify_authority.irrelevant_signature", `signatures[${index}]`,
      `unnecessary signature(s): no required authority uses the key(s) ${[...unused].join(", ")}`);
  }
  return OK;
}
