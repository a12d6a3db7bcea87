// The object database as an immutable value. Objects live in tables by (space, type), each a persistent
// vector indexed by instance, with persistent ordered secondary indices (bitshares-core keeps the same
// objects in boost::multi_index containers: by_id plus ordered indices per object type).
//
// A Database value that has been handed out is never changed: every write returns a Database sharing all
// untouched nodes with the old one. Keeping the state of each recent block is therefore free, which is what
// fork switching needs, and rolling back a failed transaction is just keeping the old value. Only writes
// given the edit token a value was made under may change that value in place (edit.ts); the chain's Session
// retires its token before handing a value out.
import type { Edit } from "./edit.js";
import { PMap, compareTuples, type TupleKey } from "./pmap.js";
import { PVec } from "./pvec.js";

export interface DbObject {
  readonly id: string;
}

export interface IndexSpec<T> {
  readonly name: string;
  /** The ordering key of an object in this index. */
  readonly key: (obj: T) => TupleKey;
  /** Unique indices map a key to one object; others order objects by key, then by instance. */
  readonly unique: boolean;
  /** The fields `key` reads, when declared: an update keeping each of them (===) keeps the key, so the
   *  index is left alone without computing it. */
  readonly fields?: readonly string[];
}

function sameFields(a: DbObject, b: DbObject, fields: readonly string[]): boolean {
  for (const f of fields) if ((a as unknown as Record<string, unknown>)[f] !== (b as unknown as Record<string, unknown>)[f]) return false;
  return true;
}

export interface TableSpec<T extends DbObject = DbObject> {
  readonly space: number;
  readonly type: number;
  /** The object's type name in spec/chain (e.g. "account_object"). */
  readonly objectType: string;
  readonly indices: readonly IndexSpec<T>[];
}

interface Table {
  objects: PVec<DbObject>;
  /** The instance the next created object gets: bitshares-core's get_next_id(). */
  next: number;
  readonly indices: PMap<TupleKey, number>[];
  /** The edit token this table was copied under (see edit.ts). */
  readonly edit: Edit | undefined;
}

/** Tables are addressed by a slot: type for space 1, 32 + type for space 2. */
export function slotOf(space: number, type: number): number {
  return space === 1 ? type : space === 2 ? 32 + type : -1;
}
export const SLOTS = 64;

export interface ParsedId {
  readonly slot: number;
  readonly instance: number;
}

/** Parses "space.type.instance" quickly; undefined for anything that is not a canonical id of a table. */
export function parseId(id: string): ParsedId | undefined {
  const n = id.length;
  if (n < 5 || n > 24) return undefined;
  const space = id.charCodeAt(0) - 48;
  if ((space !== 1 && space !== 2) || id.charCodeAt(1) !== 46) return undefined;
  let i = 2;
  let type = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = id.charCodeAt(i) - 48;
    if (c === -2) break;
    if (c < 0 || c > 9 || (digits === 1 && type === 0)) return undefined;
    type = type * 10 + c;
    digits++;
  }
  if (digits === 0 || i === n) return undefined;
  i++;
  let instance = 0;
  digits = 0;
  for (; i < n; i++) {
    const c = id.charCodeAt(i) - 48;
    if (c < 0 || c > 9 || (digits === 1 && instance === 0)) return undefined;
    instance = instance * 10 + c;
    digits++;
  }
  if (digits === 0 || instance > 2 ** 31 - 1) return undefined;
  const slot = slotOf(space, type);
  return slot < 0 || slot >= SLOTS ? undefined : { slot, instance };
}

export function formatId(space: number, type: number, instance: number): string {
  return `${space}.${type}.${instance}`;
}

export class Database {
  private constructor(
    readonly specs: readonly (TableSpec | undefined)[],
    private readonly tables: (Table | undefined)[],
    /** The edit token this value was made under: writes with it change this value in place. */
    private readonly edit: Edit | undefined = undefined,
  ) {}

  /** An empty database with the given tables; objects of other types cannot be created. */
  static create(specs: readonly TableSpec<never>[]): Database {
    const bySlot: (TableSpec | undefined)[] = new Array(SLOTS).fill(undefined);
    const tables: (Table | undefined)[] = new Array(SLOTS).fill(undefined);
    for (const spec of specs as unknown as TableSpec[]) {
      const slot = slotOf(spec.space, spec.type);
      if (slot < 0 || bySlot[slot]) throw new Error(`table ${spec.space}.${spec.type} declared twice or invalid`);
      bySlot[slot] = spec;
      tables[slot] = { objects: PVec.empty(), next: 0, indices: spec.indices.map(() => PMap.empty<TupleKey, number>(compareTuples)), edit: undefined };
    }
    return new Database(bySlot, tables);
  }

  find<T extends DbObject = DbObject>(id: string): T | undefined {
    const p = parseId(id);
    if (p === undefined) return undefined;
    return this.tables[p.slot]?.objects.get(p.instance) as T | undefined;
  }

  /** The instance the next object of this table will get. */
  nextInstance(space: number, type: number): number {
    return this.table(slotOf(space, type)).next;
  }

  nextId(space: number, type: number): string {
    return formatId(space, type, this.nextInstance(space, type));
  }

  /** Adds an object with the next id of its table; `make` receives that id. Every write takes an optional
   *  edit token: what was copied under the same token is changed in place (see edit.ts). */
  create<T extends DbObject>(space: number, type: number, make: (id: string) => T, edit?: Edit): [Database, T] {
    const slot = slotOf(space, type);
    const t = this.table(slot);
    const instance = t.next;
    const obj = make(formatId(space, type, instance));
    const spec = this.specs[slot]!;
    // Each key is computed once (some, like prices, cost a 128-bit division) for the check and the insert.
    const keys: TupleKey[] = new Array(spec.indices.length);
    for (let i = 0; i < spec.indices.length; i++) {
      const ix = spec.indices[i]!;
      const key = (keys[i] = ix.key(obj));
      if (ix.unique && t.indices[i]!.has(key)) throw new UniqueIndexViolation(spec.objectType, ix.name, key);
    }
    const [db, w] = this.writable(slot, edit);
    for (let i = 0; i < spec.indices.length; i++) {
      const key = keys[i]!;
      w.indices[i] = w.indices[i]!.set(spec.indices[i]!.unique ? key : [...key, instance], instance, edit);
    }
    w.objects = w.objects.set(instance, obj, edit);
    w.next = instance + 1;
    return [db, obj];
  }

  /** Replaces an existing object by a new version with the same id. */
  update<T extends DbObject>(next: T, edit?: Edit): Database {
    const p = parseId(next.id);
    if (p === undefined) throw new Error(`not an object id: ${next.id}`);
    const t = this.table(p.slot);
    const prev = t.objects.get(p.instance);
    if (prev === undefined) throw new Error(`no object ${next.id} to modify`);
    const spec = this.specs[p.slot]!;
    // Every unique key is checked before anything is written, so a refused update changes nothing.
    let changed: [number, TupleKey, TupleKey][] | undefined;
    for (let i = 0; i < spec.indices.length; i++) {
      const ix = spec.indices[i]!;
      if (ix.fields !== undefined && sameFields(prev, next, ix.fields)) continue;
      const before = ix.key(prev);
      const after = ix.key(next);
      if (compareTuples(before, after) === 0) continue;
      if (ix.unique && t.indices[i]!.has(after)) throw new UniqueIndexViolation(spec.objectType, ix.name, after);
      (changed ??= []).push([i, before, after]);
    }
    const [db, w] = this.writable(p.slot, edit);
    for (const [i, before, after] of changed ?? []) {
      w.indices[i] = spec.indices[i]!.unique
        ? w.indices[i]!.delete(before, edit).set(after, p.instance, edit)
        : w.indices[i]!.delete([...before, p.instance], edit).set([...after, p.instance], p.instance, edit);
    }
    w.objects = w.objects.set(p.instance, next, edit);
    return db;
  }

  remove(id: string, edit?: Edit): Database {
    const p = parseId(id);
    if (p === undefined) throw new Error(`not an object id: ${id}`);
    const t = this.table(p.slot);
    const prev = t.objects.get(p.instance);
    if (prev === undefined) throw new Error(`no object ${id} to remove`);
    const spec = this.specs[p.slot]!;
    const [db, w] = this.writable(p.slot, edit);
    for (let i = 0; i < spec.indices.length; i++) {
      const ix = spec.indices[i]!;
      const key = ix.key(prev);
      w.indices[i] = w.indices[i]!.delete(ix.unique ? key : [...key, p.instance], edit);
    }
    w.objects = w.objects.set(p.instance, undefined, edit);
    return db;
  }

  /** Undoes the creation of `id`, the newest object of its table: it goes, and its instance is handed out
   *  again (an undo session rolling back a create). */
  uncreate(id: string, edit?: Edit): Database {
    const p = parseId(id);
    if (p === undefined || this.tables[p.slot]?.next !== p.instance + 1) throw new Error(`${id} is not the newest object of its table`);
    const db = this.remove(id, edit);
    db.writable(p.slot, edit)[1].next = p.instance;
    return db;
  }

  /** Puts a removed object back under its own id (an undo session rolling back a remove). */
  reinsert<T extends DbObject>(obj: T, edit?: Edit): Database {
    const p = parseId(obj.id);
    if (p === undefined) throw new Error(`not an object id: ${obj.id}`);
    if (this.table(p.slot).objects.get(p.instance) !== undefined) throw new Error(`object ${obj.id} exists`);
    const spec = this.specs[p.slot]!;
    const [db, w] = this.writable(p.slot, edit);
    for (let i = 0; i < spec.indices.length; i++) {
      const ix = spec.indices[i]!;
      const key = ix.key(obj);
      w.indices[i] = w.indices[i]!.set(ix.unique ? key : [...key, p.instance], p.instance, edit);
    }
    w.objects = w.objects.set(p.instance, obj, edit);
    return db;
  }

  /** The object a unique index maps `key` to. */
  findUnique<T extends DbObject>(space: number, type: number, index: string, key: TupleKey): T | undefined {
    const slot = slotOf(space, type);
    const i = this.indexNumber(slot, index);
    const instance = this.table(slot).indices[i]!.get(key);
    return instance === undefined ? undefined : (this.table(slot).objects.get(instance) as T);
  }

  /** The first object in index order whose key is >= `from` (the first of all when omitted). */
  first<T extends DbObject>(space: number, type: number, index: string, from?: TupleKey): T | undefined {
    const slot = slotOf(space, type);
    const t = this.table(slot);
    const instance = t.indices[this.indexNumber(slot, index)]!.ceilingValue(from);
    return instance === undefined ? undefined : (t.objects.get(instance) as T);
  }

  /** Objects in index order from the first whose key is >= `from` (all when omitted). */
  *range<T extends DbObject>(space: number, type: number, index: string, from?: TupleKey): IterableIterator<T> {
    const slot = slotOf(space, type);
    const t = this.table(slot);
    for (const [, instance] of t.indices[this.indexNumber(slot, index)]!.entries(from)) yield t.objects.get(instance) as T;
  }

  /** Objects in reverse index order from the last whose key is <= `from` (all when omitted). */
  *rangeReverse<T extends DbObject>(space: number, type: number, index: string, from?: TupleKey): IterableIterator<T> {
    const slot = slotOf(space, type);
    const t = this.table(slot);
    for (const [, instance] of t.indices[this.indexNumber(slot, index)]!.entriesReverse(from)) yield t.objects.get(instance) as T;
  }

  /** Objects whose index key starts with `prefix`, in index order. */
  *withPrefix<T extends DbObject>(space: number, type: number, index: string, prefix: TupleKey): IterableIterator<T> {
    const slot = slotOf(space, type);
    const t = this.table(slot);
    for (const [key, instance] of t.indices[this.indexNumber(slot, index)]!.entries(prefix)) {
      if (!startsWith(key, prefix)) return;
      yield t.objects.get(instance) as T;
    }
  }

  /** All objects of a table by id. */
  *all<T extends DbObject>(space: number, type: number): IterableIterator<T> {
    yield* this.table(slotOf(space, type)).objects.values() as IterableIterator<T>;
  }

  count(space: number, type: number, index?: string): number {
    const slot = slotOf(space, type);
    const t = this.table(slot);
    if (index !== undefined) return t.indices[this.indexNumber(slot, index)]!.size;
    let n = 0;
    for (const _ of t.objects.values()) n++;
    return n;
  }

  private table(slot: number): Table {
    const t = this.tables[slot];
    if (t === undefined) throw new Error(`no table in slot ${slot}`);
    return t;
  }

  private indexNumber(slot: number, name: string): number {
    const i = this.specs[slot]?.indices.findIndex((x) => x.name === name) ?? -1;
    if (i < 0) throw new Error(`no index ${name} on ${this.specs[slot]?.objectType ?? slot}`);
    return i;
  }

  /** The database to write table `slot` of, and that table: this value and its own table when both were
   *  copied under `edit`, else fresh copies owned by `edit`. */
  private writable(slot: number, edit: Edit | undefined): [Database, Table] {
    const db = edit !== undefined && this.edit === edit ? this : new Database(this.specs, this.tables.slice(), edit);
    const t = db.table(slot);
    if (edit !== undefined && t.edit === edit) return [db, t];
    const copy: Table = { objects: t.objects, next: t.next, indices: t.indices.slice(), edit };
    db.tables[slot] = copy;
    return [db, copy];
  }
}

function startsWith(key: TupleKey, prefix: TupleKey): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}

/** Two objects with one unique key: thrown before anything is written. The chain turns it into the
 *  refusal bitshares-core's generic_index gives (an FC_ASSERT on the insert), see applyOperation. */
export class UniqueIndexViolation extends Error {
  constructor(objectType: string, index: string, key: TupleKey) {
    super(`${objectType} index ${index} already holds key ${JSON.stringify(key, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`);
  }
}
