// fast-check arbitraries of in-memory values, derived from the codec table that tools/codegen makes
// from spec/protocol and spec/chain. Nothing here is written per operation: every type gets its arbitrary from its
// x-fc kind, and callers constrain generation through Constraints (used to steer the differential test
// around named bitsharesjs departures).
import fc from "fast-check";
import { getPublicKey } from "@noble/secp256k1";
import { TABLES } from "../generated/codec-tables.js";
import { codecFor } from "../src/codec/compile.js";
import { bytesToHex } from "../src/codec/hex.js";
import type { TableNode, TypeRef } from "../src/codec/table.js";
import { sha256 } from "../src/crypto/hash.js";

export interface Constraints {
  /** Containers nest at most this deep (recursive types: restriction, op_wrapper). */
  readonly depth: number;
  /** Longest vector, set or map. */
  readonly maxLength: number;
  /** Largest object_id instance (JSON accepts < 2^48, binary any uint64). */
  readonly maxInstance: bigint;
  /** Public keys, as 66-digit hex. */
  readonly publicKey: fc.Arbitrary<string>;
  /** Strings; default any well-formed Unicode. */
  readonly string?: fc.Arbitrary<string>;
  /** Addresses, as 40-digit hex; default any 20 bytes. */
  readonly address?: fc.Arbitrary<string>;
  /** Alternatives allowed for a static_variant def; default all. */
  readonly tags?: (variant: string, count: number) => readonly number[];
  /** A replacement arbitrary for a def, or undefined to derive it. */
  readonly override?: (name: string, derive: () => fc.Arbitrary<unknown>) => fc.Arbitrary<unknown> | undefined;
}

const hexOf = (n: number, min = n): fc.Arbitrary<string> => fc.uint8Array({ minLength: min, maxLength: n }).map((b) => bytesToHex(b));

/** Valid compressed secp256k1 public keys from fixed secret keys (deterministic). */
export function publicKeyPool(count = 64): string[] {
  return Array.from({ length: count }, (_, i) => bytesToHex(getPublicKey(sha256(new TextEncoder().encode(`btsref key ${i}`)), true)));
}

const ptsAddress = fc.uint8Array({ minLength: 21, maxLength: 21 }).map((b) => {
  const out = new Uint8Array(25);
  out.set(b);
  out.set(sha256(sha256(b)).subarray(0, 4), 21);
  return bytesToHex(out);
});

const bigUint = (max: bigint) =>
  fc.oneof({ weight: 3, arbitrary: fc.bigInt({ min: 0n, max: max < 1000n ? max : 1000n }) }, { weight: 1, arbitrary: fc.bigInt({ min: 0n, max }) });

function leaf(node: TableNode, c: Constraints): fc.Arbitrary<unknown> | undefined {
  switch (node.kind) {
    case "bool": return fc.boolean();
    case "uint8": return fc.integer({ min: 0, max: 0xff });
    case "uint16": return fc.integer({ min: 0, max: 0xffff });
    case "uint32": return fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 0xffffffff }));
    case "uint64": case "unsigned_int": return bigUint(2n ** 64n - 1n);
    case "uint128": return bigUint(2n ** 128n - 1n);
    case "enum": return fc.constantFrom(...node.values);
    case "int64": return fc.oneof(fc.bigInt({ min: -1000n, max: 1000n }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }));
    case "string": return c.string ?? fc.string({ unit: "binary", maxLength: 12 });
    case "bytes": return hexOf(24, 0);
    case "fixed_bytes": return hexOf(node.size);
    case "time_point_sec": return fc.integer({ min: 0, max: 0xffffffff });
    case "object_id": return bigUint(c.maxInstance).map((i) => `${node.space}.${node.type}.${i}`);
    case "object_id_type":
      if (node.space !== undefined) return bigUint(2n ** 48n - 1n).map((i) => `${node.space}.${node.type}.${i}`);
      return fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), bigUint(2n ** 48n - 1n)).map(([s, t, i]) => `${s}.${t}.${i}`);
    case "vote_id": return fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 2 ** 24 - 1 })).map(([t, i]) => `${t}:${i}`);
    case "public_key": return c.publicKey;
    case "address": return c.address ?? hexOf(20);
    case "pts_address": return ptsAddress;
    default: return undefined;
  }
}

/** Arbitrary of in-memory values of a protocol type (def name). */
export function arbitraryFor(type: string, c: Constraints): fc.Arbitrary<unknown> {
  const memo = new Map<string, fc.Arbitrary<unknown>>();

  const named = (name: string, depth: number): fc.Arbitrary<unknown> => {
    const key = `${name}@${depth}`;
    const hit = memo.get(key);
    if (hit) return hit;
    const node = TABLES[name];
    if (!node) throw new Error(`unknown type ${name}`);
    const derive = () => build(node, depth, name);
    const arb = c.override?.(name, derive) ?? derive();
    memo.set(key, arb);
    return arb;
  };

  const ref = (r: TypeRef, depth: number): fc.Arbitrary<unknown> => (typeof r === "string" ? named(r, depth) : build(r, depth, undefined));

  const build = (node: TableNode, depth: number, name: string | undefined): fc.Arbitrary<unknown> => {
    const l = leaf(node, c);
    if (l) return l;
    switch (node.kind) {
      case "alias": return ref(node.target, depth);
      case "struct": {
        const shape: Record<string, fc.Arbitrary<unknown>> = {};
        for (const f of node.fields) shape[f.name] = ref(f.type, depth);
        return fc.record(shape, { requiredKeys: node.fields.filter((f) => !f.optional).map((f) => f.name) });
      }
      case "extension": {
        const shape: Record<string, fc.Arbitrary<unknown>> = {};
        for (const m of node.members) shape[m.name] = ref(m.type, depth);
        return fc.record(shape, { requiredKeys: [] });
      }
      case "static_variant": {
        const all = node.alternatives.map((_, i) => i);
        const tags = name && c.tags ? c.tags(name, all.length) : all;
        return fc.oneof(...tags.map((t) => ref(node.alternatives[t]!, depth).map((v) => [t, v] as [number, unknown])));
      }
      case "vector":
        return depth <= 0 ? fc.constant([]) : fc.array(ref(node.item, depth - 1), { maxLength: c.maxLength });
      case "flat_set": {
        if (depth <= 0) return fc.constant([]);
        const key = codecFor(node.item).orderKey!.bind(codecFor(node.item));
        return fc.uniqueArray(ref(node.item, depth - 1), { maxLength: c.maxLength, selector: key }).map((xs) => sortBy(xs, key));
      }
      case "flat_map": {
        if (depth <= 0) return fc.constant([]);
        const key = codecFor(node.key).orderKey!.bind(codecFor(node.key));
        return fc
          .uniqueArray(fc.tuple(ref(node.key, depth - 1), ref(node.value, depth - 1)), { maxLength: c.maxLength, selector: (e) => key(e[0]) })
          .map((xs) => sortBy(xs, (e) => key(e[0])));
      }
      case "pair": return fc.tuple(ref(node.first, depth), ref(node.second, depth));
      default: throw new Error(`no arbitrary for ${node.kind}`);
    }
  };

  return named(type, c.depth);
}

function sortBy<T>(xs: T[], key: (x: T) => number | bigint | string): T[] {
  return [...xs].sort((a, b) => {
    const ka = key(a), kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

/** Generic constraints: any value the codec accepts from JSON. */
export function anyValue(keys = publicKeyPool()): Constraints {
  return { depth: 3, maxLength: 3, maxInstance: 2n ** 48n - 1n, publicKey: fc.oneof(fc.constantFrom(...keys), hexOf(33)) };
}
