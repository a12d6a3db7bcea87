// Consensus invariants (issue 6): blocks from several forks delivered in any order (parents before
// children, as a peer re-requests unlinkable blocks) lead a node to the same head as a node that saw
// them in production order; no irreversible block ever changes and LIB decreases only by a fork switch;
// every round's schedule is a permutation of the active witnesses.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type * as T from "../generated/native-types.js";
import { headBlockId, headBlockNum, lastIrreversibleBlockNum } from "../src/consensus/blockchain.js";
import { TestNode } from "../src/consensus/test_support.js";

const RUNS = Number(process.env.BTSREF_CONSENSUS_RUNS ?? 25);
/** Ten witnesses: LIB trails the head by 6 blocks when all produce, so forks of at most 6 blocks from the
 *  shared prefix never need to pop an irreversible block. */
const FORK_DEPTH = 6;

const base = new TestNode();
for (let i = 0; i < 20; i++) base.generateBlock();
const BASE_HEIGHT = base.headBlockNum();

interface Produced {
  readonly block: T.SignedBlock;
  readonly id: string;
  readonly num: number;
}

/** Blocks on several branches from the shared prefix: each action extends one tip (an old tip stays, so
 *  branches fork) at one of its next slots, using every slot time at most once over all branches. */
function produceForks(actions: readonly { tip: number; slot: number }[]): Produced[] {
  const tips: TestNode[] = [base];
  const used = new Set<number>();
  const out: Produced[] = [];
  for (const { tip, slot } of actions) {
    const from = tips[tip % tips.length]!;
    if (from.headBlockNum() >= BASE_HEIGHT + FORK_DEPTH) continue;
    let s = slot;
    while (used.has(from.slotTime(s))) s++;
    used.add(from.slotTime(s));
    const node = new TestNode(from.chain);
    const block = node.generateBlock(0, s);
    out.push({ block, id: node.headBlockId(), num: node.headBlockNum() });
    tips.push(node);
  }
  return out;
}

/** A delivery order: parents before children, otherwise as the priorities say. */
function deliveryOrder(blocks: readonly Produced[], priorities: readonly number[]): Produced[] {
  const known = new Set<string>([headBlockId(base.chain)]);
  for (let n = 1; n <= BASE_HEIGHT; n++) known.add(base.chain.blocks.get(n)!.id);
  const waiting = blocks.map((b, i) => ({ b, p: priorities[i % Math.max(priorities.length, 1)] ?? 0, i }));
  const out: Produced[] = [];
  while (waiting.length > 0) {
    const ready = waiting.filter((w) => known.has(w.b.block.previous)).sort((x, y) => x.p - y.p || x.i - y.i)[0]!;
    waiting.splice(waiting.indexOf(ready), 1);
    known.add(ready.b.id);
    out.push(ready.b);
  }
  return out;
}

/** A node on the shared prefix that receives `blocks` in order. After every block: no block at or below
 *  the highest LIB the node has had ever changes, and LIB decreases only when the node switches forks
 *  (last_irreversible_block_num is state, and the longer branch may have fewer confirmations: bitshares-core
 *  reports the lower number then too). */
let switches = 0;
function receive(blocks: readonly Produced[]): TestNode {
  const node = new TestNode(base.chain);
  let lib = lastIrreversibleBlockNum(node.chain);
  let highest = lib;
  const irreversible = new Map<number, string>();
  const freeze = () => {
    for (let n = 1; n <= highest; n++) if (!irreversible.has(n)) irreversible.set(n, node.chain.blocks.get(n)!.id);
  };
  freeze();
  for (const b of blocks) {
    const switched = node.pushBlock(b.block);
    if (switched) switches++;
    const now = lastIrreversibleBlockNum(node.chain);
    if (!switched) expect(now).toBeGreaterThanOrEqual(lib);
    for (const [n, id] of irreversible) expect(node.chain.blocks.get(n)?.id).toBe(id);
    lib = now;
    highest = Math.max(highest, now);
    freeze();
  }
  return node;
}

const actions = fc.array(fc.record({ tip: fc.nat(20), slot: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 14 });

describe("consensus properties", () => {
  it("any delivery order of the blocks of several forks ends on the head of a node that saw them in production order", () => {
    fc.assert(fc.property(actions, fc.array(fc.nat(1000), { minLength: 1, maxLength: 30 }), (acts, priorities) => {
      const blocks = produceForks(acts);
      const reference = receive(blocks);
      const other = receive(deliveryOrder(blocks, priorities));
      const top = Math.max(...blocks.map((b) => b.num));
      const highest = blocks.filter((b) => b.num === top).map((b) => b.id);
      expect(headBlockNum(other.chain)).toBe(top);
      expect(highest).toContain(headBlockId(other.chain));
      if (highest.length === 1) {
        expect(headBlockId(other.chain)).toBe(headBlockId(reference.chain));
        // The same head means the same state, whichever way the node got there.
        expect(other.chain.head.find("2.1.0")).toEqual(reference.chain.head.find("2.1.0"));
        expect(other.chain.head.find("2.12.0")).toEqual(reference.chain.head.find("2.12.0"));
      }
    }), { numRuns: RUNS, seed: 20261125 });
    // The runs must exercise fork switching, not only straight chains.
    expect(switches).toBeGreaterThan(RUNS / 2);
  });

  it("each round's schedule is a permutation of the active witnesses, with each witness once when no slot is missed", () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 20, maxLength: 45 }), (slots) => {
      const node = new TestNode();
      const producers: string[] = [];
      let roundStart: number | undefined;
      for (const [i, slot] of slots.entries()) {
        producers.push(node.generateBlock(0, slot).witness);
        const active = node.chain.head.find<T.GlobalPropertyObject>("2.0.0")!.active_witnesses;
        const num = node.headBlockNum();
        if (num % active.length !== 0) continue;
        // update_witness_schedule shuffled the active set after this block.
        const shuffled = node.chain.head.find<T.WitnessScheduleObject>("2.12.0")!.current_shuffled_witnesses;
        expect([...shuffled].sort()).toEqual([...active].sort());
        // The round just ended: its slots after the first were all taken, so each witness produced once.
        if (roundStart !== undefined && slots.slice(roundStart + 1, i + 1).every((s) => s === 1)) {
          expect([...producers.slice(roundStart, i + 1)].sort()).toEqual([...active].sort());
        }
        roundStart = i + 1;
      }
    }), { numRuns: RUNS, seed: 20261125 });
  });
});
