// The price rules validate() uses (asset.cpp price::validate, price_feed::validate, price::is_null and the
// `asset * price` product that asset_create and asset_update apply to the core exchange rate). They live
// with the rest of the price arithmetic in src/protocol/price.ts; this module names the ones validate uses.
export { isNullPrice, multiplyByPrice, validatePrice, validatePriceFeed } from "../price.js";
