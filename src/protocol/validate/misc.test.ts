// validate() of custom (35), assert (36), balance_claim (37), fba_distribute (44, virtual), the htlc
// operations (49..53) and the ticket operations (57, 58).
import { describe, expect, it } from "vitest";
import type {
  AssertOperation, BalanceClaimOperation, CustomOperation, FbaDistributeOperation, HtlcCreateOperation, HtlcExtendOperation,
  HtlcRedeemedOperation, HtlcRedeemOperation, HtlcRefundOperation, TicketCreateOperation, TicketUpdateOperation,
} from "../../../generated/native-types.js";
import { predicateIsValid, validateAssertOperation } from "./assert.js";
import { validateBalanceClaimOperation } from "./balance.js";
import { validateCustomOperation } from "./custom.js";
import { validateFbaDistributeOperation } from "./fba.js";
import {
  validateHtlcCreateOperation, validateHtlcExtendOperation, validateHtlcRedeemedOperation, validateHtlcRedeemOperation,
  validateHtlcRefundOperation,
} from "./htlc.js";
import { TICKET_TYPE_COUNT, validateTicketCreateOperation, validateTicketUpdateOperation } from "./ticket.js";
import { asset, expectOk, expectRefused, KEY, make, zeroOf } from "./test_support.js";

describe("custom_operation", () => {
  it("is the one operation whose fee must be positive", () => {
    const op = make<CustomOperation>("custom_operation", { payer: "1.2.17", data: "00ff" });
    expectOk(validateCustomOperation({ ...op, fee: asset(1) }));
    expectRefused(validateCustomOperation(op), "custom_operation.fee_positive", "fee.amount");
    expectRefused(validateCustomOperation({ ...op, fee: asset(-1) }), "custom_operation.fee_positive", "fee.amount");
  });
});

describe("assert_operation", () => {
  it("predicateIsValid is the predicates' own validate()", () => {
    expect(predicateIsValid([0, { account_id: "1.2.17", name: "alice" }])).toBe(true);
    expect(predicateIsValid([0, { account_id: "1.2.17", name: "Alice" }])).toBe(false);
    expect(predicateIsValid([1, { asset_id: "1.3.0", symbol: "BTS" }])).toBe(true);
    expect(predicateIsValid([1, { asset_id: "1.3.0", symbol: "bts" }])).toBe(false);
    expect(predicateIsValid([2, { id: "00".repeat(20) }])).toBe(true);
  });

  it("only the fee fails: assert.cpp drops the predicates' boolean verdicts", () => {
    const op = make<AssertOperation>("assert_operation", {
      fee_paying_account: "1.2.17",
      predicates: [[0, { account_id: "1.2.17", name: "NOT A NAME" }], [1, { asset_id: "1.3.0", symbol: "x" }]],
    });
    expectOk(validateAssertOperation(op));
    expectRefused(validateAssertOperation({ ...op, fee: asset(-1) }), "assert_operation.fee_non_negative", "fee.amount");
  });
});

describe("balance_claim_operation", () => {
  const T = "balance_claim_operation";
  const op = make<BalanceClaimOperation>("balance_claim_operation", { deposit_to_account: "1.2.17", balance_to_claim: "1.15.0", balance_owner_key: KEY, total_claimed: asset(5) });

  it("the fee is exactly asset() and the owner key is set", () => {
    expectOk(validateBalanceClaimOperation(op));
    expectRefused(validateBalanceClaimOperation({ ...op, fee: asset(1) }), `${T}.fee_zero`, "fee");
    // asset() == asset( 0, asset_id_type() ): a zero fee in another asset differs.
    expectRefused(validateBalanceClaimOperation({ ...op, fee: asset(0, "1.3.1") }), `${T}.fee_zero`, "fee");
    expectRefused(validateBalanceClaimOperation({ ...op, balance_owner_key: "00".repeat(33) }), `${T}.owner_key_set`, "balance_owner_key");
  });
});

describe("virtual operations", () => {
  it("fba_distribute, htlc_redeemed and htlc_refund always fail", () => {
    expectRefused(validateFbaDistributeOperation(zeroOf<FbaDistributeOperation>("fba_distribute_operation")), "fba_distribute_operation.virtual", "");
    expectRefused(validateHtlcRedeemedOperation(zeroOf<HtlcRedeemedOperation>("htlc_redeemed_operation")), "htlc_redeemed_operation.virtual", "");
    expectRefused(validateHtlcRefundOperation(zeroOf<HtlcRefundOperation>("htlc_refund_operation")), "htlc_refund_operation.virtual", "");
  });
});

describe("htlc operations", () => {
  it("htlc_create: fee and a positive amount (the preimage rules are the evaluator's)", () => {
    const T = "htlc_create_operation";
    const op = make<HtlcCreateOperation>("htlc_create_operation", { from: "1.2.17", to: "1.2.18", amount: asset(1), preimage_size: 0, claim_period_seconds: 0 });
    expectOk(validateHtlcCreateOperation(op));
    expectRefused(validateHtlcCreateOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateHtlcCreateOperation({ ...op, amount: asset(0) }), `${T}.amount_positive`, "amount.amount");
  });

  it("htlc_redeem and htlc_extend: only the fee", () => {
    const r = make<HtlcRedeemOperation>("htlc_redeem_operation", { htlc_id: "1.16.0", redeemer: "1.2.17", preimage: "" });
    expectOk(validateHtlcRedeemOperation(r));
    expectRefused(validateHtlcRedeemOperation({ ...r, fee: asset(-1) }), "htlc_redeem_operation.fee_non_negative", "fee.amount");
    const e = make<HtlcExtendOperation>("htlc_extend_operation", { htlc_id: "1.16.0", update_issuer: "1.2.17", seconds_to_add: 0 });
    expectOk(validateHtlcExtendOperation(e));
    expectRefused(validateHtlcExtendOperation({ ...e, fee: asset(-1) }), "htlc_extend_operation.fee_non_negative", "fee.amount");
  });
});

describe("ticket operations", () => {
  it("ticket_create: a non-liquid known target and a positive core amount", () => {
    const T = "ticket_create_operation";
    const op = make<TicketCreateOperation>("ticket_create_operation", { account: "1.2.17", target_type: 1n, amount: asset(1) });
    for (const target_type of [1n, 2n, 3n, 4n]) expectOk(validateTicketCreateOperation({ ...op, target_type }));
    expectRefused(validateTicketCreateOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateTicketCreateOperation({ ...op, target_type: 0n }), `${T}.target_type_not_liquid`, "target_type");
    expectRefused(validateTicketCreateOperation({ ...op, target_type: TICKET_TYPE_COUNT }), `${T}.target_type_known`, "target_type");
    expectRefused(validateTicketCreateOperation({ ...op, target_type: 2n ** 64n - 1n }), `${T}.target_type_known`, "target_type");
    expectRefused(validateTicketCreateOperation({ ...op, amount: asset(0) }), `${T}.amount_positive`, "amount.amount");
    expectRefused(validateTicketCreateOperation({ ...op, amount: asset(1, "1.3.1") }), `${T}.amount_in_core`, "amount.asset_id");
  });

  it("ticket_update: a known target (liquid allowed), and a positive core amount when given", () => {
    const T = "ticket_update_operation";
    const op = make<TicketUpdateOperation>("ticket_update_operation", { ticket: "1.18.3", account: "1.2.17", target_type: 0n });
    expectOk(validateTicketUpdateOperation(op));
    expectOk(validateTicketUpdateOperation({ ...op, target_type: 4n, amount_for_new_target: asset(7) }));
    expectRefused(validateTicketUpdateOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateTicketUpdateOperation({ ...op, target_type: 5n }), `${T}.target_type_known`, "target_type");
    expectRefused(validateTicketUpdateOperation({ ...op, amount_for_new_target: asset(0) }), `${T}.amount_positive`, "amount_for_new_target.amount");
    expectRefused(validateTicketUpdateOperation({ ...op, amount_for_new_target: asset(1, "1.3.1") }), `${T}.amount_in_core`, "amount_for_new_target.asset_id");
  });

  it("TICKET_TYPE_COUNT is the number of ticket_type values (ticket.hpp)", () => {
    expect(TICKET_TYPE_COUNT).toBe(5n);
  });
});
