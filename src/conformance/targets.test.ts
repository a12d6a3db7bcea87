// The other targets end to end: the stdio protocol with the reference responder
// (tools/conformance/stdio_self.ts) in a child process, bitsharesjs on the codec vectors, and the ws target
// against a small fake bitshares-core node without the debug API (src/node/conformance_ws.test.ts runs it
// against btsref's own node).
import { join } from "node:path";
import { either as E } from "fp-ts";
import { WebSocketServer } from "ws";
import { describe, expect, it } from "vitest";
import { conformanceCommand } from "../cli/conformance.js";
import { bytesToHex } from "../codec/hex.js";
import { type Json, jsonToBytes } from "../codec/index.js";
import { compare } from "./compare.js";
import type { TransactionApplyVector } from "./format.js";
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

/** A fake bitshares-core node: get_transaction_hex through btsref's codec (wrong for transfers when `lie` is
 *  set), and no debug API (btsref's own node, with one, runs every apply vector in
 *  src/node/conformance_ws.test.ts). */
async function fakeNode(lie: boolean): Promise<{ url: string; calls: string[]; close: () => Promise<void> }> {
  const server = new WebSocketServer({ port: 0 });
  const calls: string[] = [];
  server.on("connection", (socket) => socket.on("message", (data) => {
    const { id, method, params } = JSON.parse(String(data)) as { id: number; method: string; params: [string | number, string, Json[]] };
    const [api, name, args] = params;
    calls.push(`${method} ${api}.${name}`);
    const reply = (result: Json) => socket.send(JSON.stringify({ id, jsonrpc: "2.0", result }));
    if (name === "get_transaction_hex") {
      const hex = bytesToHex((jsonToBytes("signed_transaction", args[0]!) as E.Right<Uint8Array>).right);
      return reply(lie && (args[0] as { operations: [number][] }).operations[0]![0] === 0 ? hex.replace(/00$/, "01") : hex);
    }
    if (name === "login") return reply(true);
    // login_api::debug without the debug_witness plugin: an assert_exception.
    socket.send(JSON.stringify({ id, jsonrpc: "2.0", error: { code: 1, message: `Assert Exception: no method ${name}`, data: { code: 10, name: "assert_exception", message: "Assert Exception", stack: [] } } }));
  }));
  await new Promise((r) => server.once("listening", r));
  const port = (server.address() as { port: number }).port;
  return { url: `ws://127.0.0.1:${port}`, calls, close: () => new Promise((r) => server.close(() => r(undefined))) };
}

describe("compare: changes read back from a node", () => {
  const v = committed("transaction-apply/operations.json").vectors.find((x) => x.id === "transaction-apply/transfer/ok")! as TransactionApplyVector & { expected: { changes: { id: string; before: Json; after: Json }[] } };
  const afterOnly = v.expected.changes.map((c) => ({ id: c.id, after: c.after }));
  it("an answer giving only {id, after} is compared on them", () => {
    expect(compare(v, { ok: true, changes: afterOnly })).toEqual([]);
    const wrong = afterOnly.map((c, i) => (i === 0 ? { ...c, after: null } : c));
    expect(compare(v, { ok: true, changes: wrong })[0]).toMatchObject({ path: "expected.changes[0].after", actual: null });
    expect(compare(v, { ok: true, changes: afterOnly.slice(1) })[0]).toMatchObject({ path: "expected.changes.length" });
  });
  it("an answer giving `before` is compared on it too", () => {
    const c = v.expected.changes.map((x, i) => (i === 0 ? { ...x, before: "other" } : x));
    expect(compare(v, { ok: true, changes: c as unknown as Json })[0]).toMatchObject({ path: "expected.changes[0].before", actual: "other" });
  });
});

describe("ws target (against a fake node)", () => {
  it("codec through get_transaction_hex; apply vectors skipped when the node serves no debug API; a wrong answer fails", async () => {
    const dir = subsetDir({
      "codec/operations.json": (v) => ["codec/transfer_operation", "codec/asset_create_operation", "codec/signed_transaction/transfer", "codec/signed_block/transactions"].includes(v.id),
      "transaction-apply/operations.json": (v) => /^transaction-apply\/transfer\//.test(v.id),
      "block-apply/blocks.json": (v) => v.id === "block-apply/empty",
    });
    const honest = await fakeNode(false);
    try {
      const r = await run("--target", honest.url, "--vectors", dir);
      expect(r.out).toContain("PASS codec/asset_create_operation");
      expect(r.out).toContain("PASS codec/signed_transaction/transfer");
      expect(r.out).toContain("SKIP codec/signed_block/transactions: get_transaction_hex serializes transactions");
      expect(r.out).toContain("SKIP block-apply/empty: the node serves no debug API (Assert Exception: no method debug); start it with `btsref node --genesis world.json --enable-debug-api`");
      expect(r.out).toMatch(/SKIP transaction-apply\/transfer\/ok: the node serves no debug API/);
      const skipped = Number(/(\d+) skipped/.exec(r.out)![1]);
      expect(r.out.split("\n").at(-1)).toMatch(/: 3 passed, 0 failed, \d+ skipped of \d+ vectors$/);
      expect(skipped).toBeGreaterThanOrEqual(4);
      expect(r.exitCode).toBe(0);
      // The debug API is asked for once, through login_api.
      expect(honest.calls.filter((c) => c === "call 1.debug")).toHaveLength(1);
    } finally {
      await honest.close();
    }
    const liar = await fakeNode(true);
    try {
      const r = await run("--target", liar.url, "--vectors", dir);
      expect(r.out).toMatch(/FAIL codec\/transfer_operation\n {2}hex: expected "/);
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
