// Market fees (db_market.cpp calculate_market_fee, pay_market_fees; BSIP 47 sharing, BSIP 81 taker fee)
// and order expiry (db_update.cpp clear_expired_orders), on the database_fixture chain.
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { Chain, asset, core } from "../chain/evaluators/misc_ops_test_support.js";
import { charge_market_fee } from "../protocol/config.js";
import { defaultFeeSchedule } from "../protocol/fees/index.js";
import { publicKeyOfSeed } from "../scenario/fixture.js";
import { DYNAMIC_GLOBAL_PROPERTY_ID, Session } from "../chain/session.js";
import { EVALUATORS } from "../chain/evaluators/index.js";
import { calculateMarketFee } from "./market_fee.js";
import { clearExpiredOrders } from "./expiry.js";
import { applyWithVops, sell } from "./test_support.js";

/** account_create by `registrar` with `referrer` and referrer_percent 1% (market_fee_sharing_tests.cpp
 *  asset_rewards_test's register_account). */
function register(c: Chain, name: string, registrar: string, referrer: string): string {
  const key = publicKeyOfSeed(name);
  const auth: T.Authority = { weight_threshold: 1, account_auths: [], key_auths: [[key, 1]], address_auths: [] };
  return c.result([5, {
    fee: core(0), registrar, referrer, referrer_percent: 100, name, owner: auth, active: auth,
    options: { memo_key: key, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
  }])[1] as string;
}

function setOptions(c: Chain, id: string, change: Partial<T.AssetOptions>, ext: T.AssetOptions["extensions"] = {}): void {
  c.modify<T.AssetObject>(id, (a) => ({ ...a, options: { ...a.options, ...change, extensions: { ...a.options.extensions, ...ext } } }));
}

const sharing = (c: Chain, owner: string, assetId: string): bigint =>
  [...c.f.state.all<T.VestingBalanceObject>(1, 13)]
    .filter((v) => v.owner === owner && v.balance_type === "market_fee_sharing" && v.balance.asset_id === assetId)
    .reduce((n, v) => n + v.balance.amount, 0n);
const accumulated = (c: Chain, id: string): bigint => c.get<T.AssetDynamicDataObject>(c.get<T.AssetObject>(id).dynamic_asset_data_id).accumulated_fees;

/**
 * market_fee_sharing_tests.cpp asset_rewards_test, with user-issued IZZYCOIN and JILLCOIN (precision 2)
 * instead of borrowed bitassets (call orders are not there yet): izzy charges 10% and shares 10%, jill
 * charges 20% and shares 20%; alice sells 1000 IZZY for 1500 JILL (maker), bob takes it.
 */
function rewardsSetup() {
  const c = new Chain();
  const registrar = c.createAccount("registrar");
  const aliceReferrer = c.createAccount("alicereferrer");
  const bobReferrer = c.createAccount("bobreferrer");
  const izzy = c.createAccount("izzy");
  const jill = c.createAccount("jill");
  for (const a of [registrar, aliceReferrer, bobReferrer]) c.upgradeToLifetime(a);
  const alice = register(c, "alice", registrar, aliceReferrer);
  const bob = register(c, "bob", registrar, bobReferrer);
  const izzycoin = c.createUia("IZZYCOIN", izzy, charge_market_fee);
  const jillcoin = c.createUia("JILLCOIN", jill, charge_market_fee);
  setOptions(c, izzycoin, { market_fee_percent: 1000 }, { reward_percent: 1000 });
  setOptions(c, jillcoin, { market_fee_percent: 2000 }, { reward_percent: 2000 });
  c.issue(alice, asset(100000, izzycoin));
  c.issue(bob, asset(150000, jillcoin));
  return { c, registrar, aliceReferrer, bobReferrer, alice, bob, izzycoin, jillcoin };
}

describe("market fees and BSIP 47 sharing (market_fee_sharing_tests.cpp)", () => {
  it("asset_rewards_test: the fee's reward_percent goes to registrar and referrer, the rest to the issuer", () => {
    const { c, registrar, aliceReferrer, bobReferrer, alice, bob, izzycoin, jillcoin } = rewardsSetup();
    sell(c, alice, asset(100000, izzycoin), asset(150000, jillcoin));
    const vops = applyWithVops(c, [1, { fee: core(0), seller: bob, amount_to_sell: asset(150000, jillcoin), min_to_receive: asset(100000, izzycoin), expiration: 0xffffffff, fill_or_kill: false, extensions: {} }]);
    // bob (taker) receives 100000 IZZY: fee 10% = 10000, reward 10% of it = 1000, bob's referrer 1% = 10.
    expect(c.balance(bob, izzycoin)).toBe(90000n);
    expect(sharing(c, bobReferrer, izzycoin)).toBe(10n);
    expect(sharing(c, registrar, izzycoin)).toBe(990n);
    expect(accumulated(c, izzycoin)).toBe(9000n);
    // alice (maker) receives 150000 JILL: fee 20% = 30000, reward 20% = 6000, alice's referrer 60.
    expect(c.balance(alice, jillcoin)).toBe(120000n);
    expect(sharing(c, aliceReferrer, jillcoin)).toBe(60n);
    expect(sharing(c, registrar, jillcoin)).toBe(5940n);
    expect(accumulated(c, jillcoin)).toBe(24000n);
    const fills = vops.filter((o) => o[0] === 4).map((o) => (o[1] as T.FillOrderOperation).fee);
    expect(fills).toEqual([asset(10000, izzycoin), asset(30000, jillcoin)]);
    const vb = [...c.f.state.all<T.VestingBalanceObject>(1, 13)].find((v) => v.owner === registrar && v.balance.asset_id === jillcoin)!;
    expect(vb.policy).toEqual([2, {}]);
  });

  it("white_list_doesnt_contain_registrar_test: no sharing when the registrar is not in the whitelist", () => {
    const { c, registrar, alice, bob, izzycoin, jillcoin } = rewardsSetup();
    setOptions(c, izzycoin, {}, { whitelist_market_fee_sharing: [bob] });
    sell(c, alice, asset(100000, izzycoin), asset(150000, jillcoin));
    sell(c, bob, asset(150000, jillcoin), asset(100000, izzycoin));
    expect(sharing(c, registrar, izzycoin)).toBe(0n);
    expect(accumulated(c, izzycoin)).toBe(10000n);
    expect(sharing(c, registrar, jillcoin)).toBe(5940n); // JILLCOIN has no whitelist
  });

  it("BSIP 81 taker_fee_percent applies to the taker only; max_market_fee caps a fee", () => {
    const { c, alice, bob, izzycoin, jillcoin } = rewardsSetup();
    setOptions(c, izzycoin, {}, { taker_fee_percent: 500, reward_percent: 0 });
    setOptions(c, jillcoin, { max_market_fee: 7000n }, { reward_percent: 0 });
    sell(c, alice, asset(100000, izzycoin), asset(150000, jillcoin));
    sell(c, bob, asset(150000, jillcoin), asset(100000, izzycoin));
    expect(c.balance(bob, izzycoin)).toBe(95000n); // 5% as taker
    expect(c.balance(alice, jillcoin)).toBe(143000n); // 20% = 30000 capped at 7000
  });

  it("calculate_market_fee: no fee without charge_market_fee; a taker_fee_percent of 0 frees takers", () => {
    const c = new Chain();
    const id = c.createUia("FEELESS", "1.2.0");
    setOptions(c, id, { market_fee_percent: 100 }, { taker_fee_percent: 0 });
    expect(calculateMarketFee(c.get<T.AssetObject>(id), 10000n, true)).toBe(0n);
    setOptions(c, id, { flags: charge_market_fee });
    expect(calculateMarketFee(c.get<T.AssetObject>(id), 10000n, true)).toBe(100n);
    expect(calculateMarketFee(c.get<T.AssetObject>(id), 10000n, false)).toBe(0n);
  });

  it("market_fee_network_percent: the network's share vests to the committee first", () => {
    const { c, registrar, alice, bob, izzycoin, jillcoin } = rewardsSetup();
    c.f.modifyGlobalProperties((g) => ({ ...g, parameters: { ...g.parameters, extensions: { ...g.parameters.extensions, market_fee_network_percent: 2000 } } }));
    sell(c, alice, asset(100000, izzycoin), asset(150000, jillcoin));
    sell(c, bob, asset(150000, jillcoin), asset(100000, izzycoin));
    // IZZY fee 10000: network 20% = 2000 to the committee; reward 10% of 8000 = 800 (referrer 8).
    expect(sharing(c, "1.2.0", izzycoin)).toBe(2000n);
    expect(sharing(c, registrar, izzycoin)).toBe(792n);
    expect(accumulated(c, izzycoin)).toBe(7200n);
  });
});

describe("deferred fees on fills and expiry", () => {
  function feeSetup() {
    const c = new Chain();
    const alice = c.createAccount("alice");
    const bob = c.createAccount("bob");
    const usd = c.createUia("IZZYUSD", "1.2.0");
    c.transfer("1.2.0", alice, core(1000000));
    c.transfer("1.2.0", bob, core(1000000));
    c.issue(bob, asset(1000000, usd));
    c.f.modifyGlobalProperties((g) => ({ ...g, parameters: { ...g.parameters, current_fees: defaultFeeSchedule() } }));
    c.f.changeFees([[1, { fee: 537n }], [2, { fee: 129n }]]); // fee_tests.cpp fee_refund_test's fees
    return { c, alice, bob, usd };
  }

  it("clear_expired_orders cancels with the cancel fee taken from the deferred fee", () => {
    const { c, alice, usd } = feeSetup();
    const id = sell(c, alice, core(1000), asset(1000, usd), c.now() + 100);
    const s = new Session(c.f.state);
    s.modify<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID, (d) => ({ ...d, time: d.time + 99 }));
    clearExpiredOrders(s, EVALUATORS);
    expect(s.find(id)).toBeDefined();
    s.modify<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID, (d) => ({ ...d, time: d.time + 1 }));
    clearExpiredOrders(s, EVALUATORS);
    expect(s.find(id)).toBeUndefined();
    const balance = [...s.db.all<T.AccountBalanceObject>(2, 5)].find((b) => b.owner === alice && b.asset_type === "1.3.0")!.balance;
    expect(balance).toBe(1000000n - 129n);
    const st = s.get<T.AccountStatisticsObject>(s.get<T.AccountObject>(alice).statistics);
    expect(st.pending_fees + st.pending_vested_fees).toBe(129n);
    expect(st.total_core_in_orders).toBe(0n);
    expect(s.appliedOps.map((a) => [a.op, a.result])).toEqual([[
      [2, { fee: core(129), fee_paying_account: alice, order: id, extensions: [] }], [2, core(1000)],
    ]]);
  });

  it("maker_fee_discount_percent refunds part of a maker's deferred fee on its fill", () => {
    const { c, alice, bob, usd } = feeSetup();
    c.f.modifyGlobalProperties((g) => ({ ...g, parameters: { ...g.parameters, extensions: { ...g.parameters.extensions, maker_fee_discount_percent: 5000 } } }));
    sell(c, alice, core(1000), asset(200, usd));
    sell(c, bob, asset(100, usd), core(500));
    // alice (maker) gets back 50% of 537 = 268; 269 is paid. bob (taker) pays all of 537.
    expect(c.balance(alice)).toBe(1000000n - 1000n - 537n + 268n);
    const st = c.stats(alice);
    expect(st.pending_fees + st.pending_vested_fees).toBe(269n);
    expect(c.balance(bob)).toBe(1000000n - 537n + 500n);
  });
});

describe("order fees paid in another asset (fee_tests.cpp non_core_fee_refund_test, re-derived after core-604)", () => {
  // The C++ test's numbers predate core-604 (the asset paid went to accumulated_fees at creation); after it,
  // the fee pool advances the core at creation and the asset paid waits on the order as deferred_paid_fee.
  function setup() {
    const c = new Chain();
    const alice = c.createAccount("alice");
    const bob = c.createAccount("bob");
    const izzy = c.createAccount("izzy");
    const b0 = 1000000n;
    c.transfer("1.2.0", alice, core(b0));
    c.transfer("1.2.0", bob, core(b0));
    const usd = c.createUia("IZZYUSD", izzy, charge_market_fee); // CER 1 IZZYUSD per core
    c.issue(alice, asset(b0, usd));
    c.issue(bob, asset(b0, usd));
    c.pushOk([[16, { fee: core(0), from_account: "1.2.0", asset_id: usd, amount: 100000n, extensions: [] }]]);
    c.f.modifyGlobalProperties((g) => ({ ...g, parameters: { ...g.parameters, current_fees: defaultFeeSchedule() } }));
    c.f.changeFees([[1, { fee: 537n }], [2, { fee: 129n }], [0, { fee: 0n, price_per_kbyte: 0 }]]);
    const dyn = () => c.get<T.AssetDynamicDataObject>(c.get<T.AssetObject>(usd).dynamic_asset_data_id);
    const bobOrder = (expiration: number) => c.result([1, {
      fee: asset(0, usd), seller: bob, amount_to_sell: asset(500, usd), min_to_receive: core(1000), expiration, fill_or_kill: false, extensions: {},
    }])[1] as string;
    return { c, alice, bob, usd, b0, dyn, bobOrder };
  }

  it("creation takes the core from the pool and keeps the IZZYUSD on the order; a cancel returns both", () => {
    const { c, bob, usd, b0, dyn, bobOrder } = setup();
    const id = bobOrder(0xffffffff);
    expect(c.get<T.LimitOrderObject>(id).deferred_paid_fee).toEqual(asset(537, usd));
    expect(c.get<T.LimitOrderObject>(id).deferred_fee).toBe(537n);
    expect(c.balance(bob, usd)).toBe(b0 - 537n - 500n);
    expect(dyn().fee_pool).toBe(100000n - 537n);
    expect(dyn().accumulated_fees).toBe(0n);
    c.pushOk([[2, { fee: core(0), fee_paying_account: bob, order: id, extensions: [] }]]);
    expect(c.balance(bob, usd)).toBe(b0);
    expect(c.balance(bob)).toBe(b0 - 129n);
    expect(dyn().fee_pool).toBe(100000n);
    expect(dyn().accumulated_fees).toBe(0n);
  });

  it("expiry keeps the cancel fee's share of the IZZYUSD for the issuer and refunds the rest to the pool and bob", () => {
    const { c, bob, usd, b0, dyn, bobOrder } = setup();
    const id = bobOrder(c.now());
    const s = new Session(c.f.state);
    clearExpiredOrders(s, EVALUATORS);
    expect(s.find(id)).toBeUndefined();
    const d = s.get<T.AssetDynamicDataObject>(s.get<T.AssetObject>(usd).dynamic_asset_data_id);
    // cancel fee 129 core of the 537 deferred: ceil(537 * 129 / 537) = 129 IZZYUSD to the issuer.
    expect(d.accumulated_fees).toBe(129n);
    expect(d.fee_pool).toBe(100000n - 537n + 408n);
    const usdBalance = [...s.db.all<T.AccountBalanceObject>(2, 5)].find((b) => b.owner === bob && b.asset_type === usd)!.balance;
    expect(usdBalance).toBe(b0 - 129n);
    expect(s.appliedOps[0]!.op).toEqual([2, { fee: asset(129, usd), fee_paying_account: bob, order: id, extensions: [] }]);
    expect(dyn().fee_pool).toBe(100000n - 537n); // the chain's own state is untouched by the session
  });

  it("a fill makes the IZZYUSD the issuer's; the pool keeps what it advanced", () => {
    const { c, alice, usd, dyn, bobOrder } = setup();
    const id = bobOrder(0xffffffff);
    sell(c, alice, core(1000), asset(500, usd));
    expect(c.find(id)).toBeUndefined();
    expect(dyn().accumulated_fees).toBe(537n);
    expect(dyn().fee_pool).toBe(100000n - 537n);
  });
});
