// For every protocol type: bytes and JSON round-trip, and the JSON the codec emits is exactly what the
// generated ajv validator (the schema) accepts.
import { either as E } from "fp-ts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as validators from "../generated/validators.js";
import { decode, encode, fromJson, packSize, toJson, typeNames, type Json } from "../src/codec/index.js";
import { anyValue, arbitraryFor } from "./arbitraries.js";

const constraints = anyValue();
const RUNS = Number(process.env.BTSREF_RUNS ?? 100);

function right<T>(r: E.Either<{ path: string; message: string }, T>): T {
  if (E.isLeft(r)) throw new Error(`${r.left.path}: ${r.left.message}`);
  return r.right;
}

const validatorOf = (type: string) =>
  (validators as Record<string, (j: unknown) => boolean>)[`validate_${type.replace(/::/g, "__").replace(/[^A-Za-z0-9_]/g, "_")}`]!;

describe.each(typeNames())("%s", (type) => {
  const arb = arbitraryFor(type, constraints);
  const validate = validatorOf(type);

  it("decode(encode(x)) = x, pack_size is its length, and JSON round-trips in both modes", () => {
    fc.assert(
      fc.property(arb, (x) => {
        const bytes = right(encode(type, x));
        expect(right(packSize(type, x))).toBe(bytes.length);
        expect(right(decode(type, bytes))).toEqual(x);
        const json = right(toJson(type, x));
        const text = JSON.parse(JSON.stringify(json)) as Json;
        expect(right(fromJson(type, text))).toEqual(x);
        expect(right(fromJson(type, text, { strict: true }))).toEqual(x);
      }),
      { numRuns: RUNS },
    );
  });

  it("the schema's validator accepts every JSON the codec emits", () => {
    fc.assert(
      fc.property(arb, (x) => {
        const json = right(toJson(type, x));
        const ok = validate(json);
        expect(ok, JSON.stringify((validate as unknown as { errors: unknown }).errors)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
