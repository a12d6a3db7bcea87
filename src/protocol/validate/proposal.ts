// proposal.cpp: validate() of proposal_create (22), proposal_update (23) and proposal_delete (24).
import { either as E } from "fp-ts";
import type { ProposalCreateOperation, ProposalDeleteOperation, ProposalUpdateOperation } from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { feeNonNegative, OK, under, type Check } from "./common.js";
import { validateOperation } from "./operation.js";

/** At least one proposed operation, each valid by its own validate() (recursively for nested proposals).
 *  proposal_create's validate() does not check its own fee. The rules that only apply to proposed
 *  operations (at most one nested proposal_update, hardfork gates, the proposed transaction's own
 *  transaction::validate) are proposal_create_evaluator's. */
export function validateProposalCreateOperation(op: ProposalCreateOperation): Check {
  const T = "proposal_create_operation";
  if (op.proposed_ops.length === 0) return assertFail(`${T}.has_proposed_ops`, "proposed_ops", "no operations proposed");
  for (let i = 0; i < op.proposed_ops.length; i++) {
    const r = under(`proposed_ops[${i}].op[1]`, validateOperation(op.proposed_ops[i]!.op));
    if (E.isLeft(r)) return r;
  }
  return OK;
}

export function validateProposalUpdateOperation(op: ProposalUpdateOperation): Check {
  const T = "proposal_update_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (
    op.active_approvals_to_add.length === 0 && op.active_approvals_to_remove.length === 0 &&
    op.owner_approvals_to_add.length === 0 && op.owner_approvals_to_remove.length === 0 &&
    op.key_approvals_to_add.length === 0 && op.key_approvals_to_remove.length === 0
  )
    return assertFail(`${T}.has_update`, "", "no approvals to add or remove");
  for (const kind of ["active", "owner", "key"] as const) {
    const add: readonly string[] = op[`${kind}_approvals_to_add`];
    const remove: readonly string[] = op[`${kind}_approvals_to_remove`];
    const i = add.findIndex((a) => remove.includes(a));
    if (i >= 0)
      return assertFail(`${T}.${kind}_add_remove_disjoint`, `${kind}_approvals_to_add[${i}]`, `${add[i]} is both added and removed`);
  }
  return OK;
}

export const validateProposalDeleteOperation = (op: ProposalDeleteOperation): Check => feeNonNegative("proposal_delete_operation", op.fee);
