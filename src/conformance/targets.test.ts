// The other targets end to end: the stdio protocol with the reference responder
// (tools/conformance/stdio_self.ts) in a child process, bitsharesjs on the codec vectors, and the ws target
// against a small fake bitshares-core node (btsref's own node API, src/node, is being written at the same
// time; this fake speaks the same JSON-RPC and answers from btsref's codec and the vectors themselves).
import { join } from "node:path";
import { either as E } from "fp-ts";
import { WebSocketServer } from "ws";
import { describe, expect, it } from "vitest";
import { conformanceCommand } from "../cli/conformance.js";
import { bytesToHex } from "../codec/hex.js";
import { type Json, jsonToBytes } from "../codec/index.js";
import type { TransactionApplyVector, Vector } from "./format.js";
import { type Editable, REPO, VECTORS, committed, subsetDir } from "./test_support.js";

const run = (...args: string[]) => conformanceCommand(["run", ...args]);
const RESPONDER = `"${process.execPath}" --import tsx "${join(REPO, "tools/conformance/stdio_self.ts")}"`;

describe("stdio target", () => {
  it("speaks the protocol with the reference responder: passes what passes, fails a corrupted vector", async () => {
    const dir = subsetDir({
      "codec/operations.json": (v) => v.id.startsWith("codec/transfer") || v.id.startsWith("codec/limit_order"),
      "crypto/generated.json": (v) => v.id.endsWith("/transfer") || v.id === "crypto/key/bob",
      "transaction-apply/operations.json": (v) => /^transaction-apply\/(transfer|htlc_redeem)\//.test(v.id),
      "block-apply/blocks.json": (v) => v.id === "block-apply/empty" || v.id === "block-apply/refused-witness-signature",
    }, (v: Editable): Editable => (v.id === "transaction-apply/htlc_redeem/fail" && !v.expected.ok ? { ...v, expected: { ...v.expected, error: { ...v.expected.error, rule: "htlc.other_rule" } } } : v));
    const r = await run("--target", `stdio:${RESPONDER}`, "--vectors", dir);
    expect(r.out).toMatch(/FAIL transaction-apply\/htlc_redeem\/fail\n {2}expected\.error\.rule: expected "htlc\.other_rule", got "htlc_redeem/);
    expect(r.out).toContain("PASS block-apply/refused-witness-signature");
    expect(r.out.split("\n").at(-1)).toMatch(/^conformance stdio:.*: (\d+) passed, 1 failed, 0 skipped of \d+ vectors$/);
    expect(Number(/(\d+) passed/.exec(r.out)![1])).toBeGreaterThanOrEqual(12);
    expect(r.exitCode).toBe(1);
  });

  it("a responder that answers garbage or dies fails the vectors with the reason", async () => {
    const dir = subsetDir({ "codec/operations.json": (v) => v.id === "codec/transfer_operation" || v.id === "codec/asset_issue_operation" });
    const garbage = await run("--target", `stdio:"${process.execPath}" -e "process.stdin.on('data',()=>process.stdout.write('garbage\\n'))"`, "--vectors", dir);
    expect(garbage.out).toMatch(/FAIL codec\/transfer_operation: stdio: the responder wrote a line that is not a JSON object: garbage/);
    expect(garbage.exitCode).toBe(1);
    const dead = await run("--target", `stdio:"${process.execPath}" -e "process.exit(3)"`, "--vectors", dir);
    expect(dead.out).toMatch(/FAIL codec\/asset_issue_operation: stdio: .* exited \(code 3\)/);
  });
});

describe("bitsharesjs target", () => {
  it("agrees on every codec vector it can express; the rest are skipped, not failed", async () => {
    const r = await run("--target", "bitsharesjs", "--vectors", VECTORS, "--filter", "codec");
    expect(r.exitCode).toBe(0);
    const [, passed, failed, skipped] = /(\d+) passed, (\d+) failed, (\d+) skipped/.exec(r.out)!.map(Number);
    expect(failed).toBe(0);
    expect(passed).toBeGreaterThanOrEqual(65);
    expect(r.out).toContain("SKIP codec/limit_order_update_operation: operation 77 is not in bitsharesjs");
    expect(skipped).toBeLessThanOrEqual(15);
  });
  it("crypto: keys and recovery agree; signing is skipped", async () => {
    const r = await run("--target", "bitsharesjs", "--vectors", VECTORS, "--filter", "crypto");
    expect(r.out).toContain("PASS crypto/key/alice");
    expect(r.out).toContain("PASS crypto/recover/transfer");
    expect(r.out).toMatch(/SKIP crypto\/transaction\/transfer: bitsharesjs: the transaction_signature case is not driven/);
    expect(r.exitCode).toBe(0);
  });
});

/** A fake bitshares-core node: get_transaction_hex through btsref's codec (wrong for transfers when
 *  `lie` is set), get_required_fees from the fees the vectors' transactions pay, and
 *  broadcast_transaction_synchronous refusing with bitshares-core's error shape the transactions the
 *  vectors expect refused. */
async function fakeNode(apply: readonly TransactionApplyVector[], lie: boolean): Promise<{ url: string; calls: string[]; close: () => Promise<void> }> {
  const refused = new Map(apply.filter((v) => !v.expected.ok).map((v) => [JSON.stringify(v.transaction), (v.expected as { error: { exception: string; code: number } }).error]));
  const server = new WebSocketServer({ port: 0 });
  const calls: string[] = [];
  server.on("connection", (socket) => socket.on("message", (data) => {
    const { id, method, params } = JSON.parse(String(data)) as { id: number; method: string; params: [string, string, Json[]] };
    const [api, name, args] = params;
    calls.push(`${method} ${api}.${name}`);
    const reply = (result: Json) => socket.send(JSON.stringify({ id, jsonrpc: "2.0", result }));
    const error = (e: { exception: string; code: number }) => socket.send(JSON.stringify({ id, jsonrpc: "2.0", error: { code: 1, message: e.exception, data: { code: e.code, name: e.exception, message: e.exception, stack: [] } } }));
    if (name === "get_transaction_hex") {
      const hex = bytesToHex((jsonToBytes("signed_transaction", args[0]!) as E.Right<Uint8Array>).right);
      return reply(lie && (args[0] as { operations: [number][] }).operations[0]![0] === 0 ? hex.replace(/00$/, "01") : hex);
    }
    if (name === "get_required_fees") return reply((args[0] as [number, { fee: Json }][]).map((op) => op[1].fee));
    if (name === "broadcast_transaction_synchronous") {
      const e = refused.get(JSON.stringify(args[0]));
      return e === undefined ? reply({ id: "00", block_num: 1, trx_num: 0, trx: args[0]! }) : error(e);
    }
    socket.send(JSON.stringify({ id, error: { code: 1, message: `no method ${name}` } }));
  }));
  await new Promise((r) => server.once("listening", r));
  const port = (server.address() as { port: number }).port;
  return { url: `ws://127.0.0.1:${port}`, calls, close: () => new Promise((r) => server.close(() => r(undefined))) };
}

describe("ws target (against a fake node)", () => {
  it("codec through get_transaction_hex, fees through get_required_fees, apply by broadcasting; a wrong answer fails", async () => {
    const keep = (v: Vector) => /^transaction-apply\/(transfer|limit_order_create)\//.test(v.id);
    const dir = subsetDir({
      "codec/operations.json": (v) => ["codec/transfer_operation", "codec/asset_create_operation", "codec/signed_transaction/transfer", "codec/signed_block/transactions"].includes(v.id),
      "transaction-apply/operations.json": keep,
      "block-apply/blocks.json": (v) => v.id === "block-apply/empty",
    });
    const apply = committed("transaction-apply/operations.json").vectors.filter(keep) as TransactionApplyVector[];
    const honest = await fakeNode(apply, false);
    try {
      const r = await run("--target", honest.url, "--vectors", dir);
      expect(r.out).toContain("PASS codec/asset_create_operation");
      expect(r.out).toContain("PASS transaction-apply/transfer/fail");
      expect(r.out).toContain("SKIP codec/signed_block/transactions: get_transaction_hex serializes transactions");
      expect(r.out).toContain("SKIP block-apply/empty: blocks cannot be pushed through the node API");
      expect(r.out.split("\n").at(-1)).toMatch(/: 7 passed, 0 failed, 2 skipped of 9 vectors$/);
      expect(r.exitCode).toBe(0);
      expect(honest.calls).toContain("call database.get_required_fees");
      expect(honest.calls.filter((c) => c === "call network_broadcast.broadcast_transaction_synchronous").length).toBeGreaterThan(4);
    } finally {
      await honest.close();
    }
    const liar = await fakeNode(apply.map((v) => (v.id === "transaction-apply/transfer/ok" ? { ...v, expected: { ok: false, error: { exception: "tx_missing_active_auth", code: 3030002 } } } as TransactionApplyVector : v)), true);
    try {
      const r = await run("--target", liar.url, "--vectors", dir);
      expect(r.out).toMatch(/FAIL codec\/transfer_operation\n {2}hex: expected "/);
      expect(r.out).toMatch(/FAIL transaction-apply\/transfer\/ok\n {2}expected\.ok: expected true, got \{"exception":"tx_missing_active_auth","code":3030002\}/);
      expect(r.exitCode).toBe(1);
    } finally {
      await liar.close();
    }
  });

  it("an unreachable node is a clear error", async () => {
    const e = await run("--target", "ws://127.0.0.1:1", "--vectors", VECTORS).then(() => undefined, (x: unknown) => x as Error);
    expect(e?.message).toMatch(/ws:\/\/127\.0\.0\.1:1: cannot connect/);
  });
});
