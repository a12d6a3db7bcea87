// Matching a new limit order against the book (db_market.cpp database::apply_order, match and
// match_limit_normal_limit), post-hardfork paths (core-184, core-342, core-625, core-1270 ...).
import type * as T from "../../generated/native-types.js";
import { OBJECT_TYPES } from "../protocol/config.js";
import { chainError } from "../protocol/errors.js";
import {
  invertPrice, isNullPrice, maxShortSqueezePrice, multiplyAndRoundUp, multiplyByPrice, priceEquals, priceLess, priceLessEq,
} from "../protocol/price.js";
import { type Gen, ok, stop } from "../chain/gen.js";
import type { Session } from "../chain/session.js";
import { inst, priceDescending } from "../chain/tables.js";
import { amountForSale, fillLimitOrder, maybeCullSmallOrder } from "./fill.js";
import { callCollateralization, findLeastCollateralizedShort } from "./call_order.js";
import { BSRM, bsrmOf, isCurrentFeedPriceCapped, isGloballySettled, marginCallOrderPriceOf } from "./feeds.js";
import { checkCallOrders, matchLimitCall } from "./margin_call.js";
import { matchLimitSettledDebt } from "./settled_debt.js";

const LIMIT = OBJECT_TYPES.limit_order;

/** database::match_result_type. */
export type MatchResult = "none_filled" | "only_taker_filled" | "only_maker_filled" | "both_filled";

export function matchResult(takerFilled: boolean, makerFilled: boolean): MatchResult {
  if (takerFilled && makerFilled) return "both_filled";
  if (takerFilled) return "only_taker_filled";
  return makerFilled ? "only_maker_filled" : "none_filled";
}

/**
 * database::match_limit_normal_limit at the maker's price: the smaller side is filled. When the taker is
 * smaller it receives its amount at the price rounded down (nothing: the taker is done, as core-184) and pays
 * what that is worth rounded up, and may be culled; when the maker is smaller it receives its whole amount
 * rounded down and the taker receives that worth rounded up (core-342).
 */
export function* matchLimitOrders(s: Session, takerId: string, makerId: string, matchPrice: T.Price): Gen<MatchResult> {
  const taker = s.get<T.LimitOrderObject>(takerId);
  const maker = s.get<T.LimitOrderObject>(makerId);
  if (taker.is_settled_debt) {
    return yield* stop(chainError("assert_exception", "market.match_taker_settled_debt", "", `the taker ${takerId} is a settled debt order`));
  }
  if (maker.is_settled_debt) return yield* matchLimitSettledDebt(s, takerId, makerId, matchPrice);
  const takerForSale = amountForSale(taker);
  const makerForSale = amountForSale(maker);
  let takerReceives: T.Asset;
  let makerReceives: T.Asset;
  let cullTaker = false;
  const makerWorth = yield* ok(multiplyByPrice(makerForSale, matchPrice));
  if (takerForSale.amount <= makerWorth.amount) {
    takerReceives = yield* ok(multiplyByPrice(takerForSale, matchPrice));
    if (takerReceives.amount === 0n) return "only_taker_filled";
    makerReceives = yield* ok(multiplyAndRoundUp(takerReceives, matchPrice));
    cullTaker = true;
  } else {
    makerReceives = makerWorth;
    takerReceives = yield* ok(multiplyAndRoundUp(makerReceives, matchPrice));
  }
  const makerPays = takerReceives;
  const takerPays = makerReceives;
  const takerFilled = yield* fillLimitOrder(s, takerId, takerPays, takerReceives, cullTaker, matchPrice, false);
  const makerFilled = yield* fillLimitOrder(s, makerId, makerPays, makerReceives, true, matchPrice, true);
  return matchResult(takerFilled, makerFilled);
}

/** The best order selling `sell` for `receive` (by_price lower_bound of price::max), if any. */
export function bestOrder(s: Session, sell: string, receive: string): T.LimitOrderObject | undefined {
  const o = s.first<T.LimitOrderObject>(1, LIMIT, "by_price", [-inst(sell), -inst(receive)]);
  return o !== undefined && o.sell_price.base.asset_id === sell && o.sell_price.quote.asset_id === receive ? o : undefined;
}

/** The orders selling `sell` for `receive`, best price first, oldest first at one price (by_price). */
export function* ordersInMarket(s: Session, sell: string, receive: string): IterableIterator<T.LimitOrderObject> {
  yield* s.db.withPrefix<T.LimitOrderObject>(1, LIMIT, "by_price", [-inst(sell), -inst(receive)]);
}

/** A position in the by_price index that follows its order (a multi_index iterator). */
interface Cursor { at: T.LimitOrderObject | undefined }

/** The order after `o` in by_price (++iterator). */
function nextInIndex(s: Session, o: T.LimitOrderObject): T.LimitOrderObject | undefined {
  return s.first<T.LimitOrderObject>(1, LIMIT, "by_price", [...priceDescending(o.sell_price), inst(o.id) + 1]);
}

/** apply_order's loop: the taker meets each maker from the cursor up to (not including) the order `endId`
 *  (undefined: the end of the index), each at the maker's price, until the taker is done. The cursor moves to
 *  the next order before each match. Answers whether the taker is done. */
function* walkMakers(s: Session, takerId: string, cursor: Cursor, endId: string | undefined): Gen<boolean> {
  while (cursor.at !== undefined && cursor.at.id !== endId) {
    const maker = cursor.at;
    const next = nextInIndex(s, maker);
    const result = yield* matchLimitOrders(s, takerId, maker.id, maker.sell_price);
    cursor.at = next === undefined ? undefined : s.find<T.LimitOrderObject>(next.id);
    if (result !== "only_maker_filled") return true;
  }
  return false;
}

/** The margin call prices when a new order sells a market-issued asset for its backing asset (apply_order):
 *  calls match at the margin call order price and pay at the max short squeeze price. */
function* callMatchPrices(s: Session, sell: T.AssetObject, receive: string): Gen<{ b: T.AssetBitassetDataObject; match: T.Price; pays: T.Price } | undefined> {
  if (sell.bitasset_data_id === undefined) return undefined;
  const b = s.get<T.AssetBitassetDataObject>(sell.bitasset_data_id);
  if (b.options.short_backing_asset !== receive || b.is_prediction_market || isGloballySettled(b) || isNullPrice(b.current_feed.settlement_price)) return undefined;
  return {
    b, match: invertPrice(yield* ok(marginCallOrderPriceOf(b))), pays: invertPrice(yield* ok(maxShortSqueezePrice(b.current_feed))),
  };
}

/**
 * database::apply_order: a new order is matched against the opposite side while the maker's price is at
 * least the inverse of the taker's, then a rest that would receive nothing is culled. An order selling a
 * market-issued asset for its backing asset at or below the margin call order price first takes the bids
 * priced above that, then positions in margin call territory (least collateralized first, at the margin
 * call order price), then the rest of the book. Returns whether the order is gone. An order behind a better
 * one of its own side cannot match.
 */
export function* applyOrder(s: Session, orderId: string): Gen<boolean> {
  const order = s.get<T.LimitOrderObject>(orderId);
  const sell = order.sell_price.base.asset_id;
  const receive = order.sell_price.quote.asset_id;
  const best = bestOrder(s, sell, receive);
  if (best !== undefined && best.id !== orderId) return false;

  const worstAcceptable = invertPrice(order.sell_price);
  // The makers are walked as bitshares-core walks its index: from the first order of the opposite side to an
  // end fixed before any matching (upper_bound of the taker's inverse price), taking the next order before
  // each match. An order a fill inserts on that side in between (the taker's own take-profit order) is met.
  const cursor: Cursor = { at: s.first<T.LimitOrderObject>(1, LIMIT, "by_price", [-inst(receive), -inst(sell)]) };
  const limitEnd = s.first<T.LimitOrderObject>(1, LIMIT, "by_price", [...priceDescending(worstAcceptable), Number.MAX_SAFE_INTEGER])?.id;
  const sellAsset = s.get<T.AssetObject>(sell);
  let call = yield* callMatchPrices(s, sellAsset, receive);
  if (call !== undefined && !priceLessEq(worstAcceptable, call.match)) call = undefined;
  let finished = false;
  let feedPriceUpdated = false;
  if (call !== undefined) {
    // Bids priced above the call match price come first (to lower_bound of that price).
    const afterCall = s.first<T.LimitOrderObject>(1, LIMIT, "by_price", priceDescending(call.match))?.id;
    finished = yield* walkMakers(s, orderId, cursor, afterCall);
    if (!finished) {
      const bitassetId = call.b.id;
      const bsrm = bsrmOf(call.b.options);
      let updateCallPrice = bsrm === BSRM.no_settlement && isCurrentFeedPriceCapped(call.b);
      const oldFeedPrice = call.b.current_feed.settlement_price;
      let matchPrice = call.match;
      let paysPrice = call.pays;
      while (!finished) {
        const b = s.get<T.AssetBitassetDataObject>(bitassetId);
        const c = findLeastCollateralizedShort(s, b);
        if (c === undefined || priceLess(b.current_maintenance_collateralization, callCollateralization(c))) break;
        const result = yield* matchLimitCall(s, orderId, c.id, matchPrice, bitassetId, paysPrice);
        if (result === "only_taker_filled" || result === "both_filled") finished = true;
        else if (updateCallPrice) {
          const nb = s.get<T.AssetBitassetDataObject>(bitassetId);
          matchPrice = invertPrice(yield* ok(marginCallOrderPriceOf(nb)));
          paysPrice = invertPrice(yield* ok(maxShortSqueezePrice(nb.current_feed)));
          updateCallPrice = isCurrentFeedPriceCapped(nb);
        }
      }
      if (bsrm === BSRM.no_settlement && !priceEquals(s.get<T.AssetBitassetDataObject>(bitassetId).current_feed.settlement_price, oldFeedPrice)) {
        feedPriceUpdated = true;
      }
    }
  }
  if (!finished) yield* walkMakers(s, orderId, cursor, limitEnd);
  const rest = s.find<T.LimitOrderObject>(orderId);
  const gone = rest === undefined || (yield* maybeCullSmallOrder(s, rest));
  if (gone && feedPriceUpdated) yield* checkCallOrders(s, s.get<T.AssetObject>(sell));
  return gone;
}
