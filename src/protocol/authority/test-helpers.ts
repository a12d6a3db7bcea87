// Shared fixtures of the authority tests: keys from seeds, authorities and operations built through the
// codec (so their flat_maps are ordered by the codec, independently of ordering.ts), and an in-memory
// account table standing in for the database's get_active / get_owner.
import { either as E } from "fp-ts";
import type { Authority, Operation } from "../../../generated/native-types.js";
import { fromJson, toJson, type Json } from "../../codec/index.js";
import { bytesToHex, hexToBytes } from "../../codec/hex.js";
import { sha256 } from "../../crypto/hash.js";
import { formatPublicKey } from "../../crypto/key-format.js";
import { publicKeyOf } from "../../crypto/keys.js";
import { chainError, type ChainError } from "../errors.js";
import type { AuthorityLookup } from "./types.js";

/** The private key sha256(seed) (fc::ecc::private_key::regenerate(fc::sha256::hash(seed))). */
export const secret = (seed: string): Uint8Array => sha256(new TextEncoder().encode(seed));

/** The public key (hex) of the private key sha256(seed). */
export function pub(seed: string): string {
  const k = publicKeyOf(secret(seed));
  if (E.isLeft(k)) throw new Error(k.left.message);
  return bytesToHex(k.right);
}

export const bts = (key: string): string => formatPublicKey(hexToBytes(key), "BTS");

function decoded<T>(type: string, json: Json): T {
  const r = fromJson(type, json);
  if (E.isLeft(r)) throw new Error(`${type}: ${r.left.message}`);
  return r.right as T;
}

/** authority(threshold, ...): entries are [public key hex | account id, weight]. */
export function auth(threshold: number, ...entries: readonly (readonly [string, number])[]): Authority {
  const keys = entries.filter(([k]) => !k.startsWith("1.2.")).map(([k, w]) => [bts(k), w]);
  const accounts = entries.filter(([k]) => k.startsWith("1.2.")).map(([k, w]) => [k, w]);
  return decoded("authority", { weight_threshold: threshold, account_auths: accounts, key_auths: keys, address_auths: [] } as unknown as Json);
}

/** The JSON of an authority, to put one into an operation's JSON. */
export function authJson(a: Authority): Json {
  const r = toJson("authority", a);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

/** An operation from its tag and (partial) JSON fields; the rest take their defaults. */
export const op = (tag: number, fields: Record<string, unknown>): Operation => decoded("operation", [tag, fields] as unknown as Json);

export const transfer = (from: string, to = "1.2.999"): Operation => op(0, { from, to, amount: { amount: 1, asset_id: "1.3.0" } });

export interface Account {
  readonly active: Authority;
  readonly owner: Authority;
}

/** get_active / get_owner over a table of accounts; an unknown account fails as `id(db)` does. */
export function lookups(accounts: Readonly<Record<string, Account>>): { getActive: AuthorityLookup; getOwner: AuthorityLookup } {
  const find = (id: string): E.Either<ChainError, Account> => {
    const a = accounts[id];
    return a === undefined ? E.left(chainError("assert_exception", "database.object_exists", "", `Unable to find object ${id}`)) : E.right(a);
  };
  return {
    getActive: (id) => E.map((a: Account) => a.active)(find(id)),
    getOwner: (id) => E.map((a: Account) => a.owner)(find(id)),
  };
}

/** An account whose active and owner authority are both `a` (the tests' set_auth). */
export const same = (a: Authority): Account => ({ active: a, owner: a });

export function ok<T>(r: E.Either<ChainError, T>): T {
  if (E.isLeft(r)) throw new Error(`unexpected refusal ${r.left.exception} ${r.left.rule} at ${r.left.field}: ${r.left.message}`);
  return r.right;
}

export function err<T>(r: E.Either<ChainError, T>): Pick<ChainError, "exception" | "rule" | "field"> {
  if (E.isRight(r)) throw new Error("expected a refusal");
  return { exception: r.left.exception, rule: r.left.rule, field: r.left.field };
}
