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

// Below: the byte-level Writer and Reader of src/codec/binary.ts at their edges: fixed-width integers little-endian
// (fc::raw packs them as their memory on x86-64), 64-bit values in two's complement across the 2^32, 2^53
// and 2^63 boundaries, fc::unsigned_int (7 bits per byte, low group first) from numbers and bigints on both
// sides of the fast paths, buffer growth from a tiny start, and finish() copies that never alias.
// The expected bytes come from DataView and BigInt arithmetic, not from the code under test.
const le = (bits: 16 | 32 | 64, v: bigint) => {
  const b = new Uint8Array(bits / 8);
  const view = new DataView(b.buffer);
  if (bits === 16) view.setUint16(0, Number(v), true);
  else if (bits === 32) view.setUint32(0, Number(v), true);
  else view.setBigUint64(0, BigInt.asUintN(64, v), true);
  return bytesToHex(b);
};
/** LEB128 of a non-negative integer, by definition. */
const leb = (v: bigint) => {
  const out: number[] = [];
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? low | 0x80 : low);
  } while (v > 0n);
  return bytesToHex(Uint8Array.from(out));
};
const hexOf = (w: Writer) => bytesToHex(w.finish());

const P = (k: number) => 1n << BigInt(k);
const INT64 = [0n, 1n, -1n, 255n, P(31), P(32) - 1n, P(32), P(32) + 1n, -P(32), -P(32) - 1n, P(52), P(53) - 1n, P(53), P(53) + 1n, -(P(53) - 1n), -P(53), -P(53) - 1n, P(62), P(63) - 1n, -P(63), -P(63) + 1n, 0x0123456789abcdefn, -0x0123456789abcdefn];
const VARINTS = [0n, 1n, 127n, 128n, 255n, 16383n, 16384n, P(21) - 1n, P(21), P(28), P(35), P(42), P(49) - 1n, P(49), P(49) + 1n, P(53) - 2n, P(53) - 1n, P(53), P(56), P(63) - 1n, P(63), P(64) - 1n];

describe("Writer", () => {
  it("writes u8, u16 and u32 little-endian, growing from a 1-byte buffer", () => {
    const w = new Writer(1);
    const expected: string[] = [];
    for (let i = 0; i < 40; i++) {
      w.u8(i * 7);
      w.u16(0xfedc - i);
      w.u32(0xfedcba98 - i * 0x01010101);
      expected.push(le(16, BigInt(i * 7)).slice(0, 2), le(16, BigInt(0xfedc - i)), le(32, BigInt(0xfedcba98 - i * 0x01010101)));
    }
    expect(w.pos).toBe(40 * 7);
    expect(hexOf(w)).toBe(expected.join(""));
  });
  it("writes 64-bit values in two's complement across 2^32, 2^53 and 2^63", () => {
    const w = new Writer(3);
    for (const v of INT64) w.u64(v);
    w.u64(P(64) - 1n);
    expect(hexOf(w)).toBe([...INT64, P(64) - 1n].map((v) => le(64, v)).join(""));
  });
  it("writes unsigned_int from numbers and bigints, minimal, on both sides of every 7-bit step", () => {
    const w = new Writer(2);
    for (const v of VARINTS) w.varint64(v);
    for (const v of VARINTS.filter((x) => x <= BigInt(Number.MAX_SAFE_INTEGER))) w.varint(Number(v));
    const safe = VARINTS.filter((x) => x <= BigInt(Number.MAX_SAFE_INTEGER));
    expect(hexOf(w)).toBe([...VARINTS, ...safe].map(leb).join(""));
  });
  it("writes byte runs and reserved space in place, growing as needed", () => {
    const w = new Writer(4);
    w.u8(1);
    const big = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    w.bytes(big);
    const at = w.reserve(5);
    expect(at).toBe(301);
    w.buffer.set([9, 8, 7, 6, 5], at);
    w.bytes(new Uint8Array(0));
    w.u8(2);
    expect(hexOf(w)).toBe("01" + bytesToHex(big) + "0908070605" + "02");
    const w2 = new Writer(2);
    expect(w2.reserve(64)).toBe(0);
    expect(w2.pos).toBe(64);
    expect(w2.buffer.length >= 64).toBe(true);
  });
  it("finish returns copies: later writes and other results never change an earlier result", () => {
    const w = new Writer(8);
    const results: [Uint8Array, string][] = [];
    for (let i = 0; i < 3000; i++) {
      w.pos = 0;
      const n = (i * 37) % 50;
      for (let k = 0; k < n; k++) w.u8((i + k) & 0xff);
      const out = w.finish();
      results.push([out, bytesToHex(Uint8Array.from({ length: n }, (_, k) => (i + k) & 0xff))]);
    }
    w.pos = 0;
    for (let k = 0; k < 10_000; k++) w.u8(k & 0xff); // a result larger than the shared slab's share
    const large = w.finish();
    w.pos = 0;
    w.u8(0xee);
    w.finish();
    expect(large.length).toBe(10_000);
    expect(large[9_999]).toBe(9_999 & 0xff);
    expect(large[0]).toBe(0);
    for (const [out, hex] of results) expect(bytesToHex(out)).toBe(hex);
  });
});

describe("Reader", () => {
  it("reads back what the Writer wrote: fixed widths, int64 and uint64 edges", () => {
    const w = new Writer(1);
    for (const v of INT64) w.u64(v);
    w.u16(0xbeef);
    w.u32(0xdeadbeef);
    const r = new Reader(w.finish());
    for (const v of INT64) {
      const at = r.pos;
      expect(r.i64(), `${v}`).toBe(v);
      r.pos = at;
      expect(r.u64(), `${v}`).toBe(BigInt.asUintN(64, v));
    }
    expect(r.u16()).toBe(0xbeef);
    expect(r.u32()).toBe(0xdeadbeef);
    expect(r.remaining).toBe(0);
  });
  it("reads unsigned_int as bigint, as a number below 2^49 (varintFast) and saturated (varintNumber)", () => {
    for (const v of VARINTS) {
      const bytes = Uint8Array.from(Buffer.from(leb(v), "hex"));
      expect(new Reader(bytes).varint64(), `${v}`).toBe(v);
      const fast = new Reader(bytes).varintFast();
      expect(fast, `${v}`).toBe(v < P(49) ? Number(v) : v);
      expect(new Reader(bytes).varintNumber(), `${v}`).toBe(v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v));
      const r = new Reader(Uint8Array.from([...bytes, 0x2a]));
      r.varintFast();
      expect(r.u8()).toBe(0x2a);
    }
  });
  it("reads non-minimal unsigned_int past the fast path, and refuses more than 64 bits there too", () => {
    // 2^49 written with 8 bytes then padded with zero groups up to the 64-bit limit.
    const padded = Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x81, 0x80, 0x00]);
    expect(new Reader(padded).varintFast()).toBe(P(49));
    expect(new Reader(padded).varint64()).toBe(P(49));
    const tooLong = Uint8Array.from([...new Array(10).fill(0x80), 0x00]);
    expect(ruleOf(() => new Reader(tooLong).varintFast())).toBe("varint");
    expect(ruleOf(() => new Reader(Uint8Array.from([...new Array(9).fill(0xff), 0x02])).varintFast())).toBe("varint");
    expect(new Reader(Uint8Array.from([...new Array(9).fill(0xff), 0x01])).varintFast()).toBe(P(64) - 1n);
  });
  it("refuses to read past the end, at every width, and keeps sub-views of the input", () => {
    const data = Uint8Array.from([1, 2, 3, 4, 5, 6, 7]);
    expect(ruleOf(() => new Reader(data).u64())).toBe("truncated");
    expect(ruleOf(() => new Reader(data).i64())).toBe("truncated");
    expect(ruleOf(() => new Reader(data.subarray(0, 3)).u32())).toBe("truncated");
    expect(ruleOf(() => new Reader(data.subarray(0, 1)).u16())).toBe("truncated");
    expect(ruleOf(() => new Reader(data.subarray(0, 0)).u8())).toBe("truncated");
    expect(ruleOf(() => new Reader(data).bytes(8))).toBe("truncated");
    expect(ruleOf(() => new Reader(Uint8Array.of(0x80, 0x80)).varintFast())).toBe("truncated");
    const r = new Reader(data.subarray(2));
    expect(r.remaining).toBe(5);
    expect(bytesToHex(r.bytes(5))).toBe("0304050607");
    expect(r.remaining).toBe(0);
    expect(bytesToHex(r.bytes(0))).toBe("");
    const offset = new Reader(data.subarray(1));
    expect(offset.u32()).toBe(0x05040302);
  });
});
