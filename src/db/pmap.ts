// A persistent ordered map: a B+ tree whose updates copy only the path from the root to one leaf.
// It backs every secondary index of the object database (accounts by name, balances by owner and asset,
// objects by expiration, ...), which bitshares-core keeps in boost::multi_index ordered indices. Being
// persistent, an index costs nothing to keep for an old state.

import type { Edit } from "./edit.js";

export type Compare<K> = (a: K, b: K) => number;

/** Orders numbers, strings and bigints by `<`, and arrays of them lexicographically. */
export type TupleKey = readonly (number | string | bigint | boolean)[];

export function compareScalars(a: number | string | bigint | boolean, b: number | string | bigint | boolean): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareTuples(a: TupleKey, b: TupleKey): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    // Each type gets its own `<`: one comparison site seeing numbers, strings and bigints alike falls back
    // to V8's generic comparison, a site seeing one type stays fast. The order is `<`'s throughout.
    if (typeof x === "number" && typeof y === "number") {
      if (x < y) return -1;
      if (x > y) return 1;
      continue;
    }
    if (typeof x === "string" && typeof y === "string") return x < y ? -1 : 1;
    if (typeof x === "bigint" && typeof y === "bigint") return x < y ? -1 : 1;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

const MAX = 32;
const MIN = MAX >> 2;

// Nodes are read-only to everyone but the edit token they were copied under (see edit.ts): with that
// token, insert and remove change them in place instead of copying them again.
interface Leaf<K, V> {
  readonly leaf: true;
  readonly keys: K[];
  readonly vals: V[];
  readonly edit: Edit | undefined;
}
interface Branch<K, V> {
  readonly leaf: false;
  /** keys[i] is the largest key under children[i]. */
  readonly keys: K[];
  readonly children: Node<K, V>[];
  readonly edit: Edit | undefined;
}
type Node<K, V> = Leaf<K, V> | Branch<K, V>;

/** First index i with cmp(keys[i], k) >= 0, or keys.length. */
function lowerBound<K>(keys: readonly K[], k: K, cmp: Compare<K>): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(keys[mid]!, k) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lastKey<K, V>(n: Node<K, V>): K {
  return n.keys[n.keys.length - 1]!;
}

function mine<K, V>(n: Node<K, V>, edit: Edit | undefined): boolean {
  return edit !== undefined && n.edit === edit;
}

function makeNode<K, V>(leaf: boolean, keys: K[], items: unknown[], edit: Edit | undefined): Node<K, V> {
  return leaf ? { leaf: true, keys, vals: items as V[], edit } : { leaf: false, keys, children: items as Node<K, V>[], edit };
}

function items<K, V>(n: Node<K, V>): unknown[] {
  return n.leaf ? n.vals : n.children;
}

/** n with `remove` entries at `at` replaced by (key0, item0) and (key1, item1) when given: in place when
 *  n is the edit's own, else as a new node owned by the edit. Written out by hand: Array#splice would
 *  allocate on every call, and this runs on every index write. */
function splicedNode<K, V>(n: Node<K, V>, at: number, remove: 0 | 1 | 2, edit: Edit | undefined, count: 0 | 1 | 2, key0?: K, item0?: unknown, key1?: K, item1?: unknown): Node<K, V> {
  const keys = n.keys;
  const its = items(n);
  const len = keys.length;
  const shift = count - remove;
  const inPlace = mine(n, edit);
  let k: K[];
  let i: unknown[];
  if (inPlace) {
    // The tail moves by `shift` by hand: Array#copyWithin and writes to `length` are slow generic
    // builtins, and this runs on every index write. Growing appends, shrinking pops.
    k = keys;
    i = its;
    if (shift > 0) {
      // The new last slots get the tail's last entries, or the new entries when the tail is shorter.
      for (let j = len; j < len + shift; j++) {
        const src = j - shift;
        if (src >= at + remove) {
          k.push(keys[src]!);
          i.push(its[src]);
        } else if (j === at) {
          k.push(key0!);
          i.push(item0);
        } else {
          k.push(key1!);
          i.push(item1);
        }
      }
      // The rest of the tail moves up by `shift`, from the back.
      for (let j = len - shift - 1; j >= at + remove; j--) {
        k[j + shift] = keys[j]!;
        i[j + shift] = its[j];
      }
    } else if (shift < 0) {
      for (let j = at + remove; j < len; j++) {
        k[j + shift] = keys[j]!;
        i[j + shift] = its[j];
      }
      for (let j = 0; j > shift; j--) {
        k.pop();
        i.pop();
      }
    }
  } else {
    k = keys.slice(0, at);
    i = its.slice(0, at);
    for (let j = at + remove; j < len; j++) {
      k[j + shift] = keys[j]!;
      i[j + shift] = its[j];
    }
  }
  if (count > 0) {
    k[at] = key0!;
    i[at] = item0;
  }
  if (count > 1) {
    k[at + 1] = key1!;
    i[at + 1] = item1;
  }
  return inPlace ? n : makeNode(n.leaf, k, i, edit);
}

/** n with entry `at` replaced (same in-place rule). */
function replacedNode<K, V>(n: Node<K, V>, at: number, edit: Edit | undefined, key: K, item: unknown): Node<K, V> {
  if (mine(n, edit)) {
    n.keys[at] = key;
    items(n)[at] = item;
    return n;
  }
  const k = n.keys.slice();
  k[at] = key;
  const i = items(n).slice();
  i[at] = item;
  return makeNode(n.leaf, k, i, edit);
}

/** Splits an overfull node into two halves. */
function split<K, V>(n: Node<K, V>, edit: Edit | undefined): [Node<K, V>, Node<K, V>] {
  const half = n.keys.length >> 1;
  const its = items(n);
  return [
    makeNode(n.leaf, n.keys.slice(0, half), its.slice(0, half), edit),
    makeNode(n.leaf, n.keys.slice(half), its.slice(half), edit),
  ];
}

// What the last insert/remove found; module state instead of result objects keeps writes allocation-free.
let added = false;
let removed = false;
// Set by setIfAbsent for one insert: a bound key is then reported in `present` instead of replaced.
let onlyNew = false;
let present = false;
// The path move() descends (nodes and child slots), kept between calls so that moves allocate nothing;
// cleared after use so that it holds on to no old node.
const pathNodes: (Node<unknown, unknown> | undefined)[] = [];
const pathSlots: number[] = [];

export class PMap<K, V> {
  private constructor(
    readonly compare: Compare<K>,
    private readonly root: Node<K, V> | undefined,
    readonly size: number,
  ) {}

  static empty<K, V>(compare: Compare<K>): PMap<K, V> {
    return new PMap<K, V>(compare, undefined, 0);
  }

  get(k: K): V | undefined {
    let n = this.root;
    if (n === undefined) return undefined;
    const cmp = this.compare;
    while (!n.leaf) {
      const i: number = lowerBound(n.keys, k, cmp);
      if (i === n.keys.length) return undefined;
      n = n.children[i]!;
    }
    const i = lowerBound(n.keys, k, cmp);
    return i < n.keys.length && cmp(n.keys[i]!, k) === 0 ? n.vals[i] : undefined;
  }

  has(k: K): boolean {
    let n = this.root;
    if (n === undefined) return false;
    const cmp = this.compare;
    while (!n.leaf) {
      const i: number = lowerBound(n.keys, k, cmp);
      if (i === n.keys.length) return false;
      n = n.children[i]!;
    }
    const i = lowerBound(n.keys, k, cmp);
    return i < n.keys.length && cmp(n.keys[i]!, k) === 0;
  }

  /** This map with k bound to v. With an edit token, nodes already copied under it change in place. */
  set(k: K, v: V, edit?: Edit): PMap<K, V> {
    onlyNew = false;
    return this.put(k, v, edit)!;
  }

  /** This map with k bound to v when k is not bound yet; else undefined, and nothing (not even a node
   *  owned by `edit`) has changed. One descent where has() then set() would take two. */
  setIfAbsent(k: K, v: V, edit?: Edit): PMap<K, V> | undefined {
    onlyNew = true;
    return this.put(k, v, edit);
  }

  private put(k: K, v: V, edit: Edit | undefined): PMap<K, V> | undefined {
    if (this.root === undefined) return new PMap(this.compare, { leaf: true, keys: [k], vals: [v], edit }, 1);
    added = false;
    present = false;
    const r = this.insert(this.root, k, v, edit);
    if (present) return undefined;
    const grew = added;
    const root: Node<K, V> = Array.isArray(r) ? { leaf: false, keys: [lastKey(r[0]), lastKey(r[1])], children: r, edit } : r;
    return new PMap(this.compare, root, this.size + (grew ? 1 : 0));
  }

  /** Sets `added` when k was new; with `onlyNew`, sets `present` instead of replacing a bound k, and
   *  then returns n untouched (so every node on the path stays as it was). */
  private insert(n: Node<K, V>, k: K, v: V, edit: Edit | undefined): Node<K, V> | [Node<K, V>, Node<K, V>] {
    const cmp = this.compare;
    if (n.leaf) {
      const i = lowerBound(n.keys, k, cmp);
      if (i < n.keys.length && cmp(n.keys[i]!, k) === 0) {
        if (onlyNew) {
          present = true;
          return n;
        }
        return replacedNode(n, i, edit, n.keys[i]!, v);
      }
      added = true;
      const grown = splicedNode(n, i, 0, edit, 1, k, v);
      return grown.keys.length > MAX ? split(grown, edit) : grown;
    }
    let i = lowerBound(n.keys, k, cmp);
    if (i === n.keys.length) i--;
    const r = this.insert(n.children[i]!, k, v, edit);
    if (present) return n;
    const grown = Array.isArray(r)
      ? splicedNode(n, i, 1, edit, 2, lastKey(r[0]), r[0], lastKey(r[1]), r[1])
      : replacedNode(n, i, edit, lastKey(r), r);
    return grown.keys.length > MAX ? split(grown, edit) : grown;
  }

  /** This map with `from` unbound and `to` bound to v, or undefined (nothing changed) when `to` is bound
   *  already: an ordered index following an object whose key changed. When both keys lie in one leaf (a
   *  small change of key) this is one descent; otherwise setIfAbsent(to) then delete(from). */
  move(from: K, to: K, v: V, edit?: Edit): PMap<K, V> | undefined {
    const cmp = this.compare;
    let n = this.root;
    let depth = 0;
    while (n !== undefined && !n.leaf) {
      const keys = n.keys;
      const i = lowerBound(keys, from, cmp);
      // `to` goes down the same child when it lies in that child's range: above the previous child's
      // largest key and at most this child's (or anywhere above, for the last child).
      if (i === keys.length || (i > 0 && cmp(to, keys[i - 1]!) <= 0) || (i < keys.length - 1 && cmp(to, keys[i]!) > 0)) break;
      pathNodes[depth] = n;
      pathSlots[depth++] = i;
      n = n.children[i]!;
    }
    if (n === undefined || !n.leaf) return this.moveApart(from, to, v, edit, depth);
    const keys = n.keys;
    const fi = lowerBound(keys, from, cmp);
    if (fi === keys.length || cmp(keys[fi]!, from) !== 0) return this.moveApart(from, to, v, edit, depth);
    const ti = lowerBound(keys, to, cmp);
    if (ti < keys.length && cmp(keys[ti]!, to) === 0) {
      pathNodes.fill(undefined, 0, depth);
      return ti === fi ? this.set(to, v, edit) : undefined;
    }
    // `from`'s entry leaves slot fi and `to`'s enters before slot ti (counted with `from` still there).
    let leaf: Node<K, V> = mine(n, edit) ? n : makeNode<K, V>(true, keys.slice(), n.vals.slice(), edit);
    const k = leaf.keys;
    const vals = (leaf as Leaf<K, V>).vals;
    if (ti > fi) {
      for (let x = fi; x < ti - 1; x++) {
        k[x] = k[x + 1]!;
        vals[x] = vals[x + 1]!;
      }
      k[ti - 1] = to;
      vals[ti - 1] = v;
    } else {
      for (let x = fi; x > ti; x--) {
        k[x] = k[x - 1]!;
        vals[x] = vals[x - 1]!;
      }
      k[ti] = to;
      vals[ti] = v;
    }
    // The path above gets the new child and, where it changed, its largest key.
    while (depth > 0) {
      const parent = pathNodes[--depth] as Node<K, V>;
      pathNodes[depth] = undefined;
      leaf = replacedNode(parent, pathSlots[depth]!, edit, lastKey(leaf), leaf);
    }
    return new PMap(this.compare, leaf, this.size);
  }

  private moveApart(from: K, to: K, v: V, edit: Edit | undefined, depth: number): PMap<K, V> | undefined {
    pathNodes.fill(undefined, 0, depth);
    // Moving a key onto itself rebinds it (setIfAbsent then delete would unbind it).
    if (this.compare(from, to) === 0) return this.set(to, v, edit);
    return this.setIfAbsent(to, v, edit)?.delete(from, edit);
  }

  /** This map without k (the same map when k is absent). Edit tokens as in set(). */
  delete(k: K, edit?: Edit): PMap<K, V> {
    if (this.root === undefined) return this;
    removed = false;
    const r = this.remove(this.root, k, edit);
    if (!removed) return this;
    let root = r ?? undefined;
    // A branch left with one child is replaced by that child, so the tree's depth shrinks with it.
    while (root !== undefined && !root.leaf && root.children.length === 1) root = root.children[0]!;
    return new PMap(this.compare, root, this.size - 1);
  }

  /** The node without k (sets `removed` when k was there); null when nothing is left. */
  private remove(n: Node<K, V>, k: K, edit: Edit | undefined): Node<K, V> | null {
    const cmp = this.compare;
    const i = lowerBound(n.keys, k, cmp);
    if (i === n.keys.length) return n;
    if (n.leaf) {
      if (cmp(n.keys[i]!, k) !== 0) return n;
      removed = true;
      if (n.keys.length === 1) return null;
      return splicedNode(n, i, 1, edit, 0);
    }
    const c = this.remove(n.children[i]!, k, edit);
    if (!removed) return n;
    if (c === null) {
      if (n.children.length === 1) return null;
      return splicedNode(n, i, 1, edit, 0);
    }
    // Merge a small child into a neighbour when both fit in one node, so deletions keep nodes dense.
    if (c.keys.length < MIN && n.children.length > 1) {
      const j = i + 1 < n.children.length ? i + 1 : i - 1;
      const sibling = n.children[j]!;
      if (sibling.keys.length + c.keys.length <= MAX) {
        const [left, right] = j > i ? [c, sibling] : [sibling, c];
        const merged = makeNode<K, V>(c.leaf, [...left.keys, ...right.keys], [...items(left), ...items(right)], edit);
        return splicedNode(n, Math.min(i, j), 2, edit, 1, lastKey(merged), merged);
      }
    }
    return replacedNode(n, i, edit, lastKey(c), c);
  }

  /** Entries in key order, starting at the first key >= from (or the first key). */
  *entries(from?: K): IterableIterator<[K, V]> {
    if (this.root === undefined) return;
    const cmp = this.compare;
    const stack: { node: Branch<K, V>; i: number }[] = [];
    let n: Node<K, V> = this.root;
    while (!n.leaf) {
      const i = from === undefined ? 0 : lowerBound(n.keys, from, cmp);
      if (i === n.keys.length) return;
      stack.push({ node: n, i });
      n = n.children[i]!;
    }
    let leaf: Leaf<K, V> = n;
    let j = from === undefined ? 0 : lowerBound(leaf.keys, from, cmp);
    for (;;) {
      for (; j < leaf.keys.length; j++) yield [leaf.keys[j]!, leaf.vals[j]!];
      // Climb to the next unvisited child, then descend to its first leaf.
      let top = stack[stack.length - 1];
      while (top !== undefined && top.i + 1 >= top.node.children.length) {
        stack.pop();
        top = stack[stack.length - 1];
      }
      if (top === undefined) return;
      top.i++;
      let m: Node<K, V> = top.node.children[top.i]!;
      while (!m.leaf) {
        stack.push({ node: m, i: 0 });
        m = m.children[0]!;
      }
      leaf = m;
      j = 0;
    }
  }

  /** Entries in descending key order, starting at the last key <= from (or the last key). */
  *entriesReverse(from?: K): IterableIterator<[K, V]> {
    if (this.root === undefined) return;
    const cmp = this.compare;
    const stack: { node: Branch<K, V>; i: number }[] = [];
    let n: Node<K, V> = this.root;
    while (!n.leaf) {
      let i = from === undefined ? n.keys.length - 1 : lowerBound(n.keys, from, cmp);
      if (i === n.keys.length) i--;
      stack.push({ node: n, i });
      n = n.children[i]!;
    }
    let leaf: Leaf<K, V> = n;
    let j: number;
    if (from === undefined) j = leaf.keys.length - 1;
    else {
      j = lowerBound(leaf.keys, from, cmp);
      if (j === leaf.keys.length || cmp(leaf.keys[j]!, from) > 0) j--;
    }
    for (;;) {
      for (; j >= 0; j--) yield [leaf.keys[j]!, leaf.vals[j]!];
      let top = stack[stack.length - 1];
      while (top !== undefined && top.i === 0) {
        stack.pop();
        top = stack[stack.length - 1];
      }
      if (top === undefined) return;
      top.i--;
      let m: Node<K, V> = top.node.children[top.i]!;
      while (!m.leaf) {
        stack.push({ node: m, i: m.children.length - 1 });
        m = m.children[m.children.length - 1]!;
      }
      leaf = m;
      j = leaf.keys.length - 1;
    }
  }

  /** The value at the first key >= k (lower_bound), without starting an iteration. */
  ceilingValue(k: K | undefined): V | undefined {
    let n = this.root;
    if (n === undefined) return undefined;
    const cmp = this.compare;
    while (!n.leaf) {
      const i: number = k === undefined ? 0 : lowerBound(n.keys, k, cmp);
      if (i === n.keys.length) return undefined;
      n = n.children[i]!;
    }
    const i = k === undefined ? 0 : lowerBound(n.keys, k, cmp);
    return i < n.keys.length ? n.vals[i] : undefined;
  }

  first(): [K, V] | undefined {
    for (const e of this.entries()) return e;
    return undefined;
  }

  last(): [K, V] | undefined {
    for (const e of this.entriesReverse()) return e;
    return undefined;
  }

  /** The node depth, for tests of balance. */
  depth(): number {
    let d = 0;
    let n = this.root;
    while (n !== undefined) {
      d++;
      n = n.leaf ? undefined : n.children[0];
    }
    return d;
  }
}
