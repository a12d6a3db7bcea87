// transfer.cpp: validate() of transfer (0) and override_transfer (38).
import { either as E } from "fp-ts";
import type { OverrideTransferOperation, TransferOperation } from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { feeNonNegative, OK, type Check } from "./common.js";

export function validateTransferOperation(op: TransferOperation): Check {
  const T = "transfer_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (op.from === op.to) return assertFail(`${T}.from_not_to`, "to", `from and to are both ${op.to}`);
  if (!(op.amount.amount > 0n)) return assertFail(`${T}.amount_positive`, "amount.amount", `amount ${op.amount.amount} is not positive`);
  return OK;
}

export function validateOverrideTransferOperation(op: OverrideTransferOperation): Check {
  const T = "override_transfer_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (op.from === op.to) return assertFail(`${T}.from_not_to`, "to", `from and to are both ${op.to}`);
  if (!(op.amount.amount > 0n)) return assertFail(`${T}.amount_positive`, "amount.amount", `amount ${op.amount.amount} is not positive`);
  if (op.issuer === op.from) return assertFail(`${T}.issuer_not_from`, "from", `the issuer ${op.issuer} overrides a transfer from itself`);
  return OK;
}
