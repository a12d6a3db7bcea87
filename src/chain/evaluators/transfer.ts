// transfer (0) and override_transfer (38): libraries/chain/transfer_evaluator.cpp.
import type * as T from "../../../generated/native-types.js";
import { override_authority, transfer_restricted } from "../../protocol/config.js";
import { chainError } from "../../protocol/errors.js";
import { adjustBalance, getBalance, isAuthorizedAsset } from "../balances.js";
import { type Evaluator, VOID_RESULT } from "../evaluator.js";
import { type Gen, PASSED, done, ensure, ensureAssert, step, stop } from "../gen.js";
import type { Session } from "../session.js";

/** asset_object::is_transfer_restricted. */
export const isTransferRestricted = (a: T.AssetObject): boolean => (a.options.flags & transfer_restricted) !== 0;
/** asset_object::can_override. */
export const canOverride = (a: T.AssetObject): boolean => (a.options.flags & override_authority) !== 0;

/** Both transfers move the amount from one balance to the other (do_apply of either evaluator); a plain
 *  function, as adjustBalance is: it runs for every transfer. */
function moveAmount(s: Session, from: string, to: string, amount: T.Asset): Gen<void> {
  const taken = step(adjustBalance(s, from, { amount: -amount.amount, asset_id: amount.asset_id }, "amount.amount"));
  return taken.done ? adjustBalance(s, to, amount, "amount") : stop(taken.value);
}

/** transfer_evaluator: both accounts must be authorized for the asset, a transfer_restricted asset moves
 *  only to or from its issuer, and the sender must hold the amount (the fee is taken afterwards). The most
 *  frequent operation, so written as plain functions returning finished computations (gen.ts `step`). */
export const transferEvaluator: Evaluator<T.TransferOperation, void> = {
  evaluate(ctx, op) {
    const s = ctx.s;
    const from = s.find<T.AccountObject>(op.from);
    if (from === undefined) return s.load<never>(op.from, "from");
    const to = s.find<T.AccountObject>(op.to);
    if (to === undefined) return s.load<never>(op.to, "to");
    const asset = s.find<T.AssetObject>(op.amount.asset_id);
    if (asset === undefined) return s.load<never>(op.amount.asset_id, "amount.asset_id");
    if (!isAuthorizedAsset(from, asset)) {
      return stop(chainError("transfer_from_account_not_whitelisted", "transfer.from_authorized", "from",
        `'from' account ${from.id} '${from.name}' is not whitelisted for asset ${asset.id} '${asset.symbol}'`));
    }
    if (!isAuthorizedAsset(to, asset)) {
      return stop(chainError("transfer_to_account_not_whitelisted", "transfer.to_authorized", "to",
        `'to' account ${to.id} '${to.name}' is not whitelisted for asset ${asset.id} '${asset.symbol}'`));
    }
    if (isTransferRestricted(asset) && from.id !== asset.issuer && to.id !== asset.issuer) {
      return stop(chainError("transfer_restricted_transfer_asset", "transfer.restricted_needs_issuer", "amount.asset_id",
        `asset ${asset.id} '${asset.symbol}' is transfer_restricted: its issuer ${asset.issuer} is neither the sender ${from.id} nor the receiver ${to.id}`));
    }
    const balance = getBalance(s, from.id, asset.id);
    if (balance < op.amount.amount) {
      return stop(chainError("assert_exception", "transfer.sufficient_balance", "amount.amount",
        `Insufficient Balance: '${from.name}' holds ${balance} of ${asset.symbol}, unable to transfer ${op.amount.amount} to '${to.name}'`));
    }
    return PASSED;
  },
  apply(ctx, op) {
    const moved = step(moveAmount(ctx.s, op.from, op.to, op.amount));
    return moved.done ? done(VOID_RESULT) : stop(moved.value);
  },
};

/** override_transfer_evaluator: the issuer of an asset with the override_authority flag moves it between
 *  any accounts; only the receiver must be authorized (core-2295: the sender no longer needs to be). */
export const overrideTransferEvaluator: Evaluator<T.OverrideTransferOperation, void> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const asset = yield* s.load<T.AssetObject>(op.amount.asset_id, "amount.asset_id");
    yield* ensure(canOverride(asset), "override_transfer_not_permitted", "override_transfer.asset_overridable", "amount.asset_id", () =>
      `override_transfer is not permitted for asset ${asset.id} '${asset.symbol}': its override_authority flag is not set`);
    yield* ensureAssert(asset.issuer === op.issuer, "override_transfer.issuer", "issuer", () =>
      `${op.issuer} is not the issuer ${asset.issuer} of asset ${asset.id} '${asset.symbol}'`);
    const from = yield* s.load<T.AccountObject>(op.from, "from");
    const to = yield* s.load<T.AccountObject>(op.to, "to");
    yield* ensureAssert(isAuthorizedAsset(to, asset), "override_transfer.to_authorized", "to", () =>
      `the receiver ${to.id} '${to.name}' is not allowed to transact asset ${asset.id} '${asset.symbol}'`);
    const balance = getBalance(s, from.id, asset.id);
    yield* ensureAssert(balance >= op.amount.amount, "override_transfer.sufficient_balance", "amount.amount", () =>
      `'${from.name}' holds ${balance} of ${asset.symbol}, less than the ${op.amount.amount} to transfer`);
  },
  *apply(ctx, op) {
    yield* moveAmount(ctx.s, op.from, op.to, op.amount);
    return VOID_RESULT;
  },
};

export const TRANSFER_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [
  [0, transferEvaluator],
  [38, overrideTransferEvaluator],
];
