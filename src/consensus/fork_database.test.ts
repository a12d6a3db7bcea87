import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { blockId } from "../crypto/digests.js";
import {
  type ForkDatabase, type ForkItem, ZERO_BLOCK_ID, emptyForkDatabase, fetchBlockByNumber, fetchBranchFrom, forkItem, popHead, pushBlock, removeBlock, setMaxSize, withSchedule,
} from "./fork_database.js";

/** A header-only block on `previous`; `salt` tells siblings apart (the timestamp enters the id). */
function child(previous: string, salt = 0): ForkItem {
  const block: T.SignedBlock = {
    previous, timestamp: 1431700000 + salt, witness: "1.6.1", transaction_merkle_root: "00".repeat(20), extensions: [], witness_signature: "00".repeat(65), transactions: [],
  };
  const id = blockId(block as unknown as { previous: string } & Record<string, unknown>);
  if (E.isLeft(id)) throw new Error(id.left.message);
  return forkItem(block, id.right);
}

const ok = <R>(r: E.Either<{ message: string }, R>): R => {
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

/** A chain of `n` blocks from genesis. */
function chain(n: number, salt = 0): ForkItem[] {
  const out: ForkItem[] = [];
  for (let i = 0; i < n; i++) out.push(child(out[i - 1]?.id ?? ZERO_BLOCK_ID, salt));
  return out;
}

const pushAll = (f: ForkDatabase, items: readonly ForkItem[]): ForkDatabase => items.reduce((g, i) => ok(pushBlock(g, i)), f);

describe("fork database (fork_database.cpp)", () => {
  it("follows the highest block; the first one seen wins a tie", () => {
    const main = chain(3);
    let f = pushAll(emptyForkDatabase, main);
    expect(f.head?.id).toBe(main[2]!.id);
    expect(f.head?.num).toBe(3);
    const rival = child(main[1]!.id, 7);
    f = ok(pushBlock(f, rival));
    expect(f.head?.id).toBe(main[2]!.id);
    expect(fetchBlockByNumber(f, 3).map((i) => i.id).sort()).toEqual([main[2]!.id, rival.id].sort());
    const longer = child(rival.id, 7);
    f = ok(pushBlock(f, longer));
    expect(f.head?.id).toBe(longer.id);
  });

  it("refuses a block whose parent it does not know (unlinkable_block_exception)", () => {
    const main = chain(3);
    const f = pushAll(emptyForkDatabase, main.slice(0, 1));
    const r = pushBlock(f, main[2]!);
    expect(r).toEqual(E.left(expect.objectContaining({ exception: "unlinkable_block_exception", rule: "fork_database.unlinkable", field: "previous" })));
  });

  it("keeps max_size blocks below the head and refuses older ones", () => {
    const main = chain(12);
    let f = setMaxSize(emptyForkDatabase, 4);
    f = pushAll(f, main);
    // head 12, window 4: blocks below 12 - 4 = 8 are gone.
    expect(fetchBlockByNumber(f, 7)).toEqual([]);
    expect(fetchBlockByNumber(f, 8).map((i) => i.id)).toEqual([main[7]!.id]);
    const tooOld = child(main[7]!.id, 3); // #9 would still be accepted: 9 > 12 - 4
    expect(E.isRight(pushBlock(f, tooOld))).toBe(true);
    const f2 = setMaxSize(f, 3); // now blocks below 9 go, and #9 is the oldest acceptable
    expect(fetchBlockByNumber(f2, 8)).toEqual([]);
    const r = pushBlock(f2, child(main[6]!.id, 3)); // #8 <= 12 - 3
    expect(r).toEqual(E.left(expect.objectContaining({ exception: "assert_exception", rule: "fork_database.too_old" })));
  });

  it("fetch_branch_from gives both branches back to the blocks after the common ancestor", () => {
    const main = chain(5);
    const a = child(main[1]!.id, 1);
    const b = child(a.id, 1);
    const f = pushAll(emptyForkDatabase, [...main, a, b]);
    const [left, right] = ok(fetchBranchFrom(f, main[4]!.id, b.id));
    expect(left.map((i) => i.num)).toEqual([5, 4, 3]);
    expect(right.map((i) => i.id)).toEqual([b.id, a.id]);
    expect(left[2]!.previous).toBe(right[1]!.previous);
    expect(fetchBranchFrom(f, main[4]!.id, "ff".repeat(20))).toEqual(E.left(expect.objectContaining({ rule: "fork_database.branch" })));
  });

  it("pushing a known block again keeps its recorded schedule", () => {
    const main = chain(2);
    const schedule = { next_block_aslot: 3n, next_block_time: 1431700010, witnesses: [["1.6.1", "02" + "11".repeat(32)] as const] };
    let f = withSchedule(pushAll(emptyForkDatabase, main), main[1]!.id, schedule);
    f = ok(pushBlock(f, main[1]!));
    expect(f.byId.get(main[1]!.id)?.scheduled).toEqual(schedule);
    expect(f.head?.scheduled).toEqual(schedule);
  });

  it("remove takes the head back to its parent; pop_block refuses to leave no head", () => {
    const main = chain(2);
    let f = pushAll(emptyForkDatabase, main);
    f = removeBlock(f, main[1]!.id);
    expect(f.head?.id).toBe(main[0]!.id);
    expect(popHead(f)).toEqual(E.left(expect.objectContaining({ rule: "fork_database.pop_to_null" })));
    expect(popHead(emptyForkDatabase)).toEqual(E.left(expect.objectContaining({ rule: "fork_database.pop_empty" })));
    const g = pushAll(emptyForkDatabase, main);
    expect(ok(popHead(g)).head?.id).toBe(main[0]!.id);
    expect(g.head?.id).toBe(main[1]!.id);
  });
});
