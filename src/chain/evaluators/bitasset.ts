// Market-issued assets: asset_update_bitasset (12), asset_update_feed_producers (13), asset_publish_feed (19)
// (asset_evaluator.cpp).
import type { Evaluator } from "../evaluator.js";

export const BITASSET_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = []; // eslint-disable-line @typescript-eslint/no-explicit-any
