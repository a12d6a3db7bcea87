// Digests and ids of transactions and blocks as bitshares-core computes them (protocol/transaction.cpp,
// protocol/block.cpp), and the chain id of a genesis (app/application.cpp). Inputs are in-memory values of
// src/codec; results are lowercase hex.
import { either as E } from "fp-ts";
import { encode, type CodecError } from "../codec/index.js";
import { bytesToHex, hexToBytes, isHex } from "../codec/hex.js";
import { cryptoError, type CryptoError } from "./errors.js";
import { ripemd160, sha224, sha256 } from "./hash.js";

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/** transaction::digest: sha256 of the packed transaction (signatures are not part of it). */
export const transactionDigest = (tx: unknown): E.Either<CodecError, string> =>
  E.map((b: Uint8Array) => bytesToHex(sha256(b)))(encode("transaction", tx));

/** transaction::id: the first 20 bytes of the digest. */
export const transactionId = (tx: unknown): E.Either<CodecError, string> => E.map((d: string) => d.slice(0, 40))(transactionDigest(tx));

/** A chain id as 32 bytes, from 64 hex digits. */
export function chainIdBytes(chainId: string): E.Either<CryptoError, Uint8Array> {
  return chainId.length === 64 && isHex(chainId) ? E.right(hexToBytes(chainId)) : E.left(cryptoError("chain_id", "a chain id is 64 hex digits"));
}

/** transaction::sig_digest: sha256(chain id ‖ packed transaction), the digest signatures sign. */
export function signatureDigest(tx: unknown, chainId: string): E.Either<CodecError | CryptoError, Uint8Array> {
  return E.flatMap(chainIdBytes(chainId), (id) => E.map((b: Uint8Array) => sha256(concat(id, b)))(encode("transaction", tx)));
}

/** block_header::digest: sha256 of the packed header, the digest the witness signs. */
export const blockHeaderDigest = (header: unknown): E.Either<CodecError, string> =>
  E.map((b: Uint8Array) => bytesToHex(sha256(b)))(encode("block_header", header));

/** block_header::num_from_id: the block number in the first 4 bytes of a block id, big-endian. */
export function blockNumFromId(blockId: string): number {
  return parseInt(blockId.slice(0, 8), 16) >>> 0;
}

/**
 * signed_block_header::id: sha224 of the packed signed header (signature included), its first 4 bytes
 * replaced by the block number (big-endian), cut to 20 bytes.
 */
export function blockId(header: { previous: string } & Record<string, unknown>): E.Either<CodecError, string> {
  return E.map((b: Uint8Array) => {
    const h = sha224(b);
    new DataView(h.buffer, h.byteOffset).setUint32(0, (blockNumFromId(header.previous) + 1) >>> 0, false);
    return bytesToHex(h.subarray(0, 20));
  })(encode("signed_block_header", header));
}

/**
 * signed_block::calculate_merkle_root: sha256 of each packed processed_transaction, paired up level by
 * level as sha256(left ‖ right) with an odd last one carried up, then ripemd160 of the top. All zero for
 * no transactions.
 */
export function merkleRoot(transactions: readonly unknown[]): E.Either<CodecError, string> {
  if (transactions.length === 0) return E.right("00".repeat(20));
  let level: Uint8Array[] = [];
  for (const tx of transactions) {
    const b = encode("processed_transaction", tx);
    if (E.isLeft(b)) return b;
    level.push(sha256(b.right));
  }
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(sha256(concat(level[i]!, level[i + 1]!)));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return E.right(bytesToHex(ripemd160(level[0]!)));
}

/** The chain id bitshares-core gives a genesis: sha256 of the genesis file's bytes, exactly as read. */
export function chainIdOfGenesis(genesis: string | Uint8Array): string {
  return bytesToHex(sha256(typeof genesis === "string" ? new TextEncoder().encode(genesis) : genesis));
}

/** transaction::set_reference_block: TaPoS fields from a block id. */
export function referenceBlock(blockId: string): { ref_block_num: number; ref_block_prefix: number } {
  const b = hexToBytes(blockId);
  const view = new DataView(b.buffer, b.byteOffset);
  return { ref_block_num: view.getUint32(0, false) & 0xffff, ref_block_prefix: view.getUint32(4, true) };
}
