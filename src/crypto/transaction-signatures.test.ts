// Edges of signing a transaction and recovering its signers (protocol/transaction.cpp signed_transaction::sign
// appends one signature per key; get_signature_keys recovers one key per signature with the canonical check
// and refuses a second signature of the same key: tx_duplicate_sig). Every refusal names the signature.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import { bytesToHex } from "../codec/hex.js";
import { signatureDigest } from "./digests.js";
import { signCompact } from "./ecdsa.js";
import { publicKeyOf, secretFromSeed } from "./keys.js";
import { signatureKeys, signTransaction } from "./transaction.js";

function right<L, R>(e: E.Either<L, R>): R {
  if (E.isLeft(e)) throw new Error(JSON.stringify(e.left));
  return e.right;
}
const failure = (e: E.Either<{ rule: string; index?: number }, unknown>) => (E.isLeft(e) ? [e.left.rule, e.left.index] : "ok");

const CHAIN = "11".repeat(32);
const tx = { ref_block_num: 1, ref_block_prefix: 2, expiration: 1_600_000_000, operations: [], extensions: [] };
const [k1, k2, k3] = ["sig one", "sig two", "sig three"].map(secretFromSeed) as [Uint8Array, Uint8Array, Uint8Array];
const pub = (s: Uint8Array) => bytesToHex(right(publicKeyOf(s)));

describe("signTransaction", () => {
  it("appends one signature per key, in key order, after the ones already there", () => {
    const digest = right(signatureDigest(tx, CHAIN));
    const once = right(signTransaction({ ...tx, signatures: [] }, CHAIN, [k1]));
    expect(once.signatures).toEqual([bytesToHex(right(signCompact(k1, digest)))]);
    const twice = right(signTransaction(once, CHAIN, [k2, k3]));
    expect(twice.signatures).toEqual([once.signatures[0], ...[k2, k3].map((k) => bytesToHex(right(signCompact(k, digest))))]);
    expect(right(signatureKeys(twice, CHAIN))).toEqual([k1, k2, k3].map(pub));
    expect(right(signTransaction(tx, CHAIN, [])).signatures).toEqual([]);
    expect(right(signatureKeys(tx, CHAIN))).toEqual([]);
  });
  it("an invalid key or chain id is an error, and nothing is signed", () => {
    expect(failure(signTransaction(tx, CHAIN, [k1, new Uint8Array(32)]) as never)).toEqual(["secret_key", undefined]);
    expect(failure(signTransaction(tx, "11", [k1]) as never)).toEqual(["chain_id", undefined]);
  });
  it("signatures depend on the chain id", () => {
    const a = right(signTransaction(tx, CHAIN, [k1]));
    expect(right(signatureKeys(a, "22".repeat(32)))).not.toEqual([pub(k1)]);
  });
});

describe("signatureKeys", () => {
  // Signed inside each test: an error here must fail tests, not the file's collection.
  const signAll = () => right(signTransaction(tx, CHAIN, [k1, k2, k3]));
  const sigs = () => signAll().signatures as [string, string, string];

  it("names the first faulty signature: length, hex, type", () => {
    const [s1, s2, s3] = sigs();
    // Not strings: a number, and an array as long as a signature's hex (only a string is read as hex).
    const notStrings = [42, new Array(130).fill("a"), null] as unknown as string[];
    for (const bad of [s2.slice(2), s2 + "00", "zz" + s2.slice(2), s2.slice(0, 129) + "g", ...notStrings])
      expect(failure(signatureKeys({ ...tx, signatures: [s1, bad, s3] }, CHAIN) as never)).toEqual(["signature_length", 1]);
  });
  it("names a signature that is not canonical or has a bad header", () => {
    const [s1, s2, s3] = sigs();
    const high = "80" + s1.slice(2);
    expect(failure(signatureKeys({ ...tx, signatures: [s1, s2, "1f80" + s3.slice(4)] }, CHAIN) as never)).toEqual(["signature_not_canonical", 2]);
    expect(failure(signatureKeys({ ...tx, signatures: [high] }, CHAIN) as never)).toEqual(["signature_header", 0]);
  });
  it("refuses a second signature of one key wherever it is", () => {
    const [s1, s2] = sigs();
    expect(failure(signatureKeys({ ...tx, signatures: [s1, s2, s1] }, CHAIN) as never)).toEqual(["signature_duplicate", 2]);
    expect(failure(signatureKeys({ ...tx, signatures: [s2, s2] }, CHAIN) as never)).toEqual(["signature_duplicate", 1]);
  });
  it("a bad chain id is an error before any signature is read", () => {
    expect(failure(signatureKeys(signAll(), "") as never)).toEqual(["chain_id", undefined]);
  });
});
