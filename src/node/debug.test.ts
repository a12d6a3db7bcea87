// The debug API (src/node/debug.ts) on a real node over the wire: refused unless enabled (as
// login_api::debug asserts the debug_witness plugin), blocks pushed with every check and refused with typed
// errors that leave the node serving, and the reset to genesis: state, block history, account history and
// the LevelDB block store emptied, subscribers told. The blocks are the conformance world set-up's
// (conformance/vectors/transaction-apply/operations.json), signed for database_fixture's genesis.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { either as E } from "fp-ts";
import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type * as T from "../../generated/native-types.js";
import { type Json, fromJson } from "../codec/index.js";
import { devnetGenesis } from "../chain/devnet.js";
import type { Setup, Step } from "../conformance/format.js";
import { committed } from "../conformance/test_support.js";
import { type RunningNode, startNode } from "./run.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
const apply = committed("transaction-apply/operations.json");
const WORLD: Setup = apply.setups!["world"]!;
const GENESIS = (fromJson("genesis_state_type", WORLD.genesis) as E.Right<T.GenesisStateType>).right;
const BLOCKS = WORLD.steps.filter((s) => "push_block" in s).length;
/** A block on the world set-up's head signed by the wrong key (block-apply/refused-witness-signature). */
const BAD_SIGNATURE = committed("block-apply/blocks.json").vectors.find((v) => v.id === "block-apply/refused-witness-signature")! as { block: Json };

/** A client: calls answered with {result} or {error}; notices recorded. */
async function connect(port: number) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let next = 1;
  const waiting = new Map<number, (m: any) => void>();
  const notices: any[] = [];
  ws.on("message", (d) => {
    const m = JSON.parse(d.toString());
    if (m.method === "notice") notices.push(m.params);
    else waiting.get(m.id)?.(m);
  });
  const call = (api: string | number, method: string, args: unknown[] = []): Promise<any> => new Promise((resolve) => {
    const id = next++;
    waiting.set(id, resolve);
    ws.send(JSON.stringify({ id, method: "call", params: [api, method, args] }));
  });
  return { call, notices, close: () => ws.close() };
}
type Client = Awaited<ReturnType<typeof connect>>;

const ok = (answer: any): any => {
  if (answer.error !== undefined) throw new Error(`refused: ${answer.error.message}`);
  return answer.result;
};
const head = async (c: Client): Promise<{ head_block_number: number; head_block_id: string }> => ok(await c.call("database", "get_dynamic_global_properties"));

async function replay(c: Client, debug: number, steps: readonly Step[]): Promise<void> {
  for (const s of steps) {
    if ("push_block" in s) ok(await c.call(debug, "debug_push_block", [s.push_block.block]));
    else ok(await c.call("network_broadcast", "broadcast_transaction", [s.push_transaction.transaction]));
  }
}

const dirs: string[] = [];
const running: RunningNode[] = [];
afterAll(async () => {
  for (const r of running.splice(0)) await r.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("the debug API", () => {
  it("is refused when the node was not started with it: login_api.debug asserts, no api is named debug", async () => {
    const node = await startNode({ genesis: devnetGenesis(), port: 0, witnessKeys: [] });
    running.push(node);
    const c = await connect(node.api.port);
    const viaLogin = await c.call(1, "debug");
    expect(viaLogin.error.data).toMatchObject({ name: "assert_exception", code: 10 });
    expect(viaLogin.error.data.stack[0].data.rule).toBe("login_api.debug_enabled");
    expect(viaLogin.error.message).toMatch(/--enable-debug-api/);
    const byName = await c.call("debug", "debug_reset_to_genesis");
    expect(byName.error.data).toMatchObject({ name: "assert_exception", code: 10 });
    expect(byName.error.data.stack[0].data.rule).toBe("rpc.api_name");
    expect(ok(await c.call("database", "get_chain_id"))).toBe(node.node.chainId);
    c.close();
  });

  it("pushes blocks with every check, refuses bad ones with typed errors, and resets to genesis with the store emptied", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "btsref-debug-"));
    dirs.push(dataDir);
    const start = async () => {
      const n = await startNode({ genesis: GENESIS, port: 0, witnessKeys: [], enableDebugApi: true, dataDir });
      running.push(n);
      const c = await connect(n.api.port);
      ok(await c.call(1, "login", ["", ""]));
      const debug = ok(await c.call(1, "debug"));
      expect(typeof debug).toBe("number");
      return { n, c, debug: debug as number };
    };
    const stop = async (n: RunningNode, c: Client) => {
      c.close();
      await n.stop();
      running.splice(running.indexOf(n), 1);
    };

    let { n, c, debug } = await start();
    await replay(c, debug, WORLD.steps);
    const world = await head(c);
    expect(world.head_block_number).toBe(BLOCKS);
    const alice = ok(await c.call("database", "get_account_by_name", ["alice"])).id as string;
    expect(ok(await c.call("history", "get_account_history", [alice, "1.11.0", 10, "1.11.0"])).length).toBeGreaterThan(0);

    // Refused blocks: the typed error, the head unchanged, the node still serving.
    const badSignature = await c.call(debug, "debug_push_block", [BAD_SIGNATURE.block]);
    expect(badSignature.error.data).toMatchObject({ name: "assert_exception", code: 10 });
    expect(badSignature.error.data.stack[0].data).toEqual({ rule: "block.signee", field: "witness_signature" });
    const garbage = await c.call(debug, "debug_push_block", [{ previous: "00" }]);
    expect(garbage.error.data.name).toBe("invalid_arg_exception");
    expect(garbage.error.data.stack[0].data.field).toMatch(/^block/);
    expect(await head(c)).toEqual(world);

    // A subscriber to alice hears of her removal by the reset.
    ok(await c.call("database", "set_subscribe_callback", [7, false]));
    ok(await c.call("database", "get_objects", [[alice]]));
    expect(ok(await c.call(debug, "debug_reset_to_genesis"))).toBeNull();
    const fresh = await head(c);
    expect(fresh.head_block_number).toBe(0);
    expect(ok(await c.call("database", "get_objects", [[alice]]))).toEqual([null]);
    expect(ok(await c.call("database", "get_block", [1]))).toBeNull();
    expect(ok(await c.call("database", "get_objects", [["1.11.0"]]))).toEqual([null]);
    expect(c.notices).toContainEqual([7, [[alice]]]);

    // The same blocks apply again on the fresh chain, to the same head.
    await replay(c, debug, WORLD.steps);
    expect(await head(c)).toEqual(world);
    await stop(n, c);

    // The store kept the replayed chain; after a reset it holds nothing.
    ({ n, c, debug } = await start());
    expect(await head(c)).toEqual(world);
    ok(await c.call(debug, "debug_reset_to_genesis"));
    await stop(n, c);
    ({ n, c, debug } = await start());
    expect((await head(c)).head_block_number).toBe(0);
    await stop(n, c);
  });
});
