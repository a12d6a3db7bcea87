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
  /** A test, cheaper than building both keys, that two versions have the same key (when declared: it must
   *  never say so of versions whose keys differ). */
  readonly sameKey?: (a: T, b: T) => boolean;
}

function sameFields(a: DbObject, b: DbObject, fields: readonly string[]): boolean {
  for (const f of fields) if ((a as unknown as Record<string, unknown>)[f] !== (b as unknown as Record<string, unknown>)[f]) return false;
  return true;
}

/** Whether an update from `a` to `b` keeps the index key, known without building the keys. */
function keepsKey(ix: IndexSpec<DbObject>, a: DbObject, b: DbObject): boolean {
  return (ix.fields !== undefined && sameFields(a, b, ix.fields)) || (ix.sameKey !== undefined && ix.sameKey(a, b));
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
  const slot = parseSlot(id);
  return slot < 0 ? undefined : { slot, instance: parsedInstance };
}

// The instance parseSlot found: a module variable, so that the lookups and writes done for every object
// access allocate no result object.
let parsedInstance = 0;

/** parseId's slot (-1 where parseId gives undefined); the instance is left in `parsedInstance`. */
function parseSlot(id: string): number {
  const n = id.length;
  if (n < 5 || n > 24) return -1;
  const space = id.charCodeAt(0) - 48;
  if ((space !== 1 && space !== 2) || id.charCodeAt(1) !== 46) return -1;
  let i = 2;
  let type = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = id.charCodeAt(i) - 48;
    if (c === -2) break;
    if (c < 0 || c > 9 || (digits === 1 && type === 0)) return -1;
    type = type * 10 + c;
    digits++;
  }
  if (digits === 0 || i === n) return -1;
  i++;
  let instance = 0;
  digits = 0;
  for (; i < n; i++) {
    const c = id.charCodeAt(i) - 48;
    if (c < 0 || c > 9 || (digits === 1 && instance === 0)) return -1;
    instance = instance * 10 + c;
    digits++;
  }
  if (digits === 0 || instance > 2 ** 31 - 1) return -1;
  const slot = slotOf(space, type);
  if (slot < 0 || slot >= SLOTS) return -1;
  parsedInstance = instance;
  return slot;
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
    const slot = parseSlot(id);
    if (slot < 0) return undefined;
    return this.tables[slot]?.objects.get(parsedInstance) as T | undefined;
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
    const instance = this.table(slot).next;
    const obj = make(formatId(space, type, instance));
    const spec = this.specs[slot]!;
    const db = this.writable(slot, edit);
    const w = db.tables[slot]!;
    // A unique key is checked by the insert itself (setIfAbsent: one descent, and each key computed once);
    // a refusal takes the keys already inserted back out, so a refused create leaves the content as it was.
    for (let i = 0; i < spec.indices.length; i++) {
      const ix = spec.indices[i]!;
      const key = ix.key(obj);
      if (!ix.unique) {
        w.indices[i] = w.indices[i]!.set([...key, instance], instance, edit);
        continue;
      }
      const m = w.indices[i]!.setIfAbsent(key, instance, edit);
      if (m === undefined) {
        for (let j = 0; j < i; j++) {
          const jx = spec.indices[j]!;
          const k = jx.key(obj);
          w.indices[j] = w.indices[j]!.delete(jx.unique ? k : [...k, instance], edit);
        }
        throw new UniqueIndexViolation(spec.objectType, ix.name, key);
      }
      w.indices[i] = m;
    }
    w.objects = w.objects.set(instance, obj, edit);
    w.next = instance + 1;
    return [db, obj];
  }

  /** Replaces an existing object by a new version with the same id. */
  update<T extends DbObject>(next: T, edit?: Edit): Database {
    const slot = parseSlot(next.id);
    if (slot < 0) throw new Error(`not an object id: ${next.id}`);
    const instance = parsedInstance;
    const prev = this.table(slot).objects.get(instance);
    if (prev === undefined) throw new Error(`no object ${next.id} to modify`);
    const spec = this.specs[slot]!;
    const db = this.writable(slot, edit);
    const w = db.tables[slot]!;
    for (let i = 0; i < spec.indices.length; i++) {
      const ix = spec.indices[i]!;
      if (keepsKey(ix, prev, next)) continue;
      const before = ix.key(prev);
      const after = ix.key(next);
      if (compareTuples(before, after) === 0) continue;
      const index = w.indices[i]!;
      if (!ix.unique) {
        // Keys with the instance appended are unique, so the move cannot be refused.
        const b = [...before, instance];
        const a = [...after, instance];
        w.indices[i] = index.move(b, a, instance, edit) ?? index.delete(b, edit).set(a, instance, edit);
        continue;
      }
      // The move is refused when another object holds the new key; the refusal moves the keys already
      // moved back, so a refused update leaves the content as it was.
      const m = index.move(before, after, instance, edit);
      if (m === undefined) {
        for (let j = 0; j < i; j++) unmoveKey(w, spec.indices[j]!, j, prev, next, instance, edit);
        throw new UniqueIndexViolation(spec.objectType, ix.name, after);
      }
      w.indices[i] = m;
    }
    w.objects = w.objects.set(instance, next, edit);
    return db;
  }

  remove(id: string, edit?: Edit): Database {
    const slot = parseSlot(id);
    if (slot < 0) throw new Error(`not an object id: ${id}`);
    const instance = parsedInstance;
    const prev = this.table(slot).objects.get(instance);
    if (prev === undefined) throw new Error(`no object ${id} to remove`);
    const spec = this.specs[slot]!;
    const db = this.writable(slot, edit);
    const w = db.tables[slot]!;
    for (let i = 0; i < spec.indices.length; i++) {
      const ix = spec.indices[i]!;
      const key = ix.key(prev);
      w.indices[i] = w.indices[i]!.delete(ix.unique ? key : [...key, instance], edit);
    }
    w.objects = w.objects.set(instance, undefined, edit);
    return db;
  }

  /** Undoes the creation of `id`, the newest object of its table: it goes, and its instance is handed out
   *  again (an undo session rolling back a create). */
  uncreate(id: string, edit?: Edit): Database {
    const slot = parseSlot(id);
    const instance = parsedInstance;
    if (slot < 0 || this.tables[slot]?.next !== instance + 1) throw new Error(`${id} is not the newest object of its table`);
    const db = this.remove(id, edit);
    db.writable(slot, edit).tables[slot]!.next = instance;
    return db;
  }

  /** Puts a removed object back under its own id (an undo session rolling back a remove). */
  reinsert<T extends DbObject>(obj: T, edit?: Edit): Database {
    const slot = parseSlot(obj.id);
    if (slot < 0) throw new Error(`not an object id: ${obj.id}`);
    const instance = parsedInstance;
    if (this.table(slot).objects.get(instance) !== undefined) throw new Error(`object ${obj.id} exists`);
    const spec = this.specs[slot]!;
    const db = this.writable(slot, edit);
    const w = db.tables[slot]!;
    for (let i = 0; i < spec.indices.length; i++) {
      const ix = spec.indices[i]!;
      const key = ix.key(obj);
      w.indices[i] = w.indices[i]!.set(ix.unique ? key : [...key, instance], instance, edit);
    }
    w.objects = w.objects.set(instance, obj, edit);
    return db;
  }

  /** The object a unique index maps `key` to. */
  findUnique<T extends DbObject>(space: number, type: number, index: string, key: TupleKey): T | undefined {
    const slot = slotOf(space, type);
    const i = this.indexNumber(slot, index);
    const t = this.table(slot);
    const instance = t.indices[i]!.get(key);
    return instance === undefined ? undefined : (t.objects.get(instance) as T);
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
    // A loop, not findIndex with a closure: this runs on every indexed lookup, over at most a few indices.
    const indices = this.specs[slot]?.indices;
    if (indices !== undefined) for (let i = 0; i < indices.length; i++) if (indices[i]!.name === name) return i;
    throw new Error(`no index ${name} on ${this.specs[slot]?.objectType ?? slot}`);
  }

  /** The database to write table `slot` of (its `tables[slot]` is the table to write): this value and
   *  its own table when both were copied under `edit`, else fresh copies owned by `edit`. */
  private writable(slot: number, edit: Edit | undefined): Database {
    const db = edit !== undefined && this.edit === edit ? this : new Database(this.specs, this.tables.slice(), edit);
    const t = db.table(slot);
    if (edit === undefined || t.edit !== edit) db.tables[slot] = { objects: t.objects, next: t.next, indices: t.indices.slice(), edit };
    return db;
  }
}

/** Takes back what update() did to index j of a table (the key moved from prev's to next's). */
function unmoveKey(w: Table, ix: IndexSpec<DbObject>, j: number, prev: DbObject, next: DbObject, instance: number, edit: Edit | undefined): void {
  if (keepsKey(ix, prev, next)) return;
  const before = ix.key(prev);
  const after = ix.key(next);
  if (compareTuples(before, after) === 0) return;
  w.indices[j] = ix.unique
    ? w.indices[j]!.delete(after, edit).set(before, instance, edit)
    : w.indices[j]!.delete([...after, instance], edit).set([...before, instance], instance, edit);
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
