// asset_settle (17) and asset_global_settle (18): asset_evaluator.cpp asset_settle_evaluator and
// asset_global_settle_evaluator, every hardfork active (core-184/342 rounding, core-973 authorization,
// core-1780 market fees on settlement, core-2481 immediate matching, core-2582/2587, core-2591 collateral fees).
import { either as E } from "fp-ts";
import type * as T from "../../../generated/native-types.js";
import { OBJECT_TYPES as P, disable_force_settle, global_settle } from "../../protocol/config.js";
import { isNullPrice, multiplyAndRoundUp, multiplyByPrice, priceNotEquals } from "../../protocol/price.js";
import { callCollateral, callDebt, findLeastCollateralizedShort } from "../../market/call_order.js";
import {
  individualSettlementPrice, isGloballySettled, isIndividuallySettledToFund, marginCallOrderPriceOf, updateBitassetCurrentFeed,
} from "../../market/feeds.js";
import { applyForceSettlement } from "../../market/force_settle.js";
import { checkCallOrders } from "../../market/margin_call.js";
import { accumulateFee, payMarketFees } from "../../market/market_fee.js";
import { globallySettleAsset } from "../../market/settlement.js";
import { adjustBalance, getBalance, isAuthorizedAsset } from "../balances.js";
import { type Evaluator, VOID_RESULT } from "../evaluator.js";
import { type Gen, ensure, ensureAssert, ok } from "../gen.js";
import type { Session } from "../session.js";

const bitassetOf = (s: Session, a: T.AssetObject): T.AssetBitassetDataObject => s.get<T.AssetBitassetDataObject>(a.bitasset_data_id!);
const canForceSettle = (a: T.AssetObject): boolean => (a.options.flags & disable_force_settle) === 0;

// ---------------------------------------------------------------------------------------------------
// asset_global_settle (18)
export const assetGlobalSettleEvaluator: Evaluator<T.AssetGlobalSettleOperation, T.AssetObject> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const a = yield* s.load<T.AssetObject>(op.asset_to_settle, "asset_to_settle");
    yield* ensureAssert(a.bitasset_data_id !== undefined, "asset_global_settle.market_issued", "asset_to_settle", () => `${a.symbol} is not a market-issued asset`);
    yield* ensureAssert((a.options.issuer_permissions & global_settle) !== 0, "asset_global_settle.permitted", "asset_to_settle", () =>
      `the issuer of ${a.symbol} has no global_settle permission`);
    yield* ensureAssert(a.issuer === op.issuer, "asset_global_settle.issuer", "issuer", () => `only the issuer ${a.issuer} can globally settle ${a.symbol}`);
    const supply = s.get<T.AssetDynamicDataObject>(a.dynamic_asset_data_id).current_supply;
    yield* ensureAssert(supply > 0n, "asset_global_settle.supply_positive", "asset_to_settle", () => `${a.symbol} has no supply to settle`);
    const b = bitassetOf(s, a);
    yield* ensureAssert(!isGloballySettled(b), "asset_global_settle.not_settled", "asset_to_settle", () => `${a.symbol} has been globally settled already`);
    const least = findLeastCollateralizedShort(s, b);
    if (least !== undefined) {
      const owed = yield* ok(multiplyByPrice(callDebt(least), op.settle_price));
      // Comparing assets asserts they are the same asset: the price must be quoted in the collateral.
      yield* ensureAssert(owed.asset_id === b.options.short_backing_asset, "asset_global_settle.price_in_backing", "settle_price", () =>
        `the settle price pays in ${owed.asset_id}, not in the backing asset ${b.options.short_backing_asset}`);
      yield* ensureAssert(owed.amount <= least.collateral, "asset_global_settle.collateral_sufficient", "settle_price", () =>
        `at this price the least collateralized position would owe ${owed.amount}, more than its collateral ${callCollateral(least).amount}`);
    }
    return a;
  },
  *apply(ctx, op, a) {
    yield* globallySettleAsset(ctx.s, a, op.settle_price);
    return VOID_RESULT;
  },
};

// ---------------------------------------------------------------------------------------------------
// asset_settle (17)
interface AssetSettleFound { asset: T.AssetObject; bitasset: T.AssetBitassetDataObject }

export const assetSettleEvaluator: Evaluator<T.AssetSettleOperation, AssetSettleFound> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const a = yield* s.load<T.AssetObject>(op.amount.asset_id, "amount.asset_id");
    yield* ensureAssert(a.bitasset_data_id !== undefined, "asset_settle.market_issued", "amount.asset_id", () => `${a.symbol} is not a market-issued asset`);
    const b = bitassetOf(s, a);
    yield* ensureAssert(canForceSettle(a) || isGloballySettled(b) || isIndividuallySettledToFund(b), "asset_settle.settle_allowed", "amount.asset_id", () =>
      `${a.symbol} disables force settlement and has neither a global nor an individual settlement fund`);
    if (b.is_prediction_market) {
      yield* ensureAssert(isGloballySettled(b), "asset_settle.prediction_market_settled", "amount.asset_id", () =>
        `the prediction market ${a.symbol} must be globally settled before it is force-settled`);
    } else if (isNullPrice(b.current_feed.settlement_price) && !isGloballySettled(b) && !isIndividuallySettledToFund(b)) {
      yield* ensure(false, "insufficient_feeds", "asset_settle.price_feed", "amount.asset_id", () => `${a.symbol} has no price feed`);
    }
    const balance = getBalance(s, op.account, a.id);
    yield* ensureAssert(balance >= op.amount.amount, "asset_settle.sufficient_balance", "amount.amount", () =>
      `${op.account} holds ${balance} of ${a.symbol}, less than ${op.amount.amount}`);
    const account = s.get<T.AccountObject>(op.account);
    yield* ensureAssert(isAuthorizedAsset(account, a), "asset_settle.asset_authorized", "amount.asset_id", () => `${account.name} may not settle ${a.symbol}`);
    const backing = s.get<T.AssetObject>(b.options.short_backing_asset);
    yield* ensureAssert(isAuthorizedAsset(account, backing), "asset_settle.backing_authorized", "amount.asset_id", () =>
      `${account.name} may not receive ${backing.symbol}`);
    return { asset: a, bitasset: b };
  },
  *apply(ctx, op, { asset: a, bitasset: b }) {
    const s = ctx.s;
    if (isGloballySettled(b)) return yield* payFromGlobalFund(s, op, a, b);
    let paid: T.Asset[] = [], received: T.Asset[] = [], fees: T.Asset[] = [];
    let toSettle = op.amount.amount;
    if (isIndividuallySettledToFund(b)) {
      const r = yield* payFromIndividualFund(s, op, a);
      [paid, received, fees] = [r.paid, r.received, r.fees];
      const nb = s.get<T.AssetBitassetDataObject>(b.id);
      if (isIndividuallySettledToFund(nb) || !canForceSettle(a)) return result(paid, received, fees);
      toSettle -= paid[0]!.amount;
    }
    if (toSettle === 0n) return result(paid, received, fees);
    const current = s.get<T.AssetBitassetDataObject>(b.id);
    if (isNullPrice(current.current_feed.settlement_price)) return result(paid, received, fees);
    yield* adjustBalance(s, op.account, { amount: -toSettle, asset_id: a.id }, "amount");
    const settle = s.create<T.ForceSettlementObject>(1, P.force_settlement, (id) => ({
      id, owner: op.account, balance: { amount: toSettle, asset_id: a.id }, settlement_date: s.headBlockTime() + current.options.force_settlement_delay_sec,
    }));
    yield* applyForceSettlement(s, settle.id, b.id, a);
    return result(paid, received, fees, [settle.id]);
  },
};

function result(paid: T.Asset[], received: T.Asset[], fees: T.Asset[], newObjects?: string[]): T.OperationResult {
  return [5, {
    ...(newObjects === undefined ? {} : { new_objects: newObjects }),
    ...(paid.length === 0 ? {} : { paid, received, fees }),
  }] as T.OperationResult;
}

/** pay_collateral_fees (core-2591): what a settlement receives above the margin call order price's worth of
 *  what it pays is the asset's collateral fee. */
function* payCollateralFees(s: Session, pays: T.Asset, settled: T.Asset, a: T.AssetObject): Gen<T.Asset | undefined> {
  const b = s.get<T.AssetBitassetDataObject>(a.bitasset_data_id!);
  if (b.is_prediction_market || isNullPrice(b.current_feed.settlement_price)) return undefined;
  const mcop = marginCallOrderPriceOf(b);
  if (E.isLeft(mcop)) return undefined;
  const byMcop = multiplyAndRoundUp(pays, mcop.right);
  // FC_CAPTURE_AND_LOG: an overflow here is logged and no fee is taken.
  if (E.isLeft(byMcop) || byMcop.right.amount >= settled.amount) return undefined;
  const fee: T.Asset = { amount: settled.amount - byMcop.right.amount, asset_id: settled.asset_id };
  yield* accumulateFee(s, a, fee);
  return fee;
}

/** pay_settle_from_gs_fund: the global settlement fund pays at the settlement price (all of it for the whole
 *  supply); the settler pays what that is worth rounded up, less collateral and market fees. */
function* payFromGlobalFund(s: Session, op: T.AssetSettleOperation, a: T.AssetObject, b: T.AssetBitassetDataObject): Gen<T.OperationResult> {
  const supply = s.get<T.AssetDynamicDataObject>(a.dynamic_asset_data_id).current_supply;
  const backing = b.options.short_backing_asset;
  const whole = op.amount.amount === supply;
  let settled: T.Asset = whole ? { amount: b.settlement_fund, asset_id: backing } : yield* ok(multiplyByPrice(op.amount, b.settlement_price));
  if (!whole) {
    yield* ensureAssert(settled.amount <= b.settlement_fund, "asset_settle.fund_sufficient", "amount.amount", () =>
      `the settlement fund holds ${b.settlement_fund}, less than the ${settled.amount} this settlement is worth`);
  }
  // FC_THROW there: a plain fc::exception.
  yield* ensure(settled.amount !== 0n || b.is_prediction_market, "unspecified_exception", "asset_settle.receives_something", "amount.amount", () =>
    `settling ${op.amount.amount} would receive nothing after rounding`);
  let pays = op.amount;
  if (!whole && settled.amount !== 0n) pays = yield* ok(multiplyAndRoundUp(settled, b.settlement_price));
  yield* adjustBalance(s, op.account, { amount: -pays.amount, asset_id: pays.asset_id }, "amount");
  let issuerFees: T.Asset = { amount: 0n, asset_id: backing };
  let collateralFees: T.Asset | undefined;
  if (settled.amount > 0n) {
    s.modify<T.AssetBitassetDataObject>(b.id, (x) => ({ ...x, settlement_fund: x.settlement_fund - settled.amount }));
    collateralFees = yield* payCollateralFees(s, pays, settled, a);
    if (collateralFees !== undefined) settled = { amount: settled.amount - collateralFees.amount, asset_id: backing };
    issuerFees = { amount: payMarketFees(s, s.get<T.AccountObject>(op.account), s.get<T.AssetObject>(backing), settled.amount, false), asset_id: backing };
    settled = { amount: settled.amount - issuerFees.amount, asset_id: backing };
    if (settled.amount > 0n) yield* adjustBalance(s, op.account, settled);
  }
  s.modify<T.AssetDynamicDataObject>(a.dynamic_asset_data_id, (d) => ({ ...d, current_supply: d.current_supply - pays.amount }));
  return result([pays], [settled], collateralFees === undefined ? [issuerFees] : [collateralFees, issuerFees]);
}

/** pay_settle_from_individual_pool: the individual settlement fund pays at its own price (all of it for all
 *  the settled debt); then the current feed is re-derived, and margin calls checked once the fund is empty. */
function* payFromIndividualFund(s: Session, op: T.AssetSettleOperation, a: T.AssetObject): Gen<{ paid: T.Asset[]; received: T.Asset[]; fees: T.Asset[] }> {
  const b = s.get<T.AssetBitassetDataObject>(a.bitasset_data_id!);
  const backing = b.options.short_backing_asset;
  let pays: T.Asset = { amount: b.individual_settlement_debt, asset_id: a.id };
  let settled: T.Asset = { amount: b.individual_settlement_fund, asset_id: backing };
  if (op.amount.amount < b.individual_settlement_debt) {
    const price = individualSettlementPrice(b);
    settled = yield* ok(multiplyByPrice(op.amount, price));
    yield* ensureAssert(settled.amount > 0n, "asset_settle.receives_something", "amount.amount", () => `settling ${op.amount.amount} would receive nothing after rounding`);
    pays = yield* ok(multiplyAndRoundUp(settled, price));
  }
  yield* adjustBalance(s, op.account, { amount: -pays.amount, asset_id: a.id }, "amount");
  const paysAmount = pays.amount, settledAmount = settled.amount;
  s.modify<T.AssetBitassetDataObject>(b.id, (x) => ({
    ...x, individual_settlement_debt: x.individual_settlement_debt - paysAmount, individual_settlement_fund: x.individual_settlement_fund - settledAmount,
  }));
  s.modify<T.AssetDynamicDataObject>(a.dynamic_asset_data_id, (d) => ({ ...d, current_supply: d.current_supply - paysAmount }));
  const collateralFees = yield* payCollateralFees(s, pays, settled, a);
  if (collateralFees !== undefined) settled = { amount: settled.amount - collateralFees.amount, asset_id: backing };
  const issuerFees: T.Asset = { amount: payMarketFees(s, s.get<T.AccountObject>(op.account), s.get<T.AssetObject>(backing), settled.amount, false), asset_id: backing };
  settled = { amount: settled.amount - issuerFees.amount, asset_id: backing };
  if (settled.amount > 0n) yield* adjustBalance(s, op.account, settled);
  const oldFeedPrice = s.get<T.AssetBitassetDataObject>(b.id).current_feed.settlement_price;
  yield* updateBitassetCurrentFeed(s, b.id, true);
  const nb = s.get<T.AssetBitassetDataObject>(b.id);
  if (nb.individual_settlement_debt === 0n && priceNotEquals(oldFeedPrice, nb.current_feed.settlement_price)) yield* checkCallOrders(s, a);
  return { paid: [pays], received: [settled], fees: collateralFees === undefined ? [issuerFees] : [collateralFees, issuerFees] };
}

export const SETTLE_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  [17, assetSettleEvaluator],
  [18, assetGlobalSettleEvaluator],
];
