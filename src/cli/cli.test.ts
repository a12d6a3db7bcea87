// The btsref command as a user runs it: stdin in, stdout out, one-line errors and exit codes.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function btsref(args: string[], input = ""): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: ROOT, input, encoding: "utf8" });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

// python-bitshares tests/test_transactions.py Testcases.test_call_update (signed, BTS mainnet).
const CALL_UPDATE = {
  json: '{"ref_block_num":34294,"ref_block_prefix":3707022213,"expiration":"2016-04-06T08:29:27","operations":[[3,{"fee":{"amount":100,"asset_id":"1.3.0"},"funding_account":"1.2.29","delta_collateral":{"amount":100000000,"asset_id":"1.3.0"},"delta_debt":{"amount":10000,"asset_id":"1.3.22"},"extensions":{}}]],"extensions":[],"signatures":["1f2627efb5c5144440e06ff567f1a09928d699ac6f5122653cd7173362a1ae20205952c874ed14ccec050be1c86c1a300811763ef3b481e562e0933c09b40e31fb"]}',
  hex: "f68585abf4dce7c8045701036400000000000000001d00e1f50500000000001027000000000000160000011f2627efb5c5144440e06ff567f1a09928d699ac6f5122653cd7173362a1ae20205952c874ed14ccec050be1c86c1a300811763ef3b481e562e0933c09b40e31fb",
};

describe("btsref codec", () => {
  it("encode prints the hex of a JSON value read from stdin", () => {
    const r = btsref(["codec", "encode", "signed_transaction"], CALL_UPDATE.json);
    expect(r).toEqual({ code: 0, out: CALL_UPDATE.hex + "\n", err: "" });
  });
  it("decode prints the JSON bitshares-core's API would emit", () => {
    const r = btsref(["codec", "decode", "signed_transaction"], CALL_UPDATE.hex + "\n");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(JSON.parse(CALL_UPDATE.json));
    expect(btsref(["codec", "decode", "asset", "--pretty"], "640000000000000003").out).toBe('{\n  "amount": 100,\n  "asset_id": "1.3.3"\n}\n');
  });
  it("types lists every protocol type", () => {
    const names = btsref(["codec", "types"]).out.trim().split("\n");
    expect(names).toContain("transaction");
    expect(names).toContain("limit_order_update_operation");
    expect(names).toContain("transfer_operation::fee_params_t");
    expect(names.length).toBeGreaterThan(250);
  });
  it("--prefix changes the public-key prefix both ways", () => {
    const key = "TEST6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV";
    const h = btsref(["codec", "encode", "public_key_type", "--prefix", "TEST"], JSON.stringify(key));
    expect(h.code).toBe(0);
    expect(btsref(["codec", "decode", "public_key_type", "--prefix", "TEST"], h.out).out).toBe(JSON.stringify(key) + "\n");
    expect(btsref(["codec", "encode", "public_key_type"], JSON.stringify(key)).code).toBe(1);
  });
  it("errors are one line on stderr naming the field and the rule, with exit code 1", () => {
    const bad = CALL_UPDATE.json.replace('"asset_id":"1.3.22"', '"asset_id":"1.2.22"');
    const r = btsref(["codec", "encode", "signed_transaction"], bad);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/^btsref: operations\[0\]\[1\]\.delta_debt\.asset_id: .*\(rule: format\)\n$/);
    const strict = btsref(["codec", "encode", "asset", "--strict"], '{"amount":1}');
    expect(strict.err).toMatch(/^btsref: asset_id: .*\(rule: missing_field\)\n$/);
    expect(btsref(["codec", "decode", "asset"], "6400").err).toMatch(/^btsref: amount: .*\(rule: truncated\)\n$/);
    expect(btsref(["codec", "decode", "asset"], "zz").err).toMatch(/\(rule: format\)\n$/);
    expect(btsref(["codec", "encode", "asset"], "{").err).toMatch(/^btsref: <root>: invalid JSON at offset 1/);
    const unknown = btsref(["codec", "encode", "no_such_type"], "{}");
    expect([unknown.code, unknown.err]).toEqual([1, 'btsref: <root>: no protocol type named "no_such_type" (rule: unknown_type)\n']);
  });
  it("usage errors exit with 2", () => {
    expect(btsref(["codec", "encode"]).code).toBe(2);
    expect(btsref(["nonsense"]).code).toBe(2);
    expect(btsref(["codec", "encode", "asset", "--bogus"], "{}").code).toBe(2);
  });
});

describe("btsref demo", () => {
  it("round-trips its sample transaction", () => {
    const r = btsref(["demo"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("bytes: as python-bitshares asserts");
    expect(r.out).toContain("round trip: identical");
  });
});
