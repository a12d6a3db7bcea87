// push_block, pop_block and generate_block refusals and pending-transaction handling (db_block.cpp,
// db_with.hpp pending_transactions_restorer): each refusal names its rule and leaves the head as it was.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { SKIP } from "../chain/index.js";
import { secretFromSeed } from "../crypto/keys.js";
import { FixtureError } from "../scenario/fixture.js";
import { generateBlock, getBlockIdsOnFork, headBlockId, lastIrreversibleBlockNum, pendingTransactions, popBlock, pushBlock } from "./blockchain.js";
import { TestNode } from "./test_support.js";

const core = (amount: number): T.Asset => ({ amount: BigInt(amount), asset_id: "1.3.0" });
const transfer = (to: string, amount: number): T.Operation => [0, { fee: core(0), from: "1.2.0", to, amount: core(amount), extensions: [] }] as T.Operation;
const NOW = 1431700000 + 30 * 86400;
const signedOf = ({ operation_results: _, ...trx }: T.ProcessedTransaction): T.SignedTransaction => trx;

function refused(node: TestNode, block: T.SignedBlock, skip = 0) {
  const r = pushBlock(node.chain, block, { skip, now: node.now });
  if (E.isRight(r)) throw new Error("expected a refusal");
  expect(r.left.chain.head).toBe(node.chain.head);
  return r.left.error;
}

/** Two nodes at the wall clock's slot, sharing `n` blocks. */
function pair(n: number): [TestNode, TestNode] {
  const a = new TestNode(undefined, NOW);
  const b = new TestNode(undefined, NOW);
  b.pushBlock(a.generateBlock(SKIP.nothing, a.slotAtTime(NOW)));
  for (let i = 1; i < n; i++) b.pushBlock(a.generateBlock());
  return [a, b];
}

describe("push_block refusals", () => {
  it("a recent block whose parent is unknown is unlinkable", () => {
    const [a, b] = pair(2);
    a.generateBlock();
    const orphan = a.generateBlock();
    expect(refused(b, orphan)).toEqual(expect.objectContaining({ exception: "unlinkable_block_exception", rule: "fork_database.unlinkable", field: "previous" }));
    // Without a wall clock the block counts as old: the fork database refuses it the same way.
    const old = new TestNode(b.chain);
    expect(refused(old, orphan).rule).toBe("fork_database.unlinkable");
  });

  it("a chain at genesis takes only the child of its head: block #2 first is unlinkable, and #1 then #2 still apply", () => {
    const [a] = pair(2);
    const fresh = new TestNode(undefined, NOW);
    // Found by properties/p2p.fuzz.test.ts: kept as the empty fork database's head, #2 stopped the node for good.
    expect(refused(fresh, a.chain.blocks.get(2)!.block)).toEqual(expect.objectContaining({ exception: "unlinkable_block_exception", rule: "fork_database.unlinkable", field: "previous" }));
    expect(fresh.chain.forkDb.head).toBeUndefined();
    fresh.pushBlock(a.chain.blocks.get(1)!.block);
    fresh.pushBlock(a.chain.blocks.get(2)!.block);
    expect(headBlockId(fresh.chain)).toBe(headBlockId(a.chain));
  });

  it("a recent block is checked against its parent's schedule before it is kept (verify_signing_witness)", () => {
    const [a, b] = pair(2);
    const next = a.generateBlock();
    // Signed by another key: refused before the fork database keeps it.
    const forged = new TestNode(b.chain, NOW);
    const r = generateBlock(forged.chain, { when: forged.slotTime(1), witness: forged.scheduledWitness(1), skip: SKIP.witness_signature, now: NOW });
    if (E.isLeft(r)) throw new Error(r.left.error.message);
    const unsigned = r.right.block;
    expect(refused(b, unsigned)).toEqual(expect.objectContaining({ rule: "block.signee", field: "witness_signature" }));
    // The wrong witness for the slot.
    const wrong = { ...next, witness: next.witness === "1.6.1" ? "1.6.2" : "1.6.1" };
    expect(refused(b, wrong)).toEqual(expect.objectContaining({ rule: "block.scheduled_witness", field: "witness" }));
    // Before the parent's next slot.
    expect(refused(b, { ...next, timestamp: b.headBlockTime() })).toEqual(expect.objectContaining({ rule: "block.after_parent_slot", field: "timestamp" }));
    // With the schedule check skipped these pass the early check and fail where _apply_block checks.
    expect(refused(b, unsigned, SKIP.witness_schedule_check).rule).toBe("block.signee");
    b.pushBlock(next);
    expect(b.headBlockId()).toBe(a.headBlockId());
  });

  it("a block failing to apply on the head is forgotten by the fork database", () => {
    const [a, b] = pair(1);
    const good = a.generateBlock();
    const bad = { ...good, transaction_merkle_root: "11".repeat(20) };
    expect(refused(b, bad, SKIP.witness_signature).rule).toBe("block.merkle_root");
    const after = pushBlock(b.chain, bad, { skip: SKIP.witness_signature });
    expect(E.isLeft(after) && after.left.chain.forkDb.head?.id).toBe(b.headBlockId());
    b.pushBlock(good);
    expect(b.headBlockId()).toBe(a.headBlockId());
  });

  it("a fork that would pop the last irreversible block is refused", () => {
    const a = new TestNode();
    const b = new TestNode();
    const shared = a.generateBlock();
    b.pushBlock(shared);
    // a runs ahead alone until block 2 is irreversible there; b makes a longer branch from block 1.
    while (lastIrreversibleBlockNum(a.chain) < 2) a.generateBlock();
    const branch: T.SignedBlock[] = [];
    for (let i = 0; i <= a.headBlockNum(); i++) branch.push(b.generateBlock(SKIP.nothing, 2));
    const head = a.headBlockId();
    let error: FixtureError | undefined;
    for (const blk of branch) {
      try {
        a.pushBlock(blk);
      } catch (e) {
        if (!(e instanceof FixtureError)) throw e;
        error = e;
        break;
      }
    }
    expect(error?.error).toEqual(expect.objectContaining({ exception: "assert_exception", rule: "fork.below_irreversible" }));
    expect(a.headBlockId()).toBe(head);
  });
});

describe("pop_block and generate_block refusals", () => {
  it("pop_block needs a fork database head with a known parent", () => {
    const node = new TestNode();
    expect(popBlock(node.chain)).toEqual(E.left(expect.objectContaining({ rule: "pop_block.empty_fork_database" })));
    node.generateBlock();
    // Block #1's parent is genesis, which the fork database never holds.
    expect(popBlock(node.chain)).toEqual(E.left(expect.objectContaining({ rule: "fork_database.pop_to_null" })));
    node.generateBlock();
    node.popBlock();
    expect(node.headBlockNum()).toBe(1);
  });

  it("generate_block refuses a time without a slot, a witness out of turn and a wrong signing key", () => {
    const node = new TestNode();
    const at = (when: number, witness: string, key = secretFromSeed("null_key")) => generateBlock(node.chain, { when, witness, signingKey: key });
    const ruleOf = (r: ReturnType<typeof at>) => (E.isLeft(r) ? r.left.error.rule : "accepted");
    expect(ruleOf(at(node.headBlockTime(), node.scheduledWitness(1)))).toBe("generate_block.slot");
    expect(ruleOf(at(node.slotTime(1), node.scheduledWitness(2)))).toBe("generate_block.scheduled_witness");
    expect(ruleOf(at(node.slotTime(1), node.scheduledWitness(1), secretFromSeed("other")))).toBe("generate_block.signing_key");
    expect(ruleOf(at(node.slotTime(1), node.scheduledWitness(1)))).toBe("accepted");
  });
});

describe("pending transactions", () => {
  // Duplicate checks stay on: with skip_transaction_dupe_check a transaction is not recorded, so a block
  // including it does not make it known and it stays pending (bitshares-core does the same).
  const SIGS = SKIP.transaction_signatures;

  it("survive a block that does not include them, and are dropped once a block includes them", () => {
    const [a, b] = pair(1);
    const trx = b.transaction([transfer("1.2.6", 100)], [], undefined);
    b.pushTransaction(trx, SIGS);
    expect(b.chain.pending.size).toBe(1);
    // Unsigned: pushed again on the new head only because push_block's skip flags (which the restorer
    // uses) skip transaction signatures too.
    b.pushBlock(a.generateBlock(), SIGS);
    expect(pendingTransactions(b.chain).map(signedOf)).toEqual([trx]);
    expect(b.balance("1.2.6")).toBe(100n);
    a.pushTransaction(trx, SIGS);
    b.pushBlock(a.generateBlock(SIGS), SIGS);
    expect(pendingTransactions(b.chain)).toEqual([]);
    expect(b.balance("1.2.6")).toBe(100n);
  });

  it("popped blocks' transactions come back before earlier pending ones, in chain order", () => {
    const node = new TestNode();
    node.generateBlock();
    const t1 = node.transaction([transfer("1.2.6", 1)]);
    const t2 = node.transaction([transfer("1.2.6", 2)]);
    const t3 = node.transaction([transfer("1.2.6", 3)]);
    node.pushTransaction(t1, SIGS);
    node.generateBlock(SIGS);
    node.pushTransaction(t2, SIGS);
    node.generateBlock(SIGS);
    node.popBlock();
    node.popBlock();
    expect(node.chain.popped).toEqual([t1, t2]);
    node.pushTransaction(t3, SIGS);
    // The next push_block (here of an empty block) pushes the popped ones again, then the pending one.
    const other = new TestNode(node.chain);
    other.clearPending();
    other.chain = { ...other.chain, popped: [] };
    const empty = other.generateBlock(SIGS);
    node.pushBlock(empty, SIGS);
    expect(pendingTransactions(node.chain).map(signedOf)).toEqual([t1, t2, t3]);
    // Pending transactions keep the results pushing them gave (they count in a block's size).
    expect(node.chain.pending.get(0)!.operation_results).toEqual([[0, {}]]);
    expect(node.balance("1.2.6")).toBe(6n);
    expect(node.chain.popped).toEqual([]);
  });

  it("get_block_ids_on_fork lists a fork's blocks back to the current chain", () => {
    const [a, b] = pair(2);
    const fork = new TestNode(a.chain, NOW);
    const f1 = fork.generateBlock(SKIP.nothing, 2);
    const f2 = fork.generateBlock();
    a.generateBlock();
    a.pushBlock(f1);
    expect(a.pushBlock(f2)).toBe(true);
    const ids = getBlockIdsOnFork(b.chain, headBlockId(b.chain));
    expect(ids).toEqual(E.right([b.headBlockId(), b.chain.blocks.get(1)!.id]));
    expect(headBlockId(a.chain)).toBe(fork.headBlockId());
  });
});
