// A persistent ordered map: a B+ tree whose updates copy only the path from the root to one leaf.
// It backs every secondary index of the object database (accounts by name, balances by owner and asset,
// objects by expiration, ...), which bitshares-core keeps in boost::multi_index ordered indices. Being
// persistent, an index costs nothing to keep for an old state.

export type Compare<K> = (a: K, b: K) => number;

/** Orders numbers, strings and bigints by `<`, and arrays of them lexicographically. */
export type TupleKey = readonly (number | string | bigint | boolean)[];

export function compareScalars(a: number | string | bigint | boolean, b: number | string | bigint | boolean): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareTuples(a: TupleKey, b: TupleKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
}

const MAX = 32;
const MIN = MAX >> 2;

interface Leaf<K, V> {
  readonly leaf: true;
  readonly keys: readonly K[];
  readonly vals: readonly V[];
}
interface Branch<K, V> {
  readonly leaf: false;
  /** keys[i] is the largest key under children[i]. */
  readonly keys: readonly K[];
  readonly children: readonly Node<K, V>[];
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

function spliced<T>(a: readonly T[], at: number, remove: number, ...insert: T[]): T[] {
  const copy = a.slice();
  copy.splice(at, remove, ...insert);
  return copy;
}

function replaced<T>(a: readonly T[], at: number, value: T): T[] {
  const copy = a.slice();
  copy[at] = value;
  return copy;
}

function makeNode<K, V>(leaf: boolean, keys: K[], items: unknown[]): Node<K, V> {
  return leaf ? { leaf: true, keys, vals: items as V[] } : { leaf: false, keys, children: items as Node<K, V>[] };
}

function items<K, V>(n: Node<K, V>): readonly unknown[] {
  return n.leaf ? n.vals : n.children;
}

/** Splits an overfull node into two halves. */
function split<K, V>(n: Node<K, V>): [Node<K, V>, Node<K, V>] {
  const half = n.keys.length >> 1;
  const its = items(n);
  return [
    makeNode(n.leaf, n.keys.slice(0, half), its.slice(0, half)),
    makeNode(n.leaf, n.keys.slice(half), its.slice(half)),
  ];
}

type InsertResult<K, V> = { nodes: [Node<K, V>] | [Node<K, V>, Node<K, V>]; added: boolean };

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

  set(k: K, v: V): PMap<K, V> {
    if (this.root === undefined) return new PMap(this.compare, { leaf: true, keys: [k], vals: [v] }, 1);
    const r = this.insert(this.root, k, v);
    const root: Node<K, V> =
      r.nodes.length === 1 ? r.nodes[0] : { leaf: false, keys: [lastKey(r.nodes[0]), lastKey(r.nodes[1])], children: r.nodes };
    return new PMap(this.compare, root, this.size + (r.added ? 1 : 0));
  }

  private insert(n: Node<K, V>, k: K, v: V): InsertResult<K, V> {
    const cmp = this.compare;
    if (n.leaf) {
      const i = lowerBound(n.keys, k, cmp);
      if (i < n.keys.length && cmp(n.keys[i]!, k) === 0) {
        return { nodes: [{ leaf: true, keys: n.keys, vals: replaced(n.vals, i, v) }], added: false };
      }
      const grown: Leaf<K, V> = { leaf: true, keys: spliced(n.keys, i, 0, k), vals: spliced(n.vals, i, 0, v) };
      return { nodes: grown.keys.length > MAX ? split(grown) : [grown], added: true };
    }
    let i = lowerBound(n.keys, k, cmp);
    if (i === n.keys.length) i--;
    const r = this.insert(n.children[i]!, k, v);
    let grown: Branch<K, V>;
    if (r.nodes.length === 1) {
      grown = { leaf: false, keys: replaced(n.keys, i, lastKey(r.nodes[0])), children: replaced(n.children, i, r.nodes[0]) };
    } else {
      const [a, b] = r.nodes;
      grown = { leaf: false, keys: spliced(n.keys, i, 1, lastKey(a), lastKey(b)), children: spliced(n.children, i, 1, a, b) };
    }
    return { nodes: grown.keys.length > MAX ? split(grown) : [grown], added: r.added };
  }

  delete(k: K): PMap<K, V> {
    if (this.root === undefined) return this;
    const r = this.remove(this.root, k);
    if (r === this.root) return this;
    let root = r ?? undefined;
    // A branch left with one child is replaced by that child, so the tree's depth shrinks with it.
    while (root !== undefined && !root.leaf && root.children.length === 1) root = root.children[0]!;
    return new PMap(this.compare, root, this.size - 1);
  }

  /** The node without k: the same node when k is absent, null when nothing is left. */
  private remove(n: Node<K, V>, k: K): Node<K, V> | null {
    const cmp = this.compare;
    const i = lowerBound(n.keys, k, cmp);
    if (i === n.keys.length) return n;
    if (n.leaf) {
      if (cmp(n.keys[i]!, k) !== 0) return n;
      if (n.keys.length === 1) return null;
      return { leaf: true, keys: spliced(n.keys, i, 1), vals: spliced(n.vals, i, 1) };
    }
    const child = n.children[i]!;
    const c = this.remove(child, k);
    if (c === child) return n;
    if (c === null) {
      if (n.children.length === 1) return null;
      return { leaf: false, keys: spliced(n.keys, i, 1), children: spliced(n.children, i, 1) };
    }
    // Merge a small child into a neighbour when both fit in one node, so deletions keep nodes dense.
    if (c.keys.length < MIN && n.children.length > 1) {
      const j = i + 1 < n.children.length ? i + 1 : i - 1;
      const sibling = n.children[j]!;
      if (sibling.keys.length + c.keys.length <= MAX) {
        const [left, right] = j > i ? [c, sibling] : [sibling, c];
        const merged = makeNode<K, V>(c.leaf, [...left.keys, ...right.keys], [...items(left), ...items(right)]);
        const at = Math.min(i, j);
        return { leaf: false, keys: spliced(n.keys, at, 2, lastKey(merged)), children: spliced(n.children, at, 2, merged) };
      }
    }
    return { leaf: false, keys: replaced(n.keys, i, lastKey(c)), children: replaced(n.children, i, c) };
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
