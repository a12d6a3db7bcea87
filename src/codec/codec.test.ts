// Behaviour of the codec on every leaf and composite kind of spec/README.md, with bytes derived by hand
// from fc::raw (bitshares-fc include/fc/io/raw.hpp, graphene/protocol/ext.hpp).
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import { ripemd160, sha512 } from "../crypto/hash.js";
import { formatPublicKey } from "../crypto/key-format.js";
import { bytesToHex, hexToBytes } from "./hex.js";
import { bytesToJson, decode, encode, fromJson, jsonToBytes, toJson, zero, type CodecError, type Json, type JsonOptions } from "./index.js";

function hex(type: string, json: Json, opts?: JsonOptions): string {
  const r = jsonToBytes(type, json, opts);
  if (E.isLeft(r)) throw new Error(`${r.left.path}: ${r.left.message}`);
  return bytesToHex(r.right);
}
function json(type: string, h: string, prefix?: string): Json {
  const r = bytesToJson(type, hexToBytes(h), { prefix });
  if (E.isLeft(r)) throw new Error(`${r.left.path}: ${r.left.message}`);
  return r.right;
}
function err(r: E.Either<CodecError, unknown>): Pick<CodecError, "path" | "rule"> {
  if (E.isRight(r)) throw new Error(`expected an error, got ${JSON.stringify(r.right, (_, v) => (typeof v === "bigint" ? `${v}n` : v))}`);
  return { path: r.left.path, rule: r.left.rule };
}
const jsonErr = (type: string, j: Json, opts?: JsonOptions) => err(jsonToBytes(type, j, opts));
const binErr = (type: string, h: string) => err(decode(type, hexToBytes(h)));
const strict = { strict: true } as const;

const KEY = "BTS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV";

describe("integers", () => {
  it("emit int64 as a number inside int32 and as a string outside (fc json stringify_large_ints_and_doubles)", () => {
    const cases: [string, Json][] = [
      ["ffffff7f00000000", 2147483647], ["0000008000000000", "2147483648"],
      ["00000080ffffffff", -2147483648], ["ffffff7fffffffff", "-2147483649"],
      ["ffffffffffffff7f", "9223372036854775807"], ["0000000000000080", "-9223372036854775808"],
    ];
    for (const [h, j] of cases) {
      expect(json("int64_t", h)).toEqual(j);
      expect(hex("int64_t", j)).toBe(h);
    }
  });
  it("emit uint64 as a number up to 2^32 - 1 and as a string above", () => {
    expect(json("uint64_t", "ffffffff00000000")).toBe(4294967295);
    expect(json("uint64_t", "0000000001000000")).toBe("4294967296");
    expect(json("uint64_t", "ffffffffffffffff")).toBe("18446744073709551615");
    expect(json("unsigned_int", "ffffffffffffffffff01")).toBe("18446744073709551615");
  });
  it("read numbers and decimal strings; node mode also reads true, false and null as fc's as_int64 does", () => {
    expect(hex("uint16_t", "513")).toBe("0102");
    expect(hex("uint16_t", "+0513")).toBe("0102");
    expect(hex("uint8_t", true)).toBe("01");
    expect(hex("share_type", null)).toBe("0000000000000000");
    expect(jsonErr("uint8_t", true, strict)).toEqual({ path: "", rule: "type" });
    expect(jsonErr("uint16_t", "+0513", strict)).toEqual({ path: "", rule: "format" });
  });
  it("refuse values fc would silently wrap or truncate", () => {
    expect(jsonErr("uint16_t", 65536).rule).toBe("range");
    expect(jsonErr("uint8_t", -1).rule).toBe("range");
    expect(jsonErr("uint64_t", "-1").rule).toBe("range");
    expect(jsonErr("int64_t", "9223372036854775808").rule).toBe("range");
    expect(jsonErr("uint32_t", 1.5).rule).toBe("range");
    expect(jsonErr("uint64_t", 2 ** 60).rule).toBe("range");
    expect(jsonErr("uint32_t", "12a").rule).toBe("format");
    expect(jsonErr("uint32_t", [1]).rule).toBe("type");
  });
});

describe("bool, strings and bytes", () => {
  it("bool is one byte 0 or 1; any other byte is an error", () => {
    expect(hex("bool", true)).toBe("01");
    expect(json("bool", "00")).toBe(false);
    expect(binErr("bool", "02")).toEqual({ path: "", rule: "bool" });
    expect(hex("bool", "false")).toBe("00");
    expect(hex("bool", 2)).toBe("01");
    expect(jsonErr("bool", "yes").rule).toBe("type");
  });
  it("strings are a varint byte length and UTF-8", () => {
    expect(hex("string", "héllo")).toBe("0668c3a96c6c6f");
    expect(json("string", "0668c3a96c6c6f")).toBe("héllo");
    expect(hex("string", "😀")).toBe("04f09f9880");
    expect(hex("string", 42)).toBe("023432");
    expect(jsonErr("string", 42, strict).rule).toBe("type");
  });
  it("decode bytes that are not UTF-8 losslessly (surrogateescape) and encode them back", () => {
    for (const h of ["01ff", "02c328", "03eda080", "02e282", "04f0288c28", "0280c0"]) {
      const v = decode("string", hexToBytes(h));
      expect(E.isRight(v)).toBe(true);
      expect(bytesToHex((encode("string", (v as E.Right<unknown>).right) as E.Right<Uint8Array>).right)).toBe(h);
    }
    expect(json("string", "01ff")).toBe("\udcff");
    expect(jsonErr("string", "\ud800").rule).toBe("format");
  });
  it("hex written across a buffer growth lands in the new buffer (regression)", () => {
    const big = "ab".repeat(300);
    expect(hex("bytes", big)).toBe("ac02" + big);
    expect(hex("signature_type", "cd".repeat(65))).toBe("cd".repeat(65));
    const memo = { from: KEY, to: KEY, nonce: 1, message: "ef".repeat(250) };
    expect(json("memo_data", hex("memo_data", memo))).toEqual({ ...memo });
  });
  it("a string length beyond the input or fc's 10 MiB limit is an error", () => {
    expect(binErr("string", "0561")).toEqual({ path: "", rule: "length" });
    expect(binErr("bytes", "8080808005")).toEqual({ path: "", rule: "length" });
  });
  it("bytes are lowercase hex; fixed-size hashes must have their exact length", () => {
    expect(hex("bytes", "00FFab")).toBe("0300ffab");
    expect(json("bytes", "0300ffab")).toBe("00ffab");
    expect(jsonErr("bytes", "abc").rule).toBe("format");
    expect(hex("ripemd160", "00".repeat(20))).toBe("00".repeat(20));
    expect(jsonErr("ripemd160", "00".repeat(19)).rule).toBe("format");
    expect(jsonErr("ripemd160", "00".repeat(21)).rule).toBe("format");
    expect(hex("sha256", "")).toBe("00".repeat(32)); // fc zero-fills an empty string
    expect(jsonErr("sha256", "", strict).rule).toBe("format");
  });
});

describe("time_point_sec", () => {
  it("is uint32 seconds, JSON ISO time in UTC", () => {
    expect(hex("time_point_sec", "1970-01-01T00:00:00")).toBe("00000000");
    expect(hex("time_point_sec", "2106-02-07T06:28:15")).toBe("ffffffff");
    expect(json("time_point_sec", "e7c80457")).toBe("2016-04-06T08:29:27");
  });
  it("node mode accepts fractional seconds and the undelimited form; strict does not", () => {
    expect(hex("time_point_sec", "2016-04-06T08:29:27.9")).toBe("e7c80457");
    expect(hex("time_point_sec", "20160406T082927")).toBe("e7c80457");
    expect(jsonErr("time_point_sec", "20160406T082927", strict).rule).toBe("format");
  });
  it("refuses times outside 1970..2106 and impossible dates", () => {
    expect(jsonErr("time_point_sec", "2106-02-07T06:28:16").rule).toBe("range");
    expect(jsonErr("time_point_sec", "2016-02-30T00:00:00").rule).toBe("format");
    expect(jsonErr("time_point_sec", "2016-04-06T08:29:27Z").rule).toBe("format");
  });
});

describe("ids", () => {
  it("typed ids pack their instance as a varint and check space and type", () => {
    expect(hex("account_id_type", "1.2.300")).toBe("ac02");
    expect(json("asset_id_type", "ac02")).toBe("1.3.300");
    expect(jsonErr("asset_id_type", "1.2.0")).toEqual({ path: "", rule: "format" });
    expect(jsonErr("asset_id_type", "1.3.281474976710656").rule).toBe("range");
    expect(hex("asset_id_type", "1.3.007")).toBe("07");
    expect(jsonErr("asset_id_type", "1.3.007", strict).rule).toBe("format");
    expect(jsonErr("asset_id_type", 3).rule).toBe("type");
  });
  it("binary ids take any 64-bit instance, as fc's unpack does not check the 48-bit bound", () => {
    expect(json("account_id_type", "80808080808040")).toBe("1.2.281474976710656");
  });
  it("object_id_type packs space << 56 | type << 48 | instance as uint64", () => {
    expect(hex("object_id_type", "1.7.5")).toBe("0500000000000701");
    expect(json("object_id_type", "0500000000000701")).toBe("1.7.5");
    expect(jsonErr("object_id_type", "256.0.0").rule).toBe("range");
  });
  it("vote_id_type packs instance << 8 | type", () => {
    expect(hex("vote_id_type", "1:5")).toBe("01050000");
    expect(json("vote_id_type", "02ffffff")).toBe("2:16777215");
    expect(jsonErr("vote_id_type", "1:16777216").rule).toBe("range");
    expect(jsonErr("vote_id_type", "1-5").rule).toBe("format");
  });
});

describe("public keys", () => {
  it("are 33 raw bytes, JSON with the configured prefix", () => {
    const h = hex("public_key_type", KEY);
    expect(h).toHaveLength(66);
    expect(json("public_key_type", h)).toBe(KEY);
    expect(json("public_key_type", h, "TEST")).toBe("TEST" + KEY.slice(3));
    expect(hex("public_key_type", "TEST" + KEY.slice(3), { prefix: "TEST" })).toBe(h);
    expect(jsonErr("public_key_type", "TEST" + KEY.slice(3)).rule).toBe("format");
  });
  // Fuzz finding (properties/json.fuzz.test.ts, "pts_address mutated valid JSON", huge-string mutation):
  // fromJson("pts_address", "x".repeat(100000)) took over a minute, base58 decoding being quadratic.
  // Text longer than any encoding of the type is refused before decoding; whitespace around it is still skipped.
  it("refuses text too long to be a key or address at once, and still reads the longest ones", () => {
    const t0 = Date.now();
    expect(jsonErr("pts_address", "x".repeat(100_000))).toEqual({ path: "", rule: "format" });
    expect(jsonErr("public_key_type", "BTS" + "x".repeat(100_000))).toEqual({ path: "", rule: "format" });
    expect(jsonErr("address", "BTS" + "f".repeat(200_000))).toEqual({ path: "", rule: "format" });
    expect(jsonErr("public_key_type", "BTS" + " ".repeat(50_000) + "x")).toEqual({ path: "", rule: "format" });
    expect(Date.now() - t0).toBeLessThan(1000);
    // 37 bytes of 0xff need 51 digits, the most a public key (with its checksum) can have.
    const longest = formatPublicKey(Uint8Array.from([0xff, ...Array<number>(32).fill(0xff)]), "BTS");
    expect(E.isRight(fromJson("public_key_type", longest))).toBe(true);
    expect(longest.length - 3).toBe(51);
    expect(E.isLeft(fromJson("public_key_type", longest + "1"))).toBe(true);
    expect(hex("public_key_type", KEY.replace("BTS", "BTS \t") + " \n")).toBe(hex("public_key_type", KEY));
  });
  it("flat_map<public_key_type,...> orders keys by their address, not their bytes", () => {
    const keys = ["02" + "11".repeat(32), "03" + "22".repeat(32), "02" + "33".repeat(32)];
    const auth = { weight_threshold: 1, account_auths: [], key_auths: keys.map((k, i) => [formatPublicKey(hexToBytes(k), "BTS"), i + 1]), address_auths: [] };
    const byAddress = [...keys].sort((a, b) => (bytesToHex(ripemd160(sha512(hexToBytes(a)))) < bytesToHex(ripemd160(sha512(hexToBytes(b)))) ? -1 : 1));
    const h = hex("authority", auth);
    const expected = "01000000" + "00" + "03" + byAddress.map((k) => k + "0" + (keys.indexOf(k) + 1) + "00").join("") + "00";
    expect(h).toBe(expected);
  });
});

describe("struct", () => {
  it("packs fields in FC_REFLECT order with a presence byte for optional ones", () => {
    const transfer = { fee: { amount: 1, asset_id: "1.3.0" }, from: "1.2.1", to: "1.2.2", amount: { amount: 2, asset_id: "1.3.3" }, extensions: [] };
    expect(hex("transfer_operation", transfer)).toBe("010000000000000000" + "01" + "02" + "020000000000000003" + "00" + "00");
  });
  it("node mode fills missing fields with the C++ defaults and ignores unknown keys", () => {
    const v = fromJson("limit_order_create_operation", { seller: "1.2.7", prefix: "BTS" }) as E.Right<Record<string, unknown>>;
    expect(v.right.expiration).toBe(0xffffffff);
    expect(v.right.fill_or_kill).toBe(false);
    expect(v.right.amount_to_sell).toEqual({ amount: 0n, asset_id: "1.3.0" });
    const opts = (fromJson("account_options", {}) as E.Right<Record<string, unknown>>).right;
    expect(opts.voting_account).toBe("1.2.5");
  });
  it("strict mode names the missing or unknown field", () => {
    expect(jsonErr("asset", { amount: 1 }, strict)).toEqual({ path: "asset_id", rule: "missing_field" });
    expect(jsonErr("asset", { amount: 1, asset_id: "1.3.0", x: 1 }, strict)).toEqual({ path: "", rule: "unknown_field" });
  });
  it("null unsets an optional field; an optional presence byte other than 0 or 1 is an error", () => {
    const base = { fee: { amount: 0, asset_id: "1.3.0" }, from: "1.2.0", to: "1.2.0", amount: { amount: 0, asset_id: "1.3.0" }, extensions: [] };
    expect(hex("transfer_operation", { ...base, memo: null })).toBe(hex("transfer_operation", base));
    expect(binErr("transfer_operation", "00".repeat(9) + "0000" + "00".repeat(9) + "02")).toEqual({ path: "memo", rule: "bool" });
  });
  it("errors carry the path to the field", () => {
    const tx = {
      ref_block_num: 1, ref_block_prefix: 2, expiration: "2020-01-01T00:00:00", extensions: [],
      operations: [[0, { fee: { amount: 0, asset_id: "1.3.0" }, from: "1.2.0", to: "1.2.1", amount: { amount: 5, asset_id: "1.2.0" }, extensions: [] }]],
    };
    expect(jsonErr("transaction", tx)).toEqual({ path: "operations[0][1].amount.asset_id", rule: "format" });
    const good = hex("transaction", { ...tx, operations: [] });
    expect(binErr("transaction", good + "00")).toEqual({ path: "", rule: "trailing_bytes" });
    expect(binErr("transaction", good.slice(0, 12))).toEqual({ path: "expiration", rule: "truncated" });
  });
});

describe("extension<T>", () => {
  const createBase = {
    fee: { amount: 0, asset_id: "1.3.0" }, registrar: "1.2.0", referrer: "1.2.0", referrer_percent: 0, name: "a",
    owner: { weight_threshold: 1, account_auths: [], key_auths: [], address_auths: [] },
    active: { weight_threshold: 1, account_auths: [], key_auths: [], address_auths: [] },
    options: { memo_key: KEY, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] },
  };
  it("packs the count of present members, then each one's index and value (graphene/protocol/ext.hpp)", () => {
    const empty = hex("account_create_operation", { ...createBase, extensions: {} });
    const buyback = hex("account_create_operation", {
      ...createBase,
      extensions: { buyback_options: { asset_to_buy: "1.3.1", asset_to_buy_issuer: "1.2.9", markets: ["1.3.0"] } },
    });
    expect(buyback).toBe(empty.slice(0, -2) + "01" + "03" + "01" + "09" + "0100");
    const both = hex("account_create_operation", {
      ...createBase,
      extensions: { owner_special_authority: [1, { asset: "1.3.2", num_top_holders: 3 }], null_ext: {} },
    });
    expect(both).toBe(empty.slice(0, -2) + "02" + "00" + "01" + "01" + "0203");
  });
  it("decoding requires increasing known indices and a used-up count", () => {
    const empty = hex("account_create_operation", { ...createBase, extensions: {} }).slice(0, -2);
    expect(binErr("account_create_operation", empty + "020100" + "00")).toEqual({ path: "extensions", rule: "extension" });
    expect(binErr("account_create_operation", empty + "0104")).toEqual({ path: "extensions", rule: "extension" });
    expect(binErr("account_create_operation", empty + "02" + "00" + "05")).toEqual({ path: "extensions", rule: "extension" });
    expect(binErr("account_create_operation", empty + "02" + "00")).toEqual({ path: "extensions", rule: "truncated" });
    // fc reads the count into a uint32_t: 2^32 is read as 0.
    expect(E.isRight(decode("account_create_operation", hexToBytes(empty + "8080808010")))).toBe(true);
  });
  it("JSON: an object of present members; unknown members are an error in both modes; null and [] mean empty", () => {
    expect(jsonErr("call_order_update_operation::options_type", { target_collateral_ratio: 1, x: 1 })).toEqual({ path: "", rule: "unknown_field" });
    expect(hex("call_order_update_operation::options_type", [])).toBe("00");
    expect(hex("call_order_update_operation::options_type", null)).toBe("00");
    expect(hex("call_order_update_operation::options_type", { target_collateral_ratio: 1750 })).toBe("0100d606");
    expect(json("call_order_update_operation::options_type", "0100d606")).toEqual({ target_collateral_ratio: 1750 });
  });
});

describe("static_variant", () => {
  it("packs the tag as a varint; an unknown tag is an error", () => {
    expect(hex("htlc_hash", [2, "11".repeat(32)])).toBe("02" + "11".repeat(32));
    expect(binErr("operation", "4e")).toEqual({ path: "", rule: "tag" });
    expect(binErr("htlc_hash", "04")).toEqual({ path: "", rule: "tag" });
    expect(jsonErr("htlc_hash", [4, ""]).path).toBe("");
  });
  it("node mode reads [tag] and [] as alternative 0 with its default, as fc's from_variant leaves it", () => {
    expect(hex("worker_initializer", [])).toBe("00");
    expect(hex("vesting_policy_initializer", [1])).toBe("00" + "00".repeat(12));
    expect(jsonErr("worker_initializer", [], strict).rule).toBe("type");
    expect(hex("worker_initializer", ["1", { pay_vesting_period_days: 3 }])).toBe("010300");
  });
});

describe("flat_set and flat_map", () => {
  it("sort by the element's C++ order and drop later duplicates; strict mode refuses duplicates", () => {
    expect(hex("account_options", {
      memo_key: KEY, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: ["1:5", "0:3", "1:5"], extensions: [],
    }).slice(-20)).toBe("02" + "00030000" + "01050000" + "00");
    expect(jsonErr("account_options", {
      memo_key: KEY, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: ["1:5", "0:3", "1:5"], extensions: [],
    }, strict)).toEqual({ path: "votes[2]", rule: "format" });
  });
  it("vote ids are ordered and de-duplicated by instance alone (implicit operator uint32_t)", () => {
    const opts = (votes: Json) => ({ memo_key: KEY, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes, extensions: [] });
    expect(hex("account_options", opts(["2:3", "0:4", "1:3"])).slice(-20)).toBe("02" + "02030000" + "00040000" + "00");
  });
  it("binary input in any order is normalized, so re-encoding gives the canonical bytes", () => {
    const v = decode("asset_update_feed_producers_operation", hexToBytes("00".repeat(9) + "00" + "00" + "03" + "05" + "02" + "05" + "00"));
    expect(E.isRight(v)).toBe(true);
    const producers = ((v as E.Right<Record<string, unknown>>).right.new_feed_producers);
    expect(producers).toEqual(["1.2.2", "1.2.5"]);
  });
  it("extensions_type keeps one element per tag (static_variant::type_lt)", () => {
    expect(hex("extensions_type", [[0, {}], [0, {}]])).toBe("0100");
  });
  it("flat_map entries are [key, value] and a count beyond the input is an error", () => {
    expect(hex("credit_offer_create_operation::fee_params_t", {})).toBe("a086010000000000a0860100");
    expect(binErr("authority", "01000000" + "05" + "01")).toEqual({ path: "account_auths", rule: "length" });
  });
});

describe("defaults and round trips", () => {
  it("zero() is the C++ default-constructed value", () => {
    const z = (zero("asset_options") as E.Right<Record<string, unknown>>).right;
    expect(z.max_supply).toBe(1000000000000000n);
    expect(z.issuer_permissions).toBe(79);
    expect(toJson("asset_options", z)).toMatchObject({ right: { core_exchange_rate: { base: { amount: 0, asset_id: "1.3.0" }, quote: { amount: 0, asset_id: "1.3.1" } } } });
  });
  it("op_wrapper is {op: [tag, value]} in JSON and just the operation in bytes", () => {
    const op = [2, { fee: { amount: 0, asset_id: "1.3.0" }, fee_paying_account: "1.2.3", order: "1.7.9", extensions: [] }];
    expect(hex("op_wrapper", { op } as Json)).toBe(hex("operation", op as Json));
  });
  it("toJson of a malformed value is a typed error naming the field, not an exception", () => {
    expect(err(toJson("asset", { amount: 1n }))).toEqual({ path: "asset_id", rule: "format" });
    expect(err(toJson("transaction", { operations: 5 })).rule).toBe("range");
    expect(err(toJson("asset", null))).toEqual({ path: "", rule: "type" });
  });
  it("encoding undefined or a bigint where an object belongs is a typed error (regression: the message threw)", () => {
    expect(err(encode("asset", undefined))).toEqual({ path: "", rule: "type" });
    expect(err(encode("transaction", 5n))).toEqual({ path: "", rule: "type" });
    // An object whose toString is not a function (found by the fuzz suite).
    expect(err(encode("proposal_id_type", { toString: {} }))).toEqual({ path: "", rule: "format" });
    expect(err(encode("uint16_t", { toString: {} }))).toEqual({ path: "", rule: "range" });
  });
  it("unknown type names are a typed error", () => {
    expect(err(encode("no_such_type", 1))).toEqual({ path: "", rule: "unknown_type" });
  });
});
