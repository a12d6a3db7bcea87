// Edges of compact signatures as bitshares-fc signs and reads them: the header byte range and recovery id
// (fc/src/crypto/elliptic_secp256k1.cpp public_key(sig, digest): 27 <= c[0] < 35, recid (c[0] - 27) & 3),
// the canonical rule (elliptic_common.cpp is_canonical), and the inputs sign_compact refuses.
import { readFileSync } from "node:fs";
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../codec/hex.js";
import { parseJson } from "../codec/json-text.js";
import { isCanonical, recoverCompact, signCompact } from "./ecdsa.js";
import { sha256 } from "./hash.js";
import { publicKeyOf } from "./keys.js";
import { N } from "./secp256k1.js";

function right<L, R>(e: E.Either<L, R>): R {
  if (E.isLeft(e)) throw new Error(JSON.stringify(e.left));
  return e.right;
}
const ruleOf = (e: E.Either<{ rule: string }, unknown>): string | undefined => (E.isLeft(e) ? e.left.rule : undefined);
const be32 = (x: bigint) => hexToBytes(x.toString(16).padStart(64, "0"));
const bigOf = (b: Uint8Array) => BigInt("0x" + bytesToHex(b));

// Signatures observed from bitshares' secp256k1-zkp through fc's sign_compact (conformance/vectors/crypto).
const parsed = parseJson(readFileSync(new URL("../../conformance/vectors/crypto/signatures.json", import.meta.url), "utf8"));
const vectors = (right(parsed) as { vectors: { secret: string; digest: string; signature: string }[] }).vectors.slice(0, 4);

describe("recoverCompact", () => {
  it("reads every header 27..34 with recovery id (header - 27) & 3: 27..30 give the same key as 31..34", () => {
    for (const v of vectors) {
      const sig = hexToBytes(v.signature);
      const digest = hexToBytes(v.digest);
      const signer = bytesToHex(right(publicKeyOf(hexToBytes(v.secret))));
      const recid = sig[0]! - 31;
      expect(recid >= 0 && recid <= 3).toBe(true);
      for (const header of [27 + recid, 31 + recid]) expect(bytesToHex(right(recoverCompact(Uint8Array.from([header, ...sig.subarray(1)]), digest)))).toBe(signer);
      // Another recovery id names another key (or none).
      const other = recoverCompact(Uint8Array.from([31 + (recid ^ 1), ...sig.subarray(1)]), digest);
      expect(E.isRight(other) ? bytesToHex(other.right) : "none").not.toBe(signer);
    }
  });

  it("refuses the headers just outside 27..34, whatever the recovery id they would carry", () => {
    const v = vectors[0]!;
    const sig = hexToBytes(v.signature);
    for (const header of [0, 26, 35, 36, 255]) expect(ruleOf(recoverCompact(Uint8Array.from([header, ...sig.subarray(1)]), hexToBytes(v.digest)))).toBe("signature_header");
  });

  it("checks the canonical rule only when asked: the high-s twin of a signature recovers the signer without the check", () => {
    const v = vectors[0]!;
    const sig = hexToBytes(v.signature);
    const digest = hexToBytes(v.digest);
    // (r, n - s) with the other parity is the same signature to ECDSA, but s >= 2^255 makes it non-canonical.
    const twin = Uint8Array.from(sig);
    twin.set(be32(N - bigOf(sig.subarray(33))), 33);
    twin[0] = 31 + ((sig[0]! - 31) ^ 1);
    expect(isCanonical(twin)).toBe(false);
    expect(ruleOf(recoverCompact(twin, digest))).toBe("signature_not_canonical");
    expect(ruleOf(recoverCompact(twin, digest, true))).toBe("signature_not_canonical");
    expect(bytesToHex(right(recoverCompact(twin, digest, false)))).toBe(bytesToHex(right(publicKeyOf(hexToBytes(v.secret)))));
  });

  it("refuses digests and signatures of the wrong length", () => {
    const v = vectors[0]!;
    const sig = hexToBytes(v.signature);
    const digest = hexToBytes(v.digest);
    expect(ruleOf(recoverCompact(sig, digest.subarray(1)))).toBe("digest");
    expect(ruleOf(recoverCompact(sig, Uint8Array.from([...digest, 0])))).toBe("digest");
    expect(ruleOf(recoverCompact(Uint8Array.from([...sig, 0]), digest))).toBe("signature_length");
    expect(ruleOf(recoverCompact(sig.subarray(0, 64), digest))).toBe("signature_length");
  });

  it("a canonical signature that no key makes is signature_invalid (r = n is not a scalar)", () => {
    const sig = new Uint8Array(65);
    sig[0] = 31;
    sig.set(be32(N), 1); // first byte 0xff: refused as non-canonical when checked
    sig.set(be32(1n), 33);
    expect(ruleOf(recoverCompact(sig, sha256(new Uint8Array(1)), false))).toBe("signature_invalid");
  });
});

describe("signCompact", () => {
  const digest = sha256(new TextEncoder().encode("edges"));

  it("signs with the smallest and largest private keys, 1 and n - 1, giving canonical low-s signatures of that key", () => {
    for (const d of [1n, 2n, N - 1n, N - 2n]) {
      const secret = be32(d);
      const sig = right(signCompact(secret, digest));
      expect(sig).toHaveLength(65);
      expect(isCanonical(sig)).toBe(true);
      expect(sig[0]! >= 31 && sig[0]! <= 34).toBe(true);
      expect(bigOf(sig.subarray(33)) <= N >> 1n).toBe(true); // secp256k1-zkp normalizes s to the low half
      expect(bytesToHex(right(recoverCompact(sig, digest)))).toBe(bytesToHex(right(publicKeyOf(secret))));
    }
    // The keys of d and n - d are negations of each other: same x, other parity.
    const [a, b] = [be32(1n), be32(N - 1n)].map((s) => right(publicKeyOf(s)));
    expect(bytesToHex(a!.subarray(1))).toBe(bytesToHex(b!.subarray(1)));
    expect(a![0]! ^ b![0]!).toBe(1);
  });

  it("refuses private keys outside 1..n-1 and of another length, and digests that are not 32 bytes", () => {
    for (const secret of [new Uint8Array(32), be32(N), be32(N + 1n), new Uint8Array(32).fill(0xff), new Uint8Array(33).fill(1), new Uint8Array(31).fill(1), new Uint8Array(0)])
      expect(ruleOf(signCompact(secret, digest))).toBe("secret_key");
    expect(ruleOf(signCompact(be32(1n), digest.subarray(1)))).toBe("digest");
    expect(ruleOf(signCompact(be32(1n), Uint8Array.from([...digest, 0])))).toBe("digest");
  });

  it("a digest at or above n signs and recovers (the digest is read mod n)", () => {
    for (const z of [N, N + 5n, (1n << 256n) - 1n]) {
      const d = be32(z);
      const sig = right(signCompact(be32(7n), d));
      expect(bytesToHex(right(recoverCompact(sig, d)))).toBe(bytesToHex(right(publicKeyOf(be32(7n)))));
    }
  });
});

describe("isCanonical", () => {
  const sig = (bytes: Record<number, number>, length = 65) => {
    const b = new Uint8Array(length).fill(0x11);
    b[0] = 31;
    for (const [i, v] of Object.entries(bytes)) b[Number(i)] = v;
    return b;
  };
  it("is fc's byte test on r (bytes 1, 2) and s (bytes 33, 34), each half checked on its own", () => {
    expect(isCanonical(sig({}))).toBe(true);
    expect(isCanonical(sig({ 1: 0x80 }))).toBe(false);
    expect(isCanonical(sig({ 33: 0x80 }))).toBe(false);
    expect(isCanonical(sig({ 33: 0xff }))).toBe(false);
    expect(isCanonical(sig({ 1: 0, 2: 0x7f }))).toBe(false);
    expect(isCanonical(sig({ 33: 0, 34: 0x7f }))).toBe(false);
    expect(isCanonical(sig({ 33: 0, 34: 0 }))).toBe(false);
    expect(isCanonical(sig({ 1: 0, 2: 0x80 }))).toBe(true);
    expect(isCanonical(sig({ 33: 0, 34: 0x80 }))).toBe(true);
    expect(isCanonical(sig({ 1: 0x7f, 33: 0x7f }))).toBe(true);
  });
  it("holds only for 65 bytes", () => {
    expect(isCanonical(sig({}, 64))).toBe(false);
    expect(isCanonical(sig({}, 66))).toBe(false);
  });
});
