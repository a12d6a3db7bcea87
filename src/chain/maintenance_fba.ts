// The first steps of perform_chain_maintenance (db_maint.cpp): distribute_fba_balances (the fees of blinded
// transfers collected in the FBA accumulators) and create_buyback_orders (buyback accounts offer what they
// hold for the asset they buy).
import type * as T from "../../generated/native-types.js";
import { CORE_ASSET, IMPL_OBJECT_TYPES as I, PERCENT_1, PERCENT_100, charge_market_fee } from "../protocol/config.js";
import { adjustBalance } from "./balances.js";
import { type EvaluatorTable, type TransactionState, applyOperation } from "./evaluator.js";
import { type Gen, run } from "./gen.js";
import { CORE_DYNAMIC_DATA_ID, type Session } from "./session.js";
import { inst } from "./tables.js";

/** fba_distribute_operation's tag. */
const FBA_DISTRIBUTE = 44;
const LIMIT_ORDER_CREATE = 1;
const LIMIT_ORDER_CANCEL = 2;
/** account_object::top_n_control_owner | top_n_control_active. */
const TOP_N_CONTROL_BOTH = 3;
/** time_point_sec::maximum(). */
const TIME_MAX = 0xffffffff;

/** fba_accumulator_object::is_configured: the designated asset exists, is a UIA whose permissions and flags
 *  allow at most charge_market_fee, has a buyback account, and its issuer's owner and active authorities are
 *  both top-holders authorities of that asset, already in control. */
export function fbaIsConfigured(s: Session, fba: T.FbaAccumulatorObject): boolean {
  if (fba.designated_asset === undefined) return false;
  const a = s.find<T.AssetObject>(fba.designated_asset);
  if (a === undefined || a.bitasset_data_id !== undefined) return false;
  if ((a.options.issuer_permissions & charge_market_fee) !== a.options.issuer_permissions) return false;
  if ((a.options.flags & charge_market_fee) !== a.options.flags) return false;
  if (a.buyback_account === undefined) return false;
  const issuer = s.get<T.AccountObject>(a.issuer);
  const owner = issuer.owner_special_authority;
  const active = issuer.active_special_authority;
  if (owner[0] !== 1 || active[0] !== 1) return false;
  if (owner[1].asset !== fba.designated_asset || active[1].asset !== fba.designated_asset) return false;
  return issuer.top_n_control_flags === TOP_N_CONTROL_BOTH;
}

/** split_fba_balance: an unconfigured accumulator's fees go back to the network (out of the supply); a
 *  configured one pays the given shares to the designated asset's buyback account and issuer (each an
 *  fba_distribute virtual operation) and the rest to the network. */
function* splitFbaBalance(s: Session, fbaId: string, buybackPercent: number, issuerPercent: number): Gen<void> {
  const fba = s.get<T.FbaAccumulatorObject>(fbaId);
  const fees = fba.accumulated_fba_fees;
  if (fees === 0n) return;
  const reduceSupply = (by: bigint): void => {
    s.modify<T.AssetDynamicDataObject>(CORE_DYNAMIC_DATA_ID, (d) => ({ ...d, current_supply: d.current_supply - by }));
  };
  if (!fbaIsConfigured(s, fba)) {
    reduceSupply(fees);
    s.modify<T.FbaAccumulatorObject>(fbaId, (f) => ({ ...f, accumulated_fba_fees: 0n }));
    return;
  }
  const buybackAmount = (fees * BigInt(buybackPercent)) / BigInt(PERCENT_100);
  const issuerAmount = (fees * BigInt(issuerPercent)) / BigInt(PERCENT_100);
  const networkAmount = fees - (buybackAmount + issuerAmount);
  const designated = s.get<T.AssetObject>(fba.designated_asset!);
  if (networkAmount !== 0n) reduceSupply(networkAmount);
  for (const [account, amount] of [[designated.buyback_account!, buybackAmount], [designated.issuer, issuerAmount]] as const) {
    if (amount === 0n) continue;
    yield* adjustBalance(s, account, { amount, asset_id: CORE_ASSET });
    const vop: T.FbaDistributeOperation = { fee: { amount: 0n, asset_id: CORE_ASSET }, account_id: account, fba_id: fbaId, amount };
    s.pushAppliedOperation([FBA_DISTRIBUTE, vop] as T.Operation);
  }
  s.modify<T.FbaAccumulatorObject>(fbaId, (f) => ({ ...f, accumulated_fba_fees: 0n }));
}

/** distribute_fba_balances: the three stealth accumulators (transfer_to_blind, blind_transfer,
 *  transfer_from_blind) each split 20% network, 60% buyback, 20% issuer. Blinded transfers are not
 *  implemented, so the accumulators stay empty and this changes nothing yet. */
export function* distributeFbaBalances(s: Session): Gen<void> {
  for (let i = 0; i < 3; i++) yield* splitFbaBalance(s, `2.${I.fba_accumulator}.${i}`, 60 * PERCENT_1, 20 * PERCENT_1);
}

/**
 * create_buyback_orders: each buyback account offers every non-zero balance it holds of an asset in its
 * allowed_assets (other than the asset it buys) for at least 1 of the asset bought, by a limit order that
 * lives only as long as it matches at once: what is left is cancelled. An order that fails is skipped.
 * With no limit_order_create evaluator registered (markets are not implemented yet) every order fails at
 * the lookup of its evaluator, before anything is recorded, as in bitshares-core.
 */
export function createBuybackOrders(s: Session, evaluators: EvaluatorTable): void {
  const trx: TransactionState = { evaluators, is_proposed_trx: false, skip_fee_schedule_check: true, skip: 0 };
  const zeroFee: T.Asset = { amount: 0n, asset_id: CORE_ASSET };
  for (const bbo of [...s.db.all<T.BuybackObject>(2, I.buyback)]) {
    const toBuy = s.get<T.AssetObject>(bbo.asset_to_buy);
    const account = s.get<T.AccountObject>(toBuy.buyback_account!);
    if (account.allowed_assets === undefined) continue;
    // The account's balances by asset, read live as the C++ walks its balance map: an order may change
    // balances of assets not visited yet.
    for (let b = s.first<T.AccountBalanceObject>(2, I.account_balance, "by_account_asset", [inst(account.id), 0]);
      b !== undefined && b.owner === account.id;
      b = s.first<T.AccountBalanceObject>(2, I.account_balance, "by_account_asset", [inst(account.id), inst(b.asset_type) + 1])) {
      if (b.asset_type === toBuy.id || b.balance === 0n || !account.allowed_assets.includes(b.asset_type)) continue;
      const create: T.LimitOrderCreateOperation = {
        fee: zeroFee, seller: account.id, amount_to_sell: { amount: b.balance, asset_id: b.asset_type },
        min_to_receive: { amount: 1n, asset_id: toBuy.id }, expiration: TIME_MAX, fill_or_kill: false, extensions: {},
      };
      const created = run(applyOperation(s, trx, [LIMIT_ORDER_CREATE, create] as T.Operation, true));
      if (created._tag === "Left") continue;
      const orderId = created.right[1] as string;
      if (s.find(orderId) === undefined) continue;
      const cancel: T.LimitOrderCancelOperation = { fee: zeroFee, fee_paying_account: account.id, order: orderId, extensions: [] };
      run(applyOperation(s, trx, [LIMIT_ORDER_CANCEL, cancel] as T.Operation, true));
    }
  }
}
