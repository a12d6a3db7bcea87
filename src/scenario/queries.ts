// Queries a scenario may make, answered in the JSON shapes of bitshares-core's database_api
// (libraries/app/database_api.cpp).
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { type Json, toJson } from "../codec/index.js";
import type { Database } from "../db/database.js";
import { parseId } from "../db/database.js";
import { IMPL_OBJECT_TYPES as I, OBJECT_TYPES as P } from "../protocol/config.js";
import { chainError, type ChainError } from "../protocol/errors.js";
import { inst } from "../chain/tables.js";
import { MARKET_QUERIES } from "./queries_market.js";
import { CREDIT_QUERIES } from "./queries_credit.js";
import { activeLookup, ownerLookup } from "../chain/authority_lookup.js";
import { Session } from "../chain/session.js";
import { witnessParticipationRate } from "../chain/witness_schedule.js";
import { fromJson } from "../codec/index.js";
import { comparePublicKeys, getRequiredSignatures, transactionSignatureKeys } from "../protocol/authority/index.js";
import { textArg, textsArg } from "./query_args.js";

const read = <V>(type: string, value: Json, field: string): E.Either<ChainError, V> =>
  E.mapLeft((e: { path: string; message: string }) => chainError("invalid_arg_exception", "query.from_json", e.path ? `${field}.${e.path}` : field, e.message))(
    fromJson(type, value) as E.Either<{ path: string; message: string }, V>);

/** database_api::get_required_signatures: the subset of `keys` that must sign `trx` (besides the keys that
 *  already signed it), as std::set<public_key_type> orders them (by address). Non-immediate owners count
 *  (core-584), custom operations' required_auths too, recursion up to max_authority_depth. */
function requiredSignatures(db: Database, trxJson: Json, keysJson: Json): E.Either<ChainError, Json> {
  const s = new Session(db);
  return E.flatMap(read<T.SignedTransaction>("signed_transaction", trxJson, "trx"), (trx) =>
    E.flatMap(all((Array.isArray(keysJson) ? keysJson : []).map((k, i) => read<string>("public_key_type", k, `available_keys[${i}]`) as E.Either<ChainError, Json>)), (keys) =>
      E.flatMap(trx.signatures.length === 0 ? E.right([] as string[]) : transactionSignatureKeys(trx as unknown as Parameters<typeof transactionSignatureKeys>[0], s.chainId()), (signed) =>
        E.flatMap(getRequiredSignatures(trx.operations, signed, keys as string[], activeLookup(s), ownerLookup(s), {
          allowNonImmediateOwner: true, ignoreCustomOperationRequiredAuths: false, maxRecursion: s.params().max_authority_depth,
        }), (required) => all([...required].sort(comparePublicKeys).map((k) => json("public_key_type", k)))))));
}

const json = (type: string, value: unknown): E.Either<ChainError, Json> =>
  E.mapLeft((e: { path: string; message: string }) => chainError("invalid_arg_exception", "query.to_json", e.path, e.message))(toJson(type, value));

/** An object in get_objects' shape; unknown ids answer null. */
export function objectJson(db: Database, id: string): E.Either<ChainError, Json> {
  const p = parseId(id);
  if (p === undefined) return E.left(chainError("invalid_arg_exception", "query.object_id", "", `"${id}" is not an object id`));
  const o = db.find(id);
  if (o === undefined) return E.right(null);
  return json(db.specs[p.slot]!.objectType, o);
}

function accountByName(db: Database, name: string): T.AccountObject | undefined {
  return db.findUnique<T.AccountObject>(1, P.account, "by_name", [name]);
}

function accountOf(db: Database, nameOrIdJson: Json | undefined, field: string): E.Either<ChainError, T.AccountObject> {
  return E.flatMap(textArg(nameOrIdJson, field), (nameOrId) => {
    const a = parseId(nameOrId) !== undefined ? db.find<T.AccountObject>(nameOrId) : accountByName(db, nameOrId);
    return a === undefined || !a.id.startsWith(`1.${P.account}.`) ? E.left(chainError("assert_exception", "query.account_exists", "", `no account ${nameOrId}`)) : E.right(a);
  });
}

const all = (items: readonly E.Either<ChainError, Json>[]): E.Either<ChainError, Json> => {
  const out: Json[] = [];
  for (const i of items) {
    if (E.isLeft(i)) return i;
    out.push(i.right);
  }
  return E.right(out);
};

type Handler = (db: Database, params: readonly Json[]) => E.Either<ChainError, Json>;

/** The supported methods, with database_api's parameter lists. */
export const QUERIES: Readonly<Record<string, Handler>> = {
  ...MARKET_QUERIES,
  ...CREDIT_QUERIES,
  get_required_signatures: (db, [trx, keys]) => requiredSignatures(db, trx ?? null, keys ?? null),
  get_objects: (db, [ids]) => E.flatMap(textsArg(ids, "ids"), (list) => all(list.map((id) => objectJson(db, id)))),
  get_global_properties: (db) => objectJson(db, `2.${I.global_property}.0`),
  get_dynamic_global_properties: (db) => objectJson(db, `2.${I.dynamic_global_property}.0`),
  /** database::witness_participation_rate (not a database_api call; the wallet's info shows it): the share of the
   *  last 128 slots that got a block, in GRAPHENE_100_PERCENT units. */
  witness_participation_rate: (db) => E.right(witnessParticipationRate(db.find<T.DynamicGlobalPropertyObject>(`2.${I.dynamic_global_property}.0`)!)),
  get_chain_properties: (db) => objectJson(db, `2.${I.chain_property}.0`),
  get_account_by_name: (db, [name]) => E.flatMap(textArg(name, "name"), (n) => {
    const a = accountByName(db, n);
    return a === undefined ? E.right(null) : json("account_object", a);
  }),
  lookup_asset_symbols: (db, [symbols]) => E.flatMap(textsArg(symbols, "symbols_or_ids"), (list) => all(list.map((sym, i) => {
    // An id must be an asset's (variant::as<asset_id_type>); anything else is a symbol.
    if (parseId(sym) !== undefined && !sym.startsWith(`1.${P.asset}.`)) return E.left(chainError("invalid_arg_exception", "query.from_json", `symbols_or_ids[${i}]`, `${sym} is not an asset id`));
    const a = parseId(sym) !== undefined ? db.find<T.AssetObject>(sym) : db.findUnique<T.AssetObject>(1, P.asset, "by_symbol", [sym]);
    return a === undefined ? E.right(null) : json("asset_object", a);
  }))),
  /** get_account_balances(account, assets): every balance when `assets` is empty, else those asked for (zero if none). */
  get_account_balances: (db, [account, assets]) => E.flatMap(accountOf(db, account, "id"), (a) => E.flatMap(textsArg(assets, "assets", []), (wanted) => {
    const rows = db.withPrefix<T.AccountBalanceObject>(2, I.account_balance, "by_account_asset", [inst(a.id)]);
    const have = new Map<string, bigint>();
    for (const b of rows) have.set(b.asset_type, b.balance);
    const list = wanted.length === 0 ? [...have].map(([asset_id, amount]) => ({ amount, asset_id }))
      : wanted.map((asset_id) => ({ amount: have.get(asset_id) ?? 0n, asset_id }));
    return all(list.map((x) => json("asset", x)));
  })),
  get_vesting_balances: (db, [account]) => E.flatMap(accountOf(db, account, "account"), (a) =>
    all([...db.withPrefix<T.VestingBalanceObject>(1, P.vesting_balance, "by_account", [inst(a.id)])].map((v) => json("vesting_balance_object", v)))),
  /** get_proposed_transactions: proposals the account must approve or has approved. */
  get_proposed_transactions: (db, [account]) => E.flatMap(accountOf(db, account, "account"), (a) => {
    const mine = [...db.all<T.ProposalObject>(1, P.proposal)].filter((p) =>
      p.required_active_approvals.includes(a.id) || p.required_owner_approvals.includes(a.id) ||
      p.available_active_approvals.includes(a.id) || p.available_owner_approvals.includes(a.id));
    return all(mine.map((p) => json("proposal_object", p)));
  }),
  get_withdraw_permissions_by_giver: (db, [account]) => E.flatMap(accountOf(db, account, "account"), (a) =>
    all([...db.withPrefix<T.WithdrawPermissionObject>(1, P.withdraw_permission, "by_from", [inst(a.id)])].map((w) => json("withdraw_permission_object", w)))),
  get_htlc_by_from: (db, [account]) => E.flatMap(accountOf(db, account, "account"), (a) =>
    all([...db.withPrefix<T.HtlcObject>(1, P.htlc, "by_from_id", [inst(a.id)])].map((h) => json("htlc_object", h)))),
  get_custom_authorities_by_account: (db, [account]) => E.flatMap(accountOf(db, account, "account"), (a) =>
    all([...db.withPrefix<T.CustomAuthorityObject>(1, P.custom_authority, "by_account_custom", [inst(a.id)])].map((c) => json("custom_authority_object", c)))),
  get_tickets_by_account: (db, [account]) => E.flatMap(accountOf(db, account, "account"), (a) =>
    all([...db.withPrefix<T.TicketObject>(1, P.ticket, "by_account", [inst(a.id)])].map((t) => json("ticket_object", t)))),
};
