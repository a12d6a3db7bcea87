// market.cpp validate(): limit_order_create (1), limit_order_cancel (2), call_order_update (3),
// fill_order (4, virtual), bid_collateral (45), execute_bid (46, virtual), limit_order_update (77), and the
// take-profit action of on_fill.
import { describe, it } from "vitest";
import type {
  BidCollateralOperation, CallOrderUpdateOperation, CreateTakeProfitOrderAction, ExecuteBidOperation, FillOrderOperation,
  LimitOrderCancelOperation, LimitOrderCreateOperation, LimitOrderUpdateOperation,
} from "../../../generated/native-types.js";
import {
  validateBidCollateralOperation, validateCallOrderUpdateOperation, validateCreateTakeProfitOrderAction, validateExecuteBidOperation,
  validateFillOrderOperation, validateLimitOrderCancelOperation, validateLimitOrderCreateOperation, validateLimitOrderUpdateOperation,
} from "./market.js";
import { asset, expectOk, expectRefused, make, price, zeroOf } from "./test_support.js";

const takeProfit = (patch: Partial<CreateTakeProfitOrderAction> = {}): CreateTakeProfitOrderAction =>
  make<CreateTakeProfitOrderAction>("create_take_profit_order_action", { spread_percent: 100, size_percent: 10000, expiration_seconds: 3600, ...patch });

describe("create_take_profit_order_action", () => {
  const T = "create_take_profit_order_action";
  it("accepts positive values with size at most 100%", () => {
    expectOk(validateCreateTakeProfitOrderAction(takeProfit()));
    expectOk(validateCreateTakeProfitOrderAction(takeProfit({ spread_percent: 65535, size_percent: 1, expiration_seconds: 1, repeat: true })));
  });
  it.each([
    ["spread_percent_positive", "spread_percent", { spread_percent: 0 }],
    ["size_percent_positive", "size_percent", { size_percent: 0 }],
    ["size_percent_max", "size_percent", { size_percent: 10001 }],
    ["expiration_seconds_positive", "expiration_seconds", { expiration_seconds: 0 }],
  ] as const)("refuses: %s at %j", (rule, field, patch) => {
    expectRefused(validateCreateTakeProfitOrderAction(takeProfit(patch)), `${T}.${rule}`, field);
  });
});

describe("limit_order_create_operation", () => {
  const T = "limit_order_create_operation";
  const valid = (patch: Partial<LimitOrderCreateOperation> = {}) =>
    make<LimitOrderCreateOperation>("limit_order_create_operation", { seller: "1.2.17", amount_to_sell: asset(100), min_to_receive: asset(1, "1.3.5"), ...patch });

  it("accepts an order, with take-profit actions", () => {
    expectOk(validateLimitOrderCreateOperation(valid()));
    expectOk(validateLimitOrderCreateOperation(valid({ extensions: { on_fill: [] } })));
    expectOk(validateLimitOrderCreateOperation(valid({ extensions: { on_fill: [[0, takeProfit()], [0, takeProfit({ size_percent: 1 })]] } })));
  });

  it.each([
    ["distinct_assets", "min_to_receive.asset_id", { min_to_receive: asset(1) }],
    // The assets are compared before the fee is looked at.
    ["distinct_assets", "min_to_receive.asset_id", { min_to_receive: asset(1), fee: asset(-1) }],
    ["fee_non_negative", "fee.amount", { fee: asset(-1) }],
    ["amount_to_sell_positive", "amount_to_sell.amount", { amount_to_sell: asset(0) }],
    ["min_to_receive_positive", "min_to_receive.amount", { min_to_receive: asset(-1, "1.3.5") }],
  ] as const)("refuses: %s at %j", (rule, field, patch) => {
    expectRefused(validateLimitOrderCreateOperation(valid(patch)), `${T}.${rule}`, field);
  });

  it("validates each on_fill action", () => {
    expectRefused(validateLimitOrderCreateOperation(valid({ extensions: { on_fill: [[0, takeProfit()], [0, takeProfit({ expiration_seconds: 0 })]] } })),
      "create_take_profit_order_action.expiration_seconds_positive", "extensions.on_fill[1][1].expiration_seconds");
  });
});

describe("limit_order_update_operation", () => {
  const T = "limit_order_update_operation";
  const base = () => make<LimitOrderUpdateOperation>("limit_order_update_operation", { seller: "1.2.17", order: "1.7.9" });

  it("accepts each kind of update alone; an empty on_fill counts (it clears the actions)", () => {
    expectOk(validateLimitOrderUpdateOperation({ ...base(), new_price: price(asset(1), asset(2, "1.3.5")) }));
    expectOk(validateLimitOrderUpdateOperation({ ...base(), delta_amount_to_sell: asset(-5) }));
    expectOk(validateLimitOrderUpdateOperation({ ...base(), new_expiration: 0 }));
    expectOk(validateLimitOrderUpdateOperation({ ...base(), on_fill: [] }));
    expectOk(validateLimitOrderUpdateOperation({ ...base(), on_fill: [[0, takeProfit()]] }));
  });

  it.each([
    ["fee_non_negative", "fee.amount", { fee: asset(-1), new_expiration: 5 }],
    ["has_update", "", {}],
    ["delta_amount_to_sell_non_zero", "delta_amount_to_sell.amount", { delta_amount_to_sell: asset(0) }],
  ] as const)("refuses: %s at %j", (rule, field, patch) => {
    expectRefused(validateLimitOrderUpdateOperation({ ...base(), ...(patch as Partial<LimitOrderUpdateOperation>) }), `${T}.${rule}`, field);
  });

  it("validates the new price and the on_fill actions", () => {
    expectRefused(validateLimitOrderUpdateOperation({ ...base(), new_price: price(asset(1), asset(0, "1.3.5")) }), "price.quote_amount_positive", "new_price.quote.amount");
    expectRefused(validateLimitOrderUpdateOperation({ ...base(), on_fill: [[0, takeProfit({ spread_percent: 0 })]] }),
      "create_take_profit_order_action.spread_percent_positive", "on_fill[0][1].spread_percent");
  });
});

describe("limit_order_cancel, call_order_update, bid_collateral, fill_order, execute_bid", () => {
  it("limit_order_cancel: only the fee", () => {
    const op = zeroOf<LimitOrderCancelOperation>("limit_order_cancel_operation");
    expectOk(validateLimitOrderCancelOperation(op));
    expectRefused(validateLimitOrderCancelOperation({ ...op, fee: asset(-1) }), "limit_order_cancel_operation.fee_non_negative", "fee.amount");
  });

  // tests/tests/operation_tests.cpp call_order_update_validation_test, step by step
  it("call_order_update_validation_test", () => {
    const T = "call_order_update_operation";
    let op = zeroOf<CallOrderUpdateOperation>("call_order_update_operation");
    expectRefused(validateCallOrderUpdateOperation(op), `${T}.distinct_assets`, "delta_debt.asset_id");
    op = { ...op, delta_debt: asset(1, "1.3.1") };
    expectOk(validateCallOrderUpdateOperation(op));
    expectRefused(validateCallOrderUpdateOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    op = { ...op, delta_collateral: asset(0, "1.3.1") };
    expectRefused(validateCallOrderUpdateOperation(op), `${T}.distinct_assets`, "delta_debt.asset_id");
    op = { ...op, delta_debt: asset(0) };
    expectRefused(validateCallOrderUpdateOperation(op), `${T}.has_change`, "");
    op = { ...op, delta_debt: asset(-1) };
    expectOk(validateCallOrderUpdateOperation(op));
    expectOk(validateCallOrderUpdateOperation({ ...op, extensions: { target_collateral_ratio: 0 } }));
    expectOk(validateCallOrderUpdateOperation({ ...op, extensions: { target_collateral_ratio: 65535 } }));
  });

  it("bid_collateral: a zero debt cancels; a positive debt needs positive collateral", () => {
    const T = "bid_collateral_operation";
    const op = make<BidCollateralOperation>("bid_collateral_operation", { bidder: "1.2.17" });
    expectOk(validateBidCollateralOperation(op));
    expectOk(validateBidCollateralOperation({ ...op, debt_covered: asset(0, "1.3.5"), additional_collateral: asset(-3) }));
    expectOk(validateBidCollateralOperation({ ...op, debt_covered: asset(10, "1.3.5"), additional_collateral: asset(1) }));
    expectRefused(validateBidCollateralOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateBidCollateralOperation({ ...op, debt_covered: asset(-1, "1.3.5"), additional_collateral: asset(1) }), `${T}.bid_amounts`, "debt_covered.amount");
    expectRefused(validateBidCollateralOperation({ ...op, debt_covered: asset(10, "1.3.5"), additional_collateral: asset(0) }), `${T}.bid_amounts`, "additional_collateral.amount");
  });

  it("fill_order and execute_bid are virtual", () => {
    expectRefused(validateFillOrderOperation(zeroOf<FillOrderOperation>("fill_order_operation")), "fill_order_operation.virtual", "");
    expectRefused(validateExecuteBidOperation(zeroOf<ExecuteBidOperation>("execute_bid_operation")), "execute_bid_operation.virtual", "");
  });
});
