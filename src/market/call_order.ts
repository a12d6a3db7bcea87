// Call orders (debt positions) of market-issued assets: market_object.cpp call_order_object::get_max_debt_to_cover
// and db_market.cpp database::fill_call_order, find_least_collateralized_short, post-hardfork paths
// (core-1270: collateralization is collateral/debt and call_price is 1/1; core-2582: the median feed decides).
import type * as T from "../../generated/native-types.js";
import { COLLATERAL_RATIO_DENOM, CORE_ASSET, OBJECT_TYPES as P } from "../protocol/config.js";
import { chainError } from "../protocol/errors.js";
import { invertPrice, makeRatio, multiplyAndRoundUp, multiplyByPrice, multiplyPriceByRatio, priceLess, priceOf } from "../protocol/price.js";
import { adjustBalance } from "../chain/balances.js";
import { type Gen, ensureAssert, ok, stop } from "../chain/gen.js";
import type { Session } from "../chain/session.js";
import { callCollateralization, inst } from "../chain/tables.js";
import { FILL_ORDER_OP } from "./fill.js";
import { accumulateFee } from "./market_fee.js";

export { callCollateralization };

const CALL = P.call_order;

/** call_order_object::get_debt / get_collateral. */
export const callDebt = (o: T.CallOrderObject): T.Asset => ({ amount: o.debt, asset_id: o.call_price.quote.asset_id });
export const callCollateral = (o: T.CallOrderObject): T.Asset => ({ amount: o.collateral, asset_id: o.call_price.base.asset_id });

/** The call orders of one debt asset, least collateralized first (by_collateral from price::min(backing, debt)). */
export function* callOrdersByCollateral(s: Session, backing: string, debtAsset: string): IterableIterator<T.CallOrderObject> {
  yield* s.db.withPrefix<T.CallOrderObject>(1, CALL, "by_collateral", [inst(backing), inst(debtAsset)]);
}

/** database::find_least_collateralized_short (by the collateral index): the first call order of the asset. */
export function findLeastCollateralizedShort(s: Session, b: T.AssetBitassetDataObject): T.CallOrderObject | undefined {
  const backing = inst(b.options.short_backing_asset);
  const debt = inst(b.asset_id);
  const first = s.first<T.CallOrderObject>(1, CALL, "by_collateral", [backing, debt]);
  if (first === undefined || first.call_price.base.asset_id !== b.options.short_backing_asset || first.call_price.quote.asset_id !== b.asset_id) return undefined;
  return first;
}

/** Whether a force settlement of the asset waits (by_expiration from the asset id). */
export function hasForceSettlement(s: Session, assetId: string): boolean {
  const first = s.first<T.ForceSettlementObject>(1, P.force_settlement, "by_expiration", [inst(assetId)]);
  return first !== undefined && first.balance.asset_id === assetId;
}

const assetOf = (amount: bigint, asset_id: string): T.Asset => ({ amount, asset_id });

/**
 * call_order_object::get_max_debt_to_cover: how much debt a margin call at `matchPrice` must buy back so
 * the position ends above its target collateral ratio (max(TCR, MCR)) at `feedPrice`; all of it without a
 * TCR or when the position cannot get there. 0 when the position is not in margin call territory
 * (collateralization above `maintenanceCollateralization`). The rounding search follows bitshares-core:
 * an estimate from the exact formula, then a binary search between it and a safe upper bound, then
 * Fibonacci steps.
 */
export function* getMaxDebtToCover(o: T.CallOrderObject, matchPriceIn: T.Price, feedPriceIn: T.Price, mcr: number, maintenanceCollateralization: T.Price): Gen<bigint> {
  const collId = o.call_price.base.asset_id;
  const feedPrice = feedPriceIn.base.asset_id !== collId ? invertPrice(feedPriceIn) : feedPriceIn;
  if (priceLess(maintenanceCollateralization, callCollateralization(o))) return 0n;
  if (o.target_collateral_ratio === undefined) return o.debt;
  const tcr = Math.max(o.target_collateral_ratio, mcr);
  const targetCollateralization = yield* ok(multiplyPriceByRatio(feedPrice, yield* ok(makeRatio(tcr, COLLATERAL_RATIO_DENOM))));
  const matchPrice = matchPriceIn.base.asset_id !== collId ? invertPrice(matchPriceIn) : matchPriceIn;
  const debtId = o.call_price.quote.asset_id;
  const mpDebt = matchPrice.quote.amount, mpColl = matchPrice.base.amount;
  const fpDebt = feedPrice.quote.amount, fpColl = feedPrice.base.amount;
  const T_ = BigInt(tcr), D = BigInt(COLLATERAL_RATIO_DENOM);
  let numerator = fpColl * mpDebt * o.debt * T_ - fpDebt * mpDebt * o.collateral * D;
  if (numerator < 0n) return 0n;
  const denominator = fpColl * mpDebt * T_ - fpDebt * mpColl * D;
  if (denominator <= 0n) return o.debt;
  let toCoverI = numerator / denominator;
  if (toCoverI >= o.debt) return o.debt;

  const mul = function* (a: T.Asset): Gen<T.Asset> { return yield* ok(multiplyByPrice(a, matchPrice)); };
  const mulUp = function* (a: T.Asset): Gen<T.Asset> { return yield* ok(multiplyAndRoundUp(a, matchPrice)); };
  let toPay = yield* mul(assetOf(toCoverI, debtId));
  let toCover = yield* mul(toPay);
  toPay = yield* mulUp(toCover);
  if (toCover.amount >= o.debt || toPay.amount >= o.collateral) return o.debt;
  const resultIsGood = function* (): Gen<boolean> {
    const p = yield* ok(priceOf(assetOf(o.collateral - toPay.amount, collId), assetOf(o.debt - toCover.amount, debtId)));
    return priceLess(targetCollateralization, p);
  };
  if (yield* resultIsGood()) return toCover.amount;

  numerator += fpColl * mpDebt * T_;
  toCoverI = numerator / denominator + 1n;
  if (toCoverI >= o.debt) toCoverI = o.debt;
  const maxToPay = { ...(toCoverI === o.debt ? assetOf(o.collateral, collId) : yield* mulUp(assetOf(toCoverI, debtId))) };
  if (maxToPay.amount > o.collateral) maxToPay.amount = o.collateral;
  const maxToCover = { ...(maxToPay.amount === o.collateral ? assetOf(o.debt, debtId) : yield* mul(maxToPay)) };
  if (maxToCover.amount >= o.debt) {
    maxToPay.amount = o.collateral;
    maxToCover.amount = o.debt;
  }
  if (maxToPay.amount <= toPay.amount || maxToCover.amount <= toCover.amount) return o.debt;

  const minToPay = { ...toPay };
  const minToCover = { ...toCover };
  let maxIsOk = false;
  for (;;) {
    if (matchPrice.base.amount < matchPrice.quote.amount) {
      // Collateral is the scarcer unit: search over what is paid.
      toPay = assetOf((minToPay.amount + maxToPay.amount + 1n) / 2n, collId);
      if (toPay.amount === maxToPay.amount) toCover = assetOf(maxToCover.amount, debtId);
      else {
        toCover = yield* mul(toPay);
        if (toCover.amount >= maxToCover.amount) {
          toPay = { ...maxToPay };
          toCover = { ...maxToCover };
        } else {
          toPay = yield* mulUp(toCover);
          yield* ensureAssert(toPay.amount < maxToPay.amount, "call_order.max_debt_search", "", () => "internal error in the debt-to-cover search");
        }
      }
    } else {
      toCover = assetOf((minToCover.amount + maxToCover.amount) / 2n, debtId);
      if (toCover.amount === maxToCover.amount) toPay = assetOf(maxToPay.amount, collId);
      else {
        toPay = yield* mulUp(toCover);
        if (toPay.amount >= maxToPay.amount) {
          toPay = { ...maxToPay };
          toCover = { ...maxToCover };
        } else {
          toCover = yield* mul(toPay);
          if (toCover.amount >= maxToCover.amount) {
            toPay = { ...maxToPay };
            toCover = { ...maxToCover };
          }
        }
      }
    }
    if (toPay.amount <= minToPay.amount || toCover.amount <= minToCover.amount ||
      toPay.amount > maxToPay.amount || toCover.amount > maxToCover.amount) {
      toPay = { ...maxToPay };
      toCover = { ...maxToCover };
    }
    if (toPay.amount === maxToPay.amount && (maxIsOk || toPay.amount === o.collateral)) return toCover.amount;
    yield* ensureAssert(toPay.amount < o.collateral && toCover.amount < o.debt, "call_order.max_debt_search", "", () => "internal error in the debt-to-cover search");
    if (yield* resultIsGood()) {
      if (toPay.amount === maxToPay.amount) return toCover.amount;
      maxToPay.amount = toPay.amount;
      maxToCover.amount = toCover.amount;
      maxIsOk = true;
    } else {
      if (toPay.amount === maxToPay.amount) break;
      minToPay.amount = toPay.amount;
      minToCover.amount = toCover.amount;
    }
  }
  // Rounding left the maximum short of the target: step up by Fibonacci increments.
  for (let d1 = 0n, d2 = 1n, d3 = 1n; ; d1 = d2, d2 = d3, d3 = d1 + d2) {
    if (matchPrice.base.amount > matchPrice.quote.amount) {
      toPay = assetOf(toPay.amount + d2, collId);
      if (toPay.amount >= o.collateral) return o.debt;
      toCover = yield* mul(toPay);
      if (toCover.amount >= o.debt) return o.debt;
      toPay = yield* mulUp(toCover);
      if (toPay.amount >= o.collateral) return o.debt;
    } else {
      toCover = assetOf(toCover.amount + d2, debtId);
      if (toCover.amount >= o.debt) return o.debt;
      toPay = yield* mulUp(toCover);
      if (toPay.amount >= o.collateral) return o.debt;
      toCover = yield* mul(toPay);
      if (toCover.amount >= o.debt) return o.debt;
    }
    if (yield* resultIsGood()) return toCover.amount;
  }
}

/**
 * database::fill_call_order: the position pays `pays` of collateral and gets `receives` of its debt back;
 * with all debt repaid the rest of the collateral returns to the borrower and the position closes. The
 * margin call fee goes to the debt asset's collected collateral fees. Returns whether the position closed.
 */
export function* fillCallOrder(s: Session, orderId: string, pays: T.Asset, receives: T.Asset, fillPrice: T.Price, isMaker: boolean,
  marginCallFee: T.Asset, reduceCurrentSupply = true): Gen<boolean> {
  const order = s.get<T.CallOrderObject>(orderId);
  if (order.call_price.quote.asset_id !== receives.asset_id || order.call_price.base.asset_id !== pays.asset_id || order.collateral < pays.amount) {
    return yield* stop(chainError("assert_exception", "fill_call_order.consistent", "", `call order ${orderId} cannot pay ${pays.amount} ${pays.asset_id} for ${receives.amount} ${receives.asset_id}`));
  }
  const mia = s.get<T.AssetObject>(receives.asset_id);
  const debt = order.debt - receives.amount;
  const collateral = order.collateral - pays.amount;
  const freed = debt === 0n ? collateral : undefined;
  if (freed === undefined) s.modify<T.CallOrderObject>(orderId, (o) => ({ ...o, debt, collateral }));
  if (reduceCurrentSupply) {
    s.modify<T.AssetDynamicDataObject>(mia.dynamic_asset_data_id, (d) => ({ ...d, current_supply: d.current_supply - receives.amount }));
  }
  if (freed !== undefined) yield* adjustBalance(s, order.borrower, { amount: freed, asset_id: pays.asset_id });
  if (pays.asset_id === CORE_ASSET) {
    const released = pays.amount + (freed ?? 0n);
    const stats = s.get<T.AccountObject>(order.borrower).statistics;
    s.modify<T.AccountStatisticsObject>(stats, (st) => ({ ...st, total_core_in_orders: st.total_core_in_orders - released }));
  }
  if (marginCallFee.amount !== 0n) yield* accumulateFee(s, mia, marginCallFee);
  s.pushAppliedOperation([FILL_ORDER_OP, {
    fee: marginCallFee, order_id: orderId, account_id: order.borrower, pays, receives, fill_price: fillPrice, is_maker: isMaker,
  }]);
  if (freed !== undefined) s.remove(orderId);
  return freed !== undefined;
}
