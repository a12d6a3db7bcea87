// The integer arithmetic of the operations' calculate_fee functions, as C++ does it.
//
// Fee parameters mix uint64_t, uint32_t and share_type (fc::safe<int64_t>). uint64_t arithmetic wraps
// modulo 2^64; share_type refuses every out-of-range value, including the conversion of a uint64_t above
// INT64_MAX (fc/safe.hpp: safe( V ) runs check( v ), which throws overflow_exception). Values here are
// bigints holding the C++ value exactly.
import { either as E } from "fp-ts";
import { MAX_SHARE_SUPPLY } from "../config.js";
import { assertFail, fail, type ChainError } from "../errors.js";

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/** uint64_t arithmetic: the result reduced modulo 2^64. */
export const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);

/** uint32_t arithmetic: the result reduced modulo 2^32. */
export const u32 = (x: bigint): bigint => BigInt.asUintN(32, x);

/** A share_type made from an integer value (fc::safe<int64_t>'s checked constructor). `what` names the
 *  value in the message. */
export function toShare(v: bigint, what: string): E.Either<ChainError, bigint> {
  if (v > INT64_MAX) return fail("overflow_exception", "share_type.construct_range", "", `${what} ${v} exceeds the int64 maximum`);
  if (v < INT64_MIN) return fail("underflow_exception", "share_type.construct_range", "", `${what} ${v} is below the int64 minimum`);
  return E.right(v);
}

/** share_type operator+ (fc::safe): refuses a sum outside int64. */
export function shareAdd(a: bigint, b: bigint, what: string): E.Either<ChainError, bigint> {
  const s = a + b;
  if (s > INT64_MAX) return fail("overflow_exception", "share_type.add_range", "", `${what}: ${a} + ${b} exceeds the int64 maximum`);
  if (s < INT64_MIN) return fail("underflow_exception", "share_type.add_range", "", `${what}: ${a} + ${b} is below the int64 minimum`);
  return E.right(s);
}

/** share_type operator* (fc::safe): refuses a product outside int64. */
export function shareMultiply(a: bigint, b: bigint, what: string): E.Either<ChainError, bigint> {
  const p = a * b;
  if (p > INT64_MAX) return fail("overflow_exception", "share_type.multiply_range", "", `${what}: ${a} * ${b} exceeds the int64 maximum`);
  if (p < INT64_MIN) return fail("underflow_exception", "share_type.multiply_range", "", `${what}: ${a} * ${b} is below the int64 minimum`);
  return E.right(p);
}

/** base_operation::calculate_data_fee (operations.cpp): bytes * price_per_kbyte / 1024 in 128 bits, at most
 *  GRAPHENE_MAX_SHARE_SUPPLY. Both arguments are uint64_t. */
export function calculateDataFee(bytes: number | bigint, pricePerKbyte: number | bigint): E.Either<ChainError, bigint> {
  const result = (u64(BigInt(bytes)) * u64(BigInt(pricePerKbyte))) / 1024n;
  if (result > MAX_SHARE_SUPPLY)
    return assertFail("base_operation.data_fee_max", "", `data fee of ${bytes} bytes at ${pricePerKbyte} per kbyte is ${result}, above ${MAX_SHARE_SUPPLY}`);
  return E.right(result);
}
