// Credit offers (BSIP 70, credit_offer_evaluator.cpp): credit_offer_create (69), _delete (70), _update (71),
// _accept (72), credit_deal_repay (73) and credit_deal_update (76), every hardfork active (core-2362 and
// core-2595 passed, so auto_repay is allowed). Expiry and auto-repayment of deals: src/market/credit_deals.ts.
import type * as T from "../../../generated/native-types.js";
import { FEE_RATE_DENOM, IMPL_OBJECT_TYPES, MAX_CREDIT_DEAL_SECS, MAX_CREDIT_OFFER_SECS, OBJECT_TYPES } from "../../protocol/config.js";
import { chainError } from "../../protocol/errors.js";
import { multiplyAndRoundUp } from "../../protocol/price.js";
import { adjustBalance, isAuthorizedAsset } from "../balances.js";
import { type Evaluator, VOID_RESULT, objectIdResult } from "../evaluator.js";
import { type Gen, ensureAssert, ok, prefixed, stop } from "../gen.js";
import type { Session } from "../session.js";
import { inst } from "../tables.js";

/** share_type (fc::safe<int64_t>) upper bound: a sum past it throws fc::overflow_exception. */
const INT64_MAX = (1n << 63n) - 1n;
/** time_point_sec::maximum(). */
const TIME_MAX = 0xffffffff;

/** The credit fee a repayment of `amount` owes at `feeRate`: ceil(amount * fee_rate / GRAPHENE_FEE_RATE_DENOM)
 *  in 128 bits (credit_deal_repay_evaluator::do_evaluate, update_credit_offers_and_deals). */
export function requiredCreditFee(amount: bigint, feeRate: number): bigint {
  const denom = BigInt(FEE_RATE_DENOM);
  return (amount * BigInt(feeRate) + denom - 1n) / denom;
}

/** The credit deal summary of (offer, borrower), if any (credit_deal_summary_index by_offer_borrower). */
export function findDealSummary(s: Session, offerId: string, borrower: string): T.CreditDealSummaryObject | undefined {
  return s.findUnique<T.CreditDealSummaryObject>(2, IMPL_OBJECT_TYPES.credit_deal_summary, "by_offer_borrower", [inst(offerId), inst(borrower)]);
}

/** object_id_type order (space, type, instance), as flat_set<object_id_type> sorts. */
function compareObjectIds(a: string, b: string): number {
  const x = a.split(".").map(BigInt);
  const y = b.split(".").map(BigInt);
  for (let i = 0; i < 3; i++) if (x[i]! !== y[i]!) return x[i]! < y[i]! ? -1 : 1;
  return 0;
}

/** is_authorized_asset(d, account, asset) as an FC_ASSERT. */
function authorized(account: T.AccountObject, asset: T.AssetObject, rule: string, field: string, who: string): Gen<void> {
  return ensureAssert(isAuthorizedAsset(account, asset), rule, field, () =>
    `${who} ${account.id} '${account.name}' is not authorized by asset ${asset.id} '${asset.symbol}'`);
}

/** An enabled offer's auto_disable_time must be in the future and at most GRAPHENE_MAX_CREDIT_OFFER_DAYS ahead. */
function* disableTimeInRange(now: number, time: number, name: string, field: string): Gen<void> {
  yield* ensureAssert(time > now, `${name}.auto_disable_time_future`, field, () =>
    `auto_disable_time ${time} is not after the head block time ${now}`);
  yield* ensureAssert(time - now <= MAX_CREDIT_OFFER_SECS, `${name}.auto_disable_time_max`, field, () =>
    `auto_disable_time ${time} is more than ${MAX_CREDIT_OFFER_SECS} seconds after the head block time ${now}`);
}

/** Each key of an acceptable_collateral / acceptable_borrowers map names an existing object (`first(d)`). */
function* keysExist(s: Session, entries: ReadonlyArray<readonly [string, unknown]>, field: string): Gen<void> {
  for (let i = 0; i < entries.length; i++) yield* s.load(entries[i]![0], `${field}[${i}][0]`);
}

/** credit_offer_create: the owner must be authorized by the offered asset; the balance moves into the offer. */
export const creditOfferCreateEvaluator: Evaluator<T.CreditOfferCreateOperation, void> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    if (op.enabled) yield* disableTimeInRange(s.headBlockTime(), op.auto_disable_time, "credit_offer_create", "auto_disable_time");
    yield* keysExist(s, op.acceptable_collateral, "acceptable_collateral");
    yield* keysExist(s, op.acceptable_borrowers, "acceptable_borrowers");
    const asset = yield* s.load<T.AssetObject>(op.asset_type, "asset_type");
    yield* authorized(ctx.fee.fee_paying_account, asset, "credit_offer_create.authorized", "asset_type", "account");
  },
  *apply(ctx, op) {
    const s = ctx.s;
    yield* adjustBalance(s, op.owner_account, { amount: -op.balance, asset_id: op.asset_type }, "balance");
    const offer = s.create<T.CreditOfferObject>(1, OBJECT_TYPES.credit_offer, (id) => ({
      id, owner_account: op.owner_account, asset_type: op.asset_type, total_balance: op.balance, current_balance: op.balance,
      fee_rate: op.fee_rate, max_duration_seconds: op.max_duration_seconds, min_deal_amount: op.min_deal_amount,
      enabled: op.enabled, auto_disable_time: op.auto_disable_time,
      acceptable_collateral: op.acceptable_collateral, acceptable_borrowers: op.acceptable_borrowers,
    }));
    return objectIdResult(offer.id);
  },
};

/** The offer named by the operation, owned by `owner`. */
function* ownedOffer(s: Session, offerId: string, owner: string, name: string): Gen<T.CreditOfferObject> {
  const offer = yield* s.load<T.CreditOfferObject>(offerId, "offer_id");
  yield* ensureAssert(offer.owner_account === owner, `${name}.owner`, "owner_account", () =>
    `${owner} is not the owner of credit offer ${offer.id} (owned by ${offer.owner_account})`);
  return offer;
}

/** credit_offer_delete: the owner, with nothing lent out, gets the current balance back (result: that asset). */
export const creditOfferDeleteEvaluator: Evaluator<T.CreditOfferDeleteOperation, T.CreditOfferObject> = {
  *evaluate(ctx, op) {
    const offer = yield* ownedOffer(ctx.s, op.offer_id, op.owner_account, "credit_offer_delete");
    yield* ensureAssert(offer.total_balance === offer.current_balance, "credit_offer_delete.no_unpaid", "offer_id", () =>
      `credit offer ${offer.id} still has ${offer.total_balance - offer.current_balance} lent out`);
    return offer;
  },
  *apply(ctx, op, offer) {
    const released: T.Asset = { amount: offer.current_balance, asset_id: offer.asset_type };
    if (released.amount !== 0n) yield* adjustBalance(ctx.s, op.owner_account, released);
    ctx.s.remove(offer.id);
    return [2, released];
  },
};

/** credit_offer_update: the owner changes any of the offer's terms and/or its balance (adding needs asset
 *  authorization; withdrawing must leave a positive total and cannot take what is lent out). */
export const creditOfferUpdateEvaluator: Evaluator<T.CreditOfferUpdateOperation, void> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const now = s.headBlockTime();
    const offer = yield* ownedOffer(s, op.offer_id, op.owner_account, "credit_offer_update");
    const delta = op.delta_amount;
    if (delta !== undefined) {
      yield* ensureAssert(offer.asset_type === delta.asset_id, "credit_offer_update.asset_type", "delta_amount.asset_id", () =>
        `delta_amount is in ${delta.asset_id} but credit offer ${offer.id} holds ${offer.asset_type}`);
      if (delta.amount > 0n) {
        yield* authorized(ctx.fee.fee_paying_account, s.get<T.AssetObject>(offer.asset_type), "credit_offer_update.authorized", "delta_amount.asset_id", "account");
      } else {
        yield* ensureAssert(offer.total_balance > -delta.amount, "credit_offer_update.leave_balance", "delta_amount.amount", () =>
          `credit offer ${offer.id} has a total balance of ${offer.total_balance}, not more than the ${-delta.amount} to withdraw`);
        yield* ensureAssert(offer.current_balance >= -delta.amount, "credit_offer_update.sufficient_balance", "delta_amount.amount", () =>
          `credit offer ${offer.id} has ${offer.current_balance} available, less than the ${-delta.amount} to withdraw`);
      }
    }
    if (op.enabled ?? offer.enabled) {
      const field = op.auto_disable_time !== undefined ? "auto_disable_time" : op.enabled !== undefined ? "enabled" : "";
      yield* disableTimeInRange(now, op.auto_disable_time ?? offer.auto_disable_time, "credit_offer_update", field);
    }
    const collateral = op.acceptable_collateral;
    if (collateral !== undefined) {
      for (let i = 0; i < collateral.length; i++) {
        const [assetId, price] = collateral[i]!;
        yield* s.load(assetId, `acceptable_collateral[${i}][0]`);
        yield* ensureAssert(offer.asset_type === price.base.asset_id, "credit_offer_update.collateral_price_base",
          `acceptable_collateral[${i}][1].base.asset_id`, () =>
            `the price of collateral ${assetId} is based on ${price.base.asset_id}, not on the offered asset ${offer.asset_type}`);
      }
    }
    if (op.acceptable_borrowers !== undefined) yield* keysExist(s, op.acceptable_borrowers, "acceptable_borrowers");
  },
  *apply(ctx, op) {
    const s = ctx.s;
    const delta = op.delta_amount;
    if (delta !== undefined) yield* adjustBalance(s, op.owner_account, { amount: -delta.amount, asset_id: delta.asset_id }, "delta_amount.amount");
    const offer = s.modify<T.CreditOfferObject>(op.offer_id, (o) => ({
      ...o,
      total_balance: delta === undefined ? o.total_balance : o.total_balance + delta.amount,
      current_balance: delta === undefined ? o.current_balance : o.current_balance + delta.amount,
      fee_rate: op.fee_rate ?? o.fee_rate,
      max_duration_seconds: op.max_duration_seconds ?? o.max_duration_seconds,
      min_deal_amount: op.min_deal_amount ?? o.min_deal_amount,
      enabled: op.enabled ?? o.enabled,
      auto_disable_time: op.auto_disable_time ?? o.auto_disable_time,
      acceptable_collateral: op.acceptable_collateral ?? o.acceptable_collateral,
      acceptable_borrowers: op.acceptable_borrowers ?? o.acceptable_borrowers,
    }));
    // Unreachable after do_evaluate's checks; kept as the C++ keeps them.
    yield* balancesConsistent(offer, "credit_offer_update");
    if (offer.enabled) yield* disableTimeInRange(s.headBlockTime(), offer.auto_disable_time, "credit_offer_update", "auto_disable_time");
    return VOID_RESULT;
  },
};

/** The post-conditions on an offer's balances both credit_offer_update and _accept assert. */
function* balancesConsistent(offer: T.CreditOfferObject, name: string): Gen<void> {
  yield* ensureAssert(offer.total_balance > 0n, `${name}.total_balance_positive`, "", () =>
    `credit offer ${offer.id} would have a total balance of ${offer.total_balance}`);
  yield* ensureAssert(offer.current_balance >= 0n, `${name}.current_balance_non_negative`, "", () =>
    `credit offer ${offer.id} would have a current balance of ${offer.current_balance}`);
  yield* ensureAssert(offer.total_balance >= offer.current_balance, `${name}.current_within_total`, "", () =>
    `credit offer ${offer.id} would have a current balance ${offer.current_balance} above its total ${offer.total_balance}`);
}

interface Accepting {
  readonly offer: T.CreditOfferObject;
  readonly summary: T.CreditDealSummaryObject | undefined;
}

/** credit_offer_accept: borrows from an enabled offer against acceptable collateral, within the offer's
 *  terms and the borrower's limit; both sides must be authorized by both assets. */
export const creditOfferAcceptEvaluator: Evaluator<T.CreditOfferAcceptOperation, Accepting> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const N = "credit_offer_accept";
    const offer = yield* s.load<T.CreditOfferObject>(op.offer_id, "offer_id");
    yield* ensureAssert(offer.enabled, `${N}.enabled`, "offer_id", () => `credit offer ${offer.id} is not enabled`);
    yield* ensureAssert(offer.asset_type === op.borrow_amount.asset_id, `${N}.asset_type`, "borrow_amount.asset_id", () =>
      `borrow_amount is in ${op.borrow_amount.asset_id} but credit offer ${offer.id} offers ${offer.asset_type}`);
    yield* ensureAssert(offer.current_balance >= op.borrow_amount.amount, `${N}.sufficient_balance`, "borrow_amount.amount", () =>
      `credit offer ${offer.id} has ${offer.current_balance} available, less than the ${op.borrow_amount.amount} to borrow`);
    yield* ensureAssert(offer.min_deal_amount <= op.borrow_amount.amount, `${N}.min_deal_amount`, "borrow_amount.amount", () =>
      `borrow_amount ${op.borrow_amount.amount} is below the minimum deal amount ${offer.min_deal_amount} of credit offer ${offer.id}`);
    yield* ensureAssert(offer.fee_rate <= op.max_fee_rate, `${N}.max_fee_rate`, "max_fee_rate", () =>
      `credit offer ${offer.id} charges fee rate ${offer.fee_rate}, above max_fee_rate ${op.max_fee_rate}`);
    yield* ensureAssert(offer.max_duration_seconds >= op.min_duration_seconds, `${N}.min_duration_seconds`, "min_duration_seconds", () =>
      `credit offer ${offer.id} lends for at most ${offer.max_duration_seconds} seconds, less than min_duration_seconds ${op.min_duration_seconds}`);
    const price = offer.acceptable_collateral.find(([a]) => a === op.collateral.asset_id)?.[1];
    if (price === undefined) {
      return yield* stop(chainError("assert_exception", `${N}.collateral_acceptable`, "collateral.asset_id",
        `credit offer ${offer.id} does not accept ${op.collateral.asset_id} as collateral`));
    }
    const debtAsset = s.get<T.AssetObject>(offer.asset_type);
    const collateralAsset = s.get<T.AssetObject>(op.collateral.asset_id);
    const borrower = ctx.fee.fee_paying_account;
    yield* authorized(borrower, debtAsset, `${N}.borrower_authorized_debt`, "borrow_amount.asset_id", "borrower");
    yield* authorized(borrower, collateralAsset, `${N}.borrower_authorized_collateral`, "collateral.asset_id", "borrower");
    const owner = s.get<T.AccountObject>(offer.owner_account);
    yield* authorized(owner, debtAsset, `${N}.owner_authorized_debt`, "borrow_amount.asset_id", "offer owner");
    yield* authorized(owner, collateralAsset, `${N}.owner_authorized_collateral`, "collateral.asset_id", "offer owner");
    const required = yield* prefixed(ok(multiplyAndRoundUp(op.borrow_amount, price)), "borrow_amount");
    yield* ensureAssert(required.amount <= op.collateral.amount, `${N}.sufficient_collateral`, "collateral.amount", () =>
      `collateral ${op.collateral.amount} is less than the ${required.amount} required`);
    let maxAllowed: bigint | undefined;
    if (offer.acceptable_borrowers.length > 0) {
      maxAllowed = offer.acceptable_borrowers.find(([a]) => a === op.borrower)?.[1];
      yield* ensureAssert(maxAllowed !== undefined, `${N}.borrower_acceptable`, "borrower", () =>
        `account ${op.borrower} is not among the acceptable borrowers of credit offer ${offer.id}`);
    }
    const summary = findDealSummary(s, op.offer_id, op.borrower);
    const already = summary?.total_debt_amount ?? 0n;
    if (maxAllowed !== undefined) {
      const limit = maxAllowed;
      yield* ensureAssert(already + op.borrow_amount.amount <= limit, `${N}.borrower_limit`, "borrow_amount.amount", () =>
        `borrowing ${op.borrow_amount.amount} on top of ${already} already borrowed exceeds the limit ${limit} of ${op.borrower}`);
    }
    return { offer, summary };
  },
  *apply(ctx, op, { offer: found, summary }) {
    const s = ctx.s;
    const N = "credit_offer_accept";
    yield* adjustBalance(s, op.borrower, { amount: -op.collateral.amount, asset_id: op.collateral.asset_id }, "collateral.amount");
    yield* adjustBalance(s, op.borrower, op.borrow_amount);
    const offer = s.modify<T.CreditOfferObject>(found.id, (o) => ({ ...o, current_balance: o.current_balance - op.borrow_amount.amount }));
    const now = s.headBlockTime();
    const repayTime = TIME_MAX - now >= offer.max_duration_seconds ? now + offer.max_duration_seconds : TIME_MAX;
    const deal = s.create<T.CreditDealObject>(1, OBJECT_TYPES.credit_deal, (id) => ({
      id, borrower: op.borrower, offer_id: op.offer_id, offer_owner: offer.owner_account, debt_asset: offer.asset_type,
      debt_amount: op.borrow_amount.amount, collateral_asset: op.collateral.asset_id, collateral_amount: op.collateral.amount,
      fee_rate: offer.fee_rate, latest_repay_time: repayTime, auto_repay: op.extensions.auto_repay ?? 0,
    }));
    if (summary !== undefined) {
      s.modify<T.CreditDealSummaryObject>(summary.id, (m) => ({ ...m, total_debt_amount: m.total_debt_amount + op.borrow_amount.amount }));
    } else {
      s.create<T.CreditDealSummaryObject>(2, IMPL_OBJECT_TYPES.credit_deal_summary, (id) => ({
        id, borrower: op.borrower, offer_id: op.offer_id, offer_owner: offer.owner_account, debt_asset: offer.asset_type,
        total_debt_amount: op.borrow_amount.amount,
      }));
    }
    yield* balancesConsistent(offer, N);
    // Reachable: an offer with max_duration_seconds 0 gives a deal due at once, which is refused here.
    yield* ensureAssert(deal.latest_repay_time > now, `${N}.repay_time_future`, "offer_id", () =>
      `credit offer ${offer.id} has a maximum duration of ${offer.max_duration_seconds} seconds: the deal would be due at once`);
    yield* ensureAssert(deal.latest_repay_time - now <= MAX_CREDIT_DEAL_SECS, `${N}.repay_time_max`, "offer_id", () =>
      `the deal would be due ${deal.latest_repay_time - now} seconds from now, more than ${MAX_CREDIT_DEAL_SECS}`);
    return [5, { impacted_accounts: [offer.owner_account], new_objects: [deal.id] }];
  },
};

/** credit_deal_repay: the borrower repays part or all of a deal's debt with at least the credit fee it owes;
 *  collateral comes back in proportion (rounded down), all of it with the last repayment. */
export const creditDealRepayEvaluator: Evaluator<T.CreditDealRepayOperation, T.CreditDealObject> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const N = "credit_deal_repay";
    const deal = yield* s.load<T.CreditDealObject>(op.deal_id, "deal_id");
    yield* ensureAssert(deal.borrower === op.account, `${N}.borrower`, "account", () =>
      `${op.account} is not the borrower of credit deal ${deal.id} (${deal.borrower} is)`);
    yield* ensureAssert(deal.debt_asset === op.repay_amount.asset_id, `${N}.asset_type`, "repay_amount.asset_id", () =>
      `repay_amount is in ${op.repay_amount.asset_id} but credit deal ${deal.id} owes ${deal.debt_asset}`);
    yield* ensureAssert(deal.debt_amount >= op.repay_amount.amount, `${N}.not_over_debt`, "repay_amount.amount", () =>
      `repay_amount ${op.repay_amount.amount} exceeds the ${deal.debt_amount} owed on credit deal ${deal.id}`);
    const required = requiredCreditFee(op.repay_amount.amount, deal.fee_rate);
    yield* ensureAssert(op.credit_fee.amount >= required, `${N}.sufficient_credit_fee`, "credit_fee.amount", () =>
      `credit_fee ${op.credit_fee.amount} is less than the ${required} required at fee rate ${deal.fee_rate}`);
    const debtAsset = s.get<T.AssetObject>(deal.debt_asset);
    yield* authorized(ctx.fee.fee_paying_account, debtAsset, `${N}.account_authorized`, "repay_amount.asset_id", "account");
    yield* authorized(s.get<T.AccountObject>(deal.offer_owner), debtAsset, `${N}.owner_authorized`, "repay_amount.asset_id", "offer owner");
    return deal;
  },
  *apply(ctx, op, deal) {
    const s = ctx.s;
    const N = "credit_deal_repay";
    const total = op.repay_amount.amount + op.credit_fee.amount;
    if (total > INT64_MAX) {
      return yield* stop(chainError("overflow_exception", `${N}.total_overflow`, "credit_fee.amount",
        `repay_amount ${op.repay_amount.amount} plus credit_fee ${op.credit_fee.amount} overflows int64`));
    }
    yield* adjustBalance(s, op.account, { amount: -total, asset_id: op.repay_amount.asset_id }, "repay_amount.amount");
    const offer = s.modify<T.CreditOfferObject>(deal.offer_id, (o) => ({
      ...o, total_balance: o.total_balance + op.credit_fee.amount, current_balance: o.current_balance + total,
    }));
    // Unreachable: what comes back was lent out of the total; kept as the C++ keeps it.
    yield* ensureAssert(offer.total_balance >= offer.current_balance, `${N}.current_within_total`, "", () =>
      `credit offer ${offer.id} would have a current balance ${offer.current_balance} above its total ${offer.total_balance}`);
    const summary = findDealSummary(s, deal.offer_id, op.account);
    // Unreachable: every deal has its summary ("Internal error" in the C++).
    yield* ensureAssert(summary !== undefined, `${N}.summary_exists`, "", () => `credit deal ${deal.id} has no deal summary`);
    if (summary!.total_debt_amount === op.repay_amount.amount) s.remove(summary!.id);
    else s.modify<T.CreditDealSummaryObject>(summary!.id, (m) => ({ ...m, total_debt_amount: m.total_debt_amount - op.repay_amount.amount }));
    const updated = [offer.id];
    let removed: string[] | undefined;
    let released = deal.collateral_amount;
    if (deal.debt_amount === op.repay_amount.amount) {
      removed = [deal.id];
      s.remove(deal.id);
    } else {
      released = (op.repay_amount.amount * deal.collateral_amount) / deal.debt_amount;
      // Unreachable: repay_amount is below debt_amount here.
      yield* ensureAssert(released < deal.collateral_amount, `${N}.partial_release`, "", () =>
        `releasing ${released} of ${deal.collateral_amount} collateral on a partial repayment`);
      s.modify<T.CreditDealObject>(deal.id, (d) => ({
        ...d, debt_amount: d.debt_amount - op.repay_amount.amount, collateral_amount: d.collateral_amount - released,
      }));
      updated.push(deal.id);
    }
    const collateral: T.Asset = { amount: released, asset_id: deal.collateral_asset };
    yield* adjustBalance(s, op.account, collateral);
    const result: T.ExtendableOperationResultDtl = {
      impacted_accounts: [offer.owner_account],
      updated_objects: updated.sort(compareObjectIds),
      ...(removed !== undefined ? { removed_objects: removed } : {}),
      received: [collateral],
    };
    return [5, result];
  },
};

/** credit_deal_update: the borrower changes the deal's auto_repay setting (to a different value). */
export const creditDealUpdateEvaluator: Evaluator<T.CreditDealUpdateOperation, void> = {
  *evaluate(ctx, op) {
    const deal = yield* ctx.s.load<T.CreditDealObject>(op.deal_id, "deal_id");
    yield* ensureAssert(deal.borrower === op.account, "credit_deal_update.borrower", "account", () =>
      `${op.account} is not the borrower of credit deal ${deal.id} (${deal.borrower} is)`);
    yield* ensureAssert(deal.auto_repay !== op.auto_repay, "credit_deal_update.auto_repay_changed", "auto_repay", () =>
      `credit deal ${deal.id} already has auto_repay ${deal.auto_repay}`);
  },
  *apply(ctx, op) {
    ctx.s.modify<T.CreditDealObject>(op.deal_id, (d) => ({ ...d, auto_repay: op.auto_repay }));
    return VOID_RESULT;
  },
};

export const CREDIT_OFFER_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  [69, creditOfferCreateEvaluator],
  [70, creditOfferDeleteEvaluator],
  [71, creditOfferUpdateEvaluator],
  [72, creditOfferAcceptEvaluator],
  [73, creditDealRepayEvaluator],
  [76, creditDealUpdateEvaluator],
];
