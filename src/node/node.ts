// A node (the edge of btsref: I/O and time live here, the chain stays pure): the current Blockchain value,
// its block store, the witness keys it produces with, and listeners for applied blocks and pending
// transactions. Every change goes through one queue, so a block, a transaction and a production slot are
// handled one at a time and each is stored before it is announced.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { bytesToHex } from "../codec/hex.js";
import { publicKeyOf } from "../crypto/keys.js";
import { type BlockApplied, SKIP, genesisState, scheduledWitness, slotAtTime, slotTime } from "../chain/index.js";
import { genesisChainId, genesisText } from "../chain/genesis.js";
import { witnessParticipationRate } from "../chain/witness_schedule.js";
import {
  type Blockchain, type BlockPushed, generateBlock, headBlockNum, lastIrreversibleBlockNum, openBlockchain, pushBlock, pushTransaction,
} from "../consensus/blockchain.js";
import type { ChainError } from "../protocol/errors.js";
import type { BlockStore } from "./store.js";

export interface NodeOptions {
  readonly genesis: T.GenesisStateType;
  readonly store: BlockStore;
  /** Private keys of the witnesses this node produces for (matched by signing key). */
  readonly witnessKeys?: readonly Uint8Array[];
  /** Percentage of the last 128 slots that must have been filled to produce (witness plugin
   *  required-participation). */
  readonly requiredParticipation?: number;
  /** Wall clock in milliseconds (Date.now by default). */
  readonly clock?: () => number;
  readonly log?: (line: string) => void;
  /** Empties the block store for resetToGenesis: given the open store, returns an empty one (the same
   *  store emptied, or a new one in its place). Without it the node cannot be reset. */
  readonly resetStore?: (store: BlockStore) => Promise<BlockStore>;
}

/** Why a production slot made no block (witness plugin block_production_condition). */
export type ProductionCondition = "produced" | "not_time_yet" | "not_my_turn" | "no_private_key" | "low_participation" | "lag" | "exception";

export interface NodeEvents {
  /** A block joined the current chain (oldest first when a fork switch applies several). */
  block?: (applied: BlockApplied, node: Node) => void;
  /** A transaction was accepted as pending. */
  transaction?: (trx: T.SignedTransaction, node: Node) => void;
  /** The node went back to its genesis (resetToGenesis, the debug API); `before` is the chain it left. */
  reset?: (before: Blockchain, node: Node) => void;
}

export class NodeError extends Error {
  constructor(readonly error: ChainError) {
    super(`${error.exception} ${error.rule}${error.field ? ` at ${error.field}` : ""}: ${error.message}`);
  }
}

export class Node {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners: NodeEvents[] = [];
  private readonly keys: Map<string, Uint8Array>;
  private readonly clock: () => number;
  private store: BlockStore;
  readonly log: (line: string) => void;

  private constructor(public chain: Blockchain, private readonly genesisChain: Blockchain, private readonly options: NodeOptions) {
    this.store = options.store;
    this.clock = options.clock ?? Date.now;
    this.log = options.log ?? (() => {});
    this.keys = new Map((options.witnessKeys ?? []).map((k) => [bytesToHex(E.getOrElseW(() => new Uint8Array())(publicKeyOf(k))), k]));
  }

  /** Opens the chain of `genesis` on `store`: the stored blocks are replayed (signatures were checked when
   *  they were first accepted), and a store made for another genesis is refused. */
  static async open(options: NodeOptions): Promise<Node> {
    const text = genesisText(options.genesis);
    if (E.isLeft(text)) throw new NodeError(text.left);
    const chainId = genesisChainId(text.right);
    const stored = await options.store.chainId();
    if (stored !== undefined && stored !== chainId) throw new Error(`the data directory holds chain ${stored}, not ${chainId}`);
    if (stored === undefined) await options.store.setChainId(chainId);
    const state = genesisState(options.genesis, chainId);
    if (E.isLeft(state)) throw new NodeError(state.left);
    const genesisChain = openBlockchain(state.right, chainId);
    let chain = genesisChain;
    const blocks = await options.store.readBlocks();
    const log = options.log ?? (() => {});
    if (blocks.length > 0) log(`replaying ${blocks.length} stored blocks`);
    const started = Date.now();
    for (const [i, block] of blocks.entries()) {
      const r = pushBlock(chain, block, { skip: SKIP.witness_signature | SKIP.transaction_signatures });
      if (E.isLeft(r)) throw new Error(`stored block #${i + 1} does not apply: ${r.left.error.rule}: ${r.left.error.message}`);
      chain = r.right.chain;
      if ((i + 1) % 1000 === 0) log(`replayed ${i + 1} of ${blocks.length} blocks`);
    }
    if (blocks.length > 0) log(`replayed ${blocks.length} blocks in ${Date.now() - started} ms; head #${headBlockNum(chain)}, irreversible #${lastIrreversibleBlockNum(chain)}`);
    return new Node(chain, genesisChain, options);
  }

  get chainId(): string {
    return this.chain.chainId;
  }

  on(events: NodeEvents): () => void {
    this.listeners.push(events);
    return () => {
      const i = this.listeners.indexOf(events);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Runs `task` after every earlier one. */
  private serial<R>(task: () => Promise<R>): Promise<R> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async commit(pushed: BlockPushed): Promise<void> {
    this.chain = pushed.chain;
    await this.store.writeChain(pushed.applied.map((a) => {
      const num = a.state.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_number;
      return { num, block: a.block };
    }));
    for (const applied of pushed.applied) for (const l of [...this.listeners]) l.block?.(applied, this);
  }

  /** push_block from a peer: applied (or kept as a fork), stored, announced. */
  pushBlock(block: T.SignedBlock): Promise<E.Either<ChainError, BlockPushed>> {
    return this.serial(async () => {
      const r = pushBlock(this.chain, block, { now: Math.floor(this.clock() / 1000) });
      if (E.isLeft(r)) {
        this.chain = r.left.chain;
        return E.left(r.left.error);
      }
      await this.commit(r.right);
      return E.right(r.right);
    });
  }

  /** push_transaction from the API or a peer. */
  pushTransaction(trx: T.SignedTransaction): Promise<E.Either<ChainError, T.ProcessedTransaction>> {
    return this.serial(async () => {
      const r = pushTransaction(this.chain, trx);
      if (E.isLeft(r)) return r;
      this.chain = r.right.chain;
      for (const l of [...this.listeners]) l.transaction?.(trx, this);
      return E.right(r.right.result);
    });
  }

  /** The witness plugin's maybe_produce_block at wall-clock time `nowMs`. */
  maybeProduce(nowMs = this.clock()): Promise<{ condition: ProductionCondition; block?: T.SignedBlock; detail?: string }> {
    return this.serial(async () => {
      // The plugin rounds the time to the nearest second.
      const now = Math.floor((nowMs + 500) / 1000);
      const head = this.chain.head;
      const slot = slotAtTime(head, now);
      if (slot === 0) return { condition: "not_time_yet" as const };
      const witness = scheduledWitness(head, slot);
      const signingKey = head.find<T.WitnessObject>(witness)!.signing_key;
      const key = this.keys.get(signingKey);
      if (key === undefined) return { condition: this.ownsAnyWitness() ? "not_my_turn" as const : "no_private_key" as const };
      const dgpo = head.find<T.DynamicGlobalPropertyObject>("2.1.0")!;
      const rate = witnessParticipationRate(dgpo);
      if (rate < (this.options.requiredParticipation ?? 0) * 100) return { condition: "low_participation" as const, detail: `${rate / 100}%` };
      const when = slotTime(head, slot);
      // The plugin compares whole seconds: the slot must be the rounded current second.
      if (when !== now) return { condition: "lag" as const };
      const r = generateBlock(this.chain, { when, witness, signingKey: key, now });
      if (E.isLeft(r)) {
        this.chain = r.left.chain;
        return { condition: "exception" as const, detail: `${r.left.error.rule}: ${r.left.error.message}` };
      }
      await this.commit(r.right);
      return { condition: "produced" as const, block: r.right.block };
    });
  }

  private ownsAnyWitness(): boolean {
    const active = this.chain.head.find<T.GlobalPropertyObject>("2.0.0")!.active_witnesses;
    return active.some((w) => this.keys.has(this.chain.head.find<T.WitnessObject>(w)!.signing_key));
  }

  /** Back to a fresh chain from the node's own genesis (a test hook, served only by the debug API): the
   *  block store emptied, then the state, fork database, pending and popped transactions dropped at once,
   *  and the `reset` listeners told. It runs in the node's queue, so no other change sees half of it; reads
   *  see the old chain until the new one replaces it in one assignment. */
  resetToGenesis(): Promise<void> {
    return this.serial(async () => {
      const reset = this.options.resetStore;
      if (reset === undefined) throw new Error("this node's block store cannot be emptied (no resetStore)");
      this.store = await reset(this.store);
      await this.store.setChainId(this.chainId);
      const before = this.chain;
      this.chain = this.genesisChain;
      this.log(`reset to genesis (was at #${headBlockNum(before)})`);
      for (const l of [...this.listeners]) l.reset?.(before, this);
    });
  }

  async close(): Promise<void> {
    await this.serial(async () => this.store.close());
  }
}
