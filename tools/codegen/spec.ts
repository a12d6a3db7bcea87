// Loads spec/protocol and spec/chain, checks that every schema follows the annotation vocabulary of
// spec/README.md, and turns them into (a) one bundled JSON Schema and (b) the codec table the binary
// codec walks.
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

import type { Json, LeafKind, StructField, TableNode, TypeRef } from "../../src/codec/table.js";

export type { Json, TableNode, TypeRef };
export type Schema = { [k: string]: Json };

export interface TypeDef {
  name: string;
  /** The file of the def relative to the spec root, without ".json": "protocol/asset", "chain/account_object". */
  file: string;
  schema: Schema;
  node: TableNode;
  virtual: boolean;
  /** x-object: the object id space and type of a database object. */
  object?: { space: number; type: number };
}

export interface Spec {
  defs: Map<string, TypeDef>;
  files: string[];
}

const LEAVES: ReadonlySet<string> = new Set<LeafKind>([
  "bool", "uint8", "uint16", "uint32", "uint64", "int64", "unsigned_int", "uint128", "string", "bytes",
  "time_point_sec", "public_key", "address", "pts_address", "vote_id",
]);

class SpecError extends Error {}

function fail(where: string, msg: string): never {
  throw new SpecError(`${where}: ${msg}`);
}

function isObj(x: unknown): x is Schema {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

// A $ref is "#/$defs/name" (same file), "file.json#/$defs/name" (same directory) or
// "../dir/file.json#/$defs/name" (another directory of spec/, e.g. spec/chain -> spec/protocol).
const REF = /^((?:\.\.\/[a-z_]+\/)?[a-z_]+\.json)?#\/\$defs\/(.+)$/;

/** Resolves a $ref to a def name. */
function refName(ref: string, where: string): string {
  const m = REF.exec(ref);
  if (!m) fail(where, `unsupported $ref ${ref}`);
  return m[2]!;
}

/** The file (relative to the spec root, without ".json") a $ref written in `here` points into. */
function refFile(ref: string, here: string): string {
  const m = REF.exec(ref);
  if (!m?.[1]) return here;
  const dir = dirname(here);
  return join(dir, m[1]).replace(/\.json$/, "");
}

interface RawDef {
  file: string;
  schema: Schema;
}

/**
 * Loads the JSON files of the given directories as one spec (a def name is unique across all of them).
 * Files are named by their directory's base name and their own: "protocol/asset".
 */
export function loadSpec(...dirs: string[]): Spec {
  const raw = new Map<string, RawDef>();
  const files: string[] = [];
  for (const dir of dirs) {
    const group = basename(resolve(dir));
    for (const f of readdirSync(dir).filter((x) => x.endsWith(".json")).sort()) {
      const file = `${group}/${f.replace(/\.json$/, "")}`;
      files.push(file);
      const doc = JSON.parse(readFileSync(join(dir, f), "utf8")) as Schema;
      if (doc["$schema"] !== "https://json-schema.org/draft/2020-12/schema") fail(file, "must declare JSON Schema 2020-12");
      const defs = doc["$defs"];
      if (!isObj(defs)) fail(file, "missing $defs");
      for (const [name, schema] of Object.entries(defs)) {
        if (raw.has(name)) fail(file, `type ${name} is also defined in ${raw.get(name)!.file}.json`);
        if (!isObj(schema)) fail(`${file}#${name}`, "not an object");
        if (schema["title"] !== name) fail(`${file}#${name}`, "title must equal the def name");
        raw.set(name, { file, schema });
      }
    }
  }
  const defs = new Map<string, TypeDef>();
  for (const [name, { file, schema }] of raw) {
    const where = `${file}.json#/$defs/${name}`;
    const node = toNode(schema, where, file, raw, true);
    const virtual = schema["x-virtual"] === true;
    const def: TypeDef = { name, file, schema, node: typeof node === "string" ? { kind: "alias", target: node } : node, virtual };
    const object = objectAnnotation(schema, def.node, where);
    defs.set(name, object ? { ...def, object } : def);
  }
  for (const d of defs.values()) checkRefs(d.node, defs, d.name);
  const seen = new Map<string, string>();
  for (const d of defs.values()) {
    if (!d.object) continue;
    const key = `${d.object.space}.${d.object.type}`;
    if (seen.has(key)) fail(d.name, `x-object ${key} is also the object of ${seen.get(key)!}`);
    seen.set(key, d.name);
  }
  return { defs, files };
}

/**
 * x-object {space, type} marks a database object. Its first field must be graphene::db::object's `id`:
 * an object_id_type restricted to the same space and type.
 */
function objectAnnotation(s: Schema, node: TableNode, where: string): { space: number; type: number } | undefined {
  const x = s["x-object"];
  if (x === undefined) return undefined;
  if (!isObj(x) || !Number.isInteger(x["space"]) || !Number.isInteger(x["type"])) fail(where, "x-object needs integer space and type");
  const space = x["space"] as number, type = x["type"] as number;
  if (space < 0 || space > 255 || type < 0 || type > 255) fail(where, "x-object space and type are 0..255");
  const id = node.kind === "struct" ? node.fields[0] : undefined;
  const t = id?.type;
  if (id?.name !== "id" || typeof t !== "object" || t.kind !== "object_id_type" || t.space !== space || t.type !== type || id.optional)
    fail(where, `an x-object struct starts with the field id, an object_id_type of ${space}.${type}`);
  return { space, type };
}

function checkRefs(t: TypeRef, defs: Map<string, TypeDef>, where: string): void {
  if (typeof t === "string") {
    if (!defs.has(t)) fail(where, `unknown type ${t}`);
    return;
  }
  switch (t.kind) {
    case "struct": for (const f of t.fields) checkRefs(f.type, defs, `${where}.${f.name}`); break;
    case "extension": for (const m of t.members) checkRefs(m.type, defs, `${where}.${m.name}`); break;
    case "static_variant": t.alternatives.forEach((a, i) => checkRefs(a, defs, `${where}[${i}]`)); break;
    case "vector": case "flat_set": checkRefs(t.item, defs, where); break;
    case "flat_map": checkRefs(t.key, defs, where); checkRefs(t.value, defs, where); break;
    case "pair": checkRefs(t.first, defs, where); checkRefs(t.second, defs, where); break;
    case "alias": checkRefs(t.target, defs, where); break;
    default: break;
  }
}

function twoItems(s: Schema, where: string): [Schema, Schema] {
  const p = s["prefixItems"];
  if (!Array.isArray(p) || p.length !== 2 || !isObj(p[0]) || !isObj(p[1])) fail(where, "expected prefixItems of two schemas");
  if (s["minItems"] !== 2 || s["maxItems"] !== 2 || s["type"] !== "array") fail(where, "a pair is an array of exactly two items");
  return [p[0], p[1]];
}

/** Converts one schema node to a table node, or to a def name when it is a bare $ref. */
function toNode(s: Schema, where: string, file: string, raw: Map<string, RawDef>, isDef: boolean): TypeRef {
  const fc = s["x-fc"];
  if (fc === undefined) {
    const ref = s["$ref"];
    if (typeof ref !== "string") fail(where, "a schema needs either x-fc or $ref");
    const target = refName(ref, where);
    if (!raw.has(target)) fail(where, `$ref to unknown type ${target}`);
    if (refFile(ref, file) !== raw.get(target)!.file) fail(where, `$ref ${ref} points to the wrong file`);
    return target;
  }
  if (!isObj(fc) || typeof fc["kind"] !== "string") fail(where, "x-fc must be an object with a kind");
  if ("$ref" in s) fail(where, "a schema with x-fc must not also be a $ref");
  const kind = fc["kind"];
  const sub = (x: Json | undefined, w: string): TypeRef => {
    if (!isObj(x)) fail(w, "expected a schema");
    return toNode(x, w, file, raw, false);
  };
  if (LEAVES.has(kind)) return { kind: kind as LeafKind };
  switch (kind) {
    case "fixed_bytes": {
      const size = fc["size"];
      if (typeof size !== "number" || !Number.isInteger(size) || size <= 0) fail(where, "fixed_bytes needs a positive size");
      return { kind, size };
    }
    case "object_id": {
      const space = fc["space"], type = fc["type"];
      if (typeof space !== "number" || typeof type !== "number") fail(where, "object_id needs space and type");
      return { kind, space, type };
    }
    case "object_id_type": {
      const space = fc["space"], type = fc["type"];
      if (space === undefined && type === undefined) return { kind };
      if (!Number.isInteger(space) || !Number.isInteger(type)) fail(where, "object_id_type takes both space and type, or neither");
      return { kind, space: space as number, type: type as number };
    }
    case "enum": {
      const values = fc["values"];
      if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== "string")) fail(where, "enum needs x-fc.values, a list of names");
      const names = values as string[];
      if (new Set(names).size !== names.length) fail(where, "duplicate enum value");
      const e = s["enum"];
      if (s["type"] !== "string" || !Array.isArray(e) || e.length !== names.length || e.some((v, i) => v !== names[i]))
        fail(where, "an enum is a string schema whose enum lists x-fc.values in the same order");
      return { kind, values: names };
    }
    case "struct": {
      const fields = fc["fields"], props = s["properties"];
      const required = (s["required"] ?? []) as Json[];
      if (!Array.isArray(fields) || !isObj(props)) fail(where, "struct needs x-fc.fields and properties");
      if (s["type"] !== "object" || s["additionalProperties"] !== false) fail(where, "struct must be a closed object");
      const names = fields.map(String);
      if (new Set(names).size !== names.length) fail(where, "duplicate field");
      const keys = Object.keys(props);
      if (keys.length !== names.length || keys.some((k, i) => k !== names[i]))
        fail(where, "properties must list exactly the x-fc.fields, in the same order");
      for (const r of required) if (!names.includes(String(r))) fail(where, `required ${String(r)} is not a field`);
      return {
        kind,
        fields: names.map((name) => {
          const p = props[name] as Schema;
          const optional = !required.includes(name);
          const f: StructField = { name, type: sub(p, `${where}.${name}`), optional };
          if (!("default" in p)) return f;
          if (optional) fail(`${where}.${name}`, "an optional field has no default");
          return { ...f, default: p["default"]! };
        }),
      };
    }
    case "extension": {
      const members = fc["members"], props = s["properties"];
      if (!Array.isArray(members) || !isObj(props)) fail(where, "extension needs x-fc.members and properties");
      if (s["type"] !== "object" || s["additionalProperties"] !== false || "required" in s)
        fail(where, "extension must be a closed object with no required members");
      const names = members.map(String);
      const keys = Object.keys(props);
      if (keys.length !== names.length || keys.some((k, i) => k !== names[i]))
        fail(where, "properties must list exactly the x-fc.members, in the same order");
      return { kind, members: names.map((name) => ({ name, type: sub(props[name], `${where}.${name}`) })) };
    }
    case "static_variant": {
      const alts = s["oneOf"];
      if (!Array.isArray(alts) || alts.length === 0) fail(where, "static_variant needs oneOf");
      return {
        kind,
        alternatives: alts.map((a, i) => {
          const w = `${where}.oneOf[${i}]`;
          if (!isObj(a)) fail(w, "expected a schema");
          const [tag, value] = twoItems(a, w);
          if (tag["const"] !== i) fail(w, `alternative ${i} must have the constant tag ${i}`);
          return sub(value, w);
        }),
      };
    }
    case "vector":
    case "flat_set": {
      if (s["type"] !== "array") fail(where, `${kind} is an array`);
      if ((kind === "flat_set") !== (s["uniqueItems"] === true)) fail(where, "uniqueItems marks exactly the flat_sets");
      return { kind, item: sub(s["items"], `${where}[]`) };
    }
    case "flat_map": {
      if (s["type"] !== "array" || !isObj(s["items"])) fail(where, "flat_map is an array of pairs");
      const [k, v] = twoItems(s["items"], `${where}[]`);
      return { kind, key: sub(k, `${where}[][0]`), value: sub(v, `${where}[][1]`) };
    }
    case "pair": {
      const [a, b] = twoItems(s, where);
      return { kind, first: sub(a, `${where}[0]`), second: sub(b, `${where}[1]`) };
    }
    default:
      return fail(where, `unknown x-fc kind ${kind}${isDef ? "" : ""}`);
  }
}

/** Rewrites every "[../dir/]file.json#/$defs/x" into "#/$defs/x" so that all defs live in one document. */
function localizeRefs(x: Json): Json {
  if (Array.isArray(x)) return x.map(localizeRefs);
  if (!isObj(x)) return x;
  const out: Schema = {};
  for (const [k, v] of Object.entries(x)) {
    out[k] = k === "$ref" && typeof v === "string" ? v.replace(/^[^#]*#/, "#") : localizeRefs(v);
  }
  return out;
}

/** The $id of the bundled schema; validators refer to its defs as `${BUNDLE_ID}#/$defs/name`. */
export const BUNDLE_ID = "btsref.json";

export function bundle(spec: Spec): Schema {
  const $defs: Schema = {};
  for (const name of [...spec.defs.keys()].sort()) $defs[name] = localizeRefs(spec.defs.get(name)!.schema);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: BUNDLE_ID,
    title: "btsref types",
    description: "All of spec/protocol and spec/chain in one document (generated).",
    $defs,
  };
}
