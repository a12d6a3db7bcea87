// market.cpp / market.hpp: validate() of limit_order_create (1), limit_order_cancel (2), call_order_update (3),
// fill_order (4, virtual), bid_collateral (45), execute_bid (46, virtual), limit_order_update (77), and of
// the take-profit order action that limit orders carry in on_fill.
import { either as E } from "fp-ts";
import type {
  BidCollateralOperation, CallOrderUpdateOperation, CreateTakeProfitOrderAction, ExecuteBidOperation, FillOrderOperation,
  LimitOrderAutoAction, LimitOrderCancelOperation, LimitOrderCreateOperation, LimitOrderUpdateOperation,
} from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { feeNonNegative, OK, PERCENT_100, under, type Check } from "./common.js";
import { validatePrice } from "./price.js";

/** create_take_profit_order_action::validate. */
export function validateCreateTakeProfitOrderAction(a: CreateTakeProfitOrderAction): Check {
  const T = "create_take_profit_order_action";
  if (!(a.spread_percent > 0)) return assertFail(`${T}.spread_percent_positive`, "spread_percent", "spread_percent is 0");
  if (!(a.size_percent > 0)) return assertFail(`${T}.size_percent_positive`, "size_percent", "size_percent is 0");
  if (a.size_percent > PERCENT_100) return assertFail(`${T}.size_percent_max`, "size_percent", `size_percent ${a.size_percent} exceeds ${PERCENT_100}`);
  if (!(a.expiration_seconds > 0)) return assertFail(`${T}.expiration_seconds_positive`, "expiration_seconds", "expiration_seconds is 0");
  return OK;
}

/** Each on_fill action, at `field[i][1]`. */
function validateOnFill(actions: readonly LimitOrderAutoAction[], field: string): Check {
  for (let i = 0; i < actions.length; i++) {
    const r = under(`${field}[${i}][1]`, validateCreateTakeProfitOrderAction(actions[i]![1]));
    if (E.isLeft(r)) return r;
  }
  return OK;
}

export function validateLimitOrderCreateOperation(op: LimitOrderCreateOperation): Check {
  const T = "limit_order_create_operation";
  if (op.amount_to_sell.asset_id === op.min_to_receive.asset_id)
    return assertFail(`${T}.distinct_assets`, "min_to_receive.asset_id", `selling and receiving the same asset ${op.amount_to_sell.asset_id}`);
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.amount_to_sell.amount > 0n)) return assertFail(`${T}.amount_to_sell_positive`, "amount_to_sell.amount", `amount_to_sell ${op.amount_to_sell.amount} is not positive`);
  if (!(op.min_to_receive.amount > 0n)) return assertFail(`${T}.min_to_receive_positive`, "min_to_receive.amount", `min_to_receive ${op.min_to_receive.amount} is not positive`);
  return op.extensions.on_fill ? validateOnFill(op.extensions.on_fill, "extensions.on_fill") : OK;
}

export function validateLimitOrderUpdateOperation(op: LimitOrderUpdateOperation): Check {
  const T = "limit_order_update_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  // An empty on_fill counts: it clears the order's actions.
  if (!op.new_price && !op.delta_amount_to_sell && op.new_expiration === undefined && !op.on_fill)
    return assertFail(`${T}.has_update`, "", "nothing to update");
  if (op.new_price) {
    const r = under("new_price", validatePrice(op.new_price));
    if (E.isLeft(r)) return r;
  }
  if (op.delta_amount_to_sell && op.delta_amount_to_sell.amount === 0n)
    return assertFail(`${T}.delta_amount_to_sell_non_zero`, "delta_amount_to_sell.amount", "delta_amount_to_sell is 0");
  return op.on_fill ? validateOnFill(op.on_fill, "on_fill") : OK;
}

export const validateLimitOrderCancelOperation = (op: LimitOrderCancelOperation): Check => feeNonNegative("limit_order_cancel_operation", op.fee);

export function validateCallOrderUpdateOperation(op: CallOrderUpdateOperation): Check {
  const T = "call_order_update_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (op.delta_collateral.asset_id === op.delta_debt.asset_id)
    return assertFail(`${T}.distinct_assets`, "delta_debt.asset_id", `collateral and debt are both asset ${op.delta_debt.asset_id}`);
  if (op.delta_collateral.amount === 0n && op.delta_debt.amount === 0n)
    return assertFail(`${T}.has_change`, "", "both delta_collateral and delta_debt are 0");
  return OK;
}

export function validateBidCollateralOperation(op: BidCollateralOperation): Check {
  const T = "bid_collateral_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  // Either a zero debt (cancelling a bid) or a positive debt for positive additional collateral.
  const debt = op.debt_covered.amount;
  if (!(debt === 0n || (debt > 0n && op.additional_collateral.amount > 0n)))
    return debt < 0n
      ? assertFail(`${T}.bid_amounts`, "debt_covered.amount", `debt_covered ${debt} is negative`)
      : assertFail(`${T}.bid_amounts`, "additional_collateral.amount", `additional_collateral ${op.additional_collateral.amount} is not positive for a debt of ${debt}`);
  return OK;
}

/** fill_order_operation (4) is virtual: its validate() always fails. */
export const validateFillOrderOperation = (_op: FillOrderOperation): Check =>
  assertFail("fill_order_operation.virtual", "", "fill_order_operation is a virtual operation");

/** execute_bid_operation (46) is virtual: its validate() always fails. */
export const validateExecuteBidOperation = (_op: ExecuteBidOperation): Check =>
  assertFail("execute_bid_operation.virtual", "", "execute_bid_operation is a virtual operation");
