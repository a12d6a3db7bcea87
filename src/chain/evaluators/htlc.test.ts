// htlc_create (49), htlc_redeem (50) and its htlc_redeemed virtual operation (51), htlc_extend (52), and the
// refund at expiry (htlc_refund, 53, clear_expired_htlcs) on the database_fixture chain, every hardfork
// active. Cases ported from bitshares-core tests/tests/htlc_tests.cpp name their test; numbers are
// re-derived for the post-hardfork (BSIP 64) code paths.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { bytesToHex } from "../../codec/hex.js";
import { hash160, ripemd160, sha1, sha256 } from "../../crypto/hash.js";
import { encryptMemo } from "../../crypto/memo.js";
import { hexToBytes } from "../../codec/hex.js";
import { calculateFee, defaultFeeParameters } from "../../protocol/fees/index.js";
import { ChainFixture } from "../../scenario/fixture.js";
import { expectOpRefused as expectRefused, pushOps as push, pushOpsOk as pushOk, refusal } from "./misc_ops_test_support.js";
import { SKIP, SKIP_ALL, applyTransaction, generateBlock, scheduledWitness, slotTime } from "../index.js";
import { preimageMatches } from "./htlc.js";


// ---------------------------------------------------------------- fixture helpers

/** GRAPHENE_BLOCKCHAIN_PRECISION */
const P = 100000n;
const DAY = 86400;
const COMMITTEE = "1.2.0";
const core = (amount: bigint): T.Asset => ({ amount, asset_id: "1.3.0" });
const asset = (amount: bigint, asset_id: string): T.Asset => ({ amount, asset_id });
const fee0 = core(0n);

/** database_fixture::set_htlc_committee_parameters: max_preimage_size 19200, max_timeout_secs 28 days. */
const HTLC_OPTIONS: T.HtlcOptions = { max_preimage_size: 19200, max_timeout_secs: 28 * DAY };

/** database_fixture::get_htlc_fee_parameters: 2 core plus 2 core per day (create, extend) or per KiB of
 *  preimage (redeem); transfer keeps its default fee with price_per_kbyte doubled (what a memo pays). */
const HTLC_FEES: T.FeeParameters[] = [
  [0, { ...(defaultFeeParameters(0) as T.TransferOperationFeeParamsT), price_per_kbyte: 2 * (defaultFeeParameters(0) as T.TransferOperationFeeParamsT).price_per_kbyte }],
  [49, { fee: 2n * P, fee_per_day: 2n * P }],
  [50, { fee: 2n * P, fee_per_kb: 2n * P }],
  [52, { fee: 2n * P, fee_per_day: 2n * P }],
];

function setHtlcOptions(f: ChainFixture, options: T.HtlcOptions | undefined): void {
  f.modifyGlobalProperties((g) => {
    const { updatable_htlc_options: _, ...rest } = g.parameters.extensions;
    return { ...g, parameters: { ...g.parameters, extensions: options === undefined ? rest : { ...rest, updatable_htlc_options: options } } };
  });
}

/** set_htlc_committee_parameters: the HTLC options and fees (fee schedule scale 100%). Call with nothing
 *  pending so the change lands in the head state. */
function setHtlcCommitteeParameters(f: ChainFixture): void {
  f.changeFees(HTLC_FEES, 10000);
  setHtlcOptions(f, HTLC_OPTIONS);
}

/** database_fixture::create_account(name): registered by the committee account, keyed by sha256(name). */
function createAccount(f: ChainFixture, name: string): string {
  const key = f.publicKey(name);
  const auth = (w: number): T.Authority => ({ weight_threshold: w, account_auths: [], key_auths: [[key, w]], address_auths: [] });
  return pushOk(f, [[5, {
    fee: fee0, registrar: COMMITTEE, referrer: COMMITTEE, referrer_percent: 0, name, owner: auth(123), active: auth(321),
    options: { memo_key: key, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
  }]]).operation_results[0]![1] as string;
}

const transferOp = (from: string, to: string, amount: T.Asset): T.Operation => [0, { fee: fee0, from, to, amount, extensions: [] }];

/** database_fixture::create_user_issued_asset(symbol, issuer, flags): precision 2, CER 1:1 with core. */
function createUia(f: ChainFixture, symbol: string, issuer: string, flags: number, blacklist: string[] = []): string {
  return pushOk(f, [[10, {
    fee: fee0, issuer, symbol, precision: 2, is_prediction_market: false, extensions: [],
    common_options: {
      max_supply: 1000000000000000n, market_fee_percent: 0, max_market_fee: 1000000000000000n, issuer_permissions: 0x4f, flags,
      core_exchange_rate: { base: core(1n), quote: asset(1n, "1.3.1") },
      whitelist_authorities: [], blacklist_authorities: blacklist, whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
    },
  }]]).operation_results[0]![1] as string;
}

const issueOp = (issuer: string, to: string, amount: T.Asset): T.Operation =>
  [14, { fee: fee0, issuer, asset_to_issue: amount, issue_to_account: to, extensions: [] }];
/** account_whitelist_operation: 0 no_listing, 1 white_listed, 2 black_listed. */
const listOp = (authorizing: string, account: string, listing: number): T.Operation =>
  [7, { fee: fee0, authorizing_account: authorizing, account_to_list: account, new_listing: listing, extensions: [] }];

/** generate_random_preimage, made deterministic. */
const preimageOf = (size: number, seed = 1): Uint8Array => Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed * 17 + 7) & 0xff);

/** hash_it<H>(preimage) as an htlc_hash. */
const hashed = {
  ripemd160: (p: Uint8Array): T.HtlcHash => [0, bytesToHex(ripemd160(p))],
  sha1: (p: Uint8Array): T.HtlcHash => [1, bytesToHex(sha1(p))],
  sha256: (p: Uint8Array): T.HtlcHash => [2, bytesToHex(sha256(p))],
  hash160: (p: Uint8Array): T.HtlcHash => [3, bytesToHex(hash160(p))],
};

interface CreateFields {
  from: string;
  to: string;
  amount: T.Asset;
  preimage_hash: T.HtlcHash;
  preimage_size: number;
  claim_period_seconds: number;
  memo?: T.MemoData;
}
const createOp = ({ memo, ...f }: CreateFields): T.Operation => [49, { fee: fee0, ...f, extensions: memo === undefined ? {} : { memo } }];
const redeemOp = (htlc_id: string, redeemer: string, preimage: Uint8Array): T.Operation =>
  [50, { fee: fee0, htlc_id, redeemer, preimage: bytesToHex(preimage), extensions: [] }];
const extendOp = (htlc_id: string, update_issuer: string, seconds_to_add: number): T.Operation =>
  [52, { fee: fee0, htlc_id, update_issuer, seconds_to_add, extensions: [] }];

const htlcOf = (f: ChainFixture, id: string): T.HtlcObject => f.get<T.HtlcObject>(id);

/** The actors created and funded (each `funds` core), then the committee's HTLC parameters, as the C++
 *  tests do before advance_past_htlc_first_hardfork. */
function htlcChain(names: string[], funds: bigint, parameters: (f: ChainFixture) => void = setHtlcCommitteeParameters) {
  const f = ChainFixture.create();
  const ids: Record<string, string> = {};
  for (const n of names) ids[n] = createAccount(f, n);
  for (const n of names) if (funds > 0n) pushOk(f, [transferOp(COMMITTEE, ids[n]!, core(funds))]);
  f.generateBlock();
  parameters(f);
  f.generateBlock();
  return { f, ids };
}

/** The next block, made as the fixture makes it, with the operations it applied (virtual ones included). */
function nextBlockOps(f: ChainFixture) {
  const r = generateBlock(f.head, f.pending, {
    when: slotTime(f.head, 1), witness: scheduledWitness(f.head, 1), signingKey: f.privateKey("null_key"), skip: SKIP_ALL | SKIP.undo_history_check,
  });
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right.appliedOps;
}

// ---------------------------------------------------------------- ported cases

describe("htlc_tests.cpp", () => {
  it("htlc_expires: the sender extends, others cannot, and the amount returns at expiry", () => {
    const { f, ids } = htlcChain(["alice", "bob"], 100n * P);
    const { alice, bob } = ids as { alice: string; bob: string };
    const preimage = preimageOf(256);
    const created = pushOk(f, [createOp({
      from: alice, to: bob, amount: core(3n * P), preimage_hash: hashed.sha256(preimage), preimage_size: 256, claim_period_seconds: 60,
    })], ["alice"]);
    const id = created.operation_results[0]![1] as string;
    expect(id).toBe("1.16.0");
    const createdAt = f.now();
    f.generateBlock();
    f.generateBlock();
    // "100 - 3 = 97, minus the 4 coin fee = 93": 2 core + 2 core for the one (started) day of 60 seconds.
    expect(f.balance(alice, "1.3.0")).toBe(93n * P);
    expect(htlcOf(f, id)).toEqual({
      id, transfer: { from: alice, to: bob, amount: 3n * P, asset_id: "1.3.0" },
      conditions: { hash_lock: { preimage_hash: hashed.sha256(preimage), preimage_size: 256 }, time_lock: { expiration: createdAt + 60 } },
    });
    // bob signs an extension in alice's name: her active authority is missing.
    const before = f.state;
    expect(refusal(push(f, [extendOp(id, alice, 10)], ["bob"]))).toEqual(
      { exception: "tx_missing_active_auth", rule: "verify_authority.missing_active_auth", field: "operations[0][1].update_issuer" });
    expect(f.state).toBe(before);
    // bob extends alice's contract in his own name.
    expectRefused(f, extendOp(id, bob, 10), "assert_exception", "htlc_extend.issuer_is_creator", "update_issuer", ["bob"]);
    // too much time: max_timeout_secs + 10 (its fee, 2 + 2 * 29 days, is covered by alice's 93).
    expectRefused(f, extendOp(id, alice, HTLC_OPTIONS.max_timeout_secs + 10), "assert_exception", "htlc_extend.max_timeout", "seconds_to_add", ["alice"]);
    pushOk(f, [extendOp(id, alice, 10)], ["alice"]);
    expect(htlcOf(f, id).conditions.time_lock.expiration).toBe(createdAt + 70);
    f.generateBlocksUntil(f.now() + 120);
    // "verify funds return (minus the fees)": 93 - 4 (extension) + 3.
    expect(f.balance(alice, "1.3.0")).toBe(92n * P);
    expect(f.find(id)).toBeUndefined();
    expectRefused(f, redeemOp(id, bob, preimage), "assert_exception", "database.object_exists", "htlc_id", ["bob"]);
  });

  it("htlc_fulfilled: anyone may redeem; the recipient gets the amount and the redeemer pays the fee", () => {
    const { f, ids } = htlcChain(["alice", "bob", "joker"], 100n * P);
    const { alice, bob, joker } = ids as { alice: string; bob: string; joker: string };
    const preimage = preimageOf(256);
    const id = pushOk(f, [createOp({
      from: alice, to: bob, amount: core(20n * P), preimage_hash: hashed.sha1(preimage), preimage_size: 256, claim_period_seconds: DAY,
    })], ["alice"]).operation_results[0]![1] as string;
    f.generateBlock();
    // 100 - 20 - 4 (2 + 2 * 1 day)
    expect(f.balance(alice, "1.3.0")).toBe(76n * P);
    pushOk(f, [extendOp(id, alice, DAY)], ["alice"]);
    f.generateBlocksUntil(f.now() + 87000);
    // the extension's fee: 2 + 2 * 1 day
    expect(f.balance(alice, "1.3.0")).toBe(72n * P);
    expect(f.find(id)).toBeDefined();
    // The redemption and its htlc_redeemed virtual operation, which notifies alice, bob and joker.
    const trx = f.transaction(f.withFees([redeemOp(id, joker, preimage)]));
    const applied = applyTransaction(f.state, trx, { skip: SKIP_ALL });
    if (E.isLeft(applied)) throw new Error(applied.left.message);
    expect(applied.right.appliedOps.map((o) => [o.op[0], o.is_virtual])).toEqual([[50, false], [51, true]]);
    expect(applied.right.appliedOps[1]!.op).toEqual([51, {
      fee: core(0n), htlc_id: id, from: alice, to: bob, redeemer: joker, amount: core(20n * P),
      htlc_preimage_hash: hashed.sha1(preimage), htlc_preimage_size: 256, preimage: bytesToHex(preimage),
    }]);
    pushOk(f, [redeemOp(id, joker, preimage)], ["joker"]);
    f.generateBlock();
    expect(f.balance(bob, "1.3.0")).toBe(120n * P);
    expect(f.balance(alice, "1.3.0")).toBe(72n * P);
    // the redemption fee: 2 + 2 per started KiB of the 256-byte preimage
    expect(f.balance(joker, "1.3.0")).toBe(96n * P);
    expect(f.find(id)).toBeUndefined();
  });

  it("other_peoples_money: bob cannot lock alice's funds", () => {
    const { f, ids } = htlcChain(["alice", "bob"], 0n);
    const { alice, bob } = ids as { alice: string; bob: string };
    pushOk(f, [transferOp(COMMITTEE, alice, core(100n * P))]);
    f.generateBlock();
    const op = createOp({
      from: alice, to: bob, amount: core(1n * P), preimage_hash: hashed.ripemd160(preimageOf(256)), preimage_size: 256, claim_period_seconds: 3,
    });
    const before = f.state;
    expect(refusal(push(f, [op], ["bob"]))).toEqual(
      { exception: "tx_missing_active_auth", rule: "verify_authority.missing_active_auth", field: "operations[0][1].from" });
    expect(f.state).toBe(before);
    pushOk(f, [op], ["alice"]);
    // 100 - 1 - (2 + 2 * 1 day)
    expect(f.balance(alice, "1.3.0")).toBe(95n * P);
  });

  describe("htlc_hf_bsip64 (the parts after the hardfork)", () => {
    const setup = () => {
      const x = htlcChain(["alice", "bob", "joker"], 100n * P);
      const memo = encryptMemo(x.f.privateKey("alice"), hexToBytes(x.f.publicKey("bob")), 1n, "Dear Bob,\n\nMoney!\n\nLove, Alice");
      if (E.isLeft(memo)) throw new Error(memo.left.message);
      return { ...x, memo: memo.right as T.MemoData, preimage: preimageOf(256) };
    };

    it("accepts a memo, kept on the HTLC, and a HASH160 preimage hash", () => {
      const { f, ids, memo, preimage } = setup();
      const { alice, bob } = ids as { alice: string; bob: string };
      const withMemo = pushOk(f, [createOp({
        from: alice, to: bob, amount: core(3n * P), preimage_hash: hashed.sha256(preimage), preimage_size: 0, claim_period_seconds: 60, memo,
      })], ["alice"]).operation_results[0]![1] as string;
      expect(htlcOf(f, withMemo).memo).toEqual(memo);
      const h160 = pushOk(f, [createOp({
        from: alice, to: bob, amount: core(3n * P), preimage_hash: hashed.hash160(preimage), preimage_size: 0, claim_period_seconds: 60,
      })], ["alice"]).operation_results[0]![1] as string;
      expect(htlcOf(f, h160).memo).toBeUndefined();
      expect(htlcOf(f, h160).conditions.hash_lock.preimage_hash[0]).toBe(3);
    });

    it("charges a memo per KiB at transfer's price_per_kbyte", () => {
      const { f, ids, memo, preimage } = setup();
      const { alice, bob } = ids as { alice: string; bob: string };
      const fields: CreateFields = { from: alice, to: bob, amount: core(3n), preimage_hash: hashed.sha256(preimage), preimage_size: 256, claim_period_seconds: 60 };
      const schedule = f.gpo().parameters.current_fees;
      const noMemo = calculateFee(createOp(fields), schedule);
      const withMemo = calculateFee(createOp({ ...fields, memo }), schedule);
      // 2 + 2 core; htlc.cpp prices pack_size of the optional memo: 1 (present) + 33 + 33 + 8 + 1 + 48 = 124
      // bytes (a 34-byte message padded to 48 by AES), at 2 * 10 core per KiB: 124 * 2000000 / 1024 = 242187.
      expect(noMemo).toEqual(E.right(4n * P));
      expect(withMemo).toEqual(E.right(4n * P + 242187n));
      const balance = f.balance(alice, "1.3.0");
      pushOk(f, [createOp({ ...fields, memo })], ["alice"]);
      expect(f.balance(alice, "1.3.0")).toBe(balance - 3n - 4n * P - 242187n);
    });

    it("refuses a transfer_restricted asset unless its issuer sends or receives it", () => {
      const { f, ids, preimage } = setup();
      const { alice, bob, joker } = ids as { alice: string; bob: string; joker: string };
      const uia = createUia(f, "ALICECOIN", alice, 0x08);
      pushOk(f, [issueOp(alice, bob, asset(10000n, uia))]);
      const restricted = (to: string) => createOp({
        from: bob, to, amount: asset(3n, uia), preimage_hash: hashed.sha256(preimage), preimage_size: 256, claim_period_seconds: 60,
      });
      expectRefused(f, restricted(joker), "assert_exception", "htlc_create.transfer_restricted", "amount.asset_id");
      pushOk(f, [restricted(alice)]);
      expect(f.balance(bob, uia)).toBe(10000n - 3n);
    });

    it("a zero preimage_size lets the hash alone decide, including the empty preimage", () => {
      const { f, ids, preimage } = setup();
      const { alice, bob } = ids as { alice: string; bob: string };
      // case 1: the hash of no preimage
      const empty = new Uint8Array(0);
      const h1 = pushOk(f, [createOp({
        from: alice, to: bob, amount: core(3n * P), preimage_hash: hashed.sha256(empty), preimage_size: 0, claim_period_seconds: 60,
      })], ["alice"]).operation_results[0]![1] as string;
      expectRefused(f, redeemOp(h1, bob, preimage), "assert_exception", "htlc_redeem.preimage_hash", "preimage", ["bob"]);
      pushOk(f, [redeemOp(h1, bob, empty)], ["bob"]);
      expect(f.find(h1)).toBeUndefined();
      // case 2: a real preimage with preimage_size 0
      const h2 = pushOk(f, [createOp({
        from: alice, to: bob, amount: core(3n * P), preimage_hash: hashed.hash160(preimage), preimage_size: 0, claim_period_seconds: 60,
      })], ["alice"]).operation_results[0]![1] as string;
      expectRefused(f, redeemOp(h2, bob, empty), "assert_exception", "htlc_redeem.preimage_hash", "preimage", ["bob"]);
      expectRefused(f, redeemOp(h2, bob, new TextEncoder().encode("Hello")), "assert_exception", "htlc_redeem.preimage_hash", "preimage", ["bob"]);
      const bobBefore = f.balance(bob, "1.3.0");
      pushOk(f, [redeemOp(h2, bob, preimage)], ["bob"]);
      // + 3 redeemed - (2 + 2 * 1 KiB)
      expect(f.balance(bob, "1.3.0")).toBe(bobBefore + 3n * P - 4n * P);
    });

    it("a non-zero preimage_size must match the preimage's length", () => {
      const { f, ids, preimage } = setup();
      const { alice, bob } = ids as { alice: string; bob: string };
      const id = pushOk(f, [createOp({
        from: alice, to: bob, amount: core(3n * P), preimage_hash: hashed.sha256(preimage), preimage_size: 256, claim_period_seconds: 60,
      })], ["alice"]).operation_results[0]![1] as string;
      expectRefused(f, redeemOp(id, bob, preimage.subarray(0, 255)), "assert_exception", "htlc_redeem.preimage_size", "preimage", ["bob"]);
      expectRefused(f, redeemOp(id, bob, preimageOf(256, 2)), "assert_exception", "htlc_redeem.preimage_hash", "preimage", ["bob"]);
      pushOk(f, [redeemOp(id, bob, preimage)], ["bob"]);
    });
  });

  it("fee_calculations: a base fee plus a fee per started day (create, extend) or KiB of preimage (redeem)", () => {
    const schedule: T.FeeSchedule = {
      parameters: [[49, { fee: 2n, fee_per_day: 2n }], [50, { fee: 2n, fee_per_kb: 2n }], [52, { fee: 2n, fee_per_day: 2n }]], scale: 10000,
    };
    const create = (claim: number) => calculateFee(createOp({
      from: "1.2.0", to: "1.2.0", amount: core(1n), preimage_hash: [0, "00".repeat(20)], preimage_size: 0, claim_period_seconds: claim,
    }), schedule);
    expect([create(0), create(DAY), create(DAY + 1)]).toEqual([E.right(2n), E.right(4n), E.right(6n)]);
    const redeem = (size: number) => calculateFee(redeemOp("1.16.0", "1.2.0", new Uint8Array(size).fill(97)), schedule);
    expect([redeem(0), redeem(1024), redeem(1025)]).toEqual([E.right(2n), E.right(4n), E.right(6n)]);
    const extend = (seconds: number) => calculateFee(extendOp("1.16.0", "1.2.0", seconds), schedule);
    expect([extend(0), extend(DAY), extend(DAY + 1)]).toEqual([E.right(2n), E.right(4n), E.right(6n)]);
  });

  it("htlc_blacklist: the recipient must be authorized to receive, but may redeem once blacklisted", () => {
    const { f, ids } = htlcChain(["nathan", "alice", "bob"], 0n, () => undefined);
    const { nathan, alice, bob } = ids as { nathan: string; alice: string; bob: string };
    pushOk(f, [[8, { fee: fee0, account_to_upgrade: nathan, upgrade_to_lifetime_member: true, extensions: [] }]]);
    // NATHANCOIN with white_list and nathan as its blacklist authority (the test sets it by asset_update).
    const uia = createUia(f, "NATHANCOIN", nathan, 0x02, [nathan]);
    pushOk(f, [transferOp(COMMITTEE, alice, core(100n * P)), transferOp(COMMITTEE, bob, core(100n * P))]);
    f.generateBlock();
    setHtlcCommitteeParameters(f);
    f.generateBlock();
    pushOk(f, [listOp(nathan, bob, 2)], ["nathan"]);
    f.generateBlock();
    pushOk(f, [issueOp(nathan, alice, asset(100n * P, uia))]);
    const preimage = preimageOf(256);
    const op = createOp({ from: alice, to: bob, amount: asset(20n * P, uia), preimage_hash: hashed.sha1(preimage), preimage_size: 256, claim_period_seconds: DAY });
    expectRefused(f, op, "assert_exception", "htlc_create.to_authorized", "to", ["alice"]);
    pushOk(f, [listOp(nathan, bob, 0)], ["nathan"]);
    f.generateBlock();
    const id = pushOk(f, [op], ["alice"]).operation_results[0]![1] as string;
    f.generateBlock();
    pushOk(f, [listOp(nathan, bob, 2)], ["nathan"], 5);
    f.generateBlock();
    pushOk(f, [redeemOp(id, bob, preimage)], ["bob"]);
    f.generateBlock();
    expect(f.balance(bob, uia)).toBe(20n * P);
    expect(f.balance(alice, uia)).toBe(80n * P);
    // and a blacklisted sender cannot lock the asset
    pushOk(f, [listOp(nathan, alice, 2)], ["nathan"]);
    pushOk(f, [listOp(nathan, bob, 0)], ["nathan"], 10);
    expectRefused(f, op, "assert_exception", "htlc_create.from_authorized", "from", ["alice"]);
  });
});

// ---------------------------------------------------------------- every rule of the evaluators

describe("htlc_create", () => {
  /** Options set, fees zero (the fixture's schedule), alice with 100 core. */
  const setup = () => htlcChain(["alice", "bob"], 100n * P, (f) => setHtlcOptions(f, HTLC_OPTIONS));
  const fields = (alice: string, bob: string): CreateFields => ({
    from: alice, to: bob, amount: core(10n * P), preimage_hash: hashed.sha256(preimageOf(32)), preimage_size: 32, claim_period_seconds: 600,
  });

  it("is refused until the committee sets updatable_htlc_options", () => {
    const { f, ids } = htlcChain(["alice", "bob"], 100n * P, () => undefined);
    expectRefused(f, createOp(fields(ids.alice!, ids.bob!)), "assert_exception", "htlc_create.options_set", "");
  });

  it("holds claim_period_seconds and preimage_size to the committee's limits (equal is allowed)", () => {
    const { f, ids } = setup();
    const base = fields(ids.alice!, ids.bob!);
    expectRefused(f, createOp({ ...base, claim_period_seconds: HTLC_OPTIONS.max_timeout_secs + 1 }), "assert_exception", "htlc_create.claim_period", "claim_period_seconds");
    expectRefused(f, createOp({ ...base, preimage_size: HTLC_OPTIONS.max_preimage_size + 1 }), "assert_exception", "htlc_create.preimage_size", "preimage_size");
    const id = pushOk(f, [createOp({ ...base, claim_period_seconds: HTLC_OPTIONS.max_timeout_secs, preimage_size: HTLC_OPTIONS.max_preimage_size })])
      .operation_results[0]![1] as string;
    expect(htlcOf(f, id).conditions.time_lock.expiration).toBe(f.now() + HTLC_OPTIONS.max_timeout_secs);
  });

  it("needs a balance covering the amount, checked before the asset is looked up", () => {
    const { f, ids } = setup();
    const base = fields(ids.alice!, ids.bob!);
    expectRefused(f, createOp({ ...base, amount: core(100n * P + 1n) }), "assert_exception", "htlc_create.sufficient_balance", "amount.amount");
    expectRefused(f, createOp({ ...base, amount: asset(1n, "1.3.99") }), "assert_exception", "htlc_create.sufficient_balance", "amount.amount");
    pushOk(f, [createOp({ ...base, amount: core(100n * P) })]);
    expect(f.balance(ids.alice!, "1.3.0")).toBe(0n);
  });

  it("needs the recipient to exist", () => {
    const { f, ids } = setup();
    expectRefused(f, createOp({ ...fields(ids.alice!, ids.bob!), to: "1.2.999" }), "assert_exception", "database.object_exists", "to");
  });

  it("computes the expiration in 32-bit time_point_sec arithmetic, which wraps", () => {
    const { f, ids } = htlcChain(["alice", "bob"], 100n * P, (g) => setHtlcOptions(g, { max_timeout_secs: 0xffffffff, max_preimage_size: 100 }));
    const claim = 2 ** 32 - f.now() + 9;
    const id = pushOk(f, [createOp({ ...fields(ids.alice!, ids.bob!), claim_period_seconds: claim })]).operation_results[0]![1] as string;
    expect(htlcOf(f, id).conditions.time_lock.expiration).toBe(9);
    // so the next block already refunds it
    f.generateBlock();
    expect(f.find(id)).toBeUndefined();
    expect(f.balance(ids.alice!, "1.3.0")).toBe(100n * P);
  });
});

describe("htlc_redeem", () => {
  it("refuses an HTLC that does not exist", () => {
    const { f, ids } = htlcChain(["alice"], 0n, (g) => setHtlcOptions(g, HTLC_OPTIONS));
    expectRefused(f, redeemOp("1.16.5", ids.alice!, preimageOf(1)), "assert_exception", "database.object_exists", "htlc_id");
  });

  it("checks each hash kind of htlc_hash", () => {
    const p = preimageOf(100, 3);
    for (const h of [hashed.ripemd160(p), hashed.sha1(p), hashed.sha256(p), hashed.hash160(p)]) {
      expect(preimageMatches(h, p)).toBe(true);
      expect(preimageMatches(h, preimageOf(100, 4))).toBe(false);
    }
    // hash160 is ripemd160(sha256(x)), not ripemd160(x)
    expect(preimageMatches([3, hashed.ripemd160(p)[1]], p)).toBe(false);
  });
});

describe("htlc_extend", () => {
  const setup = () => {
    const { f, ids } = htlcChain(["alice", "bob"], 100n * P, (g) => setHtlcOptions(g, HTLC_OPTIONS));
    const id = pushOk(f, [createOp({
      from: ids.alice!, to: ids.bob!, amount: core(1n * P), preimage_hash: hashed.sha256(preimageOf(8)), preimage_size: 8, claim_period_seconds: DAY,
    })]).operation_results[0]![1] as string;
    f.generateBlock();
    return { f, ids, id };
  };

  it("refuses an HTLC that does not exist", () => {
    const { f, ids } = setup();
    expectRefused(f, extendOp("1.16.9", ids.alice!, 10), "assert_exception", "database.object_exists", "htlc_id");
  });

  it("extends at most to max_timeout_secs after the head block time (equal is allowed)", () => {
    const { f, ids, id } = setup();
    const expiration = htlcOf(f, id).conditions.time_lock.expiration;
    const room = f.now() + HTLC_OPTIONS.max_timeout_secs - expiration;
    expectRefused(f, extendOp(id, ids.alice!, room + 1), "assert_exception", "htlc_extend.max_timeout", "seconds_to_add");
    pushOk(f, [extendOp(id, ids.alice!, room)]);
    expect(htlcOf(f, id).conditions.time_lock.expiration).toBe(expiration + room);
  });

  it("refuses an expiration at or past the largest time_point_sec", () => {
    const { f, ids, id } = setup();
    const expiration = htlcOf(f, id).conditions.time_lock.expiration;
    expectRefused(f, extendOp(id, ids.alice!, 0xffffffff - expiration), "assert_exception", "htlc_extend.valid_date", "seconds_to_add");
  });

  it("is refused once the committee options are gone (bitshares-core would read an empty optional)", () => {
    const { f, ids, id } = setup();
    setHtlcOptions(f, undefined);
    expectRefused(f, extendOp(id, ids.alice!, 10), "assert_exception", "htlc_extend.options_set", "");
  });
});

describe("clear_expired_htlcs", () => {
  it("refunds the sender in the first block at or after the expiration, with an htlc_refund virtual operation", () => {
    const { f, ids } = htlcChain(["alice", "bob"], 100n * P, (g) => setHtlcOptions(g, HTLC_OPTIONS));
    const preimage = preimageOf(20);
    const id = pushOk(f, [createOp({
      from: ids.alice!, to: ids.bob!, amount: core(7n * P), preimage_hash: hashed.ripemd160(preimage), preimage_size: 20, claim_period_seconds: 30,
    })]).operation_results[0]![1] as string;
    const expiration = f.now() + 30;
    f.generateBlock();
    while (slotTime(f.head, 1) < expiration) {
      expect(nextBlockOps(f).some((o) => o.op[0] === 53)).toBe(false);
      f.generateBlock();
    }
    expect(slotTime(f.head, 1)).toBe(expiration);
    const ops = nextBlockOps(f);
    expect(ops.filter((o) => o.op[0] === 53).map((o) => [o.op, o.is_virtual])).toEqual([[[53, {
      fee: core(0n), htlc_id: id, to: ids.alice!, original_htlc_recipient: ids.bob!, htlc_amount: core(7n * P),
      htlc_preimage_hash: hashed.ripemd160(preimage), htlc_preimage_size: 20,
    }], true]]);
    expect(f.balance(ids.alice!, "1.3.0")).toBe(93n * P);
    f.generateBlock();
    expect(f.find(id)).toBeUndefined();
    expect(f.balance(ids.alice!, "1.3.0")).toBe(100n * P);
  });
});
