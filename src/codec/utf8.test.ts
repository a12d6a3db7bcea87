// fc strings hold any bytes; src/codec/utf8.ts reads them as UTF-8 with invalid bytes escaped to the lone
// surrogates U+DC80..U+DCFF and writes those back as the bytes ("surrogateescape"). The oracle is Python's
// codec of that name, which applies the same well-formedness table (Unicode Table 3-7) and escapes every
// byte that is not part of a well-formed sequence.
import { createHash } from "node:crypto";
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import { decode, encode } from "./index.js";
import { decodeUtf8, encodeUtf8 } from "./utf8.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const codeUnits = (s: string) => [...Array(s.length).keys()].map((i) => s.charCodeAt(i).toString(16));

/** Byte values at the edges of Table 3-7's ranges. */
const EDGES = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff];
const CONT = [0x7f, 0x80, 0x8f, 0x90, 0xbf, 0xc0];

function* sequences(): Generator<Uint8Array> {
  for (const a of EDGES) yield Uint8Array.of(a);
  for (const a of EDGES) for (const b of EDGES) yield Uint8Array.of(a, b);
  for (const a of EDGES) for (const b of EDGES) for (const c of EDGES) yield Uint8Array.of(a, b, c);
  for (const lead of [0xf0, 0xf1, 0xf3, 0xf4, 0xf5]) for (const b of CONT) for (const c of CONT) for (const d of CONT) yield Uint8Array.of(lead, b, c, d);
}

describe("decodeUtf8", () => {
  it("agrees with Python's surrogateescape on every 1-, 2- and 3-byte sequence of edge bytes and 4-byte ones", () => {
    // python3: for each sequence s (in this order), s.decode("utf-8", "surrogateescape") as UTF-16LE code
    // units followed by ff ff, all hashed with sha256; and the number of escaped bytes.
    const h = createHash("sha256");
    let count = 0;
    let escapes = 0;
    const strict = new TextDecoder("utf-8", { fatal: true });
    const wrong: string[] = [];
    for (const s of sequences()) {
      const d = decodeUtf8(s);
      const units = Uint16Array.from({ length: d.length }, (_, i) => d.charCodeAt(i));
      let escaped = 0;
      for (const u of units) if (u >= 0xdc80 && u <= 0xdcff) escaped++;
      escapes += escaped;
      h.update(new Uint8Array(units.buffer));
      h.update(Uint8Array.of(0xff, 0xff));
      count++;
      // Without escapes the bytes are well-formed UTF-8 and read as the platform's strict decoder reads them.
      let platform: string | undefined;
      try {
        platform = strict.decode(s);
      } catch {
        platform = undefined;
      }
      if ((escaped === 0 ? d : undefined) !== platform) wrong.push(`${hex(s)}: strict decoder`);
      if (hex(encodeUtf8(d)) !== hex(s)) wrong.push(`${hex(s)}: round trip`);
    }
    expect(wrong).toEqual([]);
    expect([count, escapes]).toEqual([17355, 43620]);
    expect(h.digest("hex")).toBe("29a561e03eb198d2d7cab13ef8a6b5b7c269b0e84f1f806298972e16040761f2");
  });

  it("escapes each byte of an ill-formed sequence and goes on after it", () => {
    expect(codeUnits(decodeUtf8(Uint8Array.of(0xe0, 0x9f, 0x80)))).toEqual(["dce0", "dc9f", "dc80"]); // overlong
    expect(codeUnits(decodeUtf8(Uint8Array.of(0xed, 0xa0, 0x80)))).toEqual(["dced", "dca0", "dc80"]); // a surrogate
    expect(codeUnits(decodeUtf8(Uint8Array.of(0xf4, 0x90, 0x80, 0x80)))).toEqual(["dcf4", "dc90", "dc80", "dc80"]); // past U+10FFFF
    expect(codeUnits(decodeUtf8(Uint8Array.of(0xe2, 0x82, 0x41)))).toEqual(["dce2", "dc82", "41"]); // cut short
    expect(decodeUtf8(Uint8Array.of(0xf0, 0x9f, 0x98, 0x80, 0xff))).toBe("\u{1F600}\udcff");
  });

  it("reads long inputs the same way as short ones (ASCII, valid and ill-formed, around 64 bytes)", () => {
    for (const n of [63, 64, 65, 200]) {
      const ascii = new Uint8Array(n).fill(0x61);
      expect(decodeUtf8(ascii)).toBe("a".repeat(n));
      const bad = Uint8Array.from([...ascii.subarray(1), 0xff]);
      expect(decodeUtf8(bad)).toBe("a".repeat(n - 1) + "\udcff");
      const euro = Uint8Array.from([...ascii.subarray(3), 0xe2, 0x82, 0xac]);
      expect(decodeUtf8(euro)).toBe("a".repeat(n - 3) + "\u20ac");
      const high = Uint8Array.from([...ascii.subarray(1), 0x80]);
      expect(decodeUtf8(high)).toBe("a".repeat(n - 1) + "\udc80");
    }
    expect(decodeUtf8(new Uint8Array(0))).toBe("");
  });
});

describe("encodeUtf8", () => {
  it("writes escapes back as their bytes and pairs as 4 bytes", () => {
    expect(hex(encodeUtf8("\udc80\udcff"))).toBe("80ff");
    expect(hex(encodeUtf8("a\udcffb"))).toBe("61ff62");
    expect(hex(encodeUtf8("\udbff\udfff\udc80"))).toBe("f48fbfbf80");
    expect(hex(encodeUtf8("\ud800\udc00\udc80"))).toBe("f090808080");
    expect(hex(encodeUtf8("\ud7ff\ue000\udc80"))).toBe("ed9fbfee808080");
    expect(hex(encodeUtf8("\u20ac\udc80"))).toBe("e282ac80");
  });
  it("refuses every other lone surrogate with the format rule, through the codec too", () => {
    for (const s of ["\ud800", "\udbff", "\udc00", "\udc7f", "\udd00", "\udfff", "a\ud800", "\ud800a", "\udc80\ud800", "\ud800\ud800"]) {
      expect(() => encodeUtf8(s), JSON.stringify(s)).toThrow();
      const r = encode("string", s);
      expect(E.isLeft(r) && r.left.rule, JSON.stringify(s)).toBe("format");
    }
  });
  it("a string of any bytes round-trips through the codec", () => {
    const bytes = Uint8Array.of(3, 0x61, 0xff, 0xc3); // varint length 3, then the bytes
    const v = decode("string", bytes);
    expect(E.isRight(v) && codeUnits(v.right as string)).toEqual(["61", "dcff", "dcc3"]);
    expect(E.isRight(v) && hex((encode("string", v.right) as E.Right<Uint8Array>).right)).toBe("0361ffc3");
  });
});
