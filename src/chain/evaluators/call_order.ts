// call_order_update (3) and bid_collateral (45): market_evaluator.cpp call_order_update_evaluator and
// bid_collateral_evaluator, every hardfork active (core-1270, core-1465 max supply, core-1692 bid deltas,
// core-2281 disable_collateral_bidding, core-2467 closing without a feed, core-2481 no instant black swan).
import type * as T from "../../../generated/native-types.js";
import { CORE_ASSET, IMPL_OBJECT_TYPES as I, OBJECT_TYPES as P, disable_collateral_bidding, disable_new_supply } from "../../protocol/config.js";
import { invertPrice, isNullPrice, maxShortSqueezePrice, priceGreaterEq, priceLess, priceNotEquals } from "../../protocol/price.js";
import { callCollateralization } from "../../market/call_order.js";
import { BSRM, bsrmOf, isGloballySettled, updateBitassetCurrentFeed } from "../../market/feeds.js";
import { checkCallOrders } from "../../market/margin_call.js";
import { cancelBid } from "../../market/settlement.js";
import { adjustBalance, getBalance, isAuthorizedAsset } from "../balances.js";
import { type Evaluator, VOID_RESULT, objectIdResult } from "../evaluator.js";
import { type Gen, ensure, ensureAssert, ok } from "../gen.js";
import type { Session } from "../session.js";
import { inst } from "../tables.js";

const bitassetOf = (s: Session, a: T.AssetObject): T.AssetBitassetDataObject => s.get<T.AssetBitassetDataObject>(a.bitasset_data_id!);

/** The debt and collateral assets both authorized for the account (core-973). */
function* authorizedForBoth(s: Session, account: T.AccountObject, debt: T.AssetObject, backing: string, rule: string): Gen<void> {
  yield* ensureAssert(isAuthorizedAsset(account, debt), `${rule}.debt_authorized`, "", () => `${account.name} may not transact ${debt.symbol}`);
  const collateral = s.get<T.AssetObject>(backing);
  yield* ensureAssert(isAuthorizedAsset(account, collateral), `${rule}.collateral_authorized`, "", () => `${account.name} may not transact ${collateral.symbol}`);
}

// ---------------------------------------------------------------------------------------------------
// call_order_update (3)
interface CallOrderUpdateFound {
  debtAsset: T.AssetObject;
  bitasset: T.AssetBitassetDataObject;
  call?: T.CallOrderObject;
  newCollateral: bigint;
  newDebt: bigint;
  closing: boolean;
}

export const callOrderUpdateEvaluator: Evaluator<T.CallOrderUpdateOperation, CallOrderUpdateFound> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const debtAsset = yield* s.load<T.AssetObject>(op.delta_debt.asset_id, "delta_debt.asset_id");
    yield* ensureAssert(debtAsset.bitasset_data_id !== undefined, "call_order_update.market_issued", "delta_debt.asset_id", () =>
      `${debtAsset.symbol} is not a collateralized asset`);
    yield* ensureAssert(op.delta_debt.amount <= 0n || (debtAsset.options.flags & disable_new_supply) === 0, "call_order_update.new_supply_allowed",
      "delta_debt.amount", () => `${debtAsset.symbol} can not create new supply`);
    const dyn = s.get<T.AssetDynamicDataObject>(debtAsset.dynamic_asset_data_id);
    yield* ensureAssert(dyn.current_supply + op.delta_debt.amount <= debtAsset.options.max_supply, "call_order_update.max_supply", "delta_debt.amount", () =>
      `borrowing ${op.delta_debt.amount} would bring the supply of ${debtAsset.symbol} above its maximum ${debtAsset.options.max_supply}`);
    yield* ensureAssert(dyn.current_supply + op.delta_debt.amount >= 0n, "call_order_update.supply_non_negative", "delta_debt.amount", () =>
      `repaying ${-op.delta_debt.amount} would bring the supply of ${debtAsset.symbol} below zero`);
    const bitasset = bitassetOf(s, debtAsset);
    yield* ensureAssert(!isGloballySettled(bitasset), "call_order_update.not_globally_settled", "delta_debt.asset_id", () =>
      `${debtAsset.symbol} has been globally settled: debt positions cannot change`);
    yield* ensureAssert(op.delta_collateral.asset_id === bitasset.options.short_backing_asset, "call_order_update.collateral_is_backing",
      "delta_collateral.asset_id", () => `the collateral must be ${bitasset.options.short_backing_asset}, the backing asset of ${debtAsset.symbol}`);
    const call = s.findUnique<T.CallOrderObject>(1, P.call_order, "by_account", [inst(op.funding_account), inst(debtAsset.id)]);
    let newCollateral = op.delta_collateral.amount;
    let newDebt = op.delta_debt.amount;
    let closing = false;
    if (call !== undefined) {
      newCollateral = call.collateral + op.delta_collateral.amount;
      newDebt = call.debt + op.delta_debt.amount;
      if (newDebt === 0n) {
        yield* ensureAssert(newCollateral === 0n, "call_order_update.close_claims_all_collateral", "delta_collateral.amount", () =>
          `closing the position must take all its collateral (${newCollateral} would remain)`);
        closing = true;
      } else {
        yield* ensureAssert(newCollateral > 0n && newDebt > 0n, "call_order_update.positive_after_update", "", () =>
          `the position would hold ${newCollateral} collateral against ${newDebt} debt: both must stay positive unless it is closed`);
      }
    } else {
      yield* ensureAssert(op.delta_collateral.amount > 0n, "call_order_update.new_collateral_positive", "delta_collateral.amount", () =>
        "a new debt position needs positive collateral");
      yield* ensureAssert(op.delta_debt.amount > 0n, "call_order_update.new_debt_positive", "delta_debt.amount", () => "a new debt position needs positive debt");
    }
    if (bitasset.is_prediction_market) {
      yield* ensureAssert(op.delta_collateral.amount === op.delta_debt.amount, "call_order_update.prediction_market_equal_deltas", "delta_collateral.amount", () =>
        "in a prediction market debt and collateral change by the same amount");
    } else if (isNullPrice(bitasset.current_feed.settlement_price) && !closing) {
      yield* ensure(false, "insufficient_feeds", "call_order_update.price_feed", "delta_debt.asset_id", () => `${debtAsset.symbol} has no price feed to borrow against`);
    }
    const payer = s.get<T.AccountObject>(op.funding_account);
    yield* authorizedForBoth(s, payer, debtAsset, bitasset.options.short_backing_asset, "call_order_update");
    return { debtAsset, bitasset, call, newCollateral, newDebt, closing };
  },
  /** Issue or repay the debt, lock or free the collateral; then close, create or update the position and
   *  run the margin calls. A position may not be left in margin call territory unless it got better
   *  (no more debt, higher collateral ratio) or is above the ICR. */
  *apply(ctx, op, f) {
    const s = ctx.s;
    if (op.delta_debt.amount !== 0n) {
      yield* adjustBalance(s, op.funding_account, op.delta_debt, "delta_debt");
      s.modify<T.AssetDynamicDataObject>(f.debtAsset.dynamic_asset_data_id, (d) => ({ ...d, current_supply: d.current_supply + op.delta_debt.amount }));
    }
    if (op.delta_collateral.amount !== 0n) {
      yield* adjustBalance(s, op.funding_account, { amount: -op.delta_collateral.amount, asset_id: op.delta_collateral.asset_id }, "delta_collateral");
      if (op.delta_collateral.asset_id === CORE_ASSET) {
        const stats = s.get<T.AccountObject>(op.funding_account).statistics;
        s.modify<T.AccountStatisticsObject>(stats, (st) => ({ ...st, total_core_in_orders: st.total_core_in_orders + op.delta_collateral.amount }));
      }
    }
    const bid = f.bitasset.id;
    if (f.closing) {
      const callId = f.call!.id;
      s.remove(callId);
      if (bsrmOf(f.bitasset.options) === BSRM.no_settlement) {
        const oldFeedPrice = s.get<T.AssetBitassetDataObject>(bid).current_feed.settlement_price;
        yield* updateBitassetCurrentFeed(s, bid, true);
        const now = s.get<T.AssetBitassetDataObject>(bid).current_feed.settlement_price;
        if (!isNullPrice(now) && priceNotEquals(now, oldFeedPrice)) {
          yield* checkCallOrders(s, f.debtAsset);
        }
      }
      return objectIdResult(callId);
    }
    let oldCollateralization: T.Price | undefined;
    let oldDebt: bigint | undefined;
    let callId: string;
    if (f.call === undefined) {
      const collateral = op.delta_collateral;
      const debt = op.delta_debt;
      const tcr = op.extensions.target_collateral_ratio;
      callId = s.create<T.CallOrderObject>(1, P.call_order, (id) => ({
        id, borrower: op.funding_account, collateral: collateral.amount, debt: debt.amount,
        call_price: { base: { amount: 1n, asset_id: collateral.asset_id }, quote: { amount: 1n, asset_id: debt.asset_id } },
        ...(tcr === undefined ? {} : { target_collateral_ratio: tcr }),
      })).id;
    } else {
      oldCollateralization = callCollateralization(f.call);
      oldDebt = f.call.debt;
      const tcr = op.extensions.target_collateral_ratio;
      callId = f.call.id;
      s.modify<T.CallOrderObject>(callId, (c) => {
        const { target_collateral_ratio: _old, ...rest } = c;
        return { ...rest, collateral: f.newCollateral, debt: f.newDebt, ...(tcr === undefined ? {} : { target_collateral_ratio: tcr }) };
      });
    }
    if (f.bitasset.is_prediction_market) return objectIdResult(callId);
    const updated = s.get<T.CallOrderObject>(callId);
    const collateralization = callCollateralization(updated);
    const increasingCr = oldCollateralization !== undefined && updated.debt <= oldDebt! && priceLess(oldCollateralization, collateralization);
    const b = s.get<T.AssetBitassetDataObject>(bid);
    const squeeze = invertPrice(yield* ok(maxShortSqueezePrice(b.median_feed)));
    yield* ensureAssert(increasingCr || priceGreaterEq(collateralization, squeeze), "call_order_update.no_instant_black_swan", "", () =>
      "this debt position would be below the max short squeeze price and cause a black swan; only raising the collateral ratio of an existing position without more debt is allowed");
    if (bsrmOf(b.options) === BSRM.no_settlement) yield* updateBitassetCurrentFeed(s, bid, true);
    const calledSome = yield* checkCallOrders(s, f.debtAsset, false);
    const after = s.find<T.CallOrderObject>(callId);
    const icr = s.get<T.AssetBitassetDataObject>(bid).current_initial_collateralization;
    if (calledSome) {
      yield* ensureAssert(after === undefined || increasingCr || priceLess(icr, callCollateralization(after)), "call_order_update.no_instant_margin_call", "", () =>
        "this debt position would be margin called at once: it must be filled entirely, raise its collateral ratio without more debt, or stay above the ICR");
    } else {
      yield* ensureAssert(after !== undefined, "call_order_update.position_kept", "", () => "no margin call happened and yet the position is gone");
      yield* ensureAssert(increasingCr || priceLess(icr, collateralization), "call_order_update.above_icr", "", () =>
        "the debt position's collateral ratio must be above the initial collateral ratio (ICR), unless it only raises the ratio without more debt");
    }
    return objectIdResult(callId);
  },
};

// ---------------------------------------------------------------------------------------------------
// bid_collateral (45)
interface BidCollateralFound { bid?: T.CollateralBidObject }

export const bidCollateralEvaluator: Evaluator<T.BidCollateralOperation, BidCollateralFound> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const debtAsset = yield* s.load<T.AssetObject>(op.debt_covered.asset_id, "debt_covered.asset_id");
    yield* ensureAssert(debtAsset.bitasset_data_id !== undefined, "bid_collateral.market_issued", "debt_covered.asset_id", () =>
      `${debtAsset.symbol} is not a collateralized asset`);
    yield* ensureAssert((debtAsset.options.flags & disable_collateral_bidding) === 0, "bid_collateral.bidding_enabled", "debt_covered.asset_id", () =>
      `collateral bidding is disabled for ${debtAsset.symbol}`);
    const b = bitassetOf(s, debtAsset);
    yield* ensureAssert(isGloballySettled(b), "bid_collateral.globally_settled", "debt_covered.asset_id", () => `${debtAsset.symbol} is not globally settled`);
    yield* ensureAssert(op.additional_collateral.asset_id === b.options.short_backing_asset, "bid_collateral.collateral_is_backing",
      "additional_collateral.asset_id", () => `the collateral must be ${b.options.short_backing_asset}, the backing asset of ${debtAsset.symbol}`);
    yield* ensureAssert(!b.is_prediction_market, "bid_collateral.not_prediction_market", "debt_covered.asset_id", () => `${debtAsset.symbol} is a prediction market`);
    const bid = s.findUnique<T.CollateralBidObject>(2, I.collateral_bid, "by_account", [inst(debtAsset.id), inst(op.bidder)]);
    if (bid === undefined) {
      yield* ensureAssert(op.debt_covered.amount > 0n, "bid_collateral.bid_to_cancel_exists", "debt_covered.amount", () =>
        `${op.bidder} has no bid on ${debtAsset.symbol} to cancel`);
    }
    if (op.additional_collateral.amount > 0n) {
      const balance = getBalance(s, op.bidder, b.options.short_backing_asset);
      const needed = bid === undefined ? op.additional_collateral.amount : op.additional_collateral.amount - bid.inv_swan_price.base.amount;
      yield* ensureAssert(balance >= needed, "bid_collateral.sufficient_balance", "additional_collateral.amount", () =>
        `${op.bidder} holds ${balance} of the collateral, less than the ${needed} more the bid needs`);
    }
    yield* authorizedForBoth(s, s.get<T.AccountObject>(op.bidder), debtAsset, b.options.short_backing_asset, "bid_collateral");
    return bid === undefined ? {} : { bid };
  },
  /** A previous bid is replaced (its collateral returned, no virtual operation); a bid covering nothing
   *  only cancels. */
  *apply(ctx, op, { bid }) {
    const s = ctx.s;
    if (bid !== undefined) yield* cancelBid(s, bid, false);
    if (op.debt_covered.amount === 0n) return VOID_RESULT;
    yield* adjustBalance(s, op.bidder, { amount: -op.additional_collateral.amount, asset_id: op.additional_collateral.asset_id }, "additional_collateral");
    s.create<T.CollateralBidObject>(2, I.collateral_bid, (id) => ({
      id, bidder: op.bidder, inv_swan_price: { base: op.additional_collateral, quote: op.debt_covered },
    }));
    return VOID_RESULT;
  },
};

export const CALL_ORDER_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  [3, callOrderUpdateEvaluator],
  [45, bidCollateralEvaluator],
];
