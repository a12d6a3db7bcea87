// Signing a transaction and finding the keys that signed it, as signed_transaction::sign and
// get_signature_keys do (protocol/transaction.cpp).
import { either as E } from "fp-ts";
import type { CodecError } from "../codec/index.js";
import { bytesToHex, hexToBytes, isHex } from "../codec/hex.js";
import { signatureDigest } from "./digests.js";
import { recoverCompact, signCompact } from "./ecdsa.js";
import { cryptoError, type CryptoError } from "./errors.js";

export interface SignedTransactionLike {
  readonly signatures?: readonly string[];
  readonly [field: string]: unknown;
}

/** The transaction with one signature per private key appended to its signatures, in key order. */
export function signTransaction<T extends SignedTransactionLike>(
  tx: T,
  chainId: string,
  secrets: readonly Uint8Array[],
): E.Either<CodecError | CryptoError, T & { signatures: string[] }> {
  return E.flatMap(signatureDigest(tx, chainId), (digest) => {
    const signatures = [...(tx.signatures ?? [])];
    for (const secret of secrets) {
      const sig = signCompact(secret, digest);
      if (E.isLeft(sig)) return sig;
      signatures.push(bytesToHex(sig.right));
    }
    return E.right({ ...tx, signatures });
  });
}

export interface SignatureError extends CryptoError {
  /** Index of the signature at fault. */
  readonly index: number;
}

/**
 * The public keys (compressed, hex) that signed the transaction, one per signature, each recovered with
 * fc's canonical check. Two signatures of one key are an error, as in bitshares-core.
 */
export function signatureKeys(tx: SignedTransactionLike, chainId: string): E.Either<CodecError | CryptoError | SignatureError, string[]> {
  return E.flatMap(signatureDigest(tx, chainId), (digest) => {
    const keys: string[] = [];
    const sigs = tx.signatures ?? [];
    for (let i = 0; i < sigs.length; i++) {
      const s = sigs[i]!;
      if (typeof s !== "string" || s.length !== 130 || !isHex(s))
        return E.left({ ...cryptoError("signature_length", "a compact signature is 65 bytes of hex"), index: i });
      const key = recoverCompact(hexToBytes(s), digest);
      if (E.isLeft(key)) return E.left({ ...key.left, index: i });
      const hex = bytesToHex(key.right);
      if (keys.includes(hex)) return E.left({ ...cryptoError("signature_duplicate", "duplicate signature: two signatures of one key"), index: i });
      keys.push(hex);
    }
    return E.right(keys);
  });
}
