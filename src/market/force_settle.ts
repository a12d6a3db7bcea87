// Force settlements (db_market.cpp apply_force_settlement, match_impl, fill_settle_order, cancel_settle_order,
// match_force_settlements, pay_force_settle_fees; db_update.cpp clear_expired_force_settlements), post
// core-184/342 (rounding), core-2481 (a new settlement takes positions in margin call territory at once,
// margin calls take waiting settlements) and core-2582 (the median feed sets the target).
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { CORE_ASSET, OBJECT_TYPES as P, PERCENT_100 } from "../protocol/config.js";
import {
  dividePriceByRatio, isNullPrice, makeRatio, maxShortSqueezePrice, multiplyAndRoundUp, multiplyByPrice, priceLess, priceOf,
} from "../protocol/price.js";
import { adjustBalance } from "../chain/balances.js";
import { type Gen, ok, run } from "../chain/gen.js";
import { ChainInvariantError, type Session } from "../chain/session.js";
import { inst } from "../chain/tables.js";
import { callCollateralization, fillCallOrder, findLeastCollateralizedShort, getMaxDebtToCover } from "./call_order.js";
import { BSRM, bsrmOf, isCurrentFeedPriceCapped, isGloballySettled, marginCallOrderPriceOf, marginCallPaysRatioOf, updateBitassetCurrentFeed } from "./feeds.js";
import { FILL_ORDER_OP } from "./fill.js";
import { accumulateFee, calculatePercent, payMarketFees } from "./market_fee.js";
import { checkCallOrders } from "./margin_call.js";

/** asset_settle_cancel_operation's tag (a virtual operation). */
export const ASSET_SETTLE_CANCEL_OP = 42;

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** database::cancel_settle_order: the balance returns to its owner (asset_settle_cancel virtual operation). */
export function* cancelSettleOrder(s: Session, settle: T.ForceSettlementObject): Gen<void> {
  yield* adjustBalance(s, settle.owner, settle.balance);
  s.pushAppliedOperation([ASSET_SETTLE_CANCEL_OP, { fee: { amount: 0n, asset_id: CORE_ASSET }, settlement: settle.id, account: settle.owner, amount: settle.balance }]);
  s.remove(settle.id);
}

/** database::pay_force_settle_fees: force_settle_fee_percent of what a settlement receives, collected in
 *  the backing asset by the settled asset. */
function* payForceSettleFees(s: Session, collecting: T.AssetObject, collatReceives: T.Asset): Gen<T.Asset> {
  const b = s.get<T.AssetBitassetDataObject>(collecting.bitasset_data_id!);
  const percent = b.options.extensions.force_settle_fee_percent;
  if (percent === undefined || percent === 0) return { amount: 0n, asset_id: collatReceives.asset_id };
  const fee: T.Asset = { amount: calculatePercent(collatReceives.amount, percent), asset_id: collatReceives.asset_id };
  if (fee.amount > 0n) yield* accumulateFee(s, collecting, fee);
  return fee;
}

/** database::fill_settle_order: the settlement pays `pays` of the asset and receives `receives` of
 *  collateral less market fees and (unless it was a margin call) the force settlement fee. Returns
 *  whether the settlement is used up. */
export function* fillSettleOrder(s: Session, settle: T.ForceSettlementObject, pays: T.Asset, receives: T.Asset, fillPrice: T.Price, isMaker: boolean,
  payForceSettleFee: boolean): Gen<boolean> {
  const owner = s.get<T.AccountObject>(settle.owner);
  const marketFees = payMarketFees(s, owner, s.get<T.AssetObject>(receives.asset_id), receives.amount, isMaker);
  const settleFees = payForceSettleFee
    ? yield* payForceSettleFees(s, s.get<T.AssetObject>(pays.asset_id), { amount: receives.amount - marketFees, asset_id: receives.asset_id })
    : { amount: 0n, asset_id: receives.asset_id };
  const fees = marketFees + settleFees.amount;
  const filled = pays.amount >= settle.balance.amount;
  if (!filled) s.modify<T.ForceSettlementObject>(settle.id, (x) => ({ ...x, balance: { ...x.balance, amount: x.balance.amount - pays.amount } }));
  yield* adjustBalance(s, settle.owner, { amount: receives.amount - fees, asset_id: receives.asset_id });
  s.pushAppliedOperation([FILL_ORDER_OP, {
    fee: { amount: fees, asset_id: receives.asset_id }, order_id: settle.id, account_id: settle.owner, pays, receives, fill_price: fillPrice, is_maker: isMaker,
  }]);
  if (filled) s.remove(settle.id);
  return filled;
}

/**
 * database::match_impl( force_settlement, call_order, ... ): the settlement buys up to `maxSettlement` of the
 * position's debt at `matchPriceIn` (the position pays that) while the settlement receives at `fillPriceIn`.
 * In a margin call the position pays at most all its collateral and never ends less collateralized (else
 * the price is capped at its own collateralization); a settlement that would receive nothing is cancelled.
 * Answers how much debt was bought back.
 */
export function* matchSettleCall(s: Session, settleId: string, callId: string, matchPriceIn: T.Price, bitassetId: string, maxSettlement: T.Asset,
  fillPriceIn: T.Price, isMarginCall: boolean, settleIsTaker: boolean): Gen<T.Asset> {
  const settle = s.get<T.ForceSettlementObject>(settleId);
  const call = s.get<T.CallOrderObject>(callId);
  const b = s.get<T.AssetBitassetDataObject>(bitassetId);
  const debtId = call.call_price.quote.asset_id;
  const collId = call.call_price.base.asset_id;
  const settleForSale = min(settle.balance.amount, maxSettlement.amount);
  let matchPrice = matchPriceIn;
  let fillPrice = fillPriceIn;
  let callReceives: T.Asset = { amount: min(settleForSale, call.debt), asset_id: debtId };
  let callPays = yield* ok(multiplyByPrice(callReceives, matchPrice));
  let settleReceives = callPays;
  let settlePays = callReceives;
  let cullSettleOrder = false;
  const zero: T.Asset = { amount: 0n, asset_id: debtId };
  if (callPays.amount === 0n) {
    if (callReceives.amount === call.debt) {
      callPays = { amount: 1n, asset_id: collId };
      settleReceives = callPays;
    } else if (callReceives.amount === settle.balance.amount) {
      yield* cancelSettleOrder(s, settle);
      return zero;
    } else if (!isMarginCall) {
      return zero;
    } else {
      callPays = { amount: 1n, asset_id: collId };
      settleReceives = callPays;
    }
  } else {
    const paysRatio = yield* ok(marginCallPaysRatioOf(b));
    if (callReceives.amount === call.debt) {
      callPays = { ...(yield* ok(multiplyAndRoundUp(callReceives, matchPrice))) };
      if (isMarginCall) {
        if (callPays.amount > call.collateral) {
          callPays.amount = call.collateral;
          matchPrice = yield* ok(priceOf({ amount: call.debt, asset_id: debtId }, { amount: call.collateral, asset_id: collId }));
          fillPrice = yield* ok(dividePriceByRatio(matchPrice, paysRatio));
        }
        settleReceives = yield* ok(multiplyAndRoundUp(callReceives, fillPrice));
      } else settleReceives = callPays;
    } else {
      if (!isMarginCall) {
        callReceives = yield* ok(multiplyAndRoundUp(callPays, matchPrice));
      } else if (settlePays.amount === maxSettlement.amount) {
        callPays = yield* ok(multiplyAndRoundUp(callReceives, matchPrice));
        settleReceives = yield* ok(multiplyAndRoundUp(callReceives, fillPrice));
      } else {
        const calculate = function* (): Gen<void> {
          settleReceives = yield* ok(multiplyByPrice(settlePays, fillPrice));
          if (settleReceives.amount !== 0n) {
            callReceives = yield* ok(multiplyAndRoundUp(settleReceives, fillPrice));
            callPays = yield* ok(multiplyByPrice(callReceives, matchPrice));
          }
        };
        yield* calculate();
        if (settleReceives.amount === 0n) {
          yield* cancelSettleOrder(s, settle);
          return zero;
        }
        let capPrice = callPays.amount >= call.collateral;
        if (!capPrice) {
          const after = yield* ok(priceOf({ amount: call.collateral - callPays.amount, asset_id: collId }, { amount: call.debt - callReceives.amount, asset_id: debtId }));
          capPrice = priceLess(after, callCollateralization(call));
        }
        if (capPrice) {
          matchPrice = yield* ok(priceOf({ amount: call.debt, asset_id: debtId }, { amount: call.collateral, asset_id: collId }));
          fillPrice = yield* ok(dividePriceByRatio(matchPrice, paysRatio));
          yield* calculate();
          if (settleReceives.amount === 0n) {
            yield* cancelSettleOrder(s, settle);
            return zero;
          }
        }
      }
      if (settlePays.amount === settle.balance.amount && callReceives.amount !== settle.balance.amount) cullSettleOrder = true;
      settlePays = callReceives;
    }
  }
  const marginCallFee: T.Asset = { amount: callPays.amount - settleReceives.amount, asset_id: collId };
  yield* fillCallOrder(s, callId, callPays, callReceives, fillPrice, settleIsTaker, marginCallFee);
  yield* fillSettleOrder(s, settle, settlePays, settleReceives, fillPrice, !settleIsTaker, !isMarginCall);
  if (bsrmOf(b.options) === BSRM.no_settlement) yield* updateBitassetCurrentFeed(s, bitassetId, true);
  if (cullSettleOrder) {
    const rest = s.find<T.ForceSettlementObject>(settleId);
    if (rest !== undefined) yield* cancelSettleOrder(s, rest);
  }
  return callReceives;
}

/** The first call order in margin call territory, if the least collateralized one is. */
function marginCallable(s: Session, b: T.AssetBitassetDataObject): T.CallOrderObject | undefined {
  const call = findLeastCollateralizedShort(s, b);
  return call === undefined || priceLess(b.current_maintenance_collateralization, callCollateralization(call)) ? undefined : call;
}

/** The margin call prices of a bitasset: match at the margin call order price, pay at the max short squeeze price. */
function* marginPrices(b: T.AssetBitassetDataObject): Gen<{ match: T.Price; pays: T.Price }> {
  return { match: yield* ok(marginCallOrderPriceOf(b)), pays: yield* ok(maxShortSqueezePrice(b.current_feed)) };
}

/**
 * database::apply_force_settlement (core-2481): a new force settlement takes positions in margin call
 * territory at once, least collateralized first, each buying what it must to reach its target ratio.
 */
export function* applyForceSettlement(s: Session, settleId: string, bitassetId: string, mia: T.AssetObject): Gen<void> {
  const b0 = s.get<T.AssetBitassetDataObject>(bitassetId);
  let prices = yield* marginPrices(b0);
  let updateCallPrice = bsrmOf(b0.options) === BSRM.no_settlement && isCurrentFeedPriceCapped(b0);
  let finished = false;
  while (!finished) {
    const b = s.get<T.AssetBitassetDataObject>(bitassetId);
    const call = marginCallable(s, b);
    if (call === undefined) break;
    const maxDebt = yield* getMaxDebtToCover(call, prices.pays, b.median_feed.settlement_price, b.current_feed.maintenance_collateral_ratio, b.current_maintenance_collateralization);
    yield* matchSettleCall(s, settleId, call.id, prices.pays, bitassetId, { amount: maxDebt, asset_id: mia.id }, prices.match, true, true);
    finished = s.find(settleId) === undefined;
    if (updateCallPrice) {
      yield* checkCallOrders(s, mia, true, true);
      if (!finished) {
        const nb = s.get<T.AssetBitassetDataObject>(bitassetId);
        prices = yield* marginPrices(nb);
        updateCallPrice = isCurrentFeedPriceCapped(nb);
      }
    }
  }
}

/** database::match_force_settlements: positions in margin call territory take waiting force settlements
 *  (oldest-expiring first; the position is taker). Answers whether any debt was bought back. */
export function* matchForceSettlements(s: Session, bitassetId: string): Gen<boolean> {
  const b = s.get<T.AssetBitassetDataObject>(bitassetId);
  const prices = yield* marginPrices(b);
  for (;;) {
    const settle = s.first<T.ForceSettlementObject>(1, P.force_settlement, "by_expiration", [inst(b.asset_id)]);
    if (settle === undefined || settle.balance.asset_id !== b.asset_id) return false;
    const call = findLeastCollateralizedShort(s, b);
    if (call === undefined) return false;
    if (priceLess(b.current_maintenance_collateralization, callCollateralization(call))) return false;
    const maxDebt = yield* getMaxDebtToCover(call, prices.pays, b.median_feed.settlement_price, b.current_feed.maintenance_collateral_ratio, b.current_maintenance_collateralization);
    const result = yield* matchSettleCall(s, settle.id, call.id, prices.pays, bitassetId, { amount: maxDebt, asset_id: b.asset_id }, prices.match, true, false);
    if (result.amount > 0n) return true;
  }
}

/** asset_bitasset_data_object::max_force_settlement_volume: the share of supply (plus what was settled this
 *  maintenance interval) that may be force-settled per interval. */
function maxForceSettlementVolume(b: T.AssetBitassetDataObject, currentSupply: bigint): bigint {
  const pct = b.options.maximum_force_settlement_volume;
  if (pct === 0) return 0n;
  if (pct === PERCENT_100) return currentSupply + b.force_settled_volume;
  return ((currentSupply + b.force_settled_volume) * BigInt(pct)) / BigInt(PERCENT_100);
}

/**
 * database::clear_expired_force_settlements (BlockHooks.clearExpiredForceSettlements): settlements past
 * their date, asset by asset in by_expiration order, are filled against the least collateralized
 * positions at the feed price less force_settlement_offset_percent, within the asset's volume limit per
 * maintenance interval. Settlements of a settled asset, of an asset without a feed or with a 100% offset,
 * or finding no position are cancelled.
 */
export function clearExpiredForceSettlements(s: Session): void {
  const r = run(clearExpired(s));
  if (E.isLeft(r)) throw new ChainInvariantError(`clear_expired_force_settlements: ${r.left.message}`);
}

function* clearExpired(s: Session): Gen<void> {
  const first = s.first<T.ForceSettlementObject>(1, P.force_settlement, "by_expiration");
  if (first === undefined) return;
  const now = s.headBlockTime();
  let currentAsset = first.balance.asset_id;
  let currentAssetFinished = false;
  let maxVolume: { asset: string; amount: bigint } | undefined;
  let fillPrice: { asset: string; price: T.Price } | undefined;
  const nextAsset = (): boolean => {
    const bound = s.first<T.ForceSettlementObject>(1, P.force_settlement, "by_expiration", [inst(currentAsset) + 1]);
    if (bound === undefined) return false;
    currentAsset = bound.balance.asset_id;
    currentAssetFinished = false;
    return true;
  };
  for (;;) {
    const settle = s.first<T.ForceSettlementObject>(1, P.force_settlement, "by_expiration", [inst(currentAsset)]);
    if (settle === undefined) return;
    currentAsset = settle.balance.asset_id;
    const miaObject = s.get<T.AssetObject>(currentAsset);
    const mia = s.get<T.AssetBitassetDataObject>(miaObject.bitasset_data_id!);
    if (isGloballySettled(mia)) {
      yield* cancelSettleOrder(s, settle);
      continue;
    }
    if (settle.settlement_date > now) {
      if (nextAsset()) continue;
      return;
    }
    if (isNullPrice(mia.current_feed.settlement_price) || mia.options.force_settlement_offset_percent === PERCENT_100) {
      yield* cancelSettleOrder(s, settle);
      continue;
    }
    if (maxVolume?.asset !== currentAsset) {
      const supply = s.get<T.AssetDynamicDataObject>(miaObject.dynamic_asset_data_id).current_supply;
      maxVolume = { asset: currentAsset, amount: maxForceSettlementVolume(mia, supply) };
    }
    if (mia.force_settled_volume >= maxVolume.amount || currentAssetFinished) {
      if (nextAsset()) continue;
      return;
    }
    if (fillPrice?.asset !== currentAsset) {
      const ratio = yield* ok(makeRatio(PERCENT_100 - mia.options.force_settlement_offset_percent, PERCENT_100));
      fillPrice = { asset: currentAsset, price: yield* ok(dividePriceByRatio(mia.current_feed.settlement_price, ratio)) };
    }
    let settled = mia.force_settled_volume;
    while (settled < maxVolume.amount) {
      const order = s.find<T.ForceSettlementObject>(settle.id);
      if (order === undefined) break;
      if (order.balance.amount === 0n) {
        yield* cancelSettleOrder(s, order);
        break;
      }
      const b = s.get<T.AssetBitassetDataObject>(mia.id);
      const call = findLeastCollateralizedShort(s, b);
      if (call === undefined) {
        yield* cancelSettleOrder(s, order);
        break;
      }
      const newSettled = yield* matchSettleCall(s, order.id, call.id, fillPrice.price, mia.id,
        { amount: maxVolume.amount - settled, asset_id: currentAsset }, fillPrice.price, false, true);
      if (newSettled.amount === 0n) {
        currentAssetFinished = s.find(settle.id) !== undefined;
        break;
      }
      settled += newSettled.amount;
    }
    if (s.get<T.AssetBitassetDataObject>(mia.id).force_settled_volume !== settled) {
      s.modify<T.AssetBitassetDataObject>(mia.id, (x) => ({ ...x, force_settled_volume: settled }));
    }
  }
}
