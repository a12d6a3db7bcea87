// One recipe per operation the chain implements: the extra set-up its cases need on top of the world
// (src/conformance/world.ts), a transaction that applies and one the chain refuses (each with the seeds that
// sign it), and for each its why. Fields left out take their type's defaults; "@name", "#SYMBOL", "$n" (the
// n-th newest object the set-up created) and "~s" (the head block time + s, as time_point_sec) are resolved
// against the state (Recorder.resolve); "FEED" and "PARAMS" are filled by the generator (generate.ts fill).
import type { Json } from "../codec/index.js";
import { bytesToHex, hexToBytes } from "../codec/hex.js";
import { sha256 } from "../crypto/hash.js";
import { DAY, type OpSpec, PREIMAGE, type Recorder, pubJson } from "./world.js";

export interface Case {
  readonly ops: readonly OpSpec[];
  readonly signers: readonly string[];
  /** What the case checks, in a few words. */
  readonly why: string;
}
export interface Recipe {
  readonly pre?: (r: Recorder) => void;
  readonly ok?: Case;
  readonly fail: Case;
}

const a = (amount: number | string, asset_id = "1.3.0"): Json => ({ amount, asset_id });
const B = 100000; // one BTS in satoshis
const auth = (seed: string): Json => ({ weight_threshold: 1, account_auths: [], key_auths: [[pubJson(seed), 1]], address_auths: [] });
const PREIMAGE_SHA256 = bytesToHex(sha256(hexToBytes(PREIMAGE)));
const PREIMAGE_SIZE = PREIMAGE.length / 2;

const order = (r: Recorder): void => void r.push([["limit_order_create", { seller: "@alice", amount_to_sell: a(1000 * B), min_to_receive: a(5000, "#ALPHA") }]], ["alice"]);
const proposal = (r: Recorder): void => void r.push([["proposal_create", { fee_paying_account: "@alice", expiration_time: "~86400", proposed_ops: [["transfer", { from: "@alice", to: "@bob", amount: a(10 * B) }]] }]], ["alice"]);
const withdrawPermission = (r: Recorder): void => {
  r.push([["withdraw_permission_create", {
  withdraw_from_account: "@alice", authorized_account: "@bob", withdrawal_limit: a(100 * B), withdrawal_period_sec: DAY, periods_until_expiration: 10, period_start_time: "~5",
}]], ["alice"]);
  r.block();
};
const htlc = (r: Recorder): void => void r.push([["htlc_create", {
  from: "@bob", to: "@carol", amount: a(10 * B), preimage_hash: [2, PREIMAGE_SHA256], preimage_size: PREIMAGE_SIZE, claim_period_seconds: DAY,
}]], ["bob"]);
const customAuthority = (r: Recorder): void => void r.push([["custom_authority_create", {
  account: "@alice", enabled: true, valid_from: "~0", valid_to: "~86400", operation_type: 0, auth: auth("carol"), restrictions: [],
}]], ["alice"]);
const pool = (r: Recorder): void => {
  r.push([["asset_create", { issuer: "@alice", symbol: "ALPHABTS", precision: 5, common_options: {
    max_supply: "1000000000000000", market_fee_percent: 0, max_market_fee: 0, issuer_permissions: 0, flags: 0,
    core_exchange_rate: { base: a(1), quote: a(1, "1.3.1") }, whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
  } }]], ["alice"]);
  r.push([["liquidity_pool_create", { account: "@alice", asset_a: "1.3.0", asset_b: "#ALPHA", share_asset: "#ALPHABTS", taker_fee_percent: 30, withdrawal_fee_percent: 0 }]], ["alice"]);
};
const deposited = (r: Recorder): void => {
  pool(r);
  r.push([["liquidity_pool_deposit", { account: "@alice", pool: "$0", amount_a: a(1000 * B), amount_b: a(100000, "#ALPHA") }]], ["alice"]);
};
const fund = (r: Recorder): void => void r.push([["samet_fund_create", { owner_account: "@alice", asset_type: "1.3.0", balance: 1000 * B, fee_rate: 1000 }]], ["alice"]);
const offer = (r: Recorder): void => void r.push([["credit_offer_create", {
  owner_account: "@alice", asset_type: "1.3.0", balance: 1000 * B, fee_rate: 1000, max_duration_seconds: 30 * DAY, min_deal_amount: B, enabled: true,
  auto_disable_time: "~864000", acceptable_collateral: [["#ALPHA", { base: a(1), quote: a(1, "#ALPHA") }]], acceptable_borrowers: [],
}]], ["alice"]);
const deal = (r: Recorder): void => {
  offer(r);
  r.push([["credit_offer_accept", { borrower: "@bob", offer_id: "$0", borrow_amount: a(10 * B), collateral: a(1000000, "#ALPHA"), max_fee_rate: 1000, min_duration_seconds: DAY }]], ["bob"]);
};
const vesting = (r: Recorder): void => void r.push([["vesting_balance_create", {
  creator: "@alice", owner: "@bob", amount: a(100 * B), policy: [0, { begin_timestamp: "~-86400", vesting_cliff_seconds: 0, vesting_duration_seconds: 60 }],
}]], ["alice"]);
const globallySettled = (r: Recorder): void => void r.push([["asset_global_settle", { issuer: "@alice", asset_to_settle: "#SMART", settle_price: { base: a(1000, "#SMART"), quote: a(10000) } }]], ["alice"]);
const alphaTraded = (r: Recorder): void => {
  // bob sells ALPHA for BTS and carol buys it: the 1% market fee on ALPHA goes to ALPHA's accumulated fees.
  r.push([["limit_order_create", { seller: "@bob", amount_to_sell: a(10000, "#ALPHA"), min_to_receive: a(10000) }]], ["bob"]);
  r.push([["limit_order_create", { seller: "@carol", amount_to_sell: a(10000), min_to_receive: a(10000, "#ALPHA") }]], ["carol"]);
};

export const RECIPES: Readonly<Record<string, Recipe>> = {
  transfer: {
    ok: { ops: [["transfer", { from: "@alice", to: "@bob", amount: a(100 * B) }]], signers: ["alice"], why: "a BTS transfer with the fee in BTS" },
    fail: { ops: [["transfer", { from: "@alice", to: "@bob", amount: a(0) }]], signers: ["alice"], why: "the amount must be positive" },
  },
  limit_order_create: {
    ok: { ops: [["limit_order_create", { seller: "@alice", amount_to_sell: a(1000 * B), min_to_receive: a(5000, "#ALPHA"), expiration: "~86400" }]], signers: ["alice"], why: "an order that rests on the book" },
    fail: { ops: [["limit_order_create", { seller: "@alice", amount_to_sell: a(1000 * B), min_to_receive: a(5000) }]], signers: ["alice"], why: "both sides in one asset" },
  },
  limit_order_cancel: {
    pre: order,
    ok: { ops: [["limit_order_cancel", { fee_paying_account: "@alice", order: "$0" }]], signers: ["alice"], why: "the seller cancels its order" },
    fail: { ops: [["limit_order_cancel", { fee_paying_account: "@bob", order: "$0" }]], signers: ["bob"], why: "only the seller may cancel" },
  },
  call_order_update: {
    ok: { ops: [["call_order_update", { funding_account: "@bob", delta_collateral: a(1000 * B), delta_debt: a(0, "#SMART") }]], signers: ["bob"], why: "more collateral on a debt position" },
    fail: { ops: [["call_order_update", { funding_account: "@carol", delta_collateral: a(0), delta_debt: a(0, "#SMART") }]], signers: ["carol"], why: "nothing to change" },
  },
  account_create: {
    ok: { ops: [["account_create", {
      registrar: "@alice", referrer: "@alice", referrer_percent: 5000, name: "dave-1", owner: auth("dave"), active: auth("dave"),
      options: { memo_key: pubJson("dave"), voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] },
    }]], signers: ["alice"], why: "a lifetime member registers a cheap name" },
    fail: { ops: [["account_create", {
      registrar: "@bob", referrer: "@bob", name: "dave-1", owner: auth("dave"), active: auth("dave"),
      options: { memo_key: pubJson("dave"), voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] },
    }]], signers: ["bob"], why: "only lifetime members register accounts" },
  },
  account_update: {
    ok: { ops: [["account_update", { account: "@bob", new_options: { memo_key: pubJson("bob-memo"), voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] } }]], signers: ["bob"], why: "a new memo key" },
    fail: { ops: [["account_update", { account: "@bob", owner: { weight_threshold: 2, account_auths: [], key_auths: [[pubJson("bob"), 1]], address_auths: [] } }]], signers: ["bob"], why: "an owner authority that cannot be satisfied" },
  },
  account_whitelist: {
    ok: { ops: [["account_whitelist", { authorizing_account: "@alice", account_to_list: "@bob", new_listing: 1 }]], signers: ["alice"], why: "alice white-lists bob" },
    fail: { ops: [["account_whitelist", { authorizing_account: "@alice", account_to_list: "@bob", new_listing: 4 }]], signers: ["alice"], why: "a listing beyond white_and_black_listed" },
  },
  account_upgrade: {
    ok: { ops: [["account_upgrade", { account_to_upgrade: "@bob", upgrade_to_lifetime_member: true }]], signers: ["bob"], why: "bob becomes a lifetime member" },
    fail: { ops: [["account_upgrade", { account_to_upgrade: "@alice", upgrade_to_lifetime_member: true }]], signers: ["alice"], why: "alice already is one" },
  },
  account_transfer: {
    fail: { ops: [["account_transfer", { account_id: "@bob", new_owner: "@carol" }]], signers: ["bob"], why: "bitshares-core registers no evaluator for account_transfer" },
  },
  asset_create: {
    ok: { ops: [["asset_create", { issuer: "@bob", symbol: "BOBCOIN", precision: 3, common_options: {
      max_supply: "1000000000", market_fee_percent: 0, max_market_fee: 0, issuer_permissions: 0, flags: 0,
      core_exchange_rate: { base: a(1), quote: a(1, "1.3.1") }, whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "bob's coin", extensions: {},
    } }]], signers: ["bob"], why: "a user-issued asset" },
    fail: { ops: [["asset_create", { issuer: "@bob", symbol: "ALPHA", precision: 3, common_options: {
      max_supply: "1000000000", market_fee_percent: 0, max_market_fee: 0, issuer_permissions: 0, flags: 0,
      core_exchange_rate: { base: a(1), quote: a(1, "1.3.1") }, whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
    } }]], signers: ["bob"], why: "the symbol is taken" },
  },
  asset_update: {
    ok: { ops: [["asset_update", { issuer: "@alice", asset_to_update: "#ALPHA", new_options: {
      max_supply: "1000000000000000", market_fee_percent: 200, max_market_fee: "1000000000", issuer_permissions: 79, flags: 5,
      core_exchange_rate: { base: a(2), quote: a(1, "#ALPHA") }, whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "alpha", extensions: {},
    } }]], signers: ["alice"], why: "the issuer changes the market fee and description" },
    fail: { ops: [["asset_update", { issuer: "@bob", asset_to_update: "#ALPHA", new_options: {
      max_supply: "1000000000000000", market_fee_percent: 200, max_market_fee: "1000000000", issuer_permissions: 79, flags: 5,
      core_exchange_rate: { base: a(2), quote: a(1, "#ALPHA") }, whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
    } }]], signers: ["bob"], why: "only the issuer may update" },
  },
  asset_update_bitasset: {
    ok: { ops: [["asset_update_bitasset", { issuer: "@alice", asset_to_update: "#SMART", new_options: {
      feed_lifetime_sec: 20 * DAY, minimum_feeds: 1, force_settlement_delay_sec: 3600, force_settlement_offset_percent: 100, maximum_force_settlement_volume: 2000, short_backing_asset: "1.3.0", extensions: {},
    } }]], signers: ["alice"], why: "a shorter feed lifetime" },
    fail: { ops: [["asset_update_bitasset", { issuer: "@alice", asset_to_update: "#ALPHA", new_options: {
      feed_lifetime_sec: 20 * DAY, minimum_feeds: 1, force_settlement_delay_sec: 3600, force_settlement_offset_percent: 100, maximum_force_settlement_volume: 2000, short_backing_asset: "1.3.0", extensions: {},
    } }]], signers: ["alice"], why: "ALPHA is not a market-issued asset" },
  },
  asset_update_feed_producers: {
    ok: { ops: [["asset_update_feed_producers", { issuer: "@alice", asset_to_update: "#SMART", new_feed_producers: ["@carol"] }]], signers: ["alice"], why: "carol becomes the only producer" },
    fail: { ops: [["asset_update_feed_producers", { issuer: "@alice", asset_to_update: "#ALPHA", new_feed_producers: ["@carol"] }]], signers: ["alice"], why: "ALPHA has no feeds" },
  },
  asset_issue: {
    ok: { ops: [["asset_issue", { issuer: "@alice", asset_to_issue: a(5000, "#ALPHA"), issue_to_account: "@carol" }]], signers: ["alice"], why: "the issuer issues ALPHA" },
    fail: { ops: [["asset_issue", { issuer: "@bob", asset_to_issue: a(5000, "#ALPHA"), issue_to_account: "@bob" }]], signers: ["bob"], why: "only the issuer issues" },
  },
  asset_reserve: {
    ok: { ops: [["asset_reserve", { payer: "@bob", amount_to_reserve: a(1000, "#ALPHA") }]], signers: ["bob"], why: "bob burns ALPHA" },
    fail: { ops: [["asset_reserve", { payer: "@bob", amount_to_reserve: a(1000, "#SMART") }]], signers: ["bob"], why: "market-issued assets cannot be reserved" },
  },
  asset_fund_fee_pool: {
    ok: { ops: [["asset_fund_fee_pool", { from_account: "@bob", asset_id: "#ALPHA", amount: 10 * B }]], signers: ["bob"], why: "bob adds BTS to ALPHA's pool" },
    fail: { ops: [["asset_fund_fee_pool", { from_account: "@bob", asset_id: "#ALPHA", amount: 0 }]], signers: ["bob"], why: "the amount must be positive" },
  },
  asset_settle: {
    ok: { ops: [["asset_settle", { account: "@bob", amount: a(10000, "#SMART") }]], signers: ["bob"], why: "a force settlement request" },
    fail: { ops: [["asset_settle", { account: "@bob", amount: a(1000, "#ALPHA") }]], signers: ["bob"], why: "ALPHA cannot be settled" },
  },
  asset_global_settle: {
    ok: { ops: [["asset_global_settle", { issuer: "@alice", asset_to_settle: "#SMART", settle_price: { base: a(1000, "#SMART"), quote: a(10000) } }]], signers: ["alice"], why: "the issuer settles SMART globally" },
    fail: { ops: [["asset_global_settle", { issuer: "@alice", asset_to_settle: "#ALPHA", settle_price: { base: a(1000, "#ALPHA"), quote: a(10000) } }]], signers: ["alice"], why: "ALPHA is not market-issued" },
  },
  asset_publish_feed: {
    ok: { ops: [["asset_publish_feed", { publisher: "@carol", asset_id: "#SMART", feed: "FEED" }]], signers: ["carol"], why: "a second producer publishes" },
    fail: { ops: [["asset_publish_feed", { publisher: "@alice", asset_id: "#SMART", feed: "FEED" }]], signers: ["alice"], why: "alice is not a producer" },
  },
  witness_create: {
    ok: { ops: [["witness_create", { witness_account: "@alice", url: "https://alice.example", block_signing_key: pubJson("alice-witness") }]], signers: ["alice"], why: "a lifetime member becomes a witness" },
    fail: { ops: [["witness_create", { witness_account: "@bob", url: "", block_signing_key: pubJson("bob-witness") }]], signers: ["bob"], why: "only lifetime members" },
  },
  witness_update: {
    ok: { ops: [["witness_update", { witness: "1.6.1", witness_account: "@init0", new_url: "https://init0.example" }]], signers: ["null_key"], why: "init0 sets its url" },
    fail: { ops: [["witness_update", { witness: "1.6.1", witness_account: "@init1", new_url: "x" }]], signers: ["null_key"], why: "1.6.1 is not init1's" },
  },
  proposal_create: {
    ok: { ops: [["proposal_create", { fee_paying_account: "@alice", expiration_time: "~86400", proposed_ops: [["transfer", { from: "@alice", to: "@bob", amount: a(10 * B) }]] }]], signers: ["alice"], why: "a proposed transfer" },
    fail: { ops: [["proposal_create", { fee_paying_account: "@alice", expiration_time: "~86400", proposed_ops: [] }]], signers: ["alice"], why: "nothing proposed" },
  },
  proposal_update: {
    pre: proposal,
    ok: { ops: [["proposal_update", { fee_paying_account: "@alice", proposal: "$0", active_approvals_to_add: ["@alice"] }]], signers: ["alice"], why: "the approval that executes the proposal" },
    fail: { ops: [["proposal_update", { fee_paying_account: "@alice", proposal: "$0" }]], signers: ["alice"], why: "no approval changes" },
  },
  proposal_delete: {
    pre: proposal,
    ok: { ops: [["proposal_delete", { fee_paying_account: "@alice", proposal: "$0" }]], signers: ["alice"], why: "a required approver vetoes" },
    fail: { ops: [["proposal_delete", { fee_paying_account: "@carol", proposal: "$0" }]], signers: ["carol"], why: "carol is not a required approver" },
  },
  withdraw_permission_create: {
    ok: { ops: [["withdraw_permission_create", { withdraw_from_account: "@alice", authorized_account: "@bob", withdrawal_limit: a(100 * B), withdrawal_period_sec: DAY, periods_until_expiration: 10, period_start_time: "~5" }]], signers: ["alice"], why: "bob may pull 100 BTS a day" },
    fail: { ops: [["withdraw_permission_create", { withdraw_from_account: "@alice", authorized_account: "@alice", withdrawal_limit: a(100 * B), withdrawal_period_sec: DAY, periods_until_expiration: 10, period_start_time: "~5" }]], signers: ["alice"], why: "to oneself" },
  },
  withdraw_permission_update: {
    pre: withdrawPermission,
    ok: { ops: [["withdraw_permission_update", { withdraw_from_account: "@alice", authorized_account: "@bob", permission_to_update: "$0", withdrawal_limit: a(50 * B), withdrawal_period_sec: DAY, period_start_time: "~5", periods_until_expiration: 5 }]], signers: ["alice"], why: "a lower limit" },
    fail: { ops: [["withdraw_permission_update", { withdraw_from_account: "@alice", authorized_account: "@carol", permission_to_update: "$0", withdrawal_limit: a(50 * B), withdrawal_period_sec: DAY, period_start_time: "~5", periods_until_expiration: 5 }]], signers: ["alice"], why: "the permission is bob's" },
  },
  withdraw_permission_claim: {
    pre: withdrawPermission,
    ok: { ops: [["withdraw_permission_claim", { withdraw_permission: "$0", withdraw_from_account: "@alice", withdraw_to_account: "@bob", amount_to_withdraw: a(60 * B) }]], signers: ["bob"], why: "bob pulls within the limit" },
    fail: { ops: [["withdraw_permission_claim", { withdraw_permission: "$0", withdraw_from_account: "@alice", withdraw_to_account: "@bob", amount_to_withdraw: a(200 * B) }]], signers: ["bob"], why: "over the period's limit" },
  },
  withdraw_permission_delete: {
    pre: withdrawPermission,
    ok: { ops: [["withdraw_permission_delete", { withdraw_from_account: "@alice", authorized_account: "@bob", withdrawal_permission: "$0" }]], signers: ["alice"], why: "alice revokes it" },
    fail: { ops: [["withdraw_permission_delete", { withdraw_from_account: "@alice", authorized_account: "@carol", withdrawal_permission: "$0" }]], signers: ["alice"], why: "the permission is bob's" },
  },
  committee_member_create: {
    ok: { ops: [["committee_member_create", { committee_member_account: "@alice", url: "https://alice.example" }]], signers: ["alice"], why: "a lifetime member stands for the committee" },
    fail: { ops: [["committee_member_create", { committee_member_account: "@bob", url: "" }]], signers: ["bob"], why: "only lifetime members" },
  },
  committee_member_update: {
    ok: { ops: [["committee_member_update", { committee_member: "1.5.0", committee_member_account: "@init0", new_url: "https://init0.example" }]], signers: ["null_key"], why: "init0 sets its url" },
    fail: { ops: [["committee_member_update", { committee_member: "1.5.0", committee_member_account: "@init1", new_url: "x" }]], signers: ["null_key"], why: "1.5.0 is not init1's" },
  },
  committee_member_update_global_parameters: {
    fail: { ops: [["committee_member_update_global_parameters", { new_parameters: "PARAMS" }]], signers: ["null_key"], why: "only inside a committee proposal" },
  },
  vesting_balance_create: {
    ok: { ops: [["vesting_balance_create", { creator: "@alice", owner: "@bob", amount: a(100 * B), policy: [1, { start_claim: "~0", vesting_seconds: DAY }] }]], signers: ["alice"], why: "coin-days-destroyed vesting for bob" },
    fail: { ops: [["vesting_balance_create", { creator: "@alice", owner: "@bob", amount: a(0), policy: [1, { start_claim: "~0", vesting_seconds: DAY }] }]], signers: ["alice"], why: "the amount must be positive" },
  },
  vesting_balance_withdraw: {
    pre: vesting,
    ok: { ops: [["vesting_balance_withdraw", { vesting_balance: "$0", owner: "@bob", amount: a(40 * B) }]], signers: ["bob"], why: "bob withdraws vested BTS" },
    fail: { ops: [["vesting_balance_withdraw", { vesting_balance: "$0", owner: "@bob", amount: a(1000 * B) }]], signers: ["bob"], why: "more than the balance" },
  },
  worker_create: {
    ok: { ops: [["worker_create", { owner: "@alice", work_begin_date: "~86400", work_end_date: "~8640000", daily_pay: 1000 * B, name: "conformance", url: "https://example.org", initializer: [1, { pay_vesting_period_days: 7 }] }]], signers: ["alice"], why: "a vesting worker proposal" },
    fail: { ops: [["worker_create", { owner: "@alice", work_begin_date: "~8640000", work_end_date: "~86400", daily_pay: 1000 * B, name: "conformance", url: "", initializer: [1, { pay_vesting_period_days: 7 }] }]], signers: ["alice"], why: "it ends before it begins" },
  },
  custom: {
    ok: { ops: [["custom", { payer: "@alice", required_auths: [], id: 7, data: "68656c6c6f" }]], signers: ["alice"], why: "opaque data, only the fee is charged" },
    fail: { ops: [["custom", { fee: a(-1), payer: "@alice", required_auths: [], id: 7, data: "68656c6c6f" }]], signers: ["alice"], why: "a negative fee" },
  },
  assert: {
    ok: { ops: [["assert", { fee_paying_account: "@alice", predicates: [[0, { account_id: "@alice", name: "alice" }]], required_auths: [] }]], signers: ["alice"], why: "alice is named alice" },
    fail: { ops: [["assert", { fee_paying_account: "@alice", predicates: [[0, { account_id: "@alice", name: "bob" }]], required_auths: [] }]], signers: ["alice"], why: "the predicate is false" },
  },
  balance_claim: {
    ok: { ops: [["balance_claim", { fee: a(0), deposit_to_account: "@carol", balance_to_claim: "1.15.1", balance_owner_key: pubJson("k0"), total_claimed: a(5000000000) }]], signers: ["carol", "k0"], why: "k0's genesis balance claimed in full" },
    fail: { ops: [["balance_claim", { fee: a(0), deposit_to_account: "@carol", balance_to_claim: "1.15.1", balance_owner_key: pubJson("k0"), total_claimed: a(6000000000) }]], signers: ["carol", "k0"], why: "more than the balance holds" },
  },
  override_transfer: {
    ok: { ops: [["override_transfer", { issuer: "@alice", from: "@bob", to: "@carol", amount: a(1000, "#ALPHA") }]], signers: ["alice"], why: "the issuer moves bob's ALPHA" },
    fail: { ops: [["override_transfer", { issuer: "@alice", from: "@bob", to: "@carol", amount: a(1000, "#SMART") }]], signers: ["alice"], why: "SMART has no override_authority flag" },
  },
  transfer_to_blind: {
    fail: { ops: [["transfer_to_blind", { amount: a(0), from: "@alice", blinding_factor: "00".repeat(32), outputs: [] }]], signers: ["alice"], why: "nothing to blind" },
  },
  blind_transfer: {
    fail: { ops: [["blind_transfer", { inputs: [], outputs: [] }]], signers: [], why: "no inputs" },
  },
  transfer_from_blind: {
    fail: { ops: [["transfer_from_blind", { amount: a(0), to: "@alice", blinding_factor: "00".repeat(32), inputs: [] }]], signers: ["alice"], why: "nothing to unblind" },
  },
  asset_claim_fees: {
    pre: alphaTraded,
    ok: { ops: [["asset_claim_fees", { issuer: "@alice", amount_to_claim: a(100, "#ALPHA") }]], signers: ["alice"], why: "the issuer claims ALPHA market fees" },
    fail: { ops: [["asset_claim_fees", { issuer: "@alice", amount_to_claim: a(100000, "#ALPHA") }]], signers: ["alice"], why: "more than accumulated" },
  },
  bid_collateral: {
    pre: globallySettled,
    ok: { ops: [["bid_collateral", { bidder: "@bob", additional_collateral: a(1000 * B), debt_covered: a(1000000, "#SMART") }]], signers: ["bob"], why: "a bid to revive SMART" },
    fail: { ops: [["bid_collateral", { bidder: "@carol", additional_collateral: a("99000000000000"), debt_covered: a(1000000, "#SMART") }]], signers: ["carol"], why: "more collateral than carol holds" },
  },
  asset_claim_pool: {
    ok: { ops: [["asset_claim_pool", { issuer: "@alice", asset_id: "#ALPHA", amount_to_claim: a(10 * B) }]], signers: ["alice"], why: "the issuer takes BTS back from the pool" },
    fail: { ops: [["asset_claim_pool", { issuer: "@alice", asset_id: "#ALPHA", amount_to_claim: a(1, "#ALPHA") }]], signers: ["alice"], why: "the pool holds BTS only" },
  },
  asset_update_issuer: {
    ok: { ops: [["asset_update_issuer", { issuer: "@alice", asset_to_update: "#ALPHA", new_issuer: "@bob" }]], signers: ["alice"], why: "ALPHA passes to bob (owner authority)" },
    fail: { ops: [["asset_update_issuer", { issuer: "@alice", asset_to_update: "#ALPHA", new_issuer: "@alice" }]], signers: ["alice"], why: "already the issuer" },
  },
  htlc_create: {
    ok: { ops: [["htlc_create", { from: "@bob", to: "@carol", amount: a(10 * B), preimage_hash: [2, PREIMAGE_SHA256], preimage_size: PREIMAGE_SIZE, claim_period_seconds: DAY }]], signers: ["bob"], why: "a sha256 hash lock" },
    fail: { ops: [["htlc_create", { from: "@bob", to: "@carol", amount: a(10 * B), preimage_hash: [2, PREIMAGE_SHA256], preimage_size: PREIMAGE_SIZE, claim_period_seconds: 60 * DAY }]], signers: ["bob"], why: "beyond max_timeout_secs" },
  },
  htlc_redeem: {
    pre: htlc,
    ok: { ops: [["htlc_redeem", { htlc_id: "$0", redeemer: "@carol", preimage: PREIMAGE }]], signers: ["carol"], why: "the right preimage" },
    fail: { ops: [["htlc_redeem", { htlc_id: "$0", redeemer: "@carol", preimage: "00" + PREIMAGE.slice(2) }]], signers: ["carol"], why: "a wrong preimage" },
  },
  htlc_extend: {
    pre: htlc,
    ok: { ops: [["htlc_extend", { htlc_id: "$0", update_issuer: "@bob", seconds_to_add: DAY }]], signers: ["bob"], why: "the sender adds a day" },
    fail: { ops: [["htlc_extend", { htlc_id: "$0", update_issuer: "@carol", seconds_to_add: DAY }]], signers: ["carol"], why: "only the sender extends" },
  },
  custom_authority_create: {
    ok: { ops: [["custom_authority_create", { account: "@alice", enabled: true, valid_from: "~0", valid_to: "~86400", operation_type: 0, auth: auth("carol"), restrictions: [] }]], signers: ["alice"], why: "carol's key may transfer for alice" },
    fail: { ops: [["custom_authority_create", { account: "@alice", enabled: true, valid_from: "~86400", valid_to: "~0", operation_type: 0, auth: auth("carol"), restrictions: [] }]], signers: ["alice"], why: "valid_to before valid_from" },
  },
  custom_authority_update: {
    pre: customAuthority,
    ok: { ops: [["custom_authority_update", { account: "@alice", authority_to_update: "$0", new_enabled: false }]], signers: ["alice"], why: "disabled" },
    fail: { ops: [["custom_authority_update", { account: "@bob", authority_to_update: "$0", new_enabled: false }]], signers: ["bob"], why: "not bob's" },
  },
  custom_authority_delete: {
    pre: customAuthority,
    ok: { ops: [["custom_authority_delete", { account: "@alice", authority_to_delete: "$0" }]], signers: ["alice"], why: "deleted by its account" },
    fail: { ops: [["custom_authority_delete", { account: "@bob", authority_to_delete: "$0" }]], signers: ["bob"], why: "not bob's" },
  },
  ticket_create: {
    ok: { ops: [["ticket_create", { account: "@carol", target_type: 1, amount: a(1000 * B) }]], signers: ["carol"], why: "a 180-day lock" },
    fail: { ops: [["ticket_create", { account: "@carol", target_type: 0, amount: a(1000 * B) }]], signers: ["carol"], why: "the target cannot be liquid" },
  },
  ticket_update: {
    pre: (r) => void r.push([["ticket_create", { account: "@carol", target_type: 1, amount: a(1000 * B) }]], ["carol"]),
    ok: { ops: [["ticket_update", { ticket: "$0", account: "@carol", target_type: 2 }]], signers: ["carol"], why: "a longer lock" },
    fail: { ops: [["ticket_update", { ticket: "$0", account: "@carol", target_type: 1 }]], signers: ["carol"], why: "the same target" },
  },
  liquidity_pool_create: {
    pre: (r) => void r.push([["asset_create", { issuer: "@alice", symbol: "ALPHABTS", precision: 5, common_options: {
      max_supply: "1000000000000000", market_fee_percent: 0, max_market_fee: 0, issuer_permissions: 0, flags: 0,
      core_exchange_rate: { base: a(1), quote: a(1, "1.3.1") }, whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
    } }]], ["alice"]),
    ok: { ops: [["liquidity_pool_create", { account: "@alice", asset_a: "1.3.0", asset_b: "#ALPHA", share_asset: "#ALPHABTS", taker_fee_percent: 30, withdrawal_fee_percent: 0 }]], signers: ["alice"], why: "a BTS/ALPHA pool" },
    fail: { ops: [["liquidity_pool_create", { account: "@alice", asset_a: "#ALPHA", asset_b: "1.3.0", share_asset: "#ALPHABTS", taker_fee_percent: 30, withdrawal_fee_percent: 0 }]], signers: ["alice"], why: "asset_a must be the smaller id" },
  },
  liquidity_pool_delete: {
    pre: pool,
    ok: { ops: [["liquidity_pool_delete", { account: "@alice", pool: "$0" }]], signers: ["alice"], why: "an empty pool deleted" },
    fail: { ops: [["liquidity_pool_delete", { account: "@bob", pool: "$0" }]], signers: ["bob"], why: "not bob's" },
  },
  liquidity_pool_deposit: {
    pre: pool,
    ok: { ops: [["liquidity_pool_deposit", { account: "@alice", pool: "$0", amount_a: a(1000 * B), amount_b: a(100000, "#ALPHA") }]], signers: ["alice"], why: "the first deposit" },
    fail: { ops: [["liquidity_pool_deposit", { account: "@alice", pool: "$0", amount_a: a(0), amount_b: a(100000, "#ALPHA") }]], signers: ["alice"], why: "a zero amount" },
  },
  liquidity_pool_withdraw: {
    pre: deposited,
    ok: { ops: [["liquidity_pool_withdraw", { account: "@alice", pool: "$0", share_amount: a(1000, "#ALPHABTS") }]], signers: ["alice"], why: "part of the shares back" },
    fail: { ops: [["liquidity_pool_withdraw", { account: "@alice", pool: "$0", share_amount: a(1000, "#ALPHA") }]], signers: ["alice"], why: "not the share asset" },
  },
  liquidity_pool_exchange: {
    pre: deposited,
    ok: { ops: [["liquidity_pool_exchange", { account: "@bob", pool: "$0", amount_to_sell: a(10 * B), min_to_receive: a(1, "#ALPHA") }]], signers: ["bob"], why: "bob swaps BTS for ALPHA" },
    fail: { ops: [["liquidity_pool_exchange", { account: "@bob", pool: "$0", amount_to_sell: a(10 * B), min_to_receive: a(100000, "#ALPHA") }]], signers: ["bob"], why: "the pool cannot give that much" },
  },
  samet_fund_create: {
    ok: { ops: [["samet_fund_create", { owner_account: "@alice", asset_type: "1.3.0", balance: 1000 * B, fee_rate: 1000 }]], signers: ["alice"], why: "a flash-loan fund" },
    fail: { ops: [["samet_fund_create", { owner_account: "@alice", asset_type: "1.3.0", balance: 0, fee_rate: 1000 }]], signers: ["alice"], why: "an empty fund" },
  },
  samet_fund_delete: {
    pre: fund,
    ok: { ops: [["samet_fund_delete", { owner_account: "@alice", fund_id: "$0" }]], signers: ["alice"], why: "deleted by its owner" },
    fail: { ops: [["samet_fund_delete", { owner_account: "@bob", fund_id: "$0" }]], signers: ["bob"], why: "not bob's" },
  },
  samet_fund_update: {
    pre: fund,
    ok: { ops: [["samet_fund_update", { owner_account: "@alice", fund_id: "$0", delta_amount: a(10 * B), new_fee_rate: 2000 }]], signers: ["alice"], why: "more funds, a new rate" },
    fail: { ops: [["samet_fund_update", { owner_account: "@alice", fund_id: "$0" }]], signers: ["alice"], why: "nothing to update" },
  },
  samet_fund_borrow: {
    pre: fund,
    ok: { ops: [["samet_fund_borrow", { borrower: "@bob", fund_id: "$0", borrow_amount: a(100 * B) }], ["samet_fund_repay", { account: "@bob", fund_id: "$0", repay_amount: a(100 * B), fund_fee: a(10000) }]], signers: ["bob"], why: "borrowed and repaid in one transaction" },
    fail: { ops: [["samet_fund_borrow", { borrower: "@bob", fund_id: "$0", borrow_amount: a(100 * B) }]], signers: ["bob"], why: "not repaid in the transaction" },
  },
  samet_fund_repay: {
    pre: fund,
    ok: { ops: [["samet_fund_borrow", { borrower: "@bob", fund_id: "$0", borrow_amount: a(100 * B) }], ["samet_fund_repay", { account: "@bob", fund_id: "$0", repay_amount: a(100 * B), fund_fee: a(10000) }]], signers: ["bob"], why: "repaid with the fee" },
    fail: { ops: [["samet_fund_borrow", { borrower: "@bob", fund_id: "$0", borrow_amount: a(100 * B) }], ["samet_fund_repay", { account: "@bob", fund_id: "$0", repay_amount: a(100 * B), fund_fee: a(1) }]], signers: ["bob"], why: "the fee is too low" },
  },
  credit_offer_create: {
    ok: { ops: [["credit_offer_create", {
      owner_account: "@alice", asset_type: "1.3.0", balance: 1000 * B, fee_rate: 1000, max_duration_seconds: 30 * DAY, min_deal_amount: B, enabled: true,
      auto_disable_time: "~864000", acceptable_collateral: [["#ALPHA", { base: a(1), quote: a(1, "#ALPHA") }]], acceptable_borrowers: [],
    }]], signers: ["alice"], why: "BTS lent against ALPHA" },
    fail: { ops: [["credit_offer_create", {
      owner_account: "@alice", asset_type: "1.3.0", balance: 1000 * B, fee_rate: 1000, max_duration_seconds: 30 * DAY, min_deal_amount: B, enabled: true,
      auto_disable_time: "~864000", acceptable_collateral: [], acceptable_borrowers: [],
    }]], signers: ["alice"], why: "no acceptable collateral" },
  },
  credit_offer_delete: {
    pre: offer,
    ok: { ops: [["credit_offer_delete", { owner_account: "@alice", offer_id: "$0" }]], signers: ["alice"], why: "deleted by its owner" },
    fail: { ops: [["credit_offer_delete", { owner_account: "@bob", offer_id: "$0" }]], signers: ["bob"], why: "not bob's" },
  },
  credit_offer_update: {
    pre: offer,
    ok: { ops: [["credit_offer_update", { owner_account: "@alice", offer_id: "$0", delta_amount: a(10 * B), fee_rate: 2000 }]], signers: ["alice"], why: "more funds, a new rate" },
    fail: { ops: [["credit_offer_update", { owner_account: "@alice", offer_id: "$0" }]], signers: ["alice"], why: "nothing to update" },
  },
  credit_offer_accept: {
    pre: offer,
    ok: { ops: [["credit_offer_accept", { borrower: "@bob", offer_id: "$0", borrow_amount: a(10 * B), collateral: a(1000000, "#ALPHA"), max_fee_rate: 1000, min_duration_seconds: DAY }]], signers: ["bob"], why: "bob borrows against ALPHA" },
    fail: { ops: [["credit_offer_accept", { borrower: "@bob", offer_id: "$0", borrow_amount: a(10 * B), collateral: a(1000000, "#ALPHA"), max_fee_rate: 10, min_duration_seconds: DAY }]], signers: ["bob"], why: "the rate is over bob's maximum" },
  },
  credit_deal_repay: {
    pre: deal,
    ok: { ops: [["credit_deal_repay", { account: "@bob", deal_id: "$0", repay_amount: a(10 * B), credit_fee: a(1000) }]], signers: ["bob"], why: "repaid in full with the fee" },
    fail: { ops: [["credit_deal_repay", { account: "@carol", deal_id: "$0", repay_amount: a(10 * B), credit_fee: a(1000) }]], signers: ["carol"], why: "not carol's deal" },
  },
  liquidity_pool_update: {
    pre: pool,
    ok: { ops: [["liquidity_pool_update", { account: "@alice", pool: "$0", taker_fee_percent: 50 }]], signers: ["alice"], why: "a new taker fee" },
    fail: { ops: [["liquidity_pool_update", { account: "@alice", pool: "$0" }]], signers: ["alice"], why: "nothing to update" },
  },
  credit_deal_update: {
    pre: deal,
    ok: { ops: [["credit_deal_update", { account: "@bob", deal_id: "$0", auto_repay: 1 }]], signers: ["bob"], why: "auto repay on" },
    fail: { ops: [["credit_deal_update", { account: "@bob", deal_id: "$0", auto_repay: 0 }]], signers: ["bob"], why: "unchanged" },
  },
  limit_order_update: {
    pre: order,
    ok: { ops: [["limit_order_update", { seller: "@alice", order: "$0", new_price: { base: a(1000 * B), quote: a(6000, "#ALPHA") } }]], signers: ["alice"], why: "a new price" },
    fail: { ops: [["limit_order_update", { seller: "@bob", order: "$0", new_price: { base: a(1000 * B), quote: a(6000, "#ALPHA") } }]], signers: ["bob"], why: "not bob's order" },
  },
};
