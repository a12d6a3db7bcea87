// fee_schedule (fee_schedule.hpp, fee_schedule.cpp): the per-operation fee parameters and the scale, and the
// schedules bitshares-core builds (get_default, zero_all_fees, a default-constructed fee_schedule).
//
// `parameters` is a flat_set of the fee_parameters static_variant, ordered by tag only: a schedule holds at
// most one entry per operation tag, and fee_parameters alternative N is the fee_params_t of operation N.
import { either as E } from "fp-ts";
import { TABLES } from "../../../generated/codec-tables.js";
import type { FeeParameters, FeeSchedule } from "../../../generated/native-types.js";
import { zero } from "../../codec/index.js";
import { PERCENT_100 } from "../config.js";
import { assertFail, OK, type ChainError } from "../errors.js";

export type { FeeParameters, FeeSchedule };

/** The fee_params_t value of one operation (any alternative of fee_parameters). */
export type FeeParams = FeeParameters[1];

function alternativesOf(name: string): readonly string[] {
  const node = TABLES[name];
  if (node === undefined || node.kind !== "static_variant") throw new Error(`codec table has no static_variant ${name}`);
  return node.alternatives.map((a) => {
    if (typeof a !== "string") throw new Error(`${name} has an unnamed alternative`);
    return a;
  });
}

/** The fee_params_t type name of each operation tag (fee_parameters' alternatives). */
export const FEE_PARAMETERS_TYPES: readonly string[] = alternativesOf("fee_parameters");

/** The operation type name of each operation tag. */
export const OPERATION_TYPES: readonly string[] = alternativesOf("operation");

/** fee_parameters::count(): one fee_params_t per operation. */
export const FEE_PARAMETERS_COUNT = FEE_PARAMETERS_TYPES.length;

const isTag = (tag: number): boolean => Number.isInteger(tag) && tag >= 0 && tag < FEE_PARAMETERS_COUNT;

/** A default-constructed fee_params_t of operation `tag` (the default member initializers of its header), or
 *  undefined when no operation has that tag. */
export function defaultFeeParameters(tag: number): FeeParams | undefined {
  return isTag(tag) ? ({ ...defaultsOf(tag) } as FeeParams) : undefined;
}

const defaultsCache: FeeParams[] = [];

/** defaultFeeParameters for a tag known to be valid, built once and shared (frozen: copy before changing). */
export function defaultsOf(tag: number): FeeParams {
  const cached = defaultsCache[tag];
  if (cached !== undefined) return cached;
  const r = zero(FEE_PARAMETERS_TYPES[tag]!);
  // the codec builds a default value of every type it has a table for
  if (E.isLeft(r)) throw new Error(`codec cannot build ${FEE_PARAMETERS_TYPES[tag]}: ${r.left.message}`);
  const params = Object.freeze(r.right as FeeParams);
  defaultsCache[tag] = params;
  return params;
}

/** fee_schedule::parameters.find( fee_params_t of `tag` ): the schedule's entry for the operation, if any. */
export function feeParametersOf(schedule: FeeSchedule, tag: number): FeeParams | undefined {
  const entry = schedule.parameters.find((p) => p[0] === tag);
  return entry?.[1];
}

/** fee_schedule::exists<Operation>(). */
export const hasFeeParameters = (schedule: FeeSchedule, tag: number): boolean => feeParametersOf(schedule, tag) !== undefined;

/** fee_schedule(): no parameters (every operation then pays its default fee) and scale GRAPHENE_100_PERCENT.
 *  chain_parameters starts with this schedule. */
export const emptyFeeSchedule = (): FeeSchedule => ({ parameters: [], scale: PERCENT_100 });

/** fee_schedule::get_default(): every operation's default fee_params_t, scale GRAPHENE_100_PERCENT. */
export function defaultFeeSchedule(): FeeSchedule {
  const parameters = FEE_PARAMETERS_TYPES.map((_, tag) => [tag, { ...defaultsOf(tag) }] as FeeParameters);
  return { parameters, scale: PERCENT_100 };
}

/** fee_schedule::zero_all_fees(): the default schedule with every fee_params_t zeroed (memset) and scale 0.
 *  Genesis starts with it (db_genesis.cpp) and so does the test fixture (database_fixture.cpp). */
export function zeroFeeSchedule(): FeeSchedule {
  const parameters = defaultFeeSchedule().parameters.map(([tag, params]) => {
    const zeroed = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "bigint" ? 0n : 0]));
    return [tag, zeroed] as FeeParameters;
  });
  return { parameters, scale: 0 };
}

/** fee_schedule::validate(): bitshares-core checks nothing in a fee schedule (the body is empty). */
export const validateFeeSchedule = (_schedule: FeeSchedule): E.Either<ChainError, void> => OK;

/** flat_set::insert of one fee_params_t: added in tag order, or, as flat_set does, ignored when the schedule
 *  already holds parameters for that operation. */
export function insertFeeParameters(schedule: FeeSchedule, entry: FeeParameters): FeeSchedule {
  if (hasFeeParameters(schedule, entry[0])) return schedule;
  const parameters = [...schedule.parameters, entry].sort((a, b) => a[0] - b[0]);
  return { ...schedule, parameters };
}

/** The schedule with operation `tag`'s entry replaced by update(entry), as fee_schedule::get<Operation>() for
 *  writing does (account_evaluator.cpp, db_maint.cpp: the account fee scaling). Like fee_helper::get, it
 *  refuses a schedule without that entry. */
export function updateFeeParameters<P extends FeeParams>(
  schedule: FeeSchedule, tag: number, update: (params: P) => P,
): E.Either<ChainError, FeeSchedule> {
  const current = feeParametersOf(schedule, tag);
  if (current === undefined)
    return assertFail("fee_schedule.parameters_exist", "parameters", `the fee schedule has no parameters for operation ${tag}`);
  const next = update(current as P);
  const parameters = schedule.parameters.map((p) => (p[0] === tag ? ([tag, next] as FeeParameters) : p));
  return E.right({ ...schedule, parameters });
}
