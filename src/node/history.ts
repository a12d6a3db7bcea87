// The account history a node records (bitshares-core's account_history plugin with its default options:
// every account tracked, no limit on operations kept) and the rules deciding which accounts an operation or
// an object concerns (chain/db_notify.cpp: operation_get_impacted_accounts, get_relevant_accounts). Each
// applied block's operations, virtual ones included, become operation_history_objects 1.11.N, numbered
// from 0 in the order they were applied; each account's list is what account_history_objects link.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { type AppliedOperation, type BlockApplied, type ChainState, SKIP, applyBlock, genesisState } from "../chain/index.js";
import { operationRequirements } from "../protocol/authority/index.js";
import { FEE_PAYER_FIELDS } from "../protocol/authority/index.js";
import { IMPL_OBJECT_TYPES as I, OBJECT_TYPES as P } from "../protocol/config.js";
import type { Node } from "./node.js";

type Fields = Readonly<Record<string, unknown>>;

/** add_authority_accounts: the accounts of an authority's account_auths (keys and addresses are no accounts). */
const authorityAccounts = (auth: T.Authority | undefined, into: Set<string>): void => {
  for (const [a] of auth?.account_auths ?? []) into.add(a);
};

/** fee_payer() of an operation. */
function feePayer(op: T.Operation): string {
  const [tag, value] = op as unknown as readonly [number, Fields];
  const f = FEE_PAYER_FIELDS[tag];
  return typeof f === "string" ? (value[f] as string) : f!.account;
}

const TAG = {
  transfer: 0, account_create: 5, account_update: 6, account_whitelist: 7, asset_update: 11, asset_issue: 14, proposal_create: 22,
  withdraw_permission_create: 25, withdraw_permission_update: 26, withdraw_permission_claim: 27, withdraw_permission_delete: 28,
  vesting_balance_create: 32, custom: 35, override_transfer: 38, transfer_to_blind: 39, blind_transfer: 40, transfer_from_blind: 41,
  asset_update_issuer: 48, htlc_create: 49, htlc_redeemed: 51, custom_authority_create: 54, custom_authority_update: 55,
  credit_deal_expired: 74,
} as const;

/** operation_get_impacted_accounts (db_notify.cpp get_impacted_account_visitor): the fee payer and the
 *  other accounts each operation names; custom operations' required_auths count (ignore flag false after
 *  HARDFORK_CORE_210). */
export function impactedAccounts(op: T.Operation, into: Set<string> = new Set()): Set<string> {
  const [tag, v] = op as unknown as readonly [number, Fields & Record<string, any>]; // eslint-disable-line @typescript-eslint/no-explicit-any
  // htlc_redeemed and credit_deal_expired name their accounts without the fee payer.
  if (tag === TAG.htlc_redeemed) {
    into.add(v.from);
    if (v.to !== v.redeemer) into.add(v.to);
    return into;
  }
  if (tag === TAG.credit_deal_expired) {
    into.add(v.offer_owner);
    into.add(v.borrower);
    return into;
  }
  switch (tag) {
    case TAG.transfer: into.add(v.to); break;
    case TAG.account_create: into.add(feePayer(op)); into.add(v.referrer); authorityAccounts(v.owner, into); authorityAccounts(v.active, into); break;
    case TAG.account_update: into.add(feePayer(op)); authorityAccounts(v.owner, into); authorityAccounts(v.active, into); break;
    case TAG.account_whitelist: into.add(feePayer(op)); into.add(v.account_to_list); break;
    case TAG.asset_update: into.add(feePayer(op)); if (v.new_issuer !== undefined) into.add(v.new_issuer); break;
    case TAG.asset_update_issuer: into.add(feePayer(op)); into.add(v.new_issuer); break;
    case TAG.asset_issue: into.add(feePayer(op)); into.add(v.issue_to_account); break;
    case TAG.proposal_create: {
      into.add(feePayer(op));
      // The proposed operations' required active and owner accounts, and the accounts of their other authorities.
      for (const p of v.proposed_ops as { op: T.Operation }[]) {
        const r = operationRequirements(p.op, false);
        for (const x of r.active) into.add(x.value);
        for (const x of r.owner) into.add(x.value);
        for (const x of r.other) authorityAccounts(x.value, into);
      }
      break;
    }
    case TAG.withdraw_permission_create: case TAG.withdraw_permission_update: case TAG.withdraw_permission_delete:
      into.add(feePayer(op)); into.add(v.authorized_account); break;
    case TAG.withdraw_permission_claim: into.add(feePayer(op)); into.add(v.withdraw_from_account); break;
    case TAG.vesting_balance_create: into.add(feePayer(op)); into.add(v.owner); break;
    case TAG.custom: into.add(feePayer(op)); for (const a of v.required_auths as string[]) into.add(a); break;
    case TAG.override_transfer: into.add(v.to); into.add(v.from); break;
    case TAG.transfer_to_blind: into.add(feePayer(op)); for (const o of v.outputs) authorityAccounts(o.owner, into); break;
    case TAG.blind_transfer:
      into.add(feePayer(op));
      for (const i of v.inputs) authorityAccounts(i.owner, into);
      for (const o of v.outputs) authorityAccounts(o.owner, into);
      break;
    case TAG.transfer_from_blind: into.add(feePayer(op)); into.add(v.to); for (const i of v.inputs) authorityAccounts(i.owner, into); break;
    case TAG.htlc_create: into.add(feePayer(op)); into.add(v.to); break;
    case TAG.custom_authority_create: into.add(feePayer(op)); authorityAccounts(v.auth, into); break;
    case TAG.custom_authority_update: into.add(feePayer(op)); authorityAccounts(v.new_auth, into); break;
    default: break;
  }
  // Every other operation: its fee payer alone (transfer and override_transfer add it last, as a set it is the same).
  into.add(feePayer(op));
  return into;
}

/** The accounts whose history records an applied operation (account_history_plugin
 *  update_account_histories): the operation's required active and owner accounts, the account an
 *  account_create made, the impacted accounts, the impacted_accounts of an extendable result, and the
 *  accounts of the other authorities it requires. Sorted as flat_set<account_id_type> (by instance). */
export function historyAccounts(applied: Pick<AppliedOperation, "op" | "result">): string[] {
  const impacted = new Set<string>();
  const req = operationRequirements(applied.op, false);
  for (const x of req.active) impacted.add(x.value);
  for (const x of req.owner) impacted.add(x.value);
  if (applied.op[0] === TAG.account_create && applied.result[0] === 1) impacted.add(applied.result[1]);
  impactedAccounts(applied.op, impacted);
  if (applied.result[0] === 5) for (const a of applied.result[1].impacted_accounts ?? []) impacted.add(a);
  for (const x of req.other) authorityAccounts(x.value, impacted);
  return [...impacted].sort(byInstance);
}

const instanceOf = (id: string): number => Number(id.slice(id.lastIndexOf(".") + 1));
export const byInstance = (a: string, b: string): number => instanceOf(a) - instanceOf(b);

/** get_relevant_accounts (db_notify.cpp): the accounts an object concerns, for subscriptions to accounts. */
export function relevantAccounts(obj: { id: string } & Record<string, any>, into: Set<string> = new Set()): Set<string> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const [space, type] = obj.id.split(".").map(Number) as [number, number];
  const add = (...ids: (string | undefined)[]) => ids.forEach((id) => id !== undefined && into.add(id));
  if (space === 1) {
    switch (type) {
      case P.account: add(obj.id); break;
      case P.asset: add(obj.issuer); break;
      case P.force_settlement: add(obj.owner); break;
      case P.committee_member: add(obj.committee_member_account); break;
      case P.witness: add(obj.witness_account); break;
      case P.limit_order: add(obj.seller); break;
      case P.call_order: add(obj.borrower); break;
      case P.proposal: for (const op of obj.proposed_transaction.operations as T.Operation[]) impactedAccounts(op, into); break;
      case P.operation_history: impactedAccounts(obj.op, into); break;
      case P.withdraw_permission: add(obj.withdraw_from_account, obj.authorized_account); break;
      case P.vesting_balance: add(obj.owner); break;
      case P.worker: add(obj.worker_account); break;
      case P.htlc: add(obj.transfer.from, obj.transfer.to); break;
      case P.custom_authority: add(obj.account); authorityAccounts(obj.auth, into); break;
      case P.ticket: add(obj.account); break;
      case P.samet_fund: case P.credit_offer: add(obj.owner_account); break;
      case P.credit_deal: add(obj.offer_owner, obj.borrower); break;
      default: break;
    }
  } else if (space === 2) {
    switch (type) {
      case I.account_balance: case I.account_statistics: add(obj.owner); break;
      case I.transaction_history: for (const op of obj.trx.operations as T.Operation[]) impactedAccounts(op, into); break;
      case I.blinded_balance: authorityAccounts(obj.owner, into); break;
      case I.account_history: add(obj.account); break;
      case I.collateral_bid: add(obj.bidder); break;
      case I.credit_deal_summary: add(obj.offer_owner, obj.borrower); break;
      default: break;
    }
  }
  return into;
}

/** The recorded history: operation_history_objects by instance, and each account's instances, oldest first. */
export class AccountHistory {
  private ops: T.OperationHistoryObject[] = [];
  private readonly byAccount = new Map<string, number[]>();

  /** Records a block's applied operations. A block at or below the last recorded height means a fork
   *  switch popped blocks: their records go first, as the undo database takes the plugin's objects back. */
  apply(applied: Pick<BlockApplied, "appliedOps" | "state">): void {
    const num = applied.state.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_number;
    this.truncate(num);
    for (const a of applied.appliedOps) {
      const instance = this.ops.length;
      const oho: T.OperationHistoryObject = {
        id: `1.11.${instance}`, op: a.op, result: a.result, block_num: a.block_num, trx_in_block: a.trx_in_block, op_in_trx: a.op_in_trx,
        virtual_op: a.virtual_op, is_virtual: a.is_virtual, block_time: a.block_time,
      };
      this.ops.push(oho);
      for (const account of historyAccounts(a)) {
        const list = this.byAccount.get(account);
        if (list === undefined) this.byAccount.set(account, [instance]);
        else list.push(instance);
      }
    }
  }

  /** Drops the records of blocks `num` and above. */
  private truncate(num: number): void {
    let keep = this.ops.length;
    while (keep > 0 && this.ops[keep - 1]!.block_num >= num) keep--;
    if (keep === this.ops.length) return;
    this.ops = this.ops.slice(0, keep);
    for (const [account, list] of this.byAccount) {
      let n = list.length;
      while (n > 0 && list[n - 1]! >= keep) n--;
      if (n === 0) this.byAccount.delete(account);
      else list.length = n;
    }
  }

  get size(): number {
    return this.ops.length;
  }

  operation(instance: number): T.OperationHistoryObject | undefined {
    return this.ops[instance];
  }

  /** history_api::get_account_history over the by_op index (account ascending, operation id descending):
   *  the account's operations with stop < id <= start, newest first, at most `limit`; start 0 means the
   *  newest; operation 0 itself is included when stop is 0 and the limit leaves room. */
  accountHistory(account: string, stop: number, limit: number, start: number): T.OperationHistoryObject[] {
    const from = start === 0 ? Number.MAX_SAFE_INTEGER : start;
    if (from < stop) return [];
    const list = this.byAccount.get(account) ?? [];
    const out: T.OperationHistoryObject[] = [];
    // The newest entry with id <= from.
    let i = upperBound(list, from) - 1;
    while (i >= 0 && list[i]! > stop && out.length < limit) out.push(this.ops[list[i--]!]!);
    if (stop === 0 && out.length < limit && i >= 0 && list[i] === 0) out.push(this.ops[0]!);
    return out;
  }
}

/** The first index whose value is > x in an ascending list. */
function upperBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Records `node`'s account history from now on. Blocks applied before (the replay in Node.open, which
 *  announces nothing) are applied again from `genesis` to recover their operations; a node event for
 *  replayed blocks would make this unnecessary. */
export function recordHistory(node: Node, genesis: T.GenesisStateType): AccountHistory {
  const history = new AccountHistory();
  const head = node.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_number;
  if (head > 0) {
    const start = genesisState(genesis, node.chainId);
    if (E.isLeft(start)) throw new Error(`history: the genesis does not apply: ${start.left.message}`);
    let state: ChainState = start.right;
    for (let n = 1; n <= head; n++) {
      const block = node.chain.blocks.get(n)?.block;
      if (block === undefined) throw new Error(`history: block #${n} is not stored`);
      const r = applyBlock(state, block, { skip: SKIP.witness_signature | SKIP.transaction_signatures });
      if (E.isLeft(r)) throw new Error(`history: block #${n} does not apply: ${r.left.message}`);
      history.apply(r.right);
      state = r.right.state;
    }
  }
  node.on({ block: (applied) => history.apply(applied) });
  return history;
}
