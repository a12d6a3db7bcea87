// Account balances and the asset authorization rule (db_balance.cpp, is_authorized_asset.cpp).
import type * as T from "../../generated/native-types.js";
import { COMMITTEE_ACCOUNT, CORE_ASSET, IMPL_OBJECT_TYPES, white_list } from "../protocol/config.js";
import { chainError } from "../protocol/errors.js";
import { type Gen, PASSED, stop } from "./gen.js";
import type { Session } from "./session.js";
import { inst } from "./tables.js";

const BALANCE = IMPL_OBJECT_TYPES.account_balance;

export function findBalanceObject(s: Session, account: string, assetId: string): T.AccountBalanceObject | undefined {
  return s.findUnique<T.AccountBalanceObject>(2, BALANCE, "by_account_asset", [inst(account), inst(assetId)]);
}

/** database::get_balance: zero where no balance object exists. */
export function getBalance(s: Session, account: string, assetId: string): bigint {
  return findBalanceObject(s, account, assetId)?.balance ?? 0n;
}

/** database::adjust_balance: a negative delta needs the balance to cover it; a balance object is created
 *  on the first deposit and kept (at zero) afterwards. Core balances raise the maintenance flag so the next
 *  maintenance recounts the owner's voting stake. */
// Not a generator function: it runs for every fee and transfer, and a generator object per call costs.
export function adjustBalance(s: Session, account: string, delta: T.Asset, field = ""): Gen<void> {
  if (delta.amount === 0n) return PASSED;
  const abo = findBalanceObject(s, account, delta.asset_id);
  const have = abo?.balance ?? 0n;
  if (delta.amount < 0n && have < -delta.amount) {
    return stop(chainError("assert_exception", "database.adjust_balance.sufficient", field,
      `Insufficient Balance: ${accountName(s, account)}'s balance of ${have} ${delta.asset_id} is less than required ${-delta.amount}`));
  }
  const core = delta.asset_id === CORE_ASSET;
  if (abo === undefined) {
    s.create<T.AccountBalanceObject>(2, BALANCE, (id) => ({ id, owner: account, asset_type: delta.asset_id, balance: delta.amount, maintenance_flag: core }));
  } else {
    s.modify<T.AccountBalanceObject>(abo.id, (b) => ({ ...b, balance: b.balance + delta.amount, maintenance_flag: core || b.maintenance_flag }));
  }
  return PASSED;
}

function accountName(s: Session, account: string): string {
  return s.find<T.AccountObject>(account)?.name ?? account;
}

/** is_authorized_asset: whether `acct` may hold and transact `asset` under its whitelist/blacklist rules
 *  and the account's own allowed_assets list (the committee account is always authorized, BSIP 86). */
export function isAuthorizedAsset(acct: T.AccountObject, asset: T.AssetObject): boolean {
  if ((asset.options.flags & white_list) === 0 && acct.allowed_assets === undefined) return true;
  if (acct.id === COMMITTEE_ACCOUNT) return true;
  if (acct.allowed_assets !== undefined && !acct.allowed_assets.includes(asset.id)) return false;
  for (const id of acct.blacklisting_accounts) if (asset.options.blacklist_authorities.includes(id)) return false;
  if (asset.options.whitelist_authorities.length === 0) return true;
  for (const id of acct.whitelisting_accounts) if (asset.options.whitelist_authorities.includes(id)) return true;
  return false;
}
