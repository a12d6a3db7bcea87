// proposal_create (22), proposal_update (23) and proposal_delete (24): proposal_evaluator.cpp with every
// hardfork active. A proposal never executes when it is created: only when an update leaves it authorized
// (and it has no review period), or when it expires (clear_expired_proposals, src/chain/proposal_execution.ts).
import { either as E } from "fp-ts";
import type * as T from "../../../generated/native-types.js";
import { accountSet, getTransactionRequiredAuthorities, keySet, operationRequirements } from "../../protocol/authority/index.js";
import { COMMITTEE_ACCOUNT, OBJECT_TYPES } from "../../protocol/config.js";
import { type ChainError, formatChainError, withFieldPrefix } from "../../protocol/errors.js";
import { validateAssetOptionsFlags, validateOperation } from "../../protocol/validate/index.js";
import { type Evaluator, VOID_RESULT, objectIdResult } from "../evaluator.js";
import { type Gen, ensure, ensureAssert, ok, run } from "../gen.js";
import { isAuthorizedToExecute, pushProposal } from "../proposal_execution.js";
import { inst } from "../tables.js";

/** time_point_sec + uint32_t: unsigned 32-bit, wrapping. */
const plus = (t: number, seconds: number): number => (t + seconds) % 2 ** 32;

const under = (prefix: string) => (e: ChainError): ChainError => withFieldPrefix(e, prefix);

/**
 * proposal_operation_hardfork_visitor on a proposal_create. With every hardfork passed, what remains is
 * asset_options::validate_flags on proposed asset_create (market-issued when it has bitasset_opts) and
 * asset_update (market-issued assumed), and, in each proposal (nested ones included, visited first), at
 * most one proposal_update among its proposed operations. `path` prefixes fields ("" at the top).
 */
function* visitProposalCreate(op: T.ProposalCreateOperation, path: string): Gen<void> {
  let hasUpdate = false;
  for (const [i, wrapper] of op.proposed_ops.entries()) {
    yield* visitOperation(wrapper.op, `${path}proposed_ops[${i}].op[1]`);
    if (wrapper.op[0] !== 23) continue;
    yield* ensureAssert(!hasUpdate, "proposal_create.one_nested_update", `${path}proposed_ops[${i}]`, () =>
      "a proposal may hold at most one proposal_update among its operations");
    hasUpdate = true;
  }
}

function* visitOperation(op: T.Operation, at: string): Gen<void> {
  switch (op[0]) {
    case 10: {
      const v = op[1] as T.AssetCreateOperation;
      yield* ok(E.mapLeft(under(`${at}.common_options`))(validateAssetOptionsFlags(v.common_options, v.bitasset_opts !== undefined)));
      break;
    }
    case 11:
      yield* ok(E.mapLeft(under(`${at}.new_options`))(validateAssetOptionsFlags((op[1] as T.AssetUpdateOperation).new_options, true)));
      break;
    case 22:
      yield* visitProposalCreate(op[1] as T.ProposalCreateOperation, `${at}.`);
      break;
  }
}

/** hardfork_visitor_1479: how many proposal_update / proposal_delete the proposal holds (nested proposals
 *  included) and the highest proposal instance they name. */
function nestedProposalReferences(op: T.ProposalCreateOperation): { count: number; max: number } {
  let count = 0;
  let max = 0;
  const visit = (ops: readonly T.OpWrapper[]): void => {
    for (const { op: o } of ops) {
      if (o[0] === 23 || o[0] === 24) {
        const n = inst((o[1] as T.ProposalUpdateOperation | T.ProposalDeleteOperation).proposal);
        if (count === 0 || n > max) max = n;
        count++;
      } else if (o[0] === 22) visit((o[1] as T.ProposalCreateOperation).proposed_ops);
    }
  };
  visit(op.proposed_ops);
  return { count, max };
}

interface ProposalCreateFound {
  readonly requiredActive: string[];
  readonly requiredOwner: string[];
  readonly references: { count: number; max: number };
}

const proposalCreate: Evaluator<T.ProposalCreateOperation, ProposalCreateFound> = {
  *evaluate({ s }, op) {
    const now = s.headBlockTime();
    yield* visitProposalCreate(op, "");
    const references = nestedProposalReferences(op);
    const params = s.params();
    yield* ensureAssert(op.expiration_time > now, "proposal_create.expiration_in_future", "expiration_time", () =>
      `the proposal would expire at ${op.expiration_time}, not after the head block time ${now}`);
    const latest = plus(now, params.maximum_proposal_lifetime);
    yield* ensureAssert(op.expiration_time <= latest, "proposal_create.expiration_within_lifetime", "expiration_time", () =>
      `expiration ${op.expiration_time} is more than maximum_proposal_lifetime (${params.maximum_proposal_lifetime}s) after the head block time ${now}`);
    const review = op.review_period_seconds;
    yield* ensureAssert(review === undefined || review < op.expiration_time - now, "proposal_create.review_period_within_lifetime",
      "review_period_seconds", () => `review period ${review}s is not shorter than the proposal's lifetime of ${op.expiration_time - now}s`);

    // Accounts whose owner is required are taken out of the active set (set_difference).
    const ops = op.proposed_ops.map((w) => w.op);
    const required = getTransactionRequiredAuthorities(ops, false);
    const other = ops.findIndex((o) => operationRequirements(o, false).other.length > 0);
    if (other >= 0) {
      const field = operationRequirements(ops[other]!, false).other[0]!.field;
      yield* ensureAssert(false, "proposal_create.account_authorities_only", `proposed_ops[${other}].op[1]${field === "" ? "" : "." + field}`, () =>
        `proposed operation ${other} requires an authority other than an account's; proposals cannot hold such operations`);
    }
    if (required.active.includes(COMMITTEE_ACCOUNT) || required.owner.includes(COMMITTEE_ACCOUNT)) {
      const min = params.committee_proposal_review_period;
      yield* ensure(review !== undefined, "proposal_create_review_period_required", "proposal_create.committee_review_period_given",
        "review_period_seconds", () => `a proposal needing the committee account needs a review period of at least ${min}s; none is given`);
      yield* ensure(review! >= min, "proposal_create_review_period_insufficient", "proposal_create.committee_review_period_long_enough",
        "review_period_seconds", () => `review period ${review}s is shorter than committee_proposal_review_period ${min}s`);
    }

    // _proposed_trx.validate(): proposal_create's own validate() has already checked the same.
    yield* ensureAssert(ops.length > 0, "proposal_create.proposed_transaction_has_operations", "proposed_ops", () => "no operations proposed");
    for (const [i, o] of ops.entries()) yield* ok(E.mapLeft(under(`proposed_ops[${i}].op[1]`))(validateOperation(o)));
    return { requiredActive: required.active, requiredOwner: required.owner, references };
  },

  *apply({ s }, op, found) {
    const id = s.nextId(1, OBJECT_TYPES.proposal);
    const { count, max } = found.references;
    // HARDFORK_CORE_1479: a proposal may only update or delete proposals created before it.
    yield* ensureAssert(count === 0 || inst(id) > max, "proposal_create.no_future_proposal", "proposed_ops", () =>
      `the proposal would be ${id} but updates or deletes proposal instance ${max}, which is not older`);
    const p = s.create<T.ProposalObject>(1, OBJECT_TYPES.proposal, (pid) => ({
      id: pid,
      expiration_time: op.expiration_time,
      ...(op.review_period_seconds === undefined ? {} : { review_period_time: op.expiration_time - op.review_period_seconds }),
      proposed_transaction: {
        ref_block_num: 0, ref_block_prefix: 0, expiration: op.expiration_time, operations: op.proposed_ops.map((w) => w.op), extensions: [],
      },
      required_active_approvals: found.requiredActive,
      available_active_approvals: [],
      required_owner_approvals: found.requiredOwner,
      available_owner_approvals: [],
      available_key_approvals: [],
      proposer: op.fee_paying_account,
      fail_reason: "",
    }));
    return objectIdResult(p.id);
  },
};

const proposalUpdate: Evaluator<T.ProposalUpdateOperation, T.ProposalObject> = {
  *evaluate({ s }, op) {
    const proposal = yield* s.load<T.ProposalObject>(op.proposal, "proposal");
    const review = proposal.review_period_time;
    if (review !== undefined && s.headBlockTime() >= review) {
      const field = op.active_approvals_to_add.length > 0 ? "active_approvals_to_add" : "owner_approvals_to_add";
      yield* ensureAssert(op.active_approvals_to_add.length === 0 && op.owner_approvals_to_add.length === 0,
        "proposal_update.no_approvals_in_review", field, () =>
          `proposal ${proposal.id} is in its review period since ${review}: no approvals may be added`);
    }
    for (const [i, id] of op.active_approvals_to_remove.entries()) {
      yield* ensureAssert(proposal.available_active_approvals.includes(id), "proposal_update.active_approval_given",
        `active_approvals_to_remove[${i}]`, () => `${id} has not approved proposal ${proposal.id}, so its active approval cannot be removed`);
    }
    for (const [i, id] of op.owner_approvals_to_remove.entries()) {
      yield* ensureAssert(proposal.available_owner_approvals.includes(id), "proposal_update.owner_approval_given",
        `owner_approvals_to_remove[${i}]`, () => `${id} has not given its owner approval to proposal ${proposal.id}, so it cannot be removed`);
    }
    return proposal;
  },

  *apply({ s, trx }, op, proposal) {
    const without = (values: string[], gone: readonly string[]): string[] => values.filter((v) => !gone.includes(v));
    const updated = s.modify<T.ProposalObject>(proposal.id, (p) => ({
      ...p,
      available_active_approvals: without(accountSet([...p.available_active_approvals, ...op.active_approvals_to_add]), op.active_approvals_to_remove),
      available_owner_approvals: without(accountSet([...p.available_owner_approvals, ...op.owner_approvals_to_add]), op.owner_approvals_to_remove),
      available_key_approvals: without(keySet([...p.available_key_approvals, ...op.key_approvals_to_add]), op.key_approvals_to_remove),
    }));
    // A proposal with a review period only executes when it expires.
    if (updated.review_period_time !== undefined) return VOID_RESULT;
    if (isAuthorizedToExecute(s, updated)) {
      const pushed = run(pushProposal(s, trx.evaluators, updated, trx.skip));
      // A failed execution keeps the proposal, with the reason, to be tried again when it expires.
      if (E.isLeft(pushed)) {
        const reason = formatChainError(pushed.left);
        s.modify<T.ProposalObject>(proposal.id, (p) => ({ ...p, fail_reason: reason }));
      }
    }
    return VOID_RESULT;
  },
};

const proposalDelete: Evaluator<T.ProposalDeleteOperation, T.ProposalObject> = {
  *evaluate({ s }, op) {
    const proposal = yield* s.load<T.ProposalObject>(op.proposal, "proposal");
    // The fee payer vetoes with the authority it names (the transaction's signatures proved its active
    // authority only; using_owner_authority just selects which list it must be in).
    const kind = op.using_owner_authority ? "owner" : "active";
    const required = op.using_owner_authority ? proposal.required_owner_approvals : proposal.required_active_approvals;
    yield* ensureAssert(required.includes(op.fee_paying_account), `proposal_delete.${kind}_authority_required`, "fee_paying_account", () =>
      `${op.fee_paying_account} is not among the required ${kind} approvals [${required.join(", ")}] of proposal ${proposal.id}`);
    return proposal;
  },
  *apply({ s }, _op, proposal) {
    s.remove(proposal.id);
    return VOID_RESULT;
  },
};

export const PROPOSAL_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  [22, proposalCreate], [23, proposalUpdate], [24, proposalDelete],
];
