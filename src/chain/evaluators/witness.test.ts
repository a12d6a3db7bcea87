// witness_create / witness_update (witness_evaluator.cpp) and committee_member_create / _update /
// _update_global_parameters (committee_member_evaluator.cpp) on the database_fixture chain.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import type { ChainError } from "../../protocol/errors.js";
import { ChainFixture, publicKeyOfSeed } from "../../scenario/fixture.js";

const COMMITTEE = "1.2.0";
const core = (amount: number): T.Asset => ({ amount: BigInt(amount), asset_id: "1.3.0" });

function setup() {
  const f = ChainFixture.create();
  f.generateBlock();
  const key = publicKeyOfSeed("alice");
  const auth: T.Authority = { weight_threshold: 1, account_auths: [], key_auths: [[key, 1]], address_auths: [] };
  const alice = f.pushOk([[5, {
    fee: core(0), registrar: COMMITTEE, referrer: COMMITTEE, referrer_percent: 0, name: "alice", owner: auth, active: auth,
    options: { memo_key: key, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
  }]]).operation_results[0]![1] as string;
  return { f, alice, key };
}
const upgrade = (f: ChainFixture, account: string): void =>
  void f.pushOk([[8, { fee: core(0), account_to_upgrade: account, upgrade_to_lifetime_member: true, extensions: [] }]]);
const witnessCreate = (account: string, key: string): T.Operation => [20, { fee: core(0), witness_account: account, url: "w", block_signing_key: key }];
const memberCreate = (account: string): T.Operation => [29, { fee: core(0), committee_member_account: account, url: "c" }];

/** Refused with (exception, rule, field), the pending state untouched. */
function expectRefused(f: ChainFixture, ops: T.Operation[], expected: [string, string, string]): void {
  const before = f.state;
  const r = f.push(ops);
  expect(E.isLeft(r) ? [r.left.exception, r.left.rule, r.left.field] : "accepted").toEqual(expected);
  expect(f.state).toBe(before);
}
const errorOf = (r: E.Either<ChainError, unknown>): ChainError | undefined => (E.isLeft(r) ? r.left : undefined);

describe("witness_create", () => {
  it("refuses an account that is not a lifetime member", () => {
    const { f, alice, key } = setup();
    expectRefused(f, [witnessCreate(alice, key)], ["assert_exception", "witness_create.lifetime_member", "operations[0][1].witness_account"]);
  });

  it("creates the witness with the next vote id (after genesis's 10 witnesses and 10 committee members: 1:20)", () => {
    const { f, alice, key } = setup();
    upgrade(f, alice);
    const id = f.pushOk([witnessCreate(alice, key)]).operation_results[0]![1] as string;
    expect(id).toBe("1.6.11");
    expect(f.get<T.WitnessObject>(id)).toMatchObject({ witness_account: alice, vote_id: "1:20", signing_key: key, url: "w", total_votes: 0n });
    expect(f.gpo().next_available_vote_id).toBe(21);
  });

  it("refuses a second witness for the same account (the witness index is unique by account)", () => {
    const { f, alice, key } = setup();
    upgrade(f, alice);
    f.pushOk([witnessCreate(alice, key)]);
    expectRefused(f, [witnessCreate(alice, key)], ["assert_exception", "database.create_unique", "operations[0][1].witness_account"]);
  });
});

describe("witness_update", () => {
  it("refuses an update naming another account than the witness's", () => {
    const { f, alice } = setup();
    expectRefused(f, [[21, { fee: core(0), witness: "1.6.1", witness_account: alice, new_url: "x" }]],
      ["assert_exception", "witness_update.witness_account", "operations[0][1].witness_account"]);
  });

  it("changes the url and signing key given", () => {
    const { f } = setup();
    const key = publicKeyOfSeed("new");
    f.pushOk([[21, { fee: core(0), witness: "1.6.1", witness_account: "1.2.6", new_url: "x", new_signing_key: key }]]);
    expect(f.get<T.WitnessObject>("1.6.1")).toMatchObject({ url: "x", signing_key: key });
  });
});

describe("committee_member_create", () => {
  it("refuses an account that is not a lifetime member", () => {
    const { f, alice } = setup();
    expectRefused(f, [memberCreate(alice)], ["assert_exception", "committee_member_create.lifetime_member", "operations[0][1].committee_member_account"]);
  });

  it("refuses a second committee member for the same account", () => {
    const { f } = setup();
    expectRefused(f, [memberCreate("1.2.6")], ["assert_exception", "database.create_unique", "operations[0][1].committee_member_account"]);
  });
});

describe("committee_member_update_global_parameters", () => {
  it("is refused outside a proposal", () => {
    const { f } = setup();
    const err = errorOf(f.push([[31, { fee: core(0), new_parameters: f.gpo().parameters }]]));
    expect([err?.exception, err?.rule]).toEqual(["assert_exception", "committee_member_update_global_parameters.proposed"]);
  });
});
