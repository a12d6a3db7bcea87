// The tables of the chain's object database and their secondary indices, as bitshares-core declares them
// (database::initialize_indexes in db_init.cpp and the multi_index_container of each *_object.hpp).
// Index keys order exactly as there: ids by instance number (object_id_type compares numerically),
// strings byte-wise, `std::greater` members negated.
import type * as T from "../../generated/native-types.js";
import type { IndexSpec, TableSpec } from "../db/database.js";
import type { TupleKey } from "../db/pmap.js";
import { IMPL_OBJECT_TYPES as I, OBJECT_TYPES as P } from "../protocol/config.js";
import { isNullPrice } from "../protocol/price.js";

/** The instance of a canonical object id string ("1.2.17" -> 17). Read digit by digit: index keys call it
 *  for every write, and a slice would allocate a string each time. */
export function inst(id: string): number {
  let n = 0;
  for (let i = id.lastIndexOf(".") + 1; i < id.length; i++) n = n * 10 + (id.charCodeAt(i) - 48);
  return n;
}

function table<O extends { id: string }>(space: number, type: number, objectType: string, indices: IndexSpec<O>[] = []): TableSpec<O> {
  return { space, type, objectType, indices };
}
function ix<O>(name: string, key: (o: O) => TupleKey, unique = false, fields?: readonly (keyof O & string)[], sameKey?: (a: O, b: O) => boolean): IndexSpec<O> {
  return { name, key, unique, ...(fields === undefined ? {} : { fields }), ...(sameKey === undefined ? {} : { sameKey }) };
}

export function needMaintenance(s: T.AccountStatisticsObject): boolean {
  return hasSomeCoreVoting(s) || hasPendingFees(s);
}
export function hasSomeCoreVoting(s: T.AccountStatisticsObject): boolean {
  return s.is_voting && (s.total_core_in_orders > 0n || s.core_in_balance > 0n || s.has_cashback_vb || s.total_core_pol > 0n);
}
export function hasPendingFees(s: T.AccountStatisticsObject): boolean {
  return s.pending_fees > 0n || s.pending_vested_fees > 0n;
}

/** PRICE_SCALE: 2^126. Order prices have positive amounts below 2^63, so two different prices differ by at
 *  least 2^-126 and floor(base * 2^126 / quote) orders them exactly as price::operator< does. */
const PRICE_SCALE = 1n << 126n;

/** A key part ordering prices as std::greater<price> (asset.hpp operator<: base id, quote id, then value),
 *  all reversed. Only for positive amounts (limit orders). */
export function priceDescending(p: T.Price): TupleKey {
  const value = p.quote.amount > 0n ? (p.base.amount * PRICE_SCALE) / p.quote.amount : 0n;
  return [-inst(p.base.asset_id), -inst(p.quote.asset_id), -value];
}

/** A key part ordering prices as std::less<price>: base id, quote id, then value. Only for positive
 *  quote amounts (a call order's collateral/debt). */
export function priceAscending(p: T.Price): TupleKey {
  return [inst(p.base.asset_id), inst(p.quote.asset_id), p.quote.amount > 0n ? (p.base.amount * PRICE_SCALE) / p.quote.amount : 0n];
}

/** call_order_object::collateralization: collateral / debt. */
export function callCollateralization(o: T.CallOrderObject): T.Price {
  return { base: { amount: o.collateral, asset_id: o.call_price.base.asset_id }, quote: { amount: o.debt, asset_id: o.call_price.quote.asset_id } };
}

/** asset_bitasset_data_object::need_to_update_cer: a new CER from the issuer or the feeds, and a current
 *  feed CER to copy. */
export function needToUpdateCer(b: T.AssetBitassetDataObject): boolean {
  return (b.feed_cer_updated || b.asset_cer_updated) && !isNullPrice(b.current_feed.core_exchange_rate);
}

/** asset_bitasset_data_object::feed_expiration_time: publication time plus lifetime, saturating at
 *  time_point_sec::maximum(). */
export function feedExpirationTime(b: T.AssetBitassetDataObject): number {
  const TIME_MAX = 0xffffffff;
  const published = b.current_feed_publication_time;
  return TIME_MAX - published <= b.options.feed_lifetime_sec ? TIME_MAX : published + b.options.feed_lifetime_sec;
}

/** Every table of the chain, in bitshares-core's order of add_index. */
export const CHAIN_TABLES: readonly TableSpec<never>[] = [
  table<T.AssetObject>(1, P.asset, "asset_object", [
    ix("by_symbol", (a) => [a.symbol], true, ["symbol"]),
    ix("by_type", (a) => [a.bitasset_data_id !== undefined, inst(a.id)], true, ["bitasset_data_id", "id"]),
    ix("by_issuer", (a) => [inst(a.issuer), inst(a.id)], true, ["issuer", "id"]),
  ]),
  table<T.ForceSettlementObject>(1, P.force_settlement, "force_settlement_object", [
    ix("by_account", (o) => [inst(o.owner), inst(o.id)], true),
    ix("by_expiration", (o) => [inst(o.balance.asset_id), o.settlement_date, inst(o.id)], true),
  ]),
  table<T.AccountObject>(1, P.account, "account_object", [ix("by_name", (a) => [a.name], true, ["name"])]),
  table<T.CommitteeMemberObject>(1, P.committee_member, "committee_member_object", [
    ix("by_account", (c) => [inst(c.committee_member_account)], true),
    ix("by_vote_id", (c) => [voteKey(c.vote_id)], true),
  ]),
  table<T.WitnessObject>(1, P.witness, "witness_object", [
    ix("by_account", (w) => [inst(w.witness_account)], true),
    ix("by_vote_id", (w) => [voteKey(w.vote_id)], true),
  ]),
  table<T.LimitOrderObject>(1, P.limit_order, "limit_order_object", [
    ix("by_expiration", (o) => [o.expiration, inst(o.id)], true),
    ix("by_account", (o) => [inst(o.seller), inst(o.id)], true),
    // by_price and by_account_price (market_object.hpp): std::greater<price> then ids ascending.
    ix("by_price", (o) => [...priceDescending(o.sell_price), inst(o.id)], true),
    ix("by_account_price", (o) => [inst(o.seller), ...priceDescending(o.sell_price), inst(o.id)], true),
    // by_is_settled_debt: the one order holding an asset's individually settled debt (receiving the asset).
    ix("by_is_settled_debt", (o) => [o.is_settled_debt, inst(o.sell_price.quote.asset_id), inst(o.id)], true,
      ["is_settled_debt", "sell_price", "id"]),
  ]),
  table<T.CallOrderObject>(1, P.call_order, "call_order_object", [
    ix("by_account", (o) => [inst(o.borrower), inst(o.call_price.quote.asset_id)], true),
    // by_collateral: collateralization (std::less<price>: collateral asset, debt asset, value), then id.
    ix("by_collateral", (o) => [...priceAscending(callCollateralization(o)), inst(o.id)], true, ["collateral", "debt", "call_price", "id"]),
  ]),
  table<T.ProposalObject>(1, P.proposal, "proposal_object", [ix("by_expiration", (p) => [p.expiration_time, inst(p.id)], true)]),
  table<T.WithdrawPermissionObject>(1, P.withdraw_permission, "withdraw_permission_object", [
    ix("by_from", (w) => [inst(w.withdraw_from_account), inst(w.id)], true),
    ix("by_authorized", (w) => [inst(w.authorized_account), inst(w.id)], true),
    ix("by_expiration", (w) => [w.expiration, inst(w.id)], true),
  ]),
  table<T.VestingBalanceObject>(1, P.vesting_balance, "vesting_balance_object", [
    ix("by_account", (v) => [inst(v.owner)]),
    // by_vesting_type (hashed_unique in bitshares-core) finds an account's market-fee-sharing balance
    // of one asset; other balance types are keyed apart by their id so they never collide.
    ix("by_vesting_type", (v) =>
      v.balance_type === "market_fee_sharing" ? [true, inst(v.owner), inst(v.balance.asset_id)] : [false, inst(v.id)], true),
  ]),
  table<T.WorkerObject>(1, P.worker, "worker_object", [
    ix("by_account", (w) => [inst(w.worker_account)]),
    ix("by_vote_for", (w) => [voteKey(w.vote_for)], true),
    ix("by_vote_against", (w) => [voteKey(w.vote_against)], true),
    ix("by_end_date", (w) => [w.work_end_date]),
  ]),
  table<T.BalanceObject>(1, P.balance, "balance_object", [ix("by_owner", (b) => [b.owner, inst(b.balance.asset_id)])]),
  table<T.HtlcObject>(1, P.htlc, "htlc_object", [
    ix("by_expiration", (h) => [h.conditions.time_lock.expiration, inst(h.id)], true),
    ix("by_from_id", (h) => [inst(h.transfer.from), inst(h.id)], true),
    ix("by_to_id", (h) => [inst(h.transfer.to), inst(h.id)], true),
  ]),
  table<T.CustomAuthorityObject>(1, P.custom_authority, "custom_authority_object", [
    ix("by_account_custom", (c) => [inst(c.account), Number(c.operation_type), c.enabled, inst(c.id)], true),
    ix("by_expiration", (c) => [c.valid_to, inst(c.id)], true),
  ]),
  table<T.TicketObject>(1, P.ticket, "ticket_object", [
    ix("by_next_update", (t) => [t.next_auto_update_time, inst(t.id)], true),
    ix("by_account", (t) => [inst(t.account), inst(t.id)], true),
  ]),
  table<T.LiquidityPoolObject>(1, P.liquidity_pool, "liquidity_pool_object", [
    ix("by_share_asset", (p) => [inst(p.share_asset)], true),
    ix("by_asset_a", (p) => [inst(p.asset_a), inst(p.id)], true),
    ix("by_asset_b", (p) => [inst(p.asset_b), inst(p.id)], true),
    ix("by_asset_ab", (p) => [inst(p.asset_a), inst(p.asset_b), inst(p.id)], true),
  ]),
  table<T.SametFundObject>(1, P.samet_fund, "samet_fund_object", [
    ix("by_unpaid", (f) => [-f.unpaid_amount, inst(f.id)], true),
    ix("by_owner", (f) => [inst(f.owner_account), inst(f.id)], true),
    ix("by_asset_type", (f) => [inst(f.asset_type), inst(f.id)], true),
  ]),
  table<T.CreditOfferObject>(1, P.credit_offer, "credit_offer_object", [
    ix("by_auto_disable_time", (o) => [o.enabled, o.auto_disable_time, inst(o.id)], true),
    ix("by_owner", (o) => [inst(o.owner_account), inst(o.id)], true),
    ix("by_asset_type", (o) => [inst(o.asset_type), inst(o.id)], true),
  ]),
  table<T.CreditDealObject>(1, P.credit_deal, "credit_deal_object", [
    ix("by_latest_repay_time", (d) => [d.latest_repay_time, inst(d.id)], true),
    ix("by_offer_id", (d) => [inst(d.offer_id), inst(d.id)], true),
    ix("by_offer_owner", (d) => [inst(d.offer_owner), inst(d.id)], true),
    ix("by_borrower", (d) => [inst(d.borrower), inst(d.id)], true),
    ix("by_debt_asset", (d) => [inst(d.debt_asset), inst(d.id)], true),
    ix("by_collateral_asset", (d) => [inst(d.collateral_asset), inst(d.id)], true),
  ]),
  table<T.TransactionHistoryObject>(2, I.transaction_history, "transaction_history_object", [
    ix("by_trx_id", (t) => [t.trx_id], true),
    ix("by_expiration", (t) => [t.trx.expiration]),
  ]),
  table<T.AccountBalanceObject>(2, I.account_balance, "account_balance_object", [
    // balances_by_account_index: an account's balance of one asset.
    ix("by_account_asset", (b) => [inst(b.owner), inst(b.asset_type)], true, ["owner", "asset_type"]),
    ix("by_maintenance_flag", (b) => [b.maintenance_flag], false, ["maintenance_flag"]),
    // bitshares-core's by_asset_balance orders an asset's holders by balance, which re-sorts the index on
    // every balance change; its one use here is update_top_n_authorities at maintenance, which sorts the
    // asset's holders itself (maintenance.ts). Keyed without the balance, no transfer touches this index.
    ix("by_asset_owner", (b) => [inst(b.asset_type), inst(b.owner)], true, ["asset_type", "owner"]),
  ]),
  table<T.AssetBitassetDataObject>(2, I.asset_bitasset_data, "asset_bitasset_data_object", [
    ix("by_short_backing_asset", (b) => [inst(b.options.short_backing_asset)]),
    ix("by_feed_expiration", (b) => [feedExpirationTime(b), inst(b.asset_id)], true, ["current_feed_publication_time", "options", "asset_id"]),
    ix("by_cer_update", (b) => [needToUpdateCer(b)], false, ["feed_cer_updated", "asset_cer_updated", "current_feed"]),
  ]),
  table<T.GlobalPropertyObject>(2, I.global_property, "global_property_object"),
  table<T.DynamicGlobalPropertyObject>(2, I.dynamic_global_property, "dynamic_global_property_object"),
  table<T.AccountStatisticsObject>(2, I.account_statistics, "account_statistics_object", [
    // Every fee paid changes pending_fees: the key only changes when need_maintenance() or the name does.
    ix("by_maintenance_seq", (s) => [needMaintenance(s), s.name], true, [
      "is_voting", "total_core_in_orders", "core_in_balance", "has_cashback_vb", "total_core_pol", "pending_fees", "pending_vested_fees", "name",
    ], (a, b) => a.name === b.name && needMaintenance(a) === needMaintenance(b)),
  ]),
  table<T.AssetDynamicDataObject>(2, I.asset_dynamic_data, "asset_dynamic_data_object"),
  table<T.BlockSummaryObject>(2, I.block_summary, "block_summary_object"),
  table<T.ChainPropertyObject>(2, I.chain_property, "chain_property_object"),
  table<T.WitnessScheduleObject>(2, I.witness_schedule, "witness_schedule_object"),
  table<T.BudgetRecordObject>(2, I.budget_record, "budget_record_object"),
  table<T.SpecialAuthorityObject>(2, I.special_authority, "special_authority_object", [
    ix("by_account", (s) => [inst(s.account)], true),
  ]),
  table<T.BuybackObject>(2, I.buyback, "buyback_object", [ix("by_asset", (b) => [inst(b.asset_to_buy)], true)]),
  table<T.CollateralBidObject>(2, I.collateral_bid, "collateral_bid_object", [
    ix("by_account", (b) => [inst(b.inv_swan_price.quote.asset_id), inst(b.bidder)], true),
    // by_price: debt asset, then inv_swan_price by std::greater, then id.
    ix("by_price", (b) => [inst(b.inv_swan_price.quote.asset_id), ...priceDescending(b.inv_swan_price), inst(b.id)], true),
  ]),
  table<T.FbaAccumulatorObject>(2, I.fba_accumulator, "fba_accumulator_object"),
  table<T.CreditDealSummaryObject>(2, I.credit_deal_summary, "credit_deal_summary_object", [
    ix("by_offer_borrower", (s) => [inst(s.offer_id), inst(s.borrower)], true),
  ]),
] as unknown as readonly TableSpec<never>[];

/** vote_id_type orders by its 32-bit content (type in the low byte, instance above). */
function voteKey(vote: string): number {
  const colon = vote.indexOf(":");
  return Number(vote.slice(colon + 1)) * 256 + Number(vote.slice(0, colon));
}
