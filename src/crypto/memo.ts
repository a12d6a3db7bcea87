// Encrypted memos as bitshares-core makes and reads them (protocol/memo.cpp): an ECDH secret
// (fc get_shared_secret: sha512 of the shared point's x), a key from sha512(decimal nonce ‖ hex of that
// secret), AES-256-CBC with PKCS#7 padding (fc aes_encrypt: key = bytes 0..32, iv = bytes 32..48) over
// a memo_message: the first 4 bytes of sha256(text), then the text.
import { createCipheriv, createDecipheriv } from "node:crypto";
import { either as E } from "fp-ts";
import { bytesToHex, hexToBytes, isHex } from "../codec/hex.js";
import { decodeUtf8, encodeUtf8 } from "../codec/utf8.js";
import { cryptoError, type CryptoError } from "./errors.js";
import { sha256, sha512 } from "./hash.js";
import { publicKeyOf } from "./keys.js";
import { secp256k1 } from "./secp256k1.js";

/** memo_data in memory (src/codec): keys and message as hex, nonce as bigint. */
export interface MemoData {
  readonly from: string;
  readonly to: string;
  readonly nonce: bigint;
  readonly message: string;
}

const ZERO_KEY = "00".repeat(33);

/** fc::ecc::private_key::get_shared_secret: sha512 of the x coordinate of secret·public. */
export function sharedSecret(secret: Uint8Array, publicKey: Uint8Array): E.Either<CryptoError, Uint8Array> {
  const point = secp256k1().multiply(publicKey, secret);
  if (!point) return E.left(cryptoError("public_key", "no shared secret: the public key is not a curve point or the private key is not in 1..n-1"));
  return E.right(sha512(point.subarray(1)));
}

function aesKey(secret: Uint8Array, publicKey: Uint8Array, nonce: bigint): E.Either<CryptoError, Uint8Array> {
  return E.map((s: Uint8Array) => sha512(encodeUtf8(nonce.toString() + bytesToHex(s))))(sharedSecret(secret, publicKey));
}

/** memo_message::serialize: checksum (first 4 bytes of sha256(text), as stored) then the text. */
function memoMessage(text: Uint8Array, withChecksum: boolean): Uint8Array {
  const out = new Uint8Array(4 + text.length);
  if (withChecksum) out.set(sha256(text).subarray(0, 4));
  out.set(text, 4);
  return out;
}

/** memo_data::set_message with a given nonce. The nonce should be unique per pair of keys. */
export function encryptMemo(secret: Uint8Array, to: Uint8Array, nonce: bigint, text: string): E.Either<CryptoError, MemoData> {
  return E.flatMap(publicKeyOf(secret), (from) =>
    E.map((key: Uint8Array) => {
      const c = createCipheriv("aes-256-cbc", key.subarray(0, 32), key.subarray(32, 48));
      const body = memoMessage(encodeUtf8(text), true);
      const message = new Uint8Array([...c.update(body), ...c.final()]);
      return { from: bytesToHex(from), to: bytesToHex(to), nonce, message: bytesToHex(message) };
    })(aesKey(secret, to, nonce)),
  );
}

/** memo_data::set_message without keys: the memo_message in the clear, checksum 0, all-zero keys. */
export function plainMemo(text: string): MemoData {
  return { from: ZERO_KEY, to: ZERO_KEY, nonce: 0n, message: bytesToHex(memoMessage(encodeUtf8(text), false)) };
}

/**
 * memo_data::get_message for the holder of either key: the other party is `from` when the private key
 * is `to`'s, else `to`. A memo whose from key is all zero is in the clear.
 */
export function decryptMemo(secret: Uint8Array, memo: MemoData): E.Either<CryptoError, string> {
  if (!isHex(memo.message)) return E.left(cryptoError("memo_ciphertext", "memo message is not hex"));
  const message = hexToBytes(memo.message);
  if (memo.from === ZERO_KEY) {
    if (message.length < 4) return E.left(cryptoError("memo_ciphertext", "a memo message has at least 4 bytes"));
    return E.right(decodeUtf8(message.subarray(4)));
  }
  return E.flatMap(publicKeyOf(secret), (mine) => {
    const me = bytesToHex(mine);
    if (me !== memo.to && me !== memo.from) return E.left(cryptoError("memo_keys", "the private key is neither the memo's from key nor its to key"));
    const other = hexToBytes(me === memo.to ? memo.from : memo.to);
    return E.flatMap(aesKey(secret, other, memo.nonce), (key) => {
      let plain: Uint8Array;
      try {
        const d = createDecipheriv("aes-256-cbc", key.subarray(0, 32), key.subarray(32, 48));
        plain = new Uint8Array([...d.update(message), ...d.final()]);
      } catch {
        return E.left(cryptoError("memo_ciphertext", "memo does not decrypt: wrong key or corrupted message"));
      }
      if (plain.length < 4) return E.left(cryptoError("memo_ciphertext", "decrypted memo is shorter than its checksum"));
      const text = plain.subarray(4);
      const check = sha256(text);
      if (plain[0] !== check[0] || plain[1] !== check[1] || plain[2] !== check[2] || plain[3] !== check[3])
        return E.left(cryptoError("memo_checksum", "decrypted memo fails its checksum: wrong key or corrupted message"));
      return E.right(decodeUtf8(text));
    });
  });
}
