// Shared by the validate() tests: C++-default values to build operations from, and assertions on a Check.
import { either as E } from "fp-ts";
import { expect } from "vitest";
import type { Asset, AssetOptions, Authority, Operation, Price } from "../../../generated/native-types.js";
import { zero } from "../../codec/index.js";
import { EXCEPTION_CODES, formatChainError, type ChainError, type ExceptionName } from "../errors.js";
import type { Check } from "./common.js";

/** The default-constructed value of a protocol type (its C++ default member initializers). */
export function zeroOf<T>(type: string): T {
  const r = zero(type);
  if (E.isLeft(r)) throw new Error(`no zero value for ${type}: ${r.left.message}`);
  return r.right as T;
}

/** The operation [tag, default-constructed value of `type`]. */
export const zeroOp = (tag: number, type: string): Operation => [tag, zeroOf(type)] as unknown as Operation;

/** A default-constructed `type` with some fields replaced. */
export const make = <T>(type: string, patch: Partial<T> = {}): T => ({ ...zeroOf<T>(type), ...patch });

export const asset = (amount: bigint | number, assetId = "1.3.0"): Asset => ({ amount: BigInt(amount), asset_id: assetId });

export const price = (base: Asset, quote: Asset): Price => ({ base, quote });

/** A compressed secp256k1 public key (the generator G), as in-memory hex. */
export const KEY = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798";

/** authority( 1, key, 1 ). */
export const keyAuthority = (key = KEY): Authority => ({ weight_threshold: 1, account_auths: [], key_auths: [[key, 1]], address_auths: [] });

export function expectOk(r: Check): void {
  expect(E.isLeft(r) ? formatChainError(r.left) : "ok").toBe("ok");
}

/** The check refused with this rule at this field, as `exception` (FC_ASSERT's assert_exception by default). */
export function expectRefused(r: Check, rule: string, field: string, exception: ExceptionName = "assert_exception"): ChainError {
  if (E.isRight(r)) throw new Error(`expected a refusal by ${rule} at "${field}", got ok`);
  const e = r.left;
  expect({ rule: e.rule, field: e.field, exception: e.exception, code: e.code }).toEqual({
    rule, field, exception, code: EXCEPTION_CODES[exception],
  });
  expect(e.message.length).toBeGreaterThan(0);
  return e;
}

/** Valid options of a user-issued asset 1.3.1 with a core exchange rate of 1 core : 1 unit. */
export const validAssetOptions = (patch: Partial<AssetOptions> = {}): AssetOptions =>
  make<AssetOptions>("asset_options", { core_exchange_rate: price(asset(1), asset(1, "1.3.1")), ...patch });
