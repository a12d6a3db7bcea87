// The API server's framing: the call form with api ids and names, bitshares-core's error shape, and bad
// input of every kind answered (or the connection dropped) without stopping the server for others.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { devnetGenesis } from "../chain/devnet.js";
import { databaseApi, loginApi, networkBroadcastApi } from "./apis.js";
import { Node } from "./node.js";
import { RpcServer } from "./rpc.js";
import { MemoryBlockStore } from "./store.js";

let node: Node;
let server: RpcServer;

/** A client that sends frames and collects answers by id. */
async function client(): Promise<{ ws: WebSocket; call: (frame: string | Buffer) => Promise<any>; closed: Promise<number> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}`);
  const waiting: ((v: unknown) => void)[] = [];
  ws.on("message", (d) => waiting.shift()?.(JSON.parse(d.toString())));
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return { ws, closed, call: (frame) => new Promise((resolve) => { waiting.push(resolve); ws.send(frame); }) };
}

const req = (id: number, api: unknown, method: string, args: unknown[] = []) => JSON.stringify({ id, method: "call", params: [api, method, args] });

beforeAll(async () => {
  node = await Node.open({ genesis: devnetGenesis(), store: new MemoryBlockStore() });
  server = await RpcServer.listen({
    port: 0, maxPayload: 64 * 1024, maxInFlight: 8,
    apis: { login: loginApi(), database: databaseApi(node), network_broadcast: networkBroadcastApi(node), test: { hang: () => new Promise(() => {}) } },
  });
});

afterAll(async () => {
  await server.close();
  await node.close();
});

describe("the API's JSON-RPC", () => {
  it("login hands out api ids; calls by id and by name answer alike", async () => {
    const c = await client();
    expect(await c.call(req(1, 1, "login", ["", ""]))).toEqual({ id: 1, jsonrpc: "2.0", result: true });
    const db = (await c.call(req(2, 1, "database"))).result;
    expect(db).toBe(2);
    expect((await c.call(req(3, 1, "database"))).result).toBe(2);
    const byId = await c.call(req(4, db, "get_chain_id"));
    const byName = await c.call(req(5, "database", "get_chain_id"));
    expect(byId.result).toBe(node.chainId);
    expect(byName.result).toBe(node.chainId);
    const [dgpo] = (await c.call(req(6, db, "get_objects", [["2.1.0"]]))).result;
    expect(dgpo.head_block_number).toBe(0);
    // 64-bit amounts travel as strings, exactly.
    const [bal] = (await c.call(req(7, "database", "get_objects", [["1.15.0"]]))).result;
    expect(bal.balance.amount).toBe("1000000000000000");
    c.ws.close();
  });

  it("refusals come in bitshares-core's error shape with the exception's code and name", async () => {
    const c = await client();
    const unknownApi = await c.call(req(1, 9, "get_chain_id"));
    expect(unknownApi.error.data).toEqual(expect.objectContaining({ code: 10, name: "assert_exception" }));
    expect(unknownApi.error.data.stack[0].data).toEqual({ rule: "rpc.api_id", field: "params[0]" });
    expect((await c.call(req(2, "database", "no_such_method"))).error.data.stack[0].data.rule).toBe("rpc.method");
    expect((await c.call(req(3, "nope", "get_chain_id"))).error.data.stack[0].data.rule).toBe("rpc.api_name");
    const badArg = await c.call(req(4, "database", "get_block", ["x"]));
    expect(badArg.error.data).toEqual(expect.objectContaining({ name: "invalid_arg_exception", code: 5 }));
    expect(badArg.error.data.stack[0].data.field).toBe("block_num");
    const badTrx = await c.call(req(5, "network_broadcast", "broadcast_transaction", [{ ref_block_num: "x" }]));
    expect(badTrx.error.data).toEqual(expect.objectContaining({ name: "invalid_arg_exception", code: 5 }));
    expect(badTrx.error.data.stack[0].data.field).toBe("trx.ref_block_num");
    expect(badTrx.id).toBe(5);
    // Missing fields read as their defaults (fc's from_variant); the chain then refuses the empty transaction.
    const empty = await c.call(req(6, "network_broadcast", "broadcast_transaction", [{}]));
    expect(empty.error.data.stack[0].data.rule).toBe("transaction.has_operations");
    c.ws.close();
  });

  // Fuzz finding (properties/rpc.fuzz.test.ts, seed 1616829029): database.lookup_asset_symbols with no
  // arguments threw a TypeError inside the method (answered as the rpc.internal catch-all); the query
  // methods cast their parameters instead of reading them.
  it("query methods refuse parameters of the wrong kind with a typed error naming them", async () => {
    const c = await client();
    const cases: [string, unknown[], string][] = [
      ["lookup_asset_symbols", [], "symbols_or_ids"], ["lookup_asset_symbols", [[5]], "symbols_or_ids[0]"], ["get_vesting_balances", [7], "account"],
      ["get_account_balances", [5, []], "id"], ["get_account_by_name", [{}], "name"], ["get_liquidity_pools", ["1.19.0"], "ids"],
      ["get_collateral_bids", ["1.3.0", 10, -1], "skip"], ["list_liquidity_pools", [10, "init0"], "start_id"],
    ];
    for (const [i, [method, args, field]] of cases.entries()) {
      const answer = await c.call(req(i, "database", method, args));
      expect(answer.error?.data, method).toEqual(expect.objectContaining({ name: "invalid_arg_exception", code: 5 }));
      expect(answer.error.data.stack[0].data, method).toEqual({ rule: "query.from_json", field });
    }
    // An id of another type is not an asset, and asked as an account it is not one.
    expect((await c.call(req(20, "database", "lookup_asset_symbols", [["1.2.0"]]))).error.data.stack[0].data.field).toBe("symbols_or_ids[0]");
    expect((await c.call(req(21, "database", "get_account_balances", ["1.3.0", []]))).error.data.stack[0].data.rule).toBe("query.account_exists");
    expect((await c.call(req(22, "database", "lookup_asset_symbols", [["BTS", "1.3.0", "NOPE"]]))).result.map((a: any) => a?.id ?? null)).toEqual(["1.3.0", "1.3.0", null]);
    c.ws.close();
  });

  it("malformed frames get errors; oversized frames close only their connection", async () => {
    const c = await client();
    expect((await c.call("{not json")).error.data).toEqual(expect.objectContaining({ name: "parse_error_exception", code: 4 }));
    expect((await c.call("[1,2]")).error.data.stack[0].data.rule).toBe("rpc.request");
    expect((await c.call(Buffer.from([1, 2, 3]))).error.data.stack[0].data.rule).toBe("rpc.text_frame");
    expect((await c.call(JSON.stringify({ id: 9, method: "call", params: "x" }))).error.data.stack[0].data.rule).toBe("rpc.call_params");
    const big = await client();
    big.ws.send("x".repeat(70 * 1024));
    expect(await big.closed).toBe(1009);
    // The first connection still answers.
    expect((await c.call(req(10, "database", "get_chain_id"))).result).toBe(node.chainId);
    c.ws.close();
  });

  it("fuzzed frames never stop the server: every text frame gets an answer with its id or null", async () => {
    const c = await client();
    await fc.assert(fc.asyncProperty(fc.oneof(
      fc.string(),
      fc.json(),
      fc.record({ id: fc.integer(), method: fc.constantFrom("call", "login", "x"), params: fc.jsonValue() }).map((r) => JSON.stringify(r)),
      fc.tuple(fc.constantFrom(1, 2, "database", "login", "network_broadcast", -1, 1.5), fc.constantFrom("get_objects", "get_block", "get_accounts", "get_required_fees", "broadcast_transaction", "get_transaction_hex", "lookup_account_names"), fc.array(fc.jsonValue(), { maxLength: 3 }))
        .map(([api, m, args]) => req(77, api, m, args)),
    ), async (frame) => {
      const answer = await c.call(frame);
      expect("result" in answer || "error" in answer).toBe(true);
    }), { numRuns: 300, seed: 7 });
    expect((await c.call(req(1, "database", "get_chain_id"))).result).toBe(node.chainId);
    c.ws.close();
  });

  it("a connection flooding requests gets errors beyond its in-flight limit while others are served", async () => {
    const flood = await client();
    const answers: any[] = [];
    flood.ws.on("message", (d) => answers.push(JSON.parse(d.toString())));
    // Requests that never finish: 8 stay in flight, the other 12 are refused at once.
    for (let i = 0; i < 20; i++) flood.ws.send(req(100 + i, "test", "hang"));
    const other = await client();
    expect((await other.call(req(1, "database", "get_chain_id"))).result).toBe(node.chainId);
    await new Promise((r) => setTimeout(r, 200));
    expect(answers.map((a) => a.id)).toEqual(Array.from({ length: 12 }, (_, i) => 108 + i));
    expect(answers.every((a) => a.error.data.stack[0].data.rule === "rpc.in_flight")).toBe(true);
    flood.ws.close();
    other.ws.close();
  });
});
