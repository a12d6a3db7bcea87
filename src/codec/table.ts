// The shape of the codec table that tools/codegen derives from spec/protocol and spec/chain
// (generated/codec-tables.ts). Each entry says how a type is laid out in fc::raw bytes and in JSON;
// spec/README.md documents every kind.

/** JSON value, as parsed by src/codec/json-text.ts (unsafe integers arrive as decimal strings). */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** A type reference: the name of a def, or an inline node. */
export type TypeRef = string | TableNode;

export type LeafKind =
  | "bool" | "uint8" | "uint16" | "uint32" | "uint64" | "int64" | "unsigned_int" | "uint128" | "string" | "bytes"
  | "time_point_sec" | "public_key" | "address" | "pts_address" | "vote_id" | "object_id_type";

export interface StructField {
  readonly name: string;
  readonly type: TypeRef;
  /** fc::optional<T>: one presence byte in binary, omitted from JSON when unset. */
  readonly optional: boolean;
  /** The C++ default member initializer, in JSON form; absent means the type's zero value. */
  readonly default?: Json;
}

export type TableNode =
  | { readonly kind: Exclude<LeafKind, "object_id_type"> }
  /** object_id_type; with space and type, one that always holds ids space.type.x (graphene::db::object::id). */
  | { readonly kind: "object_id_type"; readonly space?: number; readonly type?: number }
  /** A FC_REFLECT_ENUM enum: values[i] is the name of the value i. */
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | { readonly kind: "fixed_bytes"; readonly size: number }
  | { readonly kind: "object_id"; readonly space: number; readonly type: number }
  | { readonly kind: "struct"; readonly fields: readonly StructField[] }
  | { readonly kind: "extension"; readonly members: readonly { readonly name: string; readonly type: TypeRef }[] }
  | { readonly kind: "static_variant"; readonly alternatives: readonly TypeRef[] }
  | { readonly kind: "vector" | "flat_set"; readonly item: TypeRef }
  | { readonly kind: "flat_map"; readonly key: TypeRef; readonly value: TypeRef }
  | { readonly kind: "pair"; readonly first: TypeRef; readonly second: TypeRef }
  | { readonly kind: "alias"; readonly target: TypeRef };
