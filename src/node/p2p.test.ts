// The P2P protocol against a node, over loopback WebSocket: the test plays a peer with a raw socket (hello,
// sync requests, every kind of bad input, each answered by closing that connection while the node goes
// on), and pairs or triangles of in-process nodes on a test clock exchange blocks (a sync of more than one
// batch) and transactions (relayed once). startNode and the CLI take the P2P flags.
import { either as E } from "fp-ts";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type * as T from "../../generated/native-types.js";
import { DEVNET_SECRET, DEVNET_TIMESTAMP, devnetGenesis } from "../chain/devnet.js";
import { slotTime } from "../chain/index.js";
import { bytesToHex } from "../codec/hex.js";
import { encode } from "../codec/index.js";
import { referenceBlock } from "../crypto/digests.js";
import { publicKeyOf } from "../crypto/keys.js";
import { signTransaction } from "../crypto/transaction.js";
import { headBlockId, headBlockNum } from "../consensus/blockchain.js";
import { MAX_SHARE_SUPPLY } from "../protocol/config.js";
import { nodeCommand } from "../cli/node.js";
import { Node } from "./node.js";
import { MAX_BLOCKS_PER_FETCH, P2P_PROTOCOL_VERSION, P2pNetwork, type P2pMessage, packBlock, parseMessage } from "./p2p.js";
import { startNode } from "./run.js";
import { MemoryBlockStore } from "./store.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A devnet node on a test clock (milliseconds), producing for every devnet witness when asked. */
async function devnode(clock: { now: number }): Promise<Node> {
  const node = await Node.open({ genesis: devnetGenesis(), store: new MemoryBlockStore(), witnessKeys: [DEVNET_SECRET], clock: () => clock.now });
  cleanup.push(() => node.close());
  return node;
}

async function produce(node: Node, clock: { now: number }, n = 1): Promise<void> {
  for (let i = 0; i < n; i++) {
    clock.now = Math.max(clock.now, slotTime(node.chain.head, 1) * 1000);
    const r = await node.maybeProduce(clock.now);
    if (r.condition !== "produced") throw new Error(`not produced: ${r.condition} ${r.detail ?? ""}`);
  }
}

async function network(node: Node, options: { port?: number; peers?: string[]; maxFrameBytes?: number; reconnectMs?: [number, number] } = {}): Promise<P2pNetwork> {
  const net = await P2pNetwork.start({ node, port: options.port ?? 0, peers: options.peers, maxFrameBytes: options.maxFrameBytes, reconnectMs: options.reconnectMs ?? [20, 200] });
  cleanup.push(() => net.close());
  return net;
}

async function until(cond: () => boolean, ms = 10_000, what = "condition"): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The test as a peer: a raw socket recording what the node sends. */
class RawPeer {
  readonly received: P2pMessage[] = [];
  closed: { code: number; reason: string } | undefined;
  private constructor(readonly ws: WebSocket) {
    ws.on("message", (d) => this.received.push(JSON.parse(String(d)) as P2pMessage));
    ws.on("close", (code, reason) => (this.closed = { code, reason: String(reason) }));
    ws.on("error", () => {});
  }
  static async connect(port: number): Promise<RawPeer> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    const peer = new RawPeer(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    cleanup.push(async () => ws.terminate());
    return peer;
  }
  send(m: unknown): void {
    this.ws.send(typeof m === "string" ? m : JSON.stringify(m));
  }
  hello(node: Node, overrides: Partial<Extract<P2pMessage, { type: "hello" }>> = {}): void {
    this.send({
      type: "hello", protocol: P2P_PROTOCOL_VERSION, chain_id: node.chainId, node_id: "ab".repeat(16), head_block_num: 0,
      head_block_id: "00".repeat(20), last_irreversible_block_num: 0, ...overrides,
    });
  }
  async next<K extends P2pMessage["type"]>(type: K): Promise<Extract<P2pMessage, { type: K }>> {
    await until(() => this.received.some((m) => m.type === type) || this.closed !== undefined, 10_000, `a ${type} message`);
    const i = this.received.findIndex((m) => m.type === type);
    if (i < 0) throw new Error(`closed (${this.closed?.code} ${this.closed?.reason}) before a ${type} message`);
    return this.received.splice(i, 1)[0] as Extract<P2pMessage, { type: K }>;
  }
  /** The node said closing_connection and closed the socket; the reason. */
  async closedWith(): Promise<string> {
    await until(() => this.closed !== undefined, 10_000, "the close");
    const closing = this.received.find((m) => m.type === "closing_connection") as Extract<P2pMessage, { type: "closing_connection" }> | undefined;
    return closing?.reason ?? `(close ${this.closed!.code})`;
  }
}

/** A node that is up and serving peers after whatever happened: a new peer gets its hello. */
async function stillServes(net: P2pNetwork, node: Node): Promise<void> {
  const p = await RawPeer.connect(net.port!);
  const hello = await p.next("hello");
  expect(hello.head_block_num).toBe(headBlockNum(node.chain));
  p.ws.terminate();
}

describe("parseMessage", () => {
  const hello = { type: "hello", protocol: 1, chain_id: "11".repeat(32), node_id: "ab", head_block_num: 3, head_block_id: "22".repeat(20), last_irreversible_block_num: 1 };
  it("accepts each message of the protocol", () => {
    for (const m of [hello, { type: "closing_connection", reason: "x" }, { type: "block", block: "00ff" }, { type: "trx", trx: "" },
      { type: "fetch_blocks", from: 1, count: 200 }, { type: "blocks", from: 4, blocks: ["00"] }]) {
      expect(parseMessage(JSON.stringify(m))).toEqual(E.right(m));
    }
  });
  it.each([
    ["{", "malformed JSON"], ["[]", "a message is a JSON object"], ['{"type":"inventory"}', "unknown message type"],
    [JSON.stringify({ ...hello, chain_id: "11" }), "malformed hello"], [JSON.stringify({ ...hello, extra: 1 }), "malformed hello"],
    ['{"type":"block","block":"0g"}', "malformed block"], ['{"type":"block","block":"abc"}', "malformed block"],
    ['{"type":"fetch_blocks","from":0,"count":1}', "malformed fetch_blocks"], ['{"type":"fetch_blocks","from":1,"count":-1}', "malformed fetch_blocks"],
    [JSON.stringify({ type: "blocks", from: 1, blocks: Array(MAX_BLOCKS_PER_FETCH + 1).fill("") }), "malformed blocks"],
  ])("refuses %s (%s)", (text, why) => {
    const r = parseMessage(text);
    expect(E.isLeft(r) && r.left).toContain(why);
  });
  it("never throws, and what it accepts is a message of the protocol (fast-check)", () => {
    const member = fc.oneof(fc.string(), fc.integer(), fc.constantFrom("00", "ab".repeat(20), "11".repeat(32)), fc.array(fc.constantFrom("00", "zz")), fc.constant(null));
    const object = fc.record({ type: fc.constantFrom("hello", "block", "trx", "fetch_blocks", "blocks", "closing_connection", "x") })
      .chain((o) => fc.dictionary(fc.constantFrom("protocol", "chain_id", "node_id", "head_block_num", "block", "trx", "from", "count", "blocks", "reason", "zz"), member).map((d) => ({ ...d, ...o })));
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), object.map((o) => JSON.stringify(o))), (text) => {
      const r = parseMessage(text);
      if (E.isRight(r)) expect(["hello", "block", "trx", "fetch_blocks", "blocks", "closing_connection"]).toContain(r.right.type);
    }), { numRuns: 2000 });
  });
});

describe("a node as seen by a peer", () => {
  it("says hello with its chain id and head; answers fetch_blocks with its blocks (none beyond its head)", async () => {
    const clock = { now: DEVNET_TIMESTAMP * 1000 };
    const node = await devnode(clock);
    await produce(node, clock, 3);
    const net = await network(node);
    const p = await RawPeer.connect(net.port!);
    const hello = await p.next("hello");
    expect(hello).toMatchObject({ chain_id: node.chainId, node_id: net.nodeId, head_block_num: 3, head_block_id: headBlockId(node.chain), protocol: P2P_PROTOCOL_VERSION });
    p.hello(node);
    p.send({ type: "fetch_blocks", from: 2, count: 5 });
    const reply = await p.next("blocks");
    expect(reply.from).toBe(2);
    expect(reply.blocks).toEqual([2, 3].map((n) => packBlock(node.chain.blocks.get(n)!.block)));
    p.send({ type: "fetch_blocks", from: 4, count: 5 });
    expect((await p.next("blocks")).blocks).toEqual([]);
    expect(p.closed).toBeUndefined();
  });

  it("a peer behind gets asked nothing; a peer ahead is asked for the blocks after our head", async () => {
    const clock = { now: DEVNET_TIMESTAMP * 1000 };
    const node = await devnode(clock);
    await produce(node, clock, 2);
    const net = await network(node);
    const p = await RawPeer.connect(net.port!);
    p.hello(node, { head_block_num: 9 });
    expect(await p.next("fetch_blocks")).toEqual({ type: "fetch_blocks", from: 3, count: 7 });
  });

  it("closes the connection on another chain id, and the node goes on", async () => {
    const clock = { now: DEVNET_TIMESTAMP * 1000 };
    const node = await devnode(clock);
    const net = await network(node);
    const p = await RawPeer.connect(net.port!);
    p.hello(node, { chain_id: "00".repeat(32) });
    expect(await p.closedWith()).toMatch(/chain id 0{64} is not ours/);
    await stillServes(net, node);
  });

  it.each([
    ["malformed JSON", "{\"type\":", /malformed JSON/],
    ["an unknown message type", { type: "address_request" }, /unknown message type "address_request"/],
    ["a second hello", "HELLO", /a second hello/],
    ["a block that does not decode", { type: "block", block: "0102" }, /signed_block does not decode/],
    ["a transaction that does not decode", { type: "trx", trx: "ff" }, /signed_transaction does not decode/],
    ["a blocks reply nobody asked for", { type: "blocks", from: 1, blocks: [] }, /not asked for/],
  ])("closes the connection on %s, and the node goes on", async (_what, message, reason) => {
    const clock = { now: DEVNET_TIMESTAMP * 1000 };
    const node = await devnode(clock);
    const net = await network(node);
    const p = await RawPeer.connect(net.port!);
    p.hello(node);
    if (message === "HELLO") p.hello(node);
    else p.send(message);
    expect(await p.closedWith()).toMatch(reason);
    await stillServes(net, node);
  });

  it("closes the connection on a message before hello, and on a binary frame", async () => {
    const clock = { now: DEVNET_TIMESTAMP * 1000 };
    const node = await devnode(clock);
    const net = await network(node);
    const p = await RawPeer.connect(net.port!);
    p.send({ type: "fetch_blocks", from: 1, count: 1 });
    expect(await p.closedWith()).toMatch(/fetch_blocks before hello/);
    const q = await RawPeer.connect(net.port!);
    q.hello(node);
    q.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await q.closedWith()).toMatch(/binary frames/);
    await stillServes(net, node);
  });

  it("closes the connection on an oversized frame (1009), and the node goes on", async () => {
    const clock = { now: DEVNET_TIMESTAMP * 1000 };
    const node = await devnode(clock);
    const net = await network(node, { maxFrameBytes: 10_000 });
    const p = await RawPeer.connect(net.port!);
    p.hello(node);
    p.send({ type: "trx", trx: "00".repeat(10_000) });
    await until(() => p.closed !== undefined);
    expect(p.closed!.code).toBe(1009);
    await stillServes(net, node);
  });

  it("a block that does not apply (its signature altered) closes the connection; the head stays", async () => {
    const clock = { now: DEVNET_TIMESTAMP * 1000 };
    const node = await devnode(clock);
    const other = await devnode(clock);
    await produce(node, clock, 1);
    await other.pushBlock(node.chain.blocks.get(1)!.block);
    await produce(other, clock, 1);
    const good = other.chain.blocks.get(2)!.block;
    const sig = good.witness_signature;
    const bad: T.SignedBlock = { ...good, witness_signature: sig.slice(0, 10) + (sig[10] === "0" ? "1" : "0") + sig.slice(11) };
    const net = await network(node);
    const p = await RawPeer.connect(net.port!);
    p.hello(node);
    p.send({ type: "block", block: packBlock(bad) });
    expect(await p.closedWith()).toMatch(/^block #2 [0-9a-f]{40} is invalid: assert_exception block\.signee: /);
    expect(headBlockNum(node.chain)).toBe(1);
    await stillServes(net, node);
  });

  it("an unlinkable block is not held against the peer: the node fetches the blocks before it and applies them", async () => {
    const clock = { now: DEVNET_TIMESTAMP * 1000 };
    const node = await devnode(clock);
    const other = await devnode(clock);
    await produce(other, clock, 4);
    await node.pushBlock(other.chain.blocks.get(1)!.block);
    const net = await network(node);
    const p = await RawPeer.connect(net.port!);
    p.hello(node, { head_block_num: 1 });
    p.send({ type: "block", block: packBlock(other.chain.blocks.get(4)!.block) });
    const ask = await p.next("fetch_blocks");
    expect(ask.from).toBe(2);
    p.send({ type: "blocks", from: 2, blocks: [2, 3, 4].map((n) => packBlock(other.chain.blocks.get(n)!.block)) });
    await until(() => headBlockNum(node.chain) === 4);
    expect(headBlockId(node.chain)).toBe(headBlockId(other.chain));
    expect(p.closed).toBeUndefined();
  });

  it("fuzz (fast-check): any frame after hello leaves the node serving; the connection is closed or still answers", async () => {
    const clock = { now: DEVNET_TIMESTAMP * 1000 };
    const node = await devnode(clock);
    await produce(node, clock, 2);
    const net = await network(node);
    const hexish = fc.oneof(fc.constant(""), fc.uint8Array({ maxLength: 300 }).map((b) => bytesToHex(b)), fc.constant(packBlock(node.chain.blocks.get(1)!.block)));
    const frame = fc.oneof(
      fc.string(), fc.json(),
      fc.record({ type: fc.constantFrom("block", "trx"), block: hexish, trx: hexish }, { requiredKeys: ["type"] }).map((m) => JSON.stringify(m)),
      fc.record({ type: fc.constant("fetch_blocks"), from: fc.integer({ min: -1, max: 5 }), count: fc.integer({ min: -1, max: 1000 }) }).map((m) => JSON.stringify(m)),
      fc.record({ type: fc.constant("blocks"), from: fc.nat(5), blocks: fc.array(hexish, { maxLength: 3 }) }).map((m) => JSON.stringify(m)),
    );
    await fc.assert(fc.asyncProperty(frame, async (text) => {
      const p = await RawPeer.connect(net.port!);
      p.hello(node);
      p.send(text);
      p.send({ type: "fetch_blocks", from: 1, count: 1 });
      await until(() => p.closed !== undefined || p.received.some((m) => m.type === "blocks" && m.from === 1), 10_000, "an answer or a close");
      p.ws.terminate();
    }), { numRuns: 40 });
    await stillServes(net, node);
    expect(headBlockNum(node.chain)).toBeGreaterThanOrEqual(2);
  });
});

describe("nodes together", () => {
  it(`syncs ${MAX_BLOCKS_PER_FETCH + 50} blocks from a peer in batches, then follows its new blocks`, async () => {
    const clock = { now: DEVNET_TIMESTAMP * 1000 };
    const a = await devnode(clock);
    const b = await Node.open({ genesis: devnetGenesis(), store: new MemoryBlockStore(), clock: () => clock.now });
    cleanup.push(() => b.close());
    await produce(a, clock, MAX_BLOCKS_PER_FETCH + 50);
    const na = await network(a);
    const started = Date.now();
    await network(b, { peers: [`127.0.0.1:${na.port}`] });
    await until(() => headBlockNum(b.chain) === MAX_BLOCKS_PER_FETCH + 50, 30_000, "the sync");
    const ms = Date.now() - started;
    console.log(`p2p: synced ${MAX_BLOCKS_PER_FETCH + 50} blocks in ${ms} ms`);
    expect(headBlockId(b.chain)).toBe(headBlockId(a.chain));
    const t = Date.now();
    await produce(a, clock, 1);
    await until(() => headBlockId(b.chain) === headBlockId(a.chain), 20_000, "the new block");
    console.log(`p2p: a new block reached the peer in ${Date.now() - t} ms (including production)`);
  });

  it("a transaction accepted by one node is relayed to the others once (a triangle, so each hears it twice)", async () => {
    const clock = { now: DEVNET_TIMESTAMP * 1000 };
    const nodes = [await devnode(clock), await devnode(clock), await devnode(clock)];
    await produce(nodes[0]!, clock, 1);
    for (const n of nodes.slice(1)) expect(E.isRight(await n.pushBlock(nodes[0]!.chain.blocks.get(1)!.block))).toBe(true);
    const nets = [await network(nodes[0]!)];
    nets.push(await network(nodes[1]!, { peers: [`127.0.0.1:${nets[0]!.port}`] }));
    nets.push(await network(nodes[2]!, { peers: [`127.0.0.1:${nets[0]!.port}`, `127.0.0.1:${nets[1]!.port}`] }));
    await until(() => nets.every((n) => n.connected().length === 2), 10_000, "the triangle");
    const accepted = nodes.map(() => 0);
    nodes.forEach((n, i) => n.on({ transaction: () => accepted[i]!++ }));
    const nathan = [...nodes[0]!.chain.head.all<T.AccountObject>(1, 2)].find((a) => a.name === "nathan")!.id;
    const key = bytesToHex(E.getOrElseW(() => new Uint8Array())(publicKeyOf(DEVNET_SECRET)));
    const unsigned = {
      ...referenceBlock(headBlockId(nodes[0]!.chain)), expiration: nodes[0]!.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!.time + 60,
      operations: [[37, { fee: { amount: 0n, asset_id: "1.3.0" }, deposit_to_account: nathan, balance_to_claim: "1.15.0", balance_owner_key: key, total_claimed: { amount: MAX_SHARE_SUPPLY, asset_id: "1.3.0" } }]],
      extensions: [], signatures: [],
    };
    const signed = signTransaction(unsigned as unknown as Record<string, unknown> & { signatures: string[] }, nodes[0]!.chainId, [DEVNET_SECRET]);
    if (E.isLeft(signed)) throw new Error(signed.left.message);
    // A peer R hands it to node 1; a peer Q listens at node 0.
    const r = await RawPeer.connect(nets[1]!.port!);
    const q = await RawPeer.connect(nets[0]!.port!);
    r.hello(nodes[1]!, { node_id: "0a" });
    q.hello(nodes[0]!, { node_id: "0b" });
    const packed = encode("signed_transaction", signed.right);
    if (E.isLeft(packed)) throw new Error(packed.left.message);
    r.send({ type: "trx", trx: bytesToHex(packed.right) });
    await until(() => nodes.every((n) => n.chain.pending.size === 1), 20_000, "the relay");
    await new Promise((res) => setTimeout(res, 200));
    expect(accepted).toEqual([1, 1, 1]);
    // Q heard it once (node 0 heard it from node 1 and from node 2, and relayed it once); R was not sent it back.
    expect(q.received.filter((m) => m.type === "trx")).toEqual([{ type: "trx", trx: bytesToHex(packed.right) }]);
    expect(r.received.filter((m) => m.type === "trx")).toEqual([]);
    expect(r.closed).toBeUndefined();
    // The block that includes it reaches every node, and their pending lists empty.
    await produce(nodes[0]!, clock, 1);
    await until(() => nodes.every((n) => headBlockNum(n.chain) === 2 && n.chain.pending.size === 0), 20_000, "the block");
    expect(nodes[2]!.chain.blocks.get(2)!.block.transactions).toHaveLength(1);
  });

  it("redials a peer after it went away and came back on the same port (backoff), and blocks flow again", async () => {
    const clock = { now: DEVNET_TIMESTAMP * 1000 };
    const a = await devnode(clock);
    const b = await Node.open({ genesis: devnetGenesis(), store: new MemoryBlockStore(), clock: () => clock.now });
    cleanup.push(() => b.close());
    const na = await P2pNetwork.start({ node: a, port: 0 });
    const port = na.port!;
    const nb = await network(b, { peers: [`127.0.0.1:${port}`], reconnectMs: [20, 100] });
    await until(() => nb.connected().length === 1, 20_000, "the connection");
    await produce(a, clock, 1);
    await until(() => headBlockNum(b.chain) === 1, 20_000, "block 1");
    await na.close();
    await until(() => nb.connected().length === 0, 20_000, "the disconnect");
    await produce(a, clock, 2);
    await new Promise((res) => setTimeout(res, 150));
    const back = await network(a, { port });
    await until(() => nb.connected().length === 1 && back.connected().length === 1, 20_000, "the reconnection");
    await until(() => headBlockNum(b.chain) === 3, 20_000, "the blocks made meanwhile");
    expect(headBlockId(b.chain)).toBe(headBlockId(a.chain));
  });

  it("does not keep a connection to itself", async () => {
    const clock = { now: DEVNET_TIMESTAMP * 1000 };
    const a = await devnode(clock);
    const na = await network(a);
    const p = await RawPeer.connect(na.port!);
    p.hello(a, { node_id: na.nodeId });
    expect(await p.closedWith()).toMatch(/myself/);
  });
});

describe("startNode and the CLI", () => {
  it("startNode with --p2p-port and --peer: a block the first node produces reaches the second", async () => {
    const clock = { now: DEVNET_TIMESTAMP * 1000 };
    const a = await startNode({ genesis: devnetGenesis(), port: 0, witnessKeys: [], p2pPort: 0, clock: () => clock.now });
    cleanup.push(() => a.stop());
    const b = await startNode({ genesis: devnetGenesis(), port: 0, witnessKeys: [], peers: [`127.0.0.1:${a.p2p!.port}`], clock: () => clock.now });
    cleanup.push(() => b.stop());
    expect(b.p2p!.port).toBeUndefined();
    await until(() => a.p2p!.connected().length === 1, 20_000, "the connection");
    const keyed = await Node.open({ genesis: devnetGenesis(), store: new MemoryBlockStore(), witnessKeys: [DEVNET_SECRET], clock: () => clock.now });
    cleanup.push(() => keyed.close());
    await produce(keyed, clock, 1);
    await a.node.pushBlock(keyed.chain.blocks.get(1)!.block);
    await until(() => headBlockNum(b.node.chain) === 1, 20_000, "the block");
    const lone = await startNode({ genesis: devnetGenesis(), port: 0, witnessKeys: [] });
    cleanup.push(() => lone.stop());
    expect(lone.p2p).toBeUndefined();
  });

  it.each([[["--peer", "localhost"]], [["--peer", "h:0"]], [["--p2p-port", "x"]], [["--p2p-port", "70000"]]])("btsref node %j is a usage error", async (args) => {
    await expect(nodeCommand(args)).rejects.toMatchObject({ exitCode: 2 });
  });
});
