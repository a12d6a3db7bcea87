// Small pieces every validate() rule is built from. bitshares-core's validate() methods are sequences of
// FC_ASSERTs that stop at the first failure; here each is an `if (...) return assertFail(...)`, and a
// nested validator's refusal is passed up with its field path prefixed (`under`).
import { either as E } from "fp-ts";
import { assertFail, OK, withFieldPrefix, type ChainError } from "../errors.js";
import type { Asset } from "../../../generated/native-types.js";

export type Check = E.Either<ChainError, void>;

export { OK };

/** The refusal `r` seen from the enclosing object, at `prefix`. */
export function under(prefix: string, r: Check): Check {
  return E.isLeft(r) ? E.left(withFieldPrefix(r.left, prefix)) : r;
}

/** `FC_ASSERT( fee.amount >= 0 )`, the first or second line of nearly every operation's validate(). */
export function feeNonNegative(type: string, fee: Asset): Check {
  return fee.amount >= 0n ? OK : assertFail(`${type}.fee_non_negative`, "fee.amount", `fee amount ${fee.amount} is negative`);
}

/** The instance of an object id "space.type.instance", as a bigint (ids compare by instance, object_id.hpp). */
export function instanceOf(id: string): bigint {
  const dot = id.lastIndexOf(".");
  try {
    return BigInt(id.slice(dot + 1));
  } catch {
    return -1n;
  }
}

/** object_id<S,T>::operator< : by instance. */
export const idLess = (a: string, b: string): boolean => instanceOf(a) < instanceOf(b);

/** std::string::size(): the UTF-8 byte length of an in-memory string (lone surrogates U+DC80..U+DCFF stand
 *  for single raw bytes, see src/codec/utf8.ts). Total: any other lone surrogate counts 3, as WTF-8 would. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      n += 4;
      i++;
    } else if (c >= 0xdc80 && c <= 0xdcff) n += 1;
    else n += 3;
  }
  return n;
}

/** `account_id_type()`, `asset_id_type()`: instance 0. */
export const ACCOUNT_ZERO = "1.2.0";
export const ASSET_ZERO = "1.3.0";
/** `asset_id_type(1)`: the placeholder for the asset being created (asset_ops.cpp). */
export const ASSET_ONE = "1.3.1";

/** `GRAPHENE_100_PERCENT` (config.hpp), as a bigint-free number: percents are uint16. */
export { PERCENT_100, MAX_SHARE_SUPPLY, MIN_COLLATERAL_RATIO, MAX_COLLATERAL_RATIO } from "../config.js";
