// Price feeds of market-issued assets: asset_bitasset_data_object's feed bookkeeping (asset_object.hpp,
// asset_object.cpp update_median_feeds / refresh_cache) and database::update_bitasset_current_feed
// (db_update.cpp). Every hardfork is active: core-1270 (MCR/MSSR/ICR overrides and the cached
// collateralization prices) and core-2582 (the median feed decides whether margin calls are checked) apply.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { COLLATERAL_RATIO_DENOM, OBJECT_TYPES as P } from "../protocol/config.js";
import {
  type Ratio, invertPrice, isNullPrice, maintenanceCollateralization, makeRatio, marginCallOrderPrice, marginCallOrderRatio, marginCallPaysRatio,
  multiplyAndRoundUp, multiplyPriceByRatio, nullPrice, priceEquals, priceLess, priceOf,
} from "../protocol/price.js";
import { findLeastCollateralizedShort } from "./call_order.js";
import { feedExpirationTime, inst, needToUpdateCer } from "../chain/tables.js";
import type { ChainError } from "../protocol/errors.js";
import { defaultPriceFeedWithIcr } from "../chain/defaults.js";
import { type Gen, ok } from "../chain/gen.js";
import type { Session } from "../chain/session.js";

/** bitasset_options::black_swan_response_type (asset_ops.hpp). */
export const BSRM = {
  global_settlement: 0,
  no_settlement: 1,
  individual_settlement_to_fund: 2,
  individual_settlement_to_order: 3,
} as const;

/** bitasset_options::get_black_swan_response_method: global settlement unless the extension says otherwise. */
export const bsrmOf = (o: T.BitassetOptions): number => o.extensions.black_swan_response_method ?? BSRM.global_settlement;

/** asset_bitasset_data_object::is_globally_settled: a settlement price is set. */
export const isGloballySettled = (b: T.AssetBitassetDataObject): boolean => !isNullPrice(b.settlement_price);

/** asset_bitasset_data_object::is_individually_settled_to_fund. */
export const isIndividuallySettledToFund = (b: T.AssetBitassetDataObject): boolean =>
  b.individual_settlement_debt !== 0n && bsrmOf(b.options) === BSRM.individual_settlement_to_fund;

// need_to_update_cer and feed_expiration_time key the bitasset indices, so they live with them in tables.ts.
export { feedExpirationTime, needToUpdateCer };

/** asset_bitasset_data_object::feed_is_expired (the post-hardfork-615 form). */
export const feedIsExpired = (b: T.AssetBitassetDataObject, now: number): boolean => feedExpirationTime(b) <= now;

/** price_feed_with_icr( feed, icr ): the ICR given, else the feed's MCR. */
export function priceFeedWithIcr(feed: T.PriceFeed, icr?: number): T.PriceFeedWithIcr {
  return {
    settlement_price: feed.settlement_price, maintenance_collateral_ratio: feed.maintenance_collateral_ratio,
    maximum_short_squeeze_ratio: feed.maximum_short_squeeze_ratio, core_exchange_rate: feed.core_exchange_rate,
    initial_collateral_ratio: icr ?? feed.maintenance_collateral_ratio,
  };
}

/** price_feed_with_icr::get_initial_collateralization: ~settlement_price * ICR / GRAPHENE_COLLATERAL_RATIO_DENOM. */
function initialCollateralization(f: T.PriceFeedWithIcr): E.Either<ChainError, T.Price> {
  if (isNullPrice(f.settlement_price)) return E.right(nullPrice());
  return E.flatMap(makeRatio(f.initial_collateral_ratio, COLLATERAL_RATIO_DENOM), (r) => multiplyPriceByRatio(invertPrice(f.settlement_price), r));
}

/** asset_bitasset_data_object::refresh_cache: the maintenance and initial collateralization prices of the
 *  median feed (the initial one equals the maintenance one unless ICR > MCR). */
function* refreshCache(b: T.AssetBitassetDataObject): Gen<T.AssetBitassetDataObject> {
  const mc = yield* ok(maintenanceCollateralization(b.median_feed));
  const ic = b.median_feed.initial_collateral_ratio > b.median_feed.maintenance_collateral_ratio
    ? yield* ok(initialCollateralization(b.median_feed)) : mc;
  return { ...b, current_maintenance_collateralization: mc, current_initial_collateralization: ic };
}

type FeedField = "settlement_price" | "core_exchange_rate" | "maintenance_collateral_ratio" | "maximum_short_squeeze_ratio" | "initial_collateral_ratio";

/** The value std::nth_element puts in the middle (index size/2) when ordering by one field. JS's sort is
 *  stable; among prices equal by value but written differently nth_element's pick is unspecified. */
function medianOf<K extends FeedField>(feeds: readonly T.PriceFeedWithIcr[], field: K): T.PriceFeedWithIcr[K] {
  const values = feeds.map((f) => f[field]);
  const sorted = typeof values[0] === "number"
    ? [...values].sort((a, b) => (a as number) - (b as number))
    : [...values].sort((a, b) => (priceLess(a as T.Price, b as T.Price) ? -1 : priceLess(b as T.Price, a as T.Price) ? 1 : 0));
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** asset_bitasset_data_object::update_median_feeds: of the feeds published (time not 0) less than
 *  feed_lifetime_sec ago, the median of each field, unless fewer than minimum_feeds (then the null feed).
 *  MCR, MSSR and ICR set in the options override the feeds'. current_feed_publication_time becomes the
 *  oldest valid feed's time (now if too few); feed_cer_updated notes a changed median CER. */
export function* updateMedianFeeds(b: T.AssetBitassetDataObject, now: number): Gen<T.AssetBitassetDataObject> {
  let published = now;
  const effective: T.PriceFeedWithIcr[] = [];
  for (const [, [time, feed]] of b.feeds) {
    if (now - time < b.options.feed_lifetime_sec && time !== 0) {
      effective.push(feed);
      published = Math.min(published, time);
    }
  }
  if (effective.length < b.options.minimum_feeds) {
    return yield* refreshCache({
      ...b, feed_cer_updated: false, current_feed_publication_time: now,
      median_feed: defaultPriceFeedWithIcr(),
    });
  }
  const ext = b.options.extensions;
  const median: T.PriceFeedWithIcr = effective.length === 1 ? effective[0]! : {
    settlement_price: medianOf(effective, "settlement_price"),
    core_exchange_rate: medianOf(effective, "core_exchange_rate"),
    maintenance_collateral_ratio: medianOf(effective, "maintenance_collateral_ratio"),
    maximum_short_squeeze_ratio: medianOf(effective, "maximum_short_squeeze_ratio"),
    initial_collateral_ratio: medianOf(effective, "initial_collateral_ratio"),
  };
  const withOverrides: T.PriceFeedWithIcr = {
    ...median,
    ...(ext.maintenance_collateral_ratio === undefined ? {} : { maintenance_collateral_ratio: ext.maintenance_collateral_ratio }),
    ...(ext.maximum_short_squeeze_ratio === undefined ? {} : { maximum_short_squeeze_ratio: ext.maximum_short_squeeze_ratio }),
    ...(ext.initial_collateral_ratio === undefined ? {} : { initial_collateral_ratio: ext.initial_collateral_ratio }),
  };
  const cerChanged = !priceEquals(b.median_feed.core_exchange_rate, withOverrides.core_exchange_rate);
  return yield* refreshCache({
    ...b, current_feed_publication_time: published, median_feed: withOverrides, feed_cer_updated: b.feed_cer_updated || cerChanged,
  });
}

/** database::find_settled_debt_order: the limit order holding the individually settled debt of the asset
 *  (by_is_settled_debt: is_settled_debt, receiving the asset). */
export function findSettledDebtOrder(s: Session, assetId: string): T.LimitOrderObject | undefined {
  const o = s.first<T.LimitOrderObject>(1, P.limit_order, "by_is_settled_debt", [true, inst(assetId)]);
  return o !== undefined && o.is_settled_debt && o.sell_price.quote.asset_id === assetId ? o : undefined;
}

/** asset_bitasset_data_object::get_margin_call_order_price: the current feed's price at which margin calls sell. */
export const marginCallOrderPriceOf = (b: T.AssetBitassetDataObject): E.Either<ChainError, T.Price> =>
  marginCallOrderPrice(b.current_feed, b.options.extensions.margin_call_fee_ratio);

/** asset_bitasset_data_object::get_margin_call_pays_ratio. */
export const marginCallPaysRatioOf = (b: T.AssetBitassetDataObject): E.Either<ChainError, Ratio> =>
  marginCallPaysRatio(b.current_feed, b.options.extensions.margin_call_fee_ratio);

/** asset_bitasset_data_object::is_current_feed_price_capped: the current settlement price is not the median's. */
export const isCurrentFeedPriceCapped = (b: T.AssetBitassetDataObject): boolean =>
  !priceEquals(b.median_feed.settlement_price, b.current_feed.settlement_price);

/** asset_bitasset_data_object::get_individual_settlement_price: settled debt / settlement fund. */
export const individualSettlementPrice = (b: T.AssetBitassetDataObject): T.Price => ({
  base: { amount: b.individual_settlement_debt, asset_id: b.asset_id },
  quote: { amount: b.individual_settlement_fund, asset_id: b.options.short_backing_asset },
});

/** std::max over prices: the second only when the first is less. */
const priceMaxOf = (a: T.Price, b: T.Price): T.Price => (priceLess(a, b) ? b : a);

/** get_derived_current_feed_price (db_update.cpp): for no_settlement, the median settlement price raised to
 *  where the least collateralized short would be called (~collateralization * MSSR / 1000); for
 *  individual_settlement_to_fund with settled debt, raised to the fund's price times the margin call order
 *  ratio; nothing when that is what the current feed already holds (or both are null). */
function* derivedCurrentFeedPrice(s: Session, b: T.AssetBitassetDataObject): Gen<T.Price | undefined> {
  const median = b.median_feed.settlement_price;
  if (isNullPrice(median)) return isNullPrice(b.current_feed.settlement_price) ? undefined : median;
  let result = median;
  const bsrm = bsrmOf(b.options);
  if (bsrm === BSRM.no_settlement) {
    const call = findLeastCollateralizedShort(s, b);
    if (call !== undefined) {
      const least: T.Price = { base: { amount: call.collateral, asset_id: b.options.short_backing_asset }, quote: { amount: call.debt, asset_id: b.asset_id } };
      const r = yield* ok(makeRatio(b.current_feed.maximum_short_squeeze_ratio, COLLATERAL_RATIO_DENOM));
      result = priceMaxOf(median, yield* ok(multiplyPriceByRatio(invertPrice(least), r)));
    }
  } else if (bsrm === BSRM.individual_settlement_to_fund && b.individual_settlement_debt > 0n) {
    const fundPrice = yield* ok(priceOf({ amount: b.individual_settlement_debt, asset_id: b.asset_id }, { amount: b.individual_settlement_fund, asset_id: b.options.short_backing_asset }));
    const r = yield* ok(marginCallOrderRatio(b.current_feed, b.options.extensions.margin_call_fee_ratio));
    result = priceMaxOf(median, yield* ok(multiplyPriceByRatio(fundPrice, r)));
  }
  return priceEquals(result, b.current_feed.settlement_price) ? undefined : result;
}

/** database::update_bitasset_current_feed: recompute the median (unless skipMedianUpdate), copy it to the
 *  current feed, and for no_settlement / individual_settlement_to_fund take the derived settlement price.
 *  With skipMedianUpdate only the current feed's settlement price follows the median's. */
export function* updateBitassetCurrentFeed(s: Session, bitassetId: string, skipMedianUpdate = false): Gen<void> {
  const b = s.get<T.AssetBitassetDataObject>(bitassetId);
  const bsrm = bsrmOf(b.options);
  const derives = bsrm === BSRM.no_settlement || bsrm === BSRM.individual_settlement_to_fund;
  if (skipMedianUpdate) {
    const next = derives ? yield* derivedCurrentFeedPrice(s, b)
      : priceEquals(b.current_feed.settlement_price, b.median_feed.settlement_price) ? undefined : b.median_feed.settlement_price;
    if (next === undefined) return;
    s.modify<T.AssetBitassetDataObject>(bitassetId, (cur) => ({ ...cur, current_feed: { ...cur.current_feed, settlement_price: next } }));
    return;
  }
  const updated = yield* updateMedianFeeds(b, s.headBlockTime());
  const withCurrent = { ...updated, current_feed: updated.median_feed };
  const derived = derives ? yield* derivedCurrentFeedPrice(s, withCurrent) : undefined;
  const final = derived === undefined ? withCurrent : { ...withCurrent, current_feed: { ...withCurrent.current_feed, settlement_price: derived } };
  s.modify<T.AssetBitassetDataObject>(bitassetId, () => final);
  if (bsrm === BSRM.individual_settlement_to_order) updateSettledDebtOrder(s, final);
}

/** update_settled_debt_order (db_update.cpp, core-2591): the settled debt order offers just enough of the fund
 *  to buy the settled debt back at the margin call order price, or the whole fund at the fund's price when
 *  that is not enough (or overflows). */
export function updateSettledDebtOrder(s: Session, b: T.AssetBitassetDataObject): void {
  if (isNullPrice(b.current_feed.settlement_price)) return;
  const order = findSettledDebtOrder(s, b.asset_id);
  if (order === undefined) return;
  const next = settledDebtOrderTerms(b);
  s.modify<T.LimitOrderObject>(order.id, (o) => ({ ...o, ...next }));
}

/** The for_sale and sell_price of the settled debt order after core-2591 (see updateSettledDebtOrder). */
export function settledDebtOrderTerms(b: T.AssetBitassetDataObject): { for_sale: bigint; sell_price: T.Price } {
  const mcop = marginCallOrderPriceOf(b);
  if (E.isRight(mcop)) {
    const sellPrice = invertPrice(mcop.right);
    const forSale = multiplyAndRoundUp({ amount: b.individual_settlement_debt, asset_id: b.asset_id }, sellPrice);
    if (E.isRight(forSale) && forSale.right.amount <= b.individual_settlement_fund) return { for_sale: forSale.right.amount, sell_price: sellPrice };
  }
  return { for_sale: b.individual_settlement_fund, sell_price: invertPrice(individualSettlementPrice(b)) };
}
