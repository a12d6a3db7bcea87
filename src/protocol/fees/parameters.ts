// Which fee_params_t fee_schedule::calculate_fee uses for an operation (fee_schedule.hpp fee_helper and the
// calc_fee_visitor of fee_schedule_calc.cpp).
//
// The schedule's entry when there is one, else the operation's default parameters (calc_fee_visitor
// catches fee_helper's FC_ASSERT and falls back to them), with these exceptions from fee_helper:
//  - bid_collateral, asset_update_issuer and asset_claim_pool without an entry take the fee of
//    call_order_update, asset_update and asset_fund_fee_pool respectively, when those have one;
//  - ticket_create and ticket_update always use their default parameters, whatever the schedule holds.
import type * as T from "../../../generated/native-types.js";
import { defaultsOf, FEE_PARAMETERS_COUNT, feeParametersOf, hasFeeParameters, type FeeParams } from "./schedule.js";

/** Operation tags named here (the order of graphene::protocol::operation). */
export const OP = {
  transfer: 0, call_order_update: 3, account_create: 5, account_update: 6, account_transfer: 9, asset_create: 10, asset_update: 11,
  asset_fund_fee_pool: 16, bid_collateral: 45, asset_claim_pool: 47, asset_update_issuer: 48, htlc_create: 49,
  ticket_create: 57, ticket_update: 58,
} as const;

/** A fee taken from another operation's entry when the operation has none (fee_helper specializations). */
const BORROWED_FEE: Readonly<Record<number, number>> = {
  [OP.bid_collateral]: OP.call_order_update,
  [OP.asset_update_issuer]: OP.asset_update,
  [OP.asset_claim_pool]: OP.asset_fund_fee_pool,
};

/** The fee_params_t calculate_fee applies to operation `tag` under `schedule` (undefined for an unknown tag). */
export function effectiveFeeParameters(schedule: T.FeeSchedule, tag: number): FeeParams | undefined {
  if (!(Number.isInteger(tag) && tag >= 0 && tag < FEE_PARAMETERS_COUNT)) return undefined;
  if (tag === OP.ticket_create || tag === OP.ticket_update) return defaultsOf(tag);
  const own = feeParametersOf(schedule, tag);
  if (own !== undefined) return own;
  const lender = BORROWED_FEE[tag];
  if (lender !== undefined) {
    const lent = feeParametersOf(schedule, lender) as { fee: bigint } | undefined;
    if (lent !== undefined) return { ...defaultsOf(tag), fee: lent.fee } as FeeParams;
  }
  return defaultsOf(tag);
}

/** calc_fee_visitor for asset_create_operation: the sub-asset creation fee is account_transfer's fee, and
 *  only when the schedule holds entries for both account_transfer and ticket_create. */
export function subAssetCreationFee(schedule: T.FeeSchedule): bigint | undefined {
  if (!hasFeeParameters(schedule, OP.account_transfer) || !hasFeeParameters(schedule, OP.ticket_create)) return undefined;
  return (feeParametersOf(schedule, OP.account_transfer) as T.AccountTransferOperationFeeParamsT).fee;
}

/** calc_fee_visitor for htlc_create_operation: the memo's price per kbyte is transfer_operation's, from the
 *  schedule's entry or else transfer's default. */
export function htlcMemoPricePerKbyte(schedule: T.FeeSchedule): number {
  const transfer = (feeParametersOf(schedule, OP.transfer) ?? defaultsOf(OP.transfer)) as T.TransferOperationFeeParamsT;
  return transfer.price_per_kbyte;
}
