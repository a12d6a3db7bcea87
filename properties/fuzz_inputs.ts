// Shared pieces of the fuzz suites (properties/*.fuzz.test.ts): the run count, mutations of valid bytes and
// JSON, and the check that a CodecError names a place in the JSON it was read from.
import fc from "fast-check";
import { expect } from "vitest";
import type { CodecError, CodecRule, Json } from "../src/codec/index.js";

/** Cases per property: a small bound under npm test; `npm run fuzz` sets BTSREF_FUZZ_RUNS higher. Costly
 *  surfaces run a fraction of it (fuzzRuns). */
export const FUZZ_RUNS = Number(process.env.BTSREF_FUZZ_RUNS ?? 40);
export const fuzzRuns = (divisor: number, min: number): number => Math.max(min, Math.round(FUZZ_RUNS / divisor));

/** Every CodecRule (src/codec/errors.ts); a Record, so that the type checker holds it complete. */
const RULE_NAMES: Record<CodecRule, true> = {
  truncated: true, trailing_bytes: true, length: true, varint: true, bool: true, tag: true, extension: true, range: true, type: true, format: true,
  missing_field: true, unknown_field: true, depth: true, unknown_type: true,
};
export const RULES: ReadonlySet<string> = new Set(Object.keys(RULE_NAMES));

/** The segments of a CodecError path: field names and [index]es ("a.b[1][0].c" -> a, b, 1, 0, c). */
function segments(path: string): (string | number)[] {
  expect(path).toMatch(/^(?:[A-Za-z_][A-Za-z0-9_]*)?(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/);
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/\[(\d+)\]|\.?([A-Za-z_][A-Za-z0-9_]*)/g)) out.push(m[1] !== undefined ? Number(m[1]) : m[2]!);
  return out;
}

/**
 * A CodecError of fromJson(json) is well formed and names a place in the input: every segment of its path
 * exists in `json` (the last one may be absent only for a missing field, which names the field).
 */
export function expectErrorInInput(e: CodecError, json: Json): void {
  expect(e._tag).toBe("CodecError");
  expect(RULES.has(e.rule), `rule ${e.rule}`).toBe(true);
  expect(typeof e.message === "string" && e.message.length > 0).toBe(true);
  const segs = segments(e.path);
  let at: Json | undefined = json;
  segs.forEach((s, i) => {
    const last = i === segs.length - 1;
    const here: Json | undefined = at;
    const has = typeof s === "number" ? Array.isArray(here) && s < here.length : here !== null && typeof here === "object" && !Array.isArray(here) && Object.hasOwn(here, s);
    if (!has) {
      expect(last && e.rule === "missing_field", `${e.path} (${e.rule}: ${e.message}) leads out of the input at ${String(s)}`).toBe(true);
      at = undefined;
      return;
    }
    at = typeof s === "number" ? (here as Json[])[s] : (here as Record<string, Json>)[s];
  });
}

// ------------------------------------------------------------------ mutations of valid JSON

export type Mutation =
  | { op: "delete"; path: number[] }
  | { op: "swap"; path: number[] }
  | { op: "range"; path: number[]; value: Json }
  | { op: "huge"; path: number[]; value: Json }
  | { op: "nest"; path: number[]; levels: number; object: boolean }
  | { op: "replace"; path: number[]; value: Json };

const path = fc.array(fc.nat(), { maxLength: 8 });
/** Integers just outside each integer type's range, fractions, and numbers as strings. */
const outOfRange: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  -1, 256, 65536, 4294967296, -2147483649, 2 ** 53, 2 ** 64, -(2 ** 63) - 1e4, 1.5, -0.5, 1e308, -1e308, 5e-324,
  "-1", "18446744073709551616", "9223372036854775808", "-9223372036854775809", "340282366920938463463374607431768211456", "1e3", "0x10", " 1", "",
);
const huge: fc.Arbitrary<Json> = fc.constantFrom<Json>("x".repeat(100_000), "9".repeat(5_000), "f".repeat(2 * 100_000), "1.2." + "9".repeat(1000));
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), path }),
  fc.record({ op: fc.constant("swap" as const), path }),
  fc.record({ op: fc.constant("range" as const), path, value: outOfRange }),
  fc.record({ op: fc.constant("huge" as const), path, value: huge }),
  fc.record({ op: fc.constant("nest" as const), path, levels: fc.constantFrom(2, 50, 1200, 5000), object: fc.boolean() }),
  fc.record({ op: fc.constant("replace" as const), path, value: fc.jsonValue() as fc.Arbitrary<Json> }),
);

/** A value of another JSON kind than `j`. */
function swapped(j: Json): Json {
  if (j === null) return {};
  if (Array.isArray(j)) return j.length > 0 ? { 0: j[0]! } : "[]";
  switch (typeof j) {
    case "number": return String(j);
    case "string": return /^-?\d+$/.test(j) ? [Number(j)] : j.length;
    case "boolean": return j ? 1 : "false";
    default: return Object.values(j);
  }
}

function nested(j: Json, levels: number, object: boolean): Json {
  let out = j;
  for (let i = 0; i < levels; i++) out = object ? { x: out } : [out];
  return out;
}

/** Applies `m` at the node that `m.path` leads to (each step picks a child modulo the count). */
export function mutateJson(j: Json, m: Mutation): Json {
  const at = (x: Json, p: number[]): Json => {
    const container = x !== null && typeof x === "object";
    const children = container ? (Array.isArray(x) ? x.length : Object.keys(x).length) : 0;
    if (p.length === 0 || children === 0 || (p.length === 1 && m.op === "delete")) {
      if (m.op === "delete") {
        if (!container || children === 0) return x;
        const i = (p[0] ?? 0) % children;
        if (Array.isArray(x)) return x.filter((_, k) => k !== i);
        const key = Object.keys(x)[i]!;
        const { [key]: _, ...rest } = x;
        return rest;
      }
      switch (m.op) {
        case "swap": return swapped(x);
        case "range": case "huge": case "replace": return m.value;
        case "nest": return nested(x, m.levels, m.object);
      }
    }
    const [i, ...rest] = p;
    if (Array.isArray(x)) return x.map((c, k) => (k === i! % children ? at(c, rest) : c));
    const keys = Object.keys(x as object);
    const key = keys[i! % children]!;
    return { ...(x as Record<string, Json>), [key]: at((x as Record<string, Json>)[key]!, rest) };
  };
  return at(j, m.path);
}


// ------------------------------------------------------------------ mutations of valid bytes

/** Edits of an encoding: a bit flipped, a byte set to an edge value, inserted, deleted or appended, or the
 *  bytes cut short. */
export const byteMutation = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("insert" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("set" as const), at: fc.nat(), byte: fc.constantFrom(0x00, 0x01, 0x02, 0x7f, 0x80, 0xff) }),
  fc.record({ op: fc.constant("append" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
);

export type ByteMutation = { op: string; at: number; bit?: number; byte?: number };

export function mutateBytes(b: Uint8Array, m: ByteMutation): Uint8Array {
  const at = b.length === 0 ? 0 : m.at % b.length;
  const out = Array.from(b);
  switch (m.op) {
    case "flip": if (out.length) out[at] = out[at]! ^ (1 << m.bit!); break;
    case "truncate": out.length = at; break;
    case "insert": out.splice(at, 0, m.byte!); break;
    case "delete": out.splice(at, 1); break;
    case "set": if (out.length) out[at] = m.byte!; break;
    case "append": out.push(m.byte!); break;
  }
  return Uint8Array.from(out);
}

