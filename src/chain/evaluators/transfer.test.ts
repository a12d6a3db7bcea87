// transfer (0) and override_transfer (38) on the database_fixture chain, every hardfork active. Numbers and
// steps come from bitshares-core's tests/tests/operation_tests.cpp and uia_tests.cpp (cited per test).
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { defaultFeeSchedule } from "../../protocol/fees/index.js";
import { ChainFixture, publicKeyOfSeed } from "../../scenario/fixture.js";

const CORE = "1.3.0";
const core = (n: bigint | number): T.Asset => ({ amount: BigInt(n), asset_id: CORE });
const amount = (n: bigint | number, asset_id: string): T.Asset => ({ amount: BigInt(n), asset_id });
/** asset::scaled_precision of the core asset (precision 5). */
const PREC = 100000n;

interface Refusal { exception: string; rule: string; field: string }

/** The transaction is refused as `expected` (field relative to the operation) and the fixture's state is
 *  the very same Database value as before. */
function expectRefused(f: ChainFixture, ops: T.Operation[], expected: Refusal, signers?: string[]): void {
  const before = f.state;
  const r = f.push(ops, signers === undefined ? {} : { signers });
  expect(E.isLeft(r)).toBe(true);
  if (E.isLeft(r)) {
    const field = expected.field === "" ? "operations[0][1]" : `operations[0][1].${expected.field}`;
    expect({ exception: r.left.exception, rule: r.left.rule, field: r.left.field }).toEqual({ ...expected, field });
  }
  expect(f.state).toBe(before);
}

/** database_fixture::create_account(name): registered by the committee, keyed by sha256(name). */
function createAccount(f: ChainFixture, name: string): string {
  const key = publicKeyOfSeed(name);
  const auth = (w: number): T.Authority => ({ weight_threshold: w, account_auths: [], key_auths: [[key, w]], address_auths: [] });
  const r = f.pushOk([[5, {
    fee: core(0), registrar: "1.2.0", referrer: "1.2.0", referrer_percent: 0, name, owner: auth(123), active: auth(321),
    options: { memo_key: key, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
  }]]);
  return r.operation_results[0]![1] as string;
}

/** database_fixture::create_user_issued_asset(name, issuer, flags): precision 2, CER 1:1, permissions = flags. */
function createUia(f: ChainFixture, symbol: string, issuer: string, flags: number): string {
  const r = f.pushOk([[10, {
    fee: core(0), issuer, symbol, precision: 2, is_prediction_market: false, extensions: [],
    common_options: {
      max_supply: 1000000000000000n, market_fee_percent: 0, max_market_fee: 1000000000000000n, issuer_permissions: flags, flags,
      core_exchange_rate: { base: amount(1, "1.3.1"), quote: core(1) },
      whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
    },
  }]]);
  return r.operation_results[0]![1] as string;
}

const issueOp = (issuer: string, to: string, a: T.Asset): T.Operation =>
  [14, { fee: core(0), issuer, asset_to_issue: a, issue_to_account: to, extensions: [] }];
const transferOp = (from: string, to: string, a: T.Asset, fee: T.Asset = core(0)): T.Operation =>
  [0, { fee, from, to, amount: a, extensions: [] }];
const overrideOp = (issuer: string, from: string, to: string, a: T.Asset): T.Operation =>
  [38, { fee: core(0), issuer, from, to, amount: a, extensions: [] }];
const upgradeOp = (account: string): T.Operation => [8, { fee: core(0), account_to_upgrade: account, upgrade_to_lifetime_member: true, extensions: [] }];
/** account_whitelist_operation: 1 white_listed, 2 black_listed, 0 no_listing. */
const whitelistOp = (by: string, account: string, listing: number): T.Operation =>
  [7, { fee: core(0), authorizing_account: by, account_to_list: account, new_listing: listing, extensions: [] }];

/** asset_update_operation keeping the asset's options except `change`. */
function updateOp(f: ChainFixture, assetId: string, change: (o: T.AssetOptions) => T.AssetOptions): T.Operation {
  const a = f.get<T.AssetObject>(assetId);
  return [11, { fee: core(0), issuer: a.issuer, asset_to_update: assetId, new_options: change(a.options), extensions: {} }];
}

/** database_fixture::enable_fees: fee_schedule::get_default(). */
function enableFees(f: ChainFixture): void {
  f.modifyGlobalProperties((g) => ({ ...g, parameters: { ...g.parameters, current_fees: defaultFeeSchedule() } }));
}

const WHITE_LIST = 0x02;
const OVERRIDE_AUTHORITY = 0x04;
const TRANSFER_RESTRICTED = 0x08;

describe("transfer_evaluator", () => {
  it("moves core between accounts (operation_tests.cpp transfer_core_asset)", () => {
    const f = ChainFixture.create();
    const nathan = createAccount(f, "nathan");
    const committee0 = f.balance("1.2.0", CORE);
    const r = f.pushOk([transferOp("1.2.0", nathan, core(10000))]);
    expect(r.operation_results).toEqual([[0, {}]]);
    // The fixture's fee schedule is zero, so the fee is 0.
    expect(f.balance("1.2.0", CORE)).toBe(committee0 - 10000n);
    expect(f.balance(nathan, CORE)).toBe(10000n);
    f.pushOk([transferOp(nathan, "1.2.0", core(2000))]);
    expect(f.balance(nathan, CORE)).toBe(8000n);
    expect(f.balance("1.2.0", CORE)).toBe(committee0 - 8000n);
  });

  it("charges the fee after the transfer: the amount plus the fee must be covered", () => {
    const f = ChainFixture.create();
    const nathan = createAccount(f, "nathan");
    const bob = createAccount(f, "bob");
    f.pushOk([transferOp("1.2.0", nathan, core(100n * PREC))]);
    enableFees(f);
    // transfer_operation::fee_params_t: fee 20 * GRAPHENE_BLOCKCHAIN_PRECISION (no memo, no data fee).
    const fee = core(20n * PREC);
    // do_evaluate only compares the amount with the balance; the fee is taken after do_apply and fails there.
    expectRefused(f, [transferOp(nathan, bob, core(100n * PREC), fee)], { exception: "assert_exception", rule: "database.adjust_balance.sufficient", field: "fee" });
    // A fee one unit short of the schedule fails the fee check first.
    expectRefused(f, [transferOp(nathan, bob, core(1), core(20n * PREC - 1n))], { exception: "insufficient_fee", rule: "generic_evaluator.sufficient_fee", field: "fee" });
    f.pushOk([transferOp(nathan, bob, core(100n * PREC - fee.amount), fee)]);
    expect(f.balance(nathan, CORE)).toBe(0n);
    expect(f.balance(bob, CORE)).toBe(80n * PREC);
  });

  it("refuses a missing account or asset (object_database::get)", () => {
    const f = ChainFixture.create();
    const nathan = createAccount(f, "nathan");
    f.pushOk([transferOp("1.2.0", nathan, core(100))]);
    // The fee payer `from` is loaded by prepare_fee before do_evaluate.
    expectRefused(f, [transferOp("1.2.999", nathan, core(1))], { exception: "assert_exception", rule: "database.object_exists", field: "from" });
    expectRefused(f, [transferOp(nathan, "1.2.999", core(1))], { exception: "assert_exception", rule: "database.object_exists", field: "to" });
    expectRefused(f, [transferOp(nathan, "1.2.0", amount(1, "1.3.999"))], { exception: "assert_exception", rule: "database.object_exists", field: "amount.asset_id" });
  });

  it("refuses more than the sender's balance", () => {
    const f = ChainFixture.create();
    const nathan = createAccount(f, "nathan");
    f.pushOk([transferOp("1.2.0", nathan, core(100))]);
    expectRefused(f, [transferOp(nathan, "1.2.0", core(101))], { exception: "assert_exception", rule: "transfer.sufficient_balance", field: "amount.amount" });
    f.pushOk([transferOp(nathan, "1.2.0", core(100))]);
    expect(f.balance(nathan, CORE)).toBe(0n);
  });

  it("needs both accounts authorized for a white_list asset (uia_tests.cpp issue_whitelist_uia, transfer_whitelist_uia)", () => {
    const f = ChainFixture.create();
    const izzy = createAccount(f, "izzy");
    const uia = createUia(f, "ADVANCED", izzy, WHITE_LIST);
    const nathan = createAccount(f, "nathan");
    const vikram = createAccount(f, "vikram");
    f.pushOk([issueOp(izzy, nathan, amount(1000, uia))]);
    // izzy becomes the whitelist authority: nobody is listed yet.
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, whitelist_authorities: [izzy] }))]);
    f.pushOk([upgradeOp(izzy)]);
    f.pushOk([whitelistOp(izzy, vikram, 1)]);
    f.pushOk([whitelistOp(izzy, nathan, 1)]);
    f.pushOk([issueOp(izzy, nathan, amount(1000, uia))]);
    expect(f.balance(nathan, uia)).toBe(2000n);

    // transfer_whitelist_uia
    const dan = createAccount(f, "dan");
    f.pushOk([upgradeOp(dan)]);
    expectRefused(f, [transferOp(nathan, dan, amount(100, uia))], { exception: "transfer_to_account_not_whitelisted", rule: "transfer.to_authorized", field: "to" });
    f.pushOk([whitelistOp(izzy, dan, 1)]);
    f.pushOk([transferOp(nathan, dan, amount(100, uia))]);
    expect([f.balance(nathan, uia), f.balance(dan, uia)]).toEqual([1900n, 100n]);

    // izzy also becomes the blacklist authority and blacklists nathan (white_listed | black_listed = 3).
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, blacklist_authorities: [izzy] }))]);
    f.pushOk([whitelistOp(izzy, nathan, 3)]);
    expectRefused(f, [transferOp(nathan, dan, amount(50, uia))], { exception: "transfer_from_account_not_whitelisted", rule: "transfer.from_authorized", field: "from" });
    expectRefused(f, [transferOp(dan, nathan, amount(50, uia))], { exception: "transfer_to_account_not_whitelisted", rule: "transfer.to_authorized", field: "to" });

    // The blacklist authority becomes dan: nathan (still white listed by izzy) may receive again.
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, blacklist_authorities: [dan] }))]);
    f.pushOk([transferOp(dan, nathan, amount(50, uia))]);
    expect([f.balance(nathan, uia), f.balance(dan, uia)]).toEqual([1950n, 50n]);
    f.pushOk([whitelistOp(dan, nathan, 2)]);
    expectRefused(f, [transferOp(dan, nathan, amount(50, uia))], { exception: "transfer_to_account_not_whitelisted", rule: "transfer.to_authorized", field: "to" });

    // BSIP 86: the committee account is always authorized, izzy (not listed) is not.
    f.pushOk([transferOp(dan, "1.2.0", amount(10, uia))]);
    expect(f.balance("1.2.0", uia)).toBe(10n);
    expectRefused(f, [transferOp(dan, izzy, amount(10, uia))], { exception: "transfer_to_account_not_whitelisted", rule: "transfer.to_authorized", field: "to" });
  });

  it("moves a transfer_restricted asset only to or from its issuer (uia_tests.cpp transfer_restricted_test)", () => {
    const f = ChainFixture.create();
    const sam = createAccount(f, "sam");
    const alice = createAccount(f, "alice");
    const bob = createAccount(f, "bob");
    const uia = createUia(f, "TXRX", sam, TRANSFER_RESTRICTED);
    f.pushOk([issueOp(sam, alice, amount(1000, uia))]);
    expectRefused(f, [transferOp(alice, bob, amount(100, uia))],
      { exception: "transfer_restricted_transfer_asset", rule: "transfer.restricted_needs_issuer", field: "amount.asset_id" }, ["alice"]);
    // To and from the issuer are allowed.
    f.pushOk([transferOp(alice, sam, amount(100, uia))]);
    f.pushOk([transferOp(sam, bob, amount(40, uia))]);
    // Clearing the flag lets alice send to bob.
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, flags: o.flags & ~TRANSFER_RESTRICTED }))]);
    f.pushOk([transferOp(alice, bob, amount(100, uia))], { signers: ["alice"] });
    expect([f.balance(alice, uia), f.balance(bob, uia), f.balance(sam, uia)]).toEqual([800n, 140n, 60n]);
  });

  it("pays a fee in a user-issued asset out of its fee pool (operation_tests.cpp uia_fees)", () => {
    const f = ChainFixture.create();
    const nathan = createAccount(f, "nathan");
    // create_uia: UIATEST by the committee, CER price(asset(2), asset(1, UIATEST)).
    const uia = f.state.nextId(1, 3);
    f.pushOk([[10, {
      fee: core(0), issuer: "1.2.0", symbol: "UIATEST", precision: 2, is_prediction_market: false, extensions: [],
      common_options: {
        max_supply: 100000000n, market_fee_percent: 100, max_market_fee: 1000000000000000n, issuer_permissions: 0x4f, flags: 0x01,
        core_exchange_rate: { base: core(2), quote: amount(1, "1.3.1") },
        whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
      },
    }]]);
    f.pushOk([issueOp("1.2.0", nathan, amount(5000000, uia))]);
    f.pushOk([issueOp("1.2.0", nathan, amount(5000000, uia))]);
    enableFees(f);
    f.pushOk([[16, { fee: core(0), from_account: "1.2.0", asset_id: uia, amount: 1000n * PREC, extensions: [] }]]);
    const dyn = () => f.get<T.AssetDynamicDataObject>(f.get<T.AssetObject>(uia).dynamic_asset_data_id);
    expect(dyn().fee_pool).toBe(1000n * PREC);
    // The transfer fee 20 * PREC core is 1000000 UIATEST at 2 core per UIATEST, and converts back to 2000000.
    const fee = amount(1000000, uia);
    f.pushOk([transferOp(nathan, "1.2.0", amount(100, uia), fee)]);
    expect(f.balance(nathan, uia)).toBe(10000000n - 1000000n - 100n);
    expect(f.balance("1.2.0", uia)).toBe(100n);
    expect(dyn().accumulated_fees).toBe(1000000n);
    expect(dyn().fee_pool).toBe(1000n * PREC - 2000000n);
    f.pushOk([transferOp(nathan, "1.2.0", amount(100, uia), fee)]);
    expect(f.balance(nathan, uia)).toBe(10000000n - 2000000n - 200n);
    expect(dyn().accumulated_fees).toBe(2000000n);
    expect(dyn().fee_pool).toBe(1000n * PREC - 4000000n);
  });
});

describe("override_transfer_evaluator", () => {
  function setup(flags: number) {
    const f = ChainFixture.create();
    const dan = createAccount(f, "dan");
    const eric = createAccount(f, "eric");
    const sam = createAccount(f, "sam");
    const uia = createUia(f, "ADVANCED", sam, flags);
    f.pushOk([issueOp(sam, dan, amount(1000, uia))]);
    return { f, dan, eric, sam, uia };
  }

  it("lets the issuer move the asset with the issuer's signature (uia_tests.cpp override_transfer_test)", () => {
    const { f, dan, eric, sam, uia } = setup(OVERRIDE_AUTHORITY);
    const op = overrideOp(sam, dan, eric, amount(100, uia));
    // Signed by the holder dan only: sam's active authority is missing, nothing changes.
    for (const signers of [[], ["dan"]]) {
      const before = f.state;
      const r = f.push([op], { signers, skip: 0 });
      expect(E.isLeft(r) && r.left.exception).toBe("tx_missing_active_auth");
      expect(f.state).toBe(before);
    }
    const r = f.pushOk([op], { signers: ["sam"] });
    expect(r.operation_results).toEqual([[0, {}]]);
    expect([f.balance(dan, uia), f.balance(eric, uia)]).toEqual([900n, 100n]);
  });

  it("refuses an asset without override_authority (uia_tests.cpp override_transfer_test2)", () => {
    const { f, dan, eric, sam, uia } = setup(0);
    expectRefused(f, [overrideOp(sam, dan, eric, amount(100, uia))],
      { exception: "override_transfer_not_permitted", rule: "override_transfer.asset_overridable", field: "amount.asset_id" }, ["sam"]);
    expect([f.balance(dan, uia), f.balance(eric, uia)]).toEqual([1000n, 0n]);
  });

  it("needs only the receiver authorized after core-2295 (uia_tests.cpp override_transfer_whitelist_test)", () => {
    const { f, dan, eric, sam, uia } = setup(WHITE_LIST | OVERRIDE_AUTHORITY);
    f.pushOk([overrideOp(sam, dan, eric, amount(100, uia))]);
    expect([f.balance(dan, uia), f.balance(eric, uia)]).toEqual([900n, 100n]);
    // dan manages the whitelist and lists eric but not himself.
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, whitelist_authorities: [dan] }))]);
    f.pushOk([upgradeOp(dan)]);
    f.pushOk([whitelistOp(dan, eric, 1)]);
    // A plain transfer from dan fails, an override transfer does not (dan need not be authorized).
    expectRefused(f, [transferOp(dan, eric, amount(1, uia))], { exception: "transfer_from_account_not_whitelisted", rule: "transfer.from_authorized", field: "from" });
    f.pushOk([overrideOp(sam, dan, eric, amount(100, uia))]);
    expect([f.balance(dan, uia), f.balance(eric, uia)]).toEqual([800n, 200n]);
    // sam is not whitelisted: he cannot receive.
    expectRefused(f, [overrideOp(sam, dan, sam, amount(100, uia))], { exception: "assert_exception", rule: "override_transfer.to_authorized", field: "to" });
  });

  it("refuses a non-issuer, missing accounts and more than the balance", () => {
    const { f, dan, eric, uia } = setup(OVERRIDE_AUTHORITY);
    expectRefused(f, [overrideOp(eric, dan, eric, amount(100, uia))], { exception: "assert_exception", rule: "override_transfer.issuer", field: "issuer" });
    const sam = f.account("sam").id;
    expectRefused(f, [overrideOp(sam, "1.2.999", eric, amount(1, uia))], { exception: "assert_exception", rule: "database.object_exists", field: "from" });
    expectRefused(f, [overrideOp(sam, dan, "1.2.999", amount(1, uia))], { exception: "assert_exception", rule: "database.object_exists", field: "to" });
    expectRefused(f, [overrideOp(sam, dan, eric, amount(1, "1.3.999"))], { exception: "assert_exception", rule: "database.object_exists", field: "amount.asset_id" });
    expectRefused(f, [overrideOp(sam, dan, eric, amount(1001, uia))], { exception: "assert_exception", rule: "override_transfer.sufficient_balance", field: "amount.amount" });
    f.pushOk([overrideOp(sam, dan, eric, amount(1000, uia))]);
    expect([f.balance(dan, uia), f.balance(eric, uia)]).toEqual([0n, 1000n]);
  });
});
