// Linear code over Either: a generator yields a ChainError to stop, or returns its value. Evaluators read
// like bitshares-core's (each check stops evaluation) while failures stay values, never exceptions.
import { either as E } from "fp-ts";
import { chainError, type ChainError, type ExceptionName, withFieldPrefix } from "../protocol/errors.js";

/** A computation that either stops with a ChainError or returns T. */
export type Gen<T> = Generator<ChainError, T, unknown>;

/** Runs a computation to its Either. */
export function run<T>(computation: Gen<T>): E.Either<ChainError, T> {
  const step = computation.next();
  return step.done ? E.right(step.value) : E.left(step.value);
}

/** A computation already finished with `value`. Passing checks return one instead of starting a
 *  generator: a check that holds is the common case, and a generator object costs far more to make. */
class Done<T> {
  readonly done = true;
  constructor(readonly value: T) {}
  // The finished computation is its own iterator result: one object per passing step, not two.
  next(): IteratorResult<ChainError, T> {
    return this as IteratorReturnResult<T>;
  }
  return(value: T): IteratorResult<ChainError, T> {
    return { done: true, value };
  }
  throw(e: unknown): IteratorResult<ChainError, T> {
    throw e;
  }
  [Symbol.iterator](): this {
    return this;
  }
}

export function done<T>(value: T): Gen<T> {
  return new Done(value) as unknown as Gen<T>;
}
/** A check that passed (reusable: a finished computation holds no state). */
export const PASSED: Gen<void> = done(undefined);

/** Runs a computation one step: a finished step (`done`) holds its value, any other its error. The plain
 *  functions of the hottest paths (one call per operation) use it instead of `yield*`, which would make
 *  them generators: a generator object per call, and most calls pass every check. */
export function step<T>(computation: Gen<T>): IteratorResult<ChainError, T> {
  return computation.next();
}

/** The value of an Either, or stop with its error (`const x = yield* ok(either)`). */
export function ok<T>(result: E.Either<ChainError, T>): Gen<T> {
  return E.isLeft(result) ? stop(result.left) : done(result.right);
}

/** The computation, its error seen from an enclosing value: the error's field gets the prefix in front
 *  (given as a function when building it costs something: it is only needed on failure). */
export function prefixed<T>(computation: Gen<T>, prefix: string | (() => string)): Gen<T> {
  const r = run(computation);
  return E.isLeft(r) ? stop(withFieldPrefix(r.left, typeof prefix === "string" ? prefix : prefix())) : done(r.right);
}

/** Stops with `error`. */
export function* stop(error: ChainError): Gen<never> {
  yield error;
  throw new Error("a stopped computation was resumed");
}

/** FC_ASSERT / GRAPHENE_ASSERT: stop unless `condition` holds. */
export function ensure(condition: boolean, exception: ExceptionName, rule: string, field: string, message: () => string): Gen<void> {
  return condition ? PASSED : stop(chainError(exception, rule, field, message()));
}

/** FC_ASSERT: the assert_exception form of `ensure`. */
export function ensureAssert(condition: boolean, rule: string, field: string, message: () => string): Gen<void> {
  return ensure(condition, "assert_exception", rule, field, message);
}
