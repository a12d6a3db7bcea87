// Black swan responses and reviving (db_market.cpp database::globally_settle_asset, individually_settle,
// revive_bitasset, _cancel_bids_and_revive_mpa, cancel_bid, execute_bid; db_maint.cpp process_bids),
// post-hardfork paths (core-1669: by the collateral index; core-2290: revive at the ICR; core-2481).
import type * as T from "../../generated/native-types.js";
import { COLLATERAL_RATIO_DENOM, CORE_ASSET, IMPL_OBJECT_TYPES as I, NULL_ACCOUNT, OBJECT_TYPES as P } from "../protocol/config.js";
import { chainError } from "../protocol/errors.js";
import {
  callPrice, dividePriceByRatio, invertPrice, isNullPrice, makeRatio, multiplyAndRoundUp, multiplyByPrice, multiplyPriceByRatio, nullPrice, priceGreaterEq,
  priceLess, priceLessEq, priceOf,
} from "../protocol/price.js";
import { adjustBalance } from "../chain/balances.js";
import { type Gen, ensureAssert, ok, stop } from "../chain/gen.js";
import type { Session } from "../chain/session.js";
import { inst } from "../chain/tables.js";
import { callCollateralization, callDebt, callOrdersByCollateral, fillCallOrder } from "./call_order.js";
import { BSRM, bsrmOf, findSettledDebtOrder, isGloballySettled, marginCallPaysRatioOf, settledDebtOrderTerms, updateBitassetCurrentFeed } from "./feeds.js";

/** bid_collateral_operation's and execute_bid_operation's tags. */
export const BID_COLLATERAL_OP = 45;
export const EXECUTE_BID_OP = 46;

const MAX_TIME = 0xffffffff;
const bitassetOf = (s: Session, a: T.AssetObject): T.AssetBitassetDataObject => s.get<T.AssetBitassetDataObject>(a.bitasset_data_id!);

/**
 * database::globally_settle_asset: every debt position of the asset is closed, paying its debt's worth at
 * `settlementPrice` (rounded up, at most all its collateral) into the settlement fund. With
 * `checkMarginCalls` (a black swan after core-2481) positions in margin call territory pay at that price
 * but the fund receives only the price times MSSR, the difference being the margin call fee; the others pay
 * the fund's price. The individual settlement fund joins the global one, the settled debt order goes, the
 * BSRM reverts to global settlement, and the settlement price becomes supply / fund.
 */
export function* globallySettleAsset(s: Session, mia: T.AssetObject, settlementPrice: T.Price, checkMarginCalls = false): Gen<void> {
  const b = bitassetOf(s, mia);
  yield* ensureAssert(!isGloballySettled(b), "globally_settle_asset.not_settled", "", () => `${mia.symbol} has been globally settled already`);
  const backing = b.options.short_backing_asset;
  const originalSupply = s.get<T.AssetDynamicDataObject>(mia.dynamic_asset_data_id).current_supply;
  let gathered = 0n;
  const calls = [...callOrdersByCollateral(s, backing, mia.id)];
  let fundReceivesPrice = settlementPrice;
  let isMarginCall = false;
  if (checkMarginCalls) {
    fundReceivesPrice = yield* ok(multiplyPriceByRatio(settlementPrice, yield* ok(makeRatio(b.current_feed.maximum_short_squeeze_ratio, COLLATERAL_RATIO_DENOM))));
    isMarginCall = calls.length > 0 && priceLessEq(callCollateralization(calls[0]!), b.current_maintenance_collateralization);
  }
  let callPaysPrice = settlementPrice;
  for (const call of calls) {
    if (isMarginCall && priceLess(b.current_maintenance_collateralization, callCollateralization(call))) {
      isMarginCall = false;
      callPaysPrice = fundReceivesPrice;
    }
    const debt = callDebt(call);
    const pays = { ...(yield* ok(multiplyAndRoundUp(debt, callPaysPrice))) };
    if (pays.amount > call.collateral) pays.amount = call.collateral;
    let fee = 0n;
    if (isMarginCall) {
      let fundReceives = (yield* ok(multiplyAndRoundUp(debt, fundReceivesPrice))).amount;
      if (fundReceives > pays.amount) fundReceives = pays.amount;
      fee = pays.amount - fundReceives;
      gathered += fundReceives;
    } else gathered += pays.amount;
    const closed = yield* fillCallOrder(s, call.id, pays, debt, fundReceivesPrice, true, { amount: fee, asset_id: backing }, false);
    if (!closed) yield* stop(chainError("assert_exception", "globally_settle_asset.call_closed", "", `call order ${call.id} was not closed`));
  }
  const settledDebt = findSettledDebtOrder(s, mia.id);
  if (settledDebt !== undefined) s.remove(settledDebt.id);
  const after = s.get<T.AssetBitassetDataObject>(b.id);
  gathered += after.individual_settlement_fund;
  const { black_swan_response_method: _reset, ...ext } = after.options.extensions;
  s.modify<T.AssetBitassetDataObject>(b.id, (x) => ({
    ...x, options: { ...x.options, extensions: ext }, current_feed: x.median_feed,
    individual_settlement_debt: 0n, individual_settlement_fund: 0n,
    settlement_price: { base: { amount: originalSupply, asset_id: mia.id }, quote: { amount: gathered, asset_id: backing } },
    settlement_fund: gathered,
  }));
}

/**
 * database::individually_settle: one undercollateralized position is closed into the individual settlement
 * fund. The fund receives its debt's worth at the position's own price divided by the margin call pays
 * ratio (at most all its collateral); the rest is the margin call fee. To an order (individual_settlement_to_order),
 * the settled debt order is created or re-priced; to the fund, the current feed is re-derived.
 */
export function* individuallySettle(s: Session, bitassetId: string, call: T.CallOrderObject): Gen<void> {
  const b = s.get<T.AssetBitassetDataObject>(bitassetId);
  const bsrm = bsrmOf(b.options);
  const backing = b.options.short_backing_asset;
  const debt = callDebt(call);
  const fundReceivesPrice = yield* ok(dividePriceByRatio(invertPrice(callCollateralization(call)), yield* ok(marginCallPaysRatioOf(b))));
  let fundReceives = (yield* ok(multiplyAndRoundUp(debt, fundReceivesPrice))).amount;
  if (fundReceives > call.collateral) fundReceives = call.collateral;
  const fee: T.Asset = { amount: call.collateral - fundReceives, asset_id: backing };
  const updated = s.modify<T.AssetBitassetDataObject>(bitassetId, (x) => ({
    ...x, individual_settlement_debt: x.individual_settlement_debt + call.debt, individual_settlement_fund: x.individual_settlement_fund + fundReceives,
  }));
  if (bsrm === BSRM.individual_settlement_to_order) {
    const order = findSettledDebtOrder(s, b.asset_id);
    if (order !== undefined) {
      const terms = settledDebtOrderTerms(updated);
      s.modify<T.LimitOrderObject>(order.id, (o) => ({ ...o, ...terms }));
    } else {
      const received: T.Asset = { amount: fundReceives, asset_id: backing };
      s.create<T.LimitOrderObject>(1, P.limit_order, (id) => ({
        id, expiration: MAX_TIME, seller: NULL_ACCOUNT, for_sale: fundReceives, sell_price: { base: received, quote: debt },
        filled_amount: 0n, deferred_fee: 0n, deferred_paid_fee: { amount: 0n, asset_id: CORE_ASSET }, is_settled_debt: true, on_fill: [],
      }));
    }
  }
  const closed = yield* fillCallOrder(s, call.id, { amount: call.collateral, asset_id: backing }, debt, fundReceivesPrice, true, fee, false);
  if (!closed) yield* stop(chainError("assert_exception", "individually_settle.call_closed", "", `call order ${call.id} was not closed`));
  if (bsrm === BSRM.individual_settlement_to_fund) yield* updateBitassetCurrentFeed(s, bitassetId, true);
}

/** database::cancel_bid: the bid's collateral returns to the bidder (with a bid_collateral virtual
 *  operation covering nothing, unless the bidder replaces it). */
export function* cancelBid(s: Session, bid: T.CollateralBidObject, createVirtualOp = true): Gen<void> {
  yield* adjustBalance(s, bid.bidder, bid.inv_swan_price.base);
  if (createVirtualOp) {
    s.pushAppliedOperation([BID_COLLATERAL_OP, {
      fee: { amount: 0n, asset_id: CORE_ASSET }, bidder: bid.bidder, additional_collateral: bid.inv_swan_price.base,
      debt_covered: { amount: 0n, asset_id: bid.inv_swan_price.quote.asset_id }, extensions: [],
    }]);
  }
  s.remove(bid.id);
}

/** database::execute_bid: the bid becomes a debt position of `debtCovered` backed by its collateral plus
 *  `collateralFromFund` from the settlement fund (execute_bid virtual operation). */
export function* executeBid(s: Session, bid: T.CollateralBidObject, debtCovered: bigint, collateralFromFund: bigint): Gen<void> {
  const collateralAsset = bid.inv_swan_price.base.asset_id;
  const debtAsset = bid.inv_swan_price.quote.asset_id;
  const collateral = bid.inv_swan_price.base.amount + collateralFromFund;
  s.create<T.CallOrderObject>(1, P.call_order, (id) => ({
    id, borrower: bid.bidder, collateral, debt: debtCovered,
    call_price: { base: { amount: 1n, asset_id: collateralAsset }, quote: { amount: 1n, asset_id: debtAsset } },
  }));
  if (collateralAsset === CORE_ASSET) {
    const stats = s.get<T.AccountObject>(bid.bidder).statistics;
    s.modify<T.AccountStatisticsObject>(stats, (st) => ({ ...st, total_core_in_orders: st.total_core_in_orders + collateral }));
  }
  s.pushAppliedOperation([EXECUTE_BID_OP, {
    fee: { amount: 0n, asset_id: CORE_ASSET }, bidder: bid.bidder,
    debt: { amount: debtCovered, asset_id: debtAsset }, collateral: { amount: collateral, asset_id: collateralAsset },
  }]);
  s.remove(bid.id);
}

/** The collateral bids on a settled asset, best price first (by_price). */
function bidsOf(s: Session, assetId: string): T.CollateralBidObject[] {
  return [...s.db.withPrefix<T.CollateralBidObject>(2, I.collateral_bid, "by_price", [inst(assetId)])];
}

/** database::_cancel_bids_and_revive_mpa: every remaining bid is cancelled and the asset is no longer settled. */
export function* cancelBidsAndReviveMpa(s: Session, mia: T.AssetObject): Gen<void> {
  const b = bitassetOf(s, mia);
  yield* ensureAssert(isGloballySettled(b) && !b.is_prediction_market, "revive_bitasset.settled", "", () => `${mia.symbol} is not a settled market-issued asset`);
  for (const bid of bidsOf(s, mia.id)) yield* cancelBid(s, bid);
  s.modify<T.AssetBitassetDataObject>(b.id, (x) => ({ ...x, settlement_price: nullPrice(), settlement_fund: 0n }));
}

/** database::revive_bitasset: with supply left, the issuer takes it all as one debt position backed by the
 *  whole settlement fund (a pseudo bid); then bids are cancelled and the asset revives. */
export function* reviveBitasset(s: Session, mia: T.AssetObject): Gen<void> {
  const b = bitassetOf(s, mia);
  yield* ensureAssert(isGloballySettled(b) && !b.is_prediction_market && !isNullPrice(b.current_feed.settlement_price),
    "revive_bitasset.revivable", "", () => `${mia.symbol} cannot be revived`);
  const supply = s.get<T.AssetDynamicDataObject>(mia.dynamic_asset_data_id).current_supply;
  if (supply > 0n) {
    const pseudo = s.create<T.CollateralBidObject>(2, I.collateral_bid, (id) => ({
      id, bidder: mia.issuer,
      inv_swan_price: { base: { amount: 0n, asset_id: b.options.short_backing_asset }, quote: { amount: supply, asset_id: mia.id } },
    }));
    yield* executeBid(s, pseudo, supply, b.settlement_fund);
  } else {
    yield* ensureAssert(b.settlement_fund === 0n, "revive_bitasset.empty_fund", "", () => `${mia.symbol} has no supply but a settlement fund of ${b.settlement_fund}`);
  }
  yield* cancelBidsAndReviveMpa(s, mia);
}

/**
 * database::process_bids (at maintenance, for a globally settled asset with a feed): bids are taken best
 * first while each, with its share of the fund at the settlement price, would be collateralized above the
 * ICR at the current feed; if they cover the whole supply they are executed (the last one gets the rest of
 * the fund) and the asset revives. With no supply it revives at once.
 */
export function* processBids(s: Session, bitassetId: string): Gen<void> {
  const b = s.get<T.AssetBitassetDataObject>(bitassetId);
  if (b.is_prediction_market || isNullPrice(b.current_feed.settlement_price)) return;
  const mia = s.get<T.AssetObject>(b.asset_id);
  const supply = s.get<T.AssetDynamicDataObject>(mia.dynamic_asset_data_id).current_supply;
  if (supply === 0n) return yield* cancelBidsAndReviveMpa(s, mia);
  const bids = bidsOf(s, mia.id);
  const reviveRatio = b.current_feed.initial_collateral_ratio;
  let covered = 0n;
  let taken = 0;
  while (covered < supply && taken < bids.length) {
    const bid = bids[taken]!;
    const debtInBid = { ...bid.inv_swan_price.quote };
    if (debtInBid.amount > supply) debtInBid.amount = supply;
    const fromFund = yield* ok(multiplyByPrice(debtInBid, b.settlement_price));
    const totalCollateral = { amount: fromFund.amount + bid.inv_swan_price.base.amount, asset_id: fromFund.asset_id };
    const cp = yield* ok(callPrice(debtInBid, totalCollateral, reviveRatio));
    if (priceGreaterEq(invertPrice(cp), b.current_feed.settlement_price)) break;
    covered += debtInBid.amount;
    taken++;
  }
  if (covered < supply) return;
  let toCover = supply;
  let remainingFund = b.settlement_fund;
  for (const bid of bids.slice(0, taken)) {
    const debtInBid = { ...bid.inv_swan_price.quote };
    if (debtInBid.amount > supply) debtInBid.amount = supply;
    let debt = debtInBid.amount;
    let collateral = (yield* ok(multiplyByPrice(debtInBid, b.settlement_price))).amount;
    if (debt >= toCover) {
      debt = toCover;
      collateral = remainingFund;
    }
    toCover -= debt;
    remainingFund -= collateral;
    yield* executeBid(s, bid, debt, collateral);
  }
  yield* ensureAssert(remainingFund === 0n && toCover === 0n, "process_bids.all_covered", "", () =>
    `bids left ${toCover} of the supply uncovered and ${remainingFund} of the fund unspent`);
  yield* cancelBidsAndReviveMpa(s, mia);
}

/** The settlement fund over the supply (collateral / debt), compared with the ICR when reviving on a new feed. */
export function fundCollateralization(b: T.AssetBitassetDataObject, supply: bigint): Gen<T.Price> {
  return ok(priceOf({ amount: b.settlement_fund, asset_id: b.options.short_backing_asset }, { amount: supply, asset_id: b.asset_id }));
}
