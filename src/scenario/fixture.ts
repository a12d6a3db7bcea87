// bitshares-core's database_fixture (tests/common/database_fixture.cpp) over btsref's pure chain: a genesis
// of ten lifetime-member witnesses init0..init9 keyed by sha256("null_key"), pending transactions on top of
// the head block, and blocks produced by the scheduled witness. Scenario files and tests drive it.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { bytesToHex } from "../codec/hex.js";
import { referenceBlock } from "../crypto/digests.js";
import { publicKeyOf, secretFromSeed } from "../crypto/keys.js";
import { signTransaction } from "../crypto/transaction.js";
import {
  type ChainState, SKIP, SKIP_ALL, applyBlock, pushTransaction, generateBlock, genesisState, scheduledWitness, slotAtTime, slotTime,
} from "../chain/index.js";
import { makeBlock } from "../chain/block.js";
import { run } from "../chain/gen.js";
import { defaultChainParameters } from "../chain/defaults.js";
import { genesisChainId, genesisText } from "../chain/genesis.js";
import { getBalance } from "../chain/balances.js";
import { Session } from "../chain/session.js";
import { IMPL_OBJECT_TYPES, MAX_SHARE_SUPPLY, OBJECT_TYPES } from "../protocol/config.js";
import { chainError, type ChainError } from "../protocol/errors.js";
import { setFee, zeroFeeSchedule } from "../protocol/fees/index.js";

/** GRAPHENE_TESTING_GENESIS_TIMESTAMP's default (tests/common/database_fixture.cpp). */
export const TESTING_GENESIS_TIMESTAMP = 1431700000;
/** INITIAL_WITNESS_COUNT: the fixture's min_witness_count and min_committee_member_count. */
const INITIAL_WITNESS_COUNT = 9;

export const publicKeyOfSeed = (seed: string): string => bytesToHex(E.getOrElseW(() => { throw new Error("bad seed key"); })(publicKeyOf(secretFromSeed(seed))));

/** database_fixture::init_genesis. */
export function fixtureGenesis(timestamp = TESTING_GENESIS_TIMESTAMP): T.GenesisStateType {
  const key = publicKeyOfSeed("null_key");
  const names = Array.from({ length: 10 }, (_, i) => `init${i}`);
  return {
    initial_timestamp: timestamp, max_core_supply: MAX_SHARE_SUPPLY, initial_parameters: defaultChainParameters(zeroFeeSchedule()),
    initial_accounts: names.map((name) => ({ name, owner_key: key, active_key: key, is_lifetime_member: true })),
    initial_assets: [{
      symbol: "INITMPA", issuer_name: "committee-account", description: "Initial MPA", precision: 4, max_supply: MAX_SHARE_SUPPLY,
      accumulated_fees: 0n, is_bitasset: true, collateral_records: [],
    }],
    initial_balances: [], initial_vesting_balances: [], initial_active_witnesses: 10n,
    initial_witness_candidates: names.map((owner_name) => ({ owner_name, block_signing_key: key })),
    initial_committee_candidates: names.map((owner_name) => ({ owner_name })), initial_worker_candidates: [],
    immutable_parameters: { min_committee_member_count: INITIAL_WITNESS_COUNT, min_witness_count: INITIAL_WITNESS_COUNT, num_special_accounts: 0, num_special_assets: 0 },
  };
}

export class FixtureError extends Error {
  constructor(readonly error: ChainError) {
    super(`${error.exception} ${error.rule} at ${error.field}: ${error.message}`);
  }
}

/** A transaction's identity for the restorer: its signed form without operation results. */
const transactionKey = (trx: T.SignedTransaction): string => {
  const { operation_results: _, ...signed } = trx as T.ProcessedTransaction;
  const fields = Object.keys(signed).sort().map((k) => [k, (signed as Record<string, unknown>)[k]]);
  return JSON.stringify(fields, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
};

const must = <R>(r: E.Either<ChainError, R>): R => {
  if (E.isLeft(r)) throw new FixtureError(r.left);
  return r.right;
};

export interface PushOptions {
  /** Seed names whose keys sign (sha256 of the seed is the private key; "null_key" for init accounts). */
  readonly signers?: readonly string[];
  /** Skip flags; default ~0 (everything) without signers, 0 with them, as the fixture's tests do. */
  readonly skip?: number;
  /** Set each operation's fee from the current fee schedule (default true, unless the fee is not zero). */
  readonly setFees?: boolean;
}

export class ChainFixture {
  head: ChainState;
  state: ChainState;
  /** database::_pending_tx: the transactions pushed since the head block, with their operation results. */
  pending: T.ProcessedTransaction[] = [];
  readonly chainId: string;
  /** Blocks produced, by number - 1. */
  readonly blocks: T.SignedBlock[] = [];
  /** The head state before each block of `blocks` (what popping it returns to). */
  private readonly before: ChainState[] = [];
  /** database::_popped_tx: transactions of popped blocks (dropped by the next generate_block, see there). */
  popped: T.SignedTransaction[] = [];

  private constructor(head: ChainState, chainId: string) {
    this.head = head;
    this.state = head;
    this.chainId = chainId;
  }

  /** The fixture after genesis and its first block, like database_fixture's constructor. */
  static create(genesis: T.GenesisStateType = fixtureGenesis()): ChainFixture {
    const text = must(genesisText(genesis));
    const chainId = genesisChainId(text);
    const f = new ChainFixture(must(genesisState(genesis, chainId)), chainId);
    f.generateBlock();
    return f;
  }

  /** An independent copy: the same states (immutable, so shared), its own block history and pending list. */
  fork(): ChainFixture {
    const f = new ChainFixture(this.head, this.chainId);
    f.state = this.state;
    f.pending = [...this.pending];
    f.blocks.push(...this.blocks);
    f.before.push(...this.before);
    f.popped = [...this.popped];
    return f;
  }

  private session(): Session {
    return new Session(this.state);
  }

  get<O>(id: string): O {
    const o = this.state.find(id);
    if (o === undefined) throw new Error(`no object ${id}`);
    return o as O;
  }
  find<O>(id: string): O | undefined {
    return this.state.find(id) as O | undefined;
  }
  account(name: string): T.AccountObject {
    const a = this.state.findUnique<T.AccountObject>(1, OBJECT_TYPES.account, "by_name", [name]);
    if (a === undefined) throw new Error(`no account ${name}`);
    return a;
  }
  asset(symbol: string): T.AssetObject {
    const a = this.state.findUnique<T.AssetObject>(1, OBJECT_TYPES.asset, "by_symbol", [symbol]);
    if (a === undefined) throw new Error(`no asset ${symbol}`);
    return a;
  }
  balance(account: string, assetId: string): bigint {
    return getBalance(this.session(), account, assetId);
  }
  gpo(): T.GlobalPropertyObject {
    return this.get(`2.${IMPL_OBJECT_TYPES.global_property}.0`);
  }
  dgpo(): T.DynamicGlobalPropertyObject {
    return this.get(`2.${IMPL_OBJECT_TYPES.dynamic_global_property}.0`);
  }
  now(): number {
    return this.dgpo().time;
  }
  headBlockNum(): number {
    return this.dgpo().head_block_number;
  }
  privateKey(seed: string): Uint8Array {
    return secretFromSeed(seed);
  }
  publicKey(seed: string): string {
    return publicKeyOfSeed(seed);
  }

  /** test::set_expiration: referencing the head block, expiring 3 rounds of maintenance skip slots later. */
  transaction(operations: T.Operation[]): T.SignedTransaction {
    const p = this.gpo().parameters;
    const { ref_block_num, ref_block_prefix } = referenceBlock(this.dgpo().head_block_id);
    const expiration = this.now() + p.block_interval * (p.maintenance_skip_slots + 1) * 3;
    return { ref_block_num, ref_block_prefix, expiration, operations, extensions: [], signatures: [] };
  }

  /** Fees of zero-fee operations set from the current schedule (and the asset's CER for other assets). */
  withFees(operations: T.Operation[]): T.Operation[] {
    const schedule = this.gpo().parameters.current_fees;
    return operations.map((op) => {
      const fee = (op[1] as { fee: T.Asset }).fee;
      if (fee.amount !== 0n) return op;
      const cer = this.get<T.AssetObject>(fee.asset_id).options.core_exchange_rate;
      return must(setFee(op, schedule, cer)).op;
    });
  }

  /** The transaction with signatures of the given seeds' keys appended (in order; a seed given twice signs twice). */
  sign(trx: T.SignedTransaction, signers: readonly string[]): E.Either<ChainError, T.SignedTransaction> {
    if (signers.length === 0) return E.right(trx);
    const signed = signTransaction({ ...trx, signatures: [] } as unknown as Record<string, unknown>, this.chainId, signers.map((s) => secretFromSeed(s)));
    if (E.isLeft(signed)) return E.left(chainError("invalid_arg_exception", "fixture.sign", "", signed.left.message));
    return E.right({ ...trx, signatures: [...trx.signatures, ...signed.right.signatures] });
  }

  /** push_transaction: applies to the pending state, or leaves everything unchanged and returns the error. */
  push(input: T.Operation[] | T.SignedTransaction, options: PushOptions = {}): E.Either<ChainError, T.ProcessedTransaction> {
    const unsigned = Array.isArray(input) ? this.transaction(options.setFees === false ? input : this.withFees(input)) : input;
    const signers = options.signers ?? [];
    const signed = this.sign(unsigned, signers);
    if (E.isLeft(signed)) return signed;
    const skip = options.skip ?? (signers.length > 0 ? SKIP.nothing : SKIP_ALL);
    const r = pushTransaction(this.state, signed.right, { skip });
    if (E.isLeft(r)) return r;
    this.state = r.right.state;
    this.pending.push(r.right.result);
    return E.right(r.right.result);
  }

  /** push, throwing on refusal: for steps that must succeed. */
  pushOk(input: T.Operation[] | T.SignedTransaction, options: PushOptions = {}): T.ProcessedTransaction {
    return must(this.push(input, options));
  }

  /** database_fixture::generate_block: the scheduled witness produces the next block (after `missBlocks`
   *  empty slots) from the pending transactions, which are then cleared. With `keepPending` it is
   *  database::generate_block called directly, as some tests do: skip is taken as given, and the pending
   *  transactions left out of the block (postponed for size, or popped) are pushed again on the new head by
   *  push_block's pending_transactions_restorer with skip | skip_transaction_signatures (those failing are
   *  dropped). */
  generateBlock(options: { skip?: number; missBlocks?: number; keepPending?: boolean } = {}): T.SignedBlock {
    const miss = options.missBlocks ?? 0;
    const skip = options.keepPending === true ? (options.skip ?? SKIP_ALL) : (options.skip ?? SKIP_ALL) | SKIP.undo_history_check;
    const when = slotTime(this.head, miss + 1);
    const witness = scheduledWitness(this.head, miss + 1);
    const r = must(generateBlock(this.head, this.pending, { when, witness, signingKey: secretFromSeed("null_key"), skip }));
    const again = [...this.popped, ...this.pending];
    this.before.push(this.head);
    this.head = r.state;
    this.state = r.state;
    this.pending = [];
    this.blocks.push(r.block);
    // push_block's pending_transactions_restorer pushes popped transactions again as pending, and
    // database_fixture::generate_block then clears everything pending: they are gone.
    this.popped = [];
    if (options.keepPending === true) this.restorePending(again, r.block, skip | SKIP.transaction_signatures);
    return r.block;
  }

  /** pending_transactions_restorer: the transactions not known to the chain pushed again on the head; failures
   *  dropped. A transaction is known by its transaction_history_object, which is not written when the duplicate
   *  check is skipped: then the block's own transactions are pushed again too, as in bitshares-core. */
  private restorePending(trxs: readonly T.SignedTransaction[], block: T.SignedBlock, skip: number): void {
    const inBlock = new Set((skip & SKIP.transaction_dupe_check) !== 0 ? [] : block.transactions.map(transactionKey));
    for (const trx of trxs) {
      if (inBlock.has(transactionKey(trx))) continue;
      const { operation_results: _, ...signed } = trx as T.ProcessedTransaction;
      const r = pushTransaction(this.state, signed, { skip });
      if (E.isLeft(r)) continue;
      this.state = r.right.state;
      this.pending.push(r.right.result);
    }
  }

  /** The block a test assembles by hand from the pending transactions (as processed, with their results; only
   *  the `latest` ones if given):
   *  the head as previous, the time and witness of slot 1, the merkle root, signed with sha256("null_key"). */
  candidateBlock(latest?: number): T.SignedBlock {
    const when = slotTime(this.head, 1);
    const witness = scheduledWitness(this.head, 1);
    const trxs = latest === undefined ? this.pending : this.pending.slice(Math.max(0, this.pending.length - latest));
    return must(run(makeBlock(new Session(this.head), when, witness, trxs, secretFromSeed("null_key"))));
  }

  /** database::push_block of a block on top of the head: refused, nothing changes (the block leaves the fork
   *  database, the pending transactions stay); applied, it becomes the head and the pending transactions
   *  not in it are pushed again (skip as given). */
  pushBlock(block: T.SignedBlock, skip: number = SKIP.nothing): E.Either<ChainError, T.SignedBlock> {
    const r = applyBlock(this.head, block, { skip });
    if (E.isLeft(r)) return r;
    const again = [...this.popped, ...this.pending];
    this.before.push(this.head);
    this.head = r.right.state;
    this.state = r.right.state;
    this.pending = [];
    this.popped = [];
    this.blocks.push(r.right.block);
    this.restorePending(again, block, skip);
    return E.right(r.right.block);
  }

  /** database::pop_block: the head block is undone; its transactions wait in _popped_tx and the pending
   *  state is dropped (the pending list is kept: the next block is made from it, as _generate_block does). */
  popBlock(): T.SignedBlock {
    const block = this.blocks.pop();
    const previous = this.before.pop();
    if (block === undefined || previous === undefined) throw new Error("no block to pop");
    this.head = previous;
    this.state = previous;
    this.popped = [...block.transactions.map(({ operation_results: _, ...trx }) => trx), ...this.popped];
    return block;
  }

  generateBlocks(count: number): void {
    for (let i = 0; i < count; i++) this.generateBlock();
  }

  /** database_fixture::generate_blocks(timestamp, miss_intermediate_blocks): returns the blocks made. */
  generateBlocksUntil(timestamp: number, missIntermediateBlocks = true, skip = SKIP_ALL): number {
    if (missIntermediateBlocks) {
      this.generateBlock({ skip });
      let slots = slotAtTime(this.head, timestamp);
      if (slots <= 1) return 1;
      slots--;
      this.generateBlock({ skip, missBlocks: slots });
      return 2;
    }
    let n = 0;
    while (this.now() < timestamp) {
      this.generateBlock({ skip });
      n++;
    }
    return n;
  }

  /** Direct edit of the global properties, as tests do with db.modify. Made while transactions are pending,
   *  it lives in bitshares-core's pending undo session and is lost when the next block is generated; made
   *  with nothing pending, it lands in the head state and stays. */
  modifyGlobalProperties(change: (p: T.GlobalPropertyObject) => T.GlobalPropertyObject, undoDisabled = false): void {
    // With the undo database disabled around the edit (block_tests.cpp block_size_test), it is permanent even
    // while transactions are pending: the head state and the pending state both take it.
    if (this.pending.length === 0 || undoDisabled) {
      const s = new Session(this.head);
      s.modify<T.GlobalPropertyObject>(`2.${IMPL_OBJECT_TYPES.global_property}.0`, change);
      this.head = s.db;
    }
    const t = new Session(this.state);
    t.modify<T.GlobalPropertyObject>(`2.${IMPL_OBJECT_TYPES.global_property}.0`, change);
    this.state = this.pending.length === 0 ? this.head : t.db;
  }

  /** database_fixture::change_fees: the given parameters replace those of their operations; scale too. */
  changeFees(params: readonly T.FeeParameters[], scale?: number): void {
    this.modifyGlobalProperties((p) => {
      const current = p.parameters.current_fees;
      const byTag = new Map(current.parameters.map((f) => [f[0], f] as const));
      for (const f of params) byTag.set(f[0], f);
      const parameters = [...byTag.values()].sort((a, b) => a[0] - b[0]);
      return { ...p, parameters: { ...p.parameters, current_fees: { parameters, scale: scale ?? current.scale } } };
    });
  }
}
