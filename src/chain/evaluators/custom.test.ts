// custom (custom_evaluator.hpp): nothing but the fee.
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { Chain, core } from "./misc_ops_test_support.js";

const customOp = (payer: string, fee: bigint, data = "00ff"): T.Operation =>
  [35, { fee: core(fee), payer, required_auths: [], id: 7, data }];

describe("custom", () => {
  it("changes nothing but the payer's fee payment", () => {
    const c = new Chain();
    const alice = c.createAccount("alice");
    c.transfer("1.2.0", alice, core(10));
    const statsBefore = c.stats(alice);
    expect(c.result(customOp(alice, 3n, "deadbeef"), { signers: ["alice"] })).toEqual([0, {}]);
    expect(c.balance(alice)).toBe(7n);
    // The fee (at or below the cashback vesting threshold) is pending vested fees of the payer.
    expect(c.stats(alice)).toEqual({ ...statsBefore, pending_vested_fees: 3n, total_ops: c.stats(alice).total_ops, most_recent_op: c.stats(alice).most_recent_op });
  });

  it("is refused only by the generic fee rules: a payer who cannot pay", () => {
    const c = new Chain();
    const alice = c.createAccount("alice");
    c.transfer("1.2.0", alice, core(2));
    c.expectRefused([customOp(alice, 3n)], { exception: "assert_exception", rule: "database.adjust_balance.sufficient", field: "operations[0][1].fee" });
  });
});
