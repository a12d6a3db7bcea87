// SameT funds (BSIP 2.0 flash loans): samet_fund_create (64), _delete (65), _update (66), _borrow (67),
// _repay (68) (samet_fund_evaluator.cpp).
import type { Evaluator } from "../evaluator.js";

export const SAMET_FUND_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = []; // eslint-disable-line @typescript-eslint/no-explicit-any
