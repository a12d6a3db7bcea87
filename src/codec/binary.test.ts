import { describe, expect, it } from "vitest";
import { Reader, Writer } from "./binary.js";
import { CodecFailure } from "./errors.js";
import { bytesToHex, hexToBytes } from "./hex.js";

const readVarint = (hex: string): bigint => new Reader(hexToBytes(hex)).varint64();
const ruleOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof CodecFailure) return e.rule;
    throw e;
  }
  return "none";
};

describe("fc::unsigned_int (fc/io/raw.hpp)", () => {
  it("packs 7 bits per byte, low group first", () => {
    const cases: [bigint, string][] = [
      [0n, "00"], [1n, "01"], [127n, "7f"], [128n, "8001"], [300n, "ac02"], [16384n, "808001"],
      [2n ** 32n, "8080808010"], [2n ** 53n, "80".repeat(7) + "10"],
      [2n ** 64n - 1n, "ffffffffffffffffff01"],
    ];
    for (const [v, hex] of cases) {
      const w = new Writer(1);
      w.varint64(v);
      expect(bytesToHex(w.finish()), String(v)).toBe(hex);
      expect(readVarint(hex)).toBe(v);
    }
  });
  it("accepts non-minimal encodings, as fc's unpack does", () => {
    expect(readVarint("8000")).toBe(0n);
    expect(readVarint("ff00")).toBe(127n);
    expect(readVarint("80808080808080808000")).toBe(0n);
  });
  it("rejects more than 64 bits exactly where fc does: `by >= 64 || (by == 63 && b > 1)`", () => {
    expect(readVarint("80808080808080808001")).toBe(2n ** 63n);
    expect(ruleOf(() => readVarint("ffffffffffffffffff02"))).toBe("varint");
    expect(ruleOf(() => readVarint("ffffffffffffffffff81"))).toBe("varint");
    expect(ruleOf(() => readVarint("8080808080808080808000"))).toBe("varint");
  });
  it("reports truncation inside a varint", () => {
    expect(ruleOf(() => readVarint("80"))).toBe("truncated");
    expect(ruleOf(() => readVarint(""))).toBe("truncated");
  });
});

describe("fixed-width integers", () => {
  it("are little-endian, int64 in two's complement", () => {
    const w = new Writer(2);
    w.u16(0x1234);
    w.u32(0xdeadbeef);
    w.u64(-1n);
    w.u64(-(2n ** 63n));
    w.u64(2n ** 64n - 2n);
    expect(bytesToHex(w.finish())).toBe("3412" + "efbeadde" + "ff".repeat(8) + "00".repeat(7) + "80" + "fe" + "ff".repeat(7));
    const r = new Reader(w.finish());
    expect([r.u16(), r.u32(), r.i64(), r.i64(), r.u64()]).toEqual([0x1234, 0xdeadbeef, -1n, -(2n ** 63n), 2n ** 64n - 2n]);
    expect(ruleOf(() => r.u8())).toBe("truncated");
  });
});
