// Private keys, public keys and addresses: WIF as graphene's key_conversion.cpp reads and writes it, brain
// keys as the cli_wallet derives them (wallet_sign.cpp), seeds as bitsharesjs's PrivateKey.fromSeed, and
// the address forms of address.cpp and pts_address.cpp.
import { either as E } from "fp-ts";
import { base58Decode, base58Encode } from "./base58.js";
import { cryptoError, type CryptoError } from "./errors.js";
import { ripemd160, sha256, sha512 } from "./hash.js";
import { N, secp256k1 } from "./secp256k1.js";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

function equal4(a: Uint8Array, at: number, b: Uint8Array): boolean {
  return a[at] === b[0] && a[at + 1] === b[1] && a[at + 2] === b[2] && a[at + 3] === b[3];
}

/** True when the 32 bytes are a usable secp256k1 private key (1..n-1). */
export function isValidSecret(secret: Uint8Array): boolean {
  if (secret.length !== 32) return false;
  let x = 0n;
  for (const b of secret) x = (x << 8n) | BigInt(b);
  return x > 0n && x < N;
}

/** WIF: base58(0x80 ‖ secret ‖ first 4 bytes of sha256(sha256(0x80 ‖ secret))). */
export function formatWif(secret: Uint8Array): string {
  const body = new Uint8Array(33);
  body[0] = 0x80;
  body.set(secret, 1);
  const out = new Uint8Array(37);
  out.set(body);
  out.set(sha256(sha256(body)).subarray(0, 4), 33);
  return base58Encode(out);
}

/**
 * The secret of a WIF as graphene::utilities::wif_to_key reads it: at least 5 bytes; the version byte is
 * not checked; the checksum may be the first 4 bytes of sha256 or of sha256(sha256) of the rest; the key
 * bytes between are zero-padded or cut to 32 (so a compressed-key WIF with its 0x01 suffix is read too).
 * The secret is not checked to be in 1..n-1 (using it is).
 */
export function parseWif(wif: string): E.Either<CryptoError, Uint8Array> {
  const raw = base58Decode(wif.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, ""));
  if (!raw) return E.left(cryptoError("wif", "WIF is not valid base58"));
  if (raw.length < 5) return E.left(cryptoError("wif", `WIF decodes to ${raw.length} bytes, fewer than 5`));
  const body = raw.subarray(0, raw.length - 4);
  const single = sha256(body);
  if (!equal4(raw, raw.length - 4, single) && !equal4(raw, raw.length - 4, sha256(single)))
    return E.left(cryptoError("wif", "WIF checksum mismatch"));
  const secret = new Uint8Array(32);
  secret.set(raw.subarray(1, Math.min(33, raw.length - 4)));
  return E.right(secret);
}

/** The compressed public key of a private key. */
export function publicKeyOf(secret: Uint8Array): E.Either<CryptoError, Uint8Array> {
  const key = secp256k1().publicKey(secret);
  return key ? E.right(key) : E.left(cryptoError("secret_key", "a private key is a number in 1..n-1"));
}

/** A new private key from the platform's cryptographically secure generator. */
export function generateSecret(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): Uint8Array {
  for (;;) {
    const s = random(32);
    if (isValidSecret(s)) return s;
  }
}

/** bitsharesjs PrivateKey.fromSeed: sha256 of the seed's UTF-8 bytes. */
export const secretFromSeed = (seed: string): Uint8Array => sha256(utf8(seed));

/**
 * cli_wallet's normalize_brain_key: ASCII letters upper-cased, runs of space, \t, \r, \n, \v and \f
 * become one space, none at either end. (bitsharesjs keeps the case and trims all Unicode spaces.)
 */
export function normalizeBrainKey(s: string): string {
  let out = "";
  let gap = false;
  for (const ch of s) {
    if (ch === " " || ch === "\t" || ch === "\r" || ch === "\n" || ch === "\v" || ch === "\f") {
      gap = true;
      continue;
    }
    if (gap && out.length > 0) out += " ";
    out += ch >= "a" && ch <= "z" ? ch.toUpperCase() : ch;
    gap = false;
  }
  return out;
}

/** cli_wallet's derive_private_key: sha256(sha512(prefix + " " + sequence)), the prefix as given. */
export function derivePrivateKey(prefix: string, sequence: number): Uint8Array {
  return sha256(sha512(utf8(`${prefix} ${sequence}`)));
}

/** Key `sequence` of a brain key, as cli_wallet derives it: derive_private_key(normalize_brain_key(words), n). */
export const brainKeySecret = (brainKey: string, sequence: number): Uint8Array => derivePrivateKey(normalizeBrainKey(brainKey), sequence);

/** A graphene address: ripemd160(sha512(compressed public key)). */
export const addressOf = (publicKey: Uint8Array): Uint8Array => ripemd160(sha512(publicKey));

/**
 * A PTS/BTC-style address (pts_address.cpp): version byte, ripemd160(sha256(key)) over the compressed or
 * uncompressed key, then 4 bytes of sha256(sha256(first 21 bytes)). Version 56 is PTS, 0 is Bitcoin.
 */
export function ptsAddressOf(publicKey: Uint8Array, compressed = true, version = 56): E.Either<CryptoError, Uint8Array> {
  const key = compressed ? publicKey : secp256k1().uncompress(publicKey);
  if (!key) return E.left(cryptoError("public_key", "the public key is not a point of secp256k1"));
  const out = new Uint8Array(25);
  out[0] = version;
  out.set(ripemd160(sha256(key)), 1);
  out.set(sha256(sha256(out.subarray(0, 21))).subarray(0, 4), 21);
  return E.right(out);
}

/** The graphene address of a PTS address, as genesis balances store them: ripemd160 of its 25 bytes. */
export const addressOfPts = (pts: Uint8Array): Uint8Array => ripemd160(pts);
