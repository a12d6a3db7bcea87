// The orders of bitshares-core's containers of accounts, keys and addresses, which decide the order in
// which sign_state examines authorities and hence which signatures it marks as used.
//   account_id_type: by instance (object_id.hpp)
//   public_key_type: by address, ripemd160(sha512(key)) (types.cpp operator<)
//   address:         bytewise (fc::ripemd160 operator<)
import { bytesToHex, hexToBytes } from "../../codec/hex.js";
import { addressOf } from "../../crypto/keys.js";

const addressCache = new Map<string, string>();

/** The graphene address (hex) of a public key (hex), cached: keys recur across authorities. */
export function keyAddress(key: string): string {
  let a = addressCache.get(key);
  if (a === undefined) {
    a = bytesToHex(addressOf(hexToBytes(key)));
    if (addressCache.size > 100_000) addressCache.clear();
    addressCache.set(key, a);
  }
  return a;
}

const instanceOf = (id: string): bigint => {
  const dot = id.lastIndexOf(".");
  try {
    return BigInt(id.slice(dot + 1));
  } catch {
    return -1n;
  }
};

export function compareObjectIds(a: string, b: string): number {
  if (a === b) return 0;
  const x = instanceOf(a);
  const y = instanceOf(b);
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** public_key_type's operator<: the addresses compared bytewise (lowercase hex compares the same way). */
export function comparePublicKeys(a: string, b: string): number {
  if (a === b) return 0;
  const x = keyAddress(a);
  const y = keyAddress(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const compareAddresses = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A flat_set of the values: sorted by `compare`, the first of equal values kept. */
export function sortedUnique(values: Iterable<string>, compare: (a: string, b: string) => number): string[] {
  const sorted = [...values].sort(compare);
  const out: string[] = [];
  for (const v of sorted) if (out.length === 0 || compare(out[out.length - 1]!, v) !== 0) out.push(v);
  return out;
}

export const accountSet = (ids: Iterable<string>): string[] => sortedUnique(ids, compareObjectIds);
export const keySet = (keys: Iterable<string>): string[] => sortedUnique(keys, comparePublicKeys);
export const addressSet = (addresses: Iterable<string>): string[] => sortedUnique(addresses, compareAddresses);
