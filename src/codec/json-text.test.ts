// src/codec/json-text.ts against the platform's JSON.parse (RFC 8259): every document one accepts, the
// other does, with the same value, except that integers beyond 2^53 stay exact as decimal strings (the form
// fc writes them in); every document one refuses, the other does, as a typed error naming the offset.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import { parseJson, stringifyJson } from "./json-text.js";

const parsed = (s: string) => {
  const r = parseJson(s);
  return E.isRight(r) ? r.right : undefined;
};
const offsetOf = (s: string) => {
  const r = parseJson(s);
  if (E.isRight(r)) return "accepted";
  expect(r.left.rule).toBe("format");
  expect(r.left.path).toBe("");
  return Number(/at offset (\d+)/.exec(r.left.message)?.[1]);
};

const VALID = [
  "0", "-0", "1", "-1", "12", "1.5", "-1.25e3", "1E2", "1e+2", "1e-2", "0.5", "9007199254740991", "-9007199254740991",
  "true", "false", "null", '""', '"a"', '"\\u00e9\\n\\t\\"\\\\\\/"', '"\\ud83d\\ude00"', '"é€😀"',
  "[]", "[ ]", "[1]", "[1,2]", " [ 1 , [ 2 , [ ] ] ] ", "{}", "{ }", '{"a":1}', '{ "a" : [ { } ] , "b" : null }',
  '{"a":1,"a":2}', " \t\r\n1\r\n\t ", '["x",{"y":[true,false,null]}]',
];

// [document, offset bitshares-core's users are told: where the parser stopped].
const INVALID: [string, number][] = [
  ["", 0], [" ", 1], ["x", 0], ["tru", 0], ["nul", 0], ["falsy", 0], ["01", 1], ["1.", 1], [".5", 0], ["-", 0], ["+1", 0],
  ["1e", 1], ["[", 1], ["[1", 2], ["[1,]", 3], ["[,1]", 1], ["[1 2]", 3], ["]", 0], ["{", 1], ['{"a"}', 4], ['{"a":}', 5],
  ['{"a":1,}', 7], ["{a:1}", 1], ['{"a":1 "b":2}', 7], ['{"a" 1}', 5], ["1 2", 2], ['"abc', 0], ['"a\nb"', 2], ['"\\x"', 0],
  ['"\\u12"', 0], ["\f1", 0], ["\u000b1", 0], ["\u00a01", 0], ["[1]]", 3], ["{}{}", 2], ['{"a":1}x', 7], ["nulll", 4],
];

describe("parseJson", () => {
  it("accepts what JSON.parse accepts, with the same value", () => {
    for (const s of VALID) expect(parsed(s), JSON.stringify(s)).toEqual(JSON.parse(s));
  });
  it("refuses what JSON.parse refuses, as a format error at the offset where the text goes wrong", () => {
    for (const [s, at] of INVALID) {
      expect(() => JSON.parse(s), JSON.stringify(s)).toThrow();
      expect(offsetOf(s), JSON.stringify(s)).toBe(at);
    }
  });
  it("keeps integers beyond 2^53 exact as decimal strings; fractions and exponents stay numbers", () => {
    expect(parsed("9007199254740992")).toBe("9007199254740992");
    expect(parsed("-9007199254740992")).toBe("-9007199254740992");
    expect(parsed("18446744073709551615")).toBe("18446744073709551615");
    expect(parsed("[9007199254740993,1]")).toEqual(["9007199254740993", 1]);
    expect(parsed("9007199254740993.0")).toBe(9007199254740992);
    expect(parsed("1e300")).toBe(1e300);
    expect(parsed("18446744073709551615e0")).toBe(18446744073709551615);
  });
  it("reads a __proto__ key as data, never as the prototype", () => {
    const o = parsed('{"__proto__":{"polluted":1},"a":2}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(["__proto__", "a"]);
    expect(Object.getOwnPropertyDescriptor(o, "__proto__")?.value).toEqual({ polluted: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it("refuses nesting deeper than 2000 levels, and accepts 2000", () => {
    const nest = (n: number, open: string, close: string) => open.repeat(n) + close.repeat(n);
    expect(parsed(nest(2001, "[", "]"))).toBeDefined();
    expect(offsetOf(nest(2002, "[", "]"))).toBe(2001);
    let deep = "1";
    for (let i = 0; i < 2000; i++) deep = `{"a":${deep}}`; // the 1 is at depth 2000
    expect(parsed(deep)).toBeDefined();
    expect(offsetOf(`{"a":${deep}}`)).toBe(5 * 2001);
  });
  it("stringifyJson is fc's compact form, or indented when asked", () => {
    expect(stringifyJson({ a: [1, "2", null, true] })).toBe('{"a":[1,"2",null,true]}');
    expect(stringifyJson([1], 2)).toBe("[\n  1\n]");
  });
});
