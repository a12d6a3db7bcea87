// The apis a node serves (libraries/app/api.cpp, database_api.cpp): login_api hands out the others;
// database_api reads the pending state (as bitshares-core's does) with the scenario runner's query table
// plus the methods that need the node (blocks, chain id, subscriptions); network_broadcast_api pushes
// transactions; history_api reads the account history the node records from applied operations.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { type Json, fromJson, toJson, encode } from "../codec/index.js";
import { bytesToHex } from "../codec/hex.js";
import { transactionId } from "../crypto/digests.js";
import type { ChainState } from "../chain/index.js";
import { fetchBlockByNumber } from "../consensus/blockchain.js";
import { QUERIES, objectJson } from "../scenario/queries.js";
import { calculateFeeInAsset } from "../protocol/fees/index.js";
import type { ChainError } from "../protocol/errors.js";
import { OBJECT_TYPES } from "../protocol/config.js";
import type { Node } from "./node.js";
import { type Api, ApiError, type Connection, apiError } from "./rpc.js";

const must = <R>(r: E.Either<ChainError, R>): R => {
  if (E.isLeft(r)) throw new ApiError(r.left);
  return r.right;
};

function read<V>(type: string, value: Json | undefined, field: string): V {
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

/** database_api over the node's pending state. */
export function databaseApi(node: Node): Api {
  const state = () => node.chain.pendingState;
  const queries: Record<string, (args: readonly Json[]) => Json> = {};
  for (const [name, handler] of Object.entries(QUERIES)) queries[name] = (args) => must(handler(state(), args));
  const blockJson = (num: Json | undefined) => {
    const n = read<number>("uint32_t", num, "block_num");
    const block = fetchBlockByNumber(node.chain, n);
    return block === undefined ? null : write("signed_block", block);
  };
  return {
    ...queries,
    get_objects: ([ids]) => (Array.isArray(ids) ? ids : []).map((id, i) => must(objectJson(state(), read<string>("string", id, `ids[${i}]`)))),
    get_chain_id: () => node.chainId,
    get_block: ([num]) => blockJson(num),
    get_block_header: ([num, withSignature]) => {
      const b = blockJson(num) as Record<string, Json> | null;
      if (b === null) return null;
      const { transactions: _, witness_signature, ...header } = b;
      return withSignature === true ? { ...header, witness_signature: witness_signature ?? null } : header;
    },
    get_accounts: ([ids]) => (Array.isArray(ids) ? ids : []).map((id, i) => {
      const a = accountOf(state(), read<string>("string", id, `account_names_or_ids[${i}]`));
      return a === undefined ? null : write("account_object", a);
    }),
    lookup_account_names: ([names]) => (Array.isArray(names) ? names : []).map((n, i) => {
      const a = state().findUnique<T.AccountObject>(1, OBJECT_TYPES.account, "by_name", [read<string>("string", n, `account_names[${i}]`)]);
      return a === undefined ? null : write("account_object", a);
    }),
    get_named_account_balances: ([name, assets]) => must(QUERIES.get_account_balances!(state(), [name ?? null, assets ?? []])),
    get_assets: ([ids]) => (Array.isArray(ids) ? ids : []).map((id, i) => {
      const a = state().find<T.AssetObject>(read<string>("string", id, `asset_symbols_or_ids[${i}]`));
      return a === undefined ? null : write("asset_object", a);
    }),
    get_transaction_hex: ([trx]) => {
      const bytes = encode("signed_transaction", read("signed_transaction", trx, "trx"));
      if (E.isLeft(bytes)) throw apiError("invalid_arg_exception", "api.encode", bytes.left.path, bytes.left.message);
      return bytesToHex(bytes.right);
    },
    /** get_required_fees(ops, asset): each operation's fee in `asset` at the current schedule and its
     *  core exchange rate. */
    get_required_fees: ([ops, assetId]) => {
      const asset = state().find<T.AssetObject>(read<string>("asset_id_type", assetId, "id"));
      if (asset === undefined) throw apiError("assert_exception", "api.asset_exists", "id", `no asset ${String(assetId)}`);
      const schedule = state().find<T.GlobalPropertyObject>("2.0.0")!.parameters.current_fees;
      return (Array.isArray(ops) ? ops : []).map((op, i) => {
        const fee = must(calculateFeeInAsset(read<T.Operation>("operation", op, `ops[${i}]`), schedule, asset.options.core_exchange_rate));
        return write("asset", fee);
      });
    },
    set_subscribe_callback: () => null,
    set_pending_transaction_callback: () => null,
    /** Each applied block's id is sent to the callback. */
    set_block_applied_callback: ([cb], connection) => {
      const off = node.on({ block: (applied) => connection.notice(cb ?? null, [write("block_id_type", blockIdOf(applied.state))]) });
      connection.onClose(off);
      return null;
    },
    cancel_all_subscriptions: () => null,
  };
}

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

/** login_api: any user and password are accepted (as bitshares-core with no api-access file). */
export function loginApi(): Api {
  const handOut = (name: string): Api[string] => (_args, connection) => connection.register(name);
  return {
    login: () => true,
    database: handOut("database"),
    network_broadcast: handOut("network_broadcast"),
    history: handOut("history"),
  };
}
