// Where fees go: account_statistics_object::pay_fee and process_fees, database::deposit_cashback and cut_fee
// (libraries/chain/account_object.cpp, db_balance.cpp), on the database_fixture chain. The scenarios under
// conformance/scenarios/fee_tests replay fee_tests.cpp's cases end to end; these tests pin the rules one by one.
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { MAX_SHARE_SUPPLY } from "../protocol/config.js";
import { ChainFixture } from "../scenario/fixture.js";
import {
  MEMBERSHIP_LIFETIME, cutFee, depositCashback, isAnnualMember, isBasicAccount, isLifetimeMember, payFeeToStatistics, processFees,
} from "./fee_payment.js";
import { CORE_DYNAMIC_DATA_ID, Session } from "./session.js";

const COMMITTEE = "1.2.0";
const core = (amount: bigint): T.Asset => ({ amount, asset_id: "1.3.0" });
const fee0 = core(0n);
/** GRAPHENE_DEFAULT_CASHBACK_VESTING_PERIOD_SEC (config.hpp): one year. */
const VESTING_PERIOD = 31536000;

function createAccount(f: ChainFixture, name: string, registrar = COMMITTEE, referrer = COMMITTEE, referrerPercent = 0): string {
  const key = f.publicKey(name);
  const auth: T.Authority = { weight_threshold: 1, account_auths: [], key_auths: [[key, 1]], address_auths: [] };
  const op: T.Operation = [5, {
    fee: fee0, registrar, referrer, referrer_percent: referrerPercent, name, owner: auth, active: auth,
    options: { memo_key: key, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
  }];
  return f.pushOk([op]).operation_results[0]![1] as string;
}
const upgrade = (f: ChainFixture, account: string): void => {
  f.pushOk([[8, { fee: fee0, account_to_upgrade: account, upgrade_to_lifetime_member: true, extensions: [] }]]);
};

/** life (lifetime member) registers and refers ann at 75%, as fee_tests.cpp cashback_test does. */
function lifeAndAnn(): { f: ChainFixture; life: string; ann: string } {
  const f = ChainFixture.create();
  const life = createAccount(f, "life");
  upgrade(f, life);
  const ann = createAccount(f, "ann", life, life, 7500);
  return { f, life, ann };
}

const statsOf = (s: Session, account: string): string => s.get<T.AccountObject>(account).statistics;
function withPending(s: Session, account: string, pending: bigint, vested: bigint): string {
  const id = statsOf(s, account);
  s.modify<T.AccountStatisticsObject>(id, (st) => ({ ...st, pending_fees: pending, pending_vested_fees: vested }));
  return id;
}
const cashback = (s: Session, account: string): T.VestingBalanceObject | undefined => {
  const vb = s.get<T.AccountObject>(account).cashback_vb;
  return vb === undefined ? undefined : s.get<T.VestingBalanceObject>(vb);
};
const coinSeconds = (v: T.VestingBalanceObject): bigint => (v.policy[0] === 1 ? v.policy[1].coin_seconds_earned : -1n);

describe("cut_fee", () => {
  it("is zero for a zero amount or percentage, the whole amount at 100%, and rounds down otherwise", () => {
    expect(cutFee(0n, 2000)).toBe(0n);
    expect(cutFee(12345n, 0)).toBe(0n);
    expect(cutFee(12345n, 10000)).toBe(12345n);
    // cashback_test with fees: 20% of life's 200013867 registration fee is 40002773.4
    expect(cutFee(200013867n, 2000)).toBe(40002773n);
    expect(cutFee(200013867n, 8000)).toBe(160011093n);
    expect(cutFee(1n, 9999)).toBe(0n);
  });
  it("does not overflow where int64 would: computed in 128 bits", () => {
    expect(cutFee(MAX_SHARE_SUPPLY, 9999)).toBe((MAX_SHARE_SUPPLY * 9999n) / 10000n);
  });
});

describe("account_statistics_object::pay_fee", () => {
  const stats = { pending_fees: 5n, pending_vested_fees: 7n } as T.AccountStatisticsObject;
  it("vests fees above cashback_vesting_threshold, and pays fees up to it vested", () => {
    expect(payFeeToStatistics(stats, 101n, 100n)).toMatchObject({ pending_fees: 106n, pending_vested_fees: 7n });
    expect(payFeeToStatistics(stats, 100n, 100n)).toMatchObject({ pending_fees: 5n, pending_vested_fees: 107n });
    expect(payFeeToStatistics(stats, 0n, 100n)).toMatchObject({ pending_fees: 5n, pending_vested_fees: 7n });
  });
  it("does not change its input", () => {
    payFeeToStatistics(stats, 101n, 100n);
    expect(stats).toEqual({ pending_fees: 5n, pending_vested_fees: 7n });
  });
});

describe("membership", () => {
  const account = (expires: number) => ({ membership_expiration_date: expires }) as T.AccountObject;
  it("is lifetime at time_point_sec::maximum(), annual until its date passes, basic after", () => {
    const now = 1500000000;
    expect([isLifetimeMember(account(MEMBERSHIP_LIFETIME)), isAnnualMember(account(MEMBERSHIP_LIFETIME), now), isBasicAccount(account(MEMBERSHIP_LIFETIME), now)])
      .toEqual([true, false, false]);
    expect([isLifetimeMember(account(now)), isAnnualMember(account(now), now), isBasicAccount(account(now), now)]).toEqual([false, true, false]);
    expect([isLifetimeMember(account(now - 1)), isAnnualMember(account(now - 1), now), isBasicAccount(account(now - 1), now)]).toEqual([false, false, true]);
  });
});

describe("account_statistics_object::process_fees", () => {
  it("splits pending fees 20% network, 30% lifetime referrer, then the referrer's percentage of the rest and the registrar the remainder", () => {
    const { f, life, ann } = lifeAndAnn();
    const s = new Session(f.state);
    const before = s.get<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID).accumulated_fees;
    const id = withPending(s, ann, 1000n, 0n);
    processFees(s, id);
    // network 200, lifetime referrer life 300, referral 500: referrer life 75% = 375, registrar life 125
    expect(s.get<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID).accumulated_fees - before).toBe(200n);
    const vb = cashback(s, life)!;
    expect(vb).toMatchObject({ owner: life, balance: core(800n), balance_type: "cashback" });
    expect(vb.policy).toEqual([1, { vesting_seconds: VESTING_PERIOD, start_claim: 0, coin_seconds_earned: 0n, coin_seconds_earned_last_update: s.headBlockTime() }]);
    expect(s.get<T.AccountStatisticsObject>(statsOf(s, life)).has_cashback_vb).toBe(true);
    expect(s.get<T.AccountStatisticsObject>(id)).toMatchObject({ pending_fees: 0n, pending_vested_fees: 0n, lifetime_fees_paid: 1000n });
  });

  it("deposits vested fees with their coin-seconds already earned, into the same cashback balance", () => {
    const { f, life, ann } = lifeAndAnn();
    const s = new Session(f.state);
    const id = withPending(s, ann, 1000n, 10n);
    processFees(s, id);
    // the vesting 1000 creates the balance (800); the vested 10 adds 2 + 3 + 3 (referrer 75% of 5 is 3) = 8
    const vb = cashback(s, life)!;
    expect(vb.balance.amount).toBe(808n);
    expect(coinSeconds(vb)).toBe(8n * BigInt(VESTING_PERIOD));
    expect(s.get<T.AccountStatisticsObject>(id).lifetime_fees_paid).toBe(1010n);
  });

  it("creates the cashback balance vested when only vested fees are pending", () => {
    const { f, life, ann } = lifeAndAnn();
    const s = new Session(f.state);
    processFees(s, withPending(s, ann, 0n, 100n));
    const vb = cashback(s, life)!;
    expect(vb.balance.amount).toBe(80n);
    expect(coinSeconds(vb)).toBe(80n * BigInt(VESTING_PERIOD));
  });

  it("burns what the committee account (a reserved account) would receive", () => {
    const f = ChainFixture.create();
    const bob = createAccount(f, "bob");
    const s = new Session(f.state);
    const d0 = s.get<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID);
    processFees(s, withPending(s, bob, 1001n, 0n));
    const d1 = s.get<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID);
    // network 200 (1001 * 20% = 200.2); lifetime 300 and registrar 501 (referrer's 0%) to the committee: burnt
    expect(d1.accumulated_fees - d0.accumulated_fees).toBe(200n);
    expect(d0.current_supply - d1.current_supply).toBe(801n);
    expect(s.get<T.AccountObject>(COMMITTEE).cashback_vb).toBeUndefined();
  });

  it("gives a referrer's share to the lifetime referrer once the referrer's membership has lapsed, and records it", () => {
    const { f, life } = lifeAndAnn();
    const rog = createAccount(f, "rog");
    upgrade(f, rog);
    const pleb = createAccount(f, "pleb", life, rog, 10000);
    const s = new Session(f.state);
    // rog made an annual member whose membership has lapsed, with life as pleb's lifetime referrer (only an
    // annual member, whose lifetime referrer is another account, could refer and then lapse, before HARDFORK_613)
    s.modify<T.AccountObject>(rog, (a) => ({ ...a, membership_expiration_date: s.headBlockTime() - 1 }));
    s.modify<T.AccountObject>(pleb, (a) => ({ ...a, lifetime_referrer: life }));
    processFees(s, withPending(s, pleb, 1000n, 0n));
    expect(s.get<T.AccountObject>(pleb).referrer).toBe(life);
    expect(cashback(s, life)!.balance.amount).toBe(800n);
    expect(cashback(s, rog)).toBeUndefined();
  });

  it("keeps a referrer whose membership expires exactly now (is_basic_account is now > expiration)", () => {
    const { f, life } = lifeAndAnn();
    const rog = createAccount(f, "rog");
    upgrade(f, rog);
    const pleb = createAccount(f, "pleb", life, rog, 10000);
    const s = new Session(f.state);
    s.modify<T.AccountObject>(rog, (a) => ({ ...a, membership_expiration_date: s.headBlockTime() }));
    s.modify<T.AccountObject>(pleb, (a) => ({ ...a, lifetime_referrer: life }));
    processFees(s, withPending(s, pleb, 1000n, 0n));
    expect(s.get<T.AccountObject>(pleb).referrer).toBe(rog);
    expect(cashback(s, rog)!.balance.amount).toBe(500n);
    expect(cashback(s, life)!.balance.amount).toBe(300n);
  });

  it("changes nothing when nothing is pending", () => {
    const { f, ann } = lifeAndAnn();
    const s = new Session(f.state);
    const id = statsOf(s, ann);
    const before = s.get<T.AccountStatisticsObject>(id);
    processFees(s, id);
    expect(s.get<T.AccountStatisticsObject>(id)).toBe(before);
  });
});

describe("database::deposit_cashback", () => {
  it("starts a new cashback balance when the old one has another vesting period, and adds to a matching one", () => {
    const { f, life } = lifeAndAnn();
    const s = new Session(f.state);
    depositCashback(s, life, 100n, true);
    const first = s.get<T.AccountObject>(life).cashback_vb!;
    depositCashback(s, life, 50n, true);
    expect(s.get<T.AccountObject>(life).cashback_vb).toBe(first);
    expect(s.get<T.VestingBalanceObject>(first).balance.amount).toBe(150n);
    s.modify<T.GlobalPropertyObject>("2.0.0", (g) => ({ ...g, parameters: { ...g.parameters, cashback_vesting_period_seconds: 86400 } }));
    depositCashback(s, life, 7n, true);
    const second = s.get<T.AccountObject>(life).cashback_vb!;
    expect(second).not.toBe(first);
    expect(s.get<T.VestingBalanceObject>(second)).toMatchObject({ balance: core(7n), policy: [1, { vesting_seconds: 86400 }] });
    expect(s.get<T.VestingBalanceObject>(first).balance.amount).toBe(150n);
  });
  it("ignores a zero amount", () => {
    const { f, life } = lifeAndAnn();
    const s = new Session(f.state);
    depositCashback(s, life, 0n, true);
    expect(s.get<T.AccountObject>(life).cashback_vb).toBeUndefined();
  });
});
