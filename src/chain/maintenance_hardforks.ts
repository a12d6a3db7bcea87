// The hardfork migrations of perform_chain_maintenance (db_maint.cpp). Each runs at the maintenance whose new
// next_maintenance_time crosses its hardfork time. With every hardfork at or before genesis, that is the
// first maintenance (block 1: genesis leaves next_maintenance_time at 0), and only on what genesis and
// block 1's transactions made.
//
// Left out, because nothing they touch can exist at block 1 in btsref:
// - deprecate_annual_members (HARDFORK_613): annual memberships can no longer be bought.
// - process_hf_2281: collateral bids (bid_collateral has no evaluator).
// - match_call_orders (HARDFORK_CORE_343, 1270, 2481): check_call_orders stops at once without a feed; a feed
//   at block 1's maintenance would have to be published in block 1 itself, on a genesis bitasset with call
//   orders, and margin calls are not implemented yet (the Market issue).
// - process_hf_868_890 and update_bitasset_current_feeds (HARDFORK_CORE_1270): with no feeds they only set each
//   bitasset's current_feed_publication_time to the head block time; update_expired_feeds (run later in the
//   same block, db_update.cpp) does the same to every bitasset whose feed expired, which at block 1 is every
//   bitasset existing at genesis.
import type * as T from "../../generated/native-types.js";
import { MAX_SHARE_SUPPLY, OBJECT_TYPES as P } from "../protocol/config.js";
import type { Session } from "./session.js";

/** HARDFORK_CORE_2103_BALANCE_ID (hardfork.d/CORE_2103.hf): a balance object of the main network. */
const HARDFORK_CORE_2103_BALANCE_ID = `1.${P.balance}.56720`;

export type MigrationPhase = "before_dgpo_update" | "after_dgpo_update";

/** The migrations of the first maintenance, in the C++ order: those before the dynamic global properties
 *  take the new next_maintenance_time, and those after. */
export function runFirstMaintenanceMigrations(s: Session, phase: MigrationPhase): void {
  if (phase === "before_dgpo_update") {
    processHf1465(s);
    processHf2103(s);
    processHf2262(s);
  } else {
    updateCallOrdersHf1270(s);
  }
}

/** process_hf_1465: a market-issued asset whose supply exceeds its max_supply (and max_supply is not
 *  GRAPHENE_MAX_SHARE_SUPPLY) gets max_supply raised to the supply. */
function processHf1465(s: Session): void {
  for (const a of [...s.db.withPrefix<T.AssetObject>(1, P.asset, "by_type", [true])]) {
    const supply = s.get<T.AssetDynamicDataObject>(a.dynamic_asset_data_id).current_supply;
    if (supply > a.options.max_supply && a.options.max_supply !== MAX_SHARE_SUPPLY) {
      const max = supply < MAX_SHARE_SUPPLY ? supply : MAX_SHARE_SUPPLY;
      s.modify<T.AssetObject>(a.id, (x) => ({ ...x, options: { ...x.options, max_supply: max } }));
    }
  }
}

/** process_hf_2103: the main network's balance object 1.15.56720, if it exists with a negative amount, is
 *  removed and its asset's supply raised by that amount. */
function processHf2103(s: Session): void {
  const bal = s.find<T.BalanceObject>(HARDFORK_CORE_2103_BALANCE_ID);
  if (bal === undefined || bal.balance.amount >= 0n) return;
  const dyn = s.get<T.AssetObject>(bal.balance.asset_id).dynamic_asset_data_id;
  s.modify<T.AssetDynamicDataObject>(dyn, (d) => ({ ...d, current_supply: d.current_supply - bal.balance.amount }));
  s.remove(bal.id);
}

/** process_hf_2262: liquid tickets lose their value (their owner's total_pol_value with it). Tickets are
 *  valued by the core-2262 rules from the start, where liquid is already worth nothing. */
function processHf2262(s: Session): void {
  for (const t of [...s.db.all<T.TicketObject>(1, P.ticket)]) {
    if (t.current_type !== "liquid" || t.value === 0n) continue;
    const stats = s.get<T.AccountObject>(t.account).statistics;
    s.modify<T.AccountStatisticsObject>(stats, (st) => ({ ...st, total_pol_value: st.total_pol_value - t.value }));
    s.modify<T.TicketObject>(t.id, (x) => ({ ...x, value: 0n }));
  }
}

/** update_call_orders_hf_1270: call prices are no longer used; each becomes 1 collateral / 1 debt. (The
 *  HARDFORK_CORE_343 recomputation before it gives genesis call orders the call price they already have.) */
function updateCallOrdersHf1270(s: Session): void {
  for (const c of [...s.db.all<T.CallOrderObject>(1, P.call_order)]) {
    if (c.call_price.base.amount === 1n && c.call_price.quote.amount === 1n) continue;
    s.modify<T.CallOrderObject>(c.id, (x) => ({
      ...x, call_price: { base: { ...x.call_price.base, amount: 1n }, quote: { ...x.call_price.quote, amount: 1n } },
    }));
  }
}
