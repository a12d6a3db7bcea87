// Test data: each operation's fee_params_t defaults, transcribed by hand from the default member
// initializers of libraries/protocol/include/graphene/protocol/<header>.hpp (bitshares-core 7.0), in
// operation tag order. Used as the oracle of defaultFeeSchedule and of the flat fees.

export const P = 100000n; // GRAPHENE_BLOCKCHAIN_PRECISION
export const p = Number(P);

/** Each operation's fee_params_t defaults, from libraries/protocol/include/graphene/protocol/<header>.hpp. */
export const HEADER_DEFAULTS: readonly (readonly [string, Record<string, bigint | number>])[] = [
  ["transfer", { fee: 20n * P, price_per_kbyte: 10 * p }], // transfer.hpp
  ["limit_order_create", { fee: 5n * P }], // market.hpp
  ["limit_order_cancel", { fee: 0n }], // market.hpp
  ["call_order_update", { fee: 20n * P }], // market.hpp
  ["fill_order", {}], // market.hpp
  ["account_create", { basic_fee: 5n * P, premium_fee: 2000n * P, price_per_kbyte: p }], // account.hpp
  ["account_update", { fee: 20n * P, price_per_kbyte: p }], // account.hpp (fee is a share_type)
  ["account_whitelist", { fee: 300000n }], // account.hpp (share_type)
  ["account_upgrade", { membership_annual_fee: 2000n * P, membership_lifetime_fee: 10000n * P }], // account.hpp
  ["account_transfer", { fee: 500n * P }], // account.hpp
  ["asset_create", { symbol3: 500000n * P, symbol4: 300000n * P, long_symbol: 5000n * P, price_per_kbyte: 10 }], // asset_ops.hpp
  ["asset_update", { fee: 500n * P, price_per_kbyte: 10 }], // asset_ops.hpp
  ["asset_update_bitasset", { fee: 500n * P }], // asset_ops.hpp
  ["asset_update_feed_producers", { fee: 500n * P }], // asset_ops.hpp
  ["asset_issue", { fee: 20n * P, price_per_kbyte: p }], // asset_ops.hpp
  ["asset_reserve", { fee: 20n * P }], // asset_ops.hpp
  ["asset_fund_fee_pool", { fee: P }], // asset_ops.hpp
  ["asset_settle", { fee: 100n * P }], // asset_ops.hpp
  ["asset_global_settle", { fee: 500n * P }], // asset_ops.hpp
  ["asset_publish_feed", { fee: P }], // asset_ops.hpp
  ["witness_create", { fee: 5000n * P }], // witness.hpp
  ["witness_update", { fee: 20n * P }], // witness.hpp (share_type)
  ["proposal_create", { fee: 20n * P, price_per_kbyte: 10 }], // proposal.hpp
  ["proposal_update", { fee: 20n * P, price_per_kbyte: 10 }], // proposal.hpp
  ["proposal_delete", { fee: P }], // proposal.hpp
  ["withdraw_permission_create", { fee: P }], // withdraw_permission.hpp
  ["withdraw_permission_update", { fee: P }], // withdraw_permission.hpp
  ["withdraw_permission_claim", { fee: 20n * P, price_per_kbyte: 10 }], // withdraw_permission.hpp
  ["withdraw_permission_delete", { fee: 0n }], // withdraw_permission.hpp
  ["committee_member_create", { fee: 5000n * P }], // committee_member.hpp
  ["committee_member_update", { fee: 20n * P }], // committee_member.hpp
  ["committee_member_update_global_parameters", { fee: P }], // committee_member.hpp
  ["vesting_balance_create", { fee: P }], // vesting.hpp
  ["vesting_balance_withdraw", { fee: 20n * P }], // vesting.hpp
  ["worker_create", { fee: 5000n * P }], // worker.hpp
  ["custom", { fee: P, price_per_kbyte: 10 }], // custom.hpp
  ["assert", { fee: P }], // assert.hpp
  ["balance_claim", {}], // balance.hpp
  ["override_transfer", { fee: 20n * P, price_per_kbyte: 10 }], // transfer.hpp
  ["transfer_to_blind", { fee: 5n * P, price_per_output: 5 * p }], // confidential.hpp
  ["blind_transfer", { fee: 5n * P, price_per_output: 5 * p }], // confidential.hpp
  ["transfer_from_blind", { fee: 5n * P }], // confidential.hpp
  ["asset_settle_cancel", {}], // asset_ops.hpp
  ["asset_claim_fees", { fee: 20n * P }], // asset_ops.hpp
  ["fba_distribute", {}], // fba.hpp
  ["bid_collateral", { fee: 20n * P }], // market.hpp
  ["execute_bid", {}], // market.hpp
  ["asset_claim_pool", { fee: 20n * P }], // asset_ops.hpp
  ["asset_update_issuer", { fee: 20n * P }], // asset_ops.hpp
  ["htlc_create", { fee: P, fee_per_day: P }], // htlc.hpp
  ["htlc_redeem", { fee: P, fee_per_kb: P }], // htlc.hpp
  ["htlc_redeemed", {}], // htlc.hpp
  ["htlc_extend", { fee: P, fee_per_day: P }], // htlc.hpp
  ["htlc_refund", {}], // htlc.hpp
  ["custom_authority_create", { basic_fee: P, price_per_byte: p / 10 }], // custom_authority.hpp
  ["custom_authority_update", { basic_fee: P, price_per_byte: p / 10 }], // custom_authority.hpp
  ["custom_authority_delete", { fee: P }], // custom_authority.hpp
  ["ticket_create", { fee: 50n * P }], // ticket.hpp
  ["ticket_update", { fee: 50n * P }], // ticket.hpp
  ["liquidity_pool_create", { fee: 50n * P }], // liquidity_pool.hpp
  ["liquidity_pool_delete", { fee: 0n }], // liquidity_pool.hpp
  ["liquidity_pool_deposit", { fee: P / 10n }], // liquidity_pool.hpp
  ["liquidity_pool_withdraw", { fee: 5n * P }], // liquidity_pool.hpp
  ["liquidity_pool_exchange", { fee: P }], // liquidity_pool.hpp
  ["samet_fund_create", { fee: P }], // samet_fund.hpp
  ["samet_fund_delete", { fee: 0n }], // samet_fund.hpp
  ["samet_fund_update", { fee: P }], // samet_fund.hpp
  ["samet_fund_borrow", { fee: P }], // samet_fund.hpp
  ["samet_fund_repay", { fee: P }], // samet_fund.hpp
  ["credit_offer_create", { fee: P, price_per_kbyte: p }], // credit_offer.hpp
  ["credit_offer_delete", { fee: 0n }], // credit_offer.hpp
  ["credit_offer_update", { fee: P, price_per_kbyte: p }], // credit_offer.hpp
  ["credit_offer_accept", { fee: P }], // credit_offer.hpp
  ["credit_deal_repay", { fee: P }], // credit_offer.hpp
  ["credit_deal_expired", {}], // credit_offer.hpp
  ["liquidity_pool_update", { fee: P }], // liquidity_pool.hpp
  ["credit_deal_update", { fee: P }], // credit_offer.hpp
  ["limit_order_update", { fee: (P * 3n) / 8n }], // market.hpp
];

