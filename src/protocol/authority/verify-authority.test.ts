// verify_authority (protocol/transaction.cpp) over hand-built account tables. The scenarios are those of
// bitshares-core tests/tests/authority_tests.cpp (and a few of block_tests.cpp, operation_tests2.cpp and
// custom_authority_tests.cpp), cited per test, with the database replaced by the authorities each test
// sets up. Keys are those of database_fixture: generate_private_key(seed) = sha256(seed), the committee's
// init key is generate_private_key("null_key"). Every hardfork is active: allow_non_immediate_owner is
// true (HARDFORK_CORE_584) unless a test says otherwise, custom operations' required_auths count
// (HARDFORK_CORE_210).
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type { Authority, Operation } from "../../../generated/native-types.js";
import { bytesToHex, hexToBytes } from "../../codec/hex.js";
import { addressOf, addressOfPts, ptsAddressOf } from "../../crypto/keys.js";
import type { ChainError } from "../errors.js";
import { noCustomAuthorities, type CustomAuthorityLookup, type VerifyAuthorityOptions } from "./types.js";
import { auth, authJson, bts, err, lookups, op, pub, same, transfer, type Account } from "./test-helpers.js";
import { verifyAuthority } from "./verify-authority.js";

type Accounts = Record<string, Account>;

function verify(ops: readonly Operation[], keys: readonly string[], accounts: Accounts, options: VerifyAuthorityOptions = {},
  custom: CustomAuthorityLookup = noCustomAuthorities): E.Either<ChainError, void> {
  const { getActive, getOwner } = lookups(accounts);
  return verifyAuthority(ops, keys, getActive, getOwner, custom, options);
}

const missingActive = (field: string) => ({ exception: "tx_missing_active_auth", rule: "verify_authority.missing_active_auth", field });
const missingOwner = (field: string) => ({ exception: "tx_missing_owner_auth", rule: "verify_authority.missing_owner_auth", field });
const missingOther = (field: string) => ({ exception: "tx_missing_other_auth", rule: "verify_authority.missing_other_auth", field });
const irrelevant = (index: number) => ({ exception: "tx_irrelevant_sig", rule: "verify_authority.irrelevant_signature", field: `signatures[${index}]` });
const committeeApproval = (field: string) => ({ exception: "invalid_committee_approval", rule: "verify_authority.committee_approval", field });

const INIT = pub("null_key"); // database_fixture's init_account_priv_key
const COMMITTEE = "1.2.0";
const INIT0 = "1.2.6"; // a genesis committee member, whose keys are the init key
const committeeAccounts: Accounts = { [COMMITTEE]: same(auth(1, [INIT0, 1])), [INIT0]: same(auth(1, [INIT, 1])) };

describe("simple_single_signature (authority_tests.cpp)", () => {
  const nathan = "1.2.17";
  const K = pub("nathan");
  const db = { [nathan]: same(auth(1, [K, 1])) };
  it("the account's key satisfies a transfer from it", () => expect(verify([transfer(nathan)], [K], db)).toEqual(E.right(undefined)));
  it("without it the active authority is missing, at the field requiring it", () =>
    expect(err(verify([transfer(nathan)], [], db))).toEqual(missingActive("operations[0][1].from")));
});

describe("any_two_of_three (authority_tests.cpp)", () => {
  const nathan = "1.2.17";
  const [k1, k2, k3] = [pub("key1"), pub("key2"), pub("key3")];
  const two = auth(2, [k1, 1], [k2, 1], [k3, 1]);
  const db = { [nathan]: same(two) };
  const tx = [transfer(nathan)];
  it("one key is refused", () => {
    expect(err(verify(tx, [k1], db))).toEqual(missingActive("operations[0][1].from"));
    expect(err(verify(tx, [k3], db))).toEqual(missingActive("operations[0][1].from"));
  });
  it("any two keys pass", () => {
    for (const pair of [[k1, k2], [k2, k3], [k1, k3], [k3, k1]]) expect(verify(tx, pair, db)).toEqual(E.right(undefined));
  });
  it("all three: the key after the threshold is reached (in address order) is unnecessary", () => {
    // check_authority stops at the threshold; key_auths iterate in public_key_type order (by address),
    // which the codec's flat_map order gives independently of ordering.ts
    const last = two.key_auths[2]![0];
    const keys = [k1, k2, k3];
    expect(err(verify(tx, keys, db))).toEqual(irrelevant(keys.indexOf(last)));
  });
});

describe("recursive_accounts (authority_tests.cpp)", () => {
  const [parent1, parent2, child, grandparent] = ["1.2.20", "1.2.21", "1.2.22", "1.2.23"];
  const [p1, p2, ck, gk] = [pub("parent1"), pub("parent2"), pub("child"), pub("grandparent")];
  const both = auth(2, [parent1, 1], [parent2, 1]);
  const base: Accounts = { [parent1]: same(auth(1, [p1, 1])), [parent2]: same(auth(1, [p2, 1])), [child]: same(both), ...committeeAccounts };
  const tx = [transfer(child)];
  const from = "operations[0][1].from";

  it("a child needing both parents: neither alone, both together", () => {
    expect(err(verify(tx, [], base))).toEqual(missingActive(from));
    expect(err(verify(tx, [p1], base))).toEqual(missingActive(from));
    expect(err(verify(tx, [p2], base))).toEqual(missingActive(from));
    expect(verify(tx, [p1, p2], base)).toEqual(E.right(undefined));
  });

  const withKey: Accounts = { ...base, [child]: { active: auth(2, [parent1, 1], [parent2, 1], [ck, 2]), owner: both } };
  it("a child key of weight 2 overrides the parents", () => {
    expect(err(verify(tx, [p1], withKey))).toEqual(missingActive(from));
    expect(err(verify(tx, [p2], withKey))).toEqual(missingActive(from));
    expect(verify(tx, [p1, p2], withKey)).toEqual(E.right(undefined));
    expect(verify(tx, [ck], withKey)).toEqual(E.right(undefined));
  });

  const viaGrandparent: Accounts = { ...withKey, [parent1]: same(auth(1, [grandparent, 1])), [grandparent]: same(auth(1, [gk, 1])) };
  it("parent1 delegated to grandparent: the old parent keys fail, parent2 + grandparent pass", () => {
    expect(err(verify(tx, [p1, p2], viaGrandparent))).toEqual(missingActive(from));
    expect(verify(tx, [p2, gk], viaGrandparent)).toEqual(E.right(undefined));
  });

  const viaCommittee: Accounts = { ...viaGrandparent, [grandparent]: same(auth(1, [COMMITTEE, 1])) };
  it("grandparent delegated to the committee: too deep for GRAPHENE_MAX_SIG_CHECK_DEPTH (2); the child key still works", () => {
    expect(err(verify(tx, [p2, gk, INIT], viaCommittee))).toEqual(missingActive(from));
    expect(verify(tx, [ck], viaCommittee)).toEqual(E.right(undefined));
  });
  it("max_recursion bounds the depth: child(0) -> parent1(1) -> grandparent(2) -> committee(3) -> init0(4)", () => {
    // the committee's authority holds only accounts, so init0 must be explored: depth 4 is needed
    expect(err(verify(tx, [p2, INIT], viaCommittee, { maxRecursion: 3 }))).toEqual(missingActive(from));
    expect(verify(tx, [p2, INIT], viaCommittee, { maxRecursion: 4 })).toEqual(E.right(undefined));
    // the grandparent's key is no longer part of any authority
    expect(err(verify(tx, [p2, gk, INIT], viaCommittee, { maxRecursion: 4 }))).toEqual(irrelevant(1));
  });

  it("a cycle (parent1 -> child -> parent1) is cut by the depth limit and fails", () => {
    const cycle: Accounts = { ...viaCommittee, [parent1]: same(auth(1, [child, 1])) };
    expect(err(verify(tx, [p2], cycle))).toEqual(missingActive(from));
    expect(err(verify(tx, [p2], cycle, { maxRecursion: 8 }))).toEqual(missingActive(from));
  });
});

describe("proposed_single_account (authority_tests.cpp)", () => {
  const nathan = "1.2.17";
  const [k1, k2, k3] = [pub("key1"), pub("key2"), pub("key3")];
  const db: Accounts = { [nathan]: same(auth(2, [k1, 1], [k2, 1], [k3, 1])), ...committeeAccounts };
  it("the committee key may not add nathan's approval", () => {
    const pup = op(23, { fee_paying_account: nathan, active_approvals_to_add: [nathan] });
    expect(err(verify([pup], [INIT], db))).toEqual(missingActive("operations[0][1].fee_paying_account"));
  });
  it("adding the committee's approval is refused before anything else", () => {
    const pup = op(23, { fee_paying_account: nathan, active_approvals_to_add: [COMMITTEE] });
    expect(err(verify([pup], [INIT], db))).toEqual(committeeApproval("operations[0][1].active_approvals_to_add[0]"));
  });
  it("two of nathan's keys approve", () => {
    const pup = op(23, { fee_paying_account: nathan, active_approvals_to_add: [nathan] });
    expect(verify([pup], [k3, k2], db)).toEqual(E.right(undefined));
  });
  it("the proposal, once approved, is authorized with nathan's active approval (is_authorized_to_execute)", () => {
    expect(verify([transfer(nathan)], [], db, { allowCommittee: true, activeApprovals: [nathan] })).toEqual(E.right(undefined));
    expect(err(verify([transfer(nathan)], [], db, { allowCommittee: true }))).toEqual(missingActive("operations[0][1].from"));
  });
});

describe("committee_authority (authority_tests.cpp)", () => {
  const nathan = "1.2.17";
  const db: Accounts = { [nathan]: same(auth(1, [pub("nathan"), 1])), ...committeeAccounts };
  const top = transfer(COMMITTEE, nathan);
  it("a transfer from the committee signed with the committee key needs a proposal: invalid_committee_approval", () =>
    expect(err(verify([top], [INIT], db))).toEqual(committeeApproval("operations[0][1].from")));
  it("in a proposal (allow_committee) it needs the key approval", () => {
    expect(err(verify([top], [], db, { allowCommittee: true }))).toEqual(missingActive("operations[0][1].from"));
    expect(verify([top], [INIT], db, { allowCommittee: true })).toEqual(E.right(undefined));
  });
  it("the key approval itself: a proposal_update paid by the temp account, signed by the key it adds", () => {
    const uop = op(23, { fee_paying_account: "1.2.4", key_approvals_to_add: [bts(INIT)] });
    expect(verify([uop], [INIT], db)).toEqual(E.right(undefined));
    expect(err(verify([uop], [], db))).toEqual(missingOther("operations[0][1].key_approvals_to_add"));
    expect(err(verify([uop], [pub("nathan")], db))).toEqual(missingOther("operations[0][1].key_approvals_to_add"));
  });
});

describe("fired_committee_members (authority_tests.cpp)", () => {
  const nathan = "1.2.17";
  const top = transfer(COMMITTEE, nathan);
  it("a proposal approved by the init key stops being authorized once the committee is replaced", () => {
    const before: Accounts = { [nathan]: same(auth(1, [pub("nathan"), 1])), ...committeeAccounts };
    expect(verify([top], [INIT], before, { allowCommittee: true })).toEqual(E.right(undefined));
    const members = Array.from({ length: 15 }, (_, i) => `1.2.${30 + i}`);
    const memberKey = pub("committee-member");
    const after: Accounts = { ...before, [COMMITTEE]: same(auth(8, ...members.map((m) => [m, 1] as const))) };
    for (const m of members) after[m] = same(auth(1, [memberKey, 1]));
    expect(err(verify([top], [INIT], after, { allowCommittee: true }))).toEqual(missingActive("operations[0][1].from"));
    expect(verify([top], [memberKey], after, { allowCommittee: true })).toEqual(E.right(undefined));
  });
});

describe("missing_owner_auth_test (authority_tests.cpp, issues 944 and 580)", () => {
  const alice = "1.2.17";
  const [A, O] = [pub("alice_active"), pub("alice_owner")];
  const db: Accounts = { [alice]: { active: auth(1, [A, 1]), owner: auth(1, [O, 1]) } };
  const ownerUpdate = [op(6, { account: alice, owner: authJson(auth(1, [A, 1])) })];
  const activeUpdate = [op(6, { account: alice, active: authJson(auth(1, [O, 1])) })];
  for (const allowNonImmediateOwner of [false, true]) {
    const o = { allowNonImmediateOwner };
    it(`an owner update (allow_non_immediate_owner ${allowNonImmediateOwner})`, () => {
      expect(err(verify(ownerUpdate, [], db, o))).toEqual(missingOwner("operations[0][1].account"));
      expect(err(verify(ownerUpdate, [A], db, o))).toEqual(missingOwner("operations[0][1].account"));
      expect(verify(ownerUpdate, [O], db, o)).toEqual(E.right(undefined));
      // both keys pass: the fee payer's active check uses the active key (issue 580)
      expect(verify(ownerUpdate, [O, A], db, o)).toEqual(E.right(undefined));
    });
    it(`an active update (allow_non_immediate_owner ${allowNonImmediateOwner})`, () => {
      expect(err(verify(activeUpdate, [], db, o))).toEqual(missingActive("operations[0][1].account"));
      expect(verify(activeUpdate, [A], db, o)).toEqual(E.right(undefined));
      expect(verify(activeUpdate, [O], db, o)).toEqual(E.right(undefined));
      // the active key satisfies first, so the owner key is unnecessary
      expect(err(verify(activeUpdate, [O, A], db, o))).toEqual(irrelevant(0));
    });
  }
});

describe("owner_delegation_test (authority_tests.cpp)", () => {
  it("alice's owner delegated to herself and her active to bob: bob's active key changes alice's owner", () => {
    const [alice, bob] = ["1.2.17", "1.2.18"];
    const [BA, BO] = [pub("bob_active"), pub("bob_owner")];
    const db: Accounts = {
      [alice]: { active: auth(1, [bob, 1]), owner: auth(1, [alice, 1]) },
      [bob]: { active: auth(1, [BA, 1]), owner: auth(1, [BO, 1]) },
    };
    const auo = [op(6, { account: alice, owner: authJson(auth(1, [bob, 1])) })];
    expect(verify(auo, [BA], db)).toEqual(E.right(undefined));
    expect(verify(auo, [BO], db)).toEqual(E.right(undefined)); // bob's owner, through allow_non_immediate_owner
    expect(err(verify(auo, [BO], db, { allowNonImmediateOwner: false }))).toEqual(missingOwner("operations[0][1].account"));
  });
});

describe("parent_owner_test (authority_tests.cpp, issue 584)", () => {
  const ids = { alice: "1.2.17", bob: "1.2.18", cindy: "1.2.19", daisy: "1.2.20", edwin: "1.2.21", frank: "1.2.22", gavin: "1.2.23" };
  const k = (name: string, role: "active" | "owner") => pub(`${name}_${role}`);
  const leaf = (name: string): Account => ({ active: auth(1, [k(name, "active"), 1]), owner: auth(1, [k(name, "owner"), 1]) });
  const db: Accounts = {
    [ids.alice]: { active: auth(1, [k("alice", "active"), 1], [ids.daisy, 1]), owner: auth(1, [k("alice", "owner"), 1], [ids.cindy, 1]) },
    [ids.bob]: { active: auth(1, [k("bob", "active"), 1], [ids.alice, 1]), owner: auth(1, [k("bob", "owner"), 1], [ids.edwin, 1]) },
    [ids.cindy]: leaf("cindy"), [ids.daisy]: leaf("daisy"),
    [ids.edwin]: { active: auth(1, [k("edwin", "active"), 1], [ids.gavin, 1]), owner: auth(1, [k("edwin", "owner"), 1], [ids.frank, 1]) },
    [ids.frank]: leaf("frank"), [ids.gavin]: leaf("gavin"),
  };
  const tx = [transfer(ids.bob, ids.alice)];
  // which single keys authorize bob's transfer without allow_non_immediate_owner (the test's verify_authority calls)
  const beforeHf: [string, "active" | "owner", boolean][] = [
    ["alice", "owner", false], ["alice", "active", true], ["bob", "owner", true], ["bob", "active", true],
    ["cindy", "owner", false], ["cindy", "active", false], ["daisy", "owner", false], ["daisy", "active", true],
    ["edwin", "owner", false], ["edwin", "active", true], ["frank", "owner", false], ["frank", "active", false],
    ["gavin", "owner", false], ["gavin", "active", true],
  ];
  it.each(beforeHf)("%s's %s key: %s without non-immediate owners, true with them", (name, role, before) => {
    const key = k(name, role);
    const r = verify(tx, [key], db, { allowNonImmediateOwner: false });
    if (before) expect(r).toEqual(E.right(undefined));
    else expect(err(r)).toEqual(missingActive("operations[0][1].from"));
    expect(verify(tx, [key], db, { allowNonImmediateOwner: true })).toEqual(E.right(undefined));
  });
  // the proposal tests: an owner or active approval of each account, then is_authorized_to_execute
  const approvals: [string, boolean][] = [
    ["alice", true], ["bob", true], ["cindy", false], ["daisy", true], ["edwin", true], ["frank", false], ["gavin", true],
  ];
  it.each(approvals)("a proposal approved by %s executes without non-immediate owners: %s (always with them)", (name, before) => {
    const id = ids[name as keyof typeof ids];
    for (const kind of ["activeApprovals", "ownerApprovals"] as const) {
      const r = verify(tx, [], db, { allowCommittee: true, allowNonImmediateOwner: false, [kind]: [id] });
      if (before) expect(r).toEqual(E.right(undefined));
      else expect(err(r)).toEqual(missingActive("operations[0][1].from"));
      expect(verify(tx, [], db, { allowCommittee: true, [kind]: [id] })).toEqual(E.right(undefined));
    }
  });
  it("the approving proposal_update itself: cindy's owner approval signed with cindy's owner key", () => {
    const pup = op(23, { fee_paying_account: ids.cindy, owner_approvals_to_add: [ids.cindy] });
    expect(verify([pup], [k("cindy", "owner")], db)).toEqual(E.right(undefined));
    expect(err(verify([pup], [k("cindy", "active")], db))).toEqual(missingOwner("operations[0][1].owner_approvals_to_add[0]"));
  });
});

describe("custom_operation_required_auths_after_fork (authority_tests.cpp)", () => {
  const [alice, bob] = ["1.2.17", "1.2.18"];
  const db: Accounts = { [alice]: same(auth(1, [pub("alice"), 1])), [bob]: same(auth(1, [pub("bob"), 1])) };
  const custom = [op(35, { payer: alice, required_auths: [bob] })];
  it("bob's authority is required once HARDFORK_CORE_210 has passed", () => {
    expect(err(verify(custom, [pub("alice")], db))).toEqual(missingActive("operations[0][1].required_auths[0]"));
    expect(verify(custom, [pub("alice"), pub("bob")], db)).toEqual(E.right(undefined));
  });
  it("ignore_custom_operation_required_auths (before the fork) drops it, and bob's key becomes unnecessary", () => {
    expect(verify(custom, [pub("alice")], db, { ignoreCustomOperationRequiredAuths: true })).toEqual(E.right(undefined));
    expect(err(verify(custom, [pub("alice"), pub("bob")], db, { ignoreCustomOperationRequiredAuths: true }))).toEqual(irrelevant(1));
  });
});

describe("balance_object_test (operation_tests2.cpp): claiming needs the balance owner key", () => {
  const n = "1.2.17";
  const db: Accounts = { [n]: same(auth(1, [pub("n"), 1])) };
  it("signed by n alone, a claim of x's balance misses the other authority", () => {
    const claim = [op(37, { deposit_to_account: n, balance_owner_key: bts(pub("x")), total_claimed: { amount: 1, asset_id: "1.3.0" } })];
    expect(err(verify(claim, [pub("n")], db))).toEqual(missingOther("operations[0][1].balance_owner_key"));
    expect(verify(claim, [pub("n"), pub("x")], db)).toEqual(E.right(undefined));
  });
  it("n's key serves both n's account and n's balance", () => {
    const claim = [op(37, { deposit_to_account: n, balance_owner_key: bts(pub("n")) })];
    expect(verify(claim, [pub("n")], db)).toEqual(E.right(undefined));
  });
});

describe("bogus_signature (authority_tests.cpp) and double_sign_check (block_tests.cpp)", () => {
  const [alice, bob] = ["1.2.17", "1.2.18"];
  const db: Accounts = { [alice]: same(auth(1, [pub("alice"), 1])), [bob]: same(auth(1, [pub("bob"), 1])) };
  it("a third party's key is unnecessary: tx_irrelevant_sig naming its signature", () => {
    expect(err(verify([transfer(alice, bob)], [pub("alice"), pub("charlie")], db))).toEqual(irrelevant(1));
    expect(err(verify([transfer(bob, alice)], [pub("bogus"), pub("bob")], db))).toEqual(irrelevant(0));
  });
  it("a repeated key counts once (sigs is a flat_set)", () =>
    expect(verify([transfer(alice, bob)], [pub("alice"), pub("alice")], db)).toEqual(E.right(undefined)));
});

describe("irrelevant_signatures (authority_tests.cpp)", () => {
  it("authority(2, test2: 2, test3: 1) signed by both passes, because test3 sorts first by address", () => {
    const [t2, t3] = [pub("test-2"), pub("test-3")];
    // the keys and their order, as the test asserts them
    expect(bts(t2)).toBe("BTS4vsFgTXJcGQMKCFayF2hrNRfYcKjNZ6Mzk8aw9M4zuWfscPhzE");
    expect(bts(t3)).toBe("BTS7FXC7S9UH7HEH8QiuJ8Xv1NRJJZd1GomALLm9ffjtH95Tb2ZQB");
    expect(t2 < t3).toBe(true); // key_data
    expect(bytesToHex(addressOf(hexToBytes(t3))) < bytesToHex(addressOf(hexToBytes(t2)))).toBe(true);
    const alice = "1.2.17";
    const db: Accounts = { [alice]: same(auth(2, [t2, 2], [t3, 1])) };
    expect(verify([transfer(alice)], [t2, t3], db)).toEqual(E.right(undefined));
    // had the keys been visited by key bytes, test2 alone would reach the threshold and test3 be unnecessary
    expect(verify([transfer(alice)], [t2], db)).toEqual(E.right(undefined));
    expect(err(verify([transfer(alice)], [t3], db))).toEqual(missingActive("operations[0][1].from"));
  });
});

describe("approvals of a proposal (verify_authority's active_approvals / owner_approvals)", () => {
  const alice = "1.2.17";
  const db: Accounts = { [alice]: same(auth(1, [pub("alice"), 1])) };
  const ownerUpdate = [op(6, { account: alice, owner: authJson(auth(1, [pub("new"), 1])) })];
  it("an owner approval satisfies both the owner and the active requirement", () =>
    expect(verify(ownerUpdate, [], db, { ownerApprovals: [alice] })).toEqual(E.right(undefined)));
  it("an active approval does not satisfy a required owner", () =>
    expect(err(verify(ownerUpdate, [], db, { activeApprovals: [alice] }))).toEqual(missingOwner("operations[0][1].account")));
  it("an approval of an account nested in the authority counts", () => {
    const db2: Accounts = { ...db, "1.2.30": same(auth(2, [alice, 1], [pub("k30"), 1])) };
    expect(verify([transfer("1.2.30")], [pub("k30")], db2, { activeApprovals: [alice] })).toEqual(E.right(undefined));
    expect(err(verify([transfer("1.2.30")], [pub("k30")], db2))).toEqual(missingActive("operations[0][1].from"));
  });
  it("the temp account is always approved (blind_transfer)", () => {
    const o = auth(1, [pub("input"), 1]);
    const bt = [op(40, { inputs: [{ commitment: "02".repeat(33), owner: authJson(o) }] })];
    expect(verify(bt, [pub("input")], {})).toEqual(E.right(undefined));
    expect(err(verify(bt, [], {}))).toEqual(missingOther("operations[0][1].inputs[0].owner"));
  });
});

describe("the order of the checks (verify_authority)", () => {
  const [alice, bob] = ["1.2.17", "1.2.18"];
  const db: Accounts = { [alice]: same(auth(1, [pub("alice"), 1])), [bob]: same(auth(1, [pub("bob"), 1])), ...committeeAccounts };
  const ownerOfBob = op(48, { issuer: bob });
  const balance = op(37, { deposit_to_account: alice, balance_owner_key: bts(pub("x")) });
  const fromCommittee = transfer(COMMITTEE);
  it("committee, then other, then owner, then active, then unnecessary keys", () => {
    expect(err(verify([transfer(alice), ownerOfBob, balance, fromCommittee], [pub("junk")], db))).toEqual(committeeApproval("operations[3][1].from"));
    expect(err(verify([transfer(alice), ownerOfBob, balance], [pub("junk")], db))).toEqual(missingOther("operations[2][1].balance_owner_key"));
    expect(err(verify([transfer(alice), ownerOfBob, balance], [pub("junk"), pub("x")], db))).toEqual(missingOwner("operations[1][1].issuer"));
    expect(err(verify([transfer(alice), ownerOfBob, balance], [pub("junk"), pub("x"), pub("bob")], db))).toEqual(missingActive("operations[0][1].from"));
    expect(err(verify([transfer(alice), ownerOfBob, balance], [pub("junk"), pub("x"), pub("bob"), pub("alice")], db))).toEqual(irrelevant(0));
    expect(verify([transfer(alice), ownerOfBob, balance], [pub("x"), pub("bob"), pub("alice")], db)).toEqual(E.right(undefined));
  });
  it("of several missing accounts, the lowest instance is reported, at the first field requiring it", () => {
    const ops = [transfer("1.2.100"), transfer(bob), op(35, { payer: "1.2.100", required_auths: [alice] }), transfer(alice)];
    const db2: Accounts = { ...db, "1.2.100": same(auth(1, [pub("c"), 1])) };
    expect(err(verify(ops, [pub("c"), pub("bob")], db2))).toEqual(missingActive("operations[2][1].required_auths[0]"));
    expect(err(verify(ops, [pub("c"), pub("alice")], db2))).toEqual(missingActive("operations[1][1].from"));
    expect(verify(ops, [pub("c"), pub("alice"), pub("bob")], db2)).toEqual(E.right(undefined));
  });
});

describe("lookups that fail (id(db) of an unknown account)", () => {
  it("the lookup's error is returned where the account is first looked up", () => {
    const r = verify([transfer("1.2.77")], [pub("a")], {});
    expect(err(r)).toEqual({ exception: "assert_exception", rule: "database.object_exists", field: "" });
    const nested = verify([transfer("1.2.17")], [pub("a")], { "1.2.17": same(auth(2, [pub("a"), 1], ["1.2.78", 1])) });
    expect(err(nested)).toEqual({ exception: "assert_exception", rule: "database.object_exists", field: "" });
  });
  it("an account approved already is not looked up", () =>
    expect(verify([transfer("1.2.77")], [], {}, { activeApprovals: ["1.2.77"] })).toEqual(E.right(undefined)));
  it("an authority reached only after the threshold is met is not looked up", () =>
    expect(verify([transfer("1.2.17")], [pub("a")], { "1.2.17": same(auth(1, [pub("a"), 1], ["1.2.78", 1])) })).toEqual(E.right(undefined)));
});

describe("address authorities (sign_state::signed_by(address))", () => {
  const key = pub("addr");
  const bytes = hexToBytes(key);
  const withAddress = (a: Uint8Array): Authority => ({ weight_threshold: 1, account_auths: [], key_auths: [], address_auths: [[bytesToHex(a), 1]] });
  const pts = (compressed: boolean, version: number): Uint8Array => {
    const r = ptsAddressOf(bytes, compressed, version);
    if (E.isLeft(r)) throw new Error(r.left.message);
    return addressOfPts(r.right);
  };
  it.each([
    ["graphene address", addressOf(bytes)],
    ["PTS address, uncompressed, version 56", pts(false, 56)],
    ["PTS address, compressed, version 56", pts(true, 56)],
    ["PTS address, uncompressed, version 0", pts(false, 0)],
    ["PTS address, compressed, version 0", pts(true, 0)],
  ])("a key's %s satisfies an address authority and uses the key", (_, address) => {
    const db: Accounts = { "1.2.17": same(withAddress(address)) };
    expect(verify([transfer("1.2.17")], [key], db)).toEqual(E.right(undefined));
    expect(err(verify([transfer("1.2.17")], [pub("other")], db))).toEqual(missingActive("operations[0][1].from"));
  });
});

describe("custom authorities (BSIP 40; custom_authority_tests.cpp multiple_transfer_custom_auths)", () => {
  const [alice, bob, charlie, diana] = ["1.2.17", "1.2.18", "1.2.19", "1.2.20"];
  const db: Accounts = Object.fromEntries([alice, bob, charlie, diana].map((id, i) => [id, same(auth(1, [pub(`u${i}`), 1]))]));
  const [bobKey, charlieKey] = [pub("u1"), pub("u2")];
  // 1.17.0: bob may transfer from alice to charlie; 1.17.1: charlie may transfer from alice to diana
  const cas = [
    { id: "1.17.0", account: alice, auth: auth(1, [bob, 1]), to: charlie },
    { id: "1.17.1", account: alice, auth: auth(1, [charlie, 1]), to: diana },
  ];
  const calls: string[] = [];
  const lookup = (active: typeof cas): CustomAuthorityLookup => (account, operation, rejected) => {
    calls.push(account);
    const out: Authority[] = [];
    for (const ca of active) {
      if (ca.account !== account || operation[0] !== 0) continue;
      if ((operation[1] as { to: string }).to === ca.to) out.push(ca.auth);
      else if (!rejected.has(ca.id)) rejected.set(ca.id, { success: false });
    }
    return out;
  };
  const bobToCharlie = [transfer(alice, charlie)];
  const bobToDiana = [transfer(alice, diana)];

  it("without custom authorities bob cannot transfer from alice", () =>
    expect(err(verify(bobToCharlie, [bobKey], db))).toEqual(missingActive("operations[0][1].from")));
  it("a viable custom authority satisfied by the keys stands in for alice's active authority", () => {
    expect(verify(bobToCharlie, [bobKey], db, {}, lookup(cas.slice(0, 1)))).toEqual(E.right(undefined));
    expect(verify(bobToDiana, [charlieKey], db, {}, lookup(cas))).toEqual(E.right(undefined));
  });
  it("custom authorities whose restrictions refuse the operation are reported with the error", () => {
    const r = verifyAuthority(bobToDiana, [bobKey], lookups(db).getActive, lookups(db).getOwner, lookup(cas));
    expect(err(r)).toEqual(missingActive("operations[0][1].from"));
    if (E.isRight(r)) return;
    expect([...r.left.rejectedCustomAuthorities!.keys()]).toEqual(["1.17.0"]);
    expect(r.left.message).toContain("1.17.0");
    // none applies: the failure still carries the (empty) map, as rejected_custom_auths: [] in bitshares-core
    const none = verifyAuthority(bobToDiana, [bobKey], lookups(db).getActive, lookups(db).getOwner, lookup(cas.slice(0, 1).map((c) => ({ ...c, to: diana, auth: auth(1, [diana, 1]) }))));
    expect(E.isLeft(none) && [...none.left.rejectedCustomAuthorities!]).toEqual([]);
    expect(E.isLeft(none) && none.left.message).not.toContain("refused");
  });
  it("a custom authority applies per operation: another operation of alice still needs her active authority", () => {
    expect(err(verify([...bobToCharlie, ...bobToDiana], [bobKey], db, {}, lookup(cas.slice(0, 1))))).toEqual(missingActive("operations[1][1].from"));
  });
  it("it is asked for each operation's required active accounts in account order", () => {
    calls.length = 0;
    const ops = [op(35, { payer: diana, required_auths: [bob, alice] }), transfer(charlie)];
    verify(ops, [], db, {}, lookup(cas));
    expect(calls).toEqual([alice, bob, diana, charlie]);
  });
  it("it never stands in for an owner authority", () => {
    const caOwner = [{ id: "1.17.5", account: alice, auth: auth(1, [bob, 1]), to: "" }];
    const lk: CustomAuthorityLookup = (account) => (account === alice ? caOwner.map((c) => c.auth) : []);
    const update = [op(6, { account: alice, owner: authJson(auth(1, [bobKey, 1])) })];
    expect(err(verify(update, [bobKey], db, {}, lk))).toEqual(missingOwner("operations[0][1].account"));
  });
  it("keys used by a custom authority are not unnecessary, and a failed custom check still marks the keys it met", () => {
    // custom authority of threshold 2 with bob's key (weight 1) and charlie (weight 1): signed by bob's key
    // and alice's key, the custom check fails but visits bob's key; alice's key then satisfies her active
    const lk: CustomAuthorityLookup = (account) => (account === alice ? [auth(2, [bobKey, 1], [diana, 1])] : []);
    expect(verify(bobToCharlie, [pub("u0"), bobKey], db, {}, lk)).toEqual(E.right(undefined));
  });
});
