// btsref's chain: pure functions from a state and an input to a result and a new state. The state is an
// immutable object database; every function returns a new one and leaves its input as it was.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import type { Database } from "../db/database.js";
import { chainError, type ChainError, withFieldPrefix } from "../protocol/errors.js";
import { type BlockHooks, applyBlockIn, makeBlock, selectPendingTransactions } from "./block.js";
import type { EvaluatorTable } from "./evaluator.js";
import { EVALUATORS } from "./evaluators/index.js";
import { processTickets } from "./evaluators/ticket.js";
import { clearExpiredProposals } from "./proposal_execution.js";
import { clearExpiredOrders } from "../market/expiry.js";
import { updateCoreExchangeRates, updateExpiredFeeds } from "../market/feeds_update.js";
import { updateCreditOffersAndDeals } from "../market/credit_deals.js";
import { clearExpiredForceSettlements } from "../market/force_settle.js";
import { run, step } from "./gen.js";
import { publicKeyOf } from "../crypto/keys.js";
import { bytesToHex } from "../codec/hex.js";
import { initGenesis } from "./genesis.js";
import { type AppliedOperation, Session } from "./session.js";
import { SKIP } from "./skip.js";
import { MAX_PUSHED_TRANSACTION_SIZE, applyTransactionIn, packedSize } from "./transaction.js";
import { getScheduledWitness, getSlotAtTime, getSlotTime } from "./witness_schedule.js";

export type ChainState = Database;
export { SKIP, SKIP_ALL } from "./skip.js";
export type { AppliedOperation } from "./session.js";

const HOOKS: BlockHooks = {
  processTickets: (s) => void processTickets(s), clearExpiredProposals, clearExpiredOrders, clearExpiredForceSettlements, updateExpiredFeeds, updateCoreExchangeRates,
  updateCreditOffersAndDeals,
};

export interface ApplyOptions {
  /** database::validation_steps to skip (src/chain/skip.ts); 0 checks everything. */
  readonly skip?: number;
  /** Replace the evaluator table (tests of the pipeline itself). */
  readonly evaluators?: EvaluatorTable;
}

/** The state before block 1 from a genesis; `chainId` is what bitshares-core derives from the genesis file. */
export function genesisState(genesis: T.GenesisStateType, chainId: string, options: ApplyOptions = {}): E.Either<ChainError, ChainState> {
  return initGenesis(genesis, chainId, options.evaluators ?? EVALUATORS);
}

export interface TransactionApplied {
  readonly state: ChainState;
  readonly result: T.ProcessedTransaction;
  /** The operations applied, virtual ones included, in order (database::_applied_ops). */
  readonly appliedOps: readonly AppliedOperation[];
}

/** database::push_transaction onto `state` (the head state with any pending transactions applied): the
 *  1 MiB limit on what a node considers, then apply_transaction. */
export function pushTransaction(state: ChainState, trx: T.SignedTransaction, options: ApplyOptions = {}): E.Either<ChainError, TransactionApplied> {
  const size = run(packedSize("signed_transaction", trx, ""));
  if (E.isLeft(size)) return size;
  if (size.right >= MAX_PUSHED_TRANSACTION_SIZE) {
    return E.left(chainError("assert_exception", "transaction.push_size", "", `Transaction exceeds maximum transaction size: ${size.right} bytes`));
  }
  return applyTransaction(state, trx, options);
}

/** database::apply_transaction: _apply_transaction on `state` with the given skip flags. */
export function applyTransaction(state: ChainState, trx: T.SignedTransaction, options: ApplyOptions = {}): E.Either<ChainError, TransactionApplied> {
  const s = new Session(state);
  Object.assign(s.position, { block_num: s.headBlockNum() + 1, block_time: s.headBlockTime() });
  const r = run(applyTransactionIn(s, trx, { skip: options.skip ?? SKIP.nothing, evaluators: options.evaluators ?? EVALUATORS }));
  return E.map((result: T.ProcessedTransaction) => ({ state: s.db, result, appliedOps: s.appliedOps.slice() }))(r);
}

export interface TransactionsApplied {
  readonly state: ChainState;
  readonly results: readonly T.ProcessedTransaction[];
  readonly appliedOps: readonly AppliedOperation[];
}

/** applyTransaction folded over `trxs`, in one session: the first failure is returned (the state given is
 *  untouched either way), with its field under `trxs[i]`. Writes of one batch share their copied nodes,
 *  so this is how many transactions are applied fast (a block applies its transactions the same way). */
export function applyTransactions(state: ChainState, trxs: readonly T.SignedTransaction[], options: ApplyOptions = {}): E.Either<ChainError, TransactionsApplied> {
  const s = new Session(state);
  Object.assign(s.position, { block_num: s.headBlockNum() + 1, block_time: s.headBlockTime() });
  const opts = { skip: options.skip ?? SKIP.nothing, evaluators: options.evaluators ?? EVALUATORS };
  const results: T.ProcessedTransaction[] = [];
  for (let i = 0; i < trxs.length; i++) {
    s.position.trx_in_block = i;
    const r = step(applyTransactionIn(s, trxs[i]!, opts));
    if (!r.done) return E.left(withFieldPrefix(r.value, `trxs[${i}]`));
    results.push(r.value);
  }
  return E.right({ state: s.db, results, appliedOps: s.appliedOps.slice() });
}

export interface BlockApplied {
  readonly state: ChainState;
  /** The block as given: what is stored and relayed. Its transactions keep the operation results they
   *  came with, which _generate_block clears, since they enter the merkle root (processed_transaction::
   *  merkle_digest packs them). */
  readonly block: T.SignedBlock;
  /** The block with each transaction's operation results as applying it gave them. */
  readonly processed: T.SignedBlock;
  readonly appliedOps: readonly AppliedOperation[];
}

/** database::apply_block: a block on top of the head state. */
export function applyBlock(state: ChainState, block: T.SignedBlock, options: ApplyOptions = {}): E.Either<ChainError, BlockApplied> {
  const s = new Session(state);
  const r = run(applyBlockIn(s, block, { skip: options.skip ?? SKIP.nothing, evaluators: options.evaluators ?? EVALUATORS, hooks: HOOKS }));
  return E.map((processed: T.SignedBlock) => ({ state: s.db, block, processed, appliedOps: s.appliedOps.slice() }))(r);
}

export interface GenerateBlockOptions extends ApplyOptions {
  /** The block time; a slot time after the head block. */
  readonly when: number;
  readonly witness: string;
  /** The witness's private key (omitted only with skip_witness_signature). */
  readonly signingKey?: Uint8Array;
}

/** database::_generate_block up to signing: the scheduled `witness` at `when` takes the pending
 *  transactions that still apply on `head` (in order; failing ones dropped, those over the block size
 *  postponed) into a block, signed with its key unless witness signatures are skipped. */
export function makePendingBlock(head: ChainState, pending: readonly T.SignedTransaction[], options: GenerateBlockOptions): E.Either<ChainError, T.SignedBlock> {
  const skip = options.skip ?? SKIP.nothing;
  const evaluators = options.evaluators ?? EVALUATORS;
  const s = new Session(head);
  return run((function* () {
    const slot = getSlotAtTime(s, options.when);
    if (slot === 0) yield chainError("assert_exception", "generate_block.slot", "when", `no slot at ${options.when}`);
    const scheduled = getScheduledWitness(s, slot);
    if (scheduled !== options.witness) {
      yield chainError("assert_exception", "generate_block.scheduled_witness", "witness", `witness ${scheduled} is scheduled at ${options.when}, not ${options.witness}`);
    }
    const signing = (skip & SKIP.witness_signature) !== 0 ? undefined : options.signingKey;
    if ((skip & SKIP.witness_signature) === 0) {
      const key = signing === undefined ? undefined : publicKeyOf(signing);
      const expected = s.get<T.WitnessObject>(options.witness).signing_key;
      if (key === undefined || E.isLeft(key) || bytesToHex(key.right) !== expected) {
        yield chainError("assert_exception", "generate_block.signing_key", "signingKey", `the key given is not the signing key ${expected} of witness ${options.witness}`);
      }
    }
    Object.assign(s.position, { block_num: s.headBlockNum() + 1, block_time: s.headBlockTime() });
    const txs = yield* selectPendingTransactions(s, pending, options.witness, { skip, evaluators, hooks: HOOKS });
    return yield* makeBlock(new Session(head), options.when, options.witness, txs, signing);
  })());
}

/** database::generate_block: makePendingBlock, then the block applied on `head` with transaction
 *  signatures skipped (src/consensus pushes it through the fork database instead). */
export function generateBlock(head: ChainState, pending: readonly T.SignedTransaction[], options: GenerateBlockOptions): E.Either<ChainError, BlockApplied & { included: number }> {
  const made = makePendingBlock(head, pending, options);
  if (E.isLeft(made)) return made;
  return E.map((b: BlockApplied) => ({ ...b, included: made.right.transactions.length }))(
    applyBlock(head, made.right, { skip: (options.skip ?? SKIP.nothing) | SKIP.transaction_signatures, evaluators: options.evaluators }));
}

/** Slot arithmetic on a state (get_slot_time, get_slot_at_time, get_scheduled_witness). */
export const slotTime = (state: ChainState, slot: number): number => getSlotTime(new Session(state), slot);
export const slotAtTime = (state: ChainState, when: number): number => getSlotAtTime(new Session(state), when);
export const scheduledWitness = (state: ChainState, slot: number): string => getScheduledWitness(new Session(state), slot);
