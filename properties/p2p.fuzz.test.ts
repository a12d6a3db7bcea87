// Fuzzing the P2P network (src/node/p2p.ts, spec/p2p.md). parseMessage with random text and with every
// message of the protocol mutated as JSON: never a throw, a refusal is a reason, what it accepts is a
// message of the protocol. Then a node (B, devnet, following) with a peer playing the fuzzer: after its
// hello, random frames and real messages mutated (blocks and transactions of another node A with bytes
// flipped, cut, inserted or appended; fetch_blocks and blocks replies with odd numbers; JSON mutations of
// each). B refuses what is wrong by closing that connection with a reason, never the "internal error"
// catch-all of an unexpected exception; or it still answers on it; a new peer is greeted with B's head;
// and after the batch B still syncs A's chain from A.
import { either as E } from "fp-ts";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type * as T from "../generated/native-types.js";
import { DEVNET_SECRET, devnetGenesis } from "../src/chain/devnet.js";
import { slotTime } from "../src/chain/index.js";
import { bytesToHex, hexToBytes } from "../src/codec/hex.js";
import { type Json, encode } from "../src/codec/index.js";
import { headBlockId, headBlockNum } from "../src/consensus/blockchain.js";
import { referenceBlock } from "../src/crypto/digests.js";
import { publicKeyOf } from "../src/crypto/keys.js";
import { signTransaction } from "../src/crypto/transaction.js";
import { Node } from "../src/node/node.js";
import { P2P_PROTOCOL_VERSION, P2pNetwork, type P2pMessage, packBlock, parseMessage } from "../src/node/p2p.js";
import { MemoryBlockStore } from "../src/node/store.js";
import { MAX_SHARE_SUPPLY } from "../src/protocol/config.js";
import { byteMutation, fuzzRuns, mutateBytes, mutateJson, mutation } from "./fuzz_inputs.js";

/** parseMessage is a function of text; each session opens a connection and waits for its outcome. */
const PARSE_RUNS = fuzzRuns(1 / 10, 400);
const SESSION_RUNS = fuzzRuns(1, 20);
const BLOCKS = 5;

const clock = { now: 0 };
let a: Node;
let b: Node;
let netB: P2pNetwork;
const closers: (() => Promise<void>)[] = [];
let blockHex: string[] = [];
let trxHex = "";

beforeAll(async () => {
  a = await Node.open({ genesis: devnetGenesis(), store: new MemoryBlockStore(), witnessKeys: [DEVNET_SECRET], clock: () => clock.now });
  b = await Node.open({ genesis: devnetGenesis(), store: new MemoryBlockStore(), clock: () => clock.now });
  closers.push(() => a.close(), () => b.close());
  for (let i = 0; i < BLOCKS; i++) {
    clock.now = slotTime(a.chain.head, 1) * 1000;
    const r = await a.maybeProduce(clock.now);
    if (r.condition !== "produced") throw new Error(`not produced: ${r.condition}`);
  }
  blockHex = Array.from({ length: BLOCKS }, (_, i) => packBlock(a.chain.blocks.get(i + 1)!.block));
  // nathan claims the genesis balance: a transaction B accepts as pending (once).
  const nathan = [...a.chain.head.all<T.AccountObject>(1, 2)].find((x) => x.name === "nathan")!.id;
  const key = bytesToHex(E.getOrElseW(() => new Uint8Array())(publicKeyOf(DEVNET_SECRET)));
  const unsigned = {
    ...referenceBlock(headBlockId(b.chain)), expiration: b.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!.time + 3600,
    operations: [[37, { fee: { amount: 0n, asset_id: "1.3.0" }, deposit_to_account: nathan, balance_to_claim: "1.15.0", balance_owner_key: key, total_claimed: { amount: MAX_SHARE_SUPPLY, asset_id: "1.3.0" } }]],
    extensions: [], signatures: [],
  };
  const signed = signTransaction(unsigned as unknown as Record<string, unknown> & { signatures: string[] }, b.chainId, [DEVNET_SECRET]);
  if (E.isLeft(signed)) throw new Error(signed.left.message);
  trxHex = bytesToHex((encode("signed_transaction", signed.right) as E.Right<Uint8Array>).right);
  netB = await P2pNetwork.start({ node: b, port: 0, reconnectMs: [20, 200], log: process.env.P2P_FUZZ_LOG ? (l) => console.log("B", l) : undefined });
  closers.push(() => netB.close());
});

afterAll(async () => {
  for (const f of closers.splice(0).reverse()) await f();
});

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** The fuzzer as a peer of B: a raw socket recording what B sends. */
async function connect(): Promise<{ ws: WebSocket; received: P2pMessage[]; closed: () => boolean }> {
  const ws = new WebSocket(`ws://127.0.0.1:${netB.port}`);
  const received: P2pMessage[] = [];
  let closed = false;
  ws.on("message", (d) => received.push(JSON.parse(String(d)) as P2pMessage));
  ws.on("close", () => (closed = true));
  ws.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
  });
  return { ws, received, closed: () => closed };
}

// ------------------------------------------------------------------ messages

const MESSAGE_TYPES = ["hello", "closing_connection", "block", "trx", "fetch_blocks", "blocks"];
const helloOf = (head: number): Json => ({
  type: "hello", protocol: P2P_PROTOCOL_VERSION, chain_id: b.chainId, node_id: "f0".repeat(16), head_block_num: head,
  head_block_id: head === 0 ? "00".repeat(20) : headBlockId(a.chain), last_irreversible_block_num: 0,
});
const aBlock = () => fc.integer({ min: 0, max: BLOCKS - 1 }).map((i) => blockHex[i]!);
const mutatedHex = (hex: fc.Arbitrary<string>) =>
  fc.tuple(hex, fc.array(byteMutation, { maxLength: 3 })).map(([h, ms]) => bytesToHex(ms.reduce(mutateBytes, hexToBytes(h))));
const count = fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom(-1, 0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 53, 0.5));

/** A message of the protocol, made from A's real blocks and a real transaction, some of it mutated. */
const message = (): fc.Arbitrary<Json> => fc.oneof(
  fc.constantFrom(0, 1, BLOCKS, 1000).map(helloOf),
  fc.string({ maxLength: 20 }).map((reason): Json => ({ type: "closing_connection", reason })),
  mutatedHex(aBlock()).map((block): Json => ({ type: "block", block })),
  mutatedHex(fc.constant(0).map(() => trxHex)).map((trx): Json => ({ type: "trx", trx })),
  fc.record({ from: count, count }).map((m): Json => ({ type: "fetch_blocks", ...m })),
  fc.record({ from: count, blocks: fc.array(mutatedHex(aBlock()), { maxLength: 3 }) }).map((m): Json => ({ type: "blocks", ...m })),
);
/** JSON text of a value; one nested too deep for JSON.stringify's stack becomes deeply nested text. */
function text(j: Json): string {
  try {
    return JSON.stringify(j);
  } catch {
    return `{"type":"blocks","from":1,"blocks":${"[".repeat(5000)}${"]".repeat(5000)}}`;
  }
}

/** A frame: a message as is or mutated as JSON, random JSON, or random text. */
const frame = (): fc.Arbitrary<string> => fc.oneof(
  { weight: 4, arbitrary: message().map((m) => JSON.stringify(m)) },
  { weight: 3, arbitrary: fc.tuple(message(), fc.array(mutation, { minLength: 1, maxLength: 2 })).map(([m, ms]) => text(ms.reduce(mutateJson, m))) },
  { weight: 1, arbitrary: fc.jsonValue().map((j) => JSON.stringify(j)) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
);

// ------------------------------------------------------------------ properties

describe("parseMessage", () => {
  it("never throws; refuses with a reason; accepts only messages of the protocol", () => {
    fc.assert(fc.property(frame(), (text) => {
      let r: ReturnType<typeof parseMessage> | undefined;
      expect(() => { r = parseMessage(text); }).not.toThrow();
      if (E.isLeft(r!)) {
        expect(r.left.length).toBeGreaterThan(0);
        return;
      }
      const m = r!.right as unknown as Record<string, unknown>;
      expect(MESSAGE_TYPES).toContain(m.type);
      // What is accepted travels again as the same frame (no member lost or added).
      expect(JSON.parse(JSON.stringify(m))).toEqual(JSON.parse(text));
    }), { numRuns: PARSE_RUNS });
  });
});

describe("a node fed fuzzed frames by a peer", () => {
  it("closes the connection with a typed reason or goes on answering; greets new peers; then still syncs", async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(0, 1, BLOCKS, 1000), fc.array(frame(), { minLength: 1, maxLength: 3 }), async (head, frames) => {
      const p = await connect();
      p.ws.send(JSON.stringify(helloOf(head)));
      for (const f of frames) p.ws.send(f);
      p.ws.send(JSON.stringify({ type: "fetch_blocks", from: 1, count: 1 }));
      await until(() => p.closed() || p.received.some((m) => m.type === "blocks" && m.from === 1), 10_000, `an answer or a close after ${frames.join(" | ").slice(0, 300)}`);
      if (p.closed()) {
        const closing = p.received.find((m) => m.type === "closing_connection") as Extract<P2pMessage, { type: "closing_connection" }> | undefined;
        // B closes without a word only when the peer said closing_connection itself.
        const peerClosed = frames.some((f) => { const m = parseMessage(f); return E.isRight(m) && m.right.type === "closing_connection"; });
        if (closing === undefined) expect(peerClosed, `B closed without saying why after ${frames.join(" | ").slice(0, 300)}`).toBe(true);
        else expect(closing.reason, frames.join(" | ").slice(0, 500)).not.toMatch(/^internal error/);
      }
      p.ws.terminate();
    }), { numRuns: SESSION_RUNS });
    // B is up: a new peer gets its hello with B's head.
    const q = await connect();
    await until(() => q.received.some((m) => m.type === "hello"), 10_000, "B's hello");
    const hello = q.received.find((m) => m.type === "hello") as Extract<P2pMessage, { type: "hello" }>;
    expect(hello.head_block_num).toBe(headBlockNum(b.chain));
    q.ws.terminate();
    // And syncs: A dials B, which fetches A's blocks (those it has not taken from the fuzzer already).
    const netA = await P2pNetwork.start({ node: a, peers: [`127.0.0.1:${netB.port}`], reconnectMs: [20, 200] });
    closers.push(() => netA.close());
    await until(() => headBlockId(b.chain) === headBlockId(a.chain), 20_000, "B to sync A's chain");
    expect(headBlockNum(b.chain)).toBe(BLOCKS);
  });
});

describe("fuzz findings", () => {
  // Found by "a node fed fuzzed frames" (B at genesis): a node at genesis that heard
  // block #2 before block #1 kept #2 as the head of its empty fork database, and then refused every block.
  // src/consensus/blockchain.ts now refuses #2 as unlinkable there.
  it("a node at genesis given block #2 first still syncs blocks 1 and 2 afterwards", async () => {
    const fresh = await Node.open({ genesis: devnetGenesis(), store: new MemoryBlockStore(), clock: () => clock.now });
    closers.push(() => fresh.close());
    const early = await fresh.pushBlock(a.chain.blocks.get(2)!.block);
    expect(E.isLeft(early) && early.left.exception).toBe("unlinkable_block_exception");
    for (const n of [1, 2]) expect(E.isRight(await fresh.pushBlock(a.chain.blocks.get(n)!.block))).toBe(true);
    expect(headBlockNum(fresh.chain)).toBe(2);
  });
});
