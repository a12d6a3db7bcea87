// The conformance runner's ws:// target against btsref's own node: every codec vector of an operation or
// a transaction, serialized by the node's get_transaction_hex, gives the vector's bytes.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { devnetGenesis } from "../chain/devnet.js";
import { loadVectorFiles, runVectors } from "../conformance/run.js";
import { wsTarget } from "../conformance/targets.js";
import { OPERATION_NAMES } from "../conformance/world.js";
import { type RunningNode, startNode } from "./run.js";

let node: RunningNode | undefined;
afterAll(async () => node?.stop());

describe("conformance run --target ws:// on a btsref node", () => {
  it("passes every codec vector get_transaction_hex can serialize", async () => {
    node = await startNode({ genesis: devnetGenesis(), port: 0, witnessKeys: [] });
    const target = await wsTarget(`ws://127.0.0.1:${node.api.port}`, new Map(OPERATION_NAMES.map((n, i) => [n, i])));
    const { files, ignored } = loadVectorFiles(join(import.meta.dirname, "..", "..", "conformance", "vectors"));
    const report = await runVectors(target, files, ignored, { filter: "codec" });
    await target.close();
    expect(report.failed).toBe(0);
    // Every operation's vector and the transaction vector; only the block vector is not a transaction.
    expect(report.passed).toBeGreaterThanOrEqual(79);
    expect(report.skipped).toBe(1);
  });
});
