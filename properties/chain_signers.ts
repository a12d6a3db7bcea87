// Who signs a transaction of the property world, and when leaving a key out must make it fail.
//
// Signers come from the chain's own get_required_signatures over the world's key pool: the keys are drawn
// from the state (account authorities change during a run), so the world keeps no model of them. Whether a
// key set is "definitely not enough" is decided here independently of src/protocol/authority, by an upper
// bound: every address authority and every nested account authority is counted as satisfied (up to any
// depth), and an account with a custom authority (BSIP 40) may always be satisfied. If even that bound stays
// under a required threshold, bitshares-core's verify_authority must refuse (transaction.cpp).
import { either as E } from "fp-ts";
import type * as T from "../generated/native-types.js";
import { activeLookup, ownerLookup } from "../src/chain/authority_lookup.js";
import { Session } from "../src/chain/session.js";
import { inst } from "../src/chain/tables.js";
import type { Database } from "../src/db/database.js";
import { getRequiredSignatures, getTransactionRequiredAuthorities } from "../src/protocol/authority/index.js";
import { OBJECT_TYPES } from "../src/protocol/config.js";
import { publicKeyOfSeed } from "../src/scenario/fixture.js";

/** The seeds of every key in the world: init0..init9 share "null_key"; actors and spare keys have their own. */
export const KEY_SEEDS: readonly string[] = ["null_key", "alice", "bob", "carol", "dan", "k0", "k1", "k2", "k3"];
export const KEYS: readonly string[] = KEY_SEEDS.map(publicKeyOfSeed);
const SEED_OF_KEY: ReadonlyMap<string, string> = new Map(KEYS.map((k, i) => [k, KEY_SEEDS[i]!]));

export const seedOf = (key: string): string => {
  const s = SEED_OF_KEY.get(key);
  if (s === undefined) throw new Error(`key ${key} is not in the world's pool`);
  return s;
};

/** get_required_signatures with every world key available: the keys to sign `operations` with, or
 *  undefined when an authority cannot be looked up (a missing account). */
export function requiredKeys(db: Database, operations: readonly T.Operation[]): string[] | undefined {
  const s = new Session(db);
  const r = getRequiredSignatures(operations, [], KEYS, activeLookup(s), ownerLookup(s), {
    allowNonImmediateOwner: true, maxRecursion: s.params().max_authority_depth,
  });
  return E.isRight(r) ? r.right : undefined;
}

/** Depth past which nested account authorities are counted as satisfied (keeps cycles finite). */
const BOUND_DEPTH = 6;

/** True when `keys` cannot satisfy some authority the operations require, whatever the chain's details. */
export function definitelyUnsatisfied(db: Database, operations: readonly T.Operation[], keys: readonly string[]): boolean {
  const signed = new Set(keys);
  const account = (id: string): T.AccountObject | undefined => db.find<T.AccountObject>(id);
  const mayAuthority = (a: T.Authority, depth: number): boolean => {
    let weight = 0;
    for (const [k, w] of a.key_auths) if (signed.has(k)) weight += w;
    for (const [, w] of a.address_auths) weight += w;
    for (const [id, w] of a.account_auths) if (depth >= BOUND_DEPTH || mayAccount(id, depth + 1)) weight += w;
    return weight >= a.weight_threshold;
  };
  const mayAccount = (id: string, depth: number): boolean => {
    const a = account(id);
    return a === undefined || mayAuthority(a.active, depth) || mayAuthority(a.owner, depth);
  };
  const hasCustomAuthority = (id: string): boolean =>
    !db.withPrefix(1, OBJECT_TYPES.custom_authority, "by_account_custom", [inst(id)]).next().done;
  let required;
  try {
    required = getTransactionRequiredAuthorities(operations);
  } catch {
    return false;
  }
  if (required.other.some((a) => !mayAuthority(a, 0))) return true;
  for (const id of required.owner) {
    const a = account(id);
    if (a !== undefined && !mayAuthority(a.owner, 0)) return true;
  }
  for (const id of required.active) {
    const a = account(id);
    if (a !== undefined && !mayAuthority(a.active, 0) && !mayAuthority(a.owner, 0) && !hasCustomAuthority(id)) return true;
  }
  return false;
}

/** The refusals verify_authority gives for a missing signature. */
export const MISSING_AUTH_EXCEPTIONS: readonly string[] = ["tx_missing_active_auth", "tx_missing_owner_auth", "tx_missing_other_auth"];
