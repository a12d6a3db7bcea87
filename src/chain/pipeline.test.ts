// The genesis, transaction and block pipeline on the database_fixture genesis.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { ChainFixture, publicKeyOfSeed } from "../scenario/fixture.js";
import { SKIP } from "./skip.js";

const core = (amount: bigint): T.Asset => ({ amount, asset_id: "1.3.0" });
const transfer = (from: string, to: string, amount: bigint): T.Operation => [0, { fee: core(0n), from, to, amount: core(amount), extensions: [] }];

describe("genesis (db_genesis.cpp) with the database_fixture genesis", () => {
  const f = ChainFixture.create();
  it("creates the special accounts with their registrars and fee percentages", () => {
    // database_fixture checks: account 1.2.0 creation_block_num 0 and creation_time the genesis time.
    const committee = f.get<T.AccountObject>("1.2.0");
    expect(committee.name).toBe("committee-account");
    expect(committee.creation_block_num).toBe(0);
    expect(committee.creation_time).toBe(1431700000);
    expect(committee.membership_expiration_date).toBe(0xffffffff);
    expect([committee.network_fee_percentage, committee.lifetime_referrer_fee_percentage]).toEqual([2000, 8000]);
    const nul = f.get<T.AccountObject>("1.2.3");
    expect([nul.name, nul.registrar, nul.network_fee_percentage, nul.lifetime_referrer_fee_percentage]).toEqual(["null-account", "1.2.3", 0, 10000]);
    const temp = f.get<T.AccountObject>("1.2.4");
    expect([temp.name, temp.owner.weight_threshold]).toEqual(["temp-account", 0]);
    expect(f.get<T.AccountObject>("1.2.5").name).toBe("proxy-to-self");
  });
  it("creates init0..init9 as lifetime members from 1.2.6, with witnesses 1.6.1.. and committee members 1.5.0..", () => {
    const init0 = f.account("init0");
    expect(init0.id).toBe("1.2.6");
    expect(f.account("init9").id).toBe("1.2.15");
    expect(init0.membership_expiration_date).toBe(0xffffffff);
    expect(init0.lifetime_referrer).toBe("1.2.6");
    // db_genesis.cpp sets _current_block_time to the genesis time before applying its operations.
    expect([init0.creation_block_num, init0.creation_time]).toEqual([0, 1431700000]);
    // account_upgrade to lifetime makes the account its own registrar, referrer and lifetime referrer.
    expect([init0.registrar, init0.referrer]).toEqual(["1.2.6", "1.2.6"]);
    expect(init0.active.key_auths).toEqual([[publicKeyOfSeed("null_key"), 1]]);
    expect(f.get<T.WitnessObject>("1.6.1").witness_account).toBe("1.2.6");
    expect(f.find("1.6.0")).toBeUndefined();
    expect(f.get<T.CommitteeMemberObject>("1.5.0").committee_member_account).toBe("1.2.6");
    // Vote ids: committee member i and witness i alternate as genesis creates witnesses first.
    expect(f.get<T.WitnessObject>("1.6.1").vote_id).toBe("1:0");
    expect(f.get<T.CommitteeMemberObject>("1.5.0").vote_id).toBe("0:10");
    // Genesis activates initial_active_witnesses (10); block 1's maintenance then keeps the 9 with the most
    // votes (none: the lowest vote ids), min_witness_count being INITIAL_WITNESS_COUNT (voting_tests.cpp
    // put_my_witnesses: active_witnesses 1.6.1..1.6.9 in the fixture).
    expect(f.gpo().active_witnesses).toEqual(Array.from({ length: 9 }, (_, i) => `1.6.${i + 1}`));
  });
  it("holds the core supply in the committee account and creates INITMPA as 1.3.1", () => {
    expect(f.balance("1.2.0", "1.3.0")).toBe(1000000000000000n);
    const mpa = f.asset("INITMPA");
    expect(mpa.id).toBe("1.3.1");
    expect(mpa.bitasset_data_id).toBe("2.4.0");
    expect(f.get<T.AssetBitassetDataObject>("2.4.0").asset_id).toBe("1.3.1");
  });
  it("runs maintenance in block 1 and schedules the next at the following interval boundary", () => {
    expect(f.headBlockNum()).toBe(1);
    expect(f.now()).toBe(1431700005);
    expect(f.dgpo().next_maintenance_time).toBe(1431734400);
    expect(f.dgpo().dynamic_flags & 1).toBe(1);
  });
});

describe("_apply_transaction", () => {
  it("applies a transfer and leaves the caller's state untouched", () => {
    const f = ChainFixture.create();
    const before = f.state;
    f.pushOk([transfer("1.2.0", "1.2.6", 1000n)]);
    expect(f.balance("1.2.6", "1.3.0")).toBe(1000n);
    expect(before.find<T.AccountBalanceObject>("2.5.1")).toBeUndefined();
  });
  it("leaves the state exactly as it was when an operation fails", () => {
    const f = ChainFixture.create();
    f.pushOk([transfer("1.2.0", "1.2.6", 1000n)]);
    const before = f.state;
    const r = f.push([transfer("1.2.0", "1.2.7", 5n), transfer("1.2.6", "1.2.7", 1001n)]);
    expect(E.isLeft(r) && [r.left.exception, r.left.rule, r.left.field]).toEqual(["assert_exception", "transfer.sufficient_balance", "operations[1][1].amount.amount"]);
    expect(f.state).toBe(before);
  });
  it("rejects a duplicate transaction until it expires", () => {
    const f = ChainFixture.create();
    const trx = f.transaction([transfer("1.2.0", "1.2.6", 1n)]);
    const skip = SKIP.transaction_signatures;
    expect(E.isRight(f.push(trx, { skip }))).toBe(true);
    const again = f.push(trx, { skip });
    expect(E.isLeft(again) && [again.left.exception, again.left.rule]).toEqual(["duplicate_transaction", "transaction.not_duplicate"]);
  });
  it("checks TaPoS and expiration after genesis", () => {
    const f = ChainFixture.create();
    const trx = f.transaction([transfer("1.2.0", "1.2.6", 1n)]);
    const skip = SKIP.transaction_signatures;
    const bad = f.push({ ...trx, ref_block_prefix: (trx.ref_block_prefix ^ 1) >>> 0 }, { skip });
    expect(E.isLeft(bad) && [bad.left.rule, bad.left.field]).toEqual(["transaction.tapos", "ref_block_prefix"]);
    const late = f.push({ ...trx, expiration: f.now() + 86401 }, { skip });
    expect(E.isLeft(late) && late.left.rule).toBe("transaction.expiration_not_too_far");
    const expired = f.push({ ...trx, expiration: f.now() - 1 }, { skip });
    expect(E.isLeft(expired) && expired.left.rule).toBe("transaction.not_expired");
  });
  it("requires the signatures of the required authorities unless skipped", () => {
    const f = ChainFixture.create();
    f.pushOk([transfer("1.2.0", "1.2.6", 10n)]);
    const unsigned = f.push([transfer("1.2.6", "1.2.7", 1n)], { skip: 0 });
    expect(E.isLeft(unsigned) && unsigned.left.exception).toBe("tx_missing_active_auth");
    expect(E.isRight(f.push([transfer("1.2.6", "1.2.7", 1n)], { signers: ["null_key"] }))).toBe(true);
    const wrong = f.push([transfer("1.2.6", "1.2.7", 2n)], { signers: ["someone"] });
    expect(E.isLeft(wrong) && wrong.left.exception).toBe("tx_missing_active_auth");
  });
});

describe("blocks", () => {
  it("includes pending transactions in the next block and replays them on the head state", () => {
    const f = ChainFixture.create();
    f.pushOk([transfer("1.2.0", "1.2.6", 7n)]);
    const block = f.generateBlock();
    expect(block.transactions.length).toBe(1);
    expect(f.headBlockNum()).toBe(2);
    expect(f.balance("1.2.6", "1.3.0")).toBe(7n);
    expect(f.pending).toEqual([]);
  });
  it("skips missed slots and counts them against the scheduled witnesses", () => {
    const f = ChainFixture.create();
    const aslot = f.dgpo().current_aslot;
    f.generateBlock({ missBlocks: 3 });
    expect(f.dgpo().current_aslot).toBe(aslot + 4n);
    const missed = f.gpo().active_witnesses.reduce((n, id) => n + f.get<T.WitnessObject>(id).total_missed, 0n);
    expect(missed).toBe(3n);
  });
});
