// custom_authority_create (54), custom_authority_update (55), custom_authority_delete (56) and what custom
// active authorities do to authority checks (BSIP 40: get_viable_custom_authorities in verify_authority,
// their removal at maintenance once expired) on the database_fixture chain, every hardfork active. Cases
// ported from bitshares-core tests/tests/custom_authority_tests.cpp name their test; numbers are re-derived
// for the post-hardfork code paths.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { bytesToHex } from "../../codec/hex.js";
import { ripemd160 } from "../../crypto/hash.js";
import {
  DEFAULT_MAX_CUSTOM_AUTHORITY_LIFETIME_SECONDS as MAX_LIFETIME, DEFAULT_MAX_CUSTOM_AUTHORITIES_PER_ACCOUNT,
  DEFAULT_MAX_CUSTOM_AUTHORITIES_PER_ACCOUNT_OP, DEFAULT_MAX_CUSTOM_AUTHORITY_RESTRICTIONS,
} from "../../protocol/config.js";
import type { AuthorityError } from "../../protocol/authority/index.js";
import type { ChainError } from "../../protocol/errors.js";
import { defaultFeeParameters } from "../../protocol/fees/index.js";
import { predicateResultToJson, type PredicateResult } from "../../protocol/restrictions/predicate_result.js";
import { restrictionCount } from "../../protocol/restrictions/restriction.js";
import { R, attr, memberIndex } from "../../protocol/restrictions/test_support.js";
import { ChainFixture } from "../../scenario/fixture.js";
import { expectOpRefused as expectRefused, pushOps as push, pushOpsOk as pushOk, refusal } from "./misc_ops_test_support.js";
import { addRestrictions } from "./custom_authority.js";


// ---------------------------------------------------------------- fixture helpers

/** GRAPHENE_BLOCKCHAIN_PRECISION */
const P = 100000n;
const DAY = 86400;
const COMMITTEE = "1.2.0";
const core = (amount: bigint): T.Asset => ({ amount, asset_id: "1.3.0" });
const asset = (amount: bigint, asset_id: string): T.Asset => ({ amount, asset_id });
const fee0 = core(0n);

/** custom_authority_options_type(): the defaults of config.hpp. */
const DEFAULT_OPTIONS: T.CustomAuthorityOptionsType = {
  max_custom_authority_lifetime_seconds: MAX_LIFETIME,
  max_custom_authorities_per_account: DEFAULT_MAX_CUSTOM_AUTHORITIES_PER_ACCOUNT,
  max_custom_authorities_per_account_op: DEFAULT_MAX_CUSTOM_AUTHORITIES_PER_ACCOUNT_OP,
  max_custom_authority_restrictions: DEFAULT_MAX_CUSTOM_AUTHORITY_RESTRICTIONS,
};

/** db.modify(gpo, parameters.extensions.value.custom_authority_options = ...), as the C++ tests do. */
function setCustomAuthorityOptions(f: ChainFixture, options: T.CustomAuthorityOptionsType | undefined): void {
  f.modifyGlobalProperties((g) => {
    const { custom_authority_options: _, ...rest } = g.parameters.extensions;
    return { ...g, parameters: { ...g.parameters, extensions: options === undefined ? rest : { ...rest, custom_authority_options: options } } };
  });
}

/** database_fixture::set_htlc_committee_parameters (options and get_htlc_fee_parameters fees, scale 100%). */
function setHtlcCommitteeParameters(f: ChainFixture): void {
  const transfer = defaultFeeParameters(0) as T.TransferOperationFeeParamsT;
  f.changeFees([
    [0, { ...transfer, price_per_kbyte: 2 * transfer.price_per_kbyte }],
    [49, { fee: 2n * P, fee_per_day: 2n * P }], [50, { fee: 2n * P, fee_per_kb: 2n * P }], [52, { fee: 2n * P, fee_per_day: 2n * P }],
  ], 10000);
  f.modifyGlobalProperties((g) => ({
    ...g, parameters: { ...g.parameters, extensions: { ...g.parameters.extensions, updatable_htlc_options: { max_preimage_size: 19200, max_timeout_secs: 28 * DAY } } },
  }));
}

const resultId = (ptx: T.ProcessedTransaction): string => ptx.operation_results[0]![1] as string;


/** What verify_authority attaches as rejected_custom_auths: each refusing custom authority's predicate_result. */
function rejectedOf(e: ChainError): Record<string, unknown> | undefined {
  const m = (e as AuthorityError).rejectedCustomAuthorities;
  if (m === undefined) return undefined;
  return Object.fromEntries([...m].map(([id, v]) => [id, predicateResultToJson(v as PredicateResult)]));
}

const FALSE_AT = (...indices: number[]) => ({ success: false, rejection_path: [...indices.map((i) => [0, i]), [2, "predicate_was_false"]] });

/** The transaction is refused with tx_missing_active_auth naming `field` of its first operation, with these
 *  rejected custom authorities (none: "rejected_custom_auths":[]), and the state is unchanged. */
function expectMissingActive(f: ChainFixture, ops: T.Operation[], signers: string[], field: string, rejected?: Record<string, unknown>, offset = 0): void {
  const before = f.state;
  const r = push(f, ops, signers, offset);
  expect(refusal(r)).toEqual({ exception: "tx_missing_active_auth", rule: "verify_authority.missing_active_auth", field: `operations[0][1].${field}` });
  // Every authority failure carries the map; none refusing is the empty one.
  if (E.isLeft(r)) expect(rejectedOf(r.left)).toEqual(rejected ?? {});
  expect(f.state).toBe(before);
}

/** database_fixture::create_account(name): registered by the committee account, keyed by sha256(name). */
function createAccount(f: ChainFixture, name: string): string {
  const key = f.publicKey(name);
  const auth = (w: number): T.Authority => ({ weight_threshold: w, account_auths: [], key_auths: [[key, w]], address_auths: [] });
  return resultId(pushOk(f, [[5, {
    fee: fee0, registrar: COMMITTEE, referrer: COMMITTEE, referrer_percent: 0, name, owner: auth(123), active: auth(321),
    options: { memo_key: key, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
  }]]));
}

const transferOp = (from: string, to: string, amount: T.Asset): T.Operation => [0, { fee: fee0, from, to, amount, extensions: [] }];

/** authority(1, account, 1): what `op.auth.add_authority(bob, 1); op.auth.weight_threshold = 1` builds. */
const accountAuth = (account: string): T.Authority => ({ weight_threshold: 1, account_auths: [[account, 1]], key_auths: [], address_auths: [] });
const keyAuth = (key: string): T.Authority => ({ weight_threshold: 1, account_auths: [], key_auths: [[key, 1]], address_auths: [] });

interface CreateFields {
  account: string;
  auth: T.Authority;
  operation_type: number;
  valid_to: number;
  valid_from?: number;
  enabled?: boolean;
  restrictions?: T.Restriction[];
}
/** A custom_authority_create_operation as the tests fill it in (valid_from defaults to the epoch). */
const createOp = (c: CreateFields): T.Operation => [54, {
  fee: fee0, account: c.account, enabled: c.enabled ?? true, valid_from: c.valid_from ?? 0, valid_to: c.valid_to,
  operation_type: BigInt(c.operation_type), auth: c.auth, restrictions: c.restrictions ?? [], extensions: [],
}];
type UpdateFields = Partial<Omit<T.CustomAuthorityUpdateOperation, "fee" | "account" | "authority_to_update" | "extensions">>;
const updateOp = (account: string, authority_to_update: string, u: UpdateFields): T.Operation => [55, {
  fee: fee0, account, authority_to_update, restrictions_to_remove: [], restrictions_to_add: [], extensions: [], ...u,
}];
const deleteOp = (account: string, authority_to_delete: string): T.Operation => [56, { fee: fee0, account, authority_to_delete, extensions: [] }];

const caOf = (f: ChainFixture, id: string): T.CustomAuthorityObject => f.get<T.CustomAuthorityObject>(id);

/** The actors created and funded with `funds` core each, then `parameters` (by default the C++ tests'
 *  custom_authority_options_type()) set with nothing pending. */
function chain(names: string[], funds: bigint, parameters: (f: ChainFixture) => void = (f) => setCustomAuthorityOptions(f, DEFAULT_OPTIONS)) {
  const f = ChainFixture.create();
  const ids: Record<string, string> = {};
  for (const n of names) ids[n] = createAccount(f, n);
  if (funds > 0n) for (const n of names) pushOk(f, [transferOp(COMMITTEE, ids[n]!, core(funds))]);
  f.generateBlock();
  parameters(f);
  f.generateBlock();
  return { f, ids };
}

const TRANSFER = 0;
const ASSET_RESERVE = 15;
const HTLC_CREATE = 49;
const HTLC_REDEEM = 50;
const HTLC_EXTEND = 52;
/** restriction::function_type and the argument tags used here. */
const FUNC = { eq: 0, lt: 2, le: 3, gt: 4, ge: 5 };
const ARG = { int64: 2, account: 7, asset: 8 };

// ---------------------------------------------------------------- ported cases

describe("custom_authority_tests.cpp", () => {
  it("custom_auths_unsupported_operations_test: no custom authority for a virtual operation (fill_order)", () => {
    const { f, ids } = chain(["alice", "bob"], 1000n * P);
    const r = R(memberIndex("fill_order_operation", "account_id"), FUNC.eq, [ARG.account, "1.2.0"]);
    expectRefused(f, createOp({ account: ids.alice!, auth: accountAuth(ids.bob!), operation_type: 4, valid_to: f.now() + 1000, restrictions: [r] }),
      "assert_exception", "restriction_predicate.operation_supported", "operation_type", ["alice"]);
  });

  it("custom_auths: bob transfers from alice's account within the restrictions, until alice deletes the authority", () => {
    const { f, ids } = chain(["alice", "bob"], 1000n * P);
    const { alice, bob } = ids as { alice: string; bob: string };
    const amountIndex = memberIndex("transfer_operation", "amount");
    const restrictionFor = (func: number) => attr(amountIndex,
      R(memberIndex("asset", "amount"), func, [ARG.int64, Number(100n * P)]), R(memberIndex("asset", "asset_id"), FUNC.eq, [ARG.asset, "1.3.0"]));
    const op = createOp({ account: alice, auth: accountAuth(bob), operation_type: TRANSFER, valid_to: f.now() + 1000, restrictions: [restrictionFor(FUNC.lt)] });
    expect(restrictionCount((op[1] as T.CustomAuthorityCreateOperation).restrictions)).toBe(3);
    const transfer = (amount: bigint) => transferOp(alice, bob, core(amount));
    // No custom authority yet.
    expectMissingActive(f, [transfer(99n * P)], ["bob"], "from");
    const id = resultId(pushOk(f, [op], ["alice"]));
    expect(id).toBe("1.17.0");
    expect(caOf(f, id)).toEqual({
      id, account: alice, enabled: true, valid_from: 0, valid_to: f.now() + 1000, operation_type: 0n, auth: accountAuth(bob),
      restrictions: [[0, restrictionFor(FUNC.lt)]], restriction_counter: 1,
    });
    pushOk(f, [transfer(99n * P)], ["bob"]);
    // 100 is not strictly less than 100: "rejection_path":[[0,0],[0,0],[2,"predicate_was_false"]]
    expectMissingActive(f, [transfer(100n * P)], ["bob"], "from", { [id]: FALSE_AT(0, 0) });
    // Only transfers of exactly 100 CORE now: restriction 0 is replaced by restriction 1.
    pushOk(f, [updateOp(alice, id, { restrictions_to_remove: [0], restrictions_to_add: [restrictionFor(FUNC.eq)] })], ["alice"]);
    expect(caOf(f, id).restrictions).toEqual([[1, restrictionFor(FUNC.eq)]]);
    expect(caOf(f, id).restriction_counter).toBe(2);
    expectMissingActive(f, [transfer(99n * P)], ["bob"], "from", { [id]: FALSE_AT(0, 0) }, 5);
    pushOk(f, [transfer(100n * P)], ["bob"], 5);
    f.generateBlock();
    pushOk(f, [transfer(100n * P)], ["bob"], 10);
    expect(f.balance(alice, "1.3.0")).toBe(701n * P);
    expect(f.balance(bob, "1.3.0")).toBe(1299n * P);
    pushOk(f, [deleteOp(alice, id)], ["alice"]);
    expect(f.find(id)).toBeUndefined();
    expectMissingActive(f, [transfer(100n * P)], ["bob"], "from", undefined, 15);
  });

  it("multiple_transfer_custom_auths: two custom authorities of one account, each for its own recipient", () => {
    const { f, ids } = chain(["alice", "bob", "charlie", "diana"], 0n);
    const { alice, bob, charlie, diana } = ids as Record<"alice" | "bob" | "charlie" | "diana", string>;
    pushOk(f, [transferOp(COMMITTEE, alice, core(1000n * P)), transferOp(COMMITTEE, bob, core(1000n * P))]);
    const bobToCharlie = transferOp(alice, charlie, core(100n * P));
    const bobToDiana = transferOp(alice, diana, core(60n * P));
    const charlieToDiana = transferOp(alice, diana, core(25n * P));
    expectMissingActive(f, [bobToCharlie], ["bob"], "from");
    expectMissingActive(f, [bobToDiana], ["bob"], "from");
    expectMissingActive(f, [charlieToDiana], ["charlie"], "from");
    const toIndex = memberIndex("transfer_operation", "to");
    const ca1 = resultId(pushOk(f, [createOp({
      account: alice, auth: accountAuth(bob), operation_type: TRANSFER, valid_to: f.now() + 1000, restrictions: [R(toIndex, FUNC.eq, [ARG.account, charlie])],
    })], ["alice"]));
    pushOk(f, [bobToCharlie], ["bob"]);
    // charlie signs bob's transfer to diana: "rejection_path":[[0,0],[2,"predicate_was_false"]]
    expectMissingActive(f, [bobToDiana], ["charlie"], "from", { [ca1]: FALSE_AT(0) });
    expectMissingActive(f, [charlieToDiana], ["charlie"], "from", { [ca1]: FALSE_AT(0) });
    f.generateBlock();
    const ca2 = resultId(pushOk(f, [createOp({
      account: alice, auth: accountAuth(charlie), operation_type: TRANSFER, valid_to: f.now() + 1000, restrictions: [R(toIndex, FUNC.eq, [ARG.account, diana])],
    })], ["alice"]));
    expect([ca1, ca2]).toEqual(["1.17.0", "1.17.1"]);
    expect([...f.state.withPrefix(1, 17, "by_account_custom", [Number(alice.split(".")[2])])].length).toBe(2);
    pushOk(f, [charlieToDiana], ["charlie"]);
    pushOk(f, [bobToCharlie], ["bob"], 5);
    // 1.17.1 accepts the operation but its authority (charlie) is not satisfied; only 1.17.0 refused it.
    expectMissingActive(f, [bobToDiana], ["bob"], "from", { [ca1]: FALSE_AT(0) });
    f.generateBlock();
    pushOk(f, [deleteOp(alice, ca1)], ["alice"]);
    expectMissingActive(f, [bobToCharlie], ["bob"], "from", { [ca2]: FALSE_AT(0) });
    pushOk(f, [charlieToDiana], ["charlie"], 5);
    // "rejected_custom_auths":[]
    expectMissingActive(f, [bobToDiana], ["bob"], "from", undefined);
    expect(f.balance(alice, "1.3.0")).toBe((1000n - 200n - 50n) * P);
    expect(f.balance(diana, "1.3.0")).toBe(50n * P);
  });

  describe("with the HTLC committee parameters", () => {
    const setup = () => {
      const x = chain(["alice", "bob", "gateway"], 0n, (f) => {
        setHtlcCommitteeParameters(f);
        setCustomAuthorityOptions(f, DEFAULT_OPTIONS);
      });
      return x;
    };
    const fund = (f: ChainFixture, to: string, amount: bigint) => {
      // transfer's fee is 20 core under get_htlc_fee_parameters; the committee pays it
      pushOk(f, [transferOp(COMMITTEE, to, core(amount))]);
    };
    const preimageOf = (size: number, seed = 1): Uint8Array => Uint8Array.from({ length: size }, (_, i) => (i * 13 + seed * 5 + 1) & 0xff);
    const ripemd = (p: Uint8Array): T.HtlcHash => [0, bytesToHex(ripemd160(p))];
    const htlcCreate = (from: string, to: string, amount: bigint, preimage: Uint8Array, claim: number): T.Operation => [49, {
      fee: fee0, from, to, amount: core(amount), preimage_hash: ripemd(preimage), preimage_size: preimage.length, claim_period_seconds: claim, extensions: {},
    }];

    it("authorized_htlc_creation: bob creates HTLCs from alice's account only to the gateway, with preimages of 512 bytes or more", () => {
      const { f, ids } = setup();
      const { alice, bob, gateway } = ids as Record<"alice" | "bob" | "gateway", string>;
      fund(f, alice, 100n * P);
      const p256 = preimageOf(256);
      pushOk(f, [htlcCreate(alice, gateway, 1n * P, p256, 3)], ["alice"]);
      f.generateBlock();
      expectMissingActive(f, [htlcCreate(alice, gateway, 1n * P, p256, 3)], ["bob"], "from");
      const ca = resultId(pushOk(f, [createOp({
        account: alice, auth: accountAuth(bob), operation_type: HTLC_CREATE, valid_to: f.now() + 1000, restrictions: [
          R(memberIndex("htlc_create_operation", "to"), FUNC.eq, [ARG.account, gateway]),
          R(memberIndex("htlc_create_operation", "preimage_size"), FUNC.ge, [ARG.int64, 512]),
        ],
      })], ["alice"]));
      f.generateBlock();
      // "rejection_path":[[0,1],[2,"predicate_was_false"]]
      expectMissingActive(f, [htlcCreate(alice, gateway, 1n * P, p256, 3)], ["bob"], "from", { [ca]: FALSE_AT(1) });
      pushOk(f, [htlcCreate(alice, gateway, 1n * P, preimageOf(512), 3)], ["bob"]);
      pushOk(f, [htlcCreate(alice, gateway, 1n * P, preimageOf(600), 3)], ["bob"]);
      // three HTLCs of 1 core, each with a fee of 2 + 2 * 1 day; alice's own expired 3 seconds after it was
      // made, so the blocks since have refunded its 1 core
      expect(f.balance(alice, "1.3.0")).toBe(100n * P - 3n * 5n * P + 1n * P);
      expect([...f.state.withPrefix<T.HtlcObject>(1, 16, "by_from_id", [Number(alice.split(".")[2])])].map((h) => h.id)).toEqual(["1.16.1", "1.16.2"]);
    });

    it("authorized_htlc_redeem: bob redeems for the gateway only with a preimage of the authorized size", () => {
      const { f, ids } = setup();
      const { alice, bob, gateway } = ids as Record<"alice" | "bob" | "gateway", string>;
      fund(f, alice, 1000n * P);
      fund(f, gateway, 50n * P);
      const p256 = preimageOf(256);
      pushOk(f, [htlcCreate(alice, gateway, 25n * P, p256, DAY)], ["alice"]);
      f.generateBlock();
      const htlc = [...f.state.withPrefix<T.HtlcObject>(1, 16, "by_from_id", [Number(alice.split(".")[2])])][0]!.id;
      const redeem: T.Operation = [50, { fee: fee0, htlc_id: htlc, redeemer: gateway, preimage: bytesToHex(p256), extensions: [] }];
      expectMissingActive(f, [redeem], ["bob"], "redeemer");
      const preimageIndex = memberIndex("htlc_redeem_operation", "preimage");
      // eq on a vector field compares its size: 200 does not match the 256-byte preimage
      const ca = resultId(pushOk(f, [createOp({
        account: gateway, auth: accountAuth(bob), operation_type: HTLC_REDEEM, valid_to: f.now() + 1000, restrictions: [R(preimageIndex, FUNC.eq, [ARG.int64, 200])],
      })], ["gateway"]));
      f.generateBlock();
      expectMissingActive(f, [redeem], ["bob"], "redeemer", { [ca]: FALSE_AT(0) });
      f.generateBlock();
      pushOk(f, [updateOp(gateway, ca, { restrictions_to_remove: [0], restrictions_to_add: [R(preimageIndex, FUNC.eq, [ARG.int64, 256])] })], ["gateway"]);
      pushOk(f, [redeem], ["bob"]);
      // 50 + 25, less the redemption fee 2 + 2 * 1 KiB paid by the redeemer
      expect(f.balance(gateway, "1.3.0")).toBe(71n * P);
      expect(f.find(htlc)).toBeUndefined();
    });

    it("authorized_htlc_extension: bob extends alice's HTLC by more than 1 hour and at most 24 hours", () => {
      const { f, ids } = setup();
      const { alice, bob, gateway } = ids as Record<"alice" | "bob" | "gateway", string>;
      fund(f, alice, 1000n * P);
      fund(f, gateway, 50n * P);
      pushOk(f, [htlcCreate(alice, gateway, 25n * P, preimageOf(256), DAY)], ["alice"]);
      f.generateBlock();
      const htlc = [...f.state.withPrefix<T.HtlcObject>(1, 16, "by_from_id", [Number(alice.split(".")[2])])][0]!;
      const extend = (seconds: number): T.Operation => [52, { fee: fee0, htlc_id: htlc.id, update_issuer: alice, seconds_to_add: seconds, extensions: [] }];
      expectMissingActive(f, [extend(24 * 3600)], ["bob"], "update_issuer");
      const seconds = memberIndex("htlc_extend_operation", "seconds_to_add");
      const ca = resultId(pushOk(f, [createOp({
        account: alice, auth: accountAuth(bob), operation_type: HTLC_EXTEND, valid_to: f.now() + 1000,
        restrictions: [R(seconds, FUNC.gt, [ARG.int64, 3600]), R(seconds, FUNC.le, [ARG.int64, 24 * 3600])],
      })], ["alice"]));
      f.generateBlock();
      pushOk(f, [extend(24 * 3600)], ["bob"]);
      pushOk(f, [extend(10 * 3600)], ["bob"]);
      expectMissingActive(f, [extend(3600)], ["bob"], "update_issuer", { [ca]: FALSE_AT(0) });
      expectMissingActive(f, [extend(24 * 3600 + 1)], ["bob"], "update_issuer", { [ca]: FALSE_AT(1) });
      expect(f.get<T.HtlcObject>(htlc.id).conditions.time_lock.expiration).toBe(htlc.conditions.time_lock.expiration + 34 * 3600);
      // 1000 - 25 - 4 (create: 2 + 2 * 1 day) - 4 - 4 (each extension: 2 + 2 * 1 started day)
      expect(f.balance(alice, "1.3.0")).toBe(963n * P);
    });
  });

  it("authorized_time_restrictions_3: bob reserves alice's asset only within [valid_from, valid_to)", () => {
    // Ported without its proposal: alice creates the custom authority herself.
    const { f, ids } = chain(["assetissuer", "alice", "bob", "charlie"], 0n, () => undefined);
    const { assetissuer, alice, bob, charlie } = ids as Record<"assetissuer" | "alice" | "bob" | "charlie", string>;
    pushOk(f, [transferOp(COMMITTEE, alice, core(100n * P))]);
    pushOk(f, [[8, { fee: fee0, account_to_upgrade: assetissuer, upgrade_to_lifetime_member: true, extensions: [] }]]);
    const coin = resultId(pushOk(f, [[10, {
      fee: fee0, issuer: assetissuer, symbol: "SPECIALCOIN", precision: 2, is_prediction_market: false, extensions: [],
      common_options: {
        max_supply: 1000000000000000n, market_fee_percent: 0, max_market_fee: 1000000000000000n, issuer_permissions: 0x4f, flags: 0,
        core_exchange_rate: { base: core(1n), quote: asset(1n, "1.3.1") },
        whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
      },
    }]]));
    f.generateBlock();
    const issue = (to: string, amount: bigint): T.Operation => [14, { fee: fee0, issuer: assetissuer, asset_to_issue: asset(amount, coin), issue_to_account: to, extensions: [] }];
    pushOk(f, [issue(alice, 1000n), issue(charlie, 2000n)], ["assetissuer"]);
    const reserve = (payer: string): T.Operation => [15, { fee: fee0, payer, amount_to_reserve: asset(200n, coin), extensions: [] }];
    pushOk(f, [reserve(alice)], ["alice"]);
    expect(f.balance(alice, coin)).toBe(800n);
    pushOk(f, [reserve(charlie)], ["charlie"]);
    expect(f.balance(charlie, coin)).toBe(1800n);
    const times = (now: number) => ({
      before: now + MAX_LIFETIME * 1 / 5, start: now + MAX_LIFETIME * 2 / 5, middle: now + MAX_LIFETIME * 3 / 5, end: now + MAX_LIFETIME * 4 / 5,
    });
    // Not yet initialized for custom authorities.
    const early = times(f.now());
    expectRefused(f, createOp({ account: alice, auth: accountAuth(bob), operation_type: ASSET_RESERVE, valid_from: early.start, valid_to: early.end }),
      "assert_exception", "custom_authority_create.options_set", "", ["alice"]);
    f.generateBlock();
    setCustomAuthorityOptions(f, DEFAULT_OPTIONS);
    f.generateBlock();
    const t = times(f.now());
    const ca = resultId(pushOk(f, [createOp({ account: alice, auth: accountAuth(bob), operation_type: ASSET_RESERVE, valid_from: t.start, valid_to: t.end })], ["alice"]));
    f.generateBlocksUntil(t.before);
    // Not active yet, so not viable: "rejected_custom_auths":[]
    expectMissingActive(f, [reserve(alice)], ["bob"], "payer");
    f.generateBlocksUntil(t.start);
    expect(f.now()).toBe(t.start);
    pushOk(f, [reserve(alice)], ["bob"]);
    f.generateBlocksUntil(t.middle);
    pushOk(f, [reserve(alice)], ["bob"]);
    f.generateBlocksUntil(t.end + DAY);
    expectMissingActive(f, [reserve(alice)], ["bob"], "payer");
    expect(f.balance(alice, coin)).toBe(400n);
    // A maintenance has passed since valid_to: the custom authority is gone.
    expect(f.find(ca)).toBeUndefined();
  });
});

// ---------------------------------------------------------------- BSIP 40 in authority checks

describe("custom authorities in verify_authority", () => {
  it("lets a key that is no authority of the account sign the operation", () => {
    const { f, ids } = chain(["alice", "bob"], 1000n * P);
    const tradingKey = f.publicKey("alice-trading-key");
    expectMissingActive(f, [transferOp(ids.alice!, ids.bob!, core(5n))], ["alice-trading-key"], "from");
    pushOk(f, [createOp({ account: ids.alice!, auth: keyAuth(tradingKey), operation_type: TRANSFER, valid_to: f.now() + 1000 })], ["alice"]);
    pushOk(f, [transferOp(ids.alice!, ids.bob!, core(5n))], ["alice-trading-key"]);
    expect(f.balance(ids.bob!, "1.3.0")).toBe(1000n * P + 5n);
    // only for its operation type
    const upgrade: T.Operation = [8, { fee: fee0, account_to_upgrade: ids.alice!, upgrade_to_lifetime_member: true, extensions: [] }];
    expectMissingActive(f, [upgrade], ["alice-trading-key"], "account_to_upgrade");
  });

  it("ignores a disabled custom authority until it is enabled", () => {
    const { f, ids } = chain(["alice", "bob"], 1000n * P);
    const ca = resultId(pushOk(f, [createOp({ account: ids.alice!, auth: accountAuth(ids.bob!), operation_type: TRANSFER, valid_to: f.now() + 1000, enabled: false })]));
    expectMissingActive(f, [transferOp(ids.alice!, ids.bob!, core(5n))], ["bob"], "from");
    pushOk(f, [updateOp(ids.alice!, ca, { new_enabled: true })]);
    pushOk(f, [transferOp(ids.alice!, ids.bob!, core(5n))], ["bob"]);
    pushOk(f, [updateOp(ids.alice!, ca, { new_enabled: false })]);
    expectMissingActive(f, [transferOp(ids.alice!, ids.bob!, core(5n))], ["bob"], "from", undefined, 5);
  });

  it("ignores one past valid_to, and maintenance deletes it once valid_to is before the head block time", () => {
    const { f, ids } = chain(["alice", "bob"], 1000n * P);
    const validTo = f.now() + 60;
    const ca = resultId(pushOk(f, [createOp({ account: ids.alice!, auth: accountAuth(ids.bob!), operation_type: TRANSFER, valid_to: validTo })]));
    pushOk(f, [transferOp(ids.alice!, ids.bob!, core(5n))], ["bob"]);
    f.generateBlocksUntil(validTo);
    expect(f.now()).toBe(validTo);
    // now < valid_to fails: not viable, and not listed as rejected
    expectMissingActive(f, [transferOp(ids.alice!, ids.bob!, core(5n))], ["bob"], "from", undefined, 5);
    expect(f.find(ca)).toBeDefined();
    f.generateBlocksUntil(f.dgpo().next_maintenance_time);
    expect(f.find(ca)).toBeUndefined();
  });

  // bitshares-core's delete_expired_custom_auths removes those with valid_to < head_block_time (db_maint.cpp),
  // so one expiring exactly at the maintenance block stays until the next maintenance.
  it("keeps one whose valid_to is the maintenance block's time until the next maintenance", () => {
    const { f, ids } = chain(["alice", "bob"], 1000n * P);
    const maintenance = f.dgpo().next_maintenance_time;
    const ca = resultId(pushOk(f, [createOp({ account: ids.alice!, auth: accountAuth(ids.bob!), operation_type: TRANSFER, valid_to: maintenance })]));
    f.generateBlocksUntil(maintenance);
    expect(f.now()).toBe(maintenance);
    expect(f.dgpo().next_maintenance_time).toBe(maintenance + DAY);
    expect(f.find(ca)).toBeDefined();
  });
});

// ---------------------------------------------------------------- every rule of the evaluators

describe("custom_authority_create", () => {
  const setup = () => chain(["alice", "bob"], 1000n * P);
  const base = (f: ChainFixture, ids: Record<string, string>): CreateFields =>
    ({ account: ids.alice!, auth: accountAuth(ids.bob!), operation_type: TRANSFER, valid_to: f.now() + 1000 });

  it("is refused until the committee sets custom_authority_options", () => {
    const { f, ids } = chain(["alice", "bob"], 0n, () => undefined);
    expectRefused(f, createOp(base(f, ids)), "assert_exception", "custom_authority_create.options_set", "");
  });

  it("needs valid_to after the head block time and within max_custom_authority_lifetime_seconds (equal is allowed)", () => {
    const { f, ids } = setup();
    expectRefused(f, createOp({ ...base(f, ids), valid_to: f.now() }), "assert_exception", "custom_authority_create.valid_to_future", "valid_to");
    expectRefused(f, createOp({ ...base(f, ids), valid_to: f.now() + MAX_LIFETIME + 1 }), "assert_exception", "custom_authority_create.lifetime", "valid_to");
    const id = resultId(pushOk(f, [createOp({ ...base(f, ids), valid_to: f.now() + MAX_LIFETIME })]));
    expect(caOf(f, id).valid_to).toBe(f.now() + MAX_LIFETIME);
  });

  it("counts nested restrictions against max_custom_authority_restrictions", () => {
    const { f, ids } = setup();
    const eqAsset = R(memberIndex("asset", "asset_id"), FUNC.eq, [ARG.asset, "1.3.0"]);
    const amount = memberIndex("transfer_operation", "amount");
    // attr + 9 inside = 10 (allowed), attr + 10 inside = 11
    const ten = attr(amount, ...Array.from({ length: 9 }, () => eqAsset));
    const eleven = attr(amount, ...Array.from({ length: 10 }, () => eqAsset));
    expectRefused(f, createOp({ ...base(f, ids), restrictions: [eleven] }), "assert_exception", "custom_authority_create.restriction_count", "restrictions");
    pushOk(f, [createOp({ ...base(f, ids), restrictions: [ten] })]);
  });

  it("needs every account of the authority to exist", () => {
    const { f, ids } = setup();
    const auth: T.Authority = { weight_threshold: 1, account_auths: [[ids.bob!, 1], ["1.2.999", 1]], key_auths: [], address_auths: [] };
    expectRefused(f, createOp({ ...base(f, ids), auth }), "assert_exception", "database.object_exists", "auth.account_auths[1][0]");
  });

  it("limits custom authorities per account and per account and operation type, disabled ones included", () => {
    const { f, ids } = setup();
    const make = (operation_type: number, i: number, enabled = true) =>
      createOp({ ...base(f, ids), operation_type, valid_to: f.now() + 1000 + i, enabled });
    pushOk(f, [make(TRANSFER, 0), make(TRANSFER, 1, false), make(TRANSFER, 2)]);
    expectRefused(f, make(TRANSFER, 3), "assert_exception", "custom_authority_create.max_per_account_op", "operation_type");
    pushOk(f, [make(HTLC_CREATE, 4), make(HTLC_CREATE, 5), make(HTLC_CREATE, 6), make(ASSET_RESERVE, 7), make(ASSET_RESERVE, 8), make(ASSET_RESERVE, 9, false), make(HTLC_EXTEND, 10)]);
    expect([...f.state.withPrefix(1, 17, "by_account_custom", [Number(ids.alice!.split(".")[2])])].length).toBe(10);
    expectRefused(f, make(HTLC_REDEEM, 11), "assert_exception", "custom_authority_create.max_per_account", "account");
    // another account is not affected
    pushOk(f, [createOp({ ...base(f, ids), account: ids.bob!, auth: accountAuth(ids.alice!) })]);
  });
});

describe("custom_authority_update", () => {
  const setup = () => {
    const { f, ids } = chain(["alice", "bob", "carol"], 1000n * P);
    const to = memberIndex("transfer_operation", "to");
    const restrictions = [R(to, FUNC.eq, [ARG.account, ids.bob!]), R(to, FUNC.eq, [ARG.account, ids.carol!])];
    const validTo = f.now() + 1000;
    const ca = resultId(pushOk(f, [createOp({ account: ids.alice!, auth: accountAuth(ids.bob!), operation_type: TRANSFER, valid_to: validTo, restrictions })]));
    return { f, ids, ca, validTo, to, restrictions };
  };

  it("refuses a custom authority that does not exist or belongs to another account", () => {
    const { f, ids, ca } = setup();
    expectRefused(f, updateOp(ids.alice!, "1.17.99", { new_enabled: false }), "assert_exception", "database.object_exists", "authority_to_update");
    expectRefused(f, updateOp(ids.bob!, ca, { new_enabled: false }), "assert_exception", "custom_authority_update.same_account", "account");
  });

  it("refuses fields that change nothing", () => {
    const { f, ids, ca, validTo } = setup();
    const a = ids.alice!;
    expectRefused(f, updateOp(a, ca, { new_enabled: true }), "assert_exception", "custom_authority_update.enabled_changes", "new_enabled");
    expectRefused(f, updateOp(a, ca, { new_valid_from: 0 }), "assert_exception", "custom_authority_update.valid_from_changes", "new_valid_from");
    expectRefused(f, updateOp(a, ca, { new_valid_to: validTo }), "assert_exception", "custom_authority_update.valid_to_changes", "new_valid_to");
    expectRefused(f, updateOp(a, ca, { new_auth: accountAuth(ids.bob!) }), "assert_exception", "custom_authority_update.auth_changes", "new_auth");
  });

  it("is refused once the committee options are gone (bitshares-core would read an empty optional)", () => {
    const { f, ids, ca } = setup();
    f.generateBlock();
    setCustomAuthorityOptions(f, undefined);
    expectRefused(f, updateOp(ids.alice!, ca, { new_enabled: false }), "assert_exception", "custom_authority_update.options_set", "");
  });

  it("checks a new valid_to like create, and the resulting validity period", () => {
    const { f, ids, ca, validTo } = setup();
    const a = ids.alice!;
    expectRefused(f, updateOp(a, ca, { new_valid_to: f.now() }), "assert_exception", "custom_authority_update.valid_to_future", "new_valid_to");
    expectRefused(f, updateOp(a, ca, { new_valid_to: f.now() + MAX_LIFETIME + 1 }), "assert_exception", "custom_authority_update.lifetime", "new_valid_to");
    expectRefused(f, updateOp(a, ca, { new_valid_from: validTo }), "assert_exception", "custom_authority_update.valid_from_before_valid_to", "new_valid_from");
    pushOk(f, [updateOp(a, ca, { new_valid_from: validTo - 1 })]);
    expectRefused(f, updateOp(a, ca, { new_valid_to: validTo - 1 }), "assert_exception", "custom_authority_update.valid_from_before_valid_to", "new_valid_to");
    pushOk(f, [updateOp(a, ca, { new_valid_to: f.now() + MAX_LIFETIME })]);
    expect([caOf(f, ca).valid_from, caOf(f, ca).valid_to]).toEqual([validTo - 1, f.now() + MAX_LIFETIME]);
  });

  it("needs every account of a new authority to exist", () => {
    const { f, ids, ca } = setup();
    expectRefused(f, updateOp(ids.alice!, ca, { new_auth: accountAuth("1.2.999") }), "assert_exception", "database.object_exists", "new_auth.account_auths[0][0]");
    pushOk(f, [updateOp(ids.alice!, ca, { new_auth: accountAuth(ids.carol!) })]);
    expect(caOf(f, ca).auth).toEqual(accountAuth(ids.carol!));
  });

  it("removes restrictions by id and numbers those added from restriction_counter", () => {
    const { f, ids, ca, to, restrictions } = setup();
    const a = ids.alice!;
    expectRefused(f, updateOp(a, ca, { restrictions_to_remove: [0, 2] }), "assert_exception", "custom_authority_update.restriction_exists", "restrictions_to_remove[1]");
    const added = R(to, FUNC.eq, [ARG.account, a]);
    pushOk(f, [updateOp(a, ca, { restrictions_to_remove: [0], restrictions_to_add: [added] })]);
    expect(caOf(f, ca)).toMatchObject({ restrictions: [[1, restrictions[1]], [2, added]], restriction_counter: 3 });
    // removed ids are not reused
    expectRefused(f, updateOp(a, ca, { restrictions_to_remove: [0] }), "assert_exception", "custom_authority_update.restriction_exists", "restrictions_to_remove[0]");
  });

  it("counts the restrictions kept and added against max_custom_authority_restrictions", () => {
    const { f, ids, ca, to } = setup();
    const a = ids.alice!;
    const eq = R(to, FUNC.eq, [ARG.account, a]);
    // 2 kept + 9 added = 11; removing one of the kept makes 10
    expectRefused(f, updateOp(a, ca, { restrictions_to_add: Array.from({ length: 9 }, () => eq) }), "assert_exception", "custom_authority_update.restriction_count", "restrictions_to_add");
    pushOk(f, [updateOp(a, ca, { restrictions_to_remove: [1], restrictions_to_add: Array.from({ length: 9 }, () => eq) })]);
    expect(caOf(f, ca).restrictions.map(([id]) => id)).toEqual([0, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("builds the predicate of the restrictions added for the authority's operation type", () => {
    const { f, ids, ca } = setup();
    expectRefused(f, updateOp(ids.alice!, ca, { restrictions_to_add: [R(99, FUNC.eq, [ARG.account, ids.alice!])] }),
      "assert_exception", "restriction_predicate.member_index_in_range", "restrictions_to_add[0].member_index");
  });
});

describe("custom_authority_delete", () => {
  it("removes the account's own custom authority only", () => {
    const { f, ids } = chain(["alice", "bob"], 0n);
    const ca = resultId(pushOk(f, [createOp({ account: ids.alice!, auth: accountAuth(ids.bob!), operation_type: TRANSFER, valid_to: f.now() + 1000 })]));
    expectRefused(f, deleteOp(ids.alice!, "1.17.7"), "assert_exception", "database.object_exists", "authority_to_delete");
    expectRefused(f, deleteOp(ids.bob!, ca), "assert_exception", "custom_authority_delete.same_account", "account");
    pushOk(f, [deleteOp(ids.alice!, ca)]);
    expect(f.find(ca)).toBeUndefined();
  });
});

describe("addRestrictions (restriction ids are uint16_t)", () => {
  const r = (n: number) => R(0, FUNC.eq, [ARG.int64, n]);
  it("wraps restriction_counter after 65535 and drops a restriction whose id is taken, as flat_map::insert does", () => {
    // r(3) would take id 0, which r(0) holds
    expect(addRestrictions([[0, r(0)]], 65534, [r(1), r(2), r(3), r(4)])).toEqual({
      restrictions: [[0, r(0)], [1, r(4)], [65534, r(1)], [65535, r(2)]], restriction_counter: 2,
    });
  });
});
