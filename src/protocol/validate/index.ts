// validate(): bitshares-core's state-independent checks of operations and transactions (libraries/protocol).
export { validateOperation } from "./operation.js";
export { validateTransaction } from "./transaction.js";
export { isCheapName, isValidName } from "./names.js";
export { isValidSymbol } from "./symbols.js";
export { isNullPrice, multiplyByPrice, validatePrice, validatePriceFeed } from "./price.js";
export { isImpossible, isNullAuthority, numAuths, validateSpecialAuthority } from "./authority.js";
export { validateAssetOptions, validateAssetOptionsFlags, validateBitassetOptions } from "./asset_options.js";
export { validateAccountOptions } from "./account.js";
export { validateChainParameters } from "./chain_parameters.js";
export { predicateIsValid } from "./assert.js";
export { validateCreateTakeProfitOrderAction } from "./market.js";
export type { Check } from "./common.js";
