// The node's database and history apis over a devnet node producing on a test clock: nathan claims the
// genesis balance (block 2) and pays init0 three times (block 3). Each method's answer is checked against
// bitshares-core's shapes (database_api.cpp, api.cpp, api_objects.hpp) and numbers derived from the devnet
// genesis; subscriptions are driven through fake connections that record their notices; one call goes over
// the wire.
import { either as E } from "fp-ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type * as T from "../../generated/native-types.js";
import { type Json, toJson } from "../codec/index.js";
import { bytesToHex } from "../codec/hex.js";
import { referenceBlock, transactionId } from "../crypto/digests.js";
import { publicKeyOf, secretFromSeed } from "../crypto/keys.js";
import { signTransaction } from "../crypto/transaction.js";
import { DEVNET_SECRET, devnetGenesis } from "../chain/devnet.js";
import { slotTime } from "../chain/index.js";
import { setFee } from "../protocol/fees/index.js";
import { MAX_SHARE_SUPPLY } from "../protocol/config.js";
import { API_LIMITS, databaseAndHistoryApis, databaseApi, loginApi, networkBroadcastApi } from "./apis.js";
import { Node } from "./node.js";
import { type Api, ApiError, type Connection, RpcServer } from "./rpc.js";
import { MemoryBlockStore } from "./store.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
let now = 0;
let node: Node;
let db: Api;
let dbAll: Api;
let history: Api;
let server: RpcServer;
const genesis = devnetGenesis();
const KEY = bytesToHex(E.getOrElseW(() => { throw new Error("key"); })(publicKeyOf(DEVNET_SECRET)));
const KEY_JSON = (toJson("public_key_type", KEY) as E.Right<Json>).right as string;
const OTHER_KEY = bytesToHex(E.getOrElseW(() => { throw new Error("key"); })(publicKeyOf(secretFromSeed("someone else"))));
const OTHER_KEY_JSON = (toJson("public_key_type", OTHER_KEY) as E.Right<Json>).right as string;
const core = (amount: bigint): T.Asset => ({ amount, asset_id: "1.3.0" });
let nathan: string;
let init0: string;
const transfers: T.SignedTransaction[] = [];

async function produce(): Promise<T.SignedBlock> {
  now = slotTime(node.chain.head, 1) * 1000;
  const r = await node.maybeProduce(now);
  if (r.block === undefined) throw new Error(`no block: ${r.condition} ${r.detail ?? ""}`);
  return r.block;
}

function build(operations: T.Operation[], sign = true): T.SignedTransaction {
  const st = node.chain.pendingState;
  const fees = st.find<T.GlobalPropertyObject>("2.0.0")!.parameters.current_fees;
  const ops = operations.map((op) => (setFee(op, fees) as E.Right<{ op: T.Operation }>).right.op);
  const d = st.find<T.DynamicGlobalPropertyObject>("2.1.0")!;
  const trx: T.SignedTransaction = { ...referenceBlock(d.head_block_id), expiration: d.time + 60, operations: ops, extensions: [], signatures: [] };
  if (!sign) return trx;
  const signed = signTransaction(trx as unknown as Record<string, unknown>, node.chainId, [DEVNET_SECRET]);
  if (E.isLeft(signed)) throw new Error(signed.left.message);
  return { ...trx, signatures: signed.right.signatures };
}

async function push(trx: T.SignedTransaction): Promise<void> {
  const r = await node.pushTransaction(trx);
  if (E.isLeft(r)) throw new Error(`${r.left.rule}: ${r.left.message}`);
}

const transfer = (amount: bigint): T.Operation => [0, { fee: core(0n), from: nathan, to: init0, amount: core(amount), extensions: [] }];

/** A connection that records its notices; close() runs its closers as the server does. */
function fakeConnection() {
  const notices: [Json, readonly Json[]][] = [];
  const closers: (() => void)[] = [];
  const connection: Connection = { register: () => 2, notice: (cb, values) => notices.push([cb, values]), onClose: (f) => closers.push(f) };
  return { connection, notices, close: () => closers.splice(0).forEach((f) => f()) };
}

const quiet = fakeConnection().connection;
const call = async (api: Api, method: string, args: Json[], connection: Connection = quiet): Promise<any> => api[method]!(args, connection);
/** The refusal a call throws: its exception, rule and field. */
async function refusal(api: Api, method: string, args: Json[]): Promise<{ exception: string; rule: string; field: string }> {
  try {
    await call(api, method, args);
  } catch (e) {
    if (e instanceof ApiError) return { exception: e.error.exception, rule: e.error.rule, field: e.error.field };
    throw e;
  }
  throw new Error(`${method} did not refuse`);
}

beforeAll(async () => {
  node = await Node.open({ genesis, store: new MemoryBlockStore(), witnessKeys: [DEVNET_SECRET], clock: () => now });
  ({ database: db, history } = databaseAndHistoryApis(node, genesis));
  dbAll = databaseApi(node, { enableSubscribeToAll: true });
  const id = (name: string) => node.chain.head.findUnique<T.AccountObject>(1, 2, "by_name", [name])!.id;
  nathan = id("nathan");
  init0 = id("init0");
  await produce();
  await push(build([[37, { fee: core(0n), deposit_to_account: nathan, balance_to_claim: "1.15.0", balance_owner_key: KEY, total_claimed: core(MAX_SHARE_SUPPLY) }]]));
  await produce();
  for (const amount of [1n, 2n, 3n]) {
    const trx = build([transfer(amount * 100000n)]);
    transfers.push(trx);
    await push(trx);
  }
  await produce();
  server = await RpcServer.listen({ port: 0, apis: { login: loginApi(), database: db, history, network_broadcast: networkBroadcastApi(node) } });
}, 60_000);

afterAll(async () => {
  await server.close();
  await node.close();
});

describe("database_api: globals, blocks and transactions", () => {
  it("get_config answers every constant of chain/get_config.cpp, 64-bit values beyond 32 bits as strings", async () => {
    const c = await call(db, "get_config", []);
    // chain/get_config.cpp sets 62 entries.
    expect(Object.keys(c)).toHaveLength(62);
    expect(c.GRAPHENE_SYMBOL).toBe("BTS");
    expect(c.GRAPHENE_MAX_SHARE_SUPPLY).toBe("1000000000000000");
    expect(c.GRAPHENE_DEFAULT_WORKER_BUDGET_PER_DAY).toBe("50000000000");
    expect(c.GRAPHENE_BLOCKCHAIN_PRECISION).toBe(100000);
    expect(c.GRAPHENE_DEFAULT_CASHBACK_VESTING_THRESHOLD).toBe(10000000);
    expect(c.GRAPHENE_100_PERCENT).toBe(10000);
    expect(c.GRAPHENE_MAX_UNDO_HISTORY).toBe(10000);
    expect(c.GRAPHENE_COMMITTEE_ACCOUNT).toBe("1.2.0");
    expect(c.GRAPHENE_TEMP_ACCOUNT).toBe("1.2.4");
  });

  it("get_block_header_batch maps each asked number (sorted, once) to its header or null", async () => {
    const batch = await call(db, "get_block_header_batch", [[3, 1, 99, 1], false]);
    expect(batch.map(([n]: [number]) => n)).toEqual([1, 3, 99]);
    expect(batch[1][1]).toEqual(await call(db, "get_block_header", [3]));
    expect(batch[1][1].witness_signature).toBeUndefined();
    expect(batch[2][1]).toBeNull();
    const signed = await call(db, "get_block_header_batch", [[2], true]);
    expect(signed[0][1].witness_signature).toMatch(/^[0-9a-f]{130}$/);
    expect((await refusal(db, "get_block_header_batch", [["x"]])).field).toBe("block_nums[0]");
  });

  it("get_transaction(block_num, trx_in_block) answers a block's processed transaction; refusals name the argument", async () => {
    const t = await call(db, "get_transaction", [3, 2]);
    expect(t.operations[0][1].amount).toEqual({ amount: 300000, asset_id: "1.3.0" });
    expect(t).toEqual((toJson("processed_transaction", node.chain.blocks.get(3)!.block.transactions[2]) as any).right);
    expect(t.signatures).toEqual(transfers[2]!.signatures);
    expect(await refusal(db, "get_transaction", [3, 3])).toEqual({ exception: "assert_exception", rule: "api.trx_in_block", field: "trx_in_block" });
    expect(await refusal(db, "get_transaction", [99, 0])).toEqual({ exception: "assert_exception", rule: "api.block_exists", field: "block_num" });
  });

  it("get_recent_transaction_by_id finds a transaction still in the duplicate-detection index, else null", async () => {
    const id = (transactionId(transfers[0]!) as E.Right<string>).right;
    const t = await call(db, "get_recent_transaction_by_id", [id]);
    expect(t.operations[0][1].amount).toEqual({ amount: 100000, asset_id: "1.3.0" });
    expect(t.signatures).toEqual(transfers[0]!.signatures);
    expect(await call(db, "get_recent_transaction_by_id", ["00".repeat(20)])).toBeNull();
  });
});

describe("database_api: accounts and keys", () => {
  it("get_full_accounts answers full_account in its reflected member order, keyed by the name or id asked", async () => {
    const full = await call(db, "get_full_accounts", [["nathan", init0, "nobody"], false]);
    expect(full.map(([k]: [string]) => k)).toEqual([init0, "nathan"]);
    const n = full[1][1];
    expect(Object.keys(n)).toEqual(["account", "statistics", "registrar_name", "referrer_name", "lifetime_referrer_name", "votes", "balances", "vesting_balances",
      "limit_orders", "call_orders", "settle_orders", "proposals", "assets", "withdraws_from", "withdraws_to", "htlcs_from", "htlcs_to", "more_data_available"]);
    expect(n.account.name).toBe("nathan");
    expect(n.statistics.id).toBe(n.account.statistics);
    expect(n.statistics.owner).toBe(nathan);
    // nathan paid three transfer fees of 20 BTS (the default schedule's transfer fee without a memo).
    expect(n.balances).toHaveLength(1);
    expect(BigInt(n.balances[0].balance)).toBe(MAX_SHARE_SUPPLY - 600000n - 3n * 2000000n);
    const registrar = node.chain.head.find<T.AccountObject>(n.account.registrar)!.name;
    expect(n.registrar_name).toBe(registrar);
    expect(n.more_data_available).toEqual({
      balances: false, vesting_balances: false, limit_orders: false, call_orders: false, settle_orders: false, proposals: false, assets: false,
      withdraws_from: false, withdraws_to: false, htlcs_from: false, htlcs_to: false,
    });
    expect(full[0][1].balances[0]).toEqual(expect.objectContaining({ owner: init0, asset_type: "1.3.0", balance: 600000 }));
  });

  it("get_full_accounts refuses more than api_limit_get_full_accounts names", async () => {
    const names = Array.from({ length: API_LIMITS.get_full_accounts + 1 }, () => "nathan");
    expect(await refusal(db, "get_full_accounts", [names])).toEqual({ exception: "assert_exception", rule: "api.names_or_ids_limit", field: "names_or_ids" });
    expect(await call(db, "get_full_accounts", [names.slice(1)])).toHaveLength(1);
  });

  it("get_account_count counts the six special accounts, init0..init10 and nathan", async () => {
    expect(await call(db, "get_account_count", [])).toBe(18);
  });

  it("get_key_references and is_public_key_registered find the accounts whose authorities or memo hold the key", async () => {
    const [refs, none] = await call(db, "get_key_references", [[KEY_JSON, OTHER_KEY_JSON]]);
    // init0..init10 and nathan: the devnet key is every one's owner, active and memo key.
    expect(refs).toHaveLength(12);
    expect(refs).toContain(nathan);
    expect(refs).toEqual([...refs].sort((a: string, b: string) => Number(a.split(".")[2]) - Number(b.split(".")[2])));
    expect(none).toEqual([]);
    expect(await call(db, "is_public_key_registered", [KEY_JSON])).toBe(true);
    expect(await call(db, "is_public_key_registered", [OTHER_KEY_JSON])).toBe(false);
    expect(await call(db, "is_public_key_registered", [""])).toBe(false);
    expect(await call(db, "is_public_key_registered", ["BTSnot-a-key"])).toBe(false);
    const many = Array.from({ length: API_LIMITS.get_key_references + 1 }, () => KEY_JSON);
    expect(await refusal(db, "get_key_references", [many])).toEqual({ exception: "assert_exception", rule: "api.keys_limit", field: "keys" });
  });

  it("get_account_references lists the accounts whose authorities name the account; an unknown account is refused", async () => {
    const refs: string[] = await call(db, "get_account_references", ["1.2.0"]);
    const expected = [...node.chain.pendingState.all<T.AccountObject>(1, 2)]
      .filter((a) => [...a.owner.account_auths, ...a.active.account_auths].some(([x]) => x === "1.2.0")).map((a) => a.id);
    expect(refs).toEqual(expected);
    expect(await call(db, "get_account_references", ["nathan"])).toEqual([]);
    expect(await refusal(db, "get_account_references", ["nobody"])).toEqual({ exception: "assert_exception", rule: "api.account_exists", field: "account_id_or_name" });
  });
});

describe("database_api: authority checks", () => {
  it("get_potential_signatures answers nathan's key for his transfer; get_potential_address_signatures none", async () => {
    const trx = build([transfer(1n)], false);
    expect(await call(db, "get_potential_signatures", [(toJson("signed_transaction", trx) as any).right])).toEqual([KEY_JSON]);
    expect(await call(db, "get_potential_address_signatures", [(toJson("signed_transaction", trx) as any).right])).toEqual([]);
  });

  it("verify_authority passes a signed transfer and refuses an unsigned one with the missing authority", async () => {
    const signed = (toJson("signed_transaction", build([transfer(1n)])) as any).right;
    expect(await call(db, "verify_authority", [signed])).toBe(true);
    const unsigned = (toJson("signed_transaction", build([transfer(1n)], false)) as any).right;
    expect(await refusal(db, "verify_authority", [unsigned])).toEqual(expect.objectContaining({ exception: "tx_missing_active_auth", field: "operations[0][1].from" }));
  });

  it("verify_account_authority: true for the account's key, false for another key or an extra one, refused for no account", async () => {
    expect(await call(db, "verify_account_authority", ["nathan", [KEY_JSON]])).toBe(true);
    expect(await call(db, "verify_account_authority", ["nathan", [OTHER_KEY_JSON]])).toBe(false);
    // An unused key is tx_irrelevant_sig, so false.
    expect(await call(db, "verify_account_authority", ["nathan", [KEY_JSON, OTHER_KEY_JSON]])).toBe(false);
    expect(await refusal(db, "verify_account_authority", ["nobody", [KEY_JSON]])).toEqual({ exception: "assert_exception", rule: "api.account_exists", field: "account_name_or_id" });
  });
});

describe("history_api.get_account_history", () => {
  const ids = async (account: string, stop: string, limit: number, start: string) =>
    (await call(history, "get_account_history", [account, stop, limit, start])).map((o: any) => o.id);

  it("lists the account's operations newest first: the claim is 1.11.0, the transfers 1.11.1..3", async () => {
    expect(await ids("nathan", "1.11.0", 100, "1.11.0")).toEqual(["1.11.3", "1.11.2", "1.11.1", "1.11.0"]);
    expect(await ids("init0", "1.11.0", 100, "1.11.0")).toEqual(["1.11.3", "1.11.2", "1.11.1"]);
    const [newest] = await call(history, "get_account_history", [init0, "1.11.0", 1, "1.11.0"]);
    const block3 = node.chain.blocks.get(3)!.block;
    expect(newest).toEqual({
      id: "1.11.3", op: (toJson("operation", block3.transactions[2]!.operations[0]) as any).right, result: [0, {}], block_num: 3, trx_in_block: 2, op_in_trx: 0,
      virtual_op: 0, is_virtual: false, block_time: (toJson("time_point_sec", block3.timestamp) as any).right,
    });
  });

  it("keeps stop < id <= start and the limit; operation 0 only when stop is 1.11.0", async () => {
    expect(await ids("nathan", "1.11.0", 2, "1.11.0")).toEqual(["1.11.3", "1.11.2"]);
    expect(await ids("nathan", "1.11.0", 100, "1.11.2")).toEqual(["1.11.2", "1.11.1", "1.11.0"]);
    expect(await ids("nathan", "1.11.1", 100, "1.11.0")).toEqual(["1.11.3", "1.11.2"]);
    expect(await ids("nathan", "1.11.0", 3, "1.11.0")).toEqual(["1.11.3", "1.11.2", "1.11.1"]);
    expect(await ids("nathan", "1.11.3", 100, "1.11.2")).toEqual([]);
    expect(await ids("nobody", "1.11.0", 100, "1.11.0")).toEqual([]);
    expect(await ids("init1", "1.11.0", 100, "1.11.0")).toEqual([]);
  });

  it("refuses a limit above api_limit_get_account_history and malformed ids", async () => {
    expect(await refusal(history, "get_account_history", ["nathan", "1.11.0", 101, "1.11.0"])).toEqual({ exception: "assert_exception", rule: "api.limit", field: "limit" });
    expect((await refusal(history, "get_account_history", ["nathan", "1.2.0", 1, "1.11.0"])).field).toBe("stop");
  });

  it("get_objects answers recorded operation_history_objects", async () => {
    const [op, missing] = await call(db, "get_objects", [["1.11.0", "1.11.99"]]);
    expect(op.op[0]).toBe(37);
    expect(missing).toBeNull();
  });

  it("a node opened on stored blocks rebuilds the history by applying them again", async () => {
    const store = new MemoryBlockStore();
    await store.setChainId(node.chainId);
    await store.writeChain([1, 2, 3].map((num) => ({ num, block: node.chain.blocks.get(num)!.block })));
    const again = await Node.open({ genesis, store, clock: () => now });
    const apis = databaseAndHistoryApis(again, genesis);
    expect((await call(apis.history, "get_account_history", ["nathan", "1.11.0", 100, "1.11.0"])).map((o: any) => o.id)).toEqual(["1.11.3", "1.11.2", "1.11.1", "1.11.0"]);
    await again.close();
  });
});

describe("database_api subscriptions", () => {
  it("objects read with get_objects/get_accounts after set_subscribe_callback are sent when a block changes them", async () => {
    const c = fakeConnection();
    // Before a callback is set, nothing subscribes.
    await call(db, "get_objects", [["2.1.0"]], c.connection);
    await produce();
    expect(c.notices).toEqual([]);
    await call(db, "set_subscribe_callback", [7, false], c.connection);
    await call(db, "get_objects", [["2.1.0"]], c.connection);
    // subscribe=false: not subscribed.
    await call(db, "get_accounts", [["init1"], false], c.connection);
    const block = await produce();
    expect(c.notices).toHaveLength(1);
    const [cb, [updates]] = c.notices[0]! as [Json, [any[]]];
    expect(cb).toBe(7);
    expect(updates.map((o) => o.id)).toEqual(["2.1.0"]);
    expect(updates[0].head_block_number).toBe(node.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_number);
    expect(updates[0].time).toBe((toJson("time_point_sec", block.timestamp) as any).right);
    // cancel_all_subscriptions: nothing more.
    await call(db, "cancel_all_subscriptions", [], c.connection);
    await produce();
    expect(c.notices).toHaveLength(1);
  });

  it("get_full_accounts(subscribe) sends every changed object of a block that touches the account", async () => {
    const c = fakeConnection();
    await call(db, "set_subscribe_callback", [8, false], c.connection);
    await call(db, "get_full_accounts", [["init0"], true], c.connection);
    const before = c.notices.length;
    await push(build([transfer(5n)]));
    await produce();
    const sent = c.notices.slice(before).flatMap(([, [u]]) => u as any[]);
    const balance = node.chain.head.findUnique<T.AccountBalanceObject>(2, 5, "by_account_asset", [Number(init0.split(".")[2]), 0])!;
    expect(sent.map((o) => o.id)).toContain(balance.id);
    // The whole batch goes: the dynamic global properties changed in the same block.
    expect(sent.map((o) => o.id)).toContain("2.1.0");
    c.close();
  });

  it("notify_remove_create needs enable-subscribe-to-all; with it every new and removed object is sent", async () => {
    expect(await refusal(db, "set_subscribe_callback", [9, true])).toEqual({ exception: "assert_exception", rule: "api.subscribe_to_all", field: "notify_remove_create" });
    const c = fakeConnection();
    await call(dbAll, "set_subscribe_callback", [9, true], c.connection);
    const trx = build([transfer(6n)]);
    await push(trx);
    await produce();
    const trxId = (transactionId(trx) as E.Right<string>).right;
    const created = c.notices.flatMap(([, [u]]) => u as any[]).filter((o) => typeof o === "object" && o !== null);
    // The transaction's duplicate-detection record (2.7.x) is a new object.
    expect(created.some((o) => o.id.startsWith("2.7.") && o.trx_id === trxId)).toBe(true);
    // After the connection closes nothing is sent.
    c.close();
    const n = c.notices.length;
    await push(build([transfer(7n)]));
    await produce();
    expect(c.notices).toHaveLength(n);
  });

  it("a removed object is sent by its id: a transaction's duplicate-detection record once the transaction expired", async () => {
    const c = fakeConnection();
    const all = fakeConnection();
    await call(db, "set_subscribe_callback", [12, false], c.connection);
    await call(dbAll, "set_subscribe_callback", [13, true], all.connection);
    const trx = build([transfer(10n)]);
    await push(trx);
    await produce();
    const record = node.chain.head.findUnique<T.TransactionHistoryObject>(2, 7, "by_trx_id", [(transactionId(trx) as E.Right<string>).right])!;
    await call(db, "get_objects", [[record.id]], c.connection);
    // The record goes with the first block after the expiration (60 s after the head time it was built at).
    for (let i = 0; i < 30 && node.chain.head.find(record.id) !== undefined; i++) await produce();
    expect(node.chain.head.find(record.id)).toBeUndefined();
    expect(c.notices).toEqual([[12, [[record.id]]]]);
    expect(all.notices.flatMap(([, [u]]) => u as Json[]).filter((x) => typeof x === "string")).toContain(record.id);
    // A second set_subscribe_callback drops the subscriptions made under the first.
    await call(db, "set_subscribe_callback", [14, false], c.connection);
    await call(db, "get_objects", [["2.1.0"]], c.connection);
    await call(db, "set_subscribe_callback", [15, false], c.connection);
    await produce();
    expect(c.notices).toHaveLength(1);
    c.close();
    all.close();
  });

  it("set_pending_transaction_callback sends each transaction accepted as pending", async () => {
    const c = fakeConnection();
    await call(db, "set_pending_transaction_callback", [11], c.connection);
    const trx = build([transfer(8n)]);
    await push(trx);
    expect(c.notices).toEqual([[11, [(toJson("signed_transaction", trx) as any).right]]]);
    await produce();
    c.close();
    await push(build([transfer(9n)]));
    expect(c.notices).toHaveLength(1);
    await produce();
  });

  it("over the wire: notices arrive as {method: notice, params: [callback, [updates]]}", async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}`);
    const messages: any[] = [];
    ws.on("message", (d) => messages.push(JSON.parse(d.toString())));
    await new Promise((resolve) => ws.once("open", resolve));
    ws.send(JSON.stringify({ id: 1, method: "call", params: ["database", "set_subscribe_callback", [5, false]] }));
    ws.send(JSON.stringify({ id: 2, method: "call", params: ["database", "get_objects", [["2.1.0"]]] }));
    while (messages.length < 2) await new Promise((r) => setTimeout(r, 10));
    await produce();
    while (messages.length < 3) await new Promise((r) => setTimeout(r, 10));
    expect(messages[2].method).toBe("notice");
    expect(messages[2].params[0]).toBe(5);
    expect(messages[2].params[1][0][0].id).toBe("2.1.0");
    ws.close();
  });
});
