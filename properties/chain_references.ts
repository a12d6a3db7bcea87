// No dangling object reference: every object id held by a chain object names an object that exists. The
// id fields are found from the object schemas (spec/chain through the codec table), so a new object type or
// field is covered without listing it here. Only the fields where bitshares-core itself keeps ids it never
// looked up are left out, each with the code that shows it.
import { TABLES } from "../generated/codec-tables.js";
import type { TableNode, TypeRef } from "../src/codec/table.js";
import type { Database } from "../src/db/database.js";
import { IMPL_OBJECT_TYPES as I } from "../src/protocol/config.js";

/** Object fields (type.path, path as walked below) whose ids bitshares-core never checks. */
export const UNCHECKED_FIELDS: ReadonlySet<string> = new Set([
  // The transactions as pushed, kept for duplicate detection: objects they named may be gone since.
  "transaction_history_object.trx",
  // proposal_create_evaluator::do_evaluate validates the proposed operations and collects their required
  // authorities without looking any object up; the required approvals are those authorities' accounts,
  // so a proposal may wait on an account that does not exist (it can only expire).
  "proposal_object.proposed_transaction",
  "proposal_object.required_active_approvals",
  "proposal_object.required_owner_approvals",
  // BSIP 40 restriction arguments are values to compare operation fields with, not references.
  "custom_authority_object.restrictions",
  // asset_create/asset_update store the market lists as given (asset_evaluator.cpp); they are only
  // searched (market_evaluator.cpp, liquidity_pool_evaluator.cpp).
  "asset_object.options.whitelist_markets",
  "asset_object.options.blacklist_markets",
  // Likewise the fee-sharing whitelist (searched in db_market.cpp pay_market_fees).
  "asset_object.options.extensions.whitelist_market_fee_sharing",
  // evaluate_buyback_account_options (buyback.cpp) looks up asset_to_buy only; allowed_assets is the
  // buyback markets plus that asset.
  "account_object.allowed_assets",
  // GRAPHENE_FBA_STEALTH_DESIGNATED_ASSET (config.hpp) is asset 1.3.743 of the main network.
  "fba_accumulator_object.designated_asset",
]);

/** Ids of these tables are not objects of the chain database (account_history_object: the history plugin's). */
const FOREIGN_TABLES: ReadonlySet<string> = new Set([`2.${I.account_history}`]);

/** A walker of one type: reports each id it holds, with its path when `p` is given (paths are built only
 *  for objects found to hold a dangling id, which keeps the common walk free of string building). */
type Walker = (value: unknown, p: string | undefined, report: (id: string, path: string | undefined) => void) => void;

const NOTHING: Walker = () => {};
const walkers = new Map<string, Walker>();
const sub = (p: string | undefined, s: string): string | undefined => (p === undefined ? undefined : p + s);

/** The walker of a def (memoized per field context). */
function named(name: string, context: string): Walker {
  const key = `${context}|${name}`;
  const hit = walkers.get(key);
  if (hit) return hit;
  // A recursive def meets itself through this forwarder while it is being compiled.
  let built: Walker | undefined;
  walkers.set(key, (v, p, r) => built!(v, p, r));
  built = compile(TABLES[name]!, context);
  walkers.set(key, built);
  return built;
}

const ref = (t: TypeRef, context: string): Walker => (typeof t === "string" ? named(t, context) : compile(t, context));

/** `context` is "type.path" of the field being compiled (without indices), to match UNCHECKED_FIELDS. */
function compile(node: TableNode, context: string): Walker {
  switch (node.kind) {
    case "object_id":
      return (v, p, r) => r(v as string, p);
    case "object_id_type":
      return node.space === undefined ? NOTHING : (v, p, r) => r(v as string, p);
    case "alias":
      return ref(node.target, context);
    case "struct":
    case "extension": {
      const members = node.kind === "struct" ? node.fields : node.members;
      const fields = members.map((f) => {
        const ctx = `${context}.${f.name}`;
        return [f.name, `.${f.name}`, UNCHECKED_FIELDS.has(ctx) ? NOTHING : ref(f.type, ctx)] as const;
      }).filter(([, , w]) => w !== NOTHING);
      if (fields.length === 0) return NOTHING;
      return (v, p, r) => {
        const o = v as Record<string, unknown>;
        for (const [name, dot, w] of fields) if (o[name] !== undefined) w(o[name], sub(p, dot), r);
      };
    }
    case "static_variant": {
      const alts = node.alternatives.map((a) => ref(a, context));
      if (alts.every((w) => w === NOTHING)) return NOTHING;
      return (v, p, r) => {
        const [tag, value] = v as [number, unknown];
        alts[tag]?.(value, sub(p, "[1]"), r);
      };
    }
    case "vector":
    case "flat_set": {
      const item = ref(node.item, context);
      if (item === NOTHING) return NOTHING;
      return (v, p, r) => (v as unknown[]).forEach((x, i) => item(x, sub(p, `[${i}]`), r));
    }
    case "flat_map": {
      const k = ref(node.key, context), val = ref(node.value, context);
      if (k === NOTHING && val === NOTHING) return NOTHING;
      return (v, p, r) => (v as [unknown, unknown][]).forEach(([x, y], i) => { k(x, sub(p, `[${i}][0]`), r); val(y, sub(p, `[${i}][1]`), r); });
    }
    case "pair": {
      const a = ref(node.first, context), b = ref(node.second, context);
      if (a === NOTHING && b === NOTHING) return NOTHING;
      return (v, p, r) => { const [x, y] = v as [unknown, unknown]; a(x, sub(p, "[0]"), r); b(y, sub(p, "[1]"), r); };
    }
    default:
      return NOTHING;
  }
}

/** The walker of an object type's fields other than its own `id`. */
function objectWalker(objectType: string): Walker {
  const node = TABLES[objectType];
  if (node?.kind !== "struct") throw new Error(`${objectType} is not a struct`);
  return compile({ kind: "struct", fields: node.fields.filter((f) => f.name !== "id") }, objectType);
}

const objectWalkers = new Map<string, Walker>();

const isDangling = (db: Database, id: string): boolean =>
  db.find(id) === undefined && !FOREIGN_TABLES.has(id.slice(0, id.lastIndexOf(".")));

/** Every id held by an object of `db` that names no object: "1.2.17.registrar -> 1.2.99". */
export function danglingReferences(db: Database): string[] {
  const out: string[] = [];
  for (const spec of db.specs) {
    if (spec === undefined) continue;
    let w = objectWalkers.get(spec.objectType);
    if (w === undefined) objectWalkers.set(spec.objectType, (w = objectWalker(spec.objectType)));
    if (w === NOTHING) continue;
    for (const o of db.all(spec.space, spec.type)) {
      let dangling = false;
      w(o, undefined, (id) => { if (isDangling(db, id)) dangling = true; });
      if (dangling) w(o, o.id, (id, path) => { if (isDangling(db, id)) out.push(`${path} -> ${id}`); });
    }
  }
  return out;
}
