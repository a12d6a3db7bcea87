// Fuzzing the node's API (src/node/rpc.ts framing, src/node/apis.ts methods) on one devnet node with a few
// blocks: every served method called directly with random arguments (random JSON, ids, names, keys,
// numbers out of range, transactions and operations of the protocol), and frames over WebSocket (random
// bytes, random text, random JSON, call frames of every method with random arguments). Each call answers
// JSON or a typed refusal (ApiError: a bitshares-core exception with a rule and a field), never another
// exception (which the server would report as the "rpc.internal" catch-all); a refused broadcast leaves the
// pending state as it was; each frame gets one answer in fc's error shape or a result, carrying the
// request's id; and after each batch the node answers a good call on the same connection.
import { either as E } from "fp-ts";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { DEVNET_SECRET, devnetGenesis } from "../src/chain/devnet.js";
import { slotTime } from "../src/chain/index.js";
import { type Json, toJson } from "../src/codec/index.js";
import { parseJson } from "../src/codec/json-text.js";
import { databaseAndHistoryApis, loginApi, networkBroadcastApi } from "../src/node/apis.js";
import { Node } from "../src/node/node.js";
import { type Api, ApiError, type Connection, RpcServer } from "../src/node/rpc.js";
import { MemoryBlockStore } from "../src/node/store.js";
import { EXCEPTION_CODES } from "../src/protocol/errors.js";
import { anyValue, arbitraryFor } from "./arbitraries.js";
import { fuzzRuns } from "./fuzz_inputs.js";

/** Direct calls are cheap (a method each); frames travel over loopback. */
const CALL_RUNS = fuzzRuns(1 / 20, 400);
const FRAME_RUNS = fuzzRuns(1 / 4, 100);

let node: Node;
let server: RpcServer;
let apis: Record<string, Api>;
const clock = { now: 0 };

beforeAll(async () => {
  const genesis = devnetGenesis();
  node = await Node.open({ genesis, store: new MemoryBlockStore(), witnessKeys: [DEVNET_SECRET], clock: () => clock.now });
  apis = { login: loginApi(), ...databaseAndHistoryApis(node, genesis), network_broadcast: networkBroadcastApi(node) };
  for (let i = 0; i < 3; i++) {
    clock.now = slotTime(node.chain.head, 1) * 1000;
    const r = await node.maybeProduce(clock.now);
    if (r.condition !== "produced") throw new Error(`not produced: ${r.condition}`);
  }
  server = await RpcServer.listen({ port: 0, apis, maxPayload: 256 * 1024 });
});

afterAll(async () => {
  await server?.close();
  await node?.close();
});

// ------------------------------------------------------------------ arguments

const KEY = "BTS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV";
const constraints = anyValue();
const jsonOf = (type: string): fc.Arbitrary<Json> => arbitraryFor(type, constraints).map((v) => (toJson(type, v) as E.Right<Json>).right);
const known = fc.constantFrom<Json>(
  "1.2.0", "1.2.5", "1.2.6", "1.2.16", "1.2.17", "1.2.999999", "1.3.0", "1.5.0", "1.6.1", "1.11.0", "1.11.3", "2.0.0", "2.1.0", "2.2.0", "2.6.0",
  "2.9.0", "1.2.18446744073709551615", "1.2.-1", "1.2", "init0", "nathan", "committee-account", "BTS", "NOPE", "", KEY, "BTS1111", "0", "1",
  "00".repeat(20), "1.2.x",
);
const numbers = fc.constantFrom<Json>(0, 1, 2, 3, 4, 100, 101, 1000, -1, 2 ** 31, 2 ** 32, 2 ** 53, 1e300, 0.5, "18446744073709551616");
/** One argument: anything JSON, with values that mean something to the apis more often than chance gives. */
const arg: fc.Arbitrary<Json> = fc.oneof(
  { weight: 2, arbitrary: fc.jsonValue() as fc.Arbitrary<Json> },
  { weight: 3, arbitrary: known },
  { weight: 2, arbitrary: numbers },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.array(fc.oneof(known, numbers), { maxLength: 5 }) },
  { weight: 1, arbitrary: jsonOf("signed_transaction") },
  { weight: 1, arbitrary: fc.array(jsonOf("operation"), { maxLength: 2 }) },
  { weight: 1, arbitrary: jsonOf("operation") },
);
const args = fc.array(arg, { maxLength: 4 });

function methods(): [string, string][] {
  return Object.entries(apis).flatMap(([api, m]) => Object.keys(m).map((name): [string, string] => [api, name]));
}

// ------------------------------------------------------------------ checks

function expectTypedRefusal(e: unknown, what: string): void {
  expect(e instanceof ApiError, `${what} threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`).toBe(true);
  const c = (e as ApiError).error;
  expect(EXCEPTION_CODES[c.exception]).toBe(c.code);
  expect(c.rule).toMatch(/^[a-z_0-9]+\.[a-z_0-9.[\]]+$/);
  expect(typeof c.field).toBe("string");
}

/** What a client would see for the answer: JSON text that parses. */
function expectJson(v: unknown, what: string): void {
  let text: string | undefined;
  expect(() => { text = JSON.stringify(v, (_, x) => (typeof x === "bigint" ? x.toString() : x)); }, what).not.toThrow();
  if (v !== undefined) expect(E.isRight(parseJson(text!)), what).toBe(true);
}

const connection = (): Connection => {
  const names = ["", "login"];
  return { register: (n) => (names.includes(n) ? names.indexOf(n) : names.push(n) - 1), notice: () => {}, onClose: () => {} };
};

/** A call that does not settle soon: only a synchronous broadcast waits (for a block that never comes). */
const WAITS = new Set(["broadcast_transaction_synchronous"]);

async function callDirectly(api: string, method: string, a: Json[]): Promise<void> {
  const what = `${api}.${method}(${JSON.stringify(a).slice(0, 300)})`;
  const pendingBefore = node.chain.pendingState;
  const headBefore = node.chain.head;
  let outcome: { value: unknown } | { error: unknown } | "waiting";
  try {
    const v = apis[api]![method]!(a, connection());
    outcome = v instanceof Promise
      ? await Promise.race([v.then((value) => ({ value }), (error: unknown) => ({ error })), new Promise<"waiting">((r) => setTimeout(() => r("waiting"), 200))])
      : { value: v };
  } catch (error) {
    outcome = { error };
  }
  if (outcome === "waiting") {
    expect(WAITS.has(method), `${what} did not settle`).toBe(true);
    return;
  }
  if ("error" in outcome) {
    expectTypedRefusal(outcome.error, what);
    // A refusal changes nothing.
    expect(node.chain.pendingState, `${what} was refused but changed the pending state`).toBe(pendingBefore);
    expect(node.chain.head).toBe(headBefore);
  } else expectJson(outcome.value, what);
}

/** A client collecting answers (notices set aside). */
async function client(): Promise<{ ws: WebSocket; call: (frame: string | Buffer) => Promise<any> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}`);
  const waiting: ((v: unknown) => void)[] = [];
  ws.on("message", (d) => {
    const m = JSON.parse(d.toString()) as { method?: string };
    if (m.method !== "notice") waiting.shift()?.(m);
  });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  const call = (frame: string | Buffer) => new Promise<any>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer to ${String(frame).slice(0, 200)}`)), 5000);
    waiting.push((v) => { clearTimeout(t); resolve(v); });
    ws.send(frame);
  });
  return { ws, call };
}

/** fc's answer: a result, or an error with the exception's code and name and btsref's rule and field. */
function expectAnswer(answer: any, id: Json | undefined, frame: string): void {
  expect(answer.jsonrpc).toBe("2.0");
  if (id !== undefined) expect(answer.id).toEqual(id);
  if ("result" in answer) return;
  const data = answer.error?.data;
  expect(typeof answer.error?.message).toBe("string");
  expect(EXCEPTION_CODES[data.name as keyof typeof EXCEPTION_CODES], frame).toBe(data.code);
  expect(data.stack[0].data.rule, `${frame.slice(0, 300)}: ${data.stack[0].format}`).not.toBe("rpc.internal");
  expect(typeof data.stack[0].data.field).toBe("string");
}

describe("API methods called directly", () => {
  it("every method with random arguments answers JSON or a typed refusal that changes nothing", async () => {
    const all = methods();
    expect(all.length).toBeGreaterThan(40);
    await fc.assert(fc.asyncProperty(fc.constantFrom(...all), args, async ([api, method], a) => callDirectly(api, method, a)), { numRuns: CALL_RUNS });
  });
});

describe("API frames over WebSocket", () => {
  let c: Awaited<ReturnType<typeof client>>;
  beforeAll(async () => { c = await client(); });
  afterAll(() => c?.ws.close());

  const stillServes = async () => {
    const answer = await c.call(JSON.stringify({ id: "ok", method: "call", params: ["database", "get_chain_id", []] }));
    expect(answer).toEqual({ id: "ok", jsonrpc: "2.0", result: node.chainId });
  };

  it("random bytes and text get an error answer", async () => {
    const frame = fc.oneof(
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString("latin1")),
    );
    await fc.assert(fc.asyncProperty(frame, async (f) => expectAnswer(await c.call(f), undefined, String(f))), { numRuns: FRAME_RUNS });
    await stillServes();
  });

  it("random JSON and random requests get an answer in fc's shape", async () => {
    const frame = fc.oneof(
      fc.jsonValue().map((j) => JSON.stringify(j)),
      fc.record({ id: fc.oneof(fc.integer(), fc.string(), fc.constant(null)), method: fc.oneof(fc.constantFrom("call", "login", "database", "get_chain_id"), fc.string()), params: fc.jsonValue() }, { requiredKeys: [] })
        .map((r) => JSON.stringify(r)),
    );
    await fc.assert(fc.asyncProperty(frame, async (f) => expectAnswer(await c.call(f), undefined, f)), { numRuns: FRAME_RUNS });
    await stillServes();
  });

  it("call frames of every method with random arguments get a result or a typed error with their id", async () => {
    const apiRef = fc.constantFrom<Json>(1, 2, 3, 4, 0, -1, 99, 1.5, "login", "database", "history", "network_broadcast", "nope");
    await c.call(JSON.stringify({ id: 0, method: "call", params: [1, "database", []] }));
    let id = 1;
    await fc.assert(fc.asyncProperty(fc.constantFrom(...methods()), fc.option(apiRef), args, async ([api, method], ref, a) => {
      if (method === "broadcast_transaction_synchronous") return;
      const frame = JSON.stringify({ id: ++id, method: "call", params: [ref ?? api, method, a] });
      expectAnswer(await c.call(frame), id, frame);
    }), { numRuns: FRAME_RUNS * 2 });
    await stillServes();
  });
});
