// withdraw_permission_create (25), _update (26), _claim (27), _delete (28):
// libraries/chain/withdraw_permission_evaluator.cpp and withdraw_permission_object.hpp.
import type * as T from "../../../generated/native-types.js";
import { OBJECT_TYPES } from "../../protocol/config.js";
import { adjustBalance, getBalance, isAuthorizedAsset } from "../balances.js";
import { type Evaluator, VOID_RESULT, objectIdResult } from "../evaluator.js";
import { type Gen, ensureAssert } from "../gen.js";
import type { Session } from "../session.js";
import { isTransferRestricted } from "./transfer.js";

/** time_point_sec + uint32_t: both operands are 32-bit unsigned, so the sum wraps modulo 2^32. */
export const addSeconds = (t: number, seconds: number): number => (t + seconds) % 2 ** 32;

/** period_start_time + periods_until_expiration * withdrawal_period_sec, as the evaluators compute it: the
 *  product is uint32_t arithmetic (wraps modulo 2^32) before it is added. */
export function permissionExpiration(periodStart: number, periods: number, periodSec: number): number {
  return addSeconds(periodStart, Math.imul(periods, periodSec) >>> 0);
}

/** withdraw_permission_object::available_this_period: the full limit once the recorded period is over,
 *  else what is left of it. */
export function availableThisPeriod(p: T.WithdrawPermissionObject, now: number): bigint {
  if (now >= addSeconds(p.period_start_time, p.withdrawal_period_sec)) return p.withdrawal_limit.amount;
  return p.withdrawal_limit.amount > p.claimed_this_period ? p.withdrawal_limit.amount - p.claimed_this_period : 0n;
}

/** The checks create and update share: the asset exists, the periods begin no earlier than allowed and end
 *  after now (with the wrapping arithmetic above), and a period lasts at least one block interval. */
function* checkSchedule(
  s: Session, name: string, op: T.WithdrawPermissionCreateOperation | T.WithdrawPermissionUpdateOperation, startMayBeNow: boolean,
): Gen<void> {
  const now = s.headBlockTime();
  yield* ensureAssert(s.find(op.withdrawal_limit.asset_id) !== undefined, `${name}.asset_exists`, "withdrawal_limit.asset_id", () =>
    `asset ${op.withdrawal_limit.asset_id} does not exist`);
  const startOk = startMayBeNow ? op.period_start_time >= now : op.period_start_time > now;
  yield* ensureAssert(startOk, `${name}.period_start_time`, "period_start_time", () =>
    `period_start_time ${op.period_start_time} must be ${startMayBeNow ? "at or after" : "after"} the head block time ${now}`);
  const expiration = permissionExpiration(op.period_start_time, op.periods_until_expiration, op.withdrawal_period_sec);
  yield* ensureAssert(expiration > now, `${name}.expiration`, "periods_until_expiration", () =>
    `the permission would expire at ${expiration}, not after the head block time ${now}`);
  const interval = s.params().block_interval;
  yield* ensureAssert(op.withdrawal_period_sec >= interval, `${name}.period_length`, "withdrawal_period_sec", () =>
    `withdrawal_period_sec ${op.withdrawal_period_sec} is shorter than the block interval ${interval}`);
}

/** withdraw_permission_create_evaluator: both accounts and the asset exist; the first period starts in the
 *  future (strictly after the head block time). */
export const withdrawPermissionCreateEvaluator: Evaluator<T.WithdrawPermissionCreateOperation, void> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    // The accounts are checked with database::find (FC_ASSERT on null), not object_database::get.
    yield* ensureAssert(s.find(op.withdraw_from_account) !== undefined, "withdraw_permission_create.from_exists", "withdraw_from_account", () =>
      `account ${op.withdraw_from_account} does not exist`);
    yield* ensureAssert(s.find(op.authorized_account) !== undefined, "withdraw_permission_create.authorized_exists", "authorized_account", () =>
      `account ${op.authorized_account} does not exist`);
    yield* checkSchedule(s, "withdraw_permission_create", op, false);
  },
  *apply(ctx, op) {
    const p = ctx.s.create<T.WithdrawPermissionObject>(1, OBJECT_TYPES.withdraw_permission, (id) => ({
      id,
      withdraw_from_account: op.withdraw_from_account,
      authorized_account: op.authorized_account,
      withdrawal_limit: op.withdrawal_limit,
      withdrawal_period_sec: op.withdrawal_period_sec,
      period_start_time: op.period_start_time,
      expiration: permissionExpiration(op.period_start_time, op.periods_until_expiration, op.withdrawal_period_sec),
      claimed_this_period: 0n,
    }));
    return objectIdResult(p.id);
  },
};

/** withdraw_permission_update_evaluator: the permission must join the same two accounts; the new schedule
 *  may start now (>=, unlike create). claimed_this_period is kept. */
export const withdrawPermissionUpdateEvaluator: Evaluator<T.WithdrawPermissionUpdateOperation, void> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const permit = yield* s.load<T.WithdrawPermissionObject>(op.permission_to_update, "permission_to_update");
    yield* ensureAssert(permit.authorized_account === op.authorized_account, "withdraw_permission_update.authorized_account", "authorized_account", () =>
      `permission ${permit.id} authorizes ${permit.authorized_account}, not ${op.authorized_account}`);
    yield* ensureAssert(permit.withdraw_from_account === op.withdraw_from_account, "withdraw_permission_update.withdraw_from_account", "withdraw_from_account", () =>
      `permission ${permit.id} withdraws from ${permit.withdraw_from_account}, not ${op.withdraw_from_account}`);
    yield* checkSchedule(s, "withdraw_permission_update", op, true);
  },
  *apply(ctx, op) {
    ctx.s.modify<T.WithdrawPermissionObject>(op.permission_to_update, (p) => ({
      ...p,
      period_start_time: op.period_start_time,
      expiration: permissionExpiration(op.period_start_time, op.periods_until_expiration, op.withdrawal_period_sec),
      withdrawal_limit: op.withdrawal_limit,
      withdrawal_period_sec: op.withdrawal_period_sec,
    }));
    return VOID_RESULT;
  },
};

/** withdraw_permission_claim_evaluator: within an unexpired, started permission, up to what is left of the
 *  current period, from a balance that covers it, with both accounts authorized for the asset (and a
 *  transfer_restricted asset only when its issuer is one of them). The memo is only charged for. */
export const withdrawPermissionClaimEvaluator: Evaluator<T.WithdrawPermissionClaimOperation, void> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const now = s.headBlockTime();
    const permit = yield* s.load<T.WithdrawPermissionObject>(op.withdraw_permission, "withdraw_permission");
    yield* ensureAssert(permit.expiration > now, "withdraw_permission_claim.not_expired", "withdraw_permission", () =>
      `permission ${permit.id} expired at ${permit.expiration} (head block time ${now})`);
    yield* ensureAssert(permit.authorized_account === op.withdraw_to_account, "withdraw_permission_claim.withdraw_to_account", "withdraw_to_account", () =>
      `permission ${permit.id} authorizes ${permit.authorized_account}, not ${op.withdraw_to_account}`);
    yield* ensureAssert(permit.withdraw_from_account === op.withdraw_from_account, "withdraw_permission_claim.withdraw_from_account", "withdraw_from_account", () =>
      `permission ${permit.id} withdraws from ${permit.withdraw_from_account}, not ${op.withdraw_from_account}`);
    yield* ensureAssert(permit.period_start_time <= now, "withdraw_permission_claim.period_started", "withdraw_permission", () =>
      `the first period of permission ${permit.id} starts at ${permit.period_start_time}, after the head block time ${now}`);
    // amount_to_withdraw <= available is asset::operator<=, whose operator< FC_ASSERTs equal asset ids.
    yield* ensureAssert(op.amount_to_withdraw.asset_id === permit.withdrawal_limit.asset_id, "withdraw_permission_claim.same_asset", "amount_to_withdraw.asset_id", () =>
      `permission ${permit.id} is for asset ${permit.withdrawal_limit.asset_id}, not ${op.amount_to_withdraw.asset_id}`);
    const available = availableThisPeriod(permit, now);
    yield* ensureAssert(op.amount_to_withdraw.amount <= available, "withdraw_permission_claim.within_limit", "amount_to_withdraw.amount", () =>
      `claiming ${op.amount_to_withdraw.amount} but only ${available} is left this period of permission ${permit.id}`);
    const balance = getBalance(s, op.withdraw_from_account, op.amount_to_withdraw.asset_id);
    yield* ensureAssert(balance >= op.amount_to_withdraw.amount, "withdraw_permission_claim.sufficient_balance", "amount_to_withdraw.amount", () =>
      `${op.withdraw_from_account} holds ${balance} of ${op.amount_to_withdraw.asset_id}, less than the ${op.amount_to_withdraw.amount} claimed`);
    const asset = yield* s.load<T.AssetObject>(op.amount_to_withdraw.asset_id, "amount_to_withdraw.asset_id");
    if (isTransferRestricted(asset)) {
      yield* ensureAssert(asset.issuer === permit.authorized_account || asset.issuer === permit.withdraw_from_account,
        "withdraw_permission_claim.restricted_needs_issuer", "amount_to_withdraw.asset_id", () =>
          `asset ${asset.id} '${asset.symbol}' is transfer_restricted and its issuer ${asset.issuer} is neither party`);
    }
    const to = s.get<T.AccountObject>(permit.authorized_account);
    yield* ensureAssert(isAuthorizedAsset(to, asset), "withdraw_permission_claim.to_authorized", "withdraw_to_account", () =>
      `account ${to.id} '${to.name}' may not transact asset ${asset.id} '${asset.symbol}' (whitelist / blacklist)`);
    const from = yield* s.load<T.AccountObject>(op.withdraw_from_account, "withdraw_from_account");
    yield* ensureAssert(isAuthorizedAsset(from, asset), "withdraw_permission_claim.from_authorized", "withdraw_from_account", () =>
      `account ${from.id} '${from.name}' may not withdraw asset ${asset.id} '${asset.symbol}' (whitelist / blacklist)`);
  },
  *apply(ctx, op) {
    const s = ctx.s;
    const now = s.headBlockTime();
    s.modify<T.WithdrawPermissionObject>(op.withdraw_permission, (p) => {
      // Lazily moves to the period containing now; a claim in a later period restarts the count.
      const periods = Math.floor((now - p.period_start_time) / p.withdrawal_period_sec);
      return {
        ...p,
        period_start_time: addSeconds(p.period_start_time, periods * p.withdrawal_period_sec),
        claimed_this_period: periods === 0 ? p.claimed_this_period + op.amount_to_withdraw.amount : op.amount_to_withdraw.amount,
      };
    });
    yield* adjustBalance(s, op.withdraw_from_account, { amount: -op.amount_to_withdraw.amount, asset_id: op.amount_to_withdraw.asset_id }, "amount_to_withdraw.amount");
    yield* adjustBalance(s, op.withdraw_to_account, op.amount_to_withdraw, "amount_to_withdraw");
    return VOID_RESULT;
  },
};

/** withdraw_permission_delete_evaluator: the withdrawing account removes a permission it gave. */
export const withdrawPermissionDeleteEvaluator: Evaluator<T.WithdrawPermissionDeleteOperation, void> = {
  *evaluate(ctx, op) {
    const permit = yield* ctx.s.load<T.WithdrawPermissionObject>(op.withdrawal_permission, "withdrawal_permission");
    yield* ensureAssert(permit.authorized_account === op.authorized_account, "withdraw_permission_delete.authorized_account", "authorized_account", () =>
      `permission ${permit.id} authorizes ${permit.authorized_account}, not ${op.authorized_account}`);
    yield* ensureAssert(permit.withdraw_from_account === op.withdraw_from_account, "withdraw_permission_delete.withdraw_from_account", "withdraw_from_account", () =>
      `permission ${permit.id} withdraws from ${permit.withdraw_from_account}, not ${op.withdraw_from_account}`);
  },
  *apply(ctx, op) {
    ctx.s.remove(op.withdrawal_permission);
    return VOID_RESULT;
  },
};

export const WITHDRAW_PERMISSION_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [
  [25, withdrawPermissionCreateEvaluator],
  [26, withdrawPermissionUpdateEvaluator],
  [27, withdrawPermissionClaimEvaluator],
  [28, withdrawPermissionDeleteEvaluator],
];
