// database::clear_expired_orders (db_update.cpp): limit orders whose expiration is at or before the head
// block time are cancelled, earliest first, each with a limit_order_cancel virtual operation and the
// cancel fee taken from its deferred fee (core-606: no call-order check afterwards).
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { OBJECT_TYPES } from "../protocol/config.js";
import type { EvaluatorTable } from "../chain/evaluator.js";
import { run } from "../chain/gen.js";
import { ChainInvariantError, type Session } from "../chain/session.js";
import { cancelLimitOrder } from "./fill.js";

/** BlockHooks.clearExpiredOrders. */
export function clearExpiredOrders(s: Session, _evaluators: EvaluatorTable): void {
  const now = s.headBlockTime();
  for (;;) {
    const first = s.first<T.LimitOrderObject>(1, OBJECT_TYPES.limit_order, "by_expiration");
    if (first === undefined || first.expiration > now) return;
    const r = run(cancelLimitOrder(s, first));
    // Refunds only add to balances: a failure here means the chain's state is broken.
    if (E.isLeft(r)) throw new ChainInvariantError(`cancelling expired order ${first.id}: ${r.left.message}`);
  }
}
