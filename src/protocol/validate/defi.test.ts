// validate() of the liquidity pool (59..63, 75), SameT fund (64..68) and credit offer (69..74, 76) operations.
import { describe, expect, it } from "vitest";
import type {
  CreditDealExpiredOperation, CreditDealRepayOperation, CreditDealUpdateOperation, CreditOfferAcceptOperation, CreditOfferCreateOperation,
  CreditOfferDeleteOperation, CreditOfferUpdateOperation, LiquidityPoolCreateOperation, LiquidityPoolDeleteOperation,
  LiquidityPoolDepositOperation, LiquidityPoolExchangeOperation, LiquidityPoolUpdateOperation, LiquidityPoolWithdrawOperation,
  SametFundBorrowOperation, SametFundCreateOperation, SametFundDeleteOperation, SametFundRepayOperation, SametFundUpdateOperation,
} from "../../../generated/native-types.js";
import {
  CDAR_TYPE_COUNT, validateCreditDealExpiredOperation, validateCreditDealRepayOperation, validateCreditDealUpdateOperation,
  validateCreditOfferAcceptOperation, validateCreditOfferCreateOperation, validateCreditOfferDeleteOperation, validateCreditOfferUpdateOperation,
} from "./credit_offer.js";
import {
  validateLiquidityPoolCreateOperation, validateLiquidityPoolDeleteOperation, validateLiquidityPoolDepositOperation,
  validateLiquidityPoolExchangeOperation, validateLiquidityPoolUpdateOperation, validateLiquidityPoolWithdrawOperation,
} from "./liquidity_pool.js";
import {
  validateSametFundBorrowOperation, validateSametFundCreateOperation, validateSametFundDeleteOperation, validateSametFundRepayOperation,
  validateSametFundUpdateOperation,
} from "./samet_fund.js";
import { asset, expectOk, expectRefused, make, price, zeroOf } from "./test_support.js";

const MAX = 1000000000000000n; // GRAPHENE_MAX_SHARE_SUPPLY (config.hpp)
const MAX_DEAL_SECS = 380 * 86400; // GRAPHENE_MAX_CREDIT_DEAL_SECS (config.hpp)

describe("liquidity pool operations", () => {
  it("liquidity_pool_create: ordered assets by instance, a distinct share asset, percents at most 100%", () => {
    const T = "liquidity_pool_create_operation";
    const op = make<LiquidityPoolCreateOperation>("liquidity_pool_create_operation", {
      account: "1.2.17", asset_a: "1.3.0", asset_b: "1.3.9", share_asset: "1.3.10", taker_fee_percent: 10000, withdrawal_fee_percent: 10000,
    });
    expectOk(validateLiquidityPoolCreateOperation(op));
    // Ids compare by instance: 1.3.9 < 1.3.10 although "1.3.9" > "1.3.10" as text.
    expectOk(validateLiquidityPoolCreateOperation({ ...op, asset_a: "1.3.9", asset_b: "1.3.10", share_asset: "1.3.11" }));
    expectRefused(validateLiquidityPoolCreateOperation({ ...op, asset_a: "1.3.10", asset_b: "1.3.9", share_asset: "1.3.11" }), `${T}.assets_ordered`, "asset_b");
    expectRefused(validateLiquidityPoolCreateOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateLiquidityPoolCreateOperation({ ...op, asset_b: "1.3.0" }), `${T}.assets_ordered`, "asset_b");
    expectRefused(validateLiquidityPoolCreateOperation({ ...op, share_asset: "1.3.0" }), `${T}.share_asset_distinct`, "share_asset");
    expectRefused(validateLiquidityPoolCreateOperation({ ...op, share_asset: "1.3.9" }), `${T}.share_asset_distinct`, "share_asset");
    expectRefused(validateLiquidityPoolCreateOperation({ ...op, taker_fee_percent: 10001 }), `${T}.taker_fee_percent_max`, "taker_fee_percent");
    expectRefused(validateLiquidityPoolCreateOperation({ ...op, withdrawal_fee_percent: 10001 }), `${T}.withdrawal_fee_percent_max`, "withdrawal_fee_percent");
  });

  it("liquidity_pool_update: something to update; the withdrawal fee can only become 0", () => {
    const T = "liquidity_pool_update_operation";
    const op = make<LiquidityPoolUpdateOperation>("liquidity_pool_update_operation", { account: "1.2.17", pool: "1.19.0" });
    expectOk(validateLiquidityPoolUpdateOperation({ ...op, taker_fee_percent: 10000 }));
    expectOk(validateLiquidityPoolUpdateOperation({ ...op, withdrawal_fee_percent: 0 }));
    expectRefused(validateLiquidityPoolUpdateOperation({ ...op, fee: asset(-1), taker_fee_percent: 1 }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateLiquidityPoolUpdateOperation(op), `${T}.has_update`, "");
    expectRefused(validateLiquidityPoolUpdateOperation({ ...op, taker_fee_percent: 10001 }), `${T}.taker_fee_percent_max`, "taker_fee_percent");
    expectRefused(validateLiquidityPoolUpdateOperation({ ...op, withdrawal_fee_percent: 1 }), `${T}.withdrawal_fee_percent_zero`, "withdrawal_fee_percent");
  });

  it("liquidity_pool_delete: only the fee", () => {
    const op = make<LiquidityPoolDeleteOperation>("liquidity_pool_delete_operation", { account: "1.2.17", pool: "1.19.0" });
    expectOk(validateLiquidityPoolDeleteOperation(op));
    expectRefused(validateLiquidityPoolDeleteOperation({ ...op, fee: asset(-1) }), "liquidity_pool_delete_operation.fee_non_negative", "fee.amount");
  });

  it("liquidity_pool_deposit: both amounts positive, assets ordered", () => {
    const T = "liquidity_pool_deposit_operation";
    const op = make<LiquidityPoolDepositOperation>("liquidity_pool_deposit_operation", { account: "1.2.17", pool: "1.19.0", amount_a: asset(1), amount_b: asset(1, "1.3.9") });
    expectOk(validateLiquidityPoolDepositOperation(op));
    expectRefused(validateLiquidityPoolDepositOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateLiquidityPoolDepositOperation({ ...op, amount_a: asset(0) }), `${T}.amounts_positive`, "amount_a.amount");
    expectRefused(validateLiquidityPoolDepositOperation({ ...op, amount_b: asset(-1, "1.3.9") }), `${T}.amounts_positive`, "amount_b.amount");
    expectRefused(validateLiquidityPoolDepositOperation({ ...op, amount_a: asset(1, "1.3.9"), amount_b: asset(1) }), `${T}.assets_ordered`, "amount_b.asset_id");
  });

  it("liquidity_pool_withdraw: a positive share amount", () => {
    const T = "liquidity_pool_withdraw_operation";
    const op = make<LiquidityPoolWithdrawOperation>("liquidity_pool_withdraw_operation", { account: "1.2.17", pool: "1.19.0", share_amount: asset(1, "1.3.10") });
    expectOk(validateLiquidityPoolWithdrawOperation(op));
    expectRefused(validateLiquidityPoolWithdrawOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateLiquidityPoolWithdrawOperation({ ...op, share_amount: asset(0, "1.3.10") }), `${T}.share_amount_positive`, "share_amount.amount");
  });

  it("liquidity_pool_exchange: positive amounts of two assets", () => {
    const T = "liquidity_pool_exchange_operation";
    const op = make<LiquidityPoolExchangeOperation>("liquidity_pool_exchange_operation", { account: "1.2.17", pool: "1.19.0", amount_to_sell: asset(5), min_to_receive: asset(1, "1.3.9") });
    expectOk(validateLiquidityPoolExchangeOperation(op));
    expectRefused(validateLiquidityPoolExchangeOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateLiquidityPoolExchangeOperation({ ...op, amount_to_sell: asset(0) }), `${T}.amount_to_sell_positive`, "amount_to_sell.amount");
    expectRefused(validateLiquidityPoolExchangeOperation({ ...op, min_to_receive: asset(0, "1.3.9") }), `${T}.min_to_receive_positive`, "min_to_receive.amount");
    expectRefused(validateLiquidityPoolExchangeOperation({ ...op, min_to_receive: asset(1) }), `${T}.distinct_assets`, "min_to_receive.asset_id");
  });
});

describe("SameT fund operations", () => {
  it("samet_fund_create: a positive balance", () => {
    const T = "samet_fund_create_operation";
    const op = make<SametFundCreateOperation>("samet_fund_create_operation", { owner_account: "1.2.17", asset_type: "1.3.0", balance: 1n });
    expectOk(validateSametFundCreateOperation(op));
    expectRefused(validateSametFundCreateOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateSametFundCreateOperation({ ...op, balance: 0n }), `${T}.balance_positive`, "balance");
  });

  it("samet_fund_delete: only the fee", () => {
    const op = make<SametFundDeleteOperation>("samet_fund_delete_operation", { owner_account: "1.2.17", fund_id: "1.20.0" });
    expectOk(validateSametFundDeleteOperation(op));
    expectRefused(validateSametFundDeleteOperation({ ...op, fee: asset(-1) }), "samet_fund_delete_operation.fee_non_negative", "fee.amount");
  });

  it("samet_fund_update: something to change, a non-zero delta", () => {
    const T = "samet_fund_update_operation";
    const op = make<SametFundUpdateOperation>("samet_fund_update_operation", { owner_account: "1.2.17", fund_id: "1.20.0" });
    expectOk(validateSametFundUpdateOperation({ ...op, delta_amount: asset(-3) }));
    expectOk(validateSametFundUpdateOperation({ ...op, new_fee_rate: 0 }));
    expectRefused(validateSametFundUpdateOperation({ ...op, fee: asset(-1), new_fee_rate: 1 }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateSametFundUpdateOperation(op), `${T}.has_update`, "");
    expectRefused(validateSametFundUpdateOperation({ ...op, delta_amount: asset(0), new_fee_rate: 1 }), `${T}.delta_amount_non_zero`, "delta_amount.amount");
  });

  // tests/tests/samet_fund_tests.cpp samet_fund_test "Invalid operations": borrow 0 and -1; repay 0 and -1, a
  // negative fee, amount and fee in different assets
  it("samet_fund_borrow and samet_fund_repay", () => {
    const B = "samet_fund_borrow_operation";
    const b = make<SametFundBorrowOperation>("samet_fund_borrow_operation", { borrower: "1.2.17", fund_id: "1.20.0", borrow_amount: asset(1) });
    expectOk(validateSametFundBorrowOperation(b));
    expectRefused(validateSametFundBorrowOperation({ ...b, fee: asset(-1) }), `${B}.fee_non_negative`, "fee.amount");
    expectRefused(validateSametFundBorrowOperation({ ...b, borrow_amount: asset(0) }), `${B}.borrow_amount_positive`, "borrow_amount.amount");
    expectRefused(validateSametFundBorrowOperation({ ...b, borrow_amount: asset(-1) }), `${B}.borrow_amount_positive`, "borrow_amount.amount");
    const R = "samet_fund_repay_operation";
    const r = make<SametFundRepayOperation>("samet_fund_repay_operation", { account: "1.2.17", fund_id: "1.20.0", repay_amount: asset(1), fund_fee: asset(1) });
    expectOk(validateSametFundRepayOperation(r));
    expectOk(validateSametFundRepayOperation({ ...r, fund_fee: asset(0) }));
    expectRefused(validateSametFundRepayOperation({ ...r, fee: asset(-1) }), `${R}.fee_non_negative`, "fee.amount");
    expectRefused(validateSametFundRepayOperation({ ...r, repay_amount: asset(0) }), `${R}.repay_amount_positive`, "repay_amount.amount");
    expectRefused(validateSametFundRepayOperation({ ...r, repay_amount: asset(-1) }), `${R}.repay_amount_positive`, "repay_amount.amount");
    expectRefused(validateSametFundRepayOperation({ ...r, fund_fee: asset(-1) }), `${R}.fund_fee_non_negative`, "fund_fee.amount");
    expectRefused(validateSametFundRepayOperation({ ...r, fund_fee: asset(1, "1.3.5") }), `${R}.same_asset`, "fund_fee.asset_id");
  });
});

describe("credit offer operations", () => {
  const USD = "1.3.5";
  const collateral = (...entries: Array<[string, bigint, bigint, string?]>) =>
    entries.map(([asset_id, b, q, base]) => [asset_id, price(asset(b, base ?? "1.3.0"), asset(q, asset_id))] as [string, ReturnType<typeof price>]);

  describe("credit_offer_create_operation", () => {
    const T = "credit_offer_create_operation";
    const valid = (patch: Partial<CreditOfferCreateOperation> = {}) =>
      make<CreditOfferCreateOperation>("credit_offer_create_operation", {
        owner_account: "1.2.17", asset_type: "1.3.0", balance: 1000n, max_duration_seconds: MAX_DEAL_SECS, min_deal_amount: MAX,
        acceptable_collateral: collateral([USD, 1n, 2n], ["1.3.6", MAX, MAX]), acceptable_borrowers: [["1.2.18", 0n], ["1.2.19", MAX]], ...patch,
      });

    it("accepts an offer at the bounds", () => {
      expectOk(validateCreditOfferCreateOperation(valid()));
      expectOk(validateCreditOfferCreateOperation(valid({ min_deal_amount: 0n, acceptable_borrowers: [] })));
    });

    it.each([
      ["fee_non_negative", "fee.amount", { fee: asset(-1) }],
      ["balance_positive", "balance", { balance: 0n }],
      ["max_duration_max", "max_duration_seconds", { max_duration_seconds: MAX_DEAL_SECS + 1 }],
      ["min_deal_amount_non_negative", "min_deal_amount", { min_deal_amount: -1n }],
      ["min_deal_amount_max", "min_deal_amount", { min_deal_amount: MAX + 1n }],
      ["acceptable_collateral_not_empty", "acceptable_collateral", { acceptable_collateral: [] }],
      ["collateral_price_base", "acceptable_collateral[1][1].base.asset_id", { acceptable_collateral: collateral([USD, 1n, 2n], ["1.3.6", 1n, 1n, "1.3.7"]) }],
      ["collateral_price_quote", "acceptable_collateral[0][1].quote.asset_id",
        { acceptable_collateral: [[USD, price(asset(1), asset(1, "1.3.6"))]] as CreditOfferCreateOperation["acceptable_collateral"] }],
      ["borrower_limit_non_negative", "acceptable_borrowers[1][1]", { acceptable_borrowers: [["1.2.18", 0n], ["1.2.19", -1n]] }],
      ["borrower_limit_max", "acceptable_borrowers[0][1]", { acceptable_borrowers: [["1.2.18", MAX + 1n]] }],
    ] as const)("refuses: %s at %j", (rule, field, patch) => {
      expectRefused(validateCreditOfferCreateOperation(valid(patch as Partial<CreditOfferCreateOperation>)), `${T}.${rule}`, field);
    });

    it("validates each collateral price with the upper bound", () => {
      expectRefused(validateCreditOfferCreateOperation(valid({ acceptable_collateral: collateral([USD, MAX + 1n, 1n]) })),
        "price.base_amount_max", "acceptable_collateral[0][1].base.amount");
      expectRefused(validateCreditOfferCreateOperation(valid({ acceptable_collateral: collateral([USD, 1n, MAX + 1n]) })),
        "price.quote_amount_max", "acceptable_collateral[0][1].quote.amount");
      expectRefused(validateCreditOfferCreateOperation(valid({ acceptable_collateral: collateral([USD, 0n, 1n]) })),
        "price.base_amount_positive", "acceptable_collateral[0][1].base.amount");
      // The offered asset itself as collateral: a price of one asset against itself.
      expectRefused(validateCreditOfferCreateOperation(valid({ acceptable_collateral: collateral(["1.3.0", 1n, 1n]) })),
        "price.distinct_assets", "acceptable_collateral[0][1].quote.asset_id");
    });
  });

  describe("credit_offer_update_operation", () => {
    const T = "credit_offer_update_operation";
    const base = () => make<CreditOfferUpdateOperation>("credit_offer_update_operation", { owner_account: "1.2.17", offer_id: "1.21.0" });
    const check = (patch: Partial<CreditOfferUpdateOperation>) => validateCreditOfferUpdateOperation({ ...base(), ...patch });

    it("accepts any one field; the collateral's base is taken from its first entry", () => {
      for (const patch of [
        { delta_amount: asset(-1) }, { fee_rate: 0 }, { max_duration_seconds: MAX_DEAL_SECS }, { min_deal_amount: 0n }, { enabled: false },
        { auto_disable_time: 0 }, { acceptable_borrowers: [] }, { acceptable_collateral: collateral([USD, 1n, 1n, "1.3.7"], ["1.3.6", 1n, 1n, "1.3.7"]) },
      ] as Array<Partial<CreditOfferUpdateOperation>>)
        expectOk(check(patch));
    });

    it.each([
      ["fee_non_negative", "fee.amount", { fee: asset(-1), enabled: true }],
      ["delta_amount_non_zero", "delta_amount.amount", { delta_amount: asset(0) }],
      ["max_duration_max", "max_duration_seconds", { max_duration_seconds: MAX_DEAL_SECS + 1 }],
      ["min_deal_amount_non_negative", "min_deal_amount", { min_deal_amount: -1n }],
      ["min_deal_amount_max", "min_deal_amount", { min_deal_amount: MAX + 1n }],
      ["acceptable_collateral_not_empty", "acceptable_collateral", { acceptable_collateral: [] }],
      ["collateral_price_base", "acceptable_collateral[1][1].base.asset_id", { acceptable_collateral: collateral([USD, 1n, 1n, "1.3.7"], ["1.3.6", 1n, 1n]) }],
      ["borrower_limit_non_negative", "acceptable_borrowers[0][1]", { acceptable_borrowers: [["1.2.18", -5n]] }],
      ["has_update", "", {}],
    ] as const)("refuses: %s at %j", (rule, field, patch) => {
      expectRefused(check(patch as Partial<CreditOfferUpdateOperation>), `${T}.${rule}`, field);
    });
  });

  it("credit_offer_delete: only the fee", () => {
    const op = make<CreditOfferDeleteOperation>("credit_offer_delete_operation", { owner_account: "1.2.17", offer_id: "1.21.0" });
    expectOk(validateCreditOfferDeleteOperation(op));
    expectRefused(validateCreditOfferDeleteOperation({ ...op, fee: asset(-1) }), "credit_offer_delete_operation.fee_non_negative", "fee.amount");
  });

  it("credit_offer_accept: positive amounts and a known auto-repayment type", () => {
    const T = "credit_offer_accept_operation";
    const op = make<CreditOfferAcceptOperation>("credit_offer_accept_operation", { borrower: "1.2.18", offer_id: "1.21.0", borrow_amount: asset(100), collateral: asset(1000, USD) });
    expectOk(validateCreditOfferAcceptOperation(op));
    expectOk(validateCreditOfferAcceptOperation({ ...op, extensions: { auto_repay: CDAR_TYPE_COUNT - 1 } }));
    expectRefused(validateCreditOfferAcceptOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateCreditOfferAcceptOperation({ ...op, borrow_amount: asset(0) }), `${T}.borrow_amount_positive`, "borrow_amount.amount");
    expectRefused(validateCreditOfferAcceptOperation({ ...op, collateral: asset(0, USD) }), `${T}.collateral_positive`, "collateral.amount");
    expectRefused(validateCreditOfferAcceptOperation({ ...op, extensions: { auto_repay: 3 } }), `${T}.auto_repay_known`, "extensions.auto_repay");
  });

  it("credit_deal_repay: positive amount, non-negative credit fee in the same asset", () => {
    const T = "credit_deal_repay_operation";
    const op = make<CreditDealRepayOperation>("credit_deal_repay_operation", { account: "1.2.18", deal_id: "1.22.0", repay_amount: asset(100), credit_fee: asset(0) });
    expectOk(validateCreditDealRepayOperation(op));
    expectRefused(validateCreditDealRepayOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateCreditDealRepayOperation({ ...op, repay_amount: asset(0) }), `${T}.repay_amount_positive`, "repay_amount.amount");
    expectRefused(validateCreditDealRepayOperation({ ...op, credit_fee: asset(-1) }), `${T}.credit_fee_non_negative`, "credit_fee.amount");
    expectRefused(validateCreditDealRepayOperation({ ...op, credit_fee: asset(1, USD) }), `${T}.same_asset`, "credit_fee.asset_id");
  });

  it("credit_deal_update: a known auto-repayment type", () => {
    const T = "credit_deal_update_operation";
    const op = make<CreditDealUpdateOperation>("credit_deal_update_operation", { account: "1.2.18", deal_id: "1.22.0" });
    for (const auto_repay of [0, 1, 2]) expectOk(validateCreditDealUpdateOperation({ ...op, auto_repay }));
    expectRefused(validateCreditDealUpdateOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateCreditDealUpdateOperation({ ...op, auto_repay: 3 }), `${T}.auto_repay_known`, "auto_repay");
  });

  // tests/tests/credit_offer_tests.cpp: eop.validate() throws for the virtual credit_deal_expired_operation
  it("credit_deal_expired is virtual", () => {
    expectRefused(validateCreditDealExpiredOperation(zeroOf<CreditDealExpiredOperation>("credit_deal_expired_operation")), "credit_deal_expired_operation.virtual", "");
    expect(CDAR_TYPE_COUNT).toBe(3);
  });
});
