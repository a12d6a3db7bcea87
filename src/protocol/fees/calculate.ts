// fee_schedule::calculate_fee (fee_schedule_calc.cpp) and fee_schedule::set_fee (fee_schedule_set_fee.cpp).
import { either as E } from "fp-ts";
import type { Asset, FeeSchedule, Operation, Price } from "../../../generated/native-types.js";
import { MAX_FEE_STABILIZATION_ITERATION, MAX_SHARE_SUPPLY, PERCENT_100 } from "../config.js";
import { assertFail, type ChainError } from "../errors.js";
import { makeAsset, multiplyAndRoundUp, unitPrice } from "../price.js";
import { toShare, u64 } from "./arithmetic.js";
import { operationFee } from "./operation_fee.js";

/** fee_schedule::calculate_fee( op ): the operation's fee in core asset. The operation's share_type fee is
 *  taken as uint64_t; unless the scale is GRAPHENE_100_PERCENT it is multiplied by scale / 10000 in 128 bits
 *  and must stay within GRAPHENE_MAX_SHARE_SUPPLY; the result becomes a share_type again (asset( fee )). */
export function calculateFee(op: Operation, schedule: FeeSchedule): E.Either<ChainError, bigint> {
  const fee = operationFee(op, schedule);
  if (E.isLeft(fee)) return fee;
  let required = u64(fee.right);
  if (schedule.scale !== PERCENT_100) {
    const scaled = (required * BigInt(schedule.scale)) / BigInt(PERCENT_100);
    if (scaled > MAX_SHARE_SUPPLY)
      return assertFail("fee_schedule.scaled_fee_max", "", `Required fee after scaling would exceed maximum possible supply: ${required} * ${schedule.scale} / ${PERCENT_100} = ${scaled}`);
    required = scaled;
  }
  return toShare(required, "required fee");
}

/** fee_schedule::calculate_fee( op, core_exchange_rate ): the core fee converted with the rate, rounded up
 *  (asset::multiply_and_round_up), so the fee paid in another asset never buys less than the core fee. */
export function calculateFeeInAsset(op: Operation, schedule: FeeSchedule, coreExchangeRate: Price): E.Either<ChainError, Asset> {
  return E.flatMap(calculateFee(op, schedule), (core) => multiplyAndRoundUp(makeAsset(core), coreExchangeRate));
}

/** The operation with its fee member replaced (set_fee_visitor). */
export const withFee = (op: Operation, fee: Asset): Operation => [op[0], { ...op[1], fee }] as Operation;

export interface SetFeeResult {
  /** The operation carrying the fee set_fee leaves in it. */
  readonly op: Operation;
  /** What set_fee returns: the last fee computed. After MAX_FEE_STABILIZATION_ITERATION rounds without
   *  settling it can exceed the fee left in `op`, as in bitshares-core. */
  readonly fee: Asset;
}

/** fee_schedule::set_fee( op, core_exchange_rate = price::unit_price() ): sets the fee, then recomputes it
 *  (a fee in another asset can change the operation's packed size and so its data fee) until it no longer
 *  grows, at most GRAPHENE_MAX_FEE_STABILIZATION_ITERATION times. The input operation is not modified. */
export function setFee(op: Operation, schedule: FeeSchedule, coreExchangeRate: Price = unitPrice()): E.Either<ChainError, SetFeeResult> {
  const first = calculateFeeInAsset(op, schedule, coreExchangeRate);
  if (E.isLeft(first)) return first;
  let fee = first.right;
  let current = op;
  for (let i = 0; i < MAX_FEE_STABILIZATION_ITERATION; i++) {
    current = withFee(current, fee);
    const next = calculateFeeInAsset(current, schedule, coreExchangeRate);
    if (E.isLeft(next)) return next;
    // `f >= f2`: both amounts are of the rate's other asset
    if (fee.amount >= next.right.amount) break;
    fee = next.right;
  }
  return E.right({ op: current, fee });
}
