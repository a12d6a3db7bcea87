// credit_offer.cpp: validate() of credit_offer_create (69), _delete (70), _update (71), _accept (72),
// credit_deal_repay (73), credit_deal_expired (74, virtual) and credit_deal_update (76).
import { either as E } from "fp-ts";
import type {
  CreditDealExpiredOperation, CreditDealRepayOperation, CreditDealUpdateOperation, CreditOfferAcceptOperation,
  CreditOfferCreateOperation, CreditOfferDeleteOperation, CreditOfferUpdateOperation, Price,
} from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { MAX_CREDIT_DEAL_SECS } from "../config.js";
import { feeNonNegative, MAX_SHARE_SUPPLY, OK, under, type Check } from "./common.js";
import { validatePrice } from "./price.js";

/** credit_deal_auto_repayment_type::CDAR_TYPE_COUNT (credit_offer.hpp). */
export const CDAR_TYPE_COUNT = 3;

/** validate_acceptable_collateral: not empty; each price has the offered asset as base (the create
 *  operation's asset_type, or for an update the first entry's base) and the collateral asset as quote, and
 *  is valid with both amounts at most GRAPHENE_MAX_SHARE_SUPPLY. */
function validateAcceptableCollateral(T: string, field: string, collateral: ReadonlyArray<[string, Price]>, assetType?: string): Check {
  const [first] = collateral;
  if (first === undefined) return assertFail(`${T}.acceptable_collateral_not_empty`, field, "no acceptable collateral");
  const base = assetType ?? first[1].base.asset_id;
  for (let i = 0; i < collateral.length; i++) {
    const [asset, price] = collateral[i]!;
    const at = `${field}[${i}][1]`;
    if (price.base.asset_id !== base)
      return assertFail(`${T}.collateral_price_base`, `${at}.base.asset_id`, `price base ${price.base.asset_id} is not the offered asset ${base}`);
    if (price.quote.asset_id !== asset)
      return assertFail(`${T}.collateral_price_quote`, `${at}.quote.asset_id`, `price quote ${price.quote.asset_id} is not the collateral asset ${asset}`);
    const r = under(at, validatePrice(price, true));
    if (E.isLeft(r)) return r;
  }
  return OK;
}

/** validate_acceptable_borrowers: each limit in [0, GRAPHENE_MAX_SHARE_SUPPLY]. */
function validateAcceptableBorrowers(T: string, field: string, borrowers: ReadonlyArray<[string, bigint]>): Check {
  for (let i = 0; i < borrowers.length; i++) {
    const limit = borrowers[i]![1];
    if (limit < 0n) return assertFail(`${T}.borrower_limit_non_negative`, `${field}[${i}][1]`, `borrow limit ${limit} is negative`);
    if (limit > MAX_SHARE_SUPPLY) return assertFail(`${T}.borrower_limit_max`, `${field}[${i}][1]`, `borrow limit ${limit} exceeds ${MAX_SHARE_SUPPLY}`);
  }
  return OK;
}

const durationMax = (T: string, field: string, secs: number): Check =>
  secs <= MAX_CREDIT_DEAL_SECS ? OK : assertFail(`${T}.max_duration_max`, field, `max_duration_seconds ${secs} exceeds ${MAX_CREDIT_DEAL_SECS}`);

function minDealAmount(T: string, field: string, v: bigint): Check {
  if (v < 0n) return assertFail(`${T}.min_deal_amount_non_negative`, field, `min_deal_amount ${v} is negative`);
  if (v > MAX_SHARE_SUPPLY) return assertFail(`${T}.min_deal_amount_max`, field, `min_deal_amount ${v} exceeds ${MAX_SHARE_SUPPLY}`);
  return OK;
}

export function validateCreditOfferCreateOperation(op: CreditOfferCreateOperation): Check {
  const T = "credit_offer_create_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.balance > 0n)) return assertFail(`${T}.balance_positive`, "balance", `balance ${op.balance} is not positive`);
  for (const r of [
    () => durationMax(T, "max_duration_seconds", op.max_duration_seconds),
    () => minDealAmount(T, "min_deal_amount", op.min_deal_amount),
    () => validateAcceptableCollateral(T, "acceptable_collateral", op.acceptable_collateral, op.asset_type),
    () => validateAcceptableBorrowers(T, "acceptable_borrowers", op.acceptable_borrowers),
  ]) {
    const c = r();
    if (E.isLeft(c)) return c;
  }
  return OK;
}

export const validateCreditOfferDeleteOperation = (op: CreditOfferDeleteOperation): Check => feeNonNegative("credit_offer_delete_operation", op.fee);

export function validateCreditOfferUpdateOperation(op: CreditOfferUpdateOperation): Check {
  const T = "credit_offer_update_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (op.delta_amount && op.delta_amount.amount === 0n) return assertFail(`${T}.delta_amount_non_zero`, "delta_amount.amount", "delta_amount is 0");
  const checks: Array<() => Check> = [];
  if (op.max_duration_seconds !== undefined) checks.push(() => durationMax(T, "max_duration_seconds", op.max_duration_seconds!));
  if (op.min_deal_amount !== undefined) checks.push(() => minDealAmount(T, "min_deal_amount", op.min_deal_amount!));
  if (op.acceptable_collateral) checks.push(() => validateAcceptableCollateral(T, "acceptable_collateral", op.acceptable_collateral!));
  if (op.acceptable_borrowers) checks.push(() => validateAcceptableBorrowers(T, "acceptable_borrowers", op.acceptable_borrowers!));
  for (const c of checks) {
    const r = c();
    if (E.isLeft(r)) return r;
  }
  const updating = op.delta_amount !== undefined || op.fee_rate !== undefined || op.max_duration_seconds !== undefined ||
    op.min_deal_amount !== undefined || op.enabled !== undefined || op.auto_disable_time !== undefined ||
    op.acceptable_collateral !== undefined || op.acceptable_borrowers !== undefined;
  if (!updating) return assertFail(`${T}.has_update`, "", "nothing to update");
  return OK;
}

export function validateCreditOfferAcceptOperation(op: CreditOfferAcceptOperation): Check {
  const T = "credit_offer_accept_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.borrow_amount.amount > 0n)) return assertFail(`${T}.borrow_amount_positive`, "borrow_amount.amount", `borrow_amount ${op.borrow_amount.amount} is not positive`);
  if (!(op.collateral.amount > 0n)) return assertFail(`${T}.collateral_positive`, "collateral.amount", `collateral ${op.collateral.amount} is not positive`);
  const auto = op.extensions.auto_repay;
  if (auto !== undefined && !(auto < CDAR_TYPE_COUNT))
    return assertFail(`${T}.auto_repay_known`, "extensions.auto_repay", `auto_repay ${auto} is not below ${CDAR_TYPE_COUNT}`);
  return OK;
}

export function validateCreditDealRepayOperation(op: CreditDealRepayOperation): Check {
  const T = "credit_deal_repay_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.repay_amount.amount > 0n)) return assertFail(`${T}.repay_amount_positive`, "repay_amount.amount", `repay_amount ${op.repay_amount.amount} is not positive`);
  if (!(op.credit_fee.amount >= 0n)) return assertFail(`${T}.credit_fee_non_negative`, "credit_fee.amount", `credit_fee ${op.credit_fee.amount} is negative`);
  if (op.repay_amount.asset_id !== op.credit_fee.asset_id)
    return assertFail(`${T}.same_asset`, "credit_fee.asset_id", `repay_amount is in ${op.repay_amount.asset_id} but credit_fee in ${op.credit_fee.asset_id}`);
  return OK;
}

export function validateCreditDealUpdateOperation(op: CreditDealUpdateOperation): Check {
  const T = "credit_deal_update_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.auto_repay < CDAR_TYPE_COUNT)) return assertFail(`${T}.auto_repay_known`, "auto_repay", `auto_repay ${op.auto_repay} is not below ${CDAR_TYPE_COUNT}`);
  return OK;
}

/** credit_deal_expired_operation (74) is virtual: its validate() always fails. */
export const validateCreditDealExpiredOperation = (_op: CreditDealExpiredOperation): Check =>
  assertFail("credit_deal_expired_operation.virtual", "", "credit_deal_expired_operation is a virtual operation");
