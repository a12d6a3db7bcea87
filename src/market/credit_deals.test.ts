// update_credit_offers_and_deals (db_update.cpp): offers disabled at auto_disable_time, deals expired at
// latest_repay_time with their automatic repayment first. Numbers from bitshares-core
// tests/tests/credit_offer_tests.cpp credit_deal_auto_repay_test and credit_offer_borrow_repay_test.
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { FEE_RATE_DENOM, white_list } from "../protocol/config.js";
import { Session } from "../chain/session.js";
import { Chain, asset, core } from "../chain/evaluators/misc_ops_test_support.js";
import { supplyViolations } from "../../properties/chain_supply.js";
import { autoRepayOperation, updateCreditOffersAndDeals } from "./credit_deals.js";

const INIT = 10000000n * 100000n;
const price = (base: T.Asset, quote: T.Asset): T.Price => ({ base, quote });

const dealOf = (over: Partial<T.CreditDealObject>): T.CreditDealObject => ({
  id: "1.22.0", borrower: "1.2.20", offer_id: "1.21.0", offer_owner: "1.2.17", debt_asset: "1.3.2", debt_amount: 190n,
  collateral_asset: "1.3.3", collateral_amount: 170n, fee_rate: 30000, latest_repay_time: 0, auto_repay: 2, ...over,
});

describe("autoRepayOperation", () => {
  it("repays in full when the balance covers debt and fee, or when only full repayment is allowed", () => {
    // 190 at 3%: fee ceil(5.7) = 6, 196 in all (credit_deal_auto_repay_test cd11, cd16).
    const op = autoRepayOperation(dealOf({}), 196n);
    expect([op.repay_amount, op.credit_fee]).toEqual([asset(190, "1.3.2"), asset(6, "1.3.2")]);
    expect(op).toMatchObject({ fee: core(0), account: "1.2.20", deal_id: "1.22.0" });
    const full = autoRepayOperation(dealOf({ auto_repay: 1 }), 0n);
    expect([full.repay_amount.amount, full.credit_fee.amount]).toEqual([190n, 6n]);
  });

  it("repays what the balance pays for, rounded to whole collateral (credit_deal_auto_repay_test cd14, cd17, cd22)", () => {
    // 190: 190 / 1.03 = 184; collateral 184 * 170 / 190 = 164; debt ceil(164 * 190 / 170) = 184; fee ceil(5.52) = 6.
    const a = autoRepayOperation(dealOf({}), 190n);
    expect([a.repay_amount.amount, a.credit_fee.amount]).toEqual([184n, 6n]);
    // 178: 172; collateral 153; debt 171 (exact); fee ceil(5.13) = 6.
    const b = autoRepayOperation(dealOf({}), 178n);
    expect([b.repay_amount.amount, b.credit_fee.amount]).toEqual([171n, 6n]);
    // A 400000% fee rate on INIT owed against 1 core: nothing whole can be repaid (repay_amount 0, refused by validate).
    const c = autoRepayOperation(dealOf({ debt_amount: INIT, collateral_amount: 1n, fee_rate: 4000 * FEE_RATE_DENOM }), INIT);
    expect([c.repay_amount.amount, c.credit_fee.amount]).toEqual([0n, 0n]);
  });
});

/** credit_deal_auto_repay_test: nine deals on two offers of sam's, expiring together. */
function autoRepaySetup() {
  const c = new Chain();
  const names = ["ray", "sam", "ted", "por", "np1", "np2", "np3", "np4", "np5"] as const;
  const id = Object.fromEntries(names.map((n) => [n, c.createAccount(n)])) as Record<(typeof names)[number], string>;
  for (const a of [id.por, id.np4, id.np5]) c.transfer("1.2.0", a, core(INIT));
  const usd = c.createUia("MYUSD", id.ted, white_list);
  c.issue(id.sam, asset(INIT, usd));
  const eur = c.createUia("MYEUR", id.sam, white_list);
  for (const a of [id.ray, id.np1, id.np2, id.np3]) c.issue(a, asset(INIT, eur));
  const jpy = c.createUia("MYJPY", id.ted, white_list);
  c.issue(id.sam, asset(INIT * 1000n, jpy));
  const disable = c.now() + 20 * 60;
  const create = (assetType: string, balance: bigint, feeRate: number, collateral: Array<[string, T.Price]>): string =>
    c.result([69, { fee: core(0), owner_account: id.sam, asset_type: assetType, balance, fee_rate: feeRate, max_duration_seconds: 3600,
      min_deal_amount: 0n, enabled: true, auto_disable_time: disable, acceptable_collateral: collateral, acceptable_borrowers: [], extensions: [] }])[1] as string;
  const co1 = create(usd, 10000n, 30000, [["1.3.0", price(asset(19, usd), core(23))], [eur, price(asset(19, usd), asset(17, eur))]]);
  const co2 = create(jpy, INIT * 1000n, 4000 * FEE_RATE_DENOM, [["1.3.0", price(asset(INIT, jpy), core(1))]]);
  const borrow = (who: string, offer: string, amount: T.Asset, collateral: T.Asset, autoRepay: number): string =>
    ((c.result([72, { fee: core(0), borrower: who, offer_id: offer, borrow_amount: amount, collateral, max_fee_rate: 4000 * FEE_RATE_DENOM,
      min_duration_seconds: 0, extensions: { auto_repay: autoRepay } }]) as [5, T.ExtendableOperationResultDtl])[1].new_objects![0]!);
  const deals = [
    borrow(id.ray, co1, asset(190, usd), asset(170, eur), 2),
    borrow(id.por, co1, asset(190, usd), core(310), 1),
    borrow(id.np1, co1, asset(190, usd), asset(170, eur), 0),
    borrow(id.np2, co1, asset(190, usd), asset(170, eur), 2),
    borrow(id.np3, co1, asset(190, usd), asset(170, eur), 2),
    borrow(id.ray, co1, asset(190, usd), asset(170, eur), 1),
    borrow(id.ray, co1, asset(190, usd), asset(170, eur), 2),
    borrow(id.np4, co2, asset(INIT * 999n, jpy), core(999), 1),
    borrow(id.np5, co2, asset(INIT, jpy), core(1), 2),
  ];
  // MYEUR blacklists np2 (sam the authority), MYUSD blacklists np3 (ted the authority).
  c.modify<T.AssetObject>(eur, (x) => ({ ...x, options: { ...x.options, blacklist_authorities: [id.sam] } }));
  c.upgradeToLifetime(id.sam);
  c.whitelist(id.sam, id.np2, 2);
  c.modify<T.AssetObject>(usd, (x) => ({ ...x, options: { ...x.options, blacklist_authorities: [id.ted] } }));
  c.upgradeToLifetime(id.ted);
  c.whitelist(id.ted, id.np3, 2);
  return { c, id, usd, eur, jpy, co1, co2, deals, disable };
}

describe("update_credit_offers_and_deals", () => {
  it("credit_deal_auto_repay_test: repayments, expiries and every balance after the deals are due", () => {
    const { c, id, usd, eur, jpy, co1, co2, deals } = autoRepaySetup();
    expect(c.get<T.CreditOfferObject>(co1)).toMatchObject({ total_balance: 10000n, current_balance: 8670n });
    expect(c.get<T.CreditOfferObject>(co2)).toMatchObject({ total_balance: INIT * 1000n, current_balance: 0n });
    // verify_asset_supplies: offers, deals' collateral and summaries account for every unit, before and after.
    expect(supplyViolations(c.f.state)).toEqual([]);
    c.generateBlocksUntil(c.now() + 3600);
    c.generateBlock();
    expect(supplyViolations(c.f.state)).toEqual([]);
    for (const d of deals) expect(c.find(d)).toBeUndefined();
    expect([...c.f.state.all(2, 18)]).toEqual([]);
    expect(c.get<T.CreditOfferObject>(co1)).toMatchObject({ total_balance: 9429n, current_balance: 9429n, enabled: false });
    expect(c.get<T.CreditOfferObject>(co2)).toMatchObject({ total_balance: 0n, current_balance: 0n, enabled: false });
    const b = (who: string, a: string) => c.balance(who, a);
    expect([b(id.sam, "1.3.0"), b(id.sam, usd), b(id.sam, eur), b(id.sam, jpy)]).toEqual([310n + 999n + 1n, INIT - 10000n, 170n * 2n + 6n + 17n, 0n]);
    expect([b(id.ray, usd), b(id.ray, eur)]).toEqual([1n, INIT - 17n]);
    expect([b(id.por, usd), b(id.por, "1.3.0")]).toEqual([190n, INIT - 310n]);
    expect([b(id.np1, usd), b(id.np1, eur)]).toEqual([190n, INIT - 170n]);
    expect([b(id.np2, usd), b(id.np2, eur)]).toEqual([0n, INIT - 6n]);
    expect([b(id.np3, usd), b(id.np3, eur)]).toEqual([190n, INIT - 170n]);
    expect([b(id.np4, jpy), b(id.np4, "1.3.0")]).toEqual([INIT * 999n, INIT - 999n]);
    expect([b(id.np5, jpy), b(id.np5, "1.3.0")]).toEqual([INIT, INIT - 1n]);
  });

  it("records virtual repayments and expiries in deal order; failed repayments leave nothing", () => {
    const { c, id, usd, eur, co1, deals } = autoRepaySetup();
    const due = c.get<T.CreditDealObject>(deals[0]!).latest_repay_time;
    const s = new Session(c.f.state);
    s.modify<T.DynamicGlobalPropertyObject>("2.1.0", (d) => ({ ...d, time: due }));
    updateCreditOffersAndDeals(s);
    const ops = s.appliedOps.map((a) => [a.op[0], a.is_virtual]);
    // cd11 repaid; cd12 (only full, 190 < 196) and cd13 (no auto) expire; cd14 repaid in part then expires;
    // cd15 (blacklisted) expires; cd16 repaid; cd17 repaid in part then expires; cd21 and cd22 expire.
    expect(ops).toEqual([[73, true], [74, true], [74, true], [73, true], [74, true], [74, true], [73, true], [73, true], [74, true], [74, true], [74, true]]);
    expect(s.appliedOps[3]!.op).toEqual([73, { fee: core(0), account: id.np2, deal_id: deals[3], repay_amount: asset(184, usd), credit_fee: asset(6, usd), extensions: [] }]);
    expect(s.appliedOps[3]!.result).toEqual([5, { impacted_accounts: [id.sam], updated_objects: [co1, deals[3]], received: [asset(164, eur)] }]);
    expect(s.appliedOps[4]!.op).toEqual([74, { fee: core(0), deal_id: deals[3], offer_id: co1, offer_owner: id.sam, borrower: id.np2,
      unpaid_amount: asset(6, usd), collateral: asset(6, eur), fee_rate: 30000 }]);
    expect(s.appliedOps[1]!.op).toEqual([74, { fee: core(0), deal_id: deals[1], offer_id: co1, offer_owner: id.sam, borrower: id.por,
      unpaid_amount: asset(190, usd), collateral: core(310), fee_rate: 30000 }]);
  });

  it("disables enabled offers at their auto_disable_time, not a second before", () => {
    const { c, co1, co2, disable } = autoRepaySetup();
    const at = (time: number): Session => {
      const s = new Session(c.f.state);
      s.modify<T.DynamicGlobalPropertyObject>("2.1.0", (d) => ({ ...d, time }));
      updateCreditOffersAndDeals(s);
      return s;
    };
    const before = at(disable - 1);
    expect([before.get<T.CreditOfferObject>(co1).enabled, before.get<T.CreditOfferObject>(co2).enabled]).toEqual([true, true]);
    expect(before.appliedOps).toEqual([]);
    const after = at(disable);
    expect([after.get<T.CreditOfferObject>(co1).enabled, after.get<T.CreditOfferObject>(co2).enabled]).toEqual([false, false]);
    // Disabling records no operation and touches nothing else of the offer.
    expect({ ...after.get<T.CreditOfferObject>(co1), enabled: true }).toEqual(c.get<T.CreditOfferObject>(co1));
    expect(after.appliedOps).toEqual([]);
  });

  it("an expired deal without auto_repay: collateral to the owner, debt off the offer's total, summary reduced", () => {
    const { c, id, usd, eur, co1, deals } = autoRepaySetup();
    // Only cd13 (np1, no auto repayment): make it the first due.
    const s = new Session(c.f.state);
    const due = c.get<T.CreditDealObject>(deals[2]!).latest_repay_time;
    s.modify<T.CreditDealObject>(deals[2]!, (d) => ({ ...d, latest_repay_time: due - 1 }));
    s.modify<T.DynamicGlobalPropertyObject>("2.1.0", (d) => ({ ...d, time: due - 1 }));
    const ownerEur = c.balance(id.sam, eur);
    updateCreditOffersAndDeals(s);
    expect(s.find(deals[2]!)).toBeUndefined();
    expect(s.find(deals[3]!)).toBeDefined();
    expect(s.get<T.CreditOfferObject>(co1)).toMatchObject({ total_balance: 10000n - 190n, current_balance: 8670n });
    const bal = [...s.db.all<T.AccountBalanceObject>(2, 5)].find((x) => x.owner === id.sam && x.asset_type === eur)!;
    expect(bal.balance).toBe(ownerEur + 170n);
    expect([...s.db.all<T.CreditDealSummaryObject>(2, 18)].find((x) => x.borrower === id.np1)).toBeUndefined();
    expect(s.appliedOps.map((a) => a.op[0])).toEqual([74]);
    void usd;
  });
});
