// The apis a node serves (libraries/app/api.cpp, database_api.cpp): login_api hands out the others;
// database_api reads the pending state (as bitshares-core's does) with the scenario runner's query table
// plus the methods that need the node (blocks, chain id, subscriptions); network_broadcast_api pushes
// transactions; history_api reads the account history the node records from applied operations.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { type Json, fromJson, toJson, encode } from "../codec/index.js";
import { bytesToHex, hexToBytes } from "../codec/hex.js";
import { transactionId } from "../crypto/digests.js";
import { addressOf, addressOfPts, ptsAddressOf } from "../crypto/keys.js";
import type { ChainState } from "../chain/index.js";
import { Session } from "../chain/session.js";
import { activeLookup, customAuthorityLookup, ownerLookup } from "../chain/authority_lookup.js";
import { inst } from "../chain/tables.js";
import { fetchBlockByNumber } from "../consensus/blockchain.js";
import type { DbObject } from "../db/database.js";
import { QUERIES, objectJson } from "../scenario/queries.js";
import { calculateFeeInAsset } from "../protocol/fees/index.js";
import type { ChainError } from "../protocol/errors.js";
import * as C from "../protocol/config.js";
import { IMPL_OBJECT_TYPES, OBJECT_TYPES } from "../protocol/config.js";
import {
  getPotentialAddressSignatures, getPotentialSignatures, keySet, noCustomAuthorities, transactionSignatureKeys, verifyAuthority, verifyTransactionAuthority,
} from "../protocol/authority/index.js";
import { type AccountHistory, recordHistory, relevantAccounts } from "./history.js";
import type { Node } from "./node.js";
import { type Api, ApiError, type Connection, apiError } from "./rpc.js";

export const must = <R>(r: E.Either<ChainError, R>): R => {
  if (E.isLeft(r)) throw new ApiError(r.left);
  return r.right;
};

export function read<V>(type: string, value: Json | undefined, field: string): V {
  const r = fromJson(type, value ?? null);
  if (E.isLeft(r)) throw apiError("invalid_arg_exception", "api.from_json", r.left.path ? `${field}.${r.left.path}` : field, r.left.message);
  return r.right as V;
}

function write(type: string, value: unknown): Json {
  const r = toJson(type, value);
  if (E.isLeft(r)) throw apiError("invalid_arg_exception", "api.to_json", r.left.path, r.left.message);
  return r.right;
}

function accountOf(state: ChainState, nameOrId: string): T.AccountObject | undefined {
  return /^1\.2\.\d+$/.test(nameOrId) ? state.find<T.AccountObject>(nameOrId) : state.findUnique<T.AccountObject>(1, OBJECT_TYPES.account, "by_name", [nameOrId]);
}

/** Options of the database api (bitshares-core's application_options). */
export interface DatabaseApiOptions {
  /** enable-subscribe-to-all: whether set_subscribe_callback may ask for every object's creation and
   *  removal (notify_remove_create). Off by default, as in bitshares-core. */
  readonly enableSubscribeToAll?: boolean;
  /** The recorded account history: get_objects answers operation_history_objects (1.11.x) from it. */
  readonly history?: AccountHistory;
}

/** api_limit_* defaults (libraries/app/include/graphene/app/application.hpp application_options). */
export const API_LIMITS = {
  get_account_history: 100, get_key_references: 100, get_full_accounts: 50, get_full_accounts_lists: 500, get_full_accounts_subscribe: 100,
  lookup_vote_ids: 1000,
} as const;

/** One connection's subscriptions (a database_api_impl per connection in bitshares-core). */
interface Subscriptions {
  callback?: Json;
  notifyRemoveCreate: boolean;
  autoSubscribe: boolean;
  /** _subscribe_filter: the object ids subscribed to (exact, where bitshares-core keeps a bloom filter). */
  readonly ids: Set<string>;
  /** _subscribed_accounts: accounts of get_full_accounts(subscribe), at most api_limit_get_full_accounts_subscribe. */
  readonly accounts: Set<string>;
  pendingCallback?: Json;
  blockCallback?: Json;
  readonly connection: Connection;
}

/** What one block changed: database::notify_changed_objects' new, changed (with old values) and removed
 *  objects of the block's undo session, found by comparing the states before and after it. */
interface BlockChanges {
  readonly created: readonly DbObject[];
  readonly changed: readonly { before: DbObject; after: DbObject }[];
  readonly removed: readonly DbObject[];
}

function blockChanges(before: ChainState, after: ChainState): BlockChanges {
  const created: DbObject[] = [];
  const changed: { before: DbObject; after: DbObject }[] = [];
  const removed: DbObject[] = [];
  for (const spec of after.specs) {
    if (spec === undefined) continue;
    // Objects are immutable values: an unchanged object is the same value in both states.
    for (const o of after.all<DbObject>(spec.space, spec.type)) {
      const prev = before.find(o.id);
      if (prev === undefined) created.push(o);
      else if (prev !== o) changed.push({ before: prev, after: o });
    }
    for (const o of before.all<DbObject>(spec.space, spec.type)) if (after.find(o.id) === undefined) removed.push(o);
  }
  return { created, changed, removed };
}

const voteKey = (vote: string): number => {
  const colon = vote.indexOf(":");
  return Number(vote.slice(colon + 1)) * 256 + Number(vote.slice(0, colon));
};

/** database_api over the node's pending state. */
export function databaseApi(node: Node, options: DatabaseApiOptions = {}): Api {
  const state = () => node.chain.pendingState;
  const queries: Record<string, (args: readonly Json[]) => Json> = {};
  for (const [name, handler] of Object.entries(QUERIES)) queries[name] = (args) => must(handler(state(), args));
  const blockJson = (num: Json | undefined, field = "block_num") => {
    const n = read<number>("uint32_t", num, field);
    const block = fetchBlockByNumber(node.chain, n);
    return block === undefined ? null : write("signed_block", block);
  };
  const headerJson = (num: Json | undefined, withSignature: boolean, field = "block_num") => {
    const b = blockJson(num, field) as Record<string, Json> | null;
    if (b === null) return null;
    const { transactions: _, witness_signature, ...header } = b;
    return withSignature ? { ...header, witness_signature: witness_signature ?? null } : header;
  };

  // Subscriptions, by connection.
  const subscriptions = new Map<Connection, Subscriptions>();
  const subsOf = (connection: Connection): Subscriptions => {
    let s = subscriptions.get(connection);
    if (s === undefined) {
      s = { notifyRemoveCreate: false, autoSubscribe: true, ids: new Set(), accounts: new Set(), connection };
      subscriptions.set(connection, s);
      connection.onClose(() => subscriptions.delete(connection));
    }
    return s;
  };
  /** get_whether_to_subscribe: never without a callback; else as asked, else the auto-subscription setting. */
  const toSubscribe = (connection: Connection, subscribe: Json | undefined): Subscriptions | undefined => {
    const s = subscriptions.get(connection);
    if (s?.callback === undefined) return undefined;
    const wanted = subscribe === undefined || subscribe === null ? s.autoSubscribe : read<boolean>("bool", subscribe, "subscribe");
    return wanted ? s : undefined;
  };
  /** cancel_all_subscriptions(reset_callback, ...). */
  const cancel = (s: Subscriptions, resetCallback: boolean) => {
    if (resetCallback) s.callback = undefined;
    s.notifyRemoveCreate = false;
    s.accounts.clear();
    s.ids.clear();
  };
  let lastHead = node.chain.head;
  node.on({
    block: (applied) => {
      const num = applied.state.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_number;
      const before = node.chain.states.get(num - 1) ?? lastHead;
      lastHead = applied.state;
      let changes: BlockChanges | undefined;
      const all = () => (changes ??= blockChanges(before, applied.state));
      for (const s of subscriptions.values()) {
        if (s.blockCallback !== undefined) s.connection.notice(s.blockCallback, [write("block_id_type", blockIdOf(applied.state))]);
        if (s.callback !== undefined) notifyChanges(s, before, applied.state, all);
      }
    },
    transaction: (trx) => {
      for (const s of subscriptions.values()) if (s.pendingCallback !== undefined) s.connection.notice(s.pendingCallback, [write("signed_transaction", trx)]);
    },
    // The debug API's reset (no bitshares-core counterpart): subscribers hear of every object it created,
    // changed or removed, as after a block, from the pending state they last read to the genesis state.
    reset: (before) => {
      lastHead = node.chain.head;
      const [from, to] = [before.pendingState, node.chain.pendingState];
      let changes: BlockChanges | undefined;
      const all = () => (changes ??= blockChanges(from, to));
      for (const s of subscriptions.values()) if (s.callback !== undefined) notifyChanges(s, from, to, all);
    },
  });
  /** handle_object_changed for the block's new, changed and removed objects, one notice each: an object
   *  is sent when subscribed to, when one of the batch's objects concerns a subscribed account, or (new and
   *  removed ones) when notify_remove_create is on. New and changed objects go whole, removed ones by id. */
  const notifyChanges = (s: Subscriptions, before: ChainState, after: ChainState, all: () => BlockChanges) => {
    const send = (updates: Json[]) => {
      if (updates.length > 0) s.connection.notice(s.callback!, [updates]);
    };
    const objJson = (o: DbObject) => must(objectJson(after, o.id));
    if (!s.notifyRemoveCreate && s.accounts.size === 0) {
      // Only subscribed ids can be sent: compare just those.
      const created: Json[] = [];
      const changed: Json[] = [];
      const removed: Json[] = [];
      for (const id of s.ids) {
        const [a, b] = [before.find(id), after.find(id)];
        if (a === b) continue;
        if (b === undefined) removed.push(id);
        else (a === undefined ? created : changed).push(objJson(b));
      }
      send(created);
      send(changed);
      send(removed);
      return;
    }
    const c = all();
    const touches = (objs: readonly DbObject[]) => {
      if (s.accounts.size === 0) return false;
      const accounts = new Set<string>();
      for (const o of objs) relevantAccounts(o as DbObject & Record<string, never>, accounts);
      return [...accounts].some((a) => s.accounts.has(a));
    };
    const createdAll = s.notifyRemoveCreate || touches(c.created);
    send(c.created.filter((o) => createdAll || s.ids.has(o.id)).map(objJson));
    const changedAll = touches(c.changed.map((x) => x.before));
    send(c.changed.filter((x) => changedAll || s.ids.has(x.after.id)).map((x) => objJson(x.after)));
    const removedAll = s.notifyRemoveCreate || touches(c.removed);
    send(c.removed.filter((o) => removedAll || s.ids.has(o.id)).map((o) => o.id));
  };

  const accountOrFail = (nameOrId: Json | undefined, field: string): T.AccountObject => {
    const a = accountOf(state(), read<string>("string", nameOrId, field));
    if (a === undefined) throw apiError("assert_exception", "api.account_exists", field, `no such account: ${String(nameOrId)}`);
    return a;
  };
  const list = (v: Json | undefined, field: string): readonly Json[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) throw apiError("invalid_arg_exception", "api.from_json", field, `${field} is a list`);
    return v;
  };
  const limit = (n: number, max: number, field: string, what = "limit") => {
    if (n > max) throw apiError("assert_exception", `api.${field}_limit`, field, `${what} can not be greater than ${max}`);
  };
  const chainTrx = (trx: Json | undefined) => read<T.SignedTransaction>("signed_transaction", trx, "trx");
  const authorityOptions = () => ({ allowNonImmediateOwner: true, ignoreCustomOperationRequiredAuths: false, maxRecursion: new Session(state()).params().max_authority_depth });
  const signedBy = (trx: T.SignedTransaction): string[] =>
    trx.signatures.length === 0 ? [] : must(transactionSignatureKeys(trx as unknown as Parameters<typeof transactionSignatureKeys>[0], node.chainId));

  return {
    ...queries,
    get_objects: ([ids, subscribe], connection) => {
      const sub = toSubscribe(connection, subscribe);
      return list(ids, "ids").map((idJson, i) => {
        const id = read<string>("object_id_type", idJson, `ids[${i}]`);
        if (id.startsWith("1.11.")) {
          const oho = options.history?.operation(Number(id.slice(5)));
          return oho === undefined ? null : write("operation_history_object", oho);
        }
        const o = must(objectJson(state(), id));
        // Operation and account history objects are never subscribed to.
        if (o !== null && sub !== undefined && !id.startsWith("2.9.")) sub.ids.add(id);
        return o;
      });
    },
    get_chain_id: () => node.chainId,
    /** get_config: the GRAPHENE_* constants (chain/get_config.cpp). */
    get_config: () => CONFIG_JSON,
    get_block: ([num]) => blockJson(num),
    get_block_header: ([num, withSignature]) => headerJson(num, withSignature === true),
    /** get_block_header_batch(block_nums, with_witness_signatures): a map (pairs sorted by number) to each
     *  header or null. */
    get_block_header_batch: ([nums, withSignatures]) => {
      const numbers = [...new Set(list(nums, "block_nums").map((n, i) => read<number>("uint32_t", n, `block_nums[${i}]`)))].sort((a, b) => a - b);
      return numbers.map((n) => [n, headerJson(n, withSignatures === true)]);
    },
    /** get_transaction(block_num, trx_in_block): a processed transaction of a block. */
    get_transaction: ([num, trxNum]) => {
      const n = read<number>("uint32_t", num, "block_num");
      const t = read<number>("uint32_t", trxNum, "trx_in_block");
      const block = fetchBlockByNumber(node.chain, n);
      if (block === undefined) throw apiError("assert_exception", "api.block_exists", "block_num", `no block #${n}`);
      if (block.transactions.length <= t) throw apiError("assert_exception", "api.trx_in_block", "trx_in_block", `block #${n} has ${block.transactions.length} transactions`);
      return write("processed_transaction", block.transactions[t]);
    },
    /** get_recent_transaction_by_id: a transaction of the duplicate-detection index (pending ones included), else null. */
    get_recent_transaction_by_id: ([id]) => {
      const trxId = read<string>("transaction_id_type", id, "id");
      const h = state().findUnique<T.TransactionHistoryObject>(2, IMPL_OBJECT_TYPES.transaction_history, "by_trx_id", [trxId]);
      return h === undefined ? null : write("signed_transaction", h.trx);
    },
    get_accounts: ([ids, subscribe], connection) => {
      const sub = toSubscribe(connection, subscribe);
      return list(ids, "account_names_or_ids").map((id, i) => {
        const a = accountOf(state(), read<string>("string", id, `account_names_or_ids[${i}]`));
        if (a === undefined) return null;
        sub?.ids.add(a.id);
        return write("account_object", a);
      });
    },
    /** get_full_accounts(names_or_ids, subscribe): a map (pairs, sorted by the name or id asked) to each
     *  existing account's full_account; each list stops at api_limit_get_full_accounts_lists with its
     *  more_data_available flag set. */
    get_full_accounts: ([names, subscribe], connection) => {
      const asked = list(names, "names_or_ids").map((n, i) => read<string>("string", n, `names_or_ids[${i}]`));
      limit(asked.length, API_LIMITS.get_full_accounts, "names_or_ids", "Number of querying accounts");
      const sub = toSubscribe(connection, subscribe);
      const out = new Map<string, Json>();
      for (const key of asked) {
        const a = accountOf(state(), key);
        if (a === undefined) continue;
        if (sub !== undefined && sub.accounts.size < API_LIMITS.get_full_accounts_subscribe) {
          sub.accounts.add(a.id);
          sub.ids.add(a.id);
        }
        out.set(key, fullAccount(state(), a));
      }
      return [...out].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    },
    lookup_account_names: ([names]) => list(names, "account_names").map((n, i) => {
      const a = state().findUnique<T.AccountObject>(1, OBJECT_TYPES.account, "by_name", [read<string>("string", n, `account_names[${i}]`)]);
      return a === undefined ? null : write("account_object", a);
    }),
    /** get_account_count: the number of accounts. */
    get_account_count: () => state().count(1, OBJECT_TYPES.account),
    /** get_account_references(account): accounts whose owner or active authority names it, by id. */
    get_account_references: ([account]) => {
      const a = accountOrFail(account, "account_id_or_name");
      const refs: string[] = [];
      for (const o of state().all<T.AccountObject>(1, OBJECT_TYPES.account)) {
        if ([...o.owner.account_auths, ...o.active.account_auths].some(([x]) => x === a.id)) refs.push(o.id);
      }
      return refs;
    },
    /** get_key_references(keys): per key, the accounts whose owner or active authority or memo key is the
     *  key, or whose authorities hold one of its five addresses. */
    get_key_references: ([keys]) => {
      const wanted = list(keys, "keys").map((k, i) => read<string>("public_key_type", k, `keys[${i}]`));
      limit(wanted.length, API_LIMITS.get_key_references, "keys", "Number of querying keys");
      const accounts = [...state().all<T.AccountObject>(1, OBJECT_TYPES.account)];
      return wanted.map((key) => {
        const addresses = new Set(keyAddresses(key));
        return accounts.filter((a) => keyMembers(a).has(key) || [...a.owner.address_auths, ...a.active.address_auths].some(([x]) => addresses.has(x))).map((a) => a.id);
      });
    },
    /** is_public_key_registered(key): false for an empty or unparsable key; else whether an account's
     *  owner or active authority or memo key is the key. */
    is_public_key_registered: ([key]) => {
      if (typeof key !== "string" || key === "") return false;
      const k = fromJson("public_key_type", key);
      if (E.isLeft(k)) return false;
      for (const a of state().all<T.AccountObject>(1, OBJECT_TYPES.account)) if (keyMembers(a).has(k.right as string)) return true;
      return false;
    },
    get_named_account_balances: ([name, assets]) => must(QUERIES.get_account_balances!(state(), [name ?? null, assets ?? []])),
    get_assets: ([ids, subscribe], connection) => {
      const sub = toSubscribe(connection, subscribe);
      return list(ids, "asset_symbols_or_ids").map((id, i) => {
        const key = read<string>("string", id, `asset_symbols_or_ids[${i}]`);
        const a = /^1\.3\.\d+$/.test(key) ? state().find<T.AssetObject>(key) : state().findUnique<T.AssetObject>(1, OBJECT_TYPES.asset, "by_symbol", [key]);
        if (a === undefined) return null;
        sub?.ids.add(a.id);
        return write("asset_object", a);
      });
    },
    get_transaction_hex: ([trx]) => {
      const bytes = encode("signed_transaction", chainTrx(trx));
      if (E.isLeft(bytes)) throw apiError("invalid_arg_exception", "api.encode", bytes.left.path, bytes.left.message);
      return bytesToHex(bytes.right);
    },
    /** get_potential_signatures(trx): every key of the authorities signing could involve, as a set. */
    get_potential_signatures: ([trx]) => {
      const t = chainTrx(trx);
      const s = new Session(state());
      return must(getPotentialSignatures(t.operations, signedBy(t), activeLookup(s), ownerLookup(s), authorityOptions())).map((k) => write("public_key_type", k));
    },
    /** get_potential_address_signatures(trx): the addresses of those authorities. */
    get_potential_address_signatures: ([trx]) => {
      const t = chainTrx(trx);
      const s = new Session(state());
      return must(getPotentialAddressSignatures(t.operations, signedBy(t), activeLookup(s), ownerLookup(s), authorityOptions())).map((a) => write("address", a));
    },
    /** verify_authority(trx): true, or the failure of signed_transaction::verify_authority (custom authorities take part). */
    verify_authority: ([trx]) => {
      const t = chainTrx(trx);
      const s = new Session(state());
      must(verifyTransactionAuthority(t as unknown as Parameters<typeof verifyTransactionAuthority>[0], node.chainId, activeLookup(s), ownerLookup(s), customAuthorityLookup(s), authorityOptions()));
      return true;
    },
    /** verify_account_authority(account, signers): whether the keys satisfy the account's active authority
     *  (through a dummy transfer from it, max depth GRAPHENE_MAX_SIG_CHECK_DEPTH, no custom authorities),
     *  using every key. */
    verify_account_authority: ([account, signers]) => {
      const a = accountOrFail(account, "account_name_or_id");
      const keys = keySet(list(signers, "signers").map((k, i) => read<string>("public_key_type", k, `signers[${i}]`)));
      const op: T.Operation = [0, { fee: { amount: 0n, asset_id: "1.3.0" }, from: a.id, to: "1.2.0", amount: { amount: 0n, asset_id: "1.3.0" }, extensions: [] }];
      const s = new Session(state());
      return E.isRight(verifyAuthority([op], keys, activeLookup(s), ownerLookup(s), noCustomAuthorities, { allowNonImmediateOwner: true, ignoreCustomOperationRequiredAuths: false }));
    },
    /** get_required_fees(ops, asset): each operation's fee in `asset` at the current schedule and its
     *  core exchange rate. */
    get_required_fees: ([ops, assetId]) => {
      const asset = state().find<T.AssetObject>(read<string>("asset_id_type", assetId, "id"));
      if (asset === undefined) throw apiError("assert_exception", "api.asset_exists", "id", `no asset ${String(assetId)}`);
      const schedule = state().find<T.GlobalPropertyObject>("2.0.0")!.parameters.current_fees;
      return list(ops, "ops").map((op, i) => {
        const fee = must(calculateFeeInAsset(read<T.Operation>("operation", op, `ops[${i}]`), schedule, asset.options.core_exchange_rate));
        return write("asset", fee);
      });
    },
    /** set_subscribe_callback(cb, notify_remove_create): replaces the callback and drops every earlier
     *  subscription; notify_remove_create needs enable-subscribe-to-all. */
    set_subscribe_callback: ([cb, notifyRemoveCreate], connection) => {
      const all = notifyRemoveCreate === undefined || notifyRemoveCreate === null ? false : read<boolean>("bool", notifyRemoveCreate, "notify_remove_create");
      if (all && options.enableSubscribeToAll !== true) {
        throw apiError("assert_exception", "api.subscribe_to_all", "notify_remove_create", "Subscribing to universal object creation and removal is disallowed in this server.");
      }
      const s = subsOf(connection);
      cancel(s, false);
      s.callback = cb ?? null;
      s.notifyRemoveCreate = all;
      return null;
    },
    /** set_auto_subscription(enable): whether queries without a subscribe argument subscribe. */
    set_auto_subscription: ([enable], connection) => {
      subsOf(connection).autoSubscribe = read<boolean>("bool", enable, "enable");
      return null;
    },
    /** set_pending_transaction_callback(cb): each transaction accepted as pending is sent. */
    set_pending_transaction_callback: ([cb], connection) => {
      subsOf(connection).pendingCallback = cb ?? null;
      return null;
    },
    /** set_block_applied_callback(cb): each applied block's id is sent. */
    set_block_applied_callback: ([cb], connection) => {
      subsOf(connection).blockCallback = cb ?? null;
      return null;
    },
    /** cancel_all_subscriptions: drops the subscribe callback and every object and account subscription
     *  (the pending transaction and block callbacks stay, as in bitshares-core). */
    cancel_all_subscriptions: (_args, connection) => {
      const s = subscriptions.get(connection);
      if (s !== undefined) cancel(s, true);
      return null;
    },
  };
}

/** account_member_index::get_key_members: the keys of the owner and active authorities and the memo key. */
const keyMembers = (a: T.AccountObject): Set<string> =>
  new Set([...a.owner.key_auths.map(([k]) => k), ...a.active.key_auths.map(([k]) => k), a.options.memo_key]);

/** The five addresses get_key_references looks up for a key: the PTS addresses of its uncompressed and
 *  compressed forms with versions 56 and 0, and its graphene address. */
function keyAddresses(key: string): string[] {
  const bytes = hexToBytes(key);
  const out: string[] = [];
  for (const [compressed, version] of [[false, 56], [true, 56], [false, 0], [true, 0]] as const) {
    const pts = ptsAddressOf(bytes, compressed, version);
    if (E.isRight(pts)) out.push(bytesToHex(addressOfPts(pts.right)));
  }
  out.push(bytesToHex(addressOf(bytes)));
  return out;
}

/** A full_account (app/api_objects.hpp) as database_api_impl::get_full_accounts fills it. */
function fullAccount(db: ChainState, a: T.AccountObject): Json {
  const max = API_LIMITS.get_full_accounts_lists;
  const more: Record<string, boolean> = {};
  const capped = <O>(name: string, items: Iterable<O>, type: string): Json[] => {
    const out: Json[] = [];
    more[name] = false;
    for (const o of items) {
      if (out.length >= max) {
        more[name] = true;
        break;
      }
      out.push(write(type, o));
    }
    return out;
  };
  const n = inst(a.id);
  const nameOf = (id: string) => db.find<T.AccountObject>(id)!.name;
  const votes = a.options.votes.map((vote) => {
    const type = Number(vote.slice(0, vote.indexOf(":")));
    const key = [voteKey(vote)];
    const o = type === 0 ? db.findUnique(1, OBJECT_TYPES.committee_member, "by_vote_id", key)
      : type === 1 ? db.findUnique(1, OBJECT_TYPES.witness, "by_vote_id", key)
        : db.findUnique(1, OBJECT_TYPES.worker, "by_vote_for", key) ?? db.findUnique(1, OBJECT_TYPES.worker, "by_vote_against", key);
    return o === undefined ? null : must(objectJson(db, o.id));
  });
  // required_approval_index: proposals the account must or did approve, by id.
  const proposals = [...db.all<T.ProposalObject>(1, OBJECT_TYPES.proposal)].filter((p) =>
    [p.required_active_approvals, p.required_owner_approvals, p.available_active_approvals, p.available_owner_approvals].some((l) => l.includes(a.id)));
  const cashback = a.cashback_vb === undefined ? undefined : db.find<T.VestingBalanceObject>(a.cashback_vb);
  const result: Record<string, Json> = {
    account: write("account_object", a),
    statistics: must(objectJson(db, a.statistics)),
    registrar_name: nameOf(a.registrar),
    referrer_name: nameOf(a.referrer),
    lifetime_referrer_name: nameOf(a.lifetime_referrer),
    votes,
  };
  if (cashback !== undefined) result.cashback_balance = write("vesting_balance_object", cashback);
  // balances_by_account_index: by asset id.
  result.balances = capped("balances", db.withPrefix(2, IMPL_OBJECT_TYPES.account_balance, "by_account_asset", [n]), "account_balance_object");
  result.vesting_balances = capped("vesting_balances", db.withPrefix(1, OBJECT_TYPES.vesting_balance, "by_account", [n]), "vesting_balance_object");
  result.limit_orders = capped("limit_orders", db.withPrefix(1, OBJECT_TYPES.limit_order, "by_account", [n]), "limit_order_object");
  result.call_orders = capped("call_orders", db.withPrefix(1, OBJECT_TYPES.call_order, "by_account", [n]), "call_order_object");
  result.settle_orders = capped("settle_orders", db.withPrefix(1, OBJECT_TYPES.force_settlement, "by_account", [n]), "force_settlement_object");
  result.proposals = capped("proposals", proposals, "proposal_object");
  result.assets = capped("assets", [...db.withPrefix<T.AssetObject>(1, OBJECT_TYPES.asset, "by_issuer", [n])].map((x) => x.id), "asset_id_type");
  result.withdraws_from = capped("withdraws_from", db.withPrefix(1, OBJECT_TYPES.withdraw_permission, "by_from", [n]), "withdraw_permission_object");
  result.withdraws_to = capped("withdraws_to", db.withPrefix(1, OBJECT_TYPES.withdraw_permission, "by_authorized", [n]), "withdraw_permission_object");
  result.htlcs_from = capped("htlcs_from", db.withPrefix(1, OBJECT_TYPES.htlc, "by_from_id", [n]), "htlc_object");
  result.htlcs_to = capped("htlcs_to", db.withPrefix(1, OBJECT_TYPES.htlc, "by_to_id", [n]), "htlc_object");
  // more_data's members in their declared order.
  const order = ["balances", "vesting_balances", "limit_orders", "call_orders", "settle_orders", "proposals", "assets", "withdraws_from", "withdraws_to", "htlcs_from", "htlcs_to"];
  result.more_data_available = Object.fromEntries(order.map((k) => [k, more[k]!]));
  // The full_account's members in their reflected order (proposals after settle_orders).
  const keys = ["account", "statistics", "registrar_name", "referrer_name", "lifetime_referrer_name", "votes", "cashback_balance", "balances", "vesting_balances",
    "limit_orders", "call_orders", "settle_orders", "proposals", "assets", "withdraws_from", "withdraws_to", "htlcs_from", "htlcs_to", "more_data_available"];
  return Object.fromEntries(keys.filter((k) => k in result).map((k) => [k, result[k]!]));
}

/** chain/get_config.cpp's constants as fc writes them: 64-bit values beyond 32 bits as strings. */
const CONFIG_JSON: Json = {
  GRAPHENE_SYMBOL: C.SYMBOL, GRAPHENE_ADDRESS_PREFIX: C.ADDRESS_PREFIX,
  GRAPHENE_MIN_ACCOUNT_NAME_LENGTH: C.MIN_ACCOUNT_NAME_LENGTH, GRAPHENE_MAX_ACCOUNT_NAME_LENGTH: C.MAX_ACCOUNT_NAME_LENGTH,
  GRAPHENE_MIN_ASSET_SYMBOL_LENGTH: C.MIN_ASSET_SYMBOL_LENGTH, GRAPHENE_MAX_ASSET_SYMBOL_LENGTH: C.MAX_ASSET_SYMBOL_LENGTH,
  GRAPHENE_MAX_SHARE_SUPPLY: C.MAX_SHARE_SUPPLY.toString(), GRAPHENE_MAX_SIG_CHECK_DEPTH: C.MAX_SIG_CHECK_DEPTH,
  GRAPHENE_MIN_TRANSACTION_SIZE_LIMIT: C.MIN_TRANSACTION_SIZE_LIMIT, GRAPHENE_MIN_BLOCK_INTERVAL: C.MIN_BLOCK_INTERVAL,
  GRAPHENE_MAX_BLOCK_INTERVAL: C.MAX_BLOCK_INTERVAL, GRAPHENE_DEFAULT_BLOCK_INTERVAL: C.DEFAULT_BLOCK_INTERVAL,
  GRAPHENE_DEFAULT_MAX_TRANSACTION_SIZE: C.DEFAULT_MAX_TRANSACTION_SIZE, GRAPHENE_DEFAULT_MAX_BLOCK_SIZE: C.DEFAULT_MAX_BLOCK_SIZE,
  GRAPHENE_DEFAULT_MAX_TIME_UNTIL_EXPIRATION: C.DEFAULT_MAX_TIME_UNTIL_EXPIRATION, GRAPHENE_DEFAULT_MAINTENANCE_INTERVAL: C.DEFAULT_MAINTENANCE_INTERVAL,
  GRAPHENE_DEFAULT_MAINTENANCE_SKIP_SLOTS: C.DEFAULT_MAINTENANCE_SKIP_SLOTS, GRAPHENE_MIN_UNDO_HISTORY: C.MIN_UNDO_HISTORY,
  GRAPHENE_MAX_UNDO_HISTORY: C.MAX_UNDO_HISTORY, GRAPHENE_MIN_BLOCK_SIZE_LIMIT: C.MIN_BLOCK_SIZE_LIMIT,
  GRAPHENE_BLOCKCHAIN_PRECISION: Number(C.BLOCKCHAIN_PRECISION), GRAPHENE_BLOCKCHAIN_PRECISION_DIGITS: C.BLOCKCHAIN_PRECISION_DIGITS,
  GRAPHENE_100_PERCENT: C.PERCENT_100, GRAPHENE_1_PERCENT: C.PERCENT_1, GRAPHENE_MAX_MARKET_FEE_PERCENT: C.MAX_MARKET_FEE_PERCENT,
  GRAPHENE_DEFAULT_FORCE_SETTLEMENT_DELAY: C.DEFAULT_FORCE_SETTLEMENT_DELAY, GRAPHENE_DEFAULT_FORCE_SETTLEMENT_OFFSET: C.DEFAULT_FORCE_SETTLEMENT_OFFSET,
  GRAPHENE_DEFAULT_FORCE_SETTLEMENT_MAX_VOLUME: C.DEFAULT_FORCE_SETTLEMENT_MAX_VOLUME, GRAPHENE_DEFAULT_PRICE_FEED_LIFETIME: C.DEFAULT_PRICE_FEED_LIFETIME,
  GRAPHENE_DEFAULT_MAX_AUTHORITY_MEMBERSHIP: C.DEFAULT_MAX_AUTHORITY_MEMBERSHIP,
  GRAPHENE_DEFAULT_MAX_ASSET_WHITELIST_AUTHORITIES: C.DEFAULT_MAX_ASSET_WHITELIST_AUTHORITIES,
  GRAPHENE_DEFAULT_MAX_ASSET_FEED_PUBLISHERS: C.DEFAULT_MAX_ASSET_FEED_PUBLISHERS, GRAPHENE_COLLATERAL_RATIO_DENOM: C.COLLATERAL_RATIO_DENOM,
  GRAPHENE_MIN_COLLATERAL_RATIO: C.MIN_COLLATERAL_RATIO, GRAPHENE_MAX_COLLATERAL_RATIO: C.MAX_COLLATERAL_RATIO,
  GRAPHENE_DEFAULT_MAINTENANCE_COLLATERAL_RATIO: C.DEFAULT_MAINTENANCE_COLLATERAL_RATIO,
  GRAPHENE_DEFAULT_MAX_SHORT_SQUEEZE_RATIO: C.DEFAULT_MAX_SHORT_SQUEEZE_RATIO, GRAPHENE_DEFAULT_MAX_WITNESSES: C.DEFAULT_MAX_WITNESSES,
  GRAPHENE_DEFAULT_MAX_COMMITTEE: C.DEFAULT_MAX_COMMITTEE, GRAPHENE_DEFAULT_MAX_PROPOSAL_LIFETIME_SEC: C.DEFAULT_MAX_PROPOSAL_LIFETIME_SEC,
  GRAPHENE_DEFAULT_COMMITTEE_PROPOSAL_REVIEW_PERIOD_SEC: C.DEFAULT_COMMITTEE_PROPOSAL_REVIEW_PERIOD_SEC,
  GRAPHENE_DEFAULT_NETWORK_PERCENT_OF_FEE: C.DEFAULT_NETWORK_PERCENT_OF_FEE,
  GRAPHENE_DEFAULT_LIFETIME_REFERRER_PERCENT_OF_FEE: C.DEFAULT_LIFETIME_REFERRER_PERCENT_OF_FEE,
  GRAPHENE_DEFAULT_CASHBACK_VESTING_PERIOD_SEC: C.DEFAULT_CASHBACK_VESTING_PERIOD_SEC,
  GRAPHENE_DEFAULT_CASHBACK_VESTING_THRESHOLD: Number(C.DEFAULT_CASHBACK_VESTING_THRESHOLD),
  GRAPHENE_DEFAULT_BURN_PERCENT_OF_FEE: C.DEFAULT_BURN_PERCENT_OF_FEE, GRAPHENE_DEFAULT_MAX_ASSERT_OPCODE: C.DEFAULT_MAX_ASSERT_OPCODE,
  GRAPHENE_DEFAULT_FEE_LIQUIDATION_THRESHOLD: Number(C.DEFAULT_FEE_LIQUIDATION_THRESHOLD),
  GRAPHENE_DEFAULT_ACCOUNTS_PER_FEE_SCALE: C.DEFAULT_ACCOUNTS_PER_FEE_SCALE,
  GRAPHENE_DEFAULT_ACCOUNT_FEE_SCALE_BITSHIFTS: C.DEFAULT_ACCOUNT_FEE_SCALE_BITSHIFTS, GRAPHENE_MAX_WORKER_NAME_LENGTH: C.MAX_WORKER_NAME_LENGTH,
  GRAPHENE_MAX_URL_LENGTH: C.MAX_URL_LENGTH, GRAPHENE_CORE_ASSET_CYCLE_RATE: C.CORE_ASSET_CYCLE_RATE,
  GRAPHENE_CORE_ASSET_CYCLE_RATE_BITS: C.CORE_ASSET_CYCLE_RATE_BITS,
  GRAPHENE_DEFAULT_WITNESS_PAY_PER_BLOCK: Number(C.DEFAULT_WITNESS_PAY_PER_BLOCK),
  GRAPHENE_DEFAULT_WITNESS_PAY_VESTING_SECONDS: C.DEFAULT_WITNESS_PAY_VESTING_SECONDS,
  GRAPHENE_DEFAULT_WORKER_BUDGET_PER_DAY: C.DEFAULT_WORKER_BUDGET_PER_DAY.toString(),
  GRAPHENE_COMMITTEE_ACCOUNT: C.COMMITTEE_ACCOUNT, GRAPHENE_WITNESS_ACCOUNT: C.WITNESS_ACCOUNT,
  GRAPHENE_RELAXED_COMMITTEE_ACCOUNT: C.RELAXED_COMMITTEE_ACCOUNT, GRAPHENE_NULL_ACCOUNT: C.NULL_ACCOUNT, GRAPHENE_TEMP_ACCOUNT: C.TEMP_ACCOUNT,
};

const blockIdOf = (state: ChainState): string => state.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_id;

/** network_broadcast_api: transactions pushed to the node's pending state (and relayed by P2P). */
export function networkBroadcastApi(node: Node): Api {
  const push = async (trxJson: Json | undefined): Promise<T.SignedTransaction> => {
    const trx = read<T.SignedTransaction>("signed_transaction", trxJson, "trx");
    must(await node.pushTransaction(trx));
    return trx;
  };
  /** Resolves when a block includes the transaction: {id, block_num, trx_num, trx}. */
  const included = (trx: T.SignedTransaction, connection: Connection): Promise<Json> => {
    const id = must(E.mapLeft((e: { path: string; message: string }) => apiError("invalid_arg_exception", "api.trx_id", e.path, e.message).error)(transactionId(trx)));
    return new Promise((resolve) => {
      const off = node.on({
        block: (applied) => {
          const n = applied.block.transactions.findIndex((t) => E.getOrElseW(() => "")(transactionId(t)) === id);
          if (n < 0) return;
          off();
          const num = applied.state.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_number;
          resolve({ id, block_num: num, trx_num: n, trx: write("processed_transaction", applied.block.transactions[n]) });
        },
      });
      connection.onClose(off);
    });
  };
  return {
    broadcast_transaction: async ([trx]) => {
      await push(trx);
      return null;
    },
    broadcast_transaction_synchronous: async ([trx], connection) => included(await push(trx), connection),
    broadcast_transaction_with_callback: async ([cb, trx], connection) => {
      const pushed = await push(trx);
      void included(pushed, connection).then((r) => connection.notice(cb ?? null, [r]));
      return null;
    },
  };
}

/** login_api: any user and password are accepted (as bitshares-core with no api-access file). `debug`
 *  hands out the debug API only when the node serves it (login_api::debug asserts that the debug_witness
 *  plugin is enabled). */
export function loginApi(options: { readonly debug?: boolean } = {}): Api {
  const handOut = (name: string): Api[string] => (_args, connection) => connection.register(name);
  return {
    login: () => true,
    database: handOut("database"),
    network_broadcast: handOut("network_broadcast"),
    history: handOut("history"),
    debug: options.debug === true ? handOut("debug") : () => {
      throw apiError("assert_exception", "login_api.debug_enabled", "", "The debug API is not enabled (start the node with --enable-debug-api)");
    },
  };
}

/** history_api over the recorded account history. */
export function historyApi(node: Node, history: AccountHistory): Api {
  const instance = (v: Json | undefined, field: string): number => {
    const id = read<string>("operation_history_id_type", v ?? "1.11.0", field);
    return Number(id.slice(id.lastIndexOf(".") + 1));
  };
  return {
    /** get_account_history(account, stop, limit, start): the account's operations with stop < id <= start
     *  (start 1.11.0: the newest), newest first, at most `limit` (<= api_limit_get_account_history); an
     *  unknown account has none. Missing arguments read as 1.11.0 and limit 100. */
    get_account_history: ([account, stop, lim, start]) => {
      const limit = read<number>("uint32_t", lim ?? API_LIMITS.get_account_history, "limit");
      if (limit > API_LIMITS.get_account_history) {
        throw apiError("assert_exception", "api.limit", "limit", `limit can not be greater than ${API_LIMITS.get_account_history}`);
      }
      const stopAt = instance(stop, "stop");
      const startAt = instance(start, "start");
      const a = accountOf(node.chain.pendingState, read<string>("string", account, "account_id_or_name"));
      if (a === undefined) return [];
      return history.accountHistory(a.id, stopAt, limit, startAt).map((o) => write("operation_history_object", o));
    },
  };
}

/** The database and history apis of a node whose account history is recorded from `genesis` on (see
 *  recordHistory); bitshares-core's enable-subscribe-to-all is off unless `options` say otherwise. */
export function databaseAndHistoryApis(node: Node, genesis: T.GenesisStateType, options: Omit<DatabaseApiOptions, "history"> = {}): { database: Api; history: Api } {
  const history = recordHistory(node, genesis);
  // A reset drops every record: the history of the genesis state (block 0) is empty.
  node.on({ reset: () => history.apply({ appliedOps: [], state: node.chain.head }) });
  return { database: databaseApi(node, { ...options, history }), history: historyApi(node, history) };
}
