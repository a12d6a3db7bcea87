// assert (36): libraries/chain/assert_evaluator.cpp. Predicates about the chain's state; a failing one
// rejects the transaction. Nothing is changed.
import type * as T from "../../../generated/native-types.js";
import { blockNumFromId } from "../../crypto/digests.js";
import { IMPL_OBJECT_TYPES } from "../../protocol/config.js";
import { type Evaluator, VOID_RESULT } from "../evaluator.js";
import { type Gen, ensureAssert } from "../gen.js";
import type { Session } from "../session.js";
import { SKIP, skips } from "../skip.js";

/** predicate_evaluator: one predicate against the state. `field` is the path of the predicate's value. */
function* checkPredicate(s: Session, p: T.Predicate, field: string): Gen<void> {
  switch (p[0]) {
    case 0: {
      const account = yield* s.load<T.AccountObject>(p[1].account_id, `${field}.account_id`);
      yield* ensureAssert(account.name === p[1].name, "assert.account_name_eq_lit", `${field}.name`, () =>
        `account ${account.id} is named '${account.name}', not '${p[1].name}'`);
      return;
    }
    case 1: {
      const asset = yield* s.load<T.AssetObject>(p[1].asset_id, `${field}.asset_id`);
      yield* ensureAssert(asset.symbol === p[1].symbol, "assert.asset_symbol_eq_lit", `${field}.symbol`, () =>
        `asset ${asset.id} has symbol '${asset.symbol}', not '${p[1].symbol}'`);
      return;
    }
    case 2: {
      // The block summary of the id's number (mod 2^16) must hold exactly this id.
      const summaryId = `2.${IMPL_OBJECT_TYPES.block_summary}.${blockNumFromId(p[1].id) & 0xffff}`;
      const summary = yield* s.load<T.BlockSummaryObject>(summaryId, `${field}.id`);
      yield* ensureAssert(summary.block_id === p[1].id, "assert.block_id", `${field}.id`, () =>
        `block summary ${summaryId} holds block ${summary.block_id}, not ${p[1].id}`);
      return;
    }
  }
}

/**
 * assert_evaluator: unless the skip_assert_evaluation flag is in force (database::get_node_properties()
 * .skip_flags, which push_transaction / apply_block set to their `skip` argument: here ctx.trx.skip), every
 * predicate's tag must be below the max_predicate_opcode parameter and the predicate must hold.
 */
export const assertEvaluator: Evaluator<T.AssertOperation, void> = {
  *evaluate(ctx, op) {
    if (skips(ctx.trx.skip, SKIP.assert_evaluation)) return;
    const maxOpcode = ctx.s.params().max_predicate_opcode;
    for (let i = 0; i < op.predicates.length; i++) {
      const p = op.predicates[i]!;
      const field = `predicates[${i}]`;
      yield* ensureAssert(p[0] < maxOpcode, "assert.max_predicate_opcode", field, () =>
        `predicate kind ${p[0]} is not below max_predicate_opcode ${maxOpcode}`);
      yield* checkPredicate(ctx.s, p, `${field}[1]`);
    }
  },
  *apply() {
    return VOID_RESULT;
  },
};

export const ASSERT_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [[36, assertEvaluator]];
