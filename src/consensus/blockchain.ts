// A node's chain (bitshares-core's database at the block level, db_block.cpp): the head state, the undo
// history back to the last irreversible block, the fork database, and the pending transactions. push_block
// follows the longest chain, switching forks from the common ancestor's kept state; push_transaction and
// generate_block work on the pending state. Every function returns a new Blockchain; none changes its input.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { blockId, blockNumFromId, transactionId } from "../crypto/digests.js";
import { isSignedBy } from "../chain/block.js";
import { run } from "../chain/gen.js";
import { PMap } from "../db/pmap.js";
import { PVec } from "../db/pvec.js";
import { type BlockApplied, type ChainState, SKIP, applyBlock, makePendingBlock, pushTransaction as pushToState, slotTime } from "../chain/index.js";
import type { EvaluatorTable } from "../chain/evaluator.js";
import { DYNAMIC_GLOBAL_PROPERTY_ID, GLOBAL_PROPERTY_ID, WITNESS_SCHEDULE_ID } from "../chain/session.js";
import { IMPL_OBJECT_TYPES } from "../protocol/config.js";
import { type ChainError, chainError } from "../protocol/errors.js";
import {
  type ForkDatabase, type ForkItem, type ScheduleAfter, ZERO_BLOCK_ID, emptyForkDatabase, fetchBlock, fetchBlockByNumber as forkBlocksAt, fetchBranchFrom, forkItem,
  popHead, pushBlock as pushToForkDb, removeBlock, setHead, setMaxSize, withSchedule,
} from "./fork_database.js";

export interface Blockchain {
  readonly chainId: string;
  readonly forkDb: ForkDatabase;
  /** The current chain's blocks by number (block_database). */
  readonly blocks: PMap<number, ForkItem>;
  /** The state after each block of the current chain from the last irreversible block on, by number (0:
   *  genesis): the undo history. A fork switch starts from its common ancestor's state here. */
  readonly states: PMap<number, ChainState>;
  /** The state after the head block. */
  readonly head: ChainState;
  /** _pending_tx: processed transactions (with the results pushing them gave, which count in a block's
   *  size when one is made), applied in order on the head state to give pendingState. */
  readonly pending: PVec<T.ProcessedTransaction>;
  readonly pendingState: ChainState;
  /** _popped_tx: transactions of popped blocks, pushed again (when still unknown) by the next push_block. */
  readonly popped: readonly T.SignedTransaction[];
}

export interface PushOptions {
  /** database::validation_steps to skip (src/chain/skip.ts). */
  readonly skip?: number;
  /** The node's wall clock (seconds). Blocks newer than a day before it are checked against their parent's
   *  schedule before they are kept, and record the schedule after them, as _push_block does; without it
   *  every block counts as old. */
  readonly now?: number;
  readonly evaluators?: EvaluatorTable;
}

/** push_block's answer: `switched` is bitshares-core's return value (the head moved to another fork);
 *  `applied` the blocks applied, oldest first. */
export interface BlockPushed {
  readonly chain: Blockchain;
  readonly switched: boolean;
  readonly applied: readonly BlockApplied[];
}

/** A refused block: the error, and the chain after it. The head state is as it was; the fork database may
 *  have forgotten the blocks that failed, and the pending transactions were pushed again. */
export interface BlockRefused {
  readonly error: ChainError;
  readonly chain: Blockchain;
}

const numberOrder = (a: number, b: number): number => a - b;
const dgpoOf = (s: ChainState) => s.find<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID)!;
const DAY = 86400;
/** The signed transaction of a processed one (what _popped_tx keeps of a block's transactions). */
const stripResults = (trx: T.SignedTransaction | T.ProcessedTransaction): T.SignedTransaction => {
  if (!("operation_results" in trx)) return trx;
  const { operation_results: _, ...signed } = trx;
  return signed;
};

/** A chain at genesis: no blocks, the genesis state as head. */
export function openBlockchain(genesis: ChainState, chainId: string): Blockchain {
  return {
    chainId, forkDb: emptyForkDatabase, blocks: PMap.empty(numberOrder), states: PMap.empty<number, ChainState>(numberOrder).set(0, genesis),
    head: genesis, pending: PVec.empty(), pendingState: genesis, popped: [],
  };
}

/** The pending transactions in order. */
export const pendingTransactions = (c: Blockchain): T.ProcessedTransaction[] => [...c.pending.values()];

export const headBlockNum = (c: Blockchain): number => dgpoOf(c.head).head_block_number;
export const headBlockId = (c: Blockchain): string => dgpoOf(c.head).head_block_id;
export const lastIrreversibleBlockNum = (c: Blockchain): number => dgpoOf(c.head).last_irreversible_block_num;

/** fetch_block_by_number: the fork database's block when it knows exactly one at that height, else the
 *  current chain's. */
export function fetchBlockByNumber(c: Blockchain, num: number): T.SignedBlock | undefined {
  const known = forkBlocksAt(c.forkDb, num);
  if (known.length === 1) return known[0]!.block;
  return c.blocks.get(num)?.block;
}

/** fetch_block_by_id: from the fork database, else from the current chain. */
export function fetchBlockById(c: Blockchain, id: string): T.SignedBlock | undefined {
  const kept = fetchBlock(c.forkDb, id);
  if (kept !== undefined) return kept.block;
  const onChain = c.blocks.get(blockNumFromId(id));
  return onChain?.id === id ? onChain.block : undefined;
}

export const isKnownBlock = (c: Blockchain, id: string): boolean => fetchBlockById(c, id) !== undefined;

/** is_known_transaction: in the duplicate-detection index of the pending state. */
function isKnownTransaction(state: ChainState, trx: T.SignedTransaction | T.ProcessedTransaction): boolean {
  const id = transactionId(stripResults(trx));
  return E.isRight(id) && state.findUnique(2, IMPL_OBJECT_TYPES.transaction_history, "by_trx_id", [id.right]) !== undefined;
}

/** pending_transactions_restorer: after a block is pushed (or refused), the popped transactions and then
 *  the earlier pending ones are pushed again on the new head, except those already known; failures drop. */
function restorePending(c: Blockchain, again: readonly (T.SignedTransaction | T.ProcessedTransaction)[], options: PushOptions): Blockchain {
  let state = c.head;
  let pending = PVec.empty<T.ProcessedTransaction>();
  for (const trx of again) {
    if (isKnownTransaction(state, trx)) continue;
    const r = pushToState(state, stripResults(trx), { skip: options.skip ?? SKIP.nothing, evaluators: options.evaluators });
    if (E.isLeft(r)) continue;
    state = r.right.state;
    pending = pending.push(r.right.result);
  }
  return { ...c, pending, pendingState: state, popped: [] };
}

/** database::update_witnesses: the schedule after a block, for checking its children (verify_signing_witness). */
function scheduleAfter(state: ChainState): ScheduleAfter {
  const wso = state.find<T.WitnessScheduleObject>(WITNESS_SCHEDULE_ID)!;
  return {
    next_block_aslot: dgpoOf(state).current_aslot + 1n,
    next_block_time: slotTime(state, 1),
    witnesses: wso.current_shuffled_witnesses.map((w) => [w, state.find<T.WitnessObject>(w)!.signing_key] as const),
  };
}

/** verify_signing_witness: a block on a recent parent is produced in its slot by the witness the parent's
 *  schedule names, and signed by that witness's key. */
function verifySigningWitness(block: T.SignedBlock, parent: ScheduleAfter, blockInterval: number): E.Either<ChainError, void> {
  if (block.timestamp < parent.next_block_time) {
    return E.left(chainError("assert_exception", "block.after_parent_slot", "timestamp", `block time ${block.timestamp} is before the next slot ${parent.next_block_time} after its parent`));
  }
  const slot = Math.floor((block.timestamp - parent.next_block_time) / blockInterval);
  const [witness, key] = parent.witnesses[Number((parent.next_block_aslot + BigInt(slot)) % BigInt(parent.witnesses.length))]!;
  if (block.witness !== witness) {
    return E.left(chainError("assert_exception", "block.scheduled_witness", "witness", `Witness produced block at wrong time: ${block.witness} produced, ${witness} was scheduled`));
  }
  return E.flatMap((signed: boolean) => signed ? E.right(undefined)
    : E.left(chainError("assert_exception", "block.signee", "witness_signature", `the block is not signed by ${key}, the signing key of witness ${witness}`)))(run(isSignedBy(block, key)));
}

/** After a block is applied on top of the chain: its state becomes the head, states at or below the new
 *  last irreversible block are forgotten (except that block's own), and the fork database keeps
 *  head - LIB + 1 blocks (update_last_irreversible_block's set_max_size). */
function recordApplied(c: Blockchain, item: ForkItem, state: ChainState, recordSchedule: boolean): Blockchain {
  const lib = dgpoOf(state).last_irreversible_block_num;
  let states = c.states.set(item.num, state);
  for (let low = states.first(); low !== undefined && low[0] < lib; low = states.first()) states = states.delete(low[0]);
  let forkDb = setMaxSize(c.forkDb, item.num - lib + 1);
  if (recordSchedule) forkDb = withSchedule(forkDb, item.id, scheduleAfter(state));
  return { ...c, head: state, states, blocks: c.blocks.set(item.num, item), forkDb };
}

/** The chain with its blocks above `num` popped (their states and blocks dropped). */
function truncated(c: Blockchain, num: number): Blockchain {
  let { states, blocks } = c;
  for (let top = blocks.last(); top !== undefined && top[0] > num; top = blocks.last()) {
    blocks = blocks.delete(top[0]);
    states = states.delete(top[0]);
  }
  return { ...c, states, blocks, head: states.get(num)! };
}

/** database::push_block: `block` joins the fork database; if it extends the head it is applied, if it
 *  makes another branch longer the chain switches to that branch (switching back if a block of it
 *  fails). Pending transactions are set aside and pushed again afterwards. */
export function pushBlock(c: Blockchain, block: T.SignedBlock, options: PushOptions = {}): E.Either<BlockRefused, BlockPushed> {
  const skip = options.skip ?? SKIP.nothing;
  const again = [...c.popped, ...c.pending.values()];
  const base: Blockchain = { ...c, pending: PVec.empty(), pendingState: c.head, popped: [] };
  const refuse = (error: ChainError, after: Blockchain, popped: readonly (T.SignedTransaction | T.ProcessedTransaction)[] = []) =>
    E.left({ error, chain: restorePending(after, [...popped, ...again], options) });

  const id = blockId(block as unknown as { previous: string } & Record<string, unknown>);
  if (E.isLeft(id)) return refuse(chainError("invalid_arg_exception", "codec.packable", id.left.path, id.left.message), base);
  const recent = options.now !== undefined && block.timestamp > options.now - DAY;
  if (c.forkDb.head !== undefined && recent) {
    const parent = fetchBlock(c.forkDb, block.previous);
    if (parent === undefined) {
      return refuse(chainError("unlinkable_block_exception", "fork_database.unlinkable", "previous", `block ${id.right} does not link to a known block: previous ${block.previous} is unknown`), base);
    }
    if (parent.scheduled !== undefined && (skip & (SKIP.witness_schedule_check | SKIP.witness_signature)) === 0) {
      const checked = verifySigningWitness(block, parent.scheduled, c.head.find<T.GlobalPropertyObject>(GLOBAL_PROPERTY_ID)!.parameters.block_interval);
      if (E.isLeft(checked)) return refuse(checked.left, base);
    }
  }
  if (c.forkDb.head === undefined && block.previous !== headBlockId(c)) {
    // An empty fork database (a chain at genesis) would keep any block as its head, and the switch to it
    // could never find the genesis id: bitshares-core's node then refuses every later block, so a block
    // sent out of order would stop a new node for good. Only the child of the head links here.
    return refuse(chainError("unlinkable_block_exception", "fork_database.unlinkable", "previous",
      `block ${id.right} does not link to the head block: previous ${block.previous} is not ${headBlockId(c)}`), base);
  }
  const item = forkItem(block, id.right);
  const pushed = pushToForkDb(c.forkDb, item);
  if (E.isLeft(pushed)) return refuse(pushed.left, base);
  const forkDb = pushed.right;
  const newHead = forkDb.head!;
  const applyOptions = { skip, evaluators: options.evaluators };

  if (newHead.previous !== headBlockId(c)) {
    if (newHead.num <= headBlockNum(c)) return E.right({ chain: restorePending({ ...base, forkDb }, again, options), switched: false, applied: [] });
    return switchForks({ ...base, forkDb }, newHead, again, options);
  }
  const r = applyBlock(c.head, block, applyOptions);
  if (E.isLeft(r)) return refuse(r.left, { ...base, forkDb: removeBlock(forkDb, item.id) });
  const chain = recordApplied({ ...base, forkDb }, item, r.right.state, recent);
  return E.right({ chain: restorePending(chain, again, options), switched: false, applied: [r.right] });
}

/** The fork switch of _push_block: pop to the common ancestor, apply the new branch oldest first; on a
 *  failure forget the failing block and those after it and return to the old branch. */
function switchForks(c: Blockchain, newHead: ForkItem, again: readonly (T.SignedTransaction | T.ProcessedTransaction)[], options: PushOptions): E.Either<BlockRefused, BlockPushed> {
  const restore = (chain: Blockchain, popped: readonly (T.SignedTransaction | T.ProcessedTransaction)[]) => restorePending(chain, [...popped, ...again], options);
  const branches = fetchBranchFrom(c.forkDb, newHead.id, headBlockId(c));
  // A branch that cannot be walked is refused and its head forgotten, as a failing block is below: kept,
  // it would stay the fork database's head and every later block would be measured against it.
  if (E.isLeft(branches)) return E.left({ error: branches.left, chain: restore({ ...c, forkDb: removeBlock(c.forkDb, newHead.id) }, []) });
  const [newBranch, oldBranch] = branches.right;
  const ancestor = oldBranch[oldBranch.length - 1]!.num - 1;
  if (c.states.get(ancestor) === undefined) {
    // bitshares-core keeps no undo state this far back either; the branch cannot be taken.
    return E.left({
      error: chainError("assert_exception", "fork.below_irreversible", "previous", `switching to ${newHead.id} would pop block #${ancestor + 1}, at or below the last irreversible block #${lastIrreversibleBlockNum(c)}`),
      chain: restore({ ...c, forkDb: removeBlock(c.forkDb, newHead.id) }, []),
    });
  }
  // pop_block puts each popped block's transactions in front of _popped_tx: they end up in chain order.
  const poppedOld = [...oldBranch].reverse().flatMap((i) => i.block.transactions.map(stripResults));
  let chain = truncated(c, ancestor);
  const applied: BlockApplied[] = [];
  const fromOldest = [...newBranch].reverse();
  for (const [k, item] of fromOldest.entries()) {
    const r = applyBlock(chain.head, item.block, { skip: options.skip ?? SKIP.nothing, evaluators: options.evaluators });
    if (E.isLeft(r)) {
      let forkDb = chain.forkDb;
      for (const gone of fromOldest.slice(k)) forkDb = removeBlock(forkDb, gone.id);
      const oldHead = fetchBlock(forkDb, oldBranch[0]!.id) ?? oldBranch[0]!;
      forkDb = setMaxSize(setHead(forkDb, oldHead), headBlockNum(c) - lastIrreversibleBlockNum(c) + 1);
      const poppedNew = applied.flatMap((b) => b.block.transactions.map(stripResults));
      return E.left({ error: r.left, chain: restore({ ...c, forkDb }, [...poppedNew, ...poppedOld]) });
    }
    chain = recordApplied(chain, item, r.right.state, true);
    applied.push(r.right);
  }
  return E.right({ chain: restore(chain, poppedOld), switched: true, applied });
}

/** database::pop_block: the head block is undone; its transactions go in front of `popped`; the pending
 *  state is dropped (the pending list stays, as bitshares-core resets only the pending session). */
export function popBlock(c: Blockchain): E.Either<ChainError, Blockchain> {
  const forkHead = c.forkDb.head;
  if (forkHead === undefined) return E.left(chainError("assert_exception", "pop_block.empty_fork_database", "", "Trying to pop() from empty fork database"));
  let forkDb = c.forkDb;
  let item: ForkItem | undefined = forkHead;
  if (forkHead.id === headBlockId(c)) {
    const popped = popHead(forkDb);
    if (E.isLeft(popped)) return popped;
    forkDb = popped.right;
  } else {
    item = fetchBlock(forkDb, headBlockId(c));
    if (item === undefined) return E.left(chainError("assert_exception", "pop_block.not_in_fork_database", "", "Trying to pop() block that's not in fork database"));
  }
  const num = headBlockNum(c);
  if (c.states.get(num - 1) === undefined) {
    return E.left(chainError("assert_exception", "pop_block.undo_history", "", `no undo history below block #${num}: the last irreversible block is #${lastIrreversibleBlockNum(c)}`));
  }
  const chain = truncated({ ...c, forkDb }, num - 1);
  return E.right({ ...chain, pendingState: chain.head, popped: [...item.block.transactions.map(stripResults), ...c.popped] });
}

/** database::push_transaction: applied to the pending state and kept pending. */
export function pushTransaction(c: Blockchain, trx: T.SignedTransaction, options: PushOptions = {}): E.Either<ChainError, { chain: Blockchain; result: T.ProcessedTransaction }> {
  const r = pushToState(c.pendingState, trx, { skip: options.skip ?? SKIP.nothing, evaluators: options.evaluators });
  if (E.isLeft(r)) return r;
  // A persistent vector: appending does not copy what is pending (a node may hold thousands).
  return E.right({ chain: { ...c, pending: c.pending.push(r.right.result), pendingState: r.right.state }, result: r.right.result });
}

export interface GenerateOptions extends PushOptions {
  readonly when: number;
  readonly witness: string;
  readonly signingKey?: Uint8Array;
}

/** database::generate_block: the scheduled witness makes a block of the pending transactions that still
 *  apply, then pushes it (transaction signatures skipped, as they were checked when pushed). */
export function generateBlock(c: Blockchain, options: GenerateOptions): E.Either<BlockRefused, BlockPushed & { block: T.SignedBlock }> {
  const made = makePendingBlock(c.head, pendingTransactions(c), options);
  if (E.isLeft(made)) return E.left({ error: made.left, chain: c });
  const pushed = pushBlock({ ...c, pendingState: c.head }, made.right, { ...options, skip: (options.skip ?? SKIP.nothing) | SKIP.transaction_signatures });
  return E.map((p: BlockPushed) => ({ ...p, block: made.right }))(pushed);
}

/** get_block_ids_on_fork: the ids of a fork's blocks back to where it leaves the current chain, then that
 *  block's id. */
export function getBlockIdsOnFork(c: Blockchain, headOfFork: string): E.Either<ChainError, string[]> {
  return E.map(([first, second]: readonly [ForkItem[], ForkItem[]]) => [...second.map((i) => i.id), first[first.length - 1]!.previous])(
    fetchBranchFrom(c.forkDb, headBlockId(c), headOfFork));
}

export { ZERO_BLOCK_ID };
