// Limit orders: limit_order_create (1), limit_order_cancel (2), limit_order_update (77) (market_evaluator.cpp).
import type { Evaluator } from "../evaluator.js";

export const LIMIT_ORDER_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = []; // eslint-disable-line @typescript-eslint/no-explicit-any
