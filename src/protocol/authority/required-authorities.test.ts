// operation_get_required_authorities (operations.cpp) and transaction::get_required_authorities
// (transaction.cpp). The fee payers are checked against a list keyed by operation NAME, read from each
// operation's fee_payer() in bitshares-core's protocol headers, so that a slip in the tag-indexed table of
// required-authorities.ts shows up.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import { TABLES } from "../../../generated/codec-tables.js";
import type { Operation } from "../../../generated/native-types.js";
import { zero } from "../../codec/index.js";
import { COMMITTEE_ACCOUNT, TEMP_ACCOUNT } from "../config.js";
import { getRequiredAuthorities, getTransactionRequiredAuthorities, operationRequirements } from "./required-authorities.js";
import { auth, authJson, bts, op, pub, transfer } from "./test-helpers.js";
import { comparePublicKeys } from "./ordering.js";

// fee_payer() of every operation, from libraries/protocol/include/graphene/protocol/*.hpp (and
// confidential.cpp for blind_transfer_operation). A string names the member returned; an object a fixed account.
const FEE_PAYER_BY_NAME: Record<string, string | { account: string }> = {
  transfer_operation: "from", limit_order_create_operation: "seller", limit_order_cancel_operation: "fee_paying_account",
  call_order_update_operation: "funding_account", fill_order_operation: "account_id", account_create_operation: "registrar",
  account_update_operation: "account", account_whitelist_operation: "authorizing_account",
  account_upgrade_operation: "account_to_upgrade", account_transfer_operation: "account_id", asset_create_operation: "issuer",
  asset_update_operation: "issuer", asset_update_bitasset_operation: "issuer", asset_update_feed_producers_operation: "issuer",
  asset_issue_operation: "issuer", asset_reserve_operation: "payer", asset_fund_fee_pool_operation: "from_account",
  asset_settle_operation: "account", asset_global_settle_operation: "issuer", asset_publish_feed_operation: "publisher",
  witness_create_operation: "witness_account", witness_update_operation: "witness_account",
  proposal_create_operation: "fee_paying_account", proposal_update_operation: "fee_paying_account",
  proposal_delete_operation: "fee_paying_account", withdraw_permission_create_operation: "withdraw_from_account",
  withdraw_permission_update_operation: "withdraw_from_account", withdraw_permission_claim_operation: "withdraw_to_account",
  withdraw_permission_delete_operation: "withdraw_from_account", committee_member_create_operation: "committee_member_account",
  committee_member_update_operation: "committee_member_account",
  committee_member_update_global_parameters_operation: { account: "1.2.0" }, // account_id_type()
  vesting_balance_create_operation: "creator", vesting_balance_withdraw_operation: "owner", worker_create_operation: "owner",
  custom_operation: "payer", assert_operation: "fee_paying_account", balance_claim_operation: "deposit_to_account",
  override_transfer_operation: "issuer", transfer_to_blind_operation: "from",
  blind_transfer_operation: { account: "1.2.4" }, transfer_from_blind_operation: { account: "1.2.4" }, // GRAPHENE_TEMP_ACCOUNT
  asset_settle_cancel_operation: "account", asset_claim_fees_operation: "issuer", fba_distribute_operation: "account_id",
  bid_collateral_operation: "bidder", execute_bid_operation: "bidder", asset_claim_pool_operation: "issuer",
  asset_update_issuer_operation: "issuer", htlc_create_operation: "from", htlc_redeem_operation: "redeemer",
  htlc_redeemed_operation: "to", htlc_extend_operation: "update_issuer", htlc_refund_operation: "to",
  custom_authority_create_operation: "account", custom_authority_update_operation: "account",
  custom_authority_delete_operation: "account", ticket_create_operation: "account", ticket_update_operation: "account",
  liquidity_pool_create_operation: "account", liquidity_pool_delete_operation: "account",
  liquidity_pool_deposit_operation: "account", liquidity_pool_withdraw_operation: "account",
  liquidity_pool_exchange_operation: "account", samet_fund_create_operation: "owner_account",
  samet_fund_delete_operation: "owner_account", samet_fund_update_operation: "owner_account",
  samet_fund_borrow_operation: "borrower", samet_fund_repay_operation: "account", credit_offer_create_operation: "owner_account",
  credit_offer_delete_operation: "owner_account", credit_offer_update_operation: "owner_account",
  credit_offer_accept_operation: "borrower", credit_deal_repay_operation: "account", credit_deal_expired_operation: "borrower",
  liquidity_pool_update_operation: "account", credit_deal_update_operation: "account", limit_order_update_operation: "seller",
};

// Operations overriding get_required_active/owner_authorities or get_required_authorities (grep of the
// protocol headers): every other operation needs exactly its fee payer's active authority.
const SPECIAL = new Set([
  "account_create_operation", "account_update_operation", "proposal_update_operation", "custom_operation",
  "balance_claim_operation", "blind_transfer_operation", "transfer_from_blind_operation", "asset_update_issuer_operation",
]);

const variant = TABLES["operation"] as unknown as { alternatives: string[] };
const names = variant.alternatives;

describe("fee_payer() of every operation", () => {
  it("covers the 78 operations of the variant", () => {
    expect(names).toHaveLength(78);
    expect(Object.keys(FEE_PAYER_BY_NAME).sort()).toEqual([...names].sort());
  });

  it.each(names.map((name, tag) => [tag, name] as const))("tag %i %s: its fee payer's active authority, and nothing else unless it overrides", (tag, name) => {
    const payer = FEE_PAYER_BY_NAME[name]!;
    const zeroValue = zero(name);
    if (E.isLeft(zeroValue)) throw new Error(zeroValue.left.message);
    const value = { ...(zeroValue.right as Record<string, unknown>) };
    const id = `1.2.${1000 + tag}`;
    if (typeof payer === "string") {
      expect(value[payer]).toBe("1.2.0"); // the member exists and is an account_id_type
      value[payer] = id;
    }
    const r = getRequiredAuthorities([tag, value] as unknown as Operation);
    const expected = typeof payer === "string" ? id : payer.account;
    expect(r.active).toContain(expected);
    if (!SPECIAL.has(name)) expect(r).toEqual({ active: [expected], owner: [], other: [] });
  });
});

describe("the operations with extra requirements", () => {
  it("account_create: the registrar, and the buyback asset's issuer (account.hpp)", () => {
    expect(getRequiredAuthorities(op(5, { registrar: "1.2.30" }))).toEqual({ active: ["1.2.30"], owner: [], other: [] });
    const buyback = op(5, { registrar: "1.2.30", extensions: { buyback_options: { asset_to_buy: "1.3.5", asset_to_buy_issuer: "1.2.9", markets: [] } } });
    expect(getRequiredAuthorities(buyback)).toEqual({ active: ["1.2.9", "1.2.30"], owner: [], other: [] });
    expect(operationRequirements(buyback).active.map((r) => r.field)).toContain("extensions.buyback_options.asset_to_buy_issuer");
  });

  it("account_update: owner when the owner or owner_special_authority changes, active otherwise (is_owner_update)", () => {
    // authority_tests.cpp missing_owner_auth_test: an update of the owner needs the owner authority
    const a = auth(1, [pub("k"), 1]);
    expect(getRequiredAuthorities(op(6, { account: "1.2.17", owner: authJson(a) }))).toEqual({ active: ["1.2.17"], owner: ["1.2.17"], other: [] });
    expect(getRequiredAuthorities(op(6, { account: "1.2.17", extensions: { owner_special_authority: [1, { num_top_holders: 1, asset: "1.3.0" }] } })))
      .toEqual({ active: ["1.2.17"], owner: ["1.2.17"], other: [] });
    expect(getRequiredAuthorities(op(6, { account: "1.2.17", active: authJson(a) }))).toEqual({ active: ["1.2.17"], owner: [], other: [] });
    expect(getRequiredAuthorities(op(6, { account: "1.2.17", extensions: { active_special_authority: [1, { num_top_holders: 1, asset: "1.3.0" }] } })))
      .toEqual({ active: ["1.2.17"], owner: [], other: [] });
  });

  it("account_update in a transaction: the owner account leaves the active set (transaction::get_required_authorities)", () => {
    const a = auth(1, [pub("k"), 1]);
    const tx = getTransactionRequiredAuthorities([op(6, { account: "1.2.17", owner: authJson(a) }), transfer("1.2.17"), transfer("1.2.5")]);
    expect(tx).toEqual({ active: ["1.2.5"], owner: ["1.2.17"], other: [] });
  });

  it("asset_update_issuer: the issuer's owner authority (asset_ops.hpp)", () => {
    expect(getRequiredAuthorities(op(48, { issuer: "1.2.8" }))).toEqual({ active: ["1.2.8"], owner: ["1.2.8"], other: [] });
    expect(getTransactionRequiredAuthorities([op(48, { issuer: "1.2.8" })])).toEqual({ active: [], owner: ["1.2.8"], other: [] });
  });

  it("custom: required_auths unless ignore_custom_operation_required_auths (custom_operation_required_auths_after_fork)", () => {
    const custom = op(35, { payer: "1.2.17", required_auths: ["1.2.18", "1.2.3"] });
    expect(getRequiredAuthorities(custom)).toEqual({ active: ["1.2.3", "1.2.17", "1.2.18"], owner: [], other: [] });
    expect(getRequiredAuthorities(custom, true)).toEqual({ active: ["1.2.17"], owner: [], other: [] });
    expect(operationRequirements(custom).active.map((r) => r.field)).toEqual(["payer", "required_auths[0]", "required_auths[1]"]);
  });

  it("balance_claim: a signature of balance_owner_key (balance.hpp: authority(1, key, 1))", () => {
    const k = pub("n");
    expect(getRequiredAuthorities(op(37, { deposit_to_account: "1.2.17", balance_owner_key: bts(k) }))).toEqual({
      active: ["1.2.17"], owner: [], other: [auth(1, [k, 1])],
    });
  });

  it("blind_transfer and transfer_from_blind: the temp account and each input's owner (confidential.hpp)", () => {
    const o1 = auth(1, [pub("i1"), 1]);
    const o2 = auth(2, ["1.2.40", 1], [pub("i2"), 1]);
    const inputs = [{ commitment: "00".repeat(33), owner: authJson(o1) }, { commitment: "01".repeat(33), owner: authJson(o2) }];
    for (const tag of [40, 41]) {
      const r = getRequiredAuthorities(op(tag, { inputs } as Record<string, unknown>));
      expect(r).toEqual({ active: [TEMP_ACCOUNT], owner: [], other: [o1, o2] });
    }
  });

  it("committee_member_update_global_parameters: the committee account", () => {
    expect(getRequiredAuthorities(op(31, {})).active).toEqual([COMMITTEE_ACCOUNT]);
  });

  it("proposal_update: each approval changed, and one authority of all the keys changed (proposal.cpp)", () => {
    const [k1, k2, k3] = [pub("a"), pub("b"), pub("c")];
    const pup = op(23, {
      fee_paying_account: "1.2.20",
      active_approvals_to_add: ["1.2.31"], active_approvals_to_remove: ["1.2.30"],
      owner_approvals_to_add: ["1.2.41"], owner_approvals_to_remove: ["1.2.40"],
      key_approvals_to_add: [bts(k1), bts(k2)], key_approvals_to_remove: [bts(k2), bts(k3)],
    });
    const r = getRequiredAuthorities(pup);
    expect(r.active).toEqual(["1.2.20", "1.2.30", "1.2.31"]);
    expect(r.owner).toEqual(["1.2.40", "1.2.41"]);
    // a key both added and removed appears once; the threshold is the number of distinct keys
    expect(r.other).toEqual([auth(3, [k1, 1], [k2, 1], [k3, 1])]);
    const keys = r.other[0]!.key_auths.map(([k]) => k);
    expect([...keys].sort(comparePublicKeys)).toEqual(keys);
    expect(getRequiredAuthorities(op(23, { fee_paying_account: "1.2.20" })).other).toEqual([]);
    expect(getRequiredAuthorities(op(23, { fee_paying_account: "1.2.20", key_approvals_to_remove: [bts(k3)] })).other).toEqual([auth(1, [k3, 1])]);
  });

  it("proposal_create needs only its fee payer, not the proposed operations' authorities (proposed_single_account, issue_214)", () => {
    const pop = op(22, { fee_paying_account: "1.2.18", proposed_ops: [{ op: [0, { from: "1.2.17", to: "1.2.18" }] }] });
    expect(getRequiredAuthorities(pop)).toEqual({ active: ["1.2.18"], owner: [], other: [] });
    expect(getRequiredAuthorities(transfer("1.2.17"))).toEqual({ active: ["1.2.17"], owner: [], other: [] });
    // issue_214: a proposal nesting a proposal_update of alice's approval needs only bob
    const nested = op(22, { fee_paying_account: "1.2.18", proposed_ops: [{ op: [23, { fee_paying_account: "1.2.17", active_approvals_to_add: ["1.2.17"] }] }] });
    expect(getRequiredAuthorities(nested)).toEqual({ active: ["1.2.18"], owner: [], other: [] });
  });

  it("transaction level: accounts sorted by instance and unique, other authorities in operation order", () => {
    const o1 = auth(1, [pub("x"), 1]);
    const o2 = auth(1, [pub("y"), 1]);
    const r = getTransactionRequiredAuthorities([
      transfer("1.2.100"), op(37, { deposit_to_account: "1.2.9", balance_owner_key: bts(pub("y")) }), transfer("1.2.20"),
      op(37, { deposit_to_account: "1.2.100", balance_owner_key: bts(pub("x")) }),
    ]);
    expect(r).toEqual({ active: ["1.2.9", "1.2.20", "1.2.100"], owner: [], other: [o2, o1] });
  });
});
