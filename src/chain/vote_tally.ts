// The vote tally of perform_chain_maintenance (db_maint.cpp, struct vote_tally_helper): each voting account's
// stake, decayed by how long ago its opinion account last voted, added to every vote id that opinion account
// votes for and to the histograms of how many witnesses and committee members voters want. Every hardfork is
// active: after core-2262 only tickets (and core in orders, until proof-of-burn is activated) carry voting
// power, and the core-2103 decay applies.
import type * as T from "../../generated/native-types.js";
import { PERCENT_100, PROXY_TO_SELF_ACCOUNT } from "../protocol/config.js";
import { isBasicAccount } from "./fee_payment.js";
import type { Session } from "./session.js";

const U64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const U128 = (x: bigint): bigint => BigInt.asUintN(128, x);
/** time_point_sec - uint32_t: wraps as the unsigned seconds do. */
const minusSeconds = (t: number, seconds: number): number => (t - seconds) >>> 0;

/** vote_id_type::worker: vote types are committee 0, witness 1, worker 2 (a voter's stakes by type). */
const VID_WORKER = 2;

const DAY = 86400;
/** detail::vote_recalc_options (witness, committee, worker and delegator all alike): full power for 360
 *  days after the last vote, then 8 steps of 45 days, each taking off another eighth. */
export const VOTE_RECALC = { fullPowerSeconds: 360 * DAY, recalcSteps: 8, secondsPerStep: 45 * DAY } as const;
const TOTAL_RECALC_SECONDS = (VOTE_RECALC.recalcSteps - 1) * VOTE_RECALC.secondsPerStep;
/** power_percents_to_subtract: GRAPHENE_100_PERCENT * i / recalc_steps for i in 1..recalc_steps-1. */
const PERCENTS_TO_SUBTRACT = Array.from({ length: VOTE_RECALC.recalcSteps - 1 }, (_, i) =>
  BigInt(Math.floor((PERCENT_100 * (i + 1)) / VOTE_RECALC.recalcSteps)));

/** vote_recalc_times: votes cast after full_power_time count fully, those at or before zero_power_time not at all. */
export interface VoteRecalcTimes {
  readonly fullPowerTime: number;
  readonly zeroPowerTime: number;
}

/** vote_recalc_options::get_vote_recalc_times. */
export function voteRecalcTimes(now: number): VoteRecalcTimes {
  const fullPowerTime = minusSeconds(now, VOTE_RECALC.fullPowerSeconds);
  return { fullPowerTime, zeroPowerTime: minusSeconds(fullPowerTime, TOTAL_RECALC_SECONDS) };
}

/** vote_recalc_options::get_recalced_voting_stake: the stake less one eighth per 45 days started since
 *  full power ended (uint64, rounding the part taken off down). */
export function recalcVotingStake(stake: bigint, lastVoteTime: number, times: VoteRecalcTimes): bigint {
  if (lastVoteTime > times.fullPowerTime) return stake;
  if (lastVoteTime <= times.zeroPowerTime) return 0n;
  const diff = (times.fullPowerTime - lastVoteTime) >>> 0;
  const percent = PERCENTS_TO_SUBTRACT[Math.floor(diff / VOTE_RECALC.secondsPerStep)]!;
  return stake - (stake * percent) / BigInt(PERCENT_100);
}

/**
 * The voting stake of an account before any decay (uint64 as bitshares-core computes it): core in orders
 * (unless proof-of-burn is activated), plus what its tickets are worth. Locked (pol) tickets count at their
 * value. Burned (pob) tickets count at their value only as far as they are covered by the other stake,
 * an amount of core at a time: pob amount beyond pol amount is matched against the core in orders first.
 */
export function baseVotingStake(stats: T.AccountStatisticsObject, pobActivated: boolean): bigint {
  let stake = pobActivated ? 0n : U64(stats.total_core_in_orders);
  const polAmount = U64(stats.total_core_pol);
  const polValue = U64(stats.total_pol_value);
  const pobAmount = U64(stats.total_core_pob);
  const pobValue = U64(stats.total_pob_value);
  if (pobAmount === 0n) {
    stake = U64(stake + polValue);
  } else if (polAmount === 0n) {
    if (pobAmount <= stake) stake = U64(stake + U64(pobValue - pobAmount));
    else stake = U64((stake * pobValue) / pobAmount);
  } else if (pobAmount <= polAmount) {
    let base = (pobValue * polValue) / polAmount;
    const diffValue = (pobAmount * polValue) / polAmount;
    base = U128(base + U128(polValue - diffValue));
    stake = U64(stake + U64(base));
  } else {
    let base = (polValue * pobValue) / pobAmount;
    const diffAmount = pobAmount - polAmount;
    if (diffAmount <= stake) {
      const diffValue = (polAmount * pobValue) / pobAmount;
      base = U128(base + U128(pobValue - diffValue));
      stake = U64(stake + U64(U128(base - diffAmount)));
    } else {
      base = U128(base + (stake * pobValue) / pobAmount);
      stake = U64(base);
    }
  }
  return stake;
}

/** The buffers vote_tally_helper fills (database::_vote_tally_buffer, _witness_count_histogram_buffer,
 *  _committee_count_histogram_buffer, _total_voting_stake), read by update_active_witnesses,
 *  update_active_committee_members and update_worker_votes. */
export interface VoteTally {
  /** Stake voted for each vote id, by its instance. */
  readonly votes: bigint[];
  /** Stake of voters wanting 2i or 2i+1 witnesses (entry i). */
  readonly witnessCountHistogram: bigint[];
  readonly committeeCountHistogram: bigint[];
  totalWitnessStake: bigint;
  totalCommitteeStake: bigint;
}

/** The tally state at the start of maintenance: one zero per vote id handed out, one histogram entry per
 *  two of maximum_witness_count / maximum_committee_count. */
export function emptyVoteTally(s: Session): VoteTally {
  const gpo = s.gpo();
  return {
    votes: new Array<bigint>(gpo.next_available_vote_id).fill(0n),
    witnessCountHistogram: new Array<bigint>(Math.floor(gpo.parameters.maximum_witness_count / 2) + 1).fill(0n),
    committeeCountHistogram: new Array<bigint>(Math.floor(gpo.parameters.maximum_committee_count / 2) + 1).fill(0n),
    totalWitnessStake: 0n,
    totalCommitteeStake: 0n,
  };
}

/** The per-maintenance constants of vote_tally_helper. */
export interface TallyContext {
  readonly now: number;
  /** dynamic_global_property_object: some core was ever burned for voting (total_pob or total_inactive). */
  readonly pobActivated: boolean;
  /** The four recalc options are equal, so one set of times serves witness, committee, worker and delegator. */
  readonly recalcTimes: VoteRecalcTimes;
}

export function tallyContext(s: Session): TallyContext {
  const now = s.headBlockTime();
  const d = s.dgpo();
  return { now, pobActivated: d.total_pob > 0n || d.total_inactive > 0n, recalcTimes: voteRecalcTimes(now) };
}

const voteParts = (v: string): [type: number, instance: number] => {
  const colon = v.indexOf(":");
  return [Number(v.slice(0, colon)), Number(v.slice(colon + 1))];
};

/**
 * vote_tally_helper::operator(): one account with some core voting. Its stake goes to its opinion account
 * (itself, or its proxy): the opinion account's statistics collect the voting power figures (reset on the
 * first voter of this maintenance), its votes receive the stake, decayed by the opinion account's
 * last_vote_time (a delegator's stake first decays by its own last_vote_time). Committee votes split the
 * stake evenly between the committee members voted for.
 */
export function tallyAccount(s: Session, t: VoteTally, c: TallyContext, account: T.AccountObject, stats: T.AccountStatisticsObject): void {
  if (c.pobActivated && stats.total_core_pob === 0n && stats.total_core_inactive === 0n) return;
  const params = s.params();
  if (!params.count_non_member_votes && isBasicAccount(account, c.now)) return;
  const directlyVoting = account.options.voting_account === PROXY_TO_SELF_ACCOUNT;
  const opinion = directlyVoting ? account : s.get<T.AccountObject>(account.options.voting_account);

  let worker = baseVotingStake(stats, c.pobActivated);
  if (worker === 0n) return;
  const vpAll = worker;
  let vpActive = worker;
  if (!directlyVoting) {
    worker = recalcVotingStake(worker, stats.last_vote_time, c.recalcTimes);
    vpActive = worker;
  }
  const opinionStats = directlyVoting ? stats : s.get<T.AccountStatisticsObject>(opinion.statistics);
  const witness = recalcVotingStake(worker, opinionStats.last_vote_time, c.recalcTimes);
  const committeeFull = recalcVotingStake(worker, opinionStats.last_vote_time, c.recalcTimes);
  const committee = opinion.num_committee_voted > 1 ? committeeFull / BigInt(opinion.num_committee_voted) : committeeFull;
  worker = recalcVotingStake(worker, opinionStats.last_vote_time, c.recalcTimes);

  s.modify<T.AccountStatisticsObject>(opinionStats.id, (st) => st.vote_tally_time !== c.now
    ? { ...st, vp_all: vpAll, vp_active: vpActive, vp_committee: committeeFull, vp_witness: witness, vp_worker: worker, vote_tally_time: c.now }
    : {
      ...st, vp_all: U64(st.vp_all + vpAll), vp_active: U64(st.vp_active + vpActive), vp_committee: U64(st.vp_committee + committeeFull),
      vp_witness: U64(st.vp_witness + witness), vp_worker: U64(st.vp_worker + worker),
    });

  const stakes = [committee, witness, worker];
  for (const v of opinion.options.votes) {
    const [type, instance] = voteParts(v);
    if (instance < t.votes.length) t.votes[instance] = U64(t.votes[instance]! + stakes[Math.min(type, VID_WORKER)]!);
  }
  if (witness > 0n && opinion.options.num_witness <= params.maximum_witness_count) {
    const i = Math.floor(opinion.options.num_witness / 2);
    t.witnessCountHistogram[i] = U64(t.witnessCountHistogram[i]! + witness);
  }
  if (committeeFull > 0n && opinion.options.num_committee <= params.maximum_committee_count) {
    const i = Math.floor(opinion.options.num_committee / 2);
    t.committeeCountHistogram[i] = U64(t.committeeCountHistogram[i]! + committeeFull);
  }
  t.totalCommitteeStake = U64(t.totalCommitteeStake + committeeFull);
  t.totalWitnessStake = U64(t.totalWitnessStake + witness);
}

/** The tallied votes of a vote id (by its instance, as vote_id_type converts to uint32_t). */
export function votesFor(t: VoteTally, voteId: string): bigint {
  return t.votes[voteParts(voteId)[1]] ?? 0n;
}
