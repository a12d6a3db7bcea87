// chain_parameters::validate (chain_parameters.cpp). It first calls fee_schedule::validate, which is empty
// (fee_schedule.hpp), so the fee schedule itself is not checked here.
import type { ChainParameters } from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { MAX_BLOCK_INTERVAL, MIN_BLOCK_INTERVAL, MIN_BLOCK_SIZE_LIMIT, MIN_TRANSACTION_SIZE_LIMIT } from "../config.js";
import { OK, PERCENT_100, type Check } from "./common.js";

/** The most market_fee_network_percent may be: 30% (chain_parameters.cpp). */
const MAX_MARKET_FEE_NETWORK_PERCENT = 3000;

export function validateChainParameters(p: ChainParameters): Check {
  const T = "chain_parameters";
  for (const name of ["reserve_percent_of_fee", "network_percent_of_fee", "lifetime_referrer_percent_of_fee"] as const)
    if (p[name] > PERCENT_100) return assertFail(`${T}.${name}_max`, name, `${name} ${p[name]} exceeds ${PERCENT_100}`);
  if (p.network_percent_of_fee + p.lifetime_referrer_percent_of_fee > PERCENT_100)
    return assertFail(`${T}.fee_split_max`, "lifetime_referrer_percent_of_fee",
      `network_percent_of_fee ${p.network_percent_of_fee} plus lifetime_referrer_percent_of_fee ${p.lifetime_referrer_percent_of_fee} exceeds ${PERCENT_100}`);
  if (p.block_interval < MIN_BLOCK_INTERVAL) return assertFail(`${T}.block_interval_min`, "block_interval", `block_interval ${p.block_interval} is below ${MIN_BLOCK_INTERVAL}`);
  if (p.block_interval > MAX_BLOCK_INTERVAL) return assertFail(`${T}.block_interval_max`, "block_interval", `block_interval ${p.block_interval} exceeds ${MAX_BLOCK_INTERVAL}`);
  // chain_parameters.cpp also asserts block_interval > 0, implied by the minimum of 1.
  if (!(p.maintenance_interval > p.block_interval))
    return assertFail(`${T}.maintenance_interval_longer`, "maintenance_interval", `maintenance_interval ${p.maintenance_interval} is not longer than block_interval ${p.block_interval}`);
  if (p.maintenance_interval % p.block_interval !== 0)
    return assertFail(`${T}.maintenance_interval_multiple`, "maintenance_interval", `maintenance_interval ${p.maintenance_interval} is not a multiple of block_interval ${p.block_interval}`);
  if (p.maximum_transaction_size < MIN_TRANSACTION_SIZE_LIMIT)
    return assertFail(`${T}.maximum_transaction_size_min`, "maximum_transaction_size", `maximum_transaction_size ${p.maximum_transaction_size} is below ${MIN_TRANSACTION_SIZE_LIMIT}`);
  if (p.maximum_block_size < MIN_BLOCK_SIZE_LIMIT)
    return assertFail(`${T}.maximum_block_size_min`, "maximum_block_size", `maximum_block_size ${p.maximum_block_size} is below ${MIN_BLOCK_SIZE_LIMIT}`);
  if (!(p.maximum_time_until_expiration > p.block_interval))
    return assertFail(`${T}.maximum_time_until_expiration_min`, "maximum_time_until_expiration",
      `maximum_time_until_expiration ${p.maximum_time_until_expiration} is not above block_interval ${p.block_interval}`);
  // uint32_t subtraction: a review period longer than the lifetime wraps around to a large number and passes.
  const margin = (p.maximum_proposal_lifetime - p.committee_proposal_review_period) >>> 0;
  if (!(margin > p.block_interval))
    return assertFail(`${T}.review_period_below_lifetime`, "committee_proposal_review_period",
      `maximum_proposal_lifetime ${p.maximum_proposal_lifetime} minus committee_proposal_review_period ${p.committee_proposal_review_period} is not above block_interval ${p.block_interval}`);
  const ext = p.extensions;
  if (ext.market_fee_network_percent !== undefined && ext.market_fee_network_percent > MAX_MARKET_FEE_NETWORK_PERCENT)
    return assertFail(`${T}.market_fee_network_percent_max`, "extensions.market_fee_network_percent",
      `market_fee_network_percent ${ext.market_fee_network_percent} exceeds ${MAX_MARKET_FEE_NETWORK_PERCENT}`);
  if (ext.maker_fee_discount_percent !== undefined && ext.maker_fee_discount_percent > PERCENT_100)
    return assertFail(`${T}.maker_fee_discount_percent_max`, "extensions.maker_fee_discount_percent",
      `maker_fee_discount_percent ${ext.maker_fee_discount_percent} exceeds ${PERCENT_100}`);
  return OK;
}
