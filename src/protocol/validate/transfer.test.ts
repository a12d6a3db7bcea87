// validate() of the moving-value operations: transfer (0), override_transfer (38) (transfer.cpp),
// vesting_balance_create / _withdraw (32, 33) (vesting.hpp) and withdraw_permission 25..28
// (withdraw_permission.cpp).
import { describe, it } from "vitest";
import type {
  OverrideTransferOperation, TransferOperation, VestingBalanceCreateOperation, VestingBalanceWithdrawOperation,
  WithdrawPermissionClaimOperation, WithdrawPermissionCreateOperation, WithdrawPermissionDeleteOperation,
  WithdrawPermissionUpdateOperation,
} from "../../../generated/native-types.js";
import { validateOverrideTransferOperation, validateTransferOperation } from "./transfer.js";
import { validateVestingBalanceCreateOperation, validateVestingBalanceWithdrawOperation } from "./vesting.js";
import {
  validateWithdrawPermissionClaimOperation, validateWithdrawPermissionCreateOperation, validateWithdrawPermissionDeleteOperation,
  validateWithdrawPermissionUpdateOperation,
} from "./withdraw_permission.js";
import { asset, expectOk, expectRefused, make } from "./test_support.js";

describe("transfer_operation and override_transfer_operation", () => {
  const transfer = (patch: Partial<TransferOperation> = {}) =>
    make<TransferOperation>("transfer_operation", { from: "1.2.17", to: "1.2.18", amount: asset(1), ...patch });

  it("transfer: fee >= 0, from != to, amount > 0", () => {
    const T = "transfer_operation";
    expectOk(validateTransferOperation(transfer()));
    expectOk(validateTransferOperation(transfer({ fee: asset(0, "1.3.5"), amount: asset(1, "1.3.5") })));
    expectRefused(validateTransferOperation(transfer({ fee: asset(-1) })), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateTransferOperation(transfer({ to: "1.2.17" })), `${T}.from_not_to`, "to");
    expectRefused(validateTransferOperation(transfer({ amount: asset(0) })), `${T}.amount_positive`, "amount.amount");
    expectRefused(validateTransferOperation(transfer({ amount: asset(-1) })), `${T}.amount_positive`, "amount.amount");
    // Fee first, then accounts, then amount (transfer.cpp).
    expectRefused(validateTransferOperation(transfer({ fee: asset(-1), to: "1.2.17", amount: asset(0) })), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateTransferOperation(transfer({ to: "1.2.17", amount: asset(0) })), `${T}.from_not_to`, "to");
  });

  it("override_transfer: as transfer, and the issuer is not the sender", () => {
    const T = "override_transfer_operation";
    const op = make<OverrideTransferOperation>("override_transfer_operation", { issuer: "1.2.9", from: "1.2.17", to: "1.2.18", amount: asset(1, "1.3.5") });
    expectOk(validateOverrideTransferOperation(op));
    // The issuer may be the receiver.
    expectOk(validateOverrideTransferOperation({ ...op, to: "1.2.9" }));
    expectRefused(validateOverrideTransferOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateOverrideTransferOperation({ ...op, to: "1.2.17" }), `${T}.from_not_to`, "to");
    expectRefused(validateOverrideTransferOperation({ ...op, amount: asset(0, "1.3.5") }), `${T}.amount_positive`, "amount.amount");
    expectRefused(validateOverrideTransferOperation({ ...op, from: "1.2.9" }), `${T}.issuer_not_from`, "from");
  });
});

describe("vesting_balance_create_operation and vesting_balance_withdraw_operation", () => {
  // tests/tests/operation_tests.cpp vesting_balance_create_test: fee 1 and 0 pass, -1 fails; amount 1 passes, 0 and -1 fail
  it("vesting_balance_create_test", () => {
    const T = "vesting_balance_create_operation";
    const op = make<VestingBalanceCreateOperation>("vesting_balance_create_operation", { amount: asset(100, "1.3.1") });
    expectOk(validateVestingBalanceCreateOperation({ ...op, fee: asset(1) }));
    expectOk(validateVestingBalanceCreateOperation({ ...op, fee: asset(0) }));
    expectRefused(validateVestingBalanceCreateOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectOk(validateVestingBalanceCreateOperation({ ...op, amount: asset(1) }));
    expectRefused(validateVestingBalanceCreateOperation({ ...op, amount: asset(0) }), `${T}.amount_positive`, "amount.amount");
    expectRefused(validateVestingBalanceCreateOperation({ ...op, amount: asset(-1) }), `${T}.amount_positive`, "amount.amount");
  });

  // tests/tests/operation_tests.cpp vesting_balance_withdraw_test: the same fee and amount cases
  it("vesting_balance_withdraw_test, and the owner is not the temp account", () => {
    const T = "vesting_balance_withdraw_operation";
    const op = make<VestingBalanceWithdrawOperation>("vesting_balance_withdraw_operation", { amount: asset(100, "1.3.1") });
    expectOk(validateVestingBalanceWithdrawOperation({ ...op, fee: asset(1) }));
    expectOk(validateVestingBalanceWithdrawOperation({ ...op, fee: asset(0) }));
    expectRefused(validateVestingBalanceWithdrawOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectOk(validateVestingBalanceWithdrawOperation({ ...op, amount: asset(1) }));
    expectRefused(validateVestingBalanceWithdrawOperation({ ...op, amount: asset(0) }), `${T}.amount_positive`, "amount.amount");
    expectRefused(validateVestingBalanceWithdrawOperation({ ...op, amount: asset(-1) }), `${T}.amount_positive`, "amount.amount");
    expectRefused(validateVestingBalanceWithdrawOperation({ ...op, owner: "1.2.4" }), `${T}.owner_not_temp`, "owner");
  });
});

describe("withdraw_permission operations", () => {
  const terms = { withdraw_from_account: "1.2.17", authorized_account: "1.2.18", withdrawal_limit: asset(5), withdrawal_period_sec: 3600, periods_until_expiration: 5 };

  // tests/tests/operation_tests2.cpp withdraw_permission_create: REQUIRE_OP_VALIDATION_FAILURE on each field
  it("withdraw_permission_create", () => {
    const T = "withdraw_permission_create_operation";
    const op = make<WithdrawPermissionCreateOperation>("withdraw_permission_create_operation", terms);
    expectOk(validateWithdrawPermissionCreateOperation(op));
    expectRefused(validateWithdrawPermissionCreateOperation({ ...op, withdrawal_limit: asset(0) }), `${T}.withdrawal_limit_positive`, "withdrawal_limit.amount");
    expectRefused(validateWithdrawPermissionCreateOperation({ ...op, periods_until_expiration: 0 }), `${T}.periods_until_expiration_positive`, "periods_until_expiration");
    expectRefused(validateWithdrawPermissionCreateOperation({ ...op, withdraw_from_account: "1.2.18" }), `${T}.distinct_accounts`, "authorized_account");
    expectRefused(validateWithdrawPermissionCreateOperation({ ...op, withdrawal_period_sec: 0 }), `${T}.withdrawal_period_positive`, "withdrawal_period_sec");
    expectRefused(validateWithdrawPermissionCreateOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    // Order: fee, accounts, limit, period, periods.
    expectRefused(validateWithdrawPermissionCreateOperation({ ...op, withdraw_from_account: "1.2.18", withdrawal_limit: asset(0) }), `${T}.distinct_accounts`, "authorized_account");
  });

  it("withdraw_permission_update: the same checks, limit first", () => {
    const T = "withdraw_permission_update_operation";
    const op = make<WithdrawPermissionUpdateOperation>("withdraw_permission_update_operation", { ...terms, permission_to_update: "1.12.3" });
    expectOk(validateWithdrawPermissionUpdateOperation(op));
    expectRefused(validateWithdrawPermissionUpdateOperation({ ...op, withdrawal_limit: asset(0), fee: asset(-1) }), `${T}.withdrawal_limit_positive`, "withdrawal_limit.amount");
    expectRefused(validateWithdrawPermissionUpdateOperation({ ...op, fee: asset(-1), withdrawal_period_sec: 0 }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateWithdrawPermissionUpdateOperation({ ...op, withdrawal_period_sec: 0, authorized_account: "1.2.17" }), `${T}.withdrawal_period_positive`, "withdrawal_period_sec");
    expectRefused(validateWithdrawPermissionUpdateOperation({ ...op, authorized_account: "1.2.17", periods_until_expiration: 0 }), `${T}.distinct_accounts`, "authorized_account");
    expectRefused(validateWithdrawPermissionUpdateOperation({ ...op, periods_until_expiration: 0 }), `${T}.periods_until_expiration_positive`, "periods_until_expiration");
  });

  it("withdraw_permission_claim: accounts, amount, then fee", () => {
    const T = "withdraw_permission_claim_operation";
    const op = make<WithdrawPermissionClaimOperation>("withdraw_permission_claim_operation", {
      withdraw_from_account: "1.2.17", withdraw_to_account: "1.2.18", amount_to_withdraw: asset(5),
    });
    expectOk(validateWithdrawPermissionClaimOperation(op));
    expectRefused(validateWithdrawPermissionClaimOperation({ ...op, withdraw_to_account: "1.2.17", fee: asset(-1) }), `${T}.distinct_accounts`, "withdraw_to_account");
    expectRefused(validateWithdrawPermissionClaimOperation({ ...op, amount_to_withdraw: asset(0), fee: asset(-1) }), `${T}.amount_positive`, "amount_to_withdraw.amount");
    expectRefused(validateWithdrawPermissionClaimOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
  });

  it("withdraw_permission_delete: fee and distinct accounts", () => {
    const T = "withdraw_permission_delete_operation";
    const op = make<WithdrawPermissionDeleteOperation>("withdraw_permission_delete_operation", { withdraw_from_account: "1.2.17", authorized_account: "1.2.18" });
    expectOk(validateWithdrawPermissionDeleteOperation(op));
    expectRefused(validateWithdrawPermissionDeleteOperation({ ...op, fee: asset(-1) }), `${T}.fee_non_negative`, "fee.amount");
    expectRefused(validateWithdrawPermissionDeleteOperation({ ...op, authorized_account: "1.2.17" }), `${T}.distinct_accounts`, "authorized_account");
  });
});
