// The chain a vector's pre-state is replayed on: a genesis, the head state, and the pending state with the
// transactions pushed since the head block (database::_pending_tx). Steps are push_transaction (onto the
// pending state) and push_block (onto the head; the pending transactions not in the block are pushed
// again and those that fail dropped, as push_block's pending_transactions_restorer does).
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { type Json, fromJson } from "../codec/index.js";
import {
  type BlockApplied, type ChainState, type TransactionApplied, SKIP, applyBlock, genesisState, makePendingBlock, pushTransaction, scheduledWitness, slotTime,
} from "../chain/index.js";
import { genesisChainId, genesisText } from "../chain/genesis.js";
import { transactionId } from "../crypto/digests.js";
import { secretFromSeed } from "../crypto/keys.js";
import { chainError, type ChainError } from "../protocol/errors.js";
import type { Setup, Step } from "./format.js";

const decodeAs = <V>(type: string, j: Json, field: string): E.Either<ChainError, V> =>
  E.mapLeft((e: { path: string; message: string }) => chainError("parse_error_exception", "conformance.decode", e.path ? `${field}.${e.path}` : field, `${type}: ${e.message}`))(fromJson(type, j)) as E.Either<ChainError, V>;

const txKey = (trx: T.SignedTransaction): string => {
  const { operation_results: _, ...signed } = trx as T.ProcessedTransaction;
  const id = transactionId(signed);
  return E.isRight(id) ? id.right : "";
};

export class Chain {
  private constructor(public head: ChainState, public state: ChainState, public pending: T.SignedTransaction[], readonly chainId: string) {}

  static fromGenesis(genesis: T.GenesisStateType): E.Either<ChainError, Chain> {
    const text = genesisText(genesis);
    if (E.isLeft(text)) return text;
    const chainId = genesisChainId(text.right);
    return E.map((s: ChainState) => new Chain(s, s, [], chainId))(genesisState(genesis, chainId));
  }

  static fromGenesisJson(genesis: Json): E.Either<ChainError, Chain> {
    return E.flatMap(decodeAs<T.GenesisStateType>("genesis_state_type", genesis, "genesis"), Chain.fromGenesis);
  }

  fork(): Chain {
    return new Chain(this.head, this.state, [...this.pending], this.chainId);
  }

  pushTransaction(trx: T.SignedTransaction, skip: number): E.Either<ChainError, TransactionApplied> {
    const r = pushTransaction(this.state, trx, { skip });
    if (E.isRight(r)) {
      this.state = r.right.state;
      this.pending.push(trx);
    }
    return r;
  }

  pushBlock(block: T.SignedBlock, skip: number): E.Either<ChainError, BlockApplied> {
    const r = applyBlock(this.head, block, { skip });
    if (E.isLeft(r)) return r;
    const inBlock = new Set(block.transactions.map(txKey));
    const again = this.pending.filter((t) => !inBlock.has(txKey(t)));
    this.head = r.right.state;
    this.state = r.right.state;
    this.pending = [];
    for (const t of again) this.pushTransaction(t, skip | SKIP.transaction_signatures);
    return r;
  }

  /** The block the witness scheduled at slot 1 (`miss` slots later) makes from the pending transactions,
   *  signed with sha256("null_key") (the key of every witness of database_fixture's genesis). */
  makeBlock(miss = 0): E.Either<ChainError, T.SignedBlock> {
    return makePendingBlock(this.head, this.pending, {
      when: slotTime(this.head, miss + 1), witness: scheduledWitness(this.head, miss + 1), signingKey: secretFromSeed("null_key"), skip: SKIP.nothing,
    });
  }

  /** One pre-state step; `field` names it in errors. */
  applyStep(step: Step, field: string): E.Either<ChainError, unknown> {
    if ("push_transaction" in step) {
      const a = step.push_transaction;
      return E.flatMap(decodeAs<T.SignedTransaction>("signed_transaction", a.transaction, `${field}.push_transaction.transaction`), (t) => this.pushTransaction(t, a.skip));
    }
    const a = step.push_block;
    return E.flatMap(decodeAs<T.SignedBlock>("signed_block", a.block, `${field}.push_block.block`), (b) => this.pushBlock(b, a.skip));
  }
}

/** A set-up replayed from its genesis, or the first step that fails (with its path). */
export function replaySetup(setup: Setup, field: string): E.Either<ChainError, Chain> {
  const c = Chain.fromGenesisJson(setup.genesis);
  if (E.isLeft(c)) return c;
  return replaySteps(c.right, setup.steps, `${field}.steps`);
}

export function replaySteps(chain: Chain, steps: readonly Step[], field: string): E.Either<ChainError, Chain> {
  for (let i = 0; i < steps.length; i++) {
    const r = chain.applyStep(steps[i]!, `${field}[${i}]`);
    if (E.isLeft(r)) return E.left({ ...r.left, field: `${field}[${i}]${r.left.field ? "." + r.left.field : ""}` });
  }
  return E.right(chain);
}
