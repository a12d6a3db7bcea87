// The persistent structures against plain models (a Map, a sorted array): any sequence of updates gives
// the same contents, and every earlier version is left exactly as it was.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newEdit } from "./edit.js";
import { PMap, compareScalars, compareTuples } from "./pmap.js";
import { PVec } from "./pvec.js";

describe("PVec", () => {
  it("reads back what was set, across growth of the trie", () => {
    let v = PVec.empty<number>();
    for (let i = 0; i < 40_000; i++) v = v.push(i * 3);
    expect(v.size).toBe(40_000);
    for (const i of [0, 31, 32, 1023, 1024, 32767, 32768, 39_999]) expect(v.get(i)).toBe(i * 3);
    expect(v.get(40_000)).toBeUndefined();
    expect(v.get(-1)).toBeUndefined();
  });

  it("keeps old versions intact and models a sparse array", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(5000), fc.option(fc.integer()))), (ops) => {
        let v = PVec.empty<number>();
        const model = new Map<number, number>();
        const versions: [PVec<number>, Map<number, number>][] = [];
        for (const [i, x] of ops) {
          versions.push([v, new Map(model)]);
          v = v.set(i, x ?? undefined);
          if (x === null) model.delete(i);
          else model.set(i, x);
        }
        versions.push([v, model]);
        for (const [vec, m] of versions) {
          const entries = [...vec.entries()];
          expect(entries).toEqual([...m.entries()].sort((a, b) => a[0] - b[0]));
          for (const [i, x] of m) expect(vec.get(i)).toBe(x);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("refuses indices it cannot address", () => {
    expect(() => PVec.empty().set(2 ** 31, 1)).toThrow(RangeError);
    expect(() => PVec.empty().set(1.5, 1)).toThrow(RangeError);
    expect(PVec.empty<number>().set(2 ** 31 - 1, 7).get(2 ** 31 - 1)).toBe(7);
  });
});

describe("PMap", () => {
  const op = fc.oneof(
    fc.tuple(fc.constant("set" as const), fc.integer({ min: -300, max: 300 }), fc.integer()),
    fc.tuple(fc.constant("del" as const), fc.integer({ min: -300, max: 300 }), fc.constant(0)),
  );

  it("behaves as a sorted map under any sequence of sets and deletes, keeping old versions", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), fc.integer({ min: -320, max: 320 }), (ops, probe) => {
        let m = PMap.empty<number, number>(compareScalars);
        const model = new Map<number, number>();
        const versions: [PMap<number, number>, [number, number][]][] = [];
        for (const [kind, k, x] of ops) {
          versions.push([m, [...model.entries()].sort((a, b) => a[0] - b[0])]);
          if (kind === "set") {
            m = m.set(k, x);
            model.set(k, x);
          } else {
            m = m.delete(k);
            model.delete(k);
          }
        }
        versions.push([m, [...model.entries()].sort((a, b) => a[0] - b[0])]);
        for (const [map, sorted] of versions) {
          expect(map.size).toBe(sorted.length);
          expect([...map.entries()]).toEqual(sorted);
          expect([...map.entriesReverse()]).toEqual([...sorted].reverse());
          expect([...map.entries(probe)]).toEqual(sorted.filter(([k]) => k >= probe));
          expect([...map.entriesReverse(probe)]).toEqual(sorted.filter(([k]) => k <= probe).reverse());
          for (const [k, x] of sorted) expect(map.get(k)).toBe(x);
          expect(map.has(probe)).toBe(sorted.some(([k]) => k === probe));
          expect(map.first()).toEqual(sorted[0]);
          expect(map.last()).toEqual(sorted[sorted.length - 1]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("stays shallow: 100k keys in at most 4 levels, and shrinks back when emptied", () => {
    let m = PMap.empty<number, number>(compareScalars);
    for (let i = 0; i < 100_000; i++) m = m.set((i * 7919) % 100_003, i);
    expect(m.size).toBe(100_000);
    expect(m.depth()).toBeLessThanOrEqual(4);
    for (let i = 0; i < 100_000; i++) m = m.delete((i * 7919) % 100_003);
    expect(m.size).toBe(0);
    expect(m.depth()).toBe(0);
    expect([...m.entries()]).toEqual([]);
  });

  it("orders tuple keys lexicographically, shorter prefix first", () => {
    const keys: (readonly (number | string | bigint)[])[] = [[1, "b"], [1, "a", 2n], [1, "a"], [0, "z"], [1, "a", 1n]];
    let m = PMap.empty<readonly (number | string | bigint)[], number>(compareTuples);
    keys.forEach((k, i) => (m = m.set(k, i)));
    expect([...m.entries()].map(([k]) => k)).toEqual([[0, "z"], [1, "a"], [1, "a", 1n], [1, "a", 2n], [1, "b"]]);
    expect([...m.entries([1, "a", 0n])].map(([, v]) => v)).toEqual([4, 1, 0]);
  });

  it("setIfAbsent binds only new keys, leaving the map (even its token's own nodes) as it was otherwise", () => {
    const op = fc.tuple(fc.constantFrom("new", "set", "del"), fc.integer({ min: 0, max: 300 }), fc.integer());
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 120 }), { maxLength: 6 }), (scopes) => {
        let m = PMap.empty<number, number>(compareScalars);
        const model = new Map<number, number>();
        const versions: [PMap<number, number>, [number, number][]][] = [];
        for (const scope of scopes) {
          const edit = newEdit();
          for (const [kind, k, x] of scope) {
            if (kind === "new") {
              const before = [...m.entries()];
              const r = m.setIfAbsent(k, x, edit);
              if (model.has(k)) {
                expect(r).toBeUndefined();
                expect([...m.entries()]).toEqual(before);
              } else {
                expect(r).toBeDefined();
                m = r!;
                model.set(k, x);
              }
            } else if (kind === "set") (m = m.set(k, x, edit)), model.set(k, x);
            else (m = m.delete(k, edit)), model.delete(k);
            expect(m.size).toBe(model.size);
          }
          versions.push([m, [...model.entries()].sort((a, b) => a[0] - b[0])]);
        }
        for (const [map, sorted] of versions) {
          expect([...map.entries()]).toEqual(sorted);
          expect(map.size).toBe(sorted.length);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("move unbinds one key and binds another, refusing a bound target; old versions stay intact", () => {
    // Dense keys make most moves stay inside one leaf (the single-descent path); far ones take the other.
    const op = fc.tuple(fc.constantFrom("move", "move", "set", "del"), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: -40, max: 40 }), fc.integer());
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 150 }), { maxLength: 6 }), fc.nat(2000), (scopes, fill) => {
        let m = PMap.empty<number, number>(compareScalars);
        const model = new Map<number, number>();
        for (let k = 0; k < fill; k += 3) (m = m.set(k, -k)), model.set(k, -k);
        const versions: [PMap<number, number>, [number, number][]][] = [];
        for (const scope of scopes) {
          const edit = newEdit();
          for (const [kind, k, d, x] of scope) {
            if (kind === "move") {
              const keys = [...model.keys()];
              const from = keys.length === 0 ? k : keys[k % keys.length]!;
              const to = d === 0 ? from : from + (Math.abs(d) > 30 ? d * 50 : d);
              const before = [...m.entries()];
              const r = m.move(from, to, x, edit);
              if (model.has(to) && to !== from) {
                expect(r).toBeUndefined();
                expect([...m.entries()]).toEqual(before);
                continue;
              }
              m = r!;
              model.delete(from);
              model.set(to, x);
            } else if (kind === "set") (m = m.set(k, x, edit)), model.set(k, x);
            else (m = m.delete(k, edit)), model.delete(k);
          }
          versions.push([m, [...model.entries()].sort((a, b) => a[0] - b[0])]);
        }
        for (const [map, sorted] of versions) {
          expect([...map.entries()]).toEqual(sorted);
          expect([...map.entriesReverse()]).toEqual([...sorted].reverse());
          expect(map.size).toBe(sorted.length);
          for (const [k, x] of sorted) expect(map.get(k)).toBe(x);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("move of an unbound key onto itself binds it (the counterexample fast-check found with seed -46155708)", () => {
    const m = PMap.empty<number, number>(compareScalars).move(0, 0, 7);
    expect([...m!.entries()]).toEqual([[0, 7]]);
    const n = PMap.empty<number, number>(compareScalars).set(5, 1).move(0, 0, 7);
    expect([...n!.entries()]).toEqual([[0, 7], [5, 1]]);
  });

  it("compareTuples orders as `<` does element by element, whatever the element types", () => {
    const scalar = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: false }), fc.constantFrom("", "a", "b", "ab"), fc.bigInt({ min: -3n, max: 3n }), fc.boolean());
    const reference = (a: readonly (number | string | bigint | boolean)[], b: readonly (number | string | bigint | boolean)[]): number => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        if (a[i]! < b[i]!) return -1;
        if (a[i]! > b[i]!) return 1;
      }
      return a.length - b.length;
    };
    fc.assert(
      fc.property(fc.array(scalar, { maxLength: 4 }), fc.array(scalar, { maxLength: 4 }), (a, b) => {
        expect(compareTuples(a, b)).toBe(reference(a, b));
      }),
      { numRuns: 2000 },
    );
    expect(compareTuples([1, 2n, "b"], [1, 2n, "a"])).toBe(1);
    expect(compareTuples([1, -5n], [1, 3n])).toBe(-1);
    expect(compareTuples([false, "z"], [true, "a"])).toBe(-1);
    expect(compareTuples([1], [1n])).toBe(0);
  });

  it("deleting an absent key returns the same map", () => {
    const m = PMap.empty<number, number>(compareScalars).set(1, 1);
    expect(m.delete(2)).toBe(m);
  });
});

describe("edit tokens", () => {
  // Writes are grouped in scopes, each under its own token (changed in place after the first copy); the
  // version a scope ends with is handed out, and must never change again whatever later scopes do.
  const scoped = <T>(item: fc.Arbitrary<T>) => fc.array(fc.array(item, { maxLength: 80 }), { maxLength: 12 });

  it("PMap: versions handed out at scope ends stay as they were; ceilingValue is lower_bound", () => {
    const op = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 400 }), fc.integer());
    fc.assert(
      fc.property(scoped(op), fc.integer({ min: -1, max: 401 }), (scopes, probe) => {
        let m = PMap.empty<number, number>(compareScalars);
        const model = new Map<number, number>();
        const versions: [PMap<number, number>, [number, number][]][] = [];
        for (const scope of scopes) {
          const edit = newEdit();
          for (const [set, k, x] of scope) {
            if (set) (m = m.set(k, x, edit)), model.set(k, x);
            else (m = m.delete(k, edit)), model.delete(k);
          }
          versions.push([m, [...model.entries()].sort((a, b) => a[0] - b[0])]);
        }
        for (const [map, sorted] of versions) {
          expect([...map.entries()]).toEqual(sorted);
          expect(map.size).toBe(sorted.length);
          expect(map.ceilingValue(probe)).toBe(sorted.find(([k]) => k >= probe)?.[1]);
          expect(map.ceilingValue(undefined)).toBe(sorted[0]?.[1]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("PVec: versions handed out at scope ends stay as they were", () => {
    const op = fc.tuple(fc.nat(3000), fc.option(fc.integer()));
    fc.assert(
      fc.property(scoped(op), (scopes) => {
        let v = PVec.empty<number>();
        const model = new Map<number, number>();
        const versions: [PVec<number>, [number, number][]][] = [];
        for (const scope of scopes) {
          const edit = newEdit();
          for (const [i, x] of scope) {
            v = v.set(i, x ?? undefined, edit);
            if (x === null) model.delete(i);
            else model.set(i, x);
          }
          versions.push([v, [...model.entries()].sort((a, b) => a[0] - b[0])]);
        }
        for (const [vec, sorted] of versions) expect([...vec.entries()]).toEqual(sorted);
      }),
      { numRuns: 150 },
    );
  });

  it("a write without a token never changes what an earlier token copied", () => {
    const edit = newEdit();
    const a = PMap.empty<number, number>(compareScalars).set(1, 1, edit).set(2, 2, edit);
    const b = a.set(3, 3);
    const c = a.set(4, 4, edit);
    expect([...b.entries()]).toEqual([[1, 1], [2, 2], [3, 3]]);
    // `a` was still its token's own: writing under that token again may reuse it (c), never b.
    expect([...c.entries()]).toEqual([[1, 1], [2, 2], [4, 4]]);
  });
});
