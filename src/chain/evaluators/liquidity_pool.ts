// Liquidity pools (BSIP 65): liquidity_pool_create (59), _delete (60), _deposit (61), _withdraw (62),
// _exchange (63), _update (75) (liquidity_pool_evaluator.cpp). Every hardfork is active: the LP and
// core-2604 hardfork guards always pass and exchange checks the assets' market white/blacklists (core-2350).
// The pool's amounts are uint128 in C++ (fc::uint128_t); bigint is exact here.
import type * as T from "../../../generated/native-types.js";
import { OBJECT_TYPES, PERCENT_100 } from "../../protocol/config.js";
import { calculateMarketFee, payMarketFees } from "../../market/market_fee.js";
import { adjustBalance, isAuthorizedAsset } from "../balances.js";
import { type Evaluator, VOID_RESULT } from "../evaluator.js";
import { type Gen, ensure, ensureAssert } from "../gen.js";
import type { Session } from "../session.js";
import { canCreateNewSupply, isLiquidityPoolShareAsset, isMarketIssued } from "./asset.js";

const asset = (amount: bigint, asset_id: string): T.Asset => ({ amount, asset_id });

/** liquidity_pool_object::update_virtual_value: balance_a * balance_b. */
const withVirtualValue = (p: T.LiquidityPoolObject): T.LiquidityPoolObject => ({ ...p, virtual_value: p.balance_a * p.balance_b });

/** The three is_authorized_asset checks of deposit and withdraw (share asset, then A, then B). */
function* checkAuthorized(s: Session, rulePrefix: string, account: T.AccountObject, pool: T.LiquidityPoolObject, withShare: boolean): Gen<void> {
  if (withShare) {
    const share = s.get<T.AssetObject>(pool.share_asset);
    yield* ensureAssert(isAuthorizedAsset(account, share), `${rulePrefix}.share_asset_authorized`, "account", () =>
      `account ${account.id} is not authorized by the share asset ${share.symbol}`);
  }
  const a = s.get<T.AssetObject>(pool.asset_a);
  yield* ensureAssert(isAuthorizedAsset(account, a), `${rulePrefix}.asset_a_authorized`, "account", () =>
    `account ${account.id} is not authorized by asset A ${a.symbol}`);
  const b = s.get<T.AssetObject>(pool.asset_b);
  yield* ensureAssert(isAuthorizedAsset(account, b), `${rulePrefix}.asset_b_authorized`, "account", () =>
    `account ${account.id} is not authorized by asset B ${b.symbol}`);
}

// ---------------------------------------------------------------------------------------------------
// liquidity_pool_create

interface CreateFound { readonly share: T.AssetObject }

export const liquidityPoolCreateEvaluator: Evaluator<T.LiquidityPoolCreateOperation, CreateFound> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    yield* s.load<T.AssetObject>(op.asset_a, "asset_a");
    yield* s.load<T.AssetObject>(op.asset_b, "asset_b");
    const share = yield* s.load<T.AssetObject>(op.share_asset, "share_asset");
    yield* ensureAssert(share.issuer === op.account, "liquidity_pool_create.share_asset_issuer", "share_asset", () =>
      `only the issuer ${share.issuer} of ${share.symbol} may make it a pool's share asset, not ${op.account}`);
    yield* ensureAssert(!isMarketIssued(share), "liquidity_pool_create.share_asset_not_market_issued", "share_asset", () =>
      `${share.symbol} is market-issued and cannot be a pool's share asset`);
    yield* ensureAssert(!isLiquidityPoolShareAsset(share), "liquidity_pool_create.share_asset_unbound", "share_asset", () =>
      `${share.symbol} is already the share asset of pool ${share.for_liquidity_pool}`);
    const supply = s.get<T.AssetDynamicDataObject>(share.dynamic_asset_data_id).current_supply;
    yield* ensureAssert(supply === 0n, "liquidity_pool_create.share_asset_supply_zero", "share_asset", () =>
      `the share asset ${share.symbol} has a supply of ${supply}; it must be zero`);
    return { share };
  },
  *apply(ctx, op, { share }) {
    const s = ctx.s;
    const pool = s.create<T.LiquidityPoolObject>(1, OBJECT_TYPES.liquidity_pool, (id) => ({
      id, asset_a: op.asset_a, asset_b: op.asset_b, balance_a: 0n, balance_b: 0n, share_asset: op.share_asset,
      taker_fee_percent: op.taker_fee_percent, withdrawal_fee_percent: op.withdrawal_fee_percent, virtual_value: 0n,
    }));
    s.modify<T.AssetObject>(share.id, (a) => ({ ...a, for_liquidity_pool: pool.id }));
    return [3, { new_objects: [pool.id], updated_objects: [share.id], removed_objects: [] }];
  },
};

// ---------------------------------------------------------------------------------------------------
// liquidity_pool_delete

interface PoolFound { readonly pool: T.LiquidityPoolObject; readonly share: T.AssetObject }

export const liquidityPoolDeleteEvaluator: Evaluator<T.LiquidityPoolDeleteOperation, PoolFound> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const pool = yield* s.load<T.LiquidityPoolObject>(op.pool, "pool");
    yield* ensureAssert(pool.balance_a === 0n && pool.balance_b === 0n, "liquidity_pool_delete.pool_empty", "pool", () =>
      `pool ${pool.id} still holds ${pool.balance_a} of A and ${pool.balance_b} of B`);
    const share = s.get<T.AssetObject>(pool.share_asset);
    yield* ensureAssert(share.issuer === op.account, "liquidity_pool_delete.pool_owner", "account", () =>
      `${op.account} does not own pool ${pool.id} (its share asset's issuer is ${share.issuer})`);
    return { pool, share };
  },
  *apply(ctx, _op, { pool, share }) {
    const s = ctx.s;
    s.modify<T.AssetObject>(share.id, (a) => {
      const { for_liquidity_pool: _unbound, ...rest } = a;
      return rest;
    });
    s.remove(pool.id);
    return [3, { new_objects: [], updated_objects: [share.id], removed_objects: [pool.id] }];
  },
};

// ---------------------------------------------------------------------------------------------------
// liquidity_pool_update

export const liquidityPoolUpdateEvaluator: Evaluator<T.LiquidityPoolUpdateOperation, T.LiquidityPoolObject> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const pool = yield* s.load<T.LiquidityPoolObject>(op.pool, "pool");
    const share = s.get<T.AssetObject>(pool.share_asset);
    yield* ensureAssert(share.issuer === op.account, "liquidity_pool_update.pool_owner", "account", () =>
      `${op.account} does not own pool ${pool.id} (its share asset's issuer is ${share.issuer})`);
    if (op.taker_fee_percent !== undefined) {
      yield* ensureAssert(pool.withdrawal_fee_percent === 0 || op.withdrawal_fee_percent === 0,
        "liquidity_pool_update.taker_fee_needs_zero_withdrawal_fee", "taker_fee_percent", () =>
          `the taker fee can change only when the withdrawal fee (${pool.withdrawal_fee_percent}) is or becomes zero`);
    }
    return pool;
  },
  *apply(ctx, op, pool) {
    ctx.s.modify<T.LiquidityPoolObject>(pool.id, (p) => ({
      ...p,
      ...(op.taker_fee_percent !== undefined ? { taker_fee_percent: op.taker_fee_percent } : {}),
      ...(op.withdrawal_fee_percent !== undefined ? { withdrawal_fee_percent: op.withdrawal_fee_percent } : {}),
    }));
    return VOID_RESULT;
  },
};

// ---------------------------------------------------------------------------------------------------
// liquidity_pool_deposit

interface DepositFound {
  readonly pool: T.LiquidityPoolObject;
  readonly share: T.AssetObject;
  readonly poolReceivesA: T.Asset;
  readonly poolReceivesB: T.Asset;
  readonly accountReceives: T.Asset;
}

export const liquidityPoolDepositEvaluator: Evaluator<T.LiquidityPoolDepositOperation, DepositFound> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const pool = yield* s.load<T.LiquidityPoolObject>(op.pool, "pool");
    yield* ensureAssert(op.amount_a.asset_id === pool.asset_a, "liquidity_pool_deposit.asset_a_match", "amount_a.asset_id", () =>
      `pool ${pool.id} holds ${pool.asset_a} as asset A, not ${op.amount_a.asset_id}`);
    yield* ensureAssert(op.amount_b.asset_id === pool.asset_b, "liquidity_pool_deposit.asset_b_match", "amount_b.asset_id", () =>
      `pool ${pool.id} holds ${pool.asset_b} as asset B, not ${op.amount_b.asset_id}`);
    yield* ensureAssert((pool.balance_a === 0n) === (pool.balance_b === 0n), "liquidity_pool_deposit.internal_balances", "pool", () =>
      `pool ${pool.id} has one empty side (internal error)`);
    const share = s.get<T.AssetObject>(pool.share_asset);
    yield* ensureAssert(canCreateNewSupply(share), "liquidity_pool_deposit.share_new_supply_allowed", "pool", () =>
      `the share asset ${share.symbol} has disable_new_supply set`);
    if (pool.balance_a === 0n) {
      yield* ensureAssert(share.issuer === op.account, "liquidity_pool_deposit.initial_by_owner", "account", () =>
        `the first deposit into pool ${pool.id} must come from its owner ${share.issuer}, not ${op.account}`);
    }
    const supply = s.get<T.AssetDynamicDataObject>(share.dynamic_asset_data_id).current_supply;
    yield* ensureAssert((pool.balance_a === 0n) === (supply === 0n), "liquidity_pool_deposit.internal_supply", "pool", () =>
      `pool ${pool.id}'s balances and share supply ${supply} disagree (internal error)`);
    const maxSupply = share.options.max_supply;
    yield* ensureAssert(supply < maxSupply, "liquidity_pool_deposit.share_below_max_supply", "pool", () =>
      `the share asset ${share.symbol} is at its max supply ${maxSupply}`);
    yield* checkAuthorized(s, "liquidity_pool_deposit", ctx.fee.fee_paying_account, pool, true);
    if (pool.balance_a === 0n) {
      const shareAmount = op.amount_a.amount > op.amount_b.amount ? op.amount_a.amount : op.amount_b.amount;
      yield* ensureAssert(shareAmount <= maxSupply, "liquidity_pool_deposit.initial_within_max_supply", "amount_a.amount", () =>
        `an initial deposit of ${shareAmount} would exceed the share asset's max supply ${maxSupply}`);
      return { pool, share, poolReceivesA: op.amount_a, poolReceivesB: op.amount_b, accountReceives: asset(shareAmount, pool.share_asset) };
    }
    // New shares in proportion to the scarcer side, rounded down; the pool takes both sides rounded up.
    const room = maxSupply - supply;
    const ifA = (supply * op.amount_a.amount) / pool.balance_a;
    const ifB = (supply * op.amount_b.amount) / pool.balance_b;
    const newSupply = [ifA, ifB, room].reduce((m, x) => (x < m ? x : m));
    yield* ensureAssert(newSupply > 0n, "liquidity_pool_deposit.nonzero_outcome", "amount_a.amount", () =>
      `depositing ${op.amount_a.amount} and ${op.amount_b.amount} would create no shares`);
    const a = (newSupply * pool.balance_a + supply - 1n) / supply;
    yield* ensureAssert(a <= op.amount_a.amount, "liquidity_pool_deposit.internal_amount_a", "amount_a.amount", () =>
      `the pool would take ${a} of A, more than the ${op.amount_a.amount} offered (internal error)`);
    const b = (newSupply * pool.balance_b + supply - 1n) / supply;
    yield* ensureAssert(b <= op.amount_b.amount, "liquidity_pool_deposit.internal_amount_b", "amount_b.amount", () =>
      `the pool would take ${b} of B, more than the ${op.amount_b.amount} offered (internal error)`);
    return { pool, share, poolReceivesA: asset(a, pool.asset_a), poolReceivesB: asset(b, pool.asset_b), accountReceives: asset(newSupply, pool.share_asset) };
  },
  *apply(ctx, op, { pool, share, poolReceivesA, poolReceivesB, accountReceives }) {
    const s = ctx.s;
    yield* adjustBalance(s, op.account, asset(-poolReceivesA.amount, poolReceivesA.asset_id), "amount_a.amount");
    yield* adjustBalance(s, op.account, asset(-poolReceivesB.amount, poolReceivesB.asset_id), "amount_b.amount");
    yield* adjustBalance(s, op.account, accountReceives, "pool");
    s.modify<T.LiquidityPoolObject>(pool.id, (p) => withVirtualValue({
      ...p, balance_a: p.balance_a + poolReceivesA.amount, balance_b: p.balance_b + poolReceivesB.amount,
    }));
    s.modify<T.AssetDynamicDataObject>(share.dynamic_asset_data_id, (d) => ({ ...d, current_supply: d.current_supply + accountReceives.amount }));
    return [4, { paid: [poolReceivesA, poolReceivesB], received: [accountReceives], fees: [] }];
  },
};

// ---------------------------------------------------------------------------------------------------
// liquidity_pool_withdraw

interface WithdrawFound {
  readonly pool: T.LiquidityPoolObject;
  readonly share: T.AssetObject;
  readonly poolPaysA: T.Asset;
  readonly poolPaysB: T.Asset;
  readonly feeA: T.Asset;
  readonly feeB: T.Asset;
}

export const liquidityPoolWithdrawEvaluator: Evaluator<T.LiquidityPoolWithdrawOperation, WithdrawFound> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const pool = yield* s.load<T.LiquidityPoolObject>(op.pool, "pool");
    yield* ensureAssert(op.share_amount.asset_id === pool.share_asset, "liquidity_pool_withdraw.share_asset_match", "share_amount.asset_id", () =>
      `pool ${pool.id}'s share asset is ${pool.share_asset}, not ${op.share_amount.asset_id}`);
    yield* ensureAssert(pool.balance_a > 0n && pool.balance_b > 0n, "liquidity_pool_withdraw.pool_initialized", "pool", () =>
      `pool ${pool.id} is empty`);
    yield* checkAuthorized(s, "liquidity_pool_withdraw", ctx.fee.fee_paying_account, pool, true);
    const share = s.get<T.AssetObject>(pool.share_asset);
    const supply = s.get<T.AssetDynamicDataObject>(share.dynamic_asset_data_id).current_supply;
    yield* ensureAssert(supply >= op.share_amount.amount, "liquidity_pool_withdraw.within_supply", "share_amount.amount", () =>
      `cannot withdraw ${op.share_amount.amount} shares: only ${supply} exist`);
    if (supply === op.share_amount.amount) {
      // The last shares take everything, without a withdrawal fee.
      return { pool, share, poolPaysA: asset(pool.balance_a, pool.asset_a), poolPaysB: asset(pool.balance_b, pool.asset_b),
        feeA: asset(0n, pool.asset_a), feeB: asset(0n, pool.asset_b) };
    }
    const percent = BigInt(pool.withdrawal_fee_percent);
    const shares = op.share_amount.amount;
    let a = (shares * pool.balance_a) / supply;
    yield* ensureAssert(a < pool.balance_a, "liquidity_pool_withdraw.internal_amount_a", "share_amount.amount", () =>
      `a partial withdrawal would take all of A (internal error)`);
    const feeA = (a * percent) / BigInt(PERCENT_100);
    yield* ensureAssert(feeA <= a, "liquidity_pool_withdraw.fee_a_not_too_high", "pool", () =>
      `the withdrawal fee ${feeA} of A exceeds the ${a} withdrawn`);
    a -= feeA;
    let b = (shares * pool.balance_b) / supply;
    yield* ensureAssert(b < pool.balance_b, "liquidity_pool_withdraw.internal_amount_b", "share_amount.amount", () =>
      `a partial withdrawal would take all of B (internal error)`);
    const feeB = (b * percent) / BigInt(PERCENT_100);
    yield* ensureAssert(feeB <= b, "liquidity_pool_withdraw.fee_b_not_too_high", "pool", () =>
      `the withdrawal fee ${feeB} of B exceeds the ${b} withdrawn`);
    b -= feeB;
    yield* ensureAssert(a > 0n || b > 0n, "liquidity_pool_withdraw.nonzero_outcome", "share_amount.amount", () =>
      `withdrawing ${shares} shares would pay out nothing`);
    return { pool, share, poolPaysA: asset(a, pool.asset_a), poolPaysB: asset(b, pool.asset_b), feeA: asset(feeA, pool.asset_a), feeB: asset(feeB, pool.asset_b) };
  },
  *apply(ctx, op, { pool, share, poolPaysA, poolPaysB, feeA, feeB }) {
    const s = ctx.s;
    yield* adjustBalance(s, op.account, asset(-op.share_amount.amount, op.share_amount.asset_id), "share_amount.amount");
    if (poolPaysA.amount > 0n) yield* adjustBalance(s, op.account, poolPaysA, "pool");
    if (poolPaysB.amount > 0n) yield* adjustBalance(s, op.account, poolPaysB, "pool");
    s.modify<T.AssetDynamicDataObject>(share.dynamic_asset_data_id, (d) => ({ ...d, current_supply: d.current_supply - op.share_amount.amount }));
    s.modify<T.LiquidityPoolObject>(pool.id, (p) => withVirtualValue({
      ...p, balance_a: p.balance_a - poolPaysA.amount, balance_b: p.balance_b - poolPaysB.amount,
    }));
    return [4, { paid: [op.share_amount], received: [poolPaysA, poolPaysB], fees: [feeA, feeB] }];
  },
};

// ---------------------------------------------------------------------------------------------------
// liquidity_pool_exchange

interface ExchangeFound {
  readonly pool: T.LiquidityPoolObject;
  readonly receivesAsset: T.AssetObject;
  readonly paysAsset: T.AssetObject;
  readonly makerMarketFee: bigint;
  readonly poolReceives: bigint;
  readonly poolPays: T.Asset;
  readonly takerMarketFee: bigint;
  readonly accountReceives: T.Asset;
  readonly poolTakerFee: T.Asset;
}

/** The core-2350 market checks: `own`'s whitelist must hold `other` if it is not empty, its blacklist must not. */
function* checkMarket(own: T.AssetObject, other: T.AssetObject, a: T.AssetObject, b: T.AssetObject, side: "a" | "b"): Gen<void> {
  const wl = own.options.whitelist_markets;
  if (wl.length > 0) {
    yield* ensureAssert(wl.includes(other.id), `liquidity_pool_exchange.market_whitelisted_by_${side}`, "pool", () =>
      `the ${a.symbol}:${b.symbol} market is not in ${own.symbol}'s whitelist_markets`);
  }
  const bl = own.options.blacklist_markets;
  if (bl.length > 0) {
    yield* ensureAssert(!bl.includes(other.id), `liquidity_pool_exchange.market_not_blacklisted_by_${side}`, "pool", () =>
      `the ${a.symbol}:${b.symbol} market is in ${own.symbol}'s blacklist_markets`);
  }
}

export const liquidityPoolExchangeEvaluator: Evaluator<T.LiquidityPoolExchangeOperation, ExchangeFound> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const pool = yield* s.load<T.LiquidityPoolObject>(op.pool, "pool");
    yield* ensureAssert(pool.balance_a > 0n && pool.balance_b > 0n, "liquidity_pool_exchange.pool_initialized", "pool", () =>
      `pool ${pool.id} is empty`);
    const sellsA = op.amount_to_sell.asset_id === pool.asset_a && op.min_to_receive.asset_id === pool.asset_b;
    const sellsB = op.amount_to_sell.asset_id === pool.asset_b && op.min_to_receive.asset_id === pool.asset_a;
    yield* ensureAssert(sellsA || sellsB, "liquidity_pool_exchange.assets_match", "amount_to_sell.asset_id", () =>
      `pool ${pool.id} trades ${pool.asset_a} and ${pool.asset_b}, not ${op.amount_to_sell.asset_id} for ${op.min_to_receive.asset_id}`);
    const account = ctx.fee.fee_paying_account;
    yield* checkAuthorized(s, "liquidity_pool_exchange", account, pool, false);
    const a = s.get<T.AssetObject>(pool.asset_a);
    const b = s.get<T.AssetObject>(pool.asset_b);
    yield* checkMarket(a, b, a, b, "a");
    yield* checkMarket(b, a, a, b, "b");
    const receivesAsset = sellsA ? a : b;
    const paysAsset = sellsA ? b : a;
    // The pool is the maker: it pays the selling asset's maker fee out of what it receives.
    const makerMarketFee = calculateMarketFee(receivesAsset, op.amount_to_sell.amount, true);
    yield* ensureAssert(makerMarketFee < op.amount_to_sell.amount, "liquidity_pool_exchange.maker_fee_below_amount", "amount_to_sell.amount", () =>
      `the maker market fee ${makerMarketFee} of ${receivesAsset.symbol} would take all of the ${op.amount_to_sell.amount} sold`);
    const poolReceives = op.amount_to_sell.amount - makerMarketFee;
    const [inBalance, outBalance] = sellsA ? [pool.balance_a, pool.balance_b] : [pool.balance_b, pool.balance_a];
    // The product balance_a * balance_b may not shrink: the new balance of what the pool pays rounds up.
    const newIn = inBalance + poolReceives;
    const newOut = (pool.virtual_value + newIn - 1n) / newIn;
    yield* ensureAssert(newOut <= outBalance, "liquidity_pool_exchange.internal_new_balance", "pool", () =>
      `the pool's new balance ${newOut} would exceed its current ${outBalance} (internal error)`);
    const delta = outBalance - newOut;
    const takerFee = (delta * BigInt(pool.taker_fee_percent)) / BigInt(PERCENT_100);
    yield* ensureAssert(takerFee <= delta, "liquidity_pool_exchange.pool_taker_fee_not_too_high", "pool", () =>
      `the pool's taker fee ${takerFee} exceeds the ${delta} it would pay`);
    const poolPays = asset(delta - takerFee, op.min_to_receive.asset_id);
    const takerMarketFee = calculateMarketFee(paysAsset, poolPays.amount, false);
    yield* ensureAssert(takerMarketFee <= poolPays.amount, "liquidity_pool_exchange.taker_market_fee_not_too_high", "min_to_receive.amount", () =>
      `the taker market fee ${takerMarketFee} exceeds the ${poolPays.amount} received`);
    const accountReceives = asset(poolPays.amount - takerMarketFee, op.min_to_receive.asset_id);
    yield* ensure(accountReceives.amount >= op.min_to_receive.amount, "liquidity_pool_exchange_unfillable_price",
      "liquidity_pool_exchange.min_to_receive", "min_to_receive.amount", () =>
        `the exchange would give ${accountReceives.amount}, less than the minimum ${op.min_to_receive.amount}`);
    return { pool, receivesAsset, paysAsset, makerMarketFee, poolReceives, poolPays, takerMarketFee, accountReceives,
      poolTakerFee: asset(takerFee, op.min_to_receive.asset_id) };
  },
  *apply(ctx, op, f) {
    const s = ctx.s;
    yield* adjustBalance(s, op.account, asset(-op.amount_to_sell.amount, op.amount_to_sell.asset_id), "amount_to_sell.amount");
    yield* adjustBalance(s, op.account, f.accountReceives, "min_to_receive.amount");
    // The maker fee is paid as if the pool owner (the share asset's issuer) sold.
    const owner = s.get<T.AccountObject>(s.get<T.AssetObject>(f.pool.share_asset).issuer);
    payMarketFees(s, owner, f.receivesAsset, op.amount_to_sell.amount, true);
    payMarketFees(s, ctx.fee.fee_paying_account, f.paysAsset, f.poolPays.amount, false);
    const sellsA = op.amount_to_sell.asset_id === f.pool.asset_a;
    const updated = s.modify<T.LiquidityPoolObject>(f.pool.id, (p) => withVirtualValue(sellsA
      ? { ...p, balance_a: p.balance_a + f.poolReceives, balance_b: p.balance_b - f.poolPays.amount }
      : { ...p, balance_b: p.balance_b + f.poolReceives, balance_a: p.balance_a - f.poolPays.amount }));
    yield* ensureAssert(updated.balance_a > 0n && updated.balance_b > 0n, "liquidity_pool_exchange.internal_balances_positive", "pool", () =>
      `the exchange would empty a side of pool ${f.pool.id} (internal error)`);
    yield* ensureAssert(updated.virtual_value >= f.pool.virtual_value, "liquidity_pool_exchange.internal_virtual_value", "pool", () =>
      `the exchange would shrink pool ${f.pool.id}'s virtual value (internal error)`);
    return [4, {
      paid: [op.amount_to_sell], received: [f.accountReceives],
      fees: [asset(f.makerMarketFee, op.amount_to_sell.asset_id), asset(f.takerMarketFee, op.min_to_receive.asset_id), f.poolTakerFee],
    }];
  },
};

export const LIQUIDITY_POOL_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  [59, liquidityPoolCreateEvaluator],
  [60, liquidityPoolDeleteEvaluator],
  [61, liquidityPoolDepositEvaluator],
  [62, liquidityPoolWithdrawEvaluator],
  [63, liquidityPoolExchangeEvaluator],
  [75, liquidityPoolUpdateEvaluator],
];
