// committee_member.cpp: validate() of committee_member_create (29), _update (30), _update_global_parameters (31).
import { either as E } from "fp-ts";
import type {
  CommitteeMemberCreateOperation, CommitteeMemberUpdateGlobalParametersOperation, CommitteeMemberUpdateOperation,
} from "../../../generated/native-types.js";
import { feeNonNegative, OK, under, type Check } from "./common.js";
import { validateChainParameters } from "./chain_parameters.js";
import { urlShortEnough } from "./witness.js";

export function validateCommitteeMemberCreateOperation(op: CommitteeMemberCreateOperation): Check {
  const T = "committee_member_create_operation";
  const fee = feeNonNegative(T, op.fee);
  return E.isLeft(fee) ? fee : urlShortEnough(`${T}.url_length`, "url", op.url);
}

export function validateCommitteeMemberUpdateOperation(op: CommitteeMemberUpdateOperation): Check {
  const T = "committee_member_update_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  return op.new_url !== undefined ? urlShortEnough(`${T}.new_url_length`, "new_url", op.new_url) : OK;
}

export function validateCommitteeMemberUpdateGlobalParametersOperation(op: CommitteeMemberUpdateGlobalParametersOperation): Check {
  const fee = feeNonNegative("committee_member_update_global_parameters_operation", op.fee);
  return E.isLeft(fee) ? fee : under("new_parameters", validateChainParameters(op.new_parameters));
}
