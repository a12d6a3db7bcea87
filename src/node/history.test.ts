// The account history rules: which accounts an operation or object concerns (chain/db_notify.cpp), which
// accounts' histories record an applied operation (account_history_plugin.cpp update_account_histories),
// the numbering of operation_history_objects across blocks and fork switches, and history_api's ranges.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { type Json, fromJson } from "../codec/index.js";
import type { ChainState } from "../chain/index.js";
import { AccountHistory, historyAccounts, impactedAccounts, relevantAccounts } from "./history.js";

const op = (json: Json): T.Operation => {
  const r = fromJson("operation", json);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right as T.Operation;
};
const sorted = (s: Set<string>) => [...s].sort((a, b) => Number(a.split(".")[2]) - Number(b.split(".")[2]));

describe("impacted accounts (operation_get_impacted_accounts)", () => {
  it("transfer: the sender (fee payer) and the receiver", () => {
    expect(sorted(impactedAccounts(op([0, { from: "1.2.17", to: "1.2.6" }])))).toEqual(["1.2.6", "1.2.17"]);
  });

  it("account_create: registrar, referrer and the accounts of the new owner and active authorities; the history adds the new account", () => {
    const create = op([5, {
      registrar: "1.2.17", referrer: "1.2.8", name: "x",
      owner: { weight_threshold: 1, account_auths: [["1.2.9", 1]], key_auths: [], address_auths: [] },
      active: { weight_threshold: 1, account_auths: [["1.2.10", 1]], key_auths: [], address_auths: [] },
      options: { memo_key: "BTS1111111111111111111111111111111114T1Anm", voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] },
    }]);
    expect(sorted(impactedAccounts(create))).toEqual(["1.2.8", "1.2.9", "1.2.10", "1.2.17"]);
    expect(historyAccounts({ op: create, result: [1, "1.2.30"] })).toEqual(["1.2.8", "1.2.9", "1.2.10", "1.2.17", "1.2.30"]);
  });

  it("htlc_redeemed: the sender, and the receiver only when someone else redeemed", () => {
    expect(sorted(impactedAccounts(op([51, { htlc_id: "1.16.0", from: "1.2.6", to: "1.2.7", redeemer: "1.2.7" }])))).toEqual(["1.2.6"]);
    expect(sorted(impactedAccounts(op([51, { htlc_id: "1.16.0", from: "1.2.6", to: "1.2.7", redeemer: "1.2.8" }])))).toEqual(["1.2.6", "1.2.7"]);
  });

  it("proposal_create: the fee payer and the accounts the proposed operations require", () => {
    const proposal = op([22, { fee_paying_account: "1.2.17", expiration_time: "2026-01-01T00:00:00", proposed_ops: [{ op: [0, { from: "1.2.20", to: "1.2.21" }] }] }]);
    // The receiver of a proposed transfer requires nothing, so it is not impacted.
    expect(sorted(impactedAccounts(proposal))).toEqual(["1.2.17", "1.2.20"]);
  });

  it("custom: the payer and the required_auths (not ignored after HARDFORK_CORE_210)", () => {
    expect(sorted(impactedAccounts(op([35, { payer: "1.2.5", required_auths: ["1.2.9"], id: 0, data: "" }])))).toEqual(["1.2.5", "1.2.9"]);
  });

  it("virtual fill_order and credit_deal_expired", () => {
    expect(sorted(impactedAccounts(op([4, { order_id: "1.7.0", account_id: "1.2.11" }])))).toEqual(["1.2.11"]);
    expect(sorted(impactedAccounts(op([74, { deal_id: "1.22.0", offer_id: "1.21.0", offer_owner: "1.2.12", borrower: "1.2.13" }])))).toEqual(["1.2.12", "1.2.13"]);
  });

  it("an extendable result's impacted_accounts join the history", () => {
    const transfer = op([0, { from: "1.2.17", to: "1.2.6" }]);
    expect(historyAccounts({ op: transfer, result: [5, { impacted_accounts: ["1.2.40"] }] })).toEqual(["1.2.6", "1.2.17", "1.2.40"]);
  });
});

describe("relevant accounts of objects (get_relevant_accounts)", () => {
  it("orders, htlcs and balances concern their owners; global properties nobody", () => {
    expect(sorted(relevantAccounts({ id: "1.7.3", seller: "1.2.9" }))).toEqual(["1.2.9"]);
    expect(sorted(relevantAccounts({ id: "1.16.0", transfer: { from: "1.2.6", to: "1.2.7" } }))).toEqual(["1.2.6", "1.2.7"]);
    expect(sorted(relevantAccounts({ id: "2.5.4", owner: "1.2.8" }))).toEqual(["1.2.8"]);
    expect(sorted(relevantAccounts({ id: "1.2.8" }))).toEqual(["1.2.8"]);
    expect(sorted(relevantAccounts({ id: "2.1.0", head_block_number: 3 }))).toEqual([]);
  });
});

/** A block at height `num` with transfers from `from` to `to` (only the dynamic global properties are read). */
function block(num: number, transfers: [string, string][]) {
  const state = { find: () => ({ head_block_number: num }) } as unknown as ChainState;
  const appliedOps = transfers.map(([from, to], i) => ({
    op: op([0, { from, to }]), result: [0, {}] as T.OperationResult, block_num: num, trx_in_block: i, op_in_trx: 0, virtual_op: 0, is_virtual: false, block_time: 1000 + num,
  }));
  return { state, appliedOps };
}

describe("AccountHistory", () => {
  it("numbers operations across blocks; a fork switch takes back the popped blocks' operations and their ids", () => {
    const h = new AccountHistory();
    h.apply(block(1, [["1.2.17", "1.2.6"], ["1.2.17", "1.2.7"]]));
    h.apply(block(2, [["1.2.6", "1.2.7"]]));
    expect(h.size).toBe(3);
    expect(h.accountHistory("1.2.7", 0, 100, 0).map((o) => o.id)).toEqual(["1.11.2", "1.11.1"]);
    // Block 2 again (another fork): its operation replaces the popped one under the same id.
    h.apply(block(2, [["1.2.17", "1.2.8"]]));
    expect(h.size).toBe(3);
    expect(h.accountHistory("1.2.7", 0, 100, 0).map((o) => o.id)).toEqual(["1.11.1"]);
    expect(h.accountHistory("1.2.8", 0, 100, 0).map((o) => o.id)).toEqual(["1.11.2"]);
    expect(h.accountHistory("1.2.6", 0, 100, 0).map((o) => o.id)).toEqual(["1.11.0"]);
    // Block 1 again, empty: everything goes.
    h.apply(block(1, []));
    expect(h.size).toBe(0);
    expect(h.accountHistory("1.2.17", 0, 100, 0)).toEqual([]);
  });

  it("history_api's range: stop < id <= start, start 0 the newest, operation 0 when stop is 0 and the limit leaves room", () => {
    const h = new AccountHistory();
    h.apply(block(1, [["1.2.17", "1.2.6"], ["1.2.17", "1.2.6"], ["1.2.17", "1.2.7"], ["1.2.17", "1.2.6"]]));
    const ids = (account: string, stop: number, limit: number, start: number) => h.accountHistory(account, stop, limit, start).map((o) => Number(o.id.split(".")[2]));
    expect(ids("1.2.6", 0, 100, 0)).toEqual([3, 1, 0]);
    expect(ids("1.2.6", 0, 2, 0)).toEqual([3, 1]);
    expect(ids("1.2.6", 0, 0, 0)).toEqual([]);
    expect(ids("1.2.6", 1, 100, 0)).toEqual([3]);
    expect(ids("1.2.6", 0, 100, 2)).toEqual([1, 0]);
    expect(ids("1.2.6", 2, 100, 1)).toEqual([]);
    expect(ids("1.2.7", 0, 100, 0)).toEqual([2]);
    expect(ids("1.2.7", 0, 100, 1)).toEqual([]);
    const [first] = h.accountHistory("1.2.6", 0, 1, 1);
    expect(first).toEqual(expect.objectContaining({ id: "1.11.1", block_num: 1, trx_in_block: 1, block_time: 1001 }));
  });
});
