// The fork database (fork_database.cpp): every recent block a node knows, linked to its parent, whichever
// branch it lies on. Its head is the first-seen block of the greatest height; fork choice follows it.
// Immutable: every change returns a new value.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { PMap, compareScalars } from "../db/pmap.js";
import { type ChainError, chainError } from "../protocol/errors.js";
import { blockNumFromId } from "../crypto/digests.js";

/** fork_item: a block with its number and id. */
export interface ForkItem {
  readonly id: string;
  readonly num: number;
  readonly previous: string;
  readonly block: T.SignedBlock;
  /** fork_item::scheduled_witnesses with next_block_aslot and next_block_time: the schedule after this
   *  block, recorded when a recent block is applied, so that children can be checked before they are. */
  readonly scheduled?: ScheduleAfter;
}

export interface ScheduleAfter {
  readonly next_block_aslot: bigint;
  readonly next_block_time: number;
  /** The shuffled witnesses with their signing keys. */
  readonly witnesses: readonly (readonly [string, string])[];
}

/** fork_database::MAX_BLOCK_REORDERING, the window before the first irreversible block sets one. */
export const MAX_BLOCK_REORDERING = 1024;

/** The id every block #1 names as previous. */
export const ZERO_BLOCK_ID = "00".repeat(20);

const byNumKey = (a: readonly [number, string], b: readonly [number, string]): number => a[0] - b[0] || compareScalars(a[1], b[1]);

export interface ForkDatabase {
  readonly byId: PMap<string, ForkItem>;
  /** (num, id) -> item: blocks by height, for pruning and fetch_block_by_number. */
  readonly byNum: PMap<readonly [number, string], ForkItem>;
  readonly head: ForkItem | undefined;
  /** Blocks older than head.num - maxSize are dropped; the chain sets it to head - LIB + 1. */
  readonly maxSize: number;
}

export const emptyForkDatabase: ForkDatabase = {
  byId: PMap.empty<string, ForkItem>(compareScalars), byNum: PMap.empty<readonly [number, string], ForkItem>(byNumKey), head: undefined, maxSize: MAX_BLOCK_REORDERING,
};

export function forkItem(block: T.SignedBlock, id: string): ForkItem {
  return { id, num: blockNumFromId(id), previous: block.previous, block };
}

function inserted(f: ForkDatabase, item: ForkItem): ForkDatabase {
  return { ...f, byId: f.byId.set(item.id, item), byNum: f.byNum.set([item.num, item.id], item) };
}

/** Drops every block below `minNum`. */
function pruned(f: ForkDatabase, minNum: number): ForkDatabase {
  let { byId, byNum } = f;
  for (let first = byNum.first(); first !== undefined && first[1].num < minNum; first = byNum.first()) {
    byNum = byNum.delete(first[0]);
    byId = byId.delete(first[1].id);
  }
  return { ...f, byId, byNum };
}

/** start_block: a fork database holding only `item` (opening a chain whose head block is stored). */
export function startBlock(item: ForkItem): ForkDatabase {
  return { ...inserted(emptyForkDatabase, item), head: item };
}

/** fork_database::push_block: links the block to a known parent (unlinkable_block_exception otherwise),
 *  keeps it, and makes it the head if it is higher than the head (the first seen wins a tie). */
export function pushBlock(f: ForkDatabase, item: ForkItem): E.Either<ChainError, ForkDatabase> {
  const head = f.head;
  if (head !== undefined) {
    if (!(item.num > Math.max(0, head.num - f.maxSize))) {
      return E.left(chainError("assert_exception", "fork_database.too_old", "", `block #${item.num} is too old: the head is #${head.num} and the fork database keeps ${f.maxSize} blocks`));
    }
    if (item.previous !== ZERO_BLOCK_ID && !f.byId.has(item.previous)) {
      return E.left(chainError("unlinkable_block_exception", "fork_database.unlinkable", "previous", `block #${item.num} ${item.id} does not link to a known block: previous ${item.previous} is unknown`));
    }
  }
  // A block already known keeps its entry (multi_index insert of a duplicate id does nothing), so its
  // recorded schedule stays.
  const known = f.byId.get(item.id);
  const next = known === undefined ? inserted(f, item) : f;
  item = known ?? item;
  if (head === undefined) return E.right({ ...next, head: item });
  if (item.num <= head.num) return E.right(next);
  return E.right(pruned({ ...next, head: item }, item.num - Math.min(f.maxSize, item.num)));
}

/** set_max_size: the window shrinks or grows; blocks below head - max_size go. */
export function setMaxSize(f: ForkDatabase, maxSize: number): ForkDatabase {
  const g = { ...f, maxSize };
  return g.head === undefined ? g : pruned(g, Math.max(0, g.head.num - maxSize));
}

export const isKnownBlock = (f: ForkDatabase, id: string): boolean => f.byId.has(id);
export const fetchBlock = (f: ForkDatabase, id: string): ForkItem | undefined => f.byId.get(id);

/** fetch_block_by_number: every known block of that height. */
export function fetchBlockByNumber(f: ForkDatabase, num: number): ForkItem[] {
  const out: ForkItem[] = [];
  for (const [[n], item] of f.byNum.entries([num, ""])) {
    if (n !== num) break;
    out.push(item);
  }
  return out;
}

/** fetch_branch_from: the blocks of each branch back to (and including) the first blocks after their
 *  common ancestor, newest first. */
export function fetchBranchFrom(f: ForkDatabase, first: string, second: string): E.Either<ChainError, readonly [ForkItem[], ForkItem[]]> {
  let a = f.byId.get(first);
  let b = f.byId.get(second);
  const missing = (id: string) => E.left(chainError("assert_exception", "fork_database.branch", "", `block ${id} is not in the fork database`));
  if (a === undefined) return missing(first);
  if (b === undefined) return missing(second);
  const left: ForkItem[] = [];
  const right: ForkItem[] = [];
  const parent = (x: ForkItem) => f.byId.get(x.previous);
  while (a.num > b.num) {
    left.push(a);
    const p = parent(a);
    if (p === undefined) return missing(a.previous);
    a = p;
  }
  while (b.num > a.num) {
    right.push(b);
    const p = parent(b);
    if (p === undefined) return missing(b.previous);
    b = p;
  }
  while (a.previous !== b.previous) {
    left.push(a);
    right.push(b);
    const pa = parent(a);
    const pb = parent(b);
    if (pa === undefined) return missing(a.previous);
    if (pb === undefined) return missing(b.previous);
    a = pa;
    b = pb;
  }
  left.push(a);
  right.push(b);
  return E.right([left, right] as const);
}

/** The item with its schedule recorded (database::update_witnesses), in place of the one kept. */
export function withSchedule(f: ForkDatabase, id: string, scheduled: ScheduleAfter): ForkDatabase {
  const item = f.byId.get(id);
  if (item === undefined || item.scheduled !== undefined) return f;
  const next = { ...item, scheduled };
  return { ...inserted(f, next), head: f.head?.id === id ? next : f.head };
}

/** fork_database::pop_block: the head's parent becomes the head (it must be known). */
export function popHead(f: ForkDatabase): E.Either<ChainError, ForkDatabase> {
  if (f.head === undefined) return E.left(chainError("assert_exception", "fork_database.pop_empty", "", "no block to pop"));
  const prev = f.byId.get(f.head.previous);
  if (prev === undefined) return E.left(chainError("assert_exception", "fork_database.pop_to_null", "", "popping block would leave head block null"));
  return E.right({ ...f, head: prev });
}

/** set_head. */
export const setHead = (f: ForkDatabase, head: ForkItem): ForkDatabase => ({ ...f, head });

/** fork_database::remove: forgets a block; when it was the head, its parent (if known) becomes the head. */
export function removeBlock(f: ForkDatabase, id: string): ForkDatabase {
  const item = f.byId.get(id);
  if (item === undefined) return f;
  const g: ForkDatabase = { ...f, byId: f.byId.delete(id), byNum: f.byNum.delete([item.num, id]) };
  if (f.head?.id !== id) return g;
  return { ...g, head: g.byId.get(item.previous) };
}
