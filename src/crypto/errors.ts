// Typed errors of the crypto layer: each names the rule the input broke.

export type CryptoRule =
  | "wif" // not a WIF private key (base58, length or checksum)
  | "secret_key" // a private key outside 1..n-1
  | "public_key" // a public key that is not a point of the curve (where one is needed)
  | "digest" // a digest that is not 32 bytes
  | "chain_id" // a chain id that is not 32 bytes of hex
  | "signature_length"
  | "signature_header" // header byte outside 27..34
  | "signature_not_canonical" // fc's is_canonical fails
  | "signature_invalid" // no key recovers
  | "memo_keys" // neither memo key belongs to the given private key
  | "memo_ciphertext" // AES-256-CBC decryption failed (wrong key or corrupted message)
  | "memo_checksum" // the decrypted memo's checksum does not match its text
  | "signature_duplicate"; // two signatures of one key (bitshares-core: tx_duplicate_sig)

export interface CryptoError {
  readonly _tag: "CryptoError";
  readonly rule: CryptoRule;
  readonly message: string;
}

export const cryptoError = (rule: CryptoRule, message: string): CryptoError => ({ _tag: "CryptoError", rule, message });

export function formatCryptoError(e: CryptoError): string {
  return `${e.message} (rule: ${e.rule})`;
}
