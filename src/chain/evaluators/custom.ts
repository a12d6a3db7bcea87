// custom (35): libraries/chain/include/graphene/chain/custom_evaluator.hpp. The chain only takes the fee
// (paid by `payer`, charged per kilobyte of the operation); do_evaluate and do_apply do nothing.
import type * as T from "../../../generated/native-types.js";
import { type Evaluator, VOID_RESULT } from "../evaluator.js";

export const customEvaluator: Evaluator<T.CustomOperation, void> = {
  *evaluate() {},
  *apply() {
    return VOID_RESULT;
  },
};

export const CUSTOM_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [[35, customEvaluator]];
