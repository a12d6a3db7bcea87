// The "mostly valid" operations of the chain invariant suites: each builder reads the current state and,
// drawing from a step's random numbers, picks the accounts, assets and objects an operation touches and the
// amounts it moves: mostly what a careful wallet would send, now and then something the chain must refuse
// (a zero or excessive amount, the wrong issuer or owner, a wrong preimage).
import type * as T from "../generated/native-types.js";
import { bytesToHex, hexToBytes } from "../src/codec/hex.js";
import { hash160, ripemd160, sha1, sha256 } from "../src/crypto/hash.js";
import { availableBalance } from "../src/chain/evaluators/balance.js";
import { isLifetimeMember } from "../src/chain/fee_payment.js";
import { inst } from "../src/chain/tables.js";
import { allowedWithdraw } from "../src/chain/vesting.js";
import type { Database } from "../src/db/database.js";
import { DEFAULT_UIA_ASSET_ISSUER_PERMISSION, IMPL_OBJECT_TYPES as I, OBJECT_TYPES as P, UIA_ASSET_ISSUER_PERMISSION_MASK, override_authority } from "../src/protocol/config.js";
import { publicKeyOfSeed } from "../src/scenario/fixture.js";
import { KEYS, KEY_SEEDS } from "./chain_signers.js";
import { CORE, DAY, type WorldOp, addressOfSeed, core, keyAuth, uiaOptions, worldFeed } from "./chain_world.js";

/** Draws from a step's random numbers. */
export class Rand {
  private i = 0;
  constructor(private readonly n: readonly number[]) {}
  nat(k: number): number {
    if (k <= 0 || this.n.length === 0) return 0;
    return this.n[this.i++ % this.n.length]! % k;
  }
  pick<X>(xs: readonly X[]): X | undefined {
    return xs.length === 0 ? undefined : xs[this.nat(xs.length)];
  }
  chance(perMille: number): boolean {
    return this.nat(1000) < perMille;
  }
  /** Mostly 1..max/2, sometimes up to max; now and then 0 or max + 1 (refused). */
  amount(max: bigint): bigint {
    const m = this.nat(40);
    if (m === 38) return 0n;
    if (m === 39) return max + 1n;
    if (max <= 1n) return 1n;
    const part = m < 30 ? 500 : 1000;
    return 1n + ((max - 1n) * BigInt(this.nat(part + 1))) / 1000n;
  }
}

/** What a run remembers between steps that builders use. */
export interface RunMemory {
  /** Makes new names and symbols unique within a run. */
  counter: number;
  /** HTLC preimages by hash (hex). */
  readonly preimages: Map<string, string>;
  /** Operations with their fees set from the schedule. */
  withFees(ops: T.Operation[]): T.Operation[];
}

export interface Ctx {
  readonly db: Database;
  readonly now: number;
  readonly r: Rand;
  readonly w: RunMemory;
  /** The fee to pay (amount 0: set from the schedule), in CORE or an asset with a funded pool. */
  readonly fee: T.Asset;
}

const all = <O>(db: Database, space: number, type: number): O[] => [...db.all(space, type)] as O[];
/** The world's accounts: init0 (1.2.6) and every account registered after it. */
const accounts = (db: Database): T.AccountObject[] => all<T.AccountObject>(db, 1, P.account).filter((a) => inst(a.id) >= 6);
const assets = (db: Database): T.AssetObject[] => all<T.AssetObject>(db, 1, P.asset);
const members = (db: Database): T.AccountObject[] => accounts(db).filter(isLifetimeMember);
/** Assets other than CORE; those the committee issues (INITMPA) only now and then. */
const issuedAssets = (c: Ctx): T.AssetObject[] => assets(c.db).filter((x) => x.id !== CORE && (x.issuer !== "1.2.0" || c.r.chance(100)));
export const uias = (db: Database): T.AssetObject[] => assets(db).filter((a) => a.id !== CORE && a.bitasset_data_id === undefined);
const balancesOf = (db: Database, account: string): T.AccountBalanceObject[] =>
  [...db.withPrefix<T.AccountBalanceObject>(2, I.account_balance, "by_account_asset", [inst(account)])].filter((b) => b.balance > 0n);
const balanceOf = (db: Database, account: string, asset: string): bigint =>
  db.findUnique<T.AccountBalanceObject>(2, I.account_balance, "by_account_asset", [inst(account), inst(asset)])?.balance ?? 0n;
export const dyn = (db: Database, a: T.AssetObject): T.AssetDynamicDataObject => db.find<T.AssetDynamicDataObject>(a.dynamic_asset_data_id)!;

function account(c: Ctx): string {
  return c.r.pick(accounts(c.db))!.id;
}
/** Mostly an account other than `not` (operations refuse the same account on both sides). */
function other(c: Ctx, not: string): string {
  return (c.r.chance(950) ? c.r.pick(accounts(c.db).filter((a) => a.id !== not))?.id : undefined) ?? account(c);
}
/** One of the account's positive balances (none of CORE if it holds nothing). */
function heldBalance(c: Ctx, owner: string): { asset: string; amount: bigint } {
  const b = c.r.pick(balancesOf(c.db, owner));
  return b === undefined ? { asset: CORE, amount: 0n } : { asset: b.asset_type, amount: b.balance };
}
function letters(n: number): string {
  let s = "";
  for (let i = 0; i < 3; i++, n = Math.floor(n / 26)) s = String.fromCharCode(65 + (n % 26)) + s;
  return s;
}
function bytes(c: Ctx, max: number): string {
  const n = 1 + c.r.nat(max);
  let s = "";
  for (let i = 0; i < n; i++) s += c.r.nat(256).toString(16).padStart(2, "0");
  return s;
}

/** Asset options an issuer might set next: one change to the current ones. */
function changedOptions(c: Ctx, a: T.AssetObject): T.AssetOptions {
  const o = a.options;
  switch (c.r.nat(5)) {
    case 0: return { ...o, flags: o.flags ^ ((1 << c.r.nat(11)) & UIA_ASSET_ISSUER_PERMISSION_MASK) };
    case 1: return { ...o, max_supply: c.r.amount(o.max_supply) };
    case 2: return { ...o, description: `v${c.r.nat(100)}` };
    case 3: return { ...o, core_exchange_rate: { base: core(BigInt(1 + c.r.nat(9))), quote: { amount: BigInt(1 + c.r.nat(9)), asset_id: a.id } } };
    default: return { ...o, issuer_permissions: o.issuer_permissions & ~(1 << c.r.nat(11)) };
  }
}

export type Builder = (c: Ctx) => T.Operation | undefined;

const bitassets = (db: Database): T.AssetObject[] => assets(db).filter((a) => a.bitasset_data_id !== undefined && a.issuer !== "1.2.0");
const bitassetData = (db: Database, a: T.AssetObject): T.AssetBitassetDataObject => db.find<T.AssetBitassetDataObject>(a.bitasset_data_id!)!;
const settled = (b: T.AssetBitassetDataObject): boolean => b.settlement_price.base.asset_id !== CORE || b.settlement_price.quote.asset_id !== CORE;
/** CORE units per 100 units of a SmartCoin at its current feed (100 without one). */
function feedCore(db: Database, a: T.AssetObject): bigint {
  const p = bitassetData(db, a).current_feed.settlement_price;
  return p.base.amount > 0n ? (p.quote.amount * 100n) / p.base.amount : 100n;
}

const transfer: Builder = (c) => {
  const from = account(c);
  const held = heldBalance(c, from);
  return [0, { fee: c.fee, from, to: other(c, from), amount: { amount: c.r.amount(held.amount), asset_id: held.asset }, extensions: [] }];
};

export const BUILDERS: Record<WorldOp, Builder> = {
  transfer,
  override_transfer: (c) => {
    const a = c.r.pick(uias(c.db).filter((x) => (x.options.flags & override_authority) !== 0));
    if (a === undefined) return undefined;
    const holder = c.r.pick([...c.db.withPrefix<T.AccountBalanceObject>(2, I.account_balance, "by_asset_owner", [inst(a.id)])].filter((b) => b.owner !== a.issuer));
    const from = holder?.owner ?? account(c);
    return [38, { fee: c.fee, issuer: a.issuer, from, to: other(c, from), amount: { amount: c.r.amount(holder?.balance ?? 0n), asset_id: a.id }, extensions: [] }];
  },
  account_create: (c) => {
    const lifetime = members(c.db);
    const registrar = (c.r.chance(900) ? c.r.pick(lifetime)?.id : undefined) ?? account(c);
    const referrer = (c.r.chance(900) ? c.r.pick(lifetime)?.id : undefined) ?? account(c);
    const key = c.r.pick(KEYS)!;
    return [5, {
      fee: c.fee, registrar, referrer, referrer_percent: c.r.nat(10001), name: `acct${c.w.counter++}`, owner: keyAuth(key), active: keyAuth(key),
      options: { memo_key: key, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
    }];
  },
  account_update: (c) => {
    const id = account(c);
    const key = c.r.pick(KEYS)!;
    switch (c.r.nat(4)) {
      case 0: return [6, { fee: c.fee, account: id, new_options: { memo_key: key, voting_account: c.r.chance(500) ? account(c) : "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {} }];
      case 1: return [6, { fee: c.fee, account: id, active: keyAuth(key), extensions: {} }];
      case 2: return [6, { fee: c.fee, account: id, owner: keyAuth(key), extensions: {} }];
      default: return [6, { fee: c.fee, account: id, active: { weight_threshold: 1, account_auths: [[account(c), 1]], key_auths: [], address_auths: [] }, extensions: {} }];
    }
  },
  account_upgrade: (c) => {
    const basic = accounts(c.db).filter((a) => !isLifetimeMember(a));
    const id = (c.r.chance(900) ? c.r.pick(basic)?.id : undefined) ?? account(c);
    return [8, { fee: c.fee, account_to_upgrade: id, upgrade_to_lifetime_member: !c.r.chance(50), extensions: [] }];
  },
  account_whitelist: (c) => {
    const authorizing = c.r.pick(members(c.db))?.id ?? account(c);
    return [7, { fee: c.fee, authorizing_account: authorizing, account_to_list: account(c), new_listing: c.r.nat(4), extensions: [] }];
  },
  asset_create: (c) => {
    const permissions = DEFAULT_UIA_ASSET_ISSUER_PERMISSION & ~(c.r.nat(0x80));
    const flags = permissions & c.r.nat(0x80);
    const mpa = c.r.chance(100);
    return [10, {
      fee: c.fee, issuer: account(c), symbol: `ZZ${letters(c.w.counter++)}`, precision: c.r.nat(9), is_prediction_market: false, extensions: [],
      common_options: { ...uiaOptions(mpa ? 0 : flags, [], BigInt(1 + c.r.nat(5))), max_supply: BigInt(1 + c.r.nat(1e9)) * 10n ** BigInt(c.r.nat(7)), issuer_permissions: mpa ? 0 : permissions },
      ...(mpa ? { bitasset_opts: { feed_lifetime_sec: DAY, minimum_feeds: 1, force_settlement_delay_sec: DAY, force_settlement_offset_percent: 0, maximum_force_settlement_volume: 2000, short_backing_asset: CORE, extensions: {} } } : {}),
    }];
  },
  asset_update: (c) => {
    const a = c.r.pick(issuedAssets(c));
    if (a === undefined) return undefined;
    return [11, { fee: c.fee, issuer: c.r.chance(950) ? a.issuer : account(c), asset_to_update: a.id, new_options: changedOptions(c, a), extensions: {} }];
  },
  asset_issue: (c) => {
    const a = c.r.pick(uias(c.db));
    if (a === undefined) return undefined;
    const room = a.options.max_supply - dyn(c.db, a).current_supply;
    return [14, { fee: c.fee, issuer: a.issuer, asset_to_issue: { amount: c.r.amount(room < 10n ** 12n ? room : 10n ** 12n), asset_id: a.id }, issue_to_account: account(c), extensions: [] }];
  },
  asset_reserve: (c) => {
    const payer = account(c);
    const held = heldBalance(c, payer);
    return [15, { fee: c.fee, payer, amount_to_reserve: { amount: c.r.amount(held.amount), asset_id: held.asset }, extensions: [] }];
  },
  asset_fund_fee_pool: (c) => {
    // The core asset's own pool too, now and then: asset_fund_fee_pool_evaluator accepts any asset.
    const from = account(c);
    const a = (c.r.chance(50) ? undefined : c.r.pick(issuedAssets(c))) ?? assets(c.db)[0]!;
    return [16, { fee: core(0n), from_account: from, asset_id: a.id, amount: c.r.amount(balanceOf(c.db, from, CORE) / 10n), extensions: [] }];
  },
  asset_claim_fees: (c) => {
    const holding = uias(c.db).filter((x) => dyn(c.db, x).accumulated_fees > 0n);
    const a = c.r.pick(holding.length > 0 && c.r.chance(900) ? holding : uias(c.db));
    if (a === undefined) return undefined;
    return [43, { fee: c.fee, issuer: a.issuer, amount_to_claim: { amount: c.r.amount(dyn(c.db, a).accumulated_fees), asset_id: a.id }, extensions: {} }];
  },
  asset_claim_pool: (c) => {
    const a = c.r.pick(uias(c.db));
    if (a === undefined) return undefined;
    return [47, { fee: core(0n), issuer: a.issuer, asset_id: a.id, amount_to_claim: core(c.r.amount(dyn(c.db, a).fee_pool)), extensions: [] }];
  },
  asset_update_issuer: (c) => {
    const a = c.r.pick(issuedAssets(c));
    if (a === undefined) return undefined;
    return [48, { fee: c.fee, issuer: a.issuer, asset_to_update: a.id, new_issuer: account(c), extensions: [] }];
  },
  vesting_balance_create: (c) => {
    const creator = account(c);
    const held = heldBalance(c, creator);
    const policies: T.VestingPolicyInitializer[] = [
      [0, { begin_timestamp: c.now - c.r.nat(DAY), vesting_cliff_seconds: c.r.nat(DAY), vesting_duration_seconds: c.r.nat(30 * DAY) }],
      [1, { start_claim: c.now + c.r.nat(DAY) - DAY / 2, vesting_seconds: c.r.nat(10 * DAY) }],
      [2, {}],
    ];
    return [32, { fee: c.fee, creator, owner: account(c), amount: { amount: c.r.amount(held.amount), asset_id: held.asset }, policy: c.r.pick(policies)! }];
  },
  vesting_balance_withdraw: (c) => {
    const vb = c.r.pick(all<T.VestingBalanceObject>(c.db, 1, P.vesting_balance));
    if (vb === undefined) return undefined;
    return [33, { fee: c.fee, vesting_balance: vb.id, owner: c.r.chance(950) ? vb.owner : account(c), amount: { amount: c.r.amount(allowedWithdraw(vb, c.now)), asset_id: vb.balance.asset_id } }];
  },
  withdraw_permission_create: (c) => {
    const from = account(c);
    const held = heldBalance(c, from);
    return [25, {
      fee: c.fee, withdraw_from_account: from, authorized_account: other(c, from), withdrawal_limit: { amount: c.r.amount(held.amount / 4n), asset_id: held.asset },
      withdrawal_period_sec: 5 + c.r.nat(2 * DAY), periods_until_expiration: 1 + c.r.nat(10), period_start_time: c.now + 1 + c.r.nat(3600),
    }];
  },
  withdraw_permission_update: (c) => {
    const p = c.r.pick(all<T.WithdrawPermissionObject>(c.db, 1, P.withdraw_permission));
    if (p === undefined) return undefined;
    return [26, {
      fee: c.fee, withdraw_from_account: p.withdraw_from_account, authorized_account: p.authorized_account, permission_to_update: p.id,
      withdrawal_limit: { amount: c.r.amount(p.withdrawal_limit.amount * 2n), asset_id: p.withdrawal_limit.asset_id },
      withdrawal_period_sec: 5 + c.r.nat(2 * DAY), period_start_time: c.now + 1 + c.r.nat(3600), periods_until_expiration: 1 + c.r.nat(10),
    }];
  },
  withdraw_permission_claim: (c) => {
    const p = c.r.pick(all<T.WithdrawPermissionObject>(c.db, 1, P.withdraw_permission));
    if (p === undefined) return undefined;
    return [27, {
      fee: c.fee, withdraw_permission: p.id, withdraw_from_account: p.withdraw_from_account, withdraw_to_account: p.authorized_account,
      amount_to_withdraw: { amount: c.r.amount(p.withdrawal_limit.amount), asset_id: p.withdrawal_limit.asset_id },
    }];
  },
  withdraw_permission_delete: (c) => {
    const p = c.r.pick(all<T.WithdrawPermissionObject>(c.db, 1, P.withdraw_permission));
    if (p === undefined) return undefined;
    return [28, { fee: c.fee, withdraw_from_account: p.withdraw_from_account, authorized_account: p.authorized_account, withdrawal_permission: p.id }];
  },
  htlc_create: (c) => {
    const from = account(c);
    const held = heldBalance(c, from);
    const preimage = bytes(c, 40);
    const kind = c.r.nat(4);
    const digest = bytesToHex([ripemd160, sha1, sha256, hash160][kind]!(hexToBytes(preimage)));
    c.w.preimages.set(digest, preimage);
    return [49, {
      fee: c.fee, from, to: other(c, from), amount: { amount: c.r.amount(held.amount), asset_id: held.asset }, preimage_hash: [kind, digest] as T.HtlcHash,
      preimage_size: c.r.chance(100) ? 0 : preimage.length / 2, claim_period_seconds: 60 + c.r.nat(3 * DAY), extensions: {},
    }];
  },
  htlc_redeem: (c) => {
    const h = c.r.pick(all<T.HtlcObject>(c.db, 1, P.htlc));
    if (h === undefined) return undefined;
    const preimage = c.r.chance(50) ? "ff" : c.w.preimages.get(h.conditions.hash_lock.preimage_hash[1]) ?? "00";
    return [50, { fee: c.fee, htlc_id: h.id, redeemer: account(c), preimage, extensions: [] }];
  },
  htlc_extend: (c) => {
    const h = c.r.pick(all<T.HtlcObject>(c.db, 1, P.htlc));
    if (h === undefined) return undefined;
    return [52, { fee: c.fee, htlc_id: h.id, update_issuer: c.r.chance(950) ? h.transfer.from : account(c), seconds_to_add: 1 + c.r.nat(2 * DAY), extensions: [] }];
  },
  ticket_create: (c) => {
    const a = account(c);
    return [57, { fee: c.fee, account: a, target_type: BigInt(c.r.chance(50) ? 0 : 1 + c.r.nat(4)), amount: core(c.r.amount(balanceOf(c.db, a, CORE) / 4n)), extensions: [] }];
  },
  ticket_update: (c) => {
    const t = c.r.pick(all<T.TicketObject>(c.db, 1, P.ticket));
    if (t === undefined) return undefined;
    const part = c.r.chance(500) ? { amount_for_new_target: core(c.r.amount(t.amount.amount)) } : {};
    return [58, { fee: c.fee, ticket: t.id, account: t.account, target_type: BigInt(c.r.nat(5)), ...part, extensions: [] }];
  },
  proposal_create: (c) => {
    const inner = (c.r.chance(700) ? transfer : c.r.pick([BUILDERS.asset_issue, BUILDERS.account_update, BUILDERS.htlc_create, BUILDERS.ticket_create])!)({ ...c, fee: core(0n) });
    if (inner === undefined) return undefined;
    const review = c.r.chance(200) ? { review_period_seconds: c.r.nat(DAY) } : {};
    return [22, { fee: c.fee, fee_paying_account: account(c), expiration_time: c.now + 60 + c.r.nat(3 * DAY), proposed_ops: [{ op: c.w.withFees([inner])[0]! }], ...review, extensions: [] }];
  },
  proposal_update: (c) => {
    const p = c.r.pick(all<T.ProposalObject>(c.db, 1, P.proposal));
    if (p === undefined) return undefined;
    const none = { active_approvals_to_add: [], active_approvals_to_remove: [], owner_approvals_to_add: [], owner_approvals_to_remove: [], key_approvals_to_add: [], key_approvals_to_remove: [] };
    const missing = p.required_active_approvals.filter((id) => !p.available_active_approvals.includes(id));
    const base = { fee: c.fee, fee_paying_account: account(c), proposal: p.id, extensions: [] };
    const choice = c.r.nat(8);
    if (choice === 0 && p.available_active_approvals.length > 0) return [23, { ...base, ...none, active_approvals_to_remove: p.available_active_approvals.slice(0, 1) }];
    if (choice === 1) return [23, { ...base, ...none, key_approvals_to_add: [c.r.pick(KEYS)!] }];
    if (choice === 2 && p.required_owner_approvals.length > 0) return [23, { ...base, ...none, owner_approvals_to_add: p.required_owner_approvals.slice(0, 1) }];
    return [23, { ...base, ...none, active_approvals_to_add: (missing.length > 0 ? missing : p.required_active_approvals).slice(0, 1) }];
  },
  proposal_delete: (c) => {
    const p = c.r.pick(all<T.ProposalObject>(c.db, 1, P.proposal));
    if (p === undefined) return undefined;
    const owner = p.required_owner_approvals.length > 0 && c.r.chance(500);
    const payer = c.r.pick(owner ? p.required_owner_approvals : p.required_active_approvals) ?? account(c);
    return [24, { fee: c.fee, fee_paying_account: payer, using_owner_authority: owner, proposal: p.id, extensions: [] }];
  },
  custom: (c) => [35, { fee: c.fee, payer: account(c), required_auths: c.r.chance(300) ? [account(c)] : [], id: c.r.nat(65536), data: bytes(c, 20) }],
  assert: (c) => {
    const payer = account(c);
    let predicate: T.Predicate;
    // max_predicate_opcode is 1 by default: only account_name_eq_lit is allowed, the others are refused.
    switch (c.r.chance(800) ? 0 : 1 + c.r.nat(2)) {
      case 0: {
        const a = c.r.pick(accounts(c.db))!;
        predicate = [0, { account_id: a.id, name: c.r.chance(900) ? a.name : `${a.name}x` }];
        break;
      }
      case 1: {
        const a = c.r.pick(assets(c.db))!;
        predicate = [1, { asset_id: a.id, symbol: c.r.chance(900) ? a.symbol : `${a.symbol}X` }];
        break;
      }
      default:
        predicate = [2, { id: c.db.find<T.DynamicGlobalPropertyObject>(`2.${I.dynamic_global_property}.0`)!.head_block_id }];
    }
    return [36, { fee: c.fee, fee_paying_account: payer, predicates: [predicate], required_auths: [], extensions: [] }];
  },
  limit_order_create: (c) => {
    // An offer of part of a held balance for another asset, priced near 1:1 so offers cross now and then.
    const seller = account(c);
    const held = heldBalance(c, seller);
    const receive = c.r.pick(assets(c.db).filter((a) => a.id !== held.asset));
    if (receive === undefined) return undefined;
    const sell = c.r.amount(held.amount);
    const want = sell <= 0n ? 1n : sell + BigInt(c.r.nat(5)) - 2n;
    return [1, {
      fee: c.fee, seller, amount_to_sell: { amount: sell, asset_id: held.asset }, min_to_receive: { amount: want > 0n ? want : 1n, asset_id: receive.id },
      expiration: c.now + 60 + c.r.nat(2 * DAY), fill_or_kill: c.r.chance(100), extensions: {},
    }];
  },
  limit_order_cancel: (c) => {
    const o = c.r.pick(all<T.LimitOrderObject>(c.db, 1, P.limit_order));
    if (o === undefined) return undefined;
    return [2, { fee: c.fee, fee_paying_account: c.r.chance(950) ? o.seller : account(c), order: o.id, extensions: [] }];
  },
  call_order_update: (c) => {
    // Open a position at 1.2 to 4 times the feed, or change one: borrow more, repay part, add collateral, close.
    const a = c.r.pick(bitassets(c.db))!;
    const who = account(c);
    const call = c.db.findUnique<T.CallOrderObject>(1, P.call_order, "by_account", [inst(who), inst(a.id)]);
    const debt = (x: bigint): T.Asset => ({ amount: x, asset_id: a.id });
    const op = (dc: bigint, dd: bigint, tcr?: number): T.Operation =>
      [3, { fee: c.fee, funding_account: who, delta_collateral: core(dc), delta_debt: debt(dd), extensions: tcr === undefined ? {} : { target_collateral_ratio: tcr } }];
    const ratio = BigInt(1200 + c.r.nat(2800));
    const tcr = c.r.chance(300) ? 1000 + c.r.nat(2000) : undefined;
    if (call === undefined) {
      const d = c.r.amount(10n ** 7n);
      return op((d * feedCore(c.db, a) * ratio) / 100000n, d, tcr);
    }
    switch (c.r.nat(4)) {
      case 0: { const d = c.r.amount(call.debt); return op((d * feedCore(c.db, a) * ratio) / 100000n, d, tcr); }
      case 1: { const d = c.r.amount(call.debt); return op(-(call.collateral * d) / call.debt / 2n, -d, tcr); }
      case 2: return op(c.r.amount(call.collateral), 0n, tcr);
      default: return op(-call.collateral, -call.debt);
    }
  },
  asset_publish_feed: (c) => {
    // Mostly bob or carol, at 0.5 to 2 times the current feed, MCR and MSSR now and then changed.
    const a = c.r.pick(bitassets(c.db))!;
    const publisher = c.r.chance(950) ? (c.r.chance(500) ? "bob" : "carol") : undefined;
    const id = publisher === undefined ? account(c) : accounts(c.db).find((x) => x.name === publisher)!.id;
    const price = (feedCore(c.db, a) * BigInt(50 + c.r.nat(151))) / 100n;
    const mcr = c.r.chance(800) ? 1750 : 1001 + c.r.nat(2000);
    const mssr = c.r.chance(800) ? 1100 : 1001 + c.r.nat(500);
    return [19, { fee: c.fee, publisher: id, asset_id: a.id, feed: worldFeed(a.id, price > 0n ? price : 1n, mcr, mssr), extensions: {} }];
  },
  asset_settle: (c) => {
    const holders = all<T.AccountBalanceObject>(c.db, 2, I.account_balance).filter((b) => b.balance > 0n && bitassets(c.db).some((a) => a.id === b.asset_type));
    const h = c.r.pick(holders);
    if (h === undefined) return undefined;
    return [17, { fee: c.fee, account: h.owner, amount: { amount: c.r.amount(h.balance), asset_id: h.asset_type }, extensions: [] }];
  },
  asset_global_settle: (c) => {
    const a = c.r.pick(bitassets(c.db))!;
    const price = (feedCore(c.db, a) * BigInt(50 + c.r.nat(100))) / 100n;
    return [18, { fee: c.fee, issuer: a.issuer, asset_to_settle: a.id, settle_price: { base: { amount: 100n, asset_id: a.id }, quote: core(price > 0n ? price : 1n) }, extensions: [] }];
  },
  bid_collateral: (c) => {
    const a = c.r.pick(bitassets(c.db).filter((x) => settled(bitassetData(c.db, x)))) ?? c.r.pick(bitassets(c.db))!;
    const bidder = account(c);
    const supply = dyn(c.db, a).current_supply;
    const covered = c.r.chance(100) ? 0n : c.r.amount(supply > 0n ? supply : 1n);
    return [45, {
      fee: c.fee, bidder, additional_collateral: core(c.r.amount(balanceOf(c.db, bidder, CORE))), debt_covered: { amount: covered, asset_id: a.id }, extensions: [],
    }];
  },
  balance_claim: (c) => {
    const b = c.r.pick(all<T.BalanceObject>(c.db, 1, P.balance));
    if (b === undefined) return undefined;
    const seed = KEY_SEEDS.find((s) => addressOfSeed(s) === b.owner) ?? "k0";
    const claim = b.vesting_policy !== undefined ? c.r.amount(availableBalance(b, c.now)) : c.r.chance(950) ? b.balance.amount : c.r.amount(b.balance.amount);
    return [37, { fee: core(0n), deposit_to_account: account(c), balance_to_claim: b.id, balance_owner_key: publicKeyOfSeed(seed), total_claimed: { amount: claim, asset_id: b.balance.asset_id } }];
  },
  custom_authority_create: (c) => {
    // For transfers, now and then restricted to one receiver (transfer_operation member 2 is `to`).
    const type = c.r.chance(800) ? 0 : c.r.nat(60);
    const restrictions: T.Restriction[] = type === 0 && c.r.chance(500) ? [{ member_index: 2n, restriction_type: 0n, argument: [7, account(c)], extensions: [] }] : [];
    return [54, {
      fee: c.fee, account: account(c), enabled: c.r.chance(800), valid_from: c.now - 3600 + c.r.nat(7200), valid_to: c.now + 60 + c.r.nat(40 * DAY),
      operation_type: BigInt(type), auth: keyAuth(c.r.pick(KEYS)!), restrictions, extensions: [],
    }];
  },
  custom_authority_update: (c) => {
    const ca = c.r.pick(all<T.CustomAuthorityObject>(c.db, 1, P.custom_authority));
    if (ca === undefined) return undefined;
    const base = { fee: c.fee, account: ca.account, authority_to_update: ca.id, restrictions_to_remove: [] as number[], restrictions_to_add: [] as T.Restriction[], extensions: [] };
    switch (c.r.nat(4)) {
      case 0: return [55, { ...base, new_enabled: !ca.enabled }];
      case 1: return [55, { ...base, new_valid_to: c.now + 60 + c.r.nat(40 * DAY) }];
      case 2: return [55, { ...base, new_auth: keyAuth(c.r.pick(KEYS)!) }];
      default: return [55, { ...base, restrictions_to_remove: ca.restrictions.slice(0, 1).map(([id]) => id) }];
    }
  },
  custom_authority_delete: (c) => {
    const ca = c.r.pick(all<T.CustomAuthorityObject>(c.db, 1, P.custom_authority));
    if (ca === undefined) return undefined;
    return [56, { fee: c.fee, account: ca.account, authority_to_delete: ca.id, extensions: [] }];
  },
};
