// vesting.hpp: validate() of vesting_balance_create (32) and vesting_balance_withdraw (33).
import { either as E } from "fp-ts";
import type { VestingBalanceCreateOperation, VestingBalanceWithdrawOperation } from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { TEMP_ACCOUNT } from "../config.js";
import { feeNonNegative, OK, type Check } from "./common.js";

export function validateVestingBalanceCreateOperation(op: VestingBalanceCreateOperation): Check {
  const T = "vesting_balance_create_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.amount.amount > 0n)) return assertFail(`${T}.amount_positive`, "amount.amount", `amount ${op.amount.amount} is not positive`);
  return OK;
}

export function validateVestingBalanceWithdrawOperation(op: VestingBalanceWithdrawOperation): Check {
  const T = "vesting_balance_withdraw_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.amount.amount > 0n)) return assertFail(`${T}.amount_positive`, "amount.amount", `amount ${op.amount.amount} is not positive`);
  if (op.owner === TEMP_ACCOUNT) return assertFail(`${T}.owner_not_temp`, "owner", `owner ${op.owner} is the temp account`);
  return OK;
}
