// startNode's options reach the apis: enable-subscribe-to-all decides whether set_subscribe_callback may ask
// for every object's creation and removal (bitsharesjs's ChainStore asks), as in bitshares-core.
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { devnetGenesis } from "../chain/devnet.js";
import { type RunningNode, startNode } from "./run.js";

const running: RunningNode[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});

async function call(port: number, params: unknown[]): Promise<any> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  const answer = new Promise((resolve) => ws.once("message", (d) => resolve(JSON.parse(d.toString()))));
  ws.send(JSON.stringify({ id: 1, method: "call", params }));
  const r = await answer;
  ws.close();
  return r;
}

describe("startNode", () => {
  it.each([[false, "refused"], [true, "allowed"]] as const)("enableSubscribeToAll %s: subscribing to all objects is %s", async (enable, outcome) => {
    const r = await startNode({ genesis: devnetGenesis(), port: 0, witnessKeys: [], enableSubscribeToAll: enable });
    running.push(r);
    const answer = await call(r.api.port, ["database", "set_subscribe_callback", [7, true]]);
    if (outcome === "allowed") expect(answer.result).toBeNull();
    else expect(answer.error.data.stack[0].data.field).toBe("notify_remove_create");
  });
});
