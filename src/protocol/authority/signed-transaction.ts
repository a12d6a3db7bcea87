// The signed_transaction members over the functions of this folder: get_signature_keys (the keys that
// signed, as ChainErrors), verify_authority and get_required_signatures of a signed transaction.
import { either as E } from "fp-ts";
import type { Operation } from "../../../generated/native-types.js";
import type { CodecError } from "../../codec/index.js";
import type { CryptoError } from "../../crypto/errors.js";
import { signatureKeys, type SignatureError, type SignedTransactionLike } from "../../crypto/transaction.js";
import { chainError, type ChainError } from "../errors.js";
import { getRequiredSignatures } from "./required-signatures.js";
import type { AuthorityCheckOptions, AuthorityError, AuthorityLookup, CustomAuthorityLookup } from "./types.js";
import { verifyAuthority } from "./verify-authority.js";

export interface SignedTransactionWithOperations extends SignedTransactionLike {
  readonly operations: readonly Operation[];
}

/**
 * The fc exception bitshares-core throws for each way recovering the signing keys can fail
 * (signed_transaction::get_signature_keys, fc::ecc::public_key's compact-signature constructor).
 */
function toChainError(e: CodecError | CryptoError | SignatureError): ChainError {
  const field = "index" in e ? `signatures[${e.index}]` : e._tag === "CodecError" ? e.path : "";
  const rule = `signed_transaction.${e.rule}`;
  if (e._tag === "CodecError") return chainError("invalid_arg_exception", rule, field, `the transaction cannot be packed: ${e.message}`);
  switch (e.rule) {
    case "signature_duplicate":
      return chainError("tx_duplicate_sig", rule, field, "two signatures of one key (Duplicate Signature detected)");
    case "signature_header":
      // FC_THROW_EXCEPTION( exception, "unable to reconstruct public key from signature" )
      return chainError("unspecified_exception", rule, field, e.message);
    case "signature_not_canonical":
    case "signature_invalid":
    case "signature_length":
      // FC_ASSERT( is_canonical(c) ) / FC_ASSERT( secp256k1_ecdsa_recover_compact(...) ); a signature is
      // 65 bytes by type in C++, so a wrong length only arises from malformed in-memory values
      return chainError("assert_exception", rule, field, e.message);
    default:
      return chainError("invalid_arg_exception", rule, field, e.message);
  }
}

/** get_signature_keys: one key per signature, in signature order; a key signing twice is tx_duplicate_sig. */
export function transactionSignatureKeys(tx: SignedTransactionLike, chainId: string): E.Either<ChainError, string[]> {
  return E.mapLeft(toChainError)(signatureKeys(tx, chainId));
}

/** signed_transaction::verify_authority: the signing keys first (tx_duplicate_sig before any authority fault). */
export function verifyTransactionAuthority(
  tx: SignedTransactionWithOperations,
  chainId: string,
  getActive: AuthorityLookup,
  getOwner: AuthorityLookup,
  getCustomAuthorities: CustomAuthorityLookup,
  options: AuthorityCheckOptions = {},
): E.Either<AuthorityError, void> {
  return E.flatMap(transactionSignatureKeys(tx, chainId), (keys) =>
    verifyAuthority(tx.operations, keys, getActive, getOwner, getCustomAuthorities, options));
}

/** signed_transaction::get_required_signatures, with the keys that already signed recovered from `tx`. */
export function transactionRequiredSignatures(
  tx: SignedTransactionWithOperations,
  chainId: string,
  availableKeys: readonly string[],
  getActive: AuthorityLookup,
  getOwner: AuthorityLookup,
  options: AuthorityCheckOptions = {},
): E.Either<ChainError, string[]> {
  return E.flatMap(transactionSignatureKeys(tx, chainId), (keys) => getRequiredSignatures(tx.operations, keys, availableKeys, getActive, getOwner, options));
}
