// Edges of the digests of protocol/transaction.cpp and protocol/block.cpp: chain ids (32 bytes of hex),
// the merkle root's pairing for every shape of tree (signed_block::calculate_merkle_root: pairs hashed
// level by level, an odd last one carried up unchanged, ripemd160 of the top), block numbers in ids
// (block_header::num_from_id), TaPoS fields (transaction::set_reference_block) and genesis chain ids.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import { encode } from "../codec/index.js";
import { bytesToHex } from "../codec/hex.js";
import { blockId, blockNumFromId, chainIdBytes, chainIdOfGenesis, merkleRoot, referenceBlock, signatureDigest, transactionDigest, transactionId } from "./digests.js";
import { ripemd160, sha224, sha256 } from "./hash.js";

function right<L, R>(e: E.Either<L, R>): R {
  if (E.isLeft(e)) throw new Error(JSON.stringify(e.left));
  return e.right;
}
const ruleOf = (e: E.Either<{ rule: string }, unknown>): string | undefined => (E.isLeft(e) ? e.left.rule : undefined);
const cat = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

const tx = (n: number) => ({
  ref_block_num: n,
  ref_block_prefix: 7,
  expiration: 1_600_000_000,
  operations: [],
  extensions: [],
  signatures: [],
  operation_results: [],
});

describe("merkleRoot", () => {
  const leaves = [0, 1, 2, 3, 4, 5].map((n) => sha256(right(encode("processed_transaction", tx(n)))));
  const [a, b, c, d, e] = leaves as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const h = (x: Uint8Array, y: Uint8Array) => sha256(cat(x, y));
  const root = (top: Uint8Array) => bytesToHex(ripemd160(top));

  it("pairs the leaves level by level for 1 to 5 transactions, carrying an odd last one up", () => {
    expect(right(merkleRoot([tx(0)]))).toBe(root(a));
    expect(right(merkleRoot([tx(0), tx(1)]))).toBe(root(h(a, b)));
    expect(right(merkleRoot([0, 1, 2].map(tx)))).toBe(root(h(h(a, b), c)));
    expect(right(merkleRoot([0, 1, 2, 3].map(tx)))).toBe(root(h(h(a, b), h(c, d))));
    expect(right(merkleRoot([0, 1, 2, 3, 4].map(tx)))).toBe(root(h(h(h(a, b), h(c, d)), e)));
  });
  it("depends on the order of the transactions", () => {
    expect(right(merkleRoot([tx(1), tx(0)]))).toBe(root(h(b, a)));
    expect(right(merkleRoot([tx(1), tx(0)]))).not.toBe(right(merkleRoot([tx(0), tx(1)])));
  });
  it("a transaction that does not encode is the codec's error, at any position", () => {
    for (const list of [[{}], [tx(0), {}], [tx(0), tx(1), { ...tx(2), ref_block_num: -1 }]]) expect(E.isLeft(merkleRoot(list))).toBe(true);
  });
});

describe("transaction digests", () => {
  const t = tx(9);
  const CHAIN = "ab".repeat(32);
  it("a chain id is exactly 64 hex digits", () => {
    expect(bytesToHex(right(chainIdBytes(CHAIN)))).toBe(CHAIN);
    for (const bad of ["", "ab".repeat(31), "ab".repeat(33), "ab".repeat(31) + "a", "zz".repeat(32), "g" + "a".repeat(63)]) {
      expect(ruleOf(chainIdBytes(bad)), bad).toBe("chain_id");
      expect(ruleOf(signatureDigest(t, bad)), bad).toBe("chain_id");
    }
  });
  it("the signature digest is sha256(chain id ‖ packed transaction) and changes with the chain id", () => {
    const packed = right(encode("transaction", t));
    expect(bytesToHex(right(signatureDigest(t, CHAIN)))).toBe(bytesToHex(sha256(cat(new Uint8Array(32).fill(0xab), packed))));
    expect(bytesToHex(right(signatureDigest(t, "00".repeat(32))))).toBe(bytesToHex(sha256(cat(new Uint8Array(32), packed))));
  });
  it("a transaction that does not encode is a codec error for digest, id and signature digest", () => {
    for (const r of [transactionDigest({}), transactionId({}), signatureDigest({}, CHAIN)]) expect(E.isLeft(r) && r.left._tag).toBe("CodecError");
  });
  it("the id is the first 20 bytes of the digest", () => {
    expect(right(transactionId(t))).toHaveLength(40);
    expect(right(transactionDigest(t)).startsWith(right(transactionId(t)))).toBe(true);
  });
});

describe("block numbers and ids", () => {
  it("num_from_id reads the first 4 bytes big-endian, the whole 32-bit range", () => {
    expect(blockNumFromId("00000000" + "ff".repeat(16))).toBe(0);
    expect(blockNumFromId("00000001" + "00".repeat(16))).toBe(1);
    expect(blockNumFromId("0102030400")).toBe(0x01020304);
    expect(blockNumFromId("ffffffff" + "00".repeat(16))).toBe(4294967295);
  });
  it("a block id carries previous + 1 in its first 4 bytes and the sha224 of the signed header after", () => {
    const header = { previous: "00000000" + "00".repeat(16), timestamp: 1_600_000_000, witness: "1.6.0", transaction_merkle_root: "00".repeat(20), extensions: [], witness_signature: "00".repeat(65) };
    const id = right(blockId(header));
    expect(id.slice(0, 8)).toBe("00000001");
    expect(id).toHaveLength(40);
    const packed = right(encode("signed_block_header", header));
    expect(id.slice(8)).toBe(bytesToHex(sha224(packed).subarray(4, 20)));
    expect(ruleOf(blockId({ ...header, witness: "1.2.0" }) as never)).toBe("format");
  });
  it("referenceBlock takes the low 16 bits of the block number and bytes 4..8 little-endian", () => {
    expect(referenceBlock("0001ffff" + "01020304" + "00".repeat(12))).toEqual({ ref_block_num: 0xffff, ref_block_prefix: 0x04030201 });
    expect(referenceBlock("00010000" + "ffffffff" + "00".repeat(12))).toEqual({ ref_block_num: 0, ref_block_prefix: 0xffffffff });
  });
});

describe("chainIdOfGenesis", () => {
  it("is sha256 of the genesis text's bytes, as a string or as bytes", () => {
    // FIPS 180-2 test vector: sha256("abc").
    expect(chainIdOfGenesis("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(chainIdOfGenesis(new TextEncoder().encode("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(chainIdOfGenesis("é")).toBe(bytesToHex(sha256(Uint8Array.of(0xc3, 0xa9))));
  });
});
