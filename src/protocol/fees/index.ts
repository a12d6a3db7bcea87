// Fees of operations: fee_schedule and each operation's calculate_fee (bitshares-core libraries/protocol).
export { calculateDataFee } from "./arithmetic.js";
export { calculateFee, calculateFeeInAsset, setFee, withFee, type SetFeeResult } from "./calculate.js";
export { isCheapName, operationFee } from "./operation_fee.js";
export { effectiveFeeParameters, htlcMemoPricePerKbyte, subAssetCreationFee } from "./parameters.js";
export {
  defaultFeeParameters, defaultFeeSchedule, emptyFeeSchedule, FEE_PARAMETERS_COUNT, FEE_PARAMETERS_TYPES, feeParametersOf,
  hasFeeParameters, insertFeeParameters, OPERATION_TYPES, updateFeeParameters, validateFeeSchedule, zeroFeeSchedule,
  type FeeParameters, type FeeParams, type FeeSchedule,
} from "./schedule.js";
