// signed_transaction::get_required_signatures and minimize_required_signatures (protocol/transaction.cpp),
// and the key collection of database_api's get_potential_signatures / get_potential_address_signatures
// (app/database_api.cpp).
import { either as E } from "fp-ts";
import type { Authority, Operation } from "../../../generated/native-types.js";
import { MAX_SIG_CHECK_DEPTH } from "../config.js";
import type { ChainError } from "../errors.js";
import { addressSet, keySet } from "./ordering.js";
import { getTransactionRequiredAuthorities } from "./required-authorities.js";
import { catchLookupFailure, SignState } from "./sign-state.js";
import type { AuthorityCheckOptions, AuthorityLookup, CustomAuthorityLookup } from "./types.js";
import { verifyAuthority } from "./verify-authority.js";

/**
 * get_required_signatures: of `availableKeys`, those the checks of the transaction's required authorities
 * (other, then owner, then active with the owner accounts taken out) would use, given the keys that
 * already signed (`signatureKeys`, which are never returned). Every check runs, satisfied or not, so the
 * result may hold keys of authorities that stay unsatisfied and is not always minimal. Sorted as
 * std::set<public_key_type> (by address). No custom authorities take part.
 */
export function getRequiredSignatures(
  operations: readonly Operation[],
  signatureKeys: readonly string[],
  availableKeys: readonly string[],
  getActive: AuthorityLookup,
  getOwner: AuthorityLookup,
  options: AuthorityCheckOptions = {},
): E.Either<ChainError, string[]> {
  return catchLookupFailure(() => {
    const required = getTransactionRequiredAuthorities(operations, options.ignoreCustomOperationRequiredAuths ?? false);
    const available = new Set(availableKeys);
    const s = new SignState(signatureKeys, getActive, getOwner, options.allowNonImmediateOwner ?? true,
      options.maxRecursion ?? MAX_SIG_CHECK_DEPTH, available);
    for (const auth of required.other) s.checkAuthority(auth);
    for (const id of required.owner) s.checkAuthority(s.owner(id));
    for (const id of required.active) s.checkAccount(id) || s.checkAuthority(s.owner(id));
    s.removeUnusedSignatures();
    const signed = new Set(signatureKeys);
    return E.right(keySet([...s.provided.keys()].filter((k) => available.has(k) && !signed.has(k))));
  });
}

/** Wraps the lookups so that every authority they return reports its keys and addresses to `seen`. */
function recording(getActive: AuthorityLookup, getOwner: AuthorityLookup, seen: (auth: Authority) => void): [AuthorityLookup, AuthorityLookup] {
  const wrap = (lookup: AuthorityLookup): AuthorityLookup => (id) => {
    const r = lookup(id);
    if (E.isRight(r) && r.right !== undefined) seen(r.right);
    return r;
  };
  return [wrap(getActive), wrap(getOwner)];
}

/**
 * database_api::get_potential_signatures: the keys of every active and owner authority that
 * get_required_signatures looks up with no keys available (so every reachable authority, up to the depth
 * limit, short of those already satisfied by `signatureKeys`), plus the keys of the other authorities.
 */
export function getPotentialSignatures(
  operations: readonly Operation[],
  signatureKeys: readonly string[],
  getActive: AuthorityLookup,
  getOwner: AuthorityLookup,
  options: AuthorityCheckOptions = {},
): E.Either<ChainError, string[]> {
  const keys: string[] = [];
  const [active, owner] = recording(getActive, getOwner, (auth) => auth.key_auths.forEach(([k]) => keys.push(k)));
  const run = getRequiredSignatures(operations, signatureKeys, [], active, owner, options);
  if (E.isLeft(run)) return run;
  for (const auth of getTransactionRequiredAuthorities(operations, options.ignoreCustomOperationRequiredAuths ?? false).other)
    for (const [k] of auth.key_auths) keys.push(k);
  return E.right(keySet(keys));
}

/**
 * database_api::get_potential_address_signatures: the addresses of the active and owner authorities
 * get_required_signatures looks up with no keys available (not those of the other authorities). Sorted
 * as std::set<address> (bytewise).
 */
export function getPotentialAddressSignatures(
  operations: readonly Operation[],
  signatureKeys: readonly string[],
  getActive: AuthorityLookup,
  getOwner: AuthorityLookup,
  options: AuthorityCheckOptions = {},
): E.Either<ChainError, string[]> {
  const addresses: string[] = [];
  const [active, owner] = recording(getActive, getOwner, (auth) => auth.address_auths.forEach(([a]) => addresses.push(a)));
  const run = getRequiredSignatures(operations, signatureKeys, [], active, owner, options);
  return E.isLeft(run) ? run : E.right(addressSet(addresses));
}

const MISSING = new Set(["tx_missing_owner_auth", "tx_missing_active_auth", "tx_missing_other_auth"]);

/**
 * minimize_required_signatures: starting from get_required_signatures, drops each key in turn (by address
 * order) when verify_authority still passes with the remaining keys alone (not the transaction's existing
 * signatures; custom authorities take part, the committee is not allowed). A missing-authority failure puts
 * the key back; any other failure (tx_irrelevant_sig, invalid_committee_approval, a lookup) is returned.
 */
export function minimizeRequiredSignatures(
  operations: readonly Operation[],
  signatureKeys: readonly string[],
  availableKeys: readonly string[],
  getActive: AuthorityLookup,
  getOwner: AuthorityLookup,
  getCustomAuthorities: CustomAuthorityLookup,
  options: AuthorityCheckOptions = {},
): E.Either<ChainError, string[]> {
  const required = getRequiredSignatures(operations, signatureKeys, availableKeys, getActive, getOwner, options);
  if (E.isLeft(required)) return required;
  let result = required.right;
  for (const k of required.right) {
    const without = result.filter((x) => x !== k);
    const v = verifyAuthority(operations, without, getActive, getOwner, getCustomAuthorities, {
      allowNonImmediateOwner: options.allowNonImmediateOwner ?? true,
      ignoreCustomOperationRequiredAuths: options.ignoreCustomOperationRequiredAuths ?? false,
      maxRecursion: options.maxRecursion ?? MAX_SIG_CHECK_DEPTH,
    });
    if (E.isRight(v)) result = without;
    else if (!MISSING.has(v.left.exception)) return v;
  }
  return E.right(result);
}
