// asset_ops.cpp: asset_options::validate, asset_options::validate_flags and bitasset_options::validate.
import { describe, expect, it } from "vitest";
import type { AssetOptions, BitassetOptions } from "../../../generated/native-types.js";
import {
  charge_market_fee, committee_fed_asset, disable_bsrm_update, disable_collateral_bidding, disable_confidential, disable_force_settle,
  disable_icr_update, disable_mcr_update, disable_mssr_update, disable_new_supply, global_settle, lock_max_supply, override_authority,
  transfer_restricted, white_list, witness_fed_asset,
} from "../config.js";
import { BSRM_TYPE_COUNT, validateAssetOptions, validateAssetOptionsFlags, validateBitassetOptions } from "./asset_options.js";
import { asset, expectOk, expectRefused, make, price, validAssetOptions } from "./test_support.js";

const MAX = 1000000000000000n; // GRAPHENE_MAX_SHARE_SUPPLY (config.hpp)

describe("asset_options::validate", () => {
  const T = "asset_options";
  const check = (patch: Partial<AssetOptions>) => validateAssetOptions(validAssetOptions(patch));

  it("accepts the defaults (with a valid core exchange rate) and the limits", () => {
    expectOk(check({}));
    expectOk(check({ max_supply: 1n, market_fee_percent: 10000, max_market_fee: 0n, extensions: { taker_fee_percent: 10000, reward_percent: 10000 } }));
    expectOk(check({ max_supply: MAX, max_market_fee: MAX }));
    // Either side of the core exchange rate may be the core asset.
    expectOk(check({ core_exchange_rate: price(asset(3, "1.3.9"), asset(7)) }));
    expectOk(check({ flags: white_list, whitelist_authorities: ["1.2.9"], blacklist_authorities: ["1.2.10"] }));
    expectOk(check({ whitelist_markets: ["1.3.2"], blacklist_markets: ["1.3.3"] }));
    // Every issuer permission bit is known (the mask covers all 16 bits).
    expectOk(check({ issuer_permissions: 0xffff }));
    // Flags only validate_flags looks at pass here.
    expectOk(check({ flags: disable_mcr_update | disable_collateral_bidding }));
    expectOk(check({ flags: witness_fed_asset }));
  });

  it.each([
    ["max_supply_positive", "max_supply", { max_supply: 0n }],
    ["max_supply_positive", "max_supply", { max_supply: -1n }],
    ["max_supply_max", "max_supply", { max_supply: MAX + 1n }],
    ["market_fee_percent_max", "market_fee_percent", { market_fee_percent: 10001 }],
    ["taker_fee_percent_max", "extensions.taker_fee_percent", { extensions: { taker_fee_percent: 10001 } }],
    ["max_market_fee_range", "max_market_fee", { max_market_fee: -1n }],
    ["max_market_fee_range", "max_market_fee", { max_market_fee: MAX + 1n }],
    ["flags_no_global_settle", "flags", { flags: global_settle }],
    ["flags_one_feed_source", "flags", { flags: witness_fed_asset | committee_fed_asset }],
    ["core_exchange_rate_has_core", "core_exchange_rate", { core_exchange_rate: price(asset(1, "1.3.2"), asset(1, "1.3.1")) }],
    ["authorities_need_white_list", "flags", { whitelist_authorities: ["1.2.9"] }],
    ["authorities_need_white_list", "flags", { blacklist_authorities: ["1.2.9"] }],
    ["markets_disjoint", "whitelist_markets[1]", { whitelist_markets: ["1.3.2", "1.3.3"], blacklist_markets: ["1.3.3"] }],
    ["reward_percent_max", "extensions.reward_percent", { extensions: { reward_percent: 10001 } }],
  ] as const)("refuses: %s at %j", (rule, field, patch) => {
    expectRefused(check(patch as Partial<AssetOptions>), `${T}.${rule}`, field);
  });

  it("validates the core exchange rate as a price", () => {
    expectRefused(check({ core_exchange_rate: price(asset(0), asset(1, "1.3.1")) }), "price.base_amount_positive", "core_exchange_rate.base.amount");
    expectRefused(check({ core_exchange_rate: price(asset(1), asset(-1, "1.3.1")) }), "price.quote_amount_positive", "core_exchange_rate.quote.amount");
    expectRefused(check({ core_exchange_rate: price(asset(1), asset(1)) }), "price.distinct_assets", "core_exchange_rate.quote.asset_id");
  });

  it("checks in asset_ops.cpp's order: supply, fees, flags, rate, lists", () => {
    expectRefused(check({ max_supply: 0n, market_fee_percent: 10001 }), `${T}.max_supply_positive`, "max_supply");
    expectRefused(check({ flags: global_settle, core_exchange_rate: price(asset(0), asset(0)) }), `${T}.flags_no_global_settle`, "flags");
    expectRefused(check({ core_exchange_rate: price(asset(0), asset(0)), whitelist_authorities: ["1.2.9"] }), "price.base_amount_positive", "core_exchange_rate.base.amount");
  });
});

describe("asset_options::validate_flags", () => {
  const T = "asset_options";
  const withFlags = (flags: number) => validAssetOptions({ flags });
  const UIA_FLAGS = charge_market_fee | white_list | override_authority | transfer_restricted | disable_confidential | lock_max_supply | disable_new_supply;

  it("accepts every UIA flag on any asset and the bitasset flags on a market-issued asset", () => {
    expectOk(validateAssetOptionsFlags(withFlags(UIA_FLAGS), false));
    expectOk(validateAssetOptionsFlags(withFlags(UIA_FLAGS), true));
    expectOk(validateAssetOptionsFlags(withFlags(disable_force_settle | witness_fed_asset | disable_collateral_bidding), true));
    // After the core-2281 hardfork disable_collateral_bidding is a valid flag (the default).
    expectOk(validateAssetOptionsFlags(withFlags(disable_collateral_bidding), true));
  });

  it.each([
    ["flags_no_disable_mcr_update", disable_mcr_update],
    ["flags_no_disable_icr_update", disable_icr_update],
    ["flags_no_disable_mssr_update", disable_mssr_update],
    ["flags_no_disable_bsrm_update", disable_bsrm_update],
  ] as const)("refuses the permission-only flag: %s", (rule, flag) => {
    expectRefused(validateAssetOptionsFlags(withFlags(flag), true), `${T}.${rule}`, "flags");
  });

  it.each([
    ["disable_force_settle", disable_force_settle], ["witness_fed_asset", witness_fed_asset], ["committee_fed_asset", committee_fed_asset],
    ["disable_collateral_bidding", disable_collateral_bidding],
  ] as const)("refuses the bitasset flag %s on a user-issued asset", (_name, flag) => {
    expectRefused(validateAssetOptionsFlags(withFlags(flag), false), `${T}.flags_uia_only`, "flags");
  });

  it("refuses disable_collateral_bidding when the pre-core-2281 rule is asked for", () => {
    expectRefused(validateAssetOptionsFlags(withFlags(disable_collateral_bidding), true, false), `${T}.flags_no_disable_collateral_bidding`, "flags");
  });
});

describe("bitasset_options::validate", () => {
  const T = "bitasset_options";
  const check = (patch: Partial<BitassetOptions>) => validateBitassetOptions(make<BitassetOptions>("bitasset_options", patch));

  it("accepts the defaults and the bounds", () => {
    expectOk(check({}));
    expectOk(check({
      minimum_feeds: 1, force_settlement_offset_percent: 10000, maximum_force_settlement_volume: 10000,
      extensions: {
        margin_call_fee_ratio: 32000, initial_collateral_ratio: 1001, maintenance_collateral_ratio: 32000, maximum_short_squeeze_ratio: 1001,
        force_settle_fee_percent: 10000, black_swan_response_method: BSRM_TYPE_COUNT - 1,
      },
    }));
    expectOk(check({ extensions: { margin_call_fee_ratio: 0 } }));
  });

  it.each([
    ["minimum_feeds_positive", "minimum_feeds", { minimum_feeds: 0 }],
    ["force_settlement_offset_percent_max", "force_settlement_offset_percent", { force_settlement_offset_percent: 10001 }],
    ["maximum_force_settlement_volume_max", "maximum_force_settlement_volume", { maximum_force_settlement_volume: 10001 }],
    ["margin_call_fee_ratio_max", "extensions.margin_call_fee_ratio", { extensions: { margin_call_fee_ratio: 32001 } }],
    ["initial_collateral_ratio_min", "extensions.initial_collateral_ratio", { extensions: { initial_collateral_ratio: 1000 } }],
    ["initial_collateral_ratio_max", "extensions.initial_collateral_ratio", { extensions: { initial_collateral_ratio: 32001 } }],
    ["maintenance_collateral_ratio_min", "extensions.maintenance_collateral_ratio", { extensions: { maintenance_collateral_ratio: 0 } }],
    ["maintenance_collateral_ratio_max", "extensions.maintenance_collateral_ratio", { extensions: { maintenance_collateral_ratio: 65535 } }],
    ["maximum_short_squeeze_ratio_min", "extensions.maximum_short_squeeze_ratio", { extensions: { maximum_short_squeeze_ratio: 1000 } }],
    ["maximum_short_squeeze_ratio_max", "extensions.maximum_short_squeeze_ratio", { extensions: { maximum_short_squeeze_ratio: 32001 } }],
    ["force_settle_fee_percent_max", "extensions.force_settle_fee_percent", { extensions: { force_settle_fee_percent: 10001 } }],
    ["black_swan_response_method_known", "extensions.black_swan_response_method", { extensions: { black_swan_response_method: 4 } }],
  ] as const)("refuses: %s at %j", (rule, field, patch) => {
    expectRefused(check(patch as Partial<BitassetOptions>), `${T}.${rule}`, field);
  });

  it("BSRM_TYPE_COUNT is the number of black_swan_response_type values (asset_ops.hpp)", () => {
    expect(BSRM_TYPE_COUNT).toBe(4);
  });
});
