// witness.cpp: validate() of witness_create (20) and witness_update (21).
import { either as E } from "fp-ts";
import type { WitnessCreateOperation, WitnessUpdateOperation } from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { MAX_URL_LENGTH } from "../config.js";
import { byteLength, feeNonNegative, OK, type Check } from "./common.js";

/** `url.size() < GRAPHENE_MAX_URL_LENGTH`: at most 126 bytes. Shared with committee_member and worker. */
export function urlShortEnough(rule: string, field: string, url: string): Check {
  const n = byteLength(url);
  return n < MAX_URL_LENGTH ? OK : assertFail(rule, field, `url is ${n} bytes, not below ${MAX_URL_LENGTH}`);
}

export function validateWitnessCreateOperation(op: WitnessCreateOperation): Check {
  const T = "witness_create_operation";
  const fee = feeNonNegative(T, op.fee);
  return E.isLeft(fee) ? fee : urlShortEnough(`${T}.url_length`, "url", op.url);
}

export function validateWitnessUpdateOperation(op: WitnessUpdateOperation): Check {
  const T = "witness_update_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  return op.new_url !== undefined ? urlShortEnough(`${T}.new_url_length`, "new_url", op.new_url) : OK;
}
