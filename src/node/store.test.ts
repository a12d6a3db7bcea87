// The block store: blocks survive a restart, a restart replays them to the same state, a fork switch
// rewrites the blocks above the common ancestor, and a store of another chain is refused.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { DEVNET_SECRET, devnetGenesis } from "../chain/devnet.js";
import { slotTime } from "../chain/index.js";
import { either as E } from "fp-ts";
import { referenceBlock } from "../crypto/digests.js";
import { signTransaction } from "../crypto/transaction.js";
import { Node } from "./node.js";
import { LevelBlockStore } from "./store.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "btsref-store-"));
  dirs.push(d);
  return d;
};

async function openNode(dir: string, genesis = devnetGenesis()): Promise<Node> {
  let now = 0;
  const node = await Node.open({ genesis, store: await LevelBlockStore.open(dir), witnessKeys: [DEVNET_SECRET], clock: () => now });
  return Object.assign(node, { advance: (slot: number) => { now = slotTime(node.chain.head, slot) * 1000; return now; } });
}

/** `n` blocks, the first after `firstSlot - 1` missed slots. */
async function produce(node: Node, n: number, firstSlot = 1): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = await node.maybeProduce((node as unknown as { advance: (slot: number) => number }).advance(i === 0 ? firstSlot : 1));
    expect(r.condition).toBe("produced");
  }
}

describe("LevelBlockStore and replay", () => {
  it("a restarted node replays its stored blocks to the state it had", async () => {
    const dir = tempDir();
    const a = await openNode(dir);
    await produce(a, 12);
    const before = a.chain.head;
    await a.close();
    const b = await openNode(dir);
    expect(b.chain.head.find("2.1.0")).toEqual(before.find("2.1.0"));
    expect(b.chain.head.find("2.12.0")).toEqual(before.find("2.12.0"));
    expect([...b.chain.head.all<T.WitnessObject>(1, 6)]).toEqual([...before.all<T.WitnessObject>(1, 6)]);
    await produce(b, 2);
    expect(b.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_number).toBe(14);
    await b.close();
  });

  it("blocks with transactions are stored as produced (operation results cleared, as they enter the merkle root) and replay", async () => {
    const dir = tempDir();
    const a = await openNode(dir);
    await produce(a, 1);
    const d = a.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!;
    const nathan = a.chain.head.findUnique<T.AccountObject>(1, 2, "by_name", ["nathan"])!.id;
    const claim: T.SignedTransaction = {
      ...referenceBlock(d.head_block_id), expiration: d.time + 60, extensions: [], signatures: [],
      operations: [[37, {
        fee: { amount: 0n, asset_id: "1.3.0" }, deposit_to_account: nathan, balance_to_claim: "1.15.0",
        balance_owner_key: a.chain.head.find<T.WitnessObject>("1.6.1")!.signing_key, total_claimed: a.chain.head.find<T.BalanceObject>("1.15.0")!.balance,
      }]] as T.Operation[],
    };
    const signed = signTransaction({ ...claim } as unknown as Record<string, unknown>, a.chainId, [DEVNET_SECRET]);
    if (E.isLeft(signed)) throw new Error(signed.left.message);
    expect(E.isRight(await a.pushTransaction({ ...claim, signatures: signed.right.signatures }))).toBe(true);
    await produce(a, 1);
    const block = a.chain.blocks.get(2)!.block;
    expect(block.transactions).toHaveLength(1);
    expect(block.transactions[0]!.operation_results).toEqual([]);
    const before = a.chain.head;
    await a.close();
    const b = await openNode(dir);
    expect(b.chain.head.find("2.1.0")).toEqual(before.find("2.1.0"));
    expect(b.chain.head.find("1.15.0")).toBeUndefined();
    await b.close();
  });

  it("a fork switch rewrites the stored blocks above the common ancestor", async () => {
    const dir = tempDir();
    const a = await openNode(dir);
    await produce(a, 3);
    // Another node on the same chain makes a longer branch from block 2.
    const other = await openNode(tempDir());
    for (let n = 1; n <= 2; n++) expect((await other.pushBlock((await a.chain.blocks.get(n))!.block))._tag).toBe("Right");
    await produce(other, 3, 2);
    expect(other.chain.blocks.get(3)!.id).not.toBe(a.chain.blocks.get(3)!.id);
    for (let n = 3; n <= 5; n++) await a.pushBlock(other.chain.blocks.get(n)!.block);
    expect(a.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_id).toBe(other.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_id);
    await a.close();
    const store = await LevelBlockStore.open(dir);
    const stored = await store.readBlocks();
    expect(stored).toEqual([1, 2, 3, 4, 5].map((n) => other.chain.blocks.get(n)!.block));
    await store.close();
    await other.close();
  });

  it("refuses a data directory made for another genesis", async () => {
    const dir = tempDir();
    const a = await openNode(dir);
    await a.close();
    await expect(openNode(dir, devnetGenesis(1767225600 + 3600))).rejects.toThrow(/holds chain/);
  });
});
