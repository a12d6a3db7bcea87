// Where fees go: the payer's pending fees (account_statistics_object::pay_fee), and at maintenance their
// split between the network, the lifetime referrer, the referrer and the registrar
// (account_statistics_object::process_fees, database::deposit_cashback).
import type * as T from "../../generated/native-types.js";
import {
  COMMITTEE_ACCOUNT, NULL_ACCOUNT, PERCENT_100, RELAXED_COMMITTEE_ACCOUNT, TEMP_ACCOUNT, WITNESS_ACCOUNT,
} from "../protocol/config.js";
import { CORE_DYNAMIC_DATA_ID, type Session } from "./session.js";
import { depositLazyVesting } from "./vesting.js";

/** cut_fee: `percent` (of GRAPHENE_100_PERCENT) of `amount`, rounded down. */
export function cutFee(amount: bigint, percent: number): bigint {
  if (amount === 0n || percent === 0) return 0n;
  if (percent === PERCENT_100) return amount;
  return (amount * BigInt(percent)) / BigInt(PERCENT_100);
}

/** account_statistics_object::pay_fee: fees above the cashback vesting threshold vest when paid out. */
export function payFeeToStatistics(stats: T.AccountStatisticsObject, coreFee: bigint, cashbackVestingThreshold: bigint): T.AccountStatisticsObject {
  return coreFee > cashbackVestingThreshold
    ? { ...stats, pending_fees: stats.pending_fees + coreFee }
    : { ...stats, pending_vested_fees: stats.pending_vested_fees + coreFee };
}

/** account_object::is_lifetime_member: membership that never expires. */
export const MEMBERSHIP_LIFETIME = 0xffffffff;
export const isLifetimeMember = (a: T.AccountObject): boolean => a.membership_expiration_date === MEMBERSHIP_LIFETIME;
export const isBasicAccount = (a: T.AccountObject, now: number): boolean => now > a.membership_expiration_date;
export const isAnnualMember = (a: T.AccountObject, now: number): boolean => !isLifetimeMember(a) && !isBasicAccount(a, now);

const RESERVED_ACCOUNTS = new Set([COMMITTEE_ACCOUNT, WITNESS_ACCOUNT, RELAXED_COMMITTEE_ACCOUNT, NULL_ACCOUNT, TEMP_ACCOUNT]);

/** database::deposit_cashback: into the account's cashback vesting balance; what reserved accounts would
 *  receive is burnt (taken out of the core supply). */
export function depositCashback(s: Session, accountId: string, amount: bigint, requireVesting: boolean): void {
  if (amount === 0n) return;
  if (RESERVED_ACCOUNTS.has(accountId)) {
    s.modify<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID, (d) => ({ ...d, current_supply: d.current_supply - amount }));
    return;
  }
  const acct = s.get<T.AccountObject>(accountId);
  const created = depositLazyVesting(s, acct.cashback_vb, amount, s.params().cashback_vesting_period_seconds, "cashback", accountId, requireVesting);
  if (created !== undefined) {
    s.modify<T.AccountObject>(accountId, (a) => ({ ...a, cashback_vb: created }));
    s.modify<T.AccountStatisticsObject>(acct.statistics, (st) => ({ ...st, has_cashback_vb: true }));
  }
}

/** account_statistics_object::process_fees: pays out the account's pending fees at maintenance. */
export function processFees(s: Session, statsId: string): void {
  const stats = s.get<T.AccountStatisticsObject>(statsId);
  if (stats.pending_fees <= 0n && stats.pending_vested_fees <= 0n) return;
  payOutFees(s, stats.owner, stats.pending_fees, true);
  payOutFees(s, stats.owner, stats.pending_vested_fees, false);
  s.modify<T.AccountStatisticsObject>(statsId, (st) => ({
    ...st, lifetime_fees_paid: st.lifetime_fees_paid + st.pending_fees + st.pending_vested_fees, pending_fees: 0n, pending_vested_fees: 0n,
  }));
}

function payOutFees(s: Session, accountId: string, total: bigint, requireVesting: boolean): void {
  // A referrer whose membership lapsed loses the referral to the lifetime referrer.
  if (isBasicAccount(s.get<T.AccountObject>(s.get<T.AccountObject>(accountId).referrer), s.headBlockTime()))
    s.modify<T.AccountObject>(accountId, (a) => ({ ...a, referrer: a.lifetime_referrer }));
  const account = s.get<T.AccountObject>(accountId);
  const networkCut = cutFee(total, account.network_fee_percentage);
  const lifetimeCut = cutFee(total, account.lifetime_referrer_fee_percentage);
  const referral = total - networkCut - lifetimeCut;
  s.modify<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID, (d) => ({ ...d, accumulated_fees: d.accumulated_fees + networkCut }));
  const referrerCut = cutFee(referral, account.referrer_rewards_percentage);
  const registrarCut = referral - referrerCut;
  depositCashback(s, account.lifetime_referrer, lifetimeCut, requireVesting);
  depositCashback(s, account.referrer, referrerCut, requireVesting);
  depositCashback(s, account.registrar, registrarCut, requireVesting);
}
