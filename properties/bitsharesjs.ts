// bitsharesjs (npm 6.0.3, the latest release) as an oracle for the codec, and every place it departs from
// bitshares-core, by name and with its reason. Each departure is either excluded from generation here or
// constrained so that both encoders must agree; the excluded cases are covered by hand-checked vectors in
// src/codec/vectors.test.ts. References are to bitsharesjs lib/serializer/src (operations.js, types.js)
// and bitshares-core libraries/protocol.
import { createRequire } from "node:module";
import fc from "fast-check";
import { TABLES } from "../generated/codec-tables.js";
import type { Json, TableNode, TypeRef } from "../src/codec/table.js";
import { publicKeyPool, type Constraints } from "./arbitraries.js";

const require = createRequire(import.meta.url);

interface BjsSerializer {
  fromObject(o: unknown): unknown;
  toBuffer(o: unknown): Buffer;
}
const bjs = require("bitsharesjs") as { ops: Record<string, BjsSerializer | undefined> };
// bitsharesjs rejects every key whose prefix is not ChainConfig's (default "CBA").
(require("bitsharesjs-ws") as { ChainConfig: { setPrefix(p: string): void } }).ChainConfig.setPrefix("BTS");

/** Operations whose bytes always differ: bitsharesjs's field list is not bitshares-core's. */
export const EXCLUDED_OPERATIONS: Readonly<Record<string, string>> = {
  fill_order_operation: "bitsharesjs lacks fill_price and is_maker (core market.hpp FC_REFLECT)",
  asset_settle_cancel_operation: "bitsharesjs adds an extensions field core does not have (core asset_ops.hpp FC_REFLECT)",
  fba_distribute_operation: "fba_id is an 8-byte object_id_type in core, a varint protocol id in bitsharesjs",
  htlc_redeemed_operation: "bitsharesjs lacks redeemer, htlc_preimage_hash, htlc_preimage_size and preimage",
  htlc_refund_operation: "bitsharesjs lacks original_htlc_recipient, htlc_amount, htlc_preimage_hash and htlc_preimage_size",
  liquidity_pool_update_operation: "operation 75 is not in bitsharesjs",
  credit_deal_update_operation: "operation 76 is not in bitsharesjs",
  limit_order_update_operation: "operation 77 is not in bitsharesjs",
};

/** Types bitsharesjs names but cannot encode at all: Serializers declared without a field object throw. */
export const EXCLUDED_TYPES: Readonly<Record<string, string>> = {
  void_result: "declared without a field object: throws (bitsharesjs serializer.js reads keys.length)",
  refund_worker_initializer: "same",
  burn_worker_initializer: "same",
  "fill_order_operation::fee_params_t": "same",
  "balance_claim_operation::fee_params_t": "same",
  "asset_settle_cancel_operation::fee_params_t": "same",
  "fba_distribute_operation::fee_params_t": "same",
  "execute_bid_operation::fee_params_t": "same",
};

/** extension<T> fields that bitsharesjs declares as set(future_extensions): it drops every member silently. */
export const EMPTY_EXTENSIONS: Readonly<Record<string, string>> = {
  "account_create_operation::ext": "bitsharesjs: set(future_extensions); owner/active special authority and buyback options are dropped",
  "account_update_operation::ext": "bitsharesjs: set(future_extensions); special authorities are dropped",
  "limit_order_create_operation::options_type": "bitsharesjs: set(future_extensions); on_fill is dropped",
  "asset_update_operation::ext": "bitsharesjs: set(future_extensions); new_precision and skip_core_exchange_rate are dropped",
  "asset_publish_feed_operation::ext": "bitsharesjs: set(future_extensions); initial_collateral_ratio is dropped",
  "htlc_create_operation::additional_options_type": "bitsharesjs: set(future_extensions); memo is dropped",
  "credit_offer_accept_operation::ext": "bitsharesjs: set(future_extensions); auto_repay is dropped",
  "chain_parameters::ext": "bitsharesjs: set(future_extensions); htlc, custom authority and market fee options are dropped",
  extensions_type: "bitsharesjs's set(void) throws on any element, e.g. [[0,{}]]",
};

function excludedOperationTags(): Record<number, string> {
  const node = TABLES["operation"];
  if (node?.kind !== "static_variant") throw new Error("operation must be a static_variant");
  const ops = node.alternatives as string[];
  return Object.fromEntries(ops.flatMap((name, tag) => (name in EXCLUDED_OPERATIONS ? [[tag, EXCLUDED_OPERATIONS[name]!]] : [])));
}

/** static_variant alternatives bitsharesjs lacks or cannot encode. */
export const EXCLUDED_ALTERNATIVES: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  operation: excludedOperationTags(),
  fee_parameters: {
    4: "empty Serializer without a field object throws", 37: "same", 42: "same", 44: "same", 46: "same",
    75: "missing in bitsharesjs", 76: "missing in bitsharesjs", 77: "missing in bitsharesjs",
  },
  operation_result: {
    0: "void_result Serializer has no field object and throws",
    3: "generic_operation_result missing", 4: "generic_exchange_operation_result missing", 5: "extendable_operation_result missing",
  },
  vesting_policy_initializer: { 2: "instant_vesting_policy_initializer missing" },
  worker_initializer: { 0: "refund_worker_initializer Serializer throws", 2: "burn_worker_initializer Serializer throws" },
  htlc_hash: { 3: "hash160 missing" },
  "restriction::argument_type": {
    0: "void_t maps to void_result, which throws",
    21: "flat_set<int64_t> is sorted as strings ([10,9,-1] -> -1,10,9); covered by a vector",
    39: "array(restriction) captures restriction before it exists and throws",
    40: "same as 39",
    41: "variant_assert_argument_type missing",
  },
};

/**
 * Vectors that bitsharesjs sorts (core keeps vector order): the differential test gives both encoders the
 * same input already in bitsharesjs's order, so its sort is a no-op.
 */
const BJS_VECTOR_ORDER: Readonly<Record<string, Readonly<Record<string, (item: Json) => string | number>>>> = {
  proposal_create_operation: { proposed_ops: (w) => `${String(((w as { op: Json[] }).op)[0])},[object Object]` },
  signed_transaction: { signatures: (s) => s as string },
  precomputable_transaction: { signatures: (s) => s as string },
  processed_transaction: { signatures: (s) => s as string },
  signed_block: { transactions: (t) => (t as { ref_block_num: number }).ref_block_num },
  custom_authority_create_operation: { restrictions: (r) => String((r as { member_index: Json }).member_index) },
  custom_authority_update_operation: { restrictions_to_add: (r) => String((r as { member_index: Json }).member_index) },
  transfer_to_blind_operation: { outputs: (o) => (o as { commitment: string }).commitment },
  blind_transfer_operation: {
    inputs: (i) => (i as { commitment: string }).commitment,
    outputs: (o) => (o as { commitment: string }).commitment,
  },
  transfer_from_blind_operation: { inputs: (i) => (i as { commitment: string }).commitment },
};

/** Object-id spaces bitsharesjs cannot name ("1.17.x" custom authority, "1.9.x" custom): it takes bare instances. */
const BARE_INSTANCE_TYPES = new Set([9, 17]);

/** Generation constraints under which bitsharesjs must produce bitshares-core's bytes. */
export function bitsharesjsConstraints(): Constraints {
  return {
    depth: 3,
    maxLength: 3,
    // writeVarint32 wraps object-id instances mod 2^32 (core allows 48 bits).
    maxInstance: 2n ** 32n - 1n,
    // bitsharesjs decodes the point with ecurve: only valid compressed keys survive unchanged.
    publicKey: fc.constantFrom(...publicKeyPool()),
    // address_auths sort by the base58 string; that equals core's byte order when all strings have one length.
    address: fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => {
      b[0] = Math.max(b[0]!, 0x0b);
      return Buffer.from(b).toString("hex");
    }),
    tags: (variant, count) => {
      const excluded = EXCLUDED_ALTERNATIVES[variant] ?? {};
      return Array.from({ length: count }, (_, i) => i).filter((i) => !(i in excluded));
    },
    override: (name) => {
      if (name === "extensions_type") return fc.constant([]);
      if (name in EMPTY_EXTENSIONS) return fc.constant({});
      return undefined;
    },
  };
}

/** Walks JSON of a type with its table node, letting `visit` rewrite struct fields and leaves. */
function walk(ref: TypeRef, j: Json, visit: { field?: (struct: string, field: string, v: Json) => Json; leaf?: (n: TableNode, v: Json) => Json }, owner?: string): Json {
  const node = typeof ref === "string" ? TABLES[ref]! : ref;
  const name = typeof ref === "string" ? ref : owner;
  switch (node.kind) {
    case "alias": return walk(node.target, j, visit, name);
    case "struct": {
      const o = j as Record<string, Json>;
      const out: Record<string, Json> = {};
      for (const f of node.fields) {
        if (o[f.name] === undefined) continue;
        const v = walk(f.type, o[f.name]!, visit);
        out[f.name] = visit.field && name ? visit.field(name, f.name, v) : v;
      }
      return out;
    }
    case "extension": {
      const o = j as Record<string, Json>;
      const out: Record<string, Json> = {};
      for (const m of node.members) if (o[m.name] !== undefined) out[m.name] = walk(m.type, o[m.name]!, visit);
      return out;
    }
    case "static_variant": {
      const [t, v] = j as [number, Json];
      return [t, walk(node.alternatives[t]!, v, visit)];
    }
    case "vector": case "flat_set": return (j as Json[]).map((x) => walk(node.item, x, visit));
    case "flat_map": return (j as [Json, Json][]).map(([k, v]) => [walk(node.key, k, visit), walk(node.value, v, visit)]);
    case "pair": return [walk(node.first, (j as Json[])[0]!, visit), walk(node.second, (j as Json[])[1]!, visit)];
    default: return visit.leaf ? visit.leaf(node, j) : j;
  }
}

/** Puts the vectors bitsharesjs sorts into its order (stable), in the input both encoders get. */
export function inBitsharesjsOrder(type: string, j: Json): Json {
  return walk(type, j, {
    field: (struct, field, v) => {
      const key = BJS_VECTOR_ORDER[struct]?.[field];
      if (!key) return v;
      return [...(v as Json[])].map((x, i) => ({ x, i, k: key(x) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i)).map((e) => e.x);
    },
  });
}

/** The JSON bitsharesjs accepts for bitshares-core JSON: bare instances where it cannot name the id type. */
function forBitsharesjs(type: string, j: Json): Json {
  return walk(type, j, {
    leaf: (n, v) => (n.kind === "object_id" && BARE_INSTANCE_TYPES.has(n.type) ? (v as string).split(".")[2]! : v),
  });
}

/** bitsharesjs's name for one of our types, when it has one. */
export function bitsharesjsName(type: string): string | undefined {
  const name = type === "operation" ? "op_wrapper" : type.replace(/_operation::fee_params_t$/, "_operation_fee_parameters").replace(/_operation$/, "");
  return bjs.ops[name] ? name : undefined;
}

/** bitsharesjs's bytes for bitshares-core JSON of a type. */
export function bitsharesjsEncode(type: string, json: Json): Uint8Array {
  const name = bitsharesjsName(type);
  if (!name) throw new Error(`bitsharesjs has no serializer for ${type}`);
  const s = bjs.ops[name]!;
  // fromObject sorts arrays in place: give it its own copy.
  const input = structuredClone(forBitsharesjs(type, json)) as Json;
  return new Uint8Array(s.toBuffer(s.fromObject(type === "operation" ? { op: input } : input)));
}
