// Take-profit orders (BSIP 85, core-2535): database::process_limit_order_on_fill (db_market.cpp) and
// database::try_push_virtual_operation (db_block.cpp).
//
// When an order carrying an on_fill create_take_profit_order_action is filled, part of what it received is
// put back on the market on the other side at a price `spread_percent` better than the order's own: a new
// limit order (linked to the filled one), or, when a linked take-profit order exists, an update adding to it.
// The chain pushes that operation itself as a virtual operation paid by the seller; if it fails for any
// reason (missing balance for the fee, unauthorized asset, nesting too deep ...) it is undone and ignored.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { CORE_ASSET, PERCENT_100 } from "../protocol/config.js";
import { assertFail, type ChainError } from "../protocol/errors.js";
import { calculateFee, calculateFeeInAsset } from "../protocol/fees/index.js";
import { invertPrice, makeAsset, makeRatio, multiplyAndRoundUp, multiplyPriceByRatio, priceGreater, priceOf } from "../protocol/price.js";
import { validateOperation } from "../protocol/validate/operation.js";
import { type Evaluator, type EvaluatorTable, type TransactionState, applyOperation } from "../chain/evaluator.js";
import { limitOrderCreateEvaluator, limitOrderUpdateEvaluator } from "../chain/evaluators/limit_order.js";
import { type Gen, ok, run, stop } from "../chain/gen.js";
import { withUndoSessionNesting } from "../chain/proposal_execution.js";
import type { Session } from "../chain/session.js";
import { SKIP } from "../chain/skip.js";
import { inst } from "../chain/tables.js";

/** time_point_sec::maximum(). */
const TIME_POINT_SEC_MAX = 0xffffffff;
const LIMIT_ORDER_CREATE_OP = 1;
const LIMIT_ORDER_UPDATE_OP = 77;

/**
 * The evaluators a take-profit action can reach: it pushes only limit_order_create and limit_order_update,
 * and what they run (matching, fills, further take-profit actions) pushes no other evaluated operation.
 * Built on first use: this module and limit_order.ts import each other.
 */
let evaluators: EvaluatorTable | undefined;
function takeProfitEvaluators(): EvaluatorTable {
  if (evaluators === undefined) {
    const table: (Evaluator<never, unknown> | undefined)[] = [];
    table[LIMIT_ORDER_CREATE_OP] = limitOrderCreateEvaluator as unknown as Evaluator<never, unknown>;
    table[LIMIT_ORDER_UPDATE_OP] = limitOrderUpdateEvaluator as unknown as Evaluator<never, unknown>;
    evaluators = table;
  }
  return evaluators;
}

/** A fresh transaction_evaluation_state for an operation the chain pushes itself (no transaction). */
export function virtualTransactionState(evaluatorTable: EvaluatorTable, skipLimitOrderPriceCheck = false): TransactionState {
  return {
    evaluators: evaluatorTable, is_proposed_trx: false, skip_fee_schedule_check: false, skip: SKIP.nothing,
    ...(skipLimitOrderPriceCheck ? { skip_limit_order_price_check: true } : {}),
  };
}

/**
 * database::try_push_virtual_operation: the operation is validated, then applied as a virtual operation
 * (recorded in the applied operations with its result, advancing the virtual_op counter) inside a nested
 * undo session counted by undo_session_nesting_guard. On failure everything it did, applied operations and
 * virtual_op counter included, is undone and the error returned.
 */
export function* tryPushVirtualOperation(s: Session, trx: TransactionState, op: T.Operation): Gen<T.OperationResult> {
  yield* ok(validateOperation(op));
  const start = s.checkpoint();
  const r = run(withUndoSessionNesting(s, () => applyOperation(s, trx, op, true)));
  if (E.isLeft(r)) {
    s.restore(start);
    return yield* stop(r.left);
  }
  return r.right;
}

/** The fee of an automatic operation, in the action's fee asset (fee_schedule::calculate_fee with the
 *  asset's core_exchange_rate, rounded up). */
function feeFor(s: Session, op: T.Operation, feeAssetId: string): E.Either<ChainError, T.Asset> {
  const schedule = s.params().current_fees;
  if (feeAssetId === CORE_ASSET) return E.map((amount: bigint) => makeAsset(amount))(calculateFee(op, schedule));
  const feeAsset = s.find<T.AssetObject>(feeAssetId);
  if (feeAsset === undefined) return assertFail("database.object_exists", "", `fee asset ${feeAssetId} does not exist`);
  return calculateFeeInAsset(op, schedule, feeAsset.options.core_exchange_rate);
}

/** The take-profit price: the inverse of the order's price, `spread_percent` (in 1/100 %) in the seller's
 *  favour (price * ratio_type( 100%, 100% + spread )). */
function takeProfitPrice(order: T.LimitOrderObject, spreadPercent: number): E.Either<ChainError, T.Price> {
  return E.flatMap(makeRatio(PERCENT_100, PERCENT_100 + spreadPercent), (r) => multiplyPriceByRatio(invertPrice(order.sell_price), r));
}

/** The take-profit order's expiration: now + expiration_seconds, capped at time_point_sec::maximum(). */
function takeProfitExpiration(s: Session, seconds: number): number {
  const now = s.headBlockTime();
  return TIME_POINT_SEC_MAX - seconds > now ? now + seconds : TIME_POINT_SEC_MAX;
}

/** The limit_order_update adding to the linked take-profit order (and, when that order was created by this
 *  one, i.e. has a larger id, repricing the whole of it), pushed with skip_limit_order_price_check so the
 *  link survives the new price. */
function* addToLinkedOrder(s: Session, order: T.LimitOrderObject, tpOrderId: string, action: T.CreateTakeProfitOrderAction, forSale: T.Asset): Gen<void> {
  const base: T.LimitOrderUpdateOperation = {
    fee: makeAsset(0n), seller: order.seller, order: tpOrderId, delta_amount_to_sell: forSale,
    new_expiration: takeProfitExpiration(s, action.expiration_seconds), extensions: [],
  };
  const fee = yield* ok(feeFor(s, [LIMIT_ORDER_UPDATE_OP, base], action.fee_asset_id));
  let op: T.LimitOrderUpdateOperation = { ...base, fee };
  if (inst(tpOrderId) > inst(order.id)) {
    const tpOrder = s.get<T.LimitOrderObject>(tpOrderId);
    const total: T.Asset = { amount: forSale.amount + tpOrder.for_sale, asset_id: forSale.asset_id };
    const price = yield* ok(takeProfitPrice(order, action.spread_percent));
    const minToReceive = yield* ok(multiplyAndRoundUp(total, price));
    op = { ...op, new_price: yield* ok(priceOf(total, minToReceive)) };
  }
  const newPrice = op.new_price;
  if (newPrice !== undefined && !priceGreater(invertPrice(newPrice), order.sell_price)) {
    return yield* ok(assertFail("process_limit_order_on_fill.no_self_match", "", "the take-profit order would match the order being filled"));
  }
  yield* tryPushVirtualOperation(s, virtualTransactionState(takeProfitEvaluators(), true), [LIMIT_ORDER_UPDATE_OP, op]);
}

/** The limit_order_create of a new take-profit order (carrying the same on_fill when `repeat`); its id. */
function* createTakeProfitOrder(s: Session, order: T.LimitOrderObject, action: T.CreateTakeProfitOrderAction, forSale: T.Asset): Gen<string> {
  const base: T.LimitOrderCreateOperation = {
    fee: makeAsset(0n), seller: order.seller, amount_to_sell: forSale, min_to_receive: makeAsset(0n),
    expiration: takeProfitExpiration(s, action.expiration_seconds), fill_or_kill: false,
    extensions: action.repeat ? { on_fill: order.on_fill } : {},
  };
  const fee = yield* ok(feeFor(s, [LIMIT_ORDER_CREATE_OP, base], action.fee_asset_id));
  const price = yield* ok(takeProfitPrice(order, action.spread_percent));
  const minToReceive = yield* ok(multiplyAndRoundUp(forSale, price));
  const op: T.LimitOrderCreateOperation = { ...base, fee, min_to_receive: minToReceive };
  const opPrice = yield* ok(priceOf(op.amount_to_sell, op.min_to_receive));
  if (!priceGreater(invertPrice(opPrice), order.sell_price)) {
    return yield* ok(assertFail("process_limit_order_on_fill.no_self_match", "", "the take-profit order would match the order being filled"));
  }
  const result = yield* tryPushVirtualOperation(s, virtualTransactionState(takeProfitEvaluators()), [LIMIT_ORDER_CREATE_OP, op]);
  return result[1] as string;
}

/**
 * database::process_limit_order_on_fill: runs the order's take-profit action for what it just received
 * (`orderReceives`, after market fees). size_percent of it (rounded up) goes on sale. Answers the id of a
 * newly created take-profit order, for the caller to link; undefined when there is no action, nothing to
 * sell, an existing linked order was updated, or the automatic operation failed (it is then ignored, its
 * effects undone).
 */
export function processLimitOrderOnFill(s: Session, order: T.LimitOrderObject, orderReceives: T.Asset): string | undefined {
  if (order.on_fill.length === 0) return undefined;
  const action = order.on_fill[0]![1];
  const amount = (orderReceives.amount * BigInt(action.size_percent) + BigInt(PERCENT_100 - 1)) / BigInt(PERCENT_100);
  if (amount <= 0n) return undefined;
  const forSale: T.Asset = { amount, asset_id: orderReceives.asset_id };
  const start = s.checkpoint();
  if (order.take_profit_order_id !== undefined) {
    const r = run(addToLinkedOrder(s, order, order.take_profit_order_id, action, forSale));
    if (E.isLeft(r)) s.restore(start);
    return undefined;
  }
  const r = run(createTakeProfitOrder(s, order, action, forSale));
  if (E.isLeft(r)) {
    s.restore(start);
    return undefined;
  }
  return r.right;
}
