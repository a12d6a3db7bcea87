// Where every unit of every asset lives, and the supply checks of bitshares-core's test fixture:
// database_fixture_base::verify_asset_supplies (tests/common/database_fixture.cpp), term by term. Each
// asset's current_supply must equal the sum of its holdings; market-issued assets' supply must also equal
// their debts; the ticket and order totals kept in account statistics and the dynamic global properties
// must agree with the objects they summarize.
//
// Places that hold nothing, and why they are not terms: withdraw permissions (a right to pull from the
// owner's balance, which stays in the owner's account_balance_object until claimed); workers (their pay is
// deposited into a vesting_balance_object, counted below, or never leaves the reserve: pay_workers returns
// what is unspent, process_budget takes only what is paid out of the reserve); witness pay (out of
// dynamic_global_property.witness_budget into the witness's pay_vb vesting balance, both counted below);
// burned fees (the network's share of fees goes to the core asset's accumulated_fees, counted below, and is
// taken out of current_supply at the next maintenance by process_budget).
import type * as T from "../generated/native-types.js";
import type { Database } from "../src/db/database.js";
import { CORE_ASSET, IMPL_OBJECT_TYPES as I, OBJECT_TYPES as P } from "../src/protocol/config.js";
import { isNullPrice, multiplyAndRoundUp } from "../src/protocol/price.js";

/** The kinds of places an asset can be held, one per term of verify_asset_supplies. */
export type SupplyTerm =
  | "account_balance" | "force_settlement" | "collateral_bid" | "pending_fees" | "limit_order_for_sale"
  | "limit_order_deferred_fee" | "limit_order_deferred_paid_fee" | "call_order_collateral" | "accumulated_fees"
  | "fee_pool" | "settlement_fund" | "individual_settlement_fund" | "accumulated_collateral_fees"
  | "confidential_supply" | "vesting_balance" | "fba_accumulator" | "balance_object" | "ticket"
  | "liquidity_pool" | "samet_fund" | "credit_offer" | "credit_deal_collateral" | "witness_budget" | "htlc";

/** An amount of one asset held in one place (`where`: the object id and field). */
export interface Holding {
  readonly asset: string;
  readonly amount: bigint;
  readonly term: SupplyTerm;
  readonly where: string;
}

const all = <O>(db: Database, space: number, type: number): IterableIterator<O> => db.all(space, type) as IterableIterator<O>;
const DGPO_ID = `2.${I.dynamic_global_property}.0`;

/** Every holding of every asset, in verify_asset_supplies' order of terms. Each comment names the term of
 *  database_fixture_base::verify_asset_supplies (tests/common/database_fixture.cpp) it mirrors. */
export function* holdings(db: Database): IterableIterator<Holding> {
  const h = (asset: string, amount: bigint, term: SupplyTerm, where: string): Holding => ({ asset, amount, term, where });
  // verify_asset_supplies, account_balance_index: each account's balance of each asset.
  for (const b of all<T.AccountBalanceObject>(db, 2, I.account_balance)) yield h(b.asset_type, b.balance, "account_balance", `${b.id}.balance`);
  // verify_asset_supplies, force_settlement_index: amounts waiting to be force-settled.
  for (const s of all<T.ForceSettlementObject>(db, 1, P.force_settlement)) yield h(s.balance.asset_id, s.balance.amount, "force_settlement", `${s.id}.balance`);
  // verify_asset_supplies, collateral_bid_index: the collateral offered, the base of inv_swan_price.
  for (const b of all<T.CollateralBidObject>(db, 2, I.collateral_bid)) {
    yield h(b.inv_swan_price.base.asset_id, b.inv_swan_price.base.amount, "collateral_bid", `${b.id}.inv_swan_price.base`);
  }
  // verify_asset_supplies, account_stats_index: CORE fees paid but not yet split (pending_fees and
  // pending_vested_fees, paid out at maintenance by process_fees).
  for (const st of all<T.AccountStatisticsObject>(db, 2, I.account_statistics)) {
    yield h(CORE_ASSET, st.pending_fees, "pending_fees", `${st.id}.pending_fees`);
    yield h(CORE_ASSET, st.pending_vested_fees, "pending_fees", `${st.id}.pending_vested_fees`);
  }
  // verify_asset_supplies, limit_order_index: both deferred fees, and what is for sale (in the base asset
  // of sell_price) unless the order sells settled debt (that is inside individual_settlement_fund, below).
  for (const o of all<T.LimitOrderObject>(db, 1, P.limit_order)) {
    yield h(CORE_ASSET, o.deferred_fee, "limit_order_deferred_fee", `${o.id}.deferred_fee`);
    yield h(o.deferred_paid_fee.asset_id, o.deferred_paid_fee.amount, "limit_order_deferred_paid_fee", `${o.id}.deferred_paid_fee`);
    if (!o.is_settled_debt) yield h(o.sell_price.base.asset_id, o.for_sale, "limit_order_for_sale", `${o.id}.for_sale`);
  }
  // verify_asset_supplies, call_order_index: the collateral, in the base asset of call_price.
  for (const o of all<T.CallOrderObject>(db, 1, P.call_order)) yield h(o.call_price.base.asset_id, o.collateral, "call_order_collateral", `${o.id}.collateral`);
  for (const a of all<T.AssetObject>(db, 1, P.asset)) {
    const d = db.find<T.AssetDynamicDataObject>(a.dynamic_asset_data_id);
    if (d === undefined) continue; // a dangling dynamic_asset_data_id is reported by the reference check
    // verify_asset_supplies, asset_index: fees the asset collected in itself...
    yield h(a.id, d.accumulated_fees, "accumulated_fees", `${d.id}.accumulated_fees`);
    // ... its fee pool, which always holds CORE ...
    yield h(CORE_ASSET, d.fee_pool, "fee_pool", `${d.id}.fee_pool`);
    // ... for a market-issued asset, the global and individual settlement funds and the fees collected in
    // collateral, all in the backing asset ...
    if (a.bitasset_data_id !== undefined) {
      const b = db.find<T.AssetBitassetDataObject>(a.bitasset_data_id);
      if (b !== undefined) {
        const backing = b.options.short_backing_asset;
        yield h(backing, b.settlement_fund, "settlement_fund", `${b.id}.settlement_fund`);
        yield h(backing, b.individual_settlement_fund, "individual_settlement_fund", `${b.id}.individual_settlement_fund`);
        yield h(backing, d.accumulated_collateral_fees, "accumulated_collateral_fees", `${d.id}.accumulated_collateral_fees`);
      }
    }
    // ... and what is held in blinded (confidential) balances.
    yield h(a.id, d.confidential_supply, "confidential_supply", `${d.id}.confidential_supply`);
  }
  // verify_asset_supplies, vesting_balance_index: cashback, witness and worker pay, market fee sharing and
  // vesting_balance_create balances.
  for (const v of all<T.VestingBalanceObject>(db, 1, P.vesting_balance)) yield h(v.balance.asset_id, v.balance.amount, "vesting_balance", `${v.id}.balance`);
  // verify_asset_supplies, fba_accumulator_object: CORE fees set aside for fee-backed assets.
  for (const f of all<T.FbaAccumulatorObject>(db, 2, I.fba_accumulator)) yield h(CORE_ASSET, f.accumulated_fba_fees, "fba_accumulator", `${f.id}.accumulated_fba_fees`);
  // verify_asset_supplies, balance_index: genesis balances not claimed yet.
  for (const b of all<T.BalanceObject>(db, 1, P.balance)) yield h(b.balance.asset_id, b.balance.amount, "balance_object", `${b.id}.balance`);
  // verify_asset_supplies, ticket_index: the amount each ticket locks.
  for (const t of all<T.TicketObject>(db, 1, P.ticket)) yield h(t.amount.asset_id, t.amount.amount, "ticket", `${t.id}.amount`);
  // verify_asset_supplies, liquidity_pool_index: both sides of each pool.
  for (const o of all<T.LiquidityPoolObject>(db, 1, P.liquidity_pool)) {
    yield h(o.asset_a, o.balance_a, "liquidity_pool", `${o.id}.balance_a`);
    yield h(o.asset_b, o.balance_b, "liquidity_pool", `${o.id}.balance_b`);
  }
  // verify_asset_supplies, samet_fund_index: the fund less what is lent out (the borrower's balance holds that).
  for (const o of all<T.SametFundObject>(db, 1, P.samet_fund)) yield h(o.asset_type, o.balance - o.unpaid_amount, "samet_fund", `${o.id}.balance`);
  // verify_asset_supplies, credit_offer_index: what the offer still holds (the rest is lent out) ...
  for (const o of all<T.CreditOfferObject>(db, 1, P.credit_offer)) yield h(o.asset_type, o.current_balance, "credit_offer", `${o.id}.current_balance`);
  // ... and credit_deal_index: the collateral each deal locks.
  for (const o of all<T.CreditDealObject>(db, 1, P.credit_deal)) yield h(o.collateral_asset, o.collateral_amount, "credit_deal_collateral", `${o.id}.collateral_amount`);
  // verify_asset_supplies, dynamic global properties: the witness budget, CORE taken from the reserve at
  // maintenance and paid out block by block.
  const dgpo = db.find<T.DynamicGlobalPropertyObject>(DGPO_ID);
  if (dgpo !== undefined) yield h(CORE_ASSET, dgpo.witness_budget, "witness_budget", `${DGPO_ID}.witness_budget`);
  // verify_asset_supplies, htlc_index: what each HTLC transfers, until redeemed or refunded.
  for (const o of all<T.HtlcObject>(db, 1, P.htlc)) yield h(o.transfer.asset_id, o.transfer.amount, "htlc", `${o.id}.transfer.amount`);
}

export interface AssetSupply {
  readonly asset: string;
  readonly symbol: string;
  readonly currentSupply: bigint;
  /** The sum of all holdings. */
  readonly held: bigint;
  readonly byTerm: ReadonlyMap<SupplyTerm, bigint>;
}

/** Each asset's current supply next to the sum of its holdings, by term. */
export function assetSupplies(db: Database): AssetSupply[] {
  const byAsset = new Map<string, Map<SupplyTerm, bigint>>();
  for (const x of holdings(db)) {
    let m = byAsset.get(x.asset);
    if (m === undefined) byAsset.set(x.asset, (m = new Map()));
    m.set(x.term, (m.get(x.term) ?? 0n) + x.amount);
  }
  const out: AssetSupply[] = [];
  for (const a of all<T.AssetObject>(db, 1, P.asset)) {
    const byTerm = byAsset.get(a.id) ?? new Map<SupplyTerm, bigint>();
    let held = 0n;
    for (const v of byTerm.values()) held += v;
    const d = db.find<T.AssetDynamicDataObject>(a.dynamic_asset_data_id);
    out.push({ asset: a.id, symbol: a.symbol, currentSupply: d?.current_supply ?? 0n, held, byTerm });
  }
  return out;
}

const show = (m: ReadonlyMap<string, bigint>): string => [...m].filter(([, v]) => v !== 0n).map(([k, v]) => `${k}=${v}`).join(", ");
const bump = (m: Map<string, bigint>, k: string, v: bigint): void => void m.set(k, (m.get(k) ?? 0n) + v);

/** Every check of verify_asset_supplies that fails, in words; empty when the state is consistent. */
export function supplyViolations(db: Database): string[] {
  // verify_asset_supplies also checks that the core asset's fee pool is empty. That holds only in tests that
  // never fund it: asset_fund_fee_pool_evaluator (asset_evaluator.cpp) accepts the core asset, whose pool
  // then holds CORE like any other (a fee_pool holding above) until its issuer, the committee account,
  // claims it with asset_claim_pool (paying the fee in another asset, as its validate() requires).
  const out: string[] = [];
  for (const s of assetSupplies(db)) {
    if (s.held !== s.currentSupply) {
      out.push(`asset ${s.asset} ${s.symbol}: current_supply ${s.currentSupply} but holdings sum to ${s.held} (${show(s.byTerm)})`);
    }
  }
  // verify_asset_supplies, debts: a market-issued asset's supply is what its call orders owe plus its
  // individual_settlement_debt (unless the asset is globally settled).
  const debts = new Map<string, bigint>();
  for (const o of all<T.CallOrderObject>(db, 1, P.call_order)) bump(debts, o.call_price.quote.asset_id, o.debt);
  for (const a of all<T.AssetObject>(db, 1, P.asset)) {
    const b = a.bitasset_data_id === undefined ? undefined : db.find<T.AssetBitassetDataObject>(a.bitasset_data_id);
    if (b !== undefined && isNullPrice(b.settlement_price)) bump(debts, b.asset_id, b.individual_settlement_debt);
  }
  for (const [asset, debt] of debts) {
    const a = db.find<T.AssetObject>(asset);
    const supply = a === undefined ? undefined : db.find<T.AssetDynamicDataObject>(a.dynamic_asset_data_id)?.current_supply;
    if (supply !== debt) out.push(`market-issued asset ${asset}: current_supply ${supply} but debts sum to ${debt}`);
  }
  // verify_asset_supplies, settled-debt limit orders: they sell out of the individual settlement fund, the
  // whole settled debt at their price, rounded up.
  for (const o of all<T.LimitOrderObject>(db, 1, P.limit_order)) {
    if (!o.is_settled_debt) continue;
    const a = db.find<T.AssetObject>(o.sell_price.quote.asset_id);
    const b = a?.bitasset_data_id === undefined ? undefined : db.find<T.AssetBitassetDataObject>(a.bitasset_data_id);
    if (b === undefined) continue;
    if (o.for_sale > b.individual_settlement_fund) out.push(`settled-debt order ${o.id} sells ${o.for_sale}, more than the fund ${b.individual_settlement_fund}`);
    const needed = multiplyAndRoundUp({ amount: b.individual_settlement_debt, asset_id: b.asset_id }, o.sell_price);
    if (needed._tag === "Right" && needed.right.amount !== o.for_sale) {
      out.push(`settled-debt order ${o.id} sells ${o.for_sale}, not the settled debt at its price ${needed.right.amount}`);
    }
  }
  // verify_asset_supplies, credit debts: per asset, what offers have lent equals the deals' debts and the
  // deal summaries' debts.
  const inOffers = new Map<string, bigint>(), inDeals = new Map<string, bigint>(), inSums = new Map<string, bigint>();
  for (const o of all<T.CreditOfferObject>(db, 1, P.credit_offer)) if (o.total_balance !== o.current_balance) bump(inOffers, o.asset_type, o.total_balance - o.current_balance);
  for (const o of all<T.CreditDealObject>(db, 1, P.credit_deal)) bump(inDeals, o.debt_asset, o.debt_amount);
  for (const o of all<T.CreditDealSummaryObject>(db, 2, I.credit_deal_summary)) bump(inSums, o.debt_asset, o.total_debt_amount);
  if (inOffers.size !== inDeals.size || inOffers.size !== inSums.size || [...inOffers].some(([k, v]) => inDeals.get(k) !== v || inSums.get(k) !== v)) {
    out.push(`credit debts disagree: offers ${show(inOffers)}; deals ${show(inDeals)}; summaries ${show(inSums)}`);
  }
  out.push(...coreTotalsViolations(db));
  return out;
}

/** verify_asset_supplies' last checks: the CORE totals that account statistics and the dynamic global
 *  properties keep, recomputed from orders and tickets. */
function coreTotalsViolations(db: Database): string[] {
  const actual = { in_orders: 0n, inactive: 0n, pob: 0n, pol: 0n, pob_value: 0n, pol_value: 0n };
  for (const o of all<T.LimitOrderObject>(db, 1, P.limit_order)) if (o.sell_price.base.asset_id === CORE_ASSET && !o.is_settled_debt) actual.in_orders += o.for_sale;
  for (const o of all<T.CallOrderObject>(db, 1, P.call_order)) if (o.call_price.base.asset_id === CORE_ASSET) actual.in_orders += o.collateral;
  for (const t of all<T.TicketObject>(db, 1, P.ticket)) {
    if (t.amount.asset_id !== CORE_ASSET) continue;
    // A lock_forever ticket with no value left is inactive, one with value is "power of burn" (pob); any
    // other ticket is "power of lock" (pol).
    if (t.current_type === "lock_forever" && t.value === 0n) actual.inactive += t.amount.amount;
    else if (t.current_type === "lock_forever") { actual.pob += t.amount.amount; actual.pob_value += t.value; }
    else { actual.pol += t.amount.amount; actual.pol_value += t.value; }
  }
  const reported = { in_orders: 0n, inactive: 0n, pob: 0n, pol: 0n, pob_value: 0n, pol_value: 0n };
  for (const st of all<T.AccountStatisticsObject>(db, 2, I.account_statistics)) {
    reported.in_orders += st.total_core_in_orders;
    reported.inactive += st.total_core_inactive;
    reported.pob += st.total_core_pob;
    reported.pol += st.total_core_pol;
    reported.pob_value += st.total_pob_value;
    reported.pol_value += st.total_pol_value;
  }
  const out: string[] = [];
  for (const k of Object.keys(actual) as (keyof typeof actual)[]) {
    if (actual[k] !== reported[k]) out.push(`core ${k}: the objects hold ${actual[k]} but account statistics report ${reported[k]}`);
  }
  const dgpo = db.find<T.DynamicGlobalPropertyObject>(DGPO_ID);
  if (dgpo !== undefined && dgpo.total_pob !== actual.pob) out.push(`dynamic_global_property total_pob ${dgpo.total_pob}, tickets hold ${actual.pob}`);
  if (dgpo !== undefined && dgpo.total_inactive !== actual.inactive) out.push(`dynamic_global_property total_inactive ${dgpo.total_inactive}, tickets hold ${actual.inactive}`);
  return out;
}

/** Holdings below zero, and supplies outside [0, max_supply]: no balance of any kind is ever negative. */
export function negativeHoldings(db: Database): string[] {
  const out: string[] = [];
  for (const x of holdings(db)) if (x.amount < 0n) out.push(`${x.where} (${x.term}) holds ${x.amount} of ${x.asset}`);
  for (const a of all<T.AssetObject>(db, 1, P.asset)) {
    const d = db.find<T.AssetDynamicDataObject>(a.dynamic_asset_data_id);
    if (d === undefined) continue;
    if (d.current_supply < 0n || d.current_supply > a.options.max_supply) {
      out.push(`asset ${a.id} ${a.symbol}: current_supply ${d.current_supply} outside [0, max_supply ${a.options.max_supply}]`);
    }
  }
  return out;
}
