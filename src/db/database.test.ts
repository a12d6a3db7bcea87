// The object database's writes against a model: unique keys refused with nothing changed (also when the
// refusing write ran under the edit token that owns the value, and so had already changed nodes in place),
// and values handed out never changing afterwards.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Database, type DbObject, type TableSpec, UniqueIndexViolation, parseId } from "./database.js";
import { newEdit } from "./edit.js";

interface Thing extends DbObject {
  readonly name: string;
  readonly owner: number;
  readonly code: number;
}

// Two unique indices around a non-unique one, so a refusal by the last index has earlier inserts to undo.
const THINGS: TableSpec<Thing> = {
  space: 1, type: 2, objectType: "thing_object",
  indices: [
    { name: "by_name", key: (t) => [t.name], unique: true, fields: ["name"] },
    { name: "by_owner", key: (t) => [t.owner], unique: false },
    { name: "by_code", key: (t) => [t.code], unique: true },
  ],
};

const empty = (): Database => Database.create([THINGS as unknown as TableSpec<never>]);

/** Everything a reader can see of the table: objects by id, and each index in order. */
function contents(db: Database): unknown {
  return {
    all: [...db.all<Thing>(1, 2)],
    next: db.nextInstance(1, 2),
    byName: [...db.range<Thing>(1, 2, "by_name")].map((t) => t.id),
    byOwner: [...db.range<Thing>(1, 2, "by_owner")].map((t) => t.id),
    byCode: [...db.range<Thing>(1, 2, "by_code")].map((t) => t.id),
    counts: ["by_name", "by_owner", "by_code"].map((ix) => db.count(1, 2, ix)),
  };
}

describe("Database unique indices", () => {
  it("a refused create changes nothing, with or without the owning edit token", () => {
    for (const edit of [undefined, newEdit()]) {
      let db = empty();
      for (let i = 0; i < 50; i++) [db] = db.create<Thing>(1, 2, (id) => ({ id, name: `n${i}`, owner: i % 3, code: i }), edit);
      const before = contents(db);
      // by_name and by_owner take the new keys, then by_code (the last index) refuses code 7.
      expect(() => db.create<Thing>(1, 2, (id) => ({ id, name: "fresh", owner: 1, code: 7 }), edit)).toThrow(UniqueIndexViolation);
      expect(() => db.create<Thing>(1, 2, (id) => ({ id, name: "n3", owner: 1, code: 99 }), edit)).toThrow(/by_name already holds key \["n3"\]/);
      expect(contents(db)).toEqual(before);
      expect(db.findUnique<Thing>(1, 2, "by_name", ["fresh"])).toBeUndefined();
      const [db2, made] = db.create<Thing>(1, 2, (id) => ({ id, name: "fresh", owner: 1, code: 50 }), edit);
      expect(made.id).toBe("1.2.50");
      expect(db2.findUnique<Thing>(1, 2, "by_code", [50])).toBe(made);
    }
  });

  it("a refused update changes nothing, with or without the owning edit token", () => {
    for (const edit of [undefined, newEdit()]) {
      let db = empty();
      for (let i = 0; i < 50; i++) [db] = db.create<Thing>(1, 2, (id) => ({ id, name: `n${i}`, owner: i % 3, code: i }), edit);
      const before = contents(db);
      const t5 = db.find<Thing>("1.2.5")!;
      // Name and owner move first, then the code collides with 1.2.9's.
      expect(() => db.update({ ...t5, name: "renamed", owner: 2, code: 9 }, edit)).toThrow(/by_code already holds key \[9\]/);
      expect(() => db.update({ ...t5, name: "n6" }, edit)).toThrow(UniqueIndexViolation);
      expect(contents(db)).toEqual(before);
      const moved = db.update({ ...t5, name: "renamed", owner: 2, code: 500 }, edit);
      expect(moved.findUnique<Thing>(1, 2, "by_name", ["renamed"])?.id).toBe("1.2.5");
      expect(moved.findUnique<Thing>(1, 2, "by_name", ["n5"])).toBeUndefined();
      expect(moved.findUnique<Thing>(1, 2, "by_code", [5])).toBeUndefined();
      expect(moved.findUnique<Thing>(1, 2, "by_code", [500])?.id).toBe("1.2.5");
      // Keeping a unique key is no collision with itself.
      expect(moved.update({ ...moved.find<Thing>("1.2.5")!, owner: 0 }, edit).find<Thing>("1.2.5")?.owner).toBe(0);
    }
  });

  it("values handed out stay as they were, whatever later scopes write (model check)", () => {
    const write = fc.tuple(fc.constantFrom("create", "update", "remove"), fc.nat(40), fc.nat(12), fc.nat(30));
    fc.assert(
      fc.property(fc.array(fc.array(write, { maxLength: 30 }), { maxLength: 8 }), (scopes) => {
        let db = empty();
        let model = new Map<string, Thing>();
        let next = 0;
        const versions: [Database, Map<string, Thing>, number][] = [];
        for (const scope of scopes) {
          const edit = newEdit();
          for (const [kind, pick, name, code] of scope) {
            const ids = [...model.keys()];
            const target = ids.length === 0 ? undefined : model.get(ids[pick % ids.length]!)!;
            const clash = (t: { id?: string; name: string; code: number }) =>
              [...model.values()].some((o) => o.id !== t.id && (o.name === t.name || o.code === t.code));
            if (kind === "create") {
              const fresh = { name: `n${name}`, owner: pick % 4, code };
              if (clash(fresh)) {
                expect(() => db.create<Thing>(1, 2, (id) => ({ id, ...fresh }), edit)).toThrow(UniqueIndexViolation);
              } else {
                const [d, t] = db.create<Thing>(1, 2, (id) => ({ id, ...fresh }), edit);
                db = d;
                model.set(t.id, t);
                next++;
              }
            } else if (target !== undefined && kind === "update") {
              const changed = { ...target, name: `n${name}`, code };
              if (clash(changed)) expect(() => db.update(changed, edit)).toThrow(UniqueIndexViolation);
              else (db = db.update(changed, edit)), model.set(target.id, changed);
            } else if (target !== undefined) {
              db = db.remove(target.id, edit);
              model.delete(target.id);
            }
          }
          versions.push([db, model, next]);
          model = new Map(model);
        }
        for (const [d, m, n] of versions) {
          const objects = [...m.values()].sort((a, b) => parseId(a.id)!.instance - parseId(b.id)!.instance);
          expect([...d.all<Thing>(1, 2)]).toEqual(objects);
          expect(d.nextInstance(1, 2)).toBe(n);
          const byName = [...objects].sort((a, b) => (a.name < b.name ? -1 : 1)).map((t) => t.id);
          expect([...d.range<Thing>(1, 2, "by_name")].map((t) => t.id)).toEqual(byName);
          const byOwner = [...objects].sort((a, b) => a.owner - b.owner || parseId(a.id)!.instance - parseId(b.id)!.instance).map((t) => t.id);
          expect([...d.range<Thing>(1, 2, "by_owner")].map((t) => t.id)).toEqual(byOwner);
          expect([...d.range<Thing>(1, 2, "by_code")].map((t) => t.id)).toEqual([...objects].sort((a, b) => a.code - b.code).map((t) => t.id));
          for (const t of objects) expect(d.findUnique<Thing>(1, 2, "by_code", [t.code])).toBe(t);
        }
      }),
      { numRuns: 150 },
    );
  });
});
