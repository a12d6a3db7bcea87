// operation_get_required_authorities (protocol/operations.cpp) and transaction::get_required_authorities
// (protocol/transaction.cpp): which accounts' active and owner authorities, and which other authorities,
// an operation needs. Every operation needs the active authority of its fee_payer(); the overrides of
// get_required_active_authorities / get_required_owner_authorities / get_required_authorities in the
// operation headers add the rest.
import type { Authority, Operation } from "../../../generated/native-types.js";
import { COMMITTEE_ACCOUNT, TEMP_ACCOUNT } from "../config.js";
import { accountSet, keySet } from "./ordering.js";

/** A required account or authority, with the path of the field it comes from in the operation's value
 *  ("" when it comes from no field: a fee payer fixed by the operation type). */
export interface Requirement<T> {
  readonly value: T;
  readonly field: string;
}

export interface OperationRequirements {
  /** In the order the C++ inserts them; may repeat an account. */
  readonly active: readonly Requirement<string>[];
  readonly owner: readonly Requirement<string>[];
  readonly other: readonly Requirement<Authority>[];
}

export interface RequiredAuthorities {
  /** flat_set<account_id_type>: sorted by instance, unique. */
  readonly active: string[];
  readonly owner: string[];
  /** vector<authority>, in operation order. */
  readonly other: Authority[];
}

/** fee_payer() of each operation, by tag: the field holding it, or a fixed account. */
const FEE_PAYER: readonly (string | { readonly account: string })[] = [
  /*  0 transfer */ "from",
  /*  1 limit_order_create */ "seller",
  /*  2 limit_order_cancel */ "fee_paying_account",
  /*  3 call_order_update */ "funding_account",
  /*  4 fill_order */ "account_id",
  /*  5 account_create */ "registrar",
  /*  6 account_update */ "account",
  /*  7 account_whitelist */ "authorizing_account",
  /*  8 account_upgrade */ "account_to_upgrade",
  /*  9 account_transfer */ "account_id",
  /* 10 asset_create */ "issuer",
  /* 11 asset_update */ "issuer",
  /* 12 asset_update_bitasset */ "issuer",
  /* 13 asset_update_feed_producers */ "issuer",
  /* 14 asset_issue */ "issuer",
  /* 15 asset_reserve */ "payer",
  /* 16 asset_fund_fee_pool */ "from_account",
  /* 17 asset_settle */ "account",
  /* 18 asset_global_settle */ "issuer",
  /* 19 asset_publish_feed */ "publisher",
  /* 20 witness_create */ "witness_account",
  /* 21 witness_update */ "witness_account",
  /* 22 proposal_create */ "fee_paying_account",
  /* 23 proposal_update */ "fee_paying_account",
  /* 24 proposal_delete */ "fee_paying_account",
  /* 25 withdraw_permission_create */ "withdraw_from_account",
  /* 26 withdraw_permission_update */ "withdraw_from_account",
  /* 27 withdraw_permission_claim */ "withdraw_to_account",
  /* 28 withdraw_permission_delete */ "withdraw_from_account",
  /* 29 committee_member_create */ "committee_member_account",
  /* 30 committee_member_update */ "committee_member_account",
  /* 31 committee_member_update_global_parameters: account_id_type() */ { account: COMMITTEE_ACCOUNT },
  /* 32 vesting_balance_create */ "creator",
  /* 33 vesting_balance_withdraw */ "owner",
  /* 34 worker_create */ "owner",
  /* 35 custom */ "payer",
  /* 36 assert */ "fee_paying_account",
  /* 37 balance_claim */ "deposit_to_account",
  /* 38 override_transfer */ "issuer",
  /* 39 transfer_to_blind */ "from",
  /* 40 blind_transfer: GRAPHENE_TEMP_ACCOUNT */ { account: TEMP_ACCOUNT },
  /* 41 transfer_from_blind: GRAPHENE_TEMP_ACCOUNT */ { account: TEMP_ACCOUNT },
  /* 42 asset_settle_cancel */ "account",
  /* 43 asset_claim_fees */ "issuer",
  /* 44 fba_distribute */ "account_id",
  /* 45 bid_collateral */ "bidder",
  /* 46 execute_bid */ "bidder",
  /* 47 asset_claim_pool */ "issuer",
  /* 48 asset_update_issuer */ "issuer",
  /* 49 htlc_create */ "from",
  /* 50 htlc_redeem */ "redeemer",
  /* 51 htlc_redeemed */ "to",
  /* 52 htlc_extend */ "update_issuer",
  /* 53 htlc_refund */ "to",
  /* 54 custom_authority_create */ "account",
  /* 55 custom_authority_update */ "account",
  /* 56 custom_authority_delete */ "account",
  /* 57 ticket_create */ "account",
  /* 58 ticket_update */ "account",
  /* 59 liquidity_pool_create */ "account",
  /* 60 liquidity_pool_delete */ "account",
  /* 61 liquidity_pool_deposit */ "account",
  /* 62 liquidity_pool_withdraw */ "account",
  /* 63 liquidity_pool_exchange */ "account",
  /* 64 samet_fund_create */ "owner_account",
  /* 65 samet_fund_delete */ "owner_account",
  /* 66 samet_fund_update */ "owner_account",
  /* 67 samet_fund_borrow */ "borrower",
  /* 68 samet_fund_repay */ "account",
  /* 69 credit_offer_create */ "owner_account",
  /* 70 credit_offer_delete */ "owner_account",
  /* 71 credit_offer_update */ "owner_account",
  /* 72 credit_offer_accept */ "borrower",
  /* 73 credit_deal_repay */ "account",
  /* 74 credit_deal_expired */ "borrower",
  /* 75 liquidity_pool_update */ "account",
  /* 76 credit_deal_update */ "account",
  /* 77 limit_order_update */ "seller",
];

/** The fee_payer() field of each operation tag (a fixed account for tags 31, 40 and 41). */
export const FEE_PAYER_FIELDS: readonly (string | { readonly account: string })[] = FEE_PAYER;

type Fields = Readonly<Record<string, unknown>>;

/**
 * The requirements of one operation, in the order operation_get_required_auth inserts them, each with the
 * field it comes from. `ignoreCustomOperationRequiredAuths` is MUST_IGNORE_CUSTOM_OP_REQD_AUTHS: false
 * once HARDFORK_CORE_210 has passed, and then custom_operation.required_auths are required active authorities.
 */
export function operationRequirements(op: Operation, ignoreCustomOperationRequiredAuths = false): OperationRequirements {
  const [tag, value] = op as unknown as readonly [number, Fields];
  const active: Requirement<string>[] = [];
  const owner: Requirement<string>[] = [];
  const other: Requirement<Authority>[] = [];
  const payer = FEE_PAYER[tag];
  if (payer === undefined) return { active, owner, other };
  active.push(typeof payer === "string" ? { value: value[payer] as string, field: payer } : { value: payer.account, field: "" });

  switch (tag) {
    case 5: {
      // account_create: the issuer of the asset a buyback account buys (account.hpp)
      const buyback = (value.extensions as Fields).buyback_options as Fields | undefined;
      active.push({ value: value.registrar as string, field: "registrar" });
      if (buyback !== undefined)
        active.push({ value: buyback.asset_to_buy_issuer as string, field: "extensions.buyback_options.asset_to_buy_issuer" });
      break;
    }
    case 6: {
      // account_update: changing the owner (or the owner special authority) needs the owner authority,
      // anything else the active one (is_owner_update, account.hpp); the fee payer's active is needed anyway
      const isOwnerUpdate = value.owner !== undefined || (value.extensions as Fields).owner_special_authority !== undefined;
      if (isOwnerUpdate) owner.push({ value: value.account as string, field: "account" });
      else active.push({ value: value.account as string, field: "account" });
      break;
    }
    case 23: {
      // proposal_update: each approval added or removed needs that authority; the keys added or removed
      // form one authority needing all of them (proposal.cpp)
      for (const list of ["active_approvals_to_add", "active_approvals_to_remove"])
        (value[list] as string[]).forEach((id, i) => active.push({ value: id, field: `${list}[${i}]` }));
      for (const list of ["owner_approvals_to_add", "owner_approvals_to_remove"])
        (value[list] as string[]).forEach((id, i) => owner.push({ value: id, field: `${list}[${i}]` }));
      const keys = keySet([...(value.key_approvals_to_add as string[]), ...(value.key_approvals_to_remove as string[])]);
      if (keys.length > 0) {
        const field = (value.key_approvals_to_add as string[]).length > 0 ? "key_approvals_to_add" : "key_approvals_to_remove";
        other.push({
          value: { weight_threshold: keys.length, account_auths: [], key_auths: keys.map((k) => [k, 1]), address_auths: [] },
          field,
        });
      }
      break;
    }
    case 35:
      // custom_operation: required_auths, unless MUST_IGNORE_CUSTOM_OP_REQD_AUTHS (operations.cpp)
      if (!ignoreCustomOperationRequiredAuths)
        (value.required_auths as string[]).forEach((id, i) => active.push({ value: id, field: `required_auths[${i}]` }));
      break;
    case 37: {
      // balance_claim: a signature of balance_owner_key (balance.hpp)
      const key = value.balance_owner_key as string;
      other.push({ value: { weight_threshold: 1, account_auths: [], key_auths: [[key, 1]], address_auths: [] }, field: "balance_owner_key" });
      break;
    }
    case 40:
    case 41:
      // blind_transfer, transfer_from_blind: the owner authority of every input (confidential.hpp)
      (value.inputs as Fields[]).forEach((input, i) => other.push({ value: input.owner as Authority, field: `inputs[${i}].owner` }));
      break;
    case 48:
      // asset_update_issuer: the issuer's owner authority (asset_ops.hpp)
      owner.push({ value: value.issuer as string, field: "issuer" });
      break;
  }
  return { active, owner, other };
}

/** operation_get_required_authorities for one operation. */
export function getRequiredAuthorities(op: Operation, ignoreCustomOperationRequiredAuths = false): RequiredAuthorities {
  const r = operationRequirements(op, ignoreCustomOperationRequiredAuths);
  return {
    active: accountSet(r.active.map((x) => x.value)),
    owner: accountSet(r.owner.map((x) => x.value)),
    other: r.other.map((x) => x.value),
  };
}

/**
 * transaction::get_required_authorities: the requirements of all operations, with the accounts whose
 * owner authority is required taken out of the active set (the owner satisfies the active anyway).
 */
export function getTransactionRequiredAuthorities(operations: readonly Operation[], ignoreCustomOperationRequiredAuths = false): RequiredAuthorities {
  const active: string[] = [];
  const owner: string[] = [];
  const other: Authority[] = [];
  for (const op of operations) {
    const r = operationRequirements(op, ignoreCustomOperationRequiredAuths);
    for (const x of r.active) active.push(x.value);
    for (const x of r.owner) owner.push(x.value);
    for (const x of r.other) other.push(x.value);
  }
  const ownerSet = accountSet(owner);
  const owners = new Set(ownerSet);
  return { active: accountSet(active).filter((id) => !owners.has(id)), owner: ownerSet, other };
}
