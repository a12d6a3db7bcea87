// SameT funds (BSIP 2.0 flash loans): samet_fund_create (64), _delete (65), _update (66), _borrow (67),
// _repay (68) (samet_fund_evaluator.cpp, samet_fund_object.hpp), every hardfork active (core-2351 passed).
// A fund lends only within one transaction: the unpaid-debt check at the end of each transaction and of
// each executed proposal is checkSametFundsRepaid (src/chain/transaction.ts).
import type * as T from "../../../generated/native-types.js";
import { FEE_RATE_DENOM, OBJECT_TYPES } from "../../protocol/config.js";
import { chainError } from "../../protocol/errors.js";
import { adjustBalance, isAuthorizedAsset } from "../balances.js";
import { type EvalContext, type Evaluator, VOID_RESULT, objectIdResult } from "../evaluator.js";
import { type Gen, ensureAssert, stop } from "../gen.js";

/** share_type (fc::safe<int64_t>) bounds: a sum past them throws fc::overflow_exception. */
const INT64_MAX = (1n << 63n) - 1n;

/** is_authorized_asset for the operation's fee-paying account (the C++ passes *fee_paying_account). */
function* authorized(ctx: EvalContext, assetId: string, rule: string, field: string): Gen<void> {
  const asset = ctx.s.get<T.AssetObject>(assetId);
  const payer = ctx.fee.fee_paying_account;
  yield* ensureAssert(isAuthorizedAsset(payer, asset), rule, field, () =>
    `account ${payer.id} '${payer.name}' is not authorized by asset ${asset.id} '${asset.symbol}'`);
}

/** The fund named by the operation, owned by `owner` when given. */
function* ownedFund(ctx: EvalContext, fundId: string, owner: string, name: string): Gen<T.SametFundObject> {
  const fund = yield* ctx.s.load<T.SametFundObject>(fundId, "fund_id");
  yield* ensureAssert(fund.owner_account === owner, `${name}.owner`, "owner_account", () =>
    `${owner} is not the owner of SameT fund ${fund.id} (owned by ${fund.owner_account})`);
  return fund;
}

/** samet_fund_create: the owner must be authorized by the asset; the balance moves into a new fund. */
export const sametFundCreateEvaluator: Evaluator<T.SametFundCreateOperation, void> = {
  *evaluate(ctx, op) {
    const asset = yield* ctx.s.load<T.AssetObject>(op.asset_type, "asset_type");
    yield* authorized(ctx, asset.id, "samet_fund_create.authorized", "asset_type");
  },
  *apply(ctx, op) {
    const s = ctx.s;
    yield* adjustBalance(s, op.owner_account, { amount: -op.balance, asset_id: op.asset_type }, "balance");
    const fund = s.create<T.SametFundObject>(1, OBJECT_TYPES.samet_fund, (id) => ({
      id, owner_account: op.owner_account, asset_type: op.asset_type, balance: op.balance, fee_rate: op.fee_rate, unpaid_amount: 0n,
    }));
    return objectIdResult(fund.id);
  },
};

/** samet_fund_delete: the owner, with nothing lent out, gets the whole balance back (result: that asset). */
export const sametFundDeleteEvaluator: Evaluator<T.SametFundDeleteOperation, T.SametFundObject> = {
  *evaluate(ctx, op) {
    const fund = yield* ownedFund(ctx, op.fund_id, op.owner_account, "samet_fund_delete");
    yield* ensureAssert(fund.unpaid_amount === 0n, "samet_fund_delete.no_unpaid", "fund_id", () =>
      `SameT fund ${fund.id} still has ${fund.unpaid_amount} unpaid`);
    return fund;
  },
  *apply(ctx, op, fund) {
    const released: T.Asset = { amount: fund.balance, asset_id: fund.asset_type };
    yield* adjustBalance(ctx.s, op.owner_account, released);
    ctx.s.remove(fund.id);
    return [2, released];
  },
};

/** samet_fund_update: the owner changes the balance (same asset, nothing lent out; adding needs asset
 *  authorization, withdrawing must leave a positive balance) and/or the fee rate (to a different value). */
export const sametFundUpdateEvaluator: Evaluator<T.SametFundUpdateOperation, void> = {
  *evaluate(ctx, op) {
    const fund = yield* ownedFund(ctx, op.fund_id, op.owner_account, "samet_fund_update");
    const delta = op.delta_amount;
    if (delta !== undefined) {
      yield* ensureAssert(delta.asset_id === fund.asset_type, "samet_fund_update.asset_type", "delta_amount.asset_id", () =>
        `delta_amount is in ${delta.asset_id} but SameT fund ${fund.id} holds ${fund.asset_type}`);
      yield* ensureAssert(fund.unpaid_amount === 0n, "samet_fund_update.no_unpaid", "delta_amount", () =>
        `SameT fund ${fund.id} still has ${fund.unpaid_amount} unpaid, so its balance cannot change`);
      if (delta.amount > 0n) yield* authorized(ctx, fund.asset_type, "samet_fund_update.authorized", "delta_amount.asset_id");
      else {
        yield* ensureAssert(fund.balance > -delta.amount, "samet_fund_update.sufficient_balance", "delta_amount.amount", () =>
          `SameT fund ${fund.id} holds ${fund.balance}, not more than the ${-delta.amount} to withdraw`);
      }
    }
    const rate = op.new_fee_rate;
    if (rate !== undefined) {
      yield* ensureAssert(fund.fee_rate !== rate, "samet_fund_update.fee_rate_changed", "new_fee_rate", () =>
        `new_fee_rate ${rate} equals the current fee rate of SameT fund ${fund.id}`);
    }
  },
  *apply(ctx, op) {
    const s = ctx.s;
    const delta = op.delta_amount;
    if (delta !== undefined) yield* adjustBalance(s, op.owner_account, { amount: -delta.amount, asset_id: delta.asset_id }, "delta_amount.amount");
    const fund = s.modify<T.SametFundObject>(op.fund_id, (f) => ({
      ...f,
      balance: delta === undefined ? f.balance : f.balance + delta.amount,
      fee_rate: op.new_fee_rate ?? f.fee_rate,
    }));
    // Unreachable after do_evaluate's checks; kept as the C++ keeps it.
    yield* ensureAssert(fund.balance > 0n, "samet_fund_update.balance_positive", "delta_amount.amount", () =>
      `SameT fund ${fund.id} would hold ${fund.balance}`);
    return VOID_RESULT;
  },
};

/** extendable_operation_result naming the fund's owner as impacted (borrow and repay). */
const impactsOwner = (fund: T.SametFundObject): T.OperationResult => [5, { impacted_accounts: [fund.owner_account] }];

/** samet_fund_borrow: anyone authorized by the asset may borrow what the fund has not lent yet. */
export const sametFundBorrowEvaluator: Evaluator<T.SametFundBorrowOperation, T.SametFundObject> = {
  *evaluate(ctx, op) {
    const fund = yield* ctx.s.load<T.SametFundObject>(op.fund_id, "fund_id");
    yield* ensureAssert(fund.asset_type === op.borrow_amount.asset_id, "samet_fund_borrow.asset_type", "borrow_amount.asset_id", () =>
      `borrow_amount is in ${op.borrow_amount.asset_id} but SameT fund ${fund.id} holds ${fund.asset_type}`);
    yield* ensureAssert(fund.balance >= fund.unpaid_amount + op.borrow_amount.amount, "samet_fund_borrow.sufficient_balance", "borrow_amount.amount", () =>
      `SameT fund ${fund.id} holds ${fund.balance} with ${fund.unpaid_amount} lent out: ${op.borrow_amount.amount} more cannot be borrowed`);
    yield* authorized(ctx, fund.asset_type, "samet_fund_borrow.authorized", "borrow_amount.asset_id");
    return fund;
  },
  *apply(ctx, op, fund) {
    const after = ctx.s.modify<T.SametFundObject>(fund.id, (f) => ({ ...f, unpaid_amount: f.unpaid_amount + op.borrow_amount.amount }));
    yield* adjustBalance(ctx.s, op.borrower, op.borrow_amount);
    // Unreachable after do_evaluate's balance check; kept as the C++ keeps it.
    yield* ensureAssert(after.balance >= after.unpaid_amount, "samet_fund_borrow.within_balance", "borrow_amount.amount", () =>
      `SameT fund ${fund.id} would have lent ${after.unpaid_amount}, more than its ${after.balance}`);
    return impactsOwner(fund);
  },
};

/** The fund fee a repayment needs: ceil(repay_amount * fee_rate / GRAPHENE_FEE_RATE_DENOM), in 128 bits. */
export function requiredFundFee(repayAmount: bigint, feeRate: number): bigint {
  const denom = BigInt(FEE_RATE_DENOM);
  return (repayAmount * BigInt(feeRate) + denom - 1n) / denom;
}

/** samet_fund_repay: repays at most what is unpaid, with at least the fund's fee (which the fund keeps). */
export const sametFundRepayEvaluator: Evaluator<T.SametFundRepayOperation, T.SametFundObject> = {
  *evaluate(ctx, op) {
    const fund = yield* ctx.s.load<T.SametFundObject>(op.fund_id, "fund_id");
    yield* ensureAssert(fund.asset_type === op.repay_amount.asset_id, "samet_fund_repay.asset_type", "repay_amount.asset_id", () =>
      `repay_amount is in ${op.repay_amount.asset_id} but SameT fund ${fund.id} holds ${fund.asset_type}`);
    yield* authorized(ctx, fund.asset_type, "samet_fund_repay.authorized", "repay_amount.asset_id");
    yield* ensureAssert(op.repay_amount.amount <= fund.unpaid_amount, "samet_fund_repay.not_over_unpaid", "repay_amount.amount", () =>
      `repay_amount ${op.repay_amount.amount} exceeds the ${fund.unpaid_amount} unpaid to SameT fund ${fund.id}`);
    const required = requiredFundFee(op.repay_amount.amount, fund.fee_rate);
    yield* ensureAssert(op.fund_fee.amount >= required, "samet_fund_repay.sufficient_fund_fee", "fund_fee.amount", () =>
      `fund_fee ${op.fund_fee.amount} is less than the ${required} required at fee rate ${fund.fee_rate}`);
    return fund;
  },
  *apply(ctx, op, fund) {
    const s = ctx.s;
    // asset operator+ on share_type: the sum is checked against int64 (fc::safe).
    const total = op.repay_amount.amount + op.fund_fee.amount;
    if (total > INT64_MAX) {
      return yield* stop(chainError("overflow_exception", "samet_fund_repay.total_overflow", "fund_fee.amount",
        `repay_amount ${op.repay_amount.amount} plus fund_fee ${op.fund_fee.amount} overflows int64`));
    }
    yield* adjustBalance(s, op.account, { amount: -total, asset_id: op.repay_amount.asset_id }, "repay_amount.amount");
    s.modify<T.SametFundObject>(fund.id, (f) => ({
      ...f, balance: f.balance + op.fund_fee.amount, unpaid_amount: f.unpaid_amount - op.repay_amount.amount,
    }));
    return impactsOwner(fund);
  },
};

export const SAMET_FUND_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  [64, sametFundCreateEvaluator],
  [65, sametFundDeleteEvaluator],
  [66, sametFundUpdateEvaluator],
  [67, sametFundBorrowEvaluator],
  [68, sametFundRepayEvaluator],
];
