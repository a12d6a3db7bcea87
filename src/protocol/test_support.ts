// Test support for the state-independent rules (fees, prices): unwrapping results, and default-constructed
// operations as the C++ tests write them.
import { either as E } from "fp-ts";
import type { Operation } from "../../generated/native-types.js";
import { zero } from "../codec/index.js";
import type { ChainError } from "./errors.js";
import { OPERATION_TYPES } from "./fees/index.js";

/** The value of an accepted result; a refusal fails the test. */
export function ok<T>(r: E.Either<ChainError, T>): T {
  if (E.isLeft(r)) throw new Error(`unexpected refusal ${r.left.rule}: ${r.left.message}`);
  return r.right;
}

/** What a test compares of a refusal; an accepted result fails the test. */
export function err<T>(r: E.Either<ChainError, T>): Pick<ChainError, "exception" | "rule" | "field"> {
  if (E.isRight(r)) throw new Error("expected a refusal");
  return { exception: r.left.exception, rule: r.left.rule, field: r.left.field };
}

/** The default-constructed operation `tag` (C++ `xxx_operation op;`) with some members set. */
export function defaultOperation(tag: number, members: Record<string, unknown> = {}): Operation {
  const base = zero(OPERATION_TYPES[tag]!);
  if (E.isLeft(base)) throw new Error(base.left.message);
  return [tag, { ...(base.right as object), ...members }] as unknown as Operation;
}
