// Three nodes on one genesis with 21 witnesses split 8/7/6 among them, each node's blocks in LevelDB, over
// loopback P2P, on one test clock that steps a slot at a time: blocks flow and the last irreversible block
// advances on all; with the 6-witness node stopped the other two go on (15 of 21 witnesses still confirm
// blocks: update_last_irreversible_block needs 70%); restarted on its data directory it syncs to the same
// head; partitioned off and healed, all converge on the majority's chain. Throughout, no block at or
// below any node's highest last irreversible block ever changes on any node.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { either as E } from "fp-ts";
import { afterAll, describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { DEVNET_TIMESTAMP, devnetGenesis } from "../chain/devnet.js";
import { bytesToHex } from "../codec/hex.js";
import { publicKeyOf, secretFromSeed } from "../crypto/keys.js";
import { headBlockId, headBlockNum, lastIrreversibleBlockNum } from "../consensus/blockchain.js";
import { Node } from "./node.js";
import { P2pNetwork } from "./p2p.js";
import { LevelBlockStore } from "./store.js";

const WITNESSES = 21;
const KEYS = Array.from({ length: WITNESSES }, (_, i) => secretFromSeed(`w${i}`));
const pub = (k: Uint8Array) => bytesToHex(E.getOrElseW(() => new Uint8Array())(publicKeyOf(k)));
/** Which witnesses (by index) each node signs for. */
const SPLIT = [[0, 8], [8, 15], [15, 21]] as const;
const BLOCK_INTERVAL_MS = 5000;

/** devnetGenesis with 21 witnesses init0..init20, each with its own key (sha256 of "w<i>"); the immutable
 *  minimum witness count is 21 so that the first maintenance keeps all of them active (without votes,
 *  update_active_witnesses falls back to min_witness_count). */
function genesis21(): T.GenesisStateType {
  const g = devnetGenesis();
  const names = KEYS.map((_, i) => `init${i}`);
  return {
    ...g,
    initial_accounts: [
      ...names.map((name, i) => ({ name, owner_key: pub(KEYS[i]!), active_key: pub(KEYS[i]!), is_lifetime_member: true })),
      g.initial_accounts.find((a) => a.name === "nathan")!,
    ],
    initial_active_witnesses: BigInt(WITNESSES),
    initial_witness_candidates: names.map((owner_name, i) => ({ owner_name, block_signing_key: pub(KEYS[i]!) })),
    initial_committee_candidates: names.map((owner_name) => ({ owner_name })),
    immutable_parameters: { ...g.immutable_parameters, min_witness_count: WITNESSES },
  };
}

const GENESIS = genesis21();
let now = DEVNET_TIMESTAMP * 1000;
const dirs = [0, 1, 2].map(() => mkdtempSync(join(tmpdir(), "btsref-multinode-")));
const ports: number[] = [];

interface Member {
  node: Node;
  net: P2pNetwork;
}
const members: (Member | undefined)[] = [undefined, undefined, undefined];

/** The highest last irreversible block any node reached, and the ids of the blocks up to it as first seen
 *  irreversible; a block applied at one of those heights with another id is a violation. */
const irreversible = new Map<number, string>();
const violations: string[] = [];

function watch(i: number, node: Node): void {
  node.on({
    block: (applied) => {
      const d = applied.state.find<T.DynamicGlobalPropertyObject>("2.1.0")!;
      const fixed = irreversible.get(d.head_block_number);
      if (fixed !== undefined && fixed !== d.head_block_id) violations.push(`node ${i} applied #${d.head_block_number} ${d.head_block_id}, irreversible as ${fixed}`);
      const lib = lastIrreversibleBlockNum(node.chain);
      for (let n = lib; n >= 1 && !irreversible.has(n); n--) irreversible.set(n, node.chain.blocks.get(n)!.id);
    },
  });
}

/** Node `i` on its data directory; it dials the nodes before it (node 0 dials nobody). */
async function start(i: number): Promise<Member> {
  const [lo, hi] = SPLIT[i]!;
  const node = await Node.open({ genesis: GENESIS, store: await LevelBlockStore.open(dirs[i]!), witnessKeys: KEYS.slice(lo, hi), clock: () => now });
  watch(i, node);
  const peers = ports.slice(0, i).map((p) => `127.0.0.1:${p}`);
  const net = await P2pNetwork.start({ node, port: ports[i] ?? 0, peers, reconnectMs: [20, 200], nodeId: `0${i}`.repeat(8) });
  ports[i] = net.port!;
  const m = { node, net };
  members[i] = m;
  return m;
}

async function stop(i: number): Promise<void> {
  const m = members[i]!;
  members[i] = undefined;
  await m.net.close();
  await m.node.close();
}

const running = (): Member[] => members.filter((m): m is Member => m !== undefined);

async function until(cond: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

const sameHead = (group: Member[]) => group.every((m) => headBlockId(m.node.chain) === headBlockId(group[0]!.node.chain));

const latencies: number[] = [];
/** One slot: every running node gets the chance to produce; then the groups agree on a head. */
async function step(groups: Member[][]): Promise<number[]> {
  now += BLOCK_INTERVAL_MS;
  const t = Date.now();
  const produced: number[] = [];
  for (const [i, m] of members.entries()) if (m !== undefined && (await m.node.maybeProduce(now)).condition === "produced") produced.push(i);
  for (const g of groups) await until(() => sameHead(g), 10_000, `nodes ${g.map((m) => members.indexOf(m)).join(",")} to agree`);
  if (produced.length === 1 && groups.length === 1 && groups[0]!.length === 3) latencies.push(Date.now() - t);
  return produced;
}

/** `n` slots; how many blocks each node produced. */
async function steps(n: number, groups: Member[][]): Promise<number[]> {
  const count = [0, 0, 0];
  for (let i = 0; i < n; i++) for (const p of await step(groups)) count[p]!++;
  return count;
}

afterAll(async () => {
  for (const [i, m] of members.entries()) if (m !== undefined) await stop(i);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  if (latencies.length > 0) console.log(`multinode: a produced block applied on all 3 nodes in ${latencies[latencies.length >> 1]} ms (median of ${latencies.length}), ${latencies[latencies.length - 1]} ms at most`);
});

describe("three nodes, 21 witnesses", () => {
  it("blocks flow and the last irreversible block advances on all", async () => {
    for (const i of [0, 1, 2]) await start(i);
    await until(() => running().every((m) => m.net.connected().length === 2), 10_000, "the connections");
    const count = await steps(40, [running()]);
    // A block in every slot but the maintenance_skip_slots (3, chain_parameters default) after the first
    // block, which is a maintenance block (next_maintenance_time starts at 0); each node signs only for its
    // own witnesses.
    expect(count[0]! + count[1]! + count[2]!).toBe(37);
    for (const [i, m] of running().entries()) {
      const [lo, hi] = SPLIT[i]!;
      const mine = new Set(Array.from({ length: hi - lo }, (_, k) => `1.6.${lo + k + 1}`));
      const signed = [...m.node.chain.blocks.entries()].filter(([, b]) => mine.has(b.block.witness)).length;
      expect(signed).toBe(count[i]);
      // 15 of 21 witnesses (70%, GRAPHENE_IRREVERSIBLE_THRESHOLD) must have confirmed a block for it to be irreversible.
      expect(headBlockNum(m.node.chain)).toBe(37);
      expect(lastIrreversibleBlockNum(m.node.chain)).toBe(37 - 14);
      expect(m.node.chain.head.find<T.GlobalPropertyObject>("2.0.0")!.active_witnesses).toHaveLength(WITNESSES);
    }
    expect(violations).toEqual([]);
  });

  it("with the 6-witness node stopped the others go on, and their last irreversible block advances", async () => {
    const before = members[0]!.node.chain;
    await stop(2);
    const count = await steps(42, [running()]);
    const [a, b] = running();
    expect(headBlockId(a!.node.chain)).toBe(headBlockId(b!.node.chain));
    // The stopped node's witnesses' slots were missed; every other slot made a block.
    expect(count[2]).toBe(0);
    expect(count[0]! + count[1]!).toBeLessThan(42);
    expect(headBlockNum(a!.node.chain)).toBe(headBlockNum(before) + count[0]! + count[1]!);
    expect(lastIrreversibleBlockNum(a!.node.chain)).toBeGreaterThan(lastIrreversibleBlockNum(before) + 20);
    expect(violations).toEqual([]);
  });

  it("restarted on its data directory, the stopped node syncs to the same head and produces again", async () => {
    const head = headBlockNum(members[0]!.node.chain);
    const t = Date.now();
    const m = await start(2);
    expect(headBlockNum(m.node.chain)).toBe(37);
    await until(() => sameHead(running()), 20_000, "the sync");
    console.log(`multinode: the restarted node synced ${head - 37} blocks in ${Date.now() - t} ms (including its replay of 37)`);
    await until(() => running().every((x) => x.net.connected().length === 2), 10_000, "the connections");
    const witnessesOf2 = new Set(Array.from({ length: 6 }, (_, k) => `1.6.${16 + k}`));
    await steps(21, [running()]);
    const head2 = headBlockNum(m.node.chain);
    expect(head2).toBe(head + 21);
    const last21 = Array.from({ length: 21 }, (_, k) => m.node.chain.blocks.get(head2 - k)!.block.witness);
    expect(last21.filter((w) => witnessesOf2.has(w))).toHaveLength(6);
    expect(violations).toEqual([]);
  });

  it("partitioned off and healed, all converge on one chain; no irreversible block changes", async () => {
    const [a, b, c] = members as Member[];
    c!.net.pause();
    await until(() => a!.net.connected().length === 1 && b!.net.connected().length === 1, 5000, "the partition");
    const forkAt = headBlockNum(a!.node.chain);
    const libC = lastIrreversibleBlockNum(c!.node.chain);
    const count = await steps(42, [[a!, b!], [c!]]);
    // Each side made its own blocks in its witnesses' slots: together one per slot.
    expect(count[0]! + count[1]! + count[2]!).toBe(42);
    expect(count[2]).toBeGreaterThan(0);
    expect(headBlockNum(a!.node.chain)).toBe(forkAt + count[0]! + count[1]!);
    expect(headBlockNum(c!.node.chain)).toBe(forkAt + count[2]!);
    expect(c!.node.chain.blocks.get(forkAt + 1)!.id).not.toBe(a!.node.chain.blocks.get(forkAt + 1)!.id);
    // The minority cannot make its own blocks irreversible (6 of 21; its LIB may still rise to what the
    // others had confirmed before the partition), the majority can (15 of 21).
    expect(lastIrreversibleBlockNum(c!.node.chain)).toBeGreaterThanOrEqual(libC);
    expect(lastIrreversibleBlockNum(c!.node.chain)).toBeLessThanOrEqual(forkAt);
    expect(lastIrreversibleBlockNum(a!.node.chain)).toBeGreaterThan(forkAt);
    const t = Date.now();
    c!.net.resume();
    await until(() => sameHead(running()), 20_000, "the heal");
    console.log(`multinode: healed (a fork switch from ${count[2]} blocks to ${count[0]! + count[1]!}) in ${Date.now() - t} ms`);
    expect(headBlockId(c!.node.chain)).toBe(headBlockId(a!.node.chain));
    await steps(10, [running()]);
    const lib = Math.max(...running().map((m) => lastIrreversibleBlockNum(m.node.chain)));
    expect(lib).toBeGreaterThan(forkAt);
    expect(lib).toBe(irreversible.size);
    for (const m of running()) {
      for (let n = 1; n <= lib; n++) expect(m.node.chain.blocks.get(n)!.id).toBe(irreversible.get(n));
      expect(lastIrreversibleBlockNum(m.node.chain)).toBe(lib);
    }
    expect(violations).toEqual([]);
  });
});
