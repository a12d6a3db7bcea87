// confidential.cpp: validate() of transfer_to_blind (39), blind_transfer (40) and transfer_from_blind (41).
// These are the only validate() rules that do elliptic-curve arithmetic (pedersen.ts).
import { either as E } from "fp-ts";
import type {
  BlindInput, BlindOutput, BlindTransferOperation, TransferFromBlindOperation, TransferToBlindOperation,
} from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { feeNonNegative, MAX_SHARE_SUPPLY, OK, type Check } from "./common.js";
import { isImpossible } from "./authority.js";
import { commit, rangeProofInfo, verifySum } from "./pedersen.js";

/** Commitments must be strictly increasing (bytewise, std::array operator<): sorted and unique. */
function sortedCommitments(T: string, items: ReadonlyArray<BlindInput | BlindOutput>, field: "inputs" | "outputs"): Check {
  for (let i = 1; i < items.length; i++)
    if (!(items[i - 1]!.commitment < items[i]!.commitment))
      return assertFail(`${T}.${field}_sorted`, `${field}[${i}].commitment`, `${field} are not sorted by commitment at index ${i}`);
  return OK;
}

/** The outputs' loop of transfer_to_blind and blind_transfer: sorted, and no owner impossible to satisfy. */
function validateOutputs(T: string, outputs: readonly BlindOutput[]): Check {
  for (let i = 0; i < outputs.length; i++) {
    if (i > 0 && !(outputs[i - 1]!.commitment < outputs[i]!.commitment))
      return assertFail(`${T}.outputs_sorted`, `outputs[${i}].commitment`, `outputs are not sorted by commitment at index ${i}`);
    if (isImpossible(outputs[i]!.owner))
      return assertFail(`${T}.output_owner_possible`, `outputs[${i}].owner`, "output owner threshold exceeds the sum of its weights");
  }
  return OK;
}

/** With more than one output, every range proof must prove a maximum of at most GRAPHENE_MAX_SHARE_SUPPLY
 *  (an unreadable proof header fails fc::ecc::range_get_info's own assert). */
function validateRangeProofs(T: string, outputs: readonly BlindOutput[]): Check {
  if (outputs.length <= 1) return OK;
  for (let i = 0; i < outputs.length; i++) {
    const info = rangeProofInfo(outputs[i]!.range_proof);
    if (!info) return assertFail(`${T}.range_proof_readable`, `outputs[${i}].range_proof`, "the range proof header cannot be read");
    if (info.maxValue > MAX_SHARE_SUPPLY)
      return assertFail(`${T}.range_proof_max`, `outputs[${i}].range_proof`, `the range proof allows values up to ${info.maxValue}, above ${MAX_SHARE_SUPPLY}`);
  }
  return OK;
}

export function validateTransferToBlindOperation(op: TransferToBlindOperation): Check {
  const T = "transfer_to_blind_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.amount.amount > 0n)) return assertFail(`${T}.amount_positive`, "amount.amount", `amount ${op.amount.amount} is not positive`);
  const outs = validateOutputs(T, op.outputs);
  if (E.isLeft(outs)) return outs;
  if (op.outputs.length === 0) return assertFail(`${T}.has_outputs`, "outputs", "there must be at least one output");
  // The public amount, committed with the given blinding factor, must equal the sum of the outputs.
  const publicCommitment = commit(op.blinding_factor, op.amount.amount);
  if (publicCommitment === undefined)
    return assertFail(`${T}.blinding_factor_valid`, "blinding_factor", "the blinding factor and amount give no valid commitment");
  if (!verifySum([publicCommitment], op.outputs.map((o) => o.commitment), 0n))
    return assertFail(`${T}.commitments_balance`, "outputs", `the outputs do not commit to the public amount ${op.amount.amount}`);
  return validateRangeProofs(T, op.outputs);
}

export function validateTransferFromBlindOperation(op: TransferFromBlindOperation): Check {
  const T = "transfer_from_blind_operation";
  if (!(op.amount.amount > 0n)) return assertFail(`${T}.amount_positive`, "amount.amount", `amount ${op.amount.amount} is not positive`);
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (op.inputs.length === 0) return assertFail(`${T}.has_inputs`, "inputs", "there must be at least one input");
  if (op.amount.asset_id !== op.fee.asset_id)
    return assertFail(`${T}.fee_in_amount_asset`, "fee.asset_id", `the fee is in ${op.fee.asset_id} but the amount in ${op.amount.asset_id}`);
  // fee + amount as int64 (both non-negative here, so the sum fits in the uint64 that fc::ecc::blind takes).
  const publicCommitment = commit(op.blinding_factor, op.fee.amount + op.amount.amount);
  if (publicCommitment === undefined)
    return assertFail(`${T}.blinding_factor_valid`, "blinding_factor", "the blinding factor and amount give no valid commitment");
  const sorted = sortedCommitments(T, op.inputs, "inputs");
  if (E.isLeft(sorted)) return sorted;
  if (!verifySum(op.inputs.map((i) => i.commitment), [publicCommitment], 0n))
    return assertFail(`${T}.commitments_balance`, "inputs", `the inputs do not commit to the fee plus amount ${op.fee.amount + op.amount.amount}`);
  return OK;
}

/** blind_transfer: the fee is the only public value (its sign is not checked). */
export function validateBlindTransferOperation(op: BlindTransferOperation): Check {
  const T = "blind_transfer_operation";
  const sorted = sortedCommitments(T, op.inputs, "inputs");
  if (E.isLeft(sorted)) return sorted;
  const outs = validateOutputs(T, op.outputs);
  if (E.isLeft(outs)) return outs;
  if (op.inputs.length === 0) return assertFail(`${T}.has_inputs`, "inputs", "there must be at least one input");
  if (!verifySum(op.inputs.map((i) => i.commitment), op.outputs.map((o) => o.commitment), op.fee.amount))
    return assertFail(`${T}.commitments_balance`, "", `the inputs do not commit to the outputs plus the fee ${op.fee.amount}`);
  // confidential.cpp repeats the tally check after the range proofs; it cannot fail a second time.
  return validateRangeProofs(T, op.outputs);
}
