// committee_member_create, committee_member_update and committee_member_update_global_parameters
// (committee_member_evaluator.cpp). Only lifetime members may become committee members, at most one per
// account (the index is unique by account); each takes the next vote id. New chain parameters can only be
// proposed: they wait in pending_parameters for the next maintenance.
import type * as T from "../../../generated/native-types.js";
import { OBJECT_TYPES } from "../../protocol/config.js";
import { type Evaluator, VOID_RESULT, objectIdResult } from "../evaluator.js";
import { isLifetimeMember } from "../fee_payment.js";
import { ensureAssert } from "../gen.js";
import { GLOBAL_PROPERTY_ID } from "../session.js";
import { inst } from "../tables.js";
import { VOTE_TYPE, nextVoteId } from "./witness.js";

const committeeMemberCreate: Evaluator<T.CommitteeMemberCreateOperation, void> = {
  *evaluate({ s }, op) {
    const account = yield* s.load<T.AccountObject>(op.committee_member_account, "committee_member_account");
    yield* ensureAssert(isLifetimeMember(account), "committee_member_create.lifetime_member", "committee_member_account", () =>
      `${account.name} (${account.id}) is not a lifetime member`);
  },
  *apply({ s }, op) {
    yield* ensureAssert(s.findUnique(1, OBJECT_TYPES.committee_member, "by_account", [inst(op.committee_member_account)]) === undefined,
      "database.create_unique", "committee_member_account", () =>
        `account ${op.committee_member_account} already has a committee member (uniqueness constraint)`);
    const vote_id = nextVoteId(s, VOTE_TYPE.committee);
    const c = s.create<T.CommitteeMemberObject>(1, OBJECT_TYPES.committee_member, (id) => ({
      id, committee_member_account: op.committee_member_account, vote_id, total_votes: 0n, url: op.url,
    }));
    return objectIdResult(c.id);
  },
};

const committeeMemberUpdate: Evaluator<T.CommitteeMemberUpdateOperation, void> = {
  *evaluate({ s }, op) {
    const c = yield* s.load<T.CommitteeMemberObject>(op.committee_member, "committee_member");
    yield* ensureAssert(c.committee_member_account === op.committee_member_account, "committee_member_update.committee_member_account",
      "committee_member_account", () => `committee member ${c.id} belongs to ${c.committee_member_account}, not ${op.committee_member_account}`);
  },
  *apply({ s }, op) {
    if (op.new_url !== undefined) {
      const url = op.new_url;
      s.modify<T.CommitteeMemberObject>(op.committee_member, (c) => ({ ...c, url }));
    }
    return VOID_RESULT;
  },
};

const committeeMemberUpdateGlobalParameters: Evaluator<T.CommitteeMemberUpdateGlobalParametersOperation, void> = {
  *evaluate({ trx }) {
    yield* ensureAssert(trx.is_proposed_trx, "committee_member_update_global_parameters.proposed", "", () =>
      "chain parameters can only be changed by an approved proposal");
  },
  *apply({ s }, op) {
    s.modify<T.GlobalPropertyObject>(GLOBAL_PROPERTY_ID, (g) => ({ ...g, pending_parameters: op.new_parameters }));
    return VOID_RESULT;
  },
};

export const COMMITTEE_MEMBER_EVALUATORS = [
  [29, committeeMemberCreate], [30, committeeMemberUpdate], [31, committeeMemberUpdateGlobalParameters],
] as const;
