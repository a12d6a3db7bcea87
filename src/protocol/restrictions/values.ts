// The C++ comparisons restriction predicates make, on in-memory values (src/codec conventions): equality
// and ordering of one type, the numeric value of integral types, and the elements of containers.
import { encodeUtf8 } from "../../codec/utf8.js";
import { elementType, type CppType } from "./cpp_types.js";

/** The mathematical value of an integral field (numbers for <= 32 bits, bigint above). */
export const numeric = (v: unknown): bigint => (typeof v === "bigint" ? v : BigInt(v as number));

const instance = (id: unknown): bigint => {
  const s = String(id);
  return BigInt(s.slice(s.lastIndexOf(".") + 1));
};

const hexBytes = (hex: unknown): number[] => {
  const s = String(hex);
  const out: number[] = [];
  for (let i = 0; i + 1 < s.length; i += 2) out.push(parseInt(s.slice(i, i + 2), 16));
  return out;
};

const signedByte = (b: number): number => (b >= 0x80 ? b - 0x100 : b);

/** The bytes of a std::string held in memory (src/codec/utf8.ts: U+DC80..U+DCFF stand for raw bytes).
 *  Total: a lone surrogate the codec would refuse counts as its 3 WTF-8 bytes, so that a predicate never
 *  throws on a value no decoder produces. */
function stringBytes(s: string): Uint8Array {
  if (s.isWellFormed()) return encodeUtf8(s);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
      out.push(...encodeUtf8(s.slice(i, i + 2)));
      i++;
    } else if (c >= 0xdc80 && c <= 0xdcff) out.push(c - 0xdc00);
    else if (c >= 0xd800 && c <= 0xdfff) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(...encodeUtf8(s[i]!));
  }
  return Uint8Array.from(out);
}

/** std::string's operator<: bytewise on the UTF-8 bytes (char_traits<char> compares as unsigned char). */
function compareStrings(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  const x = stringBytes(a), y = stringBytes(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
}

const sign = (a: bigint | number, b: bigint | number): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

/** operator< / operator> of one comparable type (comparable_types_list: integers, string, time_point_sec,
 *  object ids, which order by instance). */
export function compareSame(t: CppType, a: unknown, b: unknown): -1 | 0 | 1 {
  switch (t.k) {
    case "int": return sign(numeric(a), numeric(b));
    case "string": return compareStrings(a as string, b as string);
    case "time": return sign(a as number, b as number);
    case "id": return sign(instance(a), instance(b));
    default: return equalSame(t, a, b) ? 0 : -1;
  }
}

/**
 * A key equal for two values exactly when their C++ operator== says they are equal; `t` is the type of
 * both, or for integral types any integral type (integers are compared by value).
 */
export function equalityKey(t: CppType, v: unknown): string {
  switch (t.k) {
    case "int": return numeric(v).toString();
    case "bool": return v ? "1" : "0";
    case "string": return `s${v as string}`;
    case "time": return String(v);
    case "id": return instance(v).toString();
    case "public_key": case "sha256": case "hash": case "address": case "pts_address": case "byte_array": case "bytes":
      return String(v).toLowerCase();
    case "vote_id": return String(v);
    case "object_id_type": return String(v);
    case "flat_set": case "vector": return JSON.stringify((v as unknown[]).map((x) => equalityKey(t.item, x)));
    default: return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));
  }
}

/** operator== of two values of one type. flat_set equality is element-wise over sorted sets, so over the
 *  canonical in-memory arrays it is set equality. */
export function equalSame(t: CppType, a: unknown, b: unknown): boolean {
  if (t.k === "flat_set") {
    const xs = a as unknown[], ys = b as unknown[];
    if (xs.length !== ys.length) return false;
    const keys = new Set(ys.map((y) => equalityKey(t.item, y)));
    return xs.every((x) => keys.has(equalityKey(t.item, x)));
  }
  return equalityKey(t, a) === equalityKey(t, b);
}

/** size() of a container value. */
export function containerSize(t: CppType, v: unknown): number {
  switch (t.k) {
    case "string": return stringBytes(v as string).length;
    case "bytes": case "byte_array": return String(v).length >> 1;
    default: return (v as unknown[]).length;
  }
}

/** The elements of a container value, each a value of elementType(t): strings and byte vectors give their
 *  bytes as (signed) chars, unsigned-char arrays their bytes. */
export function containerElements(t: CppType, v: unknown): readonly unknown[] {
  switch (t.k) {
    case "string": return Array.from(stringBytes(v as string), signedByte);
    case "bytes": return hexBytes(v).map(signedByte);
    case "byte_array": return t.signed ? hexBytes(v).map(signedByte) : hexBytes(v);
    default: return v as unknown[];
  }
}

/**
 * The key under which a field value of type `from` is found in a flat_set<`to`> argument. Same-type values
 * keep their key; an integral value is first converted to the set's int64_t as C++ does when it is passed to
 * flat_set<int64_t>::count or compared with its elements: a uint64_t at or above 2^63 wraps to a negative.
 */
export function lookupKey(from: CppType, to: CppType, v: unknown): string {
  if (from.k === "int" && to.k === "int" && from.bits === 64 && !from.signed) return BigInt.asIntN(64, numeric(v)).toString();
  return equalityKey(from.k === "int" ? to : from, v);
}

export { elementType };
