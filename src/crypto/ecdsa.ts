// Compact recoverable signatures exactly as bitshares-fc makes and checks them
// (fc/src/crypto/elliptic_impl_priv.cpp sign_compact, elliptic_secp256k1.cpp public_key(sig, digest),
// elliptic_common.cpp is_canonical) on top of bitshares' secp256k1-zkp (src/secp256k1.c, ecdsa_impl.h).
import { either as E } from "fp-ts";
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { cryptoError, type CryptoError } from "./errors.js";
import { N, secp256k1 } from "./secp256k1.js";

const bigOf = (b: Uint8Array): bigint => {
  let x = 0n;
  for (const v of b) x = (x << 8n) | BigInt(v);
  return x;
};
const bytes32 = (x: bigint): Uint8Array => {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
};
const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;

function invert(a: bigint, m: bigint): bigint {
  // Extended Euclid; a is a nonzero scalar below m.
  let [r0, r1, s0, s1] = [m, mod(a, m), 0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}

/**
 * fc's canonical rule: r and s each below 2^255 and not padded with a zero byte their DER form would
 * drop, i.e. DER encodes each in exactly 32 bytes. bitshares-core refuses other signatures.
 */
export function isCanonical(sig: Uint8Array): boolean {
  return sig.length === 65 && !(sig[1]! & 0x80) && !(sig[1] === 0 && !(sig[2]! & 0x80)) && !(sig[33]! & 0x80) && !(sig[33] === 0 && !(sig[34]! & 0x80));
}

/**
 * RFC 6979 HMAC-SHA256 nonces as secp256k1-zkp's nonce_function_rfc6979 draws them (no extra data):
 * the candidate for `counter` is the (counter + 1)-th output of one DRBG seeded with key ‖ digest.
 */
function* rfc6979(key: Uint8Array, digest: Uint8Array): Generator<Uint8Array> {
  const mac = (k: Uint8Array, ...parts: Uint8Array[]) => {
    const h = hmac.create(nobleSha256, k);
    for (const p of parts) h.update(p);
    return h.digest();
  };
  let v = new Uint8Array(32).fill(1);
  let k = new Uint8Array(32);
  k = mac(k, v, Uint8Array.of(0), key, digest);
  v = mac(k, v);
  k = mac(k, v, Uint8Array.of(1), key, digest);
  v = mac(k, v);
  for (let retry = false; ; retry = true) {
    if (retry) {
      k = mac(k, v, Uint8Array.of(0));
      v = mac(k, v);
    }
    v = mac(k, v);
    yield v;
  }
}

/**
 * fc::ecc::private_key::sign_compact: 65 bytes, header 31 + recovery id, then r and s (s made low). Each
 * try draws the next RFC 6979 candidate, starting with the second (fc's nonce function increments its
 * counter before the first call), until the signature is canonical.
 */
export function signCompact(secret: Uint8Array, digest: Uint8Array): E.Either<CryptoError, Uint8Array> {
  if (digest.length !== 32) return E.left(cryptoError("digest", "a digest is 32 bytes"));
  const d = secret.length === 32 ? bigOf(secret) : 0n;
  if (d === 0n || d >= N) return E.left(cryptoError("secret_key", "a private key is a number in 1..n-1"));
  const z = mod(bigOf(digest), N);
  const lib = secp256k1();
  const nonces = rfc6979(secret, digest);
  nonces.next(); // the candidate for counter 0 is never used
  for (;;) {
    const candidate = nonces.next().value as Uint8Array;
    const k = bigOf(candidate);
    if (k === 0n || k >= N) continue;
    const R = lib.publicKey(candidate)!;
    const x = bigOf(R.subarray(1));
    const r = mod(x, N);
    if (r === 0n) continue;
    let recid = (x >= N ? 2 : 0) | (R[0] === 3 ? 1 : 0);
    let s = mod(invert(k, N) * (z + r * d), N);
    if (s === 0n) continue;
    if (s > N >> 1n) {
      s = N - s;
      recid ^= 1;
    }
    const sig = new Uint8Array(65);
    sig[0] = 27 + 4 + recid;
    sig.set(bytes32(r), 1);
    sig.set(bytes32(s), 33);
    if (isCanonical(sig)) return E.right(sig);
  }
}

/**
 * fc::ecc::public_key(signature, digest, check_canonical): the header byte must be 27..34, the signature
 * canonical when asked (bitshares-core always asks), and recovery must succeed. The key is compressed.
 */
export function recoverCompact(sig: Uint8Array, digest: Uint8Array, checkCanonical = true): E.Either<CryptoError, Uint8Array> {
  if (sig.length !== 65) return E.left(cryptoError("signature_length", `a compact signature is 65 bytes, got ${sig.length}`));
  if (digest.length !== 32) return E.left(cryptoError("digest", "a digest is 32 bytes"));
  const header = sig[0]!;
  if (header < 27 || header >= 35) return E.left(cryptoError("signature_header", `signature header byte ${header} is outside 27..34`));
  if (checkCanonical && !isCanonical(sig)) return E.left(cryptoError("signature_not_canonical", "signature is not canonical"));
  const key = secp256k1().recover(digest, sig.subarray(1), (header - 27) & 3);
  return key ? E.right(key) : E.left(cryptoError("signature_invalid", "no public key recovers from this signature and digest"));
}
