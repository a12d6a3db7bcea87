// Turns the generated codec table into codec objects, one per type of spec/, built once on first use.
// Composite kinds (spec/README.md) are implemented here; leaves live in leaves.ts.
import { TABLES } from "../../generated/codec-tables.js";
import { MAX_ARRAY_ALLOC_SIZE, type Reader, type Writer } from "./binary.js";
import { fail, rethrowAt } from "./errors.js";
import {
  describeJson, enumCodecOf, fixedBytesCodec, leafCodec, objectIdCodec, spaceTypeObjectIdTypeCodec, type JsonContext, type OrderKey,
  type TypeCodec,
} from "./leaves.js";
import type { Json, TableNode, TypeRef } from "./table.js";

/**
 * Deepest nesting of composite values accepted when decoding bytes or JSON. fc counts depth differently
 * (FC_PACK_MAX_DEPTH = 1000 decrements, several per level); this bound only keeps the JS stack safe and
 * is above anything fc accepts.
 */
export const MAX_DEPTH = 1000;

const STRICT: JsonContext = { strict: true, prefix: "" };

type Obj = Record<string, unknown>;

function checkDepth(depth: number): void {
  if (depth > MAX_DEPTH) fail("depth", `nesting deeper than ${MAX_DEPTH} levels`);
}

function isPlainObject(j: unknown): j is { [k: string]: Json } {
  return typeof j === "object" && j !== null && !Array.isArray(j);
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

export function labelOf(ref: TypeRef): string {
  if (typeof ref === "string") return ref;
  switch (ref.kind) {
    case "vector": case "flat_set": return `${ref.kind}<${labelOf(ref.item)}>`;
    case "flat_map": return `flat_map<${labelOf(ref.key)},${labelOf(ref.value)}>`;
    case "pair": return `pair<${labelOf(ref.first)},${labelOf(ref.second)}>`;
    case "alias": return labelOf(ref.target);
    case "fixed_bytes": return `fixed_bytes<${ref.size}>`;
    case "object_id": return `object_id<${ref.space},${ref.type}>`;
    case "object_id_type": return ref.space === undefined ? ref.kind : `object_id_type<${ref.space},${ref.type}>`;
    default: return ref.kind;
  }
}

const named = new Map<string, TypeCodec>();

/** The codec of a def of spec/, or undefined when there is no such type. */
export function codecByName(name: string): TypeCodec | undefined {
  const existing = named.get(name);
  if (existing) return existing;
  const node = hasOwn(TABLES, name) ? TABLES[name] : undefined;
  if (!node) return undefined;
  // Register a shell first so that recursive types (restriction, op_wrapper) resolve to it.
  const shell = { label: name, minSize: 0 } as TypeCodec;
  named.set(name, shell);
  Object.assign(shell, build(node, name), { label: name });
  return shell;
}

export function typeNames(): string[] {
  return Object.keys(TABLES).sort();
}

/** The codec of a type reference from the table (a def name or an inline node). */
export function codecFor(ref: TypeRef): TypeCodec {
  return resolve(ref);
}

function resolve(ref: TypeRef): TypeCodec {
  if (typeof ref !== "string") return build(ref, labelOf(ref));
  const c = codecByName(ref);
  if (!c) throw new Error(`codec table refers to unknown type ${ref}`);
  return c;
}

function build(node: TableNode, label: string): TypeCodec {
  switch (node.kind) {
    case "alias": return resolve(node.target);
    case "fixed_bytes": return fixedBytesCodec(node.size);
    case "object_id": return objectIdCodec(node.space, node.type, label);
    case "object_id_type":
      return node.space === undefined || node.type === undefined ? leafCodec(node.kind) : spaceTypeObjectIdTypeCodec(node.space, node.type, label);
    case "enum": return enumCodecOf(node.values, label);
    case "struct": return structCodec(node, label);
    case "extension": return extensionCodec(node, label);
    case "static_variant": return variantCodec(node.alternatives.map(resolve), label);
    case "vector": return vectorCodec(resolve(node.item), label);
    case "flat_set": return setCodec(resolve(node.item), label);
    case "flat_map": return mapCodec(resolve(node.key), resolve(node.value), label);
    case "pair": return pairCodec(resolve(node.first), resolve(node.second), label);
    default: return leafCodec(node.kind);
  }
}

/** The JSON object of the members that are set, in declaration order (to_variant skips unset optionals). */
function membersToJson(members: readonly { name: string; codec: TypeCodec }[], v: Obj, prefix: string): Json {
  const out: { [k: string]: Json } = {};
  for (const m of members) {
    const x = v[m.name];
    if (x !== undefined) out[m.name] = m.codec.toJson(x, prefix);
  }
  return out;
}

// ---------------------------------------------------------------- struct

interface Field {
  readonly name: string;
  /** The name is also a property of Object.prototype, so reading it needs an own-property check. */
  readonly inherited: boolean;
  readonly seg: string;
  readonly codec: TypeCodec;
  readonly optional: boolean;
  readonly defaultJson: Json | undefined;
}

function structCodec(node: Extract<TableNode, { kind: "struct" }>, label: string): TypeCodec<Obj> {
  const fields: Field[] = node.fields.map((f) => ({
    name: f.name,
    inherited: f.name in Object.prototype,
    seg: `.${f.name}`,
    codec: resolve(f.type),
    optional: f.optional,
    defaultJson: f.default,
  }));
  const names = new Set(fields.map((f) => f.name));
  let defaults: unknown[] | undefined;
  const defaultOf = (i: number): unknown => {
    defaults ??= fields.map((f) => (f.defaultJson === undefined ? f.codec.zero() : f.codec.fromJson(f.defaultJson, STRICT, 0)));
    return defaults[i];
  };
  return {
    label,
    minSize: fields.reduce((n, f) => n + (f.optional ? 1 : f.codec.minSize), 0),
    write(w, v) {
      if (!isPlainObject(v)) fail("type", `expected a ${label} object, got ${describeJson(v as Json)}`);
      for (const f of fields) {
        const x = v[f.name];
        try {
          if (f.optional) {
            if (x === undefined) {
              w.u8(0);
              continue;
            }
            w.u8(1);
          }
          f.codec.write(w, x);
        } catch (e) {
          rethrowAt(e, f.seg);
        }
      }
    },
    read(r, depth) {
      checkDepth(depth);
      const out: Obj = {};
      for (const f of fields) {
        try {
          if (f.optional) {
            const present = r.u8();
            if (present > 1) fail("bool", `optional presence byte must be 0 or 1, got ${present}`);
            if (present === 0) continue;
          }
          out[f.name] = f.codec.read(r, depth + 1);
        } catch (e) {
          rethrowAt(e, f.seg);
        }
      }
      return out;
    },
    fromJson(j, ctx, depth) {
      checkDepth(depth);
      if (!isPlainObject(j)) fail("type", `expected a ${label} object, got ${describeJson(j)}`);
      if (ctx.strict) for (const k of Object.keys(j)) if (!names.has(k)) fail("unknown_field", `${label} has no field "${k}"`);
      const out: Obj = {};
      for (let i = 0; i < fields.length; i++) {
        const f = fields[i]!;
        const x = !f.inherited || hasOwn(j, f.name) ? j[f.name] : undefined;
        try {
          if (x === undefined) {
            // fc's from_variant leaves a missing member at its default.
            if (f.optional) continue;
            if (ctx.strict) fail("missing_field", `${label} requires field "${f.name}"`);
            out[f.name] = defaultOf(i);
            continue;
          }
          if (f.optional && x === null) continue;
          out[f.name] = f.codec.fromJson(x, ctx, depth + 1);
        } catch (e) {
          rethrowAt(e, f.seg);
        }
      }
      return out;
    },
    toJson: (v, prefix) => membersToJson(fields, v, prefix),
    zero() {
      const out: Obj = {};
      for (let i = 0; i < fields.length; i++) if (!fields[i]!.optional) out[fields[i]!.name] = defaultOf(i);
      return out;
    },
  };
}

// ---------------------------------------------------------------- extension<T>

function extensionCodec(node: Extract<TableNode, { kind: "extension" }>, label: string): TypeCodec<Obj> {
  const members = node.members.map((m) => ({ name: m.name, seg: `.${m.name}`, codec: resolve(m.type) }));
  const names = new Set(members.map((m) => m.name));
  return {
    label,
    minSize: 1,
    write(w, v) {
      if (!isPlainObject(v)) fail("type", `expected a ${label} object, got ${describeJson(v as Json)}`);
      for (const k of Object.keys(v)) if (!names.has(k) && v[k] !== undefined) fail("unknown_field", `${label} has no member "${k}"`);
      let count = 0;
      for (const m of members) if (v[m.name] !== undefined) count++;
      w.varint(count);
      members.forEach((m, i) => {
        const x = v[m.name];
        if (x === undefined) return;
        w.varint(i);
        try {
          m.codec.write(w, x);
        } catch (e) {
          rethrowAt(e, m.seg);
        }
      });
    },
    // As graphene_extension_unpack_visitor: the count and each index are read into uint32_t, indices
    // must match members in increasing order, and the count must be used up.
    read(r, depth) {
      checkDepth(depth);
      let left = Number(BigInt.asUintN(32, r.varint64()));
      let next = left > 0 ? Number(BigInt.asUintN(32, r.varint64())) : 0;
      const out: Obj = {};
      for (let i = 0; i < members.length; i++) {
        if (left > 0 && i === next) {
          const m = members[i]!;
          try {
            out[m.name] = m.codec.read(r, depth + 1);
          } catch (e) {
            rethrowAt(e, m.seg);
          }
          left--;
          if (left > 0) next = Number(BigInt.asUintN(32, r.varint64()));
        }
      }
      if (left !== 0) fail("extension", `${label}: member index ${next} is out of order or unknown (${members.length} members)`);
      return out;
    },
    fromJson(j, ctx, depth) {
      checkDepth(depth);
      const out: Obj = {};
      // fc accepts null and [] for an empty extension.
      if (!ctx.strict && (j === null || (Array.isArray(j) && j.length === 0))) return out;
      if (!isPlainObject(j)) fail("type", `expected a ${label} object, got ${describeJson(j)}`);
      for (const k of Object.keys(j)) if (!names.has(k)) fail("unknown_field", `${label} has no member "${k}"`);
      for (const m of members) {
        const x = hasOwn(j, m.name) ? j[m.name] : undefined;
        if (x === undefined || x === null) continue;
        try {
          out[m.name] = m.codec.fromJson(x, ctx, depth + 1);
        } catch (e) {
          rethrowAt(e, m.seg);
        }
      }
      return out;
    },
    toJson: (v, prefix) => membersToJson(members, v, prefix),
    zero: () => ({}),
  };
}

// ---------------------------------------------------------------- static_variant

type Tagged = [number, unknown];

function variantCodec(alternatives: TypeCodec[], label: string): TypeCodec<Tagged> {
  const n = alternatives.length;
  const tagOf = (v: unknown): number => {
    if (!Array.isArray(v) || v.length !== 2) fail("type", `expected a ${label} [tag, value], got ${describeJson(v as Json)}`);
    const t = v[0];
    if (typeof t !== "number" || !Number.isInteger(t) || t < 0 || t >= n) fail("tag", `expected a tag of ${label} (0..${n - 1}), got ${describeJson(t as Json)}`);
    return t;
  };
  return {
    label,
    minSize: 1 + Math.min(...alternatives.map((a) => a.minSize)),
    write(w, v) {
      const t = tagOf(v);
      w.varint(t);
      try {
        alternatives[t]!.write(w, v[1]);
      } catch (e) {
        rethrowAt(e, "[1]");
      }
    },
    read(r, depth) {
      checkDepth(depth);
      const tag = r.varint64();
      if (tag >= BigInt(n)) fail("tag", `unknown tag ${tag} of ${label} (0..${n - 1})`);
      const t = Number(tag);
      try {
        return [t, alternatives[t]!.read(r, depth + 1)];
      } catch (e) {
        return rethrowAt(e, "[1]");
      }
    },
    fromJson(j, ctx, depth) {
      checkDepth(depth);
      if (!Array.isArray(j)) fail("type", `expected a ${label} [tag, value], got ${describeJson(j)}`);
      if (ctx.strict ? j.length !== 2 : j.length < 2) {
        if (ctx.strict) fail("type", `expected a ${label} [tag, value], got ${j.length} items`);
        // fc's from_variant leaves the variant as it was: alternative 0, default-constructed.
        return [0, alternatives[0]!.zero()];
      }
      let tag: number;
      const raw = j[0]!;
      if (ctx.strict) {
        if (typeof raw !== "number" || !Number.isInteger(raw)) fail("tag", `tag of ${label} must be an integer`);
        tag = raw;
      } else {
        // fc reads the tag with variant::as_uint64.
        try {
          const big = nodeUint64(raw);
          tag = big >= BigInt(n) ? n : Number(big);
        } catch (e) {
          return rethrowAt(e, "[0]");
        }
      }
      if (tag < 0 || tag >= n) fail("tag", `${JSON.stringify(raw)} is not a tag of ${label} (0..${n - 1})`);
      try {
        return [tag, alternatives[tag]!.fromJson(j[1]!, ctx, depth + 1)];
      } catch (e) {
        return rethrowAt(e, "[1]");
      }
    },
    toJson: (v, prefix) => [v[0], alternatives[v[0]]!.toJson(v[1], prefix)],
    zero: () => [0, alternatives[0]!.zero()],
    // static_variant::flat_set_type orders by tag alone (type_lt).
    orderKey: (v) => tagOf(v),
  };
}

const NODE: JsonContext = { strict: false, prefix: "" };
const U64 = leafCodec("uint64");
const nodeUint64 = (j: Json): bigint => U64.fromJson(j, NODE, 0) as bigint;

// ---------------------------------------------------------------- vector, flat_set, flat_map, pair

function readCount(r: Reader, item: TypeCodec, label: string): number {
  const n = r.varintNumber();
  const min = item.minSize;
  if (min > 0 ? n * min > r.remaining : n > MAX_ARRAY_ALLOC_SIZE)
    fail("length", `${label} count ${n} exceeds what the ${r.remaining} bytes left can hold`);
  return n;
}

function readItems(r: Reader, depth: number, item: TypeCodec, label: string): unknown[] {
  checkDepth(depth);
  const n = readCount(r, item, label);
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    try {
      out[i] = item.read(r, depth + 1);
    } catch (e) {
      rethrowAt(e, `[${i}]`);
    }
  }
  return out;
}

function writeItems(w: Writer, v: unknown[], item: TypeCodec): void {
  w.varint(v.length);
  for (let i = 0; i < v.length; i++) {
    try {
      item.write(w, v[i]);
    } catch (e) {
      rethrowAt(e, `[${i}]`);
    }
  }
}

function jsonItems(j: Json, ctx: JsonContext, depth: number, item: TypeCodec, label: string): unknown[] {
  checkDepth(depth);
  if (!Array.isArray(j)) fail("type", `expected a ${label} array, got ${describeJson(j)}`);
  const out = new Array<unknown>(j.length);
  for (let i = 0; i < j.length; i++) {
    try {
      out[i] = item.fromJson(j[i]!, ctx, depth + 1);
    } catch (e) {
      rethrowAt(e, `[${i}]`);
    }
  }
  return out;
}

function vectorCodec(item: TypeCodec, label: string): TypeCodec<unknown[]> {
  return {
    label,
    minSize: 1,
    write(w, v) {
      if (!Array.isArray(v)) fail("type", `expected a ${label} array, got ${describeJson(v as Json)}`);
      writeItems(w, v, item);
    },
    read: (r, depth) => readItems(r, depth, item, label),
    fromJson: (j, ctx, depth) => jsonItems(j, ctx, depth, item, label),
    toJson: (v, prefix) => v.map((x) => item.toJson(x, prefix)),
    zero: () => [],
  };
}

/**
 * Sorts by key and drops later duplicates, as inserting one by one into a boost flat_set/flat_map does.
 * Returns the input itself when it is already strictly increasing. In strict mode a duplicate is an error.
 */
function normalize<T>(items: T[], key: (t: T) => OrderKey, rejectDuplicates: boolean, what: string): T[] {
  if (items.length < 2) return items;
  const keys = items.map(key);
  let increasing = true;
  for (let i = 1; i < keys.length; i++) {
    if (!(keys[i - 1]! < keys[i]!)) {
      increasing = false;
      break;
    }
  }
  if (increasing) return items;
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
  const out: T[] = [];
  let last: OrderKey | undefined;
  for (const i of order) {
    if (out.length > 0 && !(last! < keys[i]!)) {
      if (rejectDuplicates) fail("format", `duplicate ${what}`);
      continue;
    }
    out.push(items[i]!);
    last = keys[i];
  }
  return out;
}

function orderOf(c: TypeCodec, label: string): (v: unknown) => OrderKey {
  const k = c.orderKey;
  if (!k) throw new Error(`${label}: ${c.label} has no order, so it cannot be a set element or map key`);
  return k;
}

/**
 * flat_set and flat_map alike: a vector kept sorted and free of duplicates by `key` (the element itself
 * for a set, the entry's key for a map).
 */
function sortedCodec(item: TypeCodec, key: (v: unknown) => OrderKey, label: string, what: "element" | "key"): TypeCodec<unknown[]> {
  return {
    label,
    minSize: 1,
    write(w, v) {
      if (!Array.isArray(v)) fail("type", `expected a ${label} array, got ${describeJson(v as Json)}`);
      writeItems(w, normalize(v, key, false, what), item);
    },
    read: (r, depth) => normalize(readItems(r, depth, item, label), key, false, what),
    fromJson(j, ctx, depth) {
      const items = jsonItems(j, ctx, depth, item, label);
      if (!ctx.strict) return normalize(items, key, false, what);
      try {
        return normalize(items, key, true, `${what} of ${label}`);
      } catch (e) {
        return duplicatesAtPath(e, items, key);
      }
    },
    toJson: (v, prefix) => v.map((x) => item.toJson(x, prefix)),
    zero: () => [],
  };
}

const setCodec = (item: TypeCodec, label: string): TypeCodec<unknown[]> => sortedCodec(item, orderOf(item, label), label, "element");

/** Points a strict-mode duplicate error at the index of the second occurrence. */
function duplicatesAtPath<T>(e: unknown, items: T[], key: (t: T) => OrderKey): never {
  const seen = new Set<OrderKey>();
  for (let i = 0; i < items.length; i++) {
    const k = key(items[i]!);
    if (seen.has(k)) rethrowAt(e, `[${i}]`);
    seen.add(k);
  }
  throw e;
}

function pairFromJson(j: Json, ctx: JsonContext, depth: number, a: TypeCodec, b: TypeCodec, label: string): [unknown, unknown] {
  checkDepth(depth);
  if (!Array.isArray(j)) fail("type", `expected a ${label} [first, second], got ${describeJson(j)}`);
  if (ctx.strict && j.length !== 2) fail("type", `expected a ${label} [first, second], got ${j.length} items`);
  // fc's pair from_variant reads what is there and keeps defaults for the rest.
  let first: unknown, second: unknown;
  try {
    first = j.length > 0 ? a.fromJson(j[0]!, ctx, depth + 1) : a.zero();
  } catch (e) {
    rethrowAt(e, "[0]");
  }
  try {
    second = j.length > 1 ? b.fromJson(j[1]!, ctx, depth + 1) : b.zero();
  } catch (e) {
    rethrowAt(e, "[1]");
  }
  return [first, second];
}

function pairCodec(a: TypeCodec, b: TypeCodec, label: string): TypeCodec<[unknown, unknown]> {
  return {
    label,
    minSize: a.minSize + b.minSize,
    write(w, v) {
      if (!Array.isArray(v) || v.length !== 2) fail("type", `expected a ${label} [first, second]`);
      try {
        a.write(w, v[0]);
      } catch (e) {
        rethrowAt(e, "[0]");
      }
      try {
        b.write(w, v[1]);
      } catch (e) {
        rethrowAt(e, "[1]");
      }
    },
    read(r, depth) {
      checkDepth(depth);
      let first: unknown;
      try {
        first = a.read(r, depth + 1);
      } catch (e) {
        rethrowAt(e, "[0]");
      }
      try {
        return [first, b.read(r, depth + 1)];
      } catch (e) {
        return rethrowAt(e, "[1]");
      }
    },
    fromJson: (j, ctx, depth) => pairFromJson(j, ctx, depth, a, b, label),
    toJson: (v, prefix) => [a.toJson(v[0], prefix), b.toJson(v[1], prefix)],
    zero: () => [a.zero(), b.zero()],
  };
}

function mapCodec(k: TypeCodec, v: TypeCodec, label: string): TypeCodec<unknown[]> {
  const keyOrder = orderOf(k, label);
  return sortedCodec(pairCodec(k, v, `${label} entry`), (e) => keyOrder((e as [unknown, unknown])[0]), label, "key");
}
