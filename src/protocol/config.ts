// Protocol constants of bitshares-core 7.0 (libraries/protocol/include/graphene/protocol/config.hpp,
// types.hpp and libraries/chain/include/graphene/chain/config.hpp), named as there without the
// GRAPHENE_ prefix. Amounts (share_type) are bigint; counts, percents and seconds are numbers.

export const SYMBOL = "BTS";
export const ADDRESS_PREFIX = "BTS";
export const BLOCKCHAIN_PRECISION = 100000n;
export const BLOCKCHAIN_PRECISION_DIGITS = 5;

export const MIN_ACCOUNT_NAME_LENGTH = 1;
export const MAX_ACCOUNT_NAME_LENGTH = 63;
export const MIN_ASSET_SYMBOL_LENGTH = 3;
export const MAX_ASSET_SYMBOL_LENGTH = 16;
/** The largest supply of any asset, and the bound of every amount. */
export const MAX_SHARE_SUPPLY = 1000000000000000n;
export const MAX_WORKER_NAME_LENGTH = 63;
export const MAX_URL_LENGTH = 127;
export const MAX_SIG_CHECK_DEPTH = 2;

export const PERCENT_100 = 10000;
export const PERCENT_1 = PERCENT_100 / 100;
export const IRREVERSIBLE_THRESHOLD = 70 * PERCENT_1;
export const CORE_ASSET_CYCLE_RATE = 17;
export const CORE_ASSET_CYCLE_RATE_BITS = 32;

export const MIN_TRANSACTION_SIZE_LIMIT = 1024;
export const MIN_BLOCK_INTERVAL = 1;
export const MAX_BLOCK_INTERVAL = 30;
export const DEFAULT_BLOCK_INTERVAL = 5;
export const DEFAULT_MAX_TRANSACTION_SIZE = 2048;
export const DEFAULT_MAX_BLOCK_SIZE = 2 * 1000 * 1000;
export const DEFAULT_MAX_TIME_UNTIL_EXPIRATION = 60 * 60 * 24;
export const DEFAULT_MAINTENANCE_INTERVAL = 60 * 60 * 24;
export const DEFAULT_MAINTENANCE_SKIP_SLOTS = 3;
export const DEFAULT_FORCE_SETTLEMENT_DELAY = 60 * 60 * 24;
export const DEFAULT_FORCE_SETTLEMENT_OFFSET = 0;
export const DEFAULT_FORCE_SETTLEMENT_MAX_VOLUME = 20 * PERCENT_1;
export const DEFAULT_PRICE_FEED_LIFETIME = 60 * 60 * 24;
export const DEFAULT_MAX_AUTHORITY_MEMBERSHIP = 10;
export const DEFAULT_MAX_ASSET_WHITELIST_AUTHORITIES = 10;
export const DEFAULT_MAX_ASSET_FEED_PUBLISHERS = 10;
export const DEFAULT_MIN_WITNESS_COUNT = 11;
export const DEFAULT_MIN_COMMITTEE_MEMBER_COUNT = 11;
export const DEFAULT_MAX_WITNESSES = 1001;
export const DEFAULT_MAX_COMMITTEE = 1001;
export const DEFAULT_MAX_PROPOSAL_LIFETIME_SEC = 60 * 60 * 24 * 7 * 4;
export const DEFAULT_COMMITTEE_PROPOSAL_REVIEW_PERIOD_SEC = 60 * 60 * 24 * 7 * 2;
export const DEFAULT_NETWORK_PERCENT_OF_FEE = 20 * PERCENT_1;
export const DEFAULT_LIFETIME_REFERRER_PERCENT_OF_FEE = 30 * PERCENT_1;
export const DEFAULT_CASHBACK_VESTING_PERIOD_SEC = 60 * 60 * 24 * 365;
export const DEFAULT_CASHBACK_VESTING_THRESHOLD = BLOCKCHAIN_PRECISION * 100n;
export const DEFAULT_BURN_PERCENT_OF_FEE = 20 * PERCENT_1;
export const DEFAULT_MAX_ASSERT_OPCODE = 1;
export const DEFAULT_FEE_LIQUIDATION_THRESHOLD = BLOCKCHAIN_PRECISION * 100n;
export const DEFAULT_ACCOUNTS_PER_FEE_SCALE = 1000;
export const DEFAULT_ACCOUNT_FEE_SCALE_BITSHIFTS = 4;
export const DEFAULT_MAX_BUYBACK_MARKETS = 4;
export const DEFAULT_WITNESS_PAY_PER_BLOCK = BLOCKCHAIN_PRECISION * 10n;
export const DEFAULT_WITNESS_PAY_VESTING_SECONDS = 60 * 60 * 24;
export const DEFAULT_WORKER_BUDGET_PER_DAY = BLOCKCHAIN_PRECISION * 500n * 1000n;
export const DEFAULT_MINIMUM_FEEDS = 7;
export const MIN_BLOCK_SIZE_LIMIT = MIN_TRANSACTION_SIZE_LIMIT * 5;

export const MAX_MARKET_FEE_PERCENT = PERCENT_100;
export const COLLATERAL_RATIO_DENOM = 1000;
export const MIN_COLLATERAL_RATIO = 1001;
export const MAX_COLLATERAL_RATIO = 32000;
export const DEFAULT_MAINTENANCE_COLLATERAL_RATIO = 1750;
export const DEFAULT_MAX_SHORT_SQUEEZE_RATIO = 1500;
export const FEE_RATE_DENOM = 1000000;
export const MAX_CREDIT_OFFER_DAYS = 380;
export const MAX_CREDIT_OFFER_SECS = MAX_CREDIT_OFFER_DAYS * 86400;
export const MAX_CREDIT_DEAL_DAYS = 380;
export const MAX_CREDIT_DEAL_SECS = MAX_CREDIT_DEAL_DAYS * 86400;
export const MAX_FEE_STABILIZATION_ITERATION = 4;

export const DEFAULT_MAX_CUSTOM_AUTHORITY_LIFETIME_SECONDS = 60 * 60 * 24 * 30;
export const DEFAULT_MAX_CUSTOM_AUTHORITIES_PER_ACCOUNT = 10;
export const DEFAULT_MAX_CUSTOM_AUTHORITIES_PER_ACCOUNT_OP = 3;
export const DEFAULT_MAX_CUSTOM_AUTHORITY_RESTRICTIONS = 10;

// libraries/chain/include/graphene/chain/config.hpp
export const MIN_UNDO_HISTORY = 10;
export const MAX_UNDO_HISTORY = 10000;
export const MAX_NESTED_OBJECTS = 200;
export const RECENTLY_MISSED_COUNT_INCREMENT = 4;
export const RECENTLY_MISSED_COUNT_DECREMENT = 3;

// Special accounts, witness and assets (config.hpp).
export const COMMITTEE_ACCOUNT = "1.2.0";
export const WITNESS_ACCOUNT = "1.2.1";
export const RELAXED_COMMITTEE_ACCOUNT = "1.2.2";
export const NULL_ACCOUNT = "1.2.3";
export const TEMP_ACCOUNT = "1.2.4";
export const PROXY_TO_SELF_ACCOUNT = "1.2.5";
export const NULL_WITNESS = "1.6.0";
export const CORE_ASSET = "1.3.0";
/** The asset whose holders share the stealth FBA fees on the main network (config.hpp). */
export const FBA_STEALTH_DESIGNATED_ASSET = "1.3.743";

/** asset_issuer_permission_flags (types.hpp). */
export const charge_market_fee = 0x01;
export const white_list = 0x02;
export const override_authority = 0x04;
export const transfer_restricted = 0x08;
export const disable_force_settle = 0x10;
export const global_settle = 0x20;
export const disable_confidential = 0x40;
export const witness_fed_asset = 0x80;
export const committee_fed_asset = 0x100;
export const lock_max_supply = 0x200;
export const disable_new_supply = 0x400;
export const disable_mcr_update = 0x800;
export const disable_icr_update = 0x1000;
export const disable_mssr_update = 0x2000;
export const disable_bsrm_update = 0x4000;
export const disable_collateral_bidding = 0x8000;

export const ASSET_ISSUER_PERMISSION_MASK = 0xffff;
export const ASSET_ISSUER_PERMISSION_ENABLE_BITS_MASK =
  charge_market_fee | white_list | override_authority | transfer_restricted | disable_force_settle |
  global_settle | disable_confidential | witness_fed_asset | committee_fed_asset;
export const ASSET_ISSUER_PERMISSION_DISABLE_BITS_MASK =
  lock_max_supply | disable_new_supply | disable_mcr_update | disable_icr_update | disable_mssr_update |
  disable_bsrm_update | disable_collateral_bidding;
export const UIA_ASSET_ISSUER_PERMISSION_MASK =
  charge_market_fee | white_list | override_authority | transfer_restricted | disable_confidential |
  lock_max_supply | disable_new_supply;
export const DEFAULT_UIA_ASSET_ISSUER_PERMISSION =
  charge_market_fee | white_list | override_authority | transfer_restricted | disable_confidential;
export const NON_UIA_ONLY_ISSUER_PERMISSION_MASK = ASSET_ISSUER_PERMISSION_MASK ^ UIA_ASSET_ISSUER_PERMISSION_MASK;
export const PERMISSION_ONLY_MASK =
  global_settle | disable_mcr_update | disable_icr_update | disable_mssr_update | disable_bsrm_update;

/** Object spaces and types (types.hpp GRAPHENE_DEFINE_IDS, chain/types.hpp). */
export const protocol_ids = 1;
export const implementation_ids = 2;
export const OBJECT_TYPES = {
  account: 2, asset: 3, force_settlement: 4, committee_member: 5, witness: 6, limit_order: 7, call_order: 8,
  custom: 9, proposal: 10, operation_history: 11, withdraw_permission: 12, vesting_balance: 13, worker: 14,
  balance: 15, htlc: 16, custom_authority: 17, ticket: 18, liquidity_pool: 19, samet_fund: 20,
  credit_offer: 21, credit_deal: 22,
} as const;
export const IMPL_OBJECT_TYPES = {
  global_property: 0, dynamic_global_property: 1, reserved0: 2, asset_dynamic_data: 3, asset_bitasset_data: 4,
  account_balance: 5, account_statistics: 6, transaction_history: 7, block_summary: 8, account_history: 9,
  blinded_balance: 10, chain_property: 11, witness_schedule: 12, budget_record: 13, special_authority: 14,
  buyback: 15, fba_accumulator: 16, collateral_bid: 17, credit_deal_summary: 18,
} as const;
