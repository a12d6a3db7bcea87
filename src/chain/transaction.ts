// database::_apply_transaction: a signed transaction checked and applied as one unit. Order of checks as
// there: validate(), duplicates, authorities, then (after genesis) TaPoS, expiration and size; the
// transaction is remembered for duplicate detection and its operations applied in order.
import type * as T from "../../generated/native-types.js";
import { packSize } from "../codec/index.js";
import { type SignedTransactionWithOperations, verifyTransactionAuthority } from "../protocol/authority/index.js";
import { IMPL_OBJECT_TYPES, OBJECT_TYPES } from "../protocol/config.js";
import { type ChainError, chainError, withFieldPrefix } from "../protocol/errors.js";
import { validateTransaction } from "../protocol/validate/index.js";
import { referenceBlock, transactionId } from "../crypto/digests.js";
import { activeLookup, customAuthorityLookup, ownerLookup } from "./authority_lookup.js";
import { type EvaluatorTable, type TransactionState, applyOperation } from "./evaluator.js";
import { type Gen, PASSED, done, step, stop } from "./gen.js";
import type { Session } from "./session.js";
import { SKIP, skips } from "./skip.js";

/** FC_ASSERT in database::push_transaction: no transaction of 1 MiB or more is even considered. */
export const MAX_PUSHED_TRANSACTION_SIZE = 1024 * 1024;

/** fc::raw::pack_size; a value that cannot be packed is refused as invalid_arg_exception. */
export function packedSize(type: string, value: unknown, field: string): Gen<number> {
  const r = packSize(type, value);
  return r._tag === "Left" ? stop(chainError("invalid_arg_exception", "codec.packable", field || r.left.path, r.left.message)) : done(r.right);
}

/** The state a transaction's checks read; `skip` holds database::validation_steps flags. */
export interface ApplyTransactionOptions {
  readonly skip: number;
  readonly evaluators: EvaluatorTable;
}

export function applyTransactionIn(s: Session, trx: T.SignedTransaction, options: ApplyTransactionOptions): Gen<T.ProcessedTransaction> {
  const skip = options.skip;
  const valid = validateTransaction(trx);
  if (valid._tag === "Left") return stop(valid.left);
  const dupeCheck = !skips(skip, SKIP.transaction_dupe_check);
  let trxId = "";
  if (dupeCheck) {
    const id = transactionId(trx);
    if (id._tag === "Left") return stop(chainError("invalid_arg_exception", "codec.packable", id.left.path, id.left.message));
    trxId = id.right;
    if (s.findUnique(2, IMPL_OBJECT_TYPES.transaction_history, "by_trx_id", [trxId]) !== undefined) {
      return stop(chainError("duplicate_transaction", "transaction.not_duplicate", "", `Transaction '${trxId}' is already in the database`));
    }
  }
  const params = s.params();
  if (!skips(skip, SKIP.transaction_signatures)) {
    const verified = verifyTransactionAuthority(trx as unknown as SignedTransactionWithOperations, s.chainId(), activeLookup(s), ownerLookup(s), customAuthorityLookup(s), {
      allowNonImmediateOwner: true,
      ignoreCustomOperationRequiredAuths: false,
      maxRecursion: params.max_authority_depth,
    });
    if (verified._tag === "Left") return stop(verified.left);
  }
  if (s.headBlockNum() > 0) {
    const refused = checkTaposExpirationAndSize(s, trx, skip, params);
    if (refused !== undefined) return stop(refused);
  }
  if (dupeCheck) {
    s.create<T.TransactionHistoryObject>(2, IMPL_OBJECT_TYPES.transaction_history, (id) => ({ id, trx, trx_id: trxId }));
  }
  const state: TransactionState = { evaluators: options.evaluators, trx, is_proposed_trx: false, skip_fee_schedule_check: false, skip };
  const results: T.OperationResult[] = [];
  s.position.op_in_trx = 0;
  for (let i = 0; i < trx.operations.length; i++) {
    s.position.virtual_op = 0;
    const r = step(applyOperation(s, state, trx.operations[i]!));
    if (!r.done) return stop(withFieldPrefix(r.value, `operations[${i}][1]`));
    results.push(r.value);
    s.position.op_in_trx++;
  }
  const repaid = step(checkSametFundsRepaid(s));
  if (!repaid.done) return stop(repaid.value);
  return done({ ...trx, operation_results: results });
}

/** The checks _apply_transaction makes once the chain has a head block: TaPoS, the expiration window and
 *  the size limit; the first refusal, if any. */
function checkTaposExpirationAndSize(s: Session, trx: T.SignedTransaction, skip: number, params: T.ChainParameters): ChainError | undefined {
  if (!skips(skip, SKIP.tapos_check)) {
    const summary = s.find<T.BlockSummaryObject>(`2.${IMPL_OBJECT_TYPES.block_summary}.${trx.ref_block_num}`);
    if (summary === undefined || referenceBlock(summary.block_id).ref_block_prefix !== trx.ref_block_prefix) {
      return chainError("assert_exception", "transaction.tapos", "ref_block_prefix",
        `ref_block_prefix ${trx.ref_block_prefix} does not match the block numbered ${trx.ref_block_num} modulo 65536`);
    }
  }
  const now = s.headBlockTime();
  if (trx.expiration > now + params.maximum_time_until_expiration) {
    return chainError("assert_exception", "transaction.expiration_not_too_far", "expiration",
      `expiration ${trx.expiration} is more than maximum_time_until_expiration (${params.maximum_time_until_expiration}s) after the head block time ${now}`);
  }
  if (now > trx.expiration) {
    return chainError("assert_exception", "transaction.not_expired", "expiration", `the transaction expired at ${trx.expiration}, before the head block time ${now}`);
  }
  if (!skips(skip, SKIP.block_size_check)) {
    const size = packSize("transaction", trx);
    if (size._tag === "Left") return chainError("invalid_arg_exception", "codec.packable", size.left.path, size.left.message);
    if (size.right > params.maximum_transaction_size) {
      return chainError("assert_exception", "transaction.size", "",
        `Transaction exceeds maximum transaction size: ${size.right} bytes, maximum_transaction_size ${params.maximum_transaction_size}`);
    }
  }
  return undefined;
}

/** SameT funds lend only within one transaction (BSIP 2.0 flash loans): nothing may stay unpaid. */
export function checkSametFundsRepaid(s: Session): Gen<void> {
  const first = s.first<T.SametFundObject>(1, OBJECT_TYPES.samet_fund, "by_unpaid");
  return first === undefined || first.unpaid_amount === 0n ? PASSED : stop(chainError("assert_exception", "transaction.samet_fund_repaid", "", "Unpaid SameT Fund debt detected"));
}
