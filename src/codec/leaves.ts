// Codecs of the leaf kinds of spec/README.md: fixed-width integers, varints, uint128, enums, bool,
// strings, bytes, time, ids, keys. Each one knows its fc::raw bytes, its JSON form in both input modes,
// its zero value and its C++ ordering.
import { formatAddress, formatPtsAddress, formatPublicKey, parseAddress, parsePtsAddress, parsePublicKey } from "../crypto/key-format.js";
import { ripemd160, sha512 } from "../crypto/hash.js";
import { MAX_ARRAY_ALLOC_SIZE, type Reader, type Writer } from "./binary.js";
import { fail } from "./errors.js";
import { bytesToHex, hexToBytes, isHex, tryHexInto } from "./hex.js";
import type { Json, LeafKind } from "./table.js";
import { decodeUtf8, encodeUtf8 } from "./utf8.js";

/** How JSON is read: `strict` accepts only the canonical shape of spec/; `node` reads as bitshares-core does. */
export interface JsonContext {
  readonly strict: boolean;
  /** Public-key and address prefix, e.g. "BTS". */
  readonly prefix: string;
}

export type OrderKey = number | bigint | string;

export interface TypeCodec<T = unknown> {
  /** The type as written in spec/ (a def name or a type expression). */
  readonly label: string;
  /** A lower bound of the encoded size, used to reject impossible counts before reading. */
  minSize: number;
  write(w: Writer, v: T): void;
  read(r: Reader, depth: number): T;
  fromJson(j: Json, ctx: JsonContext, depth: number): T;
  toJson(v: T, prefix: string): Json;
  zero(): T;
  /** The key by which C++ operator< orders values of this type; absent when the type has no order. */
  orderKey?(v: T): OrderKey;
}

// ---------------------------------------------------------------- JSON scalars as fc reads them

const U64_MAX = (1n << 64n) - 1n;

/**
 * boost::lexical_cast<uint64_t> as fc::to_uint64 uses it: optional sign, decimal digits, nothing else;
 * a leading '-' negates modulo 2^64. undefined when it would throw.
 */
function lexicalCastU64(s: string): bigint | undefined {
  const m = /^([+-]?)([0-9]+)$/.exec(s);
  if (!m) return undefined;
  const v = BigInt(m[2]!);
  if (v > U64_MAX) return undefined;
  return m[1] === "-" ? (U64_MAX + 1n - v) & U64_MAX : v;
}

/** A short description of any value for error messages (it may be a malformed in-memory value). */
function describe(j: unknown): string {
  if (j === null) return "null";
  if (j === undefined) return "nothing";
  if (Array.isArray(j)) return "an array";
  if (typeof j === "object") return "an object";
  if (typeof j === "string" || typeof j === "number" || typeof j === "boolean") return `${typeof j} ${JSON.stringify(j).slice(0, 40)}`;
  return typeof j;
}

/** An integer from JSON; lo and hi bound the result (the type's range). */
function jsonInteger(j: Json, ctx: JsonContext, lo: bigint, hi: bigint, type: string): bigint {
  let v: bigint;
  if (typeof j === "number") {
    if (!Number.isInteger(j)) fail("range", `${j} is not an integer (${type})`);
    if (!Number.isSafeInteger(j)) fail("range", `${j} is beyond 2^53; write it as a decimal string (${type})`);
    v = BigInt(j);
  } else if (typeof j === "string") {
    const m = ctx.strict ? /^(0|-?[1-9][0-9]*)$/.exec(j) : /^[+-]?[0-9]+$/.exec(j);
    if (!m) fail("format", `${JSON.stringify(j.slice(0, 40))} is not a decimal integer (${type})`);
    v = BigInt(j.startsWith("+") ? j.slice(1) : j);
  } else if (!ctx.strict && (typeof j === "boolean" || j === null)) {
    v = j === true ? 1n : 0n;
  } else {
    return fail("type", `expected an integer (${type}), got ${describe(j)}`);
  }
  if (v < lo || v > hi) fail("range", `${v} is out of range for ${type} (${lo}..${hi})`);
  return v;
}

function jsonString(j: Json, ctx: JsonContext, type: string): string {
  if (typeof j === "string") return j;
  if (!ctx.strict) {
    // fc's variant::as_string converts scalars to their text.
    if (typeof j === "number" && Number.isInteger(j)) return String(j);
    if (typeof j === "boolean") return j ? "true" : "false";
    if (j === null) return "";
  }
  return fail("type", `expected a string (${type}), got ${describe(j)}`);
}

// ---------------------------------------------------------------- integers

function smallUint(kind: "uint8" | "uint16" | "uint32", bytes: 1 | 2 | 4): TypeCodec<number> {
  const max = 2 ** (8 * bytes) - 1;
  const big = BigInt(max);
  return {
    label: `${kind}_t`,
    minSize: bytes,
    write(w, v) {
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > max) fail("range", `expected a ${kind}, got ${describe(v)}`);
      if (bytes === 1) w.u8(v);
      else if (bytes === 2) w.u16(v);
      else w.u32(v);
    },
    read: (r) => (bytes === 1 ? r.u8() : bytes === 2 ? r.u16() : r.u32()),
    fromJson: (j, ctx) => Number(jsonInteger(j, ctx, 0n, big, kind)),
    toJson: (v) => v,
    zero: () => 0,
    orderKey: (v) => v,
  };
}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

function bigIntCodec(kind: "uint64" | "int64" | "unsigned_int"): TypeCodec<bigint> {
  const signed = kind === "int64";
  const lo = signed ? -(2n ** 63n) : 0n;
  const hi = signed ? 2n ** 63n - 1n : U64_MAX;
  return {
    label: kind === "unsigned_int" ? kind : `${kind}_t`,
    minSize: kind === "unsigned_int" ? 1 : 8,
    write(w, v) {
      if (typeof v !== "bigint" || v < lo || v > hi) fail("range", `expected a ${kind}, got ${describe(v)}`);
      if (kind === "unsigned_int") w.varint64(v);
      else w.u64(v);
    },
    read: (r) => (kind === "unsigned_int" ? r.varint64() : signed ? r.i64() : r.u64()),
    fromJson: (j, ctx) => jsonInteger(j, ctx, lo, hi, kind),
    // fc's json writer quotes int64 outside int32 and uint64 above 2^32 - 1 (stringify_large_ints_and_doubles).
    toJson: (v) =>
      signed ? (v < INT32_MIN || v > INT32_MAX ? v.toString() : Number(v)) : v > 0xffffffffn ? v.toString() : Number(v),
    zero: () => 0n,
    orderKey: (v) => v,
  };
}

// ---------------------------------------------------------------- uint128

const U128_MAX = (1n << 128n) - 1n;
const U64_MASK = (1n << 64n) - 1n;

/**
 * fc::uint128_t. fc::raw packs the high 64 bits then the low 64 bits, each little-endian (raw.hpp,
 * pack(uint128_t)); to_variant writes the decimal text (variant.cpp), so the JSON is always a string.
 */
const uint128Codec: TypeCodec<bigint> = {
  label: "uint128_t",
  minSize: 16,
  write(w, v) {
    if (typeof v !== "bigint" || v < 0n || v > U128_MAX) fail("range", `expected a uint128, got ${describe(v)}`);
    w.u64(v >> 64n);
    w.u64(v & U64_MASK);
  },
  read(r) {
    const hi = r.u64();
    return (hi << 64n) | r.u64();
  },
  fromJson(j, ctx) {
    // from_variant reads var.as_string() with lexical_cast: numbers arrive as their decimal text.
    let s: string;
    if (typeof j === "string") s = j;
    else if (!ctx.strict && typeof j === "number" && Number.isSafeInteger(j)) s = String(j);
    else return fail("type", `expected a uint128 as a decimal string, got ${describe(j)}`);
    const m = ctx.strict ? /^(0|[1-9][0-9]*)$/.exec(s) : /^\+?([0-9]+)$/.exec(s);
    if (!m) fail("format", `${JSON.stringify(s.slice(0, 40))} is not a decimal uint128`);
    const v = BigInt(m[1]!);
    if (v > U128_MAX) fail("range", `${s.slice(0, 50)} is beyond 2^128 - 1`);
    return v;
  },
  toJson: (v) => v.toString(),
  zero: () => 0n,
  orderKey: (v) => v,
};

// ---------------------------------------------------------------- FC_REFLECT_ENUM enums

/**
 * An enum reflected with FC_REFLECT_ENUM; values[i] names the value i. fc::raw packs it as int64_t
 * (raw.hpp, if_enum::pack); to_variant writes its name (reflect/variant.hpp, if_enum::to_variant);
 * from_variant takes a name, a decimal string or a number, and refuses values that are not enumerators
 * (reflect.hpp, from_string / from_int). In memory the value is its name.
 */
function enumCodec(values: readonly string[], label: string): TypeCodec<string> {
  const index = new Map(values.map((v, i) => [v, i]));
  const byNumber = (n: bigint): string => {
    if (n < 0n || n >= BigInt(values.length)) fail("range", `${n} is not a value of ${label} (0..${values.length - 1})`);
    return values[Number(n)]!;
  };
  return {
    label,
    minSize: 8,
    write(w, v) {
      const i = typeof v === "string" ? index.get(v) : undefined;
      if (i === undefined) fail("format", `expected a ${label} (${values.join(", ")}), got ${describe(v)}`);
      w.u64(BigInt(i));
    },
    // fc casts any int64 to the enum; btsref refuses numbers that name no enumerator (spec/README.md).
    read: (r) => byNumber(r.i64()),
    fromJson(j, ctx) {
      if (typeof j === "string" && index.has(j)) return j;
      if (ctx.strict) return fail("format", `expected a ${label} (${values.join(", ")}), got ${describe(j)}`);
      if (typeof j === "string") {
        // from_string: the name, else boost::lexical_cast<int64_t>.
        if (!/^[+-]?[0-9]+$/.test(j)) fail("format", `${JSON.stringify(j.slice(0, 40))} is not a ${label} (${values.join(", ")})`);
        return byNumber(BigInt(j.startsWith("+") ? j.slice(1) : j));
      }
      return byNumber(jsonInteger(j, ctx, -(2n ** 63n), 2n ** 63n - 1n, label));
    },
    toJson: (v) => v,
    zero: () => values[0]!,
    orderKey: (v) => index.get(v) ?? -1,
  };
}

// ---------------------------------------------------------------- bool, string, bytes

const boolCodec: TypeCodec<boolean> = {
  label: "bool",
  minSize: 1,
  write(w, v) {
    if (typeof v !== "boolean") fail("type", `expected a bool, got ${describe(v)}`);
    w.u8(v ? 1 : 0);
  },
  read(r) {
    const b = r.u8();
    if (b > 1) fail("bool", `bool byte must be 0 or 1, got ${b}`);
    return b === 1;
  },
  fromJson(j, ctx) {
    if (typeof j === "boolean") return j;
    if (!ctx.strict) {
      // fc's variant::as_bool.
      if (j === "true" || j === "false") return j === "true";
      if (typeof j === "number") return j !== 0;
      if (j === null) return false;
    }
    return fail("type", `expected a bool, got ${describe(j)}`);
  },
  toJson: (v) => v,
  zero: () => false,
  orderKey: (v) => (v ? 1 : 0),
};

function readLength(r: Reader, what: string): number {
  const n = r.varintNumber();
  if (n >= MAX_ARRAY_ALLOC_SIZE) fail("length", `${what} length ${n} is not below fc's limit of ${MAX_ARRAY_ALLOC_SIZE}`);
  if (n > r.remaining) fail("length", `${what} length ${n} exceeds the ${r.remaining} bytes left`);
  return n;
}

const stringCodec: TypeCodec<string> = {
  label: "string",
  minSize: 1,
  write(w, v) {
    if (typeof v !== "string") fail("type", `expected a string, got ${describe(v)}`);
    const b = encodeUtf8(v);
    w.varint(b.length);
    w.bytes(b);
  },
  read: (r) => decodeUtf8(r.bytes(readLength(r, "string"))),
  fromJson: (j, ctx) => jsonString(j, ctx, "string"),
  toJson: (v) => v,
  zero: () => "",
  // std::string compares its bytes as unsigned char: order by the hex of the UTF-8 bytes.
  orderKey: (v) => bytesToHex(encodeUtf8(v)),
};

const LOWER_HEX = /^[0-9a-f]*$/;

/** Writes n bytes given as hex, checking the string as it goes (reserve first: it may replace the buffer). */
function writeHex(w: Writer, hex: unknown, n: number, what: string): void {
  if (typeof hex !== "string" || hex.length !== 2 * n) fail("format", `${what} must be ${n} bytes of lowercase hex`);
  const at = w.reserve(n);
  if (!tryHexInto(hex, w.buffer, at)) fail("format", `${what} must be ${n} bytes of lowercase hex`);
}

const bytesCodec: TypeCodec<string> = {
  label: "bytes",
  minSize: 1,
  write(w, v) {
    if (typeof v !== "string" || v.length % 2 !== 0) fail("format", "bytes must be an even-length hex string");
    const n = v.length / 2;
    w.varint(n);
    writeHex(w, v, n, "bytes");
  },
  read: (r) => bytesToHex(r.bytes(readLength(r, "bytes"))),
  fromJson(j, ctx) {
    const s = jsonString(j, ctx, "bytes");
    if (!isHex(s)) fail("format", `bytes must be an even-length hex string`);
    return s.toLowerCase();
  },
  toJson: (v) => v,
  zero: () => "",
};

function fixedBytes(size: number, label = `fixed_bytes<${size}>`): TypeCodec<string> {
  const zeroHex = "00".repeat(size);
  return {
    label,
    minSize: size,
    write: (w, v) => writeHex(w, v, size, label),
    read: (r) => bytesToHex(r.bytes(size)),
    fromJson(j, ctx) {
      const s = jsonString(j, ctx, label);
      if (s.length === 2 * size && LOWER_HEX.test(s)) return s;
      // fc fills an empty string with zero bytes (std::array from_variant).
      if (!ctx.strict && s === "") return zeroHex;
      if (!isHex(s) || s.length !== 2 * size) fail("format", `expected ${size} bytes as ${2 * size} hex digits, got ${s.length} characters`);
      return s.toLowerCase();
    },
    toJson: (v) => v,
    zero: () => zeroHex,
    orderKey: (v) => v,
  };
}

// ---------------------------------------------------------------- time

const TIME_MAX = 0xffffffff;

const pad2 = (n: number): string => (n < 10 ? "0" : "") + n;

/** "YYYY-MM-DDTHH:MM:SS" in UTC (boost to_iso_extended_string). */
function formatTime(sec: number): string {
  // Days since 1970-01-01 to a civil date (H. Hinnant's days_from_civil, inverted).
  const days = Math.floor(sec / 86400);
  const rem = sec - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${pad2(m)}-${pad2(d)}T${pad2(Math.floor(rem / 3600))}:${pad2(Math.floor((rem % 3600) / 60))}:${pad2(rem % 60)}`;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Digits s[i..i+n) as a number, or -1. */
function digits(s: string, i: number, n: number): number {
  let x = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    x = x * 10 + c;
  }
  return x;
}

function secondsOf(y: number, mo: number, d: number, h: number, mi: number, se: number): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return undefined;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[mo - 1]! + (leap ? 1 : 0)) return undefined; // e.g. 02-30
  return Date.UTC(y, mo - 1, d, h, mi, se) / 1000;
}

function parseTime(s: string, strict: boolean): number | undefined {
  // "YYYY-MM-DDTHH:MM:SS", the form fc writes, without a regex.
  if (s.length === 19 && s[4] === "-" && s[7] === "-" && s[10] === "T" && s[13] === ":" && s[16] === ":") {
    const f = [digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2), digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2)];
    return f.some((x) => x < 0) ? undefined : secondsOf(f[0]!, f[1]!, f[2]!, f[3]!, f[4]!, f[5]!);
  }
  const m = strict
    ? /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})$/.exec(s)
    : /^([0-9]{4})-?([0-9]{2})-?([0-9]{2})T([0-9]{2}):?([0-9]{2}):?([0-9]{2})(?:[.,][0-9]+)?$/.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  return secondsOf(y, mo, d, h, mi, se);
}

const timeCodec: TypeCodec<number> = {
  label: "time_point_sec",
  minSize: 4,
  write(w, v) {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > TIME_MAX) fail("range", `expected a time_point_sec (seconds), got ${describe(v)}`);
    w.u32(v);
  },
  read: (r) => r.u32(),
  fromJson(j, ctx) {
    const s = jsonString(j, ctx, "time_point_sec");
    const t = parseTime(s, ctx.strict);
    if (t === undefined) fail("format", `${JSON.stringify(s.slice(0, 40))} is not a time "YYYY-MM-DDTHH:MM:SS"`);
    if (t < 0 || t > TIME_MAX) fail("range", `${s} is outside 1970-01-01T00:00:00..2106-02-07T06:28:15`);
    return t;
  },
  toJson: (v) => formatTime(v),
  zero: () => 0,
  orderKey: (v) => v,
};

// ---------------------------------------------------------------- ids

const MAX_INSTANCE = (1n << 48n) - 1n;

/** Splits "a.b.c" as fc's from_variant does, with lexical_cast on each part. */
function splitId(s: string, strict: boolean): [bigint, bigint, bigint] | undefined {
  if (strict) {
    const m = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$/.exec(s);
    return m ? [BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!)] : undefined;
  }
  const a = s.indexOf(".");
  if (a <= 0) return undefined;
  const b = s.indexOf(".", a + 1);
  if (b < 0 || b === a + 1) return undefined;
  const parts = [lexicalCastU64(s.slice(0, a)), lexicalCastU64(s.slice(a + 1, b)), lexicalCastU64(s.slice(b + 1))];
  return parts.every((p) => p !== undefined) ? (parts as [bigint, bigint, bigint]) : undefined;
}

const CANONICAL_UINT = /^(0|[1-9][0-9]*)$/;

/** Instance of a canonical native id "s.t.i" whose space and type were checked by the caller. */
function instanceOf(v: string, prefixLength: number): bigint {
  const tail = v.slice(prefixLength);
  if (!CANONICAL_UINT.test(tail)) fail("format", `${v} is not a canonical object id`);
  return BigInt(tail);
}

/** The same instance as a number when it is below 2^53 (the common case), else undefined. */
function smallInstanceOf(v: string, prefixLength: number): number | undefined {
  const n = v.length - prefixLength;
  if (n < 1 || n > 15) return undefined;
  let x = 0;
  for (let i = prefixLength; i < v.length; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9 || (c === 0 && i === prefixLength && n > 1)) return undefined;
    x = x * 10 + c;
  }
  return x;
}

function typedObjectId(space: number, type: number, label: string): TypeCodec<string> {
  const head = `${space}.${type}.`;
  const zero = `${head}0`;
  return {
    label,
    minSize: 1,
    write(w, v) {
      if (typeof v !== "string" || !v.startsWith(head)) fail("format", `expected ${label} (${head}x), got ${describe(v)}`);
      const small = smallInstanceOf(v, head.length);
      if (small !== undefined) return w.varint(small);
      // fc packs the instance with no bound; 2^64 - 1 is the varint's own limit.
      const i = instanceOf(v, head.length);
      if (i > U64_MAX) fail("range", `${v}: instance beyond 2^64 - 1`);
      w.varint64(i);
    },
    read: (r) => head + String(r.varintFast()),
    fromJson(j, ctx) {
      if (typeof j !== "string") fail("type", `expected an object id string "${head}x" (${label}), got ${describe(j)}`);
      return canonicalTypedId(j, space, type, label, ctx.strict);
    },
    toJson: (v) => v,
    zero: () => zero,
    orderKey: (v) => instanceOf(v, head.length),
  };
}

function canonicalTypedId(j: string, space: number, type: number, label: string, strict: boolean): string {
  const head = `${space}.${type}.`;
  // Fast path: already canonical and below 2^48.
  if (j.startsWith(head)) {
    const small = smallInstanceOf(j, head.length);
    if (small !== undefined && small <= 0xffffffffffff) return j;
  }
  const parts = splitId(j, strict);
  if (!parts) fail("format", `${JSON.stringify(j.slice(0, 40))} is not an object id "space.type.instance"`);
  if (parts[0] !== BigInt(space) || parts[1] !== BigInt(type)) fail("format", `expected ${label} (${space}.${type}.x), got ${j}`);
  if (parts[2] > MAX_INSTANCE) fail("range", `${j}: instance beyond 48 bits`);
  return `${space}.${type}.${parts[2]}`;
}

function genericIdParts(v: unknown): [bigint, bigint, bigint] {
  const p = typeof v === "string" ? splitId(v, true) : undefined;
  if (!p || p[0] > 255n || p[1] > 255n || p[2] > MAX_INSTANCE) fail("format", `expected an object id "space.type.instance", got ${describe(v)}`);
  return p;
}

const objectIdTypeCodec: TypeCodec<string> = {
  label: "object_id_type",
  minSize: 8,
  write(w, v) {
    const [s, t, i] = genericIdParts(v);
    w.u64((s << 56n) | (t << 48n) | i);
  },
  read(r) {
    const n = r.u64();
    return `${n >> 56n}.${(n >> 48n) & 0xffn}.${n & MAX_INSTANCE}`;
  },
  fromJson(j, ctx) {
    if (typeof j !== "string") fail("type", `expected an object id string, got ${describe(j)}`);
    const p = splitId(j, ctx.strict);
    if (!p) fail("format", `${JSON.stringify(j.slice(0, 40))} is not an object id "space.type.instance"`);
    if (p[0] > 255n || p[1] > 255n) fail("range", `${j}: space and type must be at most 255`);
    if (p[2] > MAX_INSTANCE) fail("range", `${j}: instance beyond 48 bits`);
    return `${p[0]}.${p[1]}.${p[2]}`;
  },
  toJson: (v) => v,
  zero: () => "0.0.0",
  orderKey: (v) => {
    const [s, t, i] = genericIdParts(v);
    return (s << 56n) | (t << 48n) | i;
  },
};

/**
 * graphene::db::object::id: an object_id_type (8 bytes, JSON "s.t.i") that always holds ids of one space
 * and type, e.g. 1.2.x in an account_object. An id of another space or type is refused.
 */
function spaceTypeObjectIdType(space: number, type: number, label: string): TypeCodec<string> {
  const head = `${space}.${type}.`;
  const top = (BigInt(space) << 56n) | (BigInt(type) << 48n);
  const check = (v: string): string => {
    if (!v.startsWith(head)) fail("format", `expected an id ${head}x (${label}), got ${v}`);
    return v;
  };
  return {
    label,
    minSize: 8,
    write(w, v) {
      if (typeof v !== "string" || !v.startsWith(head)) fail("format", `expected an id ${head}x (${label}), got ${describe(v)}`);
      const [, , i] = genericIdParts(v);
      w.u64(top | i);
    },
    read: (r) => check(objectIdTypeCodec.read(r, 0)),
    fromJson: (j, ctx) => check(objectIdTypeCodec.fromJson(j, ctx, 0)),
    toJson: (v) => v,
    zero: () => `${head}0`,
    orderKey: (v) => instanceOf(v, head.length),
  };
}

// ---------------------------------------------------------------- vote id

function voteContent(v: unknown): number {
  const m = typeof v === "string" ? /^([0-9]{1,3}):([0-9]{1,8})$/.exec(v) : null;
  const type = m ? Number(m[1]) : 256;
  const instance = m ? Number(m[2]) : 2 ** 24;
  if (type > 255 || instance >= 2 ** 24) fail("format", `expected a vote id "type:instance", got ${describe(v)}`);
  return instance * 256 + type;
}

const voteIdCodec: TypeCodec<string> = {
  label: "vote_id_type",
  minSize: 4,
  write: (w, v) => w.u32(voteContent(v)),
  read(r) {
    const c = r.u32();
    return `${c & 0xff}:${c >>> 8}`;
  },
  fromJson(j, ctx) {
    const s = jsonString(j, ctx, "vote_id_type");
    const m = ctx.strict ? /^(0|[1-9][0-9]*):(0|[1-9][0-9]*)$/.exec(s) : /^\+?([0-9]+):\+?([0-9]+)$/.exec(s);
    if (!m) fail("format", `${JSON.stringify(s.slice(0, 40))} is not a vote id "type:instance"`);
    const type = BigInt(m[1]!);
    const instance = BigInt(m[2]!);
    // vote_id_type(type, instance) packs instance << 8 | type into 32 bits; wider values would be lost.
    if (type > 255n || instance >= 1n << 24n) fail("range", `${s}: type must fit 8 bits and instance 24 bits`);
    return `${type}:${instance}`;
  },
  toJson: (v) => v,
  zero: () => "0:0",
  // vote_id_type has no operator<: std::less compares through its implicit operator uint32_t(), which
  // returns the instance (vote.hpp). So "0:5" and "1:5" are the same set element.
  orderKey: (v) => voteContent(v) >>> 8,
};

// ---------------------------------------------------------------- keys and addresses

const addressKeyCache = new Map<string, string>();

/** public_key_type's operator< compares addresses: ripemd160(sha512(key)). */
function publicKeyOrder(hex: string): string {
  let k = addressKeyCache.get(hex);
  if (k === undefined) {
    k = bytesToHex(ripemd160(sha512(hexToBytes(hex))));
    if (addressKeyCache.size > 100_000) addressKeyCache.clear();
    addressKeyCache.set(hex, k);
  }
  return k;
}

/** Parsed key strings, by prefix and text: keys recur (memo keys, authorities), base58 and ripemd160 do not need to. */
const parsedKeyCache = new Map<string, string>();
const formattedKeyCache = new Map<string, string>();

/** Longest base58 text of `bytes` bytes: a leading zero byte is one '1', every other digit carries
 *  log2(58) > 5.857 bits, so no longer text decodes to that many bytes. */
const maxBase58Digits = (bytes: number): number => Math.floor((bytes * 8) / Math.log2(58)) + 1;

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

/** The base58 digits' length once fc's decoder has skipped the whitespace around them (linear time). */
function trimmedLength(s: string, from: number): number {
  let a = from, b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return b - a;
}

/**
 * A key or address string, base58 of `encodedBytes` bytes (checksum included) after `prefixed` ctx.prefix.
 * Text too long to be one is refused before decoding: base58 decoding takes time quadratic in the length,
 * and fc would refuse it after decoding anyway (the byte count does not match).
 */
function keyLike(
  label: string,
  size: number,
  encodedBytes: number,
  prefixed: boolean,
  parse: (s: string, prefix: string) => ReturnType<typeof parsePublicKey>,
  format: (b: Uint8Array, prefix: string) => string,
  orderKey: (hex: string) => OrderKey,
): TypeCodec<string> {
  const raw = fixedBytes(size, label);
  const maxDigits = maxBase58Digits(encodedBytes);
  return {
    ...raw,
    fromJson(j, ctx) {
      if (typeof j !== "string") fail("type", `expected a ${label} string, got ${describe(j)}`);
      const from = prefixed && j.startsWith(ctx.prefix) ? ctx.prefix.length : 0;
      if (trimmedLength(j, from) > maxDigits) fail("format", `${JSON.stringify(j.slice(0, 60))}: a ${label} has at most ${maxDigits} base58 digits, got ${trimmedLength(j, from)}`);
      const cacheKey = `${label} ${ctx.prefix} ${j}`;
      const hit = parsedKeyCache.get(cacheKey);
      if (hit !== undefined) return hit;
      const p = parse(j, ctx.prefix);
      if (!p.ok) fail("format", `${JSON.stringify(j.slice(0, 60))}: ${p.message}`);
      const hex = bytesToHex(p.value);
      if (parsedKeyCache.size > 10_000) parsedKeyCache.clear();
      parsedKeyCache.set(cacheKey, hex);
      return hex;
    },
    toJson(v, prefix) {
      const cacheKey = `${label} ${prefix} ${v}`;
      let text = formattedKeyCache.get(cacheKey);
      if (text === undefined) {
        text = format(hexToBytes(v), prefix);
        if (formattedKeyCache.size > 10_000) formattedKeyCache.clear();
        formattedKeyCache.set(cacheKey, text);
      }
      return text;
    },
    orderKey,
  };
}

// Keys and addresses carry a 4-byte checksum after the body; a pts_address's 25 bytes include its own.
const publicKeyCodec = keyLike("public_key_type", 33, 37, true, parsePublicKey, formatPublicKey, publicKeyOrder);
const addressCodec = keyLike("address", 20, 24, true, parseAddress, formatAddress, (v) => v);
const ptsAddressCodec: TypeCodec<string> = {
  ...keyLike("pts_address", 25, 25, false, (s) => parsePtsAddress(s), (b) => formatPtsAddress(b), (v) => v),
  orderKey: undefined,
};

// ---------------------------------------------------------------- registry

export function leafCodec(kind: LeafKind): TypeCodec {
  switch (kind) {
    case "bool": return boolCodec as TypeCodec;
    case "uint8": return smallUint("uint8", 1) as TypeCodec;
    case "uint16": return smallUint("uint16", 2) as TypeCodec;
    case "uint32": return smallUint("uint32", 4) as TypeCodec;
    case "uint64": case "int64": case "unsigned_int": return bigIntCodec(kind) as TypeCodec;
    case "uint128": return uint128Codec as TypeCodec;
    case "string": return stringCodec as TypeCodec;
    case "bytes": return bytesCodec as TypeCodec;
    case "time_point_sec": return timeCodec as TypeCodec;
    case "public_key": return publicKeyCodec as TypeCodec;
    case "address": return addressCodec as TypeCodec;
    case "pts_address": return ptsAddressCodec as TypeCodec;
    case "vote_id": return voteIdCodec as TypeCodec;
    case "object_id_type": return objectIdTypeCodec as TypeCodec;
  }
}

export const fixedBytesCodec = (size: number): TypeCodec => fixedBytes(size) as TypeCodec;
export const objectIdCodec = (space: number, type: number, label: string): TypeCodec =>
  typedObjectId(space, type, label) as TypeCodec;
export const enumCodecOf = (values: readonly string[], label: string): TypeCodec => enumCodec(values, label) as TypeCodec;
export const spaceTypeObjectIdTypeCodec = (space: number, type: number, label: string): TypeCodec =>
  spaceTypeObjectIdType(space, type, label) as TypeCodec;
export { describe as describeJson };
