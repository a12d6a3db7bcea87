// bitshares-core tests/tests/block_tests.cpp, the cases that drive databases directly (pushing blocks
// from one node to another, popping, switching forks), ported onto src/consensus, with
// transaction_invalidated_in_cache (a database_fixture case that opens a second database). fork_db_tests,
// out_of_order_blocks and witness_order_mc_test are commented out in bitshares-core and not ported.
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { SKIP } from "../chain/index.js";
import { secretFromSeed } from "../crypto/keys.js";
import { FixtureError, publicKeyOfSeed } from "../scenario/fixture.js";
import { fetchBlockByNumber, lastIrreversibleBlockNum } from "./blockchain.js";
import { fetchBlock } from "./fork_database.js";
import { TestNode } from "./test_support.js";
import { fixtureGenesis } from "../scenario/fixture.js";

const GENESIS_TIME = 1431700000;
const core = (amount: bigint | number): T.Asset => ({ amount: BigInt(amount), asset_id: "1.3.0" });
const KEY = publicKeyOfSeed("null_key");

/** account_create_operation as the tests fill it: defaults but for name, keys and registrar. */
function createAccount(name: string, registrar = "1.2.0", key = KEY): T.Operation {
  const a: T.Authority = { weight_threshold: 1, account_auths: [], key_auths: [[key, 1]], address_auths: [] };
  return [5, {
    fee: core(0), registrar, referrer: "1.2.0", referrer_percent: 0, name, owner: a, active: a,
    options: { memo_key: key, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
  }] as T.Operation;
}
const createNathan = (registrar = "1.2.0"): T.Operation => createAccount("nathan", registrar);
const transfer = (from: string, to: string, amount: number, fee = 0): T.Operation =>
  [0, { fee: core(fee), from, to, amount: core(amount), extensions: [] }] as T.Operation;

const refusal = (f: () => unknown): FixtureError => {
  try {
    f();
  } catch (e) {
    if (e instanceof FixtureError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
};

/** Every block of the current chain from #1 links to the one before it. */
function expectLinked(node: TestNode): void {
  let previous = fetchBlockByNumber(node.chain, 1);
  expect(previous).toBeDefined();
  for (let n = 2; n <= node.headBlockNum(); n++) {
    const block = fetchBlockByNumber(node.chain, n);
    expect(block?.previous).toBe(node.chain.blocks.get(n - 1)!.id);
    previous = block;
  }
}

describe("block_tests.cpp on src/consensus", () => {
  it("generate_empty_blocks: produce until block 200 is irreversible, pop back to it, produce 200 more", () => {
    const node = new TestNode();
    let b = node.generateBlock();
    let cutoff: T.SignedBlock | undefined;
    for (;;) {
      expect(node.headBlockId()).toBe(node.chain.blocks.get(node.headBlockNum())!.id);
      const witness = node.scheduledWitness(1);
      b = node.generateBlock();
      expect(b.witness).toBe(witness);
      const lib = lastIrreversibleBlockNum(node.chain);
      if (lib >= 200) {
        cutoff = fetchBlockByNumber(node.chain, lib);
        break;
      }
    }
    const cutoffNum = lastIrreversibleBlockNum(node.chain);
    // Ten witnesses in turn: the 70% threshold leaves LIB 6 blocks behind the head (offset 3 of 10 sorted).
    expect(node.headBlockNum()).toBe(cutoffNum + 6);
    while (node.headBlockNum() > cutoffNum) node.popBlock();
    expect(node.chain.blocks.get(cutoffNum)!.block).toEqual(cutoff);
    // Below the irreversible block there is no undo history.
    expect(refusal(() => node.popBlock()).error.rule).toBe("pop_block.undo_history");
    for (let i = 0; i < 200; i++) node.generateBlock();
    expect(node.headBlockNum()).toBe(cutoffNum + 200);
    expectLinked(node);
  });

  it("undo_block: popping blocks restores head number and time; production continues on top", () => {
    const node = new TestNode();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      times.push(node.slotTime(1));
      node.generateBlock();
    }
    expect(node.headBlockNum()).toBe(5);
    expect(node.headBlockTime()).toBe(times[4]);
    for (const expected of [4, 3, 2]) {
      node.popBlock();
      times.pop();
      expect(node.headBlockNum()).toBe(expected);
      expect(node.headBlockTime()).toBe(times[times.length - 1]);
    }
    for (let i = 0; i < 5; i++) node.generateBlock();
    expect(node.headBlockNum()).toBe(7);
  });

  it("change_signing_key_test: witnesses sign with their new keys after witness_update, across pops", () => {
    const node = new TestNode();
    const keys = new Map<string, Uint8Array>([[KEY, secretFromSeed("null_key")], [publicKeyOfSeed("new_key"), secretFromSeed("new_key")]]);
    const changeKey = (witness: string) => {
      const w = node.find<T.WitnessObject>(witness)!;
      const p = node.chain.head.find<T.GlobalPropertyObject>("2.0.0")!.parameters;
      const op = [21, { fee: core(0), witness, witness_account: w.witness_account, new_signing_key: publicKeyOfSeed("new_key") }] as T.Operation;
      node.pushTransaction(node.transaction([op], ["null_key"], node.headBlockTime() + 0x1000 * p.block_interval));
    };
    const produce = (change: boolean) => {
      const witness = node.scheduledWitness(1);
      const current = node.find<T.WitnessObject>(witness)!.signing_key;
      if (change) changeKey(witness);
      // The block is signed with the key the witness has before its own update applies.
      const b = node.generateBlock(SKIP.nothing, 1, keys.get(current)!);
      expect(b.witness).toBe(witness);
    };
    for (let i = 0; i < 30; i++) node.generateBlock();
    for (let i = 0; i < 9; i++) produce(true);
    for (let i = 0; i < 4; i++) node.popBlock();
    node.chain = { ...node.chain, popped: [] };
    node.clearPending();
    for (let i = 0; i < 2; i++) produce(true);
    for (let i = 0; i < 25; i++) produce(false);
    // bitshares-core closes and reopens the database here; btsref's chain simply continues.
    for (let i = 0; i < 25; i++) produce(true);
    expect(node.headBlockNum()).toBe(30 + 9 - 4 + 2 + 25 + 25);
    const witnesses = node.chain.head.find<T.GlobalPropertyObject>("2.0.0")!.active_witnesses;
    expect(witnesses.every((w) => node.find<T.WitnessObject>(w)!.signing_key === publicKeyOfSeed("new_key"))).toBe(true);
  });

  it("fork_blocks: a node keeps its chain on an equal fork, switches to a longer one, and switches back when a block of it fails", () => {
    // The first block is produced at the slot of the wall clock, so every block counts as recent and is
    // checked against its parent's schedule as it arrives (_push_block).
    const now = GENESIS_TIME + 30 * 86400;
    const db1 = new TestNode(undefined, now);
    const db2 = new TestNode(undefined, now);
    expect(db1.chainId).toBe(db2.chainId);
    db2.pushBlock(db1.generateBlock(SKIP.nothing, db1.slotAtTime(now)));
    for (let i = 1; i <= 10; i++) db2.pushBlock(db1.generateBlock());
    for (const j of [0, 4]) {
      for (let i = 12 + j; i <= 14 + j; i++) db1.generateBlock();
      const db1Tip = db1.headBlockId();
      let slot = 3;
      for (let i = 12 + j; i <= 14 + j; i++) {
        const b = db2.generateBlock(SKIP.nothing, slot);
        slot = 1;
        expect(db1.pushBlock(b)).toBe(false);
        expect(db1.headBlockId()).toBe(db1Tip);
        expect(db2.headBlockId()).toBe(db2.chain.blocks.get(db2.headBlockNum())!.id);
      }
      expect(db1.headBlockNum()).toBe(14 + j);
      expect(db2.headBlockNum()).toBe(14 + j);
      expect(db1.headBlockId()).not.toBe(db2.headBlockId());

      const good = db2.generateBlock();
      // The same block with an invalid transaction appended, signed again: the header (merkle root included)
      // is unchanged, so it has good's id and signature, and fails on its merkle root.
      const bad: T.SignedBlock = {
        ...good, transactions: [...good.transactions, {
          ref_block_num: 0, ref_block_prefix: 0, expiration: 0, operations: [transfer("1.2.0", "1.2.0", 0)], extensions: [], signatures: [], operation_results: [],
        }],
      };
      expect(bad.transactions).toHaveLength(1);
      const error = refusal(() => db1.pushBlock(bad)).error;
      expect(error.rule).toBe("block.merkle_root");
      // db1 switched to db2's fork, failed on the bad block, and switched back.
      expect(db1.headBlockNum()).toBe(14 + j);
      expect(db1.headBlockId()).toBe(db1Tip);
      expect(fetchBlock(db1.chain.forkDb, good.previous)).toBeDefined();
      expect(db1.chain.forkDb.head?.id).toBe(db1Tip);
      expectLinked(db1);
      if (j === 0) {
        expect(db2.headBlockNum()).toBe(15);
        expect(db1.pushBlock(good)).toBe(true);
        expect(db1.headBlockId()).toBe(db2.headBlockId());
      }
    }
    // Fifty more blocks push the forked blocks out of the fork database.
    for (let i = 1; i <= 50; i++) db1.generateBlock();
    expectLinked(db1);
    expect(db1.chain.forkDb.byNum.first()![0][0]).toBe(lastIrreversibleBlockNum(db1.chain) - 1);
  });

  it("undo_pending: clear_pending drops what pending transactions did", () => {
    const node = new TestNode();
    node.pushTransaction(node.transaction([transfer("1.2.0", "1.2.1", 10000000)]), 0xffffffff);
    node.generateBlock(0xffffffff);
    node.pushTransaction(node.transaction([createNathan("1.2.4")]));
    node.generateBlock();
    const nathan = node.account("nathan")!;
    expect(nathan.name).toBe("nathan");
    node.pushTransaction(node.transaction([transfer("1.2.1", nathan.id, 5000, 1)]), 0xffffffff);
    // The same operations again: the same transaction, let through as duplicate checks are skipped.
    node.pushTransaction(node.transaction([transfer("1.2.1", nathan.id, 5000, 1)]), 0xffffffff);
    expect(node.balance(nathan.id)).toBe(10000n);
    node.clearPending();
    expect(node.balance(nathan.id)).toBe(0n);
  });

  it("switch_forks_undo_create: an object created in a block popped by a fork switch is gone, and comes back as pending", () => {
    const db1 = new TestNode();
    const db2 = new TestNode();
    const trx = db1.transaction([createNathan("1.2.4")]);
    db1.pushTransaction(trx);
    db1.generateBlock();
    const nathanId = db1.account("nathan")!.id;
    // init0..init9 are 1.2.6..1.2.15 (account_idx.get_next_id() in the C++ test).
    expect(nathanId).toBe("1.2.16");
    expect(db1.pushBlock(db2.generateBlock())).toBe(false);
    expect(db1.pushBlock(db2.generateBlock())).toBe(true);
    expect(db2.find(nathanId)).toBeUndefined();
    // db1 pushed its popped transaction again: nathan exists in its pending state only.
    expect(db1.find<T.AccountObject>(nathanId)?.name).toBe("nathan");
    expect(db1.chain.head.find(nathanId)).toBeUndefined();
    db1.clearPending();
    expect(db1.find(nathanId)).toBeUndefined();
    db2.pushTransaction(trx);
    db1.pushBlock(db2.generateBlock());
    expect(db1.find<T.AccountObject>(nathanId)?.name).toBe("nathan");
    expect(db2.find<T.AccountObject>(nathanId)?.name).toBe("nathan");
  });

  it("duplicate_transactions: a transaction is refused once pending, and on both nodes once in a block", () => {
    const db1 = new TestNode();
    const db2 = new TestNode();
    const skipSigs = SKIP.transaction_signatures;
    db1.pushTransaction(db1.transaction([createNathan()], ["null_key"]), skipSigs);
    const trx = db1.transaction([transfer("1.2.0", "1.2.16", 500)], ["null_key"]);
    db1.pushTransaction(trx, skipSigs);
    expect(refusal(() => db1.pushTransaction(trx, skipSigs)).error.exception).toBe("duplicate_transaction");
    const b = db1.generateBlock(skipSigs);
    db2.pushBlock(b, skipSigs);
    expect(refusal(() => db1.pushTransaction(trx, skipSigs)).error.exception).toBe("duplicate_transaction");
    expect(refusal(() => db2.pushTransaction(trx, skipSigs)).error.exception).toBe("duplicate_transaction");
    expect(db1.balance("1.2.16")).toBe(500n);
    expect(db2.balance("1.2.16")).toBe(500n);
  });

  it("tapos: a transaction expiring at the head block time is accepted once; after the next block it has expired", () => {
    const node = new TestNode();
    node.generateBlock();
    const init1 = node.account("init1")!;
    const first = node.transaction([createNathan(init1.id)], ["null_key"], node.headBlockTime());
    node.pushTransaction(first);
    node.generateBlock();
    const stale = node.transaction([transfer("1.2.0", "1.2.16", 50)], ["null_key"], first.expiration);
    const e = refusal(() => node.pushTransaction({ ...stale, ref_block_num: first.ref_block_num, ref_block_prefix: first.ref_block_prefix }, SKIP.transaction_signatures));
    expect(e.error.rule).toBe("transaction.not_expired");
    node.pushTransaction(node.transaction([transfer("1.2.0", "1.2.16", 50)], ["null_key"]), SKIP.transaction_signatures);
    expect(node.balance("1.2.16")).toBe(50n);
  });

  it("transaction_invalidated_in_cache: pending transactions are pushed again after every block and fork switch, and dropped once expired or invalid", () => {
    // database_fixture: its genesis (with INITMPA), ACTORS((alice)(bob)) created as pending and put in b1.
    const db = new TestNode(fixtureGenesis());
    db.generateBlock(0xffffffff);
    db.pushTransaction(db.transaction([createAccount("alice", "1.2.0", publicKeyOfSeed("alice")), createAccount("bob", "1.2.0", publicKeyOfSeed("bob"))]), 0xffffffff);
    const alice = "1.2.16";
    const bob = "1.2.17";
    db.generateBlock(SKIP.transaction_signatures);
    const db2 = new TestNode(fixtureGenesis());
    expect(db2.chainId).toBe(db.chainId);
    while (db2.headBlockNum() < db.headBlockNum()) {
      db2.pushBlock(fetchBlockByNumber(db.chain, db2.headBlockNum() + 1)!, SKIP.witness_signature | SKIP.transaction_signatures);
    }
    expect(db2.find<T.AccountObject>(alice)?.name).toBe("alice");
    expect(db2.find<T.AccountObject>(bob)?.name).toBe("bob");
    db2.pushBlock(db.generateBlock(SKIP.nothing));
    // database_fixture::transfer pushes with every check skipped.
    db.pushTransaction(db.transaction([transfer("1.2.0", alice, 1000)]), 0xffffffff);
    db.pushTransaction(db.transaction([transfer("1.2.0", bob, 1000)]), 0xffffffff);
    db2.pushBlock(db.generateBlock(SKIP.transaction_signatures), SKIP.transaction_signatures);
    const balances = (n: TestNode) => [n.balance(alice), n.balance(bob)];
    expect(balances(db)).toEqual([1000n, 1000n]);
    expect(balances(db2)).toEqual([1000n, 1000n]);

    const generateAndSend = (n: number) => {
      for (let i = 0; i < n; i++) db.pushBlock(db2.generateBlock(SKIP.nothing));
    };
    const xfer = (from: string, to: string, amount: number, blocksToExpire: number) =>
      db.transaction([transfer(from, to, amount)], [from === alice ? "alice" : "bob"], db.headBlockTime() + blocksToExpire * 5);

    db.pushTransaction(xfer(alice, bob, 1000, 2));
    expect(balances(db)).toEqual([0n, 2000n]);
    // Three blocks from db2 without it: pushed again after each, dropped once expired.
    generateAndSend(3);
    expect(balances(db)).toEqual([1000n, 1000n]);
    db2.pushBlock(db.generateBlock(SKIP.nothing));
    expect(balances(db)).toEqual([1000n, 1000n]);

    const txA = xfer(bob, alice, 1000, 2);
    const txB = xfer(alice, bob, 2000, 10);
    const txC = xfer(alice, bob, 500, 10);
    db.generateBlock(SKIP.nothing); // db alone: a fork of one block
    db.pushTransaction(txA);
    expect(balances(db)).toEqual([2000n, 0n]);
    db.pushTransaction(txB);
    db2.pushTransaction(txC);
    expect(balances(db)).toEqual([0n, 2000n]);
    expect(balances(db2)).toEqual([500n, 1500n]);
    // db2's two blocks (with tx_c) make db switch forks: tx_a applies again on top, tx_b no longer can.
    generateAndSend(2);
    expect(balances(db)).toEqual([1500n, 500n]);
    expect(balances(db2)).toEqual([500n, 1500n]);
    // tx_a expires.
    generateAndSend(1);
    expect(balances(db)).toEqual([500n, 1500n]);
    expect(balances(db2)).toEqual([500n, 1500n]);
    generateAndSend(1);
    expect(db.headBlockId()).toBe(db2.headBlockId());
  });
});
