// samet_fund.cpp: validate() of samet_fund_create (64), _delete (65), _update (66), _borrow (67), _repay (68).
import { either as E } from "fp-ts";
import type {
  SametFundBorrowOperation, SametFundCreateOperation, SametFundDeleteOperation, SametFundRepayOperation, SametFundUpdateOperation,
} from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { feeNonNegative, OK, type Check } from "./common.js";

export function validateSametFundCreateOperation(op: SametFundCreateOperation): Check {
  const T = "samet_fund_create_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.balance > 0n)) return assertFail(`${T}.balance_positive`, "balance", `balance ${op.balance} is not positive`);
  return OK;
}

export const validateSametFundDeleteOperation = (op: SametFundDeleteOperation): Check => feeNonNegative("samet_fund_delete_operation", op.fee);

export function validateSametFundUpdateOperation(op: SametFundUpdateOperation): Check {
  const T = "samet_fund_update_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!op.delta_amount && op.new_fee_rate === undefined) return assertFail(`${T}.has_update`, "", "nothing to update");
  if (op.delta_amount && op.delta_amount.amount === 0n) return assertFail(`${T}.delta_amount_non_zero`, "delta_amount.amount", "delta_amount is 0");
  return OK;
}

export function validateSametFundBorrowOperation(op: SametFundBorrowOperation): Check {
  const T = "samet_fund_borrow_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.borrow_amount.amount > 0n)) return assertFail(`${T}.borrow_amount_positive`, "borrow_amount.amount", `borrow_amount ${op.borrow_amount.amount} is not positive`);
  return OK;
}

export function validateSametFundRepayOperation(op: SametFundRepayOperation): Check {
  const T = "samet_fund_repay_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.repay_amount.amount > 0n)) return assertFail(`${T}.repay_amount_positive`, "repay_amount.amount", `repay_amount ${op.repay_amount.amount} is not positive`);
  if (!(op.fund_fee.amount >= 0n)) return assertFail(`${T}.fund_fee_non_negative`, "fund_fee.amount", `fund_fee ${op.fund_fee.amount} is negative`);
  if (op.repay_amount.asset_id !== op.fund_fee.asset_id)
    return assertFail(`${T}.same_asset`, "fund_fee.asset_id", `repay_amount is in ${op.repay_amount.asset_id} but fund_fee in ${op.fund_fee.asset_id}`);
  return OK;
}
