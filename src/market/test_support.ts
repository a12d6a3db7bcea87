// Test support for the market tests: placing orders as database_fixture::create_sell_order does, and
// applying an operation while keeping the virtual operations it pushed.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { Chain, asset, core } from "../chain/evaluators/misc_ops_test_support.js";
import { EVALUATORS } from "../chain/evaluators/index.js";
import { applyOperation } from "../chain/evaluator.js";
import { run } from "../chain/gen.js";
import { Session } from "../chain/session.js";

const MAX_TIME = 0xffffffff;
export const createOp = (seller: string, sell: T.Asset, receive: T.Asset, expiration = MAX_TIME): T.Operation =>
  [1, { fee: core(0), seller, amount_to_sell: sell, min_to_receive: receive, expiration, fill_or_kill: false, extensions: {} }];
/** database_fixture::create_sell_order: the new order's id (it may already be gone). */
export const sell = (c: Chain, seller: string, a: T.Asset, b: T.Asset, expiration = MAX_TIME): string =>
  c.result(createOp(seller, a, b, expiration))[1] as string;

/** Applies one operation in a session over the chain's state and answers the virtual operations it
 *  pushed (everything after the operation itself); the chain takes the new state. */
export function applyWithVops(c: Chain, op: T.Operation): T.Operation[] {
  const s = new Session(c.f.state);
  const r = run(applyOperation(s, { evaluators: EVALUATORS, is_proposed_trx: false, skip_fee_schedule_check: false, skip: 0 }, op));
  if (E.isLeft(r)) throw new Error(`${r.left.rule}: ${r.left.message}`);
  c.f.state = s.db;
  c.f.head = s.db;
  return s.appliedOps.slice(1).map((a) => a.op);
}


/** A fresh chain with alice and bob each holding 100000 CORE and 100000 of the committee's UIATEST. */
export function twoTraders(): { c: Chain; accts: [string, string]; uia: string } {
  const c = new Chain();
  const accts: [string, string] = [c.createAccount("alice"), c.createAccount("bob")];
  const uia = c.createUia("UIATEST", "1.2.0");
  for (const a of accts) {
    c.transfer("1.2.0", a, core(100000));
    c.issue(a, asset(100000, uia));
  }
  return { c, accts, uia };
}
