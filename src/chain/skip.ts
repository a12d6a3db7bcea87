// database::validation_steps: the checks a caller may skip (bitshares-core database.hpp). The values are
// bitshares-core's so that flags read the same in both.
export const SKIP = {
  nothing: 0,
  witness_signature: 1 << 0,
  transaction_signatures: 1 << 1,
  transaction_dupe_check: 1 << 2,
  block_size_check: 1 << 4,
  tapos_check: 1 << 5,
  merkle_check: 1 << 7,
  assert_evaluation: 1 << 8,
  undo_history_check: 1 << 9,
  witness_schedule_check: 1 << 10,
} as const;

/** Every check skipped: what database_fixture passes to push_transaction when it does not sign (~0). */
export const SKIP_ALL = 0xffffffff;

export const skips = (flags: number, step: number): boolean => (flags & step) !== 0;
