// Limit orders: limit_order_create (1), limit_order_cancel (2), limit_order_update (77) (market_evaluator.cpp),
// post-hardfork paths.
import type * as T from "../../../generated/native-types.js";
import { CORE_ASSET, OBJECT_TYPES } from "../../protocol/config.js";
import { multiplyByPrice, priceEquals, priceOf } from "../../protocol/price.js";
import { applyOrder } from "../../market/match.js";
import { amountForSale, cancelLimitOrder } from "../../market/fill.js";
import { adjustBalance, getBalance, isAuthorizedAsset } from "../balances.js";
import { type EvalContext, type Evaluator, VOID_RESULT, objectIdResult } from "../evaluator.js";
import { type Gen, ensure, ensureAssert, ok, stop } from "../gen.js";
import { payFeeToStatistics } from "../fee_payment.js";
import { calculateFee } from "../../protocol/fees/index.js";
import { chainError } from "../../protocol/errors.js";

interface CreateFound {
  readonly seller: T.AccountObject;
}

/** core-604: a fee in another asset has the fee pool advance the core now; the asset paid waits on the
 *  order (deferred_paid_fee) instead of going to the issuer's accumulated fees. */
function convertDeferredFee(ctx: EvalContext): void {
  const { fee_asset, core_fee_paid } = ctx.fee;
  if (fee_asset.id === CORE_ASSET) return;
  ctx.s.modify<T.AssetDynamicDataObject>(fee_asset.dynamic_asset_data_id, (d) => ({ ...d, fee_pool: d.fee_pool - core_fee_paid }));
}

/**
 * limit_order_create_evaluator. The fee is deferred (core-445): it is not paid into the seller's statistics
 * now but kept on the order (deferred_fee, and deferred_paid_fee when paid in another asset, core-604) and
 * spent when the order fills, or refunded when it is cancelled. A fee in another asset takes its core from
 * the fee pool now, but the asset is not yet the issuer's.
 */
export const limitOrderCreateEvaluator: Evaluator<T.LimitOrderCreateOperation, CreateFound> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const onFill = op.extensions.on_fill;
    if (onFill !== undefined) {
      yield* ensureAssert(onFill.length === 1, "limit_order_create.on_fill_one_action", "extensions.on_fill", () =>
        `the on_fill action list must hold exactly one action, it holds ${onFill.length}`);
      const action = onFill[0]![1];
      yield* ensureAssert(s.find(action.fee_asset_id) !== undefined, "limit_order_create.on_fill_fee_asset_exists",
        "extensions.on_fill[0][1].fee_asset_id", () => `the take-profit fee asset ${action.fee_asset_id} does not exist`);
    }
    const now = s.headBlockTime();
    yield* ensureAssert(op.expiration >= now, "limit_order_create.expiration_not_past", "expiration", () =>
      `the expiration ${op.expiration} is before the head block time ${now}`);
    const seller = ctx.fee.fee_paying_account;
    const sellAsset = yield* s.load<T.AssetObject>(op.amount_to_sell.asset_id, "amount_to_sell.asset_id");
    const receiveAsset = yield* s.load<T.AssetObject>(op.min_to_receive.asset_id, "min_to_receive.asset_id");
    const whitelist = sellAsset.options.whitelist_markets;
    if (whitelist.length > 0) {
      yield* ensure(whitelist.includes(receiveAsset.id), "limit_order_create_market_not_whitelisted", "limit_order_create.market_whitelisted",
        "min_to_receive.asset_id", () => `${sellAsset.symbol} may only be sold for assets of its whitelist_markets, not ${receiveAsset.symbol}`);
    }
    const blacklist = sellAsset.options.blacklist_markets;
    if (blacklist.length > 0) {
      yield* ensure(!blacklist.includes(receiveAsset.id), "limit_order_create_market_blacklisted", "limit_order_create.market_not_blacklisted",
        "min_to_receive.asset_id", () => `${sellAsset.symbol} may not be sold for ${receiveAsset.symbol}: that market is in its blacklist_markets`);
    }
    yield* ensure(isAuthorizedAsset(seller, sellAsset), "limit_order_create_selling_asset_unauthorized", "limit_order_create.selling_asset_authorized",
      "amount_to_sell.asset_id", () => `account ${seller.id} '${seller.name}' is not allowed to transact ${sellAsset.symbol}`);
    yield* ensure(isAuthorizedAsset(seller, receiveAsset), "limit_order_create_receiving_asset_unauthorized", "limit_order_create.receiving_asset_authorized",
      "min_to_receive.asset_id", () => `account ${seller.id} '${seller.name}' is not allowed to transact ${receiveAsset.symbol}`);
    const balance = getBalance(s, seller.id, sellAsset.id);
    yield* ensure(balance >= op.amount_to_sell.amount, "limit_order_create_insufficient_balance", "limit_order_create.sufficient_balance",
      "amount_to_sell.amount", () => `'${seller.name}' holds ${balance} of ${sellAsset.symbol}, less than the ${op.amount_to_sell.amount} to sell`);
    return { seller };
  },
  convertFee: convertDeferredFee,
  // core-445: nothing is paid now (the deferred amounts are read from ctx.fee in apply).
  payFee() {},
  *apply(ctx, op, { seller }) {
    const s = ctx.s;
    if (op.amount_to_sell.asset_id === CORE_ASSET) {
      s.modify<T.AccountStatisticsObject>(seller.statistics, (st) => ({ ...st, total_core_in_orders: st.total_core_in_orders + op.amount_to_sell.amount }));
    }
    yield* adjustBalance(s, seller.id, { amount: -op.amount_to_sell.amount, asset_id: op.amount_to_sell.asset_id }, "amount_to_sell.amount");
    const sellPrice = yield* ok(priceOf(op.amount_to_sell, op.min_to_receive));
    const deferredPaid: T.Asset = ctx.fee.fee_asset.id !== CORE_ASSET ? ctx.fee.fee_from_account : { amount: 0n, asset_id: CORE_ASSET };
    const order = s.create<T.LimitOrderObject>(1, OBJECT_TYPES.limit_order, (id) => ({
      id, expiration: op.expiration, seller: seller.id, for_sale: op.amount_to_sell.amount, sell_price: sellPrice,
      filled_amount: 0n, deferred_fee: ctx.fee.core_fee_paid, deferred_paid_fee: deferredPaid, is_settled_debt: false,
      on_fill: op.extensions.on_fill ?? [],
    }));
    const filled = yield* applyOrder(s, order.id);
    yield* ensure(!op.fill_or_kill || filled, "limit_order_create_kill_unfilled", "limit_order_create.fill_or_kill_filled", "fill_or_kill", () =>
      `the fill_or_kill order selling ${op.amount_to_sell.amount} of ${op.amount_to_sell.asset_id} could not be filled at once`);
    return objectIdResult(order.id);
  },
};

/** limit_order_cancel_evaluator: the owner cancels; everything left and the whole deferred fee come back
 *  (the cancel operation pays its own fee). The result is the amount refunded from the order. */
export const limitOrderCancelEvaluator: Evaluator<T.LimitOrderCancelOperation, T.LimitOrderObject> = {
  *evaluate(ctx, op) {
    const order = ctx.s.find<T.LimitOrderObject>(op.order);
    if (order === undefined) {
      return yield* stop(chainError("limit_order_cancel_nonexist_order", "limit_order_cancel.order_exists", "order", `limit order ${op.order} does not exist`));
    }
    yield* ensure(order.seller === op.fee_paying_account, "limit_order_cancel_owner_mismatch", "limit_order_cancel.owner", "fee_paying_account", () =>
      `limit order ${op.order} belongs to ${order.seller}, not to ${op.fee_paying_account}`);
    return order;
  },
  *apply(ctx, _op, order) {
    const refunded = amountForSale(order);
    yield* cancelLimitOrder(ctx.s, order, false);
    return [2, refunded];
  },
};

interface UpdateFound {
  readonly order: T.LimitOrderObject;
}

/** The core fee of an operation of the current schedule with default members (only its tag matters to
 *  the flat fees of the order operations). */
function* scheduleFee(ctx: EvalContext, op: T.Operation): Gen<bigint> {
  return yield* ok(calculateFee(op, ctx.s.params().current_fees));
}

/**
 * limit_order_update_evaluator::process_deferred_fee: the order's old deferred fee is settled. Part of it
 * pays for the update as a cancel would (the cancel fee scaled by update fee / create fee, at most the
 * deferred fee); the rest goes back to the seller (in the asset it was paid in, the fee pool getting back
 * its core).
 */
function* processDeferredFee(ctx: EvalContext, order: T.LimitOrderObject): Gen<void> {
  if (order.deferred_fee <= 0n) return;
  const s = ctx.s;
  let deferredFee = order.deferred_fee;
  let deferredPaidFee = order.deferred_paid_fee;
  const zero = { amount: 0n, asset_id: CORE_ASSET };
  let cancelFee = yield* scheduleFee(ctx, [2, { fee: zero, fee_paying_account: "1.2.0", order: "1.7.0", extensions: [] }]);
  if (cancelFee > 0n) {
    const createFee = yield* scheduleFee(ctx, [1, { fee: zero, seller: "1.2.0", amount_to_sell: zero, min_to_receive: zero, expiration: 0xffffffff, fill_or_kill: false, extensions: {} }]);
    if (createFee > 0n) {
      const updateFee = yield* scheduleFee(ctx, [77, { fee: zero, seller: "1.2.0", order: "1.7.0", extensions: [] }]);
      cancelFee = (cancelFee * updateFee) / createFee;
    }
    if (cancelFee > deferredFee) cancelFee = deferredFee;
  }
  if (cancelFee > 0n) {
    const threshold = s.params().cashback_vesting_threshold;
    const fee = cancelFee;
    s.modify<T.AccountStatisticsObject>(s.get<T.AccountObject>(order.seller).statistics, (st) => payFeeToStatistics(st, fee, threshold));
    deferredFee -= cancelFee;
    if (deferredPaidFee.amount > 0n) {
      const inPaidAsset = (deferredPaidFee.amount * cancelFee + order.deferred_fee - 1n) / order.deferred_fee;
      const dyn = s.get<T.AssetObject>(deferredPaidFee.asset_id).dynamic_asset_data_id;
      s.modify<T.AssetDynamicDataObject>(dyn, (d) => ({ ...d, accumulated_fees: d.accumulated_fees + inPaidAsset }));
      deferredPaidFee = { ...deferredPaidFee, amount: deferredPaidFee.amount - inPaidAsset };
    }
  }
  if (order.deferred_paid_fee.amount === 0n) {
    yield* adjustBalance(s, order.seller, { amount: deferredFee, asset_id: CORE_ASSET });
  } else {
    yield* adjustBalance(s, order.seller, deferredPaidFee);
    const dyn = s.get<T.AssetObject>(deferredPaidFee.asset_id).dynamic_asset_data_id;
    const back = deferredFee;
    s.modify<T.AssetDynamicDataObject>(dyn, (d) => ({ ...d, fee_pool: d.fee_pool + back }));
  }
}

/** limit_order_update_evaluator::is_linked_tp_order_compatible: whether a new on_fill keeps the link to
 *  the take-profit order (same spread and repeat; absent means unchanged). */
function linkedTakeProfitCompatible(op: T.LimitOrderUpdateOperation, order: T.LimitOrderObject): boolean {
  if (op.on_fill === undefined) return true;
  if (op.on_fill.length === 0) return order.on_fill.length === 0;
  if (order.on_fill.length === 0) return false;
  const before = order.on_fill[0]![1];
  const after = op.on_fill[0]![1];
  return before.spread_percent === after.spread_percent && before.repeat === after.repeat;
}

/**
 * limit_order_update_evaluator (core-1604): the owner changes the price, the amount or the expiration of
 * an order (and its on_fill action). The old deferred fee is settled and this operation's fee is deferred
 * in its place; the order is then matched again.
 */
export const limitOrderUpdateEvaluator: Evaluator<T.LimitOrderUpdateOperation, UpdateFound> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const onFill = op.on_fill;
    if (onFill !== undefined) {
      yield* ensureAssert(onFill.length <= 1, "limit_order_update.on_fill_at_most_one_action", "on_fill", () =>
        `the on_fill action list may hold at most one action, it holds ${onFill.length}`);
      if (onFill.length === 1) {
        const action = onFill[0]![1];
        yield* ensureAssert(s.find(action.fee_asset_id) !== undefined, "limit_order_update.on_fill_fee_asset_exists",
          "on_fill[0][1].fee_asset_id", () => `the take-profit fee asset ${action.fee_asset_id} does not exist`);
      }
    }
    const order = s.find<T.LimitOrderObject>(op.order);
    if (order === undefined) {
      return yield* stop(chainError("limit_order_update_nonexist_order", "limit_order_update.order_exists", "order", `limit order ${op.order} does not exist`));
    }
    yield* ensure(op.seller === order.seller, "limit_order_update_owner_mismatch", "limit_order_update.owner", "seller", () =>
      `limit order ${op.order} belongs to ${order.seller}, not to ${op.seller}`);
    const sellId = order.sell_price.base.asset_id;
    const receiveId = order.sell_price.quote.asset_id;
    const delta = op.delta_amount_to_sell;
    if (op.new_price !== undefined) {
      const p = op.new_price;
      yield* ensureAssert(p.base.asset_id === sellId && p.quote.asset_id === receiveId, "limit_order_update.price_compatible", "new_price", () =>
        `the new price ${p.base.asset_id}/${p.quote.asset_id} is not in the order's market ${sellId}/${receiveId}`);
      let maxForSale = order.for_sale > order.sell_price.base.amount ? order.for_sale : order.sell_price.base.amount;
      if (delta !== undefined) maxForSale += delta.amount;
      yield* ensureAssert(p.base.amount <= maxForSale, "limit_order_update.price_base_within_amount", "new_price.base.amount", () =>
        `the new price's base amount ${p.base.amount} is above the most the order may sell, ${maxForSale}`);
    }
    if (delta !== undefined) {
      yield* ensureAssert(delta.asset_id === sellId, "limit_order_update.delta_asset", "delta_amount_to_sell.asset_id", () =>
        `the amount change is in ${delta.asset_id}, the order sells ${sellId}`);
      if (delta.amount < 0n) {
        yield* ensureAssert(order.for_sale > -delta.amount, "limit_order_update.delta_leaves_some", "delta_amount_to_sell.amount", () =>
          `taking ${-delta.amount} out of an order selling ${order.for_sale} would leave nothing`);
      }
    }
    if (op.new_price !== undefined || (delta !== undefined && delta.amount < 0n)) {
      const price = op.new_price ?? order.sell_price;
      const amount: T.Asset = { amount: order.for_sale + (delta?.amount ?? 0n), asset_id: sellId };
      const toReceive = yield* ok(multiplyByPrice(amount, price));
      yield* ensureAssert(toReceive.amount > 0n, "limit_order_update.not_too_small", op.new_price !== undefined ? "new_price" : "delta_amount_to_sell.amount", () =>
        `the updated order would sell ${amount.amount} for nothing: cancel it instead`);
    }
    if (op.new_expiration !== undefined) {
      const now = s.headBlockTime();
      const exp = op.new_expiration;
      yield* ensureAssert(exp >= now, "limit_order_update.expiration_not_past", "new_expiration", () => `the new expiration ${exp} is before the head block time ${now}`);
    }
    const sellAsset = s.get<T.AssetObject>(sellId);
    const receiveAsset = s.get<T.AssetObject>(receiveId);
    const seller = ctx.fee.fee_paying_account;
    if (sellAsset.options.whitelist_markets.length > 0) {
      yield* ensureAssert(sellAsset.options.whitelist_markets.includes(receiveId), "limit_order_update.market_whitelisted", "order", () =>
        `${sellAsset.symbol} may only be sold for assets of its whitelist_markets, not ${receiveAsset.symbol}`);
    }
    if (sellAsset.options.blacklist_markets.length > 0) {
      yield* ensureAssert(!sellAsset.options.blacklist_markets.includes(receiveId), "limit_order_update.market_not_blacklisted", "order", () =>
        `${sellAsset.symbol} may not be sold for ${receiveAsset.symbol}: that market is in its blacklist_markets`);
    }
    yield* ensureAssert(isAuthorizedAsset(seller, sellAsset), "limit_order_update.selling_asset_authorized", "order", () =>
      `account ${seller.id} '${seller.name}' is not allowed to transact ${sellAsset.symbol}`);
    yield* ensureAssert(isAuthorizedAsset(seller, receiveAsset), "limit_order_update.receiving_asset_authorized", "order", () =>
      `account ${seller.id} '${seller.name}' is not allowed to transact ${receiveAsset.symbol}`);
    return { order };
  },
  convertFee: convertDeferredFee,
  payFee() {},
  *apply(ctx, op, { order }) {
    const s = ctx.s;
    const delta = op.delta_amount_to_sell;
    if (delta !== undefined) {
      yield* adjustBalance(s, op.seller, { amount: -delta.amount, asset_id: delta.asset_id }, "delta_amount_to_sell.amount");
      if (delta.asset_id === CORE_ASSET) {
        s.modify<T.AccountStatisticsObject>(s.get<T.AccountObject>(op.seller).statistics, (st) => ({ ...st, total_core_in_orders: st.total_core_in_orders + delta.amount }));
      }
    }
    yield* processDeferredFee(ctx, order);
    let unlink = false;
    if (order.take_profit_order_id !== undefined) {
      // A new price unlinks, unless the take-profit action of the linked order is itself repricing this one
      // (transaction_evaluation_state::skip_limit_order_price_check).
      const repriced = op.new_price !== undefined && !priceEquals(op.new_price, order.sell_price);
      unlink = (ctx.trx.skip_limit_order_price_check !== true && repriced) || !linkedTakeProfitCompatible(op, order);
      if (unlink) {
        s.modify<T.LimitOrderObject>(order.take_profit_order_id, (o) => {
          const { take_profit_order_id: _dropped, ...rest } = o;
          return rest;
        });
      }
    }
    const deferredPaid: T.Asset = ctx.fee.fee_asset.id !== CORE_ASSET ? ctx.fee.fee_from_account : { amount: 0n, asset_id: CORE_ASSET };
    s.modify<T.LimitOrderObject>(order.id, (o) => {
      const next: T.LimitOrderObject = {
        ...o,
        sell_price: op.new_price ?? o.sell_price,
        for_sale: o.for_sale + (delta?.amount ?? 0n),
        expiration: op.new_expiration ?? o.expiration,
        deferred_fee: ctx.fee.core_fee_paid,
        deferred_paid_fee: deferredPaid,
        on_fill: op.on_fill ?? o.on_fill,
      };
      if (unlink) delete next.take_profit_order_id;
      return next;
    });
    yield* applyOrder(s, order.id);
    return VOID_RESULT;
  },
};

export const LIMIT_ORDER_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  [1, limitOrderCreateEvaluator],
  [2, limitOrderCancelEvaluator],
  [77, limitOrderUpdateEvaluator],
];
