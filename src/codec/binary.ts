// Byte-level reader and writer for fc::raw: little-endian fixed-width integers and LEB128 varints.
import { fail } from "./errors.js";

/** fc's MAX_ARRAY_ALLOC_SIZE: the longest std::string or std::vector<char> fc::raw unpacks. */
export const MAX_ARRAY_ALLOC_SIZE = 10 * 1024 * 1024;

const TWO_32 = 0x1_0000_0000;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

const SLAB_SIZE = 64 * 1024;
let slab = new Uint8Array(SLAB_SIZE);
let slabPos = 0;

export class Writer {
  private buf: Uint8Array;
  private view: DataView;
  pos = 0;

  constructor(initial = 256) {
    this.buf = new Uint8Array(initial);
    this.view = new DataView(this.buf.buffer);
  }

  private grow(n: number): void {
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): void {
    if (this.pos + 1 > this.buf.length) this.grow(1);
    this.buf[this.pos++] = v;
  }
  u16(v: number): void {
    if (this.pos + 2 > this.buf.length) this.grow(2);
    this.view.setUint16(this.pos, v, true);
    this.pos += 2;
  }
  u32(v: number): void {
    if (this.pos + 4 > this.buf.length) this.grow(4);
    this.view.setUint32(this.pos, v, true);
    this.pos += 4;
  }
  /** 64-bit two's complement little-endian; v is already range-checked. */
  u64(v: bigint): void {
    if (this.pos + 8 > this.buf.length) this.grow(8);
    if (v > -SAFE && v < SAFE) {
      // Most amounts fit a double: split into two 32-bit words without bigint arithmetic.
      const n = Number(v);
      const hi = Math.floor(n / TWO_32);
      this.view.setUint32(this.pos, n - hi * TWO_32, true);
      this.view.setInt32(this.pos + 4, hi, true);
    } else {
      this.view.setBigUint64(this.pos, BigInt.asUintN(64, v), true);
    }
    this.pos += 8;
  }
  /** fc::unsigned_int from a safe non-negative integer. */
  varint(v: number): void {
    if (this.pos + 10 > this.buf.length) this.grow(10);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }
  varint64(v: bigint): void {
    if (v < BigInt(Number.MAX_SAFE_INTEGER)) return this.varint(Number(v));
    if (this.pos + 10 > this.buf.length) this.grow(10);
    while (v >= 0x80n) {
      this.buf[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.pos++] = Number(v);
  }
  bytes(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length) this.grow(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }
  /** Reserves n bytes and returns the offset to fill them at. */
  reserve(n: number): number {
    if (this.pos + n > this.buf.length) this.grow(n);
    const at = this.pos;
    this.pos += n;
    return at;
  }
  get buffer(): Uint8Array {
    return this.buf;
  }
  /**
   * A copy of the bytes written. Small results are views into a shared slab, as Node's Buffer pool does:
   * allocating an ArrayBuffer per result costs more than the encoding itself. Use byteOffset and
   * byteLength, not .buffer, to get at the bytes of a view.
   */
  finish(): Uint8Array {
    const n = this.pos;
    if (n > SLAB_SIZE / 8) return this.buf.slice(0, n);
    if (slabPos + n > SLAB_SIZE) {
      slab = new Uint8Array(SLAB_SIZE);
      slabPos = 0;
    }
    const out = slab.subarray(slabPos, slabPos + n);
    out.set(this.buf.subarray(0, n));
    slabPos += (n + 7) & ~7;
    return out;
  }
}

export class Reader {
  pos = 0;
  private readonly view: DataView;

  constructor(readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length)
      fail("truncated", `need ${n} byte${n === 1 ? "" : "s"} at offset ${this.pos}, only ${this.buf.length - this.pos} left`);
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  u64(): bigint {
    this.need(8);
    const lo = this.view.getUint32(this.pos, true);
    const hi = this.view.getUint32(this.pos + 4, true);
    this.pos += 8;
    return hi === 0 ? BigInt(lo) : (BigInt(hi) << 32n) | BigInt(lo);
  }
  i64(): bigint {
    this.need(8);
    const lo = this.view.getUint32(this.pos, true);
    const hi = this.view.getInt32(this.pos + 4, true);
    this.pos += 8;
    return hi === 0 ? BigInt(lo) : BigInt(hi) * BigInt(TWO_32) + BigInt(lo);
  }
  /**
   * fc::unsigned_int as fc unpacks it: 7 bits per byte, low group first, non-minimal forms accepted,
   * more than 64 bits rejected (raw.hpp: `by >= 64 || (by == 63 && b > 1)`).
   */
  varint64(): bigint {
    let small = 0;
    let shift = 0;
    for (;;) {
      const b = this.u8();
      if (shift < 49) {
        small += (b & 0x7f) * 2 ** shift;
        shift += 7;
        if ((b & 0x80) === 0) return BigInt(small);
        continue;
      }
      // Past 49 bits the value may not fit a double: continue in bigint.
      let big = BigInt(small);
      let s = BigInt(shift);
      let byte = b;
      for (;;) {
        if (shift >= 64 || (shift === 63 && (byte & 0xff) > 1)) fail("varint", "unsigned_int longer than 64 bits");
        big |= BigInt(byte & 0x7f) << s;
        shift += 7;
        s += 7n;
        if ((byte & 0x80) === 0) return big;
        byte = this.u8();
      }
    }
  }
  /** fc::unsigned_int as a number when below 2^49, else as a bigint (same rules as varint64). */
  varintFast(): number | bigint {
    let small = 0;
    let shift = 0;
    const start = this.pos;
    while (shift < 49) {
      const b = this.u8();
      small += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return small;
      shift += 7;
    }
    this.pos = start;
    return this.varint64();
  }
  /** A varint used as a length, count or tag, returned as a number (saturating at 2^53). */
  varintNumber(): number {
    const v = this.varint64();
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}
