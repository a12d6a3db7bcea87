// transaction::validate (transaction.cpp): at least one operation, and every operation valid. Signed and
// precomputable transactions add nothing (the latter only caches the result).
import { either as E } from "fp-ts";
import type { SignedTransaction, Transaction } from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { OK, under, type Check } from "./common.js";
import { validateOperation } from "./operation.js";

export function validateTransaction(tx: Transaction | SignedTransaction): Check {
  if (tx.operations.length === 0) return assertFail("transaction.has_operations", "operations", "a transaction must have at least one operation");
  for (let i = 0; i < tx.operations.length; i++) {
    const r = under(`operations[${i}][1]`, validateOperation(tx.operations[i]!));
    if (E.isLeft(r)) return r;
  }
  return OK;
}
