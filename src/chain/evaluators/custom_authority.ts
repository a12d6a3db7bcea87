// custom_authority_create (54), custom_authority_update (55), custom_authority_delete (56): BSIP 40 custom
// active authorities, libraries/chain/custom_authority_evaluator.cpp and custom_authority_object.hpp. How
// they stand in for an account's active authority is get_viable_custom_authorities (src/chain/authority_lookup.ts);
// expired ones are removed at maintenance (src/chain/maintenance.ts).
import type * as T from "../../../generated/native-types.js";
import { OBJECT_TYPES } from "../../protocol/config.js";
import { chainError, withFieldPrefix } from "../../protocol/errors.js";
import { restrictionCount, restrictionCountOf } from "../../protocol/restrictions/restriction.js";
import { getRestrictionPredicate } from "../../protocol/restrictions/restriction_predicate.js";
import { type Evaluator, VOID_RESULT, objectIdResult } from "../evaluator.js";
import { type Gen, ensureAssert, stop } from "../gen.js";
import type { Session } from "../session.js";
import { inst } from "../tables.js";

const CUSTOM_AUTHORITY = OBJECT_TYPES.custom_authority;

/** chain_parameters::extensions.custom_authority_options: until the committee sets them no custom
 *  authority can be created. */
function* customAuthorityOptions(s: Session, name: string): Gen<T.CustomAuthorityOptionsType> {
  const options = s.params().extensions.custom_authority_options;
  if (options === undefined) {
    return yield* stop(chainError("assert_exception", `${name}.options_set`, "", "Cannot use custom authorities yet: custom_authority_options is not set"));
  }
  return options;
}

/** A new valid_to: after the head block time, and at most max_custom_authority_lifetime_seconds after it. */
function* checkValidTo(s: Session, name: string, validTo: number, field: string, options: T.CustomAuthorityOptionsType): Gen<void> {
  const now = s.headBlockTime();
  yield* ensureAssert(validTo > now, `${name}.valid_to_future`, field, () =>
    `the custom authority would expire at ${validTo}, not after the head block time ${now}`);
  yield* ensureAssert(validTo - now <= options.max_custom_authority_lifetime_seconds, `${name}.lifetime`, field, () =>
    `a lifetime of ${validTo - now} seconds exceeds max_custom_authority_lifetime_seconds ${options.max_custom_authority_lifetime_seconds}`);
}

/** Each account of the authority exists (`account_weight_pair.first(d)`). */
function* checkAuthAccounts(s: Session, auth: T.Authority, field: string): Gen<void> {
  for (const [i, [account]] of auth.account_auths.entries()) yield* s.load<T.AccountObject>(account, `${field}.account_auths[${i}][0]`);
}

/** The restrictions added to a custom authority, keyed by restriction_counter, which is a uint16_t: ids
 *  wrap after 65535 and, as flat_map::insert does, a restriction whose id is already taken is dropped. */
export function addRestrictions(
  existing: readonly [number, T.Restriction][], counter: number, added: readonly T.Restriction[],
): { restrictions: [number, T.Restriction][]; restriction_counter: number } {
  const byId = new Map(existing);
  let next = counter;
  for (const r of added) {
    if (!byId.has(next)) byId.set(next, r);
    next = (next + 1) & 0xffff;
  }
  return { restrictions: [...byId.entries()].sort((a, b) => a[0] - b[0]), restriction_counter: next };
}

/** custom_authority_create_evaluator: within the committee's limits on lifetime, restriction count and
 *  number of custom authorities per account and per account and operation type. Every operation type is
 *  hardforked in, so hardfork_visitor accepts any type validate() accepted. */
export const customAuthorityCreateEvaluator: Evaluator<T.CustomAuthorityCreateOperation, void> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    // op.account(d): the account pays the fee, so prepare_fee has already found it.
    const options = yield* customAuthorityOptions(s, "custom_authority_create");
    yield* checkValidTo(s, "custom_authority_create", op.valid_to, "valid_to", options);
    const count = restrictionCount(op.restrictions);
    yield* ensureAssert(count <= options.max_custom_authority_restrictions, "custom_authority_create.restriction_count", "restrictions", () =>
      `the custom authority has ${count} restrictions, more than max_custom_authority_restrictions ${options.max_custom_authority_restrictions}`);
    yield* checkAuthAccounts(s, op.auth, "auth");
    const opType = Number(op.operation_type);
    const perAccount = countOf(s, [inst(op.account)]);
    yield* ensureAssert(perAccount < options.max_custom_authorities_per_account, "custom_authority_create.max_per_account", "account", () =>
      `account ${op.account} already has ${perAccount} custom authorities, the maximum max_custom_authorities_per_account`);
    const perOp = countOf(s, [inst(op.account), opType]);
    yield* ensureAssert(perOp < options.max_custom_authorities_per_account_op, "custom_authority_create.max_per_account_op", "operation_type", () =>
      `account ${op.account} already has ${perOp} custom authorities for operation ${opType}, the maximum max_custom_authorities_per_account_op`);
  },
  *apply(ctx, op) {
    const { restrictions, restriction_counter } = addRestrictions([], 0, op.restrictions);
    const ca = ctx.s.create<T.CustomAuthorityObject>(1, CUSTOM_AUTHORITY, (id) => ({
      id, account: op.account, enabled: op.enabled, valid_from: op.valid_from, valid_to: op.valid_to, operation_type: op.operation_type,
      auth: op.auth, restrictions, restriction_counter,
    }));
    return objectIdResult(ca.id);
  },
};

/** The custom authorities of by_account_custom under a key prefix (account, or account and operation type,
 *  enabled or not). */
function countOf(s: Session, prefix: number[]): number {
  let n = 0;
  for (const _ of s.db.withPrefix(1, CUSTOM_AUTHORITY, "by_account_custom", prefix)) n++;
  return n;
}

/** authority::operator==: same threshold and the same weighted accounts, keys and addresses. */
const samePairs = <K>(a: readonly (readonly [K, number])[], b: readonly (readonly [K, number])[]): boolean =>
  a.length === b.length && a.every(([k, w], i) => k === b[i]![0] && w === b[i]![1]);
const sameAuthority = (a: T.Authority, b: T.Authority): boolean =>
  a.weight_threshold === b.weight_threshold && samePairs(a.account_auths, b.account_auths) &&
  samePairs(a.key_auths, b.key_auths) && samePairs(a.address_auths, b.address_auths);

/** custom_authority_update_evaluator: the account's own custom authority; each field given must change it;
 *  the resulting validity period must be non-empty; restrictions removed must exist; the restrictions kept
 *  and added must stay within max_custom_authority_restrictions and those added must form a predicate for
 *  the authority's operation type. */
export const customAuthorityUpdateEvaluator: Evaluator<T.CustomAuthorityUpdateOperation, T.CustomAuthorityObject> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const N = "custom_authority_update";
    const old = yield* s.load<T.CustomAuthorityObject>(op.authority_to_update, "authority_to_update");
    yield* ensureAssert(old.account === op.account, `${N}.same_account`, "account", () =>
      `custom authority ${old.id} belongs to ${old.account}, not ${op.account}`);
    if (op.new_enabled !== undefined) {
      yield* ensureAssert(op.new_enabled !== old.enabled, `${N}.enabled_changes`, "new_enabled", () =>
        `new_enabled is ${op.new_enabled}, which custom authority ${old.id} already is`);
    }
    // bitshares-core reads the options without checking them (undefined behaviour when unset); btsref
    // refuses, as custom_authority_create does.
    const options = yield* customAuthorityOptions(s, N);
    let validFrom = old.valid_from;
    let validTo = old.valid_to;
    if (op.new_valid_from !== undefined) {
      yield* ensureAssert(op.new_valid_from !== old.valid_from, `${N}.valid_from_changes`, "new_valid_from", () =>
        `new_valid_from ${op.new_valid_from} is already the valid_from of custom authority ${old.id}`);
      validFrom = op.new_valid_from;
    }
    if (op.new_valid_to !== undefined) {
      yield* ensureAssert(op.new_valid_to !== old.valid_to, `${N}.valid_to_changes`, "new_valid_to", () =>
        `new_valid_to ${op.new_valid_to} is already the valid_to of custom authority ${old.id}`);
      yield* checkValidTo(s, N, op.new_valid_to, "new_valid_to", options);
      validTo = op.new_valid_to;
    }
    yield* ensureAssert(validFrom < validTo, `${N}.valid_from_before_valid_to`, op.new_valid_to !== undefined ? "new_valid_to" : "new_valid_from", () =>
      `the custom authority would be valid from ${validFrom}, not before it expires at ${validTo}`);
    if (op.new_auth !== undefined) {
      yield* ensureAssert(!sameAuthority(op.new_auth, old.auth), `${N}.auth_changes`, "new_auth", () =>
        `new_auth is already the authority of custom authority ${old.id}`);
      yield* checkAuthAccounts(s, op.new_auth, "new_auth");
    }
    const ids = new Set(old.restrictions.map(([id]) => id));
    for (const [i, id] of op.restrictions_to_remove.entries()) {
      yield* ensureAssert(ids.has(id), `${N}.restriction_exists`, `restrictions_to_remove[${i}]`, () =>
        `custom authority ${old.id} has no restriction with id ${id}`);
    }
    // The "restriction counter overlaps" and "wraparound" asserts cannot fail: ids are always below the
    // counter, and counter + size is computed in size_t.
    const removed = new Set(op.restrictions_to_remove);
    const kept = old.restrictions.reduce((n, [id, r]) => (removed.has(id) ? n : n + restrictionCountOf(r)), 0);
    const count = kept + restrictionCount(op.restrictions_to_add);
    yield* ensureAssert(count <= options.max_custom_authority_restrictions, `${N}.restriction_count`, "restrictions_to_add", () =>
      `the updated custom authority would have ${count} restrictions, more than max_custom_authority_restrictions ${options.max_custom_authority_restrictions}`);
    const predicate = getRestrictionPredicate(op.restrictions_to_add, old.operation_type);
    if (predicate._tag === "Left") yield* stop(withFieldPrefix(predicate.left, "restrictions_to_add"));
    return old;
  },
  *apply(ctx, op) {
    ctx.s.modify<T.CustomAuthorityObject>(op.authority_to_update, (ca) => {
      const removed = new Set(op.restrictions_to_remove);
      const kept = ca.restrictions.filter(([id]) => !removed.has(id));
      return {
        ...ca,
        ...(op.new_enabled === undefined ? {} : { enabled: op.new_enabled }),
        ...(op.new_valid_from === undefined ? {} : { valid_from: op.new_valid_from }),
        ...(op.new_valid_to === undefined ? {} : { valid_to: op.new_valid_to }),
        ...(op.new_auth === undefined ? {} : { auth: op.new_auth }),
        ...addRestrictions(kept, ca.restriction_counter, op.restrictions_to_add),
      };
    });
    return VOID_RESULT;
  },
};

/** custom_authority_delete_evaluator: an account removes one of its own custom authorities. */
export const customAuthorityDeleteEvaluator: Evaluator<T.CustomAuthorityDeleteOperation, void> = {
  *evaluate(ctx, op) {
    const old = yield* ctx.s.load<T.CustomAuthorityObject>(op.authority_to_delete, "authority_to_delete");
    yield* ensureAssert(old.account === op.account, "custom_authority_delete.same_account", "account", () =>
      `custom authority ${old.id} belongs to ${old.account}, not ${op.account}`);
  },
  *apply(ctx, op) {
    ctx.s.remove(op.authority_to_delete);
    return VOID_RESULT;
  },
};

export const CUSTOM_AUTHORITY_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [
  [54, customAuthorityCreateEvaluator],
  [55, customAuthorityUpdateEvaluator],
  [56, customAuthorityDeleteEvaluator],
];
