// Edges of memo_data::get_message (bitshares-core protocol/memo.cpp): the memo_message is a 4-byte checksum
// (the first 4 bytes of sha256(text), all four compared: FC_ASSERT(result.checksum == hash(text)._hash[0]))
// then the text; deserialize needs at least those 4 bytes; a memo whose from key is all zero is in the clear.
// The AES key is fc's: sha512(decimal nonce ‖ hex of the ECDH secret), key = bytes 0..32, iv = 32..48
// (memo.cpp set_message/get_message, fc aes_encrypt), computed here from the shared secret.
import { createCipheriv } from "node:crypto";
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import { bytesToHex } from "../codec/hex.js";
import { sha256, sha512 } from "./hash.js";
import { publicKeyOf, secretFromSeed } from "./keys.js";
import { decryptMemo, encryptMemo, plainMemo, sharedSecret, type MemoData } from "./memo.js";

function right<L, R>(e: E.Either<L, R>): R {
  if (E.isLeft(e)) throw new Error(JSON.stringify(e.left));
  return e.right;
}
const ruleOf = (e: E.Either<{ rule: string }, unknown>): string | undefined => (E.isLeft(e) ? e.left.rule : undefined);
const utf8 = (s: string) => new TextEncoder().encode(s);

const alice = secretFromSeed("memo alice");
const bob = secretFromSeed("memo bob");
const alicePub = right(publicKeyOf(alice));
const bobPub = right(publicKeyOf(bob));
const NONCE = 1234567890123n;

/** A memo from alice to bob whose encrypted body is exactly `body` (checksum included, as given). */
function sealed(body: Uint8Array): MemoData {
  const key = sha512(utf8(NONCE.toString() + bytesToHex(right(sharedSecret(alice, bobPub)))));
  const c = createCipheriv("aes-256-cbc", key.subarray(0, 32), key.subarray(32, 48));
  const message = Buffer.concat([c.update(body), c.final()]);
  return { from: bytesToHex(alicePub), to: bytesToHex(bobPub), nonce: NONCE, message: message.toString("hex") };
}

describe("memo checksum", () => {
  const text = utf8("checksummed memo text");
  const checksum = sha256(text).subarray(0, 4);

  it("a body sealed with the right key and checksum reads back, for either party", () => {
    const memo = sealed(Uint8Array.from([...checksum, ...text]));
    expect(right(decryptMemo(bob, memo))).toBe("checksummed memo text");
    expect(right(decryptMemo(alice, memo))).toBe("checksummed memo text");
    expect(right(encryptMemo(alice, bobPub, NONCE, "checksummed memo text")).message).toBe(memo.message);
  });

  it("a checksum wrong in any one of its 4 bytes is refused", () => {
    for (let i = 0; i < 4; i++) {
      const bad = Uint8Array.from(checksum);
      bad[i] = bad[i]! ^ 0x01;
      expect(ruleOf(decryptMemo(bob, sealed(Uint8Array.from([...bad, ...text])))), `byte ${i}`).toBe("memo_checksum");
    }
  });

  it("a decrypted body shorter than the checksum is refused; exactly 4 bytes is the empty text", () => {
    expect(ruleOf(decryptMemo(bob, sealed(Uint8Array.of(1, 2, 3))))).toBe("memo_ciphertext");
    expect(ruleOf(decryptMemo(bob, sealed(new Uint8Array(0))))).toBe("memo_ciphertext");
    expect(right(decryptMemo(bob, sealed(sha256(new Uint8Array(0)).subarray(0, 4))))).toBe("");
  });

  it("the empty text encrypts to one AES block and reads back", () => {
    const memo = right(encryptMemo(alice, bobPub, 0n, ""));
    expect(memo.message).toHaveLength(32);
    expect(right(decryptMemo(bob, memo))).toBe("");
  });
});

describe("memo keys", () => {
  it("the holder of either key reads it; a third key is memo_keys", () => {
    const memo = right(encryptMemo(alice, bobPub, 5n, "two parties"));
    expect(memo.from).toBe(bytesToHex(alicePub));
    expect(memo.to).toBe(bytesToHex(bobPub));
    expect(right(decryptMemo(alice, memo))).toBe("two parties");
    expect(right(decryptMemo(bob, memo))).toBe("two parties");
    expect(ruleOf(decryptMemo(secretFromSeed("memo eve"), memo))).toBe("memo_keys");
  });
  it("a memo to oneself reads back", () => {
    const memo = right(encryptMemo(alice, alicePub, 6n, "note to self"));
    expect(right(decryptMemo(alice, memo))).toBe("note to self");
  });
  it("an invalid private key is secret_key, for encrypting and decrypting", () => {
    const memo = right(encryptMemo(alice, bobPub, 5n, "x"));
    expect(ruleOf(decryptMemo(new Uint8Array(32), memo))).toBe("secret_key");
    expect(ruleOf(encryptMemo(new Uint8Array(32), bobPub, 5n, "x"))).toBe("secret_key");
  });
  it("a recipient key off the curve is public_key", () => {
    expect(ruleOf(encryptMemo(alice, Uint8Array.from([2, ...new Uint8Array(32).fill(0xff)]), 1n, "x"))).toBe("public_key");
  });
  it("a ciphertext that is not whole AES blocks does not decrypt", () => {
    const memo = right(encryptMemo(alice, bobPub, 5n, "x"));
    expect(ruleOf(decryptMemo(bob, { ...memo, message: memo.message.slice(0, -2) }))).toBe("memo_ciphertext");
    expect(ruleOf(decryptMemo(bob, { ...memo, message: "" }))).toBe("memo_ciphertext");
  });
});

describe("memos in the clear", () => {
  const ZERO = "00".repeat(33);
  it("are read without a key: the text after 4 bytes, whatever they hold", () => {
    expect(right(decryptMemo(bob, { from: ZERO, to: ZERO, nonce: 0n, message: "ffffffff" + bytesToHex(utf8("hi")) }))).toBe("hi");
    expect(right(decryptMemo(bob, { from: ZERO, to: ZERO, nonce: 0n, message: "00000000" }))).toBe("");
    expect(right(decryptMemo(bob, plainMemo("plain text")))).toBe("plain text");
  });
  it("need at least the 4 checksum bytes", () => {
    expect(ruleOf(decryptMemo(bob, { from: ZERO, to: ZERO, nonce: 0n, message: "000000" }))).toBe("memo_ciphertext");
  });
  it("plainMemo has zero keys, nonce 0 and a zero checksum", () => {
    expect(plainMemo("ab")).toEqual({ from: ZERO, to: ZERO, nonce: 0n, message: "000000006162" });
  });
});
