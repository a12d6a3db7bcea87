// Required authorities and signature verification (bitshares-core protocol/transaction.cpp, operations.cpp).
export type {
  AuthorityCheckOptions,
  AuthorityError,
  AuthorityLookup,
  CustomAuthorityLookup,
  RejectedCustomAuthorities,
  VerifyAuthorityOptions,
} from "./types.js";
export { noCustomAuthorities } from "./types.js";
export {
  FEE_PAYER_FIELDS,
  getRequiredAuthorities,
  getTransactionRequiredAuthorities,
  operationRequirements,
  type OperationRequirements,
  type RequiredAuthorities,
  type Requirement,
} from "./required-authorities.js";
export { verifyAuthority } from "./verify-authority.js";
export {
  getPotentialAddressSignatures,
  getPotentialSignatures,
  getRequiredSignatures,
  minimizeRequiredSignatures,
} from "./required-signatures.js";
export {
  transactionRequiredSignatures,
  transactionSignatureKeys,
  verifyTransactionAuthority,
  type SignedTransactionWithOperations,
} from "./signed-transaction.js";
export { accountSet, comparePublicKeys, keySet } from "./ordering.js";
