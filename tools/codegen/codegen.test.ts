// generated/ must be exactly what tools/codegen makes from spec/ (DEVELOPERS.md: never hand-edited).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "./main.js";
import { loadSpec } from "./spec.js";

const ROOT = resolve(import.meta.dirname, "../..");

describe("codegen", () => {
  const out = mkdtempSync(join(tmpdir(), "btsref-codegen-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("regenerating from spec/ reproduces generated/ byte for byte", async () => {
    const files = await generate(out);
    expect(readdirSync(join(ROOT, "generated")).sort()).toEqual(files);
    for (const f of files) {
      const fresh = readFileSync(join(out, f), "utf8");
      const committed = readFileSync(join(ROOT, "generated", f), "utf8");
      expect(committed === fresh, `generated/${f} is stale: run npm run codegen`).toBe(true);
    }
  });
});

describe("spec/protocol", () => {
  const spec = loadSpec(join(ROOT, "spec/protocol"));
  const alternatives = (name: string): string[] => {
    const node = spec.defs.get(name)!.node;
    if (node.kind !== "static_variant") throw new Error(`${name} is not a static_variant`);
    return node.alternatives as string[];
  };

  it("has the 78 operations of bitshares-core 7.0 in tag order, each with its fee_params_t", () => {
    const alts = alternatives("operation");
    expect(alts).toHaveLength(78);
    // operations.hpp: tag 0, the last pre-7.0 op, and the three 7.0 additions.
    expect(alts[0]).toBe("transfer_operation");
    expect(alts[74]).toBe("credit_deal_expired_operation");
    expect(alts.slice(75)).toEqual(["liquidity_pool_update_operation", "credit_deal_update_operation", "limit_order_update_operation"]);
    const fees = alternatives("fee_parameters");
    expect(fees).toEqual(alts.map((a) => `${a}::fee_params_t`));
  });

  it("marks exactly the 7 virtual operations", () => {
    const virtual = [...spec.defs.values()].filter((d) => d.virtual).map((d) => d.name).sort();
    expect(virtual).toEqual([
      "asset_settle_cancel_operation", "credit_deal_expired_operation", "execute_bid_operation", "fba_distribute_operation",
      "fill_order_operation", "htlc_redeemed_operation", "htlc_refund_operation",
    ]);
  });

  it("rejects a spec that breaks the annotation rules", () => {
    const bad = mkdtempSync(join(tmpdir(), "btsref-badspec-"));
    try {
      const doc = {
        $schema: "https://json-schema.org/draft/2020-12/schema",
        $defs: {
          s: { title: "s", type: "object", "x-fc": { kind: "struct", fields: ["b", "a"] }, properties: { a: { $ref: "#/$defs/s" }, b: { $ref: "#/$defs/s" } }, additionalProperties: false },
        },
      };
      writeFileSync(join(bad, "x.json"), JSON.stringify(doc));
      expect(() => loadSpec(bad)).toThrow(/same order/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
