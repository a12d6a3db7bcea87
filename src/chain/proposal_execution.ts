// Executing proposals: proposal_object::is_authorized_to_execute (proposal_object.cpp), database::push_proposal
// (db_block.cpp) with its undo_session_nesting_guard, and database::clear_expired_proposals (db_update.cpp).
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { verifyAuthority } from "../protocol/authority/index.js";
import { OBJECT_TYPES } from "../protocol/config.js";
import { activeLookup, customAuthorityLookup, ownerLookup } from "./authority_lookup.js";
import { type EvaluatorTable, type TransactionState, applyOperation } from "./evaluator.js";
import { type Gen, ensureAssert, prefixed, run, stop } from "./gen.js";
import type { Session } from "./session.js";
import { SKIP } from "./skip.js";
import { checkSametFundsRepaid } from "./transaction.js";

/**
 * is_authorized_to_execute: verify_authority over the proposed operations with the proposal's key approvals
 * as the signing keys and its account approvals counted as given, the committee allowed. Any failure,
 * including a key approval no authority uses (tx_irrelevant_sig) or a missing account, means "not yet".
 */
export function isAuthorizedToExecute(s: Session, proposal: T.ProposalObject): boolean {
  const r = verifyAuthority(proposal.proposed_transaction.operations, proposal.available_key_approvals,
    activeLookup(s), ownerLookup(s), customAuthorityLookup(s), {
      allowNonImmediateOwner: true, // HARDFORK_CORE_584
      ignoreCustomOperationRequiredAuths: false, // MUST_IGNORE_CUSTOM_OP_REQD_AUTHS after HARDFORK_CORE_210
      maxRecursion: s.params().max_authority_depth,
      allowCommittee: true,
      activeApprovals: proposal.available_active_approvals,
      ownerApprovals: proposal.available_owner_approvals,
    });
  return E.isRight(r);
}

/** database::_undo_session_nesting_depth, per session (the session is the database being applied to). */
const nestingDepth = new WeakMap<Session, number>();

/**
 * undo_session_nesting_guard: the nested undo sessions of push_proposal (and try_push_virtual_operation)
 * may go at most twice the number of active witnesses deep; entering one more fails with
 * "Max undo session nesting depth exceeded!". The depth is restored however `body` ends.
 */
export function* withUndoSessionNesting<R>(s: Session, body: () => Gen<R>): Gen<R> {
  const depth = nestingDepth.get(s) ?? 0;
  const max = s.gpo().active_witnesses.length * 2;
  yield* ensureAssert(depth < max, "database.undo_session_nesting_depth", "", () =>
    `Max undo session nesting depth exceeded! ${depth} nested sessions, at most twice the ${max / 2} active witnesses`);
  nestingDepth.set(s, depth + 1);
  try {
    const r = run(body());
    if (E.isLeft(r)) return yield* stop(r.left);
    return r.right;
  } finally {
    nestingDepth.set(s, depth);
  }
}

/**
 * push_proposal: the proposed operations applied in order, as virtual operations, in a nested undo session
 * with a transaction_evaluation_state marked is_proposed_trx; no SameT fund debt may remain; the proposal
 * is removed. A failure undoes all of it, including the operations recorded meanwhile, and is returned with
 * its field relative to the proposal object. `skip` is the validation_steps in force.
 */
export function* pushProposal(s: Session, evaluators: EvaluatorTable, proposal: T.ProposalObject, skip: number): Gen<T.ProcessedTransaction> {
  const start = s.checkpoint();
  const r = run(withUndoSessionNesting(s, function* () {
    const state: TransactionState = { evaluators, trx: proposal.proposed_transaction, is_proposed_trx: true, skip_fee_schedule_check: false, skip };
    const results: T.OperationResult[] = [];
    for (const [i, op] of proposal.proposed_transaction.operations.entries()) {
      results.push(yield* prefixed(applyOperation(s, state, op, true), `proposed_transaction.operations[${i}][1]`));
    }
    yield* checkSametFundsRepaid(s);
    // The proposal cannot be gone here: by the core-1479 rule a proposal only updates or deletes proposals
    // created before it, so nothing it runs can reach it.
    s.remove(proposal.id);
    return results;
  }));
  if (E.isLeft(r)) {
    s.restore(start);
    return yield* stop(r.left);
  }
  return { ...proposal.proposed_transaction, signatures: [], operation_results: r.right };
}

/**
 * clear_expired_proposals: each proposal whose expiration_time has come (earliest first) is executed if it
 * is authorized by then and removed otherwise, or if its execution fails. Run at its place in _apply_block
 * (BlockHooks.clearExpiredProposals).
 */
export function clearExpiredProposals(s: Session, evaluators: EvaluatorTable, skip: number = SKIP.nothing): void {
  const now = s.headBlockTime();
  for (let proposal; (proposal = s.first<T.ProposalObject>(1, OBJECT_TYPES.proposal, "by_expiration")) && proposal.expiration_time <= now;) {
    if (isAuthorizedToExecute(s, proposal) && E.isRight(run(pushProposal(s, evaluators, proposal, skip)))) continue;
    s.remove(proposal.id);
  }
}
