// Market invariants of the property world (issue: "the book sorted and uncrossed after every block; no call
// order below its maintenance ratio left unmatched where the book could fill it").
import { either as E } from "fp-ts";
import type * as T from "../generated/native-types.js";
import { run } from "../src/chain/gen.js";
import { Session } from "../src/chain/session.js";
import type { Database } from "../src/db/database.js";
import { checkCallOrders } from "../src/market/margin_call.js";
import { invertPrice, isNullPrice, priceLess } from "../src/protocol/price.js";
import { OBJECT_TYPES as P } from "../src/protocol/config.js";

/** Markets where the best offer of one side would fill the best offer of the other: after apply_order no
 *  two resting orders cross. */
export function crossedMarkets(db: Database): string[] {
  const best = new Map<string, T.LimitOrderObject>();
  for (const o of db.range<T.LimitOrderObject>(1, P.limit_order, "by_price")) {
    const key = `${o.sell_price.base.asset_id}>${o.sell_price.quote.asset_id}`;
    if (!best.has(key)) best.set(key, o);
  }
  const out: string[] = [];
  for (const [key, o] of best) {
    const otherKey = `${o.sell_price.quote.asset_id}>${o.sell_price.base.asset_id}`;
    const other = best.get(otherKey);
    if (other === undefined || otherKey < key) continue;
    // `other` would match `o` when its price is at least the inverse of o's.
    if (!priceLess(other.sell_price, invertPrice(o.sell_price))) out.push(`orders ${o.id} and ${other.id} cross`);
  }
  return out;
}

/** SmartCoins on which database::check_call_orders would still do something: a position left in margin
 *  call territory that the book or a waiting settlement could fill, or a black swan not handled. */
export function pendingMarginCalls(db: Database): string[] {
  const out: string[] = [];
  for (const a of db.all<T.AssetObject>(1, P.asset)) {
    if (a.bitasset_data_id === undefined) continue;
    const b = db.find<T.AssetBitassetDataObject>(a.bitasset_data_id)!;
    if (isNullPrice(b.current_feed.settlement_price)) continue;
    const s = new Session(db);
    const r = run(checkCallOrders(s, a));
    if (E.isLeft(r)) out.push(`check_call_orders on ${a.symbol} fails: ${r.left.message}`);
    else if (s.db !== db) out.push(`check_call_orders on ${a.symbol} still changes the state (margin called: ${r.right})`);
  }
  return out;
}
