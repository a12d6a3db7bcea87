// Margin calls (db_market.cpp database::check_call_orders, check_for_blackswan and the limit-order-versus-call
// match), post-hardfork paths: core-1270 (by collateralization), core-2481 (margin calls match force
// settlements; no black swan from a plain match), core-2582 (the median feed sets the target), and the
// black swan response methods of 7.0 (BSIP 74/77/87).
import type * as T from "../../generated/native-types.js";
import { chainError } from "../protocol/errors.js";
import {
  invertPrice, isNullPrice, maxShortSqueezePrice, multiplyAndRoundUp, multiplyByPrice, multiplyPriceByRatio, priceGreaterEq, priceLess, priceOf,
} from "../protocol/price.js";
import { type Gen, ensureAssert, ok, stop } from "../chain/gen.js";
import type { Session } from "../chain/session.js";
import { callCollateralization, fillCallOrder, findLeastCollateralizedShort, getMaxDebtToCover, hasForceSettlement } from "./call_order.js";
import { BSRM, bsrmOf, isCurrentFeedPriceCapped, isGloballySettled, marginCallOrderPriceOf, marginCallPaysRatioOf, updateBitassetCurrentFeed } from "./feeds.js";
import { amountForSale, fillLimitOrder } from "./fill.js";
import { bestOrder, type MatchResult, matchResult } from "./match.js";
import { globallySettleAsset, individuallySettle } from "./settlement.js";
import { matchForceSettlements } from "./force_settle.js";
import { checkSettledDebtOrder } from "./settled_debt.js";

const bitassetOf = (s: Session, a: T.AssetObject): T.AssetBitassetDataObject => s.get<T.AssetBitassetDataObject>(a.bitasset_data_id!);
const maxOf = (a: T.Price, b: T.Price): T.Price => (priceLess(a, b) ? b : a);

/**
 * database::check_for_blackswan: whether the least collateralized position cannot be covered even at the
 * best price the market offers (the best bid times the margin call pays ratio, or the feed's max short
 * squeeze price if higher). Then, by the asset's BSRM, positions are settled one by one into the individual
 * settlement fund or order (answering whether any was), or the asset is globally settled at the position's
 * price (answering true). Not while a force settlement waits (core-2481: it is matched first).
 */
export function* checkForBlackswan(s: Session, mia: T.AssetObject, enableBlackSwan: boolean): Gen<boolean> {
  if (mia.bitasset_data_id === undefined) return false;
  const b0 = bitassetOf(s, mia);
  if (isGloballySettled(b0)) return true;
  if (isNullPrice(b0.current_feed.settlement_price)) return false;
  if (hasForceSettlement(s, mia.id)) return false;
  let call = findLeastCollateralizedShort(s, b0);
  if (call === undefined) return false;
  const bsrm = bsrmOf(b0.options);
  const limit = bestOrder(s, mia.id, b0.options.short_backing_asset);
  const callPaysPrice = limit === undefined ? undefined : yield* ok(multiplyPriceByRatio(limit.sell_price, yield* ok(marginCallPaysRatioOf(b0))));
  let settledSome = false;
  for (;;) {
    const b = bitassetOf(s, mia);
    let highest = yield* ok(maxShortSqueezePrice(bsrm === BSRM.individual_settlement_to_fund ? b.median_feed : b.current_feed));
    if (callPaysPrice !== undefined) {
      if (bsrm !== BSRM.individual_settlement_to_fund) highest = maxOf(callPaysPrice, highest);
      else if (priceGreaterEq(callPaysPrice, yield* ok(maxShortSqueezePrice(b.current_feed)))) highest = callPaysPrice;
    }
    const leastCollateral = callCollateralization(call);
    if (!priceLess(highest, invertPrice(leastCollateral))) return settledSome;
    yield* ensureAssert(enableBlackSwan, "check_call_orders.black_swan_allowed", "", () =>
      `updating this debt position would cause a black swan on ${mia.symbol}`);
    if (bsrm === BSRM.individual_settlement_to_fund || bsrm === BSRM.individual_settlement_to_order) {
      yield* individuallySettle(s, b.id, call);
      call = findLeastCollateralizedShort(s, bitassetOf(s, mia));
      if (call === undefined) return true;
      settledSome = true;
      continue;
    }
    yield* globallySettleAsset(s, mia, invertPrice(leastCollateral), true);
    return true;
  }
}

/** The best order selling `mia` for its backing asset at or above the margin call order price. */
function callableBid(s: Session, b: T.AssetBitassetDataObject, minPrice: T.Price): T.LimitOrderObject | undefined {
  const best = bestOrder(s, b.asset_id, b.options.short_backing_asset);
  return best !== undefined && priceGreaterEq(best.sell_price, minPrice) ? best : undefined;
}

/** Thrown out of a planned margin call fill that would leave the position less collateralized (core-2481). */
const UNDERCOLLATERALIZED = Symbol("undercollateralized");

interface CallFill { callPays: T.Asset; callReceives: T.Asset; limitReceives: T.Asset }

/** The amounts of a margin call against a bid in check_call_orders, or UNDERCOLLATERALIZED. */
function* planCallFill(call: T.CallOrderObject, usdToBuy: T.Asset, usdForSale: T.Asset, matchPrice: T.Price, callPaysPrice: T.Price): Gen<CallFill | typeof UNDERCOLLATERALIZED> {
  if (usdToBuy.amount > usdForSale.amount) {
    const limitReceives = yield* ok(multiplyByPrice(usdForSale, matchPrice));
    const callReceives = yield* ok(multiplyAndRoundUp(limitReceives, matchPrice));
    const callPays = yield* ok(multiplyByPrice(callReceives, callPaysPrice));
    if (callPays.amount >= call.collateral) return UNDERCOLLATERALIZED;
    const after = yield* ok(priceOf({ amount: call.collateral - callPays.amount, asset_id: callPays.asset_id }, { amount: call.debt - callReceives.amount, asset_id: callReceives.asset_id }));
    if (priceLess(after, callCollateralization(call))) return UNDERCOLLATERALIZED;
    return { callPays, callReceives, limitReceives };
  }
  const callPays = yield* ok(multiplyAndRoundUp(usdToBuy, callPaysPrice));
  if (callPays.amount > call.collateral) return UNDERCOLLATERALIZED;
  const limitReceives = { ...(yield* ok(multiplyAndRoundUp(usdToBuy, matchPrice))) };
  if (limitReceives.amount > call.collateral) limitReceives.amount = call.collateral;
  return { callPays, callReceives: usdToBuy, limitReceives };
}

/**
 * database::check_call_orders: while the least collateralized position of `mia` is in margin call territory
 * (at or below the maintenance collateralization), it buys its debt back from the best bid priced at or
 * above the margin call order price (the bid is maker), as much as it must to reach its target ratio; when
 * no bid can fill it without lowering its ratio, waiting force settlements are matched instead. Black swans
 * are checked first each time. Answers whether any margin call happened.
 */
export function* checkCallOrders(s: Session, mia: T.AssetObject, enableBlackSwan = true, skipMatchingSettleOrders = false): Gen<boolean> {
  if (mia.bitasset_data_id === undefined) return false;
  const bitasset = (): T.AssetBitassetDataObject => bitassetOf(s, mia);
  const b0 = bitasset();
  if (b0.is_prediction_market) return false;
  const bsrm = bsrmOf(b0.options);
  if (bsrm !== BSRM.individual_settlement_to_fund && bsrm !== BSRM.individual_settlement_to_order &&
    (yield* checkForBlackswan(s, mia, enableBlackSwan))) return false;
  if (isNullPrice(bitasset().current_feed.settlement_price)) return false;

  let minPrice = yield* ok(marginCallOrderPriceOf(bitasset()));
  let marginCalled = false;
  let updateCurrentFeed = bsrm === BSRM.no_settlement && isCurrentFeedPriceCapped(bitasset());
  while (findLeastCollateralizedShort(s, bitasset()) !== undefined) {
    const settledSome = yield* checkForBlackswan(s, mia, enableBlackSwan);
    if (isGloballySettled(bitasset())) return marginCalled;
    if (settledSome) {
      if (findLeastCollateralizedShort(s, bitasset()) === undefined) {
        yield* checkSettledDebtOrder(s, bitasset().id);
        return true;
      }
      marginCalled = true;
      if (bsrm === BSRM.individual_settlement_to_fund) minPrice = yield* ok(marginCallOrderPriceOf(bitasset()));
    }
    const b = bitasset();
    const call = findLeastCollateralizedShort(s, b)!;
    if (priceLess(b.current_maintenance_collateralization, callCollateralization(call))) {
      yield* checkSettledDebtOrder(s, b.id);
      return marginCalled;
    }
    const limit = callableBid(s, b, minPrice);
    if (limit !== undefined) {
      const matchPrice = limit.sell_price;
      marginCalled = true;
      const callPaysPrice = yield* ok(multiplyPriceByRatio(matchPrice, yield* ok(marginCallPaysRatioOf(b))));
      const usdToBuy: T.Asset = {
        amount: yield* getMaxDebtToCover(call, callPaysPrice, b.median_feed.settlement_price, b.current_feed.maintenance_collateral_ratio, b.current_maintenance_collateralization),
        asset_id: mia.id,
      };
      const plan = yield* planCallFill(call, usdToBuy, amountForSale(limit), matchPrice, callPaysPrice);
      if (plan !== UNDERCOLLATERALIZED) {
        const { callPays, callReceives, limitReceives } = plan;
        if (callPays.amount < limitReceives.amount) {
          return yield* stop(chainError("assert_exception", "check_call_orders.call_pays_enough", "", `a margin call would pay ${callPays.amount}, less than the bid receives (${limitReceives.amount})`));
        }
        const fee: T.Asset = { amount: callPays.amount - limitReceives.amount, asset_id: callPays.asset_id };
        yield* fillCallOrder(s, call.id, callPays, callReceives, matchPrice, false, fee);
        if (updateCurrentFeed) {
          yield* updateBitassetCurrentFeed(s, b.id, true);
          minPrice = yield* ok(marginCallOrderPriceOf(bitasset()));
          updateCurrentFeed = isCurrentFeedPriceCapped(bitasset());
        }
        yield* fillLimitOrder(s, limit.id, callReceives, limitReceives, true, matchPrice, true);
        continue;
      }
    }
    if (skipMatchingSettleOrders || !hasForceSettlement(s, mia.id)) return marginCalled;
    if (yield* matchForceSettlements(s, b.id)) {
      marginCalled = true;
      if (updateCurrentFeed) {
        minPrice = yield* ok(marginCallOrderPriceOf(bitasset()));
        updateCurrentFeed = isCurrentFeedPriceCapped(bitasset());
      }
    }
  }
  yield* checkSettledDebtOrder(s, bitasset().id);
  return marginCalled;
}

/**
 * database::match( limit_order, call_order, ... ): a new order selling the debt asset takes a position in
 * margin call territory (the position is maker). The position buys what it must to reach its target ratio;
 * the order receives at `matchPrice` (the margin call order price) and the position pays at `callPaysPrice`
 * (the max short squeeze price), the difference being the margin call fee.
 */
export function* matchLimitCall(s: Session, bidId: string, askId: string, matchPrice: T.Price, bitassetId: string, callPaysPrice: T.Price): Gen<MatchResult> {
  const bid = s.get<T.LimitOrderObject>(bidId);
  const ask = s.get<T.CallOrderObject>(askId);
  const b = s.get<T.AssetBitassetDataObject>(bitassetId);
  const usdForSale = amountForSale(bid);
  const usdToBuy: T.Asset = {
    amount: yield* getMaxDebtToCover(ask, callPaysPrice, b.median_feed.settlement_price, b.current_feed.maintenance_collateral_ratio, b.current_maintenance_collateralization),
    asset_id: ask.call_price.quote.asset_id,
  };
  let callPays: T.Asset, callReceives: T.Asset, orderReceives: T.Asset;
  let cullTaker = false;
  if (usdToBuy.amount > usdForSale.amount) {
    orderReceives = yield* ok(multiplyByPrice(usdForSale, matchPrice));
    if (orderReceives.amount === 0n) return "only_taker_filled";
    callReceives = yield* ok(multiplyAndRoundUp(orderReceives, matchPrice));
    callPays = yield* ok(multiplyByPrice(callReceives, callPaysPrice));
    cullTaker = true;
  } else {
    callReceives = usdToBuy;
    orderReceives = yield* ok(multiplyAndRoundUp(usdToBuy, matchPrice));
    callPays = yield* ok(multiplyAndRoundUp(usdToBuy, callPaysPrice));
  }
  if (callPays.amount < orderReceives.amount) {
    return yield* stop(chainError("assert_exception", "match.call_pays_enough", "", `a margin call would pay ${callPays.amount}, less than the order receives (${orderReceives.amount})`));
  }
  const fee: T.Asset = { amount: callPays.amount - orderReceives.amount, asset_id: callPays.asset_id };
  const takerFilled = yield* fillLimitOrder(s, bidId, callReceives, orderReceives, cullTaker, matchPrice, false);
  const makerFilled = yield* fillCallOrder(s, askId, callPays, callReceives, matchPrice, true, fee);
  if (bsrmOf(b.options) === BSRM.no_settlement) yield* updateBitassetCurrentFeed(s, bitassetId, true);
  return matchResult(takerFilled, makerFilled);
}
