// asset_ops.cpp / asset_ops.hpp: validate() of the asset operations 10..19, 42 (virtual), 43, 47 and 48.
import { either as E } from "fp-ts";
import type {
  AssetClaimFeesOperation, AssetClaimPoolOperation, AssetCreateOperation, AssetFundFeePoolOperation, AssetGlobalSettleOperation,
  AssetIssueOperation, AssetPublishFeedOperation, AssetReserveOperation, AssetSettleCancelOperation, AssetSettleOperation,
  AssetUpdateBitassetOperation, AssetUpdateFeedProducersOperation, AssetUpdateIssuerOperation, AssetUpdateOperation, Price,
} from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import {
  committee_fed_asset, disable_bsrm_update, global_settle, NON_UIA_ONLY_ISSUER_PERMISSION_MASK, witness_fed_asset,
} from "../config.js";
import { ASSET_ONE, ASSET_ZERO, feeNonNegative, MAX_COLLATERAL_RATIO, MAX_SHARE_SUPPLY, MIN_COLLATERAL_RATIO, OK, under, type Check } from "./common.js";
import { validateAssetOptions, validateBitassetOptions } from "./asset_options.js";
import { isNullPrice, multiplyByPrice, validatePrice, validatePriceFeed } from "./price.js";
import { isValidSymbol } from "./symbols.js";

/** Precision of an asset: at most 12 decimal places (asset_ops.cpp). */
const MAX_PRECISION = 12;

/** `asset(1, from) * cer` must give an amount of `expected`: the core exchange rate is between `from` and
 *  `expected` (asset_create: 1.3.0 and the placeholder 1.3.1; asset_update: the asset and 1.3.0). */
function checkCoreExchangeRate(T: string, from: string, expected: string, cer: Price, field: string): Check {
  const product = multiplyByPrice({ amount: 1n, asset_id: from }, cer);
  if (E.isLeft(product)) return under(field, E.left(product.left));
  if (product.right.asset_id !== expected)
    return assertFail(`${T}.core_exchange_rate_assets`, field, `the core exchange rate converts ${from} to ${product.right.asset_id}, not ${expected}`);
  return OK;
}

export function validateAssetCreateOperation(op: AssetCreateOperation): Check {
  const T = "asset_create_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!isValidSymbol(op.symbol)) return assertFail(`${T}.symbol_valid`, "symbol", `${JSON.stringify(op.symbol)} is not a valid asset symbol`);
  const opts = under("common_options", validateAssetOptions(op.common_options));
  if (E.isLeft(opts)) return opts;
  const perms = op.common_options.issuer_permissions;
  // Permissions that only a market-issued asset has, apart from the two feed sources.
  if ((perms & NON_UIA_ONLY_ISSUER_PERMISSION_MASK & ~(witness_fed_asset | committee_fed_asset) & 0xffff) !== 0 && !op.bitasset_opts)
    return assertFail(`${T}.bitasset_permissions_need_bitasset_opts`, "common_options.issuer_permissions", `issuer_permissions ${perms} need bitasset_opts`);
  if (op.is_prediction_market) {
    if (!op.bitasset_opts) return assertFail(`${T}.prediction_market_needs_bitasset_opts`, "bitasset_opts", "a prediction market needs bitasset_opts");
    if ((perms & global_settle) === 0)
      return assertFail(`${T}.prediction_market_global_settle`, "common_options.issuer_permissions", "a prediction market needs the global_settle permission");
    if ((perms & disable_bsrm_update) !== 0)
      return assertFail(`${T}.prediction_market_bsrm_updatable`, "common_options.issuer_permissions", "a prediction market cannot have disable_bsrm_update");
    if (op.bitasset_opts.extensions.black_swan_response_method !== undefined)
      return assertFail(`${T}.prediction_market_no_bsrm`, "bitasset_opts.extensions.black_swan_response_method", "a prediction market cannot set black_swan_response_method");
  }
  if (op.bitasset_opts) {
    const r = under("bitasset_opts", validateBitassetOptions(op.bitasset_opts));
    if (E.isLeft(r)) return r;
  }
  const cer = checkCoreExchangeRate(T, ASSET_ZERO, ASSET_ONE, op.common_options.core_exchange_rate, "common_options.core_exchange_rate");
  if (E.isLeft(cer)) return cer;
  if (op.precision > MAX_PRECISION) return assertFail(`${T}.precision_max`, "precision", `precision ${op.precision} exceeds ${MAX_PRECISION}`);
  return OK;
}

export function validateAssetUpdateOperation(op: AssetUpdateOperation): Check {
  const T = "asset_update_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (op.new_issuer !== undefined && op.new_issuer === op.issuer)
    return assertFail(`${T}.new_issuer_differs`, "new_issuer", `new_issuer ${op.new_issuer} is the current issuer`);
  const opts = under("new_options", validateAssetOptions(op.new_options));
  if (E.isLeft(opts)) return opts;
  const cer = checkCoreExchangeRate(T, op.asset_to_update, ASSET_ZERO, op.new_options.core_exchange_rate, "new_options.core_exchange_rate");
  if (E.isLeft(cer)) return cer;
  const p = op.extensions.new_precision;
  if (p !== undefined && p > MAX_PRECISION) return assertFail(`${T}.new_precision_max`, "extensions.new_precision", `new_precision ${p} exceeds ${MAX_PRECISION}`);
  if (op.extensions.skip_core_exchange_rate !== undefined && op.extensions.skip_core_exchange_rate !== true)
    return assertFail(`${T}.skip_core_exchange_rate_true`, "extensions.skip_core_exchange_rate", "skip_core_exchange_rate, when given, must be true");
  return OK;
}

export function validateAssetUpdateIssuerOperation(op: AssetUpdateIssuerOperation): Check {
  const T = "asset_update_issuer_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (op.issuer === op.new_issuer) return assertFail(`${T}.new_issuer_differs`, "new_issuer", `new_issuer ${op.new_issuer} is the current issuer`);
  return OK;
}

export function validateAssetUpdateBitassetOperation(op: AssetUpdateBitassetOperation): Check {
  const fee = feeNonNegative("asset_update_bitasset_operation", op.fee);
  return E.isLeft(fee) ? fee : under("new_options", validateBitassetOptions(op.new_options));
}

export const validateAssetUpdateFeedProducersOperation = (op: AssetUpdateFeedProducersOperation): Check =>
  feeNonNegative("asset_update_feed_producers_operation", op.fee);

export function validateAssetIssueOperation(op: AssetIssueOperation): Check {
  const T = "asset_issue_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  const a = op.asset_to_issue;
  if (a.amount > MAX_SHARE_SUPPLY) return assertFail(`${T}.amount_max`, "asset_to_issue.amount", `amount ${a.amount} exceeds ${MAX_SHARE_SUPPLY}`);
  if (!(a.amount > 0n)) return assertFail(`${T}.amount_positive`, "asset_to_issue.amount", `amount ${a.amount} is not positive`);
  if (a.asset_id === ASSET_ZERO) return assertFail(`${T}.not_core`, "asset_to_issue.asset_id", "the core asset cannot be issued");
  return OK;
}

export function validateAssetReserveOperation(op: AssetReserveOperation): Check {
  const T = "asset_reserve_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  const a = op.amount_to_reserve;
  if (a.amount > MAX_SHARE_SUPPLY) return assertFail(`${T}.amount_max`, "amount_to_reserve.amount", `amount ${a.amount} exceeds ${MAX_SHARE_SUPPLY}`);
  if (!(a.amount > 0n)) return assertFail(`${T}.amount_positive`, "amount_to_reserve.amount", `amount ${a.amount} is not positive`);
  return OK;
}

export function validateAssetFundFeePoolOperation(op: AssetFundFeePoolOperation): Check {
  const T = "asset_fund_fee_pool_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (op.fee.asset_id !== ASSET_ZERO) return assertFail(`${T}.fee_in_core`, "fee.asset_id", `fee is paid in ${op.fee.asset_id}, not the core asset`);
  if (!(op.amount > 0n)) return assertFail(`${T}.amount_positive`, "amount", `amount ${op.amount} is not positive`);
  return OK;
}

/** asset_settle: a zero amount is allowed here (the evaluator refuses it). */
export function validateAssetSettleOperation(op: AssetSettleOperation): Check {
  const T = "asset_settle_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.amount.amount >= 0n)) return assertFail(`${T}.amount_non_negative`, "amount.amount", `amount ${op.amount.amount} is negative`);
  return OK;
}

export function validateAssetGlobalSettleOperation(op: AssetGlobalSettleOperation): Check {
  const T = "asset_global_settle_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (op.asset_to_settle !== op.settle_price.base.asset_id)
    return assertFail(`${T}.settle_price_base`, "settle_price.base.asset_id", `settle price base ${op.settle_price.base.asset_id} is not ${op.asset_to_settle}`);
  return OK;
}

export function validateAssetPublishFeedOperation(op: AssetPublishFeedOperation): Check {
  const T = "asset_publish_feed_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  const feed = op.feed;
  const fv = under("feed", validatePriceFeed(feed));
  if (E.isLeft(fv)) return fv;
  if (!isNullPrice(feed.core_exchange_rate)) {
    const r = under("feed.core_exchange_rate", validatePrice(feed.core_exchange_rate));
    if (E.isLeft(r)) return r;
  }
  if (!isNullPrice(feed.settlement_price) && !isNullPrice(feed.core_exchange_rate) && feed.settlement_price.base.asset_id !== feed.core_exchange_rate.base.asset_id)
    return assertFail(`${T}.same_base`, "feed.core_exchange_rate.base.asset_id", "settlement price and core exchange rate have different base assets");
  if (isNullPrice(feed.settlement_price)) return assertFail(`${T}.settlement_price_set`, "feed.settlement_price", "the settlement price is null");
  if (isNullPrice(feed.core_exchange_rate)) return assertFail(`${T}.core_exchange_rate_set`, "feed.core_exchange_rate", "the core exchange rate is null");
  // price_feed::is_for: with both prices set, the settlement price's base decides.
  if (feed.settlement_price.base.asset_id !== op.asset_id)
    return assertFail(`${T}.feed_is_for_asset`, "feed.settlement_price.base.asset_id", `the feed is for ${feed.settlement_price.base.asset_id}, not ${op.asset_id}`);
  const icr = op.extensions.initial_collateral_ratio;
  if (icr !== undefined) {
    if (icr < MIN_COLLATERAL_RATIO) return assertFail(`${T}.initial_collateral_ratio_min`, "extensions.initial_collateral_ratio", `initial_collateral_ratio ${icr} is below ${MIN_COLLATERAL_RATIO}`);
    if (icr > MAX_COLLATERAL_RATIO) return assertFail(`${T}.initial_collateral_ratio_max`, "extensions.initial_collateral_ratio", `initial_collateral_ratio ${icr} exceeds ${MAX_COLLATERAL_RATIO}`);
  }
  return OK;
}

export function validateAssetClaimFeesOperation(op: AssetClaimFeesOperation): Check {
  const T = "asset_claim_fees_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.amount_to_claim.amount > 0n)) return assertFail(`${T}.amount_positive`, "amount_to_claim.amount", `amount ${op.amount_to_claim.amount} is not positive`);
  const from = op.extensions.claim_from_asset_id;
  if (from !== undefined && from === op.amount_to_claim.asset_id)
    return assertFail(`${T}.claim_from_other_asset`, "extensions.claim_from_asset_id", `claim_from_asset_id ${from} is the claimed asset itself`);
  return OK;
}

export function validateAssetClaimPoolOperation(op: AssetClaimPoolOperation): Check {
  const T = "asset_claim_pool_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (op.fee.asset_id === op.asset_id) return assertFail(`${T}.fee_not_in_asset`, "fee.asset_id", `the fee is paid in ${op.asset_id}, the asset whose pool is claimed`);
  if (!(op.amount_to_claim.amount > 0n)) return assertFail(`${T}.amount_positive`, "amount_to_claim.amount", `amount ${op.amount_to_claim.amount} is not positive`);
  if (op.amount_to_claim.asset_id !== ASSET_ZERO) return assertFail(`${T}.amount_in_core`, "amount_to_claim.asset_id", `the pool holds the core asset, not ${op.amount_to_claim.asset_id}`);
  return OK;
}

/** asset_settle_cancel_operation (42) is virtual: its validate() always fails. */
export const validateAssetSettleCancelOperation = (_op: AssetSettleCancelOperation): Check =>
  assertFail("asset_settle_cancel_operation.virtual", "", "asset_settle_cancel_operation is a virtual operation");
