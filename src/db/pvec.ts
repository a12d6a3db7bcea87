// A persistent vector: a 32-way trie indexed by object instance. Every update copies only the path from
// the root to one leaf (log32 n nodes), so an old state stays valid and cheap to keep: this is what lets
// the chain keep the state of every recent block for fork switching without an undo log.

import type { Edit } from "./edit.js";

const BITS = 5;
const MAX_INDEX = 2 ** 31 - 1;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

type Node<T> = ReadonlyArray<Node<T> | T | undefined>;
/** A node copied under an edit token: writes with that token may change it in place. */
type OwnedNode<T> = (Node<T> | T | undefined)[] & { edit?: Edit };

export class PVec<T> {
  private constructor(
    /** One more than the largest index ever set (instances are handed out in order). */
    readonly size: number,
    private readonly shift: number,
    private readonly root: Node<T>,
  ) {}

  static empty<T>(): PVec<T> {
    return EMPTY as PVec<T>;
  }

  get(i: number): T | undefined {
    if (i < 0 || i >= this.size) return undefined;
    let node: Node<T> = this.root;
    for (let level = this.shift; level > 0; level -= BITS) {
      const next = node[(i >>> level) & MASK] as Node<T> | undefined;
      if (next === undefined) return undefined;
      node = next;
    }
    return node[i & MASK] as T | undefined;
  }

  /** A vector equal to this one except at index i (which may lie beyond the current size). With an edit
   *  token, nodes already copied under it are changed in place (see edit.ts). */
  set(i: number, value: T | undefined, edit?: Edit): PVec<T> {
    // Instances are handed out one by one, so 2^31 objects of one type is beyond any chain's reach.
    if (!Number.isInteger(i) || i < 0 || i > MAX_INDEX) throw new RangeError(`index ${i} out of range`);
    let root: Node<T> = this.root;
    let shift = this.shift;
    while (shift < 30 && i >>> (shift + BITS) !== 0) {
      root = [root];
      shift += BITS;
    }
    const newRoot = setIn(root, shift, i, value, edit);
    return new PVec(Math.max(this.size, i + 1), shift, newRoot);
  }

  push(value: T): PVec<T> {
    return this.set(this.size, value);
  }

  /** Present values in index order. */
  *values(): IterableIterator<T> {
    for (const [, v] of this.entries()) yield v;
  }

  *entries(): IterableIterator<[number, T]> {
    yield* walk(this.root, this.shift, 0, this.size);
  }
}

function setIn<T>(node: Node<T>, shift: number, i: number, value: T | undefined, edit: Edit | undefined): Node<T> {
  const copy = owned(node, edit);
  const slot = (i >>> shift) & MASK;
  if (shift === 0) copy[slot] = value;
  else copy[slot] = setIn((node[slot] as Node<T> | undefined) ?? [], shift - BITS, i, value, edit);
  return copy;
}

/** The node itself when it was copied under `edit`, else a copy owned by `edit`. */
function owned<T>(node: Node<T>, edit: Edit | undefined): OwnedNode<T> {
  if (edit !== undefined && (node as OwnedNode<T>).edit === edit) return node as OwnedNode<T>;
  const copy: OwnedNode<T> = node.slice();
  if (edit !== undefined) copy.edit = edit;
  return copy;
}

function* walk<T>(node: Node<T>, shift: number, base: number, size: number): IterableIterator<[number, T]> {
  for (let slot = 0; slot < node.length; slot++) {
    const child = node[slot];
    if (child === undefined) continue;
    const index = base + (slot << shift);
    if (index >= size) return;
    if (shift === 0) yield [index, child as T];
    else yield* walk(child as Node<T>, shift - BITS, index, size);
  }
}

const EMPTY = new (PVec as unknown as new (size: number, shift: number, root: Node<unknown>) => PVec<unknown>)(0, 0, []);
