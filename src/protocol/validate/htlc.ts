// htlc.cpp / htlc.hpp: validate() of htlc_create (49), htlc_redeem (50), htlc_redeemed (51, virtual),
// htlc_extend (52) and htlc_refund (53, virtual). The preimage hash and size rules (size within
// updatable_htlc_options.max_preimage_size, hash matched on redeem) are the evaluators'.
import { either as E } from "fp-ts";
import type {
  HtlcCreateOperation, HtlcExtendOperation, HtlcRedeemedOperation, HtlcRedeemOperation, HtlcRefundOperation,
} from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { feeNonNegative, OK, type Check } from "./common.js";

export function validateHtlcCreateOperation(op: HtlcCreateOperation): Check {
  const T = "htlc_create_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.amount.amount > 0n)) return assertFail(`${T}.amount_positive`, "amount.amount", `amount ${op.amount.amount} is not positive`);
  return OK;
}

export const validateHtlcRedeemOperation = (op: HtlcRedeemOperation): Check => feeNonNegative("htlc_redeem_operation", op.fee);

export const validateHtlcExtendOperation = (op: HtlcExtendOperation): Check => feeNonNegative("htlc_extend_operation", op.fee);

/** htlc_redeemed_operation (51) is virtual: its validate() always fails. */
export const validateHtlcRedeemedOperation = (_op: HtlcRedeemedOperation): Check =>
  assertFail("htlc_redeemed_operation.virtual", "", "htlc_redeemed_operation is a virtual operation");

/** htlc_refund_operation (53) is virtual: its validate() always fails. */
export const validateHtlcRefundOperation = (_op: HtlcRefundOperation): Check =>
  assertFail("htlc_refund_operation.virtual", "", "htlc_refund_operation is a virtual operation");
