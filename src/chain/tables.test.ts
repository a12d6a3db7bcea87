// Index keys and their declared fields: an update that keeps every declared field must keep the key, so the
// database may skip recomputing it (database.ts update). Checked by recording what each key function reads
// on random objects of its type (schema-derived arbitraries), branches included.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { anyValue, arbitraryFor } from "../../properties/arbitraries.js";
import { compareTuples } from "../db/pmap.js";
import { CHAIN_TABLES, inst } from "./tables.js";

describe("index key fields", () => {
  const declared = CHAIN_TABLES.flatMap((t) => t.indices.filter((ix) => ix.fields !== undefined).map((ix) => [t, ix] as const));
  it("are declared for the indices every transaction touches", () => {
    expect(declared.map(([t, ix]) => `${t.objectType}.${ix.name}`)).toEqual(expect.arrayContaining([
      "account_balance_object.by_asset_owner", "account_statistics_object.by_maintenance_seq", "account_object.by_name",
    ]));
  });
  for (const [table, ix] of declared) {
    it(`${table.objectType}.${ix.name} reads only ${ix.fields!.join(", ")}`, () => {
      fc.assert(fc.property(arbitraryFor(table.objectType, anyValue()), (obj) => {
        const read = new Set<string>();
        const spy = new Proxy(obj as object, { get: (o, k, r) => (typeof k === "string" && read.add(k), Reflect.get(o, k, r)) });
        (ix.key as (o: unknown) => unknown)(spy);
        expect([...read].filter((f) => !ix.fields!.includes(f))).toEqual([]);
      }), { numRuns: 300 });
    });
  }
});

describe("index sameKey tests", () => {
  const declared = CHAIN_TABLES.flatMap((t) => t.indices.filter((ix) => ix.sameKey !== undefined).map((ix) => [t, ix] as const));
  it("are declared where every fee would otherwise rebuild a key", () => {
    expect(declared.map(([t, ix]) => `${t.objectType}.${ix.name}`)).toContain("account_statistics_object.by_maintenance_seq");
  });
  for (const [table, ix] of declared) {
    it(`${table.objectType}.${ix.name}: two versions said to keep the key have equal keys, and they say so of most fee payments`, () => {
      const key = ix.key as (o: unknown) => readonly unknown[];
      const same = ix.sameKey as (a: unknown, b: unknown) => boolean;
      const obj = arbitraryFor(table.objectType, anyValue());
      let said = 0;
      fc.assert(fc.property(obj, obj, (a, b) => {
        if (same(a, b)) expect(compareTuples(key(a) as never, key(b) as never)).toBe(0);
      }), { numRuns: 300 });
      // a version and the same with one field changed: the common case the test exists for
      fc.assert(fc.property(obj, fc.bigInt({ min: 1n, max: 10n ** 12n }), (a, fee) => {
        const b = { ...(a as Record<string, unknown>), pending_fees: (a as { pending_fees: bigint }).pending_fees + fee };
        const equal = compareTuples(key(a) as never, key(b) as never) === 0;
        if (same(a, b)) said++;
        expect(same(a, b)).toBe(equal);
      }), { numRuns: 300 });
      expect(said).toBeGreaterThan(0);
    });
  }
});

describe("inst", () => {
  it("reads the instance of every canonical object id, as object_id_type orders them (numerically)", () => {
    expect([inst("1.2.17"), inst("2.5.0"), inst("1.3.4294967296"), inst("1.11.281474976710655")]).toEqual([17, 0, 4294967296, 2 ** 48 - 1]);
    fc.assert(fc.property(fc.nat({ max: 5 }), fc.nat({ max: 40 }), fc.maxSafeNat(), (space, type, n) => inst(`${space}.${type}.${n}`) === n));
  });
});
