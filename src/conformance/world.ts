// The generator's side of a pre-state: a Chain whose every step is recorded as it is taken, operations
// written as JSON with "@name" for account ids, "#SYMBOL" for asset ids and "$n" for the n-th object
// created so far (by the recorder's operations), fees set from the schedule, and every transaction signed
// by the keys of its signers' seeds (sha256 of the seed). The world set-up shared by the apply vectors is
// built here too.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { type Json, fromJson, zero } from "../codec/index.js";
import { SKIP, type TransactionApplied } from "../chain/index.js";
import { defaultChainParameters } from "../chain/defaults.js";
import { referenceBlock } from "../crypto/digests.js";
import { addressOf, publicKeyOf, secretFromSeed } from "../crypto/keys.js";
import { signTransaction } from "../crypto/transaction.js";
import { bytesToHex } from "../codec/hex.js";
import {
  DEFAULT_MAX_CUSTOM_AUTHORITIES_PER_ACCOUNT, DEFAULT_MAX_CUSTOM_AUTHORITIES_PER_ACCOUNT_OP, DEFAULT_MAX_CUSTOM_AUTHORITY_LIFETIME_SECONDS,
  DEFAULT_MAX_CUSTOM_AUTHORITY_RESTRICTIONS, DEFAULT_UIA_ASSET_ISSUER_PERMISSION, IMPL_OBJECT_TYPES, MAX_SHARE_SUPPLY, OBJECT_TYPES,
} from "../protocol/config.js";
import type { ChainError } from "../protocol/errors.js";
import { defaultFeeSchedule, setFee } from "../protocol/fees/index.js";
import { TABLES } from "../../generated/codec-tables.js";
import { Chain } from "./chain.js";
import type { Setup, Step } from "./format.js";
import { json } from "./state.js";

export const GENESIS_TIME = 1431700000; // database_fixture's GRAPHENE_TESTING_GENESIS_TIMESTAMP
export const DAY = 86400;
export const keyOf = (seed: string): string => bytesToHex(E.getOrElseW(() => { throw new Error("bad seed"); })(publicKeyOf(secretFromSeed(seed))));
/** A seed's public key as JSON ("BTS..."). */
export const pubJson = (seed: string): Json => json("public_key_type", keyOf(seed));
const addressOfSeed = (seed: string): string => bytesToHex(addressOf(secretKeyPub(seed)));
const secretKeyPub = (seed: string): Uint8Array => E.getOrElseW(() => { throw new Error("bad seed"); })(publicKeyOf(secretFromSeed(seed)));

export const OPERATION_NAMES: readonly string[] = (() => {
  const node = TABLES["operation"];
  if (node?.kind !== "static_variant") throw new Error("operation is a static_variant");
  return node.alternatives as string[];
})();

/** database_fixture's genesis (ten init accounts and witnesses keyed by sha256("null_key")) with the
 *  default fee schedule, the HTLC and custom authority options set, and two genesis balances: null_key's,
 *  which funds the world, and k0's, left for balance_claim. */
export function worldGenesis(): T.GenesisStateType {
  const key = keyOf("null_key");
  const names = Array.from({ length: 10 }, (_, i) => `init${i}`);
  const p = defaultChainParameters(defaultFeeSchedule());
  return {
    initial_timestamp: GENESIS_TIME, max_core_supply: MAX_SHARE_SUPPLY,
    initial_parameters: {
      ...p, extensions: {
        ...p.extensions,
        updatable_htlc_options: { max_timeout_secs: 28 * DAY, max_preimage_size: 19200 },
        custom_authority_options: {
          max_custom_authority_lifetime_seconds: DEFAULT_MAX_CUSTOM_AUTHORITY_LIFETIME_SECONDS, max_custom_authorities_per_account: DEFAULT_MAX_CUSTOM_AUTHORITIES_PER_ACCOUNT,
          max_custom_authorities_per_account_op: DEFAULT_MAX_CUSTOM_AUTHORITIES_PER_ACCOUNT_OP, max_custom_authority_restrictions: DEFAULT_MAX_CUSTOM_AUTHORITY_RESTRICTIONS,
        },
      },
    },
    initial_accounts: names.map((name) => ({ name, owner_key: key, active_key: key, is_lifetime_member: true })),
    initial_assets: [],
    initial_balances: [
      { owner: addressOfSeed("null_key"), asset_symbol: "BTS", amount: 10n ** 14n },
      { owner: addressOfSeed("k0"), asset_symbol: "BTS", amount: 5n * 10n ** 9n },
    ],
    initial_vesting_balances: [], initial_active_witnesses: 10n,
    initial_witness_candidates: names.map((owner_name) => ({ owner_name, block_signing_key: key })),
    initial_committee_candidates: names.map((owner_name) => ({ owner_name })), initial_worker_candidates: [],
    immutable_parameters: { min_committee_member_count: 9, min_witness_count: 9, num_special_accounts: 0, num_special_assets: 0 },
  };
}

export class GenerationError extends Error {}

const must = <R>(r: E.Either<ChainError, R>, what: string): R => {
  if (E.isLeft(r)) throw new GenerationError(`${what}: ${r.left.exception} ${r.left.rule} at ${r.left.field}: ${r.left.message}`);
  return r.right;
};

/** A partial operation: [name, fields]; missing fields take the type's defaults. */
export type OpSpec = readonly [string, Record<string, Json>];

export class Recorder {
  readonly steps: Step[] = [];
  /** Object ids created by this recorder's operations, in order ("$0", "$1", ...). */
  readonly created: string[] = [];
  constructor(readonly chain: Chain) {}

  accountId(name: string): string {
    const a = this.chain.state.findUnique<T.AccountObject>(1, OBJECT_TYPES.account, "by_name", [name]);
    if (a === undefined) throw new GenerationError(`no account ${name}`);
    return a.id;
  }
  assetId(symbol: string): string {
    const a = this.chain.state.findUnique<T.AssetObject>(1, OBJECT_TYPES.asset, "by_symbol", [symbol]);
    if (a === undefined) throw new GenerationError(`no asset ${symbol}`);
    return a.id;
  }
  now(): number {
    return this.chain.state.find<T.DynamicGlobalPropertyObject>(`2.${IMPL_OBJECT_TYPES.dynamic_global_property}.0`)!.time;
  }

  resolve(v: Json): Json {
    if (typeof v === "string" && v.length > 1) {
      if (v[0] === "@") return this.accountId(v.slice(1));
      if (v[0] === "#") return this.assetId(v.slice(1));
      if (v[0] === "$") {
        const id = this.created[this.created.length - 1 - Number(v.slice(1))];
        if (id === undefined) throw new GenerationError(`no created object ${v}`);
        return id;
      }
      if (v[0] === "~") return new Date((this.now() + Number(v.slice(1))) * 1000).toISOString().slice(0, 19);
    }
    if (Array.isArray(v)) return v.map((x) => this.resolve(x));
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.resolve(x)]));
    return v;
  }

  /** An operation from its name and the fields that differ from the defaults (names resolved), fee from the schedule. */
  operation(spec: OpSpec, setFees = true): T.Operation {
    const [name, fields] = spec;
    const tag = OPERATION_NAMES.indexOf(`${name}_operation`);
    if (tag < 0) throw new GenerationError(`unknown operation ${name}`);
    const base = json(`${name}_operation`, E.getOrElseW(() => { throw new GenerationError(name); })(zero(`${name}_operation`))) as Record<string, Json>;
    const resolved = this.resolve(fields) as Record<string, Json>;
    const value = { ...base, ...resolved };
    if (tag === 22 && Array.isArray(value["proposed_ops"])) {
      value["proposed_ops"] = value["proposed_ops"].map((w) => ({ op: json("operation", this.operation(w as unknown as OpSpec, setFees)) }));
    }
    const op = E.getOrElseW((e: { path: string; message: string }) => { throw new GenerationError(`${name}: ${e.path}: ${e.message}`); })(fromJson("operation", [tag, value])) as T.Operation;
    if (!setFees) return op;
    const schedule = this.chain.state.find<T.GlobalPropertyObject>(`2.${IMPL_OBJECT_TYPES.global_property}.0`)!.parameters.current_fees;
    const fee = (op[1] as { fee: T.Asset }).fee;
    const cer = this.chain.state.find<T.AssetObject>(fee.asset_id)?.options.core_exchange_rate;
    return must(setFee(op, schedule, cer), `fee of ${name}`).op;
  }

  /** A transaction of `ops` referring to the head block, expiring in an hour, signed by the seeds' keys. */
  transaction(ops: readonly T.Operation[], signers: readonly string[]): T.SignedTransaction {
    const dgpo = this.chain.state.find<T.DynamicGlobalPropertyObject>(`2.${IMPL_OBJECT_TYPES.dynamic_global_property}.0`)!;
    const { ref_block_num, ref_block_prefix } = referenceBlock(dgpo.head_block_id);
    const trx = { ref_block_num, ref_block_prefix, expiration: dgpo.time + 3600, operations: [...ops], extensions: [], signatures: [] };
    const signed = signTransaction(trx as unknown as Record<string, unknown>, this.chain.chainId, signers.map((s) => secretFromSeed(s)));
    if (E.isLeft(signed)) throw new GenerationError(signed.left.message);
    return { ...trx, signatures: signed.right.signatures } as T.SignedTransaction;
  }

  /** Pushes and records a transaction that must apply. */
  push(specs: readonly OpSpec[], signers: readonly string[]): TransactionApplied {
    const trx = this.transaction(specs.map((s) => this.operation(s)), signers);
    const r = must(this.chain.pushTransaction(trx, SKIP.nothing), `set-up ${specs.map((s) => s[0]).join(",")}`);
    this.steps.push({ push_transaction: { transaction: json("signed_transaction", trx), skip: SKIP.nothing } });
    for (const res of r.result.operation_results) this.noteCreated(res);
    return r;
  }

  noteCreated(res: T.OperationResult): void {
    if (res[0] === 1) this.created.push(res[1] as string);
    if (res[0] === 3 || res[0] === 5) for (const id of ((res[1] as { new_objects?: string[] }).new_objects ?? [])) this.created.push(id);
  }

  /** Makes, applies and records the next block (after `miss` empty slots). */
  block(miss = 0): T.SignedBlock {
    const b = must(this.chain.makeBlock(miss), "make block");
    must(this.chain.pushBlock(b, SKIP.nothing), "push block");
    this.steps.push({ push_block: { block: json("signed_block", b), skip: SKIP.nothing } });
    return b;
  }

  /** A recorder continuing from this one whose own steps start empty (a vector's extra steps). */
  branch(): Recorder {
    const r = new Recorder(this.chain.fork());
    r.created.push(...this.created);
    return r;
  }
}

export const ACTORS = ["alice", "bob", "carol"] as const;
export const PREIMAGE = "636f6e666f726d616e63652d707265696d616765"; // "conformance-preimage"
const B = 10n ** 5n; // one BTS in satoshis (precision 5)

/** The world the apply vectors start from, built by signed transactions in blocks:
 *  init0 claims the null_key genesis balance; alice, bob and carol are registered by init0 and funded;
 *  alice is a lifetime member; alice issues ALPHA (a UIA with override_authority and a 1% market fee) to
 *  bob and carol and funds its fee pool; alice issues SMART (a SmartCoin backed by BTS, fed by bob and
 *  carol), and bob borrows SMART. */
export function buildWorld(): { setup: Setup; recorder: Recorder } {
  const genesis = worldGenesis();
  const chain = must(Chain.fromGenesis(genesis), "genesis");
  const r = new Recorder(chain);
  r.block();
  const init0 = "@init0";
  const nullBalance = [...chain.state.all<T.BalanceObject>(1, OBJECT_TYPES.balance)].find((b) => b.owner === addressOfSeed("null_key"))!;
  r.push([["balance_claim", { fee: { amount: 0, asset_id: "1.3.0" }, deposit_to_account: init0, balance_to_claim: nullBalance.id, balance_owner_key: pubJson("null_key"), total_claimed: { amount: String(nullBalance.balance.amount), asset_id: "1.3.0" } }]], ["null_key"]);
  const auth = (seed: string): Json => ({ weight_threshold: 1, account_auths: [], key_auths: [[pubJson(seed), 1]], address_auths: [] });
  for (const name of ACTORS) {
    r.push([["account_create", {
      registrar: init0, referrer: init0, referrer_percent: 0, name, owner: auth(name), active: auth(name),
      options: { memo_key: pubJson(name), voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] },
    }]], ["null_key"]);
    r.push([["transfer", { from: init0, to: `@${name}`, amount: { amount: String(1_000_000n * B), asset_id: "1.3.0" } }]], ["null_key"]);
  }
  r.push([["account_upgrade", { account_to_upgrade: "@alice", upgrade_to_lifetime_member: true }]], ["alice"]);
  const opts = (flags: number, permissions: number, marketFee: number): Json => ({
    max_supply: "1000000000000000", market_fee_percent: marketFee, max_market_fee: "1000000000", issuer_permissions: permissions, flags,
    core_exchange_rate: { base: { amount: 1, asset_id: "1.3.0" }, quote: { amount: 1, asset_id: "1.3.1" } },
    whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
  });
  // ALPHA: charge_market_fee (0x01) | override_authority (0x04); permissions: the UIA defaults.
  r.push([["asset_create", { issuer: "@alice", symbol: "ALPHA", precision: 2, common_options: opts(0x05, DEFAULT_UIA_ASSET_ISSUER_PERMISSION, 100) }]], ["alice"]);
  r.block();
  r.push([
    ["asset_issue", { issuer: "@alice", asset_to_issue: { amount: 1_000_000, asset_id: "#ALPHA" }, issue_to_account: "@bob" }],
    ["asset_issue", { issuer: "@alice", asset_to_issue: { amount: 1_000_000, asset_id: "#ALPHA" }, issue_to_account: "@carol" }],
    ["asset_issue", { issuer: "@alice", asset_to_issue: { amount: 1_000_000, asset_id: "#ALPHA" }, issue_to_account: "@alice" }],
    ["asset_fund_fee_pool", { from_account: "@alice", asset_id: "#ALPHA", amount: String(1000n * B) }],
  ], ["alice"]);
  // SMART: charge_market_fee; permissions charge_market_fee | global_settle (0x20).
  r.push([["asset_create", {
    issuer: "@alice", symbol: "SMART", precision: 4, common_options: opts(0x01, 0x21, 0),
    bitasset_opts: { feed_lifetime_sec: 30 * DAY, minimum_feeds: 1, force_settlement_delay_sec: 3600, force_settlement_offset_percent: 100, maximum_force_settlement_volume: 2000, short_backing_asset: "1.3.0", extensions: {} },
  }]], ["alice"]);
  r.block();
  r.push([["asset_update_feed_producers", { issuer: "@alice", asset_to_update: "#SMART", new_feed_producers: ["@bob", "@carol"].map((x) => r.resolve(x)).sort() }]], ["alice"]);
  r.push([["asset_publish_feed", { publisher: "@bob", asset_id: "#SMART", feed: feed(r.assetId("SMART"), 10) }]], ["bob"]);
  r.push([["call_order_update", { funding_account: "@bob", delta_collateral: { amount: String(100_000n * B), asset_id: "1.3.0" }, delta_debt: { amount: 100_000_000, asset_id: "#SMART" } }]], ["bob"]);
  r.block();
  return { setup: { genesis: json("genesis_state_type", genesis), steps: [...r.steps] }, recorder: r };
}

/** A price feed of `coreUnits` BTS satoshis per SMART satoshi... expressed as settlement price SMART/BTS. */
export function feed(smart: string, coreUnits: number): Json {
  const p = (b: number, q: number): Json => ({ base: { amount: b, asset_id: smart }, quote: { amount: q, asset_id: "1.3.0" } });
  return { settlement_price: p(1, coreUnits), maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: 1100, core_exchange_rate: p(1, coreUnits) };
}

