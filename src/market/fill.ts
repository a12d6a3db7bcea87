// Filling and removing limit orders (db_market.cpp database::fill_limit_order, pay_order, cancel_limit_order,
// cleanup_and_remove_limit_order, maybe_cull_small_order), post-hardfork paths only. The take-profit action
// run on a fill (process_limit_order_on_fill) is in take_profit.ts.
import type * as T from "../../generated/native-types.js";
import { CORE_ASSET } from "../protocol/config.js";
import { multiplyByPrice } from "../protocol/price.js";
import { calculateFee } from "../protocol/fees/index.js";
import { adjustBalance } from "../chain/balances.js";
import { payFeeToStatistics } from "../chain/fee_payment.js";
import { type Gen, ok, stop } from "../chain/gen.js";
import { chainError } from "../protocol/errors.js";
import type { Session } from "../chain/session.js";
import { calculatePercent, payMarketFees } from "./market_fee.js";
import { processLimitOrderOnFill } from "./take_profit.js";

/** fill_order_operation's tag; limit_order_cancel_operation's. */
export const FILL_ORDER_OP = 4;
export const LIMIT_ORDER_CANCEL_OP = 2;

/** limit_order_object::amount_for_sale. */
export const amountForSale = (o: T.LimitOrderObject): T.Asset => ({ amount: o.for_sale, asset_id: o.sell_price.base.asset_id });

/** limit_order_object::amount_to_receive: what the rest of the order asks for, rounded down. */
export function* amountToReceive(o: T.LimitOrderObject): Gen<T.Asset> {
  return yield* ok(multiplyByPrice(amountForSale(o), o.sell_price));
}

function statsOf(s: Session, account: string): string {
  return s.get<T.AccountObject>(account).statistics;
}

/** database::pay_order: the seller receives; core leaving an order leaves total_core_in_orders. */
export function* payOrder(s: Session, receiver: T.AccountObject, receives: T.Asset, pays: T.Asset): Gen<void> {
  if (pays.asset_id === CORE_ASSET) {
    s.modify<T.AccountStatisticsObject>(receiver.statistics, (st) => ({ ...st, total_core_in_orders: st.total_core_in_orders - pays.amount }));
  }
  yield* adjustBalance(s, receiver.id, receives);
}

/** database::cleanup_and_remove_limit_order: unlinks a take-profit order pointing back, then removes. */
export function cleanupAndRemoveLimitOrder(s: Session, order: T.LimitOrderObject): void {
  if (order.take_profit_order_id !== undefined && s.find(order.take_profit_order_id) !== undefined) {
    s.modify<T.LimitOrderObject>(order.take_profit_order_id, (o) => {
      const { take_profit_order_id: _dropped, ...rest } = o;
      return rest;
    });
  }
  s.remove(order.id);
}

/**
 * database::cancel_limit_order: the rest of the order and its unspent deferred fee go back to the seller.
 * With a virtual operation (expiry, culling) the cancel fee of the current schedule is first taken out of
 * the deferred fee (in the asset it was paid in, rounded up proportionally); without one (the cancel
 * operation, whose own fee was paid) nothing is kept.
 */
export function* cancelLimitOrder(s: Session, order: T.LimitOrderObject, createVirtualOp = true, skipCancelFee = false): Gen<void> {
  let deferredFee = order.deferred_fee;
  let deferredPaidFee = order.deferred_paid_fee;
  let vopFee: T.Asset = { amount: 0n, asset_id: CORE_ASSET };
  if (createVirtualOp && !skipCancelFee && deferredFee > 0n) {
    const probe: T.Operation = [LIMIT_ORDER_CANCEL_OP, { fee: vopFee, fee_paying_account: order.seller, order: order.id, extensions: [] }];
    let cancelFee = yield* ok(calculateFee(probe, s.params().current_fees));
    if (cancelFee > deferredFee) cancelFee = deferredFee;
    if (cancelFee > 0n) {
      const threshold = s.params().cashback_vesting_threshold;
      s.modify<T.AccountStatisticsObject>(statsOf(s, order.seller), (st) => payFeeToStatistics(st, cancelFee, threshold));
      deferredFee -= cancelFee;
      if (deferredPaidFee.amount === 0n) {
        vopFee = { amount: cancelFee, asset_id: CORE_ASSET };
      } else {
        // The part of the fee paid in another asset, proportional to the core kept, rounded up.
        const inPaidAsset = (deferredPaidFee.amount * cancelFee + order.deferred_fee - 1n) / order.deferred_fee;
        const dyn = s.get<T.AssetObject>(deferredPaidFee.asset_id).dynamic_asset_data_id;
        s.modify<T.AssetDynamicDataObject>(dyn, (d) => ({ ...d, accumulated_fees: d.accumulated_fees + inPaidAsset }));
        deferredPaidFee = { ...deferredPaidFee, amount: deferredPaidFee.amount - inPaidAsset };
        vopFee = { amount: inPaidAsset, asset_id: deferredPaidFee.asset_id };
      }
    }
  }
  const refunded = amountForSale(order);
  if (refunded.asset_id === CORE_ASSET) {
    s.modify<T.AccountStatisticsObject>(statsOf(s, order.seller), (st) => ({ ...st, total_core_in_orders: st.total_core_in_orders - refunded.amount }));
  }
  yield* adjustBalance(s, order.seller, refunded);
  if (order.deferred_paid_fee.amount === 0n) {
    yield* adjustBalance(s, order.seller, { amount: deferredFee, asset_id: CORE_ASSET });
  } else {
    // The fee asset's pool gets back the core it advanced; the seller gets back the asset paid.
    yield* adjustBalance(s, order.seller, deferredPaidFee);
    const dyn = s.get<T.AssetObject>(deferredPaidFee.asset_id).dynamic_asset_data_id;
    s.modify<T.AssetDynamicDataObject>(dyn, (d) => ({ ...d, fee_pool: d.fee_pool + deferredFee }));
  }
  if (createVirtualOp) {
    const index = s.pushAppliedOperation([LIMIT_ORDER_CANCEL_OP, { fee: vopFee, fee_paying_account: order.seller, order: order.id, extensions: [] }]);
    s.setAppliedOperationResult(index, [2, refunded]);
  }
  cleanupAndRemoveLimitOrder(s, order);
}

/** maybe_cull_small_order: an order whose rest would receive nothing is cancelled (with the cancel fee). */
export function* maybeCullSmallOrder(s: Session, order: T.LimitOrderObject): Gen<boolean> {
  const receive = yield* amountToReceive(order);
  if (receive.amount !== 0n) return false;
  yield* cancelLimitOrder(s, order);
  return true;
}

/**
 * database::fill_limit_order: the order pays `pays` and receives `receives` less the market fee; a
 * fill_order virtual operation records it; the deferred creation fee is now spent (a maker gets back the
 * maker_fee_discount_percent of it); the take-profit action runs, linking a new take-profit order both
 * ways unless the order is gone. Returns whether the order is gone.
 */
export function* fillLimitOrder(s: Session, orderId: string, pays: T.Asset, receives: T.Asset, cullIfSmall: boolean, fillPrice: T.Price, isMaker: boolean): Gen<boolean> {
  const order = s.get<T.LimitOrderObject>(orderId);
  const seller = s.get<T.AccountObject>(order.seller);
  const recvAsset = s.get<T.AssetObject>(receives.asset_id);
  const issuerFees = payMarketFees(s, seller, recvAsset, receives.amount, isMaker);
  const orderReceives: T.Asset = { amount: receives.amount - issuerFees, asset_id: receives.asset_id };
  yield* payOrder(s, seller, orderReceives, pays);
  s.pushAppliedOperation([FILL_ORDER_OP, {
    fee: { amount: issuerFees, asset_id: receives.asset_id }, order_id: order.id, account_id: order.seller,
    pays, receives, fill_price: fillPrice, is_maker: isMaker,
  }]);

  const makerDiscount = s.params().extensions.maker_fee_discount_percent ?? 0;
  let deferredFee = order.deferred_fee;
  let deferredPaidFee = order.deferred_paid_fee.amount;
  if (order.deferred_paid_fee.amount > 0n) {
    let feePoolRefund = 0n;
    if (isMaker && makerDiscount > 0) {
      const refund = calculatePercent(deferredPaidFee, makerDiscount);
      if (refund > 0n) {
        yield* adjustBalance(s, order.seller, { amount: refund, asset_id: order.deferred_paid_fee.asset_id });
        deferredPaidFee -= refund;
        feePoolRefund = calculatePercent(deferredFee, makerDiscount);
        deferredFee -= feePoolRefund;
      }
    }
    const dyn = s.get<T.AssetObject>(order.deferred_paid_fee.asset_id).dynamic_asset_data_id;
    s.modify<T.AssetDynamicDataObject>(dyn, (d) => ({ ...d, accumulated_fees: d.accumulated_fees + deferredPaidFee, fee_pool: d.fee_pool + feePoolRefund }));
  }
  if (order.deferred_fee > 0n) {
    if (order.deferred_paid_fee.amount <= 0n && isMaker && makerDiscount > 0) {
      const refund = calculatePercent(deferredFee, makerDiscount);
      if (refund > 0n) {
        yield* adjustBalance(s, order.seller, { amount: refund, asset_id: CORE_ASSET });
        deferredFee -= refund;
      }
    }
    if (deferredFee > 0n) {
      const threshold = s.params().cashback_vesting_threshold;
      const fee = deferredFee;
      s.modify<T.AccountStatisticsObject>(seller.statistics, (st) => payFeeToStatistics(st, fee, threshold));
    }
  }

  // BSIP 85: the take-profit action runs before the order shrinks (it may create or update the linked order).
  const newTakeProfit = processLimitOrderOnFill(s, order, orderReceives);
  const live = s.get<T.LimitOrderObject>(order.id);
  if (pays.amount === live.for_sale && pays.asset_id === live.sell_price.base.asset_id) {
    cleanupAndRemoveLimitOrder(s, live);
    return true;
  }
  if (newTakeProfit !== undefined) {
    // bitshares-core modifies the new order by id: were it already gone, that would throw.
    if (s.find(newTakeProfit) === undefined) {
      return yield* stop(chainError("assert_exception", "database.object_exists", "", `the new take-profit order ${newTakeProfit} of ${order.id} no longer exists`));
    }
    s.modify<T.LimitOrderObject>(newTakeProfit, (o) => ({ ...o, take_profit_order_id: order.id }));
  }
  const updated = s.modify<T.LimitOrderObject>(order.id, (o) => ({
    ...o, for_sale: o.for_sale - pays.amount, filled_amount: o.filled_amount + pays.amount,
    deferred_fee: 0n, deferred_paid_fee: { ...o.deferred_paid_fee, amount: 0n },
    ...(newTakeProfit !== undefined ? { take_profit_order_id: newTakeProfit } : {}),
  }));
  if (cullIfSmall) return yield* maybeCullSmallOrder(s, updated);
  return false;
}
