// The three pieces of secp256k1-zkp (as vendored by bitshares-fc, used through fc::ecc) that the blind
// operations' validate() needs: a Pedersen commitment (fc::ecc::blind), the tally check of commitments
// (fc::ecc::verify_sum) and the header of a range proof (fc::ecc::range_get_info).
//
// A commitment is blind·G + value·H, serialized as a compressed point (02/03 prefix). H is secp256k1-zkp's
// second generator: the point whose x is sha256 of the uncompressed encoding of G (group_impl.h
// secp256k1_ge_const_g2).
import { Point } from "@noble/secp256k1";
import { bytesToHex, hexToBytes } from "../../codec/hex.js";
import { N } from "../../crypto/secp256k1.js";

export const H = Point.fromAffine({
  x: 0x50929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0n,
  y: 0x31d3c6863973926e049e637cb1b5f40a36dac28af1766968c30c2313f3a38904n,
});

const UINT64_MAX = 2n ** 64n - 1n;

/** secp256k1_pedersen_commit( blind, value ): undefined when the blinding factor is not below the group
 *  order or the commitment is the point at infinity (both make fc::ecc::blind's FC_ASSERT fail). */
export function commit(blindHex: string, value: bigint): string | undefined {
  const blind = BigInt(`0x${blindHex || "0"}`);
  if (blind >= N) return undefined;
  const v = BigInt.asUintN(64, value);
  const p = Point.BASE.multiplyUnsafe(blind).add(H.multiplyUnsafe(v));
  return p.is0() ? undefined : bytesToHex(p.toBytes(true));
}

/** A 33-byte compressed commitment as a point, or undefined if it does not parse (secp256k1_eckey_pubkey_parse). */
function parse(hex: string): Point | undefined {
  if (hex.length !== 66 || !(hex.startsWith("02") || hex.startsWith("03"))) return undefined;
  try {
    return Point.fromBytes(hexToBytes(hex));
  } catch {
    return undefined;
  }
}

/** secp256k1_pedersen_verify_tally: sum(positive) - sum(negative) - excess·H is the point at infinity, with
 *  `excess` a signed 64-bit value. False if any commitment does not parse. */
export function verifySum(positive: readonly string[], negative: readonly string[], excess: bigint): boolean {
  const ex = BigInt.asIntN(64, excess);
  let acc = H.multiplyUnsafe(ex < 0n ? -ex : ex);
  if (ex < 0n) acc = acc.negate();
  for (const c of negative) {
    const p = parse(c);
    if (!p) return false;
    acc = acc.add(p);
  }
  acc = acc.negate();
  for (const c of positive) {
    const p = parse(c);
    if (!p) return false;
    acc = acc.add(p);
  }
  return acc.is0();
}

export interface RangeProofInfo {
  readonly exp: number;
  readonly mantissa: number;
  readonly minValue: bigint;
  readonly maxValue: bigint;
}

/** secp256k1_rangeproof_info: reads the header of a range proof (rangeproof_impl.h getheader), undefined
 *  where it would return 0. Layout: byte 0 holds flags (bit 7 must be clear; bit 6: a non-zero range
 *  follows; bit 5: a minimum value follows) and, with bit 6, the base-10 exponent in its low 5 bits; then with
 *  bit 6 one byte of mantissa bits minus 1; then with bit 5 the minimum value as 8 big-endian bytes. */
export function rangeProofInfo(proofHex: string): RangeProofInfo | undefined {
  const proof = hexToBytes(proofHex);
  if (proof.length < 65 || (proof[0]! & 128) !== 0) return undefined;
  const hasRange = (proof[0]! & 64) !== 0;
  const hasMin = (proof[0]! & 32) !== 0;
  let offset = 0;
  let exp = -1;
  let mantissa = 0;
  let maxValue = 0n;
  if (hasRange) {
    exp = proof[0]! & 31;
    offset++;
    if (exp > 18) return undefined;
    mantissa = proof[offset]! + 1;
    if (mantissa > 64) return undefined;
    maxValue = UINT64_MAX >> BigInt(64 - mantissa);
  }
  offset++;
  for (let i = 0; i < exp; i++) {
    if (maxValue > UINT64_MAX / 10n) return undefined;
    maxValue *= 10n;
  }
  let minValue = 0n;
  if (hasMin) {
    if (proof.length - offset < 8) return undefined;
    for (let i = 0; i < 8; i++) minValue = (minValue << 8n) | BigInt(proof[offset + i]!);
  }
  if (maxValue > UINT64_MAX - minValue) return undefined;
  return { exp, mantissa, minValue, maxValue: maxValue + minValue };
}
