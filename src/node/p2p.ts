// The peer-to-peer network (bitshares-core's graphene::net, much simplified): nodes connect over WebSocket
// to the peers they are given, say hello (chain id, head), fetch the blocks they lack from a peer with a
// longer chain in batches, announce every block that joins their chain and relay every transaction they
// accept, once. Each message is one JSON text frame; spec/p2p.md describes them. Nothing a peer sends can
// stop the node: malformed or unexpected input closes that peer's connection (after a closing_connection
// message saying why), a refused block that is not merely out of order does the same.
import { randomBytes } from "node:crypto";
import { either as E } from "fp-ts";
import { WebSocket, WebSocketServer } from "ws";
import type * as T from "../../generated/native-types.js";
import { bytesToHex } from "../codec/hex.js";
import { decode, encode } from "../codec/index.js";
import { blockId, blockNumFromId, transactionId } from "../crypto/digests.js";
import { headBlockId, headBlockNum, isKnownBlock, lastIrreversibleBlockNum } from "../consensus/blockchain.js";
import type { ChainError } from "../protocol/errors.js";
import type { Node } from "./node.js";

/** Version of the message set below (hello.protocol); a peer speaking another version is refused. */
export const P2P_PROTOCOL_VERSION = 1;
/** graphene::net MAX_MESSAGE_SIZE (libraries/net/include/graphene/net/config.hpp) is 2 MiB of packed bytes;
 *  blocks travel as hex here, so a frame may be twice that, plus the JSON around it. */
export const MAX_FRAME_BYTES = 2 * 2 * 1024 * 1024 + 4096;
/** graphene::net GRAPHENE_NET_MAX_BLOCKS_PER_PEER_DURING_SYNCING / MAX_BLOCKS_TO_HANDLE_AT_ONCE (config.hpp). */
export const MAX_BLOCKS_PER_FETCH = 200;
/** Ids remembered for deduplication (transactions seen, blocks a peer is known to have). */
const REMEMBERED = 4096;

export type P2pMessage =
  | { type: "hello"; protocol: number; chain_id: string; node_id: string; head_block_num: number; head_block_id: string; last_irreversible_block_num: number }
  | { type: "closing_connection"; reason: string }
  | { type: "block"; block: string }
  | { type: "trx"; trx: string }
  | { type: "fetch_blocks"; from: number; count: number }
  | { type: "blocks"; from: number; blocks: string[] };

const HEX = /^(?:[0-9a-f]{2})*$/;
const isUint32 = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 0xffffffff;
const isHex = (v: unknown, bytes?: number): v is string => typeof v === "string" && HEX.test(v) && (bytes === undefined || v.length === 2 * bytes);

/** A frame's message, or why it is not one. Members beyond the listed ones are refused as well. */
export function parseMessage(text: string): E.Either<string, P2pMessage> {
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch {
    return E.left("malformed JSON");
  }
  if (typeof m !== "object" || m === null || Array.isArray(m)) return E.left("a message is a JSON object");
  const o = m as Record<string, unknown>;
  const only = (...keys: string[]) => Object.keys(o).every((k) => k === "type" || keys.includes(k));
  switch (o.type) {
    case "hello":
      if (only("protocol", "chain_id", "node_id", "head_block_num", "head_block_id", "last_irreversible_block_num") && isUint32(o.protocol) && isHex(o.chain_id, 32)
        && isHex(o.node_id) && o.node_id.length > 0 && o.node_id.length <= 64 && isUint32(o.head_block_num) && isHex(o.head_block_id, 20)
        && isUint32(o.last_irreversible_block_num)) return E.right(o as P2pMessage);
      return E.left("malformed hello");
    case "closing_connection":
      return only("reason") && typeof o.reason === "string" ? E.right(o as P2pMessage) : E.left("malformed closing_connection");
    case "block":
      return only("block") && isHex(o.block) ? E.right(o as P2pMessage) : E.left("malformed block message");
    case "trx":
      return only("trx") && isHex(o.trx) ? E.right(o as P2pMessage) : E.left("malformed trx message");
    case "fetch_blocks":
      return only("from", "count") && isUint32(o.from) && o.from >= 1 && isUint32(o.count) && o.count >= 1 ? E.right(o as P2pMessage) : E.left("malformed fetch_blocks");
    case "blocks":
      return only("from", "blocks") && isUint32(o.from) && Array.isArray(o.blocks) && o.blocks.length <= MAX_BLOCKS_PER_FETCH && o.blocks.every((b) => isHex(b))
        ? E.right(o as P2pMessage) : E.left("malformed blocks reply");
    default:
      return E.left(`unknown message type ${JSON.stringify(o.type)?.slice(0, 40)}`);
  }
}

const hexToBytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, "hex"));

export function packBlock(block: T.SignedBlock): string {
  const b = encode("signed_block", block);
  if (E.isLeft(b)) throw new Error(`block does not encode: ${b.left.message}`);
  return bytesToHex(b.right);
}

function unpack<V>(type: string, hex: string): E.Either<string, V> {
  const v = decode(type, hexToBytes(hex));
  return E.isLeft(v) ? E.left(`${type} does not decode: ${v.left.path}: ${v.left.message}`) : E.right(v.right as V);
}

/** Refusals of a block that an honest peer can cause (it is on another fork, or ahead of us): the block is
 *  dropped, not held against the peer. */
const outOfOrder = (e: ChainError): boolean =>
  e.exception === "unlinkable_block_exception" || e.rule === "fork_database.too_old" || e.rule === "fork.below_irreversible";

/** A bounded set: the oldest entries go first. */
class Remembered {
  private readonly set = new Set<string>();
  has(id: string): boolean {
    return this.set.has(id);
  }
  add(id: string): void {
    this.set.delete(id);
    this.set.add(id);
    if (this.set.size > REMEMBERED) this.set.delete(this.set.values().next().value!);
  }
}

export interface P2pOptions {
  readonly node: Node;
  /** Port to accept peers on (0: any free port); none: accept no peers, only dial. */
  readonly port?: number;
  readonly host?: string;
  /** Peers to dial, "host:port"; each is dialled again after a disconnect. */
  readonly peers?: readonly string[];
  /** This node's id in hello (random by default); a connection to ourselves or a second one to the same
   *  node is closed. */
  readonly nodeId?: string;
  readonly maxFrameBytes?: number;
  readonly blocksPerFetch?: number;
  /** Reconnection backoff: the first delay, doubling up to the second (milliseconds). */
  readonly reconnectMs?: readonly [number, number];
  readonly log?: (line: string) => void;
}

export interface PeerInfo {
  readonly nodeId: string;
  readonly address: string;
  readonly outbound: boolean;
  readonly headBlockNum: number;
}

/** One connection: its socket, what its hello said, and the fetch in flight. */
class Peer {
  nodeId: string | undefined;
  headNum = 0;
  /** The block number the next sync fetch starts at, when continuing a branch not yet applied. */
  syncNext: number | undefined;
  fetching: { from: number } | undefined;
  readonly knows = new Remembered();
  /** Messages of this peer are handled one after the other. */
  work: Promise<void> = Promise.resolve();
  closed = false;
  constructor(readonly socket: WebSocket, readonly address: string, readonly outbound: boolean) {}
}

export class P2pNetwork {
  readonly nodeId: string;
  private readonly peers = new Set<Peer>();
  private readonly seenTrx = new Remembered();
  /** Who sent us a block or transaction we are handling: not told about it again. */
  private readonly origin = new Map<string, Peer>();
  private server: WebSocketServer | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly attempts = new Map<string, number>();
  /** The node each configured address turned out to be. */
  private readonly addressNode = new Map<string, string>();
  private paused = false;
  private closed = false;
  private readonly unsubscribe: () => void;
  private readonly log: (line: string) => void;
  private readonly maxFrame: number;
  private readonly batch: number;

  private constructor(private readonly options: P2pOptions) {
    this.nodeId = options.nodeId ?? bytesToHex(randomBytes(16));
    this.log = options.log ?? (() => {});
    this.maxFrame = options.maxFrameBytes ?? MAX_FRAME_BYTES;
    this.batch = Math.min(options.blocksPerFetch ?? MAX_BLOCKS_PER_FETCH, MAX_BLOCKS_PER_FETCH);
    this.unsubscribe = options.node.on({
      block: (applied) => this.announceBlock(applied.block),
      transaction: (trx) => this.relayTransaction(trx),
    });
  }

  static async start(options: P2pOptions): Promise<P2pNetwork> {
    const net = new P2pNetwork(options);
    if (options.port !== undefined) await net.listen(options.port);
    for (const address of options.peers ?? []) net.dial(address);
    return net;
  }

  /** The port peers are accepted on. */
  get port(): number | undefined {
    const a = this.server?.address();
    return typeof a === "object" && a !== null ? a.port : undefined;
  }

  /** Peers that said hello. */
  connected(): PeerInfo[] {
    return [...this.peers].filter((p) => p.nodeId !== undefined && !p.closed)
      .map((p) => ({ nodeId: p.nodeId!, address: p.address, outbound: p.outbound, headBlockNum: p.headNum }));
  }

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({ port, host: this.options.host ?? "127.0.0.1", maxPayload: this.maxFrame });
      server.once("listening", () => {
        server.off("error", reject);
        // Later server errors end nothing but are reported.
        server.on("error", (e) => this.log(`p2p server: ${e.message}`));
        resolve();
      });
      server.once("error", reject);
      server.on("connection", (socket, request) => {
        if (this.paused || this.closed) return socket.terminate();
        this.attach(new Peer(socket, `${request.socket.remoteAddress}:${request.socket.remotePort}`, false));
      });
      this.server = server;
    });
  }

  private dial(address: string): void {
    if (this.closed || this.paused) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(`ws://${address}`, { maxPayload: this.maxFrame, handshakeTimeout: 5000 });
    } catch (e) {
      this.log(`p2p: cannot dial ${address}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.attach(new Peer(socket, address, true));
  }

  /** The delay before dialling `address` again: doubling from the first delay to the cap, with jitter. */
  private redial(address: string): void {
    if (this.closed || this.paused || !(this.options.peers ?? []).includes(address) || this.timers.has(address)) return;
    const [first, cap] = this.options.reconnectMs ?? [500, 30_000];
    const n = this.attempts.get(address) ?? 0;
    this.attempts.set(address, n + 1);
    const delay = Math.min(cap, first * 2 ** n) * (0.75 + Math.random() / 2);
    this.timers.set(address, setTimeout(() => {
      this.timers.delete(address);
      // Already connected to that node (it dialled us): dial when that connection ends.
      const known = this.addressNode.get(address);
      if ([...this.peers].some((p) => !p.closed && ((p.outbound && p.address === address) || (known !== undefined && p.nodeId === known)))) return;
      this.dial(address);
    }, delay));
  }

  private attach(peer: Peer): void {
    this.peers.add(peer);
    const { socket } = peer;
    socket.on("open", () => this.send(peer, this.hello()));
    if (!peer.outbound) this.send(peer, this.hello());
    socket.on("message", (data, isBinary) => {
      if (peer.closed) return;
      if (isBinary) return this.disconnect(peer, "binary frames are not part of the protocol");
      const text = Array.isArray(data) ? Buffer.concat(data).toString("utf8") : Buffer.isBuffer(data) ? data.toString("utf8") : Buffer.from(data).toString("utf8");
      peer.work = peer.work.then(() => this.handle(peer, text)).catch((e: unknown) => {
        this.disconnect(peer, `internal error: ${e instanceof Error ? e.message : String(e)}`);
      });
    });
    // An oversized frame (1009), a reset or a refused dial: the connection ends; the node goes on.
    socket.on("error", (e) => this.log(`p2p ${peer.address}: ${e.message}`));
    socket.on("close", () => {
      peer.closed = true;
      this.peers.delete(peer);
      if (peer.nodeId !== undefined) this.log(`p2p: disconnected from ${peer.nodeId.slice(0, 8)} at ${peer.address}`);
      if (peer.outbound) this.redial(peer.address);
      for (const [address, id] of this.addressNode) if (id === peer.nodeId && address !== peer.address) this.redial(address);
    });
  }

  private hello(): P2pMessage {
    const chain = this.options.node.chain;
    return {
      type: "hello", protocol: P2P_PROTOCOL_VERSION, chain_id: this.options.node.chainId, node_id: this.nodeId,
      head_block_num: headBlockNum(chain), head_block_id: headBlockId(chain), last_irreversible_block_num: lastIrreversibleBlockNum(chain),
    };
  }

  private send(peer: Peer, m: P2pMessage): void {
    if (peer.closed || peer.socket.readyState !== WebSocket.OPEN) return;
    peer.socket.send(JSON.stringify(m));
  }

  /** closing_connection with the reason, then the socket closes. */
  private disconnect(peer: Peer, reason: string): void {
    if (peer.closed) return;
    this.log(`p2p: closing ${peer.nodeId?.slice(0, 8) ?? "?"} at ${peer.address}: ${reason}`);
    this.send(peer, { type: "closing_connection", reason });
    peer.closed = true;
    this.peers.delete(peer);
    peer.socket.close(1000, reason.slice(0, 120));
    // A peer that does not finish the close handshake is cut off.
    setTimeout(() => peer.socket.terminate(), 1000).unref();
  }

  private async handle(peer: Peer, text: string): Promise<void> {
    if (peer.closed) return;
    const parsed = parseMessage(text);
    if (E.isLeft(parsed)) return this.disconnect(peer, parsed.left);
    const m = parsed.right;
    if (m.type === "closing_connection") {
      this.log(`p2p: ${peer.address} closes: ${m.reason.slice(0, 200)}`);
      peer.closed = true;
      this.peers.delete(peer);
      peer.socket.close();
      return;
    }
    if (peer.nodeId === undefined) {
      if (m.type !== "hello") return this.disconnect(peer, `${m.type} before hello`);
      return this.onHello(peer, m);
    }
    switch (m.type) {
      case "hello": return this.disconnect(peer, "a second hello");
      case "block": return this.onBlock(peer, m.block);
      case "trx": return this.onTrx(peer, m.trx);
      case "fetch_blocks": return this.onFetch(peer, m.from, m.count);
      case "blocks": return this.onBlocks(peer, m.from, m.blocks);
    }
  }

  private onHello(peer: Peer, m: Extract<P2pMessage, { type: "hello" }>): void {
    if (m.protocol !== P2P_PROTOCOL_VERSION) return this.disconnect(peer, `protocol ${m.protocol} is not ${P2P_PROTOCOL_VERSION}`);
    if (m.chain_id !== this.options.node.chainId) return this.disconnect(peer, `chain id ${m.chain_id} is not ours (${this.options.node.chainId})`);
    if (m.node_id === this.nodeId) return this.disconnect(peer, "connected to myself");
    // Two connections to one node (both dialled each other): both ends keep the one dialled by the node
    // with the smaller id.
    const twin = [...this.peers].find((p) => p !== peer && p.nodeId === m.node_id && !p.closed);
    if (twin !== undefined) {
      const keepOutbound = this.nodeId < m.node_id;
      if (peer.outbound !== keepOutbound) return this.disconnect(peer, "already connected to that node");
      this.disconnect(twin, "already connected to that node");
    }
    peer.nodeId = m.node_id;
    if (peer.outbound) this.addressNode.set(peer.address, m.node_id);
    peer.headNum = m.head_block_num;
    peer.knows.add(m.head_block_id);
    if (peer.outbound) this.attempts.delete(peer.address);
    this.log(`p2p: connected to ${m.node_id.slice(0, 8)} at ${peer.address}, its head #${m.head_block_num}`);
    this.requestSync(peer);
  }

  /** Asks `peer` for the next batch when it has a longer chain (one fetch in flight per peer). */
  private requestSync(peer: Peer, from?: number): void {
    if (peer.fetching !== undefined || peer.closed) return;
    const chain = this.options.node.chain;
    const start = from ?? (peer.syncNext !== undefined && peer.syncNext > lastIrreversibleBlockNum(chain) ? peer.syncNext : headBlockNum(chain) + 1);
    if (from === undefined && peer.headNum < start) {
      peer.syncNext = undefined;
      return;
    }
    const count = Math.max(1, Math.min(this.batch, peer.headNum - start + 1));
    peer.fetching = { from: start };
    this.send(peer, { type: "fetch_blocks", from: start, count });
  }

  /** A fetch_blocks request: the current chain's blocks from `from`, at most a batch, within the frame size. */
  private onFetch(peer: Peer, from: number, count: number): void {
    const chain = this.options.node.chain;
    const blocks: string[] = [];
    let size = 64;
    for (let n = from; n < from + Math.min(count, MAX_BLOCKS_PER_FETCH); n++) {
      const item = chain.blocks.get(n);
      if (item === undefined) break;
      const hex = packBlock(item.block);
      if (size + hex.length + 3 > this.maxFrame && blocks.length > 0) break;
      size += hex.length + 3;
      blocks.push(hex);
      peer.knows.add(item.id);
    }
    this.send(peer, { type: "blocks", from, blocks });
  }

  /** Pushes one block from `peer`: "applied" (or kept), "skipped" (known), "unlinkable" (a parent is
   *  missing), "refused" (out of order, held against nobody) or "bad" (the peer was disconnected). */
  private async pushFrom(peer: Peer, hex: string): Promise<{ outcome: "applied" | "known" | "unlinkable" | "refused" | "bad"; num?: number }> {
    const block = unpack<T.SignedBlock>("signed_block", hex);
    if (E.isLeft(block)) {
      this.disconnect(peer, block.left);
      return { outcome: "bad" };
    }
    const id = blockId(block.right as unknown as { previous: string } & Record<string, unknown>);
    if (E.isLeft(id)) {
      this.disconnect(peer, `block id: ${id.left.message}`);
      return { outcome: "bad" };
    }
    const num = blockNumFromId(id.right);
    peer.knows.add(id.right);
    peer.headNum = Math.max(peer.headNum, num);
    if (isKnownBlock(this.options.node.chain, id.right)) return { outcome: "known", num };
    this.origin.set(id.right, peer);
    try {
      const r = await this.options.node.pushBlock(block.right);
      if (E.isRight(r)) return { outcome: "applied", num };
      if (r.left.exception === "unlinkable_block_exception") return { outcome: "unlinkable", num };
      if (outOfOrder(r.left)) return { outcome: "refused", num };
      this.disconnect(peer, `block #${num} ${id.right} is invalid: ${r.left.exception} ${r.left.rule}: ${r.left.message}`);
      return { outcome: "bad", num };
    } finally {
      this.origin.delete(id.right);
    }
  }

  private async onBlock(peer: Peer, hex: string): Promise<void> {
    const r = await this.pushFrom(peer, hex);
    // A block we cannot link: fetch what leads to it, from above our last irreversible block.
    if (r.outcome === "unlinkable" && peer.fetching === undefined) {
      const lib = lastIrreversibleBlockNum(this.options.node.chain);
      const head = headBlockNum(this.options.node.chain);
      // Behind on the same chain: continue from the head; otherwise find the fork from the LIB.
      this.requestSync(peer, r.num! > head + 1 ? head + 1 : lib + 1);
    }
  }

  private async onBlocks(peer: Peer, from: number, blocks: string[]): Promise<void> {
    const asked = peer.fetching;
    if (asked === undefined || asked.from !== from) return this.disconnect(peer, `a blocks reply from #${from} that was not asked for`);
    peer.fetching = undefined;
    if (blocks.length === 0) {
      // The peer's chain ends below what we asked: nothing to sync from it now.
      peer.headNum = Math.min(peer.headNum, from - 1);
      peer.syncNext = undefined;
      return;
    }
    let last = from - 1;
    for (const hex of blocks) {
      const r = await this.pushFrom(peer, hex);
      if (r.outcome === "bad") return;
      if (r.outcome === "unlinkable") {
        // The batch starts on another fork: go back to just above our last irreversible block, once.
        const lib = lastIrreversibleBlockNum(this.options.node.chain);
        peer.syncNext = undefined;
        if (from > lib + 1) this.requestSync(peer, lib + 1);
        return;
      }
      if (r.outcome === "refused") {
        peer.syncNext = undefined;
        return;
      }
      last = r.num ?? last;
    }
    peer.syncNext = last + 1;
    this.requestSync(peer);
  }

  private async onTrx(peer: Peer, hex: string): Promise<void> {
    const trx = unpack<T.SignedTransaction>("signed_transaction", hex);
    if (E.isLeft(trx)) return this.disconnect(peer, trx.left);
    const id = transactionId(trx.right);
    if (E.isLeft(id)) return this.disconnect(peer, `transaction id: ${id.left.message}`);
    if (this.seenTrx.has(id.right)) return;
    this.origin.set(id.right, peer);
    try {
      // A transaction that does not apply here (expired, a duplicate, not yet valid) is simply not relayed.
      await this.options.node.pushTransaction(trx.right);
    } finally {
      this.origin.delete(id.right);
    }
  }

  private announceBlock(block: T.SignedBlock): void {
    const id = blockId(block as unknown as { previous: string } & Record<string, unknown>);
    if (E.isLeft(id)) return;
    const from = this.origin.get(id.right);
    let hex: string | undefined;
    for (const peer of this.peers) {
      if (peer === from || peer.nodeId === undefined || peer.knows.has(id.right)) continue;
      hex ??= packBlock(block);
      peer.knows.add(id.right);
      this.send(peer, { type: "block", block: hex });
    }
  }

  private relayTransaction(trx: T.SignedTransaction): void {
    const id = transactionId(trx);
    if (E.isLeft(id) || this.seenTrx.has(id.right)) return;
    this.seenTrx.add(id.right);
    const from = this.origin.get(id.right);
    const packed = encode("signed_transaction", trx);
    if (E.isLeft(packed)) return;
    const hex = bytesToHex(packed.right);
    for (const peer of this.peers) if (peer !== from && peer.nodeId !== undefined) this.send(peer, { type: "trx", trx: hex });
  }

  /** A partition (for tests and operators): every connection closes and none is made or accepted until
   *  resume(). */
  pause(): void {
    this.paused = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const peer of [...this.peers]) this.disconnect(peer, "pausing the network");
  }

  /** Dials the configured peers again. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.attempts.clear();
    for (const address of this.options.peers ?? []) this.dial(address);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const peer of [...this.peers]) this.disconnect(peer, "shutting down");
    for (const peer of [...this.peers]) peer.socket.terminate();
    await new Promise<void>((resolve) => {
      if (this.server === undefined) return resolve();
      for (const c of this.server.clients) c.terminate();
      this.server.close(() => resolve());
    });
  }
}
