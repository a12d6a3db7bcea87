// database::perform_chain_maintenance (db_maint.cpp): what runs at each maintenance time, in its order.
import type * as T from "../../generated/native-types.js";
import {
  COMMITTEE_ACCOUNT, CORE_ASSET, CORE_ASSET_CYCLE_RATE, CORE_ASSET_CYCLE_RATE_BITS, IMPL_OBJECT_TYPES as I, OBJECT_TYPES as P,
  RELAXED_COMMITTEE_ACCOUNT, WITNESS_ACCOUNT, committee_fed_asset, witness_fed_asset,
} from "../protocol/config.js";
import { isNullPrice } from "../protocol/price.js";
import type { EvaluatorTable } from "./evaluator.js";
import { processFees } from "./fee_payment.js";
import type { Gen } from "./gen.js";
import { createBuybackOrders, distributeFbaBalances } from "./maintenance_fba.js";
import { runFirstMaintenanceMigrations } from "./maintenance_hardforks.js";
import { processBids } from "../market/settlement.js";
import { payWorkers } from "./evaluators/worker.js";
import {
  CHAIN_PROPERTY_ID, CORE_DYNAMIC_DATA_ID, DYNAMIC_GLOBAL_PROPERTY_ID, GLOBAL_PROPERTY_ID, type Session,
} from "./session.js";
import { hasPendingFees, hasSomeCoreVoting, inst } from "./tables.js";
import { EMPTY_VOTE_COUNTER, type VoteCounter, addVotes, finishVotes } from "./vote_counter.js";
import { type TallyContext, type VoteTally, emptyVoteTally, tallyAccount, tallyContext, votesFor } from "./vote_tally.js";

/**
 * perform_chain_maintenance. `evaluators` are those create_buyback_orders applies its limit orders with;
 * without them (or without a limit_order_create evaluator) every buyback order fails and is skipped, as
 * bitshares-core skips a failing one.
 */
export function* performChainMaintenance(s: Session, block: T.SignedBlock, blockNum: number, evaluators?: EvaluatorTable): Gen<void> {
  const lastVoteTallyTime = s.headBlockTime();
  yield* distributeFbaBalances(s);
  if (evaluators !== undefined) createBuybackOrders(s, evaluators);
  const tally = emptyVoteTally(s);
  performAccountMaintenance(s, tally, tallyContext(s));
  updateTopNAuthorities(s);
  updateActiveWitnesses(s, tally);
  updateActiveCommitteeMembers(s, tally);
  updateWorkerVotes(s, tally);
  updateFeeScaleAndParameters(s);
  const dgpo = s.dgpo();
  const interval = s.params().maintenance_interval;
  let next = dgpo.next_maintenance_time;
  if (next <= block.timestamp) {
    if (blockNum === 1) next = (Math.floor(block.timestamp / interval) + 1) * interval;
    else next += (Math.floor((s.headBlockTime() - next) / interval) + 1) * interval;
  }
  // Every hardfork time is at or before genesis: the "next maintenance time crosses HARDFORK_X" migrations
  // all run at the first maintenance, whose previous next_maintenance_time is genesis's 0, and never again.
  const first = dgpo.next_maintenance_time === 0;
  if (first) runFirstMaintenanceMigrations(s, "before_dgpo_update");
  s.modify<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID, (d) => ({
    ...d, next_maintenance_time: next, last_vote_tally_time: lastVoteTallyTime, accounts_registered_this_interval: 0,
  }));
  if (first) runFirstMaintenanceMigrations(s, "after_dgpo_update");
  yield* processBitassets(s);
  deleteExpiredCustomAuthorities(s);
  yield* processBudget(s);
}

/** perform_account_maintenance: balances flagged since the last maintenance update their owners'
 *  core_in_balance; then each account needing maintenance (by_maintenance_seq order: by name) has its vote
 *  tallied (if it has some core voting) and its pending fees paid out. */
function performAccountMaintenance(s: Session, tally: VoteTally, ctx: TallyContext): void {
  for (;;) {
    const flagged = s.db.rangeReverse<T.AccountBalanceObject>(2, I.account_balance, "by_maintenance_flag").next();
    if (flagged.done || !flagged.value.maintenance_flag) break;
    const b = flagged.value;
    const stats = s.get<T.AccountObject>(b.owner).statistics;
    s.modify<T.AccountStatisticsObject>(stats, (st) => ({ ...st, core_in_balance: b.balance }));
    s.modify<T.AccountBalanceObject>(b.id, (x) => ({ ...x, maintenance_flag: false }));
  }
  // As the C++ iterator walks the live index: the next entry is taken before the current one is handled.
  // Handling an account can take it out of the range, and bring others in (a referrer's first cashback
  // balance); those come up if their names sort after the entry already taken.
  let next = s.first<T.AccountStatisticsObject>(2, I.account_statistics, "by_maintenance_seq", [true]);
  while (next !== undefined) {
    const current = next;
    next = entryAfter(s, current);
    if (hasSomeCoreVoting(current)) tallyAccount(s, tally, ctx, s.get<T.AccountObject>(current.owner), current);
    const stats = s.get<T.AccountStatisticsObject>(current.id);
    if (hasPendingFees(stats)) processFees(s, stats.id);
    if (next !== undefined) next = s.get<T.AccountStatisticsObject>(next.id);
  }
}

/** The entry of by_maintenance_seq after `st`, while `st` is still in the range. */
function entryAfter(s: Session, st: T.AccountStatisticsObject): T.AccountStatisticsObject | undefined {
  const it = s.db.range<T.AccountStatisticsObject>(2, I.account_statistics, "by_maintenance_seq", [true, st.name]);
  for (let step = it.next(); !step.done; step = it.next()) if (step.value.id !== st.id) return step.value;
  return undefined;
}

/** update_top_n_authorities: an owner or active special authority of the top_holders kind becomes the
 *  num_top_holders largest holders of its asset (by_asset_balance order: balance descending, then owner),
 *  the account itself left out. A zero balance still takes a place but adds no weight; with no weight at
 *  all the authority stays as it was and its top_n_control flag is not set. */
function updateTopNAuthorities(s: Session): void {
  for (const sao of s.db.all<T.SpecialAuthorityObject>(2, I.special_authority)) {
    for (const isOwner of [true, false]) {
      const acct = s.get<T.AccountObject>(sao.account);
      const sa = isOwner ? acct.owner_special_authority : acct.active_special_authority;
      if (sa[0] !== 1 || sa[1].num_top_holders === 0) continue;
      let vc = EMPTY_VOTE_COUNTER;
      let needed = sa[1].num_top_holders;
      for (const b of holdersByBalance(s, sa[1].asset)) {
        if (b.owner === acct.id) continue;
        vc = addVotes(vc, b.owner, b.balance);
        if (--needed === 0) break;
      }
      const auth = finishVotes(vc);
      if (auth === undefined) continue;
      s.modify<T.AccountObject>(acct.id, (a) => ({
        ...a,
        ...(isOwner ? { owner: auth } : { active: auth }),
        // account_object::top_n_control_owner = 1, top_n_control_active = 2
        top_n_control_flags: a.top_n_control_flags | (isOwner ? 1 : 2),
      }));
    }
  }
}

/** An asset's balance objects in bitshares-core's by_asset_balance order: balance descending, then owner. */
function holdersByBalance(s: Session, asset: string): T.AccountBalanceObject[] {
  return [...s.db.withPrefix<T.AccountBalanceObject>(2, I.account_balance, "by_asset_owner", [inst(asset)])]
    .sort((x, y) => (x.balance !== y.balance ? (x.balance > y.balance ? -1 : 1) : inst(x.owner) - inst(y.owner)));
}

/** sort_votable_objects: the `count` objects with the most tallied votes (ties: lower vote id first). */
function sortVotableObjects<O extends { readonly vote_id: string }>(all: readonly O[], count: number, tally: VoteTally): O[] {
  const key = (o: O): number => Number(o.vote_id.slice(o.vote_id.indexOf(":") + 1));
  return all
    .map((o) => ({ o, votes: votesFor(tally, o.vote_id) }))
    .sort((a, b) => (a.votes !== b.votes ? (a.votes > b.votes ? -1 : 1) : key(a.o) - key(b.o)))
    .slice(0, Math.min(count, all.length))
    .map((x) => x.o);
}

/** How many witnesses (or committee members) the voters want: the smallest n such that the stake of voters
 *  wanting at most 2n+1 (by the histogram's pairs) is more than half of the stake of those wanting any,
 *  made 2n+1 and at least the chain's minimum. */
function wantedCount(histogram: readonly bigint[], totalStake: bigint, minimum: number): number {
  const target = (totalStake - histogram[0]!) / 2n;
  let tally = 0n;
  let count = 0;
  if (target > 0n) {
    while (count < histogram.length - 1 && tally <= target) tally += histogram[++count]!;
  }
  return Math.max(count * 2 + 1, minimum);
}

/** vote_counter over the chosen objects' accounts, in vote order; the authority replaces `current`
 *  unless no votes were counted. */
function votedAuthority(chosen: readonly (readonly [account: string, votes: bigint])[], current: T.Authority): T.Authority {
  let vc: VoteCounter = EMPTY_VOTE_COUNTER;
  for (const [account, votes] of chosen) vc = addVotes(vc, account, votes);
  return finishVotes(vc) ?? current;
}

/** The `count` objects with the most votes (sort_votable_objects); every object's total_votes becomes its
 *  tally, standby ones included (a node tracks standby votes by default). */
function chooseVotables<O extends T.WitnessObject | T.CommitteeMemberObject>(s: Session, tally: VoteTally, all: readonly O[], count: number): O[] {
  for (const o of all) {
    const votes = votesFor(tally, o.vote_id);
    if (o.total_votes !== votes) s.modify<O>(o.id, (x) => ({ ...x, total_votes: votes }));
  }
  return sortVotableObjects([...all], count, tally);
}

/** update_active_witnesses: the witnesses with the most votes become active, as many as the voters want
 *  (at least min_witness_count); every witness's total_votes is its tally (standby votes are tracked, the
 *  default of a node); the witness account's active authority follows the active witnesses' votes. */
function updateActiveWitnesses(s: Session, tally: VoteTally): void {
  const min = s.get<T.ChainPropertyObject>(CHAIN_PROPERTY_ID).immutable_parameters.min_witness_count;
  const chosen = chooseVotables(s, tally, [...s.db.all<T.WitnessObject>(1, P.witness)], wantedCount(tally.witnessCountHistogram, tally.totalWitnessStake, min));
  const auth = votedAuthority(chosen.map((w) => [w.witness_account, votesFor(tally, w.vote_id)] as const), s.get<T.AccountObject>(WITNESS_ACCOUNT).active);
  s.modify<T.AccountObject>(WITNESS_ACCOUNT, (a) => ({ ...a, active: auth }));
  // global_property_object::active_witnesses is a flat_set: ordered by id.
  const active = chosen.map((w) => w.id).sort((a, b) => inst(a) - inst(b));
  s.modify<T.GlobalPropertyObject>(GLOBAL_PROPERTY_ID, (g) => ({ ...g, active_witnesses: active }));
}

/** update_active_committee_members: as update_active_witnesses, with min_committee_member_count; the
 *  committee account's active authority follows their votes and relaxed-committee-account copies it;
 *  active_committee_members keeps the vote order. */
function updateActiveCommitteeMembers(s: Session, tally: VoteTally): void {
  const min = s.get<T.ChainPropertyObject>(CHAIN_PROPERTY_ID).immutable_parameters.min_committee_member_count;
  const chosen = chooseVotables(s, tally, [...s.db.all<T.CommitteeMemberObject>(1, P.committee_member)],
    wantedCount(tally.committeeCountHistogram, tally.totalCommitteeStake, min));
  if (chosen.length > 0) {
    const auth = votedAuthority(chosen.map((c) => [c.committee_member_account, votesFor(tally, c.vote_id)] as const),
      s.get<T.AccountObject>(COMMITTEE_ACCOUNT).active);
    s.modify<T.AccountObject>(COMMITTEE_ACCOUNT, (a) => ({ ...a, active: auth }));
    s.modify<T.AccountObject>(RELAXED_COMMITTEE_ACCOUNT, (a) => ({ ...a, active: auth }));
  }
  s.modify<T.GlobalPropertyObject>(GLOBAL_PROPERTY_ID, (g) => ({ ...g, active_committee_members: chosen.map((c) => c.id) }));
}

/** update_worker_votes: each worker's votes for are its tally; votes against no longer count (HARDFORK_607). */
function updateWorkerVotes(s: Session, tally: VoteTally): void {
  for (const w of s.db.all<T.WorkerObject>(1, P.worker)) {
    const votesFor_ = votesFor(tally, w.vote_for);
    if (w.total_votes_for !== votesFor_ || w.total_votes_against !== 0n) {
      s.modify<T.WorkerObject>(w.id, (x) => ({ ...x, total_votes_for: votesFor_, total_votes_against: 0n }));
    }
  }
}

/** The account_create basic fee shrinks (by account_fee_scale_bitshifts) for each accounts_per_fee_scale
 *  accounts registered in the interval; pending parameters take effect. */
function updateFeeScaleAndParameters(s: Session): void {
  const registered = s.dgpo().accounts_registered_this_interval;
  s.modify<T.GlobalPropertyObject>(GLOBAL_PROPERTY_ID, (p) => {
    const params = p.parameters;
    const shift = BigInt(params.account_fee_scale_bitshifts * Math.floor(registered / params.accounts_per_fee_scale));
    const fees = params.current_fees.parameters.map((f): T.FeeParameters =>
      f[0] === 5 ? [5, { ...f[1], basic_fee: shift >= 64n ? 0n : f[1].basic_fee >> shift }] : f);
    const scaled = { ...params, current_fees: { ...params.current_fees, parameters: fees } };
    const { pending_parameters, ...rest } = p;
    return pending_parameters !== undefined ? { ...rest, parameters: pending_parameters } : { ...rest, parameters: scaled };
  });
}

/** process_bitassets: each bitasset's force_settled_volume restarts; a witness- or committee-fed asset
 *  drops the feeds older than its feed lifetime (HARDFORK_CORE_518); a globally settled asset processes
 *  its collateral bids (src/market/settlement.ts processBids). */
function* processBitassets(s: Session): Gen<void> {
  const now = s.headBlockTime();
  for (const b of s.db.all<T.AssetBitassetDataObject>(2, I.asset_bitasset_data)) {
    const fed = (s.get<T.AssetObject>(b.asset_id).options.flags & (witness_fed_asset | committee_fed_asset)) !== 0;
    const prune = b.options.feed_lifetime_sec < now && fed;
    const oldest = (now - b.options.feed_lifetime_sec) >>> 0;
    const feeds = prune ? b.feeds.filter(([, [time]]) => !(time < oldest)) : b.feeds;
    if (b.force_settled_volume !== 0n || feeds.length !== b.feeds.length) {
      s.modify<T.AssetBitassetDataObject>(b.id, (x) => ({ ...x, force_settled_volume: 0n, feeds }));
    }
    if (!isNullPrice(b.settlement_price)) yield* processBids(s, b.id);
  }
}

/** delete_expired_custom_auths: custom authorities whose valid_to is before the head block time are removed. */
function deleteExpiredCustomAuthorities(s: Session): void {
  const now = s.headBlockTime();
  for (let c; (c = s.first<T.CustomAuthorityObject>(1, P.custom_authority, "by_expiration")) && c.valid_to < now;) s.remove(c.id);
}

/** process_budget: the reserve funds the witness budget (per block until the next maintenance) and the
 *  worker budget (per day); unspent witness budget and the network's accumulated fees return to the reserve. */
function* processBudget(s: Session): Gen<void> {
  const params = s.params();
  const dgpo = s.dgpo();
  const core = s.get<T.AssetObject>(CORE_ASSET);
  const coreDyn = s.get<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID);
  const now = s.headBlockTime();
  const timeToMaint = dgpo.next_maintenance_time - now;
  const blocksToMaint = BigInt(Math.floor((timeToMaint + params.block_interval - 1) / params.block_interval));
  const fromInitialReserve = core.options.max_supply - coreDyn.current_supply;
  let timeSinceLast = 0n;
  let totalBudget = 0n;
  if (dgpo.last_budget_time !== 0 && now > dgpo.last_budget_time) {
    const dt = BigInt(now - dgpo.last_budget_time);
    timeSinceLast = dt;
    const reserve = fromInitialReserve + coreDyn.accumulated_fees + dgpo.witness_budget;
    const u128 = (1n << 128n) - 1n;
    let budget = (reserve * dt * BigInt(CORE_ASSET_CYCLE_RATE)) & u128;
    budget = (budget + ((1n << BigInt(CORE_ASSET_CYCLE_RATE_BITS)) - 1n)) >> BigInt(CORE_ASSET_CYCLE_RATE_BITS);
    totalBudget = budget < reserve ? budget : reserve;
  }
  let available = totalBudget;
  const requestedWitnessBudget = params.witness_pay_per_block * blocksToMaint;
  const witnessBudget = requestedWitnessBudget < available ? requestedWitnessBudget : available;
  available -= witnessBudget;
  const workerU128 = (params.worker_budget_per_day * BigInt(timeToMaint)) / 86400n;
  const workerBudget = workerU128 >= available ? available : workerU128;
  available -= workerBudget;
  const leftover = yield* payWorkers(s, workerBudget);
  const supplyDelta = witnessBudget + workerBudget - leftover - coreDyn.accumulated_fees - dgpo.witness_budget;
  const newCore = s.modify<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID, (d) => ({ ...d, current_supply: d.current_supply + supplyDelta, accumulated_fees: 0n }));
  s.modify<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID, (d) => ({ ...d, witness_budget: witnessBudget, last_budget_time: now }));
  s.create<T.BudgetRecordObject>(2, I.budget_record, (id) => ({
    id, time: now,
    record: {
      time_since_last_budget: timeSinceLast, from_initial_reserve: fromInitialReserve, from_accumulated_fees: coreDyn.accumulated_fees,
      from_unused_witness_budget: dgpo.witness_budget, requested_witness_budget: requestedWitnessBudget, total_budget: totalBudget,
      witness_budget: witnessBudget, worker_budget: workerBudget, leftover_worker_funds: leftover, supply_delta: supplyDelta,
      max_supply: core.options.max_supply, current_supply: newCore.current_supply,
    },
  }));
}

