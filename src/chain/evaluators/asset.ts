// The asset evaluators of libraries/chain/asset_evaluator.cpp that are not about feeds or settlement:
// asset_create (10), asset_update (11), asset_issue (14), asset_reserve (15), asset_fund_fee_pool (16),
// asset_claim_fees (43), asset_claim_pool (47) and asset_update_issuer (48). Every hardfork is active, so
// each hardfork guard there is taken on its post-hardfork side (the "before hardfork X" checks never fail).
import { either as E } from "fp-ts";
import type * as T from "../../../generated/native-types.js";
import {
  ASSET_ISSUER_PERMISSION_DISABLE_BITS_MASK, ASSET_ISSUER_PERMISSION_ENABLE_BITS_MASK, ASSET_ISSUER_PERMISSION_MASK,
  COMMITTEE_ACCOUNT, CORE_ASSET, IMPL_OBJECT_TYPES as I, NON_UIA_ONLY_ISSUER_PERMISSION_MASK, OBJECT_TYPES as P,
  PERMISSION_ONLY_MASK, UIA_ASSET_ISSUER_PERMISSION_MASK, disable_bsrm_update, disable_collateral_bidding,
  disable_force_settle, disable_new_supply, global_settle, lock_max_supply,
} from "../../protocol/config.js";
import { type ChainError, withFieldPrefix } from "../../protocol/errors.js";
import { priceLess, priceNotEquals } from "../../protocol/price.js";
import { validateAssetOptionsFlags } from "../../protocol/validate/index.js";
import { adjustBalance, isAuthorizedAsset } from "../balances.js";
import { defaultAssetDynamicData, defaultBitassetData } from "../defaults.js";
import { type Evaluator, VOID_RESULT, objectIdResult, payFee } from "../evaluator.js";
import { type Gen, PASSED, ensure, ensureAssert, stop } from "../gen.js";
import type { Session } from "../session.js";
import { inst } from "../tables.js";

/** The flags an asset may carry (types.hpp): every permission bit except the permission-only ones. */
export const VALID_FLAGS_MASK = ASSET_ISSUER_PERMISSION_MASK & ~PERMISSION_ONLY_MASK & 0xffff;
export const UIA_VALID_FLAGS_MASK = UIA_ASSET_ISSUER_PERMISSION_MASK;

// ---------------------------------------------------------------------------------------------------
// asset_object's predicates (asset_object.hpp) and asset_options::get_enabled_issuer_permissions_mask

export const isMarketIssued = (a: T.AssetObject): boolean => a.bitasset_data_id !== undefined;
export const isLiquidityPoolShareAsset = (a: T.AssetObject): boolean => a.for_liquidity_pool !== undefined;
export const canForceSettle = (a: T.AssetObject): boolean => (a.options.flags & disable_force_settle) === 0;
export const canGlobalSettle = (a: T.AssetObject): boolean => (a.options.issuer_permissions & global_settle) !== 0;
export const canUpdateMaxSupply = (a: T.AssetObject): boolean => (a.options.flags & lock_max_supply) === 0;
export const canCreateNewSupply = (a: T.AssetObject): boolean => (a.options.flags & disable_new_supply) === 0;
export const canBidCollateral = (a: T.AssetObject): boolean => (a.options.flags & disable_collateral_bidding) === 0;

/** The permissions an issuer still holds: "enable" bits that are set and "disable" bits that are clear
 *  (a set disable bit such as lock_max_supply in issuer_permissions is a permission given up). */
export function enabledIssuerPermissionsMask(o: T.AssetOptions): number {
  return (o.issuer_permissions & ASSET_ISSUER_PERMISSION_ENABLE_BITS_MASK) |
    (~o.issuer_permissions & 0xffff & ASSET_ISSUER_PERMISSION_DISABLE_BITS_MASK);
}

/** asset_object::can_accumulate_fee: fees in the asset itself, or a market-issued asset's fees in its
 *  backing asset (collateral-denominated fees, BSIP 74/87). */
export function canAccumulateFee(s: Session, a: T.AssetObject, fee: T.Asset): boolean {
  if (fee.asset_id === a.id) return true;
  return isMarketIssued(a) && fee.asset_id === s.get<T.AssetBitassetDataObject>(a.bitasset_data_id!).options.short_backing_asset;
}

/** A check of src/protocol seen from the operation: its field path under `prefix`. */
// These checks run for every asset_create and asset_update: plain functions returning a finished
// computation, not generators (see gen.ts `step`).
function checked(prefix: string, r: E.Either<ChainError, void>): Gen<void> {
  return E.isLeft(r) ? stop(withFieldPrefix(r.left, prefix)) : PASSED;
}

/** The whitelist and blacklist authorities of new options: each account must exist (`d.get(id)`). */
function loadAccounts(s: Session, ids: readonly string[], field: string): Gen<void> {
  for (let i = 0; i < ids.length; i++) if (s.find(ids[i]!) === undefined) return s.load<never>(ids[i]!, `${field}[${i}]`);
  return PASSED;
}

function authoritiesWithinLimit(s: Session, rule: string, field: string, ids: readonly string[]): Gen<void> {
  const max = s.params().maximum_asset_whitelist_authorities;
  return ensureAssert(ids.length <= max, rule, field, () => `${ids.length} accounts in ${field}, more than maximum_asset_whitelist_authorities ${max}`);
}

// ---------------------------------------------------------------------------------------------------
// database::cancel_settle_order and database::cancel_bid (db_market.cpp), which asset_update needs when
// it disables force settlement or collateral bidding.

/** database::cancel_settle_order: the settling amount goes back to its owner. */
export function* cancelSettleOrder(s: Session, order: T.ForceSettlementObject): Gen<void> {
  yield* adjustBalance(s, order.owner, order.balance);
  s.pushAppliedOperation([42, { fee: { amount: 0n, asset_id: CORE_ASSET }, settlement: order.id, account: order.owner, amount: order.balance }]);
  s.remove(order.id);
}

/** database::cancel_bid: the bid collateral goes back to the bidder, recorded as a bid of nothing. */
export function* cancelBid(s: Session, bid: T.CollateralBidObject, createVirtualOp = true): Gen<void> {
  yield* adjustBalance(s, bid.bidder, bid.inv_swan_price.base);
  if (createVirtualOp) {
    s.pushAppliedOperation([45, {
      fee: { amount: 0n, asset_id: CORE_ASSET }, bidder: bid.bidder, additional_collateral: bid.inv_swan_price.base,
      debt_covered: { amount: 0n, asset_id: bid.inv_swan_price.quote.asset_id }, extensions: [],
    }]);
  }
  s.remove(bid.id);
}

/** The settle orders of an asset in by_expiration order (settlement date, then id). */
export function settleOrdersOf(s: Session, assetId: string): T.ForceSettlementObject[] {
  return [...s.db.withPrefix<T.ForceSettlementObject>(1, P.force_settlement, "by_expiration", [inst(assetId)])];
}

/** The collateral bids on a debt asset in by_price order: highest inv_swan_price first, then by id. */
export function collateralBidsOf(s: Session, assetId: string): T.CollateralBidObject[] {
  const bids = [...s.db.withPrefix<T.CollateralBidObject>(2, I.collateral_bid, "by_account", [inst(assetId)])];
  return bids.sort((x, y) =>
    priceLess(y.inv_swan_price, x.inv_swan_price) ? -1 : priceLess(x.inv_swan_price, y.inv_swan_price) ? 1 : inst(x.id) - inst(y.id));
}

// ---------------------------------------------------------------------------------------------------
// asset_create (10)

export interface AssetCreateFound {
  /** asset_create_evaluator::fee_is_odd, known from core_fee_paid before pay_fee halves it. */
  readonly feeIsOdd: boolean;
}

/** The bitasset_opts checks of asset_create_evaluator::do_evaluate: at most two levels of backing, a
 *  committee-issued asset backed by CORE (directly or through one bitasset), feed lifetime and settlement
 *  delay longer than a block interval, and a prediction market as precise as its backing asset. */
function* checkBitassetOpts(s: Session, op: T.AssetCreateOperation): Gen<void> {
  const opts = op.bitasset_opts;
  if (opts !== undefined) {
    const field = "bitasset_opts.short_backing_asset";
    const backing = yield* s.load<T.AssetObject>(opts.short_backing_asset, field);
    if (isMarketIssued(backing)) {
      const backingBacking = s.get<T.AssetObject>(s.get<T.AssetBitassetDataObject>(backing.bitasset_data_id!).options.short_backing_asset);
      yield* ensureAssert(!isMarketIssued(backingBacking), "asset_create.backing_depth", field, () =>
        `the backing asset ${backing.symbol} is backed by the bitasset ${backingBacking.symbol}: a bitasset backed by a bitasset backed by a bitasset is not allowed`);
      yield* ensureAssert(op.issuer !== COMMITTEE_ACCOUNT || backingBacking.id === CORE_ASSET, "asset_create.committee_asset_backed_by_core", field, () =>
        `a committee-issued market asset must be backed by CORE, but ${backing.symbol} is backed by ${backingBacking.symbol}`);
    } else {
      yield* ensureAssert(op.issuer !== COMMITTEE_ACCOUNT || backing.id === CORE_ASSET, "asset_create.committee_asset_backed_by_core", field, () =>
        `a committee-issued market asset must be backed by CORE, not ${backing.symbol}`);
    }
    const interval = s.params().block_interval;
    yield* ensureAssert(opts.feed_lifetime_sec > interval && opts.force_settlement_delay_sec > interval,
      "asset_create.bitasset_periods_exceed_block_interval",
      opts.feed_lifetime_sec > interval ? "bitasset_opts.force_settlement_delay_sec" : "bitasset_opts.feed_lifetime_sec", () =>
        `feed_lifetime_sec ${opts.feed_lifetime_sec} and force_settlement_delay_sec ${opts.force_settlement_delay_sec} must both exceed the block interval ${interval}`);
  }
  if (op.is_prediction_market) {
    yield* ensureAssert(opts !== undefined, "asset_create.prediction_market_bitasset_opts", "bitasset_opts", () => "a prediction market needs bitasset_opts");
    const backing = s.get<T.AssetObject>(opts!.short_backing_asset);
    yield* ensureAssert(op.precision === backing.precision, "asset_create.prediction_market_precision", "precision", () =>
      `a prediction market must have the precision ${backing.precision} of its backing asset ${backing.symbol}, not ${op.precision}`);
  }
}

export const assetCreateEvaluator: Evaluator<T.AssetCreateOperation, AssetCreateFound> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const o = op.common_options;
    yield* checked("common_options", validateAssetOptionsFlags(o, op.bitasset_opts !== undefined));
    yield* authoritiesWithinLimit(s, "asset_create.whitelist_authorities_max", "common_options.whitelist_authorities", o.whitelist_authorities);
    yield* authoritiesWithinLimit(s, "asset_create.blacklist_authorities_max", "common_options.blacklist_authorities", o.blacklist_authorities);
    yield* loadAccounts(s, o.whitelist_authorities, "common_options.whitelist_authorities");
    yield* loadAccounts(s, o.blacklist_authorities, "common_options.blacklist_authorities");
    yield* ensureAssert(s.findUnique(1, P.asset, "by_symbol", [op.symbol]) === undefined, "asset_create.symbol_unique", "symbol", () =>
      `an asset with the symbol '${op.symbol}' already exists`);
    // hardfork 385: "A.B" is reserved to the issuer of A.
    const dot = op.symbol.lastIndexOf(".");
    if (dot >= 0) {
      const prefix = op.symbol.slice(0, dot);
      const parent = s.findUnique<T.AssetObject>(1, P.asset, "by_symbol", [prefix]);
      yield* ensureAssert(parent !== undefined, "asset_create.sub_asset_parent_exists", "symbol", () =>
        `asset ${op.symbol} may only be created by the issuer of asset ${prefix}, which does not exist`);
      yield* ensureAssert(parent!.issuer === op.issuer, "asset_create.sub_asset_parent_issuer", "issuer", () =>
        `asset ${op.symbol} may only be created by ${parent!.issuer}, the issuer of ${prefix}, not by ${op.issuer}`);
    }
    yield* checkBitassetOpts(s, op);
    // fee_is_odd is computed by pay_fee in C++; core_fee_paid is the same value here, before payFee halves it.
    return { feeIsOdd: ctx.fee.core_fee_paid % 2n !== 0n };
  },
  /** asset_create_evaluator::pay_fee: half the fee (rounded down) is kept back for the new fee pool. */
  payFee(ctx) {
    ctx.fee.core_fee_paid -= ctx.fee.core_fee_paid / 2n;
    payFee(ctx);
  },
  *apply(ctx, op, found) {
    const s = ctx.s;
    // hardfork core-429: of an odd fee, the odd unit went to the payer's fees, so the pool gets one less.
    const pool = ctx.fee.core_fee_paid - (found.feeIsOdd ? 1n : 0n);
    const dyn = s.create<T.AssetDynamicDataObject>(2, I.asset_dynamic_data, (id) => ({ ...defaultAssetDynamicData(id), fee_pool: pool }));
    const assetId = s.nextId(1, P.asset);
    const bitasset = op.bitasset_opts === undefined ? undefined : s.create<T.AssetBitassetDataObject>(2, I.asset_bitasset_data, (id) => ({
      ...defaultBitassetData(id, assetId), options: op.bitasset_opts!, is_prediction_market: op.is_prediction_market,
    }));
    // The placeholder 1.3.1 of the core exchange rate (the side that is not CORE) becomes the new id.
    const cer = op.common_options.core_exchange_rate;
    const newCer: T.Price = inst(cer.base.asset_id) === 0
      ? { base: cer.base, quote: { ...cer.quote, asset_id: assetId } }
      : { base: { ...cer.base, asset_id: assetId }, quote: cer.quote };
    const block = s.position;
    const created = s.create<T.AssetObject>(1, P.asset, (id) => ({
      id, symbol: op.symbol, precision: op.precision, issuer: op.issuer, options: { ...op.common_options, core_exchange_rate: newCer },
      dynamic_asset_data_id: dyn.id, ...(bitasset === undefined ? {} : { bitasset_data_id: bitasset.id }),
      creation_block_num: block.block_num, creation_time: block.block_time,
    }));
    return objectIdResult(created.id);
  },
};

// ---------------------------------------------------------------------------------------------------
// asset_update (11)

export interface AssetUpdateFound {
  readonly asset: T.AssetObject;
  readonly bitasset?: T.AssetBitassetDataObject;
}

export const assetUpdateEvaluator: Evaluator<T.AssetUpdateOperation, AssetUpdateFound> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const n = op.new_options;
    const a = yield* s.load<T.AssetObject>(op.asset_to_update, "asset_to_update");
    const mia = isMarketIssued(a);
    // asset_object::validate on the asset with its new options.
    if (!mia) {
      yield* ensureAssert((n.flags & (disable_force_settle | global_settle)) === 0, "asset_object.uia_settle_flags", "new_options.flags", () =>
        `flags ${n.flags} of a user-issued asset include disable_force_settle or global_settle`);
      yield* ensureAssert((n.issuer_permissions & (disable_force_settle | global_settle)) === 0, "asset_object.uia_settle_permissions",
        "new_options.issuer_permissions", () => `issuer_permissions ${n.issuer_permissions} of a user-issued asset include disable_force_settle or global_settle`);
    }
    // hardfork core-199: the issuer changes only through asset_update_issuer.
    yield* ensureAssert(op.new_issuer === undefined, "asset_update.new_issuer_deprecated", "new_issuer", () =>
      "updating the issuer requires asset_update_issuer_operation");
    const bitasset = mia ? s.get<T.AssetBitassetDataObject>(a.bitasset_data_id!) : undefined;
    const pm = bitasset?.is_prediction_market === true;
    // hardfork core-2467
    if (!mia) {
      yield* ensureAssert((n.issuer_permissions & NON_UIA_ONLY_ISSUER_PERMISSION_MASK) === 0, "asset_update.uia_permissions",
        "new_options.issuer_permissions", () => `issuer_permissions ${n.issuer_permissions} include bits only market-issued assets may have`);
    } else if (pm) {
      yield* ensureAssert((n.issuer_permissions & disable_bsrm_update) === 0, "asset_update.prediction_market_bsrm_permission",
        "new_options.issuer_permissions", () => "a prediction market cannot have the disable_bsrm_update permission");
    }
    let enabled = enabledIssuerPermissionsMask(a.options);
    if (pm) {
      yield* ensureAssert((n.issuer_permissions & global_settle) !== 0, "asset_update.prediction_market_global_settle",
        "new_options.issuer_permissions", () => "the global_settle permission must stay enabled for a prediction market");
      enabled |= global_settle;
    }
    const dyn = s.get<T.AssetDynamicDataObject>(a.dynamic_asset_data_id);
    if (dyn.current_supply !== 0n) {
      // With supply outstanding a revoked permission cannot come back; a UIA may still drop non-UIA bits
      // and a prediction market the disable_bsrm_update bit.
      const reinstated = enabledIssuerPermissionsMask(n) & ~enabled & 0xffff;
      const relevant = !mia ? reinstated & UIA_ASSET_ISSUER_PERMISSION_MASK : pm ? reinstated & ~disable_bsrm_update : reinstated;
      yield* ensureAssert(relevant === 0, "asset_update.permissions_not_reinstated", "new_options.issuer_permissions", () =>
        `permission bits ${relevant} were revoked and cannot be reinstated while the current supply is ${dyn.current_supply}`);
      yield* ensureAssert(op.extensions.new_precision === undefined, "asset_update.precision_fixed_with_supply", "extensions.new_precision", () =>
        `the precision cannot change while the current supply is ${dyn.current_supply}`);
      yield* ensureAssert(dyn.current_supply <= n.max_supply, "asset_update.max_supply_covers_supply", "new_options.max_supply", () =>
        `max_supply ${n.max_supply} is below the current supply ${dyn.current_supply}`);
    }
    yield* checked("new_options", validateAssetOptionsFlags(n, mia));
    const checkBits = mia ? VALID_FLAGS_MASK : UIA_VALID_FLAGS_MASK;
    const forbidden = (n.flags ^ a.options.flags) & checkBits & ~enabled & 0xffff;
    yield* ensureAssert(forbidden === 0, "asset_update.flag_change_permitted", "new_options.flags", () =>
      `changing flag bits ${forbidden} is forbidden by the issuer permissions ${a.options.issuer_permissions}`);
    yield* ensureAssert(op.issuer === a.issuer, "asset_update.issuer", "issuer", () =>
      `${op.issuer} is not the issuer ${a.issuer} of asset ${a.id} '${a.symbol}'`);
    yield* ensureAssert(canUpdateMaxSupply(a) || a.options.max_supply === n.max_supply, "asset_update.max_supply_locked", "new_options.max_supply", () =>
      `the max supply ${a.options.max_supply} of ${a.symbol} is locked (lock_max_supply)`);
    const precision = op.extensions.new_precision;
    if (precision !== undefined) {
      yield* ensureAssert(precision !== a.precision, "asset_update.new_precision_changes", "extensions.new_precision", () =>
        `new_precision ${precision} is the current precision`);
      if (mia) yield* ensureAssert(!pm, "asset_update.prediction_market_precision", "extensions.new_precision", () =>
        "the precision of a prediction market cannot change");
      const backed = s.db.withPrefix<T.AssetBitassetDataObject>(2, I.asset_bitasset_data, "by_short_backing_asset", [inst(a.id)]).next();
      yield* ensureAssert(backed.done === true, "asset_update.precision_not_backing", "extensions.new_precision", () =>
        `asset ${backed.done ? "" : backed.value.asset_id} is backed by ${a.symbol}, whose precision therefore cannot change`);
    }
    yield* authoritiesWithinLimit(s, "asset_update.whitelist_authorities_max", "new_options.whitelist_authorities", n.whitelist_authorities);
    yield* loadAccounts(s, n.whitelist_authorities, "new_options.whitelist_authorities");
    yield* authoritiesWithinLimit(s, "asset_update.blacklist_authorities_max", "new_options.blacklist_authorities", n.blacklist_authorities);
    yield* loadAccounts(s, n.blacklist_authorities, "new_options.blacklist_authorities");
    return bitasset === undefined ? { asset: a } : { asset: a, bitasset };
  },
  *apply(ctx, op, { asset: a, bitasset }) {
    const s = ctx.s;
    const n = op.new_options;
    // Disabling force settlement cancels the pending settle orders; disabling collateral bidding, the bids.
    if ((n.flags & disable_force_settle) !== 0 && canForceSettle(a))
      for (const order of settleOrdersOf(s, a.id)) yield* cancelSettleOrder(s, order);
    if ((n.flags & disable_collateral_bidding) !== 0 && canBidCollateral(a))
      for (const bid of collateralBidsOf(s, a.id)) yield* cancelBid(s, bid);
    // A new core exchange rate of a market-issued asset is noted for the next feed update.
    if (op.extensions.skip_core_exchange_rate === undefined && bitasset !== undefined && priceNotEquals(a.options.core_exchange_rate, n.core_exchange_rate)) {
      if (!bitasset.asset_cer_updated) s.modify<T.AssetBitassetDataObject>(bitasset.id, (b) => ({ ...b, asset_cer_updated: true }));
    }
    s.modify<T.AssetObject>(a.id, (cur) => ({
      ...cur,
      ...(op.extensions.new_precision === undefined ? {} : { precision: op.extensions.new_precision }),
      options: op.extensions.skip_core_exchange_rate === undefined ? n : { ...n, core_exchange_rate: cur.options.core_exchange_rate },
    }));
    return VOID_RESULT;
  },
};

// ---------------------------------------------------------------------------------------------------
// asset_update_issuer (48)

/** validate_new_issuer: the account exists, and a market-issued asset handed to the committee is backed
 *  by CORE, directly or through one bitasset. */
function* validateNewIssuer(s: Session, a: T.AssetObject, newIssuer: string, rule: string, field: string): Gen<void> {
  yield* ensureAssert(s.find(newIssuer) !== undefined, `${rule}.new_issuer_exists`, field, () => `the new issuer account ${newIssuer} does not exist`);
  if (!isMarketIssued(a) || newIssuer !== COMMITTEE_ACCOUNT) return;
  const backing = s.get<T.AssetObject>(s.get<T.AssetBitassetDataObject>(a.bitasset_data_id!).options.short_backing_asset);
  const root = isMarketIssued(backing)
    ? s.get<T.AssetObject>(s.get<T.AssetBitassetDataObject>(backing.bitasset_data_id!).options.short_backing_asset)
    : backing;
  yield* ensureAssert(root.id === CORE_ASSET, `${rule}.committee_asset_backed_by_core`, field, () =>
    `a committee-issued market asset must be backed by CORE, but ${a.symbol} is backed by ${backing.symbol}` +
    (root === backing ? "" : ` which is backed by ${root.symbol}`));
}

export const assetUpdateIssuerEvaluator: Evaluator<T.AssetUpdateIssuerOperation, T.AssetObject> = {
  *evaluate(ctx, op) {
    const a = yield* ctx.s.load<T.AssetObject>(op.asset_to_update, "asset_to_update");
    yield* validateNewIssuer(ctx.s, a, op.new_issuer, "asset_update_issuer", "new_issuer");
    yield* ensureAssert(op.issuer === a.issuer, "asset_update_issuer.issuer", "issuer", () =>
      `${op.issuer} is not the issuer ${a.issuer} of asset ${a.id} '${a.symbol}'`);
    return a;
  },
  *apply(ctx, op, a) {
    ctx.s.modify<T.AssetObject>(a.id, (cur) => ({ ...cur, issuer: op.new_issuer }));
    return VOID_RESULT;
  },
};

// ---------------------------------------------------------------------------------------------------
// asset_issue (14), asset_reserve (15), asset_fund_fee_pool (16)

export const assetIssueEvaluator: Evaluator<T.AssetIssueOperation, T.AssetObject> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const a = yield* s.load<T.AssetObject>(op.asset_to_issue.asset_id, "asset_to_issue.asset_id");
    yield* ensureAssert(op.issuer === a.issuer, "asset_issue.issuer", "issuer", () => `${op.issuer} is not the issuer ${a.issuer} of asset ${a.id} '${a.symbol}'`);
    yield* ensureAssert(!isMarketIssued(a), "asset_issue.not_market_issued", "asset_to_issue.asset_id", () =>
      `${a.symbol} is a market-issued asset and cannot be issued manually`);
    yield* ensureAssert(!isLiquidityPoolShareAsset(a), "asset_issue.not_pool_share", "asset_to_issue.asset_id", () =>
      `${a.symbol} is a liquidity pool share asset and cannot be issued manually`);
    yield* ensureAssert(canCreateNewSupply(a), "asset_issue.new_supply_allowed", "asset_to_issue.asset_id", () =>
      `${a.symbol} has the disable_new_supply flag`);
    const to = yield* s.load<T.AccountObject>(op.issue_to_account, "issue_to_account");
    yield* ensureAssert(isAuthorizedAsset(to, a), "asset_issue.to_authorized", "issue_to_account", () =>
      `account ${to.id} '${to.name}' is not authorized to hold asset ${a.id} '${a.symbol}'`);
    const supply = s.get<T.AssetDynamicDataObject>(a.dynamic_asset_data_id).current_supply;
    yield* ensureAssert(supply + op.asset_to_issue.amount <= a.options.max_supply, "asset_issue.max_supply", "asset_to_issue.amount", () =>
      `issuing ${op.asset_to_issue.amount} on top of the current supply ${supply} exceeds max_supply ${a.options.max_supply}`);
    return a;
  },
  *apply(ctx, op, a) {
    yield* adjustBalance(ctx.s, op.issue_to_account, op.asset_to_issue, "asset_to_issue");
    ctx.s.modify<T.AssetDynamicDataObject>(a.dynamic_asset_data_id, (d) => ({ ...d, current_supply: d.current_supply + op.asset_to_issue.amount }));
    return VOID_RESULT;
  },
};

export const assetReserveEvaluator: Evaluator<T.AssetReserveOperation, T.AssetObject> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const a = yield* s.load<T.AssetObject>(op.amount_to_reserve.asset_id, "amount_to_reserve.asset_id");
    yield* ensure(!isMarketIssued(a), "asset_reserve_invalid_on_mia", "asset_reserve.not_market_issued", "amount_to_reserve.asset_id", () =>
      `cannot reserve ${a.symbol} because it is a market-issued asset`);
    const from = ctx.fee.fee_paying_account;
    yield* ensureAssert(isAuthorizedAsset(from, a), "asset_reserve.payer_authorized", "payer", () =>
      `account ${from.id} '${from.name}' is not authorized to transact asset ${a.id} '${a.symbol}'`);
    const supply = s.get<T.AssetDynamicDataObject>(a.dynamic_asset_data_id).current_supply;
    const amount = op.amount_to_reserve.amount;
    // A pool share asset keeps at least one unit outstanding.
    if (!isLiquidityPoolShareAsset(a)) {
      yield* ensureAssert(supply >= amount, "asset_reserve.within_supply", "amount_to_reserve.amount", () =>
        `cannot reserve ${amount}, more than the current supply ${supply}`);
    } else {
      yield* ensureAssert(supply > amount, "asset_reserve.pool_share_below_supply", "amount_to_reserve.amount", () =>
        `cannot reserve ${amount} of a liquidity pool share asset: it must be less than the current supply ${supply}`);
    }
    return a;
  },
  *apply(ctx, op, a) {
    yield* adjustBalance(ctx.s, op.payer, { amount: -op.amount_to_reserve.amount, asset_id: op.amount_to_reserve.asset_id }, "amount_to_reserve.amount");
    ctx.s.modify<T.AssetDynamicDataObject>(a.dynamic_asset_data_id, (d) => ({ ...d, current_supply: d.current_supply - op.amount_to_reserve.amount }));
    return VOID_RESULT;
  },
};

export const assetFundFeePoolEvaluator: Evaluator<T.AssetFundFeePoolOperation, T.AssetObject> = {
  *evaluate(ctx, op) {
    return yield* ctx.s.load<T.AssetObject>(op.asset_id, "asset_id");
  },
  *apply(ctx, op, a) {
    yield* adjustBalance(ctx.s, op.from_account, { amount: -op.amount, asset_id: CORE_ASSET }, "amount");
    ctx.s.modify<T.AssetDynamicDataObject>(a.dynamic_asset_data_id, (d) => ({ ...d, fee_pool: d.fee_pool + op.amount }));
    return VOID_RESULT;
  },
};

// ---------------------------------------------------------------------------------------------------
// asset_claim_fees (43), asset_claim_pool (47)

export const assetClaimFeesEvaluator: Evaluator<T.AssetClaimFeesOperation, T.AssetObject> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const from = op.extensions.claim_from_asset_id;
    const container = from !== undefined
      ? yield* s.load<T.AssetObject>(from, "extensions.claim_from_asset_id")
      : yield* s.load<T.AssetObject>(op.amount_to_claim.asset_id, "amount_to_claim.asset_id");
    yield* ensureAssert(container.issuer === op.issuer, "asset_claim_fees.issuer", "issuer", () =>
      `fees of ${container.symbol} may only be claimed by its issuer ${container.issuer}, not ${op.issuer}`);
    yield* ensureAssert(canAccumulateFee(s, container, op.amount_to_claim), "asset_claim_fees.asset_holds_fees", "amount_to_claim.asset_id", () =>
      `asset ${container.id} '${container.symbol}' is not backed by ${op.amount_to_claim.asset_id} and does not hold it as fees`);
    const dyn = s.get<T.AssetDynamicDataObject>(container.dynamic_asset_data_id);
    const amount = op.amount_to_claim.amount;
    if (container.id === op.amount_to_claim.asset_id) {
      yield* ensureAssert(amount <= dyn.accumulated_fees, "asset_claim_fees.within_accumulated_fees", "amount_to_claim.amount", () =>
        `cannot claim ${amount}: ${container.symbol} has accumulated only ${dyn.accumulated_fees} in fees`);
    } else {
      yield* ensureAssert(amount <= dyn.accumulated_collateral_fees, "asset_claim_fees.within_accumulated_collateral_fees", "amount_to_claim.amount", () =>
        `cannot claim ${amount}: ${container.symbol} has accumulated only ${dyn.accumulated_collateral_fees} of ${op.amount_to_claim.asset_id} in collateral fees`);
    }
    return container;
  },
  *apply(ctx, op, container) {
    const amount = op.amount_to_claim.amount;
    const own = container.id === op.amount_to_claim.asset_id;
    ctx.s.modify<T.AssetDynamicDataObject>(container.dynamic_asset_data_id, (d) =>
      own ? { ...d, accumulated_fees: d.accumulated_fees - amount } : { ...d, accumulated_collateral_fees: d.accumulated_collateral_fees - amount });
    yield* adjustBalance(ctx.s, op.issuer, op.amount_to_claim, "amount_to_claim");
    return VOID_RESULT;
  },
};

export const assetClaimPoolEvaluator: Evaluator<T.AssetClaimPoolOperation, T.AssetObject> = {
  *evaluate(ctx, op) {
    const a = yield* ctx.s.load<T.AssetObject>(op.asset_id, "asset_id");
    yield* ensureAssert(a.issuer === op.issuer, "asset_claim_pool.issuer", "issuer", () =>
      `the fee pool of ${a.symbol} may only be claimed by its issuer ${a.issuer}, not ${op.issuer}`);
    return a;
  },
  *apply(ctx, op, a) {
    const s = ctx.s;
    // do_apply, not do_evaluate, compares the claim with the pool.
    const pool = s.get<T.AssetDynamicDataObject>(a.dynamic_asset_data_id).fee_pool;
    yield* ensureAssert(op.amount_to_claim.amount <= pool, "asset_claim_pool.within_pool", "amount_to_claim.amount", () =>
      `cannot claim ${op.amount_to_claim.amount} from the fee pool of ${a.symbol}, which holds ${pool}`);
    s.modify<T.AssetDynamicDataObject>(a.dynamic_asset_data_id, (d) => ({ ...d, fee_pool: d.fee_pool - op.amount_to_claim.amount }));
    yield* adjustBalance(s, op.issuer, op.amount_to_claim, "amount_to_claim");
    return VOID_RESULT;
  },
};

export const ASSET_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [
  [10, assetCreateEvaluator],
  [11, assetUpdateEvaluator],
  [14, assetIssueEvaluator],
  [15, assetReserveEvaluator],
  [16, assetFundFeePoolEvaluator],
  [43, assetClaimFeesEvaluator],
  [47, assetClaimPoolEvaluator],
  [48, assetUpdateIssuerEvaluator],
];
