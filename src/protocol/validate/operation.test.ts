// operation_validate (operations.cpp) over all 78 operations, transaction::validate (transaction.cpp), and
// properties over schema-derived values.
import { either as E } from "fp-ts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Operation, SignedTransaction, Transaction, TransferOperation } from "../../../generated/native-types.js";
import { anyValue, arbitraryFor } from "../../../properties/arbitraries.js";
import { validateOperation, validateTransaction } from "./index.js";
import { validateTransferOperation } from "./transfer.js";
import { asset, expectOk, expectRefused, make, zeroOf, zeroOp } from "./test_support.js";

const RUNS = Number(process.env.BTSREF_RUNS ?? 200);

// What each operation's validate() says about its default-constructed value, read from its C++ validate():
// [tag, type, rule (null: valid), field].
const DEFAULTS: Array<[number, string, string | null, string]> = [
  [0, "transfer_operation", "transfer_operation.from_not_to", "to"],
  [1, "limit_order_create_operation", "limit_order_create_operation.distinct_assets", "min_to_receive.asset_id"],
  [2, "limit_order_cancel_operation", null, ""],
  [3, "call_order_update_operation", "call_order_update_operation.distinct_assets", "delta_debt.asset_id"],
  [4, "fill_order_operation", "fill_order_operation.virtual", ""],
  [5, "account_create_operation", "account_create_operation.name_valid", "name"],
  [6, "account_update_operation", "account_update_operation.account_not_committee", "account"],
  [7, "account_whitelist_operation", null, ""],
  [8, "account_upgrade_operation", null, ""],
  [9, "account_transfer_operation", null, ""],
  [10, "asset_create_operation", "asset_create_operation.symbol_valid", "symbol"],
  [11, "asset_update_operation", "price.base_amount_positive", "new_options.core_exchange_rate.base.amount"],
  [12, "asset_update_bitasset_operation", null, ""],
  [13, "asset_update_feed_producers_operation", null, ""],
  [14, "asset_issue_operation", "asset_issue_operation.amount_positive", "asset_to_issue.amount"],
  [15, "asset_reserve_operation", "asset_reserve_operation.amount_positive", "amount_to_reserve.amount"],
  [16, "asset_fund_fee_pool_operation", "asset_fund_fee_pool_operation.amount_positive", "amount"],
  [17, "asset_settle_operation", null, ""],
  [18, "asset_global_settle_operation", null, ""],
  [19, "asset_publish_feed_operation", "asset_publish_feed_operation.settlement_price_set", "feed.settlement_price"],
  [20, "witness_create_operation", null, ""],
  [21, "witness_update_operation", null, ""],
  [22, "proposal_create_operation", "proposal_create_operation.has_proposed_ops", "proposed_ops"],
  [23, "proposal_update_operation", "proposal_update_operation.has_update", ""],
  [24, "proposal_delete_operation", null, ""],
  [25, "withdraw_permission_create_operation", "withdraw_permission_create_operation.distinct_accounts", "authorized_account"],
  [26, "withdraw_permission_update_operation", "withdraw_permission_update_operation.withdrawal_limit_positive", "withdrawal_limit.amount"],
  [27, "withdraw_permission_claim_operation", "withdraw_permission_claim_operation.distinct_accounts", "withdraw_to_account"],
  [28, "withdraw_permission_delete_operation", "withdraw_permission_delete_operation.distinct_accounts", "authorized_account"],
  [29, "committee_member_create_operation", null, ""],
  [30, "committee_member_update_operation", null, ""],
  [31, "committee_member_update_global_parameters_operation", null, ""],
  [32, "vesting_balance_create_operation", "vesting_balance_create_operation.amount_positive", "amount.amount"],
  [33, "vesting_balance_withdraw_operation", "vesting_balance_withdraw_operation.amount_positive", "amount.amount"],
  [34, "worker_create_operation", "worker_create_operation.end_after_begin", "work_end_date"],
  [35, "custom_operation", "custom_operation.fee_positive", "fee.amount"],
  [36, "assert_operation", null, ""],
  [37, "balance_claim_operation", "balance_claim_operation.owner_key_set", "balance_owner_key"],
  [38, "override_transfer_operation", "override_transfer_operation.from_not_to", "to"],
  [39, "transfer_to_blind_operation", "transfer_to_blind_operation.amount_positive", "amount.amount"],
  [40, "blind_transfer_operation", "blind_transfer_operation.has_inputs", "inputs"],
  [41, "transfer_from_blind_operation", "transfer_from_blind_operation.amount_positive", "amount.amount"],
  [42, "asset_settle_cancel_operation", "asset_settle_cancel_operation.virtual", ""],
  [43, "asset_claim_fees_operation", "asset_claim_fees_operation.amount_positive", "amount_to_claim.amount"],
  [44, "fba_distribute_operation", "fba_distribute_operation.virtual", ""],
  [45, "bid_collateral_operation", null, ""],
  [46, "execute_bid_operation", "execute_bid_operation.virtual", ""],
  [47, "asset_claim_pool_operation", "asset_claim_pool_operation.fee_not_in_asset", "fee.asset_id"],
  [48, "asset_update_issuer_operation", "asset_update_issuer_operation.new_issuer_differs", "new_issuer"],
  [49, "htlc_create_operation", "htlc_create_operation.amount_positive", "amount.amount"],
  [50, "htlc_redeem_operation", null, ""],
  [51, "htlc_redeemed_operation", "htlc_redeemed_operation.virtual", ""],
  [52, "htlc_extend_operation", null, ""],
  [53, "htlc_refund_operation", "htlc_refund_operation.virtual", ""],
  [54, "custom_authority_create_operation", "custom_authority_create_operation.account_not_special", "account"],
  [55, "custom_authority_update_operation", "custom_authority_update_operation.account_not_special", "account"],
  [56, "custom_authority_delete_operation", "custom_authority_delete_operation.account_not_special", "account"],
  [57, "ticket_create_operation", "ticket_create_operation.target_type_not_liquid", "target_type"],
  [58, "ticket_update_operation", null, ""],
  [59, "liquidity_pool_create_operation", "liquidity_pool_create_operation.assets_ordered", "asset_b"],
  [60, "liquidity_pool_delete_operation", null, ""],
  [61, "liquidity_pool_deposit_operation", "liquidity_pool_deposit_operation.amounts_positive", "amount_a.amount"],
  [62, "liquidity_pool_withdraw_operation", "liquidity_pool_withdraw_operation.share_amount_positive", "share_amount.amount"],
  [63, "liquidity_pool_exchange_operation", "liquidity_pool_exchange_operation.amount_to_sell_positive", "amount_to_sell.amount"],
  [64, "samet_fund_create_operation", "samet_fund_create_operation.balance_positive", "balance"],
  [65, "samet_fund_delete_operation", null, ""],
  [66, "samet_fund_update_operation", "samet_fund_update_operation.has_update", ""],
  [67, "samet_fund_borrow_operation", "samet_fund_borrow_operation.borrow_amount_positive", "borrow_amount.amount"],
  [68, "samet_fund_repay_operation", "samet_fund_repay_operation.repay_amount_positive", "repay_amount.amount"],
  [69, "credit_offer_create_operation", "credit_offer_create_operation.balance_positive", "balance"],
  [70, "credit_offer_delete_operation", null, ""],
  [71, "credit_offer_update_operation", "credit_offer_update_operation.has_update", ""],
  [72, "credit_offer_accept_operation", "credit_offer_accept_operation.borrow_amount_positive", "borrow_amount.amount"],
  [73, "credit_deal_repay_operation", "credit_deal_repay_operation.repay_amount_positive", "repay_amount.amount"],
  [74, "credit_deal_expired_operation", "credit_deal_expired_operation.virtual", ""],
  [75, "liquidity_pool_update_operation", "liquidity_pool_update_operation.has_update", ""],
  [76, "credit_deal_update_operation", null, ""],
  [77, "limit_order_update_operation", "limit_order_update_operation.has_update", ""],
];

describe("operation_validate", () => {
  it("covers tags 0..77", () => {
    expect(DEFAULTS.map(([tag]) => tag)).toEqual(Array.from({ length: 78 }, (_, i) => i));
  });

  it.each(DEFAULTS)("%d %s: the default-constructed value", (tag, type, rule, field) => {
    const op = zeroOp(tag, type);
    if (rule === null) expectOk(validateOperation(op));
    else expectRefused(validateOperation(op), rule, field);
  });

  it.each(DEFAULTS.filter(([, , rule]) => rule === null))("%d %s: a negative fee makes the valid default invalid", (tag, type) => {
    const value = { ...zeroOf<Record<string, unknown>>(type), fee: asset(-1) };
    expectRefused(validateOperation([tag, value] as unknown as Operation), `${type}.fee_non_negative`, "fee.amount");
  });

  it("refuses an unknown tag", () => {
    expectRefused(validateOperation([78, {}] as unknown as Operation), "operation.tag_known", "");
  });

  it("never throws on schema-derived operations, and always answers with a known rule and code", () => {
    fc.assert(
      fc.property(arbitraryFor("operation", anyValue()), (op) => {
        const r = validateOperation(op as Operation);
        if (E.isLeft(r)) {
          expect(r.left._tag).toBe("ChainError");
          expect(r.left.rule).toMatch(/^[a-z_]+\.[a-z_0-9]+$/);
          expect(typeof r.left.code).toBe("number");
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("a transfer is valid exactly when fee >= 0, from != to and amount > 0", () => {
    fc.assert(
      fc.property(arbitraryFor("transfer_operation", anyValue()), (x) => {
        const op = x as TransferOperation;
        const expected = op.fee.amount >= 0n && op.from !== op.to && op.amount.amount > 0n;
        expect(E.isRight(validateTransferOperation(op))).toBe(expected);
        expect(E.isRight(validateOperation([0, op]))).toBe(expected);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("transaction::validate", () => {
  const transfer = (patch: Partial<TransferOperation> = {}): Operation =>
    [0, make<TransferOperation>("transfer_operation", { from: "1.2.17", to: "1.2.18", amount: asset(1), ...patch })];
  const tx = (operations: Operation[]): Transaction => ({ ...zeroOf<Transaction>("transaction"), operations });

  it("needs at least one operation, every one valid", () => {
    expectOk(validateTransaction(tx([transfer()])));
    expectOk(validateTransaction(tx([transfer(), zeroOp(2, "limit_order_cancel_operation")])));
    expectRefused(validateTransaction(tx([])), "transaction.has_operations", "operations");
    expectRefused(validateTransaction(tx([transfer(), transfer({ fee: asset(-3) })])), "transfer_operation.fee_non_negative", "operations[1][1].fee.amount");
    expectRefused(validateTransaction(tx([zeroOp(4, "fill_order_operation")])), "fill_order_operation.virtual", "operations[0][1]");
  });

  // tests/tests/credit_offer_tests.cpp: a transaction holding the virtual credit_deal_expired_operation fails trx.validate()
  it("refuses a virtual operation in a signed transaction", () => {
    const signed: SignedTransaction = { ...tx([zeroOp(74, "credit_deal_expired_operation")]), signatures: [] };
    expectRefused(validateTransaction(signed), "credit_deal_expired_operation.virtual", "operations[0][1]");
  });

  it("never throws on schema-derived signed transactions", () => {
    fc.assert(
      fc.property(arbitraryFor("signed_transaction", anyValue()), (t) => {
        const r = validateTransaction(t as SignedTransaction);
        if ((t as SignedTransaction).operations.length === 0) expect(E.isLeft(r)).toBe(true);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});
