// The settled debt order of individual_settlement_to_order (BSIP 87 in bitshares-core 7.0): a limit order of
// the null account selling the individual settlement fund for the settled debt. db_market.cpp
// match_limit_settled_debt, match_settled_debt_limit and check_settled_debt_order, post core-2591.
import type * as T from "../../generated/native-types.js";
import { multiplyAndRoundUp, multiplyByPrice, priceLess } from "../protocol/price.js";
import { type Gen, ok } from "../chain/gen.js";
import type { Session } from "../chain/session.js";
import { BSRM, bsrmOf, findSettledDebtOrder, individualSettlementPrice } from "./feeds.js";
import { FILL_ORDER_OP, amountForSale, fillLimitOrder } from "./fill.js";
import { type MatchResult, matchResult, ordersInMarket } from "./match.js";

/** What the settled debt side pays when it buys `callReceives` back: all of the fund when it is filled, the
 *  order's receipt when the order sells the whole fund, else the fund's share at the fund's price (never
 *  less than the counterpart receives); the excess is the asset's collateral fee. */
function* settledDebtPays(b: T.AssetBitassetDataObject, order: T.LimitOrderObject, filled: boolean, callReceives: T.Asset, orderReceives: T.Asset): Gen<T.Asset> {
  let pays = orderReceives;
  if (filled) pays = { amount: b.individual_settlement_fund, asset_id: orderReceives.asset_id };
  else if (order.for_sale !== b.individual_settlement_fund) pays = yield* ok(multiplyByPrice(callReceives, individualSettlementPrice(b)));
  return pays.amount < orderReceives.amount ? orderReceives : pays;
}

/** The bookkeeping both directions share: supply and fees, the fill_order of the settled debt order, the
 *  fund and debt, and the order removed or re-priced (core-2591). */
function* settleDebtFill(s: Session, b: T.AssetBitassetDataObject, order: T.LimitOrderObject, filled: boolean, callPays: T.Asset, callReceives: T.Asset,
  orderReceives: T.Asset, matchPrice: T.Price, isMaker: boolean): Gen<void> {
  const mia = s.get<T.AssetObject>(b.asset_id);
  const fee = callPays.amount - orderReceives.amount;
  s.modify<T.AssetDynamicDataObject>(mia.dynamic_asset_data_id, (d) => ({
    ...d, current_supply: d.current_supply - callReceives.amount, accumulated_collateral_fees: d.accumulated_collateral_fees + fee,
  }));
  s.pushAppliedOperation([FILL_ORDER_OP, {
    fee: { amount: fee, asset_id: callPays.asset_id }, order_id: order.id, account_id: order.seller, pays: callPays, receives: callReceives,
    fill_price: matchPrice, is_maker: isMaker,
  }]);
  const nb = s.modify<T.AssetBitassetDataObject>(b.id, (x) => ({
    ...x, individual_settlement_debt: x.individual_settlement_debt - callReceives.amount, individual_settlement_fund: x.individual_settlement_fund - callPays.amount,
  }));
  if (filled) {
    s.remove(order.id);
    return;
  }
  const forSale = yield* ok(multiplyAndRoundUp({ amount: nb.individual_settlement_debt, asset_id: nb.asset_id }, order.sell_price));
  s.modify<T.LimitOrderObject>(order.id, (o) => forSale.amount > nb.individual_settlement_fund
    ? { ...o, for_sale: nb.individual_settlement_fund, sell_price: { base: { ...individualSettlementPrice(nb).quote }, quote: { ...individualSettlementPrice(nb).base } } }
    : { ...o, for_sale: forSale.amount });
}

/** database::match_limit_settled_debt: a taker selling the debt asset meets the settled debt order (maker). */
export function* matchLimitSettledDebt(s: Session, takerId: string, makerId: string, matchPrice: T.Price): Gen<MatchResult> {
  const taker = s.get<T.LimitOrderObject>(takerId);
  const maker = s.get<T.LimitOrderObject>(makerId);
  const b = s.get<T.AssetBitassetDataObject>(s.get<T.AssetObject>(maker.sell_price.quote.asset_id).bitasset_data_id!);
  const usdForSale = amountForSale(taker);
  let callReceives: T.Asset, orderReceives: T.Asset;
  let cullTaker = false;
  let makerFilled = false;
  if (b.individual_settlement_debt > usdForSale.amount) {
    orderReceives = yield* ok(multiplyByPrice(usdForSale, matchPrice));
    if (orderReceives.amount === 0n) return "only_taker_filled";
    callReceives = yield* ok(multiplyAndRoundUp(orderReceives, matchPrice));
    cullTaker = true;
  } else {
    callReceives = { amount: b.individual_settlement_debt, asset_id: b.asset_id };
    orderReceives = amountForSale(maker);
    makerFilled = true;
  }
  const takerFilled = yield* fillLimitOrder(s, takerId, callReceives, orderReceives, cullTaker, matchPrice, false);
  const bNow = s.get<T.AssetBitassetDataObject>(b.id);
  const callPays = yield* settledDebtPays(bNow, maker, makerFilled, callReceives, orderReceives);
  yield* settleDebtFill(s, bNow, maker, makerFilled, callPays, callReceives, orderReceives, matchPrice, true);
  return matchResult(takerFilled, makerFilled);
}

/** database::match_settled_debt_limit: the settled debt order (taker) meets a bid selling the debt asset. */
export function* matchSettledDebtLimit(s: Session, takerId: string, makerId: string, matchPrice: T.Price): Gen<MatchResult> {
  const taker = s.get<T.LimitOrderObject>(takerId);
  const maker = s.get<T.LimitOrderObject>(makerId);
  const b = s.get<T.AssetBitassetDataObject>(s.get<T.AssetObject>(taker.sell_price.quote.asset_id).bitasset_data_id!);
  const usdForSale = amountForSale(maker);
  let callReceives: T.Asset, orderReceives: T.Asset;
  let takerFilled = false;
  if (b.individual_settlement_debt > usdForSale.amount) {
    orderReceives = yield* ok(multiplyByPrice(usdForSale, matchPrice));
    callReceives = yield* ok(multiplyAndRoundUp(orderReceives, matchPrice));
  } else {
    callReceives = { amount: b.individual_settlement_debt, asset_id: b.asset_id };
    orderReceives = yield* ok(multiplyAndRoundUp(callReceives, matchPrice));
    takerFilled = true;
  }
  const callPays = yield* settledDebtPays(b, taker, takerFilled, callReceives, orderReceives);
  yield* settleDebtFill(s, b, taker, takerFilled, callPays, callReceives, orderReceives, matchPrice, false);
  const makerFilled = yield* fillLimitOrder(s, makerId, callReceives, orderReceives, true, matchPrice, true);
  return matchResult(takerFilled, makerFilled);
}

/** database::check_settled_debt_order: the settled debt order of an individual_settlement_to_order asset
 *  takes the bids priced at or above its own (inverse) price. */
export function* checkSettledDebtOrder(s: Session, bitassetId: string): Gen<void> {
  const b = s.get<T.AssetBitassetDataObject>(bitassetId);
  if (bsrmOf(b.options) !== BSRM.individual_settlement_to_order) return;
  let order = findSettledDebtOrder(s, b.asset_id);
  if (order === undefined) return;
  let minPrice: T.Price = { base: order.sell_price.quote, quote: order.sell_price.base };
  for (const m of ordersInMarket(s, b.asset_id, b.options.short_backing_asset)) {
    if (priceLess(m.sell_price, minPrice)) break;
    const oldPrice = order.sell_price;
    const result = yield* matchSettledDebtLimit(s, order.id, m.id, m.sell_price);
    if (result !== "only_maker_filled") break;
    order = s.find<T.LimitOrderObject>(order.id);
    if (order === undefined) break;
    if (oldPrice !== order.sell_price) minPrice = { base: order.sell_price.quote, quote: order.sell_price.base };
  }
}
