// bitshares-core's block_tests drive `database` objects directly (db.generate_block, db.push_block,
// db.pop_block ...). TestNode is that shape over btsref's pure Blockchain: it holds the current value and
// throws a FixtureError where the C++ call throws.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { SKIP, genesisState, scheduledWitness, slotAtTime, slotTime } from "../chain/index.js";
import { genesisChainId, genesisText } from "../chain/genesis.js";
import { getBalance } from "../chain/balances.js";
import { PVec } from "../db/pvec.js";
import { Session } from "../chain/session.js";
import { referenceBlock } from "../crypto/digests.js";
import { secretFromSeed } from "../crypto/keys.js";
import { signTransaction } from "../crypto/transaction.js";
import { OBJECT_TYPES } from "../protocol/config.js";
import type { ChainError } from "../protocol/errors.js";
import { FixtureError, fixtureGenesis } from "../scenario/fixture.js";
import {
  type Blockchain, type BlockPushed, type BlockRefused, generateBlock, headBlockId, headBlockNum, openBlockchain, popBlock, pushBlock, pushTransaction,
} from "./blockchain.js";

/** block_tests.cpp make_genesis: database_fixture's ten init witnesses and zero fees, without its INITMPA asset. */
export function makeGenesis(): T.GenesisStateType {
  return { ...fixtureGenesis(), initial_assets: [] };
}

const must = <R>(r: E.Either<ChainError, R>): R => {
  if (E.isLeft(r)) throw new FixtureError(r.left);
  return r.right;
};

export class TestNode {
  chain: Blockchain;
  /** The wall clock _push_block compares block times with (undefined: every block is old). */
  now: number | undefined;

  constructor(genesis: T.GenesisStateType | Blockchain = makeGenesis(), now?: number) {
    if ("chainId" in genesis) {
      this.chain = genesis;
    } else {
      const chainId = genesisChainId(must(genesisText(genesis)));
      this.chain = openBlockchain(must(genesisState(genesis, chainId)), chainId);
    }
    this.now = now;
  }

  get chainId(): string {
    return this.chain.chainId;
  }
  headBlockNum(): number {
    return headBlockNum(this.chain);
  }
  headBlockId(): string {
    return headBlockId(this.chain);
  }
  dgpo(): T.DynamicGlobalPropertyObject {
    return this.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!;
  }
  headBlockTime(): number {
    return this.dgpo().time;
  }
  /** What db.get(id) sees: the pending state. */
  find<O>(id: string): O | undefined {
    return this.chain.pendingState.find(id) as O | undefined;
  }
  account(name: string): T.AccountObject | undefined {
    return this.chain.pendingState.findUnique<T.AccountObject>(1, OBJECT_TYPES.account, "by_name", [name]);
  }
  balance(account: string, assetId = "1.3.0"): bigint {
    return getBalance(new Session(this.chain.pendingState), account, assetId);
  }
  slotTime(n: number): number {
    return slotTime(this.chain.head, n);
  }
  slotAtTime(t: number): number {
    return slotAtTime(this.chain.head, t);
  }
  scheduledWitness(n: number): string {
    return scheduledWitness(this.chain.head, n);
  }

  /** db.generate_block(get_slot_time(slot), get_scheduled_witness(slot), null_key, skip). */
  generateBlock(skip: number = SKIP.nothing, slot = 1, key: Uint8Array = secretFromSeed("null_key")): T.SignedBlock {
    const r = generateBlock(this.chain, { when: this.slotTime(slot), witness: this.scheduledWitness(slot), signingKey: key, skip, now: this.now });
    if (E.isLeft(r)) {
      this.chain = r.left.chain;
      throw new FixtureError(r.left.error);
    }
    this.chain = r.right.chain;
    return r.right.block;
  }

  /** db.push_block: returns whether the chain switched forks; throws (keeping the chain after the refusal). */
  pushBlock(block: T.SignedBlock, skip: number = SKIP.nothing): boolean {
    const r: E.Either<BlockRefused, BlockPushed> = pushBlock(this.chain, block, { skip, now: this.now });
    if (E.isLeft(r)) {
      this.chain = r.left.chain;
      throw new FixtureError(r.left.error);
    }
    this.chain = r.right.chain;
    return r.right.switched;
  }

  popBlock(): void {
    this.chain = must(popBlock(this.chain));
  }

  /** db.clear_pending. */
  clearPending(): void {
    this.chain = { ...this.chain, pending: PVec.empty(), pendingState: this.chain.head };
  }

  /** test::set_expiration on a transaction of `operations`, signed by the given seeds' keys. */
  transaction(operations: T.Operation[], signers: readonly string[] = [], expiration?: number): T.SignedTransaction {
    const p = this.chain.head.find<T.GlobalPropertyObject>("2.0.0")!.parameters;
    const trx: T.SignedTransaction = {
      ...referenceBlock(this.headBlockId()), expiration: expiration ?? this.headBlockTime() + p.block_interval * (p.maintenance_skip_slots + 1) * 3,
      operations, extensions: [], signatures: [],
    };
    return this.sign(trx, signers);
  }

  sign(trx: T.SignedTransaction, signers: readonly string[]): T.SignedTransaction {
    if (signers.length === 0) return trx;
    const signed = signTransaction({ ...trx, signatures: [] } as unknown as Record<string, unknown>, this.chainId, signers.map((s) => secretFromSeed(s)));
    if (E.isLeft(signed)) throw new Error(signed.left.message);
    return { ...trx, signatures: signed.right.signatures };
  }

  /** PUSH_TX(db, trx, skip). */
  pushTransaction(trx: T.SignedTransaction, skip: number = SKIP.nothing): T.ProcessedTransaction {
    const r = must(pushTransaction(this.chain, trx, { skip }));
    this.chain = r.chain;
    return r.result;
  }
}
