// The asset evaluators (asset_create, asset_update, asset_update_issuer, asset_issue, asset_reserve,
// asset_fund_fee_pool, asset_claim_fees, asset_claim_pool) on the database_fixture chain, every hardfork
// active. Steps and numbers come from bitshares-core's tests/tests/operation_tests.cpp, uia_tests.cpp and
// fee_tests.cpp (cited per test), re-derived for the post-hardfork code paths.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { encode } from "../../codec/index.js";
import { defaultFeeSchedule } from "../../protocol/fees/index.js";
import { multiplyByPrice } from "../../protocol/price.js";
import { ChainFixture, publicKeyOfSeed } from "../../scenario/fixture.js";
import { applyTransaction, SKIP_ALL } from "../index.js";
import { Session } from "../session.js";

const CORE = "1.3.0";
const MAX = 1000000000000000n;
/** asset::scaled_precision of the core asset (precision 5). */
const PREC = 100000n;
const core = (n: bigint | number): T.Asset => ({ amount: BigInt(n), asset_id: CORE });
const amount = (n: bigint | number, asset_id: string): T.Asset => ({ amount: BigInt(n), asset_id });
const price = (base: T.Asset, quote: T.Asset): T.Price => ({ base, quote });

// asset_issuer_permission_flags (types.hpp)
const CHARGE_MARKET_FEE = 0x01;
const WHITE_LIST = 0x02;
const OVERRIDE_AUTHORITY = 0x04;
const TRANSFER_RESTRICTED = 0x08;
const DISABLE_FORCE_SETTLE = 0x10;
const GLOBAL_SETTLE = 0x20;
const DISABLE_CONFIDENTIAL = 0x40;
const WITNESS_FED_ASSET = 0x80;
const LOCK_MAX_SUPPLY = 0x200;
const DISABLE_NEW_SUPPLY = 0x400;
const DISABLE_MCR_UPDATE = 0x800;
const DISABLE_BSRM_UPDATE = 0x4000;
const DISABLE_COLLATERAL_BIDDING = 0x8000;
const DEFAULT_UIA_ASSET_ISSUER_PERMISSION = 0x4f;
const ASSET_ISSUER_PERMISSION_ENABLE_BITS_MASK = 0x1ff;

interface Refusal { exception: string; rule: string; field: string }

/** The transaction is refused as `expected` (field relative to the operation) and the fixture's state is
 *  the very same Database value as before. */
function expectRefused(f: ChainFixture, ops: T.Operation[], expected: Refusal, options: { signers?: string[] } = {}): void {
  const before = f.state;
  const r = f.push(ops, options);
  expect(E.isLeft(r)).toBe(true);
  if (E.isLeft(r)) {
    const field = expected.field === "" ? "operations[0][1]" : `operations[0][1].${expected.field}`;
    expect({ exception: r.left.exception, rule: r.left.rule, field: r.left.field }).toEqual({ ...expected, field });
  }
  expect(f.state).toBe(before);
}
const assertRefusal = (rule: string, field: string): Refusal => ({ exception: "assert_exception", rule, field });
const missing = (field: string): Refusal => assertRefusal("database.object_exists", field);

const resultId = (r: T.ProcessedTransaction): string => r.operation_results[0]![1] as string;

/** database_fixture::create_account(name): registered by the committee, keyed by sha256(name), or by
 *  sha256 of the given seeds for its owner and active authorities. */
function createAccount(f: ChainFixture, name: string, seeds: { owner?: string; active?: string } = {}): string {
  const auth = (seed: string, w: number): T.Authority =>
    ({ weight_threshold: w, account_auths: [], key_auths: [[publicKeyOfSeed(seed), w]], address_auths: [] });
  return resultId(f.pushOk([[5, {
    fee: core(0), registrar: "1.2.0", referrer: "1.2.0", referrer_percent: 0, name,
    owner: auth(seeds.owner ?? name, 123), active: auth(seeds.active ?? name, 321),
    options: { memo_key: publicKeyOfSeed(name), voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
  }]]));
}

/** asset_options as database_fixture::create_user_issued_asset makes them: CER 1 new asset (the
 *  placeholder 1.3.1) per 1 core, permissions equal to the flags. */
function options(o: Partial<T.AssetOptions> = {}): T.AssetOptions {
  const flags = o.flags ?? 0;
  return {
    max_supply: MAX, market_fee_percent: 0, max_market_fee: MAX, issuer_permissions: flags, flags,
    core_exchange_rate: price(amount(1, "1.3.1"), core(1)), whitelist_authorities: [], blacklist_authorities: [],
    whitelist_markets: [], blacklist_markets: [], description: "", extensions: {}, ...o,
  };
}

/** bitasset_options() with the given backing asset. */
function bitassetOptions(backing: string, o: Partial<T.BitassetOptions> = {}): T.BitassetOptions {
  return {
    feed_lifetime_sec: 86400, minimum_feeds: 1, force_settlement_delay_sec: 86400, force_settlement_offset_percent: 0,
    maximum_force_settlement_volume: 2000, short_backing_asset: backing, extensions: {}, ...o,
  };
}

interface CreateExtra { precision?: number; bitasset_opts?: T.BitassetOptions; is_prediction_market?: boolean; fee?: T.Asset }
function createOp(issuer: string, symbol: string, common_options: T.AssetOptions, extra: CreateExtra = {}): T.Operation {
  const op: T.AssetCreateOperation = {
    fee: extra.fee ?? core(0), issuer, symbol, precision: extra.precision ?? 2, common_options,
    is_prediction_market: extra.is_prediction_market ?? false, extensions: [],
  };
  if (extra.bitasset_opts !== undefined) op.bitasset_opts = extra.bitasset_opts;
  return [10, op];
}
const createUia = (f: ChainFixture, symbol: string, issuer: string, o: Partial<T.AssetOptions> = {}, extra: CreateExtra = {}): string =>
  resultId(f.pushOk([createOp(issuer, symbol, options(o), extra)]));
/** database_fixture::create_bitasset: precision 2, permissions = flags, market fee 1% by default. */
const createBitasset = (f: ChainFixture, symbol: string, issuer: string, backing = CORE, o: Partial<T.AssetOptions> = {}, b: Partial<T.BitassetOptions> = {}): string =>
  resultId(f.pushOk([createOp(issuer, symbol, options({ market_fee_percent: 100, flags: CHARGE_MARKET_FEE, ...o }), { bitasset_opts: bitassetOptions(backing, b) })]));

/** operation_tests.cpp create_uia: UIATEST by the committee, 2 core per UIATEST. */
const UIATEST_OPTIONS = options({
  max_supply: 100000000n, market_fee_percent: 100, issuer_permissions: DEFAULT_UIA_ASSET_ISSUER_PERMISSION, flags: CHARGE_MARKET_FEE,
  core_exchange_rate: price(core(2), amount(1, "1.3.1")),
});

const issueOp = (issuer: string, to: string, a: T.Asset): T.Operation =>
  [14, { fee: core(0), issuer, asset_to_issue: a, issue_to_account: to, extensions: [] }];
const transferOp = (from: string, to: string, a: T.Asset): T.Operation => [0, { fee: core(0), from, to, amount: a, extensions: [] }];
const reserveOp = (payer: string, a: T.Asset): T.Operation => [15, { fee: core(0), payer, amount_to_reserve: a, extensions: [] }];
const fundOp = (from: string, assetId: string, n: bigint, fee = core(0)): T.Operation =>
  [16, { fee, from_account: from, asset_id: assetId, amount: n, extensions: [] }];
const claimFeesOp = (issuer: string, a: T.Asset, from?: string): T.Operation =>
  [43, { fee: core(0), issuer, amount_to_claim: a, extensions: from === undefined ? {} : { claim_from_asset_id: from } }];
const claimPoolOp = (issuer: string, assetId: string, a: T.Asset, fee = core(0)): T.Operation =>
  [47, { fee, issuer, asset_id: assetId, amount_to_claim: a, extensions: [] }];
const updateIssuerOp = (issuer: string, assetId: string, newIssuer: string): T.Operation =>
  [48, { fee: core(0), issuer, asset_to_update: assetId, new_issuer: newIssuer, extensions: [] }];
const upgradeOp = (account: string): T.Operation => [8, { fee: core(0), account_to_upgrade: account, upgrade_to_lifetime_member: true, extensions: [] }];
const whitelistOp = (by: string, account: string, listing: number): T.Operation =>
  [7, { fee: core(0), authorizing_account: by, account_to_list: account, new_listing: listing, extensions: [] }];

/** asset_update_operation from the asset's current issuer and options, changed by `change`. */
function updateOp(f: ChainFixture, assetId: string, change: (o: T.AssetOptions) => T.AssetOptions, more: Partial<T.AssetUpdateOperation> = {}): T.Operation {
  const a = f.get<T.AssetObject>(assetId);
  return [11, { fee: core(0), issuer: a.issuer, asset_to_update: assetId, new_options: change(a.options), extensions: {}, ...more }];
}

const assetOf = (f: ChainFixture, id: string): T.AssetObject => f.get<T.AssetObject>(id);
const dynOf = (f: ChainFixture, id: string): T.AssetDynamicDataObject => f.get(assetOf(f, id).dynamic_asset_data_id);
const bitassetOf = (f: ChainFixture, id: string): T.AssetBitassetDataObject => f.get(assetOf(f, id).bitasset_data_id!);
const statsOf = (f: ChainFixture, account: string): T.AccountStatisticsObject => f.get(f.get<T.AccountObject>(account).statistics);

/** database_fixture::enable_fees: fee_schedule::get_default(). */
function enableFees(f: ChainFixture): void {
  f.modifyGlobalProperties((g) => ({ ...g, parameters: { ...g.parameters, current_fees: defaultFeeSchedule() } }));
}

/** A direct db.modify / db.create on the pending state, as bitshares-core's tests do for state a test
 *  cannot reach through operations here (market fees, settle orders, collateral bids). */
function poke<O extends { id: string }>(f: ChainFixture, id: string, change: (o: O) => O): void {
  const s = new Session(f.state);
  s.modify<O>(id, change);
  f.state = s.db;
}
function insert<O extends { id: string }>(f: ChainFixture, space: number, type: number, make: (id: string) => O): O {
  const s = new Session(f.state);
  const o = s.create<O>(space, type, make);
  f.state = s.db;
  return o;
}

/** base_operation::calculate_data_fee( fc::raw::pack_size(op), price_per_kbyte ). */
function dataFee(type: string, value: unknown, pricePerKbyte: bigint): bigint {
  const bytes = encode(type, value);
  if (E.isLeft(bytes)) throw new Error(bytes.left.message);
  return (BigInt(bytes.right.length) * pricePerKbyte) / 1024n;
}

// =====================================================================================================
describe("asset_create_evaluator", () => {
  it("creates a user-issued asset, its dynamic data and result id (operation_tests.cpp create_uia)", () => {
    const f = ChainFixture.create();
    // Genesis made CORE 1.3.0 (dynamic data 2.3.0) and INITMPA 1.3.1 (2.3.1, bitasset data 2.4.0).
    const r = f.pushOk([createOp("1.2.0", "UIATEST", UIATEST_OPTIONS)]);
    expect(r.operation_results).toEqual([[1, "1.3.2"]]);
    const expectedAsset = (block: number, time: number): T.AssetObject => ({
      id: "1.3.2", symbol: "UIATEST", precision: 2, issuer: "1.2.0",
      // The placeholder 1.3.1 of the core exchange rate becomes the new asset's id.
      options: { ...UIATEST_OPTIONS, core_exchange_rate: price(core(2), amount(1, "1.3.2")) },
      dynamic_asset_data_id: "2.3.2", creation_block_num: block, creation_time: time,
    });
    // In the pending state the asset is created as in the next block, at the head block time.
    expect(assetOf(f, "1.3.2")).toEqual(expectedAsset(f.headBlockNum() + 1, f.now()));
    expect(f.get("2.3.2")).toEqual({ id: "2.3.2", current_supply: 0n, confidential_supply: 0n, accumulated_fees: 0n, accumulated_collateral_fees: 0n, fee_pool: 0n });
    expect(f.find("2.4.1")).toBeUndefined();
    // asset(1, test_asset_id) * test_asset.options.core_exchange_rate == asset(2)
    expect(multiplyByPrice(amount(1, "1.3.2"), assetOf(f, "1.3.2").options.core_exchange_rate)).toEqual(E.right(core(2)));
    // The same symbol again is refused.
    expectRefused(f, [createOp("1.2.0", "UIATEST", UIATEST_OPTIONS)], assertRefusal("asset_create.symbol_unique", "symbol"));
    expectRefused(f, [createOp("1.2.99999999", "TESTFAIL", UIATEST_OPTIONS)], missing("issuer"));
    f.generateBlock();
    // creation_block_num and creation_time are the block's that included the transaction.
    expect(assetOf(f, "1.3.2")).toEqual(expectedAsset(f.headBlockNum(), f.now()));
  });

  it("keeps white and black list authorities (uia_tests.cpp create_advanced_uia)", () => {
    const f = ChainFixture.create();
    const o = options({
      max_supply: 100000000n, market_fee_percent: 100,
      issuer_permissions: CHARGE_MARKET_FEE | WHITE_LIST | OVERRIDE_AUTHORITY | TRANSFER_RESTRICTED | DISABLE_CONFIDENTIAL,
      flags: CHARGE_MARKET_FEE | WHITE_LIST | OVERRIDE_AUTHORITY | DISABLE_CONFIDENTIAL,
      core_exchange_rate: price(core(2), amount(1, "1.3.1")), whitelist_authorities: ["1.2.0"], blacklist_authorities: ["1.2.0"],
    });
    const id = resultId(f.pushOk([createOp("1.2.0", "ADVANCED", o)]));
    const a = assetOf(f, id);
    expect(a.options).toEqual({ ...o, core_exchange_rate: price(core(2), amount(1, id)) });
    expect("bitasset_data_id" in a).toBe(false);
    expect(dynOf(f, id)).toMatchObject({ current_supply: 0n, accumulated_fees: 0n, fee_pool: 0n });
  });

  it("replaces the placeholder on whichever side of the core exchange rate is not CORE", () => {
    const f = ChainFixture.create();
    const a = createUia(f, "BASEA", "1.2.0", { core_exchange_rate: price(amount(3, "1.3.1"), core(7)) });
    expect(assetOf(f, a).options.core_exchange_rate).toEqual(price(amount(3, a), core(7)));
    const b = createUia(f, "QUOTEB", "1.2.0", { core_exchange_rate: price(core(7), amount(3, "1.3.1")) });
    expect(assetOf(f, b).options.core_exchange_rate).toEqual(price(core(7), amount(3, b)));
  });

  it("reserves A.B to the issuer of A (uia_tests.cpp asset_name_test)", () => {
    const f = ChainFixture.create();
    const alice = createAccount(f, "alice");
    const bob = createAccount(f, "bob");
    const sam = createAccount(f, "sam");
    const has = (symbol: string) => f.state.findUnique(1, 3, "by_symbol", [symbol]) !== undefined;
    createUia(f, "ALPHA", alice);
    expect([has("ALPHA"), has("ALPHA.ONE")]).toEqual([true, false]);
    expectRefused(f, [createOp(bob, "ALPHA", options())], assertRefusal("asset_create.symbol_unique", "symbol"));
    expectRefused(f, [createOp(alice, "ALPHA", options())], assertRefusal("asset_create.symbol_unique", "symbol"));
    expectRefused(f, [createOp(bob, "ALPHA.ONE", options())], assertRefusal("asset_create.sub_asset_parent_issuer", "issuer"));
    createUia(f, "ALPHA.ONE", alice);
    expect(has("ALPHA.ONE")).toBe(true);
    expectRefused(f, [createOp(alice, "BETA.ONE", options())], assertRefusal("asset_create.sub_asset_parent_exists", "symbol"));
    // Symbols ending in digits (hardfork 620).
    createUia(f, "SP500", alice);
    createUia(f, "NIKKEI225", sam);
    createUia(f, "ALPHA2", alice);
    createUia(f, "ALPHA2.ONE", alice);
    expect(["SP500", "NIKKEI225", "ALPHA2", "ALPHA2.ONE"].every(has)).toBe(true);
    // is_valid_symbol is part of validate(): refused before evaluation.
    for (const bad of ["1CHARLIE", "CHAR-LIE", "CHARLIE.", "BITCHARLIE", "charlie"])
      expectRefused(f, [createOp(alice, bad, options())], assertRefusal("asset_create_operation.symbol_valid", "symbol"));
  });

  it("limits white and black list authorities to maximum_asset_whitelist_authorities, which must exist", () => {
    const f = ChainFixture.create();
    expect(f.gpo().parameters.maximum_asset_whitelist_authorities).toBe(10);
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `1.2.${i}`);
    expectRefused(f, [createOp("1.2.0", "WLA", options({ flags: WHITE_LIST, whitelist_authorities: ids(11) }))],
      assertRefusal("asset_create.whitelist_authorities_max", "common_options.whitelist_authorities"));
    expectRefused(f, [createOp("1.2.0", "WLA", options({ flags: WHITE_LIST, blacklist_authorities: ids(11) }))],
      assertRefusal("asset_create.blacklist_authorities_max", "common_options.blacklist_authorities"));
    expectRefused(f, [createOp("1.2.0", "WLA", options({ flags: WHITE_LIST, whitelist_authorities: ["1.2.0", "1.2.999"] }))],
      missing("common_options.whitelist_authorities[1]"));
    expectRefused(f, [createOp("1.2.0", "WLA", options({ flags: WHITE_LIST, blacklist_authorities: ["1.2.999"] }))],
      missing("common_options.blacklist_authorities[0]"));
    const id = createUia(f, "WLA", "1.2.0", { flags: WHITE_LIST, whitelist_authorities: ids(10), blacklist_authorities: ids(10) });
    expect(assetOf(f, id).options.whitelist_authorities).toEqual(ids(10));
  });

  it("checks the flags with asset_options::validate_flags", () => {
    const f = ChainFixture.create();
    // Bitasset-only flags on a UIA.
    for (const flag of [WITNESS_FED_ASSET, DISABLE_FORCE_SETTLE, DISABLE_COLLATERAL_BIDDING])
      expectRefused(f, [createOp("1.2.0", "FLAGS", options({ flags: flag, issuer_permissions: 0 }))], assertRefusal("asset_options.flags_uia_only", "common_options.flags"));
    // Permission-only bits are refused as flags, also on a bitasset.
    expectRefused(f, [createOp("1.2.0", "FLAGS", options({ flags: DISABLE_MCR_UPDATE, issuer_permissions: 0 }), { bitasset_opts: bitassetOptions(CORE) })],
      assertRefusal("asset_options.flags_no_disable_mcr_update", "common_options.flags"));
    expectRefused(f, [createOp("1.2.0", "FLAGS", options({ flags: DISABLE_BSRM_UPDATE, issuer_permissions: 0 }), { bitasset_opts: bitassetOptions(CORE) })],
      assertRefusal("asset_options.flags_no_disable_bsrm_update", "common_options.flags"));
    // disable_collateral_bidding may be set on a bitasset (core-2281).
    const id = createBitasset(f, "FLAGS", "1.2.0", CORE, { flags: DISABLE_COLLATERAL_BIDDING | WITNESS_FED_ASSET, issuer_permissions: 0 });
    expect(assetOf(f, id).options.flags).toBe(DISABLE_COLLATERAL_BIDDING | WITNESS_FED_ASSET);
  });

  it("puts half the fee into the new fee pool, the odd unit to the payer's fees (fee_tests.cpp issue_429_test)", () => {
    const f = ChainFixture.create();
    const alice = createAccount(f, "alice");
    f.pushOk([transferOp("1.2.0", alice, core(1000000n * PREC))]);
    enableFees(f);
    const coreSupply = dynOf(f, CORE).current_supply;
    // asset_create_operation::fee_params_t: long_symbol 5000 * PREC, price_per_kbyte 10.
    const even = (5000n * PREC + 10n) & ~1n; // 500000010
    const odd = (5000n * PREC + 10n) | 1n; // 500000011
    const before = f.balance(alice, CORE);
    const a = resultId(f.pushOk([createOp(alice, "ALICE", options(), { fee: core(even) })]));
    // pay_fee: core_fee_paid -= core_fee_paid / 2, so 250000005 goes to alice's fees and 250000005 to the pool.
    expect(statsOf(f, alice)).toMatchObject({ pending_fees: 250000005n, pending_vested_fees: 0n });
    expect(dynOf(f, a).fee_pool).toBe(250000005n);
    expect(f.balance(alice, CORE)).toBe(before - even);
    // Odd fee: 250000006 to alice's fees, one less (250000005) to the pool (hardfork core-429).
    const b = resultId(f.pushOk([createOp(alice, "ALICE.ODD", options(), { fee: core(odd) })]));
    expect(statsOf(f, alice).pending_fees).toBe(250000005n + 250000006n);
    expect(dynOf(f, b).fee_pool).toBe(250000005n);
    expect(f.balance(alice, CORE)).toBe(before - even - odd);
    // verify_asset_supplies: nothing minted or burnt.
    expect(dynOf(f, CORE).current_supply).toBe(coreSupply);
  });

  it("prices the symbol by its length, a sub-asset at the account_transfer fee (asset_ops.cpp calculate_fee)", () => {
    const f = ChainFixture.create();
    const alice = createAccount(f, "alice");
    f.pushOk([transferOp("1.2.0", alice, core(1000000n * PREC))]);
    enableFees(f);
    // symbol3 500000 * PREC, symbol4 300000 * PREC, long_symbol 5000 * PREC; with account_transfer and
    // ticket_create parameters in the schedule (get_default has both) "A.B" costs account_transfer's 500 * PREC.
    // The 68-byte operations pay no data fee (68 * 10 / 1024 = 0); a 100-character description makes the
    // operation 168 bytes and adds 168 * 10 / 1024 = 1, an odd total.
    const long = "D".repeat(100);
    const cases: Array<[string, bigint, string, bigint]> = [
      ["ABC", 500000n * PREC, "", 0n], ["ABCD", 300000n * PREC, "", 0n], ["ABCDE", 5000n * PREC, "", 0n], ["ABCDE.X", 500n * PREC, "", 0n],
      ["ABCDEF", 5000n * PREC, long, 1n],
    ];
    for (const [symbol, base, description, data] of cases) {
      const op = (fee: bigint) => createOp(alice, symbol, options({ description }), { fee: core(fee) });
      expect(dataFee("asset_create_operation", op(0n)[1], 10n)).toBe(data);
      const required = base + data;
      expectRefused(f, [op(required - 1n)], { exception: "insufficient_fee", rule: "generic_evaluator.sufficient_fee", field: "fee" });
      const paid = statsOf(f, alice).pending_fees;
      const id = resultId(f.pushOk([op(required)]));
      // The pool gets the rounded-down half, the payer's fees the rest.
      expect(dynOf(f, id).fee_pool).toBe(required / 2n);
      expect(statsOf(f, alice).pending_fees - paid).toBe(required - required / 2n);
    }
  });

  it("takes a fee paid in another asset through that asset's pool (fee_tests.cpp issue_433_test)", () => {
    const f = ChainFixture.create();
    const alice = createAccount(f, "alice");
    f.pushOk([transferOp("1.2.0", alice, core(1000000n * PREC))]);
    const myusd = createUia(f, "MYUSD", alice);
    f.pushOk([issueOp(alice, alice, amount(2000000000, myusd))]);
    enableFees(f);
    // fund_fee_pool( alice, myusd, 5 * long_symbol ), paying asset_fund_fee_pool's fee of 1 * PREC.
    f.pushOk([fundOp(alice, myusd, 5n * 5000n * PREC, core(PREC))]);
    const fee = (5000n * PREC + 10n) & ~1n;
    const id = resultId(f.pushOk([createOp(alice, "ALICE", options(), { fee: amount(fee, myusd) })]));
    // MYUSD's CER is 1:1: its pool pays `fee` core and its issuer keeps the MYUSD.
    expect(dynOf(f, myusd)).toMatchObject({ fee_pool: 5n * 5000n * PREC - fee, accumulated_fees: fee });
    expect(f.balance(alice, myusd)).toBe(2000000000n - fee);
    expect(dynOf(f, id).fee_pool).toBe(fee / 2n);
    expect(statsOf(f, alice)).toMatchObject({ pending_fees: fee / 2n, pending_vested_fees: PREC });
  });

  it("creates a market-pegged asset with its bitasset data (database_fixture make_bitasset)", () => {
    const f = ChainFixture.create();
    const judge = createAccount(f, "judge");
    const opts = bitassetOptions(CORE, { extensions: { initial_collateral_ratio: 2000, margin_call_fee_ratio: 50 } });
    const r = f.pushOk([createOp(judge, "USDBIT", options({ market_fee_percent: 100, flags: CHARGE_MARKET_FEE }), { bitasset_opts: opts })]);
    expect(r.operation_results).toEqual([[1, "1.3.2"]]);
    expect(assetOf(f, "1.3.2")).toMatchObject({ dynamic_asset_data_id: "2.3.2", bitasset_data_id: "2.4.1" });
    // asset_bitasset_data_object's defaults (asset_object.hpp): price_feed_with_icr() has MCR 1750, MSSR
    // 1500 and ICR = MCR; prices are price() (0 core / 0 core).
    const nullPrice = price(core(0), core(0));
    const feed = { settlement_price: nullPrice, maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: 1500, core_exchange_rate: nullPrice, initial_collateral_ratio: 1750 };
    expect(f.get("2.4.1")).toEqual({
      id: "2.4.1", asset_id: "1.3.2", feeds: [], median_feed: feed, current_feed: feed, current_feed_publication_time: 0,
      current_maintenance_collateralization: nullPrice, current_initial_collateralization: nullPrice, options: opts,
      force_settled_volume: 0n, is_prediction_market: false, settlement_price: nullPrice, settlement_fund: 0n,
      individual_settlement_debt: 0n, individual_settlement_fund: 0n, asset_cer_updated: false, feed_cer_updated: false,
    });
  });

  it("allows two levels of backing and a committee asset only backed by CORE", () => {
    const f = ChainFixture.create();
    const judge = createAccount(f, "judge");
    const usd = createBitasset(f, "USDBIT", judge);
    const second = createBitasset(f, "SECONDBIT", judge, usd);
    expectRefused(f, [createOp(judge, "THIRDBIT", options(), { bitasset_opts: bitassetOptions(second) })],
      assertRefusal("asset_create.backing_depth", "bitasset_opts.short_backing_asset"));
    const uia = createUia(f, "PLAIN", judge);
    const onUia = createBitasset(f, "ONUIA", judge, uia);
    expectRefused(f, [createOp("1.2.0", "COMMBIT", options(), { bitasset_opts: bitassetOptions(uia) })],
      assertRefusal("asset_create.committee_asset_backed_by_core", "bitasset_opts.short_backing_asset"));
    // Through a bitasset: its own backing must be CORE.
    expectRefused(f, [createOp("1.2.0", "COMMBIT", options(), { bitasset_opts: bitassetOptions(onUia) })],
      assertRefusal("asset_create.committee_asset_backed_by_core", "bitasset_opts.short_backing_asset"));
    createBitasset(f, "COMMBIT", "1.2.0", usd);
    createBitasset(f, "COMMBIT.B", "1.2.0", "1.3.1");
    createBitasset(f, "COMMCORE", "1.2.0", CORE);
    expectRefused(f, [createOp(judge, "NOBACK", options(), { bitasset_opts: bitassetOptions("1.3.999") })], missing("bitasset_opts.short_backing_asset"));
  });

  it("needs feed lifetime and settlement delay above the block interval", () => {
    const f = ChainFixture.create();
    expect(f.gpo().parameters.block_interval).toBe(5);
    expectRefused(f, [createOp("1.2.0", "TIMEBIT", options(), { bitasset_opts: bitassetOptions(CORE, { feed_lifetime_sec: 5 }) })],
      assertRefusal("asset_create.bitasset_periods_exceed_block_interval", "bitasset_opts.feed_lifetime_sec"));
    expectRefused(f, [createOp("1.2.0", "TIMEBIT", options(), { bitasset_opts: bitassetOptions(CORE, { force_settlement_delay_sec: 5 }) })],
      assertRefusal("asset_create.bitasset_periods_exceed_block_interval", "bitasset_opts.force_settlement_delay_sec"));
    const id = createBitasset(f, "TIMEBIT", "1.2.0", CORE, {}, { feed_lifetime_sec: 6, force_settlement_delay_sec: 6 });
    expect(bitassetOf(f, id).options).toMatchObject({ feed_lifetime_sec: 6, force_settlement_delay_sec: 6 });
  });

  it("gives a prediction market the precision of its backing asset (database_fixture create_prediction_market)", () => {
    const f = ChainFixture.create();
    const judge = createAccount(f, "judge");
    const pm = (precision: number) => createOp(judge, "PMARK", options({ issuer_permissions: CHARGE_MARKET_FEE | GLOBAL_SETTLE, flags: CHARGE_MARKET_FEE }),
      { precision, bitasset_opts: bitassetOptions(CORE), is_prediction_market: true });
    expectRefused(f, [pm(2)], assertRefusal("asset_create.prediction_market_precision", "precision"));
    const id = resultId(f.pushOk([pm(5)]));
    expect(bitassetOf(f, id).is_prediction_market).toBe(true);
    expect(assetOf(f, id).precision).toBe(5);
  });
});

// =====================================================================================================
describe("asset_update_evaluator", () => {
  it("updates a UIA's options under its issuer permissions (operation_tests.cpp update_uia)", () => {
    const f = ChainFixture.create();
    const test = resultId(f.pushOk([createOp("1.2.0", "UIATEST", UIATEST_OPTIONS)]));
    const nathan = createAccount(f, "nathan");
    const opts = () => assetOf(f, test).options;
    // validate(): the new issuer must differ.
    expectRefused(f, [updateOp(f, test, (o) => o, { new_issuer: "1.2.0" })], assertRefusal("asset_update_operation.new_issuer_differs", "new_issuer"));
    // "Cannot convert to an MIA": disable_force_settle and global_settle are refused on a UIA (asset_object::validate).
    expectRefused(f, [updateOp(f, test, (o) => ({ ...o, issuer_permissions: ASSET_ISSUER_PERMISSION_ENABLE_BITS_MASK }))],
      assertRefusal("asset_object.uia_settle_permissions", "new_options.issuer_permissions"));
    expectRefused(f, [updateOp(f, test, (o) => ({ ...o, core_exchange_rate: price(core(5), core(5)) }))],
      assertRefusal("price.distinct_assets", "new_options.core_exchange_rate.quote.asset_id"));
    // Updating the core exchange rate.
    f.pushOk([updateOp(f, test, (o) => ({ ...o, core_exchange_rate: price(core(3), amount(5, test)) }))]);
    expect(opts()).toEqual({ ...UIATEST_OPTIONS, core_exchange_rate: price(core(3), amount(5, test)) });
    // Since hardfork core-199 the issuer changes only through asset_update_issuer (the original test, run
    // before it, hands the asset to nathan here).
    expectRefused(f, [updateOp(f, test, (o) => o, { new_issuer: nathan })], assertRefusal("asset_update.new_issuer_deprecated", "new_issuer"));
    expectRefused(f, [updateOp(f, test, (o) => o, { issuer: nathan })], assertRefusal("asset_update.issuer", "issuer"));
    // Setting flags, then giving up the white_list permission.
    f.pushOk([updateOp(f, test, (o) => ({ ...o, flags: TRANSFER_RESTRICTED | WHITE_LIST }))]);
    f.pushOk([updateOp(f, test, (o) => ({ ...o, issuer_permissions: o.issuer_permissions & ~WHITE_LIST }))]);
    expect(opts()).toMatchObject({ flags: TRANSFER_RESTRICTED | WHITE_LIST, issuer_permissions: DEFAULT_UIA_ASSET_ISSUER_PERMISSION & ~WHITE_LIST });
    expectRefused(f, [updateOp(f, test, (o) => ({ ...o, flags: o.flags & ~WHITE_LIST }))], assertRefusal("asset_update.flag_change_permitted", "new_options.flags"));
    for (let i = 0; i < 2; i++) f.pushOk([updateOp(f, test, (o) => ({ ...o, flags: o.flags ^ TRANSFER_RESTRICTED }))]);
    expect(opts().flags).toBe(TRANSFER_RESTRICTED | WHITE_LIST);
    // With supply outstanding white_list cannot come back, nor the precision change, nor max_supply drop below it.
    f.pushOk([issueOp("1.2.0", "1.2.0", amount(5000000, test))]);
    expectRefused(f, [updateOp(f, test, (o) => ({ ...o, issuer_permissions: DEFAULT_UIA_ASSET_ISSUER_PERMISSION }))],
      assertRefusal("asset_update.permissions_not_reinstated", "new_options.issuer_permissions"));
    expectRefused(f, [updateOp(f, test, (o) => o, { extensions: { new_precision: 3 } })], assertRefusal("asset_update.precision_fixed_with_supply", "extensions.new_precision"));
    expectRefused(f, [updateOp(f, test, (o) => ({ ...o, max_supply: 4999999n }))], assertRefusal("asset_update.max_supply_covers_supply", "new_options.max_supply"));
    // Giving up more permissions is still allowed.
    f.pushOk([updateOp(f, test, (o) => ({ ...o, max_supply: 5000000n, issuer_permissions: o.issuer_permissions & ~OVERRIDE_AUTHORITY }))]);
    expect(opts()).toMatchObject({ max_supply: 5000000n, issuer_permissions: CHARGE_MARKET_FEE | TRANSFER_RESTRICTED | DISABLE_CONFIDENTIAL });
    expectRefused(f, [[11, { fee: core(0), issuer: "1.2.0", asset_to_update: "1.3.999", new_options: options({ core_exchange_rate: price(core(1), amount(1, "1.3.999")) }), extensions: {} }]],
      missing("asset_to_update"));
  });

  it("applies the post-BSIP48/75 and core-2467 permission and flag rules", () => {
    const f = ChainFixture.create();
    const sam = createAccount(f, "sam");
    // Permissions 0: every "disable" bit (lock_max_supply, disable_new_supply, ...) is still the issuer's to use.
    const uia = createUia(f, "RULES", sam);
    expectRefused(f, [updateOp(f, uia, (o) => ({ ...o, issuer_permissions: DISABLE_MCR_UPDATE }))], assertRefusal("asset_update.uia_permissions", "new_options.issuer_permissions"));
    expectRefused(f, [updateOp(f, uia, (o) => ({ ...o, flags: DISABLE_FORCE_SETTLE }))], assertRefusal("asset_object.uia_settle_flags", "new_options.flags"));
    expectRefused(f, [updateOp(f, uia, (o) => ({ ...o, flags: WITNESS_FED_ASSET }))], assertRefusal("asset_options.flags_uia_only", "new_options.flags"));
    // An "enable" bit not permitted: white_list.
    expectRefused(f, [updateOp(f, uia, (o) => ({ ...o, flags: WHITE_LIST }))], assertRefusal("asset_update.flag_change_permitted", "new_options.flags"));
    // lock_max_supply may be set; then max_supply is fixed.
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, flags: LOCK_MAX_SUPPLY }))]);
    expectRefused(f, [updateOp(f, uia, (o) => ({ ...o, max_supply: 1000n }))], assertRefusal("asset_update.max_supply_locked", "new_options.max_supply"));
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, description: "locked" }))]);
    // Giving up the lock_max_supply permission (a set "disable" bit) freezes the flag.
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, issuer_permissions: LOCK_MAX_SUPPLY }))]);
    expectRefused(f, [updateOp(f, uia, (o) => ({ ...o, flags: 0 }))], assertRefusal("asset_update.flag_change_permitted", "new_options.flags"));
    // disable_new_supply is still free to set and clear while there is no supply.
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, flags: LOCK_MAX_SUPPLY | DISABLE_NEW_SUPPLY }))]);
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, flags: LOCK_MAX_SUPPLY }))]);
    // With no supply a given-up permission may come back.
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, issuer_permissions: 0 }))]);
    // can_update_max_supply reads the current flags: clearing the lock and changing max_supply take two updates.
    expectRefused(f, [updateOp(f, uia, (o) => ({ ...o, flags: 0, max_supply: 1000n }))], assertRefusal("asset_update.max_supply_locked", "new_options.max_supply"));
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, flags: 0 }))]);
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, max_supply: 1000n }))]);
    expect(assetOf(f, uia).options).toMatchObject({ flags: 0, issuer_permissions: 0, max_supply: 1000n, description: "locked" });
  });

  it("changes the precision only without supply, of a different value, of an asset backing none", () => {
    const f = ChainFixture.create();
    const sam = createAccount(f, "sam");
    const uia = createUia(f, "PREC", sam);
    expectRefused(f, [updateOp(f, uia, (o) => o, { extensions: { new_precision: 2 } })], assertRefusal("asset_update.new_precision_changes", "extensions.new_precision"));
    f.pushOk([updateOp(f, uia, (o) => o, { extensions: { new_precision: 4 } })]);
    expect(assetOf(f, uia).precision).toBe(4);
    createBitasset(f, "ONPREC", sam, uia);
    expectRefused(f, [updateOp(f, uia, (o) => o, { extensions: { new_precision: 3 } })], assertRefusal("asset_update.precision_not_backing", "extensions.new_precision"));
  });

  it("limits and loads the new white and black list authorities", () => {
    const f = ChainFixture.create();
    const sam = createAccount(f, "sam");
    const uia = createUia(f, "LISTS", sam, { flags: WHITE_LIST });
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `1.2.${i}`);
    expectRefused(f, [updateOp(f, uia, (o) => ({ ...o, whitelist_authorities: ids(11) }))], assertRefusal("asset_update.whitelist_authorities_max", "new_options.whitelist_authorities"));
    expectRefused(f, [updateOp(f, uia, (o) => ({ ...o, whitelist_authorities: ["1.2.999"] }))], missing("new_options.whitelist_authorities[0]"));
    expectRefused(f, [updateOp(f, uia, (o) => ({ ...o, blacklist_authorities: ids(11) }))], assertRefusal("asset_update.blacklist_authorities_max", "new_options.blacklist_authorities"));
    expectRefused(f, [updateOp(f, uia, (o) => ({ ...o, blacklist_authorities: [sam, "1.2.999"] }))], missing("new_options.blacklist_authorities[1]"));
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, whitelist_authorities: ids(10), blacklist_authorities: [sam] }))]);
    expect(assetOf(f, uia).options).toMatchObject({ whitelist_authorities: ids(10), blacklist_authorities: [sam] });
  });

  it("marks a bitasset's new core exchange rate unless skip_core_exchange_rate keeps the old one", () => {
    const f = ChainFixture.create();
    const judge = createAccount(f, "judge");
    const usd = createBitasset(f, "USDBIT", judge);
    const cer = assetOf(f, usd).options.core_exchange_rate;
    f.pushOk([updateOp(f, usd, (o) => ({ ...o, core_exchange_rate: price(amount(1, usd), core(3)), description: "kept" }), { extensions: { skip_core_exchange_rate: true } })]);
    expect(assetOf(f, usd).options).toMatchObject({ core_exchange_rate: cer, description: "kept" });
    expect(bitassetOf(f, usd).asset_cer_updated).toBe(false);
    // The same rate written differently (2/2 for 1/1) is no change.
    f.pushOk([updateOp(f, usd, (o) => ({ ...o, core_exchange_rate: price(amount(2, usd), core(2)) }))]);
    expect(bitassetOf(f, usd).asset_cer_updated).toBe(false);
    f.pushOk([updateOp(f, usd, (o) => ({ ...o, core_exchange_rate: price(amount(1, usd), core(3)) }))]);
    expect(assetOf(f, usd).options.core_exchange_rate).toEqual(price(amount(1, usd), core(3)));
    expect(bitassetOf(f, usd).asset_cer_updated).toBe(true);
  });

  it("cancels settle orders when force settlement is disabled and bids when collateral bidding is (db_market.cpp)", () => {
    const f = ChainFixture.create();
    const judge = createAccount(f, "judge");
    const alice = createAccount(f, "alice");
    const bob = createAccount(f, "bob");
    const usd = createBitasset(f, "USDBIT", judge, CORE, { issuer_permissions: CHARGE_MARKET_FEE | DISABLE_FORCE_SETTLE });
    const eur = createBitasset(f, "EURBIT", judge);
    // Settle orders as asset_settle leaves them (the amounts already taken from the owners' balances).
    const t = f.now();
    const later = insert<T.ForceSettlementObject>(f, 1, 4, (id) => ({ id, owner: alice, balance: amount(70, usd), settlement_date: t + 200 }));
    const sooner = insert<T.ForceSettlementObject>(f, 1, 4, (id) => ({ id, owner: bob, balance: amount(30, usd), settlement_date: t + 100 }));
    const other = insert<T.ForceSettlementObject>(f, 1, 4, (id) => ({ id, owner: bob, balance: amount(5, eur), settlement_date: t + 50 }));
    // Collateral bids: inv_swan_price = additional collateral / debt covered.
    const low = insert<T.CollateralBidObject>(f, 2, 17, (id) => ({ id, bidder: alice, inv_swan_price: price(core(100), amount(100, usd)) }));
    const high = insert<T.CollateralBidObject>(f, 2, 17, (id) => ({ id, bidder: bob, inv_swan_price: price(core(300), amount(100, usd)) }));
    const update = updateOp(f, usd, (o) => ({ ...o, flags: o.flags | DISABLE_FORCE_SETTLE | DISABLE_COLLATERAL_BIDDING }));
    const r = applyTransaction(f.state, f.transaction([update]), { skip: SKIP_ALL });
    expect(E.isRight(r)).toBe(true);
    if (E.isLeft(r)) return;
    const fee0 = core(0);
    // by_expiration order for the settle orders, highest price first for the bids.
    expect(r.right.appliedOps.map((a) => [a.op, a.is_virtual])).toEqual([
      [update, false],
      [[42, { fee: fee0, settlement: sooner.id, account: bob, amount: amount(30, usd) }], true],
      [[42, { fee: fee0, settlement: later.id, account: alice, amount: amount(70, usd) }], true],
      [[45, { fee: fee0, bidder: bob, additional_collateral: core(300), debt_covered: amount(0, usd), extensions: [] }], true],
      [[45, { fee: fee0, bidder: alice, additional_collateral: core(100), debt_covered: amount(0, usd), extensions: [] }], true],
    ]);
    f.state = r.right.state;
    for (const id of [later.id, sooner.id, low.id, high.id]) expect(f.find(id)).toBeUndefined();
    expect(f.get(other.id)).toEqual(other);
    expect([f.balance(alice, usd), f.balance(bob, usd), f.balance(alice, CORE), f.balance(bob, CORE)]).toEqual([70n, 30n, 100n, 300n]);
  });

  it("guards prediction markets and revoked bitasset permissions", () => {
    const f = ChainFixture.create();
    const judge = createAccount(f, "judge");
    const pm = resultId(f.pushOk([createOp(judge, "PMARK", options({ issuer_permissions: CHARGE_MARKET_FEE | GLOBAL_SETTLE, flags: CHARGE_MARKET_FEE }),
      { precision: 5, bitasset_opts: bitassetOptions(CORE), is_prediction_market: true })]));
    expectRefused(f, [updateOp(f, pm, (o) => ({ ...o, issuer_permissions: GLOBAL_SETTLE | DISABLE_BSRM_UPDATE }))],
      assertRefusal("asset_update.prediction_market_bsrm_permission", "new_options.issuer_permissions"));
    expectRefused(f, [updateOp(f, pm, (o) => ({ ...o, issuer_permissions: CHARGE_MARKET_FEE }))],
      assertRefusal("asset_update.prediction_market_global_settle", "new_options.issuer_permissions"));
    expectRefused(f, [updateOp(f, pm, (o) => o, { extensions: { new_precision: 4 } })], assertRefusal("asset_update.prediction_market_precision", "extensions.new_precision"));
    // With supply, a prediction market cannot regain a permission, except the right to update the BSRM that
    // an older asset may have given up (disable_bsrm_update set before core-2467; set directly here).
    const pmDyn = assetOf(f, pm).dynamic_asset_data_id;
    poke<T.AssetDynamicDataObject>(f, pmDyn, (d) => ({ ...d, current_supply: 1000n }));
    expectRefused(f, [updateOp(f, pm, (o) => ({ ...o, issuer_permissions: o.issuer_permissions | WHITE_LIST }))],
      assertRefusal("asset_update.permissions_not_reinstated", "new_options.issuer_permissions"));
    poke<T.AssetObject>(f, pm, (a) => ({ ...a, options: { ...a.options, issuer_permissions: a.options.issuer_permissions | DISABLE_BSRM_UPDATE } }));
    f.pushOk([updateOp(f, pm, (o) => ({ ...o, issuer_permissions: o.issuer_permissions & ~DISABLE_BSRM_UPDATE }))]);
    expect(assetOf(f, pm).options.issuer_permissions).toBe(CHARGE_MARKET_FEE | GLOBAL_SETTLE);
    // Likewise a UIA may drop a non-UIA bit it holds from before core-2467, but not regain a UIA permission.
    const uia = createUia(f, "LEGACY", judge);
    f.pushOk([issueOp(judge, judge, amount(1, uia))]);
    poke<T.AssetObject>(f, uia, (a) => ({ ...a, options: { ...a.options, issuer_permissions: DISABLE_MCR_UPDATE | DISABLE_NEW_SUPPLY } }));
    expectRefused(f, [updateOp(f, uia, (o) => ({ ...o, issuer_permissions: 0 }))],
      assertRefusal("asset_update.permissions_not_reinstated", "new_options.issuer_permissions"));
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, issuer_permissions: DISABLE_NEW_SUPPLY }))]);
    expect(assetOf(f, uia).options.issuer_permissions).toBe(DISABLE_NEW_SUPPLY);
    // A bitasset with supply cannot regain a permission (the supply is set directly, as borrowing would).
    const usd = createBitasset(f, "USDBIT", judge);
    poke<T.AssetDynamicDataObject>(f, assetOf(f, usd).dynamic_asset_data_id, (d) => ({ ...d, current_supply: 1000n }));
    expectRefused(f, [updateOp(f, usd, (o) => ({ ...o, issuer_permissions: CHARGE_MARKET_FEE | WHITE_LIST }))],
      assertRefusal("asset_update.permissions_not_reinstated", "new_options.issuer_permissions"));
    // Giving up disable_mcr_update's freedom (setting the bit) is allowed, and bitasset-only flags are valid.
    f.pushOk([updateOp(f, usd, (o) => ({ ...o, issuer_permissions: CHARGE_MARKET_FEE | DISABLE_MCR_UPDATE, flags: CHARGE_MARKET_FEE | DISABLE_COLLATERAL_BIDDING }))]);
    expect(assetOf(f, usd).options).toMatchObject({ issuer_permissions: CHARGE_MARKET_FEE | DISABLE_MCR_UPDATE, flags: CHARGE_MARKET_FEE | DISABLE_COLLATERAL_BIDDING });
  });
});

// =====================================================================================================
describe("asset_update_issuer_evaluator", () => {
  it("hands an asset over with the issuer's owner key only (operation_tests.cpp update_uia_issuer)", () => {
    const f = ChainFixture.create();
    const alice = createAccount(f, "alice", { owner: "key1", active: "key2" });
    const bob = createAccount(f, "bob", { owner: "key3", active: "key4" });
    const test = createUia(f, "UPDATEISSUER", alice);
    const missingAuth = (seed: string, issuer: string, newIssuer: string, exception: string) => {
      const before = f.state;
      const r = f.push([updateIssuerOp(issuer, test, newIssuer)], { signers: [seed] });
      expect(E.isLeft(r) && r.left.exception).toBe(exception);
      expect(f.state).toBe(before);
    };
    // "Can't change issuer if not my asset": bob's active key lacks his owner authority; with his owner
    // key the evaluator refuses.
    missingAuth("key4", bob, alice, "tx_missing_owner_auth");
    expectRefused(f, [updateIssuerOp(bob, test, alice)], assertRefusal("asset_update_issuer.issuer", "issuer"), { signers: ["key3"] });
    // "Can't change issuer with alice's active key".
    missingAuth("key2", alice, bob, "tx_missing_owner_auth");
    expectRefused(f, [updateOp(f, test, (o) => o, { new_issuer: bob })], assertRefusal("asset_update.new_issuer_deprecated", "new_issuer"), { signers: ["key2"] });
    const r = f.pushOk([updateIssuerOp(alice, test, bob)], { signers: ["key1"] });
    expect(r.operation_results).toEqual([[0, {}]]);
    expect(assetOf(f, test).issuer).toBe(bob);
  });

  it("needs an existing new issuer, and a committee bitasset backed by CORE", () => {
    const f = ChainFixture.create();
    const judge = createAccount(f, "judge");
    expectRefused(f, [updateIssuerOp(judge, "1.3.999", "1.2.0")], missing("asset_to_update"));
    const uia = createUia(f, "PLAIN", judge);
    expectRefused(f, [updateIssuerOp(judge, uia, "1.2.999")], assertRefusal("asset_update_issuer.new_issuer_exists", "new_issuer"));
    const onUia = createBitasset(f, "ONUIA", judge, uia);
    const usd = createBitasset(f, "USDBIT", judge);
    const onUsd = createBitasset(f, "ONUSD", judge, usd);
    const onInit = createBitasset(f, "ONINIT", judge, "1.3.1");
    const deeper = createBitasset(f, "DEEPER", judge, onUia);
    for (const id of [onUia, deeper])
      expectRefused(f, [updateIssuerOp(judge, id, "1.2.0")], assertRefusal("asset_update_issuer.committee_asset_backed_by_core", "new_issuer"));
    // A UIA goes to the committee freely; bitassets backed by CORE directly or through a CORE-backed bitasset too.
    for (const id of [uia, usd, onUsd, onInit]) {
      f.pushOk([updateIssuerOp(judge, id, "1.2.0")]);
      expect(assetOf(f, id).issuer).toBe("1.2.0");
    }
    // Any other account may receive the CORE-less one.
    f.pushOk([updateIssuerOp(judge, onUia, createAccount(f, "sam"))]);
    expect(assetOf(f, onUia).issuer).toBe(f.account("sam").id);
  });
});

// =====================================================================================================
describe("asset_issue_evaluator", () => {
  it("issues up to max_supply (operation_tests.cpp issue_uia)", () => {
    const f = ChainFixture.create();
    const test = resultId(f.pushOk([createOp("1.2.0", "UIATEST", UIATEST_OPTIONS)]));
    const nathan = createAccount(f, "nathan");
    const op = issueOp("1.2.0", nathan, amount(5000000, test));
    expectRefused(f, [issueOp("1.2.0", nathan, core(200))], assertRefusal("asset_issue_operation.not_core", "asset_to_issue.asset_id"));
    expectRefused(f, [issueOp("1.2.0", "1.2.999999999", amount(5000000, test))], missing("issue_to_account"));
    expectRefused(f, [issueOp(nathan, nathan, amount(5000000, test))], assertRefusal("asset_issue.issuer", "issuer"));
    expectRefused(f, [issueOp("1.2.0", nathan, amount(1, "1.3.999"))], missing("asset_to_issue.asset_id"));
    expect(f.pushOk([op]).operation_results).toEqual([[0, {}]]);
    expect(f.balance(nathan, test)).toBe(5000000n);
    expect(dynOf(f, test)).toMatchObject({ current_supply: 5000000n, accumulated_fees: 0n, fee_pool: 0n });
    f.pushOk([op]);
    expect(f.balance(nathan, test)).toBe(10000000n);
    expect(dynOf(f, test)).toMatchObject({ current_supply: 10000000n, accumulated_fees: 0n, fee_pool: 0n });
    // max_supply 100000000: 90000001 more is one too many.
    expectRefused(f, [issueOp("1.2.0", nathan, amount(90000001, test))], assertRefusal("asset_issue.max_supply", "asset_to_issue.amount"));
    f.pushOk([issueOp("1.2.0", nathan, amount(90000000, test))]);
    expect(dynOf(f, test).current_supply).toBe(100000000n);
  });

  it("refuses market-issued, pool share and disable_new_supply assets", () => {
    const f = ChainFixture.create();
    const judge = createAccount(f, "judge");
    const usd = createBitasset(f, "USDBIT", judge);
    expectRefused(f, [issueOp(judge, judge, amount(1, usd))], assertRefusal("asset_issue.not_market_issued", "asset_to_issue.asset_id"));
    const frozen = createUia(f, "FROZEN", judge, { flags: DISABLE_NEW_SUPPLY, issuer_permissions: 0 });
    expectRefused(f, [issueOp(judge, judge, amount(1, frozen))], assertRefusal("asset_issue.new_supply_allowed", "asset_to_issue.asset_id"));
    // A liquidity pool's share asset (for_liquidity_pool set, as liquidity_pool_create does).
    const share = createUia(f, "SHARE", judge);
    poke<T.AssetObject>(f, share, (a) => ({ ...a, for_liquidity_pool: "1.19.0" }));
    expectRefused(f, [issueOp(judge, judge, amount(1, share))], assertRefusal("asset_issue.not_pool_share", "asset_to_issue.asset_id"));
  });

  it("issues only to authorized accounts (uia_tests.cpp issue_whitelist_uia)", () => {
    const f = ChainFixture.create();
    const izzy = createAccount(f, "izzy");
    const uia = createUia(f, "ADVANCED", izzy, { flags: WHITE_LIST });
    const nathan = createAccount(f, "nathan");
    const vikram = createAccount(f, "vikram");
    const op = issueOp(izzy, nathan, amount(1000, uia));
    f.pushOk([op]);
    expect(f.balance(nathan, uia)).toBe(1000n);
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, whitelist_authorities: [izzy] }))]);
    expectRefused(f, [op], assertRefusal("asset_issue.to_authorized", "issue_to_account"));
    f.pushOk([upgradeOp(izzy)]);
    f.pushOk([whitelistOp(izzy, vikram, 1)]);
    expectRefused(f, [op], assertRefusal("asset_issue.to_authorized", "issue_to_account"));
    f.pushOk([whitelistOp(izzy, nathan, 1)]);
    f.pushOk([op]);
    expect(f.balance(nathan, uia)).toBe(2000n);
    // BSIP 86: the committee account may always hold it.
    f.pushOk([issueOp(izzy, "1.2.0", amount(1, uia))]);
    expectRefused(f, [issueOp(izzy, izzy, amount(1, uia))], assertRefusal("asset_issue.to_authorized", "issue_to_account"));
  });
});

// =====================================================================================================
describe("asset_reserve_evaluator", () => {
  it("burns core and user-issued supply, not market-issued (operation_tests.cpp reserve_asset_test)", () => {
    const f = ChainFixture.create();
    const alice = createAccount(f, "alice");
    const judge = createAccount(f, "judge");
    const basset = createBitasset(f, "USDBIT", judge);
    const uasset = createUia(f, "UIATEST", "1.2.0", { flags: CHARGE_MARKET_FEE });
    const passet = resultId(f.pushOk([createOp(judge, "PMARK", options({ issuer_permissions: CHARGE_MARKET_FEE | GLOBAL_SETTLE, flags: CHARGE_MARKET_FEE }),
      { precision: 5, bitasset_opts: bitassetOptions(CORE), is_prediction_market: true })]));
    const initBalance = 10000n;
    const reserveAmount = 3000n;
    // asset_object::reserved = max_supply - current_supply
    const reserved = (id: string) => assetOf(f, id).options.max_supply - dynOf(f, id).current_supply;
    f.pushOk([transferOp("1.2.0", alice, core(initBalance))]);
    const coreReserved = reserved(CORE);
    expect(f.pushOk([reserveOp(alice, core(reserveAmount))]).operation_results).toEqual([[0, {}]]);
    expect(f.balance(alice, CORE)).toBe(initBalance - reserveAmount);
    expect(reserved(CORE) - coreReserved).toBe(reserveAmount);
    // The balance does not matter: the asset type is checked first.
    for (const id of [basset, passet])
      expectRefused(f, [reserveOp(alice, amount(reserveAmount, id))], { exception: "asset_reserve_invalid_on_mia", rule: "asset_reserve.not_market_issued", field: "amount_to_reserve.asset_id" });
    f.pushOk([issueOp("1.2.0", alice, amount(initBalance, uasset))]);
    const uiaReserved = reserved(uasset);
    f.pushOk([reserveOp(alice, amount(reserveAmount, uasset))]);
    expect(f.balance(alice, uasset)).toBe(initBalance - reserveAmount);
    expect(reserved(uasset) - uiaReserved).toBe(reserveAmount);
    expect(dynOf(f, uasset).current_supply).toBe(7000n);
    expectRefused(f, [reserveOp(alice, amount(1, "1.3.999"))], missing("amount_to_reserve.asset_id"));
  });

  it("checks the supply in evaluation and the balance when applying", () => {
    const f = ChainFixture.create();
    const alice = createAccount(f, "alice");
    const bob = createAccount(f, "bob");
    const uia = createUia(f, "BURN", alice);
    f.pushOk([issueOp(alice, alice, amount(10000, uia))]);
    f.pushOk([issueOp(alice, bob, amount(5000, uia))]);
    expectRefused(f, [reserveOp(bob, amount(15001, uia))], assertRefusal("asset_reserve.within_supply", "amount_to_reserve.amount"));
    // Within the supply of 15000 but beyond bob's 5000: database::adjust_balance refuses in do_apply.
    expectRefused(f, [reserveOp(bob, amount(6000, uia))], assertRefusal("database.adjust_balance.sufficient", "amount_to_reserve.amount"));
    f.pushOk([reserveOp(bob, amount(5000, uia))]);
    expect([f.balance(bob, uia), dynOf(f, uia).current_supply]).toEqual([0n, 10000n]);
  });

  it("keeps one unit of a pool share asset and refuses unauthorized payers (uia_tests.cpp transfer_whitelist_uia)", () => {
    const f = ChainFixture.create();
    const izzy = createAccount(f, "izzy");
    const nathan = createAccount(f, "nathan");
    const share = createUia(f, "SHARE", izzy);
    f.pushOk([issueOp(izzy, nathan, amount(100, share))]);
    poke<T.AssetObject>(f, share, (a) => ({ ...a, for_liquidity_pool: "1.19.0" }));
    expectRefused(f, [reserveOp(nathan, amount(100, share))], assertRefusal("asset_reserve.pool_share_below_supply", "amount_to_reserve.amount"));
    f.pushOk([reserveOp(nathan, amount(99, share))]);
    expect(dynOf(f, share).current_supply).toBe(1n);
    // A blacklisted holder cannot burn.
    const uia = createUia(f, "ADVANCED", izzy, { flags: WHITE_LIST });
    f.pushOk([issueOp(izzy, nathan, amount(100, uia))]);
    f.pushOk([updateOp(f, uia, (o) => ({ ...o, blacklist_authorities: [izzy] }))]);
    f.pushOk([upgradeOp(izzy)]);
    f.pushOk([whitelistOp(izzy, nathan, 2)]);
    expectRefused(f, [reserveOp(nathan, amount(10, uia))], assertRefusal("asset_reserve.payer_authorized", "payer"));
  });
});

// =====================================================================================================
describe("asset_fund_fee_pool_evaluator", () => {
  it("moves core from the account into the pool (operation_tests.cpp uia_fees)", () => {
    const f = ChainFixture.create();
    const test = resultId(f.pushOk([createOp("1.2.0", "UIATEST", UIATEST_OPTIONS)]));
    const nathan = createAccount(f, "nathan");
    const committee0 = f.balance("1.2.0", CORE);
    expect(f.pushOk([fundOp("1.2.0", test, 1000n * PREC)]).operation_results).toEqual([[0, {}]]);
    expect(dynOf(f, test).fee_pool).toBe(1000n * PREC);
    expect(f.balance("1.2.0", CORE)).toBe(committee0 - 1000n * PREC);
    expectRefused(f, [fundOp("1.2.0", "1.3.999", 1n)], missing("asset_id"));
    f.pushOk([transferOp("1.2.0", nathan, core(100))]);
    expectRefused(f, [fundOp(nathan, test, 101n)], assertRefusal("database.adjust_balance.sufficient", "amount"));
    f.pushOk([fundOp(nathan, test, 100n)]);
    expect([f.balance(nathan, CORE), dynOf(f, test).fee_pool]).toEqual([0n, 1000n * PREC + 100n]);
  });
});

// =====================================================================================================
describe("asset_claim_fees_evaluator", () => {
  it("lets each issuer claim its asset's accumulated fees (fee_tests.cpp asset_claim_fees_test)", () => {
    const f = ChainFixture.create();
    const izzy = createAccount(f, "izzy");
    const jill = createAccount(f, "jill");
    const izzycoin = createBitasset(f, "IZZYCOIN", izzy, CORE, { market_fee_percent: 100 });
    const jillcoin = createBitasset(f, "JILLCOIN", jill, CORE, { market_fee_percent: 200 });
    // The test's matched orders (100 IZZY for 300 JILL at 1% and 2%) leave 1 IZZY and 6 JILL in fees;
    // both have precision 2, so 100 and 600 satoshis.
    poke<T.AssetDynamicDataObject>(f, assetOf(f, izzycoin).dynamic_asset_data_id, (d) => ({ ...d, accumulated_fees: 100n }));
    poke<T.AssetDynamicDataObject>(f, assetOf(f, jillcoin).dynamic_asset_data_id, (d) => ({ ...d, accumulated_fees: 600n }));
    const within = assertRefusal("asset_claim_fees.within_accumulated_fees", "amount_to_claim.amount");
    expectRefused(f, [claimFeesOp(izzy, amount(101, izzycoin))], within);
    expectRefused(f, [claimFeesOp(jill, amount(601, jillcoin))], within);
    expectRefused(f, [claimFeesOp(jill, amount(1, izzycoin))], assertRefusal("asset_claim_fees.issuer", "issuer"));
    expectRefused(f, [claimFeesOp(izzy, amount(1, jillcoin))], assertRefusal("asset_claim_fees.issuer", "issuer"));
    expect(f.pushOk([claimFeesOp(izzy, amount(100, izzycoin))]).operation_results).toEqual([[0, {}]]);
    expectRefused(f, [claimFeesOp(izzy, amount(1, izzycoin))], within);
    expect([dynOf(f, izzycoin).accumulated_fees, f.balance(izzy, izzycoin)]).toEqual([0n, 100n]);
    f.pushOk([claimFeesOp(jill, amount(400, jillcoin))]);
    expect(dynOf(f, jillcoin).accumulated_fees).toBe(200n);
    expectRefused(f, [claimFeesOp(jill, amount(201, jillcoin))], within);
    f.pushOk([claimFeesOp(jill, amount(200, jillcoin))]);
    expect([dynOf(f, jillcoin).accumulated_fees, f.balance(jill, jillcoin)]).toEqual([0n, 600n]);
  });

  it("claims collateral-denominated fees with claim_from_asset_id (BSIP 74/87)", () => {
    const f = ChainFixture.create();
    const izzy = createAccount(f, "izzy");
    const izzycoin = createBitasset(f, "IZZYCOIN", izzy);
    const jillcoin = createBitasset(f, "JILLCOIN", izzy);
    const plain = createUia(f, "PLAIN", izzy);
    poke<T.AssetDynamicDataObject>(f, assetOf(f, izzycoin).dynamic_asset_data_id, (d) => ({ ...d, accumulated_collateral_fees: 500n }));
    expectRefused(f, [claimFeesOp(izzy, core(501), izzycoin)], assertRefusal("asset_claim_fees.within_accumulated_collateral_fees", "amount_to_claim.amount"));
    // Only the backing asset of a market-issued container.
    expectRefused(f, [claimFeesOp(izzy, amount(1, jillcoin), izzycoin)], assertRefusal("asset_claim_fees.asset_holds_fees", "amount_to_claim.asset_id"));
    expectRefused(f, [claimFeesOp(izzy, core(1), plain)], assertRefusal("asset_claim_fees.asset_holds_fees", "amount_to_claim.asset_id"));
    expectRefused(f, [claimFeesOp(izzy, core(1), "1.3.999")], missing("extensions.claim_from_asset_id"));
    expectRefused(f, [claimFeesOp(izzy, amount(1, "1.3.999"))], missing("amount_to_claim.asset_id"));
    const before = f.balance(izzy, CORE);
    f.pushOk([claimFeesOp(izzy, core(500), izzycoin)]);
    expect(dynOf(f, izzycoin)).toMatchObject({ accumulated_collateral_fees: 0n, accumulated_fees: 0n });
    expect(f.balance(izzy, CORE)).toBe(before + 500n);
  });
});

// =====================================================================================================
describe("asset_claim_pool_evaluator", () => {
  it("returns core from the issuer's own pools (fee_tests.cpp asset_claim_pool_test)", () => {
    const f = ChainFixture.create();
    const alice = createAccount(f, "alice");
    const bob = createAccount(f, "bob");
    const alicecoin = createUia(f, "ALICECOIN", alice);
    const aliceusd = createUia(f, "ALICEUSD", alice);
    const bobcoin = createUia(f, "BOBCOIN", bob);
    f.pushOk([issueOp(alice, alice, amount(20000000, aliceusd))]);
    f.pushOk([issueOp(alice, alice, amount(10000000, alicecoin))]);
    f.pushOk([transferOp("1.2.0", alice, core(1000n * PREC))]);
    f.pushOk([transferOp("1.2.0", bob, core(1000n * PREC))]);
    enableFees(f);
    f.pushOk([fundOp(alice, aliceusd, 100n * PREC)]);
    // Empty pool: the claim is compared with the pool in do_apply.
    expectRefused(f, [claimPoolOp(alice, alicecoin, core(PREC))], assertRefusal("asset_claim_pool.within_pool", "amount_to_claim.amount"));
    f.pushOk([fundOp(alice, alicecoin, 300n * PREC)]);
    expect([dynOf(f, alicecoin).fee_pool, dynOf(f, aliceusd).fee_pool]).toEqual([300n * PREC, 100n * PREC]);
    expectRefused(f, [claimPoolOp(alice, bobcoin, core(200n * PREC))], assertRefusal("asset_claim_pool.issuer", "issuer"));
    expectRefused(f, [claimPoolOp(alice, alicecoin, core(400n * PREC))], assertRefusal("asset_claim_pool.within_pool", "amount_to_claim.amount"));
    expectRefused(f, [claimPoolOp(alice, alicecoin, core(200n * PREC), amount(0, alicecoin))], assertRefusal("asset_claim_pool_operation.fee_not_in_asset", "fee.asset_id"));
    expectRefused(f, [claimPoolOp(alice, "1.3.999", core(1))], missing("asset_id"));
    // asset_claim_pool_operation::fee_params_t: 20 * PREC.
    const core0 = f.balance(alice, CORE);
    f.pushOk([claimPoolOp(alice, alicecoin, core(200n * PREC))]);
    expect(dynOf(f, alicecoin).fee_pool).toBe(100n * PREC);
    expect(f.balance(alice, CORE)).toBe(core0 + 200n * PREC - 20n * PREC);
    // The fee paid in ALICEUSD (1:1) comes out of ALICEUSD's pool; alice's core grows by the claim exactly.
    const core1 = f.balance(alice, CORE);
    f.pushOk([claimPoolOp(alice, alicecoin, core(100n * PREC), amount(20n * PREC, aliceusd))]);
    expect(dynOf(f, alicecoin).fee_pool).toBe(0n);
    expect(f.balance(alice, CORE)).toBe(core1 + 100n * PREC);
    expect(dynOf(f, aliceusd)).toMatchObject({ fee_pool: 100n * PREC - 20n * PREC, accumulated_fees: 20n * PREC });
  });
});
