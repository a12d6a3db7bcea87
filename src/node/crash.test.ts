// A crash: `btsref node` runs as a child process on the devnet in real time, is killed with SIGKILL after its
// second block, and is started again on the same data directory. The restarted node's head state (read over
// its API) equals a fresh replay, with every check, of the blocks it stored, and it goes on producing.
// Real time: the first devnet block is a maintenance block, after which maintenance_skip_slots (3) slots
// are skipped, so the second block comes 20 s after the first; the whole test takes 30-45 s.
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { either as E } from "fp-ts";
import { afterAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type * as T from "../../generated/native-types.js";
import { devnetGenesis } from "../chain/devnet.js";
import { genesisChainId, genesisText } from "../chain/genesis.js";
import { type ChainState, genesisState } from "../chain/index.js";
import { headBlockId, headBlockNum, openBlockchain, pushBlock } from "../consensus/blockchain.js";
import { objectJson } from "../scenario/queries.js";
import { LevelBlockStore } from "./store.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dir = mkdtempSync(join(tmpdir(), "btsref-crash-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

interface Child {
  proc: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  /** Resolves with the first match of `re` in stderr. */
  waitFor(re: RegExp, ms: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

function runNode(args: string[]): Child {
  const proc = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "node", "--data-dir", join(dir, "data"), "--port", "0", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  children.push(proc);
  let err = "";
  let out = "";
  proc.stderr!.on("data", (d) => (err += String(d)));
  proc.stdout!.on("data", (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return {
    proc, stderr: () => err, stdout: () => out, exited,
    waitFor: async (re, ms) => {
      const end = Date.now() + ms;
      for (;;) {
        const m = re.exec(err);
        if (m !== null) return m;
        if (Date.now() > end || proc.exitCode !== null) throw new Error(`no ${re} in the node's output:\n${err}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

/** One JSON-RPC call on the node's API. */
async function call(port: number, api: string, method: string, params: unknown[]): Promise<unknown> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}`);
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    const answer = new Promise<{ result?: unknown; error?: unknown }>((resolve) => ws.once("message", (d) => resolve(JSON.parse(String(d)))));
    ws.send(JSON.stringify({ id: 1, method: "call", params: [api, method, params] }));
    const a = await answer;
    if (a.error !== undefined) throw new Error(JSON.stringify(a.error));
    return a.result;
  } finally {
    ws.terminate();
  }
}

/** The states after each stored block, replayed from genesis with every check (a read of a copy of the
 *  data directory, so the node's own LevelDB lock does not matter). */
async function replay(): Promise<ChainState[]> {
  const copy = join(dir, `copy-${Date.now()}`);
  cpSync(join(dir, "data"), copy, { recursive: true });
  const store = await LevelBlockStore.open(copy);
  const blocks = await store.readBlocks();
  await store.close();
  const genesis = devnetGenesis();
  const text = genesisText(genesis);
  if (E.isLeft(text)) throw new Error(text.left.message);
  const chainId = genesisChainId(text.right);
  const state = genesisState(genesis, chainId);
  if (E.isLeft(state)) throw new Error(state.left.message);
  let chain = openBlockchain(state.right, chainId);
  const states = [chain.head];
  for (const block of blocks) {
    const r = pushBlock(chain, block);
    if (E.isLeft(r)) throw new Error(`stored block does not replay: ${r.left.error.rule}: ${r.left.error.message}`);
    chain = r.right.chain;
    states.push(chain.head);
  }
  expect(headBlockNum(chain)).toBe(blocks.length);
  expect(headBlockId(chain)).toBe(states[states.length - 1]!.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_id);
  return states;
}

const json = (s: ChainState, id: string) => E.getOrElseW((e: { message: string }) => { throw new Error(e.message); })(objectJson(s, id));

describe("btsref node killed with SIGKILL", () => {
  it("restarts on its data directory at the state of a replay of what it stored, and goes on producing", async () => {
    const first = runNode([]);
    await first.waitFor(/produced #2 /, 60_000);
    first.proc.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    expect(first.proc.signalCode).toBe("SIGKILL");
    const killedAt = await replay();
    const stored = killedAt.length - 1;
    expect(stored).toBeGreaterThanOrEqual(2);

    // Restarted with a P2P port too: the flag is taken and the network starts without peers.
    const second = runNode(["--blocks", "1", "--p2p-port", "0"]);
    const [, port] = await second.waitFor(/API on ws:\/\/127\.0\.0\.1:(\d+)/, 30_000);
    await second.waitFor(/P2P on ws:\/\/127\.0\.0\.1:\d+, node id [0-9a-f]{32}/, 10_000);
    expect(second.stderr()).toContain(`replaying ${stored} stored blocks`);
    const objects = ["2.1.0", "2.0.0", "2.12.0", "1.6.1", "2.3.0"];
    const live = await call(Number(port), "database", "get_objects", [objects]) as { head_block_number: number }[];
    expect(await second.exited).toBe(0);
    // It produced one more block after the restart, and printed its head.
    const printed = JSON.parse(second.stdout()) as { head_block_number: number; head_block_id: string };
    expect(printed.head_block_number).toBe(stored + 1);
    const states = await replay();
    expect(states.length - 1).toBe(stored + 1);
    expect(states[stored + 1]!.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_id).toBe(printed.head_block_id);
    // What the API showed (at the replayed head, or one block later if a slot came first) is the replay's state there.
    const at = live[0]!.head_block_number;
    expect([stored, stored + 1]).toContain(at);
    expect(live).toEqual(objects.map((id) => json(states[at]!, id)));
    // The blocks stored before the crash are unchanged.
    for (let n = 1; n <= stored; n++) expect(json(states[n]!, "2.1.0")).toEqual(json(killedAt[n]!, "2.1.0"));
  }, 90_000);
});
