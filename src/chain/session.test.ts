// Undo inside a session: restoring a checkpoint brings back exactly the objects, index orders and next ids
// of that moment, whatever was created, modified and removed since (database::undo of an undo session),
// and values handed out before stay as they were.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Database, type TableSpec } from "../db/database.js";
import { Session } from "./session.js";

interface Thing { readonly id: string; readonly name: string; readonly value: number }
const THINGS: TableSpec<Thing> = {
  space: 1, type: 2, objectType: "thing",
  indices: [
    { name: "by_name", key: (t) => [t.name], unique: true },
    { name: "by_value", key: (t) => [t.value], unique: false },
  ],
};

/** Everything observable about the table. */
function contents(db: Database) {
  return {
    objects: [...db.all<Thing>(1, 2)],
    byName: [...db.range<Thing>(1, 2, "by_name")].map((t) => t.id),
    byValue: [...db.range<Thing>(1, 2, "by_value")].map((t) => t.id),
    next: db.nextInstance(1, 2),
  };
}

type Step =
  | { kind: "create"; name: string; value: number }
  | { kind: "modify"; pick: number; value: number; rename: boolean }
  | { kind: "remove"; pick: number }
  | { kind: "checkpoint" }
  | { kind: "restore" };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("create" as const), name: fc.string({ maxLength: 3 }), value: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant("modify" as const), pick: fc.nat(), value: fc.integer({ min: 0, max: 5 }), rename: fc.boolean() }),
  fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }),
  fc.constant({ kind: "checkpoint" as const }),
  fc.constant({ kind: "restore" as const }),
);

describe("Session undo", () => {
  it("restore returns to the checkpoint's contents; handed-out values never change", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 150 }), (steps) => {
        const s = new Session(Database.create([THINGS] as TableSpec<never>[]));
        const stack: [ReturnType<Session["checkpoint"]>, ReturnType<typeof contents>][] = [];
        const handedOut: [Database, ReturnType<typeof contents>][] = [];
        let serial = 0;
        // Live ids are tracked here rather than read through s.db, which would hand a value out (and end
        // in-place writing) at every step.
        let live: string[] = [];
        const resync = () => (live = [...s.db.all<Thing>(1, 2)].map((t) => t.id));
        for (const [i, st] of steps.entries()) {
          if (st.kind === "create") {
            const name = `${st.name}#${serial++}`;
            live.push(s.create<Thing>(1, 2, (id) => ({ id, name, value: st.value })).id);
          } else if (st.kind === "modify" && live.length > 0) {
            const id = live[st.pick % live.length]!;
            s.modify<Thing>(id, (c) => ({ ...c, value: st.value, name: st.rename ? `r${serial++}` : c.name }));
          } else if (st.kind === "remove" && live.length > 0) {
            const id = live[st.pick % live.length]!;
            s.remove(id);
            live = live.filter((x) => x !== id);
          } else if (st.kind === "checkpoint") {
            stack.push([s.checkpoint(), contents(s.db)]);
          } else if (st.kind === "restore" && stack.length > 0) {
            const [cp, then] = stack.pop()!;
            s.restore(cp);
            expect(contents(s.db)).toEqual(then);
            resync();
          }
          if (i % 7 === 6) {
            const db = s.db;
            handedOut.push([db, contents(db)]);
          }
        }
        for (const [db, then] of handedOut) expect(contents(db)).toEqual(then);
      }),
      { numRuns: 200 },
    );
  });

  it("a restored create hands its id out again, as bitshares-core's undo does", () => {
    const s = new Session(Database.create([THINGS] as TableSpec<never>[]));
    const cp = s.checkpoint();
    expect(s.create<Thing>(1, 2, (id) => ({ id, name: "a", value: 1 })).id).toBe("1.2.0");
    s.restore(cp);
    expect(s.find("1.2.0")).toBeUndefined();
    expect(s.create<Thing>(1, 2, (id) => ({ id, name: "b", value: 1 })).id).toBe("1.2.0");
  });
});
