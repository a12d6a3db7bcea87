import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../codec/hex.js";
import { base58Decode, base58Encode } from "./base58.js";
import { ripemd160, sha512 } from "./hash.js";
import { formatAddress, formatPtsAddress, formatPublicKey, parseAddress, parsePtsAddress, parsePublicKey } from "./key-format.js";

// bitsharesjs test/ecc/KeyFormats.js, key "delegate0" (prefix CBA in that test).
const DELEGATE0 = {
  public_key: "CBA7jDPoMwyjVH5obFmqzFNp4Ffp7G2nvC7FKFkrMBpo7Sy4uq5Mj",
  bts_address: "CBA8DvGQqzbgCR5FHiNsFf8kotEXr8VKD3mR",
  blockchain_address: "4f3a560442a05e4fbb257e8dc5859b736306bace",
  pts_address: "Po3mqkgMzBL4F1VXJArwQxeWf3fWEpxUf3",
  null_public_key: "CBA1111111111111111111111111111111114T1Anm",
};

function value<T>(p: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!p.ok) throw new Error(p.message);
  return p.value;
}

describe("base58", () => {
  it("keeps leading zero bytes as leading 1s", () => {
    expect(base58Encode(new Uint8Array([0, 0, 1]))).toBe("112");
    expect(bytesToHex(base58Decode("112")!)).toBe("000001");
    expect(base58Encode(new Uint8Array())).toBe("");
  });
  it("rejects characters outside the alphabet", () => {
    for (const s of ["0", "O", "I", "l", "+", "é"]) expect(base58Decode(`2${s}`)).toBeUndefined();
  });
  it("round-trips random bytes", () => {
    for (let n = 0; n < 60; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n * 11) % 256 & (i < 2 ? 0 : 255));
      expect(bytesToHex(base58Decode(base58Encode(b))!)).toBe(bytesToHex(b));
    }
  });
});

describe("public key strings", () => {
  it("parses and formats bitsharesjs's delegate0 key with its prefix", () => {
    const key = value(parsePublicKey(DELEGATE0.public_key, "CBA"));
    expect(key).toHaveLength(33);
    expect(formatPublicKey(key, "CBA")).toBe(DELEGATE0.public_key);
    expect(formatPublicKey(key, "BTS")).toBe("BTS" + DELEGATE0.public_key.slice(3));
  });
  it("formats the all-zero key as bitshares-core prints an unset memo_key", () => {
    expect(formatPublicKey(new Uint8Array(33), "CBA")).toBe(DELEGATE0.null_public_key);
  });
  it("the graphene address of a key is ripemd160(sha512(key))", () => {
    const key = value(parsePublicKey(DELEGATE0.public_key, "CBA"));
    const addr = ripemd160(sha512(key));
    expect(bytesToHex(addr)).toBe(DELEGATE0.blockchain_address);
    expect(formatAddress(addr, "CBA")).toBe(DELEGATE0.bts_address);
    expect(bytesToHex(value(parseAddress(DELEGATE0.bts_address, "CBA")))).toBe(DELEGATE0.blockchain_address);
  });
  it("names the rule a bad key breaks", () => {
    const good = DELEGATE0.public_key;
    const cases: [string, string][] = [
      ["BTS" + good.slice(3), "prefix"],
      ["CBA", "prefix"],
      [good.slice(0, -1) + (good.endsWith("j") ? "k" : "j"), "checksum"],
      [good.slice(0, 10) + "0" + good.slice(11), "base58"],
      ["CBA" + base58Encode(new Uint8Array(36)), "length"],
      ["CBA" + base58Encode(new Uint8Array(38)), "length"],
    ];
    for (const [s, rule] of cases) {
      const p = parsePublicKey(s, "CBA");
      expect(p.ok, s).toBe(false);
      if (!p.ok) expect(p.rule, s).toBe(rule);
    }
  });
});

describe("pts addresses", () => {
  it("round-trips bitsharesjs's delegate0 PTS address and checks its double-sha256 checksum", () => {
    const raw = value(parsePtsAddress(DELEGATE0.pts_address));
    expect(raw[0]).toBe(56);
    expect(formatPtsAddress(raw)).toBe(DELEGATE0.pts_address);
    const broken = raw.slice();
    broken[24] = broken[24]! ^ 1;
    const p = parsePtsAddress(base58Encode(broken));
    expect(p.ok ? "" : p.rule).toBe("checksum");
  });
});

it("hexToBytes rejects odd lengths and non-hex", () => {
  expect(() => hexToBytes("abc")).toThrow();
  expect(() => hexToBytes("zz")).toThrow();
  expect(bytesToHex(hexToBytes("00FFa0"))).toBe("00ffa0");
});
