// custom_authority.cpp: validate() of custom_authority_create (54), custom_authority_update (55) and
// custom_authority_delete (56). What these leave to the chain (custom_authority_evaluator.cpp): the
// hardfork, the lifetime and restriction-count limits of custom_authority_options, the restriction ids to
// remove, and building the predicate of restrictions_to_add (whose operation type only the object knows).
import { either as E } from "fp-ts";
import type {
  AccountIdType, Authority, CustomAuthorityCreateOperation, CustomAuthorityDeleteOperation, CustomAuthorityUpdateOperation,
} from "../../../generated/native-types.js";
import { COMMITTEE_ACCOUNT, RELAXED_COMMITTEE_ACCOUNT, TEMP_ACCOUNT, WITNESS_ACCOUNT } from "../config.js";
import { assertFail, withFieldPrefix } from "../errors.js";
import { getRestrictionPredicate } from "../restrictions/restriction_predicate.js";
import { isImpossible } from "./authority.js";
import { feeNonNegative, OK, type Check } from "./common.js";

/** The accounts no custom authority may be created for, updated or deleted on. */
const SPECIAL_ACCOUNTS = new Set([TEMP_ACCOUNT, COMMITTEE_ACCOUNT, WITNESS_ACCOUNT, RELAXED_COMMITTEE_ACCOUNT]);

const notSpecial = (T: string, account: AccountIdType): Check =>
  SPECIAL_ACCOUNTS.has(account)
    ? assertFail(`${T}.account_not_special`, "account", `${account} is a special account (temp, committee, witness or relaxed committee)`)
    : OK;

/** The create operation's authority checks, in its order: no address authorities, then not impossible. */
function createAuth(T: string, auth: Authority): Check {
  if (auth.address_auths.length !== 0)
    return assertFail(`${T}.no_address_auths`, "auth.address_auths", `address authorities are not supported, auth has ${auth.address_auths.length}`);
  if (isImpossible(auth))
    return assertFail(`${T}.auth_possible`, "auth", `the weights of auth sum below its threshold ${auth.weight_threshold}`);
  return OK;
}

export function validateCustomAuthorityCreateOperation(op: CustomAuthorityCreateOperation): Check {
  const T = "custom_authority_create_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  const account = notSpecial(T, op.account);
  if (E.isLeft(account)) return account;
  if (!(op.valid_from < op.valid_to))
    return assertFail(`${T}.valid_from_before_valid_to`, "valid_to", `valid_from ${op.valid_from} is not before valid_to ${op.valid_to}`);
  const auth = createAuth(T, op.auth);
  if (E.isLeft(auth)) return auth;
  // get_restriction_predicate(restrictions, operation_type): its refusals about the operation type carry no
  // field; the others are paths into the restriction list.
  const predicate = getRestrictionPredicate(op.restrictions, op.operation_type);
  if (E.isRight(predicate)) return OK;
  const e = predicate.left;
  return E.left(e.field === "" ? { ...e, field: "operation_type" } : withFieldPrefix(e, "restrictions"));
}

export function validateCustomAuthorityUpdateOperation(op: CustomAuthorityUpdateOperation): Check {
  const T = "custom_authority_update_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  const account = notSpecial(T, op.account);
  if (E.isLeft(account)) return account;
  if (op.new_valid_from !== undefined && op.new_valid_to !== undefined && !(op.new_valid_from < op.new_valid_to))
    return assertFail(`${T}.valid_from_before_valid_to`, "new_valid_to", `new_valid_from ${op.new_valid_from} is not before new_valid_to ${op.new_valid_to}`);
  if (op.new_auth !== undefined) {
    // The update checks the threshold first, then the address authorities (the create does the reverse).
    if (isImpossible(op.new_auth))
      return assertFail(`${T}.auth_possible`, "new_auth", `the weights of new_auth sum below its threshold ${op.new_auth.weight_threshold}`);
    if (op.new_auth.address_auths.length !== 0)
      return assertFail(`${T}.no_address_auths`, "new_auth.address_auths", `address authorities are not supported, new_auth has ${op.new_auth.address_auths.length}`);
  }
  const updates = op.new_enabled !== undefined || op.new_valid_from !== undefined || op.new_valid_to !== undefined ||
    op.new_auth !== undefined || op.restrictions_to_remove.length !== 0 || op.restrictions_to_add.length !== 0;
  return updates ? OK : assertFail(`${T}.updates_something`, "", "the update changes nothing");
}

export function validateCustomAuthorityDeleteOperation(op: CustomAuthorityDeleteOperation): Check {
  const T = "custom_authority_delete_operation";
  const fee = feeNonNegative(T, op.fee);
  return E.isLeft(fee) ? fee : notSpecial(T, op.account);
}
