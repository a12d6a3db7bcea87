// Market queries a scenario may make, in the JSON shapes of bitshares-core's database_api
// (libraries/app/database_api.cpp get_limit_orders, get_order_book; util.cpp price_to_string).
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { type Json, toJson } from "../codec/index.js";
import type { Database } from "../db/database.js";
import { parseId } from "../db/database.js";
import { IMPL_OBJECT_TYPES as I, OBJECT_TYPES as P } from "../protocol/config.js";
import { chainError, type ChainError } from "../protocol/errors.js";
import { inst } from "../chain/tables.js";
import { textsArg } from "./query_args.js";

type Handler = (db: Database, params: readonly Json[]) => E.Either<ChainError, Json>;

/** application_options defaults: api_limit_get_limit_orders and api_limit_get_order_book. */
const API_LIMIT_GET_LIMIT_ORDERS = 300;
const API_LIMIT_GET_ORDER_BOOK = 50;

const json = (type: string, value: unknown): E.Either<ChainError, Json> =>
  E.mapLeft((e: { path: string; message: string }) => chainError("invalid_arg_exception", "query.to_json", e.path, e.message))(toJson(type, value));

function assetOf(db: Database, symbolOrId: string): T.AssetObject | undefined {
  return parseId(symbolOrId) !== undefined ? db.find<T.AssetObject>(symbolOrId) : db.findUnique<T.AssetObject>(1, P.asset, "by_symbol", [symbolOrId]);
}

function limitChecked(limit: Json, max: number): E.Either<ChainError, number> {
  const n = Number(limit);
  return Number.isInteger(n) && n >= 0 && n <= max ? E.right(n)
    : E.left(chainError("assert_exception", "query.limit", "limit", `limit ${String(limit)} is not between 0 and ${max}`));
}

/** database_api_impl::get_limit_orders(a, b, limit): up to `limit` orders selling a for b, best price
 *  first, then up to `limit` selling b for a (the by_price index between price::max and price::min). */
export function limitOrdersOf(db: Database, a: string, b: string, limit: number): T.LimitOrderObject[] {
  const side = (sell: string, receive: string): T.LimitOrderObject[] => {
    const out: T.LimitOrderObject[] = [];
    if (limit === 0) return out;
    for (const o of db.withPrefix<T.LimitOrderObject>(1, P.limit_order, "by_price", [-inst(sell), -inst(receive)])) {
      out.push(o);
      if (out.length >= limit) break;
    }
    return out;
  };
  return [...side(a, b), ...side(b, a)];
}

/** asset_object::amount_to_string: the amount with the asset's decimals (kept, trailing zeros too). */
export function amountToString(amount: bigint, precision: number): string {
  const scale = 10n ** BigInt(precision);
  const whole = amount / scale;
  const decimals = (amount < 0n ? -amount : amount) % scale;
  let result = whole.toString();
  if (decimals !== 0n) {
    if (amount < 0n && whole === 0n) result = "-" + result;
    result += "." + (scale + decimals).toString().slice(1);
  }
  return result;
}

/** uint128_amount_to_string: an integer read with `precision` decimals, trailing zeros dropped. */
export function uint128AmountToString(amount: bigint, precision: number): string {
  const s = amount.toString();
  if (precision === 0 || amount === 0n) return s;
  const trimmed = s.replace(/0+$/, "");
  if (s.length > precision) {
    const left = s.slice(0, s.length - precision);
    const right = trimmed.length > left.length ? trimmed.slice(left.length) : "";
    return right === "" ? left : `${left}.${right}`;
  }
  return "0." + "0".repeat(precision - s.length) + trimmed;
}

/** price_to_string(price, base, quote): base per quote in real units, from the price oriented base/quote. */
export function priceToString(p: T.Price, base: T.AssetObject, quote: T.AssetObject): string {
  const oriented = p.base.asset_id === base.id ? p : { base: p.quote, quote: p.base };
  if (oriented.base.amount === 0n) return "0";
  const q = oriented.quote.amount === 0n ? { b: (1n << 63n) - 1n, q: 1n } : { b: oriented.base.amount, q: oriented.quote.amount };
  const price128 = (q.b * 10000000000000000000n) / q.q;
  return uint128AmountToString(price128, 19 + base.precision - quote.precision);
}

/** database_api_impl::get_order_book: bids sell base for quote, asks sell quote for base; the other
 *  side's size is the order's amount at its own price, rounded down. */
function orderBook(db: Database, baseName: string, quoteName: string, limit: number): E.Either<ChainError, Json> {
  const base = assetOf(db, baseName);
  const quote = assetOf(db, quoteName);
  if (base === undefined) return E.left(chainError("assert_exception", "query.asset_exists", "base", `Invalid base asset symbol: ${baseName}`));
  if (quote === undefined) return E.left(chainError("assert_exception", "query.asset_exists", "quote", `Invalid quote asset symbol: ${quoteName}`));
  const bids: Json[] = [];
  const asks: Json[] = [];
  for (const o of limitOrdersOf(db, base.id, quote.id, limit)) {
    const other = (o.for_sale * o.sell_price.quote.amount) / o.sell_price.base.amount;
    const isBid = o.sell_price.base.asset_id === base.id;
    const expiration = json("time_point_sec", o.expiration);
    if (E.isLeft(expiration)) return expiration;
    const row: Json = {
      price: priceToString(o.sell_price, base, quote),
      quote: amountToString(isBid ? other : o.for_sale, quote.precision),
      base: amountToString(isBid ? o.for_sale : other, base.precision),
      id: o.id, owner_id: o.seller, owner_name: db.find<T.AccountObject>(o.seller)?.name ?? "", expiration: expiration.right,
    };
    (isBid ? bids : asks).push(row);
  }
  return E.right({ base: baseName, quote: quoteName, bids, asks });
}

/** application_options defaults: api_limit_get_call_orders, _settle_orders, _collateral_bids. */
const API_LIMIT_GET_CALL_ORDERS = 300;
const API_LIMIT_GET_SETTLE_ORDERS = 300;
const API_LIMIT_GET_COLLATERAL_BIDS = 100;
const API_LIMIT_GET_LIQUIDITY_POOLS = 101;

/** Up to `limit` objects of an index prefix, each in its get_objects JSON shape. */
function rowsOf(type: string, objects: Iterable<unknown>, limit: number, skip = 0): E.Either<ChainError, Json> {
  const rows: Json[] = [];
  for (const o of objects) {
    if (rows.length >= limit) break;
    if (skip > 0) { skip--; continue; }
    const j = json(type, o);
    if (E.isLeft(j)) return j;
    rows.push(j.right);
  }
  return E.right(rows);
}

/** A market-issued asset by symbol or id, or the error database_api gives. */
function miaOf(db: Database, symbolOrId: string): E.Either<ChainError, T.AssetObject> {
  const a = assetOf(db, symbolOrId);
  if (a === undefined) return E.left(chainError("assert_exception", "query.asset_exists", "", `Asset ${symbolOrId} not found`));
  if (a.bitasset_data_id === undefined) return E.left(chainError("assert_exception", "query.market_issued", "", `Asset ${a.symbol} is not a MPA`));
  return E.right(a);
}

/** The market methods, with database_api's parameter lists (merged into QUERIES by the runner). */
export const MARKET_QUERIES: Readonly<Record<string, Handler>> = {
  get_limit_orders: (db, [a, b, limit]) => E.flatMap(limitChecked(limit ?? API_LIMIT_GET_LIMIT_ORDERS, API_LIMIT_GET_LIMIT_ORDERS), (n) => {
    const x = assetOf(db, String(a));
    const y = assetOf(db, String(b));
    if (x === undefined || y === undefined) return E.left(chainError("assert_exception", "query.asset_exists", "", `Asset ${x === undefined ? String(a) : String(b)} not found`));
    const rows: Json[] = [];
    for (const o of limitOrdersOf(db, x.id, y.id, n)) {
      const j = json("limit_order_object", o);
      if (E.isLeft(j)) return j;
      rows.push(j.right);
    }
    return E.right(rows);
  }),
  /** get_call_orders(asset, limit): the asset's debt positions, least collateralized first (by_collateral). */
  get_call_orders: (db, [a, limit]) => E.flatMap(limitChecked(limit ?? API_LIMIT_GET_CALL_ORDERS, API_LIMIT_GET_CALL_ORDERS), (n) =>
    E.flatMap(miaOf(db, String(a)), (mia) => {
      const backing = db.find<T.AssetBitassetDataObject>(mia.bitasset_data_id!)!.options.short_backing_asset;
      return rowsOf("call_order_object", db.withPrefix(1, P.call_order, "by_collateral", [inst(backing), inst(mia.id)]), n);
    })),
  /** get_settle_orders(asset, limit): the asset's force settlements, earliest settlement date first. */
  get_settle_orders: (db, [a, limit]) => E.flatMap(limitChecked(limit ?? API_LIMIT_GET_SETTLE_ORDERS, API_LIMIT_GET_SETTLE_ORDERS), (n) => {
    const x = assetOf(db, String(a));
    if (x === undefined) return E.left(chainError("assert_exception", "query.asset_exists", "", `Asset ${String(a)} not found`));
    return rowsOf("force_settlement_object", db.withPrefix(1, P.force_settlement, "by_expiration", [inst(x.id)]), n);
  }),
  /** get_collateral_bids(asset, limit, skip): bids on a settled asset, best price first. */
  get_collateral_bids: (db, [a, limit, skip]) => E.flatMap(limitChecked(limit ?? API_LIMIT_GET_COLLATERAL_BIDS, API_LIMIT_GET_COLLATERAL_BIDS), (n) => {
    // skip is a uint32 (database_api get_collateral_bids).
    const k = Number(skip ?? 0);
    if (!Number.isInteger(k) || k < 0 || k > 0xffffffff) return E.left(chainError("invalid_arg_exception", "query.from_json", "skip", `skip ${String(skip).slice(0, 40)} is not a uint32`));
    return E.flatMap(miaOf(db, String(a)), (mia) => rowsOf("collateral_bid_object", db.withPrefix(2, I.collateral_bid, "by_price", [inst(mia.id)]), n, k));
  }),
  /** list_liquidity_pools(limit, start_id, with_statistics): pools by id from start_id. The ticker statistics
   *  come from the market history plugin, which btsref does not run: they are left out. */
  list_liquidity_pools: (db, [limit, start]) => E.flatMap(limitChecked(limit ?? API_LIMIT_GET_LIQUIDITY_POOLS, API_LIMIT_GET_LIQUIDITY_POOLS), (n) => {
    const startId = start === undefined || start === null ? undefined : String(start);
    if (startId !== undefined && (parseId(startId) === undefined || !startId.startsWith(`1.${P.liquidity_pool}.`))) {
      return E.left(chainError("invalid_arg_exception", "query.from_json", "start_id", `${startId.slice(0, 40)} is not a liquidity pool id`));
    }
    const from = startId === undefined ? 0 : inst(startId);
    return rowsOf("liquidity_pool_object", [...db.all<T.LiquidityPoolObject>(1, P.liquidity_pool)].filter((p) => inst(p.id) >= from), n);
  }),
  /** get_liquidity_pools(ids, subscribe, with_statistics): each pool, or null where none has the id. */
  get_liquidity_pools: (db, [ids]) => E.flatMap(textsArg(ids, "ids", []), (list) => {
    if (list.length > API_LIMIT_GET_LIQUIDITY_POOLS) {
      return E.left(chainError("assert_exception", "query.limit", "ids", `${list.length} ids, more than ${API_LIMIT_GET_LIQUIDITY_POOLS}`));
    }
    const rows: Json[] = [];
    for (const id of list) {
      const o = db.find<T.LiquidityPoolObject>(id);
      if (o === undefined || !id.startsWith(`1.${P.liquidity_pool}.`)) { rows.push(null); continue; }
      const j = json("liquidity_pool_object", o);
      if (E.isLeft(j)) return j;
      rows.push(j.right);
    }
    return E.right(rows);
  }),
  get_order_book: (db, [base, quote, limit]) =>
    E.flatMap(limitChecked(limit ?? API_LIMIT_GET_ORDER_BOOK, API_LIMIT_GET_ORDER_BOOK), (n) => orderBook(db, String(base), String(quote), n)),
};
