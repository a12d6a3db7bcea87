// The implementations a conformance run checks: btsref itself, bitsharesjs (codec and crypto only), any
// program speaking the stdio protocol, and a bitshares-core compatible node over its websocket API.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { type Json, fromJson } from "../codec/index.js";
import { parseJson } from "../codec/json-text.js";
import { genesisChainId, genesisText } from "../chain/genesis.js";
import type { BlockApplyVector, Setup, Step, TransactionApplyVector, Vector } from "./format.js";
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

export interface RpcError {
  readonly code?: number;
  readonly message?: string;
  /** fc's exception; btsref's node adds its rule and field in the first stack entry's data. */
  readonly data?: { code?: number; name?: string; message?: string; stack?: { data?: { rule?: Json; field?: Json } }[] };
}

class Rpc {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (v: Json) => void; reject: (e: RpcFailure) => void }>();
  private constructor(private readonly socket: import("ws").WebSocket) {
    socket.on("message", (data) => {
      // The codec's parser: integers beyond 2^53 stay exact.
      const parsed = parseJson(String(data));
      if (parsed._tag === "Left" || parsed.right === null || typeof parsed.right !== "object" || Array.isArray(parsed.right)) return;
      const msg = parsed.right as { id?: Json; result?: Json; error?: Json };
      const w = typeof msg.id === "number" ? this.waiting.get(msg.id) : undefined;
      if (w === undefined) return;
      this.waiting.delete(msg.id as number);
      if (msg.error !== undefined) w.reject(new RpcFailure(msg.error as RpcError));
      else w.resolve(msg.result ?? null);
    });
    socket.on("close", () => {
      for (const w of this.waiting.values()) w.reject(new RpcFailure({ message: "the connection closed" }));
      this.waiting.clear();
    });
  }
  static async open(url: string): Promise<Rpc> {
    const { WebSocket } = await import("ws");
    const socket = new WebSocket(url, { maxPayload: 64 * 1024 * 1024 });
    await new Promise<void>((resolve, reject) => {
      socket.once("open", () => resolve());
      socket.once("error", (e) => reject(new TargetError(`${url}: cannot connect: ${e.message}`)));
    });
    return new Rpc(socket);
  }
  /** `api` is a name ("database") or an id login_api handed out (1 is login_api itself). */
  call(api: string | number, method: string, args: Json[]): Promise<Json> {
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
  /** The refusal as a vector's `error`: fc's exception name and code, and btsref's rule and field when the
   *  node gives them. */
  refusal(): Json {
    const d = this.error.data;
    const extra = d?.stack?.[0]?.data;
    return {
      exception: d?.name ?? "unknown", code: d?.code ?? -1,
      ...(typeof extra?.rule === "string" ? { rule: extra.rule } : {}), ...(typeof extra?.field === "string" ? { field: extra.field } : {}),
    };
  }
  /** One line: the node's message (fc's "name (code): message" when it gives one). */
  describe(): string {
    return this.error.message ?? `${this.error.data?.name ?? "error"}: ${this.error.data?.message ?? ""}`;
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

/** The chain id of a set-up's genesis (sha256 of its JSON text), or why it has none. */
function setupChainId(setup: Setup): E.Either<string, string> {
  const g = fromJson("genesis_state_type", setup.genesis);
  if (E.isLeft(g)) return E.left(`the set-up's genesis does not decode: ${g.left.path}: ${g.left.message}`);
  return E.bimap((e: { message: string }) => `the set-up's genesis: ${e.message}`, genesisChainId)(genesisText(g.right as T.GenesisStateType));
}

const NEEDS_DEBUG = "start it with `btsref node --genesis world.json --enable-debug-api` (world.json from `btsref conformance genesis`)";

/** A bitshares-core compatible node. Codec vectors through get_transaction_hex. Apply vectors need a node
 *  that serves the debug API (src/node/debug.ts) and runs the set-up's genesis; each vector is independent:
 *  the node is reset to its genesis, the set-up's and the pre-state's steps are replayed (blocks through
 *  debug_push_block, transactions through broadcast_transaction), then the vector's transaction is
 *  broadcast (nothing produces blocks: it stays pending, where get_objects reads) or its block pushed, and
 *  the objects the vector expects changed are read back with get_objects. */
export async function wsTarget(url: string, operationTags: ReadonlyMap<string, number>): Promise<Target> {
  const rpc = await Rpc.open(url);
  /** The debug API's id, or why there is none (asked once). */
  let debug: Promise<E.Either<string, number>> | undefined;
  const debugApi = () => (debug ??= (async () => {
    try {
      await rpc.call(1, "login", ["", ""]);
      const id = await rpc.call(1, "debug", []);
      return typeof id === "number" ? E.right(id) : E.left(`the node serves no debug API (login_api.debug answered ${JSON.stringify(id)}); ${NEEDS_DEBUG}`);
    } catch (e) {
      if (!(e instanceof RpcFailure)) throw e;
      return E.left(`the node serves no debug API (${e.describe()}); ${NEEDS_DEBUG}`);
    }
  })());
  let nodeChainId: Promise<string> | undefined;
  /** Why the node cannot replay a set-up (another chain), cached by the set-up's text. */
  const unfit = new Map<string, string | undefined>();
  const setupProblem = async (setup: Setup): Promise<string | undefined> => {
    const key = JSON.stringify(setup.genesis);
    if (unfit.has(key)) return unfit.get(key);
    const want = setupChainId(setup);
    const have = await (nodeChainId ??= rpc.call("database", "get_chain_id", []).then(String));
    const problem = E.isLeft(want) ? want.left
      : want.right === have ? undefined
        : `the node runs chain ${have}, the vectors' set-up chain ${want.right}; ${NEEDS_DEBUG}`;
    unfit.set(key, problem);
    return problem;
  };

  const step = async (api: number, s: Step, where: string): Promise<void> => {
    try {
      if ("push_block" in s) await rpc.call(api, "debug_push_block", [s.push_block.block]);
      else await rpc.call("network_broadcast", "broadcast_transaction", [s.push_transaction.transaction]);
    } catch (e) {
      if (!(e instanceof RpcFailure)) throw e;
      throw new Error(`${where}: the node refused it: ${e.describe()}`);
    }
  };
  /** The objects the vector expects changed, as the node has them now ([{id, after}]). */
  const changes = async (v: TransactionApplyVector | BlockApplyVector): Promise<Json> => {
    if (!v.expected.ok) return [];
    const ids = v.expected.changes.map((c) => c.id);
    const after = (await rpc.call("database", "get_objects", [ids])) as Json[];
    return ids.map((id, i) => ({ id, after: after[i] ?? null }));
  };

  const apply = async (v: TransactionApplyVector | BlockApplyVector, setup: Setup | undefined): Promise<Answer> => {
    if (setup === undefined) return { error: `vector ${v.id} needs its set-up ${v.pre_state.setup}` };
    const steps = [...setup.steps.map((s, i) => [s, `set-up ${v.pre_state.setup} steps[${i}]`] as const), ...v.pre_state.steps.map((s, i) => [s, `pre_state.steps[${i}]`] as const)];
    const skipping = [v.skip, ...steps.map(([s]) => ("push_block" in s ? s.push_block.skip : s.push_transaction.skip))].some((n) => n !== 0);
    if (skipping) return { skip: "the vector skips validation steps (skip flags), which a node's API cannot" };
    const api = await debugApi();
    if (E.isLeft(api)) return { skip: api.left };
    const problem = await setupProblem(setup);
    if (problem !== undefined) return { skip: problem };
    await rpc.call(api.right, "debug_reset_to_genesis", []);
    for (const [s, where] of steps) await step(api.right, s, where);
    if (v.kind === "block-apply") {
      try {
        await rpc.call(api.right, "debug_push_block", [v.block]);
      } catch (e) {
        if (!(e instanceof RpcFailure)) throw e;
        return { result: { ok: false, error: e.refusal() } };
      }
      const dgpo = (await rpc.call("database", "get_dynamic_global_properties", [])) as { head_block_id: Json; head_block_number: Json };
      return { result: { ok: true, block_id: dgpo.head_block_id, head_block_num: dgpo.head_block_number, changes: await changes(v) } };
    }
    // The fees the node requires in the state the transaction meets (get_required_fees of each operation in
    // its fee asset): those the vector's transaction pays.
    const fees: Json[] = [];
    if (v.expected.ok) {
      for (const op of (v.transaction as { operations: [number, { fee: { asset_id: string } }][] }).operations) {
        const r = (await rpc.call("database", "get_required_fees", [[op] as unknown as Json, op[1].fee.asset_id])) as Json[];
        // proposal_create answers [its fee, [the proposed operations' fees]].
        const first = Array.isArray(r[0]) ? r[0][0] : r[0];
        fees.push((first as { amount: Json }).amount);
      }
    }
    try {
      // Not _synchronous: nothing produces a block; the transaction stays pending, where get_objects reads.
      await rpc.call("network_broadcast", "broadcast_transaction", [v.transaction]);
    } catch (e) {
      if (!(e instanceof RpcFailure)) throw e;
      return { result: { ok: false, error: e.refusal() } };
    }
    return { result: { ok: true, fees, changes: await changes(v) } };
  };

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
      return await apply(v, req.setup);
    } catch (e) {
      return { error: `${url}: ${(e as Error).message}` };
    }
  };
  return { name: url, ask, close: () => rpc.close() };
}
