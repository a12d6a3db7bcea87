// The database objects of spec/chain (what bitshares-core's database_api get_objects returns): real
// API JSON from the BitShares main network, objects built the way libraries/chain builds them with their
// fc::raw bytes derived by hand, the uint128 and enum leaves, and property round trips of every object.
import { either as E } from "fp-ts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OBJECT_TYPES, TABLES } from "../../generated/codec-tables.js";
import type {
  AccountObject, AssetBitassetDataObject, AssetObject, DynamicGlobalPropertyObject, LiquidityPoolObject, TicketObject,
  VestingBalanceObject,
} from "../../generated/native-types.js";
import * as validators from "../../generated/validators.js";
import { anyValue, arbitraryFor } from "../../properties/arbitraries.js";
import { bytesToHex, hexToBytes } from "./hex.js";
import { decode, encode, fromJson, toJson, type CodecError, type Json } from "./index.js";

function right<T>(r: E.Either<CodecError, T>): T {
  if (E.isLeft(r)) throw new Error(`${r.left.path}: ${r.left.message} (${r.left.rule})`);
  return r.right;
}
function left(r: E.Either<CodecError, unknown>): Pick<CodecError, "path" | "rule"> & { message: string } {
  if (E.isRight(r)) throw new Error("expected an error");
  return { path: r.left.path, rule: r.left.rule, message: r.left.message };
}
const hexOf = (type: string, v: unknown): string => bytesToHex(right(encode(type, v)));
const strict = { strict: true } as const;
/** Node-mode JSON -> value -> API JSON, as a round trip through a bitshares-core node would print it. */
const reprint = (type: string, j: Json): Json => right(toJson(type, right(fromJson(type, j))));

// ------------------------------------------------------------------ coverage

describe("object types", () => {
  it("has one def per object type of types.hpp and chain/types.hpp that holds data", () => {
    // protocol/types.hpp GRAPHENE_DEFINE_IDS: 1.0 null, 1.1 base and 1.9 custom hold no object;
    // chain/types.hpp: 2.2 reserved0 holds none. Every other type 1.2..1.22 and 2.0..2.18 has one.
    const expected = [
      ...Array.from({ length: 21 }, (_, i) => `1.${i + 2}`).filter((k) => k !== "1.9"),
      ...Array.from({ length: 19 }, (_, i) => `2.${i}`).filter((k) => k !== "2.2"),
    ];
    expect(Object.keys(OBJECT_TYPES).sort()).toEqual(expected.sort());
    expect(Object.keys(OBJECT_TYPES)).toHaveLength(38);
  });

  it("each object starts with graphene::db::object's id, an object_id_type fixed to its space and type", () => {
    for (const [key, name] of Object.entries(OBJECT_TYPES)) {
      const node = TABLES[name]!;
      if (node.kind !== "struct") throw new Error(`${name} is not a struct`);
      const [space, type] = key.split(".").map(Number);
      expect(node.fields[0], name).toEqual({ name: "id", type: { kind: "object_id_type", space, type }, optional: false });
    }
  });

  it("names the objects as bitshares-core does", () => {
    expect(OBJECT_TYPES["1.11"]).toBe("operation_history_object");
    expect(OBJECT_TYPES["2.9"]).toBe("account_history_object"); // impl_account_history_object_type
    expect(OBJECT_TYPES["2.10"]).toBe("blinded_balance_object");
    expect(OBJECT_TYPES["2.16"]).toBe("fba_accumulator_object");
    expect(OBJECT_TYPES["1.22"]).toBe("credit_deal_object");
    expect(OBJECT_TYPES["2.18"]).toBe("credit_deal_summary_object");
  });
});

// ------------------------------------------------------------------ main-network API JSON

// get_objects output of the BitShares main network in April 2018, from bitsharesjs
// test/chain/testObjects.json (objects 0, 1 and 3; the bitasset keeps 3 of its 51 feeds). The account
// carries keys bitsharesjs's ChainStore added (assets, balances, orders, ...): fc ignores unknown keys.
// Its membership_expiration_date was printed as "1969-12-31T23:59:59", how nodes of 2018 printed
// time_point_sec::maximum() (a lifetime member, spec/README.md); today's nodes print "2106-02-07T06:28:15".
const BLOCKTRADES = {
  id: "1.2.32567", membership_expiration_date: "2106-02-07T06:28:15", registrar: "1.2.32567", referrer: "1.2.32567",
  lifetime_referrer: "1.2.32567", network_fee_percentage: 2000, lifetime_referrer_fee_percentage: 8000,
  referrer_rewards_percentage: 0, name: "blocktrades",
  owner: { weight_threshold: 1, account_auths: [], key_auths: [["BTS53ehf9Qoeg9o4E1KuxdZRXCVg3Z9ApbEDHVdQhERDJDEFkPkGs", 1]], address_auths: [] },
  active: { weight_threshold: 1, account_auths: [], key_auths: [["BTS8MmcVDiutGynSpi5vSr8tWbrTDWYWpAkTXUD24sJu45DBFLSRK", 1]], address_auths: [] },
  options: {
    memo_key: "BTS8MmcVDiutGynSpi5vSr8tWbrTDWYWpAkTXUD24sJu45DBFLSRK", voting_account: "1.2.5", num_witness: 23, num_committee: 10,
    votes: [
      "1:22", "1:23", "1:24", "1:25", "1:26", "1:27", "1:28", "1:30", "1:31", "1:32", "1:34", "1:35", "1:36", "1:37", "1:38", "1:40",
      "1:44", "1:45", "1:51", "1:56", "1:60", "0:76", "0:84", "0:85", "0:87", "0:88", "0:91", "0:112", "0:141", "0:147", "1:165",
      "1:166", "0:173", "2:262", "2:303", "2:307",
    ],
    extensions: [],
  },
  statistics: "2.6.32567", whitelisting_accounts: ["1.2.125573"], blacklisting_accounts: [], whitelisted_accounts: [],
  blacklisted_accounts: [], cashback_vb: "1.13.100", owner_special_authority: [0, {}], active_special_authority: [0, {}],
  top_n_control_flags: 0,
  assets: ["1.3.313", "1.3.330"], referrer_name: "blocktrades", balances: { "1.3.0": "2.5.902" }, orders: ["1.7.2011"],
} as const satisfies Json;

const USD = {
  id: "1.3.121", symbol: "USD", precision: 4, issuer: "1.2.0",
  options: {
    max_supply: "1000000000000000", market_fee_percent: 10, max_market_fee: "1000000000000000", issuer_permissions: 511, flags: 129,
    core_exchange_rate: { base: { amount: 30010000, asset_id: "1.3.121" }, quote: { amount: 952600000, asset_id: "1.3.0" } },
    whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [],
    description: '{"main":"1 United States dollar","market":""}', extensions: [],
  },
  dynamic_asset_data_id: "2.3.121", bitasset_data_id: "2.4.21",
} as const satisfies Json;

const CNY_BITASSET = {
  id: "2.4.3",
  feeds: [
    ["1.2.167", ["2018-04-25T14:03:15", {
      settlement_price: { base: { amount: "191600000000", asset_id: "1.3.103" }, quote: { amount: "6666666900000", asset_id: "1.3.0" } },
      maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: 1100,
      core_exchange_rate: { base: { amount: "192000000000", asset_id: "1.3.103" }, quote: { amount: "6362461700000", asset_id: "1.3.0" } },
    }]],
    ["1.2.277", ["2018-03-22T09:50:33", {
      settlement_price: { base: { amount: 181112, asset_id: "1.3.103" }, quote: { amount: 10000000, asset_id: "1.3.0" } },
      maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: 1100,
      core_exchange_rate: { base: { amount: 181112, asset_id: "1.3.103" }, quote: { amount: 8000000, asset_id: "1.3.0" } },
    }]],
    ["1.2.333", ["2017-09-23T02:50:06", {
      settlement_price: { base: { amount: 1795, asset_id: "1.3.103" }, quote: { amount: 92164, asset_id: "1.3.0" } },
      maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: 1100,
      core_exchange_rate: { base: { amount: 1795, asset_id: "1.3.103" }, quote: { amount: 87555, asset_id: "1.3.0" } },
    }]],
  ],
  current_feed: {
    settlement_price: { base: { amount: 286678, asset_id: "1.3.103" }, quote: { amount: 10000000, asset_id: "1.3.0" } },
    maintenance_collateral_ratio: 1750, maximum_short_squeeze_ratio: 1100,
    core_exchange_rate: { base: { amount: 2458, asset_id: "1.3.103" }, quote: { amount: 70439, asset_id: "1.3.0" } },
  },
  current_feed_publication_time: "2018-04-25T12:26:00",
  options: {
    feed_lifetime_sec: 86400, minimum_feeds: 7, force_settlement_delay_sec: 86400, force_settlement_offset_percent: 0,
    maximum_force_settlement_volume: 2000, short_backing_asset: "1.3.0", extensions: [],
  },
  force_settled_volume: 0, is_prediction_market: false,
  settlement_price: { base: { amount: "4367282120", asset_id: "1.3.103" }, quote: { amount: "169628221613", asset_id: "1.3.0" } },
  settlement_fund: "163217731371",
} as const satisfies Json;

describe("main-network get_objects JSON", () => {
  it("account 1.2.32567: read as a node reads it, printed in FC_REFLECT order with today's fields", () => {
    const account = right(fromJson("account_object", BLOCKTRADES)) as AccountObject;
    expect(account.membership_expiration_date).toBe(0xffffffff);
    expect(account.cashback_vb).toBe("1.13.100");
    expect(account.allowed_assets).toBeUndefined();
    const out = reprint("account_object", BLOCKTRADES) as Record<string, Json>;
    // account_object.cpp FC_REFLECT_DERIVED order; cashback_vb is set, allowed_assets is not.
    expect(Object.keys(out)).toEqual([
      "id", "membership_expiration_date", "registrar", "referrer", "lifetime_referrer", "network_fee_percentage",
      "lifetime_referrer_fee_percentage", "referrer_rewards_percentage", "name", "owner", "active", "options",
      "num_committee_voted", "statistics", "whitelisting_accounts", "blacklisting_accounts", "whitelisted_accounts",
      "blacklisted_accounts", "cashback_vb", "owner_special_authority", "active_special_authority", "top_n_control_flags",
      "creation_block_num", "creation_time",
    ]);
    // Fields added after 2018 take their C++ defaults.
    expect([out["num_committee_voted"], out["creation_block_num"], out["creation_time"]]).toEqual([0, 0, "1970-01-01T00:00:00"]);
    const { assets: _a, referrer_name: _r, balances: _b, orders: _o, ...apiFields } = BLOCKTRADES;
    for (const [k, v] of Object.entries(apiFields)) expect(out[k], k).toEqual(v);
  });

  it("account 1.2.32567: the chain's vote order is the order btsref sorts votes into (by instance)", () => {
    const votes = [...BLOCKTRADES.options.votes];
    const shuffled = { ...BLOCKTRADES, options: { ...BLOCKTRADES.options, votes: [...votes].reverse() } };
    const out = reprint("account_object", shuffled) as { options: { votes: string[] } };
    expect(out.options.votes).toEqual(votes);
  });

  it("account 1.2.32567: the 2018 text of time_point_sec::maximum() is refused, not wrapped", () => {
    // fc reads "1969-12-31T23:59:59" as -1 seconds, which wraps to uint32 max; btsref refuses the
    // silent change (spec/README.md "JSON input").
    const old = { ...BLOCKTRADES, membership_expiration_date: "1969-12-31T23:59:59" };
    expect(left(fromJson("account_object", old))).toMatchObject({ path: "membership_expiration_date", rule: "range" });
  });

  it("account 1.2.32567: strict mode refuses the ChainStore keys and the missing fields", () => {
    expect(left(fromJson("account_object", BLOCKTRADES, strict)).rule).toMatch(/^(unknown_field|missing_field)$/);
    const canonical = reprint("account_object", BLOCKTRADES);
    expect(reprint("account_object", right(toJson("account_object", right(fromJson("account_object", canonical, strict)))))).toEqual(canonical);
  });

  it("asset 1.3.121 prints as the node did, plus today's fields, with asset_options.extensions an extension object", () => {
    const out = reprint("asset_object", USD);
    expect(out).toEqual({
      ...USD,
      options: { ...USD.options, extensions: {} },
      creation_block_num: 0,
      creation_time: "1970-01-01T00:00:00",
    });
    expect(Object.keys(out as object)).toEqual([
      "id", "symbol", "precision", "issuer", "options", "dynamic_asset_data_id", "bitasset_data_id", "creation_block_num", "creation_time",
    ]);
    const asset = right(fromJson("asset_object", USD)) as AssetObject;
    expect(asset.options.max_supply).toBe(1000000000000000n);
    expect(asset.buyback_account).toBeUndefined();
  });

  it("bitasset 2.4.3: amounts beyond int32 stay decimal strings, feeds keep the chain's order", () => {
    const value = right(fromJson("asset_bitasset_data_object", CNY_BITASSET)) as AssetBitassetDataObject;
    expect(value.settlement_fund).toBe(163217731371n);
    expect(value.feeds.map(([publisher]) => publisher)).toEqual(["1.2.167", "1.2.277", "1.2.333"]);
    // price_feed_with_icr() sets initial_collateral_ratio to the default MCR (asset_object.hpp); fc
    // keeps it when the JSON has no such key.
    expect(value.feeds[0]![1][1].initial_collateral_ratio).toBe(1750);
    const out = reprint("asset_bitasset_data_object", CNY_BITASSET) as Record<string, Json>;
    expect(out["settlement_fund"]).toBe("163217731371");
    expect(out["settlement_price"]).toEqual(CNY_BITASSET.settlement_price);
    expect(out["current_feed"]).toEqual({ ...CNY_BITASSET.current_feed, initial_collateral_ratio: 1750 });
    expect(out["options"]).toEqual({ ...CNY_BITASSET.options, extensions: {} });
    const bytes = right(encode("asset_bitasset_data_object", value));
    expect(right(decode("asset_bitasset_data_object", bytes))).toEqual(value);
  });
});

// ------------------------------------------------------------------ objects with hand-derived bytes

describe("objects and their fc::raw bytes", () => {
  it("special_authority_object: id as uint64 2 << 56 | 14 << 48 | 3, then the account's varint", () => {
    const o = { id: "2.14.3", account: "1.2.17" };
    expect(hexOf("special_authority_object", o)).toBe("0300000000000e02" + "11");
    expect(right(toJson("special_authority_object", o))).toEqual(o);
  });

  it("block_summary_object: kept at instance block_num & 0xffff, the 20-byte block id follows", () => {
    // Head block 29711447 (0x01c55c57) of the main network, whose id begins with its number.
    const o = { id: `2.8.${29711447 & 0xffff}`, block_id: "01c55c576a45d2827a87aeb70a5413074d45fad3" };
    expect(o.id).toBe("2.8.23639");
    expect(hexOf("block_summary_object", o)).toBe("575c000000000802" + "01c55c576a45d2827a87aeb70a5413074d45fad3");
  });

  it("dynamic_global_property_object: recent_slots_filled is a uint128, 16 bytes and a decimal string", () => {
    const json = {
      id: "2.1.0", head_block_number: 29711447, head_block_id: "01c55c576a45d2827a87aeb70a5413074d45fad3",
      time: "2018-08-18T04:48:18", current_witness: "1.6.22", next_maintenance_time: "2018-08-18T05:00:00",
      last_vote_tally_time: "2018-08-18T04:00:00", last_budget_time: "2018-08-18T04:00:00", witness_budget: 23700000,
      total_pob: 0, total_inactive: 0, accounts_registered_this_interval: 19, recently_missed_count: 0, current_aslot: 29867340,
      recent_slots_filled: "340282366920938463463374607431768211455", dynamic_flags: 0, last_irreversible_block_num: 29711430,
    };
    const v = right(fromJson("dynamic_global_property_object", json, strict)) as DynamicGlobalPropertyObject;
    expect(v.recent_slots_filled).toBe(2n ** 128n - 1n);
    expect(right(toJson("dynamic_global_property_object", v))).toEqual(json);
    expect(hexOf("dynamic_global_property_object", v)).toBe([
      "0000000000000102", // id 2.1.0
      "575cc501", // head_block_number
      "01c55c576a45d2827a87aeb70a5413074d45fad3", // head_block_id
      "12a5775b", "16", "d0a7775b", "c099775b", "c099775b", // time 1534567698, witness 22, three times
      "20a2690100000000", "0000000000000000", "0000000000000000", // witness_budget, total_pob, total_inactive
      "13000000", "00000000", "4cbdc70100000000", // 19 registered, 0 missed, aslot 29867340
      "ff".repeat(16), // all 128 recent slots filled
      "00000000", "465cc501", // dynamic_flags, last_irreversible_block_num 29711430
    ].join(""));
  });

  it("liquidity_pool_object: virtual_value = balance_a * balance_b, high 64 bits first", () => {
    // liquidity_pool_object::update_virtual_value: uint128(balance_a) * balance_b.
    const o: LiquidityPoolObject = {
      id: "1.19.0", asset_a: "1.3.0", asset_b: "1.3.121", balance_a: 5000000000000n, balance_b: 8000000000n, share_asset: "1.3.6000",
      taker_fee_percent: 30, withdrawal_fee_percent: 0, virtual_value: 5000000000000n * 8000000000n,
    };
    const h = hexOf("liquidity_pool_object", o);
    // 4 * 10^22 = 0x878_6783_26ea_c900_0000: high word 0x878, low word 0x678326eac9000000.
    expect(h.slice(-32)).toBe("7808000000000000" + "000000c9ea268367");
    expect((right(toJson("liquidity_pool_object", o)) as Record<string, Json>)["virtual_value"]).toBe("40000000000000000000000");
    expect(right(decode("liquidity_pool_object", hexToBytes(h)))).toEqual(o);
  });

  it("ticket_object: FC_REFLECT_ENUM fields are names in JSON and int64 in bytes", () => {
    // ticket_object::init_new at 2024-01-01 for a lock_180_days ticket: liquid, charging, the next
    // update one charging step (15 days) later, no downgrade; ticket v2 values liquid at 0.
    const o: TicketObject = {
      id: "1.18.5", account: "1.2.17", target_type: "lock_180_days", amount: { amount: 100000n, asset_id: "1.3.0" },
      current_type: "liquid", status: "charging", value: 0n, next_auto_update_time: 1704067200 + 15 * 86400,
      next_type_downgrade_time: 0xffffffff,
    };
    expect(hexOf("ticket_object", o)).toBe([
      "0500000000001201", "11", "0100000000000000", "a086010000000000" + "00", "0000000000000000", "0000000000000000",
      "0000000000000000", "00c7a565", "ffffffff",
    ].join(""));
    const json = right(toJson("ticket_object", o)) as Record<string, Json>;
    expect([json["target_type"], json["current_type"], json["status"]]).toEqual(["lock_180_days", "liquid", "charging"]);
    expect(json["next_auto_update_time"]).toBe("2024-01-16T00:00:00");
    expect(json["next_type_downgrade_time"]).toBe("2106-02-07T06:28:15");
  });

  it("vesting_balance_object: the policy is a static_variant, balance_type an enum", () => {
    // A cashback balance with a cdd policy (vesting_balance_object.hpp); coin_seconds_earned is a uint128.
    const o: VestingBalanceObject = {
      id: "1.13.100", owner: "1.2.32567", balance: { amount: 123456789n, asset_id: "1.3.0" },
      policy: [1, { vesting_seconds: 7776000, start_claim: 0, coin_seconds_earned: 2n ** 64n, coin_seconds_earned_last_update: 1534567698 }],
      balance_type: "cashback",
    };
    const h = hexOf("vesting_balance_object", o);
    expect(h.slice(-16)).toBe("0100000000000000"); // cashback = 1
    expect(h).toContain("01" + "00a77600" + "00000000" + "0100000000000000" + "0000000000000000" + "12a5775b");
    const json = right(toJson("vesting_balance_object", o)) as Record<string, Json>;
    expect(json["policy"]).toEqual([1, {
      vesting_seconds: 7776000, start_claim: "1970-01-01T00:00:00", coin_seconds_earned: "18446744073709551616",
      coin_seconds_earned_last_update: "2018-08-18T04:48:18",
    }]);
    expect(json["balance_type"]).toBe("cashback");
  });
});

// ------------------------------------------------------------------ leaves: enums, uint128, ids

const TICKET = {
  id: "1.18.0", account: "1.2.17", target_type: "lock_forever", amount: { amount: 1, asset_id: "1.3.0" }, current_type: "liquid",
  status: "stable", value: 0, next_auto_update_time: "2106-02-07T06:28:15", next_type_downgrade_time: "2106-02-07T06:28:15",
};

describe("enum leaves", () => {
  it("refuse a name that is no enumerator, naming the field and the enum", () => {
    const e = left(fromJson("ticket_object", { ...TICKET, status: "frozen" }));
    expect(e).toMatchObject({ path: "status", rule: "format" });
    expect(e.message).toContain("ticket_status");
    expect(left(fromJson("ticket_object", { ...TICKET, current_type: "Liquid" }, strict))).toMatchObject({ path: "current_type", rule: "format" });
    expect(left(fromJson("vesting_balance_type", "bonus"))).toMatchObject({ path: "", rule: "format" });
  });

  it("node mode takes numbers and decimal strings as fc's from_int / from_string do; strict takes names only", () => {
    const v = (j: Json) => (right(fromJson("ticket_object", { ...TICKET, target_type: j })) as TicketObject).target_type;
    expect(v(1)).toBe("lock_180_days");
    expect(v("4")).toBe("lock_forever");
    expect(v("lock_720_days")).toBe("lock_720_days");
    expect(left(fromJson("ticket_object", { ...TICKET, target_type: 1 }, strict))).toMatchObject({ path: "target_type", rule: "format" });
  });

  it("refuse numbers that name no enumerator, from JSON and from bytes", () => {
    expect(left(fromJson("ticket_object", { ...TICKET, target_type: 6 }))).toMatchObject({ path: "target_type", rule: "range" });
    expect(left(fromJson("ticket_object", { ...TICKET, status: -1 }))).toMatchObject({ path: "status", rule: "range" });
    // as_int64() of true is 1, so fc reads true as the value 1.
    expect((right(fromJson("ticket_object", { ...TICKET, status: true })) as TicketObject).status).toBe("stable");
    expect(left(fromJson("ticket_object", { ...TICKET, status: true }, strict))).toMatchObject({ path: "status", rule: "format" });
    // ticket_status has 4 values (TICKET_STATUS_COUNT included): 4 is out of range.
    const h = hexOf("ticket_object", right(fromJson("ticket_object", TICKET)));
    const statusAt = (8 + 1 + 8 + 9 + 8) * 2;
    expect(h.slice(statusAt, statusAt + 16)).toBe("0100000000000000"); // stable
    const bad = h.slice(0, statusAt) + "0400000000000000" + h.slice(statusAt + 16);
    expect(left(decode("ticket_object", hexToBytes(bad)))).toMatchObject({ path: "status", rule: "range" });
  });

  it("refuse an in-memory value that is no enumerator when encoding", () => {
    const v = right(fromJson("ticket_object", TICKET)) as TicketObject;
    expect(left(encode("ticket_object", { ...v, status: "melting" }))).toMatchObject({ path: "status", rule: "format" });
  });
});

describe("uint128 leaves", () => {
  const LP = {
    id: "1.19.1", asset_a: "1.3.0", asset_b: "1.3.1", balance_a: 0, balance_b: 0, share_asset: "1.3.2", taker_fee_percent: 0,
    withdrawal_fee_percent: 0, virtual_value: "0",
  };
  const vv = (j: Json, opts = {}) => fromJson("liquidity_pool_object", { ...LP, virtual_value: j }, opts);

  it("read decimal strings up to 2^128 - 1; node mode also reads safe integers, as fc reads as_string()", () => {
    expect((right(vv("340282366920938463463374607431768211455")) as LiquidityPoolObject).virtual_value).toBe(2n ** 128n - 1n);
    expect((right(vv(12345)) as LiquidityPoolObject).virtual_value).toBe(12345n);
    expect(left(vv(12345, strict))).toMatchObject({ path: "virtual_value", rule: "type" });
  });

  it("refuse what is no uint128", () => {
    expect(left(vv("340282366920938463463374607431768211456"))).toMatchObject({ path: "virtual_value", rule: "range" });
    expect(left(vv("-1"))).toMatchObject({ path: "virtual_value", rule: "format" });
    expect(left(vv("1e5"))).toMatchObject({ path: "virtual_value", rule: "format" });
    expect(left(vv(1.5))).toMatchObject({ path: "virtual_value", rule: "type" });
    expect(left(vv("007", strict))).toMatchObject({ path: "virtual_value", rule: "format" });
    expect((right(vv("007")) as LiquidityPoolObject).virtual_value).toBe(7n);
  });
});

describe("object ids", () => {
  it("an object's id must be of its own space and type, in JSON and in bytes", () => {
    const account = right(fromJson("account_object", BLOCKTRADES)) as AccountObject;
    expect(left(fromJson("account_object", { ...BLOCKTRADES, id: "1.3.121" }))).toMatchObject({ path: "id", rule: "format" });
    expect(left(encode("account_object", { ...account, id: "2.6.32567" }))).toMatchObject({ path: "id", rule: "format" });
    const h = hexOf("account_object", account);
    expect(h.slice(0, 16)).toBe("377f000000000201"); // 1 << 56 | 2 << 48 | 32567
    const asAsset = "377f000000000301" + h.slice(16);
    expect(left(decode("account_object", hexToBytes(asAsset)))).toMatchObject({ path: "id", rule: "format" });
  });
});

// ------------------------------------------------------------------ properties of every object

const RUNS = Number(process.env.BTSREF_RUNS ?? 25);
const constraints = anyValue();
const validatorOf = (type: string) =>
  (validators as Record<string, (j: unknown) => boolean>)[`validate_${type.replace(/::/g, "__").replace(/[^A-Za-z0-9_]/g, "_")}`]!;

describe.each(Object.entries(OBJECT_TYPES))("object %s (%s)", (_key, type) => {
  it("decode(encode(x)) = x and fromJson(toJson(x)) = x in both modes; the schema accepts the JSON", () => {
    const validate = validatorOf(type);
    fc.assert(
      fc.property(arbitraryFor(type, constraints), (x) => {
        expect(right(decode(type, right(encode(type, x))))).toEqual(x);
        const json = JSON.parse(JSON.stringify(right(toJson(type, x)))) as Json;
        expect(right(fromJson(type, json))).toEqual(x);
        expect(right(fromJson(type, json, strict))).toEqual(x);
        expect(validate(json), JSON.stringify((validate as unknown as { errors: unknown }).errors)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
