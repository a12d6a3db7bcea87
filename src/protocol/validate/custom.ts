// custom.cpp: custom_operation::validate (35).
import type { CustomOperation } from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { OK, type Check } from "./common.js";

/** Unlike every other operation, the fee must be strictly positive. */
export function validateCustomOperation(op: CustomOperation): Check {
  return op.fee.amount > 0n ? OK : assertFail("custom_operation.fee_positive", "fee.amount", `fee amount ${op.fee.amount} is not positive`);
}
