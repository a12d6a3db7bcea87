// vesting_balance_create (32) and vesting_balance_withdraw (33): libraries/chain/vesting_balance_evaluator.cpp.
import type * as T from "../../../generated/native-types.js";
import { OBJECT_TYPES } from "../../protocol/config.js";
import { adjustBalance, isAuthorizedAsset } from "../balances.js";
import { type Evaluator, VOID_RESULT, objectIdResult } from "../evaluator.js";
import { ensureAssert } from "../gen.js";
import { allowedWithdraw, isWithdrawAllowed, withdraw } from "../vesting.js";
import { isTransferRestricted } from "./transfer.js";

/** init_policy_visitor: the policy a new balance starts with. A linear policy begins with the whole
 *  amount; a cdd policy starts accruing coin-seconds now. */
export function initVestingPolicy(init: T.VestingPolicyInitializer, beginBalance: bigint, now: number): T.VestingPolicy {
  switch (init[0]) {
    case 0:
      return [0, {
        begin_timestamp: init[1].begin_timestamp,
        vesting_cliff_seconds: init[1].vesting_cliff_seconds,
        vesting_duration_seconds: init[1].vesting_duration_seconds,
        begin_balance: beginBalance,
      }];
    case 1:
      return [1, { vesting_seconds: init[1].vesting_seconds, start_claim: init[1].start_claim, coin_seconds_earned: 0n, coin_seconds_earned_last_update: now }];
    case 2:
      return [2, {}];
  }
}

/** vesting_balance_create_evaluator: the asset may not be transfer_restricted, and (core-973) both the
 *  creator and the owner must be authorized to hold it. The creator's balance is checked when it is
 *  debited in do_apply (database::adjust_balance). Every policy kind is accepted (no hardfork guard). */
export const vestingBalanceCreateEvaluator: Evaluator<T.VestingBalanceCreateOperation, void> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const creator = ctx.fee.fee_paying_account;
    const owner = yield* s.load<T.AccountObject>(op.owner, "owner");
    const asset = yield* s.load<T.AssetObject>(op.amount.asset_id, "amount.asset_id");
    yield* ensureAssert(!isTransferRestricted(asset), "vesting_balance_create.not_transfer_restricted", "amount.asset_id", () =>
      `asset ${asset.id} '${asset.symbol}' has the transfer_restricted flag`);
    yield* ensureAssert(isAuthorizedAsset(creator, asset), "vesting_balance_create.creator_authorized", "creator", () =>
      `the creator ${creator.id} '${creator.name}' may not transact asset ${asset.id} '${asset.symbol}'`);
    yield* ensureAssert(isAuthorizedAsset(owner, asset), "vesting_balance_create.owner_authorized", "owner", () =>
      `the owner ${owner.id} '${owner.name}' may not transact asset ${asset.id} '${asset.symbol}'`);
  },
  *apply(ctx, op) {
    const s = ctx.s;
    const now = s.headBlockTime();
    yield* adjustBalance(s, op.creator, { amount: -op.amount.amount, asset_id: op.amount.asset_id }, "amount.amount");
    const vbo = s.create<T.VestingBalanceObject>(1, OBJECT_TYPES.vesting_balance, (id) => ({
      id, owner: op.owner, balance: op.amount, policy: initVestingPolicy(op.policy, op.amount.amount, now), balance_type: "unspecified",
    }));
    return objectIdResult(vbo.id);
  },
};

/** vesting_balance_withdraw_evaluator: only the owner withdraws, at most what the policy allows now; the
 *  amount goes to the owner's account balance. An emptied balance object stays (bitshares-core never
 *  removes it). */
export const vestingBalanceWithdrawEvaluator: Evaluator<T.VestingBalanceWithdrawOperation, void> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const now = s.headBlockTime();
    const vbo = yield* s.load<T.VestingBalanceObject>(op.vesting_balance, "vesting_balance");
    yield* ensureAssert(op.owner === vbo.owner, "vesting_balance_withdraw.owner", "owner", () =>
      `${op.owner} is not the owner ${vbo.owner} of vesting balance ${vbo.id}`);
    // linear and instant policies refuse another asset through is_withdraw_allowed; the cdd policy compares
    // the assets with asset::operator<, whose FC_ASSERT throws: an assert_exception either way.
    yield* ensureAssert(op.amount.asset_id === vbo.balance.asset_id, "vesting_balance_withdraw.same_asset", "amount.asset_id", () =>
      `vesting balance ${vbo.id} holds ${vbo.balance.asset_id}, not ${op.amount.asset_id}`);
    yield* ensureAssert(isWithdrawAllowed(vbo, now, op.amount), "vesting_balance_withdraw.allowed", "amount.amount", () =>
      `withdrawing ${op.amount.amount} from vesting balance ${vbo.id}: only ${allowedWithdraw(vbo, now)} of ${vbo.balance.amount} may be withdrawn now`);
  },
  *apply(ctx, op) {
    const s = ctx.s;
    const now = s.headBlockTime();
    s.modify<T.VestingBalanceObject>(op.vesting_balance, (v) => withdraw(v, now, op.amount));
    yield* adjustBalance(s, op.owner, op.amount, "amount");
    return VOID_RESULT;
  },
};

export const VESTING_BALANCE_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [
  [32, vestingBalanceCreateEvaluator],
  [33, vestingBalanceWithdrawEvaluator],
];
