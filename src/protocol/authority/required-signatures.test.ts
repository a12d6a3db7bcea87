// get_required_signatures, minimize_required_signatures (protocol/transaction.cpp) and database_api's
// get_potential_signatures / get_potential_address_signatures, over hand-built account tables. Scenarios and
// expected key sets from bitshares-core tests/tests/authority_tests.cpp, cited per test; keys are
// database_fixture's generate_private_key(seed) = sha256(seed).
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type { Authority, Operation } from "../../../generated/native-types.js";
import { bytesToHex, hexToBytes } from "../../codec/hex.js";
import { addressOf } from "../../crypto/keys.js";
import type { ChainError } from "../errors.js";
import { comparePublicKeys } from "./ordering.js";
import {
  getPotentialAddressSignatures, getPotentialSignatures, getRequiredSignatures, minimizeRequiredSignatures,
} from "./required-signatures.js";
import { auth, bts, err, lookups, ok, op, pub, same, transfer, type Account } from "./test-helpers.js";
import { noCustomAuthorities, type AuthorityCheckOptions, type CustomAuthorityLookup } from "./types.js";
import { verifyAuthority } from "./verify-authority.js";

type Accounts = Record<string, Account>;
const sorted = (keys: string[]): string[] => [...keys].sort(comparePublicKeys);

function required(ops: readonly Operation[], available: readonly string[], db: Accounts, options: AuthorityCheckOptions = {}, signed: readonly string[] = []): E.Either<ChainError, string[]> {
  const { getActive, getOwner } = lookups(db);
  return getRequiredSignatures(ops, signed, available, getActive, getOwner, options);
}

function minimal(ops: readonly Operation[], available: readonly string[], db: Accounts, options: AuthorityCheckOptions = {},
  custom: CustomAuthorityLookup = noCustomAuthorities): E.Either<ChainError, string[]> {
  const { getActive, getOwner } = lookups(db);
  return minimizeRequiredSignatures(ops, [], available, getActive, getOwner, custom, options);
}

function verify(ops: readonly Operation[], keys: readonly string[], db: Accounts, options: AuthorityCheckOptions = {}): E.Either<ChainError, void> {
  const { getActive, getOwner } = lookups(db);
  return verifyAuthority(ops, keys, getActive, getOwner, noCustomAuthorities, options);
}

describe("get_required_signatures_test (authority_tests.cpp)", () => {
  const names = ["alice", "bob", "cindy", "dan", "edy", "mega", "nova", "odle", "poxx", "well", "xylo", "yaya", "zyzz"];
  const id = Object.fromEntries(names.map((n, i) => [n, `1.2.${17 + i}`])) as Record<string, string>; // ACTORS in order
  const key = Object.fromEntries(names.map((n) => [n, pub(n)])) as Record<string, string>;
  const db: Accounts = Object.fromEntries(names.map((n) => [id[n], same(auth(1, [key[n]!, 1]))]));
  const set = (n: string, threshold: number, ...entries: [string, number][]) => {
    db[id[n]!] = same(auth(threshold, ...entries.map(([m, w]) => [id[m]!, w] as const)));
  };
  set("well", 60, ["alice", 50], ["bob", 50]);
  set("xylo", 40, ["alice", 30], ["cindy", 50]);
  set("yaya", 20, ["bob", 10], ["dan", 10], ["edy", 10]);
  set("zyzz", 40, ["dan", 50]);
  set("mega", 40, ["well", 30], ["yaya", 30]);
  set("nova", 20, ["alice", 10], ["well", 10]);
  set("odle", 20, ["dan", 10], ["yaya", 10], ["zyzz", 10]);
  set("poxx", 40, ["well", 10], ["xylo", 10], ["yaya", 20], ["zyzz", 20]);
  const all = ["alice", "bob", "cindy", "dan", "edy"].map((n) => key[n]!);
  const cases: [string, string[]][] = [
    ["alice", ["alice"]], ["bob", ["bob"]], ["well", ["alice", "bob"]], ["xylo", ["alice", "cindy"]], ["yaya", ["bob", "dan"]],
    ["zyzz", ["dan"]], ["mega", ["alice", "bob", "dan"]], ["nova", ["alice", "bob"]], ["odle", ["bob", "dan"]],
    ["poxx", ["alice", "bob", "cindy", "dan"]],
  ];
  it.each(cases)("a transfer from %s needs %j (with and without non-immediate owners)", (from, expected) => {
    const tx = [transfer(id[from]!, id["edy"]!)];
    for (const allowNonImmediateOwner of [false, true]) {
      const r = ok(required(tx, all, db, { allowNonImmediateOwner }));
      expect(r).toEqual(sorted(expected.map((n) => key[n]!)));
      expect(verify(tx, r, db, { allowNonImmediateOwner })).toEqual(E.right(undefined));
    }
  });
  it("keys that already signed are not returned, and change what is visited", () => {
    const tx = [transfer(id["poxx"]!)];
    // with alice already signed, well still needs bob; xylo needs cindy (alice is counted, not returned)
    expect(ok(required(tx, all, db, {}, [key["alice"]!]))).toEqual(sorted(["bob", "cindy", "dan"].map((n) => key[n]!)));
  });
  it("an unsatisfiable authority still yields the keys its checks used", () => {
    // well needs alice and bob (60 of 50 + 50); with only alice available, alice is returned though well fails
    expect(ok(required([transfer(id["well"]!)], [key["alice"]!], db))).toEqual([key["alice"]]);
    expect(err(verify([transfer(id["well"]!)], [key["alice"]!], db)).exception).toBe("tx_missing_active_auth");
  });
});

describe("nonminimal_sig_test (authority_tests.cpp)", () => {
  // Roco(T=2) -> Styx(T=2, weight 1) -> Alice, Bob; Roco -> Thud(T=1, weight 2) -> Alice
  const [alice, bob, roco, styx, thud] = ["1.2.17", "1.2.18", "1.2.19", "1.2.20", "1.2.21"];
  const [A, B] = [pub("alice"), pub("bob")];
  const db: Accounts = {
    [alice]: same(auth(1, [A, 1])), [bob]: same(auth(1, [B, 1])),
    [roco]: same(auth(2, [styx, 1], [thud, 2])), [styx]: same(auth(2, [alice, 1], [bob, 1])), [thud]: same(auth(1, [alice, 1])),
  };
  const tx = [transfer(roco, bob)];
  for (const allowNonImmediateOwner of [false, true]) {
    const o = { allowNonImmediateOwner };
    it(`get_required_signatures is not minimal, minimize_required_signatures is (allow_non_immediate_owner ${allowNonImmediateOwner})`, () => {
      expect(ok(required(tx, [A, B], db, o))).toEqual(sorted([A, B]));
      expect(ok(minimal(tx, [A, B], db, o))).toEqual([A]);
      expect(err(verify(tx, [], db, o)).exception).toBe("tx_missing_active_auth");
      expect(verify(tx, [A], db, o)).toEqual(E.right(undefined));
      expect(verify(tx, [A, B], db, o)).toEqual(E.right(undefined));
    });
  }
});

describe("parent_owner_test (authority_tests.cpp): get_required_signatures around issue 584", () => {
  const ids = { alice: "1.2.17", bob: "1.2.18", cindy: "1.2.19", daisy: "1.2.20", edwin: "1.2.21", frank: "1.2.22", gavin: "1.2.23" };
  const k = (name: string, role: string) => pub(`${name}_${role}`);
  const leaf = (name: string): Account => ({ active: auth(1, [k(name, "active"), 1]), owner: auth(1, [k(name, "owner"), 1]) });
  const db: Accounts = {
    [ids.alice]: { active: auth(1, [k("alice", "active"), 1], [ids.daisy, 1]), owner: auth(1, [k("alice", "owner"), 1], [ids.cindy, 1]) },
    [ids.bob]: { active: auth(1, [k("bob", "active"), 1], [ids.alice, 1]), owner: auth(1, [k("bob", "owner"), 1], [ids.edwin, 1]) },
    [ids.cindy]: leaf("cindy"), [ids.daisy]: leaf("daisy"),
    [ids.edwin]: { active: auth(1, [k("edwin", "active"), 1], [ids.gavin, 1]), owner: auth(1, [k("edwin", "owner"), 1], [ids.frank, 1]) },
    [ids.frank]: leaf("frank"), [ids.gavin]: leaf("gavin"),
  };
  const tx = [transfer(ids.bob, ids.alice)];
  const people = Object.keys(ids);
  // the test's chk( tx, false, ... ): which of owner / active / both a non-immediate owner can't use
  const beforeHf: Record<string, [string[], string[], string[]]> = {
    alice: [[], ["active"], ["active"]], bob: [["owner"], ["active"], ["active"]], cindy: [[], [], []], daisy: [[], ["active"], ["active"]],
    edwin: [[], ["active"], ["active"]], frank: [[], [], []], gavin: [[], ["active"], ["active"]],
  };
  it.each(people)("%s's keys", (name) => {
    const [ownerOnly, activeOnly, both] = beforeHf[name]!;
    const [O, A] = [k(name, "owner"), k(name, "active")];
    expect(ok(required(tx, [O], db, { allowNonImmediateOwner: false }))).toEqual(ownerOnly!.map((r) => k(name, r)));
    expect(ok(required(tx, [A], db, { allowNonImmediateOwner: false }))).toEqual(activeOnly!.map((r) => k(name, r)));
    expect(ok(required(tx, [A, O], db, { allowNonImmediateOwner: false }))).toEqual(both!.map((r) => k(name, r)));
    // after the hardfork, every key alone authorizes, and the active key is preferred
    expect(ok(required(tx, [O], db))).toEqual([O]);
    expect(ok(required(tx, [A], db))).toEqual([A]);
    expect(ok(required(tx, [A, O], db))).toEqual([A]);
  });

  it("get_potential_signatures: every key reachable (within the depth limit)", () => {
    const { getActive, getOwner } = lookups(db);
    const everyKey = sorted(people.flatMap((n) => [k(n, "active"), k(n, "owner")]));
    expect(ok(getPotentialSignatures(tx, [], getActive, getOwner))).toEqual(everyKey);
    // without non-immediate owners: exactly the keys that can authorize alone (the verify table above)
    const reachable = [["bob", "active"], ["alice", "active"], ["daisy", "active"], ["bob", "owner"], ["edwin", "active"], ["gavin", "active"]];
    expect(ok(getPotentialSignatures(tx, [], getActive, getOwner, { allowNonImmediateOwner: false }))).toEqual(sorted(reachable.map(([n, r]) => k(n!, r!))));
    // an authority already satisfied by the signatures is not explored further
    expect(ok(getPotentialSignatures(tx, [k("bob", "active")], getActive, getOwner))).toEqual([k("bob", "active")]);
    expect(ok(getPotentialAddressSignatures(tx, [], getActive, getOwner))).toEqual([]);
  });
});

describe("get_potential_signatures / get_potential_address_signatures (database_api.cpp)", () => {
  const alice = "1.2.17";
  const [A, X, Y] = [pub("alice"), pub("x"), pub("y")];
  const addrOf = (key: string) => bytesToHex(addressOf(hexToBytes(key)));
  const withAddress: Authority = { weight_threshold: 2, account_auths: [], key_auths: [[A, 1]], address_auths: [[addrOf(Y), 1]] };
  const db: Accounts = { [alice]: same(withAddress) };
  const claim = op(37, { deposit_to_account: alice, balance_owner_key: bts(X) });
  it("keys: of the authorities looked up and of the other authorities", () => {
    const { getActive, getOwner } = lookups(db);
    expect(ok(getPotentialSignatures([transfer(alice), claim], [], getActive, getOwner))).toEqual(sorted([A, X]));
  });
  it("addresses: of the authorities looked up only", () => {
    const { getActive, getOwner } = lookups(db);
    expect(ok(getPotentialAddressSignatures([transfer(alice), claim], [], getActive, getOwner))).toEqual([addrOf(Y)]);
  });
  it("an address authority is satisfied by the available key behind the address", () => {
    expect(ok(required([transfer(alice)], [A, Y], db))).toEqual(sorted([A, Y]));
    expect(verify([transfer(alice)], [A, Y], db)).toEqual(E.right(undefined));
  });
  it("a lookup failure is returned", () => {
    const { getActive, getOwner } = lookups({});
    expect(err(getPotentialSignatures([transfer(alice)], [], getActive, getOwner)).exception).toBe("assert_exception");
    expect(err(required([transfer(alice)], [A], {})).exception).toBe("assert_exception");
  });
  it("an available key that is not a curve point fails once an address authority needs its addresses", () => {
    const notAPoint = "05" + "11".repeat(32);
    expect(err(required([transfer(alice)], [notAPoint], db))).toEqual({ exception: "assert_exception", rule: "sign_state.key_is_point", field: "" });
    // without an address authority the key is only compared, never decoded
    expect(ok(required([transfer(alice)], [notAPoint], { [alice]: same(auth(1, [A, 1])) }))).toEqual([]);
  });
});

describe("minimize_required_signatures (transaction.cpp)", () => {
  it("drops keys in address order while verify_authority still passes", () => {
    // authority(2, k1, k2, k3), any two: get_required gives the first two by address; neither can go
    const nathan = "1.2.17";
    const keys = [pub("key1"), pub("key2"), pub("key3")];
    const db: Accounts = { [nathan]: same(auth(2, ...keys.map((x) => [x, 1] as const))) };
    const req = ok(required([transfer(nathan)], keys, db));
    expect(req).toEqual(sorted(keys).slice(0, 2));
    expect(ok(minimal([transfer(nathan)], keys, db))).toEqual(req);
  });

  it("custom authorities take part: one satisfied by a key of the account's authority leaves only that key", () => {
    const alice = "1.2.17";
    const [A, B] = [pub("ma"), pub("mb")];
    const db: Accounts = { [alice]: same(auth(2, [A, 1], [B, 1])) };
    const custom: CustomAuthorityLookup = (account) => (account === alice ? [auth(1, [B, 1])] : []);
    expect(ok(required([transfer(alice)], [A, B], db))).toEqual(sorted([A, B]));
    expect(ok(minimal([transfer(alice)], [A, B], db, {}, custom))).toEqual([B]);
  });

  it("a failure other than a missing authority is returned, as the C++ lets it propagate", () => {
    // alice needs A and B, but a custom authority of alice accepts B alone; bob needs C, or Y (which needs
    // D and the unavailable E) plus F. get_required visits A, B, C, D, F. Dropping D first leaves
    // {A, B, C, F}: the custom authority approves alice with B, so A goes unused -> tx_irrelevant_sig.
    const [alice, bob, y, f] = ["1.2.17", "1.2.18", "1.2.19", "1.2.20"];
    const [A, B, C, E_, F] = [pub("ia"), pub("ib"), pub("ic"), pub("ie"), pub("if")];
    const candidates = Array.from({ length: 40 }, (_, i) => pub(`id${i}`));
    const D = candidates.reduce((m, x) => (comparePublicKeys(x, m) < 0 ? x : m));
    expect([A, B, C, F].every((x) => comparePublicKeys(D, x) < 0)).toBe(true);
    const db: Accounts = {
      [alice]: same(auth(2, [A, 1], [B, 1])),
      [bob]: same(auth(2, [C, 1], [y, 1], [f, 1])),
      [y]: same(auth(2, [D, 1], [E_, 1])),
      [f]: same(auth(1, [F, 1])),
    };
    const custom: CustomAuthorityLookup = (account) => (account === alice ? [auth(1, [B, 1])] : []);
    const ops = [transfer(alice), transfer(bob)];
    expect(ok(required(ops, [A, B, C, D, F], db))).toEqual(sorted([A, B, C, D, F]));
    expect(err(minimal(ops, [A, B, C, D, F], db, {}, custom))).toEqual({
      exception: "tx_irrelevant_sig", rule: "verify_authority.irrelevant_signature", field: `signatures[${sorted([A, B, C, F]).indexOf(A)}]`,
    });
    // without the custom authority every removal is decided by missing authorities alone
    expect(ok(minimal(ops, [A, B, C, D, F], db))).toEqual(sorted([A, B, C, F]));
  });

  it("the committee may not approve: a required committee account is an error, not a missing key", () => {
    const db: Accounts = { "1.2.0": same(auth(1, [pub("null_key"), 1])) };
    expect(ok(required([transfer("1.2.0")], [pub("null_key")], db))).toEqual([pub("null_key")]);
    expect(err(minimal([transfer("1.2.0")], [pub("null_key")], db)).exception).toBe("invalid_committee_approval");
  });
});

describe("get_required_signatures vs verify_authority when an owner is required (found by the property test)", () => {
  // transaction::get_required_authorities erases the owner accounts from the active set, but
  // verify_authority keeps the fee payer of asset_update_issuer in it and checks its active authority
  // too. Here that extra check approves account 15 through its owner key K1 (allow_non_immediate_owner),
  // so the path 15 -> 11 (owner) -> 13 (owner) -> K2 that get_required_signatures took is never visited.
  const [K1, K2] = [pub("owner-k1"), pub("owner-k2")];
  const none = auth(1);
  const db: Accounts = {
    "1.2.10": { active: auth(2, ["1.2.10", 1], ["1.2.15", 1]), owner: auth(1, [K1, 1]) },
    "1.2.11": { active: none, owner: auth(1, ["1.2.13", 1]) },
    "1.2.13": { active: none, owner: auth(1, [K2, 1]) },
    "1.2.15": { active: auth(1, ["1.2.11", 1]), owner: auth(1, [K1, 1]) },
  };
  const ops = [op(48, { issuer: "1.2.10" }), transfer("1.2.15")];
  it("the keys returned meet every authority, but one of them is unnecessary to verify_authority", () => {
    const keys = ok(required(ops, [K1, K2], db));
    expect(keys).toEqual(sorted([K1, K2]));
    expect(err(verify(ops, keys, db))).toEqual({ exception: "tx_irrelevant_sig", rule: "verify_authority.irrelevant_signature", field: `signatures[${keys.indexOf(K2)}]` });
    expect(verify(ops, [K1], db)).toEqual(E.right(undefined));
    // minimize_required_signatures gets there: dropping K2 passes (and dropping K1 first, if it sorts first, fails as missing)
    expect(ok(minimal(ops, [K1, K2], db))).toEqual([K1]);
  });
});
