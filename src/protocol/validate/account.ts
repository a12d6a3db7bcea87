// account.cpp / account.hpp: account_options::validate and the validate() of account_create (5),
// account_update (6), account_whitelist (7), account_upgrade (8) and account_transfer (9).
import { either as E } from "fp-ts";
import type {
  AccountCreateOperation, AccountOptions, AccountTransferOperation, AccountUpdateOperation, AccountUpgradeOperation,
  AccountWhitelistOperation, Authority, SpecialAuthority,
} from "../../../generated/native-types.js";
import { assertFail } from "../errors.js";
import { TEMP_ACCOUNT } from "../config.js";
import { ACCOUNT_ZERO, feeNonNegative, OK, PERCENT_100, under, type Check } from "./common.js";
import { isImpossible, isNullAuthority, numAuths, validateSpecialAuthority } from "./authority.js";
import { isValidName } from "./names.js";

/** vote_id_type::vote_type (vote.hpp). */
const VOTE_COMMITTEE = 0;
const VOTE_WITNESS = 1;

/** account_options::validate: the votes hold at least num_witness witness votes and num_committee committee
 *  votes. The type of a vote id "type:instance" is its low byte. */
export function validateAccountOptions(o: AccountOptions): Check {
  let witnesses = o.num_witness;
  let committee = o.num_committee;
  for (const id of o.votes) {
    const type = Number(id.slice(0, id.indexOf(":"))) & 0xff;
    if (type === VOTE_WITNESS && witnesses > 0) witnesses--;
    else if (type === VOTE_COMMITTEE && committee > 0) committee--;
  }
  if (witnesses !== 0 || committee !== 0)
    return assertFail(
      "account_options.votes_cover_counts", "votes",
      `num_witness ${o.num_witness} and num_committee ${o.num_committee} exceed the witness and committee votes given (${witnesses} and ${committee} missing)`,
    );
  return OK;
}

/** The checks account_create and account_update make of a new owner or active authority. */
function validateNewAuthority(type: string, role: "owner" | "active", a: Authority): Check {
  if (numAuths(a) === 0) return assertFail(`${type}.${role}_not_empty`, role, `${role} authority has no members`);
  if (a.address_auths.length !== 0)
    return assertFail(`${type}.${role}_no_address_auths`, `${role}.address_auths`, `${role} authority has ${a.address_auths.length} address members`);
  return OK;
}

function validateSpecialAuthorities(ext: { owner_special_authority?: SpecialAuthority; active_special_authority?: SpecialAuthority }): Check {
  if (ext.owner_special_authority) {
    const r = under("extensions.owner_special_authority", validateSpecialAuthority(ext.owner_special_authority));
    if (E.isLeft(r)) return r;
  }
  if (ext.active_special_authority) return under("extensions.active_special_authority", validateSpecialAuthority(ext.active_special_authority));
  return OK;
}

export function validateAccountCreateOperation(op: AccountCreateOperation): Check {
  const T = "account_create_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!isValidName(op.name)) return assertFail(`${T}.name_valid`, "name", `${JSON.stringify(op.name)} is not a valid account name`);
  if (op.referrer_percent > PERCENT_100)
    return assertFail(`${T}.referrer_percent_max`, "referrer_percent", `referrer_percent ${op.referrer_percent} exceeds ${PERCENT_100}`);
  // Order as in account.cpp: owner's members, active's members, then impossibility of both.
  for (const r of [validateNewAuthority(T, "owner", op.owner), validateNewAuthority(T, "active", op.active)]) if (E.isLeft(r)) return r;
  if (isImpossible(op.owner)) return assertFail(`${T}.owner_possible`, "owner", "owner authority threshold exceeds the sum of its weights");
  if (isImpossible(op.active)) return assertFail(`${T}.active_possible`, "active", "active authority threshold exceeds the sum of its weights");
  const opts = under("options", validateAccountOptions(op.options));
  if (E.isLeft(opts)) return opts;
  const sa = validateSpecialAuthorities(op.extensions);
  if (E.isLeft(sa)) return sa;
  const buyback = op.extensions.buyback_options;
  if (buyback) {
    // A buyback account is controlled by the chain: no special authorities, null owner and active.
    if (op.extensions.owner_special_authority)
      return assertFail(`${T}.buyback_no_owner_special_authority`, "extensions.owner_special_authority", "a buyback account cannot have an owner special authority");
    if (op.extensions.active_special_authority)
      return assertFail(`${T}.buyback_no_active_special_authority`, "extensions.active_special_authority", "a buyback account cannot have an active special authority");
    if (!isNullAuthority(op.owner)) return assertFail(`${T}.buyback_null_owner`, "owner", "a buyback account's owner must be the null authority");
    if (!isNullAuthority(op.active)) return assertFail(`${T}.buyback_null_active`, "active", "a buyback account's active must be the null authority");
    if (buyback.markets.length === 0) return assertFail(`${T}.buyback_markets_not_empty`, "extensions.buyback_options.markets", "no buyback markets");
    const i = buyback.markets.indexOf(buyback.asset_to_buy);
    if (i >= 0)
      return assertFail(`${T}.buyback_market_not_asset_to_buy`, `extensions.buyback_options.markets[${i}]`, `market ${buyback.asset_to_buy} is the asset to buy`);
  }
  return OK;
}

export function validateAccountUpdateOperation(op: AccountUpdateOperation): Check {
  const T = "account_update_operation";
  if (op.account === TEMP_ACCOUNT) return assertFail(`${T}.account_not_temp`, "account", `account ${op.account} is the temp account`);
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (op.account === ACCOUNT_ZERO) return assertFail(`${T}.account_not_committee`, "account", `account ${op.account} is the committee account`);
  const ext = op.extensions;
  if (!op.owner && !op.active && !op.new_options && !ext.owner_special_authority && !ext.active_special_authority)
    return assertFail(`${T}.has_action`, "", "nothing to update");
  for (const role of ["owner", "active"] as const) {
    const a = op[role];
    if (!a) continue;
    const r = validateNewAuthority(T, role, a);
    if (E.isLeft(r)) return r;
    if (isImpossible(a)) return assertFail(`${T}.${role}_possible`, role, `${role} authority threshold exceeds the sum of its weights`);
  }
  if (op.new_options) {
    const r = under("new_options", validateAccountOptions(op.new_options));
    if (E.isLeft(r)) return r;
  }
  return validateSpecialAuthorities(ext);
}

/** account_whitelist_operation::validate (account.hpp): new_listing is a 2-bit field. */
export function validateAccountWhitelistOperation(op: AccountWhitelistOperation): Check {
  const T = "account_whitelist_operation";
  const fee = feeNonNegative(T, op.fee);
  if (E.isLeft(fee)) return fee;
  if (!(op.new_listing < 0x4)) return assertFail(`${T}.new_listing_max`, "new_listing", `new_listing ${op.new_listing} is not below 4`);
  return OK;
}

export const validateAccountUpgradeOperation = (op: AccountUpgradeOperation): Check => feeNonNegative("account_upgrade_operation", op.fee);

export const validateAccountTransferOperation = (op: AccountTransferOperation): Check => feeNonNegative("account_transfer_operation", op.fee);
