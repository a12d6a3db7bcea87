// Vesting policies and deposits into vesting balances (vesting_balance_object.cpp, db_balance.cpp).
import type * as T from "../../generated/native-types.js";
import { CORE_ASSET, MAX_SHARE_SUPPLY, OBJECT_TYPES } from "../protocol/config.js";
import type { Session } from "./session.js";

/** vesting_policy_context: the balance before the change, the time, and the amount moved. */
interface PolicyContext {
  readonly balance: T.Asset;
  readonly now: number;
  readonly amount: T.Asset;
}

const maxSeconds = (cdd: T.CddVestingPolicy): bigint => BigInt(Math.max(cdd.vesting_seconds, 1));

/** cdd_vesting_policy::compute_coin_seconds_earned: coin-seconds accrue with time, capped at
 *  balance * vesting_seconds (128-bit in bitshares-core; bigint here). */
function coinSecondsEarned(cdd: T.CddVestingPolicy, ctx: PolicyContext): bigint {
  const delta = ctx.balance.amount * BigInt(ctx.now - cdd.coin_seconds_earned_last_update);
  const cap = ctx.balance.amount * maxSeconds(cdd);
  const earned = cdd.coin_seconds_earned + delta;
  return earned < cap ? earned : cap;
}

/** get_allowed_withdraw of each policy. */
export function allowedWithdraw(vbo: T.VestingBalanceObject, now: number): bigint {
  const ctx: PolicyContext = { balance: vbo.balance, now, amount: { amount: 0n, asset_id: CORE_ASSET } };
  const [tag, p] = vbo.policy;
  switch (tag) {
    case 0: {
      if (now <= p.begin_timestamp) return 0n;
      const elapsed = now - p.begin_timestamp;
      if (elapsed < p.vesting_cliff_seconds) return 0n;
      const totalVested = elapsed < p.vesting_duration_seconds
        ? (p.begin_balance * BigInt(elapsed)) / BigInt(p.vesting_duration_seconds)
        : p.begin_balance;
      const withdrawnAlready = p.begin_balance - vbo.balance.amount;
      return totalVested - withdrawnAlready;
    }
    case 1:
      if (now <= p.start_claim) return 0n;
      return coinSecondsEarned(p, ctx) / maxSeconds(p);
    case 2:
      return vbo.balance.amount;
  }
}

const sumBelowMaxShares = (a: bigint, b: bigint): boolean => a <= MAX_SHARE_SUPPLY && b <= MAX_SHARE_SUPPLY && a + b <= MAX_SHARE_SUPPLY;

/** is_deposit_allowed (and is_deposit_vested_allowed, the same rule for every policy). */
export function isDepositAllowed(vbo: T.VestingBalanceObject, amount: T.Asset): boolean {
  return amount.asset_id === vbo.balance.asset_id && sumBelowMaxShares(amount.amount, vbo.balance.amount);
}

/** is_withdraw_allowed: the same asset (cdd does not compare ids: its asset comparison would throw) and
 *  no more than get_allowed_withdraw. */
export function isWithdrawAllowed(vbo: T.VestingBalanceObject, now: number, amount: T.Asset): boolean {
  if (vbo.policy[0] !== 1 && amount.asset_id !== vbo.balance.asset_id) return false;
  return amount.amount <= allowedWithdraw(vbo, now);
}

function updateCdd(p: T.CddVestingPolicy, ctx: PolicyContext): T.CddVestingPolicy {
  return { ...p, coin_seconds_earned: coinSecondsEarned(p, ctx), coin_seconds_earned_last_update: ctx.now };
}

/** vesting_balance_object::deposit: unvested funds (cdd restarts its accrual from now). */
export function deposit(vbo: T.VestingBalanceObject, now: number, amount: T.Asset): T.VestingBalanceObject {
  const ctx = { balance: vbo.balance, now, amount };
  const policy: T.VestingPolicy = vbo.policy[0] === 1 ? [1, updateCdd(vbo.policy[1], ctx)] : vbo.policy;
  return { ...vbo, policy, balance: { ...vbo.balance, amount: vbo.balance.amount + amount.amount } };
}

/** vesting_balance_object::deposit_vested: funds withdrawable at once (cdd credits their coin-seconds). */
export function depositVested(vbo: T.VestingBalanceObject, now: number, amount: T.Asset): T.VestingBalanceObject {
  const ctx = { balance: vbo.balance, now, amount };
  let policy = vbo.policy;
  if (policy[0] === 1) {
    const p = updateCdd(policy[1], ctx);
    policy = [1, { ...p, coin_seconds_earned: p.coin_seconds_earned + amount.amount * maxSeconds(p) }];
  }
  return { ...vbo, policy, balance: { ...vbo.balance, amount: vbo.balance.amount + amount.amount } };
}

/** vesting_balance_object::withdraw: cdd spends amount * vesting_seconds coin-seconds. */
export function withdraw(vbo: T.VestingBalanceObject, now: number, amount: T.Asset): T.VestingBalanceObject {
  const ctx = { balance: vbo.balance, now, amount };
  let policy = vbo.policy;
  if (policy[0] === 1) {
    const p = updateCdd(policy[1], ctx);
    policy = [1, { ...p, coin_seconds_earned: p.coin_seconds_earned - amount.amount * maxSeconds(p) }];
  }
  return { ...vbo, policy, balance: { ...vbo.balance, amount: vbo.balance.amount - amount.amount } };
}

/** database::deposit_lazy_vesting: adds core to an existing cdd balance of the owner with the same
 *  vesting period, or creates one; returns the new balance's id when one was created. */
export function depositLazyVesting(
  s: Session, existing: string | undefined, amount: bigint, vestingSeconds: number,
  balanceType: T.VestingBalanceType, owner: string, requireVesting: boolean,
): string | undefined {
  if (amount === 0n) return undefined;
  const now = s.headBlockTime();
  if (existing !== undefined) {
    const vbo = s.get<T.VestingBalanceObject>(existing);
    if (vbo.owner === owner && vbo.policy[0] === 1 && vbo.policy[1].vesting_seconds === vestingSeconds) {
      const delta = { amount, asset_id: CORE_ASSET };
      s.modify<T.VestingBalanceObject>(existing, (v) => (requireVesting ? deposit(v, now, delta) : depositVested(v, now, delta)));
      return undefined;
    }
  }
  const policy: T.CddVestingPolicy = {
    vesting_seconds: vestingSeconds,
    start_claim: 0,
    coin_seconds_earned: requireVesting ? 0n : amount * BigInt(vestingSeconds),
    coin_seconds_earned_last_update: now,
  };
  return s.create<T.VestingBalanceObject>(1, OBJECT_TYPES.vesting_balance, (id) => ({
    id, owner, balance: { amount, asset_id: CORE_ASSET }, policy: [1, policy], balance_type: balanceType,
  })).id;
}
