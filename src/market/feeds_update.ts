// The per-block feed work of _apply_block (db_update.cpp): update_expired_feeds and
// update_core_exchange_rates, as BlockHooks (src/chain/block.ts).
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { IMPL_OBJECT_TYPES as I } from "../protocol/config.js";
import { isNullPrice, marginCallParamsEqual, priceEquals } from "../protocol/price.js";
import { type Gen, run } from "../chain/gen.js";
import { checkCallOrders } from "./margin_call.js";
import { ChainInvariantError, type Session } from "../chain/session.js";
import { feedIsExpired, needToUpdateCer, updateBitassetCurrentFeed } from "./feeds.js";

/** The bitasset's current feed CER becomes its asset's CER (if different), and both update marks clear. */
function applyFeedCer(s: Session, b: T.AssetBitassetDataObject): void {
  s.modify<T.AssetBitassetDataObject>(b.id, (cur) => ({ ...cur, asset_cer_updated: false, feed_cer_updated: false }));
  const a = s.get<T.AssetObject>(b.asset_id);
  if (!priceEquals(a.options.core_exchange_rate, b.current_feed.core_exchange_rate)) {
    s.modify<T.AssetObject>(a.id, (cur) => ({ ...cur, options: { ...cur.options, core_exchange_rate: b.current_feed.core_exchange_rate } }));
  }
}

/** database::update_expired_feeds: each bitasset whose feed expired by the head block time (in
 *  by_feed_expiration order: expiration time, then asset id) gets its median and current feed recomputed
 *  from the feeds still valid, and its CER updated if due. A recomputed feed's expiration is always after
 *  the head time (the oldest valid feed, or now, plus the lifetime), so each bitasset is visited once.
 *  At block 1 this sets every bitasset's current_feed_publication_time (it starts at 0). */
export function updateExpiredFeeds(s: Session): void {
  const now = s.headBlockTime();
  // Most blocks have nothing to do: look first without iterating (which hands out a snapshot, see Session.db).
  const earliest = s.first<T.AssetBitassetDataObject>(2, I.asset_bitasset_data, "by_feed_expiration");
  if (earliest === undefined || !feedIsExpired(earliest, now)) return;
  // by_feed_expiration up to the first feed still valid. A recomputed feed expires after now (its lifetime
  // exceeds the block interval), so none comes up twice, as in the C++ loop over the live index.
  const expired: string[] = [];
  for (const b of s.db.range<T.AssetBitassetDataObject>(2, I.asset_bitasset_data, "by_feed_expiration")) {
    if (!feedIsExpired(b, now)) break;
    expired.push(b.id);
  }
  for (const id of expired) {
    const r = run(updateExpiredFeed(s, id));
    // Feeds were validated when published: recomputing them cannot fail (in C++ it would abort the block).
    if (E.isLeft(r)) throw new ChainInvariantError(`update_expired_feeds on ${id}: ${r.left.message}`);
    const b = s.get<T.AssetBitassetDataObject>(id);
    if (needToUpdateCer(b)) applyFeedCer(s, b);
  }
}

/** One expired bitasset: feeds recomputed, then margin calls when the current feed (with a price) or the
 *  median feed (core-2582) changed its margin call parameters. */
function* updateExpiredFeed(s: Session, id: string): Gen<void> {
  const before = s.get<T.AssetBitassetDataObject>(id);
  yield* updateBitassetCurrentFeed(s, id);
  const b = s.get<T.AssetBitassetDataObject>(id);
  const currentChanged = !isNullPrice(b.current_feed.settlement_price) && !marginCallParamsEqual(before.current_feed, b.current_feed);
  const medianChanged = !isNullPrice(b.median_feed.settlement_price) && !marginCallParamsEqual(before.median_feed, b.median_feed);
  if (currentChanged || medianChanged) yield* checkCallOrders(s, s.get<T.AssetObject>(b.asset_id));
}

/** database::update_core_exchange_rates: every bitasset with a pending CER update (by_cer_update) copies its
 *  current feed CER to its asset and clears the marks. */
export function updateCoreExchangeRates(s: Session): void {
  if (s.first(2, I.asset_bitasset_data, "by_cer_update", [true]) === undefined) return;
  const pending = [...s.db.withPrefix<T.AssetBitassetDataObject>(2, I.asset_bitasset_data, "by_cer_update", [true])];
  for (const { id } of pending) applyFeedCer(s, s.get<T.AssetBitassetDataObject>(id));
}
