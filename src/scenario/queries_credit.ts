// Credit offer and credit deal queries a scenario may make, with database_api's parameter lists and JSON
// shapes (libraries/app/database_api.cpp list_credit_offers ... get_credit_deals_by_collateral_asset, all
// through database_api_helper::get_objects_by_x): (key?, limit?, start_id?), at most
// application_options::api_limit_get_credit_offers (101) objects in index order from start_id on.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { type Json, toJson } from "../codec/index.js";
import type { Database } from "../db/database.js";
import { parseId, slotOf } from "../db/database.js";
import { OBJECT_TYPES as P } from "../protocol/config.js";
import { chainError, type ChainError } from "../protocol/errors.js";
import { inst } from "../chain/tables.js";

type Handler = (db: Database, params: readonly Json[]) => E.Either<ChainError, Json>;

/** application_options::api_limit_get_credit_offers (application.hpp), for offers and deals alike. */
export const API_LIMIT_GET_CREDIT_OFFERS = 101;

const json = (type: string, value: unknown): E.Either<ChainError, Json> =>
  E.mapLeft((e: { path: string; message: string }) => chainError("invalid_arg_exception", "query.to_json", e.path, e.message))(toJson(type, value));

const absent = (v: Json | undefined): boolean => v === undefined || v === null;

/** The limit parameter: omitted or null means the configured limit, which it may not exceed. */
function limitOf(v: Json | undefined): E.Either<ChainError, number> {
  if (absent(v)) return E.right(API_LIMIT_GET_CREDIT_OFFERS);
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) return E.left(chainError("invalid_arg_exception", "query.from_json", "limit", `limit ${String(v)} is not a uint32`));
  return n <= API_LIMIT_GET_CREDIT_OFFERS ? E.right(n)
    : E.left(chainError("assert_exception", "query.limit", "limit", `limit ${n} is greater than ${API_LIMIT_GET_CREDIT_OFFERS}`));
}

/** An id "1.<type>.<n>" of the given protocol type: its instance, undefined otherwise. */
function instanceOf(v: Json | undefined, type: number): number | undefined {
  const id = typeof v === "string" ? parseId(v) : undefined;
  return id !== undefined && id.slot === slotOf(1, type) ? id.instance : undefined;
}

/** The start_id parameter: its instance, 0 when omitted or null. */
function startOf(v: Json | undefined, type: number): E.Either<ChainError, number> {
  if (absent(v)) return E.right(0);
  const n = instanceOf(v, type);
  return n !== undefined ? E.right(n)
    : E.left(chainError("invalid_arg_exception", "query.from_json", "start_id", `${JSON.stringify(v)} is not a 1.${type}.x id`));
}

/** database_api_helper::get_account_from_string: an account id or name that exists. */
function accountOf(db: Database, v: Json | undefined): E.Either<ChainError, string> {
  const s = typeof v === "string" ? v : "";
  const a = parseId(s) !== undefined ? db.find<T.AccountObject>(s) : db.findUnique<T.AccountObject>(1, P.account, "by_name", [s]);
  return a === undefined || !a.id.startsWith(`1.${P.account}.`)
    ? E.left(chainError("assert_exception", "query.account_exists", "account_name_or_id", `no such account: ${String(v)}`)) : E.right(a.id);
}

/** database_api_helper::get_asset_from_string: an asset id or symbol that exists. */
function assetOf(db: Database, v: Json | undefined): E.Either<ChainError, string> {
  const s = typeof v === "string" ? v : "";
  const a = parseId(s) !== undefined ? db.find<T.AssetObject>(s) : db.findUnique<T.AssetObject>(1, P.asset, "by_symbol", [s]);
  return a === undefined || !a.id.startsWith(`1.${P.asset}.`)
    ? E.left(chainError("assert_exception", "query.asset_exists", "asset_symbol_or_id", `no such asset: ${String(v)}`)) : E.right(a.id);
}

/** get_objects_by_x: up to `limit` objects, in id order (list_*) or in the order of an index keyed by
 *  (field, id) from (key, start_id) to the end of the key's range. */
function page<O extends { id: string }>(db: Database, type: number, by: { index: string; field: keyof O; key: number } | undefined,
  limitJson: Json | undefined, startJson: Json | undefined, jsonType: string): E.Either<ChainError, Json> {
  const limit = limitOf(limitJson);
  if (E.isLeft(limit)) return limit;
  const start = startOf(startJson, type);
  if (E.isLeft(start)) return start;
  const out: Json[] = [];
  if (limit.right === 0) return E.right(out);
  const rows = by === undefined ? db.all<O>(1, type) : db.range<O>(1, type, by.index, [by.key, start.right]);
  for (const o of rows) {
    if (by === undefined && inst(o.id) < start.right) continue;
    if (by !== undefined && inst(o[by.field] as string) !== by.key) break;
    const j = json(jsonType, o);
    if (E.isLeft(j)) return j;
    out.push(j.right);
    if (out.length >= limit.right) break;
  }
  return E.right(out);
}

type OfferKey = { index: string; field: keyof T.CreditOfferObject; key: number } | undefined;
type DealKey = { index: string; field: keyof T.CreditDealObject; key: number } | undefined;
const offers = (by: OfferKey, limit: Json | undefined, start: Json | undefined) => (db: Database) =>
  page<T.CreditOfferObject>(db, P.credit_offer, by, limit, start, "credit_offer_object");
const deals = (by: DealKey, limit: Json | undefined, start: Json | undefined) => (db: Database) =>
  page<T.CreditDealObject>(db, P.credit_deal, by, limit, start, "credit_deal_object");

export const CREDIT_QUERIES: Readonly<Record<string, Handler>> = {
  list_credit_offers: (db, [limit, start]) => offers(undefined, limit, start)(db),
  get_credit_offers_by_owner: (db, [account, limit, start]) =>
    E.flatMap(accountOf(db, account), (id) => offers({ index: "by_owner", field: "owner_account", key: inst(id) }, limit, start)(db)),
  get_credit_offers_by_asset: (db, [asset, limit, start]) =>
    E.flatMap(assetOf(db, asset), (id) => offers({ index: "by_asset_type", field: "asset_type", key: inst(id) }, limit, start)(db)),
  list_credit_deals: (db, [limit, start]) => deals(undefined, limit, start)(db),
  get_credit_deals_by_offer_id: (db, [offer, limit, start]) => {
    const n = instanceOf(offer ?? null, P.credit_offer);
    if (n === undefined) return E.left(chainError("invalid_arg_exception", "query.from_json", "offer_id", `${JSON.stringify(offer)} is not a 1.${P.credit_offer}.x id`));
    return deals({ index: "by_offer_id", field: "offer_id", key: n }, limit, start)(db);
  },
  get_credit_deals_by_offer_owner: (db, [account, limit, start]) =>
    E.flatMap(accountOf(db, account), (id) => deals({ index: "by_offer_owner", field: "offer_owner", key: inst(id) }, limit, start)(db)),
  get_credit_deals_by_borrower: (db, [account, limit, start]) =>
    E.flatMap(accountOf(db, account), (id) => deals({ index: "by_borrower", field: "borrower", key: inst(id) }, limit, start)(db)),
  get_credit_deals_by_debt_asset: (db, [asset, limit, start]) =>
    E.flatMap(assetOf(db, asset), (id) => deals({ index: "by_debt_asset", field: "debt_asset", key: inst(id) }, limit, start)(db)),
  get_credit_deals_by_collateral_asset: (db, [asset, limit, start]) =>
    E.flatMap(assetOf(db, asset), (id) => deals({ index: "by_collateral_asset", field: "collateral_asset", key: inst(id) }, limit, start)(db)),
};
