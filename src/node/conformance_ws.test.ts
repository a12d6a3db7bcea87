// The conformance runner's ws:// target against btsref's own node: every codec vector of an operation or a
// transaction, serialized by the node's get_transaction_hex, gives the vector's bytes; on a node running the
// vectors' world genesis with the debug API every transaction-apply and block-apply vector passes (each
// replayed from a reset: set-up blocks through debug_push_block, transactions broadcast, the objects read
// back), a wrong expectation fails, and a node without the debug API or on another chain makes the apply
// vectors skipped with the reason.
import { join } from "node:path";
import type { either as E } from "fp-ts";
import { afterAll, describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { fromJson } from "../codec/index.js";
import { devnetGenesis } from "../chain/devnet.js";
import { genesisChainId, genesisText } from "../chain/genesis.js";
import { conformanceCommand } from "../cli/conformance.js";
import { loadVectorFiles, runVectors } from "../conformance/run.js";
import { wsTarget } from "../conformance/targets.js";
import { type Editable, committed, subsetDir } from "../conformance/test_support.js";
import { OPERATION_NAMES } from "../conformance/world.js";
import { type RunningNode, startNode } from "./run.js";

const VECTORS = join(import.meta.dirname, "..", "..", "conformance", "vectors");
const TAGS = new Map(OPERATION_NAMES.map((n, i) => [n, i]));
const APPLY = committed("transaction-apply/operations.json");
const BLOCKS = committed("block-apply/blocks.json");
const WORLD = (fromJson("genesis_state_type", APPLY.setups!["world"]!.genesis) as E.Right<T.GenesisStateType>).right;
const WORLD_ID = genesisChainId((genesisText(WORLD) as E.Right<string>).right);

const running: RunningNode[] = [];
afterAll(async () => {
  for (const r of running) await r.stop();
});
const start = async (genesis: T.GenesisStateType, enableDebugApi: boolean): Promise<string> => {
  const n = await startNode({ genesis, port: 0, witnessKeys: [], enableDebugApi });
  running.push(n);
  return `ws://127.0.0.1:${n.api.port}`;
};
const runOn = async (url: string, filter?: "codec" | "transaction-apply" | "block-apply", dir = VECTORS) => {
  const target = await wsTarget(url, TAGS);
  const { files, ignored } = loadVectorFiles(dir);
  try {
    return await runVectors(target, files, ignored, filter === undefined ? {} : { filter });
  } finally {
    await target.close();
  }
};
const skipReasons = (r: Awaited<ReturnType<typeof runOn>>) => new Set(r.outcomes.map((o) => (o.status === "skip" ? o.reason : o.status)));

describe("conformance run --target ws:// on a btsref node", () => {
  it("passes every codec vector get_transaction_hex can serialize; without the debug API the apply vectors are skipped", async () => {
    const url = await start(devnetGenesis(), false);
    const report = await runOn(url, "codec");
    expect(report.failed).toBe(0);
    // Every operation's vector and the transaction vector; only the block vector is not a transaction.
    expect(report.passed).toBeGreaterThanOrEqual(79);
    expect(report.skipped).toBe(1);
    const blocks = await runOn(url, "block-apply");
    expect(blocks.skipped).toBe(BLOCKS.vectors.length);
    expect([...skipReasons(blocks)]).toEqual([expect.stringMatching(/^the node serves no debug API \(.*debug API is not enabled.*\); start it with `btsref node --genesis world\.json --enable-debug-api`/)]);
  });

  it("conformance genesis prints the world set-up's genesis: a node on it runs the vectors' chain", async () => {
    const r = await conformanceCommand(["genesis", "--vectors", VECTORS]);
    expect(r.exitCode).toBe(0);
    const g = fromJson("genesis_state_type", JSON.parse(r.out));
    expect(g._tag).toBe("Right");
    expect(genesisChainId((genesisText((g as E.Right<T.GenesisStateType>).right) as E.Right<string>).right)).toBe(WORLD_ID);
    await expect(conformanceCommand(["genesis", "--vectors", VECTORS, "--setup", "nowhere"])).rejects.toMatchObject({ message: expect.stringMatching(/no vector file has a set-up named "nowhere"/), exitCode: 2 });
  });

  it("a node with the debug API on another chain: the apply vectors are skipped, naming both chain ids", async () => {
    const devnet = devnetGenesis();
    const report = await runOn(await start(devnet, true), "block-apply");
    expect(report.skipped).toBe(BLOCKS.vectors.length);
    const reason = `the node runs chain ${genesisChainId((genesisText(devnet) as E.Right<string>).right)}, the vectors' set-up chain ${WORLD_ID}; start it with`;
    expect([...skipReasons(report)]).toEqual([expect.stringContaining(reason)]);
  });

  it("on the world genesis with the debug API every transaction-apply and block-apply vector passes; wrong expectations fail", async () => {
    const url = await start(WORLD, true);
    const started = Date.now();
    const trx = await runOn(url, "transaction-apply");
    const blocks = await runOn(url, "block-apply");
    const ms = Date.now() - started;
    const failures = [...trx.outcomes, ...blocks.outcomes].filter((o) => o.status !== "pass");
    expect(failures).toEqual([]);
    expect(trx.passed).toBe(APPLY.vectors.length);
    expect(blocks.passed).toBe(BLOCKS.vectors.length);
    expect(ms).toBeLessThan(60_000);

    // The comparison is live: an object's value, a refusal's rule, a head block id, a fee and an outcome,
    // each changed in a copy of the vectors, fail with the difference's path.
    const dir = subsetDir({
      "transaction-apply/operations.json": (v) => /^transaction-apply\/(transfer|htlc_redeem|limit_order_create)\//.test(v.id),
      "block-apply/blocks.json": (v) => v.id === "block-apply/transactions" || v.id === "block-apply/empty",
    }, (v: Editable): Editable => {
      if (v.id === "transaction-apply/transfer/ok") v.expected.changes[v.expected.changes.length - 1].after.balance = "1";
      if (v.id === "transaction-apply/htlc_redeem/fail") v.expected.error.rule = "htlc.other_rule";
      if (v.id === "block-apply/transactions") v.expected.block_id = "00".repeat(20);
      if (v.id === "transaction-apply/limit_order_create/ok") v.transaction.operations[0][1].fee.amount += 1;
      if (v.id === "block-apply/empty") v.expected = { ok: false, error: { exception: "assert_exception", code: 10 } };
      return v;
    });
    const r = await conformanceCommand(["run", "--target", url, "--vectors", dir]);
    expect(r.out).toMatch(/FAIL transaction-apply\/transfer\/ok\n {2}expected\.changes\[\d+\]\.after\.balance: expected "1", got /);
    expect(r.out).toMatch(/FAIL transaction-apply\/htlc_redeem\/fail\n {2}expected\.error\.rule: expected "htlc\.other_rule", got "htlc_redeem/);
    expect(r.out).toMatch(/FAIL block-apply\/transactions\n {2}expected\.block_id: expected "0{40}", got "/);
    // The changed fee also breaks the signature, so the node refuses the transaction.
    expect(r.out).toMatch(/FAIL transaction-apply\/limit_order_create\/ok\n {2}expected\.ok: expected true, got \{"exception":"tx_missing_/);
    expect(r.out).toMatch(/FAIL block-apply\/empty\n {2}expected\.ok: expected \{"exception":"assert_exception","code":10\}, got true/);
    expect(r.out.split("\n").at(-1)).toMatch(/: \d+ passed, 5 failed, 0 skipped of \d+ vectors$/);
    expect(r.exitCode).toBe(1);
  });
});
