// witness_create and witness_update (witness_evaluator.cpp). Only lifetime members may become witnesses;
// each witness takes the next vote id. An account has at most one witness (the witness index is unique by
// account: generic_index::create refuses a second one).
import type * as T from "../../../generated/native-types.js";
import { OBJECT_TYPES } from "../../protocol/config.js";
import { type Evaluator, VOID_RESULT, objectIdResult } from "../evaluator.js";
import { isLifetimeMember } from "../fee_payment.js";
import { ensureAssert } from "../gen.js";
import { GLOBAL_PROPERTY_ID, type Session } from "../session.js";
import { inst } from "../tables.js";

/** Vote id types (vote_id_type::vote_type). */
export const VOTE_TYPE = { committee: 0, witness: 1, worker: 2 } as const;

/** Takes global_property_object::next_available_vote_id for a new vote id of `type`. */
export function nextVoteId(s: Session, type: number): string {
  const p = s.modify<T.GlobalPropertyObject>(GLOBAL_PROPERTY_ID, (g) => ({ ...g, next_available_vote_id: g.next_available_vote_id + 1 }));
  return `${type}:${p.next_available_vote_id - 1}`;
}

const witnessCreate: Evaluator<T.WitnessCreateOperation, void> = {
  *evaluate({ s }, op) {
    const account = yield* s.load<T.AccountObject>(op.witness_account, "witness_account");
    yield* ensureAssert(isLifetimeMember(account), "witness_create.lifetime_member", "witness_account", () =>
      `${account.name} (${account.id}) is not a lifetime member`);
  },
  *apply({ s }, op) {
    yield* ensureAssert(s.findUnique(1, OBJECT_TYPES.witness, "by_account", [inst(op.witness_account)]) === undefined,
      "database.create_unique", "witness_account", () => `account ${op.witness_account} already has a witness (uniqueness constraint)`);
    const vote_id = nextVoteId(s, VOTE_TYPE.witness);
    const w = s.create<T.WitnessObject>(1, OBJECT_TYPES.witness, (id) => ({
      id, witness_account: op.witness_account, last_aslot: 0n, signing_key: op.block_signing_key, vote_id, total_votes: 0n,
      url: op.url, total_missed: 0n, last_confirmed_block_num: 0,
    }));
    return objectIdResult(w.id);
  },
};

const witnessUpdate: Evaluator<T.WitnessUpdateOperation, void> = {
  *evaluate({ s }, op) {
    const w = yield* s.load<T.WitnessObject>(op.witness, "witness");
    yield* ensureAssert(w.witness_account === op.witness_account, "witness_update.witness_account", "witness_account", () =>
      `witness ${w.id} belongs to ${w.witness_account}, not ${op.witness_account}`);
  },
  *apply({ s }, op) {
    s.modify<T.WitnessObject>(op.witness, (w) => ({
      ...w, ...(op.new_url !== undefined ? { url: op.new_url } : {}), ...(op.new_signing_key !== undefined ? { signing_key: op.new_signing_key } : {}),
    }));
    return VOID_RESULT;
  },
};

export const WITNESS_EVALUATORS = [[20, witnessCreate], [21, witnessUpdate]] as const;
