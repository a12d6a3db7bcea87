// database::_apply_block and _generate_block: a block's header checks, its transactions, then the chain's
// own per-block work in bitshares-core's order (witness bookkeeping, tickets, maintenance, block summary,
// expiries, schedule).
import type * as T from "../../generated/native-types.js";
import { hexToBytes, bytesToHex } from "../codec/hex.js";
import { blockHeaderDigest, blockId, merkleRoot } from "../crypto/digests.js";
import { recoverCompact, signCompact } from "../crypto/ecdsa.js";
import { IMPL_OBJECT_TYPES as I, IRREVERSIBLE_THRESHOLD, MAX_UNDO_HISTORY, OBJECT_TYPES as P, PERCENT_100, RECENTLY_MISSED_COUNT_DECREMENT, RECENTLY_MISSED_COUNT_INCREMENT } from "../protocol/config.js";
import { chainError } from "../protocol/errors.js";
import { adjustBalance } from "./balances.js";
import type { EvaluatorTable } from "./evaluator.js";
import { type Gen, ensure, ensureAssert, ok, prefixed, run, stop } from "./gen.js";
import { performChainMaintenance } from "./maintenance.js";
import { depositLazyVesting } from "./vesting.js";
import { DYNAMIC_GLOBAL_PROPERTY_ID, type Session } from "./session.js";
import { SKIP, skips } from "./skip.js";
import { applyTransactionIn, packedSize } from "./transaction.js";
import { DEFAULT_WITNESS_PAY_VESTING_SECONDS } from "../protocol/config.js";
import { MAINTENANCE_FLAG, getScheduledWitness, getSlotAtTime, updateWitnessMissedBlocks, updateWitnessSchedule } from "./witness_schedule.js";
import { either as E } from "fp-ts";

/** Per-block work evaluator families contribute (ticket updates, proposal and HTLC expiry ...), run at
 *  their place in _apply_block. */
export interface BlockHooks {
  readonly processTickets?: (s: Session) => void;
  readonly clearExpiredProposals?: (s: Session, evaluators: EvaluatorTable, skip: number) => void;
  /** clear_expired_orders: limit orders past their expiration are cancelled (the market, src/market). */
  readonly clearExpiredOrders?: (s: Session, evaluators: EvaluatorTable) => void;
  /** clear_expired_force_settlements: force settlements past their settlement date are executed (src/market). */
  readonly clearExpiredForceSettlements?: (s: Session) => void;
  /** update_expired_feeds and update_core_exchange_rates: bitasset feeds past their lifetime (src/market). */
  readonly updateExpiredFeeds?: (s: Session) => void;
  readonly updateCoreExchangeRates?: (s: Session) => void;
  /** update_credit_offers_and_deals: offers past auto_disable_time disabled, deals past latest_repay_time expired. */
  readonly updateCreditOffersAndDeals?: (s: Session) => void;
}

export interface BlockOptions {
  readonly skip: number;
  readonly evaluators: EvaluatorTable;
  readonly hooks: BlockHooks;
}

function* codecOk<R>(r: E.Either<{ path: string; message: string }, R>, field: string): Gen<R> {
  if (E.isLeft(r)) return yield* stop(chainError("invalid_arg_exception", "codec.packable", field || r.left.path, r.left.message));
  return r.right;
}

export function* blockIdOf(block: T.SignedBlockHeader): Gen<string> {
  return yield* codecOk(blockId(block as unknown as { previous: string } & Record<string, unknown>), "");
}

/** signed_block_header::validate_signee: the key recovered from the witness signature is `signingKey`. */
export function* isSignedBy(block: T.SignedBlockHeader, signingKey: string): Gen<boolean> {
  const digest = yield* codecOk(blockHeaderDigest(block), "");
  const key = recoverCompact(hexToBytes(block.witness_signature), hexToBytes(digest));
  return E.isRight(key) && bytesToHex(key.right) === signingKey;
}

/** validate_block_header: links to the head, later than it, signed by its witness, in its slot. */
function* validateBlockHeader(s: Session, block: T.SignedBlock, skip: number): Gen<T.WitnessObject> {
  const dgpo = s.dgpo();
  yield* ensureAssert(block.previous === dgpo.head_block_id, "block.links_to_head", "previous", () =>
    `block.previous ${block.previous} is not the head block ${dgpo.head_block_id}`);
  yield* ensureAssert(dgpo.time < block.timestamp, "block.after_head", "timestamp", () =>
    `block timestamp ${block.timestamp} is not after the head block time ${dgpo.time}`);
  const witness = yield* s.load<T.WitnessObject>(block.witness, "witness");
  if (!skips(skip, SKIP.witness_signature)) {
    yield* ensureAssert(yield* isSignedBy(block, witness.signing_key), "block.signee", "witness_signature", () =>
      `the block is not signed by the signing key of witness ${witness.id}`);
  }
  if (!skips(skip, SKIP.witness_schedule_check)) {
    const slot = getSlotAtTime(s, block.timestamp);
    yield* ensureAssert(slot > 0, "block.slot", "timestamp", () => `no slot at ${block.timestamp}`);
    const scheduled = getScheduledWitness(s, slot);
    yield* ensureAssert(block.witness === scheduled, "block.scheduled_witness", "witness", () =>
      `Witness produced block at wrong time: ${block.witness} produced, ${scheduled} was scheduled for slot ${slot}`);
  }
  return witness;
}

/** _apply_block on a session: the block with each transaction's operation results filled in. */
export function* applyBlockIn(s: Session, block: T.SignedBlock, options: BlockOptions): Gen<T.SignedBlock> {
  const { skip } = options;
  const id = yield* blockIdOf(block);
  const blockNum = s.headBlockNum() + 1;
  s.appliedOps.length = 0;
  if (!skips(skip, SKIP.block_size_check)) {
    const size = yield* packedSize("signed_block", block, "");
    const max = s.params().maximum_block_size;
    yield* ensureAssert(size <= max, "block.size", "", () => `the block is ${size} bytes, more than maximum_block_size ${max}`);
  }
  if (!skips(skip, SKIP.merkle_check)) {
    const root = yield* codecOk(merkleRoot(block.transactions), "transactions");
    yield* ensureAssert(root === block.transaction_merkle_root, "block.merkle_root", "transaction_merkle_root", () =>
      `transaction_merkle_root ${block.transaction_merkle_root} is not the merkle root ${root} of the transactions`);
  }
  const witness = yield* validateBlockHeader(s, block, skip);
  const maintenanceNeeded = s.dgpo().next_maintenance_time <= block.timestamp;
  Object.assign(s.position, { block_num: blockNum, trx_in_block: 0, op_in_trx: 0, virtual_op: 0, block_time: block.timestamp });
  const transactions: T.ProcessedTransaction[] = [];
  for (const [i, trx] of block.transactions.entries()) {
    const r = yield* prefixed(applyTransactionIn(s, trx, { skip, evaluators: options.evaluators }), `transactions[${i}]`);
    transactions.push({ ...trx, operation_results: r.operation_results });
    s.position.trx_in_block++;
  }
  s.position.op_in_trx = 0;
  s.position.virtual_op = 0;
  const missed = yield* updateWitnessMissedBlocks(s, block.timestamp);
  yield* updateGlobalDynamicData(s, block, blockNum, id, missed, skip);
  updateSigningWitness(s, witness, block, blockNum);
  updateLastIrreversibleBlock(s);
  options.hooks.processTickets?.(s);
  if (maintenanceNeeded) yield* performChainMaintenance(s, block, blockNum, options.evaluators);
  s.modify<T.BlockSummaryObject>(`2.${I.block_summary}.${blockNum & 0xffff}`, (b) => ({ ...b, block_id: id }));
  clearExpiredTransactions(s);
  options.hooks.clearExpiredProposals?.(s, options.evaluators, skip);
  options.hooks.clearExpiredOrders?.(s, options.evaluators);
  options.hooks.clearExpiredForceSettlements?.(s);
  yield* clearExpiredHtlcs(s);
  options.hooks.updateExpiredFeeds?.(s);
  options.hooks.updateCoreExchangeRates?.(s);
  updateWithdrawPermissions(s);
  options.hooks.updateCreditOffersAndDeals?.(s);
  s.modify<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID, (d) => ({
    ...d, dynamic_flags: (d.dynamic_flags & ~MAINTENANCE_FLAG) | (maintenanceNeeded ? MAINTENANCE_FLAG : 0),
  }));
  updateWitnessSchedule(s);
  return { ...block, transactions };
}

const U128 = (1n << 128n) - 1n;

/** update_global_dynamic_data: head block fields, the missed-slot counters and the slot bitmap. */
function* updateGlobalDynamicData(s: Session, b: T.SignedBlock, blockNum: number, id: string, missed: number, skip: number): Gen<void> {
  const d = s.modify<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID, (dgp) => {
    let recent = dgp.recently_missed_count;
    if (blockNum === 1) recent = 0;
    else if (missed > 0) recent = (recent + RECENTLY_MISSED_COUNT_INCREMENT * missed) >>> 0;
    else if (recent > RECENTLY_MISSED_COUNT_INCREMENT) recent -= RECENTLY_MISSED_COUNT_DECREMENT;
    else if (recent > 0) recent--;
    return {
      ...dgp, recently_missed_count: recent, head_block_number: blockNum, head_block_id: id, time: b.timestamp, current_witness: b.witness,
      recent_slots_filled: (((dgp.recent_slots_filled << 1n) + 1n) << BigInt(missed)) & U128,
      current_aslot: dgp.current_aslot + BigInt(missed + 1),
    };
  });
  if (!skips(skip, SKIP.undo_history_check)) {
    yield* ensure(d.head_block_number - d.last_irreversible_block_num < MAX_UNDO_HISTORY, "undo_database_exception", "block.undo_history", "", () =>
      `head block ${d.head_block_number} is ${MAX_UNDO_HISTORY} or more blocks past the last irreversible block ${d.last_irreversible_block_num}`);
  }
}

/** update_signing_witness: witness pay from the budget into the witness's vesting balance, and its slot. */
function updateSigningWitness(s: Session, witness: T.WitnessObject, b: T.SignedBlock, blockNum: number): void {
  const dgpo = s.dgpo();
  const aslot = dgpo.current_aslot + BigInt(getSlotAtTime(s, b.timestamp));
  const pay = s.params().witness_pay_per_block < dgpo.witness_budget ? s.params().witness_pay_per_block : dgpo.witness_budget;
  s.modify<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID, (d) => ({ ...d, witness_budget: d.witness_budget - pay }));
  if (pay !== 0n) {
    // witness_pay_vesting_seconds is not reflected in chain_parameters, so it always has its default.
    const created = depositLazyVesting(s, witness.pay_vb, pay, DEFAULT_WITNESS_PAY_VESTING_SECONDS, "witness", witness.witness_account, true);
    if (created !== undefined) s.modify<T.WitnessObject>(witness.id, (w) => ({ ...w, pay_vb: created }));
  }
  s.modify<T.WitnessObject>(witness.id, (w) => ({ ...w, last_aslot: aslot, last_confirmed_block_num: blockNum }));
}

/** update_last_irreversible_block: the block confirmed by 70% of the active witnesses. */
function updateLastIrreversibleBlock(s: Session): void {
  const confirmed = s.gpo().active_witnesses.map((id) => s.get<T.WitnessObject>(id).last_confirmed_block_num).sort((a, b) => a - b);
  const offset = Math.floor(((PERCENT_100 - IRREVERSIBLE_THRESHOLD) * confirmed.length) / PERCENT_100);
  const lib = confirmed[offset]!;
  if (lib > s.dgpo().last_irreversible_block_num) {
    s.modify<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID, (d) => ({ ...d, last_irreversible_block_num: lib }));
  }
}

/** clear_expired_transactions: duplicate detection forgets transactions once they expired. */
function clearExpiredTransactions(s: Session): void {
  const now = s.headBlockTime();
  for (let t; (t = s.first<T.TransactionHistoryObject>(2, I.transaction_history, "by_expiration")) && now > t.trx.expiration;) s.remove(t.id);
}

/** clear_expired_htlcs: an HTLC not redeemed by its time lock goes back to its sender (htlc_refund). */
function* clearExpiredHtlcs(s: Session): Gen<void> {
  const now = s.headBlockTime();
  for (let h; (h = s.first<T.HtlcObject>(1, P.htlc, "by_expiration")) && h.conditions.time_lock.expiration <= now;) {
    const amount = { amount: h.transfer.amount, asset_id: h.transfer.asset_id };
    yield* adjustBalance(s, h.transfer.from, amount);
    s.pushAppliedOperation([53, {
      fee: { amount: 0n, asset_id: "1.3.0" }, htlc_id: h.id, to: h.transfer.from, original_htlc_recipient: h.transfer.to, htlc_amount: amount,
      htlc_preimage_hash: h.conditions.hash_lock.preimage_hash, htlc_preimage_size: h.conditions.hash_lock.preimage_size,
    }] as unknown as T.Operation);
    s.remove(h.id);
  }
}

/** update_withdraw_permissions: expired recurring-payment permissions are removed. */
function updateWithdrawPermissions(s: Session): void {
  const now = s.headBlockTime();
  for (let w; (w = s.first<T.WithdrawPermissionObject>(1, P.withdraw_permission, "by_expiration")) && w.expiration <= now;) s.remove(w.id);
}

/** The header of a block made from `transactions`, signed by `signingKey` unless signatures are skipped. */
export function* makeBlock(s: Session, when: number, witness: string, transactions: T.ProcessedTransaction[], signingKey: Uint8Array | undefined): Gen<T.SignedBlock> {
  const root = yield* codecOk(merkleRoot(transactions), "transactions");
  const header: T.SignedBlock = {
    previous: s.dgpo().head_block_id, timestamp: when, witness, transaction_merkle_root: root, extensions: [],
    witness_signature: "00".repeat(65), transactions,
  };
  if (signingKey === undefined) return header;
  const digest = yield* codecOk(blockHeaderDigest(header), "");
  const sig = yield* ok(E.mapLeft((e: { message: string }) => chainError("assert_exception", "block.sign", "", e.message))(signCompact(signingKey, hexToBytes(digest))));
  return { ...header, witness_signature: bytesToHex(sig) };
}

/** _generate_block, first half: the pending transactions that still apply on the head state (each in its
 *  own undo session; those failing are dropped, those over the block size postponed). */
export function* selectPendingTransactions(s: Session, pending: readonly (T.SignedTransaction | T.ProcessedTransaction)[], witness: string, options: BlockOptions): Gen<T.ProcessedTransaction[]> {
  const max = s.params().maximum_block_size;
  // pack_size(signed_block_header) - pack_size(witness_id) + 3, plus the witness id's varint.
  const witnessSize = yield* packedSize("witness_id_type", witness, "witness");
  let total = (20 + 4 + 20 + 1 + 65) + 3 + witnessSize;
  const included: T.ProcessedTransaction[] = [];
  for (const trx of pending) {
    // _pending_tx holds processed transactions: the first size check counts the results push_transaction
    // gave them (a transfer's void_result adds 2 bytes); the second counts them cleared.
    const size = yield* packedSize("operation_results" in trx ? "processed_transaction" : "signed_transaction", trx, "");
    if (total + size > max) continue;
    const cp = s.checkpoint();
    const r = run(applyTransactionIn(s, trx, { skip: options.skip, evaluators: options.evaluators }));
    if (E.isLeft(r)) {
      s.restore(cp);
      continue;
    }
    const { operation_results: _, ...signed } = trx as T.ProcessedTransaction;
    const ptx: T.ProcessedTransaction = { ...signed, operation_results: [] };
    const withResults = total + (yield* packedSize("processed_transaction", ptx, ""));
    if (withResults > max) {
      s.restore(cp);
      continue;
    }
    total = withResults;
    included.push(ptx);
  }
  return included;
}

