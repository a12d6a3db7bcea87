// worker_create (34) (worker_evaluator.cpp) and the workers' pay at maintenance (db_maint.cpp pay_workers,
// worker_object.cpp's pay_worker of each worker type). Only lifetime members create workers; a worker takes
// two vote ids (for, then against); a vesting worker gets a worker vesting balance with a coin-days policy.
import type * as T from "../../../generated/native-types.js";
import { CORE_ASSET, NULL_ACCOUNT, OBJECT_TYPES as P } from "../../protocol/config.js";
import { adjustBalance } from "../balances.js";
import { type Evaluator, objectIdResult } from "../evaluator.js";
import { isLifetimeMember } from "../fee_payment.js";
import { type Gen, ensureAssert } from "../gen.js";
import { CORE_DYNAMIC_DATA_ID, type Session } from "../session.js";
import { inst } from "../tables.js";
import { deposit } from "../vesting.js";
import { VOTE_TYPE, nextVoteId } from "./witness.js";

const DAY = 86400;

const workerCreate: Evaluator<T.WorkerCreateOperation, void> = {
  *evaluate({ s }, op) {
    const owner = yield* s.load<T.AccountObject>(op.owner, "owner");
    yield* ensureAssert(isLifetimeMember(owner), "worker_create.lifetime_member", "owner", () => `${owner.name} (${owner.id}) is not a lifetime member`);
    yield* ensureAssert(op.work_begin_date >= s.headBlockTime(), "worker_create.begin_not_past", "work_begin_date", () =>
      `work_begin_date ${op.work_begin_date} is before the head block time ${s.headBlockTime()}`);
  },
  *apply({ s }, op) {
    const voteFor = nextVoteId(s, VOTE_TYPE.worker);
    const voteAgainst = nextVoteId(s, VOTE_TYPE.worker);
    let worker: T.WorkerType;
    switch (op.initializer[0]) {
      case 0: worker = [0, { total_burned: 0n }]; break;
      case 2: worker = [2, { total_burned: 0n }]; break;
      default: {
        const now = s.headBlockTime();
        const days = (op.initializer[1] as T.VestingBalanceWorkerInitializer).pay_vesting_period_days;
        const vb = s.create<T.VestingBalanceObject>(1, P.vesting_balance, (id) => ({
          id, owner: op.owner, balance: { amount: 0n, asset_id: CORE_ASSET }, balance_type: "worker",
          policy: [1, { vesting_seconds: days * DAY, start_claim: 0, coin_seconds_earned: 0n, coin_seconds_earned_last_update: now }],
        }));
        worker = [1, { balance: vb.id }];
      }
    }
    const w = s.create<T.WorkerObject>(1, P.worker, (id) => ({
      id, worker_account: op.owner, work_begin_date: op.work_begin_date, work_end_date: op.work_end_date, daily_pay: op.daily_pay, worker,
      vote_for: voteFor, vote_against: voteAgainst, total_votes_for: 0n, total_votes_against: 0n, name: op.name, url: op.url,
    }));
    return objectIdResult(w.id);
  },
};

/** worker_object::approving_stake: votes for less votes against. */
const approvingStake = (w: T.WorkerObject): bigint => BigInt.asIntN(64, w.total_votes_for - w.total_votes_against);

/** The pay of one worker by its type: a refund worker returns it to the reserve (less supply), a vesting
 *  worker's balance gets it, a burn worker sends it to the null account; both burners count it. */
function* payWorker(s: Session, w: T.WorkerObject, pay: bigint): Gen<void> {
  switch (w.worker[0]) {
    case 0:
      s.modify<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID, (d) => ({ ...d, current_supply: d.current_supply - pay }));
      s.modify<T.WorkerObject>(w.id, (x) => ({ ...x, worker: [0, { total_burned: (x.worker[1] as T.RefundWorkerType).total_burned + pay }] }));
      return;
    case 1: {
      const now = s.headBlockTime();
      const id = w.worker[1].balance;
      s.modify<T.VestingBalanceObject>(id, (b) => deposit(b, now, { amount: pay, asset_id: CORE_ASSET }));
      return;
    }
    case 2:
      s.modify<T.WorkerObject>(w.id, (x) => ({ ...x, worker: [2, { total_burned: (x.worker[1] as T.BurnWorkerType).total_burned + pay }] }));
      yield* adjustBalance(s, NULL_ACCOUNT, { amount: pay, asset_id: CORE_ASSET });
  }
}

/**
 * database::pay_workers: active workers (begun, not ended) with positive approving stake, most approved
 * first (then oldest), are each paid their daily pay pro rata for the time since the last budget, while the
 * budget lasts. Answers what is left of it.
 */
export function* payWorkers(s: Session, budget: bigint): Gen<bigint> {
  const now = s.headBlockTime();
  const active = [...s.db.all<T.WorkerObject>(1, P.worker)]
    .filter((w) => now >= w.work_begin_date && now <= w.work_end_date && approvingStake(w) > 0n)
    .sort((a, b) => {
      const va = approvingStake(a), vb = approvingStake(b);
      return va !== vb ? (va > vb ? -1 : 1) : inst(a.id) - inst(b.id);
    });
  const passed = BigInt(now - s.dgpo().last_budget_time);
  let left = budget;
  for (const w of active) {
    if (left <= 0n) break;
    // daily_pay * microseconds passed / microseconds per day in fc::uint128 (exact, so seconds do as well),
    // then stored through uint64_t into the signed share_type.
    const requested = BigInt.asIntN(64, (w.daily_pay * passed) / BigInt(DAY));
    const pay = left < requested ? left : requested;
    yield* payWorker(s, w, pay);
    left -= pay;
  }
  return left;
}

export const WORKER_EVALUATORS = [[34, workerCreate]] as const;
