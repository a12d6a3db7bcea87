// Cross-checks spec/chain against a bitshares-core checkout: every struct def's field list must equal the
// FC_REFLECT / FC_REFLECT_DERIVED field list of the C++ type of the same name (a type derived from
// graphene::db::object starts with its `id`, a type derived from another reflected type starts with the
// base's fields), every enum def must list the FC_REFLECT_ENUM names, every x-object must be the object's
// abstract_object<..., space, type>, and every database object of libraries/chain must have a def.
// Field types are compared by spelling: the C++ declaration (namespaces dropped, std::set read as
// flat_set) against the spec's def names. Any difference makes the exit code 1.
//   npx tsx tools/codegen/check-reflect.ts /path/to/bitshares-core
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SPEC_DIRS } from "./main.js";
import { loadSpec } from "./spec.js";
import type { TableNode, TypeRef } from "../../src/codec/table.js";

const core = process.argv[2];
if (!core) {
  console.error("usage: check-reflect.ts <bitshares-core checkout>");
  process.exit(2);
}

/** Removes // and /* *\/ comments (string literals in these headers hold no comment markers). */
const stripComments = (s: string): string => s.replace(/\/\*[\s\S]*?\*\//g, " ").replace(/\/\/[^\n]*/g, "");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (/\.(hpp|cpp)$/.test(e.name)) out.push(p);
  }
  return out;
}

/** The text between the parenthesis at `open` and its match. */
function balanced(s: string, open: number): string {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === "(") depth++;
    else if (s[i] === ")" && --depth === 0) return s.slice(open + 1, i);
  }
  throw new Error("unbalanced parentheses");
}

const seq = (s: string): string[] => [...s.matchAll(/\(\s*([A-Za-z_]\w*)\s*\)/g)].map((m) => m[1]!);
const shortName = (n: string): string => n.trim().replace(/^graphene::(chain|protocol|db)::/, "");

interface Reflected { base?: string; fields: string[]; file: string }
const reflected = new Map<string, Reflected>();
const enums = new Map<string, string[]>();
const objectIds = new Map<string, string>(); // class -> "space.type"
const text = new Map<string, string>();

const libs = join(core, "libraries");
const files = [...sources(join(libs, "chain")), ...sources(join(libs, "protocol")), ...sources(join(libs, "db"))];
for (const f of files) text.set(f, stripComments(readFileSync(f, "utf8")));

// Object type enums: GRAPHENE_DEFINE_IDS(ns, space, prefix, (a)(b)...) numbers the names from 0.
const typeNumber = new Map<string, number>();
for (const [, t] of text) {
  for (const m of t.matchAll(/GRAPHENE_DEFINE_IDS\s*\(/g)) {
    const args = balanced(t, m.index! + m[0].length - 1);
    const head = /^\s*\w+\s*,\s*(\w+)\s*,\s*(\w*)\s*,/.exec(args);
    if (!head) continue;
    seq(args.slice(head[0].length)).forEach((n, i) => typeNumber.set(`${head[2]}${n}_object_type`, i));
  }
}
const SPACES: Record<string, number> = { protocol_ids: 1, implementation_ids: 2 };

for (const [f, t] of text) {
  for (const m of t.matchAll(/\bFC_REFLECT(_DERIVED_NO_TYPENAME|_DERIVED|_ENUM|_EMPTY)?\s*\(/g)) {
    const args = balanced(t, m.index! + m[0].length - 1);
    const comma = args.indexOf(",");
    const name = shortName(comma < 0 ? args : args.slice(0, comma));
    if (name.includes("BOOST_PP") || name.includes("id_namespace")) continue; // macro bodies
    const rest = comma < 0 ? "" : args.slice(comma + 1);
    if (m[1] === "_ENUM") { enums.set(name, seq(rest)); continue; }
    if (m[1] === "_EMPTY") { reflected.set(name, { fields: [], file: f }); continue; }
    if (m[1]?.startsWith("_DERIVED")) {
      const b = rest.trim();
      const baseEnd = b.startsWith("BOOST_PP_SEQ_NIL") ? "BOOST_PP_SEQ_NIL".length : balanced(b, 0).length + 2;
      const base = b.startsWith("BOOST_PP_SEQ_NIL") ? undefined : shortName(balanced(b, 0));
      reflected.set(name, { ...(base ? { base } : {}), fields: seq(b.slice(baseEnd)), file: f });
    } else {
      reflected.set(name, { fields: seq(rest), file: f });
    }
  }
  for (const m of t.matchAll(/class\s+(\w+)\s*:\s*public\s+(?:graphene::db::)?abstract_object\s*<\s*\w+\s*,\s*(\w+)\s*,\s*(\w+)\s*>/g)) {
    const space = SPACES[m[2]!], type = typeNumber.get(m[3]!);
    if (space !== undefined && type !== undefined) objectIds.set(m[1]!, `${space}.${type}`);
  }
}
reflected.set("object", { fields: ["id"], file: "db/object.hpp" });

/** The full field list of a reflected type, bases first. */
function fieldsOf(name: string): string[] | undefined {
  const r = reflected.get(name);
  if (!r) return undefined;
  if (!r.base) return r.fields;
  const base = r.base === "db::object" || r.base === "chain::object" ? ["id"] : fieldsOf(r.base);
  return base ? [...base, ...r.fields] : undefined;
}

// ------------------------------------------------------------------ field types

/** The C++ declaration of `field` inside the class named `cls` (the text before the name, normalized). */
function declaredType(cls: string, field: string): string | undefined {
  const last = cls.split("::").pop()!;
  for (const [, t] of text) {
    const start = new RegExp(`(?:class|struct)\\s+${last}\\b[^;{]*\\{`).exec(t);
    if (!start) continue;
    const body = t.slice(start.index, start.index + 40000);
    // A member declaration: no parentheses before the name (skips constructor parameters and code).
    // Take the first match that reads as a type (statements such as `return x;` do not).
    for (const m of body.matchAll(new RegExp(`([^;{}()]*?)\\b${field}(?=\\s*(?:=[^;]*|\\{[^;]*\\})?;)`, "g"))) {
      const t = normalizeCpp(m[1]!.replace(/^[\s\S]*\b(?:public|private|protected)\s*:/, ""));
      if (/^[A-Za-z_][\w:<>,]*$/.test(t) && !/^(?:return|else)$/.test(t)) return t;
    }
  }
  return undefined;
}

function normalizeCpp(t: string): string {
  return t
    .replace(/\b(?:fc|std|graphene::protocol|graphene::chain|graphene::db|protocol|chain|boost::container|ecc)::/g, "")
    .replace(/\bset</g, "flat_set<")
    .replace(/\bmap</g, "flat_map<")
    .replace(/\bmutable\b|\bconst\b/g, "")
    .replace(/\s+/g, "");
}

/** The spec type of a field in the same spelling. */
function specType(ref: TypeRef, optional = false): string {
  const inner = ((): string => {
    if (typeof ref === "string") return ref;
    const n = ref as TableNode;
    switch (n.kind) {
      case "vector": return `vector<${specType(n.item)}>`;
      case "flat_set": return `flat_set<${specType(n.item)}>`;
      case "flat_map": return `flat_map<${specType(n.key)},${specType(n.value)}>`;
      case "pair": return `pair<${specType(n.first)},${specType(n.second)}>`;
      case "object_id_type": return "object_id_type";
      default: return `[${n.kind}]`;
    }
  })();
  return optional ? `optional<${inner}>` : inner;
}

/** Nested C++ names are written unqualified inside their class: compare "a::b::c" as "c". */
const unqualified = (t: string): string => t.replace(/\b(?:\w+::)+(\w+)/g, "$1");
const same = (cpp: string, spec: string): boolean => cpp === spec || unqualified(cpp) === unqualified(spec);

// ------------------------------------------------------------------ compare

const spec = loadSpec(...SPEC_DIRS);
const chainDefs = [...spec.defs.values()].filter((d) => d.file.startsWith("chain/"));
const problems: string[] = [];
let structs = 0, enumsChecked = 0, fieldsChecked = 0;

let ids = 0;
for (const d of chainDefs) {
  if (d.node.kind === "object_id") {
    // chain/types.hpp GRAPHENE_DEFINE_IDS: X_id_type is object_id<implementation_ids, impl_X_object_type>.
    ids++;
    const type = typeNumber.get(`impl_${d.name.replace(/_id_type$/, "")}_object_type`);
    if (d.node.space !== 2 || d.node.type !== type) problems.push(`${d.name}: ${d.node.space}.${d.node.type}, C++ 2.${type}`);
    continue;
  }
  if (d.node.kind === "enum") {
    const cpp = enums.get(d.name);
    enumsChecked++;
    if (!cpp) problems.push(`${d.name}: no FC_REFLECT_ENUM of that name`);
    else if (cpp.join(",") !== d.node.values.join(",")) problems.push(`${d.name}: enum ${d.node.values.join(",")} != C++ ${cpp.join(",")}`);
    continue;
  }
  if (d.node.kind !== "struct") continue;
  structs++;
  const cpp = fieldsOf(d.name);
  const mine = d.node.fields.map((f) => f.name);
  if (!cpp) { problems.push(`${d.name}: no FC_REFLECT of that name`); continue; }
  if (cpp.join(",") !== mine.join(",")) problems.push(`${d.name}: fields\n    spec ${mine.join(",")}\n    C++  ${cpp.join(",")}`);
  if (d.object) {
    const id = objectIds.get(d.name);
    if (id !== `${d.object.space}.${d.object.type}`) problems.push(`${d.name}: x-object ${d.object.space}.${d.object.type}, C++ ${id}`);
  }
  for (const f of d.node.fields) {
    fieldsChecked++;
    if (f.name === "id" && d.object) continue;
    const base = reflected.get(d.name)?.base;
    const cppType = declaredType(d.name, f.name) ?? (base ? declaredType(base, f.name) : undefined);
    const s = specType(f.type, f.optional);
    if (!cppType || !same(cppType, s)) problems.push(`${d.name}.${f.name}: C++ type ${cppType ?? "?"}, spec ${s}`);
  }
}

// Every database object of libraries/chain needs a def with x-object.
const covered = new Set(chainDefs.filter((d) => d.object).map((d) => d.name));
for (const [cls, id] of objectIds) {
  if (!covered.has(cls)) problems.push(`${cls} (${id}): no def with x-object in spec/chain`);
}
const objects = chainDefs.filter((d) => d.object).length;

console.log(
  `checked ${structs} structs (${fieldsChecked} fields), ${enumsChecked} enums, ${ids} ids, ${objects} objects of ${objectIds.size} in libraries/chain`,
);
if (problems.length) {
  console.log(`\n${problems.length} mismatches:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log("\n0 mismatches");
