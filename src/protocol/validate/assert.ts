// assert.cpp: assert_operation::validate (36) and the predicates' own validate().
import type { AssertOperation, Predicate } from "../../../generated/native-types.js";
import { feeNonNegative, type Check } from "./common.js";
import { isValidName } from "./names.js";
import { isValidSymbol } from "./symbols.js";

/** account_name_eq_lit_predicate / asset_symbol_eq_lit_predicate / block_id_predicate ::validate: whether
 *  the literal is a valid account name or asset symbol (block ids are always fine). */
export function predicateIsValid(p: Predicate): boolean {
  switch (p[0]) {
    case 0: return isValidName(p[1].name);
    case 1: return isValidSymbol(p[1].symbol);
    default: return true;
  }
}

/** Only the fee is checked: assert.cpp's predicate_validator calls each predicate's validate() but drops the
 *  boolean it returns, so an invalid name or symbol literal does not fail validation (the evaluator then
 *  compares it with the chain's object). */
export const validateAssertOperation = (op: AssertOperation): Check => feeNonNegative("assert_operation", op.fee);
