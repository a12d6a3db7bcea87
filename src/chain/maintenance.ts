// database::perform_chain_maintenance (db_maint.cpp): what runs at each maintenance time.
import type * as T from "../../generated/native-types.js";
import {
  CORE_ASSET, CORE_ASSET_CYCLE_RATE, CORE_ASSET_CYCLE_RATE_BITS, IMPL_OBJECT_TYPES as I, OBJECT_TYPES as P,
} from "../protocol/config.js";
import { processFees } from "./fee_payment.js";
import type { Gen } from "./gen.js";
import { CORE_DYNAMIC_DATA_ID, DYNAMIC_GLOBAL_PROPERTY_ID, GLOBAL_PROPERTY_ID, type Session } from "./session.js";
import { hasPendingFees, inst } from "./tables.js";
import { EMPTY_VOTE_COUNTER, addVotes, finishVotes } from "./vote_counter.js";

export function* performChainMaintenance(s: Session, block: T.SignedBlock, blockNum: number): Gen<void> {
  const lastVoteTallyTime = s.headBlockTime();
  performAccountMaintenance(s);
  updateTopNAuthorities(s);
  updateFeeScaleAndParameters(s);
  const dgpo = s.dgpo();
  const interval = s.params().maintenance_interval;
  let next = dgpo.next_maintenance_time;
  if (next <= block.timestamp) {
    if (blockNum === 1) next = (Math.floor(block.timestamp / interval) + 1) * interval;
    else next += (Math.floor((s.headBlockTime() - next) / interval) + 1) * interval;
  }
  s.modify<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID, (d) => ({
    ...d, next_maintenance_time: next, last_vote_tally_time: lastVoteTallyTime, accounts_registered_this_interval: 0,
  }));
  deleteExpiredCustomAuthorities(s);
  processBudget(s);
}

/** perform_account_maintenance: balances flagged since the last maintenance update their owners'
 *  core_in_balance; then every account needing maintenance (by_maintenance_seq order: by name) has its
 *  pending fees paid out. */
function performAccountMaintenance(s: Session): void {
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
    if (hasPendingFees(current)) processFees(s, current.id);
    if (next !== undefined) next = s.get<T.AccountStatisticsObject>(next.id);
  }
}

/** The entry of by_maintenance_seq after `st`, while `st` is still in the range. */
function entryAfter(s: Session, st: T.AccountStatisticsObject): T.AccountStatisticsObject | undefined {
  const it = s.db.range<T.AccountStatisticsObject>(2, I.account_statistics, "by_maintenance_seq", [true, st.name]);
  for (let step = it.next(); !step.done; step = it.next()) if (step.value.id !== st.id) return step.value;
  return undefined;
}

/** The account_create basic fee halves (by account_fee_scale_bitshifts) for each accounts_per_fee_scale
 *  accounts registered in the interval; pending parameters take effect. */
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
      for (const b of s.db.withPrefix<T.AccountBalanceObject>(2, I.account_balance, "by_asset_balance", [inst(sa[1].asset)])) {
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

/** delete_expired_custom_auths: custom authorities whose valid_to is before the head block time are removed. */
function deleteExpiredCustomAuthorities(s: Session): void {
  const now = s.headBlockTime();
  for (let c; (c = s.first<T.CustomAuthorityObject>(1, P.custom_authority, "by_expiration")) && c.valid_to < now;) s.remove(c.id);
}

/** process_budget: the reserve funds the witness budget (per block until the next maintenance) and the
 *  worker budget (per day); unspent witness budget and the network's accumulated fees return to the reserve. */
function processBudget(s: Session): void {
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
  const leftover = payWorkers(s, workerBudget);
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

/** pay_workers: what is left of the worker budget after paying active, approved workers. No worker can
 *  exist yet: worker_create has no evaluator until the Consensus issue, so genesis workers are refused too. */
function payWorkers(_s: Session, budget: bigint): bigint {
  return budget;
}
