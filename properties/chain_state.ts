// Whole-state comparisons for the property world. Every object of a state is deep-frozen before anything
// runs on it, so code that changes a stored object in place (instead of storing a new version) throws at
// once; a state is then equal to an earlier one exactly when each table holds the very same object
// references and hands out the same next id, which a snapshot compares cheaply. The canonical text of all
// objects (fingerprint) is there for reports and for showing what freezing prevents.
//
// Block summaries (2.8.x, 65536 of them from genesis on) are left out of all of this: only apply_block writes them
// (database::_apply_block, one per block), never a transaction, and walking them at every step would cost
// more than all the rest.
import type { Database, DbObject } from "../src/db/database.js";
import { IMPL_OBJECT_TYPES as I } from "../src/protocol/config.js";

const skipped = (space: number, type: number): boolean => space === 2 && type === I.block_summary;

function* objects(db: Database): IterableIterator<DbObject> {
  for (const spec of db.specs) {
    if (spec === undefined || skipped(spec.space, spec.type)) continue;
    yield* db.all(spec.space, spec.type);
  }
}

const replacer = (_: string, v: unknown): unknown => (typeof v === "bigint" ? `${v}n` : v);

/** Every object (but block summaries) as one text: equal texts mean equal states. */
export function fingerprint(db: Database): string {
  const parts: string[] = [];
  for (const spec of db.specs) {
    if (spec === undefined || skipped(spec.space, spec.type)) continue;
    parts.push(`${spec.space}.${spec.type}:${db.nextInstance(spec.space, spec.type)}`);
  }
  for (const o of objects(db)) parts.push(JSON.stringify(o, replacer));
  return parts.join("\n");
}

/** Each table's next instance and every object reference, in table order. */
export interface Snapshot {
  readonly tables: readonly string[];
  readonly objects: readonly DbObject[];
}

export function snapshot(db: Database): Snapshot {
  const tables: string[] = [];
  for (const spec of db.specs) {
    if (spec === undefined || skipped(spec.space, spec.type)) continue;
    tables.push(`${spec.space}.${spec.type}:${db.nextInstance(spec.space, spec.type)}`);
  }
  return { tables, objects: [...objects(db)] };
}

/** Where two snapshots differ (undefined when they hold the same objects): with frozen objects, equal
 *  snapshots are deep-equal states. */
export function snapshotDifference(a: Snapshot, b: Snapshot): string | undefined {
  for (let i = 0; i < Math.max(a.tables.length, b.tables.length); i++) {
    if (a.tables[i] !== b.tables[i]) return `table next ids: ${a.tables[i]} then ${b.tables[i]}`;
  }
  for (let i = 0; i < Math.max(a.objects.length, b.objects.length); i++) {
    const x = a.objects[i], y = b.objects[i];
    if (x !== y) return `object ${x?.id ?? "(none)"} became ${y === undefined ? "(none)" : JSON.stringify(y, replacer)}`;
  }
  return undefined;
}

function deepFreeze(v: unknown): void {
  // Byte arrays cannot be frozen (and objects hold hex strings, not bytes).
  if (v === null || typeof v !== "object" || Object.isFrozen(v) || ArrayBuffer.isView(v)) return;
  Object.freeze(v);
  for (const x of Object.values(v)) deepFreeze(x);
}

/** Freezes every object of `db` (but block summaries) and all it contains. Objects are immutable values by
 *  the chain's design, so this changes nothing for correct code; already frozen objects are passed over. */
export function freezeObjects(db: Database): void {
  for (const o of objects(db)) deepFreeze(o);
}
