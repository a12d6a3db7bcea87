// Fuzzing the decoders: random and mutated bytes, random and mutated JSON, and JSON text, into every
// protocol type. Decoding is total: the outcome is a value or a typed CodecError, never an exception,
// and whatever decodes re-encodes to bytes that decode to the same value (fc's normalization is stable).
// npm test runs a bounded number of cases; `npm run fuzz` sets BTSREF_FUZZ_RUNS higher.
import { either as E } from "fp-ts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_DEPTH } from "../src/codec/compile.js";
import { decode, encode, fromJson, toJson, typeNames, type Json } from "../src/codec/index.js";
import { parseJson } from "../src/codec/json-text.js";
import { anyValue, arbitraryFor } from "./arbitraries.js";

const RUNS = Number(process.env.BTSREF_FUZZ_RUNS ?? 40);
const constraints = anyValue();

function expectTotalDecode(type: string, bytes: Uint8Array): void {
  const r = decode(type, bytes);
  if (E.isLeft(r)) {
    expect(r.left._tag).toBe("CodecError");
    return;
  }
  const again = encode(type, r.right);
  expect(E.isRight(again)).toBe(true);
  expect(decode(type, (again as E.Right<Uint8Array>).right)).toEqual(E.right(r.right));
}

const mutation = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("set" as const), at: fc.nat(), byte: fc.constantFrom(0x00, 0x01, 0x02, 0x7f, 0x80, 0xff) }),
);

function mutate(b: Uint8Array, m: { op: string; at: number; bit?: number; byte?: number }): Uint8Array {
  const at = b.length === 0 ? 0 : m.at % b.length;
  const out = Array.from(b);
  switch (m.op) {
    case "flip": if (out.length) out[at] = out[at]! ^ (1 << m.bit!); break;
    case "truncate": out.length = at; break;
    case "insert": out.splice(at, 0, m.byte!); break;
    case "delete": out.splice(at, 1); break;
    case "set": if (out.length) out[at] = m.byte!; break;
  }
  return Uint8Array.from(out);
}

describe.each(typeNames())("%s", (type) => {
  const values = arbitraryFor(type, constraints);

  it("random bytes decode to a value or a typed error", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 96 }), (b) => expectTotalDecode(type, b)), { numRuns: RUNS });
  });

  it("mutated valid encodings decode to a value or a typed error", () => {
    fc.assert(
      fc.property(values, fc.array(mutation, { minLength: 1, maxLength: 3 }), (x, ms) => {
        let b = (encode(type, x) as E.Right<Uint8Array>).right;
        for (const m of ms) b = mutate(b, m);
        expectTotalDecode(type, b);
      }),
      { numRuns: RUNS },
    );
  });

  it("encode and toJson of any JavaScript value give bytes, JSON or a typed error", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true }), values), (v) => {
        for (const r of [encode(type, v), toJson(type, v)]) if (E.isLeft(r)) expect(r.left._tag).toBe("CodecError");
      }),
      { numRuns: RUNS },
    );
  });

  it("random and mutated JSON give a value or a typed error, in both modes", () => {
    const replaceSomewhere = (j: Json, r: Json, path: number[]): Json => {
      if (path.length === 0 || j === null || typeof j !== "object") return r;
      const [i, ...rest] = path;
      if (Array.isArray(j)) return j.length ? j.map((x, k) => (k === i! % j.length ? replaceSomewhere(x, r, rest) : x)) : r;
      const keys = Object.keys(j);
      if (!keys.length) return r;
      const k = keys[i! % keys.length]!;
      return { ...j, [k]: replaceSomewhere(j[k]!, r, rest) };
    };
    const json = fc.oneof(
      fc.jsonValue() as fc.Arbitrary<Json>,
      fc.tuple(values, fc.jsonValue() as fc.Arbitrary<Json>, fc.array(fc.nat(), { maxLength: 6 })).map(([x, r, path]) =>
        replaceSomewhere((toJson(type, x) as E.Right<Json>).right, r, path),
      ),
    );
    fc.assert(
      fc.property(json, fc.boolean(), (j, strict) => {
        const r = fromJson(type, j, { strict });
        if (E.isLeft(r)) expect(r.left._tag).toBe("CodecError");
        else expect(E.isRight(encode(type, r.right))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

/** parseJson keeps integers beyond 2^53 as decimal strings; JSON.parse rounds them. */
function unsafeAsNumbers(j: Json): Json {
  if (typeof j === "string" && /^-?[0-9]{16,}$/.test(j) && !Number.isSafeInteger(Number(j))) return Number(j);
  if (Array.isArray(j)) return j.map(unsafeAsNumbers);
  if (j !== null && typeof j === "object") return Object.fromEntries(Object.entries(j).map(([k, v]) => [k, unsafeAsNumbers(v)]));
  return j;
}

describe("nesting and JSON text", () => {
  it("deeply nested restrictions are refused with a depth error, not a stack overflow", () => {
    // restriction{member_index 0, restriction_type 0, argument [39 vector<restriction>] with one item, ...}
    const levels = MAX_DEPTH;
    const bytes = Uint8Array.from([...Array.from({ length: levels }, () => [0, 0, 39, 1]).flat(), 0, 0, 0, 0]);
    const r = decode("restriction", bytes);
    expect(E.isLeft(r) && r.left.rule).toBe("depth");
    let j: Json = { member_index: 0, restriction_type: 0, argument: [0, {}], extensions: [] };
    for (let i = 0; i < levels; i++) j = { member_index: 0, restriction_type: 0, argument: [39, [j]], extensions: [] };
    const rj = fromJson("restriction", j);
    expect(E.isLeft(rj) && rj.left.rule).toBe("depth");
  });

  it("JSON text parses to a value or a typed error", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.tuple(fc.jsonValue().map((v) => JSON.stringify(v)), fc.nat(), fc.string({ maxLength: 3 })).map(([s, i, ins]) => s.slice(0, i % (s.length + 1)) + ins + s.slice(i % (s.length + 1))),
    );
    fc.assert(
      fc.property(text, (s) => {
        const r = parseJson(s);
        if (E.isLeft(r)) expect(r.left.rule).toBe("format");
        else expect(unsafeAsNumbers(r.right)).toEqual(JSON.parse(s));
      }),
      { numRuns: RUNS * 50 },
    );
    expect(E.isLeft(parseJson("[".repeat(5000)))).toBe(true);
    expect(parseJson("18446744073709551615")).toEqual(E.right("18446744073709551615"));
  });
});
