// The evaluator of each operation tag (database::initialize_evaluators). Tags without one are refused with
// "No registered evaluator", as bitshares-core refuses virtual operations.
import type { Evaluator, EvaluatorTable } from "../evaluator.js";
import { ACCOUNT_EVALUATORS } from "./account.js";
import { ASSERT_EVALUATORS } from "./assert.js";
import { BALANCE_EVALUATORS } from "./balance.js";
import { CUSTOM_EVALUATORS } from "./custom.js";
import { CUSTOM_AUTHORITY_EVALUATORS } from "./custom_authority.js";
import { HTLC_EVALUATORS } from "./htlc.js";
import { PROPOSAL_EVALUATORS } from "./proposal.js";
import { TICKET_EVALUATORS } from "./ticket.js";
import { VESTING_BALANCE_EVALUATORS } from "./vesting_balance.js";
import { WITHDRAW_PERMISSION_EVALUATORS } from "./withdraw_permission.js";
import { ASSET_EVALUATORS } from "./asset.js";
import { COMMITTEE_MEMBER_EVALUATORS } from "./committee_member.js";
import { TRANSFER_EVALUATORS } from "./transfer.js";
import { WITNESS_EVALUATORS } from "./witness.js";
import { WORKER_EVALUATORS } from "./worker.js";
import { LIMIT_ORDER_EVALUATORS } from "./limit_order.js";
import { BITASSET_EVALUATORS } from "./bitasset.js";
import { LIQUIDITY_POOL_EVALUATORS } from "./liquidity_pool.js";
import { SAMET_FUND_EVALUATORS } from "./samet_fund.js";
import { CREDIT_OFFER_EVALUATORS } from "./credit_offer.js";
import { CALL_ORDER_EVALUATORS } from "./call_order.js";
import { SETTLE_EVALUATORS } from "./settle.js";

type Family = ReadonlyArray<readonly [number, Evaluator<any, any>]>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FAMILIES: readonly Family[] = [
  TRANSFER_EVALUATORS, ACCOUNT_EVALUATORS, ASSET_EVALUATORS, WITNESS_EVALUATORS, WORKER_EVALUATORS, COMMITTEE_MEMBER_EVALUATORS,
  VESTING_BALANCE_EVALUATORS, WITHDRAW_PERMISSION_EVALUATORS, BALANCE_EVALUATORS, ASSERT_EVALUATORS, CUSTOM_EVALUATORS,
  TICKET_EVALUATORS, PROPOSAL_EVALUATORS, HTLC_EVALUATORS, CUSTOM_AUTHORITY_EVALUATORS, LIMIT_ORDER_EVALUATORS,
  BITASSET_EVALUATORS, LIQUIDITY_POOL_EVALUATORS, SAMET_FUND_EVALUATORS,
  CREDIT_OFFER_EVALUATORS, CALL_ORDER_EVALUATORS, SETTLE_EVALUATORS,
];

function buildTable(families: readonly Family[]): EvaluatorTable {
  const table: (Evaluator<never, unknown> | undefined)[] = [];
  for (const family of families) {
    for (const [tag, ev] of family) {
      if (table[tag] !== undefined) throw new Error(`two evaluators for operation ${tag}`);
      table[tag] = ev as Evaluator<never, unknown>;
    }
  }
  return table;
}

export const EVALUATORS: EvaluatorTable = buildTable(FAMILIES);
