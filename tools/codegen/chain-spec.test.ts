// spec/chain: the annotations it adds to the vocabulary (x-object, enum, uint128, object_id_type with a
// space and type, references into spec/protocol) and the rules tools/codegen enforces on them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SPEC_DIRS } from "./main.js";
import { loadSpec, type Schema } from "./spec.js";

const spec = loadSpec(...SPEC_DIRS);

describe("spec/chain", () => {
  it("marks 38 database objects, each with a distinct space.type", () => {
    const objects = [...spec.defs.values()].filter((d) => d.object);
    expect(objects).toHaveLength(38);
    expect(objects.every((d) => d.file.startsWith("chain/"))).toBe(true);
    expect(new Set(objects.map((d) => `${d.object!.space}.${d.object!.type}`)).size).toBe(38);
  });

  it("reads FC_REFLECT_ENUM enums with their value names in order", () => {
    // ticket.hpp and ticket_object.hpp reflect the *_COUNT sentinels too; vesting_balance_object.hpp.
    const values = (n: string) => {
      const node = spec.defs.get(n)!.node;
      return node.kind === "enum" ? node.values : undefined;
    };
    expect(values("ticket_type")).toEqual(["liquid", "lock_180_days", "lock_360_days", "lock_720_days", "lock_forever", "TICKET_TYPE_COUNT"]);
    expect(values("ticket_status")).toEqual(["charging", "stable", "withdrawing", "TICKET_STATUS_COUNT"]);
    expect(values("vesting_balance_type")).toEqual(["unspecified", "cashback", "worker", "witness", "market_fee_sharing"]);
  });

  it("resolves references into spec/protocol", () => {
    const node = spec.defs.get("account_balance_object")!.node;
    if (node.kind !== "struct") throw new Error("not a struct");
    expect(node.fields.map((f) => f.type)).toEqual([
      { kind: "object_id_type", space: 2, type: 5 }, "account_id_type", "asset_id_type", "share_type", "bool",
    ]);
    expect(spec.defs.get("account_balance_object")!.file).toBe("chain/account_object");
    expect(spec.defs.get("share_type")!.file).toBe("protocol/base");
  });
});

// ------------------------------------------------------------------ rejected specs

const ID_2_5 = { type: "string", "x-fc": { kind: "object_id_type", space: 2, type: 5 } };
const U8 = { type: "integer", "x-fc": { kind: "uint8" } };

/** Loads a one-file chain spec next to a one-def protocol spec. */
function load(defs: Record<string, Schema>): () => unknown {
  const root = mkdtempSync(join(tmpdir(), "btsref-chainspec-"));
  dirs.push(root);
  const doc = (d: Record<string, Schema>) => JSON.stringify({ $schema: "https://json-schema.org/draft/2020-12/schema", $defs: d });
  mkdirSync(join(root, "protocol"));
  mkdirSync(join(root, "chain"));
  writeFileSync(join(root, "protocol", "base.json"), doc({ uint8_t: { title: "uint8_t", ...U8 } }));
  writeFileSync(join(root, "chain", "x.json"), doc(defs));
  return () => loadSpec(join(root, "protocol"), join(root, "chain"));
}
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function object(name: string, space: number, type: number, fields: Record<string, Schema>): Schema {
  return {
    title: name, type: "object", "x-object": { space, type },
    "x-fc": { kind: "struct", fields: Object.keys(fields) },
    properties: fields, required: Object.keys(fields), additionalProperties: false,
  };
}

describe("codegen refuses", () => {
  it("accepts a well-formed object referring into ../protocol", () => {
    const f = load({ o: object("o", 2, 5, { id: ID_2_5, n: { $ref: "../protocol/base.json#/$defs/uint8_t" } }) });
    expect(f).not.toThrow();
  });

  it("an x-object struct that does not start with an id of its own space and type", () => {
    expect(load({ o: object("o", 2, 5, { n: U8, id: ID_2_5 }) })).toThrow(/starts with the field id/);
    expect(load({ o: object("o", 2, 6, { id: ID_2_5 }) })).toThrow(/starts with the field id/);
    expect(load({ o: object("o", 2, 5, { id: { type: "string", "x-fc": { kind: "object_id_type" } } }) })).toThrow(/starts with the field id/);
  });

  it("two objects of one space and type", () => {
    expect(load({ a: object("a", 2, 5, { id: ID_2_5 }), b: object("b", 2, 5, { id: ID_2_5 }) })).toThrow(/also the object of/);
  });

  it("an object_id_type with a space but no type", () => {
    const half = { type: "string", "x-fc": { kind: "object_id_type", space: 2 } };
    expect(load({ o: { title: "o", ...half } })).toThrow(/both space and type/);
  });

  it("an enum whose JSON Schema enum differs from x-fc.values, or with duplicate names", () => {
    const e = (values: string[], listed: string[]) => ({ title: "e", type: "string", enum: listed, "x-fc": { kind: "enum", values } });
    expect(load({ e: e(["a", "b"], ["b", "a"]) })).toThrow(/same order/);
    expect(load({ e: e(["a", "a"], ["a", "a"]) })).toThrow(/duplicate enum value/);
    expect(load({ e: e(["a", "b"], ["a", "b"]) })).not.toThrow();
  });

  it("a $ref into the wrong directory", () => {
    const f = load({ o: object("o", 2, 5, { id: ID_2_5, n: { $ref: "base.json#/$defs/uint8_t" } }) });
    expect(f).toThrow(/wrong file/);
  });
});
