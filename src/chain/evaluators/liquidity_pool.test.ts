// Liquidity pools (liquidity_pool_evaluator.cpp) on the database_fixture chain, every hardfork active.
// Numbers come from bitshares-core's tests/tests/liquidity_pool_tests.cpp (cited per test) and are re-derived
// by hand from the evaluator's integer math in the comments next to them.
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { charge_market_fee } from "../../protocol/config.js";
import { Chain, asset, core } from "./misc_ops_test_support.js";

const A = "assert_exception";
const P = (f: string): string => `operations[0][1].${f}`;
/** 10000000 * GRAPHENE_BLOCKCHAIN_PRECISION (liquidity_pool_tests.cpp init_amount). */
const INIT = 1000000000000n;
const MAX_SHARE_SUPPLY = 1000000000000000n;

const createOp = (account: string, asset_a: string, asset_b: string, share_asset: string, taker: number, withdrawal: number): T.Operation =>
  [59, { fee: core(0), account, asset_a, asset_b, share_asset, taker_fee_percent: taker, withdrawal_fee_percent: withdrawal, extensions: [] }];
const deleteOp = (account: string, pool: string): T.Operation => [60, { fee: core(0), account, pool, extensions: [] }];
const depositOp = (account: string, pool: string, amount_a: T.Asset, amount_b: T.Asset): T.Operation =>
  [61, { fee: core(0), account, pool, amount_a, amount_b, extensions: [] }];
const withdrawOp = (account: string, pool: string, share_amount: T.Asset): T.Operation =>
  [62, { fee: core(0), account, pool, share_amount, extensions: [] }];
const exchangeOp = (account: string, pool: string, amount_to_sell: T.Asset, min_to_receive: T.Asset): T.Operation =>
  [63, { fee: core(0), account, pool, amount_to_sell, min_to_receive, extensions: [] }];
const updateOp = (account: string, pool: string, taker?: number, withdrawal?: number): T.Operation =>
  [75, { fee: core(0), account, pool, extensions: [],
    ...(taker !== undefined ? { taker_fee_percent: taker } : {}), ...(withdrawal !== undefined ? { withdrawal_fee_percent: withdrawal } : {}) }];
const reserveOp = (payer: string, amount: T.Asset): T.Operation => [15, { fee: core(0), payer, amount_to_reserve: amount, extensions: [] }];

/** database_fixture::create_user_issued_asset(name, issuer, flags, cer, precision, market_fee_percent, options):
 *  issuer_permissions = flags, max supply and max market fee GRAPHENE_MAX_SHARE_SUPPLY. */
function createAsset(c: Chain, symbol: string, issuer: string, precision = 2, marketFee = 0, taker?: number): string {
  const r = c.result([10, {
    fee: core(0), issuer, symbol, precision, is_prediction_market: false, extensions: [],
    common_options: {
      max_supply: MAX_SHARE_SUPPLY, market_fee_percent: marketFee, max_market_fee: MAX_SHARE_SUPPLY, issuer_permissions: charge_market_fee,
      flags: charge_market_fee, core_exchange_rate: { base: core(1), quote: asset(1, "1.3.1") },
      whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "",
      extensions: taker !== undefined ? { taker_fee_percent: taker } : {},
    },
  }]);
  return r[1] as string;
}

/** asset_update changing only the options `change` touches. */
function updateOptions(c: Chain, id: string, change: (o: T.AssetOptions) => T.AssetOptions): void {
  const a = c.get<T.AssetObject>(id);
  c.pushOk([[11, { fee: core(0), issuer: a.issuer, asset_to_update: id, new_options: change(a.options), extensions: {} }]]);
}

const pool = (c: Chain, id: string): T.LiquidityPoolObject => c.get(id);
const supply = (c: Chain, id: string): bigint => c.get<T.AssetDynamicDataObject>(c.get<T.AssetObject>(id).dynamic_asset_data_id).current_supply;
const fees = (c: Chain, id: string): bigint => c.get<T.AssetDynamicDataObject>(c.get<T.AssetObject>(id).dynamic_asset_data_id).accumulated_fees;
const exch = (paid: T.Asset[], received: T.Asset[], f: T.Asset[]): T.OperationResult => [4, { paid, received, fees: f }];

/** The setup of liquidity_pool_deposit_withdrawal_test and liquidity_pool_exchange_test: MYEUR by sam
 *  (precision 4, 0.2% market fee, 0.5% taker fee), MYUSD by ted (0.3%, 0.8%), LPATEST by sam, each of sam and
 *  ted holding init_amount of both; then sam's pool EUR/USD with a 2% taker fee and a 3% withdrawal fee. */
function setup() {
  const c = new Chain();
  const sam = c.createAccount("sam");
  const ted = c.createAccount("ted");
  const eur = createAsset(c, "MYEUR", sam, 4, 20, 50);
  const usd = createAsset(c, "MYUSD", ted, 4, 30, 80);
  const lpa = createAsset(c, "LPATEST", sam);
  for (const who of [sam, ted]) for (const a of [eur, usd]) c.issue(who, asset(INIT, a));
  const r = c.result(createOp(sam, eur, usd, lpa, 200, 300));
  const lp = (r as [3, T.GenericOperationResult])[1].new_objects[0]!;
  expect(r).toEqual([3, { new_objects: [lp], updated_objects: [lpa], removed_objects: [] }]);
  return { c, sam, ted, eur, usd, lpa, lp };
}

describe("liquidity_pool_create / _delete (liquidity_pool_create_delete_proposal_test)", () => {
  function base() {
    const c = new Chain();
    const sam = c.createAccount("sam");
    const ted = c.createAccount("ted");
    const usd = createAsset(c, "MYUSD", "1.2.0");
    const lpa = createAsset(c, "LPATEST", sam);
    const lpa1 = createAsset(c, "LPATESTA", sam);
    const tedLpa = createAsset(c, "LPATED", ted);
    return { c, sam, ted, usd, lpa, lpa1, tedLpa };
  }

  it("creates a pool with zero balances and binds the share asset; deleting unbinds it", () => {
    const { c, sam, ted, usd, lpa1 } = base();
    const r = c.result(createOp(sam, "1.3.0", usd, lpa1, 200, 300)) as [3, T.GenericOperationResult];
    const lp = r[1].new_objects[0]!;
    expect(lp.startsWith("1.19.")).toBe(true);
    expect(pool(c, lp)).toEqual({ id: lp, asset_a: "1.3.0", asset_b: usd, balance_a: 0n, balance_b: 0n, share_asset: lpa1,
      taker_fee_percent: 200, withdrawal_fee_percent: 300, virtual_value: 0n });
    expect(c.get<T.AssetObject>(lpa1).for_liquidity_pool).toBe(lp);
    // A share asset cannot be issued by hand (asset_issue) while bound.
    c.expectRefused([[14, { fee: core(0), issuer: sam, asset_to_issue: asset(1, lpa1), issue_to_account: sam, extensions: [] }]],
      { exception: A, rule: "asset_issue.not_pool_share", field: P("asset_to_issue.asset_id") });
    c.expectRefused([deleteOp(ted, lp)], { exception: A, rule: "liquidity_pool_delete.pool_owner", field: P("account") });
    expect(c.result(deleteOp(sam, lp))).toEqual([3, { new_objects: [], updated_objects: [lpa1], removed_objects: [lp] }]);
    expect(c.find(lp)).toBeUndefined();
    expect("for_liquidity_pool" in c.get<T.AssetObject>(lpa1)).toBe(false);
    c.expectRefused([deleteOp(sam, lp)], { exception: A, rule: "database.object_exists", field: P("pool") });
    c.issue(sam, asset(1, lpa1)); // issuable again once unbound
  });

  it("refuses create: missing assets, a share asset of another issuer, already bound, or with supply", () => {
    const { c, sam, usd, lpa, lpa1, tedLpa } = base();
    c.result(createOp(sam, "1.3.0", usd, lpa1, 0, 0));
    const missing = "1.3.99";
    c.expectRefused([createOp(sam, "1.3.0", usd, missing, 0, 0)], { exception: A, rule: "database.object_exists", field: P("share_asset") });
    c.expectRefused([createOp(sam, "1.3.0", missing, lpa, 0, 0)], { exception: A, rule: "database.object_exists", field: P("asset_b") });
    c.expectRefused([createOp(sam, missing, "1.3.100", lpa, 0, 0)], { exception: A, rule: "database.object_exists", field: P("asset_a") });
    c.expectRefused([createOp(sam, "1.3.0", usd, tedLpa, 0, 0)], { exception: A, rule: "liquidity_pool_create.share_asset_issuer", field: P("share_asset") });
    c.expectRefused([createOp(sam, "1.3.0", usd, lpa1, 0, 0)], { exception: A, rule: "liquidity_pool_create.share_asset_unbound", field: P("share_asset") });
    c.issue(sam, asset(1, lpa));
    c.expectRefused([createOp(sam, "1.3.0", usd, lpa, 0, 0)], { exception: A, rule: "liquidity_pool_create.share_asset_supply_zero", field: P("share_asset") });
    // validate(): ordering, share asset distinct, percents at most 100%.
    c.expectRefused([createOp(sam, usd, "1.3.0", lpa1, 0, 0)], { exception: A, rule: "liquidity_pool_create_operation.assets_ordered", field: P("asset_b") });
    c.expectRefused([createOp(sam, "1.3.0", usd, "1.3.0", 0, 0)], { exception: A, rule: "liquidity_pool_create_operation.share_asset_distinct", field: P("share_asset") });
    c.expectRefused([createOp(sam, "1.3.0", usd, lpa1, 10001, 0)], { exception: A, rule: "liquidity_pool_create_operation.taker_fee_percent_max", field: P("taker_fee_percent") });
    c.expectRefused([createOp(sam, "1.3.0", usd, lpa1, 0, 10001)], { exception: A, rule: "liquidity_pool_create_operation.withdrawal_fee_percent_max", field: P("withdrawal_fee_percent") });
  });

  it("refuses a market-issued share asset (asset_create with bitasset_opts)", () => {
    const { c, sam, usd } = base();
    const mpa = c.result([10, {
      fee: core(0), issuer: sam, symbol: "MPATEST", precision: 2, is_prediction_market: false, extensions: [],
      common_options: {
        max_supply: MAX_SHARE_SUPPLY, market_fee_percent: 0, max_market_fee: MAX_SHARE_SUPPLY, issuer_permissions: 0, flags: 0,
        core_exchange_rate: { base: core(1), quote: asset(1, "1.3.1") },
        whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
      },
      bitasset_opts: { feed_lifetime_sec: 86400, minimum_feeds: 1, force_settlement_delay_sec: 86400, force_settlement_offset_percent: 0,
        maximum_force_settlement_volume: 2000, short_backing_asset: "1.3.0", extensions: {} },
    }])[1] as string;
    c.expectRefused([createOp(sam, "1.3.0", usd, mpa, 0, 0)], { exception: A, rule: "liquidity_pool_create.share_asset_not_market_issued", field: P("share_asset") });
  });
});

describe("liquidity_pool_update (liquidity_pool_update_test)", () => {
  it("changes fee percents; taker fee only while the withdrawal fee is or becomes zero", () => {
    const c = new Chain();
    const sam = c.createAccount("sam");
    const ted = c.createAccount("ted");
    const usd = createAsset(c, "MYUSD", "1.2.0");
    const lpa1 = createAsset(c, "LPATESTA", sam);
    c.issue(sam, asset(1000, usd));
    c.transfer("1.2.0", sam, core(1000));
    const lp = (c.result(createOp(sam, "1.3.0", usd, lpa1, 0, 0)) as [3, T.GenericOperationResult])[1].new_objects[0]!;
    c.result(depositOp(sam, lp, core(10), asset(20, usd)));
    expect(pool(c, lp).virtual_value).toBe(200n); // 10 * 20
    c.expectRefused([updateOp(sam, lp)], { exception: A, rule: "liquidity_pool_update_operation.has_update", field: "operations[0][1]" });
    c.expectRefused([updateOp(sam, lp, undefined, 1)], { exception: A, rule: "liquidity_pool_update_operation.withdrawal_fee_percent_zero", field: P("withdrawal_fee_percent") });
    c.expectRefused([updateOp(sam, lp, 10001)], { exception: A, rule: "liquidity_pool_update_operation.taker_fee_percent_max", field: P("taker_fee_percent") });
    c.expectRefused([updateOp(ted, lp, 1)], { exception: A, rule: "liquidity_pool_update.pool_owner", field: P("account") });
    c.expectRefused([updateOp(sam, "1.19.99", 1)], { exception: A, rule: "database.object_exists", field: P("pool") });
    expect(c.result(updateOp(sam, lp, 2, 0))).toEqual([0, {}]);
    expect(pool(c, lp)).toMatchObject({ balance_a: 10n, balance_b: 20n, taker_fee_percent: 2, withdrawal_fee_percent: 0, virtual_value: 200n });
    c.result(updateOp(sam, lp, 1));
    expect(pool(c, lp).taker_fee_percent).toBe(1);

    const lpa2 = createAsset(c, "LPATESTB", ted);
    const lp2 = (c.result(createOp(ted, "1.3.0", usd, lpa2, 1, 2)) as [3, T.GenericOperationResult])[1].new_objects[0]!;
    // withdrawal fee 2: the taker fee alone cannot change
    c.expectRefused([updateOp(ted, lp2, 3)], { exception: A, rule: "liquidity_pool_update.taker_fee_needs_zero_withdrawal_fee", field: P("taker_fee_percent") });
    c.result(updateOp(ted, lp2, undefined, 0));
    expect(pool(c, lp2)).toMatchObject({ taker_fee_percent: 1, withdrawal_fee_percent: 0 });
    c.result(updateOp(ted, lp2, 2, 0));
    expect(pool(c, lp2)).toMatchObject({ taker_fee_percent: 2, withdrawal_fee_percent: 0, virtual_value: 0n });
  });
});

describe("liquidity_pool_deposit / _withdraw (liquidity_pool_deposit_withdrawal_test)", () => {
  it("follows the test's deposits, reserves and withdrawals with its exact amounts", () => {
    const { c, sam, ted, eur, usd, lpa, lp } = setup();
    // validate(): both amounts positive.
    for (const [i, j] of [[-1, 1], [0, 1], [1, 0], [1, -1], [0, 0]] as const) {
      c.expectRefused([depositOp(sam, lp, asset(i, eur), asset(j, usd))],
        { exception: A, rule: "liquidity_pool_deposit_operation.amounts_positive", field: P(i <= 0 ? "amount_a.amount" : "amount_b.amount") });
    }
    // Balances: the first deposit takes everything given, and sam holds only init_amount.
    c.expectRefused([depositOp(sam, lp, asset(INIT + 1n, eur), asset(1, usd))],
      { exception: A, rule: "database.adjust_balance.sufficient", field: P("amount_a.amount") });
    c.expectRefused([depositOp(sam, lp, asset(1, "1.3.0"), asset(1, usd))], { exception: A, rule: "liquidity_pool_deposit.asset_a_match", field: P("amount_a.asset_id") });
    c.expectRefused([depositOp(sam, lp, asset(1, eur), asset(1, lpa))], { exception: A, rule: "liquidity_pool_deposit.asset_b_match", field: P("amount_b.asset_id") });
    c.expectRefused([depositOp(sam, "1.19.99", asset(1, eur), asset(1, usd))], { exception: A, rule: "database.object_exists", field: P("pool") });
    c.expectRefused([depositOp(ted, lp, asset(1, eur), asset(1, usd))], { exception: A, rule: "liquidity_pool_deposit.initial_by_owner", field: P("account") });
    c.expectRefused([withdrawOp(sam, lp, asset(1, lpa))], { exception: A, rule: "liquidity_pool_withdraw.pool_initialized", field: P("pool") });

    // Initial deposit: shares = max(1000, 1200).
    expect(c.result(depositOp(sam, lp, asset(1000, eur), asset(1200, usd))))
      .toEqual(exch([asset(1000, eur), asset(1200, usd)], [asset(1200, lpa)], []));
    expect(pool(c, lp)).toMatchObject({ balance_a: 1000n, balance_b: 1200n, virtual_value: 1200000n });
    expect(supply(c, lpa)).toBe(1200n);
    c.expectRefused([deleteOp(sam, lp)], { exception: A, rule: "liquidity_pool_delete.pool_empty", field: P("pool") });

    // min(1200*200/1000, 1200*120/1200) = 120 shares; A = ceil(120*1000/1200) = 100.
    expect(c.result(depositOp(sam, lp, asset(200, eur), asset(120, usd))))
      .toEqual(exch([asset(100, eur), asset(120, usd)], [asset(120, lpa)], []));
    // All of a share asset's supply cannot be reserved (asset_reserve).
    c.expectRefused([reserveOp(sam, asset(1320, lpa))], { exception: A, rule: "asset_reserve.pool_share_below_supply", field: P("amount_to_reserve.amount") });

    // min(1320*12347/1100 = 14816, 1320*56890/1320) = 14816; A = ceil(14816*1100/1320) = 12347; B = 14816.
    expect(c.result(depositOp(ted, lp, asset(12347, eur), asset(56890, usd))))
      .toEqual(exch([asset(12347, eur), asset(14816, usd)], [asset(14816, lpa)], []));
    expect(pool(c, lp)).toMatchObject({ balance_a: 13447n, balance_b: 16136n, virtual_value: 13447n * 16136n });
    expect(supply(c, lpa)).toBe(16136n);

    c.expectRefused([withdrawOp(ted, lp, asset(-1, lpa))], { exception: A, rule: "liquidity_pool_withdraw_operation.share_amount_positive", field: P("share_amount.amount") });
    c.expectRefused([withdrawOp(ted, lp, asset(0, lpa))], { exception: A, rule: "liquidity_pool_withdraw_operation.share_amount_positive", field: P("share_amount.amount") });
    c.expectRefused([withdrawOp(ted, lp, asset(14817, lpa))], { exception: A, rule: "database.adjust_balance.sufficient", field: P("share_amount.amount") });
    c.expectRefused([withdrawOp(ted, lp, asset(16137, lpa))], { exception: A, rule: "liquidity_pool_withdraw.within_supply", field: P("share_amount.amount") });
    for (const other of ["1.3.0", usd, eur]) {
      c.expectRefused([withdrawOp(ted, lp, asset(10, other))], { exception: A, rule: "liquidity_pool_withdraw.share_asset_match", field: P("share_amount.asset_id") });
    }
    c.expectRefused([withdrawOp(ted, "1.19.99", asset(10, lpa))], { exception: A, rule: "database.object_exists", field: P("pool") });

    c.result(reserveOp(ted, asset(14810, lpa)));
    expect(supply(c, lpa)).toBe(1326n);
    // min(1326*8/13447, 1326*8/16136) = 0 shares.
    c.expectRefused([depositOp(ted, lp, asset(8, eur), asset(8, usd))], { exception: A, rule: "liquidity_pool_deposit.nonzero_outcome", field: P("amount_a.amount") });
    // min(1326*12347/13447 = 1217, 1326*56890/16136 = 4675) = 1217; A = ceil(1217*13447/1326) = 12342;
    // B = ceil(1217*16136/1326) = 14810.
    expect(c.result(depositOp(ted, lp, asset(12347, eur), asset(56890, usd))))
      .toEqual(exch([asset(12342, eur), asset(14810, usd)], [asset(1217, lpa)], []));
    expect(pool(c, lp)).toMatchObject({ balance_a: 25789n, balance_b: 30946n });
    expect(supply(c, lpa)).toBe(2543n);

    // A = 7*25789/2543 = 70, fee 70*3% = 2 -> 68; B = 7*30946/2543 = 85, fee 2 -> 83.
    expect(c.result(withdrawOp(ted, lp, asset(7, lpa))))
      .toEqual(exch([asset(7, lpa)], [asset(68, eur), asset(83, usd)], [asset(2, eur), asset(2, usd)]));
    expect(pool(c, lp)).toMatchObject({ balance_a: 25721n, balance_b: 30863n, virtual_value: 25721n * 30863n });
    expect(supply(c, lpa)).toBe(2536n);
    expect(c.balance(ted, eur)).toBe(INIT - 12347n - 12342n + 68n);
    expect(c.balance(ted, usd)).toBe(INIT - 14816n - 14810n + 83n);
    expect(c.balance(ted, lpa)).toBe(1216n);

    c.result(reserveOp(ted, asset(1216, lpa)));
    // The last 1320 shares take the whole pool without a fee.
    expect(c.result(withdrawOp(sam, lp, asset(1320, lpa))))
      .toEqual(exch([asset(1320, lpa)], [asset(25721, eur), asset(30863, usd)], [asset(0, eur), asset(0, usd)]));
    expect(pool(c, lp)).toMatchObject({ balance_a: 0n, balance_b: 0n, virtual_value: 0n });
    expect(supply(c, lpa)).toBe(0n);
    expect(c.balance(sam, eur)).toBe(INIT - 1100n + 25721n);
    expect(c.balance(sam, usd)).toBe(INIT - 1320n + 30863n);

    updateOptions(c, lpa, (o) => ({ ...o, max_supply: 2000n }));
    c.expectRefused([depositOp(sam, lp, asset(2001, eur), asset(100, usd))], { exception: A, rule: "liquidity_pool_deposit.initial_within_max_supply", field: P("amount_a.amount") });
    c.expectRefused([depositOp(sam, lp, asset(100, eur), asset(2001, usd))], { exception: A, rule: "liquidity_pool_deposit.initial_within_max_supply", field: P("amount_a.amount") });
    expect(c.result(depositOp(sam, lp, asset(1000, eur), asset(1200, usd))))
      .toEqual(exch([asset(1000, eur), asset(1200, usd)], [asset(1200, lpa)], []));
    // min(1200*1000/1000, 1200*1200/1200, 2000 - 1200) = 800 shares; A = ceil(800*1000/1200) = 667.
    expect(c.result(depositOp(sam, lp, asset(1000, eur), asset(1200, usd))))
      .toEqual(exch([asset(667, eur), asset(800, usd)], [asset(800, lpa)], []));
    expect(pool(c, lp)).toMatchObject({ balance_a: 1667n, balance_b: 2000n, virtual_value: 1667n * 2000n });
    expect(supply(c, lpa)).toBe(2000n);
    c.expectRefused([depositOp(sam, lp, asset(2, eur), asset(2, usd))], { exception: A, rule: "liquidity_pool_deposit.share_below_max_supply", field: P("pool") });
    updateOptions(c, lpa, (o) => ({ ...o, max_supply: 3000n }));
    // min(2000*2/1667, 2000*2/2000, 1000) = 2 shares; A = ceil(2*1667/2000) = 2.
    expect(c.result(depositOp(sam, lp, asset(2, eur), asset(2, usd))))
      .toEqual(exch([asset(2, eur), asset(2, usd)], [asset(2, lpa)], []));
    updateOptions(c, lpa, (o) => ({ ...o, flags: o.flags | 0x400 })); // disable_new_supply
    c.expectRefused([depositOp(sam, lp, asset(2, eur), asset(2, usd))], { exception: A, rule: "liquidity_pool_deposit.share_new_supply_allowed", field: P("pool") });
  });
});

describe("100% pool fees (liquidity_pool_evaluator.cpp rules, no C++ test numbers)", () => {
  it("a partial withdrawal paying nothing and an exchange paying nothing are refused", () => {
    const c = new Chain();
    const sam = c.createAccount("sam");
    const eur = createAsset(c, "MYEUR", sam);
    const usd = createAsset(c, "MYUSD", sam);
    const lpa = createAsset(c, "LPATEST", sam);
    for (const a of [eur, usd]) c.issue(sam, asset(INIT, a));
    const lp = (c.result(createOp(sam, eur, usd, lpa, 10000, 10000)) as [3, T.GenericOperationResult])[1].new_objects[0]!;
    c.result(depositOp(sam, lp, asset(1000, eur), asset(1200, usd)));
    // 10 shares: A = 10*1000/1200 = 8, fee 8; B = 10, fee 10: nothing left.
    c.expectRefused([withdrawOp(sam, lp, asset(10, lpa))], { exception: A, rule: "liquidity_pool_withdraw.nonzero_outcome", field: P("share_amount.amount") });
    // delta 1200 - ceil(1200000/1100) = 109, all of it the pool's taker fee.
    c.expectRefused([exchangeOp(sam, lp, asset(100, eur), asset(1, usd))],
      { exception: "liquidity_pool_exchange_unfillable_price", rule: "liquidity_pool_exchange.min_to_receive", field: P("min_to_receive.amount") });
    // The last shares still take everything, without the fee.
    expect(c.result(withdrawOp(sam, lp, asset(1200, lpa))))
      .toEqual(exch([asset(1200, lpa)], [asset(1000, eur), asset(1200, usd)], [asset(0, eur), asset(0, usd)]));
  });
});

describe("liquidity_pool_exchange (liquidity_pool_exchange_test)", () => {
  function funded() {
    const s = setup();
    const { c, sam, ted, eur, usd, lp } = s;
    c.expectRefused([exchangeOp(ted, lp, asset(100, eur), asset(1, usd))], { exception: A, rule: "liquidity_pool_exchange.pool_initialized", field: P("pool") });
    c.result(depositOp(sam, lp, asset(100, eur), asset(120, usd)));
    // min(120*900/100, 120*3000/120) = 1080 shares; A = 900, B = 1080.
    expect(c.result(depositOp(sam, lp, asset(900, eur), asset(3000, usd))))
      .toEqual(exch([asset(900, eur), asset(1080, usd)], [asset(1080, s.lpa)], []));
    expect(pool(c, lp)).toMatchObject({ balance_a: 1000n, balance_b: 1200n, virtual_value: 1200000n });
    return s;
  }

  it("exchanges both ways with the maker, pool taker and taker market fees", () => {
    const { c, ted, eur, usd, lpa, lp } = funded();
    for (const [i, j] of [[-1, 1], [0, 1], [1, 0], [1, -1]] as const) {
      c.expectRefused([exchangeOp(ted, lp, asset(i, eur), asset(j, usd))], { exception: A,
        rule: i <= 0 ? "liquidity_pool_exchange_operation.amount_to_sell_positive" : "liquidity_pool_exchange_operation.min_to_receive_positive",
        field: P(i <= 0 ? "amount_to_sell.amount" : "min_to_receive.amount") });
    }
    c.expectRefused([exchangeOp(ted, lp, asset(INIT + 1n, eur), asset(1, usd))],
      { exception: A, rule: "database.adjust_balance.sufficient", field: P("amount_to_sell.amount") });
    c.expectRefused([exchangeOp(ted, lp, asset(100, "1.3.0"), asset(1, usd))], { exception: A, rule: "liquidity_pool_exchange.assets_match", field: P("amount_to_sell.asset_id") });
    c.expectRefused([exchangeOp(ted, lp, asset(100, eur), asset(1, lpa))], { exception: A, rule: "liquidity_pool_exchange.assets_match", field: P("amount_to_sell.asset_id") });
    c.expectRefused([exchangeOp(ted, "1.19.99", asset(100, eur), asset(1, usd))], { exception: A, rule: "database.object_exists", field: P("pool") });
    c.expectRefused([exchangeOp(ted, lp, asset(9000, eur), asset(1200, usd))],
      { exception: "liquidity_pool_exchange_unfillable_price", rule: "liquidity_pool_exchange.min_to_receive", field: P("min_to_receive.amount") });

    // Sell 1000 EUR: maker fee 1000*0.2% = 2, pool receives 998; new B = ceil(1200000/1998) = 601, delta 599;
    // pool taker fee 599*2% = 11; pays 588; taker market fee 588*0.8% = 4; ted receives 584.
    c.expectRefused([exchangeOp(ted, lp, asset(1000, eur), asset(585, usd))],
      { exception: "liquidity_pool_exchange_unfillable_price", rule: "liquidity_pool_exchange.min_to_receive", field: P("min_to_receive.amount") });
    expect(c.result(exchangeOp(ted, lp, asset(1000, eur), asset(584, usd))))
      .toEqual(exch([asset(1000, eur)], [asset(584, usd)], [asset(2, eur), asset(4, usd), asset(11, usd)]));
    expect(pool(c, lp)).toMatchObject({ balance_a: 1998n, balance_b: 612n, virtual_value: 1998n * 612n });
    expect([fees(c, eur), fees(c, usd)]).toEqual([2n, 4n]);
    expect(c.balance(ted, eur)).toBe(INIT - 1000n);
    expect(c.balance(ted, usd)).toBe(INIT + 584n);

    // Sell 1000 USD: maker fee 3, pool receives 997; new A = ceil(1222776/1609) = 760, delta 1238;
    // pool taker fee 24; pays 1214; taker market fee 1214*0.5% = 6; ted receives 1208.
    c.expectRefused([exchangeOp(ted, lp, asset(1000, usd), asset(1209, eur))],
      { exception: "liquidity_pool_exchange_unfillable_price", rule: "liquidity_pool_exchange.min_to_receive", field: P("min_to_receive.amount") });
    expect(c.result(exchangeOp(ted, lp, asset(1000, usd), asset(600, eur))))
      .toEqual(exch([asset(1000, usd)], [asset(1208, eur)], [asset(3, usd), asset(6, eur), asset(24, eur)]));
    expect(pool(c, lp)).toMatchObject({ balance_a: 784n, balance_b: 1609n, virtual_value: 784n * 1609n });
    expect([fees(c, eur), fees(c, usd)]).toEqual([8n, 7n]);
    expect(c.balance(ted, eur)).toBe(INIT - 1000n + 1208n);
    expect(c.balance(ted, usd)).toBe(INIT + 584n - 1000n);
    expect(supply(c, lpa)).toBe(1200n);
  });

  it("applies the assets' market white and blacklists (core-2350, the test's post-hardfork part)", () => {
    const { c, ted, eur, usd, lp } = funded();
    const both = (rule: string | undefined): void => {
      for (const [sell, recv] of [[eur, usd], [usd, eur]] as const) {
        const op = exchangeOp(ted, lp, asset(1000, sell), asset(1, recv));
        if (rule === undefined) c.result(op);
        else c.expectRefused([op], { exception: A, rule, field: P("pool") });
      }
    };
    // The test's first lists: both assets whitelist only CORE and blacklist EUR and USD.
    const lists = (wl: string[], bl: string[]) => (o: T.AssetOptions): T.AssetOptions => ({ ...o, whitelist_markets: wl, blacklist_markets: bl });
    updateOptions(c, usd, lists(["1.3.0"], [eur, usd].sort()));
    updateOptions(c, eur, lists(["1.3.0"], [eur, usd].sort()));
    both("liquidity_pool_exchange.market_whitelisted_by_a");
    updateOptions(c, usd, lists([], []));
    updateOptions(c, eur, lists([], []));
    both(undefined);
    updateOptions(c, usd, lists(["1.3.0"], []));
    both("liquidity_pool_exchange.market_whitelisted_by_b");
    updateOptions(c, usd, lists(["1.3.0", eur], []));
    both(undefined);
    updateOptions(c, usd, lists(["1.3.0", eur], [usd]));
    both(undefined);
    updateOptions(c, usd, lists([], [eur, usd].sort()));
    both("liquidity_pool_exchange.market_not_blacklisted_by_b");
    updateOptions(c, usd, lists([], [usd]));
    both(undefined);
    updateOptions(c, eur, lists(["1.3.0"], []));
    both("liquidity_pool_exchange.market_whitelisted_by_a");
    updateOptions(c, eur, lists(["1.3.0", usd], []));
    both(undefined);
    updateOptions(c, eur, lists([], [usd]));
    both("liquidity_pool_exchange.market_not_blacklisted_by_a");
  });

  it("refuses a maker market fee that takes the whole amount sold", () => {
    const { c, ted, eur, usd, lp } = funded();
    // 100% maker fee on EUR (max_market_fee unlimited): the maker fee equals the amount sold.
    updateOptions(c, eur, (o) => ({ ...o, market_fee_percent: 10000 }));
    c.expectRefused([exchangeOp(ted, lp, asset(1000, eur), asset(1, usd))],
      { exception: A, rule: "liquidity_pool_exchange.maker_fee_below_amount", field: P("amount_to_sell.amount") });
  });

  it("refuses accounts the pool's assets do not authorize (is_authorized_asset, via allowed_assets)", () => {
    const { c, sam, ted, eur, usd, lpa, lp } = funded();
    c.result(depositOp(ted, lp, asset(100, eur), asset(120, usd)));
    const allow = (who: string, ids: string[]): void => c.modify<T.AccountObject>(who, (a) => ({ ...a, allowed_assets: ["1.3.0", ...ids].sort() }));
    allow(ted, [eur, usd]);
    c.expectRefused([depositOp(ted, lp, asset(100, eur), asset(120, usd))], { exception: A, rule: "liquidity_pool_deposit.share_asset_authorized", field: P("account") });
    c.expectRefused([withdrawOp(ted, lp, asset(10, lpa))], { exception: A, rule: "liquidity_pool_withdraw.share_asset_authorized", field: P("account") });
    c.result(exchangeOp(ted, lp, asset(100, eur), asset(1, usd))); // the share asset plays no part in exchange
    allow(ted, [usd, lpa]);
    c.expectRefused([depositOp(ted, lp, asset(100, eur), asset(120, usd))], { exception: A, rule: "liquidity_pool_deposit.asset_a_authorized", field: P("account") });
    c.expectRefused([withdrawOp(ted, lp, asset(10, lpa))], { exception: A, rule: "liquidity_pool_withdraw.asset_a_authorized", field: P("account") });
    c.expectRefused([exchangeOp(ted, lp, asset(100, usd), asset(1, eur))], { exception: A, rule: "liquidity_pool_exchange.asset_a_authorized", field: P("account") });
    allow(ted, [eur, lpa]);
    c.expectRefused([depositOp(ted, lp, asset(100, eur), asset(120, usd))], { exception: A, rule: "liquidity_pool_deposit.asset_b_authorized", field: P("account") });
    c.expectRefused([withdrawOp(ted, lp, asset(10, lpa))], { exception: A, rule: "liquidity_pool_withdraw.asset_b_authorized", field: P("account") });
    c.expectRefused([exchangeOp(ted, lp, asset(100, eur), asset(1, usd))], { exception: A, rule: "liquidity_pool_exchange.asset_b_authorized", field: P("account") });
    void sam;
  });
});
