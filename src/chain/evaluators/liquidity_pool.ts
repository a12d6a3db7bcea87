// Liquidity pools (BSIP 65): liquidity_pool_create (59), _delete (60), _deposit (61), _withdraw (62),
// _exchange (63), _update (75) (liquidity_pool_evaluator.cpp).
import type { Evaluator } from "../evaluator.js";

export const LIQUIDITY_POOL_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = []; // eslint-disable-line @typescript-eslint/no-explicit-any
