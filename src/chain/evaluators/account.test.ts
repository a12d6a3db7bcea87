// account_create (5), account_update (6), account_whitelist (7), account_upgrade (8) and the unregistered
// account_transfer (9) on the database_fixture chain (libraries/chain/account_evaluator.cpp, every hardfork
// active). Cases ported from bitshares-core tests/tests name their test; numbers are re-derived for the
// post-hardfork code paths.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import type { ChainError } from "../../protocol/errors.js";
import { defaultFeeSchedule } from "../../protocol/fees/index.js";
import { ChainFixture } from "../../scenario/fixture.js";
import { ChainInvariantError, Session } from "../session.js";

// ---------------------------------------------------------------- fixture helpers

let base: ChainFixture | undefined;
/** A fresh database_fixture (genesis and first block); built once and copied, as the state is immutable. */
function fresh(): ChainFixture {
  base ??= ChainFixture.create();
  return Object.assign(Object.create(Object.getPrototypeOf(base) as object) as ChainFixture, base, { pending: [], blocks: [...base.blocks] });
}

const COMMITTEE = "1.2.0";
const PROXY_TO_SELF = "1.2.5";
const INIT0 = "1.2.6";
const core = (amount: bigint | number): T.Asset => ({ amount: BigInt(amount), asset_id: "1.3.0" });
const fee0 = core(0);
const NO_SA: T.SpecialAuthority = [0, {}];
const topHolders = (asset: string, n: number): T.SpecialAuthority => [1, { asset, num_top_holders: n }];

const keyAuth = (threshold: number, ...keys: [string, number][]): T.Authority =>
  ({ weight_threshold: threshold, account_auths: [], key_auths: [...keys].sort((a, b) => (a[0] < b[0] ? -1 : 1)), address_auths: [] });
/** authority::null_authority(): the null account with weight 1, threshold 1. */
const NULL_AUTHORITY: T.Authority = { weight_threshold: 1, account_auths: [["1.2.3", 1]], key_auths: [], address_auths: [] };

const options = (f: ChainFixture, memoSeed: string, o: Partial<T.AccountOptions> = {}): T.AccountOptions => ({
  memo_key: f.publicKey(memoSeed), voting_account: PROXY_TO_SELF, num_witness: 0, num_committee: 0, votes: [], extensions: [], ...o,
});

/** database_fixture::make_account: owner authority(123, key, 123), active authority(321, key, 321), the
 *  committee account as registrar and referrer (its random committee votes are given explicitly here). */
function makeAccount(f: ChainFixture, name: string, o: Partial<T.AccountCreateOperation> = {}): T.AccountCreateOperation {
  const key = f.publicKey(name);
  return {
    fee: fee0, registrar: COMMITTEE, referrer: COMMITTEE, referrer_percent: 0, name,
    owner: keyAuth(123, [key, 123]), active: keyAuth(321, [key, 321]), options: options(f, name), extensions: {}, ...o,
  };
}

function result(f: ChainFixture, op: T.Operation): T.OperationResult {
  return f.pushOk([op]).operation_results[0]!;
}
function createAccount(f: ChainFixture, name: string, o: Partial<T.AccountCreateOperation> = {}): string {
  return result(f, [5, makeAccount(f, name, o)])[1] as string;
}
const upgradeOp = (account: string, lifetime = true): T.Operation =>
  [8, { fee: fee0, account_to_upgrade: account, upgrade_to_lifetime_member: lifetime, extensions: [] }];
const whitelistOp = (authorizing: string, listed: string, listing: number): T.Operation =>
  [7, { fee: fee0, authorizing_account: authorizing, account_to_list: listed, new_listing: listing, extensions: [] }];
const updateOp = (account: string, o: Partial<T.AccountUpdateOperation>): T.Operation => [6, { fee: fee0, account, extensions: {}, ...o }];
const transferOp = (from: string, to: string, amount: T.Asset): T.Operation => [0, { fee: fee0, from, to, amount, extensions: [] }];

/** database_fixture::create_user_issued_asset(symbol, issuer, flags): CER 1:1 with core. */
function createUia(f: ChainFixture, symbol: string, issuer: string): string {
  return result(f, [10, {
    fee: fee0, issuer, symbol, precision: 2, is_prediction_market: false, extensions: [],
    common_options: {
      max_supply: 1000000000000000n, market_fee_percent: 0, max_market_fee: 1000000000000000n, issuer_permissions: 0x4f, flags: 0,
      core_exchange_rate: { base: core(1), quote: { amount: 1n, asset_id: "1.3.1" } },
      whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
    },
  }])[1] as string;
}

const refusal = (r: E.Either<ChainError, unknown>) =>
  E.isLeft(r) ? { exception: r.left.exception, rule: r.left.rule, field: r.left.field } : "accepted";

/** The operation is refused with this exception, rule and field, and the state is the very same value. */
function expectRefused(f: ChainFixture, op: T.Operation, exception: string, rule: string, field: string): void {
  const before = f.state;
  const r = f.push([op]);
  expect(refusal(r)).toEqual({ exception, rule, field: field === "" ? "operations[0][1]" : `operations[0][1].${field}` });
  expect(f.state).toBe(before);
}

const stats = (f: ChainFixture, account: string): T.AccountStatisticsObject => f.get(f.get<T.AccountObject>(account).statistics);
const specialAuthorityOf = (f: ChainFixture, account: string) =>
  f.state.findUnique<T.SpecialAuthorityObject>(2, 14, "by_account", [Number(account.split(".")[2])]);

/** fee_schedule::get_default(), database_fixture::enable_fees. */
const enableFees = (f: ChainFixture): void => f.changeFees(defaultFeeSchedule().parameters, 10000);

// Genesis of the fixture: witnesses init0..init9 take vote ids 1:0..1:9, committee members 0:10..0:19
// (1.5.0 .. 1.5.9), so next_available_vote_id is 20.
const COMMITTEE_VOTE_0 = "0:10";
const COMMITTEE_VOTE_5 = "0:15";

// ---------------------------------------------------------------- account_create

describe("account_create", () => {
  it("creates the account and its statistics as do_apply fills them in (operation_tests.cpp create_account_test)", () => {
    const f = fresh();
    expect(f.gpo().next_available_vote_id).toBe(20);
    const key = f.publicKey("nathan");
    const op = makeAccount(f, "nathan", { options: options(f, "nathan", { num_committee: 2, votes: [COMMITTEE_VOTE_0, COMMITTEE_VOTE_5] }) });
    const registered = f.dgpo().accounts_registered_this_interval;
    const ptx = f.pushOk([[5, op]]);
    expect(ptx.operation_results).toEqual([[1, "1.2.16"]]);
    expect(f.dgpo().accounts_registered_this_interval).toBe(registered + 1);
    f.generateBlock();
    // create_account_test: creation_block_num and creation_time are those of the block holding it.
    expect(f.get<T.AccountObject>("1.2.16")).toEqual({
      id: "1.2.16", membership_expiration_date: 0, registrar: COMMITTEE, referrer: COMMITTEE, lifetime_referrer: COMMITTEE,
      // GRAPHENE_DEFAULT_NETWORK_PERCENT_OF_FEE (20%) and GRAPHENE_DEFAULT_LIFETIME_REFERRER_PERCENT_OF_FEE (30%), config.hpp.
      network_fee_percentage: 2000, lifetime_referrer_fee_percentage: 3000, referrer_rewards_percentage: 0,
      name: "nathan", owner: keyAuth(123, [key, 123]), active: keyAuth(321, [key, 321]), options: op.options, num_committee_voted: 2,
      statistics: "2.6.16", whitelisting_accounts: [], blacklisting_accounts: [], whitelisted_accounts: [], blacklisted_accounts: [],
      owner_special_authority: NO_SA, active_special_authority: NO_SA, top_n_control_flags: 0,
      creation_block_num: f.headBlockNum(), creation_time: f.now(),
    } satisfies T.AccountObject);
    expect(f.headBlockNum()).toBe(2);
    expect(f.get<T.AccountStatisticsObject>("2.6.16")).toEqual({
      id: "2.6.16", owner: "1.2.16", name: "nathan", most_recent_op: "2.9.0", total_ops: 0n, removed_ops: 0n, total_core_in_orders: 0n,
      total_core_inactive: 0n, total_core_pob: 0n, total_core_pol: 0n, total_pob_value: 0n, total_pol_value: 0n, core_in_balance: 0n,
      has_cashback_vb: false, is_voting: true, last_vote_time: 0, vp_all: 0n, vp_active: 0n, vp_committee: 0n, vp_witness: 0n, vp_worker: 0n,
      vote_tally_time: 0, lifetime_fees_paid: 0n, pending_fees: 0n, pending_vested_fees: 0n,
    } satisfies T.AccountStatisticsObject);
  });

  it("takes the referrer's lifetime referrer and keeps referrer_percent as given (HARDFORK_453 passed)", () => {
    const f = fresh();
    const life = createAccount(f, "life");
    f.pushOk([upgradeOp(life)]);
    const dumy = createAccount(f, "dumy", { registrar: INIT0, referrer: life, referrer_percent: 75 });
    const a = f.get<T.AccountObject>(dumy);
    expect([a.registrar, a.referrer, a.lifetime_referrer, a.referrer_rewards_percentage]).toEqual([INIT0, life, life, 75]);
    expect(f.get<T.AccountObject>(createAccount(f, "stud", { referrer: COMMITTEE, referrer_percent: 10000 })).referrer_rewards_percentage).toBe(10000);
    // proxy-to-self is a lifetime member whose lifetime referrer is the null account (db_genesis.cpp).
    expect(f.get<T.AccountObject>(createAccount(f, "pleb", { referrer: PROXY_TO_SELF })))
      .toMatchObject({ referrer: PROXY_TO_SELF, lifetime_referrer: "1.2.3" });
  });

  it("counts a proxy as voting and committee votes only without a proxy", () => {
    const f = fresh();
    const proxied = createAccount(f, "proxied", { options: options(f, "proxied", { voting_account: INIT0, num_committee: 1, votes: [COMMITTEE_VOTE_0] }) });
    expect(f.get<T.AccountObject>(proxied).num_committee_voted).toBe(0);
    expect(stats(f, proxied).is_voting).toBe(true);
    const silent = createAccount(f, "silent");
    expect(stats(f, silent).is_voting).toBe(false);
    const witnessVoter = createAccount(f, "voter", { options: options(f, "voter", { votes: ["1:3", COMMITTEE_VOTE_5] }) });
    expect(f.get<T.AccountObject>(witnessVoter).num_committee_voted).toBe(1);
  });

  it("refuses unknown registrar, voting account and votes (create_account_test)", () => {
    const f = fresh();
    // REQUIRE_THROW_WITH_VALUE(op, registrar, account_id_type(9999999)): prepare_fee finds no fee payer.
    expectRefused(f, [5, makeAccount(f, "nathan", { registrar: "1.2.9999999" })], "assert_exception", "database.object_exists", "registrar");
    expectRefused(f, [5, makeAccount(f, "nathan", { options: options(f, "nathan", { voting_account: "1.2.999999999" }) })],
      "assert_exception", "verify_account_votes.voting_account_exists", "options.voting_account");
    // 0:1 is a witness's instance, 1:19 a committee member's, 2:19 no worker's; 3:99 was never allocated.
    const votes = (o: Partial<T.AccountOptions>): T.Operation => [5, makeAccount(f, "nathan", { options: options(f, "nathan", o) })];
    expectRefused(f, votes({ num_committee: 1, votes: ["0:1"] }), "assert_exception", "verify_account_votes.committee_member_exists", "options.votes[0]");
    expectRefused(f, votes({ num_witness: 1, votes: ["1:19"] }), "assert_exception", "verify_account_votes.witness_exists", "options.votes[0]");
    expectRefused(f, votes({ votes: ["2:19"] }), "assert_exception", "verify_account_votes.worker_exists", "options.votes[0]");
    expectRefused(f, votes({ votes: ["3:99"] }), "assert_exception", "verify_account_votes.vote_id_allocated", "options.votes[0]");
    // An allocated instance under a type that is none of committee, witness, worker: FC_THROW.
    expectRefused(f, votes({ votes: ["3:5"] }), "unspecified_exception", "verify_account_votes.vote_type_valid", "options.votes[0]");
    // The allocation check runs over every vote before the existence checks.
    expectRefused(f, votes({ num_witness: 1, votes: ["1:19", "0:20"] }), "assert_exception", "verify_account_votes.vote_id_allocated", "options.votes[1]");
    // create_account_test: an owner naming a missing account.
    const owner = { ...makeAccount(f, "nathan").owner, account_auths: [["1.2.999999", 10]] as [string, number][] };
    expectRefused(f, [5, makeAccount(f, "nathan", { owner })], "account_create_auth_account_not_found", "verify_authority_accounts.account_exists",
      "owner.account_auths[0][0]");
  });

  it("accepts a vote for a worker and refuses one against it (HARDFORK_607: no more votes against workers)", () => {
    const f = fresh();
    // A worker as worker_create_evaluator makes it: vote_for and vote_against are the next two vote ids.
    const s = new Session(f.head);
    s.create<T.WorkerObject>(1, 14, (id) => ({
      id, worker_account: INIT0, work_begin_date: f.now(), work_end_date: f.now() + 86400, daily_pay: 1000n, worker: [2, { total_burned: 0n }],
      vote_for: "2:20", vote_against: "2:21", total_votes_for: 0n, total_votes_against: 0n, name: "burn", url: "",
    }));
    s.modify<T.GlobalPropertyObject>("2.0.0", (g) => ({ ...g, next_available_vote_id: 22 }));
    f.head = s.db;
    f.state = s.db;
    const votes = (o: Partial<T.AccountOptions>): T.Operation => [5, makeAccount(f, "nathan", { options: options(f, "nathan", o) })];
    expectRefused(f, votes({ votes: ["1:3", "2:21"] }), "assert_exception", "verify_account_votes.no_vote_against_worker", "options.votes[1]");
    // The vote-against check runs over every worker vote before any existence check.
    expectRefused(f, votes({ votes: ["0:2", "2:21"] }), "assert_exception", "verify_account_votes.no_vote_against_worker", "options.votes[1]");
    const nathan = createAccount(f, "nathan", { options: options(f, "nathan", { votes: ["2:20"] }) });
    expect(f.get<T.AccountObject>(nathan).options.votes).toEqual(["2:20"]);
  });

  it("refuses more witnesses or committee members than the chain allows", () => {
    const f = fresh();
    f.modifyGlobalProperties((g) => ({ ...g, parameters: { ...g.parameters, maximum_witness_count: 1, maximum_committee_count: 1 } }));
    const votes = (o: Partial<T.AccountOptions>): T.Operation => [5, makeAccount(f, "nathan", { options: options(f, "nathan", o) })];
    expectRefused(f, votes({ num_witness: 2, votes: ["1:1", "1:2"] }), "assert_exception", "verify_account_votes.num_witness_max", "options.num_witness");
    expectRefused(f, votes({ num_committee: 2, votes: ["0:10", "0:11"] }), "assert_exception", "verify_account_votes.num_committee_max", "options.num_committee");
    expect(createAccount(f, "nathan", { options: options(f, "nathan", { num_witness: 1, num_committee: 1, votes: ["1:1", "0:11"] }) })).toBe("1.2.16");
  });

  it("refuses a registrar that is not a lifetime member and a referrer that is not a member", () => {
    const f = fresh();
    const alice = createAccount(f, "alice");
    expectRefused(f, [5, makeAccount(f, "nathan", { registrar: alice })], "assert_exception", "account_create.registrar_lifetime_member", "registrar");
    expectRefused(f, [5, makeAccount(f, "nathan", { referrer: alice })], "assert_exception", "account_create.referrer_member", "referrer");
    expectRefused(f, [5, makeAccount(f, "nathan", { referrer: "1.2.777" })], "assert_exception", "database.object_exists", "referrer");
  });

  it("refuses a taken name", () => {
    const f = fresh();
    expectRefused(f, [5, makeAccount(f, "init0")], "assert_exception", "account_create.name_unique", "name");
    createAccount(f, "nathan");
    expectRefused(f, [5, makeAccount(f, "nathan")], "assert_exception", "account_create.name_unique", "name");
  });

  it("refuses authorities over maximum_authority_membership (10) with account_create_max_auth_exceeded", () => {
    const f = fresh();
    const keys = Array.from({ length: 11 }, (_, i) => [f.publicKey(`k${i}`), 1] as [string, number]);
    expectRefused(f, [5, makeAccount(f, "nathan", { owner: keyAuth(1, ...keys) })], "account_create_max_auth_exceeded",
      "verify_authority_accounts.max_authority_membership", "owner");
    expectRefused(f, [5, makeAccount(f, "nathan", { active: keyAuth(1, ...keys) })], "account_create_max_auth_exceeded",
      "verify_authority_accounts.max_authority_membership", "active");
    // Owner is checked before active; ten members are allowed.
    const active = { ...keyAuth(1, [f.publicKey("x"), 1]), account_auths: [["1.2.4444", 1]] as [string, number][] };
    expectRefused(f, [5, makeAccount(f, "nathan", { owner: keyAuth(1, ...keys), active })], "account_create_max_auth_exceeded",
      "verify_authority_accounts.max_authority_membership", "owner");
    expectRefused(f, [5, makeAccount(f, "nathan", { active })], "account_create_auth_account_not_found", "verify_authority_accounts.account_exists",
      "active.account_auths[0][0]");
    expect(createAccount(f, "nathan", { owner: keyAuth(1, ...keys.slice(0, 10)) })).toBe("1.2.16");
  });

  it("refuses a special authority over a missing asset", () => {
    const f = fresh();
    expectRefused(f, [5, makeAccount(f, "nathan", { extensions: { owner_special_authority: topHolders("1.3.77", 2) } })],
      "assert_exception", "database.object_exists", "extensions.owner_special_authority[1].asset");
    expectRefused(f, [5, makeAccount(f, "nathan", { extensions: { active_special_authority: topHolders("1.3.77", 2) } })],
      "assert_exception", "database.object_exists", "extensions.active_special_authority[1].asset");
  });

  it("gives an account with special authorities a special_authority_object (operation_tests2.cpp top_n_special's TODO)", () => {
    const f = fresh();
    const stan = createAccount(f, "stan", { extensions: { owner_special_authority: topHolders("1.3.0", 2), active_special_authority: topHolders("1.3.0", 3) } });
    const a = f.get<T.AccountObject>(stan);
    expect([a.owner_special_authority, a.active_special_authority]).toEqual([topHolders("1.3.0", 2), topHolders("1.3.0", 3)]);
    expect(f.get("2.14.0")).toEqual({ id: "2.14.0", account: stan });
    // A no_special_authority in the extension still counts: the optional is present.
    const plain = createAccount(f, "plain", { extensions: { active_special_authority: NO_SA } });
    expect(f.get("2.14.1")).toEqual({ id: "2.14.1", account: plain });
    createAccount(f, "none");
    expect(f.find("2.14.2")).toBeUndefined();
  });

  describe("buyback accounts (operation_tests2.cpp buyback)", () => {
    function setup() {
      const f = fresh();
      const izzy = createAccount(f, "izzy");
      const alice = createAccount(f, "alice");
      const philbin = createAccount(f, "philbin");
      f.pushOk([upgradeOp(philbin)]);
      const nono = createUia(f, "NONO", izzy);
      const buyme = createUia(f, "BUYME", izzy);
      const rex = (bbo: Partial<T.BuybackAccountOptions>, name = "rex"): T.Operation => [5, makeAccount(f, name, {
        registrar: philbin, owner: NULL_AUTHORITY, active: NULL_AUTHORITY,
        extensions: { buyback_options: { asset_to_buy: buyme, asset_to_buy_issuer: izzy, markets: ["1.3.0"], ...bbo } },
      })];
      return { f, izzy, alice, philbin, nono, buyme, rex };
    }

    it("creates the buyback account, its buyback_object and links the asset", () => {
      const { f, buyme, rex } = setup();
      expect(buyme).toBe("1.3.3");
      // Markets need not exist: only their count is checked.
      const id = result(f, rex({ markets: ["1.3.0", "1.3.4"] }))[1] as string;
      // allowed_assets: the markets and the asset to buy, ordered by id.
      expect(f.get<T.AccountObject>(id).allowed_assets).toEqual(["1.3.0", buyme, "1.3.4"]);
      expect(f.get("2.15.0")).toEqual({ id: "2.15.0", asset_to_buy: buyme });
      expect(f.get<T.AssetObject>(buyme).buyback_account).toBe(id);
      expect(f.find("2.14.0")).toBeUndefined();
    });

    it("refuses a wrong issuer, a second buyback of the asset, too many markets and a missing asset", () => {
      const { f, alice, nono, rex } = setup();
      expectRefused(f, rex({ asset_to_buy_issuer: alice }), "account_create_buyback_incorrect_issuer", "evaluate_buyback_account_options.issuer",
        "extensions.buyback_options.asset_to_buy_issuer");
      // GRAPHENE_DEFAULT_MAX_BUYBACK_MARKETS is 4 and the count must stay below it.
      expectRefused(f, rex({ markets: ["1.3.0", "1.3.1", nono, "1.3.4"] }), "account_create_buyback_too_many_markets",
        "evaluate_buyback_account_options.markets_max", "extensions.buyback_options.markets");
      expectRefused(f, rex({ asset_to_buy: "1.3.99" }), "assert_exception", "database.object_exists", "extensions.buyback_options.asset_to_buy");
      f.pushOk([rex({ markets: ["1.3.0", "1.3.1", nono] })]);
      expectRefused(f, rex({}, "rex2"), "account_create_buyback_already_exists", "evaluate_buyback_account_options.no_buyback_yet",
        "extensions.buyback_options.asset_to_buy");
    });
  });

  describe("registration fee scaling (fee_tests.cpp account_create_fee_scaling)", () => {
    const basicFee = (f: ChainFixture): bigint => {
      const p = f.gpo().parameters.current_fees.parameters.find((x) => x[0] === 5)![1] as T.AccountCreateOperationFeeParamsT;
      return p.basic_fee;
    };
    // The test registers accounts_per_fee_scale (1000) accounts per step; the same rule is exercised here
    // with accounts_per_fee_scale 3 and the default 4 bit shifts: 1 -> 16 -> 256.
    function setup(accountsPerScale: number, bitshifts: number): ChainFixture {
      const f = fresh();
      enableFees(f);
      f.changeFees([[5, { basic_fee: 1n, premium_fee: 2000n * 100000n, price_per_kbyte: 100000 }]]);
      f.modifyGlobalProperties((g) => ({ ...g, parameters: { ...g.parameters, accounts_per_fee_scale: accountsPerScale, account_fee_scale_bitshifts: bitshifts } }));
      return f;
    }

    it("shifts basic_fee left each time the interval's count reaches a multiple of accounts_per_fee_scale", () => {
      const f = setup(3, 4);
      expect(f.dgpo().accounts_registered_this_interval).toBe(0);
      const seen: bigint[] = [];
      for (let i = 0; i < 7; i++) {
        seen.push(basicFee(f));
        createAccount(f, `shill${i}`);
      }
      seen.push(basicFee(f));
      expect(seen).toEqual([1n, 1n, 1n, 16n, 16n, 16n, 256n, 256n]);
      expect(f.dgpo().accounts_registered_this_interval).toBe(7);
    });

    it("leaves the fee alone with account_fee_scale_bitshifts 0", () => {
      const f = setup(1, 0);
      createAccount(f, "shill0");
      createAccount(f, "shill1");
      expect(basicFee(f)).toBe(1n);
    });

    it("fails where fee_helper<account_create_operation>::get finds no parameters to scale", () => {
      const f = setup(1, 4);
      f.modifyGlobalProperties((g) => ({ ...g, parameters: { ...g.parameters, current_fees: { parameters: [], scale: 10000 } } }));
      expectRefused(f, [5, makeAccount(f, "shill0", { fee: core(100000000) })], "assert_exception", "fee_schedule.parameters_exist", "");
    });

    it("is a broken chain with accounts_per_fee_scale 0 (bitshares-core divides by it)", () => {
      const f = setup(0, 4);
      expect(() => f.push([[5, makeAccount(f, "shill0")]])).toThrow(ChainInvariantError);
    });
  });
});

// ---------------------------------------------------------------- account_update

describe("account_update", () => {
  it("replaces authorities and votes (operation_tests.cpp update_account)", () => {
    const f = fresh();
    const nathan = createAccount(f, "nathan", { owner: keyAuth(1, [f.publicKey("null_key"), 1]), active: keyAuth(1, [f.publicKey("null_key"), 1]) });
    f.pushOk([transferOp(COMMITTEE, nathan, core(1000000000))]);
    f.generateBlock();
    const before = f.get<T.AccountObject>(nathan);
    const both = keyAuth(2, [f.publicKey("nathan_new"), 1], [f.publicKey("null_key"), 1]);
    // active_committee_members[0] and [5]: committee members 1.5.0 and 1.5.5.
    const newOptions = { ...before.options, votes: [COMMITTEE_VOTE_0, COMMITTEE_VOTE_5], num_committee: 2 };
    f.pushOk([updateOp(nathan, { owner: both, active: both, new_options: newOptions })]);
    expect(f.get<T.AccountObject>(nathan)).toEqual({ ...before, owner: both, active: both, options: newOptions, num_committee_voted: 2 });
    expect(f.get<T.AccountObject>(nathan).options.memo_key).toBe(f.publicKey("nathan"));
    expect(stats(f, nathan)).toMatchObject({ is_voting: true, last_vote_time: f.now() });

    // enable_fees, then the lifetime upgrade costs membership_lifetime_fee (10000 BTS, account.hpp), all nathan has.
    enableFees(f);
    f.pushOk([upgradeOp(nathan)]);
    expect(f.get<T.AccountObject>(nathan).membership_expiration_date).toBe(0xffffffff);
    expect(f.balance(nathan, "1.3.0")).toBe(0n);
  });

  it("refreshes is_voting and last_vote_time only when the proxy or the votes change", () => {
    const f = fresh();
    const nathan = createAccount(f, "nathan");
    const created = stats(f, nathan);
    f.generateBlock();
    // Only the memo key changes: statistics keep last_vote_time 0.
    f.pushOk([updateOp(nathan, { new_options: options(f, "other") })]);
    expect(stats(f, nathan)).toEqual(created);
    expect(f.get<T.AccountObject>(nathan).options.memo_key).toBe(f.publicKey("other"));
    f.generateBlock();
    const t1 = f.now();
    f.pushOk([updateOp(nathan, { new_options: options(f, "other", { voting_account: INIT0, num_committee: 1, votes: [COMMITTEE_VOTE_0] }) })]);
    expect(stats(f, nathan)).toEqual({ ...created, is_voting: true, last_vote_time: t1 });
    // A proxy voter's committee votes do not count in num_committee_voted.
    expect(f.get<T.AccountObject>(nathan).num_committee_voted).toBe(0);
    f.generateBlock();
    const t2 = f.now();
    f.pushOk([updateOp(nathan, { new_options: options(f, "other", { num_committee: 1, votes: [COMMITTEE_VOTE_0] }) })]);
    expect(stats(f, nathan)).toEqual({ ...created, is_voting: true, last_vote_time: t2 });
    expect(f.get<T.AccountObject>(nathan).num_committee_voted).toBe(1);
    f.generateBlock();
    const t3 = f.now();
    // As many votes as before, but others.
    f.pushOk([updateOp(nathan, { new_options: options(f, "other", { num_committee: 1, votes: ["0:11"] }) })]);
    expect(stats(f, nathan)).toEqual({ ...created, is_voting: true, last_vote_time: t3 });
    f.generateBlock();
    const t4 = f.now();
    f.pushOk([updateOp(nathan, { new_options: options(f, "other") })]);
    expect(stats(f, nathan)).toEqual({ ...created, is_voting: false, last_vote_time: t4 });
    expect(f.get<T.AccountObject>(nathan).num_committee_voted).toBe(0);
  });

  it("refuses bad authorities, special authorities, options and a missing account, in do_evaluate's order", () => {
    const f = fresh();
    const nathan = createAccount(f, "nathan");
    const keys = Array.from({ length: 11 }, (_, i) => [f.publicKey(`k${i}`), 1] as [string, number]);
    const missingMember = { ...keyAuth(1, [f.publicKey("x"), 1]), account_auths: [["1.2.4444", 1]] as [string, number][] };
    expectRefused(f, updateOp(nathan, { owner: keyAuth(1, ...keys) }), "account_update_max_auth_exceeded",
      "verify_authority_accounts.max_authority_membership", "owner");
    expectRefused(f, updateOp(nathan, { active: keyAuth(1, ...keys) }), "account_update_max_auth_exceeded",
      "verify_authority_accounts.max_authority_membership", "active");
    expectRefused(f, updateOp(nathan, { active: missingMember }), "account_update_auth_account_not_found",
      "verify_authority_accounts.account_exists", "active.account_auths[0][0]");
    expectRefused(f, updateOp(nathan, { owner: missingMember, extensions: { owner_special_authority: topHolders("1.3.77", 1) } }),
      "account_update_auth_account_not_found", "verify_authority_accounts.account_exists", "owner.account_auths[0][0]");
    expectRefused(f, updateOp(nathan, { extensions: { owner_special_authority: topHolders("1.3.77", 1) } }),
      "assert_exception", "database.object_exists", "extensions.owner_special_authority[1].asset");
    expectRefused(f, updateOp(nathan, { extensions: { active_special_authority: topHolders("1.3.77", 1) } }),
      "assert_exception", "database.object_exists", "extensions.active_special_authority[1].asset");
    expectRefused(f, updateOp(nathan, { new_options: options(f, "x", { voting_account: "1.2.4444" }) }),
      "assert_exception", "verify_account_votes.voting_account_exists", "new_options.voting_account");
    expectRefused(f, updateOp(nathan, { new_options: options(f, "x", { num_witness: 1, votes: ["1:19"] }) }),
      "assert_exception", "verify_account_votes.witness_exists", "new_options.votes[0]");
    // The account pays the fee: prepare_fee is first to miss it.
    expectRefused(f, updateOp("1.2.4444", { new_options: options(f, "x") }), "assert_exception", "database.object_exists", "account");
  });

  it("creates and removes the special_authority_object as special authorities come and go, resetting top_n_control_flags", () => {
    const f = fresh();
    const stan = createAccount(f, "stan");
    f.pushOk([updateOp(stan, { extensions: { owner_special_authority: topHolders("1.3.0", 2) } })]);
    expect(f.get("2.14.0")).toEqual({ id: "2.14.0", account: stan });
    f.pushOk([updateOp(stan, { extensions: { active_special_authority: topHolders("1.3.0", 3) } })]);
    expect(f.find("2.14.1")).toBeUndefined();
    expect(f.get<T.AccountObject>(stan)).toMatchObject({
      owner_special_authority: topHolders("1.3.0", 2), active_special_authority: topHolders("1.3.0", 3), top_n_control_flags: 0,
    });
    f.pushOk([updateOp(stan, { extensions: { owner_special_authority: NO_SA } })]);
    expect(f.get("2.14.0")).toEqual({ id: "2.14.0", account: stan });
    f.pushOk([updateOp(stan, { extensions: { active_special_authority: NO_SA } })]);
    expect(f.find("2.14.0")).toBeUndefined();
    expect(specialAuthorityOf(f, stan)).toBeUndefined();
    f.pushOk([updateOp(stan, { extensions: { active_special_authority: topHolders("1.3.0", 1) } })]);
    expect(specialAuthorityOf(f, stan)).toEqual({ id: "2.14.1", account: stan });
  });

  it("clears top_n_control_flags on any authority change, not on an options change", () => {
    const f = fresh();
    const stan = createAccount(f, "stan");
    f.generateBlock();
    // db.modify as the tests do: top_n_control_flags is only set by maintenance (update_top_n_authorities).
    const setFlags = (): void => {
      const s = new Session(f.head);
      s.modify<T.AccountObject>(stan, (a) => ({ ...a, top_n_control_flags: 3 }));
      f.head = s.db;
      f.state = s.db;
    };
    const auth = keyAuth(1, [f.publicKey("stan2"), 1]);
    const changes: Partial<T.AccountUpdateOperation>[] = [
      { owner: auth }, { active: auth },
      { extensions: { owner_special_authority: topHolders("1.3.0", 1) } }, { extensions: { active_special_authority: NO_SA } },
    ];
    for (const change of changes) {
      setFlags();
      f.pushOk([updateOp(stan, change)]);
      expect(f.get<T.AccountObject>(stan).top_n_control_flags).toBe(0);
      f.generateBlock();
    }
    setFlags();
    f.pushOk([updateOp(stan, { new_options: options(f, "stan3") })]);
    expect(f.get<T.AccountObject>(stan).top_n_control_flags).toBe(3);
  });

  it("fails to give a special authority to an account created with a no_special_authority extension (a second object for it)", () => {
    const f = fresh();
    const plain = createAccount(f, "plain", { extensions: { owner_special_authority: NO_SA } });
    expect(specialAuthorityOf(f, plain)).toEqual({ id: "2.14.0", account: plain });
    expectRefused(f, updateOp(plain, { extensions: { active_special_authority: topHolders("1.3.0", 1) } }),
      "assert_exception", "database.create_unique", "");
  });
});

// ---------------------------------------------------------------- account_whitelist

const WHITE = 1;
const BLACK = 2;

describe("account_whitelist", () => {
  function lists(f: ChainFixture, id: string) {
    const a = f.get<T.AccountObject>(id);
    return { whitelisting: a.whitelisting_accounts, blacklisting: a.blacklisting_accounts, whitelisted: a.whitelisted_accounts, blacklisted: a.blacklisted_accounts };
  }
  const empty = { whitelisting: [], blacklisting: [], whitelisted: [], blacklisted: [] };

  it("is for lifetime members, and records the listing on both accounts (uia_tests.cpp issue_whitelist_uia, transfer_whitelist_uia)", () => {
    const f = fresh();
    const izzy = createAccount(f, "izzy");
    const nathan = createAccount(f, "nathan");
    const vikram = createAccount(f, "vikram");
    // "Fail because whitelist function is restricted to members only"
    expectRefused(f, whitelistOp(izzy, vikram, WHITE), "assert_exception", "account_whitelist.authorizing_lifetime_member", "authorizing_account");
    f.pushOk([upgradeOp(izzy)]);
    f.pushOk([whitelistOp(izzy, vikram, WHITE)]);
    f.pushOk([whitelistOp(izzy, nathan, WHITE)]);
    expect(lists(f, izzy)).toEqual({ ...empty, whitelisted: [nathan, vikram] });
    expect(lists(f, vikram)).toEqual({ ...empty, whitelisting: [izzy] });
    // transfer_whitelist_uia: new_listing |= black_listed for nathan.
    f.pushOk([whitelistOp(izzy, nathan, WHITE | BLACK)]);
    expect(lists(f, nathan)).toEqual({ ...empty, whitelisting: [izzy], blacklisting: [izzy] });
    expect(lists(f, izzy)).toEqual({ ...empty, whitelisted: [nathan, vikram], blacklisted: [nathan] });
    // Black only drops the white listing; no_listing drops both.
    f.pushOk([whitelistOp(izzy, nathan, BLACK)]);
    expect(lists(f, nathan)).toEqual({ ...empty, blacklisting: [izzy] });
    f.pushOk([whitelistOp(izzy, nathan, 0)]);
    expect(lists(f, nathan)).toEqual(empty);
    expect(lists(f, izzy)).toEqual({ ...empty, whitelisted: [vikram] });
  });

  it("keeps the sets ordered by id and free of duplicates, also when an account lists itself", () => {
    const f = fresh();
    const dan = createAccount(f, "dan");
    f.pushOk([upgradeOp(dan)]);
    f.pushOk([whitelistOp(dan, "1.2.9", WHITE)]);
    f.pushOk([whitelistOp(dan, "1.2.7", WHITE)]);
    f.pushOk([whitelistOp(dan, "1.2.7", WHITE)]);
    f.pushOk([whitelistOp(COMMITTEE, "1.2.7", WHITE)]);
    f.pushOk([whitelistOp(dan, dan, WHITE | BLACK)]);
    expect(lists(f, dan)).toEqual({ whitelisting: [dan], blacklisting: [dan], whitelisted: ["1.2.7", "1.2.9", dan], blacklisted: [dan] });
    expect(lists(f, "1.2.7").whitelisting).toEqual([COMMITTEE, dan]);
  });

  it("refuses a missing listed account, and lets basic accounts list under allow_non_member_whitelists", () => {
    const f = fresh();
    const izzy = createAccount(f, "izzy");
    expectRefused(f, whitelistOp(INIT0, "1.2.4444", WHITE), "assert_exception", "database.object_exists", "account_to_list");
    f.modifyGlobalProperties((g) => ({ ...g, parameters: { ...g.parameters, allow_non_member_whitelists: true } }));
    f.pushOk([whitelistOp(izzy, INIT0, BLACK)]);
    expect(lists(f, INIT0).blacklisting).toEqual([izzy]);
  });
});

// ---------------------------------------------------------------- account_upgrade

describe("account_upgrade", () => {
  it("makes a lifetime member its own registrar, referrer and lifetime referrer", () => {
    const f = fresh();
    const nathan = createAccount(f, "nathan", { registrar: INIT0, referrer: "1.2.7", referrer_percent: 5000 });
    const before = f.get<T.AccountObject>(nathan);
    expect(f.pushOk([upgradeOp(nathan)]).operation_results).toEqual([[0, {}]]);
    expect(f.get<T.AccountObject>(nathan)).toEqual({
      ...before, membership_expiration_date: 0xffffffff, registrar: nathan, referrer: nathan, lifetime_referrer: nathan,
      lifetime_referrer_fee_percentage: 10000 - 2000,
    });
  });

  it("refuses lifetime members, missing accounts and annual membership (HARDFORK_613, asserted in do_apply)", () => {
    const f = fresh();
    expectRefused(f, upgradeOp(INIT0), "assert_exception", "account_upgrade.not_lifetime_member", "account_to_upgrade");
    expectRefused(f, upgradeOp("1.2.4444"), "assert_exception", "database.object_exists", "account_to_upgrade");
    const ann = createAccount(f, "ann");
    f.pushOk([transferOp(COMMITTEE, ann, core(1000000000))]);
    enableFees(f);
    expectRefused(f, upgradeOp(ann, false), "assert_exception", "account_upgrade.annual_membership_discontinued", "upgrade_to_lifetime_member");
  });

  it("pays the upgrade fee out at once to the old referral chain (fee_tests.cpp cashback_test, stud's upgrade)", () => {
    const f = fresh();
    const life = createAccount(f, "life");
    const rog = createAccount(f, "rog");
    f.pushOk([upgradeOp(life)]);
    f.pushOk([upgradeOp(rog)]);
    f.pushOk([transferOp(COMMITTEE, rog, core(10000000000n))]); // the premium registration fee of "stud" is 2000 BTS
    enableFees(f);
    // CustomRegisterActor(stud, rog, ann, 80): annual members no longer exist, so lifetime member life refers.
    const stud = createAccount(f, "stud", { registrar: rog, referrer: life, referrer_percent: 80 * 100 });
    // membership_lifetime_fee: 10000 * GRAPHENE_BLOCKCHAIN_PRECISION (account.hpp).
    const upgradeFee = 1000000000n;
    f.pushOk([transferOp(COMMITTEE, stud, core(upgradeFee))]);
    const accumulated = (): bigint => f.get<T.AssetDynamicDataObject>("2.3.0").accumulated_fees;
    const before = accumulated();
    expect(f.get<T.AccountObject>(life).cashback_vb).toBeUndefined();
    f.pushOk([upgradeOp(stud)]);
    expect(f.balance(stud, "1.3.0")).toBe(0n);
    // network 20% (2e8); lifetime referrer life 30% (3e8); of the remaining 50%, referrer life 80% (4e8), registrar rog 20% (1e8).
    expect(accumulated() - before).toBe(200000000n);
    const cashback = (id: string): bigint => f.get<T.VestingBalanceObject>(f.get<T.AccountObject>(id).cashback_vb!).balance.amount;
    expect(cashback(life)).toBe(700000000n);
    expect(cashback(rog)).toBe(100000000n);
    expect(stats(f, life).has_cashback_vb).toBe(true);
    expect(stats(f, stud)).toMatchObject({ pending_fees: 0n, pending_vested_fees: 0n, lifetime_fees_paid: upgradeFee });
    expect(f.get<T.AccountObject>(stud)).toMatchObject({ registrar: stud, referrer: stud, lifetime_referrer: stud, lifetime_referrer_fee_percentage: 8000 });
  });
});

// ---------------------------------------------------------------- account_transfer

describe("account_transfer", () => {
  it("has no evaluator in bitshares-core and is refused (db_init.cpp registers none)", () => {
    const f = fresh();
    expectRefused(f, [9, { fee: fee0, account_id: "1.2.16", new_owner: INIT0, extensions: [] }] as T.Operation,
      "assert_exception", "database.evaluator_registered", "");
  });
});
