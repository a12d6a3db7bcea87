// credit_offer_create/delete/update/accept and credit_deal_repay/update (credit_offer_evaluator.cpp).
import type { Evaluator } from "../evaluator.js";

export const CREDIT_OFFER_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = []; // eslint-disable-line @typescript-eslint/no-explicit-any
