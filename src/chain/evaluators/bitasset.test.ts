// asset_update_bitasset (12), asset_update_feed_producers (13) and asset_publish_feed (19) on the
// database_fixture chain, every hardfork active. Numbers come from bitshares-core's tests
// (operation_tests.cpp create_mia / update_mia / witness_feeds, operation_tests2.cpp mia_feeds /
// feed_limit_test, bitasset_tests.cpp, bsip48_75_tests.cpp; cited per test), re-derived for the
// post-hardfork code paths; the rules are those of asset_evaluator.cpp and asset_object.cpp.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { ChainFixture, publicKeyOfSeed } from "../../scenario/fixture.js";
import { Session } from "../session.js";

const CORE = "1.3.0";
const MAX = 1000000000000000n;
const PRECISION = 100000n; // GRAPHENE_BLOCKCHAIN_PRECISION
const core = (n: bigint | number): T.Asset => ({ amount: BigInt(n), asset_id: CORE });
const amount = (n: bigint | number, asset_id: string): T.Asset => ({ amount: BigInt(n), asset_id });
const price = (base: T.Asset, quote: T.Asset): T.Price => ({ base, quote });
const NULL_PRICE = price(core(0), core(0));

// asset_issuer_permission_flags (types.hpp)
const CHARGE_MARKET_FEE = 0x01;
const GLOBAL_SETTLE = 0x20;
const WITNESS_FED_ASSET = 0x80;
const COMMITTEE_FED_ASSET = 0x100;
const DISABLE_MCR_UPDATE = 0x800;
const DISABLE_ICR_UPDATE = 0x1000;
const DISABLE_MSSR_UPDATE = 0x2000;
const DISABLE_BSRM_UPDATE = 0x4000;

interface Refusal { exception: string; rule: string; field: string }
function expectRefused(f: ChainFixture, ops: T.Operation[], expected: Refusal): void {
  const before = f.state;
  const r = f.push(ops);
  expect(E.isLeft(r)).toBe(true);
  if (E.isLeft(r)) {
    const field = expected.field === "" ? "operations[0][1]" : `operations[0][1].${expected.field}`;
    expect({ exception: r.left.exception, rule: r.left.rule, field: r.left.field }).toEqual({ ...expected, field });
  }
  expect(f.state).toBe(before);
}
const refusal = (rule: string, field: string): Refusal => ({ exception: "assert_exception", rule, field });
const missing = (field: string): Refusal => refusal("database.object_exists", field);
const resultId = (r: T.ProcessedTransaction): string => r.operation_results[0]![1] as string;

function createAccount(f: ChainFixture, name: string): string {
  const auth: T.Authority = { weight_threshold: 1, account_auths: [], key_auths: [[publicKeyOfSeed(name), 1]], address_auths: [] };
  return resultId(f.pushOk([[5, {
    fee: core(0), registrar: "1.2.0", referrer: "1.2.0", referrer_percent: 0, name, owner: auth, active: auth,
    options: { memo_key: publicKeyOfSeed(name), voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
  }]]));
}

function assetOptions(flags: number, permissions = flags): T.AssetOptions {
  return {
    max_supply: MAX, market_fee_percent: 100, max_market_fee: MAX, issuer_permissions: permissions, flags,
    core_exchange_rate: price(amount(1, "1.3.1"), core(1)), whitelist_authorities: [], blacklist_authorities: [],
    whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
  };
}
/** bitasset_options() (asset_ops.hpp defaults) with the given backing asset. */
function bitassetOptions(backing = CORE, o: Partial<T.BitassetOptions> = {}): T.BitassetOptions {
  return {
    feed_lifetime_sec: 86400, minimum_feeds: 1, force_settlement_delay_sec: 86400, force_settlement_offset_percent: 0,
    maximum_force_settlement_volume: 2000, short_backing_asset: backing, extensions: {}, ...o,
  };
}
interface BitassetSpec { issuer?: string; flags?: number; permissions?: number; precision?: number; backing?: string; opts?: Partial<T.BitassetOptions>; pm?: boolean }
/** database_fixture::make_bitasset: issuer the witness account by default (then witness-fed), precision 2,
 *  1% market fee, permissions = flags, flags without global_settle. */
function createBitasset(f: ChainFixture, symbol: string, spec: BitassetSpec = {}): string {
  const issuer = spec.issuer ?? "1.2.1";
  let flags = spec.flags ?? CHARGE_MARKET_FEE;
  if (issuer === "1.2.1") flags |= WITNESS_FED_ASSET;
  const permissions = spec.permissions ?? flags;
  return resultId(f.pushOk([[10, {
    fee: core(0), issuer, symbol, precision: spec.precision ?? 2, common_options: assetOptions(flags & ~GLOBAL_SETTLE, permissions),
    bitasset_opts: bitassetOptions(spec.backing ?? CORE, spec.opts), is_prediction_market: spec.pm ?? false, extensions: [],
  }]]));
}
function createUia(f: ChainFixture, symbol: string, issuer: string, precision = 2): string {
  return resultId(f.pushOk([[10, {
    fee: core(0), issuer, symbol, precision, common_options: assetOptions(0), is_prediction_market: false, extensions: [],
  }]]));
}

const assetOf = (f: ChainFixture, id: string): T.AssetObject => f.get<T.AssetObject>(id);
const bitassetOf = (f: ChainFixture, id: string): T.AssetBitassetDataObject => f.get(assetOf(f, id).bitasset_data_id!);
function poke<O extends { id: string }>(f: ChainFixture, id: string, change: (o: O) => O): void {
  const s = new Session(f.state);
  s.modify<O>(id, change);
  f.state = s.db;
}

const updateBitassetOp = (issuer: string, assetId: string, n: T.BitassetOptions): T.Operation =>
  [12, { fee: core(0), issuer, asset_to_update: assetId, new_options: n, extensions: [] }];
/** asset_update_bitasset from the current issuer with the current options changed by `change`. */
function updateBitasset(f: ChainFixture, assetId: string, change: (o: T.BitassetOptions) => T.BitassetOptions): T.Operation {
  return updateBitassetOp(assetOf(f, assetId).issuer, assetId, change(bitassetOf(f, assetId).options));
}
const producersOp = (issuer: string, assetId: string, producers: string[]): T.Operation =>
  [13, { fee: core(0), issuer, asset_to_update: assetId, new_feed_producers: producers, extensions: [] }];
/** A feed as mia_feeds publishes it: settlement price = CER = ~price(1 CORE (1e5), n USDBIT). */
function feed(assetId: string, n: bigint, o: Partial<T.PriceFeed> = {}): T.PriceFeed {
  const p = price(amount(n, assetId), core(PRECISION));
  return { settlement_price: p, core_exchange_rate: p, maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: 1500, ...o };
}
const publishOp = (publisher: string, assetId: string, fd: T.PriceFeed, icr?: number): T.Operation =>
  [19, { fee: core(0), publisher, asset_id: assetId, feed: fd, extensions: icr === undefined ? {} : { initial_collateral_ratio: icr } }];

/** operation_tests2.cpp mia_feeds set-up, post hardfork 199: USDBIT (witness-fed, by the witness account)
 *  loses witness_fed_asset by asset_update and goes to nathan by asset_update_issuer; nathan names dan,
 *  ben and vikram feed producers. */
function miaFeedsSetup() {
  const f = ChainFixture.create();
  const nathan = createAccount(f, "nathan");
  const dan = createAccount(f, "dan");
  const ben = createAccount(f, "ben");
  const vikram = createAccount(f, "vikram");
  const usd = createBitasset(f, "USDBIT");
  f.pushOk([[11, { fee: core(0), issuer: "1.2.1", asset_to_update: usd, new_options: { ...assetOf(f, usd).options, flags: CHARGE_MARKET_FEE }, extensions: {} }]]);
  f.pushOk([[48, { fee: core(0), issuer: "1.2.1", asset_to_update: usd, new_issuer: nathan, extensions: [] }]]);
  f.generateBlock();
  f.pushOk([producersOp(nathan, usd, [dan, ben, vikram])]);
  f.generateBlock();
  return { f, nathan, dan, ben, vikram, usd };
}

describe("asset_publish_feed", () => {
  it("takes the median of the valid feeds by each field (operation_tests2.cpp mia_feeds)", () => {
    const { f, nathan, dan, ben, vikram, usd } = miaFeedsSetup();
    const b0 = bitassetOf(f, usd);
    expect(b0.feeds.map(([a, [t]]) => [a, t])).toEqual([[dan, 0], [ben, 0], [vikram, 0]]);
    // price_feed(): null settlement price, MCR 1750, MSSR 1500.
    expect(b0.current_feed).toMatchObject({ settlement_price: NULL_PRICE, maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: 1500 });
    f.pushOk([publishOp(vikram, usd, feed(usd, 30n))]);
    // mia_feeds: current_feed.settlement_price.to_real() == 30.0 / GRAPHENE_BLOCKCHAIN_PRECISION, MCR 1750.
    expect(bitassetOf(f, usd).current_feed).toMatchObject({ settlement_price: price(amount(30, usd), core(PRECISION)), maintenance_collateral_ratio: 1750 });
    f.pushOk([publishOp(ben, usd, feed(usd, 25n))]);
    // Two feeds: the element at index 1 of [25, 30] is 30.
    expect(bitassetOf(f, usd).current_feed).toMatchObject({ settlement_price: price(amount(30, usd), core(PRECISION)), maintenance_collateral_ratio: 1750 });
    f.pushOk([publishOp(dan, usd, feed(usd, 40n, { maximum_short_squeeze_ratio: 1001, maintenance_collateral_ratio: 1001 }))]);
    // [25, 30, 40] -> 30; MCR [1001, 1750, 1750] -> 1750; MSSR [1001, 1500, 1500] -> 1500.
    const b = bitassetOf(f, usd);
    expect(b.current_feed).toMatchObject({ settlement_price: price(amount(30, usd), core(PRECISION)), maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: 1500 });
    expect(b.median_feed).toEqual(b.current_feed);
    expect(b.current_feed_publication_time).toBe(f.now() - 0);
    // refresh_cache: ~settlement_price * 1750/1000 = 100000*1750 CORE / 30*1000 USD, reduced to 35000/6.
    expect(b.current_maintenance_collateralization).toEqual(price(core(17500), amount(3, usd)));
    expect(b.current_initial_collateralization).toEqual(b.current_maintenance_collateralization);
    expect(b.feed_cer_updated).toBe(true);
    // mia_feeds: nathan, not a feed producer, is refused.
    expectRefused(f, [publishOp(nathan, usd, feed(usd, 40n))], refusal("asset_publish_feed.allowed_producer", "publisher"));
  });

  it("keeps the ICR of the feed (BSIP 77) and lets the options override MCR, MSSR and ICR (core-1270)", () => {
    const { f, dan, ben, usd } = miaFeedsSetup();
    f.pushOk([publishOp(dan, usd, feed(usd, 30n), 2000)]);
    expect(bitassetOf(f, usd).feeds.find(([a]) => a === dan)![1][1].initial_collateral_ratio).toBe(2000);
    let b = bitassetOf(f, usd);
    // ICR 2000 > MCR 1750: the initial collateralization is ~price * 2000/1000 = 100000*2 CORE / 30 USD.
    expect(b.current_initial_collateralization).toEqual(price(core(20000), amount(3, usd)));
    f.pushOk([publishOp(ben, usd, feed(usd, 30n))]);
    // ICRs [1750, 2000] -> index 1 = 2000.
    expect(bitassetOf(f, usd).median_feed.initial_collateral_ratio).toBe(2000);
    f.pushOk([updateBitasset(f, usd, (o) => ({ ...o, extensions: { maintenance_collateral_ratio: 1600, maximum_short_squeeze_ratio: 1100, initial_collateral_ratio: 1900 } }))]);
    b = bitassetOf(f, usd);
    expect(b.median_feed).toMatchObject({ maintenance_collateral_ratio: 1600, maximum_short_squeeze_ratio: 1100, initial_collateral_ratio: 1900 });
    expect(b.current_feed).toEqual(b.median_feed);
  });

  it("refuses feeds for a missing or user-issued asset, in another backing asset, or with a CER not in CORE (update_mia)", () => {
    const { f, dan, usd } = miaFeedsSetup();
    expectRefused(f, [publishOp(dan, "1.3.99", feed("1.3.99", 30n))], missing("asset_id"));
    const uia = createUia(f, "UIATEST", "1.2.0");
    expectRefused(f, [publishOp(dan, uia, feed(uia, 30n))], refusal("asset_publish_feed.market_issued", "asset_id"));
    // update_mia: a settlement price of USDBIT in USDBIT (price(bit_usd.amount(5), asset(5)) inverted) is not in the backing asset.
    const other = createUia(f, "OTHER", "1.2.0");
    const inOther = price(amount(5, usd), amount(5, other));
    expectRefused(f, [publishOp(dan, usd, { ...feed(usd, 5n), settlement_price: inOther, core_exchange_rate: inOther })],
      refusal("asset_publish_feed.settlement_quote_is_backing", "feed.settlement_price.quote.asset_id"));
    expectRefused(f, [publishOp(dan, usd, { ...feed(usd, 5n), core_exchange_rate: inOther })],
      refusal("asset_publish_feed.cer_quote_is_core", "feed.core_exchange_rate.quote.asset_id"));
  });

  it("stops taking feeds for a settled prediction market only", () => {
    const f = ChainFixture.create();
    const judge = createAccount(f, "judge");
    const pm = createBitasset(f, "PMARK", { issuer: judge, precision: 5, pm: true, flags: CHARGE_MARKET_FEE, permissions: CHARGE_MARKET_FEE | GLOBAL_SETTLE });
    f.pushOk([producersOp(judge, pm, [judge])]);
    poke<T.AssetBitassetDataObject>(f, assetOf(f, pm).bitasset_data_id!, (b) => ({ ...b, settlement_price: price(amount(1, pm), core(1)) }));
    expectRefused(f, [publishOp(judge, pm, feed(pm, 30n))], refusal("asset_publish_feed.prediction_market_not_settled", "asset_id"));
    // A settled market-pegged asset still takes feeds (core-216).
    const usd = createBitasset(f, "USDBIT", { issuer: judge });
    f.pushOk([producersOp(judge, usd, [judge])]);
    poke<T.AssetBitassetDataObject>(f, assetOf(f, usd).bitasset_data_id!, (b) => ({ ...b, settlement_price: price(amount(1, usd), core(1)) }));
    expect(E.isRight(f.push([publishOp(judge, usd, feed(usd, 30n))]))).toBe(true);
  });

  it("takes feeds of a witness-fed asset from active witnesses only (operation_tests.cpp witness_feeds)", () => {
    const f = ChainFixture.create();
    const usd = createBitasset(f, "USDBIT");
    const nathan = createAccount(f, "nathan");
    const witnesses = f.gpo().active_witnesses.map((w) => f.get<T.WitnessObject>(w).witness_account);
    // The witness account's active authority lists the active witnesses once a maintenance counted votes.
    poke<T.AccountObject>(f, "1.2.1", (a) => ({ ...a, active: { ...a.active, account_auths: witnesses.map((w) => [w, 1] as [string, number]) } }));
    expectRefused(f, [publishOp(nathan, usd, feed(usd, 30n))], refusal("asset_publish_feed.active_witness", "publisher"));
    f.pushOk([publishOp(witnesses[0]!, usd, feed(usd, 30n))]);
    f.pushOk([publishOp(witnesses[1]!, usd, feed(usd, 25n))]);
    f.pushOk([publishOp(witnesses[2]!, usd, feed(usd, 40n, { maintenance_collateral_ratio: 1001 }))]);
    // witness_feeds: 30 / GRAPHENE_BLOCKCHAIN_PRECISION and MCR 1750 after each feed.
    expect(bitassetOf(f, usd).current_feed).toMatchObject({ settlement_price: price(amount(30, usd), core(PRECISION)), maintenance_collateral_ratio: 1750 });
    expect(bitassetOf(f, usd).feeds).toHaveLength(3);
  });

  it("takes feeds of a committee-fed asset from active committee members only", () => {
    const f = ChainFixture.create();
    const usd = createBitasset(f, "CUSD", { issuer: "1.2.0", flags: CHARGE_MARKET_FEE | COMMITTEE_FED_ASSET });
    const members = f.gpo().active_committee_members.map((c) => f.get<T.CommitteeMemberObject>(c).committee_member_account);
    poke<T.AccountObject>(f, "1.2.0", (a) => ({ ...a, active: { ...a.active, account_auths: members.map((m) => [m, 1] as [string, number]) } }));
    const nathan = createAccount(f, "nathan");
    expectRefused(f, [publishOp(nathan, usd, feed(usd, 30n))], refusal("asset_publish_feed.active_committee_member", "publisher"));
    f.pushOk([publishOp(members[0]!, usd, feed(usd, 30n))]);
    expect(bitassetOf(f, usd).current_feed.settlement_price).toEqual(price(amount(30, usd), core(PRECISION)));
  });
});

describe("asset_update_feed_producers", () => {
  it("keeps the feeds of producers still listed and adds empty ones (operation_tests2.cpp mia_feeds)", () => {
    const { f, nathan, dan, ben, vikram, usd } = miaFeedsSetup();
    f.pushOk([publishOp(vikram, usd, feed(usd, 30n))]);
    f.pushOk([publishOp(ben, usd, feed(usd, 25n))]);
    const t = f.now();
    f.pushOk([producersOp(nathan, usd, [dan, vikram, nathan])]);
    const b = bitassetOf(f, usd);
    expect(b.feeds.map(([a, [time]]) => [a, time])).toEqual([[nathan, 0], [dan, 0], [vikram, t]]);
    // Only vikram's feed is valid now: 30.
    expect(b.current_feed.settlement_price).toEqual(price(amount(30, usd), core(PRECISION)));
  });

  it("refuses too many producers, non-bitassets, fed assets, other issuers and missing producers", () => {
    const { f, nathan, dan, usd } = miaFeedsSetup();
    const many = Array.from({ length: 11 }, (_, i) => `1.2.${i + 6}`);
    // maximum_asset_feed_publishers is 10 (config.hpp GRAPHENE_DEFAULT_MAX_ASSET_FEED_PUBLISHERS); checked first.
    expectRefused(f, [producersOp(nathan, "1.3.99", many)], refusal("asset_update_feed_producers.producers_max", "new_feed_producers"));
    expectRefused(f, [producersOp(nathan, "1.3.99", [dan])], missing("asset_to_update"));
    const uia = createUia(f, "UIATEST", nathan);
    expectRefused(f, [producersOp(nathan, uia, [dan])], refusal("asset_update_feed_producers.market_issued", "asset_to_update"));
    const cfed = createBitasset(f, "CUSD", { issuer: "1.2.0", flags: CHARGE_MARKET_FEE | COMMITTEE_FED_ASSET });
    expectRefused(f, [producersOp("1.2.0", cfed, [dan])], refusal("asset_update_feed_producers.not_committee_fed", "asset_to_update"));
    const wfed = createBitasset(f, "WUSD");
    expectRefused(f, [producersOp("1.2.1", wfed, [dan])], refusal("asset_update_feed_producers.not_witness_fed", "asset_to_update"));
    expectRefused(f, [producersOp(dan, usd, [dan])], refusal("asset_update_feed_producers.issuer", "issuer"));
    expectRefused(f, [producersOp(nathan, usd, [dan, "1.2.999"])], missing("new_feed_producers[1]"));
  });
});

describe("asset_update_bitasset", () => {
  it("recomputes the feed when minimum_feeds changes (operation_tests2.cpp feed_limit_test)", () => {
    const { f, nathan, dan, ben, vikram, usd } = miaFeedsSetup();
    f.pushOk([publishOp(vikram, usd, feed(usd, 30n))]);
    f.pushOk([publishOp(ben, usd, feed(usd, 25n))]);
    f.pushOk([publishOp(dan, usd, feed(usd, 40n, { maximum_short_squeeze_ratio: 1001, maintenance_collateral_ratio: 1001 }))]);
    expect(bitassetOf(f, usd).current_feed.settlement_price).not.toEqual(NULL_PRICE);
    // feed_limit_test: new_options = bitasset_options() with minimum_feeds 4: three feeds are too few.
    f.pushOk([updateBitassetOp(nathan, usd, bitassetOptions(CORE, { minimum_feeds: 4 }))]);
    expect(bitassetOf(f, usd).current_feed.settlement_price).toEqual(NULL_PRICE);
    expect(bitassetOf(f, usd).current_feed_publication_time).toBe(f.now());
    f.pushOk([updateBitassetOp(nathan, usd, bitassetOptions(CORE, { minimum_feeds: 3 }))]);
    expect(bitassetOf(f, usd).current_feed.settlement_price).toEqual(price(amount(30, usd), core(PRECISION)));
  });

  it("refuses a missing or user-issued asset and another issuer", () => {
    const { f, nathan, dan, usd } = miaFeedsSetup();
    expectRefused(f, [updateBitassetOp(nathan, "1.3.99", bitassetOptions())], missing("asset_to_update"));
    const uia = createUia(f, "UIATEST", nathan);
    expectRefused(f, [updateBitassetOp(nathan, uia, bitassetOptions())], refusal("asset_update_bitasset.market_issued", "asset_to_update"));
    expectRefused(f, [updateBitassetOp(dan, usd, bitassetOptions())], refusal("asset_update_bitasset.issuer", "issuer"));
  });

  it("needs feed lifetime and settlement delay above the block interval (core-922/931)", () => {
    const { f, usd } = miaFeedsSetup();
    expectRefused(f, [updateBitasset(f, usd, (o) => ({ ...o, feed_lifetime_sec: 5 }))],
      refusal("asset_update_bitasset.feed_lifetime_exceeds_block_interval", "new_options.feed_lifetime_sec"));
    expectRefused(f, [updateBitasset(f, usd, (o) => ({ ...o, force_settlement_delay_sec: 5 }))],
      refusal("asset_update_bitasset.settlement_delay_exceeds_block_interval", "new_options.force_settlement_delay_sec"));
    f.pushOk([updateBitasset(f, usd, (o) => ({ ...o, feed_lifetime_sec: 6, force_settlement_delay_sec: 6 }))]);
    expect(bitassetOf(f, usd).options).toMatchObject({ feed_lifetime_sec: 6, force_settlement_delay_sec: 6 });
  });

  it("guards MCR, ICR, MSSR and BSRM by the issuer's permissions (bsip48_75_tests.cpp, bitasset_tests.cpp)", () => {
    const f = ChainFixture.create();
    const judge = createAccount(f, "judge");
    const locked = DISABLE_MCR_UPDATE | DISABLE_ICR_UPDATE | DISABLE_MSSR_UPDATE | DISABLE_BSRM_UPDATE;
    const usd = createBitasset(f, "USDBIT", { issuer: judge, permissions: CHARGE_MARKET_FEE | locked, opts: { extensions: { maintenance_collateral_ratio: 1800 } } });
    expectRefused(f, [updateBitasset(f, usd, (o) => ({ ...o, extensions: { maintenance_collateral_ratio: 1900 } }))],
      refusal("asset_update_bitasset.mcr_update_permitted", "new_options.extensions.maintenance_collateral_ratio"));
    expectRefused(f, [updateBitasset(f, usd, (o) => ({ ...o, extensions: {} }))],
      refusal("asset_update_bitasset.mcr_update_permitted", "new_options.extensions.maintenance_collateral_ratio"));
    expectRefused(f, [updateBitasset(f, usd, (o) => ({ ...o, extensions: { ...o.extensions, initial_collateral_ratio: 2000 } }))],
      refusal("asset_update_bitasset.icr_update_permitted", "new_options.extensions.initial_collateral_ratio"));
    expectRefused(f, [updateBitasset(f, usd, (o) => ({ ...o, extensions: { ...o.extensions, maximum_short_squeeze_ratio: 1200 } }))],
      refusal("asset_update_bitasset.mssr_update_permitted", "new_options.extensions.maximum_short_squeeze_ratio"));
    expectRefused(f, [updateBitasset(f, usd, (o) => ({ ...o, extensions: { ...o.extensions, black_swan_response_method: 1 } }))],
      refusal("asset_update_bitasset.bsrm_update_permitted", "new_options.extensions.black_swan_response_method"));
    // Setting the default method explicitly is no change.
    f.pushOk([updateBitasset(f, usd, (o) => ({ ...o, extensions: { ...o.extensions, black_swan_response_method: 0, margin_call_fee_ratio: 10 } }))]);
    expect(bitassetOf(f, usd).options.extensions).toEqual({ maintenance_collateral_ratio: 1800, black_swan_response_method: 0, margin_call_fee_ratio: 10 });
    // Without the disable bits the same changes pass.
    const free = createBitasset(f, "FREEBIT", { issuer: judge });
    f.pushOk([updateBitasset(f, free, (o) => ({ ...o, extensions: { maintenance_collateral_ratio: 1900, initial_collateral_ratio: 2000, maximum_short_squeeze_ratio: 1200, black_swan_response_method: 1 } }))]);
    expect(bitassetOf(f, free).options.extensions).toEqual({ maintenance_collateral_ratio: 1900, initial_collateral_ratio: 2000, maximum_short_squeeze_ratio: 1200, black_swan_response_method: 1 });
  });

  it("refuses a BSRM for prediction markets and BSRM changes after settlement or with settled debt (bitasset_tests.cpp)", () => {
    const f = ChainFixture.create();
    const judge = createAccount(f, "judge");
    const pm = createBitasset(f, "PMARK", { issuer: judge, precision: 5, pm: true, flags: CHARGE_MARKET_FEE, permissions: CHARGE_MARKET_FEE | GLOBAL_SETTLE });
    expectRefused(f, [updateBitasset(f, pm, (o) => ({ ...o, extensions: { black_swan_response_method: 0 } }))],
      refusal("asset_update_bitasset.prediction_market_bsrm", "new_options.extensions.black_swan_response_method"));
    const usd = createBitasset(f, "USDBIT", { issuer: judge });
    const bsrm = (m: number): T.Operation => updateBitasset(f, usd, (o) => ({ ...o, extensions: { black_swan_response_method: m } }));
    const bid = assetOf(f, usd).bitasset_data_id!;
    poke<T.AssetBitassetDataObject>(f, bid, (b) => ({ ...b, settlement_price: price(amount(1, usd), core(1)) }));
    expectRefused(f, [bsrm(1)], refusal("asset_update_bitasset.bsrm_not_after_settlement", "new_options.extensions.black_swan_response_method"));
    poke<T.AssetBitassetDataObject>(f, bid, (b) => ({ ...b, settlement_price: NULL_PRICE }));
    f.pushOk([bsrm(2)]);
    poke<T.AssetBitassetDataObject>(f, bid, (b) => ({ ...b, individual_settlement_debt: 100n, individual_settlement_fund: 50n }));
    expectRefused(f, [bsrm(3)], refusal("asset_update_bitasset.bsrm_settlement_fund_empty", "new_options.extensions.black_swan_response_method"));
    poke<T.AssetBitassetDataObject>(f, bid, (b) => ({ ...b, individual_settlement_debt: 0n, individual_settlement_fund: 0n }));
    f.pushOk([bsrm(3)]);
    // An individual settlement order: a limit order flagged is_settled_debt that receives USDBIT.
    const s = new Session(f.state);
    s.create<T.LimitOrderObject>(1, 7, (id) => ({
      id, expiration: 0xffffffff, seller: judge, for_sale: 10n, sell_price: price(core(10), amount(1, usd)), filled_amount: 0n,
      deferred_fee: 0n, deferred_paid_fee: core(0), is_settled_debt: true, on_fill: [],
    }));
    f.state = s.db;
    expectRefused(f, [bsrm(0)], refusal("asset_update_bitasset.bsrm_no_settled_debt_order", "new_options.extensions.black_swan_response_method"));
  });

  it("re-derives the current feed when the BSRM moves from or to no_settlement", () => {
    const { f, nathan, dan, usd } = miaFeedsSetup();
    f.pushOk([publishOp(dan, usd, feed(usd, 30n))]);
    // Make the current feed differ from the median, then switch to no_settlement: without call orders the
    // derived price is the median's.
    poke<T.AssetBitassetDataObject>(f, assetOf(f, usd).bitasset_data_id!, (b) => ({ ...b, current_feed: { ...b.current_feed, settlement_price: price(amount(31, usd), core(PRECISION)) } }));
    f.pushOk([updateBitasset(f, usd, (o) => ({ ...o, extensions: { black_swan_response_method: 1 } }))]);
    expect(bitassetOf(f, usd).current_feed.settlement_price).toEqual(price(amount(30, usd), core(PRECISION)));
    expect(nathan).toBe(assetOf(f, usd).issuer);
  });

  describe("a new backing asset", () => {
    it("is refused after settlement, with supply or collateral fees, missing, or the asset itself", () => {
      const { f, usd } = miaFeedsSetup();
      const other = createUia(f, "OTHER", assetOf(f, usd).issuer);
      const back = (id: string): T.Operation => updateBitasset(f, usd, (o) => ({ ...o, short_backing_asset: id }));
      const bid = assetOf(f, usd).bitasset_data_id!;
      const dyn = assetOf(f, usd).dynamic_asset_data_id;
      poke<T.AssetBitassetDataObject>(f, bid, (b) => ({ ...b, settlement_price: price(amount(1, usd), core(1)) }));
      expectRefused(f, [back(other)], refusal("asset_update_bitasset.backing_not_after_settlement", "new_options.short_backing_asset"));
      poke<T.AssetBitassetDataObject>(f, bid, (b) => ({ ...b, settlement_price: NULL_PRICE }));
      poke<T.AssetDynamicDataObject>(f, dyn, (d) => ({ ...d, current_supply: 1n }));
      expectRefused(f, [back(other)], refusal("asset_update_bitasset.backing_needs_no_supply", "new_options.short_backing_asset"));
      poke<T.AssetDynamicDataObject>(f, dyn, (d) => ({ ...d, current_supply: 0n, accumulated_collateral_fees: 1n }));
      expectRefused(f, [back(other)], refusal("asset_update_bitasset.backing_needs_no_collateral_fees", "new_options.short_backing_asset"));
      poke<T.AssetDynamicDataObject>(f, dyn, (d) => ({ ...d, accumulated_collateral_fees: 0n }));
      expectRefused(f, [back("1.3.99")], missing("new_options.short_backing_asset"));
      expectRefused(f, [back(usd)], refusal("asset_update_bitasset.not_self_backed", "new_options.short_backing_asset"));
    });

    it("keeps a prediction market as precise as its backing asset", () => {
      const f = ChainFixture.create();
      const judge = createAccount(f, "judge");
      const pm = createBitasset(f, "PMARK", { issuer: judge, precision: 5, pm: true, flags: CHARGE_MARKET_FEE, permissions: CHARGE_MARKET_FEE | GLOBAL_SETTLE });
      const p2 = createUia(f, "PTWO", judge, 2);
      const p5 = createUia(f, "PFIVE", judge, 5);
      expectRefused(f, [updateBitasset(f, pm, (o) => ({ ...o, short_backing_asset: p2 }))],
        refusal("asset_update_bitasset.prediction_market_precision", "new_options.short_backing_asset"));
      f.pushOk([updateBitasset(f, pm, (o) => ({ ...o, short_backing_asset: p5 }))]);
      expect(bitassetOf(f, pm).options.short_backing_asset).toBe(p5);
    });

    it("keeps committee assets backed by CORE and the backing chains at most two deep (bitasset_tests.cpp bitasset_evaluator_test_*)", () => {
      const f = ChainFixture.create();
      const judge = createAccount(f, "judge");
      const uia = createUia(f, "JUDGEUIA", judge);
      const onUia = createBitasset(f, "ONUIA", { issuer: judge, backing: uia });
      const onCore = createBitasset(f, "ONCORE", { issuer: judge });
      const committee = createBitasset(f, "COMMBIT", { issuer: "1.2.0" });
      const back = (asset: string, id: string): T.Operation => updateBitasset(f, asset, (o) => ({ ...o, short_backing_asset: id }));
      const field = "new_options.short_backing_asset";
      expectRefused(f, [back(committee, uia)], refusal("asset_update_bitasset.committee_asset_backed_by_core", field));
      expectRefused(f, [back(committee, onUia)], refusal("asset_update_bitasset.committee_asset_backed_by_core", field));
      // onCore backs second; second cannot become onCore's backing ('A' backed by 'B' backed by 'A').
      const second = createBitasset(f, "SECOND", { issuer: judge, backing: onCore });
      expectRefused(f, [back(onCore, second)], refusal("asset_update_bitasset.child_not_new_backing", field));
      // A bitasset backing a user bitasset cannot become backed by a bitasset.
      expectRefused(f, [back(onCore, onUia)], refusal("asset_update_bitasset.child_backing_depth", field));
      // ... nor a bitasset backing a committee bitasset be backed by anything but CORE.
      const cparent = createBitasset(f, "CPARENT", { issuer: judge });
      createBitasset(f, "CCHILD", { issuer: "1.2.0", backing: cparent });
      expectRefused(f, [back(cparent, uia)], refusal("asset_update_bitasset.committee_child", field));
      // A bitasset with no children may not be backed by a bitasset backed by a bitasset.
      const lone = createBitasset(f, "LONE", { issuer: judge });
      expectRefused(f, [back(lone, second)], refusal("asset_update_bitasset.backing_depth", field));
      f.pushOk([back(lone, onUia)]);
      f.pushOk([back(committee, onCore)]);
      expect(bitassetOf(f, committee).options.short_backing_asset).toBe(onCore);
    });

    it("nulls the feeds' settlement prices, or drops a fed asset's feeds (update_bitasset_object_options)", () => {
      const { f, dan, ben, usd } = miaFeedsSetup();
      f.pushOk([publishOp(dan, usd, feed(usd, 30n))]);
      f.pushOk([publishOp(ben, usd, feed(usd, 25n))]);
      const other = createUia(f, "OTHER", assetOf(f, usd).issuer);
      f.pushOk([updateBitasset(f, usd, (o) => ({ ...o, short_backing_asset: other }))]);
      const b = bitassetOf(f, usd);
      expect(b.feeds.map(([, [, fd]]) => fd.settlement_price)).toEqual([NULL_PRICE, NULL_PRICE, NULL_PRICE]);
      expect(b.feeds.filter(([, [t]]) => t !== 0)).toHaveLength(2);
      // Two valid feeds with null settlement prices: the median settlement price is null.
      expect(b.current_feed.settlement_price).toEqual(NULL_PRICE);
      // A witness-fed asset loses its feeds.
      const wfed = createBitasset(f, "WUSD");
      const witnesses = f.gpo().active_witnesses.map((w) => f.get<T.WitnessObject>(w).witness_account);
      poke<T.AccountObject>(f, "1.2.1", (a) => ({ ...a, active: { ...a.active, account_auths: witnesses.map((w) => [w, 1] as [string, number]) } }));
      f.pushOk([publishOp(witnesses[0]!, wfed, feed(wfed, 30n))]);
      f.pushOk([updateBitasset(f, wfed, (o) => ({ ...o, short_backing_asset: other }))]);
      expect(bitassetOf(f, wfed).feeds).toEqual([]);
    });
  });
});

describe("the operations' own validation (asset_ops.cpp), through the transaction pipeline", () => {
  it("refuses invalid feeds as operation_tests.cpp update_mia does, and invalid bitasset options", () => {
    const { f, dan, usd } = miaFeedsSetup();
    // update_mia: price(bit_usd.amount(5), bit_usd.amount(5)) is a price of an asset in itself.
    const same = price(amount(5, usd), amount(5, usd));
    expectRefused(f, [publishOp(dan, usd, { ...feed(usd, 5n), settlement_price: same, core_exchange_rate: same })],
      refusal("price.distinct_assets", "feed.settlement_price.quote.asset_id"));
    // update_mia: ~price(bit_usd.amount(5), asset(5)) is a feed for CORE, not USDBIT.
    const forCore = price(core(5), amount(5, usd));
    expectRefused(f, [publishOp(dan, usd, { ...feed(usd, 5n), settlement_price: forCore, core_exchange_rate: forCore })],
      refusal("asset_publish_feed_operation.feed_is_for_asset", "feed.settlement_price.base.asset_id"));
    // update_mia: maintenance_collateral_ratio 0.
    expectRefused(f, [publishOp(dan, usd, feed(usd, 5n, { maintenance_collateral_ratio: 0 }))],
      refusal("price_feed.maintenance_collateral_ratio_min", "feed.maintenance_collateral_ratio"));
    expectRefused(f, [publishOp(dan, usd, feed(usd, 5n), 1000)],
      refusal("asset_publish_feed_operation.initial_collateral_ratio_min", "extensions.initial_collateral_ratio"));
    expectRefused(f, [updateBitasset(f, usd, (o) => ({ ...o, minimum_feeds: 0 }))],
      refusal("bitasset_options.minimum_feeds_positive", "new_options.minimum_feeds"));
    expectRefused(f, [updateBitasset(f, usd, (o) => ({ ...o, extensions: { black_swan_response_method: 4 } }))],
      refusal("bitasset_options.black_swan_response_method_known", "new_options.extensions.black_swan_response_method"));
    // update_mia's valid feed: price(bit_usd.amount(5), asset(5)).
    f.pushOk([publishOp(dan, usd, { ...feed(usd, 5n), settlement_price: price(amount(5, usd), core(5)), core_exchange_rate: price(amount(5, usd), core(5)) })]);
    expect(bitassetOf(f, usd).current_feed.settlement_price).toEqual(price(amount(5, usd), core(5)));
  });
});

describe("BSIP 48/75 owner-set MCR, MSSR and ICR (bsip48_75_tests.cpp asset_owner_permissions_update_icr_mcr_mssr, up to the borrow)", () => {
  it("publishes with the feed's ICR, guards each ratio by its permission, and lets the options override the feed", () => {
    const f = ChainFixture.create();
    const sam = createAccount(f, "sam");
    const feeder = createAccount(f, "feeder");
    const mpa = createBitasset(f, "TESTBIT", { issuer: sam });
    f.pushOk([producersOp(sam, mpa, [feeder])]);
    // price_feed f: settlement price = CER = price( asset(1, mpa), asset(1) ), MCR 1850, MSSR 1250; feed_icr 1900.
    const p = price(amount(1, mpa), core(1));
    f.pushOk([publishOp(feeder, mpa, { settlement_price: p, core_exchange_rate: p, maintenance_collateral_ratio: 1850, maximum_short_squeeze_ratio: 1250 }, 1900)]);
    expect(bitassetOf(f, mpa).current_feed).toEqual({ settlement_price: p, core_exchange_rate: p, maintenance_collateral_ratio: 1850, maximum_short_squeeze_ratio: 1250, initial_collateral_ratio: 1900 });
    const setPermissions = (perms: number): void => {
      f.pushOk([[11, { fee: core(0), issuer: sam, asset_to_update: mpa, new_options: { ...assetOf(f, mpa).options, issuer_permissions: perms }, extensions: {} }]]);
    };
    const withExt = (ext: T.BitassetOptionsExt): T.Operation => updateBitassetOp(sam, mpa, { ...bitassetOf(f, mpa).options, extensions: ext });
    setPermissions(CHARGE_MARKET_FEE | DISABLE_ICR_UPDATE);
    expectRefused(f, [withExt({ initial_collateral_ratio: 1950 })], refusal("asset_update_bitasset.icr_update_permitted", "new_options.extensions.initial_collateral_ratio"));
    setPermissions(CHARGE_MARKET_FEE | DISABLE_MCR_UPDATE);
    expectRefused(f, [withExt({ maintenance_collateral_ratio: 1650 })], refusal("asset_update_bitasset.mcr_update_permitted", "new_options.extensions.maintenance_collateral_ratio"));
    setPermissions(CHARGE_MARKET_FEE | DISABLE_MSSR_UPDATE);
    expectRefused(f, [withExt({ maximum_short_squeeze_ratio: 1150 })], refusal("asset_update_bitasset.mssr_update_permitted", "new_options.extensions.maximum_short_squeeze_ratio"));
    expect(bitassetOf(f, mpa).options.extensions).toEqual({});
    setPermissions(CHARGE_MARKET_FEE);
    f.pushOk([withExt({ initial_collateral_ratio: 1950, maintenance_collateral_ratio: 1650, maximum_short_squeeze_ratio: 1150 })]);
    expect(bitassetOf(f, mpa).options.extensions).toEqual({ initial_collateral_ratio: 1950, maintenance_collateral_ratio: 1650, maximum_short_squeeze_ratio: 1150 });
    // The current feed keeps the feed's prices and takes the owner's ratios.
    expect(bitassetOf(f, mpa).current_feed).toEqual({ settlement_price: p, core_exchange_rate: p, maintenance_collateral_ratio: 1650, maximum_short_squeeze_ratio: 1150, initial_collateral_ratio: 1950 });
    // Out of [GRAPHENE_MIN_COLLATERAL_RATIO, GRAPHENE_MAX_COLLATERAL_RATIO] = [1001, 32000]: bitasset_options::validate.
    const good = { initial_collateral_ratio: 1950, maintenance_collateral_ratio: 1650, maximum_short_squeeze_ratio: 1150 };
    for (const name of ["initial_collateral_ratio", "maintenance_collateral_ratio", "maximum_short_squeeze_ratio"] as const) {
      expectRefused(f, [withExt({ ...good, [name]: 1000 })], refusal(`bitasset_options.${name}_min`, `new_options.extensions.${name}`));
      expectRefused(f, [withExt({ ...good, [name]: 32001 })], refusal(`bitasset_options.${name}_max`, `new_options.extensions.${name}`));
    }
  });
});
