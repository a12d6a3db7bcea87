// ticket_create / ticket_update (ticket_evaluator.cpp, ticket_object.cpp) and database::process_tickets on the
// database_fixture chain, after tests/tests/pob_tests.cpp. Every hardfork is active, so ticket_v2 values
// apply: a liquid ticket is worth 0 (pob_tests.cpp hf2262_test), where the pre-2262 cases say 1 per core.
import { describe, expect, it } from "vitest";
import type * as T from "../../../generated/native-types.js";
import type { EvalContext } from "../evaluator.js";
import { run } from "../gen.js";
import { Session } from "../session.js";
import { Chain, asset, core, refusal } from "./misc_ops_test_support.js";
import { EVALUATORS } from "./index.js";
import { TIME_MAX, processTickets, ticketUpdateEvaluator } from "./ticket.js";

const DAY = 86400;
const LIQUID = 0, LOCK_180 = 1, LOCK_360 = 2, LOCK_720 = 3, FOREVER = 4;
const createOp = (account: string, target: number, amount: T.Asset): T.Operation =>
  [57, { fee: core(0), account, target_type: BigInt(target), amount, extensions: [] }];
const updateOp = (ticket: string, account: string, target: number, part?: T.Asset): T.Operation =>
  [58, { fee: core(0), ticket, account, target_type: BigInt(target), ...(part === undefined ? {} : { amount_for_new_target: part }), extensions: [] }];
const field = (f: string) => `operations[0][1].${f}`;
const generic = (new_objects: string[], updated_objects: string[], removed_objects: string[]): T.OperationResult =>
  [3, { new_objects, updated_objects, removed_objects }];

/** pob_tests.cpp: sam funded with 10000000 BTS. */
const INIT = 10000000n * 100000n;
function withSam() {
  const c = new Chain();
  const sam = c.createAccount("sam");
  c.transfer("1.2.0", sam, core(INIT));
  const ticket = (id: string) => c.get<T.TicketObject>(id);
  const pol = () => { const st = c.stats(sam); return { total_core_pol: st.total_core_pol, total_pol_value: st.total_pol_value }; };
  return { c, sam, ticket, pol };
}

describe("ticket_create", () => {
  it("locks the amount in a new liquid, charging ticket worth nothing yet (validation_and_basic_logic_test)", () => {
    const { c, sam, ticket, pol } = withSam();
    const now = c.now();
    const amounts: [number, bigint][] = [[LOCK_180, 1n], [LOCK_360, 1000n], [LOCK_720, 10n], [FOREVER, 100000n]];
    const targets = ["lock_180_days", "lock_360_days", "lock_720_days", "lock_forever"] as const;
    for (const [i, [target, amount]] of amounts.entries()) {
      expect(c.result(createOp(sam, target, core(amount)))).toEqual([1, `1.18.${i}`]);
      expect(ticket(`1.18.${i}`)).toEqual({
        id: `1.18.${i}`, account: sam, target_type: targets[i], amount: core(amount), current_type: "liquid", status: "charging",
        value: 0n, next_auto_update_time: now + 15 * DAY, next_type_downgrade_time: TIME_MAX,
      });
    }
    expect(c.balance(sam)).toBe(INIT - 101011n);
    expect(pol()).toEqual({ total_core_pol: 101011n, total_pol_value: 0n });
  });

  it("refuses more than the account holds when debiting it", () => {
    const { c, sam } = withSam();
    c.expectRefused([createOp(sam, LOCK_180, core(INIT + 1n))],
      { exception: "assert_exception", rule: "database.adjust_balance.sufficient", field: field("amount.amount") });
  });
});

describe("ticket_update refusals", () => {
  it("refuses a missing ticket, another account, an unchanged target, more than the ticket holds (validation_and_basic_logic_test)", () => {
    const { c, sam } = withSam();
    const ted = c.createAccount("ted");
    c.pushOk([createOp(sam, LOCK_180, core(1))]);
    c.expectRefused([updateOp("1.18.5", sam, LIQUID)], { exception: "assert_exception", rule: "database.object_exists", field: field("ticket") });
    c.expectRefused([updateOp("1.18.0", ted, LIQUID)], { exception: "assert_exception", rule: "ticket_update.account", field: field("account") });
    const unchanged = { exception: "assert_exception", rule: "ticket_update.target_changes", field: field("target_type") };
    c.expectRefused([updateOp("1.18.0", sam, LOCK_180)], unchanged);
    c.expectRefused([updateOp("1.18.0", sam, LOCK_180, core(1))], unchanged);
    c.expectRefused([updateOp("1.18.0", sam, LIQUID, core(2))],
      { exception: "assert_exception", rule: "ticket_update.amount_within_ticket", field: field("amount_for_new_target.amount") });
  });

  it("refuses an amount in another asset (asset comparison; validate() already requires core)", () => {
    const { c, sam } = withSam();
    c.pushOk([createOp(sam, LOCK_180, core(5))]);
    const s = new Session(c.f.state);
    const ctx: EvalContext = {
      s, trx: { evaluators: EVALUATORS, is_proposed_trx: false, skip_fee_schedule_check: false, skip: 0 },
      fee: { fee_from_account: core(0), core_fee_paid: 0n, fee_paying_account: c.get(sam), fee_asset: c.get("1.3.0") },
    };
    const op = updateOp("1.18.0", sam, LIQUID, asset(1, "1.3.1"))[1] as T.TicketUpdateOperation;
    expect(refusal(run(ticketUpdateEvaluator.evaluate(ctx, op)))).toEqual(
      { exception: "assert_exception", rule: "ticket_update.same_asset", field: "amount_for_new_target.asset_id" });
    expect(s.db).toBe(c.f.state);
  });
});

describe("ticket_update and process_tickets", () => {
  it("retargets whole tickets and splits part of one (validation_and_basic_logic_test, v2 values)", () => {
    const { c, sam, ticket, pol } = withSam();
    c.pushOk([createOp(sam, LOCK_180, core(1)), createOp(sam, LOCK_360, core(1000)), createOp(sam, LOCK_720, core(10)), createOp(sam, FOREVER, core(100000))]);
    const t0 = c.now();
    // Cancelling the charge of a liquid ticket (amount_for_new_target equal to the amount: no split).
    expect(c.result(updateOp("1.18.0", sam, LIQUID, core(1)))).toEqual(generic([], ["1.18.0"], []));
    expect(ticket("1.18.0")).toMatchObject({
      target_type: "liquid", current_type: "liquid", status: "withdrawing", value: 0n,
      next_auto_update_time: t0 + 7 * DAY, next_type_downgrade_time: t0 + 7 * DAY,
    });
    c.expectRefused([updateOp("1.18.0", sam, LIQUID)], { exception: "assert_exception", rule: "ticket_update.target_changes", field: field("target_type") });
    // Charging again restarts the step clock; the pending downgrade time is kept.
    expect(c.result(updateOp("1.18.0", sam, FOREVER))).toEqual(generic([], ["1.18.0"], []));
    expect(ticket("1.18.0")).toMatchObject({
      target_type: "lock_forever", current_type: "liquid", status: "charging", next_auto_update_time: t0 + 15 * DAY, next_type_downgrade_time: t0 + 7 * DAY,
    });
    // 3 of ticket 2 split off towards lock_180_days; the rest keeps its target.
    expect(c.result(updateOp("1.18.1", sam, LOCK_180, core(3)))).toEqual(generic(["1.18.4"], ["1.18.1"], []));
    expect(ticket("1.18.1")).toMatchObject({ target_type: "lock_360_days", amount: core(997), status: "charging", value: 0n });
    expect(ticket("1.18.4")).toEqual({
      id: "1.18.4", account: sam, target_type: "lock_180_days", amount: core(3), current_type: "liquid", status: "charging", value: 0n,
      next_auto_update_time: t0 + 15 * DAY, next_type_downgrade_time: TIME_MAX,
    });
    expect(pol()).toEqual({ total_core_pol: 101011n, total_pol_value: 0n });
  });

  it("charges a lock_180_days ticket in 15 days, then it is stable (one_lock_180_ticket)", () => {
    const { c, sam, ticket, pol } = withSam();
    c.pushOk([createOp(sam, LOCK_180, core(100))]);
    const t0 = c.now();
    c.generateBlocksUntil(t0 + 14 * DAY);
    expect(ticket("1.18.0")).toMatchObject({ current_type: "liquid", status: "charging", value: 0n });
    c.generateBlocksUntil(t0 + 15 * DAY);
    expect(c.now()).toBe(t0 + 15 * DAY);
    expect(ticket("1.18.0")).toEqual({
      id: "1.18.0", account: sam, target_type: "lock_180_days", amount: core(100), current_type: "lock_180_days", status: "stable",
      value: 200n, next_auto_update_time: TIME_MAX, next_type_downgrade_time: TIME_MAX,
    });
    expect(pol()).toEqual({ total_core_pol: 100n, total_pol_value: 200n });
    expect(c.balance(sam)).toBe(INIT - 100n);
  });

  it("charges a lock_forever ticket step by step, then its value decays by a quarter every 180 days (one_lock_forever_ticket, forever_ticket_auto_update)", () => {
    const { c, sam, ticket, pol } = withSam();
    c.pushOk([createOp(sam, FOREVER, core(100))]);
    const t0 = c.now();
    const steps: [string, bigint][] = [["lock_180_days", 200n], ["lock_360_days", 400n], ["lock_720_days", 800n]];
    for (const [i, [type, value]] of steps.entries()) {
      c.generateBlocksUntil(t0 + (15 * (i + 1) - 1) * DAY);
      expect(ticket("1.18.0").current_type).toBe(i === 0 ? "liquid" : steps[i - 1]![0]);
      c.generateBlocksUntil(t0 + 15 * (i + 1) * DAY);
      expect(ticket("1.18.0")).toMatchObject({ current_type: type, status: "charging", value, next_auto_update_time: t0 + 15 * (i + 2) * DAY });
      expect(pol()).toEqual({ total_core_pol: 100n, total_pol_value: value });
    }
    c.generateBlocksUntil(t0 + 60 * DAY);
    const forever = t0 + 60 * DAY;
    expect(ticket("1.18.0")).toEqual({
      id: "1.18.0", account: sam, target_type: "lock_forever", amount: core(100), current_type: "lock_forever", status: "withdrawing",
      value: 800n, next_auto_update_time: forever + 180 * DAY, next_type_downgrade_time: TIME_MAX,
    });
    // The amount and value move from proof of lock to proof of burn.
    expect(c.stats(sam)).toMatchObject({ total_core_pol: 0n, total_pol_value: 0n, total_core_pob: 100n, total_pob_value: 800n, total_core_inactive: 0n });
    expect(c.f.dgpo()).toMatchObject({ total_pob: 100n, total_inactive: 0n });
    for (const target of [FOREVER, LOCK_720, LIQUID]) {
      c.expectRefused([updateOp("1.18.0", sam, target)], { exception: "assert_exception", rule: "ticket_update.not_locked_forever", field: field("ticket") });
    }
    // 100 * 8 / 4 = 200 per step.
    for (let i = 0; i < 4; i++) {
      c.generateBlocksUntil(forever + (180 * (i + 1) - 1) * DAY);
      expect(ticket("1.18.0").value).toBe(200n * BigInt(4 - i));
      c.generateBlocksUntil(forever + 180 * (i + 1) * DAY);
      expect(ticket("1.18.0")).toMatchObject({
        value: 200n * BigInt(3 - i), status: i < 3 ? "withdrawing" : "stable",
        next_auto_update_time: i < 3 ? forever + 180 * (i + 2) * DAY : TIME_MAX,
      });
    }
    expect(c.stats(sam)).toMatchObject({ total_core_pol: 0n, total_pol_value: 0n, total_core_pob: 0n, total_pob_value: 0n, total_core_inactive: 100n });
    expect(c.f.dgpo()).toMatchObject({ total_pob: 0n, total_inactive: 100n });
    expect(c.balance(sam)).toBe(INIT - 100n);
  });

  it("releases a cancelled charge after 7 days (cancel_charging_from_liquid)", () => {
    const { c, sam, pol } = withSam();
    c.pushOk([createOp(sam, LOCK_360, core(100))]);
    const t0 = c.now();
    c.generateBlocksUntil(t0 + 14 * DAY);
    const t1 = c.now();
    expect(c.result(updateOp("1.18.0", sam, LIQUID))).toEqual(generic([], ["1.18.0"], []));
    c.generateBlocksUntil(t1 + 6 * DAY);
    expect(c.find("1.18.0")).toBeDefined();
    c.generateBlocksUntil(t1 + 7 * DAY);
    expect(c.find("1.18.0")).toBeUndefined();
    expect(c.balance(sam)).toBe(INIT);
    expect(pol()).toEqual({ total_core_pol: 0n, total_pol_value: 0n });
  });

  it("applies a stale downgrade time at once, splitting and updating as bitshares-core does (update_from_withdrawing_to_charging_then_withdraw_again)", () => {
    const { c, sam, ticket, pol } = withSam();
    c.pushOk([createOp(sam, LOCK_720, core(100))]);
    const t0 = c.now();
    c.generateBlocksUntil(t0 + 45 * DAY);
    expect(ticket("1.18.0")).toMatchObject({ current_type: "lock_720_days", status: "stable", value: 800n });
    expect(pol()).toEqual({ total_core_pol: 100n, total_pol_value: 800n });
    const t1 = c.now();
    expect(c.result(updateOp("1.18.0", sam, FOREVER))).toEqual(generic([], ["1.18.0"], []));
    expect(ticket("1.18.0")).toMatchObject({ status: "charging", current_type: "lock_720_days", next_auto_update_time: t1 + 15 * DAY, next_type_downgrade_time: TIME_MAX });
    // update_from_charging_to_withdrawing: one type down at once, 360 days to the next.
    c.generateBlocksUntil(t1 + 14 * DAY);
    const t2 = c.now();
    const down = t2 + 360 * DAY;
    c.pushOk([updateOp("1.18.0", sam, LIQUID)]);
    expect(ticket("1.18.0")).toMatchObject({
      target_type: "liquid", current_type: "lock_360_days", status: "withdrawing", value: 400n, next_auto_update_time: down, next_type_downgrade_time: down,
    });
    expect(pol()).toEqual({ total_core_pol: 100n, total_pol_value: 400n });
    // update_from_withdrawing_to_charging_step_1: charging keeps the downgrade time.
    c.generateBlocksUntil(t2 + 114 * DAY);
    c.pushOk([updateOp("1.18.0", sam, FOREVER)]);
    expect(ticket("1.18.0")).toMatchObject({ status: "charging", current_type: "lock_360_days", value: 400n, next_auto_update_time: t2 + 129 * DAY, next_type_downgrade_time: down });
    c.generateBlocksUntil(t2 + 120 * DAY);
    c.pushOk([updateOp("1.18.0", sam, LIQUID)]);
    expect(ticket("1.18.0")).toMatchObject({ status: "withdrawing", current_type: "lock_360_days", next_auto_update_time: down, next_type_downgrade_time: down });
    c.generateBlocksUntil(down - DAY);
    c.pushOk([updateOp("1.18.0", sam, LOCK_720)]);
    expect(ticket("1.18.0")).toMatchObject({ status: "charging", next_auto_update_time: down + 14 * DAY, next_type_downgrade_time: down });
    // Past the kept downgrade time, withdrawing again downgrades within the operation.
    c.generateBlocksUntil(down + 5 * DAY);
    expect(c.result(updateOp("1.18.0", sam, LOCK_180))).toEqual(generic([], ["1.18.0"], []));
    expect(ticket("1.18.0")).toEqual({
      id: "1.18.0", account: sam, target_type: "lock_180_days", amount: core(100), current_type: "lock_180_days", status: "withdrawing",
      value: 200n, next_auto_update_time: down + 180 * DAY, next_type_downgrade_time: down + 180 * DAY,
    });
    expect(pol()).toEqual({ total_core_pol: 100n, total_pol_value: 200n });
    c.generateBlocksUntil(down + 179 * DAY);
    c.pushOk([updateOp("1.18.0", sam, LOCK_720)]);
    c.generateBlocksUntil(down + 185 * DAY);
    // Partially cancel charging: the split part inherits the past downgrade time and is processed to stable.
    expect(c.result(updateOp("1.18.0", sam, LOCK_180, core(10)))).toEqual(generic(["1.18.1"], ["1.18.0"], []));
    expect(ticket("1.18.1")).toEqual({
      id: "1.18.1", account: sam, target_type: "lock_180_days", amount: core(10), current_type: "lock_180_days", status: "stable",
      value: 20n, next_auto_update_time: TIME_MAX, next_type_downgrade_time: TIME_MAX,
    });
    expect(ticket("1.18.0")).toEqual({
      id: "1.18.0", account: sam, target_type: "lock_720_days", amount: core(90), current_type: "lock_180_days", status: "charging",
      value: 180n, next_auto_update_time: down + 194 * DAY, next_type_downgrade_time: down + 180 * DAY,
    });
    expect(pol()).toEqual({ total_core_pol: 100n, total_pol_value: 200n });
    c.generateBlocksUntil(down + 194 * DAY);
    expect(ticket("1.18.0")).toMatchObject({ current_type: "lock_360_days", status: "charging", value: 360n, next_auto_update_time: down + 209 * DAY, next_type_downgrade_time: TIME_MAX });
    expect(pol()).toEqual({ total_core_pol: 100n, total_pol_value: 380n });
  });

  it("removes a ticket within the operation when its kept cancel time has passed, listing it as removed", () => {
    const { c, sam, pol } = withSam();
    c.pushOk([createOp(sam, LOCK_180, core(100))]);
    const t0 = c.now();
    c.pushOk([updateOp("1.18.0", sam, LIQUID)]);
    c.generateBlocksUntil(t0 + 3 * DAY);
    c.pushOk([updateOp("1.18.0", sam, LOCK_180)]);
    c.generateBlocksUntil(t0 + 8 * DAY);
    expect(c.find("1.18.0")).toBeDefined();
    expect(c.result(updateOp("1.18.0", sam, LIQUID))).toEqual(generic([], [], ["1.18.0"]));
    expect(c.find("1.18.0")).toBeUndefined();
    expect(c.balance(sam)).toBe(INIT);
    expect(pol()).toEqual({ total_core_pol: 0n, total_pol_value: 0n });
  });

  it("process_tickets lists what it updated and removed, in id order, and does nothing twice at one time", () => {
    const { c, sam } = withSam();
    c.pushOk([createOp(sam, LOCK_180, core(5)), createOp(sam, LOCK_360, core(6)), createOp(sam, LOCK_180, core(7))]);
    c.pushOk([updateOp("1.18.1", sam, LIQUID)]);
    const t0 = c.now();
    // Let both charging tickets and the cancelled one fall due without processing them.
    const s = new Session(c.f.state);
    s.modify<T.DynamicGlobalPropertyObject>("2.1.0", (d) => ({ ...d, time: t0 + 15 * DAY }));
    const r = processTickets(s);
    expect(r).toEqual({ new_objects: [], updated_objects: ["1.18.0", "1.18.2"], removed_objects: ["1.18.1"] });
    expect(s.get<T.TicketObject>("1.18.0")).toMatchObject({ current_type: "lock_180_days", status: "stable", value: 10n });
    const after = s.db;
    expect(processTickets(s)).toEqual({ new_objects: [], updated_objects: [], removed_objects: [] });
    expect(s.db).toBe(after);
  });
});
