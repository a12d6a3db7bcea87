// worker.cpp: validate() of worker_create (34).
import { either as E } from "fp-ts";
import type { WorkerCreateOperation } from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { MAX_WORKER_NAME_LENGTH } from "../config.js";
import { byteLength, feeNonNegative, MAX_SHARE_SUPPLY, type Check } from "./common.js";
import { urlShortEnough } from "./witness.js";

export function validateWorkerCreateOperation(op: WorkerCreateOperation): Check {
  const T = "worker_create_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.work_end_date > op.work_begin_date))
    return assertFail(`${T}.end_after_begin`, "work_end_date", `work_end_date ${op.work_end_date} is not after work_begin_date ${op.work_begin_date}`);
  if (!(op.daily_pay > 0n)) return assertFail(`${T}.daily_pay_positive`, "daily_pay", `daily_pay ${op.daily_pay} is not positive`);
  // Strictly below the maximum supply, unlike most amount bounds.
  if (!(op.daily_pay < MAX_SHARE_SUPPLY)) return assertFail(`${T}.daily_pay_max`, "daily_pay", `daily_pay ${op.daily_pay} is not below ${MAX_SHARE_SUPPLY}`);
  const n = byteLength(op.name);
  if (!(n < MAX_WORKER_NAME_LENGTH)) return assertFail(`${T}.name_length`, "name", `name is ${n} bytes, not below ${MAX_WORKER_NAME_LENGTH}`);
  return urlShortEnough(`${T}.url_length`, "url", op.url);
}
