// ticket.cpp: validate() of ticket_create (57) and ticket_update (58).
import { either as E } from "fp-ts";
import type { Asset, TicketCreateOperation, TicketUpdateOperation } from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { ASSET_ZERO, feeNonNegative, OK, type Check } from "./common.js";

/** ticket_type (ticket.hpp): liquid = 0 ... lock_forever = 4, TICKET_TYPE_COUNT = 5. */
export const TICKET_LIQUID = 0n;
export const TICKET_TYPE_COUNT = 5n;

const targetKnown = (T: string, t: bigint): Check =>
  t < TICKET_TYPE_COUNT ? OK : assertFail(`${T}.target_type_known`, "target_type", `target_type ${t} is not below ${TICKET_TYPE_COUNT}`);

/** A positive amount of the core asset ("Amount must be in BTS so far"). */
function coreAmount(T: string, a: Asset, field: string): Check {
  if (!(a.amount > 0n)) return assertFail(`${T}.amount_positive`, `${field}.amount`, `amount ${a.amount} is not positive`);
  if (a.asset_id !== ASSET_ZERO) return assertFail(`${T}.amount_in_core`, `${field}.asset_id`, `amount is in ${a.asset_id}, not the core asset`);
  return OK;
}

export function validateTicketCreateOperation(op: TicketCreateOperation): Check {
  const T = "ticket_create_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (op.target_type === TICKET_LIQUID) return assertFail(`${T}.target_type_not_liquid`, "target_type", "a new ticket cannot be liquid");
  const t = targetKnown(T, op.target_type);
  return E.isLeft(t) ? t : coreAmount(T, op.amount, "amount");
}

export function validateTicketUpdateOperation(op: TicketUpdateOperation): Check {
  const T = "ticket_update_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  const t = targetKnown(T, op.target_type);
  if (E.isLeft(t)) return t;
  return op.amount_for_new_target ? coreAmount(T, op.amount_for_new_target, "amount_for_new_target") : OK;
}
