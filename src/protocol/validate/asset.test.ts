// asset_ops.cpp validate() of the asset operations: 10..19, 42 (virtual), 43, 47, 48.
import { describe, it } from "vitest";
import type {
  AssetClaimFeesOperation, AssetClaimPoolOperation, AssetCreateOperation, AssetFundFeePoolOperation, AssetGlobalSettleOperation,
  AssetIssueOperation, AssetPublishFeedOperation, AssetReserveOperation, AssetSettleCancelOperation, AssetSettleOperation,
  AssetOptions, AssetUpdateBitassetOperation, AssetUpdateFeedProducersOperation, AssetUpdateIssuerOperation, AssetUpdateOperation,
  BitassetOptions, PriceFeed,
} from "../../../generated/native-types.js";
import { committee_fed_asset, disable_bsrm_update, disable_force_settle, global_settle, lock_max_supply, witness_fed_asset } from "../config.js";
import {
  validateAssetClaimFeesOperation, validateAssetClaimPoolOperation, validateAssetCreateOperation, validateAssetFundFeePoolOperation,
  validateAssetGlobalSettleOperation, validateAssetIssueOperation, validateAssetPublishFeedOperation, validateAssetReserveOperation,
  validateAssetSettleCancelOperation, validateAssetSettleOperation, validateAssetUpdateBitassetOperation,
  validateAssetUpdateFeedProducersOperation, validateAssetUpdateIssuerOperation, validateAssetUpdateOperation,
} from "./asset.js";
import { asset, expectOk, expectRefused, make, price, validAssetOptions, zeroOf } from "./test_support.js";

const MAX = 1000000000000000n; // GRAPHENE_MAX_SHARE_SUPPLY (config.hpp)
const bitasset = (patch: Partial<BitassetOptions> = {}): BitassetOptions => make<BitassetOptions>("bitasset_options", patch);

describe("asset_create_operation", () => {
  const T = "asset_create_operation";
  const valid = (patch: Partial<AssetCreateOperation> = {}): AssetCreateOperation =>
    make<AssetCreateOperation>("asset_create_operation", { issuer: "1.2.17", symbol: "TEST", precision: 5, common_options: validAssetOptions(), ...patch });
  const check = (patch: Partial<AssetCreateOperation>) => validateAssetCreateOperation(valid(patch));

  it("accepts a UIA, a bitasset and a prediction market", () => {
    expectOk(check({}));
    expectOk(check({ precision: 12, symbol: "TEST.SUB" }));
    // The two feed-source permissions do not need bitasset options.
    expectOk(check({ common_options: validAssetOptions({ issuer_permissions: witness_fed_asset | committee_fed_asset }) }));
    expectOk(check({ common_options: validAssetOptions({ issuer_permissions: disable_force_settle | lock_max_supply }), bitasset_opts: bitasset() }));
    expectOk(check({ is_prediction_market: true, common_options: validAssetOptions({ issuer_permissions: global_settle }), bitasset_opts: bitasset() }));
    // The core exchange rate may be given either way round.
    expectOk(check({ common_options: validAssetOptions({ core_exchange_rate: price(asset(5, "1.3.1"), asset(3)) }) }));
  });

  it.each([
    ["fee_non_negative", "fee.amount", { fee: asset(-1) }],
    ["symbol_valid", "symbol", { symbol: "qqq" }],
    ["symbol_valid", "symbol", { symbol: "BITUSD" }],
    ["bitasset_permissions_need_bitasset_opts", "common_options.issuer_permissions", { common_options: validAssetOptions({ issuer_permissions: disable_force_settle }) }],
    ["prediction_market_needs_bitasset_opts", "bitasset_opts", { is_prediction_market: true }],
    ["prediction_market_global_settle", "common_options.issuer_permissions", { is_prediction_market: true, bitasset_opts: bitasset() }],
    ["prediction_market_bsrm_updatable", "common_options.issuer_permissions",
      { is_prediction_market: true, bitasset_opts: bitasset(), common_options: validAssetOptions({ issuer_permissions: global_settle | disable_bsrm_update }) }],
    ["prediction_market_no_bsrm", "bitasset_opts.extensions.black_swan_response_method",
      { is_prediction_market: true, bitasset_opts: bitasset({ extensions: { black_swan_response_method: 0 } }), common_options: validAssetOptions({ issuer_permissions: global_settle }) }],
    ["core_exchange_rate_assets", "common_options.core_exchange_rate", { common_options: validAssetOptions({ core_exchange_rate: price(asset(1), asset(1, "1.3.2")) }) }],
    ["precision_max", "precision", { precision: 13 }],
  ] as const)("refuses: %s at %j", (rule, field, patch) => {
    expectRefused(check(patch as Partial<AssetCreateOperation>), `${T}.${rule}`, field);
  });

  // tests/tests/operation_tests.cpp create_uia: REQUIRE_THROW_WITH_VALUE on symbol, max_supply and core_exchange_rate
  it("refuses create_uia's bad values", () => {
    for (const symbol of ["A", "qqq", "11", ".AAA", "AAA.", "AB CD", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]) expectRefused(check({ symbol }), `${T}.symbol_valid`, "symbol");
    expectRefused(check({ common_options: validAssetOptions({ max_supply: -1n }) }), "asset_options.max_supply_positive", "common_options.max_supply");
    expectRefused(check({ common_options: validAssetOptions({ max_supply: 0n }) }), "asset_options.max_supply_positive", "common_options.max_supply");
    expectRefused(check({ common_options: validAssetOptions({ core_exchange_rate: price(asset(-100), asset(1)) }) }),
      "price.base_amount_positive", "common_options.core_exchange_rate.base.amount");
    expectRefused(check({ common_options: validAssetOptions({ core_exchange_rate: price(asset(100), asset(-1)) }) }),
      "price.quote_amount_positive", "common_options.core_exchange_rate.quote.amount");
  });

  it("refuses invalid bitasset options and a core exchange rate whose product overflows", () => {
    expectRefused(check({ bitasset_opts: bitasset({ minimum_feeds: 0 }) }), "bitasset_options.minimum_feeds_positive", "bitasset_opts.minimum_feeds");
    // asset(1) * price: 1 * 2e15 / 1 exceeds GRAPHENE_MAX_SHARE_SUPPLY (asset.cpp operator*).
    expectRefused(check({ common_options: validAssetOptions({ core_exchange_rate: price(asset(1), asset(2n * MAX, "1.3.1")) }) }),
      "asset_times_price.result_max", "common_options.core_exchange_rate");
    expectOk(check({ common_options: validAssetOptions({ core_exchange_rate: price(asset(1), asset(MAX, "1.3.1")) }) }));
  });
});

describe("asset_update_operation", () => {
  const T = "asset_update_operation";
  const valid = (patch: Partial<AssetUpdateOperation> = {}): AssetUpdateOperation =>
    make<AssetUpdateOperation>("asset_update_operation", {
      issuer: "1.2.17", asset_to_update: "1.3.5", new_options: validAssetOptions({ core_exchange_rate: price(asset(3), asset(5, "1.3.5")) }), ...patch,
    });
  const check = (patch: Partial<AssetUpdateOperation>) => validateAssetUpdateOperation(valid(patch));
  const cer = (b: ReturnType<typeof asset>, q: ReturnType<typeof asset>) => validAssetOptions({ core_exchange_rate: price(b, q) });

  it("accepts updates with a rate either way round and the extensions", () => {
    expectOk(check({}));
    expectOk(check({ new_issuer: "1.2.18", new_options: cer(asset(5, "1.3.5"), asset(3)), extensions: { new_precision: 12, skip_core_exchange_rate: true } }));
  });

  it.each([
    ["fee_non_negative", "fee.amount", { fee: asset(-1) }],
    // tests/tests/operation_tests.cpp update_uia: the same issuer as before
    ["new_issuer_differs", "new_issuer", { new_issuer: "1.2.17" }],
    // The rate of asset 1.3.0 must convert the asset to core: here it converts core to 1.3.5.
    ["core_exchange_rate_assets", "new_options.core_exchange_rate", { asset_to_update: "1.3.0", new_options: cer(asset(3), asset(5, "1.3.5")) }],
    ["new_precision_max", "extensions.new_precision", { extensions: { new_precision: 13 } }],
    ["skip_core_exchange_rate_true", "extensions.skip_core_exchange_rate", { extensions: { skip_core_exchange_rate: false } }],
  ] as const)("refuses: %s at %j", (rule, field, patch) => {
    expectRefused(check(patch as Partial<AssetUpdateOperation>), `${T}.${rule}`, field);
  });

  it("refuses invalid options and a rate that does not involve the asset", () => {
    // tests/tests/operation_tests.cpp update_uia: price(asset(5), asset(5)) and price()
    expectRefused(check({ new_options: cer(asset(5), asset(5)) }), "price.distinct_assets", "new_options.core_exchange_rate.quote.asset_id");
    expectRefused(check({ new_options: validAssetOptions({ core_exchange_rate: zeroOf<AssetOptions["core_exchange_rate"]>("price") }) }),
      "price.base_amount_positive", "new_options.core_exchange_rate.base.amount");
    expectRefused(check({ new_options: cer(asset(3), asset(5, "1.3.6")) }), "asset_times_price.asset_in_price", "new_options.core_exchange_rate");
    expectRefused(check({ new_options: validAssetOptions({ market_fee_percent: 10001, core_exchange_rate: price(asset(3), asset(5, "1.3.5")) }) }),
      "asset_options.market_fee_percent_max", "new_options.market_fee_percent");
  });
});

describe("asset_update_issuer, asset_update_bitasset, asset_update_feed_producers", () => {
  it("asset_update_issuer: the new issuer differs", () => {
    const op = make<AssetUpdateIssuerOperation>("asset_update_issuer_operation", { issuer: "1.2.17", new_issuer: "1.2.18" });
    expectOk(validateAssetUpdateIssuerOperation(op));
    expectRefused(validateAssetUpdateIssuerOperation({ ...op, fee: asset(-1) }), "asset_update_issuer_operation.fee_non_negative", "fee.amount");
    expectRefused(validateAssetUpdateIssuerOperation({ ...op, new_issuer: "1.2.17" }), "asset_update_issuer_operation.new_issuer_differs", "new_issuer");
  });

  it("asset_update_bitasset: the fee and the new options", () => {
    const op = make<AssetUpdateBitassetOperation>("asset_update_bitasset_operation", { asset_to_update: "1.3.5" });
    expectOk(validateAssetUpdateBitassetOperation(op));
    expectRefused(validateAssetUpdateBitassetOperation({ ...op, fee: asset(-1) }), "asset_update_bitasset_operation.fee_non_negative", "fee.amount");
    expectRefused(validateAssetUpdateBitassetOperation({ ...op, new_options: bitasset({ maximum_force_settlement_volume: 10001 }) }),
      "bitasset_options.maximum_force_settlement_volume_max", "new_options.maximum_force_settlement_volume");
  });

  it("asset_update_feed_producers: only the fee", () => {
    const op = make<AssetUpdateFeedProducersOperation>("asset_update_feed_producers_operation", { new_feed_producers: ["1.2.9", "1.2.10"] });
    expectOk(validateAssetUpdateFeedProducersOperation(op));
    expectRefused(validateAssetUpdateFeedProducersOperation({ ...op, fee: asset(-1) }), "asset_update_feed_producers_operation.fee_non_negative", "fee.amount");
  });
});

describe("asset_issue, asset_reserve, asset_fund_fee_pool, asset_settle, asset_global_settle", () => {
  it("asset_issue: 0 < amount <= GRAPHENE_MAX_SHARE_SUPPLY, not the core asset", () => {
    const T = "asset_issue_operation";
    const op = make<AssetIssueOperation>("asset_issue_operation", { asset_to_issue: asset(MAX, "1.3.5") });
    expectOk(validateAssetIssueOperation(op));
    expectRefused(validateAssetIssueOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateAssetIssueOperation({ ...op, asset_to_issue: asset(MAX + 1n, "1.3.5") }), `${T}.amount_max`, "asset_to_issue.amount");
    expectRefused(validateAssetIssueOperation({ ...op, asset_to_issue: asset(0, "1.3.5") }), `${T}.amount_positive`, "asset_to_issue.amount");
    expectRefused(validateAssetIssueOperation({ ...op, asset_to_issue: asset(-1, "1.3.5") }), `${T}.amount_positive`, "asset_to_issue.amount");
    expectRefused(validateAssetIssueOperation({ ...op, asset_to_issue: asset(1) }), `${T}.not_core`, "asset_to_issue.asset_id");
  });

  it("asset_reserve: 0 < amount <= GRAPHENE_MAX_SHARE_SUPPLY (the core asset is allowed here)", () => {
    const T = "asset_reserve_operation";
    const op = make<AssetReserveOperation>("asset_reserve_operation", { amount_to_reserve: asset(1) });
    expectOk(validateAssetReserveOperation(op));
    expectRefused(validateAssetReserveOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateAssetReserveOperation({ ...op, amount_to_reserve: asset(MAX + 1n) }), `${T}.amount_max`, "amount_to_reserve.amount");
    expectRefused(validateAssetReserveOperation({ ...op, amount_to_reserve: asset(0) }), `${T}.amount_positive`, "amount_to_reserve.amount");
  });

  it("asset_fund_fee_pool: fee in core, positive amount", () => {
    const T = "asset_fund_fee_pool_operation";
    const op = make<AssetFundFeePoolOperation>("asset_fund_fee_pool_operation", { asset_id: "1.3.5", amount: 1n });
    expectOk(validateAssetFundFeePoolOperation(op));
    expectRefused(validateAssetFundFeePoolOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateAssetFundFeePoolOperation({ ...op, fee: asset(1, "1.3.5") }), `${T}.fee_in_core`, "fee.asset_id");
    expectRefused(validateAssetFundFeePoolOperation({ ...op, amount: 0n }), `${T}.amount_positive`, "amount");
  });

  it("asset_settle: a zero amount passes validate()", () => {
    const T = "asset_settle_operation";
    const op = make<AssetSettleOperation>("asset_settle_operation", { amount: asset(0, "1.3.5") });
    expectOk(validateAssetSettleOperation(op));
    expectRefused(validateAssetSettleOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateAssetSettleOperation({ ...op, amount: asset(-1, "1.3.5") }), `${T}.amount_non_negative`, "amount.amount");
  });

  it("asset_global_settle: the settle price's base is the asset", () => {
    const T = "asset_global_settle_operation";
    const op = make<AssetGlobalSettleOperation>("asset_global_settle_operation", { asset_to_settle: "1.3.5", settle_price: price(asset(1, "1.3.5"), asset(2)) });
    expectOk(validateAssetGlobalSettleOperation(op));
    expectRefused(validateAssetGlobalSettleOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateAssetGlobalSettleOperation({ ...op, settle_price: price(asset(2), asset(1, "1.3.5")) }), `${T}.settle_price_base`, "settle_price.base.asset_id");
  });
});

describe("asset_publish_feed_operation", () => {
  const T = "asset_publish_feed_operation";
  const USD = "1.3.5";
  const feed = (patch: Partial<PriceFeed> = {}): PriceFeed =>
    make<PriceFeed>("price_feed", { settlement_price: price(asset(5, USD), asset(5)), core_exchange_rate: price(asset(5, USD), asset(5)), ...patch });
  const check = (f: PriceFeed, patch: Partial<AssetPublishFeedOperation> = {}) =>
    validateAssetPublishFeedOperation(make<AssetPublishFeedOperation>("asset_publish_feed_operation", { asset_id: USD, publisher: "1.2.9", feed: f, ...patch }));

  it("accepts a feed for the asset", () => {
    // tests/tests/operation_tests.cpp update_mia: price( bit_usd.amount(5), asset(5) ) is accepted
    expectOk(check(feed()));
    expectOk(check(feed(), { extensions: { initial_collateral_ratio: 1001 } }));
    expectOk(check(feed(), { extensions: { initial_collateral_ratio: 32000 } }));
  });

  it("refuses update_mia's bad feeds", () => {
    // tests/tests/operation_tests.cpp update_mia: price( bit_usd.amount(5), bit_usd.amount(5) )
    expectRefused(check(feed({ settlement_price: price(asset(5, USD), asset(5, USD)), core_exchange_rate: price(asset(5, USD), asset(5, USD)) })),
      "price.distinct_assets", "feed.settlement_price.quote.asset_id");
    // ~price( bit_usd.amount(5), asset(5) ): a feed for the core asset
    expectRefused(check(feed({ settlement_price: price(asset(5), asset(5, USD)), core_exchange_rate: price(asset(5), asset(5, USD)) })),
      `${T}.feed_is_for_asset`, "feed.settlement_price.base.asset_id");
    expectRefused(check(feed({ maintenance_collateral_ratio: 0 })), "price_feed.maintenance_collateral_ratio_min", "feed.maintenance_collateral_ratio");
  });

  it.each([
    ["fee_non_negative", "fee.amount", feed(), { fee: asset(-1) }],
    ["same_base", "feed.core_exchange_rate.base.asset_id", feed({ core_exchange_rate: price(asset(5, "1.3.6"), asset(5)) }), {}],
    ["settlement_price_set", "feed.settlement_price", feed({ settlement_price: price(asset(0), asset(0)) }), {}],
    ["core_exchange_rate_set", "feed.core_exchange_rate", feed({ core_exchange_rate: price(asset(0), asset(0)) }), {}],
    ["feed_is_for_asset", "feed.settlement_price.base.asset_id", feed(), { asset_id: "1.3.6" }],
    ["initial_collateral_ratio_min", "extensions.initial_collateral_ratio", feed(), { extensions: { initial_collateral_ratio: 1000 } }],
    ["initial_collateral_ratio_max", "extensions.initial_collateral_ratio", feed(), { extensions: { initial_collateral_ratio: 32001 } }],
  ] as const)("refuses: %s at %j", (rule, field, f, patch) => {
    expectRefused(check(f, patch as Partial<AssetPublishFeedOperation>), `${T}.${rule}`, field);
  });

  it("validates the feed, then a non-null core exchange rate", () => {
    expectRefused(check(feed({ maximum_short_squeeze_ratio: 32001 })), "price_feed.maximum_short_squeeze_ratio_max", "feed.maximum_short_squeeze_ratio");
    expectRefused(check(feed({ settlement_price: price(asset(0, USD), asset(5)) })), "price.base_amount_positive", "feed.settlement_price.base.amount");
    expectRefused(check(feed({ core_exchange_rate: price(asset(5, USD), asset(0)) })), "price.quote_amount_positive", "feed.core_exchange_rate.quote.amount");
    // A null price (both sides 1.3.0) is not validated as a price: the null checks come later.
    expectRefused(check(feed({ core_exchange_rate: price(asset(-7), asset(0)) })), `${T}.core_exchange_rate_set`, "feed.core_exchange_rate");
  });
});

describe("asset_claim_fees, asset_claim_pool, asset_settle_cancel", () => {
  it("asset_claim_fees: positive amount, claim_from_asset_id differs from the claimed asset", () => {
    const T = "asset_claim_fees_operation";
    const op = make<AssetClaimFeesOperation>("asset_claim_fees_operation", { amount_to_claim: asset(1, "1.3.5") });
    expectOk(validateAssetClaimFeesOperation(op));
    expectOk(validateAssetClaimFeesOperation({ ...op, extensions: { claim_from_asset_id: "1.3.6" } }));
    expectRefused(validateAssetClaimFeesOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateAssetClaimFeesOperation({ ...op, amount_to_claim: asset(0, "1.3.5") }), `${T}.amount_positive`, "amount_to_claim.amount");
    expectRefused(validateAssetClaimFeesOperation({ ...op, extensions: { claim_from_asset_id: "1.3.5" } }), `${T}.claim_from_other_asset`, "extensions.claim_from_asset_id");
  });

  it("asset_claim_pool: fee not in the asset, a positive amount of core", () => {
    const T = "asset_claim_pool_operation";
    const op = make<AssetClaimPoolOperation>("asset_claim_pool_operation", { asset_id: "1.3.5", amount_to_claim: asset(1) });
    expectOk(validateAssetClaimPoolOperation(op));
    expectRefused(validateAssetClaimPoolOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateAssetClaimPoolOperation({ ...op, fee: asset(1, "1.3.5") }), `${T}.fee_not_in_asset`, "fee.asset_id");
    expectRefused(validateAssetClaimPoolOperation({ ...op, amount_to_claim: asset(0) }), `${T}.amount_positive`, "amount_to_claim.amount");
    expectRefused(validateAssetClaimPoolOperation({ ...op, amount_to_claim: asset(1, "1.3.6") }), `${T}.amount_in_core`, "amount_to_claim.asset_id");
  });

  it("asset_settle_cancel is virtual", () => {
    expectRefused(validateAssetSettleCancelOperation(zeroOf<AssetSettleCancelOperation>("asset_settle_cancel_operation")), "asset_settle_cancel_operation.virtual", "");
  });
});
