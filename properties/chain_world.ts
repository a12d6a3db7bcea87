// The world of the chain invariant suites and its step generators: bitshares-core's database_fixture chain
// with a few funded actors, user-issued assets, unclaimed genesis balances and one object of each kind later
// operations act on; and random steps over it. A step is a transaction of "mostly valid" operations built
// from the current state (properties/chain_builders.ts: which account, asset, HTLC, ticket ... it touches,
// and how much, come from the step's random numbers), a fully random operation from the schema-derived
// arbitraries of properties/arbitraries.ts (mostly refused), or block production (one block, up to the next
// maintenance, or a jump in time). Steps run in properties/chain_runner.ts.
import { either as E } from "fp-ts";
import fc from "fast-check";
import type * as T from "../generated/native-types.js";
import { bytesToHex, hexToBytes } from "../src/codec/hex.js";
import { addressOf } from "../src/crypto/keys.js";
import { sha256 } from "../src/crypto/hash.js";
import {
  DEFAULT_MAX_CUSTOM_AUTHORITIES_PER_ACCOUNT, DEFAULT_MAX_CUSTOM_AUTHORITIES_PER_ACCOUNT_OP, DEFAULT_MAX_CUSTOM_AUTHORITY_LIFETIME_SECONDS,
  DEFAULT_MAX_CUSTOM_AUTHORITY_RESTRICTIONS, DEFAULT_UIA_ASSET_ISSUER_PERMISSION, OBJECT_TYPES as P, charge_market_fee, override_authority, white_list, global_settle,
} from "../src/protocol/config.js";
import type { ChainError } from "../src/protocol/errors.js";
import { defaultFeeSchedule } from "../src/protocol/fees/index.js";
import { ChainFixture, fixtureGenesis, publicKeyOfSeed } from "../src/scenario/fixture.js";
import { type Constraints, arbitraryFor } from "./arbitraries.js";
import { KEYS, KEY_SEEDS } from "./chain_signers.js";

export const CORE = "1.3.0";
export const core = (amount: bigint): T.Asset => ({ amount, asset_id: CORE });
export const DAY = 86400;
export const keyAuth = (key: string): T.Authority => ({ weight_threshold: 1, account_auths: [], key_auths: [[key, 1]], address_auths: [] });
export const addressOfSeed = (seed: string): string => bytesToHex(addressOf(hexToBytes(publicKeyOfSeed(seed))));

// ---------------------------------------------------------------------------------------------------
// The template world (built once per fee setting, then shared by every run: states are immutable values)

/** database_fixture's genesis plus unclaimed genesis balances: the null_key one funds the world, the others
 *  (two plain, two vesting) are left for balance_claim. The core supply is then their sum, so the reserve
 *  is not empty and maintenance pays a witness budget. */
export function worldGenesis(): T.GenesisStateType {
  const g = fixtureGenesis();
  const B = 10n ** 9n;
  return {
    ...g,
    initial_balances: [
      { owner: addressOfSeed("null_key"), asset_symbol: "BTS", amount: 10_000n * B },
      { owner: addressOfSeed("k0"), asset_symbol: "BTS", amount: 5n * B },
      { owner: addressOfSeed("k1"), asset_symbol: "BTS", amount: 7n * B },
    ],
    initial_vesting_balances: [
      { owner: addressOfSeed("k2"), asset_symbol: "BTS", amount: 8n * B, begin_timestamp: g.initial_timestamp, vesting_duration_seconds: 30 * DAY, begin_balance: 8n * B },
      { owner: addressOfSeed("k3"), asset_symbol: "BTS", amount: 6n * B, begin_timestamp: g.initial_timestamp - 10 * DAY, vesting_duration_seconds: 20 * DAY, begin_balance: 6n * B },
    ],
  };
}

export const ACTORS = ["alice", "bob", "carol", "dan"] as const;

function must(r: E.Either<ChainError, T.ProcessedTransaction>, what: string): T.ProcessedTransaction {
  if (E.isLeft(r)) throw new Error(`world setup: ${what}: ${r.left.exception} ${r.left.rule} at ${r.left.field}: ${r.left.message}`);
  return r.right;
}

export const uiaOptions = (flags: number, whitelist: string[], cer: bigint): T.AssetOptions => ({
  max_supply: 10n ** 15n, market_fee_percent: 0, max_market_fee: 0n, issuer_permissions: DEFAULT_UIA_ASSET_ISSUER_PERMISSION, flags,
  core_exchange_rate: { base: core(cer), quote: { amount: 1n, asset_id: "1.3.1" } },
  whitelist_authorities: whitelist, blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
});

/** The world: init0 claims the null_key genesis balance and funds init1..init9 and the actors alice, bob,
 *  carol, dan (registered by init0 with init1 as referrer, 30% to the referrer; alice upgraded to lifetime
 *  member); ALPHA (alice's, override_authority, CER 2 CORE per unit) and BETA (init1's, white_list with init1
 *  as authority, bob and carol listed) are issued and their fee pools funded; the committee has set the
 *  HTLC and custom authority options. Every setup transaction skips signatures, as the fixture's tests do. */
export function buildWorld(): ChainFixture {
  const f = ChainFixture.create(worldGenesis());
  f.modifyGlobalProperties((g) => ({
    ...g, parameters: {
      ...g.parameters, extensions: {
        ...g.parameters.extensions,
        // database_fixture::set_htlc_committee_parameters; the custom authority options at their config.hpp defaults.
        updatable_htlc_options: { max_timeout_secs: 28 * DAY, max_preimage_size: 19200 },
        custom_authority_options: {
          max_custom_authority_lifetime_seconds: DEFAULT_MAX_CUSTOM_AUTHORITY_LIFETIME_SECONDS,
          max_custom_authorities_per_account: DEFAULT_MAX_CUSTOM_AUTHORITIES_PER_ACCOUNT,
          max_custom_authorities_per_account_op: DEFAULT_MAX_CUSTOM_AUTHORITIES_PER_ACCOUNT_OP,
          max_custom_authority_restrictions: DEFAULT_MAX_CUSTOM_AUTHORITY_RESTRICTIONS,
        },
      },
    },
  }));
  const init = (i: number) => f.account(`init${i}`).id;
  const nullBalance = [...f.state.all<T.BalanceObject>(1, P.balance)].find((b) => b.owner === addressOfSeed("null_key"))!;
  must(f.push([[37, { fee: core(0n), deposit_to_account: init(0), balance_to_claim: nullBalance.id, balance_owner_key: publicKeyOfSeed("null_key"), total_claimed: nullBalance.balance }]]), "claim");
  const send = (from: string, to: string, amount: T.Asset) => must(f.push([[0, { fee: core(0n), from, to, amount, extensions: [] }]]), `transfer to ${to}`);
  for (let i = 1; i < 10; i++) send(init(0), init(i), core(500n * 10n ** 9n));
  const actor: Record<string, string> = {};
  for (const name of ACTORS) {
    const key = publicKeyOfSeed(name);
    const r = must(f.push([[5, {
      fee: core(0n), registrar: init(0), referrer: init(1), referrer_percent: 3000, name, owner: keyAuth(key), active: keyAuth(key),
      options: { memo_key: key, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
    }]]), `create ${name}`);
    actor[name] = r.operation_results[0]![1] as string;
    send(init(0), actor[name]!, core(100n * 10n ** 9n));
  }
  must(f.push([[8, { fee: core(0n), account_to_upgrade: actor.alice!, upgrade_to_lifetime_member: true, extensions: [] }]]), "upgrade alice");
  const create = (issuer: string, symbol: string, options: T.AssetOptions): string =>
    must(f.push([[10, { fee: core(0n), issuer, symbol, precision: 2, common_options: options, is_prediction_market: false, extensions: [] }]]), `create ${symbol}`)
      .operation_results[0]![1] as string;
  const alpha = create(actor.alice!, "ALPHA", uiaOptions(override_authority | charge_market_fee, [], 2n));
  const beta = create(init(1), "BETA", uiaOptions(white_list, [init(1)], 1n));
  for (const who of [actor.bob!, actor.carol!, init(1)]) {
    must(f.push([[7, { fee: core(0n), authorizing_account: init(1), account_to_list: who, new_listing: 1, extensions: [] }]]), "whitelist");
  }
  const issue = (issuer: string, to: string, amount: T.Asset) =>
    must(f.push([[14, { fee: core(0n), issuer, asset_to_issue: amount, issue_to_account: to, extensions: [] }]]), "issue");
  for (const to of [actor.alice!, actor.bob!, actor.carol!]) issue(actor.alice!, to, { amount: 10n ** 9n, asset_id: alpha });
  for (const to of [actor.bob!, actor.carol!]) issue(init(1), to, { amount: 10n ** 9n, asset_id: beta });
  for (const a of [alpha, beta]) must(f.push([[16, { fee: core(0n), from_account: init(0), asset_id: a, amount: 10n ** 10n, extensions: [] }]]), "fund pool");
  // Two SmartCoins backed by CORE, alice's, fed by bob and carol at 1 CORE per unit: SMART settles globally
  // on a black swan, SMARTO individually to an order (BSRM 3); bob and carol borrow.
  for (const [symbol, bsrm] of [["SMART", 0], ["SMARTO", 3]] as const) {
    const id = must(f.push([[10, {
      fee: core(0n), issuer: actor.alice!, symbol, precision: 2,
      common_options: { ...uiaOptions(charge_market_fee, [], 1n), issuer_permissions: charge_market_fee | global_settle, market_fee_percent: 10, max_market_fee: 10n ** 9n },
      bitasset_opts: {
        feed_lifetime_sec: 30 * DAY, minimum_feeds: 1, force_settlement_delay_sec: 3600, force_settlement_offset_percent: 100,
        maximum_force_settlement_volume: 2000, short_backing_asset: CORE, extensions: bsrm === 0 ? {} : { black_swan_response_method: bsrm },
      },
      is_prediction_market: false, extensions: [],
    }]]), `create ${symbol}`).operation_results[0]![1] as string;
    must(f.push([[13, { fee: core(0n), issuer: actor.alice!, asset_to_update: id, new_feed_producers: [actor.bob!, actor.carol!], extensions: [] }]]), "producers");
    must(f.push([[19, { fee: core(0n), publisher: actor.bob!, asset_id: id, feed: worldFeed(id, 100n), extensions: {} }]]), "feed");
    for (const [who, collateral] of [[actor.bob!, 3n], [actor.carol!, 2n]] as const) {
      must(f.push([[3, {
        fee: core(0n), funding_account: who, delta_collateral: core(collateral * 10n ** 8n), delta_debt: { amount: 10n ** 8n, asset_id: id }, extensions: {},
      }]]), `borrow ${symbol}`);
    }
  }
  // One object of each kind that later operations act on, so that short runs update, claim, redeem and
  // approve too: an HTLC (bob to carol), a ticket (carol), a proposal (dan pays alice), a vesting balance
  // (dan's), a withdraw permission (carol may pull from bob) and a custom authority (k0 may move dan's
  // funds to alice).
  const now = f.now();
  must(f.push([[49, {
    fee: core(0n), from: actor.bob!, to: actor.carol!, amount: core(10n ** 6n), preimage_hash: [2, WORLD_PREIMAGE_SHA256], preimage_size: WORLD_PREIMAGE.length / 2,
    claim_period_seconds: 2 * DAY, extensions: {},
  }]]), "htlc");
  must(f.push([[57, { fee: core(0n), account: actor.carol!, target_type: 1n, amount: core(10n ** 9n), extensions: [] }]]), "ticket");
  const pay: T.Operation = [0, { fee: core(0n), from: actor.dan!, to: actor.alice!, amount: core(10n ** 6n), extensions: [] }];
  must(f.push([[22, { fee: core(0n), fee_paying_account: actor.alice!, expiration_time: now + 2 * DAY, proposed_ops: [{ op: pay }], extensions: [] }]]), "proposal");
  must(f.push([[32, {
    fee: core(0n), creator: init(0), owner: actor.dan!, amount: core(10n ** 9n),
    policy: [0, { begin_timestamp: now - DAY, vesting_cliff_seconds: 0, vesting_duration_seconds: 10 * DAY }],
  }]]), "vesting balance");
  must(f.push([[25, {
    fee: core(0n), withdraw_from_account: actor.bob!, authorized_account: actor.carol!, withdrawal_limit: core(10n ** 7n), withdrawal_period_sec: DAY,
    periods_until_expiration: 10, period_start_time: now + 1,
  }]]), "withdraw permission");
  must(f.push([[54, {
    fee: core(0n), account: actor.dan!, enabled: true, valid_from: now - 60, valid_to: now + 20 * DAY, operation_type: 0n, auth: keyAuth(publicKeyOfSeed("k0")),
    restrictions: [{ member_index: 2n, restriction_type: 0n, argument: [7, actor.alice!], extensions: [] }], extensions: [],
  }]]), "custom authority");
  f.generateBlock();
  return f;
}

/** A feed of a world SmartCoin: 100 units cost `coreUnits` CORE units; MCR 1.75, MSSR 1.1. */
export function worldFeed(assetId: string, coreUnits: bigint, mcr = 1750, mssr = 1100): T.PriceFeed {
  const p: T.Price = { base: { amount: 100n, asset_id: assetId }, quote: core(coreUnits) };
  return { settlement_price: p, core_exchange_rate: p, maintenance_collateral_ratio: mcr, maximum_short_squeeze_ratio: mssr };
}

/** The preimage of the world's HTLC and its sha256. */
export const WORLD_PREIMAGE = "0011223344556677";
export const WORLD_PREIMAGE_SHA256 = bytesToHex(sha256(hexToBytes(WORLD_PREIMAGE)));

/** A fixture on the same (immutable) state as `t`: what each run starts from. */
export function cloneFixture(t: ChainFixture): ChainFixture {
  return t.fork();
}

/** database_fixture::enable_fees: every operation's default fees (fee_schedule::get_default()), in the head
 *  state of a copy of `t`. */
export function withFeesEnabled(t: ChainFixture): ChainFixture {
  const f = cloneFixture(t);
  f.modifyGlobalProperties((g) => ({ ...g, parameters: { ...g.parameters, current_fees: defaultFeeSchedule() } }));
  return f;
}

// ---------------------------------------------------------------------------------------------------
// Steps

export const WORLD_OPS = [
  "transfer", "override_transfer", "account_create", "account_update", "account_upgrade", "account_whitelist",
  "asset_create", "asset_update", "asset_issue", "asset_reserve", "asset_fund_fee_pool", "asset_claim_fees", "asset_claim_pool",
  "asset_update_issuer", "vesting_balance_create", "vesting_balance_withdraw", "withdraw_permission_create",
  "withdraw_permission_update", "withdraw_permission_claim", "withdraw_permission_delete", "htlc_create", "htlc_redeem",
  "htlc_extend", "ticket_create", "ticket_update", "proposal_create", "proposal_update", "proposal_delete", "custom", "assert",
  "balance_claim", "custom_authority_create", "custom_authority_update", "custom_authority_delete",
  "limit_order_create", "limit_order_cancel",
  "call_order_update", "asset_publish_feed", "asset_settle", "asset_global_settle", "bid_collateral",
] as const;
export type WorldOp = (typeof WORLD_OPS)[number];

/** How a transaction is signed: with the keys the chain asks for; first without one of them (which must be
 *  refused); or with arbitrary world keys. */
export type SigMode = { readonly mode: "exact" } | { readonly mode: "drop"; readonly k: number } | { readonly mode: "any"; readonly seeds: readonly string[] };

export interface OpChoice {
  readonly op: WorldOp;
  /** The random numbers the builder draws from. */
  readonly n: readonly number[];
  readonly feeInAsset: boolean;
}

export type Step =
  | { readonly kind: "ops"; readonly ops: readonly OpChoice[]; readonly sig: SigMode }
  | { readonly kind: "random"; readonly op: T.Operation; readonly setFee: boolean; readonly sig: SigMode }
  | { readonly kind: "block" }
  | { readonly kind: "maintenance" }
  | { readonly kind: "advance"; readonly seconds: number };

/** The more common operations weigh more. */
const OP_WEIGHTS: Partial<Record<WorldOp, number>> = {
  transfer: 6, asset_issue: 2, htlc_create: 2, htlc_redeem: 2, ticket_create: 2, ticket_update: 2, proposal_create: 2, proposal_update: 3,
  vesting_balance_create: 2, vesting_balance_withdraw: 2, withdraw_permission_claim: 2,
};

const opChoiceArb: fc.Arbitrary<OpChoice> = fc.record({
  op: fc.oneof(...WORLD_OPS.map((op) => ({ weight: OP_WEIGHTS[op] ?? 1, arbitrary: fc.constant(op) }))),
  n: fc.array(fc.nat(), { minLength: 24, maxLength: 24 }),
  feeInAsset: fc.integer({ min: 0, max: 3 }).map((x) => x === 3),
});

const sigArb: fc.Arbitrary<SigMode> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ mode: "exact" as const }) },
  { weight: 3, arbitrary: fc.nat().map((k) => ({ mode: "drop" as const, k })) },
  { weight: 1, arbitrary: fc.subarray([...KEY_SEEDS], { minLength: 0, maxLength: 2 }).map((seeds) => ({ mode: "any" as const, seeds })) },
);

/** Fully random operations: any of the 78 types, with ids among the world's first objects, keys from the
 *  world's pool and short strings, so that some pass validate() and reach an evaluator. */
const RANDOM_CONSTRAINTS: Constraints = {
  depth: 2, maxLength: 2, maxInstance: 24n, publicKey: fc.constantFrom(...KEYS),
  string: fc.oneof(fc.constantFrom("", "alice", "acct0", "ALPHA", "BTS", "ZZAAB"), fc.string({ maxLength: 6 })),
};
export const randomOperationArb: fc.Arbitrary<T.Operation> = arbitraryFor("operation", RANDOM_CONSTRAINTS) as fc.Arbitrary<T.Operation>;

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 14, arbitrary: fc.record({ kind: fc.constant("ops" as const), ops: fc.array(opChoiceArb, { minLength: 1, maxLength: 2 }), sig: sigArb }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("random" as const), op: randomOperationArb, setFee: fc.boolean(), sig: sigArb }) },
  { weight: 2, arbitrary: fc.constant({ kind: "block" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "maintenance" as const }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 * DAY }).map((seconds) => ({ kind: "advance" as const, seconds })) },
);
