// asset_options::validate, asset_options::validate_flags and bitasset_options::validate (asset_ops.cpp).
import { either as E } from "fp-ts";
import type { AssetOptions, BitassetOptions } from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import {
  committee_fed_asset, disable_bsrm_update, disable_collateral_bidding, disable_icr_update,
  disable_mcr_update, disable_mssr_update, global_settle, UIA_ASSET_ISSUER_PERMISSION_MASK, white_list, witness_fed_asset,
} from "../config.js";
import { instanceOf, MAX_COLLATERAL_RATIO, MAX_SHARE_SUPPLY, MIN_COLLATERAL_RATIO, OK, PERCENT_100, under, type Check } from "./common.js";
import { validatePrice } from "./price.js";

/** black_swan_response_type::BSRM_TYPE_COUNT (asset_ops.hpp). */
export const BSRM_TYPE_COUNT = 4;

const percentMax = (rule: string, field: string, v: number): Check =>
  v > PERCENT_100 ? assertFail(rule, field, `${field} ${v} exceeds ${PERCENT_100}`) : OK;

export function validateAssetOptions(o: AssetOptions): Check {
  const T = "asset_options";
  if (!(o.max_supply > 0n)) return assertFail(`${T}.max_supply_positive`, "max_supply", `max_supply ${o.max_supply} is not positive`);
  if (o.max_supply > MAX_SHARE_SUPPLY) return assertFail(`${T}.max_supply_max`, "max_supply", `max_supply ${o.max_supply} exceeds ${MAX_SHARE_SUPPLY}`);
  const mfp = percentMax(`${T}.market_fee_percent_max`, "market_fee_percent", o.market_fee_percent);
  if (E.isLeft(mfp)) return mfp;
  if (o.extensions.taker_fee_percent !== undefined) {
    const r = percentMax(`${T}.taker_fee_percent_max`, "extensions.taker_fee_percent", o.extensions.taker_fee_percent);
    if (E.isLeft(r)) return r;
  }
  if (!(o.max_market_fee >= 0n && o.max_market_fee <= MAX_SHARE_SUPPLY))
    return assertFail(`${T}.max_market_fee_range`, "max_market_fee", `max_market_fee ${o.max_market_fee} is outside [0, ${MAX_SHARE_SUPPLY}]`);
  // asset_ops.cpp also asserts `issuer_permissions & (uint16_t)~ASSET_ISSUER_PERMISSION_MASK` is 0: the
  // mask covers all 16 bits, so that check can never fail and is left out.
  if ((o.flags & global_settle) !== 0)
    return assertFail(`${T}.flags_no_global_settle`, "flags", "the global_settle flag is an issuer permission only");
  if ((o.flags & (witness_fed_asset | committee_fed_asset)) === (witness_fed_asset | committee_fed_asset))
    return assertFail(`${T}.flags_one_feed_source`, "flags", "witness_fed_asset and committee_fed_asset are both set");
  const cer = under("core_exchange_rate", validatePrice(o.core_exchange_rate));
  if (E.isLeft(cer)) return cer;
  if (instanceOf(o.core_exchange_rate.base.asset_id) !== 0n && instanceOf(o.core_exchange_rate.quote.asset_id) !== 0n)
    return assertFail(`${T}.core_exchange_rate_has_core`, "core_exchange_rate", "neither side of the core exchange rate is the core asset");
  if ((o.whitelist_authorities.length > 0 || o.blacklist_authorities.length > 0) && (o.flags & white_list) === 0)
    return assertFail(`${T}.authorities_need_white_list`, "flags", "white or black list authorities are given without the white_list flag");
  // Only the first of asset_ops.cpp's two symmetric market loops can fail.
  const both = o.whitelist_markets.findIndex((m) => o.blacklist_markets.includes(m));
  if (both >= 0)
    return assertFail(`${T}.markets_disjoint`, `whitelist_markets[${both}]`, `market ${o.whitelist_markets[both]} is both white and black listed`);
  if (o.extensions.reward_percent !== undefined) return percentMax(`${T}.reward_percent_max`, "extensions.reward_percent", o.extensions.reward_percent);
  return OK;
}

/** asset_options::validate_flags( is_market_issued, allow_disable_collateral_bid ). Not part of any
 *  validate(): the asset_create and asset_update evaluators (and proposal_create's hardfork visitor) call
 *  it. After the core-2281 hardfork allow_disable_collateral_bid is true, the default here. */
export function validateAssetOptionsFlags(o: AssetOptions, isMarketIssued: boolean, allowDisableCollateralBid = true): Check {
  const T = "asset_options";
  // The "unknown bit in flags" assert masks with (uint16_t)~ASSET_ISSUER_PERMISSION_MASK == 0: it never fails.
  if (!allowDisableCollateralBid && (o.flags & disable_collateral_bidding) !== 0)
    return assertFail(`${T}.flags_no_disable_collateral_bidding`, "flags", "disable_collateral_bidding cannot be set before the core-2281 hardfork");
  const permissionOnly: Array<[number, string]> = [
    [disable_mcr_update, "disable_mcr_update"], [disable_icr_update, "disable_icr_update"],
    [disable_mssr_update, "disable_mssr_update"], [disable_bsrm_update, "disable_bsrm_update"],
  ];
  for (const [bit, name] of permissionOnly)
    if ((o.flags & bit) !== 0) return assertFail(`${T}.flags_no_${name}`, "flags", `the ${name} flag is an issuer permission only`);
  if (!isMarketIssued && (o.flags & ~UIA_ASSET_ISSUER_PERMISSION_MASK & 0xffff) !== 0)
    return assertFail(`${T}.flags_uia_only`, "flags", `flags ${o.flags} include bitasset-only flags on a user-issued asset`);
  return OK;
}

export function validateBitassetOptions(o: BitassetOptions): Check {
  const T = "bitasset_options";
  if (!(o.minimum_feeds > 0)) return assertFail(`${T}.minimum_feeds_positive`, "minimum_feeds", "minimum_feeds is 0");
  for (const [v, name] of [[o.force_settlement_offset_percent, "force_settlement_offset_percent"], [o.maximum_force_settlement_volume, "maximum_force_settlement_volume"]] as const) {
    const r = percentMax(`${T}.${name}_max`, name, v);
    if (E.isLeft(r)) return r;
  }
  const ext = o.extensions;
  if (ext.margin_call_fee_ratio !== undefined && ext.margin_call_fee_ratio > MAX_COLLATERAL_RATIO)
    return assertFail(`${T}.margin_call_fee_ratio_max`, "extensions.margin_call_fee_ratio", `margin_call_fee_ratio ${ext.margin_call_fee_ratio} exceeds ${MAX_COLLATERAL_RATIO}`);
  for (const name of ["initial_collateral_ratio", "maintenance_collateral_ratio", "maximum_short_squeeze_ratio"] as const) {
    const v = ext[name];
    if (v === undefined) continue;
    if (v < MIN_COLLATERAL_RATIO) return assertFail(`${T}.${name}_min`, `extensions.${name}`, `${name} ${v} is below ${MIN_COLLATERAL_RATIO}`);
    if (v > MAX_COLLATERAL_RATIO) return assertFail(`${T}.${name}_max`, `extensions.${name}`, `${name} ${v} exceeds ${MAX_COLLATERAL_RATIO}`);
  }
  if (ext.force_settle_fee_percent !== undefined) {
    const r = percentMax(`${T}.force_settle_fee_percent_max`, "extensions.force_settle_fee_percent", ext.force_settle_fee_percent);
    if (E.isLeft(r)) return r;
  }
  if (ext.black_swan_response_method !== undefined && !(ext.black_swan_response_method < BSRM_TYPE_COUNT))
    return assertFail(`${T}.black_swan_response_method_known`, "extensions.black_swan_response_method", `black_swan_response_method ${ext.black_swan_response_method} is not below ${BSRM_TYPE_COUNT}`);
  return OK;
}
