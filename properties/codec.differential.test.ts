// Differential test against bitsharesjs: for every type bitsharesjs implements (operations 0..74 and their
// fee parameters, transactions, blocks and nested types), values generated from spec/ must serialize to
// the same bytes in both. bitsharesjs's known departures (properties/bitsharesjs.ts) are excluded or
// constrained by name; src/codec/vectors.test.ts covers them against bitshares-core by hand.
import { either as E } from "fp-ts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex } from "../src/codec/hex.js";
import { jsonToBytes, toJson, typeNames, type Json } from "../src/codec/index.js";
import { arbitraryFor } from "./arbitraries.js";
import {
  bitsharesjsConstraints, bitsharesjsEncode, bitsharesjsName, EXCLUDED_OPERATIONS, EXCLUDED_TYPES, inBitsharesjsOrder,
} from "./bitsharesjs.js";

const RUNS = Number(process.env.BTSREF_RUNS ?? 100);
const constraints = bitsharesjsConstraints();
const TYPES = typeNames().filter((t) => bitsharesjsName(t) && !(t in EXCLUDED_OPERATIONS) && !(t in EXCLUDED_TYPES));

describe("bitsharesjs covers what the test claims", () => {
  it("operations 0..74 minus the 5 named departures, plus transactions and blocks", () => {
    const ops = TYPES.filter((t) => t.endsWith("_operation"));
    expect(ops).toHaveLength(75 - 5);
    for (const t of ["transaction", "signed_transaction", "processed_transaction", "block_header", "signed_block_header", "signed_block", "operation"])
      expect(TYPES).toContain(t);
  });
});

describe.each(TYPES)("%s", (type) => {
  it("serializes exactly as bitsharesjs does", () => {
    fc.assert(
      fc.property(arbitraryFor(type, constraints), (x) => {
        const json = inBitsharesjsOrder(type, (toJson(type, x) as E.Right<Json>).right);
        const ours = jsonToBytes(type, json);
        if (E.isLeft(ours)) throw new Error(`${ours.left.path}: ${ours.left.message}`);
        expect(bytesToHex(ours.right)).toBe(bytesToHex(bitsharesjsEncode(type, json)));
      }),
      { numRuns: RUNS },
    );
  });
});
