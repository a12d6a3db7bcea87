// Market fees on what an order receives (db_market.cpp database::calculate_market_fee and pay_market_fees,
// db_balance.cpp deposit_market_fee_vesting_balance): the receiving asset's percent (taker_fee_percent of
// BSIP 81 for takers), capped at max_market_fee; a network share to the committee; BSIP 47 rewards to the
// seller's registrar and referrer; the rest accumulates as the issuer's fees.
import type * as T from "../../generated/native-types.js";
import { charge_market_fee, COMMITTEE_ACCOUNT, OBJECT_TYPES, PERCENT_100, TEMP_ACCOUNT } from "../protocol/config.js";
import { isAuthorizedAsset } from "../chain/balances.js";
import { type Gen, ensureAssert } from "../chain/gen.js";
import type { Session } from "../chain/session.js";
import { depositVested } from "../chain/vesting.js";
import { inst } from "../chain/tables.js";

/** detail::calculate_percent: `percent` hundredths of a percent of `value`, rounded down. */
export function calculatePercent(value: bigint, percent: number): bigint {
  return (value * BigInt(percent)) / BigInt(PERCENT_100);
}

/** database::calculate_market_fee: the fee `asset` charges on `amount` received by a maker or a taker. */
export function calculateMarketFee(asset: T.AssetObject, amount: bigint, isMaker: boolean): bigint {
  if ((asset.options.flags & charge_market_fee) === 0) return 0n;
  const makerPercent = asset.options.market_fee_percent;
  const takerPercent = asset.options.extensions.taker_fee_percent;
  const percent = isMaker ? makerPercent : (takerPercent ?? makerPercent);
  if (percent === 0) return 0n;
  const fee = calculatePercent(amount, percent);
  return fee > asset.options.max_market_fee ? asset.options.max_market_fee : fee;
}

/** database::deposit_market_fee_vesting_balance: into the account's market_fee_sharing balance of the
 *  asset (instant vesting), created on first use. */
export function depositMarketFeeVestingBalance(s: Session, account: string, delta: T.Asset): void {
  if (delta.amount === 0n) return;
  const key = [true, inst(account), inst(delta.asset_id)];
  const existing = s.findUnique<T.VestingBalanceObject>(1, OBJECT_TYPES.vesting_balance, "by_vesting_type", key);
  if (existing === undefined) {
    s.create<T.VestingBalanceObject>(1, OBJECT_TYPES.vesting_balance, (id) => ({
      id, owner: account, balance: delta, policy: [2, {}], balance_type: "market_fee_sharing",
    }));
  } else {
    const now = s.headBlockTime();
    s.modify<T.VestingBalanceObject>(existing.id, (v) => depositVested(v, now, delta));
  }
}

/** database::pay_market_fees: distributes the market fee on `receives` (of `recvAsset`) paid by `seller`
 *  and returns the whole fee (what the seller does not get). */
export function payMarketFees(s: Session, seller: T.AccountObject | undefined, recvAsset: T.AssetObject, receives: bigint, isMaker: boolean): bigint {
  const marketFees = calculateMarketFee(recvAsset, receives, isMaker);
  let issuerFees = marketFees;
  if (issuerFees <= 0n) return marketFees;
  const networkPercent = s.params().extensions.market_fee_network_percent ?? 0;
  if (networkPercent > 0) {
    const networkFees = calculatePercent(issuerFees, networkPercent);
    if (networkFees > 0n) {
      depositMarketFeeVestingBalance(s, COMMITTEE_ACCOUNT, { amount: networkFees, asset_id: recvAsset.id });
      issuerFees -= networkFees;
    }
  }
  if (issuerFees <= 0n) return marketFees;
  let reward = 0n;
  const whitelist = recvAsset.options.extensions.whitelist_market_fee_sharing;
  const rewardsAllowed = seller !== undefined && (whitelist === undefined || whitelist.length === 0 || whitelist.includes(seller.registrar));
  const rewardPercent = recvAsset.options.extensions.reward_percent ?? 0;
  if (seller !== undefined && rewardsAllowed && rewardPercent > 0) {
    const rewardValue = calculatePercent(issuerFees, rewardPercent);
    if (rewardValue > 0n && isAuthorizedAsset(s.get<T.AccountObject>(seller.registrar), recvAsset)) {
      reward = rewardValue;
      let registrarReward = reward;
      // core-1800: rewards due to the temp account go to the committee.
      const registrar = seller.registrar === TEMP_ACCOUNT ? COMMITTEE_ACCOUNT : seller.registrar;
      const referrer = seller.referrer === TEMP_ACCOUNT ? COMMITTEE_ACCOUNT : seller.referrer;
      if (referrer !== registrar) {
        const referrerReward = calculatePercent(reward, seller.referrer_rewards_percentage);
        if (referrerReward > 0n && isAuthorizedAsset(s.get<T.AccountObject>(referrer), recvAsset)) {
          registrarReward -= referrerReward;
          depositMarketFeeVestingBalance(s, referrer, { amount: referrerReward, asset_id: recvAsset.id });
        }
      }
      if (registrarReward > 0n) depositMarketFeeVestingBalance(s, registrar, { amount: registrarReward, asset_id: recvAsset.id });
    }
  }
  if (issuerFees > reward) {
    const kept = issuerFees - reward;
    s.modify<T.AssetDynamicDataObject>(recvAsset.dynamic_asset_data_id, (d) => ({ ...d, accumulated_fees: d.accumulated_fees + kept }));
  }
  return marketFees;
}

/** asset_object::accumulate_fee: a fee in the asset itself adds to its accumulated_fees; one in the backing
 *  asset of a market-issued asset (margin call and force-settlement fees) to its accumulated_collateral_fees. */
export function* accumulateFee(s: Session, asset: T.AssetObject, fee: T.Asset): Gen<void> {
  if (fee.amount === 0n) return;
  yield* ensureAssert(fee.amount > 0n, "asset.accumulate_fee.non_negative", "", () => `a fee of ${fee.amount} is negative`);
  const collateral = fee.asset_id !== asset.id;
  if (collateral) {
    const backing = asset.bitasset_data_id === undefined ? undefined : s.get<T.AssetBitassetDataObject>(asset.bitasset_data_id).options.short_backing_asset;
    yield* ensureAssert(backing === fee.asset_id, "asset.accumulate_fee.asset", "", () => `${asset.symbol} cannot collect a fee in ${fee.asset_id}`);
  }
  s.modify<T.AssetDynamicDataObject>(asset.dynamic_asset_data_id, (d) => collateral
    ? { ...d, accumulated_collateral_fees: d.accumulated_collateral_fees + fee.amount }
    : { ...d, accumulated_fees: d.accumulated_fees + fee.amount });
}
