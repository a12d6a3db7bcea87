// The implementations a conformance run checks: btsref itself, bitsharesjs (codec and crypto only), any
// program speaking the stdio protocol, and a bitshares-core compatible node over its websocket API.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { bytesToHex } from "../codec/hex.js";
import type { Json } from "../codec/index.js";
import { parseJson } from "../codec/json-text.js";
import { sha256 } from "../crypto/hash.js";
import type { Setup, Step, Vector } from "./format.js";
import { type Answer, type Request, answer } from "./replay.js";

export interface Target {
  readonly name: string;
  ask(req: Request): Promise<Answer>;
  close(): Promise<void>;
}

/** An unusable --target: which value, and why. */
export class TargetError extends Error {}

export function selfTarget(): Target {
  return { name: "self", ask: async (req) => answer(req), close: async () => {} };
}

// ---------------------------------------------------------------------------------------------------
// stdio: one JSON request per line on the program's stdin, one JSON answer per line on its stdout.

export function stdioTarget(command: string, timeoutMs = 120_000): Target {
  if (command.trim() === "") throw new TargetError("stdio: the target needs a command, as in stdio:\"node responder.js\"");
  const child: ChildProcess = spawn(command, { shell: true, stdio: ["pipe", "pipe", "inherit"] });
  const waiting = new Map<number, (a: Answer) => void>();
  let dead: string | undefined;
  const failAll = (why: string) => {
    dead = why;
    for (const [, resolve] of waiting) resolve({ error: why });
    waiting.clear();
  };
  child.on("error", (e) => failAll(`stdio: cannot run ${command}: ${e.message}`));
  child.on("exit", (code, signal) => failAll(`stdio: ${command} exited (${signal ?? `code ${code}`})`));
  createInterface({ input: child.stdout! }).on("line", (line) => {
    if (line.trim() === "") return;
    // Read with the codec's parser: integers beyond 2^53 stay exact.
    const parsed = parseJson(line);
    if (parsed._tag === "Left" || parsed.right === null || typeof parsed.right !== "object" || Array.isArray(parsed.right)) {
      return failAll(`stdio: the responder wrote a line that is not a JSON object: ${line.slice(0, 200)}`);
    }
    const msg = parsed.right as { id?: unknown } & Record<string, Json>;
    const resolve = typeof msg.id === "number" ? waiting.get(msg.id) : undefined;
    if (resolve === undefined) return failAll(`stdio: an answer to no pending request: ${line.slice(0, 200)}`);
    waiting.delete(msg.id as number);
    if (msg["result"] !== undefined) resolve({ result: msg["result"] });
    else if (typeof msg["skip"] === "string") resolve({ skip: msg["skip"] });
    else resolve({ error: typeof msg["error"] === "string" ? msg["error"] : `the answer has no result, skip or error: ${line.slice(0, 200)}` });
  });
  return {
    name: `stdio:${command}`,
    ask: (req) => new Promise<Answer>((resolve) => {
      if (dead !== undefined) return resolve({ error: dead });
      const timer = setTimeout(() => {
        waiting.delete(req.id);
        resolve({ error: `stdio: no answer within ${timeoutMs} ms` });
      }, timeoutMs);
      waiting.set(req.id, (a) => {
        clearTimeout(timer);
        resolve(a);
      });
      child.stdin!.write(JSON.stringify(req) + "\n");
    }),
    close: () => new Promise<void>((resolve) => {
      if (dead !== undefined || child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.stdin!.end();
    }),
  };
}

// ---------------------------------------------------------------------------------------------------
// bitsharesjs (npm; a devDependency): its serializers for codec vectors, its key classes for crypto vectors.

interface BjsSerializer { fromObject(o: unknown): unknown; toBuffer(o: unknown): Buffer }
interface Bjs {
  ops: Record<string, BjsSerializer | undefined>;
  PrivateKey: { fromHex(h: string): { toWif(): string; toPublicKey(): { toString(p: string): string; toAddressString(p: string): string; toHex(): string } } };
  Signature: { fromHex(h: string): { recoverPublicKey(d: Buffer): { toString(p: string): string } } };
}

/** Operations whose bitsharesjs field list is not bitshares-core's, or that it lacks (properties/bitsharesjs.ts). */
const BJS_DEPARTURES: Readonly<Record<string, string>> = {
  fill_order_operation: "bitsharesjs lacks fill_price and is_maker",
  asset_settle_cancel_operation: "bitsharesjs adds an extensions field",
  fba_distribute_operation: "bitsharesjs packs fba_id as a varint",
  htlc_redeemed_operation: "bitsharesjs lacks redeemer and the preimage fields",
  htlc_refund_operation: "bitsharesjs lacks original_htlc_recipient and the htlc fields",
  liquidity_pool_update_operation: "operation 75 is not in bitsharesjs",
  credit_deal_update_operation: "operation 76 is not in bitsharesjs",
  limit_order_update_operation: "operation 77 is not in bitsharesjs",
};

/** Whether a JSON value holds a non-empty extension object (bitsharesjs declares those as
 *  set(future_extensions) and drops their members). */
const hasExtensionMembers = (j: Json): boolean => {
  if (Array.isArray(j)) return j.some(hasExtensionMembers);
  if (j === null || typeof j !== "object") return false;
  return Object.entries(j).some(([k, v]) => ((k === "extensions" || k === "options") && v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length > 0) || hasExtensionMembers(v));
};

export function bitsharesjsTarget(): Target {
  const require = createRequire(import.meta.url);
  let bjs: Bjs;
  try {
    bjs = require("bitsharesjs") as Bjs;
    (require("bitsharesjs-ws") as { ChainConfig: { setPrefix(p: string): void } }).ChainConfig.setPrefix("BTS");
  } catch (e) {
    throw new TargetError(`bitsharesjs: the npm package bitsharesjs (a devDependency) cannot be loaded: ${(e as Error).message}`);
  }
  const ask = async (req: Request): Promise<Answer> => {
    const v = req.vector;
    if (v.kind === "codec") {
      if (v.type in BJS_DEPARTURES) return { skip: BJS_DEPARTURES[v.type]! };
      const name = v.type.replace(/_operation$/, "");
      const s = bjs.ops[name];
      if (s === undefined) return { skip: `bitsharesjs has no serializer for ${v.type}` };
      let hex: string;
      try {
        hex = Buffer.from(s.toBuffer(s.fromObject(structuredClone(v.json)))).toString("hex");
      } catch (e) {
        return { skip: `bitsharesjs cannot serialize it: ${(e as Error).message.split("\n")[0]!.slice(0, 200)}` };
      }
      if (hex !== v.hex && hasExtensionMembers(v.json)) return { skip: "bitsharesjs drops the members of extension<T> fields" };
      return { result: { hex } };
    }
    if (v.kind === "crypto") {
      try {
        if (v.case === "private_key") {
          const k = bjs.PrivateKey.fromHex(String(v.input["private_key_hex"]));
          const p = String(v.input["prefix"]);
          const pub = k.toPublicKey();
          return { result: { wif: k.toWif(), public_key: pub.toString(p), public_key_hex: pub.toHex(), address: pub.toAddressString(p) } };
        }
        if (v.case === "recover_public_key") {
          const key = bjs.Signature.fromHex(String(v.input["signature"])).recoverPublicKey(Buffer.from(String(v.input["digest"]), "hex"));
          return { result: { public_key: key.toString(String(v.input["prefix"])) } };
        }
      } catch (e) {
        return { skip: `bitsharesjs: ${(e as Error).message.split("\n")[0]!.slice(0, 200)}` };
      }
      return { skip: `bitsharesjs: the ${v.case} case is not driven (its RFC 6979 nonce search differs from fc's)` };
    }
    return { skip: "bitsharesjs has no chain: apply vectors need a node" };
  };
  return { name: "bitsharesjs", ask, close: async () => {} };
}

// ---------------------------------------------------------------------------------------------------
// ws://host:port: bitshares-core's JSON-RPC over websocket, {"id","method":"call","params":[api, method, args]}.

export interface RpcError { readonly code?: number; readonly message?: string; readonly data?: { code?: number; name?: string; message?: string } }

class Rpc {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: Json) => void; reject: (e: RpcFailure) => void }>();
  private constructor(private readonly socket: import("ws").WebSocket) {
    socket.on("message", (data) => {
      let msg: { id?: number; result?: Json; error?: RpcError };
      try {
        msg = JSON.parse(String(data)) as typeof msg;
      } catch {
        return;
      }
      const w = msg.id === undefined ? undefined : this.waiting.get(msg.id);
      if (w === undefined) return;
      this.waiting.delete(msg.id!);
      if (msg.error !== undefined) w.reject(new RpcFailure(msg.error));
      else w.resolve(msg.result ?? null);
    });
    socket.on("close", () => {
      for (const w of this.waiting.values()) w.reject(new RpcFailure({ message: "the connection closed" }));
      this.waiting.clear();
    });
  }
  static async open(url: string): Promise<Rpc> {
    const { WebSocket } = await import("ws");
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", (e) => reject(new TargetError(`${url}: cannot connect: ${e.message}`)));
    });
    return new Rpc(socket);
  }
  call(api: string, method: string, args: Json[]): Promise<Json> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method: "call", params: [api, method, args] }));
    });
  }
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === this.socket.CLOSED) return resolve();
      this.socket.once("close", () => resolve());
      this.socket.close();
    });
  }
}

class RpcFailure extends Error {
  constructor(readonly error: RpcError) {
    super(error.data?.message ?? error.message ?? "error");
  }
}

const varint = (n: number): string => {
  let s = "";
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    s += b.toString(16).padStart(2, "0");
  } while (n > 0);
  return s;
};
/** The transaction a codec vector of an operation is wrapped in for get_transaction_hex: every header field
 *  zero, the one operation, no extensions and no signatures. */
const WRAP_HEAD = "0000" + "00000000" + "00000000" + "01";
const WRAP_TAIL = "00" + "00";

const transactionsOf = (steps: readonly Step[]): Json[] => steps.flatMap((s) => "push_transaction" in s ? [s.push_transaction.transaction]
  : ((s.push_block.block as { transactions?: Json[] }).transactions ?? []).map((t) => {
      const { operation_results: _, ...signed } = t as Record<string, Json>;
      return signed as Json;
    }));

export async function wsTarget(url: string, operationTags: ReadonlyMap<string, number>): Promise<Target> {
  const rpc = await Rpc.open(url);
  const broadcastSetups = new Set<string>();
  const broadcast = async (trx: Json): Promise<Json> => rpc.call("network_broadcast", "broadcast_transaction_synchronous", [trx]);
  const ask = async (req: Request): Promise<Answer> => {
    const v: Vector = req.vector;
    try {
      if (v.kind === "codec") {
        if (v.type === "signed_transaction") return { result: { hex: await rpc.call("database", "get_transaction_hex", [v.json]) } };
        const tag = operationTags.get(v.type);
        if (tag === undefined) return { skip: `get_transaction_hex serializes transactions; ${v.type} is not an operation` };
        const hex = String(await rpc.call("database", "get_transaction_hex", [{ ref_block_num: 0, ref_block_prefix: 0, expiration: "1970-01-01T00:00:00", operations: [[tag, v.json]], extensions: [], signatures: [] }]));
        const head = WRAP_HEAD + varint(tag);
        return { result: { hex: hex.startsWith(head) && hex.endsWith(WRAP_TAIL) ? hex.slice(head.length, hex.length - WRAP_TAIL.length) : hex } };
      }
      if (v.kind === "crypto") return { skip: "the node API has no key functions" };
      if (v.kind === "block-apply") return { skip: "blocks cannot be pushed through the node API" };
      // transaction-apply: the fees first (get_required_fees of the operations in their fee assets), then
      // the set-up's and pre-state's transactions broadcast, then the vector's.
      const trx = v.transaction as { operations: [number, { fee: { asset_id: string } }][] };
      const fees: Json[] = [];
      if (v.expected.ok) {
        for (const op of trx.operations) {
          const r = (await rpc.call("database", "get_required_fees", [[op] as unknown as Json, op[1].fee.asset_id])) as Json[];
          // proposal_create answers [its fee, [the proposed operations' fees]].
          const first = Array.isArray(r[0]) ? r[0][0] : r[0];
          fees.push((first as { amount: Json }).amount);
        }
      }
      if (req.setup !== undefined) {
        const key = bytesToHex(sha256(new TextEncoder().encode(JSON.stringify(req.setup))));
        if (!broadcastSetups.has(key)) {
          for (const t of transactionsOf((req.setup as Setup).steps)) await broadcast(t);
          broadcastSetups.add(key);
        }
      }
      for (const t of transactionsOf(v.pre_state.steps)) await broadcast(t);
      try {
        await broadcast(v.transaction);
        return { result: { ok: true, fees } };
      } catch (e) {
        if (!(e instanceof RpcFailure)) throw e;
        return { result: { ok: false, error: { exception: e.error.data?.name ?? "unknown", code: e.error.data?.code ?? -1 } } };
      }
    } catch (e) {
      return { error: `${url}: ${(e as Error).message}` };
    }
  };
  return { name: url, ask, close: () => rpc.close() };
}

