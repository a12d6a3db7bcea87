// Genesis worker candidates (db_init.cpp init_genesis): each becomes a worker_create of a vesting worker
// named Genesis-Worker-<owner>, beginning at genesis and never ending, with a 0-day worker vesting balance.
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { ChainFixture, fixtureGenesis } from "../scenario/fixture.js";

describe("genesis workers", () => {
  it("are created as vesting workers with two vote ids each, and unpaid without approving stake", () => {
    const g = fixtureGenesis();
    const f = ChainFixture.create({ ...g, initial_worker_candidates: [{ owner_name: "init0", daily_pay: 1000n }] });
    const w = f.get<T.WorkerObject>("1.14.0");
    const init0 = f.account("init0").id;
    expect(w).toMatchObject({
      worker_account: init0, work_begin_date: g.initial_timestamp, work_end_date: 0xffffffff, daily_pay: 1000n, name: "Genesis-Worker-init0", url: "",
      total_votes_for: 0n, total_votes_against: 0n, worker: [1, { balance: expect.stringMatching(/^1\.13\.\d+$/) }],
    });
    const [, forId] = w.vote_for.split(":").map(Number);
    expect(w.vote_for.startsWith("2:")).toBe(true);
    expect(w.vote_against).toBe(`2:${forId! + 1}`);
    const vb = f.get<T.VestingBalanceObject>((w.worker[1] as T.VestingBalanceWorkerType).balance);
    expect(vb).toMatchObject({ owner: init0, balance: { amount: 0n, asset_id: "1.3.0" }, balance_type: "worker", policy: [1, { vesting_seconds: 0 }] });
    f.generateBlocksUntil(f.dgpo().next_maintenance_time);
    f.generateBlock();
    expect(f.get<T.VestingBalanceObject>(vb.id).balance.amount).toBe(0n);
  });
});
