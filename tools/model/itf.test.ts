import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import { decodeItfTrace, decodeItfValue } from "./itf.js";

describe("ITF traces", () => {
  it("decodes every ITF form as quint run --out-itf writes it", () => {
    // A state written by quint 0.33.1 for a module with a set, a map, a tuple and a record.
    const state = {
      "#meta": { index: 1 }, mp: { "#map": [[{ "#bigint": "1" }, "x"]] }, r: { a: { "#bigint": "-7" }, b: ["q"] },
      s: { "#set": [{ "#bigint": "1" }, { "#bigint": "2" }] }, t: { "#tup": [{ "#bigint": "3" }, true] },
    };
    const r = decodeItfTrace({ "#meta": { format: "ITF" }, vars: ["mp", "r", "s", "t"], states: [state] });
    expect(r).toEqual(E.right({ vars: ["mp", "r", "s", "t"], states: [{ mp: [[1n, "x"]], r: { a: -7n, b: ["q"] }, s: [1n, 2n], t: [3n, true] }] }));
  });

  it.each([
    [{ "#bigint": "1.5" }, "x", "#bigint 1.5 is not a decimal integer"],
    [{ "#set": 3 }, "x", "#set is not a list"],
    [{ "#map": [[1]] }, "x.#map[0]", "a map entry is not a [key, value] pair"],
    [{ a: { "#unserializable": "f" } }, "x.a", "the trace holds an unserializable value"],
    [1.5, "x", "1.5 is not an integer"],
    [null, "x", "not an ITF value"],
  ])("refuses %j at its path", (v, path, message) => {
    expect(decodeItfValue(v, "x")).toEqual(E.left({ path, message }));
  });

  it("refuses a trace whose state lacks a declared variable", () => {
    expect(decodeItfTrace({ vars: ["a", "b"], states: [{ a: true }] })).toEqual(E.left({ path: "states[0].b", message: "state lacks variable b" }));
    expect(decodeItfTrace([])).toEqual(E.left({ path: "", message: "an ITF trace is a JSON object" }));
  });
});
