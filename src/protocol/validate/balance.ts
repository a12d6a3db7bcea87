// operations.cpp: balance_claim_operation::validate (37).
import type { BalanceClaimOperation } from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { ASSET_ZERO, OK, type Check } from "./common.js";

/** public_key_type(): the all-zero 33-byte key. */
const NULL_PUBLIC_KEY = "00".repeat(33);

/** The fee must equal asset(): 0 of the core asset; the owner key must not be the null key. */
export function validateBalanceClaimOperation(op: BalanceClaimOperation): Check {
  const T = "balance_claim_operation";
  if (op.fee.amount !== 0n || op.fee.asset_id !== ASSET_ZERO)
    return assertFail(`${T}.fee_zero`, "fee", `fee is ${op.fee.amount} of ${op.fee.asset_id}, not 0 of ${ASSET_ZERO}`);
  if (op.balance_owner_key === NULL_PUBLIC_KEY) return assertFail(`${T}.owner_key_set`, "balance_owner_key", "balance_owner_key is the null key");
  return OK;
}
