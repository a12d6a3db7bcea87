// The chain's side of authority verification: account authorities and the custom authorities (BSIP 40)
// that may stand in for them (database::get_viable_custom_authorities, db_getter.cpp).
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import type { AuthorityLookup, CustomAuthorityLookup, RejectedCustomAuthorities } from "../protocol/authority/index.js";
import { OBJECT_TYPES } from "../protocol/config.js";
import { chainError } from "../protocol/errors.js";
import { getRestrictionPredicate } from "../protocol/restrictions/restriction_predicate.js";
import type { Predicate } from "../protocol/restrictions/predicate_result.js";
import type { Session } from "./session.js";
import { inst } from "./tables.js";

function accountLookup(s: Session, pick: (a: T.AccountObject) => T.Authority): AuthorityLookup {
  return (id) => {
    const a = s.find<T.AccountObject>(id);
    return a === undefined ? E.left(chainError("assert_exception", "database.object_exists", "", `Unable to find object ${id}`)) : E.right(pick(a));
  };
}

export const activeLookup = (s: Session): AuthorityLookup => accountLookup(s, (a) => a.active);
export const ownerLookup = (s: Session): AuthorityLookup => accountLookup(s, (a) => a.owner);

/** Built predicates by custom authority object; objects are immutable, so a version's predicate never changes. */
const predicates = new WeakMap<T.CustomAuthorityObject, E.Either<unknown, Predicate>>();

function predicateOf(ca: T.CustomAuthorityObject): E.Either<unknown, Predicate> {
  let p = predicates.get(ca);
  if (p === undefined) {
    p = getRestrictionPredicate(ca.restrictions.map(([, r]) => r), ca.operation_type);
    predicates.set(ca, p);
  }
  return p;
}

/** custom_authority_object::is_valid: enabled for the instant [valid_from, valid_to). */
export const customAuthorityIsValid = (ca: T.CustomAuthorityObject, now: number): boolean => ca.valid_from <= now && now < ca.valid_to;

/** get_viable_custom_authorities: the enabled, currently valid custom authorities of `account` for this
 *  operation type whose restrictions accept `op`; refusals are recorded by custom authority id. */
export function customAuthorityLookup(s: Session): CustomAuthorityLookup {
  const now = s.headBlockTime();
  return (account: string, op: T.Operation, rejected: RejectedCustomAuthorities) => {
    const out: T.Authority[] = [];
    for (const ca of s.db.withPrefix<T.CustomAuthorityObject>(1, OBJECT_TYPES.custom_authority, "by_account_custom", [inst(account), op[0], true])) {
      if (!customAuthorityIsValid(ca, now)) continue;
      const predicate = predicateOf(ca);
      const verdict = E.isLeft(predicate) ? predicate : predicate.right(op);
      if (E.isRight(verdict) && verdict.right.success) out.push(ca.auth);
      else if (!rejected.has(ca.id)) rejected.set(ca.id, E.isLeft(verdict) ? verdict.left : verdict.right);
    }
    return out;
  };
}
