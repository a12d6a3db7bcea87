// Test support for the SmartCoin evaluator tests (call_order.test.ts, settle.test.ts): database_fixture's
// make_bitasset, update_feed_producers + publish_feed, and the refusal check they share.
import { expect } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { type Chain, refusal } from "./misc_ops_test_support.js";

export const CORE = "1.3.0";
export const MAX = 1000000000000000n; // GRAPHENE_MAX_SHARE_SUPPLY
export const core = (n: bigint | number): T.Asset => ({ amount: BigInt(n), asset_id: CORE });
export const amount = (n: bigint | number, asset_id: string): T.Asset => ({ amount: BigInt(n), asset_id });
export const price = (base: T.Asset, quote: T.Asset): T.Price => ({ base, quote });

// asset_issuer_permission_flags (types.hpp)
export const CHARGE_MARKET_FEE = 0x01;
export const WHITE_LIST = 0x02;
export const DISABLE_FORCE_SETTLE = 0x10;
export const GLOBAL_SETTLE = 0x20;
export const DISABLE_NEW_SUPPLY = 0x400;
export const DISABLE_COLLATERAL_BIDDING = 0x8000;

export interface BitassetSpec { flags?: number; permissions?: number; backing?: string; pm?: boolean; precision?: number }

/** database_fixture::make_bitasset (precision 5 unless given, 1% market fee, permissions = flags, flags
 *  without global_settle) from `issuer`; create_prediction_market when `pm`. */
export function createBitasset(c: Chain, symbol: string, issuer: string, spec: BitassetSpec = {}): string {
  const flags = spec.flags ?? CHARGE_MARKET_FEE;
  return c.result([10, {
    fee: core(0), issuer, symbol, precision: spec.precision ?? 5, is_prediction_market: spec.pm ?? false, extensions: [],
    common_options: {
      max_supply: MAX, market_fee_percent: 100, max_market_fee: MAX, issuer_permissions: spec.permissions ?? flags, flags: flags & ~GLOBAL_SETTLE,
      core_exchange_rate: price(amount(1, "1.3.1"), core(1)), whitelist_authorities: [], blacklist_authorities: [],
      whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
    },
    bitasset_opts: {
      feed_lifetime_sec: 86400, minimum_feeds: 1, force_settlement_delay_sec: 86400, force_settlement_offset_percent: 0,
      maximum_force_settlement_volume: 2000, short_backing_asset: spec.backing ?? CORE, extensions: {},
    },
  }])[1] as string;
}

/** update_feed_producers(asset, {producer}) then publish_feed with MCR 1750 and the given MSSR. */
export function feed(c: Chain, assetId: string, producer: string, settlement: T.Price, mssr = 1500): void {
  const issuer = c.get<T.AssetObject>(assetId).issuer;
  c.pushOk([[13, { fee: core(0), issuer, asset_to_update: assetId, new_feed_producers: [producer], extensions: [] }]]);
  c.pushOk([[19, {
    fee: core(0), publisher: producer, asset_id: assetId, extensions: {},
    feed: { settlement_price: settlement, core_exchange_rate: price(amount(settlement.base.amount, assetId), core(settlement.quote.amount)), maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: mssr },
  }]]);
}

/** The operation is refused with exactly this exception, rule and field, and the state is the same object. */
export function expectRefused(c: Chain, op: T.Operation, rule: string, field: string, exception = "assert_exception"): void {
  const before = c.f.state;
  const r = c.push([op]);
  expect(refusal(r)).toEqual({ exception, rule, field: field === "" ? "operations[0][1]" : `operations[0][1].${field}` });
  expect(c.f.state).toBe(before);
}

export const assetOf = (c: Chain, id: string): T.AssetObject => c.get<T.AssetObject>(id);
export const bitassetOf = (c: Chain, id: string): T.AssetBitassetDataObject => c.get(assetOf(c, id).bitasset_data_id!);

/** settle_tests.cpp global_settle_rounding_test's start: paul, michael and rachel; michael holds 100000000 CORE
 *  and paul 10000000; paul issues USDBIT (global_settle permitted) fed at 100 USD / 5 CORE with MCR 1750 and
 *  MSSR 1100, and borrows 1001 USD on 101 CORE. */
export function usdbitOfPaul(c: Chain): { paul: string; michael: string; rachel: string; usd: string } {
  const paul = c.createAccount("paul");
  const michael = c.createAccount("michael");
  const rachel = c.createAccount("rachel");
  c.transfer("1.2.0", michael, core(100000000));
  c.transfer("1.2.0", paul, core(10000000));
  const usd = createBitasset(c, "USDBIT", paul, { permissions: CHARGE_MARKET_FEE | GLOBAL_SETTLE });
  feed(c, usd, paul, price(amount(100, usd), core(5)), 1100);
  c.pushOk([[3, { fee: core(0), funding_account: paul, delta_collateral: core(101), delta_debt: amount(1001, usd), extensions: {} }]]);
  return { paul, michael, rachel, usd };
}
