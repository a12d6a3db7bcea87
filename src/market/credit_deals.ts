// db_update.cpp database::update_credit_offers_and_deals: at the end of each block, enabled credit offers
// whose auto_disable_time has come are disabled, and credit deals whose latest_repay_time has come expire:
// one with auto_repay set is first repaid (in full, or in part as the balance allows) through a virtual
// credit_deal_repay; whatever remains then goes to the offer owner as a credit_deal_expired.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { creditDealRepayEvaluator, findDealSummary, requiredCreditFee } from "../chain/evaluators/credit_offer.js";
import { FEE_RATE_DENOM, OBJECT_TYPES } from "../protocol/config.js";
import { validateOperation } from "../protocol/validate/operation.js";
import { adjustBalance, getBalance } from "../chain/balances.js";
import { applyOperation, type EvaluatorTable, type TransactionState } from "../chain/evaluator.js";
import { run } from "../chain/gen.js";
import { ChainInvariantError, type Session } from "../chain/session.js";

const CREDIT_DEAL_REPAY = 73;
const CREDIT_DEAL_EXPIRED = 74;
/** credit_deal_auto_repayment_type (credit_offer.hpp). */
const NO_AUTO_REPAYMENT = 0;
const ONLY_FULL_REPAYMENT = 1;

const ZERO_CORE: T.Asset = { amount: 0n, asset_id: "1.3.0" };

/** The evaluators an automatic repayment needs (only credit_deal_repay is ever applied); built on first use. */
let repayEvaluators: EvaluatorTable | undefined;
function evaluators(): EvaluatorTable {
  if (repayEvaluators === undefined) {
    const table: (EvaluatorTable[number])[] = [];
    table[CREDIT_DEAL_REPAY] = creditDealRepayEvaluator as EvaluatorTable[number];
    repayEvaluators = table;
  }
  return repayEvaluators;
}

/**
 * The repayment update_credit_offers_and_deals tries for an expiring deal with auto_repay set: the whole debt
 * with its fee when the borrower's balance covers both (or when only full repayment is allowed); otherwise
 * the most the balance pays for, rounded so the collateral released is whole, plus its fee.
 */
export function autoRepayOperation(deal: T.CreditDealObject, balance: bigint): T.CreditDealRepayOperation {
  const base = { fee: ZERO_CORE, account: deal.borrower, deal_id: deal.id, extensions: [] };
  const asset = (amount: bigint): T.Asset => ({ amount, asset_id: deal.debt_asset });
  const fullFee = requiredCreditFee(deal.debt_amount, deal.fee_rate);
  if (deal.auto_repay === ONLY_FULL_REPAYMENT || balance >= fullFee + deal.debt_amount) {
    return { ...base, repay_amount: asset(deal.debt_amount), credit_fee: asset(fullFee) };
  }
  const denom = BigInt(FEE_RATE_DENOM);
  const affordable = (balance * denom) / (denom + BigInt(deal.fee_rate));
  const collateral = (affordable * deal.collateral_amount) / deal.debt_amount;
  // The smallest debt that releases that much collateral, rounded up.
  const debt = (collateral * deal.debt_amount + deal.collateral_amount - 1n) / deal.collateral_amount;
  return { ...base, repay_amount: asset(debt), credit_fee: asset(requiredCreditFee(debt, deal.fee_rate)) };
}

/** try_push_virtual_operation: validate, then apply as a virtual operation; a failure changes nothing. */
function tryAutoRepay(s: Session, op: T.CreditDealRepayOperation): void {
  const operation = [CREDIT_DEAL_REPAY, op] as T.Operation;
  if (E.isLeft(validateOperation(operation))) return;
  const trx: TransactionState = { evaluators: evaluators(), is_proposed_trx: false, skip_fee_schedule_check: true, skip: 0 };
  run(applyOperation(s, trx, operation, true));
}

export function updateCreditOffersAndDeals(s: Session): void {
  const now = s.headBlockTime();
  // by_auto_disable_time from (true) up to (true, head time) inclusive; a disabled offer leaves that range, so
  // the first enabled offer is always the next one (point reads only: this runs every block).
  for (;;) {
    const offer = s.first<T.CreditOfferObject>(1, OBJECT_TYPES.credit_offer, "by_auto_disable_time", [true]);
    if (offer === undefined || offer.auto_disable_time > now) break;
    s.modify<T.CreditOfferObject>(offer.id, (o) => ({ ...o, enabled: false }));
  }

  // Always the first deal by latest_repay_time, while it is due.
  for (;;) {
    let deal = s.first<T.CreditDealObject>(1, OBJECT_TYPES.credit_deal, "by_latest_repay_time");
    if (deal === undefined || deal.latest_repay_time > now) break;
    if (deal.auto_repay !== NO_AUTO_REPAYMENT) {
      tryAutoRepay(s, autoRepayOperation(deal, getBalance(s, deal.borrower, deal.debt_asset)));
      const left = s.find<T.CreditDealObject>(deal.id);
      if (left === undefined) continue;
      deal = left;
    }
    const d = deal;
    s.modify<T.CreditOfferObject>(d.offer_id, (o) => ({ ...o, total_balance: o.total_balance - d.debt_amount }));
    const summary = findDealSummary(s, d.offer_id, d.borrower);
    // A missing summary is only logged by the C++ (elog) and the expiry goes on.
    if (summary !== undefined && summary.total_debt_amount === d.debt_amount) s.remove(summary.id);
    else if (summary !== undefined) s.modify<T.CreditDealSummaryObject>(summary.id, (m) => ({ ...m, total_debt_amount: m.total_debt_amount - d.debt_amount }));
    const collateral: T.Asset = { amount: d.collateral_amount, asset_id: d.collateral_asset };
    const paid = run(adjustBalance(s, d.offer_owner, collateral));
    if (E.isLeft(paid)) throw new ChainInvariantError(`releasing the collateral of credit deal ${d.id}: ${paid.left.message}`);
    const expired: T.CreditDealExpiredOperation = {
      fee: ZERO_CORE, deal_id: d.id, offer_id: d.offer_id, offer_owner: d.offer_owner, borrower: d.borrower,
      unpaid_amount: { amount: d.debt_amount, asset_id: d.debt_asset }, collateral, fee_rate: d.fee_rate,
    };
    s.pushAppliedOperation([CREDIT_DEAL_EXPIRED, expired] as T.Operation);
    s.remove(d.id);
  }
}
