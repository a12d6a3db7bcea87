// `btsref conformance generate`: deterministic, equal to the committed conformance/vectors (CI fails when
// they drift, as with generated/), valid against spec/conformance/vector.schema.json, and covering every
// operation.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import type { TransactionApplyVector, VectorFile } from "./format.js";
import { generateVectors } from "./generate.js";
import { GENERATED_FILES, REPO, VECTORS } from "./test_support.js";
import { OPERATION_NAMES } from "./world.js";

const first = generateVectors();
const files = Object.fromEntries([...first].map(([k, v]) => [k, JSON.parse(v) as VectorFile]));

/** Operations no transaction applies, with why (spec/conformance/README.md lists them too). */
const NO_SUCCESS: Record<string, string> = {
  account_transfer_operation: "bitshares-core registers no evaluator: always refused",
  committee_member_update_global_parameters_operation: "only inside a committee proposal after its review period",
  transfer_to_blind_operation: "blind transfers need Pedersen commitments and range proofs",
  blind_transfer_operation: "same",
  transfer_from_blind_operation: "same",
};
const VIRTUAL = ["fill_order", "asset_settle_cancel", "fba_distribute", "execute_bid", "htlc_redeemed", "htlc_refund", "credit_deal_expired"].map((n) => `${n}_operation`);

describe("conformance generate", () => {
  it("writes the same bytes on every run", () => {
    const second = generateVectors();
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [k, v] of second) expect(v === first.get(k), k).toBe(true);
  });

  it("equals the committed conformance/vectors (run `npx btsref conformance generate` after changing the chain)", () => {
    expect([...first.keys()].sort()).toEqual([...GENERATED_FILES].sort());
    for (const [k, v] of first) expect(readFileSync(join(VECTORS, k), "utf8") === v, `conformance/vectors/${k} differs from a fresh generation`).toBe(true);
  });

  it("is valid against spec/conformance/vector.schema.json, and stays a few MB", () => {
    const validate = new Ajv2020.default({ strict: false }).compile(JSON.parse(readFileSync(join(REPO, "spec/conformance/vector.schema.json"), "utf8")));
    for (const [k, f] of Object.entries(files)) expect(validate(f) ? [] : validate.errors, k).toEqual([]);
    const bytes = [...first.values()].reduce((n, t) => n + t.length, 0);
    expect(bytes).toBeLessThan(3_000_000);
  });

  it("has a codec vector for every operation, and success and failure apply vectors for every non-virtual one but the listed", () => {
    const codec = files["codec/operations.json"]!.vectors.map((v) => (v as { type: string }).type);
    for (const op of OPERATION_NAMES) expect(codec).toContain(op);
    const apply = files["transaction-apply/operations.json"]!.vectors as TransactionApplyVector[];
    for (const op of OPERATION_NAMES) {
      const mine = apply.filter((v) => v.operation === op);
      if (VIRTUAL.includes(op)) {
        expect(mine, op).toEqual([]);
        continue;
      }
      expect(mine.filter((v) => !v.expected.ok).length, op).toBeGreaterThanOrEqual(1);
      expect(mine.some((v) => v.expected.ok), op).toBe(!(op in NO_SUCCESS));
    }
    // Refusals carry bitshares-core's exception and code, and btsref's rule.
    for (const v of apply.filter((x) => !x.expected.ok)) {
      const e = (v.expected as { error: { exception: string; code: number; rule: string } }).error;
      expect(e.exception.length * e.code * e.rule.length, v.id).toBeGreaterThan(0);
    }
    // Successes list the objects they changed, with before and after.
    for (const v of apply.filter((x) => x.expected.ok)) expect((v.expected as unknown as { changes: unknown[] }).changes.length, v.id).toBeGreaterThan(0);
  });

  it("block vectors: empty, with transactions, maintenance, refused", () => {
    const blocks = files["block-apply/blocks.json"]!.vectors;
    expect(blocks.map((v) => v.id)).toEqual(["block-apply/empty", "block-apply/transactions", "block-apply/maintenance", "block-apply/refused-witness-signature", "block-apply/refused-transaction"]);
    type Change = { id: string; before: Record<string, string>; after: Record<string, string> };
    const [empty, busy, maint, bad1, bad2] = blocks as unknown as { expected: { ok: boolean; virtual_operations?: { op: [number] }[]; changes?: Change[]; error?: { exception: string } } }[];
    expect(empty!.expected.ok && busy!.expected.ok && maint!.expected.ok).toBe(true);
    expect(busy!.expected.virtual_operations!.some((o) => o.op[0] === 4)).toBe(true); // fill_order
    // Maintenance moves next_maintenance_time on by the interval (the fixture genesis's 86400 s).
    const dgpo = maint!.expected.changes!.find((c) => c.id === "2.1.0")!;
    expect(Date.parse(dgpo.after["next_maintenance_time"]!) - Date.parse(dgpo.before["next_maintenance_time"]!)).toBe(86400_000);
    expect([bad1!.expected.ok, bad2!.expected.ok]).toEqual([false, false]);
  });
});
