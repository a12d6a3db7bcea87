// Slots and the witness schedule (db_witness_schedule.cpp): which witness may produce at which time, the
// blocks missed, and the shuffle of the active witnesses every round.
import type * as T from "../../generated/native-types.js";
import { type Gen, ensureAssert } from "./gen.js";
import { type Session, WITNESS_SCHEDULE_ID } from "./session.js";

/** dynamic_global_property_object::maintenance_flag: the last block ran maintenance. */
export const MAINTENANCE_FLAG = 0x01;

/** get_slot_time: the time of the n-th slot after the head block (0: no slot). After a maintenance block
 *  maintenance_skip_slots slots are skipped. */
export function getSlotTime(s: Session, slot: number): number {
  if (slot === 0) return 0;
  const interval = s.params().block_interval;
  const dgpo = s.dgpo();
  if (dgpo.head_block_number === 0) return dgpo.time + slot * interval;
  const headSlotTime = Math.floor(dgpo.time / interval) * interval;
  const skip = (dgpo.dynamic_flags & MAINTENANCE_FLAG) !== 0 ? s.params().maintenance_skip_slots : 0;
  return headSlotTime + (slot + skip) * interval;
}

/** get_slot_at_time: the slot a time falls in (0 before the first slot). */
export function getSlotAtTime(s: Session, when: number): number {
  const first = getSlotTime(s, 1);
  if (when < first) return 0;
  return Math.floor((when - first) / s.params().block_interval) + 1;
}

/** get_scheduled_witness: the witness of a slot, round-robin over the shuffled schedule. */
export function getScheduledWitness(s: Session, slot: number): string {
  const order = s.get<T.WitnessScheduleObject>(WITNESS_SCHEDULE_ID).current_shuffled_witnesses;
  const aslot = s.dgpo().current_aslot + BigInt(slot);
  return order[Number(aslot % BigInt(order.length))]!;
}

/** update_witness_missed_blocks: witnesses of the skipped slots each miss a block (when fewer slots than
 *  witnesses were skipped); returns the number of missed slots. A block in no slot after the head (possible
 *  only with skip_witness_schedule_check) is refused, as the C++ asserts before counting. */
export function* updateWitnessMissedBlocks(s: Session, timestamp: number): Gen<number> {
  const slot = getSlotAtTime(s, timestamp);
  yield* ensureAssert(slot !== 0, "block.double_produced", "timestamp", () =>
    `block time ${timestamp} is before the first slot after the head block (${getSlotTime(s, 1)}): a double-produced block`);
  const missed = slot - 1;
  const order = s.get<T.WitnessScheduleObject>(WITNESS_SCHEDULE_ID).current_shuffled_witnesses;
  if (missed < order.length) {
    for (let i = 0; i < missed; i++) {
      s.modify<T.WitnessObject>(getScheduledWitness(s, i + 1), (w) => ({ ...w, total_missed: w.total_missed + 1n }));
    }
  }
  return missed;
}

const MASK64 = (1n << 64n) - 1n;
const SHUFFLE_MULTIPLIER = 2685821657736338717n;

/** update_witness_schedule: at each round boundary the active witnesses are shuffled by a xorshift of the
 *  head block time, as bitshares-core does with 64-bit wrapping arithmetic. */
export function updateWitnessSchedule(s: Session): void {
  const active = s.gpo().active_witnesses;
  if (s.headBlockNum() % active.length !== 0) return;
  const order = active.slice();
  const nowHi = (BigInt(s.headBlockTime()) << 32n) & MASK64;
  for (let i = 0; i < order.length; i++) {
    let k = (nowHi + BigInt(i) * SHUFFLE_MULTIPLIER) & MASK64;
    k ^= k >> 12n;
    k ^= (k << 25n) & MASK64;
    k ^= k >> 27n;
    k = (k * SHUFFLE_MULTIPLIER) & MASK64;
    const j = i + Number(k % BigInt(order.length - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  s.modify<T.WitnessScheduleObject>(WITNESS_SCHEDULE_ID, (w) => ({ ...w, current_shuffled_witnesses: order }));
}

/** witness_participation_rate: the share of the last 128 slots that got a block. */
export function witnessParticipationRate(dgpo: T.DynamicGlobalPropertyObject): number {
  let filled = 0;
  for (let v = dgpo.recent_slots_filled; v > 0n; v >>= 1n) filled += Number(v & 1n);
  return Math.floor((10000 * filled) / 128);
}
