// The predicate-level parts of bitshares-core tests/tests/custom_authority_tests.cpp: each block names
// the test case it ports. Restrictions are written in the JSON those tests print in their comments; the
// expected predicate results are their BOOST_CHECKs and EXPECT_EXCEPTION_STRING rejection paths. Account
// and asset ids are the ones in those comments where given, else any ids that keep the relations the
// test sets up (the chain-level steps of those tests are not ported here).
import { describe, expect, it } from "vitest";
import { FUNC } from "./restriction.js";
import { restrictionCount } from "./restriction.js";
import {
  buildRefusal, evaluate, FALSE, INCORRECT_VARIANT, memberIndex, NULL_OPTIONAL, op, predicate, R, rejected, restriction,
  SUCCESS_JSON, value,
} from "./test_support.js";

const account = (i: number) => `1.2.${i}`;
const asset = (amount: bigint, id = 0) => ({ amount, asset_id: `1.3.${id}` });
// Public keys from the JSON of authorized_transfer_with_memo_1 (Diana's and Bob's active keys there), and
// the genesis key of the main network for a third one.
const DIANA_KEY = "BTS6MWg7PpE6azCGwKuhB17DbtSqhzf8i25hspdhndsf7VfsLee7k";
const BOB_KEY = "BTS5VE6Dgy9FUmd1mFotXwF88HkQN1KysCWLPqpVnDMjRvGRi1YrM";
const CHARLIE_KEY = "BTS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV";
const key = (k: string) => value("public_key_type", k) as string;
const memo = (from: string, to: string) => ({ from: key(from), to: key(to), nonce: 7n, message: "00ff" });

describe("restriction_predicate_tests (custom_authority_tests.cpp)", () => {
  const to = R(2, FUNC.eq, [7, "1.2.12"]);

  it("transfers only to 1.2.12: a transfer to 1.2.0 fails at [0,0], one to 1.2.12 passes", () => {
    expect(restrictionCount([to])).toBe(1);
    const p = predicate([to], "transfer_operation");
    expect(evaluate(p, op("transfer_operation"))).toEqual(rejected([0, 0], FALSE));
    expect(evaluate(p, op("transfer_operation", { to: account(12) }))).toEqual(SUCCESS_JSON);
  });

  it("member index 6 of transfer_operation (6 members) is refused", () => {
    expect(memberIndex("transfer_operation", "to")).toBe(2);
    expect(buildRefusal([R(6, FUNC.eq, [7, "1.2.12"])], "transfer_operation")).toEqual({
      exception: "assert_exception", rule: "restriction_predicate.member_index_in_range", field: "[0].member_index",
    });
  });

  it("an account id compared with an asset id is refused (Invalid types for predicate)", () => {
    expect(buildRefusal([R(2, FUNC.eq, [8, "1.3.12"])], "transfer_operation")).toEqual({
      exception: "assert_exception", rule: "restriction_predicate.argument_types", field: "[0].argument",
    });
  });

  const feeIn = (assetId: string) => R(0, FUNC.attr, [39, [{ member_index: 1, restriction_type: 0, argument: [8, assetId], extensions: [] }]]);

  it("fee paid in 1.3.0 passes an attribute assertion asking for 1.3.0", () => {
    const p = predicate([feeIn("1.3.0")], "transfer_operation");
    expect(evaluate(p, op("transfer_operation", { to: account(12) }))).toEqual(SUCCESS_JSON);
  });

  it("asking for a fee in 1.3.1 fails at [0,0],[0,0]; restriction_count is 2", () => {
    expect(restrictionCount([feeIn("1.3.1")])).toBe(2);
    const p = predicate([feeIn("1.3.1")], "transfer_operation");
    expect(evaluate(p, op("transfer_operation", { to: account(12) }))).toEqual(rejected([0, 0], [0, 0], FALSE));
  });

  it("fee in 1.3.1 and to 1.2.12: restriction_count 3, passes, and fails at [0,1] for a transfer to 1.2.10", () => {
    const rs = [feeIn("1.3.1"), to];
    expect(restrictionCount(rs)).toBe(3);
    const p = predicate(rs, "transfer_operation");
    const fee = asset(0n, 1);
    expect(evaluate(p, op("transfer_operation", { to: account(12), fee }))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, op("transfer_operation", { to: account(10), fee }))).toEqual(rejected([0, 1], FALSE));
  });

  const noOwnerSpecial = (func: number) =>
    R(5, FUNC.attr, [39, [{ member_index: 1, restriction_type: func, argument: [0, {}], extensions: [] }]]);

  it("account_update extensions.owner_special_authority eq void: a transfer is refused, an update without it passes", () => {
    const rs = [noOwnerSpecial(FUNC.eq)];
    expect(restrictionCount(rs)).toBe(2);
    const p = predicate(rs, "account_update_operation");
    const wrong = p(op("transfer_operation"));
    expect(wrong._tag === "Left" && [wrong.left.exception, wrong.left.rule]).toEqual(["assert_exception", "restriction_predicate.operation_type_matches"]);
    expect(evaluate(p, op("account_update_operation"))).toEqual(SUCCESS_JSON);
  });

  it("an update that sets owner_special_authority fails at [0,0],[0,0]; with ne it passes", () => {
    const update = op("account_update_operation", { extensions: { owner_special_authority: [0, {}] } });
    expect(evaluate(predicate([noOwnerSpecial(FUNC.eq)], "account_update_operation"), update)).toEqual(rejected([0, 0], [0, 0], FALSE));
    expect(evaluate(predicate([noOwnerSpecial(FUNC.ne)], "account_update_operation"), update)).toEqual(SUCCESS_JSON);
  });
});

describe("container_in_not_in_checks (custom_authority_tests.cpp)", () => {
  const producers = (...ids: number[]) => op("asset_update_feed_producers_operation", { new_feed_producers: ids.map(account) });
  const set = [26, ["1.2.5", "1.2.6", "1.2.7"]];

  it("in: every producer must be one of 5, 6, 7", () => {
    const p = predicate([R(3, FUNC.in, set)], "asset_update_feed_producers_operation");
    const holds = (...ids: number[]) => evaluate(p, producers(...ids)).success;
    expect([holds(), holds(1), holds(5), holds(5, 6), holds(5, 6, 7), holds(1, 5, 6, 7), holds(5, 6, 7, 8)])
      .toEqual([true, false, true, true, true, false, false]);
  });

  it("not_in: no producer may be one of 5, 6, 7", () => {
    const p = predicate([R(3, FUNC.not_in, set)], "asset_update_feed_producers_operation");
    const holds = (...ids: number[]) => evaluate(p, producers(...ids)).success;
    expect([holds(), holds(1), holds(5), holds(5, 6), holds(5, 6, 7), holds(1, 5, 6, 7), holds(5, 6, 7, 8)])
      .toEqual([true, true, false, false, false, false, false]);
  });
});

describe("logical_or_transfer_predicate_tests (custom_authority_tests.cpp)", () => {
  const or = restriction({
    member_index: 999, restriction_type: 11,
    argument: [40, [[{ member_index: 2, restriction_type: 0, argument: [7, "1.2.12"], extensions: [] }],
      [{ member_index: 2, restriction_type: 0, argument: [7, "1.2.15"], extensions: [] }]]],
  });

  it("restriction_count 3; transfers to 12 and 15 pass; one to 1 fails in both branches", () => {
    expect(restrictionCount([or])).toBe(3);
    const p = predicate([or], "transfer_operation");
    expect(evaluate(p, op("transfer_operation", { to: account(12) }))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, op("transfer_operation", { to: account(15) }))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, op("transfer_operation", { to: account(1) }))).toEqual(
      rejected([0, 0], [1, [rejected([0, 0], FALSE), rejected([0, 0], FALSE)]]),
    );
  });
});

describe("custom_auths (custom_authority_tests.cpp)", () => {
  const amountRestriction = (func: number) => restriction({
    member_index: 3, restriction_type: 10,
    argument: [39, [{ member_index: 0, restriction_type: func, argument: [2, 10000000], extensions: [] },
      { member_index: 1, restriction_type: 0, argument: [8, "1.3.0"], extensions: [] }]],
  });
  const transfer = (amount: bigint) => op("transfer_operation", { from: account(17), to: account(18), amount: asset(amount) });

  it("amount lt 100 BTS: 99 BTS passes, 100 BTS fails at [[0,0],[0,0],[2,predicate_was_false]]", () => {
    expect(restrictionCount([amountRestriction(FUNC.lt)])).toBe(3);
    const p = predicate([amountRestriction(FUNC.lt)], "transfer_operation");
    expect(evaluate(p, transfer(9900000n))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, transfer(10000000n))).toEqual(rejected([0, 0], [0, 0], FALSE));
  });

  it("amount eq 100 BTS: 99 BTS fails at [[0,0],[0,0]], 100 BTS passes", () => {
    const p = predicate([amountRestriction(FUNC.eq)], "transfer_operation");
    expect(evaluate(p, transfer(9900000n))).toEqual(rejected([0, 0], [0, 0], FALSE));
    expect(evaluate(p, transfer(10000000n))).toEqual(SUCCESS_JSON);
  });
});

describe("custom_auths_unsupported_operations_test (custom_authority_tests.cpp)", () => {
  it("fill_order_operation (virtual) is not supported", () => {
    const accountId = memberIndex("fill_order_operation", "account_id");
    expect(buildRefusal([R(accountId, FUNC.eq, [7, "1.2.0"])], "fill_order_operation")).toEqual({
      exception: "assert_exception", rule: "restriction_predicate.operation_supported", field: "",
    });
  });
});

describe("authorized_asset_issue_exceptions_1 and _2 (custom_authority_tests.cpp)", () => {
  const assetIs = restriction({
    member_index: 2, restriction_type: 10,
    argument: [39, [{ member_index: 1, restriction_type: 0, argument: [8, "1.3.2"], extensions: [] }]],
  });
  const issue = (assetId: number, to: number) =>
    op("asset_issue_operation", { issuer: account(17), asset_to_issue: asset(100n, assetId), issue_to_account: account(to) });

  it("_1: ne banned1 (1.2.20)", () => {
    const p = predicate([assetIs, R(3, FUNC.ne, [7, "1.2.20"])], "asset_issue_operation");
    expect(evaluate(p, issue(2, 19))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, issue(3, 22))).toEqual(rejected([0, 0], [0, 0], FALSE));
    expect(evaluate(p, issue(2, 20))).toEqual(rejected([0, 1], FALSE));
  });

  it("_2: not_in banned1..3 (1.2.20..22)", () => {
    const p = predicate([assetIs, R(3, FUNC.not_in, [26, ["1.2.20", "1.2.21", "1.2.22"]])], "asset_issue_operation");
    expect(evaluate(p, issue(2, 19))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, issue(3, 23))).toEqual(rejected([0, 0], [0, 0], FALSE));
    for (const banned of [20, 21, 22]) expect(evaluate(p, issue(2, banned))).toEqual(rejected([0, 1], FALSE));
  });
});

describe("authorized_transfer_with_memo_1 and _2 (custom_authority_tests.cpp)", () => {
  const toCharlie = R(2, FUNC.eq, [7, "1.2.18"]);
  const memoFromBobToDiana = { member_index: 4, restriction_type: 10,
    argument: [39, [{ member_index: 1, restriction_type: 0, argument: [5, DIANA_KEY], extensions: [] },
      { member_index: 0, restriction_type: 0, argument: [5, BOB_KEY], extensions: [] }]], extensions: [] };
  const transfer = (to: number, m?: object) =>
    op("transfer_operation", { from: account(16), to: account(to), amount: asset(50n), ...(m ? { memo: m } : {}) });

  it("_1: memo absent OR from Bob to Diana; a memo to Charlie fails both branches", () => {
    const or = restriction({ member_index: 999, restriction_type: 11, argument: [40, [
      [{ member_index: 4, restriction_type: 0, argument: [0, {}], extensions: [] }], [memoFromBobToDiana]]] });
    const p = predicate([toCharlie, or], "transfer_operation");
    expect(evaluate(p, transfer(18))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, transfer(18, memo(BOB_KEY, DIANA_KEY)))).toEqual(SUCCESS_JSON);
    // [[0,1],[1,[{"success":false,"rejection_path":[[0,0],[2,"predicate_was_false"]]},
    //            {"success":false,"rejection_path":[[0,0],[0,0],[2,"predicate_was_false"]]}]]]
    expect(evaluate(p, transfer(18, memo(BOB_KEY, CHARLIE_KEY)))).toEqual(
      rejected([0, 1], [1, [rejected([0, 0], FALSE), rejected([0, 0], [0, 0], FALSE)]]),
    );
    expect(evaluate(p, transfer(19))).toEqual(rejected([0, 0], FALSE));
  });

  it("_2: a memo from Bob to Diana is required; without one the path ends in null_optional", () => {
    const p = predicate([toCharlie, restriction(memoFromBobToDiana)], "transfer_operation");
    expect(evaluate(p, transfer(18))).toEqual(rejected([0, 1], NULL_OPTIONAL));
    expect(evaluate(p, transfer(18, memo(BOB_KEY, DIANA_KEY)))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, transfer(18, memo(BOB_KEY, CHARLIE_KEY)))).toEqual(rejected([0, 1], [0, 0], FALSE));
    expect(evaluate(p, transfer(19))).toEqual(rejected([0, 0], FALSE));
  });
});

describe("authorized_feed_producers_1 and _2 (custom_authority_tests.cpp)", () => {
  const producers = (...ids: number[]) =>
    op("asset_update_feed_producers_operation", { issuer: account(16), asset_to_update: "1.3.2", new_feed_producers: ids.map(account) });

  it("_1: has_none of the untrusted 1.2.24..26", () => {
    const p = predicate([R(3, FUNC.has_none, [26, ["1.2.24", "1.2.25", "1.2.26"]])], "asset_update_feed_producers_operation");
    expect(evaluate(p, producers(20))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, producers(21, 24))).toEqual(rejected([0, 0], FALSE));
    expect(evaluate(p, producers(25, 26))).toEqual(rejected([0, 0], FALSE));
  });

  it("_2: has_all of the trusted 1.2.18..20", () => {
    const p = predicate([R(3, FUNC.has_all, [26, ["1.2.18", "1.2.19", "1.2.20"]])], "asset_update_feed_producers_operation");
    expect(evaluate(p, producers(18, 19, 20, 21))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, producers(22, 23))).toEqual(rejected([0, 0], FALSE));
    expect(evaluate(p, producers(18, 22, 23))).toEqual(rejected([0, 0], FALSE));
    expect(evaluate(p, producers(18, 19, 22, 23))).toEqual(rejected([0, 0], FALSE));
    expect(evaluate(p, producers(18, 19, 20, 22, 23))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, producers(18, 19, 20))).toEqual(SUCCESS_JSON);
  });
});

describe("authorized_htlc_creation, _redeem and _extension (custom_authority_tests.cpp)", () => {
  it("creation: to the gateway (1.2.18) and preimage_size ge 512", () => {
    const p = predicate([R(2, FUNC.eq, [7, "1.2.18"]), R(5, FUNC.ge, [2, 512])], "htlc_create_operation");
    const create = (size: number) => op("htlc_create_operation", { from: account(16), to: account(18), preimage_size: size });
    expect(evaluate(p, create(256))).toEqual(rejected([0, 1], FALSE));
    expect(evaluate(p, create(512))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, create(600))).toEqual(SUCCESS_JSON);
  });

  it("redeem: the preimage (a byte vector) eq 200 compares its size", () => {
    const redeem = (bytes: number) => op("htlc_redeem_operation", { preimage: "ab".repeat(bytes) });
    const p200 = predicate([R(3, FUNC.eq, [2, 200])], "htlc_redeem_operation");
    expect(evaluate(p200, redeem(256))).toEqual(rejected([0, 0], FALSE));
    const p256 = predicate([R(3, FUNC.eq, [2, 256])], "htlc_redeem_operation");
    expect(evaluate(p256, redeem(256))).toEqual(SUCCESS_JSON);
  });

  it("extension: seconds_to_add gt 3600 and le 86400", () => {
    const p = predicate([R(3, FUNC.gt, [2, 3600]), R(3, FUNC.le, [2, 86400])], "htlc_extend_operation");
    const extend = (s: number) => op("htlc_extend_operation", { seconds_to_add: s });
    expect(evaluate(p, extend(86400))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, extend(10 * 3600))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, extend(3600))).toEqual(rejected([0, 0], FALSE));
    expect(evaluate(p, extend(86401))).toEqual(rejected([0, 1], FALSE));
  });
});

describe("authorized_vesting_balance_create (custom_authority_tests.cpp)", () => {
  const cdd800k = restriction({ member_index: 4, restriction_type: 12,
    argument: [41, [1, [{ member_index: 1, restriction_type: 0, argument: [2, 800000], extensions: [] }]]] });
  const create = (policy: unknown) => op("vesting_balance_create_operation", { amount: asset(60000n), policy });

  it("a cdd policy of 800000 s passes, 86400 s fails inside the variant, a linear policy has the wrong variant type", () => {
    expect(restrictionCount([cdd800k])).toBe(2);
    const p = predicate([cdd800k], "vesting_balance_create_operation");
    expect(evaluate(p, create([1, { start_claim: 86400, vesting_seconds: 800000 }]))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, create([1, { start_claim: 86400, vesting_seconds: 86400 }]))).toEqual(rejected([0, 0], [0, 0], FALSE));
    const linear = [0, { begin_timestamp: 86400, vesting_cliff_seconds: 800000, vesting_duration_seconds: 40000 }];
    expect(evaluate(p, create(linear))).toEqual(rejected([0, 0], INCORRECT_VARIANT));
  });
});

describe("authorized_asset_creation (custom_authority_tests.cpp)", () => {
  it("symbol gt \"ACOIN.\" and le \"ACOIN.ZZZZZZZZZZZZZZZZ\": sub-assets of ACOIN only", () => {
    const symbol = memberIndex("asset_create_operation", "symbol");
    const p = predicate([R(symbol, FUNC.gt, [3, "ACOIN."]), R(symbol, FUNC.le, [3, "ACOIN.ZZZZZZZZZZZZZZZZ"])], "asset_create_operation");
    const create = (s: string) => op("asset_create_operation", { symbol: s });
    expect(evaluate(p, create("ABCOIN"))).toEqual(rejected([0, 0], FALSE));
    expect(evaluate(p, create("BOB"))).toEqual(rejected([0, 1], FALSE));
    for (const s of ["ACOIN.BOB", "ACOIN.CHARLIE", "ACOIN.DIANA"]) expect(evaluate(p, create(s))).toEqual(SUCCESS_JSON);
    expect(evaluate(p, create("AACOIN.BOB"))).toEqual(rejected([0, 0], FALSE));
  });
});

describe("authorized_voting_key (custom_authority_tests.cpp)", () => {
  const T = "account_update_operation";
  const ext = memberIndex(T, "extensions");
  const newOptions = memberIndex(T, "new_options");
  const ALICE_MEMO = key(BOB_KEY);
  const SOME_KEY = key(DIANA_KEY);
  const rs = [
    R(memberIndex(T, "owner"), FUNC.eq, [0, {}]),
    R(memberIndex(T, "active"), FUNC.eq, [0, {}]),
    R(ext, FUNC.attr, [39, [{ member_index: memberIndex("account_update_operation::ext", "owner_special_authority"), restriction_type: 0, argument: [0, {}], extensions: [] }]]),
    R(ext, FUNC.attr, [39, [{ member_index: memberIndex("account_update_operation::ext", "active_special_authority"), restriction_type: 0, argument: [0, {}], extensions: [] }]]),
    R(newOptions, FUNC.attr, [39, [{ member_index: memberIndex("account_options", "memo_key"), restriction_type: 0, argument: [5, BOB_KEY], extensions: [] }]]),
  ];
  const p = predicate(rs, T);
  const auth = { weight_threshold: 1, account_auths: [], key_auths: [[SOME_KEY, 1]], address_auths: [] };
  const options = (memoKey: string) => ({
    ...(value("account_options", { memo_key: BOB_KEY, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: ["1:0"], extensions: [] }) as object),
    memo_key: memoKey,
  });
  const update = (members: Record<string, unknown>) => op(T, { account: account(16), ...members });

  it("refuses owner, active, special authorities and a new memo key at their indices; a new vote passes", () => {
    expect(evaluate(p, update({ owner: auth }))).toEqual(rejected([0, 0], FALSE));
    expect(evaluate(p, update({ active: auth }))).toEqual(rejected([0, 1], FALSE));
    expect(evaluate(p, update({ extensions: { owner_special_authority: [0, {}] } }))).toEqual(rejected([0, 2], [0, 0], FALSE));
    expect(evaluate(p, update({ extensions: { active_special_authority: [0, {}] } }))).toEqual(rejected([0, 3], [0, 0], FALSE));
    expect(evaluate(p, update({ new_options: options(SOME_KEY) }))).toEqual(rejected([0, 4], [0, 0], FALSE));
    expect(evaluate(p, update({ new_options: options(ALICE_MEMO) }))).toEqual(SUCCESS_JSON);
  });

  it("extensions eq void_t is not among them: an extension<T> is no optional, so eq void_t is refused", () => {
    expect(buildRefusal([R(ext, FUNC.eq, [0, {}])], T)).toEqual({
      exception: "assert_exception", rule: "restriction_predicate.argument_types", field: "[0].argument",
    });
  });
});

describe("authorized_change_witness_signing_key (custom_authority_tests.cpp)", () => {
  it("new_url eq void_t: a new URL fails at [0,0], a new signing key alone passes", () => {
    const p = predicate([R(memberIndex("witness_update_operation", "new_url"), FUNC.eq, [0, {}])], "witness_update_operation");
    expect(evaluate(p, op("witness_update_operation", { new_url: "NEW_URL" }))).toEqual(rejected([0, 0], FALSE));
    expect(evaluate(p, op("witness_update_operation", { new_signing_key: key(DIANA_KEY) }))).toEqual(SUCCESS_JSON);
  });
});
