// balance_claim (balance_evaluator.cpp) on a database_fixture genesis with initial balances, after
// operation_tests2.cpp balance_object_test.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import { bytesToHex, hexToBytes } from "../../codec/hex.js";
import { addressOf, addressOfPts, ptsAddressOf } from "../../crypto/keys.js";
import { SYMBOL } from "../../protocol/config.js";
import { TESTING_GENESIS_TIMESTAMP, fixtureGenesis, publicKeyOfSeed } from "../../scenario/fixture.js";
import { availableBalance } from "./balance.js";
import { Chain, asset, core, refusal } from "./misc_ops_test_support.js";

const DAY = 86400;
const key = publicKeyOfSeed;
const graphene = (seed: string): string => bytesToHex(addressOf(hexToBytes(key(seed))));
const pts = (seed: string, compressed: boolean, version: number): string =>
  bytesToHex(addressOfPts(E.getOrElseW(() => { throw new Error("pts"); })(ptsAddressOf(hexToBytes(key(seed)), compressed, version))));

/** balance_object_test's genesis: 1 core each for the addresses of "n" and "x", vesting balances of 500 and
 *  400 (begin_balance 500 for both) over 60 s for "v1" (from starting_time) and "v2" (from 30 s before it),
 *  account "n"; here also 10/20/30/40 core for the PTS addresses of "p" and 50 core at the address of "p". */
const STARTING_TIME = TESTING_GENESIS_TIMESTAMP + 3000;
function genesis(): T.GenesisStateType {
  const g = fixtureGenesis();
  const balance = (owner: string, amount: bigint) => ({ owner, asset_symbol: SYMBOL, amount });
  const vest = (seed: string, amount: bigint, begin: number) =>
    ({ owner: graphene(seed), asset_symbol: SYMBOL, amount, begin_balance: 500n, begin_timestamp: begin, vesting_duration_seconds: 60 });
  return {
    ...g,
    initial_accounts: [...g.initial_accounts, { name: "n", owner_key: key("n"), active_key: key("n"), is_lifetime_member: false }],
    initial_balances: [
      balance(graphene("n"), 1n), balance(graphene("x"), 1n),
      balance(pts("p", false, 56), 10n), balance(pts("p", true, 56), 20n), balance(pts("p", false, 0), 30n), balance(pts("p", true, 0), 40n),
      balance(graphene("p"), 50n),
    ],
    initial_vesting_balances: [vest("v1", 500n, STARTING_TIME), vest("v2", 400n, STARTING_TIME - 30)],
  };
}
// Ids in genesis order: the plain balances first, then the vesting ones.
const N_BAL = "1.15.0", X_BAL = "1.15.1", PTS_BALS = ["1.15.2", "1.15.3", "1.15.4", "1.15.5"], P_BAL = "1.15.6", V1 = "1.15.7", V2 = "1.15.8";

const claimOp = (deposit_to_account: string, balance_to_claim: string, ownerSeed: string, total_claimed: T.Asset): T.Operation =>
  [37, { fee: core(0), deposit_to_account, balance_to_claim, balance_owner_key: key(ownerSeed), total_claimed }];
const field = (f: string) => `operations[0][1].${f}`;

describe("balance_claim", () => {
  it("claims genesis balances and vesting balances by the rules of balance_object_test", () => {
    const c = new Chain(genesis());
    const n = c.f.account("n").id;
    expect(c.get<T.BalanceObject>(N_BAL)).toEqual({ id: N_BAL, owner: graphene("n"), balance: core(1), last_claim_date: 0 });
    expect(c.get<T.BalanceObject>(X_BAL).balance).toEqual(core(1));
    // Claiming x's balance needs x's signature: refused by the authority check.
    const unsigned = c.push([claimOp(n, X_BAL, "x", core(1))], { signers: ["n"] });
    expect(E.isLeft(unsigned) && unsigned.left.exception).toBe("tx_missing_other_auth");
    c.pushOk([claimOp(n, N_BAL, "n", core(1))], { signers: ["n"] });
    expect(c.balance(n)).toBe(1n);
    expect(c.find(N_BAL)).toBeUndefined();
    expect(c.find(X_BAL)).toBeDefined();

    c.generateBlocksUntil(STARTING_TIME);
    expect(c.now()).toBe(STARTING_TIME);
    const v1 = c.get<T.BalanceObject>(V1);
    const v2 = c.get<T.BalanceObject>(V2);
    expect([v1.balance.amount, availableBalance(v1, c.now())]).toEqual([500n, 0n]);
    // 500 * 30 / 60 = 250 vested, 100 of them already gone (begin_balance 500, balance 400).
    expect([v2.balance.amount, availableBalance(v2, c.now())]).toEqual([400n, 150n]);

    const invalidAmount = { exception: "balance_claim_invalid_claim_amount", rule: "balance_claim.vested_amount", field: field("total_claimed.amount") };
    c.expectRefused([claimOp(n, V1, "v1", core(1))], invalidAmount, { signers: ["n", "v1"] });
    c.expectRefused([claimOp(n, V2, "v2", core(151))], invalidAmount, { signers: ["n", "v2"] });
    c.pushOk([claimOp(n, V2, "v2", core(100))], { signers: ["n", "v2"] });
    expect(c.balance(n)).toBe(101n);
    expect(c.get<T.BalanceObject>(V2)).toEqual({ ...v2, balance: core(300), last_claim_date: STARTING_TIME });
    const tooOften = { exception: "balance_claim_claimed_too_often", rule: "balance_claim.once_per_day", field: field("balance_to_claim") };
    c.expectRefused([claimOp(n, V2, "v2", core(10))], tooOften, { signers: ["n", "v2"], expirationOffset: 1 });

    c.generateBlock();
    c.generateBlocksUntil(v1.vesting_policy!.begin_timestamp + 60);
    c.pushOk([claimOp(n, V1, "v1", core(500))], { signers: ["n", "v1"] });
    expect(c.find(V1)).toBeUndefined();
    expect(c.balance(n)).toBe(601n);
    c.expectRefused([claimOp(n, V2, "v2", core(10))], tooOften, { signers: ["n", "v2"] });

    c.generateBlock();
    c.generateBlocksUntil(c.now() + DAY);
    expect(c.now() - STARTING_TIME).toBeGreaterThanOrEqual(DAY);
    c.pushOk([claimOp(n, V2, "v2", core(300))], { signers: ["n", "v2"] });
    expect(c.find(V2)).toBeUndefined();
    expect(c.balance(n)).toBe(901n);
  });

  it("accepts a key whose graphene address or any of its four PTS addresses owns the balance", () => {
    const c = new Chain(genesis());
    const n = c.f.account("n").id;
    const before = c.get<T.BalanceObject>(PTS_BALS[0]!);
    expect(before.owner).toBe(pts("p", false, 56));
    for (const [i, id] of PTS_BALS.entries()) c.pushOk([claimOp(n, id, "p", core(10 * (i + 1)))], { signers: ["n", "p"] });
    c.pushOk([claimOp(n, P_BAL, "p", core(50))], { signers: ["n", "p"] });
    expect(c.balance(n)).toBe(150n);
    for (const id of [...PTS_BALS, P_BAL]) expect(c.find(id)).toBeUndefined();
  });

  it("refuses a key that owns none of the balance's address forms", () => {
    const c = new Chain(genesis());
    const n = c.f.account("n").id;
    c.expectRefused([claimOp(n, X_BAL, "n", core(1))],
      { exception: "balance_claim_owner_mismatch", rule: "balance_claim.owner", field: field("balance_owner_key") });
    c.expectRefused([claimOp(n, PTS_BALS[2]!, "x", core(30))],
      { exception: "balance_claim_owner_mismatch", rule: "balance_claim.owner", field: field("balance_owner_key") });
  });

  it("refuses a key that is not a curve point once its graphene address does not match (serialize_ecc_point asserts)", () => {
    const c = new Chain(genesis());
    const n = c.f.account("n").id;
    // The smallest x with x^3 + 7 not a square mod p gives a 33-byte key that is no point.
    let bad = "";
    for (let x = 1; bad === ""; x++) {
      const candidate = "02" + x.toString(16).padStart(64, "0");
      if (E.isLeft(ptsAddressOf(hexToBytes(candidate), false, 56))) bad = candidate;
    }
    const op: T.Operation = [37, { fee: core(0), deposit_to_account: n, balance_to_claim: X_BAL, balance_owner_key: bad, total_claimed: core(1) }];
    c.expectRefused([op], { exception: "assert_exception", rule: "balance_claim.owner_key_on_curve", field: field("balance_owner_key") });
  });

  it("refuses a missing balance or deposit account, another asset, and a partial claim of a plain balance", () => {
    const c = new Chain(genesis());
    const n = c.f.account("n").id;
    c.expectRefused([claimOp(n, "1.15.99", "x", core(1))],
      { exception: "assert_exception", rule: "database.object_exists", field: field("balance_to_claim") });
    c.expectRefused([claimOp("1.2.999", X_BAL, "x", core(1))],
      { exception: "assert_exception", rule: "database.object_exists", field: field("deposit_to_account") });
    c.expectRefused([claimOp(n, X_BAL, "x", asset(1, "1.3.1"))],
      { exception: "assert_exception", rule: "balance_claim.same_asset", field: field("total_claimed.asset_id") });
    const whole = { exception: "assert_exception", rule: "balance_claim.whole_balance", field: field("total_claimed.amount") };
    c.expectRefused([claimOp(n, P_BAL, "p", core(49))], whole);
    c.expectRefused([claimOp(n, P_BAL, "p", core(51))], whole);
    // A vesting balance cannot be claimed in another asset either (checked before the vesting rules).
    const r = c.push([claimOp(n, V1, "v1", asset(1, "1.3.1"))]);
    expect(refusal(r)).toEqual({ exception: "assert_exception", rule: "balance_claim.same_asset", field: field("total_claimed.asset_id") });
  });

  it("claims a vesting balance whole once all of it vested, removing it", () => {
    const c = new Chain(genesis());
    const n = c.f.account("n").id;
    c.generateBlocksUntil(STARTING_TIME + 60);
    c.pushOk([claimOp(n, V2, "v2", core(400))]);
    expect(c.find(V2)).toBeUndefined();
    expect(c.balance(n)).toBe(400n);
  });
});
