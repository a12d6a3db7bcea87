// npm run bench:node: (1) transactions per second one node accepts through its WebSocket API
// (broadcast_transaction, every signature checked, each transaction applied to the pending state), from
// several client connections; (2) how long a produced block takes to be applied on the two other nodes of
// a three-node P2P network, empty and with transactions. Median of BENCH_ROUNDS runs; the section of
// bench/RESULTS.md is rewritten at the default sizes.
import { loadavg } from "node:os";
import { either as E } from "fp-ts";
import WebSocket from "ws";
import type * as T from "../../generated/native-types.js";
import { DEVNET_SECRET, devnetGenesis } from "../../src/chain/devnet.js";
import { slotTime } from "../../src/chain/index.js";
import { referenceBlock } from "../../src/crypto/digests.js";
import { signTransaction } from "../../src/crypto/transaction.js";
import { toJson } from "../../src/codec/index.js";
import { stringifyJson } from "../../src/codec/json-text.js";
import { databaseApi, loginApi, networkBroadcastApi } from "../../src/node/apis.js";
import { Node } from "../../src/node/node.js";
import { P2pNetwork } from "../../src/node/p2p.js";
import { RpcServer } from "../../src/node/rpc.js";
import { MemoryBlockStore } from "../../src/node/store.js";
import { emit, output } from "./figures.js";
import { machine, stats } from "./machine.js";

const TXS = Number(process.env.BENCH_TXS ?? 20000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const BLOCKS = Number(process.env.BENCH_BLOCKS ?? 30);
const BLOCK_TXS = Number(process.env.BENCH_BLOCK_TXS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const core = (amount: bigint): T.Asset => ({ amount, asset_id: "1.3.0" });

/** A devnet node on a test clock whose nathan has claimed the genesis balance. */
async function devnetNode(witness: boolean): Promise<{ node: Node; clock: { now: number } }> {
  const clock = { now: 0 };
  const node = await Node.open({ genesis: devnetGenesis(), store: new MemoryBlockStore(), witnessKeys: witness ? [DEVNET_SECRET] : [], clock: () => clock.now });
  return { node, clock };
}

async function produce(node: Node, clock: { now: number }): Promise<T.SignedBlock> {
  clock.now = slotTime(node.chain.head, 1) * 1000;
  const r = await node.maybeProduce(clock.now);
  if (r.block === undefined) throw new Error(`no block: ${r.condition} ${r.detail ?? ""}`);
  return r.block;
}

function sign(node: Node, operations: T.Operation[], expiresIn = 3600): T.SignedTransaction {
  const d = node.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!;
  const trx: T.SignedTransaction = { ...referenceBlock(d.head_block_id), expiration: d.time + expiresIn, operations, extensions: [], signatures: [] };
  const signed = signTransaction({ ...trx } as unknown as Record<string, unknown>, node.chainId, [DEVNET_SECRET]);
  if (E.isLeft(signed)) throw new Error(signed.left.message);
  return { ...trx, signatures: signed.right.signatures };
}

async function claimGenesisBalance(node: Node, clock: { now: number }): Promise<string> {
  const nathan = node.chain.head.findUnique<T.AccountObject>(1, 2, "by_name", ["nathan"])!.id;
  const key = node.chain.head.find<T.BalanceObject>("1.15.0")!;
  const claim = sign(node, [[37, { fee: core(0n), deposit_to_account: nathan, balance_to_claim: "1.15.0", balance_owner_key: node.chain.head.find<T.WitnessObject>("1.6.1")!.signing_key, total_claimed: key.balance }]]);
  const r = await node.pushTransaction(claim);
  if (E.isLeft(r)) throw new Error(r.left.message);
  await produce(node, clock);
  return nathan;
}

/** `n` transfers from nathan to init0, each of its own amount (so each is a distinct transaction), with
 *  the transfer fee of the default schedule (20 BTS). */
function transfers(node: Node, from: string, n: number, offset = 0): T.SignedTransaction[] {
  const to = node.chain.head.findUnique<T.AccountObject>(1, 2, "by_name", ["init0"])!.id;
  return Array.from({ length: n }, (_, i) => sign(node, [[0, { fee: core(2000000n), from, to, amount: core(BigInt(offset + i + 1)), extensions: [] }]]));
}

/** Phase 1: every transaction broadcast over `CLIENTS` connections, up to 32 in flight each. */
async function apiThroughput(): Promise<{ txs: number; ms: number }> {
  const { node, clock } = await devnetNode(true);
  await produce(node, clock);
  const nathan = await claimGenesisBalance(node, clock);
  const frames = transfers(node, nathan, TXS).map((t, i) => {
    const json = toJson("signed_transaction", t);
    if (E.isLeft(json)) throw new Error(json.left.message);
    return stringifyJson({ id: i, method: "call", params: ["network_broadcast", "broadcast_transaction", [json.right]] });
  });
  const server = await RpcServer.listen({ port: 0, apis: { login: loginApi(), database: databaseApi(node), network_broadcast: networkBroadcastApi(node) } });
  const sockets = await Promise.all(Array.from({ length: CLIENTS }, () => new Promise<WebSocket>((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}`);
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  })));
  let failed = 0;
  const started = performance.now();
  await Promise.all(sockets.map((ws, c) => new Promise<void>((resolve) => {
    const mine = frames.filter((_, i) => i % CLIENTS === c);
    let sent = 0;
    let answered = 0;
    const pump = () => {
      while (sent < mine.length && sent - answered < 32) ws.send(mine[sent++]!);
    };
    ws.on("message", (data) => {
      if ("error" in JSON.parse(data.toString())) failed++;
      if (++answered === mine.length) resolve();
      else pump();
    });
    pump();
  })));
  const ms = performance.now() - started;
  if (failed > 0) throw new Error(`${failed} transactions were refused`);
  if (node.chain.pending.size !== TXS) throw new Error(`${node.chain.pending.size} pending, expected ${TXS}`);
  for (const ws of sockets) ws.close();
  await server.close();
  await node.close();
  return { txs: TXS, ms };
}

/** Phase 2: three nodes (node 0 produces, 1 and 2 follow, each connected to the others); per block, the
 *  time from node 0 finishing it to both others having applied it. */
async function propagation(txsPerBlock: number): Promise<number[]> {
  const members = [await devnetNode(true), await devnetNode(false), await devnetNode(false)];
  const [producer, clock] = [members[0]!.node, members[0]!.clock];
  const nets: P2pNetwork[] = [];
  for (const [i, m] of members.entries()) {
    nets.push(await P2pNetwork.start({ node: m.node, port: 0, peers: nets.map((n) => `127.0.0.1:${n.port}`), nodeId: `0${i}`.repeat(8) }));
  }
  const until = async (cond: () => boolean) => {
    while (!cond()) await new Promise((r) => setImmediate(r));
  };
  await until(() => nets.every((n) => n.connected().length === 2));
  const heads = () => members.map((m) => m.node.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_id);
  await produce(producer, clock);
  await until(() => new Set(heads()).size === 1);
  const nathan = await claimGenesisBalance(producer, clock);
  await until(() => new Set(heads()).size === 1);
  const out: number[] = [];
  for (let b = 0; b < BLOCKS; b++) {
    for (const t of transfers(producer, nathan, txsPerBlock, b * txsPerBlock)) {
      const r = await producer.pushTransaction(t);
      if (E.isLeft(r)) throw new Error(r.left.message);
    }
    const block = await produce(producer, clock);
    if (block.transactions.length !== txsPerBlock) throw new Error(`the block has ${block.transactions.length} transactions, not ${txsPerBlock}`);
    const started = performance.now();
    const id = heads()[0]!;
    await until(() => heads().every((h) => h === id));
    out.push(performance.now() - started);
  }
  for (const n of nets) await n.close();
  for (const m of members) await m.node.close();
  return out;
}

const loadBefore = loadavg()[0]!;
const rates: number[] = [];
const empty: number[] = [];
const full: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const t = await apiThroughput();
  rates.push((t.txs * 1000) / t.ms);
  const e = stats(await propagation(0)).median;
  const f = stats(await propagation(BLOCK_TXS)).median;
  empty.push(e);
  full.push(f);
  console.error(`round ${r + 1}/${ROUNDS}: ${Math.round((t.txs * 1000) / t.ms)} tx/s through the API; propagation ${e.toFixed(1)} ms empty, ${f.toFixed(1)} ms with ${BLOCK_TXS} transactions`);
}
const fmt = (x: number): string => Math.round(x).toLocaleString("en-US");
const rate = stats(rates);
const e = stats(empty);
const f = stats(full);
const body = [
  "## Node: API throughput and block propagation (`npm run bench:node`)",
  "",
  `${new Date().toISOString().slice(0, 10)}, ${machine()}. (1) ${TXS} signed transfers (pre-signed, distinct) sent as broadcast_transaction over ${CLIENTS} WebSocket connections to one devnet node, up to 32 in flight each; the node parses each frame, checks every signature and applies each transaction to its pending state; timed from the first frame sent to the last answer. (2) Three nodes in one process over loopback P2P (each connected to the others); node 0 produces ${BLOCKS} blocks, empty or with ${BLOCK_TXS} transfers; per block the time from node 0 having applied and stored it to both others having applied it (the median of the blocks of a run). Median of ${ROUNDS} runs (min to max). One-minute load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after.`,
  "",
  "| figure | median | min | max | target |",
  "| --- | ---: | ---: | ---: | --- |",
  `| transactions accepted through the API, per second | ${fmt(rate.median)} | ${fmt(rate.min)} | ${fmt(rate.max)} | at least 1,000: **${(rate.median / 1000).toFixed(1)}×** |`,
  `| propagation of an empty block to 2 peers, ms | ${e.median.toFixed(1)} | ${e.min.toFixed(1)} | ${e.max.toFixed(1)} | – |`,
  `| propagation of a block of ${BLOCK_TXS} transfers to 2 peers, ms | ${f.median.toFixed(1)} | ${f.min.toFixed(1)} | ${f.max.toFixed(1)} | – |`,
].join("\n");
const defaults = TXS === 20000 && CLIENTS === 4 && BLOCKS === 30 && BLOCK_TXS === 200;
// Issue 7's target is for API throughput; propagation latency has no number to reach.
emit(output("bench:node", "bench:node", body, [
  { id: "node.api", label: `node: transactions accepted through broadcast_transaction (${CLIENTS} connections)`, unit: "tx/s", digits: 0, runs: rates, target: { kind: "at least", value: 1000, source: "issue 7" } },
  { id: "node.propagation_empty", label: "node: propagation of an empty block to 2 peers", unit: "ms", digits: 1, runs: empty },
  { id: "node.propagation_full", label: `node: propagation of a block of ${BLOCK_TXS} transfers to 2 peers`, unit: "ms", digits: 1, runs: full },
]), defaults && ROUNDS >= 3);
process.exit(0);
