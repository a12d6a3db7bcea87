// Fuzzing the JSON readers: fromJson of every protocol type with random JSON and with valid JSON mutated
// (a field deleted, a value of another kind, a number out of range, a huge string, deep nesting, any JSON
// in its place), and genesis files mutated the same way through fromJson and init_genesis. Every outcome is
// a value or a typed error whose path leads into the input (to the offending value, or to the object that
// lacks the missing field); a value read back from JSON is the canonical one (toJson then strict fromJson
// give it again). A genesis that reads is either a chain state or a ChainError naming a rule.
// npm test runs a bounded number of cases; `npm run fuzz` sets BTSREF_FUZZ_RUNS higher.
import { either as E } from "fp-ts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type * as T from "../generated/native-types.js";
import { devnetGenesis } from "../src/chain/devnet.js";
import { genesisState } from "../src/chain/index.js";
import { type Json, fromJson, toJson, typeNames } from "../src/codec/index.js";
import { fixtureGenesis } from "../src/scenario/fixture.js";
import { anyValue, arbitraryFor } from "./arbitraries.js";
import { FUZZ_RUNS as RUNS, expectErrorInInput, fuzzRuns, mutateJson, mutation } from "./fuzz_inputs.js";

/** init_genesis builds 65537 block summaries (about 0.2 s): a twentieth of the runs. */
const GENESIS_RUNS = fuzzRuns(20, 8);
const constraints = anyValue();

function checkRead(type: string, j: Json, strict: boolean): void {
  const r = fromJson(type, j, { strict });
  if (E.isLeft(r)) return expectErrorInInput(r.left, j);
  // What reads is a value of the type: its canonical JSON reads back strictly to the same value.
  const canonical = toJson(type, r.right);
  expect(E.isRight(canonical), E.isLeft(canonical) ? `${canonical.left.path}: ${canonical.left.message}` : "").toBe(true);
  expect(fromJson(type, (canonical as E.Right<Json>).right, { strict: true })).toEqual(E.right(r.right));
}

describe.each(typeNames())("%s", (type) => {
  const values = arbitraryFor(type, constraints);
  const validJson = values.map((v) => (toJson(type, v) as E.Right<Json>).right);

  it("random JSON reads to a value or a typed error naming a place in the input", () => {
    fc.assert(fc.property(fc.jsonValue() as fc.Arbitrary<Json>, fc.boolean(), (j, strict) => checkRead(type, j, strict)), { numRuns: RUNS });
  });

  it("mutated valid JSON reads to a value or a typed error naming a place in the input", () => {
    fc.assert(
      fc.property(validJson, fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), (j, ms, strict) => {
        checkRead(type, ms.reduce(mutateJson, j), strict);
      }),
      { numRuns: RUNS },
    );
  });
});

// ------------------------------------------------------------------ genesis files

function genesisJson(g: T.GenesisStateType): Json {
  return (toJson("genesis_state_type", g) as E.Right<Json>).right;
}

describe("genesis JSON", () => {
  const genesisFiles = [genesisJson(devnetGenesis()), genesisJson(fixtureGenesis())];

  /** A chain state or a ChainError; nothing thrown. */
  function checkGenesis(j: Json): void {
    const g = fromJson("genesis_state_type", j);
    if (E.isLeft(g)) return expectErrorInInput(g.left, j);
    const r = genesisState(g.right as T.GenesisStateType, "00".repeat(32));
    if (E.isLeft(r)) {
      expect(r.left._tag).toBe("ChainError");
      expect(r.left.rule).toMatch(/^[a-z_0-9]+\.[a-z_0-9.]+$/);
      expect(typeof r.left.field).toBe("string");
    }
  }

  it("a mutated genesis reads and initializes to a state or a typed error", () => {
    fc.assert(
      fc.property(fc.constantFrom(...genesisFiles), fc.array(mutation, { minLength: 1, maxLength: 3 }), (j, ms) => checkGenesis(ms.reduce(mutateJson, j))),
      { numRuns: GENESIS_RUNS },
    );
  });
});
