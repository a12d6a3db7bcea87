// Fuzzing the decoders: random and mutated bytes (bits flipped, bytes set, inserted, deleted, truncated,
// appended) into every protocol type (transaction, signed_block, every operation and object, every leaf),
// any JavaScript value into the encoders, and JSON text into the parser. Decoding is total: the outcome is
// a value or a well-formed CodecError, never an exception, and whatever decodes re-encodes to bytes that
// decode to the same value (fc's normalization is stable). A valid encoding cut short is "truncated" (or an
// impossible "length"), and one with bytes after it is "trailing_bytes". JSON into every type is
// json.fuzz.test.ts. npm test runs a bounded number of cases; `npm run fuzz` sets BTSREF_FUZZ_RUNS higher.
import { either as E } from "fp-ts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TABLES } from "../generated/codec-tables.js";
import { CHAIN_TABLES } from "../src/chain/tables.js";
import { MAX_DEPTH } from "../src/codec/compile.js";
import { type CodecError, decode, encode, fromJson, toJson, typeNames, type Json } from "../src/codec/index.js";
import { parseJson } from "../src/codec/json-text.js";
import { anyValue, arbitraryFor } from "./arbitraries.js";
import { FUZZ_RUNS as RUNS, RULES, byteMutation, mutateBytes } from "./fuzz_inputs.js";

const constraints = anyValue();

/** A CodecError as src/codec returns it: a known rule, a path of fields and indices, a message. */
function expectCodecError(e: CodecError): void {
  expect(e._tag).toBe("CodecError");
  expect(RULES.has(e.rule), `rule ${e.rule}`).toBe(true);
  expect(e.path).toMatch(/^(?:[A-Za-z_][A-Za-z0-9_]*)?(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/);
  expect(e.message.length).toBeGreaterThan(0);
}

function expectTotalDecode(type: string, bytes: Uint8Array): void {
  const r = decode(type, bytes);
  if (E.isLeft(r)) {
    expectCodecError(r.left);
    return;
  }
  const again = encode(type, r.right);
  expect(E.isRight(again)).toBe(true);
  expect(decode(type, (again as E.Right<Uint8Array>).right)).toEqual(E.right(r.right));
}

describe("coverage", () => {
  it("fuzzes every top-level entry point: transactions, blocks, every operation and every object", () => {
    const names = new Set(typeNames());
    for (const t of ["transaction", "signed_transaction", "processed_transaction", "signed_block", "block_header", "operation", "genesis_state_type"]) expect(names.has(t), t).toBe(true);
    const ops = TABLES["operation"];
    expect(ops?.kind).toBe("static_variant");
    const alternatives = ops?.kind === "static_variant" ? ops.alternatives : [];
    expect(alternatives.length).toBeGreaterThanOrEqual(77);
    for (const a of alternatives) expect(names.has(a as string), String(a)).toBe(true);
    // Every object the chain's database holds.
    const objects = CHAIN_TABLES.map((t) => t.objectType);
    expect(objects.length).toBeGreaterThanOrEqual(30);
    for (const o of objects) expect(names.has(o), o).toBe(true);
  });
});

describe.each(typeNames())("%s", (type) => {
  const values = arbitraryFor(type, constraints);

  it("random bytes decode to a value or a typed error", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 96 }), (b) => expectTotalDecode(type, b)), { numRuns: RUNS });
  });

  it("mutated valid encodings decode to a value or a typed error", () => {
    fc.assert(
      fc.property(values, fc.array(byteMutation, { minLength: 1, maxLength: 3 }), (x, ms) => {
        let b = (encode(type, x) as E.Right<Uint8Array>).right;
        for (const m of ms) b = mutateBytes(b, m);
        expectTotalDecode(type, b);
      }),
      { numRuns: RUNS },
    );
  });

  it("a valid encoding cut short is truncated, and one with bytes after it has trailing bytes", () => {
    fc.assert(
      fc.property(values, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }), (x, cut, extra) => {
        const b = (encode(type, x) as E.Right<Uint8Array>).right;
        if (b.length > 0) {
          const short = decode(type, b.subarray(0, cut % b.length));
          expect(E.isLeft(short) && ["truncated", "length"].includes(short.left.rule)).toBe(true);
        }
        const long = decode(type, Uint8Array.from([...b, ...extra]));
        expect(E.isLeft(long) && long.left.rule).toBe("trailing_bytes");
      }),
      { numRuns: RUNS },
    );
  });

  it("encode and toJson of any JavaScript value give bytes, JSON or a typed error", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true }), values), (v) => {
        for (const r of [encode(type, v), toJson(type, v)]) if (E.isLeft(r)) expectCodecError(r.left);
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
