// The node's block store (bitshares-core's block_database): the current chain's blocks by number in their
// packed form, and the head number, written together in one atomic batch so that a crash leaves either
// the old chain or the new one, never a half-written block. The state is not stored: opening replays the
// blocks (a restart equals a replay of what was stored, by construction).
import { either as E } from "fp-ts";
import { ClassicLevel } from "classic-level";
import type * as T from "../../generated/native-types.js";
import { decode, encode } from "../codec/index.js";

export interface BlockStore {
  /** Every stored block from #1 to the stored head, in order. */
  readBlocks(): Promise<T.SignedBlock[]>;
  /** Blocks `from` the given number on replace the stored ones; the head becomes the last of them. */
  writeChain(blocks: readonly { readonly num: number; readonly block: T.SignedBlock }[]): Promise<void>;
  /** The genesis the store was made for (its chain id), checked on open. */
  chainId(): Promise<string | undefined>;
  setChainId(id: string): Promise<void>;
  close(): Promise<void>;
}

export class StoreError extends Error {}

const blockKey = (num: number): string => `block:${num.toString().padStart(10, "0")}`;

function packed(block: T.SignedBlock): Uint8Array {
  const bytes = encode("signed_block", block);
  if (E.isLeft(bytes)) throw new StoreError(`block does not encode: ${bytes.left.path}: ${bytes.left.message}`);
  return bytes.right;
}

function unpacked(num: number, bytes: Uint8Array): T.SignedBlock {
  const block = decode("signed_block", bytes);
  if (E.isLeft(block)) throw new StoreError(`stored block #${num} does not decode: ${block.left.path}: ${block.left.message}`);
  return block.right as T.SignedBlock;
}

/** LevelDB (classic-level) in a directory. */
export class LevelBlockStore implements BlockStore {
  private constructor(private readonly db: ClassicLevel<string, Uint8Array>) {}

  static async open(dir: string): Promise<LevelBlockStore> {
    const db = new ClassicLevel<string, Uint8Array>(dir, { keyEncoding: "utf8", valueEncoding: "view" });
    await db.open();
    return new LevelBlockStore(db);
  }

  private async head(): Promise<number> {
    const h = await this.db.get("head");
    return h === undefined ? 0 : Number(new TextDecoder().decode(h));
  }

  async readBlocks(): Promise<T.SignedBlock[]> {
    const head = await this.head();
    const out: T.SignedBlock[] = [];
    for (let n = 1; n <= head; n++) {
      const bytes = await this.db.get(blockKey(n));
      if (bytes === undefined) throw new StoreError(`stored block #${n} is missing below the stored head #${head}`);
      out.push(unpacked(n, bytes));
    }
    return out;
  }

  async writeChain(blocks: readonly { readonly num: number; readonly block: T.SignedBlock }[]): Promise<void> {
    if (blocks.length === 0) return;
    const head = await this.head();
    const last = blocks[blocks.length - 1]!.num;
    const batch = this.db.batch();
    for (const { num, block } of blocks) batch.put(blockKey(num), packed(block));
    // A shorter chain than stored (never from fork choice, which only moves to longer chains) drops the rest.
    for (let n = last + 1; n <= head; n++) batch.del(blockKey(n));
    batch.put("head", new TextEncoder().encode(String(last)));
    await batch.write();
  }

  async chainId(): Promise<string | undefined> {
    const v = await this.db.get("chain_id");
    return v === undefined ? undefined : new TextDecoder().decode(v);
  }

  async setChainId(id: string): Promise<void> {
    await this.db.put("chain_id", new TextEncoder().encode(id));
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}

/** In memory: for tests and nodes started without a data directory. */
export class MemoryBlockStore implements BlockStore {
  private blocks: T.SignedBlock[] = [];
  private id: string | undefined;

  async readBlocks(): Promise<T.SignedBlock[]> {
    return [...this.blocks];
  }
  async writeChain(blocks: readonly { readonly num: number; readonly block: T.SignedBlock }[]): Promise<void> {
    if (blocks.length === 0) return;
    const next = this.blocks.slice(0, blocks[0]!.num - 1);
    for (const { num, block } of blocks) next[num - 1] = block;
    this.blocks = next;
  }
  async chainId(): Promise<string | undefined> {
    return this.id;
  }
  async setChainId(id: string): Promise<void> {
    this.id = id;
  }
  async close(): Promise<void> {}
}
