// Matching a new limit order against the book (db_market.cpp database::apply_order, match and
// match_limit_normal_limit), post-hardfork paths (core-184, core-342, core-625 ...).
//
// Margin calls belong in applyOrder where bitshares-core checks `to_check_call_orders` (a sell of a
// market-issued asset for its backing asset at or below the margin call order price): limit orders priced
// above the call match price first, then call orders by collateralization, then the rest of the book. Call
// orders are not implemented yet, so only the limit-order loop runs.
import type * as T from "../../generated/native-types.js";
import { OBJECT_TYPES } from "../protocol/config.js";
import { chainError } from "../protocol/errors.js";
import { invertPrice, multiplyAndRoundUp, multiplyByPrice, priceLess } from "../protocol/price.js";
import { type Gen, ok, stop } from "../chain/gen.js";
import type { Session } from "../chain/session.js";
import { inst } from "../chain/tables.js";
import { amountForSale, fillLimitOrder, maybeCullSmallOrder } from "./fill.js";

const LIMIT = OBJECT_TYPES.limit_order;

/** database::match_result_type. */
export type MatchResult = "none_filled" | "only_taker_filled" | "only_maker_filled" | "both_filled";

function matchResult(takerFilled: boolean, makerFilled: boolean): MatchResult {
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
  if (maker.is_settled_debt || taker.is_settled_debt) {
    return yield* stop(chainError("assert_exception", "market.match_settled_debt", "", "matching against settled debt orders is not supported"));
  }
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

/** The orders selling `sell` for `receive`, best price first, oldest first at one price (by_price). */
export function* ordersInMarket(s: Session, sell: string, receive: string): IterableIterator<T.LimitOrderObject> {
  yield* s.db.withPrefix<T.LimitOrderObject>(1, LIMIT, "by_price", [-inst(sell), -inst(receive)]);
}

/**
 * database::apply_order: a new order is matched against the opposite side while the maker's price is at
 * least the inverse of the taker's; then a rest that would receive nothing is culled. Returns whether the
 * order is gone (filled or culled). An order behind a better one of its own side cannot match.
 */
export function* applyOrder(s: Session, orderId: string): Gen<boolean> {
  const order = s.get<T.LimitOrderObject>(orderId);
  const sell = order.sell_price.base.asset_id;
  const receive = order.sell_price.quote.asset_id;
  const best = ordersInMarket(s, sell, receive).next();
  if (!best.done && best.value.id !== orderId) return false;

  const worstAcceptable = invertPrice(order.sell_price);
  // The book as it stands now is walked lazily: matching only shrinks or removes the makers already
  // visited (and the taker), so the snapshot's order is the live order of what is left.
  for (const m of ordersInMarket(s, receive, sell)) {
    if (priceLess(m.sell_price, worstAcceptable)) break;
    const result = yield* matchLimitOrders(s, orderId, m.id, m.sell_price);
    if (result !== "only_maker_filled") break;
  }
  const rest = s.find<T.LimitOrderObject>(orderId);
  if (rest === undefined) return true;
  return yield* maybeCullSmallOrder(s, rest);
}
