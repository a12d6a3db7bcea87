// The operation pipeline every evaluator runs through (evaluator.hpp, evaluator.cpp, database::apply_operation):
// prepare_fee and the fee-schedule check, then do_evaluate; convert_fee, pay_fee, do_apply, and finally the
// fee taken from the payer's balance.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { FEE_PAYER_FIELDS } from "../protocol/authority/index.js";
import { CORE_ASSET } from "../protocol/config.js";
import { chainError, type ChainError } from "../protocol/errors.js";
import { UniqueIndexViolation } from "../db/database.js";
import { calculateFee } from "../protocol/fees/index.js";
import { multiplyByPrice } from "../protocol/price.js";
import { adjustBalance, isAuthorizedAsset } from "./balances.js";
import { payFeeToStatistics } from "./fee_payment.js";
import { type Gen, done, step, stop } from "./gen.js";
import type { Session } from "./session.js";

/** transaction_evaluation_state: what one transaction's evaluation shares across its operations. */
export interface TransactionState {
  /** Evaluators by operation tag (proposals apply nested operations through the same table). */
  readonly evaluators: EvaluatorTable;
  /** The transaction being applied (absent for operations the chain applies itself). */
  readonly trx?: T.SignedTransaction | T.Transaction;
  /** Operations of an executing proposal. */
  readonly is_proposed_trx: boolean;
  /** Set for operations whose fee was already checked (bitshares-core sets it nowhere after genesis). */
  readonly skip_fee_schedule_check: boolean;
  /** database::validation_steps flags in force (src/chain/skip.ts); assert evaluation reads them. */
  readonly skip: number;
  /** Set when a take-profit action updates its linked order (process_limit_order_on_fill): the new price
   *  then does not unlink it (limit_order_update_evaluator::do_apply). */
  readonly skip_limit_order_price_check?: boolean;
}

/** The members generic_evaluator fills in prepare_fee, for do_evaluate/do_apply and fee overrides. */
export interface FeeState {
  readonly fee_from_account: T.Asset;
  /** What the fee is worth in core; asset_create and others adjust it before pay_fee. */
  core_fee_paid: bigint;
  readonly fee_paying_account: T.AccountObject;
  readonly fee_asset: T.AssetObject;
}

/** What an evaluator sees: the session, the transaction state and the prepared fee. */
export interface EvalContext {
  readonly s: Session;
  readonly trx: TransactionState;
  readonly fee: FeeState;
}

/**
 * One operation type's rules. `evaluate` is do_evaluate (checks, no changes) and hands what it found to
 * `apply` (do_apply). `convertFee` and `payFee` replace generic_evaluator's where bitshares-core overrides them.
 */
export interface Evaluator<Op = never, D = unknown> {
  evaluate(ctx: EvalContext, op: Op): Gen<D>;
  apply(ctx: EvalContext, op: Op, found: D): Gen<T.OperationResult>;
  convertFee?(ctx: EvalContext, op: Op): void;
  payFee?(ctx: EvalContext, op: Op): void;
}

export const VOID_RESULT: T.OperationResult = [0, {}];
export const objectIdResult = (id: string): T.OperationResult => [1, id];

/** operation::fee_payer(): the account paying the fee and its field name. */
export function feePayer(op: T.Operation): { account: string; field: string } {
  const f = FEE_PAYER_FIELDS[op[0]];
  if (f === undefined) return { account: "", field: "" };
  return typeof f === "string" ? { account: (op[1] as unknown as Record<string, string>)[f]!, field: f } : { account: f.account, field: "" };
}

/** generic_evaluator::prepare_fee: the payer and fee asset exist, the payer may use the asset, and a fee
 *  in another asset is converted at its core_exchange_rate and covered by its fee pool. */
function prepareFee(s: Session, payer: { account: string; field: string }, fee: T.Asset): Gen<FeeState> {
  if (fee.amount < 0n) return stop(chainError("assert_exception", "generic_evaluator.fee_non_negative", "fee.amount", `fee ${fee.amount} is negative`));
  const account = s.find<T.AccountObject>(payer.account);
  if (account === undefined) return s.load<never>(payer.account, payer.field); // object_database::get refusal
  const asset = s.find<T.AssetObject>(fee.asset_id);
  if (asset === undefined) return s.load<never>(fee.asset_id, "fee.asset_id");
  if (!isAuthorizedAsset(account, asset)) {
    return stop(chainError("assert_exception", "generic_evaluator.fee_asset_authorized", "fee.asset_id",
      `Account ${account.id} '${account.name}' attempted to pay fee by using asset ${asset.id} '${asset.symbol}', which is unauthorized due to whitelist / blacklist`));
  }
  let core = fee.amount;
  if (fee.asset_id !== CORE_ASSET) {
    const converted = multiplyByPrice(fee, asset.options.core_exchange_rate);
    if (E.isLeft(converted)) return stop(converted.left);
    const fromPool = converted.right;
    if (fromPool.asset_id !== CORE_ASSET) {
      return stop(chainError("assert_exception", "generic_evaluator.fee_converts_to_core", "fee.asset_id", `the core_exchange_rate of ${asset.symbol} does not convert to the core asset`));
    }
    const pool = s.get<T.AssetDynamicDataObject>(asset.dynamic_asset_data_id).fee_pool;
    if (fromPool.amount > pool) {
      return stop(chainError("assert_exception", "generic_evaluator.fee_pool_sufficient", "fee",
        `Fee pool balance of '${pool}' is less than the ${fromPool.amount} required to convert ${fee.amount} ${asset.symbol}`));
    }
    core = fromPool.amount;
  }
  return done({ fee_from_account: fee, core_fee_paid: core, fee_paying_account: account, fee_asset: asset });
}

/** generic_evaluator::convert_fee: a fee in another asset is kept by its issuer; its pool pays the core. */
export function convertFee(ctx: EvalContext): void {
  const { fee_asset, fee_from_account, core_fee_paid } = ctx.fee;
  if (fee_asset.id === CORE_ASSET) return;
  ctx.s.modify<T.AssetDynamicDataObject>(fee_asset.dynamic_asset_data_id, (d) => ({
    ...d, accumulated_fees: d.accumulated_fees + fee_from_account.amount, fee_pool: d.fee_pool - core_fee_paid,
  }));
}

/** generic_evaluator::pay_fee: the core value becomes the payer's pending fees. */
export function payFee(ctx: EvalContext): void {
  // A zero fee leaves the statistics as they are (pay_fee adds 0), so the write is skipped.
  if (ctx.fee.core_fee_paid === 0n) return;
  const threshold = ctx.s.params().cashback_vesting_threshold;
  ctx.s.modify<T.AccountStatisticsObject>(ctx.fee.fee_paying_account.statistics, (st) => payFeeToStatistics(st, ctx.fee.core_fee_paid, threshold));
}

/** The evaluators by operation tag, registered by src/chain/evaluators. */
export type EvaluatorTable = readonly (Evaluator<never, unknown> | undefined)[];

/** evaluator<T>::evaluate then evaluator<T>::apply for one operation. */
function evaluateAndApply(ev: Evaluator<never, unknown>, s: Session, trx: TransactionState, op: T.Operation): Gen<T.OperationResult> {
  const value = op[1] as unknown as { fee: T.Asset };
  const payer = feePayer(op);
  const prepared = step(prepareFee(s, payer, value.fee));
  if (!prepared.done) return stop(prepared.value);
  const fee = prepared.value;
  const ctx: EvalContext = { s, trx, fee };
  if (!trx.skip_fee_schedule_check) {
    const required = calculateFee(op, s.params().current_fees);
    if (E.isLeft(required)) return stop(required.left);
    if (fee.core_fee_paid < required.right) {
      return stop(chainError("insufficient_fee", "generic_evaluator.sufficient_fee", "fee", `Insufficient Fee Paid: core_fee_paid ${fee.core_fee_paid}, required ${required.right}`));
    }
  }
  const found = step(ev.evaluate(ctx, value as never));
  if (!found.done) return stop(found.value);
  (ev.convertFee ?? convertFee)(ctx, value as never);
  (ev.payFee ?? payFee)(ctx, value as never);
  const result = step(ev.apply(ctx, value as never, found.value));
  if (!result.done) return stop(result.value);
  const paid = step(adjustBalance(s, payer.account, { amount: -fee.fee_from_account.amount, asset_id: fee.fee_from_account.asset_id }, "fee"));
  return paid.done ? done(result.value) : stop(paid.value);
}

/** Runs an operation's evaluation; an object colliding in a unique index is refused as generic_index::create
 *  and ::modify refuse it (FC_ASSERT on the multi_index insert: assert_exception), not a crash. */
function runRefusingDuplicates(ev: Evaluator<never, unknown>, s: Session, trx: TransactionState, op: T.Operation): IteratorResult<ChainError, T.OperationResult> {
  try {
    return step(evaluateAndApply(ev, s, trx, op));
  } catch (e) {
    if (!(e instanceof UniqueIndexViolation)) throw e;
    return { done: false, value: chainError("assert_exception", "database.create_unique", "", `Could not create or modify the object: ${e.message} (uniqueness constraint)`) };
  }
}

/** database::apply_operation: records the operation, evaluates and applies it, records its result. A failure
 *  leaves the session where it found it. */
export function applyOperation(s: Session, trx: TransactionState, op: T.Operation, isVirtual = false): Gen<T.OperationResult> {
  const ev = trx.evaluators[op[0]];
  if (ev === undefined) return stop(chainError("assert_exception", "database.evaluator_registered", "", `No registered evaluator for operation ${op[0]}`));
  const start = s.checkpoint();
  const index = s.pushAppliedOperation(op, isVirtual);
  const result = runRefusingDuplicates(ev, s, trx, op);
  if (!result.done) {
    s.restore(start);
    return stop(result.value);
  }
  s.setAppliedOperationResult(index, result.value);
  return done(result.value);
}
