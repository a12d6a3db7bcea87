// Market-issued assets' options and feeds (asset_evaluator.cpp): asset_update_bitasset (12),
// asset_update_feed_producers (13) and asset_publish_feed (19). Every hardfork is active: core-922/931 and
// core-868/890 (backing asset and period checks, feed updates on option changes), core-2282 (a globally
// settled bitasset may be updated), core-2467 (BSRM), core-2582 (the median feed decides margin calls).
// A changed feed runs the margin calls (database::check_call_orders); a new feed may revive a settled asset.
import type * as T from "../../../generated/native-types.js";
import {
  COMMITTEE_ACCOUNT, CORE_ASSET, IMPL_OBJECT_TYPES as I, WITNESS_ACCOUNT, committee_fed_asset, disable_bsrm_update, disable_icr_update,
  disable_mcr_update, disable_mssr_update, witness_fed_asset,
} from "../../protocol/config.js";
import { isNullPrice, marginCallParamsEqual, nullPrice, priceLess } from "../../protocol/price.js";
import { checkCallOrders } from "../../market/margin_call.js";
import { fundCollateralization, reviveBitasset } from "../../market/settlement.js";
import {
  BSRM, bsrmOf, findSettledDebtOrder, isGloballySettled, isIndividuallySettledToFund, priceFeedWithIcr, updateBitassetCurrentFeed,
} from "../../market/feeds.js";
import { type Evaluator, VOID_RESULT } from "../evaluator.js";
import { type Gen, ensureAssert } from "../gen.js";
import type { Session } from "../session.js";
import { inst } from "../tables.js";
import { isMarketIssued } from "./asset.js";

const bitassetOf = (s: Session, a: T.AssetObject): T.AssetBitassetDataObject => s.get<T.AssetBitassetDataObject>(a.bitasset_data_id!);
const sameOptional = (a?: number, b?: number): boolean => a === b;

// ---------------------------------------------------------------------------------------------------
// asset_update_bitasset (12)

export interface AssetUpdateBitassetFound {
  readonly asset: T.AssetObject;
  readonly bitasset: T.AssetBitassetDataObject;
  /** The BSRM changes from or to no_settlement: the current feed is re-derived. */
  readonly updateFeedsDueToBsrmChange: boolean;
}

/** check_children_of_bitasset: the bitassets backed by the asset being updated must stay valid with its new
 *  backing asset: not the child itself, no committee-issued child, and a non-MIA new backing. */
function* checkChildren(s: Session, op: T.AssetUpdateBitassetOperation, newBacking: T.AssetObject): Gen<void> {
  if (newBacking.id === CORE_ASSET) return;
  const field = "new_options.short_backing_asset";
  for (const child of s.db.withPrefix<T.AssetBitassetDataObject>(2, I.asset_bitasset_data, "by_short_backing_asset", [inst(op.asset_to_update)])) {
    const c = s.get<T.AssetObject>(child.asset_id);
    yield* ensureAssert(c.id !== op.new_options.short_backing_asset, "asset_update_bitasset.child_not_new_backing", field, () =>
      `${c.symbol} is backed by the asset being updated and cannot become its backing asset`);
    yield* ensureAssert(c.issuer !== COMMITTEE_ACCOUNT, "asset_update_bitasset.committee_child", field, () =>
      `the committee-issued ${c.symbol} is backed by this asset and would be invalidated by the new backing asset`);
    yield* ensureAssert(!isMarketIssued(newBacking), "asset_update_bitasset.child_backing_depth", field, () =>
      `${c.symbol} is backed by this asset, so it cannot be backed by the market-issued ${newBacking.symbol}`);
  }
}

/** The checks of a new short_backing_asset (asset_update_bitasset_evaluator::do_evaluate, core-922/931). */
function* checkNewBacking(s: Session, op: T.AssetUpdateBitassetOperation, a: T.AssetObject, b: T.AssetBitassetDataObject): Gen<void> {
  const field = "new_options.short_backing_asset";
  yield* ensureAssert(!isGloballySettled(b), "asset_update_bitasset.backing_not_after_settlement", field, () =>
    `${a.symbol} has been globally settled: its backing asset cannot change`);
  const dyn = s.get<T.AssetDynamicDataObject>(a.dynamic_asset_data_id);
  yield* ensureAssert(dyn.current_supply === 0n, "asset_update_bitasset.backing_needs_no_supply", field, () =>
    `the backing asset cannot change while the current supply of ${a.symbol} is ${dyn.current_supply}`);
  yield* ensureAssert(dyn.accumulated_collateral_fees === 0n, "asset_update_bitasset.backing_needs_no_collateral_fees", field, () =>
    `claim the ${dyn.accumulated_collateral_fees} accumulated collateral fees before changing the backing asset`);
  const backing = yield* s.load<T.AssetObject>(op.new_options.short_backing_asset, field);
  yield* ensureAssert(backing.id !== a.id, "asset_update_bitasset.not_self_backed", field, () => `${a.symbol} cannot be backed by itself`);
  if (b.is_prediction_market) {
    yield* ensureAssert(a.precision === backing.precision, "asset_update_bitasset.prediction_market_precision", field, () =>
      `a prediction market needs the precision ${a.precision} of its backing asset, ${backing.symbol} has ${backing.precision}`);
  }
  const backingBacking = isMarketIssued(backing) ? bitassetOf(s, backing).options.short_backing_asset : undefined;
  if (a.issuer === COMMITTEE_ACCOUNT) {
    if (backingBacking !== undefined) {
      yield* ensureAssert(backingBacking === CORE_ASSET, "asset_update_bitasset.committee_asset_backed_by_core", field, () =>
        `a committee-issued market asset cannot be backed by ${backing.symbol}, which is backed by ${backingBacking} rather than CORE`);
      yield* checkChildren(s, op, backing);
    } else {
      yield* ensureAssert(backing.id === CORE_ASSET, "asset_update_bitasset.committee_asset_backed_by_core", field, () =>
        `a committee-issued market asset can only be backed by CORE or a market-issued asset, not ${backing.symbol}`);
    }
  } else if (backing.id !== CORE_ASSET) {
    yield* checkChildren(s, op, backing);
  }
  if (backingBacking !== undefined) {
    yield* ensureAssert(backingBacking === CORE_ASSET || !isMarketIssued(s.get<T.AssetObject>(backingBacking)), "asset_update_bitasset.backing_depth", field, () =>
      `${backing.symbol} is backed by the market-issued ${backingBacking}: a bitasset cannot be backed by a bitasset backed by a bitasset`);
  }
}

export const assetUpdateBitassetEvaluator: Evaluator<T.AssetUpdateBitassetOperation, AssetUpdateBitassetFound> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const n = op.new_options;
    const a = yield* s.load<T.AssetObject>(op.asset_to_update, "asset_to_update");
    yield* ensureAssert(isMarketIssued(a), "asset_update_bitasset.market_issued", "asset_to_update", () =>
      `${a.symbol} is not a market-issued asset`);
    yield* ensureAssert(op.issuer === a.issuer, "asset_update_bitasset.issuer", "issuer", () =>
      `${op.issuer} is not the issuer ${a.issuer} of ${a.symbol}`);
    const b = bitassetOf(s, a);
    const cur = b.options.extensions;
    const ext = n.extensions;
    if (b.is_prediction_market) {
      yield* ensureAssert(ext.black_swan_response_method === undefined, "asset_update_bitasset.prediction_market_bsrm",
        "new_options.extensions.black_swan_response_method", () => "a prediction market has no black swan response method");
    }
    const perms = a.options.issuer_permissions;
    yield* ensureAssert((perms & disable_mcr_update) === 0 || sameOptional(cur.maintenance_collateral_ratio, ext.maintenance_collateral_ratio),
      "asset_update_bitasset.mcr_update_permitted", "new_options.extensions.maintenance_collateral_ratio", () =>
        `the issuer of ${a.symbol} gave up updating the MCR (disable_mcr_update)`);
    yield* ensureAssert((perms & disable_icr_update) === 0 || sameOptional(cur.initial_collateral_ratio, ext.initial_collateral_ratio),
      "asset_update_bitasset.icr_update_permitted", "new_options.extensions.initial_collateral_ratio", () =>
        `the issuer of ${a.symbol} gave up updating the ICR (disable_icr_update)`);
    yield* ensureAssert((perms & disable_mssr_update) === 0 || sameOptional(cur.maximum_short_squeeze_ratio, ext.maximum_short_squeeze_ratio),
      "asset_update_bitasset.mssr_update_permitted", "new_options.extensions.maximum_short_squeeze_ratio", () =>
        `the issuer of ${a.symbol} gave up updating the MSSR (disable_mssr_update)`);
    const oldBsrm = bsrmOf(b.options);
    const newBsrm = bsrmOf(n);
    let updateFeedsDueToBsrmChange = false;
    if (oldBsrm !== newBsrm) {
      const field = "new_options.extensions.black_swan_response_method";
      yield* ensureAssert((perms & disable_bsrm_update) === 0, "asset_update_bitasset.bsrm_update_permitted", field, () =>
        `the issuer of ${a.symbol} gave up updating the black swan response method (disable_bsrm_update)`);
      yield* ensureAssert(!isGloballySettled(b), "asset_update_bitasset.bsrm_not_after_settlement", field, () =>
        `${a.symbol} has been globally settled: its black swan response method cannot change`);
      if (oldBsrm === BSRM.individual_settlement_to_fund) {
        yield* ensureAssert(!isIndividuallySettledToFund(b), "asset_update_bitasset.bsrm_settlement_fund_empty", field, () =>
          `the individual settlement fund of ${a.symbol} is not empty (debt ${b.individual_settlement_debt})`);
      } else if (oldBsrm === BSRM.individual_settlement_to_order) {
        yield* ensureAssert(findSettledDebtOrder(s, a.id) === undefined, "asset_update_bitasset.bsrm_no_settled_debt_order", field, () =>
          `an individual settlement order of ${a.symbol} exists`);
      }
      updateFeedsDueToBsrmChange = oldBsrm === BSRM.no_settlement || newBsrm === BSRM.no_settlement;
    }
    if (n.short_backing_asset !== b.options.short_backing_asset) yield* checkNewBacking(s, op, a, b);
    const interval = s.params().block_interval;
    yield* ensureAssert(n.feed_lifetime_sec > interval, "asset_update_bitasset.feed_lifetime_exceeds_block_interval", "new_options.feed_lifetime_sec", () =>
      `feed_lifetime_sec ${n.feed_lifetime_sec} must exceed the block interval ${interval}`);
    yield* ensureAssert(n.force_settlement_delay_sec > interval, "asset_update_bitasset.settlement_delay_exceeds_block_interval",
      "new_options.force_settlement_delay_sec", () => `force_settlement_delay_sec ${n.force_settlement_delay_sec} must exceed the block interval ${interval}`);
    return { asset: a, bitasset: b, updateFeedsDueToBsrmChange };
  },
  /** update_bitasset_object_options: new options; a new backing asset drops the feeds of a witness- or
   *  committee-fed asset and nulls the other feeds' settlement prices; the feeds are recomputed when
   *  minimum_feeds, feed_lifetime_sec, the backing asset, ICR, MCR or MSSR change, and only the current
   *  settlement price re-derived when just the BSRM moves from or to no_settlement. */
  *apply(ctx, op, found) {
    const s = ctx.s;
    const { asset: a, bitasset: b } = found;
    const n = op.new_options;
    const o = b.options;
    const backingChanged = n.short_backing_asset !== o.short_backing_asset;
    const shouldUpdateFeeds = n.minimum_feeds !== o.minimum_feeds || n.feed_lifetime_sec !== o.feed_lifetime_sec || backingChanged ||
      !sameOptional(o.extensions.initial_collateral_ratio, n.extensions.initial_collateral_ratio) ||
      !sameOptional(o.extensions.maintenance_collateral_ratio, n.extensions.maintenance_collateral_ratio) ||
      !sameOptional(o.extensions.maximum_short_squeeze_ratio, n.extensions.maximum_short_squeeze_ratio);
    const fed = (a.options.flags & (witness_fed_asset | committee_fed_asset)) !== 0;
    s.modify<T.AssetBitassetDataObject>(b.id, (cur) => ({
      ...cur, options: n,
      feeds: !backingChanged ? cur.feeds
        : fed ? []
          : cur.feeds.map(([acc, [time, feed]]) => [acc, [time, { ...feed, settlement_price: nullPrice() }]]),
    }));
    let feedChanged = false;
    if (shouldUpdateFeeds || found.updateFeedsDueToBsrmChange) {
      yield* updateBitassetCurrentFeed(s, b.id, !shouldUpdateFeeds);
      const nb = s.get<T.AssetBitassetDataObject>(b.id);
      feedChanged = !marginCallParamsEqual(b.current_feed, nb.current_feed) || !marginCallParamsEqual(b.median_feed, nb.median_feed);
    }
    const mcfrChanged = !sameOptional(o.extensions.margin_call_fee_ratio, n.extensions.margin_call_fee_ratio);
    if (feedChanged || mcfrChanged) yield* checkCallOrders(s, a);
    return VOID_RESULT;
  },
};

// ---------------------------------------------------------------------------------------------------
// asset_update_feed_producers (13)

export const assetUpdateFeedProducersEvaluator: Evaluator<T.AssetUpdateFeedProducersOperation, T.AssetObject> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const max = s.params().maximum_asset_feed_publishers;
    yield* ensureAssert(op.new_feed_producers.length <= max, "asset_update_feed_producers.producers_max", "new_feed_producers", () =>
      `${op.new_feed_producers.length} feed producers, more than maximum_asset_feed_publishers ${max}`);
    const a = yield* s.load<T.AssetObject>(op.asset_to_update, "asset_to_update");
    yield* ensureAssert(isMarketIssued(a), "asset_update_feed_producers.market_issued", "asset_to_update", () =>
      `${a.symbol} is not a market-issued asset`);
    yield* ensureAssert((a.options.flags & committee_fed_asset) === 0, "asset_update_feed_producers.not_committee_fed", "asset_to_update", () =>
      `${a.symbol} is fed by the committee members`);
    yield* ensureAssert((a.options.flags & witness_fed_asset) === 0, "asset_update_feed_producers.not_witness_fed", "asset_to_update", () =>
      `${a.symbol} is fed by the witnesses`);
    yield* ensureAssert(a.issuer === op.issuer, "asset_update_feed_producers.issuer", "issuer", () =>
      `${op.issuer} is not the issuer ${a.issuer} of ${a.symbol}`);
    for (let i = 0; i < op.new_feed_producers.length; i++) yield* s.load<T.AccountObject>(op.new_feed_producers[i]!, `new_feed_producers[${i}]`);
    return a;
  },
  /** Feeds of producers no longer listed go; new producers get an empty feed (time 0, never valid). */
  *apply(ctx, op, a) {
    const s = ctx.s;
    const keep = new Set(op.new_feed_producers);
    s.modify<T.AssetBitassetDataObject>(a.bitasset_data_id!, (cur) => {
      const feeds = new Map(cur.feeds.filter(([acc]) => keep.has(acc)));
      for (const acc of op.new_feed_producers) if (!feeds.has(acc)) feeds.set(acc, [0, priceFeedWithIcr(emptyFeed())]);
      return { ...cur, feeds: [...feeds.entries()].sort(([x], [y]) => inst(x) - inst(y)) };
    });
    yield* updateBitassetCurrentFeed(s, a.bitasset_data_id!);
    return VOID_RESULT;
  },
};

/** price_feed(): null prices, MCR 1750, MSSR 1500 (asset.hpp defaults). */
function emptyFeed(): T.PriceFeed {
  return { settlement_price: nullPrice(), maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: 1500, core_exchange_rate: nullPrice() };
}

// ---------------------------------------------------------------------------------------------------
// asset_publish_feed (19)

export interface AssetPublishFeedFound {
  readonly asset: T.AssetObject;
  readonly bitasset: T.AssetBitassetDataObject;
}

/** Whether `account` is among the account_auths of an account's active authority. */
const inActiveAuths = (s: Session, owner: string, account: string): boolean =>
  s.get<T.AccountObject>(owner).active.account_auths.some(([id]) => id === account);

export const assetPublishFeedEvaluator: Evaluator<T.AssetPublishFeedOperation, AssetPublishFeedFound> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const a = yield* s.load<T.AssetObject>(op.asset_id, "asset_id");
    yield* ensureAssert(isMarketIssued(a), "asset_publish_feed.market_issued", "asset_id", () => `${a.symbol} is not a market-issued asset`);
    const b = bitassetOf(s, a);
    // core-216: only a prediction market stops taking feeds once settled.
    if (b.is_prediction_market) {
      yield* ensureAssert(!isGloballySettled(b), "asset_publish_feed.prediction_market_not_settled", "asset_id", () =>
        `the prediction market ${a.symbol} has been settled and takes no more feeds`);
    }
    yield* ensureAssert(op.feed.settlement_price.quote.asset_id === b.options.short_backing_asset, "asset_publish_feed.settlement_quote_is_backing",
      "feed.settlement_price.quote.asset_id", () =>
        `the settlement price is quoted in ${op.feed.settlement_price.quote.asset_id}, not in the backing asset ${b.options.short_backing_asset}`);
    // hardfork 480: the core exchange rate is quoted in CORE.
    yield* ensureAssert(isNullPrice(op.feed.core_exchange_rate) ||
      op.feed.core_exchange_rate.quote.asset_id === CORE_ASSET, "asset_publish_feed.cer_quote_is_core", "feed.core_exchange_rate.quote.asset_id", () =>
        `the core exchange rate is quoted in ${op.feed.core_exchange_rate.quote.asset_id}, not in CORE`);
    if ((a.options.flags & witness_fed_asset) !== 0) {
      yield* ensureAssert(inActiveAuths(s, WITNESS_ACCOUNT, op.publisher), "asset_publish_feed.active_witness", "publisher", () =>
        `${op.publisher} is not an active witness, and only active witnesses feed ${a.symbol}`);
    } else if ((a.options.flags & committee_fed_asset) !== 0) {
      yield* ensureAssert(inActiveAuths(s, COMMITTEE_ACCOUNT, op.publisher), "asset_publish_feed.active_committee_member", "publisher", () =>
        `${op.publisher} is not an active committee member, and only active committee members feed ${a.symbol}`);
    } else {
      yield* ensureAssert(b.feeds.some(([acc]) => acc === op.publisher), "asset_publish_feed.allowed_producer", "publisher", () =>
        `${op.publisher} is not a feed producer of ${a.symbol}`);
    }
    return { asset: a, bitasset: b };
  },
  /** The publisher's feed (with the ICR given, else its MCR) is stored with the head block time, and the
   *  median and current feeds recomputed. When the median's margin call parameters changed, a globally
   *  settled asset revives if its fund backs the supply above the ICR, and margin calls run. */
  *apply(ctx, op, { bitasset: b }) {
    const s = ctx.s;
    const entry: [string, [number, T.PriceFeedWithIcr]] = [op.publisher, [s.headBlockTime(), priceFeedWithIcr(op.feed, op.extensions.initial_collateral_ratio)]];
    s.modify<T.AssetBitassetDataObject>(b.id, (cur) => ({
      ...cur, feeds: [...cur.feeds.filter(([acc]) => acc !== op.publisher), entry].sort(([x], [y]) => inst(x) - inst(y)),
    }));
    yield* updateBitassetCurrentFeed(s, b.id);
    const nb = s.get<T.AssetBitassetDataObject>(b.id);
    // core-2582: margin calls follow the median feed.
    if (marginCallParamsEqual(b.median_feed, nb.median_feed)) return VOID_RESULT;
    const a = s.get<T.AssetObject>(nb.asset_id);
    if (isGloballySettled(nb) && !isNullPrice(nb.current_feed.settlement_price)) {
      // Revive when the fund alone would back the supply above the ICR (core-2290), or nothing is left.
      const supply = s.get<T.AssetDynamicDataObject>(a.dynamic_asset_data_id).current_supply;
      const revive = supply === 0n || priceLess(nb.current_initial_collateralization, yield* fundCollateralization(nb, supply));
      if (revive) yield* reviveBitasset(s, a);
    }
    yield* checkCallOrders(s, a);
    return VOID_RESULT;
  },
};

export const BITASSET_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  [12, assetUpdateBitassetEvaluator],
  [13, assetUpdateFeedProducersEvaluator],
  [19, assetPublishFeedEvaluator],
];
