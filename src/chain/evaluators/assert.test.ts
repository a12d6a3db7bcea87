// assert (assert_evaluator.cpp) on the database_fixture chain, after operation_tests2.cpp assert_op_test.
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { SKIP, SKIP_ALL } from "../skip.js";
import { Chain, core } from "./misc_ops_test_support.js";

/** ~0 as database_fixture pushes unsigned transactions, except the assert evaluation this file is about. */
const CHECK_ASSERTS = SKIP_ALL & ~SKIP.assert_evaluation;
const assertOp = (fee_paying_account: string, predicates: T.Predicate[]): T.Operation =>
  [36, { fee: core(0), fee_paying_account, predicates, required_auths: [], extensions: [] }];
const name = (account_id: string, n: string): T.Predicate => [0, { account_id, name: n }];
const symbol = (asset_id: string, s: string): T.Predicate => [1, { asset_id, symbol: s }];
const blockId = (id: string): T.Predicate => [2, { id }];
const field = (f: string) => `operations[0][1].${f}`;

describe("assert", () => {
  it("checks account names (assert_op_test)", () => {
    const c = new Chain();
    const nathan = c.createAccount("nathan");
    expect(c.result(assertOp(nathan, [name(nathan, "nathan")]), { signers: ["nathan"] })).toEqual([0, {}]);
    c.expectRefused([assertOp(nathan, [name(nathan, "nathan"), name(nathan, "dan")])],
      { exception: "assert_exception", rule: "assert.account_name_eq_lit", field: field("predicates[1][1].name") }, { signers: ["nathan"] });
    c.expectRefused([assertOp(nathan, [name("1.2.77", "nathan")])],
      { exception: "assert_exception", rule: "database.object_exists", field: field("predicates[0][1].account_id") }, { skip: CHECK_ASSERTS });
  });

  it("admits only predicate kinds below max_predicate_opcode (1 by default: account names only)", () => {
    const c = new Chain();
    expect(c.f.gpo().parameters.max_predicate_opcode).toBe(1);
    c.expectRefused([assertOp("1.2.0", [symbol("1.3.0", "BTS")])],
      { exception: "assert_exception", rule: "assert.max_predicate_opcode", field: field("predicates[0]") }, { skip: CHECK_ASSERTS });
    c.expectRefused([assertOp("1.2.0", [name("1.2.0", "committee-account"), blockId(c.f.dgpo().head_block_id)])],
      { exception: "assert_exception", rule: "assert.max_predicate_opcode", field: field("predicates[1]") }, { skip: CHECK_ASSERTS });
  });

  it("checks asset symbols and block ids when the parameter admits them", () => {
    const c = new Chain();
    c.f.modifyGlobalProperties((g) => ({ ...g, parameters: { ...g.parameters, max_predicate_opcode: 3 } }));
    const head = c.f.dgpo().head_block_id;
    expect(c.result(assertOp("1.2.0", [symbol("1.3.0", "BTS"), symbol("1.3.1", "INITMPA"), blockId(head)]), { skip: CHECK_ASSERTS })).toEqual([0, {}]);
    c.expectRefused([assertOp("1.2.0", [symbol("1.3.1", "BTS")])],
      { exception: "assert_exception", rule: "assert.asset_symbol_eq_lit", field: field("predicates[0][1].symbol") }, { skip: CHECK_ASSERTS });
    c.expectRefused([assertOp("1.2.0", [symbol("1.3.9", "BTS")])],
      { exception: "assert_exception", rule: "database.object_exists", field: field("predicates[0][1].asset_id") }, { skip: CHECK_ASSERTS });
    // Same block number, another hash.
    const other = head.slice(0, 8) + (head[8] === "0" ? "1" : "0") + head.slice(9);
    c.expectRefused([assertOp("1.2.0", [blockId(other)])],
      { exception: "assert_exception", rule: "assert.block_id", field: field("predicates[0][1].id") }, { skip: CHECK_ASSERTS });
    // A block number 65536 ahead maps to the same summary, which holds the real block.
    const ahead = (parseInt(head.slice(0, 8), 16) + 0x10000).toString(16).padStart(8, "0") + head.slice(8);
    c.expectRefused([assertOp("1.2.0", [blockId(ahead)])],
      { exception: "assert_exception", rule: "assert.block_id", field: field("predicates[0][1].id") }, { skip: CHECK_ASSERTS });
    // An earlier block's id is found through its own summary (block number mod 2^16).
    const second = c.get<T.BlockSummaryObject>("2.8.2").block_id;
    expect(parseInt(second.slice(0, 8), 16)).toBe(2);
    expect(c.result(assertOp("1.2.0", [blockId(second)]), { skip: CHECK_ASSERTS })).toEqual([0, {}]);
  });

  it("skips every predicate under skip_assert_evaluation (as push_transaction(trx, ~0) does)", () => {
    const c = new Chain();
    expect(c.result(assertOp("1.2.0", [name("1.2.0", "nobody"), symbol("1.3.0", "XYZ"), name("1.2.99", "x")]), { skip: SKIP_ALL })).toEqual([0, {}]);
  });
});
