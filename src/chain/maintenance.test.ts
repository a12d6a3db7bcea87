// perform_chain_maintenance (db_maint.cpp) on the database_fixture chain: the vote tally (vote_tally_helper),
// update_active_witnesses, update_active_committee_members, update_worker_votes, distribute_fba_balances and
// the witness schedule that follows the active witnesses. Numbers come from bitshares-core's
// tests/tests/voting_tests.cpp (and the fixture assertions of bitasset_tests.cpp / operation_tests.cpp),
// re-derived where every hardfork is active: after core-2262 only tickets carry voting power, so the C++
// tests' liquid stake of 110 + i becomes a lock_180_days ticket worth twice its amount.
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { ChainFixture, fixtureGenesis, publicKeyOfSeed } from "../scenario/fixture.js";
import { run } from "./gen.js";
import { distributeFbaBalances, fbaIsConfigured } from "./maintenance_fba.js";
import { CORE_DYNAMIC_DATA_ID, Session, WITNESS_SCHEDULE_ID } from "./session.js";
import { baseVotingStake, recalcVotingStake, voteRecalcTimes } from "./vote_tally.js";
import { defaultAccountStatistics } from "./defaults.js";

const DAY = 86400;
const COMMITTEE = "1.2.0";
const PROXY_TO_SELF = "1.2.5";
const LOCK_180_DAYS = 1n;
const LOCK_720_DAYS = 3n;
const LOCK_FOREVER = 4n;

const core = (amount: bigint | number): T.Asset => ({ amount: BigInt(amount), asset_id: "1.3.0" });
const range = (n: number, from = 0): number[] => Array.from({ length: n }, (_, i) => from + i);
const ids = (prefix: string, from: number, to: number): string[] => range(to - from + 1, from).map((i) => `${prefix}${i}`);

/** database_fixture::create_account (registered by the committee account; votes left empty: with every
 *  hardfork active the fixture's random committee votes at creation carry no power, their last_vote_time
 *  being 0). */
function createAccount(f: ChainFixture, name: string): string {
  const key = publicKeyOfSeed(name);
  const auth = (w: number): T.Authority => ({ weight_threshold: w, account_auths: [], key_auths: [[key, w]], address_auths: [] });
  const r = f.pushOk([[5, {
    fee: core(0), registrar: COMMITTEE, referrer: COMMITTEE, referrer_percent: 100, name, owner: auth(123), active: auth(321),
    options: { memo_key: key, voting_account: PROXY_TO_SELF, num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
  }]]);
  return r.operation_results[0]![1] as string;
}
const upgrade = (f: ChainFixture, account: string): void =>
  void f.pushOk([[8, { fee: core(0), account_to_upgrade: account, upgrade_to_lifetime_member: true, extensions: [] }]]);
const created = (r: T.ProcessedTransaction): string => r.operation_results[0]![1] as string;
const createWitness = (f: ChainFixture, account: string, seed: string): string =>
  created(f.pushOk([[20, { fee: core(0), witness_account: account, url: "", block_signing_key: publicKeyOfSeed(seed) }]]));
const createCommitteeMember = (f: ChainFixture, account: string): string =>
  created(f.pushOk([[29, { fee: core(0), committee_member_account: account, url: "" }]]));
const fund = (f: ChainFixture, to: string, amount: number): void =>
  void f.pushOk([[0, { fee: core(0), from: COMMITTEE, to, amount: core(amount), extensions: [] }]]);
const createTicket = (f: ChainFixture, account: string, type: bigint, amount: number): string =>
  created(f.pushOk([[57, { fee: core(0), account, target_type: type, amount: core(amount), extensions: [] }]]));

/** account_update of the voting options: `change` edits the account's current options. */
function vote(f: ChainFixture, account: string, change: (o: T.AccountOptions) => T.AccountOptions): void {
  const options = change(f.get<T.AccountObject>(account).options);
  f.pushOk([[6, { fee: core(0), account, new_options: options, extensions: {} }]]);
}
/** flat_set<vote_id_type>::insert: ordered by instance. */
const withVote = (votes: readonly string[], v: string): string[] =>
  [...new Set([...votes, v])].sort((a, b) => Number(a.split(":")[1]) - Number(b.split(":")[1]));

const toNextMaintenance = (f: ChainFixture): void => void f.generateBlocksUntil(f.dgpo().next_maintenance_time);
const witness = (f: ChainFixture, id: string): T.WitnessObject => f.get<T.WitnessObject>(id);
const member = (f: ChainFixture, id: string): T.CommitteeMemberObject => f.get<T.CommitteeMemberObject>(id);
const stats = (f: ChainFixture, account: string): T.AccountStatisticsObject =>
  f.get<T.AccountStatisticsObject>(f.get<T.AccountObject>(account).statistics);

describe("block 1's maintenance on the database_fixture genesis (nobody votes)", () => {
  const f = ChainFixture.create();

  it("activates the 9 witnesses with the lowest vote ids, min_witness_count being INITIAL_WITNESS_COUNT", () => {
    // voting_tests.cpp put_my_witnesses: active_witnesses.size() == INITIAL_WITNESS_COUNT, instances 1..9;
    // bitasset_tests.cpp (line 195) and operation_tests.cpp (line 3091): INITIAL_WITNESS_COUNT active witnesses.
    expect(f.gpo().active_witnesses).toEqual(ids("1.6.", 1, 9));
  });

  it("activates the 9 committee members with the lowest vote ids, in vote order", () => {
    // voting_tests.cpp put_my_committee_members / committee_account_initialization_test: 9 members, 1.5.0..1.5.8.
    expect(f.gpo().active_committee_members).toEqual(ids("1.5.", 0, 8));
  });

  it("leaves the witness, committee and relaxed committee accounts' authorities as genesis made them", () => {
    // vote_counter::finish returns without touching the authority when no votes were counted (post-HF533
    // branch); the C++ test's committee.active.num_auths() == 9 is the pre-533 branch of its 2015 genesis.
    const genesisActive: T.Authority = { weight_threshold: 1, account_auths: [], key_auths: [], address_auths: [] };
    for (const a of ["1.2.0", "1.2.1", "1.2.2"]) expect(f.get<T.AccountObject>(a).active).toEqual(genesisActive);
  });

  it("sets every witness's and committee member's total_votes to 0 and records the tally time", () => {
    for (const w of ids("1.6.", 1, 10)) expect(witness(f, w).total_votes).toBe(0n);
    for (const c of ids("1.5.", 0, 9)) expect(member(f, c).total_votes).toBe(0n);
    expect(f.dgpo().last_vote_tally_time).toBe(f.blocks[0]!.timestamp);
  });
});

describe("the witness schedule after the active witnesses change (update_witness_schedule)", () => {
  it("keeps genesis's 10-witness round until block 9, then shuffles the 9 active witnesses", () => {
    const f = ChainFixture.create();
    const schedule = () => f.get<T.WitnessScheduleObject>(WITNESS_SCHEDULE_ID).current_shuffled_witnesses;
    // Reshuffled only when head_block_num % active_witnesses.size() == 0 (db_witness_schedule.cpp).
    f.generateBlocks(7);
    expect(f.headBlockNum()).toBe(8);
    expect(schedule()).toHaveLength(10);
    f.generateBlock();
    expect([...schedule()].sort()).toEqual([...ids("1.6.", 1, 9)].sort());
    f.generateBlocks(18);
    expect(new Set(f.blocks.slice(9).map((b) => b.witness)).size).toBe(9);
    expect(f.blocks.slice(9).some((b) => b.witness === "1.6.10")).toBe(false);
  });
});

describe("vote_recalc_options::get_recalced_voting_stake (core-2103 vote decay)", () => {
  it("keeps full power 360 days, then loses an eighth per 45 days started, and nothing from 675 days", () => {
    // voting_tests.cpp witness_votes_calculation: voter i (stake 110 + i) last voted 165 + 45 * i days
    // before the tally; expected_votes[i].
    const now = 1700000000;
    const times = voteRecalcTimes(now);
    const expected = [110, 111, 112, 113, 114, 115 - Math.floor(115 / 8), 116 - Math.floor(116 * 2 / 8), 117 - Math.floor(117 * 3 / 8),
      118 - Math.floor(118 * 4 / 8), 119 - Math.floor(119 * 5 / 8), 120 - Math.floor(120 * 6 / 8), 121 - Math.floor(121 * 7 / 8), 0, 0];
    const got = range(14).map((i) => Number(recalcVotingStake(BigInt(110 + i), now - (165 + 45 * i) * DAY, times)));
    expect(got).toEqual(expected);
  });

  it("counts a vote exactly 360 days old as decaying and one exactly 675 days old as nothing", () => {
    const now = 1700000000;
    const times = voteRecalcTimes(now);
    expect(recalcVotingStake(800n, now - 360 * DAY + 1, times)).toBe(800n);
    expect(recalcVotingStake(800n, now - 360 * DAY, times)).toBe(700n);
    expect(recalcVotingStake(800n, now - 675 * DAY + 1, times)).toBe(100n);
    expect(recalcVotingStake(800n, now - 675 * DAY, times)).toBe(0n);
  });
});

describe("the voting stake of an account (vote_tally_helper, after core-2262)", () => {
  const st = (fields: Partial<T.AccountStatisticsObject>): T.AccountStatisticsObject => ({ ...defaultAccountStatistics("2.6.99", "1.2.99", "x"), ...fields });

  it("counts core in orders and locked tickets' value, but no liquid balance", () => {
    expect(baseVotingStake(st({ core_in_balance: 1000n }), false)).toBe(0n);
    expect(baseVotingStake(st({ total_core_in_orders: 70n, total_core_pol: 50n, total_pol_value: 100n }), false)).toBe(170n);
  });

  it("counts burned tickets only as far as locked tickets cover them, once proof-of-burn is active", () => {
    // voting_tests.cpp witness_votes_calculation, has_hf_2262 branch: witness7's account holds lock_forever 30
    // (worth 240) and lock_720_days 20 (worth 160): base7 = 20 * 8 * 8 = 1280; witness4's lock_forever 40 alone
    // votes nothing (expected_votes[4] = 0).
    expect(baseVotingStake(st({ total_core_pob: 30n, total_pob_value: 240n, total_core_pol: 20n, total_pol_value: 160n, total_core_in_orders: 117n }), true)).toBe(1280n);
    expect(baseVotingStake(st({ total_core_pob: 40n, total_pob_value: 320n, total_core_in_orders: 114n }), true)).toBe(0n);
    // pob_amount <= pol_amount: pob_value * pol_value / pol_amount + pol_value - pob_amount * pol_value / pol_amount.
    expect(baseVotingStake(st({ total_core_pob: 50n, total_pob_value: 400n, total_core_pol: 100n, total_pol_value: 400n }), true)).toBe(1600n + 400n - 200n);
  });

  it("matches burned core beyond the locked core against core in orders (before proof-of-burn activation)", () => {
    // pob 30 (worth 240) over pol 20 (worth 160): 10 core in orders back the rest at face value.
    expect(baseVotingStake(st({ total_core_pob: 30n, total_pob_value: 240n, total_core_pol: 20n, total_pol_value: 160n, total_core_in_orders: 50n }), false))
      .toBe(50n + (160n * 240n) / 30n + (240n - (20n * 240n) / 30n) - 10n);
    // pob only, covered by orders: orders + pob_value - pob_amount; not covered: orders * pob_value / pob_amount.
    expect(baseVotingStake(st({ total_core_pob: 40n, total_pob_value: 320n, total_core_in_orders: 100n }), false)).toBe(100n + 320n - 40n);
    expect(baseVotingStake(st({ total_core_pob: 40n, total_pob_value: 320n, total_core_in_orders: 10n }), false)).toBe(80n);
  });
});

/**
 * voting_tests.cpp put_my_witnesses / put_my_committee_members with ticket stake: 14 lifetime members, each
 * with its own witness (1.6.11..1.6.24) or committee member (1.5.10..1.5.23), voting for it with a
 * lock_180_days ticket of 110 + i core, worth 2 * (110 + i) once charged (15 days).
 */
function votingChain(kind: "witness" | "committee") {
  const f = ChainFixture.create();
  f.generateBlock();
  const names = range(14).map((i) => `${kind}${i}`);
  const accounts = names.map((n) => createAccount(f, n));
  for (const a of accounts) upgrade(f, a);
  const objects = accounts.map((a, i) => (kind === "witness" ? createWitness(f, a, names[i]!) : createCommitteeMember(f, a)));
  accounts.forEach((a, i) => {
    fund(f, a, 110 + i);
    createTicket(f, a, LOCK_180_DAYS, 110 + i);
    const voteId = kind === "witness" ? witness(f, objects[i]!).vote_id : member(f, objects[i]!).vote_id;
    vote(f, a, (o) => (kind === "witness" ? { ...o, votes: withVote(o.votes, voteId) } : { ...o, votes: [voteId], num_committee: 1 }));
  });
  const start = f.now();
  f.generateBlocksUntil(start + 15 * DAY + 1);
  toNextMaintenance(f);
  f.generateBlock();
  return { f, accounts, objects, start };
}

describe("put_my_witnesses with ticket stake", () => {
  const { f, accounts, objects } = votingChain("witness");

  it("activates the 9 witnesses with the most votes (1.6.16..1.6.24), as the C++ test does with liquid stake", () => {
    expect(objects).toEqual(ids("1.6.", 11, 24));
    expect(f.gpo().active_witnesses).toEqual(ids("1.6.", 16, 24));
  });

  it("tracks every witness's votes (track_votes_witnesses_enabled: witness1 has 111, here its ticket's 2 * 111)", () => {
    expect(witness(f, objects[1]!).total_votes).toBe(222n);
    expect(objects.map((w) => witness(f, w).total_votes)).toEqual(range(14).map((i) => BigInt(2 * (110 + i))));
    for (const w of ids("1.6.", 1, 10)) expect(witness(f, w).total_votes).toBe(0n);
  });

  it("gives the witness account an active authority weighted by the active witnesses' votes", () => {
    // vote_counter: every vote fits in 16 bits, threshold = total / 2 + 1 = (230 + 232 + ... + 246) / 2 + 1.
    const total = range(9, 5).reduce((t, i) => t + 2 * (110 + i), 0);
    expect(f.get<T.AccountObject>("1.2.1").active).toEqual({
      weight_threshold: Math.floor(total / 2) + 1,
      account_auths: range(9, 5).map((i) => [accounts[i]!, 2 * (110 + i)]),
      key_auths: [], address_auths: [],
    });
  });

  it("records each voter's voting power in its statistics", () => {
    const st = stats(f, accounts[3]!);
    expect([st.vp_all, st.vp_active, st.vp_committee, st.vp_witness, st.vp_worker]).toEqual([226n, 226n, 226n, 226n, 226n]);
    expect(st.vote_tally_time).toBe(f.dgpo().last_vote_tally_time);
  });

  it("produces blocks with the new witnesses from the next round", () => {
    f.generateBlocks(20);
    const active = new Set(ids("1.6.", 16, 24));
    expect(f.blocks.slice(-9).every((b) => active.has(b.witness))).toBe(true);
  });
});

describe("put_my_committee_members with ticket stake", () => {
  const { f, accounts, objects } = votingChain("committee");

  it("activates the 9 members with the most votes, 1.5.15..1.5.23, kept in vote order", () => {
    expect(objects).toEqual(ids("1.5.", 10, 23));
    expect(f.gpo().active_committee_members).toEqual(ids("1.5.", 15, 23).reverse());
  });

  it("tracks every member's votes (track_votes_committee_enabled: committee1 has 111, here 2 * 111)", () => {
    expect(member(f, objects[1]!).total_votes).toBe(222n);
  });

  it("makes the committee account's active authority follow the votes, and relaxed-committee-account copy it", () => {
    const total = range(9, 5).reduce((t, i) => t + 2 * (110 + i), 0);
    const expected: T.Authority = {
      weight_threshold: Math.floor(total / 2) + 1, account_auths: range(9, 5).map((i) => [accounts[i]!, 2 * (110 + i)]), key_auths: [], address_auths: [],
    };
    expect(f.get<T.AccountObject>("1.2.0").active).toEqual(expected);
    expect(f.get<T.AccountObject>("1.2.2").active).toEqual(expected);
  });

  it("splits a voter's committee stake between the members it votes for (committee_votes_calculation)", () => {
    // committee12 also votes for committee11: each gets 2 * 122 / 2 (expected_votes[11] += 122 / 2,
    // expected_votes[12] = 122 / 2), while vp_committee keeps the whole stake.
    vote(f, accounts[12]!, (o) => ({ ...o, votes: withVote(o.votes, member(f, objects[11]!).vote_id) }));
    toNextMaintenance(f);
    expect(member(f, objects[11]!).total_votes).toBe(2n * 121n + 122n);
    expect(member(f, objects[12]!).total_votes).toBe(122n);
    expect(stats(f, accounts[12]!).vp_committee).toBe(244n);
    expect(f.gpo().active_committee_members).toContain(objects[11]);
  });
});

describe("a voted committee changes the chain parameters (committee_member_update_global_parameters)", () => {
  it("executes its proposal at expiration and the new parameters take effect at the next maintenance", () => {
    const { f, accounts } = votingChain("committee");
    const params = { ...f.gpo().parameters, maximum_transaction_size: 4096 };
    const review = f.gpo().parameters.committee_proposal_review_period;
    const expiration = f.now() + review + DAY;
    const pid = created(f.pushOk([[22, {
      fee: core(0), fee_paying_account: accounts[0]!, expiration_time: expiration, review_period_seconds: review, extensions: [],
      proposed_ops: [{ op: [31, { fee: core(0), new_parameters: params }] }],
    }]]));
    // The 9 active members' accounts (committee5..13) approve: their weights are the committee account's.
    f.pushOk([[23, {
      fee: core(0), fee_paying_account: accounts[5]!, proposal: pid, active_approvals_to_add: accounts.slice(5), active_approvals_to_remove: [],
      owner_approvals_to_add: [], owner_approvals_to_remove: [], key_approvals_to_add: [], key_approvals_to_remove: [], extensions: [],
    }]]);
    f.generateBlocksUntil(expiration + 1);
    expect(f.find(pid)).toBeUndefined();
    expect(f.gpo().pending_parameters?.maximum_transaction_size).toBe(4096);
    toNextMaintenance(f);
    expect(f.gpo().pending_parameters).toBeUndefined();
    expect(f.gpo().parameters.maximum_transaction_size).toBe(4096);
  });
});

describe("how many witnesses the voters want (the witness count histogram)", () => {
  it("activates 2n + 1 witnesses when more than half of the stake wants at most that many", () => {
    const f = ChainFixture.create();
    f.generateBlock();
    const [alice, extra] = [createAccount(f, "alice"), createAccount(f, "extra")];
    upgrade(f, extra);
    expect(createWitness(f, extra, "extra")).toBe("1.6.11");
    fund(f, alice, 1000);
    createTicket(f, alice, LOCK_180_DAYS, 1000);
    // alice votes for all 11 witnesses and wants 11: histogram[5] holds all the stake, more than half of it,
    // so the loop stops at 5 and 2 * 5 + 1 = 11 witnesses are active, more than min_witness_count.
    vote(f, alice, (o) => ({ ...o, num_witness: 11, votes: range(11).map((i) => witness(f, `1.6.${i + 1}`).vote_id) }));
    f.generateBlocksUntil(f.now() + 15 * DAY + 1);
    toNextMaintenance(f);
    expect(f.gpo().active_witnesses).toEqual(ids("1.6.", 1, 11));
    expect(witness(f, "1.6.11").total_votes).toBe(2000n);
  });

  it("keeps min_witness_count when the stake wants fewer", () => {
    const f = ChainFixture.create();
    f.generateBlock();
    const alice = createAccount(f, "alice");
    fund(f, alice, 1000);
    createTicket(f, alice, LOCK_180_DAYS, 1000);
    vote(f, alice, (o) => ({ ...o, num_witness: 3, votes: ["1.6.8", "1.6.9", "1.6.10"].map((w) => witness(f, w).vote_id) }));
    f.generateBlocksUntil(f.now() + 15 * DAY + 1);
    toNextMaintenance(f);
    // max(2 * 1 + 1, 9) = 9: the three with votes, then the lowest vote ids; 1.6.7 drops out.
    expect(f.gpo().active_witnesses).toEqual([...ids("1.6.", 1, 6), "1.6.8", "1.6.9", "1.6.10"]);
  });
});

describe("proxies and decay through the chain", () => {
  it("gives a delegator's stake to its proxy's votes, decayed by the proxy's last vote", () => {
    const f = ChainFixture.create();
    f.generateBlock();
    const [alice, proxy] = [createAccount(f, "alice"), createAccount(f, "proxy")];
    fund(f, alice, 500);
    createTicket(f, alice, LOCK_180_DAYS, 500);
    vote(f, proxy, (o) => ({ ...o, votes: [witness(f, "1.6.10").vote_id] }));
    vote(f, alice, (o) => ({ ...o, voting_account: proxy }));
    const voted = f.now();
    f.generateBlocksUntil(voted + 15 * DAY + 1);
    toNextMaintenance(f);
    expect(witness(f, "1.6.10").total_votes).toBe(1000n);
    const p = stats(f, proxy);
    expect([p.vp_all, p.vp_active, p.vp_witness]).toEqual([1000n, 1000n, 1000n]);
    expect(stats(f, alice).vote_tally_time).toBe(0);
    // 390 days after both voted (the tally falls within [390, 405) days): an eighth off, twice over — the
    // delegator's own stake decays first, then the proxy's opinion (witness_votes_calculation's 390-day row).
    f.generateBlocksUntil(voted + 390 * DAY + 3600);
    expect(f.dgpo().last_vote_tally_time - voted).toBeGreaterThanOrEqual(390 * DAY);
    expect(f.dgpo().last_vote_tally_time - voted).toBeLessThan(405 * DAY);
    expect(witness(f, "1.6.10").total_votes).toBe(875n - 875n / 8n);
    expect([stats(f, proxy).vp_all, stats(f, proxy).vp_active, stats(f, proxy).vp_witness]).toEqual([1000n, 875n, 875n - 875n / 8n]);
  });

  it("values burned tickets against locked ones once proof-of-burn is active", () => {
    const f = ChainFixture.create();
    f.generateBlock();
    const bob = createAccount(f, "bob");
    fund(f, bob, 100);
    createTicket(f, bob, LOCK_720_DAYS, 50);
    createTicket(f, bob, LOCK_FOREVER, 30);
    vote(f, bob, (o) => ({ ...o, votes: [witness(f, "1.6.10").vote_id] }));
    // Charging: +15 days per type; lock_720_days (worth 8x) and lock_forever (8x) after 45 and 60 days.
    f.generateBlocksUntil(f.now() + 61 * DAY);
    toNextMaintenance(f);
    // pob 30 (240) over pol 50 (400): 240 * 400 / 50 + 400 - 30 * 400 / 50 = 1920 + 400 - 240.
    expect(witness(f, "1.6.10").total_votes).toBe(2080n);
  });
});

describe("distribute_fba_balances", () => {
  function withFees(fees: bigint, configure: boolean) {
    const f = ChainFixture.create();
    f.generateBlock();
    const issuer = createAccount(f, "issuer");
    upgrade(f, issuer);
    const asset = created(f.pushOk([[10, {
      fee: core(0), issuer, symbol: "FBATOKEN", precision: 5,
      common_options: {
        max_supply: 1000000n, market_fee_percent: 0, max_market_fee: 0n, issuer_permissions: 0, flags: 0,
        core_exchange_rate: { base: core(1), quote: { amount: 1n, asset_id: "1.3.1" } }, whitelist_authorities: [], blacklist_authorities: [],
        whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
      },
      is_prediction_market: false, extensions: [],
    }]]));
    const buyback = createAccount(f, "buyback");
    const s = new Session(f.state);
    s.modify<T.FbaAccumulatorObject>("2.16.1", (a) => ({ ...a, accumulated_fba_fees: fees, designated_asset: asset }));
    if (configure) {
      const top: T.SpecialAuthority = [1, { asset, num_top_holders: 1 }];
      s.modify<T.AssetObject>(asset, (a) => ({ ...a, buyback_account: buyback }));
      s.modify<T.AccountObject>(issuer, (a) => ({ ...a, owner_special_authority: top, active_special_authority: top, top_n_control_flags: 3 }));
    }
    return { s, issuer, buyback, asset };
  }

  it("returns an unconfigured accumulator's fees to the network", () => {
    const { s } = withFees(1000n, false);
    expect(fbaIsConfigured(s, s.get("2.16.1"))).toBe(false);
    const supply = s.get<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID).current_supply;
    expect(run(distributeFbaBalances(s))._tag).toBe("Right");
    expect(s.get<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID).current_supply).toBe(supply - 1000n);
    expect(s.get<T.FbaAccumulatorObject>("2.16.1").accumulated_fba_fees).toBe(0n);
  });

  it("pays 60% to the buyback account and 20% to the issuer, burning 20%, with fba_distribute virtual operations", () => {
    const { s, issuer, buyback } = withFees(1001n, true);
    expect(fbaIsConfigured(s, s.get("2.16.1"))).toBe(true);
    const supply = s.get<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID).current_supply;
    s.appliedOps.length = 0;
    expect(run(distributeFbaBalances(s))._tag).toBe("Right");
    // 1001 * 6000 / 10000 = 600, 1001 * 2000 / 10000 = 200, the network keeps the rest (201).
    expect(s.get<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID).current_supply).toBe(supply - 201n);
    expect(s.appliedOps.map((o) => o.op)).toEqual([
      [44, { fee: core(0), account_id: buyback, fba_id: "2.16.1", amount: 600n }],
      [44, { fee: core(0), account_id: issuer, fba_id: "2.16.1", amount: 200n }],
    ]);
  });
});

describe("the hardfork migrations of the first maintenance (genesis leaves next_maintenance_time at 0)", () => {
  it("resets genesis call orders' call prices to 1/1 (core-1270) and raises a max_supply below the supply (core-1465)", () => {
    const g = fixtureGenesis();
    const holder = "11".repeat(20);
    const genesis: T.GenesisStateType = {
      ...g,
      initial_assets: [...g.initial_assets, {
        symbol: "GENMPA", issuer_name: "committee-account", description: "", precision: 4, max_supply: 50n, accumulated_fees: 0n,
        is_bitasset: true, collateral_records: [{ owner: holder, collateral: 1000n, debt: 100n }],
      }],
      initial_balances: [{ owner: holder, asset_symbol: "GENMPA", amount: 100n }],
    };
    const f = ChainFixture.create(genesis);
    const mpa = f.asset("GENMPA");
    // update_call_orders_hf_1270: base (collateral) and quote (debt) amounts become 1, their assets kept.
    expect(f.get<T.CallOrderObject>("1.8.0").call_price).toEqual({ base: core(1), quote: { amount: 1n, asset_id: mpa.id } });
    // process_hf_1465: current_supply 100 > max_supply 50, which is not GRAPHENE_MAX_SHARE_SUPPLY.
    expect(mpa.options.max_supply).toBe(100n);
  });
});

describe("update_worker_votes", () => {
  it("sets a worker's total_votes_for to its tally and total_votes_against to 0 (HARDFORK_607)", () => {
    // The worker is put into the head state directly (with the two vote ids worker_create would take, for
    // then against) so that it starts with votes against, which no operation can give it.
    const f = ChainFixture.create();
    f.generateBlock();
    const alice = createAccount(f, "alice");
    f.generateBlock();
    const s = new Session(f.head);
    const next = s.gpo().next_available_vote_id;
    s.modify<T.GlobalPropertyObject>("2.0.0", (g) => ({ ...g, next_available_vote_id: next + 2 }));
    const w = s.create<T.WorkerObject>(1, 14, (id) => ({
      id, worker_account: alice, work_begin_date: f.now(), work_end_date: f.now() + 100 * DAY, daily_pay: 0n, worker: [2, { total_burned: 0n }],
      vote_for: `2:${next}`, vote_against: `2:${next + 1}`, total_votes_for: 0n, total_votes_against: 7n, name: "w", url: "",
    }));
    f.head = s.db;
    f.state = s.db;
    fund(f, alice, 300);
    createTicket(f, alice, LOCK_180_DAYS, 300);
    vote(f, alice, (o) => ({ ...o, votes: [`2:${next}`] }));
    f.generateBlocksUntil(f.now() + 15 * DAY + 1);
    toNextMaintenance(f);
    expect(f.get<T.WorkerObject>(w.id)).toMatchObject({ total_votes_for: 600n, total_votes_against: 0n });
  });
});
