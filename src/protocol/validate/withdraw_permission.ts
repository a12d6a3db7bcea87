// withdraw_permission.cpp: validate() of withdraw_permission_create (25), _update (26), _claim (27), _delete (28).
import { either as E } from "fp-ts";
import type {
  WithdrawPermissionClaimOperation, WithdrawPermissionCreateOperation, WithdrawPermissionDeleteOperation,
  WithdrawPermissionUpdateOperation,
} from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { feeNonNegative, OK, type Check } from "./common.js";

type Terms = Pick<WithdrawPermissionCreateOperation, "withdraw_from_account" | "authorized_account" | "withdrawal_limit" | "withdrawal_period_sec" | "periods_until_expiration">;

const limitPositive = (T: string, o: Terms): Check =>
  o.withdrawal_limit.amount > 0n ? OK : assertFail(`${T}.withdrawal_limit_positive`, "withdrawal_limit.amount", `withdrawal_limit ${o.withdrawal_limit.amount} is not positive`);
const periodPositive = (T: string, o: Terms): Check =>
  o.withdrawal_period_sec > 0 ? OK : assertFail(`${T}.withdrawal_period_positive`, "withdrawal_period_sec", "withdrawal_period_sec is 0");
const distinctAccounts = (T: string, o: Pick<Terms, "withdraw_from_account" | "authorized_account">): Check =>
  o.withdraw_from_account !== o.authorized_account
    ? OK
    : assertFail(`${T}.distinct_accounts`, "authorized_account", `withdraw_from_account and authorized_account are both ${o.authorized_account}`);
const periodsPositive = (T: string, o: Terms): Check =>
  o.periods_until_expiration > 0 ? OK : assertFail(`${T}.periods_until_expiration_positive`, "periods_until_expiration", "periods_until_expiration is 0");

function firstLeft(checks: ReadonlyArray<() => Check>): Check {
  for (const c of checks) {
    const r = c();
    if (E.isLeft(r)) return r;
  }
  return OK;
}

export function validateWithdrawPermissionCreateOperation(op: WithdrawPermissionCreateOperation): Check {
  const T = "withdraw_permission_create_operation";
  return firstLeft([() => feeNonNegative(T, op.fee), () => distinctAccounts(T, op), () => limitPositive(T, op), () => periodPositive(T, op), () => periodsPositive(T, op)]);
}

/** Same checks as create, in withdraw_permission.cpp's different order. */
export function validateWithdrawPermissionUpdateOperation(op: WithdrawPermissionUpdateOperation): Check {
  const T = "withdraw_permission_update_operation";
  return firstLeft([() => limitPositive(T, op), () => feeNonNegative(T, op.fee), () => periodPositive(T, op), () => distinctAccounts(T, op), () => periodsPositive(T, op)]);
}

export function validateWithdrawPermissionClaimOperation(op: WithdrawPermissionClaimOperation): Check {
  const T = "withdraw_permission_claim_operation";
  if (op.withdraw_to_account === op.withdraw_from_account)
    return assertFail(`${T}.distinct_accounts`, "withdraw_to_account", `withdraw_from_account and withdraw_to_account are both ${op.withdraw_to_account}`);
  if (!(op.amount_to_withdraw.amount > 0n))
    return assertFail(`${T}.amount_positive`, "amount_to_withdraw.amount", `amount_to_withdraw ${op.amount_to_withdraw.amount} is not positive`);
  return feeNonNegative(T, op.fee);
}

export function validateWithdrawPermissionDeleteOperation(op: WithdrawPermissionDeleteOperation): Check {
  const T = "withdraw_permission_delete_operation";
  return firstLeft([() => feeNonNegative(T, op.fee), () => distinctAccounts(T, op)]);
}
