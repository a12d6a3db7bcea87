// ticket_create (57), ticket_update (58) and the per-block ticket updates (BSIP 74 "proof of lock"):
// libraries/chain/ticket_evaluator.cpp, ticket_object.cpp/.hpp and database::process_tickets (db_update.cpp).
// Every hardfork is active: tickets are allowed (core-2103) and valued with ticket_v2 (core-2262), where a
// liquid ticket is worth nothing.
import { either as E } from "fp-ts";
import type * as T from "../../../generated/native-types.js";
import { OBJECT_TYPES } from "../../protocol/config.js";
import { adjustBalance } from "../balances.js";
import { type Evaluator, objectIdResult } from "../evaluator.js";
import { ensureAssert, run } from "../gen.js";
import { ChainInvariantError, DYNAMIC_GLOBAL_PROPERTY_ID, type Session } from "../session.js";

/** ticket_type in enum order (protocol/ticket.hpp). */
export const TICKET_TYPES = ["liquid", "lock_180_days", "lock_360_days", "lock_720_days", "lock_forever"] as const;
type Kind = (typeof TICKET_TYPES)[number];

/** ticket_object's constants (ticket_object.hpp). */
export const LOCK_FOREVER_UPDATE_STEPS = 4n;
export const SECONDS_PER_LOCK_FOREVER_UPDATE_STEP = 180 * 86400;
export const SECONDS_PER_CHARGING_STEP = 15 * 86400;
export const SECONDS_TO_CANCEL_CHARGING = 7 * 86400;
const SECONDS_TO_DOWNGRADE = [180 * 86400, 180 * 86400, 360 * 86400];
/** _value_multiplier_v2: liquid counts for nothing after core-2262. */
const VALUE_MULTIPLIER = [0n, 2n, 4n, 8n, 8n];
/** time_point_sec::maximum(). */
export const TIME_MAX = 0xffffffff;

const rank = (t: T.TicketType): number => TICKET_TYPES.indexOf(t as Kind);
const kind = (i: number): Kind => {
  const k = TICKET_TYPES[i];
  if (k === undefined) throw new ChainInvariantError(`ticket type ${i} is out of range (validate() admits 0..4)`);
  return k;
};
/** time_point_sec + uint32_t and +=: unsigned 32-bit, wrapping. */
const plus = (t: number, seconds: number): number => (t + seconds) % 2 ** 32;

/** ticket_object::update_value: value follows the current type, except a lock_forever ticket's value,
 *  which only auto_update changes. */
function withValue(t: T.TicketObject): T.TicketObject {
  return t.current_type === "lock_forever" ? t : { ...t, value: t.amount.amount * VALUE_MULTIPLIER[rank(t.current_type)]! };
}

/** ticket_object::init_new: a new ticket starts liquid and charging towards its target. */
export function initNewTicket(id: string, now: number, account: string, target: T.TicketType, amount: T.Asset): T.TicketObject {
  return withValue({
    id, account, target_type: target, amount, current_type: "liquid", status: "charging", value: 0n,
    next_auto_update_time: plus(now, SECONDS_PER_CHARGING_STEP), next_type_downgrade_time: TIME_MAX,
  });
}

/** ticket_object::update_target_type. Upgrading charges (restarting the step clock unless already
 *  charging); otherwise the ticket withdraws: a pending downgrade time is kept (even one already past,
 *  which process_tickets then applies at once), else cancelling a charge at the same type waits 7 days
 *  and a real downgrade drops one type now and waits that type's downgrade time. */
export function updateTargetType(t: T.TicketObject, now: number, target: T.TicketType): T.TicketObject {
  let next: T.TicketObject = { ...t };
  if (rank(t.current_type) < rank(target)) {
    if (t.status !== "charging") next = { ...next, status: "charging", next_auto_update_time: plus(now, SECONDS_PER_CHARGING_STEP) };
  } else {
    next.status = "withdrawing";
    if (next.next_type_downgrade_time === TIME_MAX) {
      if (t.current_type === target) next.next_type_downgrade_time = plus(now, SECONDS_TO_CANCEL_CHARGING);
      else {
        const lower = rank(t.current_type) - 1;
        next.current_type = kind(lower);
        next.next_type_downgrade_time = plus(now, SECONDS_TO_DOWNGRADE[lower]!);
      }
    }
    next.next_auto_update_time = next.next_type_downgrade_time;
  }
  return withValue({ ...next, target_type: target });
}

/** ticket_object::init_split: a new ticket with part of the amount, in the old one's state, then
 *  retargeted. */
export function initSplitTicket(id: string, now: number, old: T.TicketObject, target: T.TicketType, amount: T.Asset): T.TicketObject {
  return updateTargetType({ ...old, id, amount }, now, target);
}

/** ticket_object::adjust_amount. */
export function adjustTicketAmount(t: T.TicketObject, delta: bigint): T.TicketObject {
  return withValue({ ...t, amount: { ...t.amount, amount: t.amount.amount + delta } });
}

/** ticket_object::auto_update: one step of the ticket's schedule. Charging climbs one type per 15 days
 *  until the target (reaching lock_forever starts its value decay); a lock_forever ticket loses a quarter
 *  of its full value every 180 days (at least 1) until worthless; any other withdrawing ticket drops a
 *  type per downgrade period until it reaches its target. */
export function autoUpdateTicket(t: T.TicketObject): T.TicketObject {
  const next: T.TicketObject = { ...t };
  if (t.status === "charging") {
    next.current_type = kind(rank(t.current_type) + 1);
    next.next_type_downgrade_time = TIME_MAX;
    if (rank(next.current_type) < rank(t.target_type)) next.next_auto_update_time = plus(t.next_auto_update_time, SECONDS_PER_CHARGING_STEP);
    else if (next.current_type !== "lock_forever") {
      next.status = "stable";
      next.next_auto_update_time = TIME_MAX;
    } else {
      next.status = "withdrawing";
      next.next_auto_update_time = plus(t.next_auto_update_time, SECONDS_PER_LOCK_FOREVER_UPDATE_STEP);
      next.value = t.amount.amount * VALUE_MULTIPLIER[rank("lock_forever")]!;
    }
  } else if (t.current_type === "lock_forever") {
    let delta = (t.amount.amount * VALUE_MULTIPLIER[rank("lock_forever")]!) / LOCK_FOREVER_UPDATE_STEPS;
    if (delta <= 0n) delta = 1n;
    if (t.value <= delta) {
      next.value = 0n;
      next.status = "stable";
      next.next_auto_update_time = TIME_MAX;
    } else {
      next.value = t.value - delta;
      next.next_auto_update_time = plus(t.next_auto_update_time, SECONDS_PER_LOCK_FOREVER_UPDATE_STEP);
    }
  } else if (t.current_type === t.target_type) {
    next.status = "stable";
    next.next_type_downgrade_time = TIME_MAX;
    next.next_auto_update_time = TIME_MAX;
  } else {
    const lower = rank(t.current_type) - 1;
    next.current_type = kind(lower);
    next.next_type_downgrade_time = plus(t.next_type_downgrade_time, SECONDS_TO_DOWNGRADE[lower]!);
    next.next_auto_update_time = next.next_type_downgrade_time;
  }
  return withValue(next);
}

/** The statistics object of an account (database::get_account_stats_by_owner). */
const statsOf = (s: Session, account: string): string => s.get<T.AccountObject>(account).statistics;

/** flat_set<object_id_type> order: by the id's 64-bit number, i.e. space, type, instance. */
function sortedIds(ids: Iterable<string>): string[] {
  const key = (id: string): number[] => id.split(".").map(Number);
  return [...ids].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
    return 0;
  });
}

/**
 * database::process_tickets: applies every ticket update due by the head block time, earliest first (a
 * ticket may step several times if blocks were missed). A withdrawing liquid ticket is released to its
 * owner's balance and removed. The owner's statistics follow each change: total_core_pol/total_pol_value
 * for lock-limited tickets, total_core_pob/total_pob_value for lock_forever ones, total_core_inactive for
 * worthless lock_forever ones; the chain-wide total_pob/total_inactive move with them. Run once per block
 * (after the transactions, before maintenance) and at the end of every ticket_update. Returns the ids it
 * updated and removed.
 */
export function processTickets(s: Session): T.GenericOperationResult {
  const now = s.headBlockTime();
  const updated = new Set<string>();
  const removed = new Set<string>();
  let totalDeltaPob = 0n;
  let totalDeltaInactive = 0n;
  for (;;) {
    const first = s.db.range<T.TicketObject>(1, OBJECT_TYPES.ticket, "by_next_update").next();
    if (first.done === true || first.value.next_auto_update_time > now) break;
    const ticket = first.value;
    const stats = statsOf(s, ticket.account);
    if (ticket.status === "withdrawing" && ticket.current_type === "liquid") {
      const credited = run(adjustBalance(s, ticket.account, ticket.amount));
      if (E.isLeft(credited)) throw new ChainInvariantError(`releasing ticket ${ticket.id}: ${credited.left.message}`);
      s.modify<T.AccountStatisticsObject>(stats, (st) => ({
        ...st, total_core_pol: st.total_core_pol - ticket.amount.amount, total_pol_value: st.total_pol_value - ticket.value,
      }));
      removed.add(ticket.id);
      s.remove(ticket.id);
      continue;
    }
    const after = s.modify<T.TicketObject>(ticket.id, autoUpdateTicket);
    updated.add(ticket.id);
    const amount = after.amount.amount;
    let inactive = 0n, foreverAmount = 0n, foreverValue = 0n, otherAmount = 0n, otherValue = 0n;
    if (ticket.current_type === "lock_forever") {
      if (after.value === 0n) {
        totalDeltaPob -= amount;
        totalDeltaInactive += amount;
        inactive = amount;
        foreverAmount = -amount;
      }
      foreverValue = after.value - ticket.value;
    } else if (after.current_type === "lock_forever") {
      totalDeltaPob += amount;
      foreverAmount = amount;
      foreverValue = after.value;
      otherAmount = -amount;
      otherValue = -ticket.value;
    } else {
      otherValue = after.value - ticket.value;
    }
    s.modify<T.AccountStatisticsObject>(stats, (st) => ({
      ...st,
      total_core_inactive: st.total_core_inactive + inactive,
      total_core_pob: st.total_core_pob + foreverAmount,
      total_core_pol: st.total_core_pol + otherAmount,
      total_pob_value: st.total_pob_value + foreverValue,
      total_pol_value: st.total_pol_value + otherValue,
    }));
  }
  if (totalDeltaPob !== 0n || totalDeltaInactive !== 0n) {
    s.modify<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID, (d) => ({
      ...d, total_pob: d.total_pob + totalDeltaPob, total_inactive: d.total_inactive + totalDeltaInactive,
    }));
  }
  return { new_objects: [], updated_objects: sortedIds(updated), removed_objects: sortedIds(removed) };
}

/** ticket_create_evaluator: the core-2103 hardfork check is all do_evaluate does; the amount leaves the
 *  account's balance (database::adjust_balance checks it) into a new charging ticket. */
export const ticketCreateEvaluator: Evaluator<T.TicketCreateOperation, void> = {
  *evaluate() {},
  *apply(ctx, op) {
    const s = ctx.s;
    const now = s.headBlockTime();
    yield* adjustBalance(s, op.account, { amount: -op.amount.amount, asset_id: op.amount.asset_id }, "amount.amount");
    const ticket = s.create<T.TicketObject>(1, OBJECT_TYPES.ticket, (id) => initNewTicket(id, now, op.account, kind(Number(op.target_type)), op.amount));
    s.modify<T.AccountStatisticsObject>(statsOf(s, op.account), (st) => ({
      ...st, total_core_pol: st.total_core_pol + op.amount.amount, total_pol_value: st.total_pol_value + ticket.value,
    }));
    return objectIdResult(ticket.id);
  },
};

/** ticket_update_evaluator: the owner retargets a ticket that is not locked forever to another type,
 *  whole or (amount_for_new_target below the ticket's amount) by splitting that part into a new ticket.
 *  Due updates are then processed at once; the result lists the new, updated and removed tickets. */
export const ticketUpdateEvaluator: Evaluator<T.TicketUpdateOperation, T.TicketObject> = {
  *evaluate(ctx, op) {
    const ticket = yield* ctx.s.load<T.TicketObject>(op.ticket, "ticket");
    yield* ensureAssert(ticket.account === op.account, "ticket_update.account", "account", () =>
      `ticket ${ticket.id} belongs to ${ticket.account}, not ${op.account}`);
    yield* ensureAssert(ticket.current_type !== "lock_forever", "ticket_update.not_locked_forever", "ticket", () =>
      `ticket ${ticket.id} is locked forever`);
    yield* ensureAssert(BigInt(rank(ticket.target_type)) !== op.target_type, "ticket_update.target_changes", "target_type", () =>
      `ticket ${ticket.id} already targets ${ticket.target_type}`);
    const part = op.amount_for_new_target;
    if (part !== undefined) {
      // asset::operator<= FC_ASSERTs equal asset ids before comparing amounts.
      yield* ensureAssert(part.asset_id === ticket.amount.asset_id, "ticket_update.same_asset", "amount_for_new_target.asset_id", () =>
        `ticket ${ticket.id} holds ${ticket.amount.asset_id}, not ${part.asset_id}`);
      yield* ensureAssert(part.amount <= ticket.amount.amount, "ticket_update.amount_within_ticket", "amount_for_new_target.amount", () =>
        `ticket ${ticket.id} holds ${ticket.amount.amount}, less than the ${part.amount} to move`);
    }
    return ticket;
  },
  *apply(ctx, op, ticket) {
    const s = ctx.s;
    const now = s.headBlockTime();
    const target = kind(Number(op.target_type));
    const created: string[] = [];
    const updated = new Set<string>();
    let delta: bigint;
    const part = op.amount_for_new_target;
    if (part !== undefined && part.amount < ticket.amount.amount) {
      const split = s.create<T.TicketObject>(1, OBJECT_TYPES.ticket, (id) => initSplitTicket(id, now, ticket, target, part));
      created.push(split.id);
      const rest = s.modify<T.TicketObject>(ticket.id, (t) => adjustTicketAmount(t, -part.amount));
      delta = split.value + rest.value - ticket.value;
    } else {
      const next = s.modify<T.TicketObject>(ticket.id, (t) => updateTargetType(t, now, target));
      delta = next.value - ticket.value;
    }
    updated.add(ticket.id);
    if (delta !== 0n) s.modify<T.AccountStatisticsObject>(statsOf(s, op.account), (st) => ({ ...st, total_pol_value: st.total_pol_value + delta }));
    const processed = processTickets(s);
    for (const id of processed.updated_objects) updated.add(id);
    for (const id of [...created, ...processed.removed_objects]) updated.delete(id);
    return [3, { new_objects: sortedIds(created), updated_objects: sortedIds(updated), removed_objects: processed.removed_objects }];
  },
};

export const TICKET_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [
  [57, ticketCreateEvaluator],
  [58, ticketUpdateEvaluator],
];
