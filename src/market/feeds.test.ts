// Feed bookkeeping of asset_bitasset_data_object (asset_object.hpp/.cpp) and the per-block feed work of
// db_update.cpp (update_expired_feeds, update_core_exchange_rates). Numbers are derived from those rules;
// the feed values are operation_tests2.cpp mia_feeds' (30, 25, 40 USDBIT per 1 CORE).
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { defaultBitassetData } from "../chain/defaults.js";
import { run } from "../chain/gen.js";
import { Session } from "../chain/session.js";
import { ChainFixture, publicKeyOfSeed } from "../scenario/fixture.js";
import type { BlockHooks } from "../chain/block.js";
import { feedExpirationTime, needToUpdateCer, priceFeedWithIcr, updateBitassetCurrentFeed, updateMedianFeeds } from "./feeds.js";
import { updateCoreExchangeRates, updateExpiredFeeds } from "./feeds_update.js";

const CORE = "1.3.0";
const USD = "1.3.5";
const core = (n: bigint | number): T.Asset => ({ amount: BigInt(n), asset_id: CORE });
const usd = (n: bigint | number, id = USD): T.Asset => ({ amount: BigInt(n), asset_id: id });
const price = (base: T.Asset, quote: T.Asset): T.Price => ({ base, quote });
const NULL_PRICE = price(core(0), core(0));
const feedOf = (n: number, o: Partial<T.PriceFeedWithIcr> = {}, id = USD): T.PriceFeedWithIcr => ({
  ...priceFeedWithIcr({ settlement_price: price(usd(n, id), core(100000)), core_exchange_rate: price(usd(n, id), core(100000)), maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: 1500 }),
  ...o,
});

function bitasset(feeds: [string, [number, T.PriceFeedWithIcr]][], o: Partial<T.BitassetOptions> = {}): T.AssetBitassetDataObject {
  const b = defaultBitassetData("2.4.9", USD);
  return { ...b, feeds, options: { ...b.options, ...o } };
}
const median = (b: T.AssetBitassetDataObject, now: number): T.AssetBitassetDataObject => {
  const r = run(updateMedianFeeds(b, now));
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};

describe("update_median_feeds", () => {
  const NOW = 1000000;
  it("uses only feeds published (time not 0) less than feed_lifetime_sec ago, dating the feed by the oldest", () => {
    const b = bitasset([
      ["1.2.16", [NOW - 100, feedOf(30)]],
      ["1.2.17", [NOW - 86400, feedOf(10)]], // exactly the lifetime old: expired
      ["1.2.18", [0, feedOf(5)]], // never published
      ["1.2.19", [NOW - 50, feedOf(25)]],
    ]);
    const m = median(b, NOW);
    // [25, 30]: the element at index 1 is 30.
    expect(m.median_feed.settlement_price).toEqual(price(usd(30), core(100000)));
    expect(m.current_feed_publication_time).toBe(NOW - 100);
    expect(m.feed_cer_updated).toBe(true);
  });

  it("gives the null feed, dated now, with fewer than minimum_feeds valid feeds", () => {
    const b = { ...bitasset([["1.2.16", [NOW - 100, feedOf(30)]]], { minimum_feeds: 2 }), feed_cer_updated: true };
    const m = median(b, NOW);
    expect(m.median_feed).toEqual({ settlement_price: NULL_PRICE, maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: 1500, core_exchange_rate: NULL_PRICE, initial_collateral_ratio: 1750 });
    expect(m.current_feed_publication_time).toBe(NOW);
    expect(m.feed_cer_updated).toBe(false);
    expect(m.current_maintenance_collateralization).toEqual(NULL_PRICE);
  });

  it("takes each field's median separately and lets the options override MCR, MSSR and ICR", () => {
    const b = bitasset([
      ["1.2.16", [NOW, feedOf(30, { maintenance_collateral_ratio: 1001, maximum_short_squeeze_ratio: 1300, initial_collateral_ratio: 3000 })]],
      ["1.2.17", [NOW, feedOf(40, { maintenance_collateral_ratio: 2000, maximum_short_squeeze_ratio: 1001, initial_collateral_ratio: 1800 })]],
      ["1.2.18", [NOW, feedOf(25, { maintenance_collateral_ratio: 1500, maximum_short_squeeze_ratio: 1200, initial_collateral_ratio: 2500 })]],
    ]);
    expect(median(b, NOW).median_feed).toMatchObject({ settlement_price: price(usd(30), core(100000)), maintenance_collateral_ratio: 1500, maximum_short_squeeze_ratio: 1200, initial_collateral_ratio: 2500 });
    const over = median({ ...b, options: { ...b.options, extensions: { maintenance_collateral_ratio: 1100, initial_collateral_ratio: 1200 } } }, NOW);
    expect(over.median_feed).toMatchObject({ maintenance_collateral_ratio: 1100, maximum_short_squeeze_ratio: 1200, initial_collateral_ratio: 1200 });
    // ICR 1200 > MCR 1100: ~(30 USD / 1e5 CORE) * 1200/1000 = 120000000/30000 = 4000 CORE per 1 USD.
    expect(over.current_initial_collateralization).toEqual(price(core(4000), usd(1)));
    expect(over.current_maintenance_collateralization).toEqual(price(core(11000), usd(3)));
    // A single feed gets the overrides too.
    const one = median({ ...bitasset([["1.2.16", [NOW, feedOf(30)]]]), options: { ...b.options, extensions: { maximum_short_squeeze_ratio: 1050 } } }, NOW);
    expect(one.median_feed.maximum_short_squeeze_ratio).toBe(1050);
  });

  it("keeps feed_cer_updated when the median CER does not change", () => {
    const b = { ...bitasset([["1.2.16", [NOW, feedOf(30)]]]), median_feed: feedOf(30), feed_cer_updated: false };
    expect(median(b, NOW).feed_cer_updated).toBe(false);
  });
});

describe("feed_expiration_time", () => {
  it("adds the lifetime to the publication time, saturating at time_point_sec::maximum()", () => {
    expect(feedExpirationTime({ ...bitasset([]), current_feed_publication_time: 100 })).toBe(86500);
    expect(feedExpirationTime({ ...bitasset([], { feed_lifetime_sec: 0xffffffff - 100 }), current_feed_publication_time: 100 })).toBe(0xffffffff);
    expect(feedExpirationTime({ ...bitasset([], { feed_lifetime_sec: 0xffffffff - 101 }), current_feed_publication_time: 100 })).toBe(0xfffffffe);
  });
  it("needs a CER update only with a mark and a non-null current CER", () => {
    expect(needToUpdateCer({ ...bitasset([]), feed_cer_updated: true })).toBe(false);
    expect(needToUpdateCer({ ...bitasset([]), asset_cer_updated: true, current_feed: feedOf(30) })).toBe(true);
    expect(needToUpdateCer({ ...bitasset([]), current_feed: feedOf(30) })).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------

function withSession(f: ChainFixture, work: (s: Session) => void): void {
  const s = new Session(f.state);
  work(s);
  f.state = s.db;
}
function createAccount(f: ChainFixture, name: string): string {
  const auth: T.Authority = { weight_threshold: 1, account_auths: [], key_auths: [[publicKeyOfSeed(name), 1]], address_auths: [] };
  return f.pushOk([[5, {
    fee: core(0), registrar: "1.2.0", referrer: "1.2.0", referrer_percent: 0, name, owner: auth, active: auth,
    options: { memo_key: publicKeyOfSeed(name), voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
  }]]).operation_results[0]![1] as string;
}

describe("update_expired_feeds and update_core_exchange_rates", () => {
  it("date INITMPA's feed at block 1 (its publication time starts at 0, so block 1 finds it expired)", () => {
    const f = ChainFixture.create();
    // The fixture's first block, applied with the hooks wired as the chain runs them: 1431700005.
    expect(f.now()).toBe(1431700005);
    const b = f.get<T.AssetBitassetDataObject>("2.4.0");
    expect(b.current_feed_publication_time).toBe(f.now());
    expect(b.current_feed.settlement_price).toEqual(NULL_PRICE);
    expect(feedExpirationTime(b)).toBe(f.now() + 86400);
  });

  it("drop a feed at the end of its lifetime and copy the feed CER to the asset", () => {
    const f = ChainFixture.create();
    const judge = createAccount(f, "judge");
    const opts: T.AssetOptions = {
      max_supply: 1000000000000000n, market_fee_percent: 0, max_market_fee: 0n, issuer_permissions: 0, flags: 0,
      core_exchange_rate: price(usd(1, "1.3.1"), core(1)), whitelist_authorities: [], blacklist_authorities: [],
      whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
    };
    const id = f.pushOk([[10, {
      fee: core(0), issuer: judge, symbol: "USDBIT", precision: 2, common_options: opts, is_prediction_market: false, extensions: [],
      bitasset_opts: { feed_lifetime_sec: 3600, minimum_feeds: 1, force_settlement_delay_sec: 3600, force_settlement_offset_percent: 0, maximum_force_settlement_volume: 2000, short_backing_asset: CORE, extensions: {} },
    }]]).operation_results[0]![1] as string;
    f.pushOk([[13, { fee: core(0), issuer: judge, asset_to_update: id, new_feed_producers: [judge], extensions: [] }]]);
    f.generateBlock();
    withSession(f, updateExpiredFeeds);
    const fd = feedOf(30, {}, id);
    f.pushOk([[19, { fee: core(0), publisher: judge, asset_id: id, feed: { settlement_price: fd.settlement_price, core_exchange_rate: fd.core_exchange_rate, maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: 1500 }, extensions: {} }]]);
    const published = f.now();
    const bid = f.get<T.AssetObject>(id).bitasset_data_id!;
    expect(f.get<T.AssetBitassetDataObject>(bid)).toMatchObject({ feed_cer_updated: true, current_feed_publication_time: published });
    // update_core_exchange_rates: the asset's CER becomes the feed's.
    withSession(f, updateCoreExchangeRates);
    expect(f.get<T.AssetObject>(id).options.core_exchange_rate).toEqual(fd.core_exchange_rate);
    expect(f.get<T.AssetBitassetDataObject>(bid)).toMatchObject({ feed_cer_updated: false, asset_cer_updated: false });
    // Not expired one second before published + 3600.
    f.generateBlocksUntil(published + 3595);
    withSession(f, updateExpiredFeeds);
    expect(f.get<T.AssetBitassetDataObject>(bid).current_feed.settlement_price).toEqual(fd.settlement_price);
    f.generateBlocksUntil(published + 3600);
    expect(f.now()).toBe(published + 3600);
    // (Blocks are rebuilt from the pending transactions, so the CER copy above is redone here.)
    withSession(f, updateCoreExchangeRates);
    withSession(f, updateExpiredFeeds);
    const b = f.get<T.AssetBitassetDataObject>(bid);
    expect(b.current_feed.settlement_price).toEqual(NULL_PRICE);
    expect(b.current_feed_publication_time).toBe(published + 3600);
    // The null CER is not copied: the asset keeps the last feed's, and the marks are clear.
    expect(b).toMatchObject({ feed_cer_updated: false, asset_cer_updated: false });
    expect(f.get<T.AssetObject>(id).options.core_exchange_rate).toEqual(fd.core_exchange_rate);
  });
});

describe("update_bitasset_current_feed", () => {
  it("has the BlockHooks signatures", () => {
    const hooks: BlockHooks = { updateExpiredFeeds, updateCoreExchangeRates };
    expect(Object.keys(hooks)).toEqual(["updateExpiredFeeds", "updateCoreExchangeRates"]);
  });

  it("raises a no_settlement asset's current price to where its least collateralized short is called (get_derived_current_feed_price)", () => {
    const f = ChainFixture.create();
    const s = new Session(f.state);
    const now = s.headBlockTime();
    const b = s.create<T.AssetBitassetDataObject>(2, 4, (id) => ({
      ...defaultBitassetData(id, USD), feeds: [["1.2.16", [now, feedOf(30)]]],
      options: { ...defaultBitassetData(id, USD).options, extensions: { black_swan_response_method: 1 } },
    }));
    const call = (borrower: string, debt: bigint, collateral: bigint) => s.create<T.CallOrderObject>(1, 8, (id) => ({
      id, borrower, collateral, debt, call_price: price(core(1), usd(1)),
    }));
    // Without call orders the current feed is the median: 30 USD / 100000 CORE.
    expect(E.isRight(run(updateBitassetCurrentFeed(s, b.id)))).toBe(true);
    expect(s.get<T.AssetBitassetDataObject>(b.id).current_feed.settlement_price).toEqual(price(usd(30), core(100000)));
    // Call orders of 100 USD against 2000 and 3000 CORE: the least collateralized is 2000/100;
    // ~(2000 CORE / 100 USD) * MSSR 1500 / 1000 = 150000 USD / 2000000 CORE = 3/40, above 30/100000.
    call("1.2.6", 100n, 3000n);
    call("1.2.7", 100n, 2000n);
    expect(E.isRight(run(updateBitassetCurrentFeed(s, b.id)))).toBe(true);
    const after = s.get<T.AssetBitassetDataObject>(b.id);
    expect(after.current_feed.settlement_price).toEqual(price(usd(3), core(40)));
    expect(after.median_feed.settlement_price).toEqual(price(usd(30), core(100000)));
    // skip_median_update re-derives only the price: unchanged, so nothing to do.
    expect(E.isRight(run(updateBitassetCurrentFeed(s, b.id, true)))).toBe(true);
    expect(s.get<T.AssetBitassetDataObject>(b.id)).toBe(after);
  });
});
