// The credit offer and deal queries, on bitshares-core tests/tests/credit_offer_tests.cpp credit_offer_apis_test.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import type { Json } from "../codec/index.js";
import { white_list } from "../protocol/config.js";
import { Chain, asset, core } from "../chain/evaluators/misc_ops_test_support.js";
import { API_LIMIT_GET_CREDIT_OFFERS, CREDIT_QUERIES } from "./queries_credit.js";

const INIT = 10000000n * 100000n;
const price = (base: T.Asset, quote: T.Asset): T.Price => ({ base, quote });

function setup() {
  const c = new Chain();
  const [bob, ray, sam, ted] = ["bob", "ray", "sam", "ted"].map((n) => c.createAccount(n)) as [string, string, string, string];
  for (const a of [bob, ray, sam, ted]) c.transfer("1.2.0", a, core(INIT));
  const usd = c.createUia("MYUSD", "1.2.0");
  for (const a of [bob, ray, sam, ted]) c.issue(a, asset(INIT, usd));
  const eur = c.createUia("MYEUR", sam, white_list);
  for (const a of [bob, ray, sam, ted]) c.issue(a, asset(INIT, eur));
  const mapCore: Array<[string, T.Price]> = [[usd, price(core(1), asset(2, usd))], [eur, price(core(1), asset(1, eur))]];
  const mapUsd: Array<[string, T.Price]> = [[eur, price(asset(1, usd), asset(1, eur))]];
  const mapEur: Array<[string, T.Price]> = [["1.3.0", price(asset(1, eur), core(3))]];
  const create = (owner: string, assetType: string, collateral: Array<[string, T.Price]>): string =>
    c.result([69, { fee: core(0), owner_account: owner, asset_type: assetType, balance: 10000n, fee_rate: 30000, max_duration_seconds: 3600,
      min_deal_amount: 0n, enabled: true, auto_disable_time: c.now() + 86400, acceptable_collateral: collateral, acceptable_borrowers: [], extensions: [] }])[1] as string;
  const co = [create(sam, "1.3.0", mapCore), create(ted, usd, mapUsd), create(sam, eur, mapEur), create(sam, eur, mapEur), create(sam, usd, mapUsd), create(ted, usd, mapUsd)];
  c.generateBlock();
  return { c, bob, ray, sam, ted, usd, eur, co };
}

const q = (c: Chain, method: string, params: Json[]): E.Either<unknown, Json> => CREDIT_QUERIES[method]!(c.f.state, params);
const ids = (c: Chain, method: string, params: Json[]): string[] => {
  const r = q(c, method, params);
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return (r.right as Array<{ id: string }>).map((o) => o.id);
};
const rule = (c: Chain, method: string, params: Json[]): string => {
  const r = q(c, method, params);
  return E.isLeft(r) ? (r.left as { rule: string }).rule : "accepted";
};

describe("credit offer queries (credit_offer_apis_test)", () => {
  it("list_credit_offers, get_credit_offers_by_owner, get_credit_offers_by_asset: limits, start ids, keys", () => {
    const { c, co } = setup();
    const [co1, co2, co3, co4, co5, co6] = co as [string, string, string, string, string, string];
    expect(ids(c, "list_credit_offers", [])).toEqual(co);
    expect(ids(c, "list_credit_offers", [5])).toEqual([co1, co2, co3, co4, co5]);
    expect(ids(c, "list_credit_offers", [5, co3])).toEqual([co3, co4, co5, co6]);
    expect(rule(c, "list_credit_offers", [102])).toBe("query.limit");
    expect(API_LIMIT_GET_CREDIT_OFFERS).toBe(101);
    expect(ids(c, "get_credit_offers_by_owner", ["sam"])).toEqual([co1, co3, co4, co5]);
    expect(ids(c, "get_credit_offers_by_owner", ["sam", 3, null])).toEqual([co1, co3, co4]);
    expect(ids(c, "get_credit_offers_by_owner", ["sam", 3, co2])).toEqual([co3, co4, co5]);
    expect(ids(c, "get_credit_offers_by_owner", ["1.2.19", 3])).toEqual([co2, co6]);
    expect(rule(c, "get_credit_offers_by_owner", ["nonexistent-account"])).toBe("query.account_exists");
    expect(rule(c, "get_credit_offers_by_owner", ["ted", 102])).toBe("query.limit");
    expect(ids(c, "get_credit_offers_by_asset", ["MYUSD"])).toEqual([co2, co5, co6]);
    expect(ids(c, "get_credit_offers_by_asset", ["MYUSD", 2])).toEqual([co2, co5]);
    expect(ids(c, "get_credit_offers_by_asset", ["MYUSD", 2, co4])).toEqual([co5, co6]);
    expect(ids(c, "get_credit_offers_by_asset", ["1.3.0", 2, null])).toEqual([co1]);
    expect(rule(c, "get_credit_offers_by_asset", ["NOSUCHASSET"])).toBe("query.asset_exists");
    expect(rule(c, "get_credit_offers_by_asset", ["MYUSD", 102])).toBe("query.limit");
    expect(rule(c, "list_credit_offers", [5, "1.22.0"])).toBe("query.from_json");
    expect(ids(c, "list_credit_offers", [0])).toEqual([]);
  });

  it("the deal queries, each in its index order; objects in get_objects' JSON shape", () => {
    const { c, bob, ray, usd, eur, co } = setup();
    const borrow = (who: string, offer: string, amount: T.Asset, collateral: T.Asset): string =>
      ((c.result([72, { fee: core(0), borrower: who, offer_id: offer, borrow_amount: amount, collateral, max_fee_rate: 1000000,
        min_duration_seconds: 0, extensions: {} }]) as [5, T.ExtendableOperationResultDtl])[1].new_objects![0]!);
    const cd11 = borrow(ray, co[0]!, core(100), asset(200, usd));
    const cd12 = borrow(ray, co[0]!, core(150), asset(400, eur));
    const cd13 = borrow(bob, co[0]!, core(200), asset(600, eur));
    const cd21 = borrow(bob, co[1]!, asset(500, usd), asset(500, eur));
    const cd31 = borrow(bob, co[2]!, asset(500, eur), core(5000));
    const cd51 = borrow(ray, co[4]!, asset(400, usd), asset(800, eur));
    c.generateBlock();
    expect(ids(c, "list_credit_deals", [])).toEqual([cd11, cd12, cd13, cd21, cd31, cd51]);
    expect(ids(c, "get_credit_deals_by_offer_id", [co[0]!])).toEqual([cd11, cd12, cd13]);
    expect(ids(c, "get_credit_deals_by_offer_owner", ["sam"])).toEqual([cd11, cd12, cd13, cd31, cd51]);
    expect(ids(c, "get_credit_deals_by_borrower", ["bob"])).toEqual([cd13, cd21, cd31]);
    expect(ids(c, "get_credit_deals_by_debt_asset", ["MYUSD"])).toEqual([cd21, cd51]);
    expect(ids(c, "get_credit_deals_by_collateral_asset", ["MYEUR"])).toEqual([cd12, cd13, cd21, cd51]);
    expect(ids(c, "get_credit_deals_by_borrower", ["bob", 1, cd21])).toEqual([cd21]);
    expect(rule(c, "get_credit_deals_by_offer_id", ["1.22.0"])).toBe("query.from_json");
    const r = q(c, "get_credit_deals_by_offer_id", [co[1]!]);
    expect(E.isRight(r) && r.right).toEqual([{
      id: cd21, borrower: bob, offer_id: co[1], offer_owner: "1.2.19", debt_asset: usd, debt_amount: 500, collateral_asset: eur,
      collateral_amount: 500, fee_rate: 30000, latest_repay_time: expect.any(String), auto_repay: 0,
    }]);
  });
});
