// The btsref command as a user runs it: stdin in, stdout out, one-line errors and exit codes.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
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

// trustwallet/wallet-core tests/Bitshares/OperationTests.cpp: its transaction, signed with sha256("A") for an
// all-zero chain id. The signature is the one bitshares-fc makes (conformance/vectors/crypto/signatures.json).
const TW_TX =
  '{"ref_block_num":2155,"ref_block_prefix":1165027321,"expiration":"2019-03-13T08:13:00","operations":[[0,{"fee":{"amount":2,"asset_id":"1.3.0"},"from":"1.2.12","to":"1.2.16","amount":{"amount":511,"asset_id":"1.3.0"},"memo":{"from":"BTS52K5kMmwiRyNQYAf7ymCMz6hieE8siyrqNt1t57ac9hvBrRdaa","to":"BTS6EFA9Ge5KQaCS2jGZVf7xHZ6hzcH7uvikf5oR7YnYKemkucxB4","nonce":1,"message":"3ccc8d3cfc1d68b4a2b18a4f51c3979c9ecad1cdc301f7b4a492c7a997e69fc8"},"extensions":[]}]],"extensions":[]}';
const TW_WIF = "5JTzFTSfF27cqHqy1HcqxWGhdso9JCykPEbTiwfraNN74v1yxvk"; // sha256("A")
const ZERO = "00".repeat(32);

describe("btsref key", () => {
  it("from-wif prints the public key and address (nathan, bitshares-core's test key)", () => {
    const r = btsref(["key", "from-wif", "5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD3"]);
    expect(JSON.parse(r.out)).toEqual({ public_key: "BTS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV", address: "BTSFAbAx7yuxt725qSZvfwWqkdCwp9ZnUama" });
  });
  it("from-brain normalizes, derives key n, and honours --prefix", () => {
    const r = JSON.parse(btsref(["key", "from-brain", " fox  jumps ", "--sequence", "3", "--prefix", "TEST"]).out);
    expect(r.brain_key).toBe("FOX JUMPS");
    expect(r.sequence).toBe(3);
    expect(r.public_key.startsWith("TEST")).toBe(true);
    expect(JSON.parse(btsref(["key", "from-wif", r.wif, "--prefix", "TEST"]).out).public_key).toBe(r.public_key);
  });
  it("new makes a different valid key each time", () => {
    const a = JSON.parse(btsref(["key", "new"]).out);
    const b = JSON.parse(btsref(["key", "new"]).out);
    expect(a.wif).not.toBe(b.wif);
    expect(JSON.parse(btsref(["key", "from-wif", a.wif]).out).public_key).toBe(a.public_key);
  });
  it("a bad WIF is one line naming the rule", () => {
    const r = btsref(["key", "from-wif", "5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD2"]);
    expect([r.code, r.err]).toEqual([1, "btsref: WIF checksum mismatch (rule: wif)\n"]);
  });
});

describe("btsref tx", () => {
  it("sign appends fc's signature, verify recovers the key, digest and id are hex", () => {
    const signed = btsref(["tx", "sign", "--chain-id", ZERO, "--wif", TW_WIF], TW_TX);
    expect(signed.code).toBe(0);
    expect(JSON.parse(signed.out).signatures).toEqual([
      "1f4ee3fc98bdb328ab2c52a7dbc1ea4540e3b553ccfe2e66cbc9b9782ffc4eccdc48549bf1b9bfb92bb24a64b79d33065ad2bf0b365e62c60231087d66e7809d08",
    ]);
    expect(JSON.parse(btsref(["tx", "verify", "--chain-id", ZERO], signed.out).out)).toEqual(["BTS52K5kMmwiRyNQYAf7ymCMz6hieE8siyrqNt1t57ac9hvBrRdaa"]);
    expect(btsref(["tx", "digest", "--chain-id", ZERO], TW_TX).out).toBe("465d135411bbf5e27db9fa84f15aa81eec234bdeac329656326d83d21211312a\n");
    expect(btsref(["tx", "id"], TW_TX).out).toMatch(/^[0-9a-f]{40}\n$/);
  });
  it("verify refuses a non-canonical signature with a typed error naming the signature", () => {
    const bad = JSON.parse(TW_TX);
    bad.signatures = ["1f" + "80".repeat(64)];
    const r = btsref(["tx", "verify", "--chain-id", ZERO], JSON.stringify(bad));
    expect([r.code, r.err]).toEqual([1, "btsref: signature is not canonical (rule: signature_not_canonical) (signature 0)\n"]);
    expect(btsref(["tx", "sign", "--chain-id", "00", "--wif", TW_WIF], TW_TX).err).toMatch(/rule: chain_id/);
  });
});

describe("btsref memo", () => {
  it("encrypts to memo_data that the recipient decrypts (python-bitshares test_memo vector)", () => {
    const r = btsref(["memo", "encrypt", "--wif", "5Jpkeq1jiNE8Pe24GxFWTsyWbcP59Qq4cD7qg3Wgd6JFJqJkoG8", "--to", "GPH6HAMuJRkjGJkj6cZWBbTU13gkUhBep383prqRdExXsZsYTrWT5", "--nonce", "16332877645293003478", "--prefix", "GPH", "I am this!"]);
    expect(JSON.parse(r.out)).toMatchObject({ to: "GPH6HAMuJRkjGJkj6cZWBbTU13gkUhBep383prqRdExXsZsYTrWT5", nonce: "16332877645293003478", message: "688fe6c97f78ad2d3c5a82d9aa61bc23" });
    const back = btsref(["memo", "decrypt", "--wif", "5Jpkeq1jiNE8Pe24GxFWTsyWbcP59Qq4cD7qg3Wgd6JFJqJkoG8", "--prefix", "GPH"], r.out);
    expect(back.out).toBe("I am this!\n");
  });
  it("a key that is neither party is a typed error", () => {
    const r = btsref(["memo", "encrypt", "--wif", TW_WIF, "--to", "BTS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV", "hello"]);
    const other = btsref(["memo", "decrypt", "--wif", "5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD3"], r.out);
    expect(other.out).toBe("hello\n");
    const stranger = JSON.parse(btsref(["key", "new"]).out).wif;
    expect(btsref(["memo", "decrypt", "--wif", stranger], r.out).err).toMatch(/rule: memo_keys/);
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

describe("btsref devnet", () => {
  it("prints the embedded genesis: create_example_genesis's accounts, all stake claimable by nathan's key", () => {
    const r = btsref(["devnet", "--genesis"]);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.out);
    expect(g.initial_accounts.map((a: { name: string }) => a.name)).toEqual([...Array.from({ length: 11 }, (_, i) => `init${i}`), "nathan"]);
    expect(g.initial_active_witnesses).toBe(11);
    // nathan's key is sha256("nathan"): WIF 5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD3
    const nathan = JSON.parse(btsref(["key", "from-wif", "5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD3"]).out);
    expect(g.initial_balances).toEqual([{ owner: nathan.address, asset_symbol: "BTS", amount: "1000000000000000" }]);
    expect(g.initial_witness_candidates[0]).toEqual({ owner_name: "init0", block_signing_key: nathan.public_key });
  });

  it("runs a chain on it: the chain id is sha256 of the genesis text, witnesses take turns, nathan pays alice", () => {
    const genesis = btsref(["devnet", "--genesis"]).out.trimEnd();
    const r = btsref(["devnet", "--blocks", "4"]);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines[0].chain_id).toBe(createHash("sha256").update(genesis).digest("hex"));
    const blocks = lines.slice(1, 5);
    expect(blocks.map((b) => b.block_num)).toEqual([1, 2, 3, 4]);
    for (const b of blocks) expect(b.block_id.slice(0, 8)).toBe(b.block_num.toString(16).padStart(8, "0"));
    expect(new Set(blocks.map((b) => b.witness)).size).toBe(4);
    expect(blocks.map((b) => b.transactions)).toEqual([1, 2, 1, 0]);
    const [nathan, alice] = lines[5].balances;
    expect(alice).toEqual({ account: "alice", id: "1.2.18", balance: 100000000 });
    expect(BigInt(nathan.balance)).toBeLessThan(10n ** 15n - 100000000n);
    expect(btsref(["devnet", "--blocks", "2"]).code).toBe(2);
  });
});
