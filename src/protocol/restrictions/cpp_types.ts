// The C++ types of operation fields, as restriction_predicate.hxx's templates see them: which are integral,
// which are containers (value_type and size()), which are reflected objects (fc::reflector native_members)
// and what their members are. Derived from the codec table (generated/codec-tables.ts, FC_REFLECT order),
// plus the few leaf types that fc or graphene reflect by hand.
import { TABLES } from "../../../generated/codec-tables.js";
import type { TableNode, TypeRef } from "../../codec/table.js";

export type CppType =
  | { readonly k: "void" }
  | { readonly k: "bool" }
  /** Integral types (is_integral in restriction_predicate.hxx): the C++ integers except bool, and
   *  fc::safe<int64_t> (share_type). `char` (elements of strings and byte vectors) is signed, as on x86-64. */
  | { readonly k: "int"; readonly bits: 8 | 16 | 32 | 64; readonly signed: boolean; readonly safe: boolean }
  /** fc::unsigned_int: a struct, neither integral nor reflected. */
  | { readonly k: "unsigned_int" }
  | { readonly k: "string" }
  | { readonly k: "time" }
  | { readonly k: "public_key" }
  | { readonly k: "sha256" }
  | { readonly k: "id"; readonly space: number; readonly type: number }
  | { readonly k: "object_id_type" }
  | { readonly k: "vote_id" }
  | { readonly k: "address" }
  | { readonly k: "pts_address" }
  /** Other hashes (ripemd160, sha1, sha224, hash160): not containers, not reflected, in no argument. */
  | { readonly k: "hash"; readonly name: string }
  /** vector<char> */
  | { readonly k: "bytes" }
  /** std::array<unsigned char, N> (commitment_type, compact_signature, public_key_type::key_data) or
   *  std::array<char, 25> (pts_address::addr); values are hex. */
  | { readonly k: "byte_array"; readonly size: number; readonly signed: boolean }
  /** A reflected struct (FC_REFLECT); `name` is the codec-table def. */
  | { readonly k: "struct"; readonly name: string }
  /** graphene::protocol::extension<T>; `name` is the def of T (its members are optional). */
  | { readonly k: "extension"; readonly name: string }
  | { readonly k: "variant"; readonly name: string; readonly alternatives: readonly TypeRef[] }
  | { readonly k: "optional"; readonly inner: CppType }
  | { readonly k: "vector"; readonly item: CppType }
  | { readonly k: "flat_set"; readonly item: CppType }
  | { readonly k: "flat_map"; readonly key: CppType; readonly value: CppType }
  | { readonly k: "pair"; readonly first: CppType; readonly second: CppType };

/** A reflected member: its name, its C++ type, and how to read it from the in-memory object. */
export interface Member {
  readonly name: string;
  readonly type: CppType;
  readonly get: (object: unknown) => unknown;
}

export const INT64: CppType = { k: "int", bits: 64, signed: true, safe: false };
export const CHAR: CppType = { k: "int", bits: 8, signed: true, safe: false };
const UCHAR: CppType = { k: "int", bits: 8, signed: false, safe: false };
const UINT32: CppType = { k: "int", bits: 32, signed: false, safe: false };
const UINT64: CppType = { k: "int", bits: 64, signed: false, safe: false };

const LEAVES: Readonly<Record<string, CppType>> = {
  bool: { k: "bool" },
  uint8: UCHAR,
  uint16: { k: "int", bits: 16, signed: false, safe: false },
  uint32: UINT32,
  uint64: UINT64,
  int64: INT64,
  unsigned_int: { k: "unsigned_int" },
  string: { k: "string" },
  bytes: { k: "bytes" },
  time_point_sec: { k: "time" },
  public_key: { k: "public_key" },
  address: { k: "address" },
  pts_address: { k: "pts_address" },
  vote_id: { k: "vote_id" },
  object_id_type: { k: "object_id_type" },
};

/** fc::ecc::commitment_type and compact_signature are std::arrays of unsigned char; the fc hashes are not
 *  containers. */
const UCHAR_ARRAYS = new Set(["commitment_type", "compact_signature"]);

const memo = new Map<string, CppType>();

/** The C++ type of a codec-table type reference. */
export function cppType(ref: TypeRef): CppType {
  if (typeof ref !== "string") return fromNode(ref, undefined);
  const hit = memo.get(ref);
  if (hit) return hit;
  // share_type is fc::safe<int64_t>: integral, but a distinct type from int64_t, and reflected.
  const t = ref === "share_type" ? { k: "int", bits: 64, signed: true, safe: true } as const : fromNode(TABLES[ref], ref);
  memo.set(ref, t);
  return t;
}

function fromNode(node: TableNode | undefined, name: string | undefined): CppType {
  if (!node) throw new Error(`no codec table entry for ${name}`);
  const leaf = LEAVES[node.kind];
  if (leaf) return leaf;
  switch (node.kind) {
    case "alias": return cppType(node.target);
    case "fixed_bytes":
      if (name === "sha256") return { k: "sha256" };
      if (name && UCHAR_ARRAYS.has(name)) return { k: "byte_array", size: node.size, signed: false };
      return { k: "hash", name: name ?? `fixed_bytes<${node.size}>` };
    case "object_id": return { k: "id", space: node.space, type: node.type };
    case "struct": return name === "void_t" ? { k: "void" } : { k: "struct", name: name ?? "" };
    case "extension": return { k: "extension", name: name ?? "" };
    case "static_variant": return { k: "variant", name: name ?? "", alternatives: node.alternatives };
    case "vector": return { k: "vector", item: cppType(node.item) };
    case "flat_set": return { k: "flat_set", item: cppType(node.item) };
    case "flat_map": return { k: "flat_map", key: cppType(node.key), value: cppType(node.value) };
    case "pair": return { k: "pair", first: cppType(node.first), second: cppType(node.second) };
    default: throw new Error(`no C++ type for ${node.kind}`);
  }
}

/** The C++ type of alternative `tag` of a static_variant. */
export function alternativeType(v: CppType & { k: "variant" }, tag: number): CppType {
  return cppType(v.alternatives[tag]!);
}

/** Where a named struct is defined inline in a field, it has no def name; operation fields always name their
 *  structs, so the table lookup below only needs names. */
function structFields(name: string): readonly Member[] {
  const node = TABLES[name];
  if (!node || node.kind !== "struct") return [];
  return node.fields.map((f) => {
    const t = cppType(f.type);
    return { name: f.name, type: f.optional ? { k: "optional", inner: t } : t, get: (o) => (o as Record<string, unknown>)[f.name] };
  });
}

function extensionMembers(name: string): readonly Member[] {
  const node = TABLES[name];
  if (!node || node.kind !== "extension") return [];
  return node.members.map((m) => ({
    name: m.name,
    type: { k: "optional", inner: cppType(m.type) },
    get: (o) => (o as Record<string, unknown>)[m.name],
  }));
}

const idInstance = (id: unknown): bigint => BigInt(String(id).slice(String(id).lastIndexOf(".") + 1));

const membersMemo = new Map<string, readonly Member[]>();

/**
 * fc::reflector<T>::native_members of an object type: what restriction member_index counts into. Empty for
 * a type that is not reflected or reflects no member (void_t, no_special_authority), which
 * restriction_predicate.hxx refuses to take a member of. extension<T> is not reflected itself; attribute
 * assertions on it look into T (see `objectOf`).
 */
export function reflectedMembers(t: CppType): readonly Member[] {
  switch (t.k) {
    case "struct": {
      const hit = membersMemo.get(t.name);
      if (hit) return hit;
      const ms = structFields(t.name);
      membersMemo.set(t.name, ms);
      return ms;
    }
    // fc/safe.hpp: FC_REFLECT_TEMPLATE((typename T), safe<T>, (value)); value is a plain int64_t.
    case "int": return t.safe ? [{ name: "value", type: INT64, get: (v) => v }] : [];
    // object_id.hpp reflects object_id<S,T> by hand with its one member, instance (fc::unsigned_int).
    case "id": return [{ name: "instance", type: { k: "unsigned_int" }, get: idInstance }];
    // FC_REFLECT(object_id_type, (number)): space << 56 | type << 48 | instance.
    case "object_id_type":
      return [{
        name: "number", type: UINT64,
        get: (v) => {
          const [s, ty, i] = String(v).split(".").map((x) => BigInt(x));
          return (s! << 56n) | (ty! << 48n) | i!;
        },
      }];
    // FC_REFLECT(public_key_type, (key_data)): 33 unsigned chars.
    case "public_key": return [{ name: "key_data", type: { k: "byte_array", size: 33, signed: false }, get: (v) => v }];
    // FC_REFLECT(address, (addr)): an fc::ripemd160.
    case "address": return [{ name: "addr", type: { k: "hash", name: "ripemd160" }, get: (v) => v }];
    // FC_REFLECT(pts_address, (addr)): std::array<char, 25>.
    case "pts_address": return [{ name: "addr", type: { k: "byte_array", size: 25, signed: true }, get: (v) => v }];
    // FC_REFLECT(vote_id_type, (content)): instance << 8 | type.
    case "vote_id":
      return [{
        name: "content", type: UINT32,
        get: (v) => {
          const [ty, i] = String(v).split(":").map(Number);
          return ((i! << 8) | ty!) >>> 0;
        },
      }];
    default: return [];
  }
}

/** The members of T for an attribute assertion on extension<T> (which evaluates on x.value). */
export function extensionObjectMembers(t: CppType & { k: "extension" }): readonly Member[] {
  const hit = membersMemo.get(`ext:${t.name}`);
  if (hit) return hit;
  const ms = extensionMembers(t.name);
  membersMemo.set(`ext:${t.name}`, ms);
  return ms;
}

/** is_integral in restriction_predicate.hxx: integers and fc::safe, not bool. */
export const isIntegral = (t: CppType): t is CppType & { k: "int" } => t.k === "int";

/** Same C++ type (std::is_same). */
export function sameType(a: CppType, b: CppType): boolean {
  switch (a.k) {
    case "int": return b.k === "int" && a.bits === b.bits && a.signed === b.signed && a.safe === b.safe;
    case "id": return b.k === "id" && a.space === b.space && a.type === b.type;
    case "hash": return b.k === "hash" && a.name === b.name;
    case "byte_array": return b.k === "byte_array" && a.size === b.size && a.signed === b.signed;
    case "struct": case "extension": case "variant": return b.k === a.k && b.name === a.name;
    case "optional": return b.k === "optional" && sameType(a.inner, b.inner);
    case "vector": case "flat_set": return b.k === a.k && sameType(a.item, b.item);
    case "flat_map": return b.k === "flat_map" && sameType(a.key, b.key) && sameType(a.value, b.value);
    case "pair": return b.k === "pair" && sameType(a.first, b.first) && sameType(a.second, b.second);
    default: return a.k === b.k;
  }
}

/** comparable_types<T, U>: T is not void_t, and T and U are the same type or both integral. */
export const comparable = (t: CppType, u: CppType): boolean => t.k !== "void" && (sameType(t, u) || (isIntegral(t) && isIntegral(u)));

/** The value_type of a container (a type with value_type and size()), or undefined for a non-container.
 *  fc::optional has a value_type but no size(), so it is not one. */
export function elementType(t: CppType): CppType | undefined {
  switch (t.k) {
    case "string": case "bytes": return CHAR;
    case "byte_array": return t.signed ? CHAR : UCHAR;
    case "vector": case "flat_set": return t.item;
    case "flat_map": return { k: "pair", first: t.key, second: t.value };
    default: return undefined;
  }
}

/** A readable C++ spelling of a type, for error messages. */
export function typeName(t: CppType): string {
  switch (t.k) {
    case "void": return "void_t";
    case "int": return t.safe ? "share_type" : `${t.signed ? "" : "u"}int${t.bits}_t`;
    case "time": return "time_point_sec";
    case "public_key": return "public_key_type";
    case "id": return `object_id<${t.space},${t.type}>`;
    case "hash": return t.name;
    case "byte_array": return `std::array<${t.signed ? "" : "unsigned "}char,${t.size}>`;
    case "bytes": return "vector<char>";
    case "struct": case "variant": return t.name;
    case "extension": return `extension<${t.name}>`;
    case "optional": return `optional<${typeName(t.inner)}>`;
    case "vector": case "flat_set": return `${t.k}<${typeName(t.item)}>`;
    case "flat_map": return `flat_map<${typeName(t.key)},${typeName(t.value)}>`;
    case "pair": return `pair<${typeName(t.first)},${typeName(t.second)}>`;
    case "vote_id": return "vote_id_type";
    case "object_id_type": return "object_id_type";
    case "address": return "address";
    case "pts_address": return "pts_address";
    case "string": return "string";
    case "bool": return "bool";
    case "unsigned_int": return "unsigned_int";
    case "sha256": return "sha256";
  }
}
