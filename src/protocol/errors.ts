// The one error type of validation, evaluation and the transaction and block pipelines.
//
// Every refusal names the rule that failed and the field it concerns, and carries the bitshares-core
// exception it corresponds to (its fc name and code), so that a conformance vector or an API error can
// be compared with what bitshares-core reports for the same input.
import { either as E } from "fp-ts";

/** fc and graphene exception names with their codes (fc/exception/exception.hpp,
 *  graphene/protocol/exceptions.hpp, graphene/chain/exceptions.hpp). */
export const EXCEPTION_CODES = {
  unspecified_exception: 0,
  parse_error_exception: 4,
  invalid_arg_exception: 5,
  key_not_found_exception: 6,
  bad_cast_exception: 7,
  out_of_range_exception: 8,
  assert_exception: 10,
  eof_exception: 11,
  invalid_operation_exception: 14,
  null_optional: 16,
  overflow_exception: 19,
  underflow_exception: 20,
  divide_by_zero_exception: 21,

  protocol_exception: 4000000,
  transaction_exception: 4010000,
  tx_missing_active_auth: 4010001,
  tx_missing_owner_auth: 4010002,
  tx_missing_other_auth: 4010003,
  tx_irrelevant_sig: 4010004,
  tx_duplicate_sig: 4010005,
  invalid_committee_approval: 4010006,
  insufficient_fee: 4010007,

  chain_exception: 3000000,
  database_query_exception: 3010000,
  block_validate_exception: 3020000,
  transaction_process_exception: 3030000,
  operation_validate_exception: 3040000,
  operation_evaluate_exception: 3050000,
  utility_exception: 3060000,
  undo_database_exception: 3070000,
  unlinkable_block_exception: 3080000,
  black_swan_exception: 3090000,
  plugin_exception: 3100000,
  insufficient_feeds: 37006,
  duplicate_transaction: 3030001,
  pop_empty_chain: 3070001,

  // GRAPHENE_DECLARE_OP_*: 3040000 (validate) or 3050000 (evaluate) + 100 * operation tag + sequence
  transfer_validate_exception: 3040000,
  transfer_evaluate_exception: 3050000,
  transfer_from_account_not_whitelisted: 3050001,
  transfer_to_account_not_whitelisted: 3050002,
  transfer_restricted_transfer_asset: 3050003,
  limit_order_create_validate_exception: 3040100,
  limit_order_create_evaluate_exception: 3050100,
  limit_order_create_kill_unfilled: 3050101,
  limit_order_create_market_not_whitelisted: 3050102,
  limit_order_create_market_blacklisted: 3050103,
  limit_order_create_selling_asset_unauthorized: 3050104,
  limit_order_create_receiving_asset_unauthorized: 3050105,
  limit_order_create_insufficient_balance: 3050106,
  limit_order_update_validate_exception: 3047700,
  limit_order_update_evaluate_exception: 3057700,
  limit_order_update_nonexist_order: 3057701,
  limit_order_update_owner_mismatch: 3057702,
  limit_order_cancel_validate_exception: 3040200,
  limit_order_cancel_evaluate_exception: 3050200,
  limit_order_cancel_nonexist_order: 3050201,
  limit_order_cancel_owner_mismatch: 3050202,
  call_order_update_validate_exception: 3040300,
  call_order_update_evaluate_exception: 3050300,
  call_order_update_unfilled_margin_call: 3050301,
  account_create_validate_exception: 3040500,
  account_create_evaluate_exception: 3050500,
  account_create_max_auth_exceeded: 3050501,
  account_create_auth_account_not_found: 3050502,
  account_create_buyback_incorrect_issuer: 3050503,
  account_create_buyback_already_exists: 3050504,
  account_create_buyback_too_many_markets: 3050505,
  account_update_validate_exception: 3040600,
  account_update_evaluate_exception: 3050600,
  account_update_max_auth_exceeded: 3050601,
  account_update_auth_account_not_found: 3050602,
  asset_reserve_validate_exception: 3041500,
  asset_reserve_evaluate_exception: 3051500,
  asset_reserve_invalid_on_mia: 3051501,
  proposal_create_validate_exception: 3042200,
  proposal_create_evaluate_exception: 3052200,
  proposal_create_review_period_required: 3052201,
  proposal_create_review_period_insufficient: 3052202,
  balance_claim_validate_exception: 3043700,
  balance_claim_evaluate_exception: 3053700,
  balance_claim_claimed_too_often: 3053701,
  balance_claim_invalid_claim_amount: 3053702,
  balance_claim_owner_mismatch: 3053703,
  override_transfer_validate_exception: 3043800,
  override_transfer_evaluate_exception: 3053800,
  override_transfer_not_permitted: 3053801,
  blind_transfer_validate_exception: 3044000,
  blind_transfer_evaluate_exception: 3054000,
  blind_transfer_unknown_commitment: 3054001,
  liquidity_pool_exchange_validate_exception: 3046300,
  liquidity_pool_exchange_evaluate_exception: 3056300,
  liquidity_pool_exchange_unfillable_price: 3056301,
} as const;

export type ExceptionName = keyof typeof EXCEPTION_CODES;

export interface ChainError {
  readonly _tag: "ChainError";
  /** The bitshares-core exception this refusal corresponds to. */
  readonly exception: ExceptionName;
  readonly code: number;
  /** A stable identifier of the rule, scoped by the type or step that owns it, e.g.
   *  "transfer_operation.amount_positive" or "transaction.tapos_block_prefix". */
  readonly rule: string;
  /** Path of the offending field from the object being checked, e.g. "amount.amount" or
   *  "operations[1][1].fee"; "" when the rule concerns the whole object. */
  readonly field: string;
  readonly message: string;
}

export function chainError(exception: ExceptionName, rule: string, field: string, message: string): ChainError {
  return { _tag: "ChainError", exception, code: EXCEPTION_CODES[exception], rule, field, message };
}

/** A refusal as an Either, for `return fail(...)` in code returning Either<ChainError, T>. */
export function fail(exception: ExceptionName, rule: string, field: string, message: string): E.Either<ChainError, never> {
  return E.left(chainError(exception, rule, field, message));
}

/** The refusal most rules make: bitshares-core's FC_ASSERT throws fc::assert_exception. */
export function assertFail(rule: string, field: string, message: string): E.Either<ChainError, never> {
  return fail("assert_exception", rule, field, message);
}

/** The success value of checks that return nothing, shared so success allocates nothing. */
export const OK: E.Either<ChainError, void> = E.right(undefined);

/** The same error seen from an enclosing object: its field path gets `prefix` in front. */
export function withFieldPrefix(error: ChainError, prefix: string): ChainError {
  if (prefix === "") return error;
  const field = error.field === "" ? prefix : error.field.startsWith("[") ? prefix + error.field : `${prefix}.${error.field}`;
  return { ...error, field };
}

/** One line for people: "assert_exception (10) transfer_operation.amount_positive at amount.amount: ..." */
export function formatChainError(error: ChainError): string {
  const at = error.field === "" ? "" : ` at ${error.field}`;
  return `${error.exception} (${error.code}) ${error.rule}${at}: ${error.message}`;
}
