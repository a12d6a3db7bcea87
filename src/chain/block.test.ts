// Block production and application (db_block.cpp _generate_block / _apply_block, db_witness_schedule.cpp,
// db_update.cpp) on the database_fixture chain. Numbers come from bitshares-core's tests/tests/block_tests.cpp
// (block_size_test, rsf_missed_blocks, miss_some_blocks), re-derived with every hardfork active.
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type * as T from "../../generated/native-types.js";
import { secretFromSeed } from "../crypto/keys.js";
import { ChainFixture, fixtureGenesis } from "../scenario/fixture.js";
import { makeBlock, selectPendingTransactions } from "./block.js";
import { EVALUATORS } from "./evaluators/index.js";
import { run } from "./gen.js";
import { applyBlock, scheduledWitness, slotTime } from "./index.js";
import { Session, WITNESS_SCHEDULE_ID } from "./session.js";
import { SKIP, SKIP_ALL } from "./skip.js";
import { packedSize } from "./transaction.js";
import { witnessParticipationRate } from "./witness_schedule.js";

/** The fixture with its genesis at 2030-01-01 (every hardfork in the past for bitshares-core too). */
const fixture = (): ChainFixture => ChainFixture.create(fixtureGenesis(1893456000));
const size = (type: string, v: unknown): number => {
  const r = run(packedSize(type, v, ""));
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const transfer = (amount: bigint): T.Operation =>
  [0, { fee: { amount: 0n, asset_id: "1.3.0" }, from: "1.2.0", to: "1.2.6", amount: { amount, asset_id: "1.3.0" }, extensions: [] }] as T.Operation;

describe("selectPendingTransactions (_generate_block)", () => {
  // block_size_test: a pending transaction is first measured as _pending_tx holds it, with the results of its
  // push (a transfer's [void_result] adds 2 bytes), then with them cleared (1 byte).
  function setup(extra: number) {
    const f = fixture();
    const ptx = f.pushOk([transfer(1n)]);
    const { operation_results: _, ...signed } = ptx;
    const signedSize = size("signed_transaction", signed);
    expect(size("processed_transaction", ptx)).toBe(signedSize + 2);
    expect(size("processed_transaction", { ...signed, operation_results: [] })).toBe(signedSize + 1);
    // header allowance: pack_size(signed_block_header) - 1 + 3 + pack_size(witness id) = 111 - 1 + 3 + 1
    f.modifyGlobalProperties((p) => ({ ...p, parameters: { ...p.parameters, maximum_block_size: 114 + signedSize + extra } }), true);
    const s = new Session(f.head);
    const select = (pending: readonly (T.SignedTransaction | T.ProcessedTransaction)[]) =>
      run(selectPendingTransactions(s, pending, scheduledWitness(f.head, 1), { skip: SKIP_ALL, evaluators: EVALUATORS, hooks: {} }));
    return { ptx, signed, select };
  }

  it("postpones a transaction whose pushed form (with results) overflows, though its cleared form would fit", () => {
    const { ptx, signed, select } = setup(1);
    expect(select([ptx])).toEqual(E.right([]));
    // Measured as a bare signed transaction (as btsref did before) it would have gone in.
    expect(E.map((t: T.ProcessedTransaction[]) => t.length)(select([signed]))).toEqual(E.right(1));
  });

  it("takes it, with its results cleared, once the pushed form fits", () => {
    const { ptx, signed, select } = setup(2);
    expect(select([ptx])).toEqual(E.right([{ ...signed, operation_results: [] }]));
  });

  // The transfer is unsigned: both blocks skip signatures, as _generate_block applies pending transactions with its skip.
  it("keeps a postponed transaction pending when the block is made by database::generate_block directly", () => {
    const f = fixture();
    f.pushOk([transfer(1n)]);
    const one = f.pending[0]!;
    f.modifyGlobalProperties((p) => ({ ...p, parameters: { ...p.parameters, maximum_block_size: 114 + size("processed_transaction", one) - 1 } }), true);
    const b = f.generateBlock({ skip: SKIP.transaction_signatures, keepPending: true });
    expect(b.transactions).toEqual([]);
    expect(f.pending.length).toBe(1);
    f.modifyGlobalProperties((p) => ({ ...p, parameters: { ...p.parameters, maximum_block_size: 2000000 } }), true);
    expect(f.generateBlock({ skip: SKIP.transaction_signatures, keepPending: true }).transactions.length).toBe(1);
    expect(f.pending).toEqual([]);
    expect(f.balance("1.2.6", "1.3.0")).toBe(1n);
  });
});

describe("update_witness_missed_blocks and update_global_dynamic_data", () => {
  it("counts a missed block for each witness of the skipped slots, and shifts them into recent_slots_filled", () => {
    const f = fixture();
    f.generateBlock();
    const before = f.dgpo();
    const skipped = [scheduledWitness(f.head, 1), scheduledWitness(f.head, 2)];
    const producer = scheduledWitness(f.head, 3);
    const missed0 = skipped.map((id) => f.get<T.WitnessObject>(id).total_missed);
    const b = f.generateBlock({ missBlocks: 2 });
    expect(b.witness).toBe(producer);
    expect(skipped.map((id) => f.get<T.WitnessObject>(id).total_missed)).toEqual(missed0.map((m) => m + 1n));
    const after = f.dgpo();
    // rsf_missed_blocks: a block after 2 missed slots shifts in "100" (newest slot lowest).
    expect(after.recent_slots_filled).toBe((((before.recent_slots_filled << 1n) + 1n) << 2n) & ((1n << 128n) - 1n));
    expect(after.current_aslot).toBe(before.current_aslot + 3n);
    expect(after.recently_missed_count).toBe(before.recently_missed_count + 8); // RECENTLY_MISSED_COUNT_INCREMENT * 2
    expect(witnessParticipationRate(after)).toBe(Math.floor((10000 * 126) / 128));
  });

  it("counts no missed blocks when more slots than scheduled witnesses were skipped (miss_many_blocks)", () => {
    const f = fixture();
    f.generateBlock();
    const order = f.get<T.WitnessScheduleObject>(WITNESS_SCHEDULE_ID).current_shuffled_witnesses;
    const missed0 = order.map((id) => f.get<T.WitnessObject>(id).total_missed);
    f.generateBlock({ missBlocks: order.length });
    expect(order.map((id) => f.get<T.WitnessObject>(id).total_missed)).toEqual(missed0);
    expect(f.dgpo().recently_missed_count).toBe(4 * order.length);
  });

  it("refuses a block in no slot after the head (a double-produced block) even when the schedule check is skipped", () => {
    const f = fixture();
    f.generateBlock();
    const s = new Session(f.head);
    const when = f.now() + 3; // the first slot is head + 5
    expect(slotTime(f.head, 1)).toBe(f.now() + 5);
    const made = run(makeBlock(s, when, scheduledWitness(f.head, 1), [], secretFromSeed("null_key")));
    if (E.isLeft(made)) throw new Error(made.left.message);
    const r = applyBlock(f.head, made.right, { skip: SKIP_ALL });
    expect(E.isLeft(r) && r.left).toMatchObject({ exception: "assert_exception", rule: "block.double_produced", field: "timestamp" });
    const ok = run(makeBlock(s, f.now() + 5, scheduledWitness(f.head, 1), [], secretFromSeed("null_key")));
    if (E.isLeft(ok)) throw new Error(ok.left.message);
    expect(E.isRight(applyBlock(f.head, ok.right, { skip: SKIP_ALL }))).toBe(true);
  });
});

describe("witnessParticipationRate", () => {
  it("is the population count of recent_slots_filled over 128, in hundredths of a percent", () => {
    const dgpo = (v: bigint) => ({ recent_slots_filled: v }) as T.DynamicGlobalPropertyObject;
    expect(witnessParticipationRate(dgpo((1n << 128n) - 1n))).toBe(10000);
    expect(witnessParticipationRate(dgpo(0n))).toBe(0);
    expect(witnessParticipationRate(dgpo(0b1011n))).toBe(Math.floor((10000 * 3) / 128));
  });
});
