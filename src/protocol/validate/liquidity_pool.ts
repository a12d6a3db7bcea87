// liquidity_pool.cpp: validate() of liquidity_pool_create (59), _delete (60), _deposit (61), _withdraw (62),
// _exchange (63) and _update (75).
import { either as E } from "fp-ts";
import type {
  LiquidityPoolCreateOperation, LiquidityPoolDeleteOperation, LiquidityPoolDepositOperation, LiquidityPoolExchangeOperation,
  LiquidityPoolUpdateOperation, LiquidityPoolWithdrawOperation,
} from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { feeNonNegative, idLess, OK, PERCENT_100, type Check } from "./common.js";

export function validateLiquidityPoolCreateOperation(op: LiquidityPoolCreateOperation): Check {
  const T = "liquidity_pool_create_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!idLess(op.asset_a, op.asset_b)) return assertFail(`${T}.assets_ordered`, "asset_b", `asset_a ${op.asset_a} is not below asset_b ${op.asset_b}`);
  if (op.asset_a === op.share_asset || op.asset_b === op.share_asset)
    return assertFail(`${T}.share_asset_distinct`, "share_asset", `share asset ${op.share_asset} is one of the pool's assets`);
  if (op.taker_fee_percent > PERCENT_100)
    return assertFail(`${T}.taker_fee_percent_max`, "taker_fee_percent", `taker_fee_percent ${op.taker_fee_percent} exceeds ${PERCENT_100}`);
  if (op.withdrawal_fee_percent > PERCENT_100)
    return assertFail(`${T}.withdrawal_fee_percent_max`, "withdrawal_fee_percent", `withdrawal_fee_percent ${op.withdrawal_fee_percent} exceeds ${PERCENT_100}`);
  return OK;
}

export const validateLiquidityPoolDeleteOperation = (op: LiquidityPoolDeleteOperation): Check => feeNonNegative("liquidity_pool_delete_operation", op.fee);

export function validateLiquidityPoolUpdateOperation(op: LiquidityPoolUpdateOperation): Check {
  const T = "liquidity_pool_update_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (op.taker_fee_percent === undefined && op.withdrawal_fee_percent === undefined) return assertFail(`${T}.has_update`, "", "nothing to update");
  if (op.taker_fee_percent !== undefined && op.taker_fee_percent > PERCENT_100)
    return assertFail(`${T}.taker_fee_percent_max`, "taker_fee_percent", `taker_fee_percent ${op.taker_fee_percent} exceeds ${PERCENT_100}`);
  if (op.withdrawal_fee_percent !== undefined && op.withdrawal_fee_percent !== 0)
    return assertFail(`${T}.withdrawal_fee_percent_zero`, "withdrawal_fee_percent", `withdrawal_fee_percent can only be updated to 0, not ${op.withdrawal_fee_percent}`);
  return OK;
}

export function validateLiquidityPoolDepositOperation(op: LiquidityPoolDepositOperation): Check {
  const T = "liquidity_pool_deposit_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.amount_a.amount > 0n)) return assertFail(`${T}.amounts_positive`, "amount_a.amount", `amount_a ${op.amount_a.amount} is not positive`);
  if (!(op.amount_b.amount > 0n)) return assertFail(`${T}.amounts_positive`, "amount_b.amount", `amount_b ${op.amount_b.amount} is not positive`);
  if (!idLess(op.amount_a.asset_id, op.amount_b.asset_id))
    return assertFail(`${T}.assets_ordered`, "amount_b.asset_id", `amount_a's asset ${op.amount_a.asset_id} is not below amount_b's ${op.amount_b.asset_id}`);
  return OK;
}

export function validateLiquidityPoolWithdrawOperation(op: LiquidityPoolWithdrawOperation): Check {
  const T = "liquidity_pool_withdraw_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.share_amount.amount > 0n)) return assertFail(`${T}.share_amount_positive`, "share_amount.amount", `share_amount ${op.share_amount.amount} is not positive`);
  return OK;
}

export function validateLiquidityPoolExchangeOperation(op: LiquidityPoolExchangeOperation): Check {
  const T = "liquidity_pool_exchange_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.amount_to_sell.amount > 0n)) return assertFail(`${T}.amount_to_sell_positive`, "amount_to_sell.amount", `amount_to_sell ${op.amount_to_sell.amount} is not positive`);
  if (!(op.min_to_receive.amount > 0n)) return assertFail(`${T}.min_to_receive_positive`, "min_to_receive.amount", `min_to_receive ${op.min_to_receive.amount} is not positive`);
  if (op.amount_to_sell.asset_id === op.min_to_receive.asset_id)
    return assertFail(`${T}.distinct_assets`, "min_to_receive.asset_id", `selling and receiving the same asset ${op.min_to_receive.asset_id}`);
  return OK;
}
