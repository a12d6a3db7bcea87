// Fixed vectors. (1) Serializations asserted by public client libraries' test suites
// (conformance/vectors/codec/client-libraries.json, each citing repository, file, test and commit).
// (2) Hand-derived vectors for what the bitsharesjs differential cannot check: operations 75..77, which
// bitsharesjs lacks, and every bitsharesjs departure named in properties/bitsharesjs.ts. Each expected hex
// is built field by field from the FC_REFLECT order in bitshares-core libraries/protocol and the fc::raw
// rules of spec/README.md.
import { readFileSync } from "node:fs";
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "./hex.js";
import { parseJson } from "./json-text.js";
import { decode, encode, fromJson, jsonToBytes, toJson, type Json } from "./index.js";

interface Vector {
  id: string;
  source: { repo: string; path: string; test: string; commit?: string };
  type: string;
  prefix: string;
  json: Json;
  hex: string;
}

// Read with the codec's own JSON parser: some vectors hold integers beyond 2^53.
const parsed = parseJson(readFileSync(new URL("../../conformance/vectors/codec/client-libraries.json", import.meta.url), "utf8"));
if (E.isLeft(parsed)) throw new Error(parsed.left.message);
const file = parsed.right as unknown as { vectors: Vector[] };

function hexOf(type: string, json: Json, prefix = "BTS"): string {
  const r = jsonToBytes(type, json, { prefix });
  if (E.isLeft(r)) throw new Error(`${r.left.path}: ${r.left.message}`);
  return bytesToHex(r.right);
}

describe("client-library vectors", () => {
  it("cover many operations", () => {
    const ops = new Set(file.vectors.flatMap((v) => JSON.stringify(v.json).match(/"operations":\[\[\d+/g) ?? []));
    expect(file.vectors.length).toBeGreaterThanOrEqual(90);
    expect(ops.size).toBeGreaterThanOrEqual(30);
  });
  it.each(file.vectors.map((v) => [v.id, v] as const))("%s", (_, v) => {
    expect(hexOf(v.type, v.json, v.prefix)).toBe(v.hex);
    const decoded = decode(v.type, hexToBytes(v.hex));
    expect(E.isRight(decoded)).toBe(true);
    const value = (decoded as E.Right<unknown>).right;
    expect(fromJson(v.type, v.json, { prefix: v.prefix })).toEqual(E.right(value));
    expect(bytesToHex((encode(v.type, value) as E.Right<Uint8Array>).right)).toBe(v.hex);
  });
});

// Little helpers for the derivations below: each returns the fc::raw hex of one value.
const le = (v: bigint | number, bytes: number): string => {
  let x = BigInt.asUintN(8 * bytes, BigInt(v));
  let s = "";
  for (let i = 0; i < bytes; i++, x >>= 8n) s += Number(x & 0xffn).toString(16).padStart(2, "0");
  return s;
};
const varint = (v: bigint | number): string => {
  let x = BigInt(v);
  let s = "";
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x > 0n) b |= 0x80;
    s += b.toString(16).padStart(2, "0");
  } while (x > 0n);
  return s;
};
const asset = (amount: number | bigint, id: number) => le(amount, 8) + varint(id);
const fee = (amount: number) => ({ amount, asset_id: "1.3.0" });

describe("operations 75..77 (bitshares-core 7.0; not in bitsharesjs)", () => {
  it("75 liquidity_pool_update: (fee)(account)(pool)(taker_fee_percent)(withdrawal_fee_percent)(extensions)", () => {
    const op = { fee: fee(100000), account: "1.2.9", pool: "1.19.3", taker_fee_percent: 30, extensions: [] };
    // tag 75; fee; account 9; pool 3; optional<uint16> present 30; optional absent; empty extensions
    expect(hexOf("operation", [75, op])).toBe(varint(75) + asset(100000, 0) + "09" + "03" + "01" + le(30, 2) + "00" + "00");
  });
  it("76 credit_deal_update: (fee)(account)(deal_id)(auto_repay)(extensions)", () => {
    const op = { fee: fee(100000), account: "1.2.5", deal_id: "1.22.7", auto_repay: 2, extensions: [] };
    expect(hexOf("operation", [76, op])).toBe(varint(76) + asset(100000, 0) + "05" + "07" + "02" + "00");
  });
  it("77 limit_order_update: (fee)(seller)(order)(new_price)(delta_amount_to_sell)(new_expiration)(on_fill)(extensions)", () => {
    const action = { fee_asset_id: "1.3.0", spread_percent: 100, size_percent: 10000, expiration_seconds: 86400, repeat: true, extensions: [] };
    const op = {
      fee: fee(37500), seller: "1.2.100", order: "1.7.12345",
      new_price: { base: { amount: 1000, asset_id: "1.3.0" }, quote: { amount: 33, asset_id: "1.3.121" } },
      new_expiration: "2030-01-01T00:00:00", on_fill: [[0, action]], extensions: [],
    };
    const expected =
      varint(77) + asset(37500, 0) + varint(100) + varint(12345) +
      "01" + asset(1000, 0) + asset(33, 121) + // new_price
      "00" + // delta_amount_to_sell absent
      "01" + le(1893456000, 4) + // new_expiration: 2030-01-01T00:00:00 is 1893456000 s
      "01" + "01" + "00" + "00" + le(100, 2) + le(10000, 2) + le(86400, 4) + "01" + "00" + // on_fill: one take-profit action
      "00";
    expect(expected.startsWith("4d" + "7c92000000000000" + "00" + "64" + "b960")).toBe(true);
    expect(hexOf("operation", [77, op])).toBe(expected);
    // Fee parameters of the three: fee_params_t defaults (liquidity_pool.hpp, credit_offer.hpp, market.hpp).
    expect(hexOf("fee_parameters", [75, {}])).toBe(varint(75) + le(100000, 8));
    expect(hexOf("fee_parameters", [76, {}])).toBe(varint(76) + le(100000, 8));
    expect(hexOf("fee_parameters", [77, {}])).toBe(varint(77) + le(37500, 8));
  });
});

describe("virtual operations whose bitsharesjs field lists differ", () => {
  it("4 fill_order: order_id is object_id_type, packed as uint64 space << 56 | type << 48 | instance", () => {
    const op = {
      fee: fee(5), order_id: "1.7.11", account_id: "1.2.17", pays: { amount: 10, asset_id: "1.3.0" }, receives: { amount: 20, asset_id: "1.3.1" },
      fill_price: { base: { amount: 10, asset_id: "1.3.0" }, quote: { amount: 20, asset_id: "1.3.1" } }, is_maker: false,
    };
    expect(hexOf("operation", [4, op])).toBe(
      "04" + asset(5, 0) + le((1n << 56n) | (7n << 48n) | 11n, 8) + varint(17) + asset(10, 0) + asset(20, 1) + asset(10, 0) + asset(20, 1) + "00",
    );
  });
  it("42 asset_settle_cancel: (fee)(settlement)(account)(amount) and no extensions", () => {
    const op = { fee: fee(0), settlement: "1.4.3", account: "1.2.8", amount: { amount: 7, asset_id: "1.3.2" } };
    expect(hexOf("operation", [42, op])).toBe("2a" + asset(0, 0) + "03" + "08" + asset(7, 2));
  });
  it("44 fba_distribute: fba_id is an 8-byte object_id_type", () => {
    const op = { fee: fee(0), account_id: "1.2.22", fba_id: "2.16.1", amount: 1234 };
    expect(hexOf("operation", [44, op])).toBe("2c" + asset(0, 0) + varint(22) + le((2n << 56n) | (16n << 48n) | 1n, 8) + le(1234, 8));
  });
  it("51 htlc_redeemed and 53 htlc_refund carry the preimage hash and size", () => {
    const hash = [2, "ab".repeat(32)];
    const redeemed = { fee: fee(0), htlc_id: "1.16.4", from: "1.2.1", to: "1.2.2", redeemer: "1.2.3", amount: { amount: 9, asset_id: "1.3.0" }, htlc_preimage_hash: hash, htlc_preimage_size: 32, preimage: "cd".repeat(32) };
    expect(hexOf("operation", [51, redeemed])).toBe("33" + asset(0, 0) + "04" + "01" + "02" + "03" + asset(9, 0) + "02" + "ab".repeat(32) + le(32, 2) + varint(32) + "cd".repeat(32));
    const refund = { fee: fee(0), htlc_id: "1.16.4", to: "1.2.1", original_htlc_recipient: "1.2.2", htlc_amount: { amount: 9, asset_id: "1.3.0" }, htlc_preimage_hash: hash, htlc_preimage_size: 32 };
    expect(hexOf("operation", [53, refund])).toBe("35" + asset(0, 0) + "04" + "01" + "02" + asset(9, 0) + "02" + "ab".repeat(32) + le(32, 2));
  });
});

describe("extension<T> members that bitsharesjs drops", () => {
  it("limit_order_create on_fill", () => {
    const base = { fee: fee(0), seller: "1.2.1", amount_to_sell: { amount: 1, asset_id: "1.3.0" }, min_to_receive: { amount: 2, asset_id: "1.3.1" }, expiration: "2106-02-07T06:28:15", fill_or_kill: false };
    const action = { fee_asset_id: "1.3.1", spread_percent: 5, size_percent: 10000, expiration_seconds: 0, repeat: false, extensions: [] };
    expect(hexOf("limit_order_create_operation", { ...base, extensions: { on_fill: [[0, action]] } })).toBe(
      asset(0, 0) + "01" + asset(1, 0) + asset(2, 1) + "ffffffff" + "00" + "01" + "00" + "01" + "00" + "01" + le(5, 2) + le(10000, 2) + le(0, 4) + "00" + "00",
    );
  });
  it("asset_update new_precision and skip_core_exchange_rate; asset_publish_feed initial_collateral_ratio; credit_offer_accept auto_repay", () => {
    expect(hexOf("asset_update_operation::ext", { skip_core_exchange_rate: true, new_precision: 4 })).toBe("02" + "00" + "04" + "01" + "01");
    expect(hexOf("asset_publish_feed_operation::ext", { initial_collateral_ratio: 1800 })).toBe("01" + "00" + le(1800, 2));
    expect(hexOf("credit_offer_accept_operation::ext", { auto_repay: 1 })).toBe("010001");
  });
  it("htlc_create memo; account_update special authorities; chain_parameters options", () => {
    const key = "BTS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV";
    const keyHex = hexOf("public_key_type", key);
    expect(hexOf("htlc_create_operation::additional_options_type", { memo: { from: key, to: key, nonce: 7, message: "00ff" } })).toBe(
      "01" + "00" + keyHex + keyHex + le(7, 8) + "02" + "00ff",
    );
    expect(hexOf("account_update_operation::ext", { active_special_authority: [1, { asset: "1.3.0", num_top_holders: 5 }] })).toBe("01" + "02" + "01" + "00" + "05");
    expect(hexOf("chain_parameters::ext", { market_fee_network_percent: 2000, updatable_htlc_options: { max_timeout_secs: 2592000, max_preimage_size: 1024000 } })).toBe(
      "02" + "00" + le(2592000, 4) + le(1024000, 4) + "02" + le(2000, 2),
    );
  });
});

describe("variant alternatives bitsharesjs lacks", () => {
  it("operation_result: void_result, generic and extendable results (base.hpp)", () => {
    expect(hexOf("operation_result", [0, {}])).toBe("00");
    expect(hexOf("operation_result", [1, "1.7.5"])).toBe("01" + le((1n << 56n) | (7n << 48n) | 5n, 8));
    expect(hexOf("operation_result", [3, { new_objects: ["1.2.5"], updated_objects: [], removed_objects: [] }])).toBe("03" + "01" + le((1n << 56n) | (2n << 48n) | 5n, 8) + "00" + "00");
    expect(hexOf("operation_result", [4, { paid: [{ amount: 1, asset_id: "1.3.0" }], received: [], fees: [] }])).toBe("04" + "01" + asset(1, 0) + "00" + "00");
    expect(hexOf("operation_result", [5, { impacted_accounts: ["1.2.9"], fees: [] }])).toBe("05" + "02" + "00" + "01" + "09" + "06" + "00");
  });
  it("instant vesting, refund and burn workers, hash160", () => {
    expect(hexOf("vesting_policy_initializer", [2, {}])).toBe("02");
    expect(hexOf("worker_initializer", [0, {}])).toBe("00");
    expect(hexOf("worker_initializer", [2, {}])).toBe("02");
    expect(hexOf("htlc_hash", [3, "12".repeat(20)])).toBe("03" + "12".repeat(20));
  });
  it("restriction arguments: void_t, nested restrictions, variant assert", () => {
    const inner = { member_index: 1, restriction_type: 0, argument: [2, 5], extensions: [] };
    const innerHex = "01" + "00" + "02" + le(5, 8) + "00";
    expect(hexOf("restriction::argument_type", [0, {}])).toBe("00");
    expect(hexOf("restriction::argument_type", [39, [inner]])).toBe("27" + "01" + innerHex);
    expect(hexOf("restriction::argument_type", [40, [[inner], []]])).toBe("28" + "02" + "01" + innerHex + "00");
    expect(hexOf("restriction::argument_type", [41, [3, [inner]]])).toBe("29" + le(3, 8) + "01" + innerHex);
  });
});

describe("orders where bitsharesjs departs", () => {
  it("flat_set<int64_t> is numeric (bitsharesjs sorts as strings)", () => {
    expect(hexOf("restriction::argument_type", [21, [10, 9, -1, -2]])).toBe("15" + "04" + le(-2, 8) + le(-1, 8) + le(9, 8) + le(10, 8));
  });
  it("address_auths sort by the 20 address bytes, whatever the length of their base58 form", () => {
    // Their base58 strings have different lengths, so bitsharesjs's string order would differ.
    const addrs = ["ff".repeat(20), "00".repeat(20), "0a" + "ff".repeat(19)].map((h) => decodeJson("address", h) as string);
    expect(new Set(addrs.map((a) => a.length)).size).toBeGreaterThan(1);
    const auth = { weight_threshold: 1, account_auths: [], key_auths: [], address_auths: addrs.map((a, i) => [a, i]) };
    expect(hexOf("authority", auth)).toBe("01000000" + "00" + "00" + "03" + "00".repeat(20) + le(1, 2) + "0a" + "ff".repeat(19) + le(2, 2) + "ff".repeat(20) + le(0, 2));
  });
  it("fee_schedule parameters sort by tag and keep the first of equal tags (static_variant::type_lt)", () => {
    const fs = { parameters: [[1, { fee: 7 }], [0, { fee: 1, price_per_kbyte: 2 }], [1, { fee: 9 }]], scale: 10000 };
    expect(hexOf("fee_schedule", fs)).toBe("02" + "00" + le(1, 8) + le(2, 4) + "01" + le(7, 8) + le(10000, 4));
  });
});

function decodeJson(type: string, h: string): Json {
  const v = decode(type, hexToBytes(h));
  if (E.isLeft(v)) throw new Error(v.left.message);
  return (toJson(type, v.right) as E.Right<Json>).right;
}
