// database::init_genesis (db_genesis.cpp): the state before block 1. Special accounts and assets, the
// global objects, 65537 block summaries, then the genesis accounts, assets, balances, witnesses, committee
// members and workers — accounts and candidates created by applying their operations, as bitshares-core does.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { toJson } from "../codec/index.js";
import { chainIdOfGenesis } from "../crypto/digests.js";
import {
  ASSET_ISSUER_PERMISSION_ENABLE_BITS_MASK, BLOCKCHAIN_PRECISION_DIGITS, CORE_ASSET, DEFAULT_BLOCK_INTERVAL,
  DEFAULT_MAINTENANCE_COLLATERAL_RATIO, DEFAULT_MINIMUM_FEEDS, DEFAULT_NETWORK_PERCENT_OF_FEE, DEFAULT_UIA_ASSET_ISSUER_PERMISSION,
  FBA_STEALTH_DESIGNATED_ASSET, IMPL_OBJECT_TYPES as I, MAX_SHARE_SUPPLY, NULL_ACCOUNT, OBJECT_TYPES as P, PERCENT_100, SYMBOL,
  TEMP_ACCOUNT, witness_fed_asset,
} from "../protocol/config.js";
import { chainError, type ChainError } from "../protocol/errors.js";
import { zeroFeeSchedule } from "../protocol/fees/index.js";
import { callPrice } from "../protocol/price.js";
import { Database } from "../db/database.js";
import { adjustBalance, getBalance } from "./balances.js";
import {
  NULL_PUBLIC_KEY, defaultAccount, defaultAccountStatistics, defaultAssetDynamicData, defaultAssetOptions, defaultBitassetData,
} from "./defaults.js";
import { type EvaluatorTable, type TransactionState, applyOperation } from "./evaluator.js";
import { MEMBERSHIP_LIFETIME } from "./fee_payment.js";
import { type Gen, ensureAssert, ok, prefixed, run } from "./gen.js";
import { GLOBAL_PROPERTY_ID, Session } from "./session.js";
import { SKIP } from "./skip.js";
import { CHAIN_TABLES } from "./tables.js";

/** 0x10000 + 1 block summaries: ref_block_num indexes them modulo 2^16. */
const BLOCK_SUMMARY_COUNT = 0x10000 + 1;
/** fba_accumulator_id_count: transfer_to_blind, blind_transfer, transfer_from_blind. */
const FBA_ACCUMULATOR_COUNT = 3;

/** genesis_state_type::compute_chain_id: bitshares-core hashes the genesis file's text (application.cpp);
 *  here, the text of the genesis JSON as given. */
export function genesisChainId(genesisText: string): string {
  return chainIdOfGenesis(genesisText);
}

/** The genesis JSON text btsref hashes for a genesis given as a value: its canonical JSON. */
export function genesisText(genesis: T.GenesisStateType): E.Either<ChainError, string> {
  const json = toJson("genesis_state_type", genesis);
  return E.isLeft(json) ? E.left(chainError("invalid_arg_exception", "genesis.packable", json.left.path, json.left.message)) : E.right(JSON.stringify(json.right));
}

/** init_genesis: the state before the first block, or the first rule of the genesis that fails. */
export function initGenesis(genesis: T.GenesisStateType, chainId: string, evaluators: EvaluatorTable): E.Either<ChainError, Database> {
  const s = new Session(Database.create(CHAIN_TABLES));
  // _current_block_time: objects created by genesis operations carry the genesis time.
  s.position.block_time = genesis.initial_timestamp;
  return E.map(() => s.db)(run(buildGenesis(s, genesis, chainId, evaluators)));
}

function* buildGenesis(s: Session, g: T.GenesisStateType, chainId: string, evaluators: EvaluatorTable): Gen<void> {
  const now = g.initial_timestamp;
  yield* ensureAssert(now !== 0, "genesis.timestamp_set", "initial_timestamp", () => "Must initialize genesis timestamp.");
  yield* ensureAssert(now % DEFAULT_BLOCK_INTERVAL === 0, "genesis.timestamp_aligned", "initial_timestamp", () =>
    `the genesis timestamp ${now} is not a multiple of the default block interval ${DEFAULT_BLOCK_INTERVAL}`);
  yield* ensureAssert(g.initial_witness_candidates.length > 0, "genesis.has_witnesses", "initial_witness_candidates", () => "Cannot start a chain with zero witnesses.");
  yield* ensureAssert(g.initial_active_witnesses <= BigInt(g.initial_witness_candidates.length), "genesis.active_witnesses", "initial_active_witnesses", () =>
    `initial_active_witnesses ${g.initial_active_witnesses} is larger than the ${g.initial_witness_candidates.length} candidate witnesses`);

  // The committee account holds the whole supply until the genesis allocations are known.
  s.create<T.AccountBalanceObject>(2, I.account_balance, (id) => ({ id, owner: "1.2.0", asset_type: CORE_ASSET, balance: MAX_SHARE_SUPPLY, maintenance_flag: false }));
  const special = (name: string, fill: (a: T.AccountObject) => T.AccountObject, stats?: (st: T.AccountStatisticsObject) => T.AccountStatisticsObject): T.AccountObject => {
    const id = s.nextId(1, P.account);
    const st = s.create<T.AccountStatisticsObject>(2, I.account_statistics, (sid) => (stats ?? ((x) => x))(defaultAccountStatistics(sid, id, name)));
    return s.create<T.AccountObject>(1, P.account, (aid) => fill(defaultAccount(aid, name, st.id, 0, now)));
  };
  const member = (a: T.AccountObject, self: string, threshold: number, network = DEFAULT_NETWORK_PERCENT_OF_FEE): T.AccountObject => ({
    ...a, registrar: self, referrer: self, lifetime_referrer: self, membership_expiration_date: MEMBERSHIP_LIFETIME,
    network_fee_percentage: network, lifetime_referrer_fee_percentage: PERCENT_100 - network,
    owner: { ...a.owner, weight_threshold: threshold }, active: { ...a.active, weight_threshold: threshold },
  });
  // committee-account keeps the default registrar and referrers (itself, 1.2.0).
  special("committee-account", (a) => member(a, "1.2.0", 1), (st) => ({ ...st, core_in_balance: MAX_SHARE_SUPPLY }));
  special("witness-account", (a) => member(a, "1.2.1", 1));
  special("relaxed-committee-account", (a) => member(a, "1.2.2", 1));
  special("null-account", (a) => member(a, NULL_ACCOUNT, 1, 0));
  special("temp-account", (a) => member(a, TEMP_ACCOUNT, 0));
  special("proxy-to-self", (a) => member(a, NULL_ACCOUNT, 1, 0));
  // Reserved account ids up to num_special_accounts: created and removed, so the ids stay unused.
  for (let id = s.db.nextInstance(1, P.account); id < g.immutable_parameters.num_special_accounts; id = s.db.nextInstance(1, P.account)) {
    const a = special(`special-account-${id}`, (x) => member(x, `1.2.${id}`, 1));
    s.remove(a.statistics);
    s.remove(a.id);
  }

  const coreDyn = s.create<T.AssetDynamicDataObject>(2, I.asset_dynamic_data, (id) => ({ ...defaultAssetDynamicData(id), current_supply: MAX_SHARE_SUPPLY }));
  const unitCer = (): T.Price => ({ base: { amount: 1n, asset_id: CORE_ASSET }, quote: { amount: 1n, asset_id: CORE_ASSET } });
  const specialAsset = (symbol: string, maxSupply: bigint, dyn: string): T.AssetObject =>
    s.create<T.AssetObject>(1, P.asset, (id) => ({
      id, symbol, precision: BLOCKCHAIN_PRECISION_DIGITS, issuer: NULL_ACCOUNT,
      options: { ...defaultAssetOptions(), max_supply: maxSupply, flags: 0, issuer_permissions: 0, core_exchange_rate: unitCer() },
      dynamic_asset_data_id: dyn, creation_block_num: 0, creation_time: now,
    }));
  specialAsset(SYMBOL, g.max_core_supply, coreDyn.id);
  for (let id = s.db.nextInstance(1, P.asset); id < g.immutable_parameters.num_special_assets; id = s.db.nextInstance(1, P.asset)) {
    const dyn = s.create<T.AssetDynamicDataObject>(2, I.asset_dynamic_data, defaultAssetDynamicData);
    const a = specialAsset(`SPECIAL${id}`, 0n, dyn.id);
    s.remove(dyn.id);
    s.remove(a.id);
  }

  s.create<T.GlobalPropertyObject>(2, I.global_property, (id) => ({
    id, parameters: { ...g.initial_parameters, current_fees: zeroFeeSchedule() }, next_available_vote_id: 0,
    active_committee_members: [], active_witnesses: [],
  }));
  s.create<T.DynamicGlobalPropertyObject>(2, I.dynamic_global_property, (id) => ({
    id, head_block_number: 0, head_block_id: "00".repeat(20), time: now, current_witness: "1.6.0", next_maintenance_time: 0,
    last_vote_tally_time: 0, last_budget_time: 0, witness_budget: 0n, total_pob: 0n, total_inactive: 0n,
    accounts_registered_this_interval: 0, recently_missed_count: 0, current_aslot: 0n, recent_slots_filled: (1n << 128n) - 1n,
    dynamic_flags: 0, last_irreversible_block_num: 0,
  }));
  const ip = g.immutable_parameters;
  yield* ensureAssert((ip.min_witness_count & 1) === 1, "genesis.min_witness_count_odd", "immutable_parameters.min_witness_count", () => "min_witness_count must be odd");
  yield* ensureAssert((ip.min_committee_member_count & 1) === 1, "genesis.min_committee_member_count_odd", "immutable_parameters.min_committee_member_count", () =>
    "min_committee_member_count must be odd");
  s.create<T.ChainPropertyObject>(2, I.chain_property, (id) => ({ id, chain_id: chainId, immutable_parameters: ip }));
  const zeroId = "00".repeat(20);
  for (let i = 0; i < BLOCK_SUMMARY_COUNT; i++) s.create<T.BlockSummaryObject>(2, I.block_summary, (id) => ({ id, block_id: zeroId }));

  const trx: TransactionState = { evaluators, is_proposed_trx: false, skip_fee_schedule_check: false, skip: SKIP.transaction_signatures };
  const zeroFee = (): T.Asset => ({ amount: 0n, asset_id: CORE_ASSET });
  const keyAuthority = (key: string): T.Authority => ({ weight_threshold: 1, account_auths: [], key_auths: [[key, 1]], address_auths: [] });
  const createAccount = function* (name: string, owner: string, active: string, field: string): Gen<string> {
    const op: T.AccountCreateOperation = {
      fee: zeroFee(), registrar: TEMP_ACCOUNT, referrer: "1.2.0", referrer_percent: 0, name,
      owner: keyAuthority(owner), active: keyAuthority(active),
      options: { memo_key: active, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
    };
    const r = yield* genesisOperation(s, trx, [5, op], field);
    return r[1] as string;
  };
  for (const [i, acct] of g.initial_accounts.entries()) {
    const hasActive = acct.active_key !== NULL_PUBLIC_KEY;
    const id = yield* createAccount(acct.name, acct.owner_key, hasActive ? acct.active_key : acct.owner_key, `initial_accounts[${i}]`);
    if (acct.is_lifetime_member) {
      yield* genesisOperation(s, trx, [8, { fee: zeroFee(), account_to_upgrade: id, upgrade_to_lifetime_member: true, extensions: [] }], `initial_accounts[${i}]`);
    }
  }

  const accountId = function* (name: string, field: string): Gen<string> {
    const a = s.findUnique<T.AccountObject>(1, P.account, "by_name", [name]);
    yield* ensureAssert(a !== undefined, "genesis.account_known", field, () => `Unable to find account '${name}'. Did you forget to add a record for it to initial_accounts?`);
    return a!.id;
  };
  const assetId = function* (symbol: string, field: string): Gen<string> {
    const a = s.findUnique<T.AssetObject>(1, P.asset, "by_symbol", [symbol]);
    yield* ensureAssert(a !== undefined, "genesis.asset_known", field, () => `Unable to find asset '${symbol}'. Did you forget to add a record for it to initial_assets?`);
    return a!.id;
  };

  // std::map<asset_id_type, share_type>: ordered by asset instance.
  const supplies = new Map<string, bigint>();
  const debts = new Map<string, bigint>();
  const add = (m: Map<string, bigint>, k: string, v: bigint) => m.set(k, (m.get(k) ?? 0n) + v);
  for (const [i, asst] of g.initial_assets.entries()) {
    const field = `initial_assets[${i}]`;
    const newAssetId = s.nextId(1, P.asset);
    supplies.set(newAssetId, 0n);
    let bitassetId: string | undefined;
    if (asst.is_bitasset) {
      debts.set(newAssetId, 0n);
      for (const [n, rec] of asst.collateral_records.entries()) {
        const name = `${asst.symbol}-collateral-holder-${n}`.toLowerCase();
        const owner = yield* createCollateralHolder(s, trx, name, rec.owner, `${field}.collateral_records[${n}]`);
        s.modify<T.AccountStatisticsObject>(s.get<T.AccountObject>(owner).statistics, (st) => ({ ...st, total_core_in_orders: rec.collateral }));
        const cp = yield* ok(callPrice({ amount: rec.debt, asset_id: newAssetId }, { amount: rec.collateral, asset_id: CORE_ASSET }, DEFAULT_MAINTENANCE_COLLATERAL_RATIO));
        s.create<T.CallOrderObject>(1, P.call_order, (id) => ({ id, borrower: owner, collateral: rec.collateral, debt: rec.debt, call_price: cp }));
        add(supplies, CORE_ASSET, rec.collateral);
        add(debts, newAssetId, rec.debt);
      }
      bitassetId = s.create<T.AssetBitassetDataObject>(2, I.asset_bitasset_data, (id) => {
        const b = defaultBitassetData(id, newAssetId);
        return { ...b, options: { ...b.options, short_backing_asset: CORE_ASSET, minimum_feeds: DEFAULT_MINIMUM_FEEDS } };
      }).id;
    }
    const dyn = s.create<T.AssetDynamicDataObject>(2, I.asset_dynamic_data, (id) => ({ ...defaultAssetDynamicData(id), accumulated_fees: asst.accumulated_fees }));
    add(supplies, newAssetId, asst.accumulated_fees);
    const issuer = yield* accountId(asst.issuer_name, `${field}.issuer_name`);
    s.create<T.AssetObject>(1, P.asset, (id) => ({
      id, symbol: asst.symbol, precision: asst.precision, issuer,
      options: {
        ...defaultAssetOptions(), description: asst.description, max_supply: asst.max_supply, flags: witness_fed_asset,
        issuer_permissions: asst.is_bitasset ? ASSET_ISSUER_PERMISSION_ENABLE_BITS_MASK : DEFAULT_UIA_ASSET_ISSUER_PERMISSION,
      },
      dynamic_asset_data_id: dyn.id, ...(bitassetId === undefined ? {} : { bitasset_data_id: bitassetId }),
      creation_block_num: 0, creation_time: now,
    }));
  }

  for (const [i, h] of g.initial_balances.entries()) {
    const a = yield* assetId(h.asset_symbol, `initial_balances[${i}].asset_symbol`);
    s.create<T.BalanceObject>(1, P.balance, (id) => ({ id, owner: h.owner, balance: { amount: h.amount, asset_id: a }, last_claim_date: 0 }));
    add(supplies, a, h.amount);
  }
  for (const [i, v] of g.initial_vesting_balances.entries()) {
    const a = yield* assetId(v.asset_symbol, `initial_vesting_balances[${i}].asset_symbol`);
    s.create<T.BalanceObject>(1, P.balance, (id) => ({
      id, owner: v.owner, balance: { amount: v.amount, asset_id: a },
      vesting_policy: { begin_timestamp: v.begin_timestamp, vesting_cliff_seconds: 0, vesting_duration_seconds: v.vesting_duration_seconds, begin_balance: v.begin_balance },
      last_claim_date: 0,
    }));
    add(supplies, a, v.amount);
  }
  if ((supplies.get(CORE_ASSET) ?? 0n) > 0n) {
    yield* adjustBalance(s, "1.2.0", { amount: -getBalance(s, "1.2.0", CORE_ASSET), asset_id: CORE_ASSET });
  } else {
    supplies.set(CORE_ASSET, MAX_SHARE_SUPPLY);
  }
  for (const a of s.db.range<T.AssetObject>(1, P.asset, "by_symbol")) {
    if (a.bitasset_data_id === undefined) continue;
    const supply = supplies.get(a.id) ?? 0n;
    const debt = debts.get(a.id) ?? 0n;
    yield* ensureAssert(supply === debt, "genesis.bitasset_balanced", "initial_assets", () =>
      `Genesis for asset ${a.symbol} is not balanced: debt ${debt}, supply ${supply}`);
  }
  for (const [id, total] of [...supplies].sort(([a], [b]) => instanceOf(a) - instanceOf(b))) {
    s.modify<T.AssetDynamicDataObject>(s.get<T.AssetObject>(id).dynamic_asset_data_id, (d) => ({ ...d, current_supply: total }));
  }

  // Witness 1.6.0 is GRAPHENE_NULL_WITNESS: its id is taken and left unused.
  s.remove(s.create<T.WitnessObject>(1, P.witness, (id) => ({
    id, witness_account: "1.2.0", last_aslot: 0n, signing_key: NULL_PUBLIC_KEY, vote_id: "1:0", total_votes: 0n, url: "",
    total_missed: 0n, last_confirmed_block_num: 0,
  })).id);
  for (const [i, w] of g.initial_witness_candidates.entries()) {
    const account = yield* accountId(w.owner_name, `initial_witness_candidates[${i}].owner_name`);
    yield* genesisOperation(s, trx, [20, { fee: zeroFee(), witness_account: account, url: "", block_signing_key: w.block_signing_key }], `initial_witness_candidates[${i}]`);
  }
  for (const [i, c] of g.initial_committee_candidates.entries()) {
    const account = yield* accountId(c.owner_name, `initial_committee_candidates[${i}].owner_name`);
    yield* genesisOperation(s, trx, [29, { fee: zeroFee(), committee_member_account: account, url: "" }], `initial_committee_candidates[${i}]`);
  }
  for (const [i, w] of g.initial_worker_candidates.entries()) {
    const owner = yield* accountId(w.owner_name, `initial_worker_candidates[${i}].owner_name`);
    yield* genesisOperation(s, trx, [34, {
      fee: zeroFee(), owner, work_begin_date: now, work_end_date: 0xffffffff, daily_pay: w.daily_pay, name: `Genesis-Worker-${w.owner_name}`,
      url: "", initializer: [1, { pay_vesting_period_days: 0 }],
    }], `initial_worker_candidates[${i}]`);
  }
  const active: string[] = [];
  for (let i = 1n; i <= g.initial_active_witnesses; i++) active.push(`1.6.${i}`);
  s.modify<T.GlobalPropertyObject>(GLOBAL_PROPERTY_ID, (p) => ({
    ...p, active_witnesses: active, parameters: { ...p.parameters, current_fees: g.initial_parameters.current_fees },
  }));
  s.create<T.WitnessScheduleObject>(2, I.witness_schedule, (id) => ({ id, current_shuffled_witnesses: active }));
  for (let i = 0; i < FBA_ACCUMULATOR_COUNT; i++) {
    s.create<T.FbaAccumulatorObject>(2, I.fba_accumulator, (id) => ({ id, accumulated_fba_fees: 0n, designated_asset: FBA_STEALTH_DESIGNATED_ASSET }));
  }
}

const instanceOf = (id: string): number => Number(id.slice(id.lastIndexOf(".") + 1));

/** An operation applied by init_genesis; its failure names the genesis entry it came from. */
function genesisOperation(s: Session, trx: TransactionState, op: T.Operation, field: string): Gen<T.OperationResult> {
  return prefixed(applyOperation(s, trx, op), field);
}

function* createCollateralHolder(s: Session, trx: TransactionState, name: string, owner: string, field: string): Gen<string> {
  const auth: T.Authority = { weight_threshold: 1, account_auths: [], key_auths: [], address_auths: [[owner, 1]] };
  const op: T.AccountCreateOperation = {
    fee: { amount: 0n, asset_id: CORE_ASSET }, registrar: TEMP_ACCOUNT, referrer: "1.2.0", referrer_percent: 0, name, owner: auth, active: auth,
    options: { memo_key: NULL_PUBLIC_KEY, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
  };
  const r = yield* genesisOperation(s, trx, [5, op], field);
  return r[1] as string;
}
