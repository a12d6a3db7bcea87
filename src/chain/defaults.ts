// Objects as bitshares-core's default constructors leave them, before an evaluator fills them in.
import type * as T from "../../generated/native-types.js";
import {
  CORE_ASSET, DEFAULT_FORCE_SETTLEMENT_DELAY, DEFAULT_FORCE_SETTLEMENT_MAX_VOLUME, DEFAULT_FORCE_SETTLEMENT_OFFSET,
  DEFAULT_MAINTENANCE_COLLATERAL_RATIO, DEFAULT_MAX_SHORT_SQUEEZE_RATIO, DEFAULT_NETWORK_PERCENT_OF_FEE, DEFAULT_PRICE_FEED_LIFETIME,
  DEFAULT_UIA_ASSET_ISSUER_PERMISSION, MAX_SHARE_SUPPLY, PROXY_TO_SELF_ACCOUNT,
} from "../protocol/config.js";

/** public_key_type(): 33 zero bytes. */
export const NULL_PUBLIC_KEY = "00".repeat(33);

export const nullAuthority = (): T.Authority => ({ weight_threshold: 0, account_auths: [], key_auths: [], address_auths: [] });

/** price(): zero of the core asset over zero of the core asset. */
export const defaultPrice = (): T.Price => ({ base: { amount: 0n, asset_id: CORE_ASSET }, quote: { amount: 0n, asset_id: CORE_ASSET } });

export const defaultAccountOptions = (): T.AccountOptions => ({
  memo_key: NULL_PUBLIC_KEY, voting_account: PROXY_TO_SELF_ACCOUNT, num_witness: 0, num_committee: 0, votes: [], extensions: [],
});

/** account_object(): registrar, referrers and lifetime referrer the committee account, no membership. */
export function defaultAccount(id: string, name: string, statistics: string, creationBlockNum: number, creationTime: number): T.AccountObject {
  return {
    id, membership_expiration_date: 0, registrar: "1.2.0", referrer: "1.2.0", lifetime_referrer: "1.2.0",
    network_fee_percentage: DEFAULT_NETWORK_PERCENT_OF_FEE, lifetime_referrer_fee_percentage: 0, referrer_rewards_percentage: 0,
    name, owner: nullAuthority(), active: nullAuthority(), options: defaultAccountOptions(), num_committee_voted: 0, statistics,
    whitelisting_accounts: [], blacklisting_accounts: [], whitelisted_accounts: [], blacklisted_accounts: [],
    owner_special_authority: [0, {}], active_special_authority: [0, {}], top_n_control_flags: 0,
    creation_block_num: creationBlockNum, creation_time: creationTime,
  };
}

export function defaultAccountStatistics(id: string, owner: string, name: string): T.AccountStatisticsObject {
  return {
    id, owner, name, most_recent_op: "2.9.0", total_ops: 0n, removed_ops: 0n, total_core_in_orders: 0n, total_core_inactive: 0n,
    total_core_pob: 0n, total_core_pol: 0n, total_pob_value: 0n, total_pol_value: 0n, core_in_balance: 0n, has_cashback_vb: false,
    is_voting: false, last_vote_time: 0, vp_all: 0n, vp_active: 0n, vp_committee: 0n, vp_witness: 0n, vp_worker: 0n,
    vote_tally_time: 0, lifetime_fees_paid: 0n, pending_fees: 0n, pending_vested_fees: 0n,
  };
}

/** asset_options(): no fees, issuer may change the default UIA permissions, CER zero. */
export const defaultAssetOptions = (): T.AssetOptions => ({
  max_supply: MAX_SHARE_SUPPLY, market_fee_percent: 0, max_market_fee: MAX_SHARE_SUPPLY,
  issuer_permissions: DEFAULT_UIA_ASSET_ISSUER_PERMISSION, flags: 0, core_exchange_rate: defaultPrice(),
  whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
});

export const defaultAssetDynamicData = (id: string): T.AssetDynamicDataObject => ({
  id, current_supply: 0n, confidential_supply: 0n, accumulated_fees: 0n, accumulated_collateral_fees: 0n, fee_pool: 0n,
});

/** price_feed_with_icr(): the default price_feed with ICR equal to its MCR. */
export const defaultPriceFeedWithIcr = (): T.PriceFeedWithIcr => ({
  settlement_price: defaultPrice(), maintenance_collateral_ratio: DEFAULT_MAINTENANCE_COLLATERAL_RATIO,
  maximum_short_squeeze_ratio: DEFAULT_MAX_SHORT_SQUEEZE_RATIO, core_exchange_rate: defaultPrice(),
  initial_collateral_ratio: DEFAULT_MAINTENANCE_COLLATERAL_RATIO,
});

export const defaultBitassetOptions = (): T.BitassetOptions => ({
  feed_lifetime_sec: DEFAULT_PRICE_FEED_LIFETIME, minimum_feeds: 1, force_settlement_delay_sec: DEFAULT_FORCE_SETTLEMENT_DELAY,
  force_settlement_offset_percent: DEFAULT_FORCE_SETTLEMENT_OFFSET, maximum_force_settlement_volume: DEFAULT_FORCE_SETTLEMENT_MAX_VOLUME,
  short_backing_asset: CORE_ASSET, extensions: {},
});

export function defaultBitassetData(id: string, assetId: string): T.AssetBitassetDataObject {
  return {
    id, asset_id: assetId, feeds: [], median_feed: defaultPriceFeedWithIcr(), current_feed: defaultPriceFeedWithIcr(),
    current_feed_publication_time: 0, current_maintenance_collateralization: defaultPrice(),
    current_initial_collateralization: defaultPrice(), options: defaultBitassetOptions(), force_settled_volume: 0n,
    is_prediction_market: false, settlement_price: defaultPrice(), settlement_fund: 0n, individual_settlement_debt: 0n,
    individual_settlement_fund: 0n, asset_cer_updated: false, feed_cer_updated: false,
  };
}

/** chain_parameters(): bitshares-core's defaults (config.hpp), with the default fee schedule object
 *  (no parameters: every operation at its default fees, scale 100%). */
export function defaultChainParameters(currentFees: T.FeeSchedule = { parameters: [], scale: 10000 }): T.ChainParameters {
  return {
    current_fees: currentFees, block_interval: 5, maintenance_interval: 86400, maintenance_skip_slots: 3,
    committee_proposal_review_period: 1209600, maximum_transaction_size: 2048, maximum_block_size: 2000000,
    maximum_time_until_expiration: 86400, maximum_proposal_lifetime: 2419200, maximum_asset_whitelist_authorities: 10,
    maximum_asset_feed_publishers: 10, maximum_witness_count: 1001, maximum_committee_count: 1001, maximum_authority_membership: 10,
    reserve_percent_of_fee: 2000, network_percent_of_fee: 2000, lifetime_referrer_percent_of_fee: 3000,
    cashback_vesting_period_seconds: 31536000, cashback_vesting_threshold: 10000000n, count_non_member_votes: true,
    allow_non_member_whitelists: false, witness_pay_per_block: 1000000n, worker_budget_per_day: 50000000000n, max_predicate_opcode: 1,
    fee_liquidation_threshold: 10000000n, accounts_per_fee_scale: 1000, account_fee_scale_bitshifts: 4, max_authority_depth: 2,
    extensions: {},
  };
}
