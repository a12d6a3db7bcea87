// Starting and stopping a node: the store, the chain, the API server and the witness production loop
// (the witness plugin's schedule_production_loop: wake at each second, produce when it is our slot).
import { rename, rm } from "node:fs/promises";
import type * as T from "../../generated/native-types.js";
import { RpcServer } from "./rpc.js";
import { databaseAndHistoryApis, loginApi, networkBroadcastApi } from "./apis.js";
import { debugApi } from "./debug.js";
import { Node, type ProductionCondition } from "./node.js";
import { P2pNetwork } from "./p2p.js";
import { type BlockStore, LevelBlockStore, MemoryBlockStore } from "./store.js";

export interface RunOptions {
  readonly genesis: T.GenesisStateType;
  /** bitshares-core's enable-subscribe-to-all: set_subscribe_callback(cb, true) is allowed (bitsharesjs's
   *  ChainStore asks for it). */
  readonly enableSubscribeToAll?: boolean;
  /** Serve the debug API (src/node/debug.ts: push a block, reset to genesis). Off by default. */
  readonly enableDebugApi?: boolean;
  /** LevelDB directory; in memory when absent. */
  readonly dataDir?: string;
  readonly host?: string;
  /** API port (0: any free port). */
  readonly port: number;
  readonly witnessKeys: readonly Uint8Array[];
  readonly requiredParticipation?: number;
  /** Port to accept peers on (0: any free port); without it no peer can dial this node. */
  readonly p2pPort?: number;
  /** Peers to dial, "host:port" (redialled with backoff after a disconnect). */
  readonly peers?: readonly string[];
  /** Reconnection backoff, first delay and cap in milliseconds (tests shorten it). */
  readonly reconnectMs?: readonly [number, number];
  readonly clock?: () => number;
  readonly log?: (line: string) => void;
}

export interface RunningNode {
  readonly node: Node;
  readonly api: RpcServer;
  /** The peer-to-peer network, when a P2P port or peers were given. */
  readonly p2p?: P2pNetwork;
  /** Resolves after the node stopped. */
  stop(): Promise<void>;
}

/** An empty store in place of `old` (the debug API's reset). A LevelDB directory is closed and moved
 *  aside (one rename, so a crash leaves either the old directory or none, which opens empty), a fresh one
 *  is opened in its place, and the old one deleted. */
async function emptyStore(old: BlockStore, dataDir: string | undefined): Promise<BlockStore> {
  if (dataDir === undefined) return new MemoryBlockStore();
  await old.close();
  const aside = `${dataDir}.reset-${process.pid}-${Date.now()}`;
  await rename(dataDir, aside);
  const fresh = await LevelBlockStore.open(dataDir);
  await rm(aside, { recursive: true, force: true });
  return fresh;
}

export async function startNode(options: RunOptions): Promise<RunningNode> {
  const log = options.log ?? (() => {});
  const store: BlockStore = options.dataDir === undefined ? new MemoryBlockStore() : await LevelBlockStore.open(options.dataDir);
  const node = await Node.open({
    genesis: options.genesis, store, witnessKeys: options.witnessKeys, requiredParticipation: options.requiredParticipation, clock: options.clock, log,
    resetStore: (old) => emptyStore(old, options.dataDir),
  });
  log(`chain ${node.chainId}, head #${node.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_number}`);
  const api = await RpcServer.listen({
    port: options.port, host: options.host,
    apis: {
      login: loginApi({ debug: options.enableDebugApi === true }),
      ...databaseAndHistoryApis(node, options.genesis, { enableSubscribeToAll: options.enableSubscribeToAll }),
      network_broadcast: networkBroadcastApi(node),
      ...(options.enableDebugApi === true ? { debug: debugApi(node) } : {}),
    },
  });
  log(`API on ws://${options.host ?? "127.0.0.1"}:${api.port}${options.enableDebugApi === true ? " (with the debug API)" : ""}`);
  const p2p = options.p2pPort !== undefined || (options.peers ?? []).length > 0
    ? await P2pNetwork.start({ node, port: options.p2pPort, host: options.host, peers: options.peers, reconnectMs: options.reconnectMs, log })
    : undefined;
  if (p2p?.port !== undefined) log(`P2P on ws://${options.host ?? "127.0.0.1"}:${p2p.port}, node id ${p2p.nodeId}`);
  const clock = options.clock ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let last: ProductionCondition | undefined;
  const tick = async () => {
    if (stopped) return;
    const r = await node.maybeProduce(clock());
    if (r.condition === "produced" && r.block !== undefined) {
      const d = node.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!;
      log(`produced #${d.head_block_number} ${d.head_block_id.slice(0, 8)} by ${r.block.witness} with ${r.block.transactions.length} transactions; irreversible #${d.last_irreversible_block_num}`);
    } else if (r.condition !== last && r.condition !== "not_my_turn" && r.condition !== "not_time_yet") {
      log(`not producing: ${r.condition}${r.detail ? ` (${r.detail})` : ""}`);
    }
    last = r.condition;
    schedule();
  };
  // Wake just after the next whole second, as the witness plugin does.
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void tick(), 1000 - (clock() % 1000) + 5);
  };
  if (options.witnessKeys.length > 0) schedule();
  return {
    node, api, p2p,
    stop: async () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await p2p?.close();
      await api.close();
      await node.close();
    },
  };
}
