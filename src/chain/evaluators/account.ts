// The account family: account_create (5), account_update (6), account_whitelist (7) and account_upgrade (8),
// as libraries/chain/account_evaluator.cpp (with special_authority_evaluation.cpp and buyback.cpp) does them
// with every hardfork active. account_transfer (9) has no evaluator in bitshares-core (db_init.cpp registers
// none), so it is absent from ACCOUNT_EVALUATORS and the pipeline refuses it as database::apply_operation does.
import { either as E } from "fp-ts";
import type * as T from "../../../generated/native-types.js";
import {
  DEFAULT_MAX_BUYBACK_MARKETS, IMPL_OBJECT_TYPES, OBJECT_TYPES, PERCENT_100, PROXY_TO_SELF_ACCOUNT,
} from "../../protocol/config.js";
import { type ChainError, chainError, type ExceptionName } from "../../protocol/errors.js";
import { updateFeeParameters } from "../../protocol/fees/index.js";
import { numAuths } from "../../protocol/validate/index.js";
import { defaultAccount, defaultAccountStatistics } from "../defaults.js";
import { type Evaluator, VOID_RESULT, objectIdResult } from "../evaluator.js";
import { MEMBERSHIP_LIFETIME, isBasicAccount, isAnnualMember, isLifetimeMember, processFees } from "../fee_payment.js";
import { type Gen, PASSED, ensure, ensureAssert, ok, stop } from "../gen.js";
import { ChainInvariantError, DYNAMIC_GLOBAL_PROPERTY_ID, GLOBAL_PROPERTY_ID, type Session } from "../session.js";
import { inst } from "../tables.js";

const ACCOUNT_CREATE = 5;

// ---------------------------------------------------------------- vote ids

/** vote_id_type::vote_type (vote.hpp). */
const VOTE_COMMITTEE = 0;
const VOTE_WITNESS = 1;
const VOTE_WORKER = 2;

const voteType = (v: string): number => Number(v.slice(0, v.indexOf(":")));
/** vote_id_type converts to uint32_t as its instance: `id < max_vote_id` and `==` compare instances only. */
const voteInstance = (v: string): number => Number(v.slice(v.indexOf(":") + 1));
/** The key src/chain/tables.ts gives vote ids in the by_vote_id / by_vote_for / by_vote_against indices. Every
 *  vote id instance is handed out once by next_available_vote_id, whatever its type, so finding the full
 *  content gives what bitshares-core's instance-only comparison finds. */
const voteKey = (v: string): number => voteInstance(v) * 256 + voteType(v);

/** account_options::is_voting. */
export const isVoting = (o: T.AccountOptions): boolean => o.voting_account !== PROXY_TO_SELF_ACCOUNT || o.votes.length > 0;

/** account_options::num_committee_voted: committee votes count only for an account that votes itself. */
export function numCommitteeVoted(o: T.AccountOptions): number {
  if (o.voting_account !== PROXY_TO_SELF_ACCOUNT) return 0;
  return o.votes.filter((v) => voteType(v) === VOTE_COMMITTEE).length;
}

/** account_object::has_special_authority. */
export const hasSpecialAuthority = (a: T.AccountObject): boolean => a.owner_special_authority[0] !== 0 || a.active_special_authority[0] !== 0;

/** account_object::is_member. */
const isMember = (a: T.AccountObject, now: number): boolean => !isBasicAccount(a, now);

// ---------------------------------------------------------------- checks shared by create and update

/** The exceptions verify_authority_accounts' internal ones are recoded to (GRAPHENE_RECODE_EXC in the
 *  account_create and account_update evaluators). */
interface AuthorityExceptions {
  readonly maxAuthExceeded: ExceptionName;
  readonly accountNotFound: ExceptionName;
}
const CREATE_AUTH_EXCEPTIONS: AuthorityExceptions = {
  maxAuthExceeded: "account_create_max_auth_exceeded", accountNotFound: "account_create_auth_account_not_found",
};
const UPDATE_AUTH_EXCEPTIONS: AuthorityExceptions = {
  maxAuthExceeded: "account_update_max_auth_exceeded", accountNotFound: "account_update_auth_account_not_found",
};

/** verify_authority_accounts: at most maximum_authority_membership members, and every account member exists. */
// A plain function (it runs twice for every account_create): a finished computation, not a generator.
function verifyAuthorityAccounts(s: Session, a: T.Authority, field: string, exc: AuthorityExceptions): Gen<void> {
  const max = s.params().maximum_authority_membership;
  if (numAuths(a) > max) {
    return stop(chainError(exc.maxAuthExceeded, "verify_authority_accounts.max_authority_membership", field,
      `the authority has ${numAuths(a)} members, more than maximum_authority_membership ${max}`));
  }
  for (let i = 0; i < a.account_auths.length; i++) {
    const id = a.account_auths[i]![0];
    if (s.find(id) === undefined) {
      return stop(chainError(exc.accountNotFound, "verify_authority_accounts.account_exists", `${field}.account_auths[${i}][0]`, `account ${id} named in the authority does not exist`));
    }
  }
  return PASSED;
}

/** verify_account_votes: counts within the chain's maxima, the proxy exists, and every vote names an existing
 *  witness, committee member or worker approval (HARDFORK_607 and HARDFORK_CORE_143 branches). A plain
 *  function: every account_create runs it, and field paths are only built for a refusal. */
function verifyAccountVotes(s: Session, o: T.AccountOptions, field: string): Gen<void> {
  const gpo = s.gpo();
  const p = gpo.parameters;
  const refuse = (exception: ExceptionName, rule: string, at: string, message: string) => stop(chainError(exception, rule, `${field}.${at}`, message));
  if (o.num_witness > p.maximum_witness_count) {
    return refuse("assert_exception", "verify_account_votes.num_witness_max", "num_witness", `num_witness ${o.num_witness} exceeds maximum_witness_count ${p.maximum_witness_count}`);
  }
  if (o.num_committee > p.maximum_committee_count) {
    return refuse("assert_exception", "verify_account_votes.num_committee_max", "num_committee",
      `num_committee ${o.num_committee} exceeds maximum_committee_count ${p.maximum_committee_count}`);
  }
  if (s.find(o.voting_account) === undefined) {
    return refuse("assert_exception", "verify_account_votes.voting_account_exists", "voting_account", `the proxy account ${o.voting_account} does not exist`);
  }
  const max = gpo.next_available_vote_id;
  let hasWorkerVotes = false;
  for (let i = 0; i < o.votes.length; i++) {
    const v = o.votes[i]!;
    if (voteInstance(v) >= max) {
      return refuse("assert_exception", "verify_account_votes.vote_id_allocated", `votes[${i}]`, `vote ${v} has not been allocated (next_available_vote_id is ${max})`);
    }
    if (voteType(v) === VOTE_WORKER) hasWorkerVotes = true;
  }
  if (hasWorkerVotes) {
    for (let i = 0; i < o.votes.length; i++) {
      const v = o.votes[i]!;
      if (voteType(v) !== VOTE_WORKER) continue;
      if (s.findUnique(1, OBJECT_TYPES.worker, "by_vote_against", [voteKey(v)]) !== undefined) {
        return refuse("assert_exception", "verify_account_votes.no_vote_against_worker", `votes[${i}]`, `vote ${v} is a worker's vote_against, which can no longer be voted for`);
      }
    }
  }
  for (let i = 0; i < o.votes.length; i++) {
    const v = o.votes[i]!;
    switch (voteType(v)) {
      case VOTE_COMMITTEE:
        if (s.findUnique(1, OBJECT_TYPES.committee_member, "by_vote_id", [voteKey(v)]) === undefined) {
          return refuse("assert_exception", "verify_account_votes.committee_member_exists", `votes[${i}]`, `no committee member has vote id ${v}`);
        }
        break;
      case VOTE_WITNESS:
        if (s.findUnique(1, OBJECT_TYPES.witness, "by_vote_id", [voteKey(v)]) === undefined) {
          return refuse("assert_exception", "verify_account_votes.witness_exists", `votes[${i}]`, `no witness has vote id ${v}`);
        }
        break;
      case VOTE_WORKER:
        if (s.findUnique(1, OBJECT_TYPES.worker, "by_vote_for", [voteKey(v)]) === undefined) {
          return refuse("assert_exception", "verify_account_votes.worker_exists", `votes[${i}]`, `no worker has ${v} as its vote_for`);
        }
        break;
      default:
        // FC_THROW: a plain fc::exception.
        return refuse("unspecified_exception", "verify_account_votes.vote_type_valid", `votes[${i}]`, `vote ${v} has an invalid vote type`);
    }
  }
  return PASSED;
}

/** evaluate_special_authority: a top_holders authority names an existing asset. */
function* evaluateSpecialAuthority(s: Session, sa: T.SpecialAuthority, field: string): Gen<void> {
  if (sa[0] === 1) yield* s.load<T.AssetObject>(sa[1].asset, `${field}[1].asset`);
}

/** evaluate_buyback_account_options (buyback.cpp): the asset exists, the issuer is named correctly, the
 *  asset has no buyback account yet, and fewer than GRAPHENE_DEFAULT_MAX_BUYBACK_MARKETS markets are given. */
function* evaluateBuybackAccountOptions(s: Session, bbo: T.BuybackAccountOptions, field: string): Gen<void> {
  const a = yield* s.load<T.AssetObject>(bbo.asset_to_buy, `${field}.asset_to_buy`);
  yield* ensure(a.issuer === bbo.asset_to_buy_issuer, "account_create_buyback_incorrect_issuer", "evaluate_buyback_account_options.issuer",
    `${field}.asset_to_buy_issuer`, () => `asset ${a.id} '${a.symbol}' is issued by ${a.issuer}, not ${bbo.asset_to_buy_issuer}`);
  yield* ensure(a.buyback_account === undefined, "account_create_buyback_already_exists", "evaluate_buyback_account_options.no_buyback_yet",
    `${field}.asset_to_buy`, () => `asset ${a.id} '${a.symbol}' already has the buyback account ${a.buyback_account}`);
  yield* ensure(bbo.markets.length < DEFAULT_MAX_BUYBACK_MARKETS, "account_create_buyback_too_many_markets",
    "evaluate_buyback_account_options.markets_max", `${field}.markets`, () =>
      `${bbo.markets.length} buyback markets; fewer than ${DEFAULT_MAX_BUYBACK_MARKETS} are allowed`);
}

// ---------------------------------------------------------------- id sets

/** flat_set<object id>::insert: kept sorted by instance, no duplicates. */
function insertId(set: readonly string[], id: string): string[] {
  if (set.includes(id)) return set.slice();
  return [...set, id].sort((a, b) => inst(a) - inst(b));
}
const eraseId = (set: readonly string[], id: string): string[] => set.filter((x) => x !== id);

/** graphene::db::generic_index::create refuses an object that collides in a unique index. */
function* ensureNoSpecialAuthorityObject(s: Session, account: string): Gen<void> {
  yield* ensureAssert(s.findUnique(2, IMPL_OBJECT_TYPES.special_authority, "by_account", [inst(account)]) === undefined,
    "database.create_unique", "", () => `a special_authority_object for account ${account} already exists (uniqueness constraint)`);
}

// ---------------------------------------------------------------- account_create (5)

/** account_create_evaluator: only lifetime members register (the fee payer is the registrar), the referrer
 *  must be a member, authorities, special authorities, buyback options and votes must be sound, and the
 *  name must be free. */
export const accountCreateEvaluator: Evaluator<T.AccountCreateOperation, void> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const registrar = ctx.fee.fee_paying_account;
    yield* ensureAssert(isLifetimeMember(registrar), "account_create.registrar_lifetime_member", "registrar", () =>
      `registrar ${registrar.id} '${registrar.name}' is not a lifetime member; only lifetime members may register accounts`);
    const referrer = yield* s.load<T.AccountObject>(op.referrer, "referrer");
    yield* ensureAssert(isMember(referrer, s.headBlockTime()), "account_create.referrer_member", "referrer", () =>
      `referrer ${referrer.id} '${referrer.name}' is neither a lifetime nor an annual member (membership expired at ${referrer.membership_expiration_date})`);
    yield* verifyAuthorityAccounts(s, op.owner, "owner", CREATE_AUTH_EXCEPTIONS);
    yield* verifyAuthorityAccounts(s, op.active, "active", CREATE_AUTH_EXCEPTIONS);
    const ext = op.extensions;
    if (ext.owner_special_authority) yield* evaluateSpecialAuthority(s, ext.owner_special_authority, "extensions.owner_special_authority");
    if (ext.active_special_authority) yield* evaluateSpecialAuthority(s, ext.active_special_authority, "extensions.active_special_authority");
    if (ext.buyback_options) yield* evaluateBuybackAccountOptions(s, ext.buyback_options, "extensions.buyback_options");
    yield* verifyAccountVotes(s, op.options, "options");
    if (op.name.length > 0) {
      yield* ensureAssert(s.findUnique(1, OBJECT_TYPES.account, "by_name", [op.name]) === undefined, "account_create.name_unique", "name", () =>
        `an account named '${op.name}' already exists`);
    }
  },

  *apply(ctx, op) {
    const s = ctx.s;
    const params = s.params();
    const ext = op.extensions;
    // referrer_percent is taken as given: its rescaling only ran before HARDFORK_453.
    const accountId = s.nextId(1, OBJECT_TYPES.account);
    const stats = s.create<T.AccountStatisticsObject>(2, IMPL_OBJECT_TYPES.account_statistics, (id) => ({
      ...defaultAccountStatistics(id, accountId, op.name), is_voting: isVoting(op.options),
    }));
    const lifetimeReferrer = s.get<T.AccountObject>(op.referrer).lifetime_referrer;
    const buyback = ext.buyback_options;
    // database::_current_block_num and _current_block_time: the block being applied.
    const { block_num: blockNum, block_time: blockTime } = s.position;
    const account = s.create<T.AccountObject>(1, OBJECT_TYPES.account, (id) => {
      const a: T.AccountObject = {
        ...defaultAccount(id, op.name, stats.id, blockNum, blockTime),
        registrar: op.registrar,
        referrer: op.referrer,
        lifetime_referrer: lifetimeReferrer,
        network_fee_percentage: params.network_percent_of_fee,
        lifetime_referrer_fee_percentage: params.lifetime_referrer_percent_of_fee,
        referrer_rewards_percentage: op.referrer_percent,
        owner: op.owner,
        active: op.active,
        options: op.options,
        num_committee_voted: numCommitteeVoted(op.options),
      };
      if (ext.owner_special_authority) a.owner_special_authority = ext.owner_special_authority;
      if (ext.active_special_authority) a.active_special_authority = ext.active_special_authority;
      if (buyback) a.allowed_assets = insertId(buyback.markets, buyback.asset_to_buy);
      return a;
    });
    if (account.id !== accountId) throw new ChainInvariantError(`account created as ${account.id}, expected ${accountId}`);

    const dgpo = s.modify<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID, (d) => ({
      ...d, accounts_registered_this_interval: (d.accounts_registered_this_interval + 1) >>> 0, // uint32_t
    }));
    if (params.accounts_per_fee_scale === 0) {
      // bitshares-core takes the remainder by zero here and the node dies (SIGFPE).
      throw new ChainInvariantError("accounts_per_fee_scale is 0: account_create divides by it");
    }
    if (dgpo.accounts_registered_this_interval % params.accounts_per_fee_scale === 0 && params.account_fee_scale_bitshifts !== 0) {
      // basic_fee (uint64) <<= account_fee_scale_bitshifts; x86-64 shifts a 64-bit value by the count mod 64.
      const shift = BigInt(params.account_fee_scale_bitshifts & 63);
      // fee_helper::get asserts the schedule holds account_create's parameters; that is no field of the operation.
      const fees = yield* ok(E.mapLeft((e: ChainError) => ({ ...e, field: "" }))(
        updateFeeParameters<T.AccountCreateOperationFeeParamsT>(params.current_fees, ACCOUNT_CREATE, (f) => ({
          ...f, basic_fee: BigInt.asUintN(64, f.basic_fee << shift),
        }))));
      s.modify<T.GlobalPropertyObject>(GLOBAL_PROPERTY_ID, (g) => ({ ...g, parameters: { ...g.parameters, current_fees: fees } }));
    }

    // A special authority present in the operation (even no_special_authority) gets the account a
    // special_authority_object, as do_apply tests the optionals' presence.
    if (ext.owner_special_authority || ext.active_special_authority) {
      yield* ensureNoSpecialAuthorityObject(s, account.id);
      s.create<T.SpecialAuthorityObject>(2, IMPL_OBJECT_TYPES.special_authority, (id) => ({ id, account: account.id }));
    }
    if (buyback) {
      s.create<T.BuybackObject>(2, IMPL_OBJECT_TYPES.buyback, (id) => ({ id, asset_to_buy: buyback.asset_to_buy }));
      s.modify<T.AssetObject>(buyback.asset_to_buy, (a) => ({ ...a, buyback_account: account.id }));
    }
    return objectIdResult(account.id);
  },
};

// ---------------------------------------------------------------- account_update (6)

/** vote sets compare as flat_set<vote_id_type>::operator==, element by element through the instance. */
function sameVotes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => voteInstance(v) === voteInstance(b[i]!));
}

/** account_update_evaluator: new authorities, special authorities and options are checked as for
 *  account_create; a change of proxy or votes refreshes the statistics' is_voting and last_vote_time. */
export const accountUpdateEvaluator: Evaluator<T.AccountUpdateOperation, T.AccountObject> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    if (op.owner) yield* verifyAuthorityAccounts(s, op.owner, "owner", UPDATE_AUTH_EXCEPTIONS);
    if (op.active) yield* verifyAuthorityAccounts(s, op.active, "active", UPDATE_AUTH_EXCEPTIONS);
    const ext = op.extensions;
    if (ext.owner_special_authority) yield* evaluateSpecialAuthority(s, ext.owner_special_authority, "extensions.owner_special_authority");
    if (ext.active_special_authority) yield* evaluateSpecialAuthority(s, ext.active_special_authority, "extensions.active_special_authority");
    const account = yield* s.load<T.AccountObject>(op.account, "account");
    if (op.new_options) yield* verifyAccountVotes(s, op.new_options, "new_options");
    return account;
  },

  *apply(ctx, op, before) {
    const s = ctx.s;
    const ext = op.extensions;
    const saBefore = hasSpecialAuthority(before);
    const opts = op.new_options;
    if (opts && (opts.voting_account !== before.options.voting_account || !sameVotes(opts.votes, before.options.votes))) {
      const now = s.headBlockTime();
      s.modify<T.AccountStatisticsObject>(before.statistics, (st) => ({ ...st, is_voting: isVoting(opts), last_vote_time: now }));
    }
    const after = s.modify<T.AccountObject>(op.account, (a) => {
      const next: T.AccountObject = { ...a };
      if (op.owner) {
        next.owner = op.owner;
        next.top_n_control_flags = 0;
      }
      if (op.active) {
        next.active = op.active;
        next.top_n_control_flags = 0;
      }
      if (opts) {
        next.options = opts;
        next.num_committee_voted = numCommitteeVoted(opts);
      }
      if (ext.owner_special_authority) {
        next.owner_special_authority = ext.owner_special_authority;
        next.top_n_control_flags = 0;
      }
      if (ext.active_special_authority) {
        next.active_special_authority = ext.active_special_authority;
        next.top_n_control_flags = 0;
      }
      return next;
    });
    const saAfter = hasSpecialAuthority(after);
    if (saBefore && !saAfter) {
      const sa = s.findUnique<T.SpecialAuthorityObject>(2, IMPL_OBJECT_TYPES.special_authority, "by_account", [inst(op.account)]);
      if (sa === undefined) throw new ChainInvariantError(`account ${op.account} has a special authority but no special_authority_object`);
      s.remove(sa.id);
    } else if (!saBefore && saAfter) {
      // An account created with a no_special_authority extension already has its object: creating a second
      // one breaks the by_account uniqueness and the operation fails.
      yield* ensureNoSpecialAuthorityObject(s, op.account);
      s.create<T.SpecialAuthorityObject>(2, IMPL_OBJECT_TYPES.special_authority, (id) => ({ id, account: op.account }));
    }
    return VOID_RESULT;
  },
};

// ---------------------------------------------------------------- account_whitelist (7)

/** account_whitelist_operation::account_listing. */
const WHITE_LISTED = 0x1;
const BLACK_LISTED = 0x2;

/** account_whitelist_evaluator: unless allow_non_member_whitelists, only lifetime members list accounts;
 *  the listing is recorded on both accounts. */
export const accountWhitelistEvaluator: Evaluator<T.AccountWhitelistOperation, void> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    yield* s.load<T.AccountObject>(op.account_to_list, "account_to_list");
    if (!s.params().allow_non_member_whitelists) {
      const authorizing = yield* s.load<T.AccountObject>(op.authorizing_account, "authorizing_account");
      yield* ensureAssert(isLifetimeMember(authorizing), "account_whitelist.authorizing_lifetime_member", "authorizing_account", () =>
        `authorizing account ${authorizing.id} '${authorizing.name}' is not a lifetime member`);
    }
  },

  *apply(ctx, op) {
    const s = ctx.s;
    const white = (op.new_listing & WHITE_LISTED) !== 0;
    const black = (op.new_listing & BLACK_LISTED) !== 0;
    const by = op.authorizing_account;
    const listed = op.account_to_list;
    s.modify<T.AccountObject>(listed, (a) => ({
      ...a,
      whitelisting_accounts: white ? insertId(a.whitelisting_accounts, by) : eraseId(a.whitelisting_accounts, by),
      blacklisting_accounts: black ? insertId(a.blacklisting_accounts, by) : eraseId(a.blacklisting_accounts, by),
    }));
    s.modify<T.AccountObject>(by, (a) => ({
      ...a,
      whitelisted_accounts: white ? insertId(a.whitelisted_accounts, listed) : eraseId(a.whitelisted_accounts, listed),
      blacklisted_accounts: black ? insertId(a.blacklisted_accounts, listed) : eraseId(a.blacklisted_accounts, listed),
    }));
    return VOID_RESULT;
  },
};

// ---------------------------------------------------------------- account_upgrade (8)

/** account_upgrade_evaluator: a lifetime upgrade first pays out the account's pending fees (the upgrade fee,
 *  just paid, among them) to its old referral chain, then makes the account its own registrar, referrer and
 *  lifetime referrer. Annual membership ended with HARDFORK_613: do_apply refuses it. */
export const accountUpgradeEvaluator: Evaluator<T.AccountUpgradeOperation, T.AccountObject> = {
  *evaluate(ctx, op) {
    const account = yield* ctx.s.load<T.AccountObject>(op.account_to_upgrade, "account_to_upgrade");
    yield* ensureAssert(!isLifetimeMember(account), "account_upgrade.not_lifetime_member", "account_to_upgrade", () =>
      `account ${account.id} '${account.name}' is already a lifetime member`);
    return account;
  },

  *apply(ctx, op, account) {
    const s = ctx.s;
    if (!op.upgrade_to_lifetime_member) {
      // Both the annual-renewal and the basic-to-annual branches assert head_block_time <= HARDFORK_613_TIME.
      const now = s.headBlockTime();
      return yield* stop(chainError("assert_exception", "account_upgrade.annual_membership_discontinued", "upgrade_to_lifetime_member",
        `annual membership upgrades ended with hardfork 613; account ${account.id} '${account.name}' is ${isAnnualMember(account, now) ? "an annual member" : "a basic account"}`));
    }
    processFees(s, account.statistics);
    s.modify<T.AccountObject>(account.id, (a) => ({
      ...a,
      membership_expiration_date: MEMBERSHIP_LIFETIME,
      referrer: a.id,
      registrar: a.id,
      lifetime_referrer: a.id,
      lifetime_referrer_fee_percentage: PERCENT_100 - a.network_fee_percentage,
    }));
    return VOID_RESULT;
  },
};

export const ACCOUNT_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [
  [5, accountCreateEvaluator],
  [6, accountUpdateEvaluator],
  [7, accountWhitelistEvaluator],
  [8, accountUpgradeEvaluator],
];
