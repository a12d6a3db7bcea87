// A session over the immutable object database: the mutable handle evaluators work through, mirroring
// bitshares-core's database (get/create/modify/remove) and its undo sessions. Every change replaces the
// session's Database value, so undoing is restoring an earlier value and the caller's state is never touched.
import type * as T from "../../generated/native-types.js";
import type { Database, DbObject } from "../db/database.js";
import type { TupleKey } from "../db/pmap.js";
import { chainError } from "../protocol/errors.js";
import { type Gen, stop } from "./gen.js";

/** One entry of database::_applied_ops: an operation applied in the current block, with its position. */
export interface AppliedOperation {
  op: T.Operation;
  result: T.OperationResult;
  block_num: number;
  trx_in_block: number;
  op_in_trx: number;
  virtual_op: number;
  is_virtual: boolean;
  block_time: number;
}

/** A broken invariant of the chain code itself (never caused by input): bitshares-core would crash or
 *  assert() here. */
export class ChainInvariantError extends Error {}

export const GLOBAL_PROPERTY_ID = "2.0.0";
export const DYNAMIC_GLOBAL_PROPERTY_ID = "2.1.0";
export const CORE_DYNAMIC_DATA_ID = "2.3.0";
export const CHAIN_PROPERTY_ID = "2.11.0";
export const WITNESS_SCHEDULE_ID = "2.12.0";

/** Where applied operations are being recorded (database::_current_block_num etc.). */
export interface OperationPosition {
  block_num: number;
  trx_in_block: number;
  op_in_trx: number;
  virtual_op: number;
  block_time: number;
}

export class Session {
  /** database::_applied_ops of the block being applied. */
  readonly appliedOps: AppliedOperation[] = [];
  readonly position: OperationPosition = { block_num: 0, trx_in_block: 0, op_in_trx: 0, virtual_op: 0, block_time: 0 };

  constructor(public db: Database) {}

  find<O extends DbObject>(id: string): O | undefined {
    return this.db.find<O>(id);
  }

  /** An object the chain itself refers to; missing means the chain code is broken. */
  get<O extends DbObject>(id: string): O {
    const o = this.db.find<O>(id);
    if (o === undefined) throw new ChainInvariantError(`object ${id} does not exist`);
    return o;
  }

  /** An object named by input (`op.to(d)` in bitshares-core): its absence fails as object_database::get does. */
  *load<O extends DbObject>(id: string, field: string): Gen<O> {
    const o = this.db.find<O>(id);
    if (o === undefined) return yield* stop(chainError("assert_exception", "database.object_exists", field, `Unable to find object ${id}`));
    return o;
  }

  create<O extends DbObject>(space: number, type: number, make: (id: string) => O): O {
    const [db, o] = this.db.create(space, type, make);
    this.db = db;
    return o;
  }

  /** database::modify: replaces the object with `change(current)`; returns the new version. */
  modify<O extends DbObject>(id: string, change: (current: O) => O): O {
    const next = change(this.get<O>(id));
    if (next.id !== id) throw new ChainInvariantError(`modify changed the id of ${id}`);
    this.db = this.db.update(next);
    return next;
  }

  remove(id: string): void {
    this.db = this.db.remove(id);
  }

  findUnique<O extends DbObject>(space: number, type: number, index: string, key: TupleKey): O | undefined {
    return this.db.findUnique<O>(space, type, index, key);
  }

  /** The first object of an index from `from` on (index.begin() / lower_bound), if any. */
  first<O extends DbObject>(space: number, type: number, index: string, from?: TupleKey): O | undefined {
    const step = this.db.range<O>(space, type, index, from).next();
    return step.done ? undefined : step.value;
  }

  gpo(): T.GlobalPropertyObject {
    return this.get(GLOBAL_PROPERTY_ID);
  }
  dgpo(): T.DynamicGlobalPropertyObject {
    return this.get(DYNAMIC_GLOBAL_PROPERTY_ID);
  }
  params(): T.ChainParameters {
    return this.gpo().parameters;
  }
  headBlockTime(): number {
    return this.dgpo().time;
  }
  headBlockNum(): number {
    return this.dgpo().head_block_number;
  }
  chainId(): string {
    return this.get<T.ChainPropertyObject>(CHAIN_PROPERTY_ID).chain_id;
  }

  /** database::push_applied_operation: records `op` at the current position; returns its index. */
  pushAppliedOperation(op: T.Operation, isVirtual = true): number {
    const p = this.position;
    this.appliedOps.push({
      op, result: [0, {}], block_num: p.block_num, trx_in_block: p.trx_in_block, op_in_trx: p.op_in_trx,
      virtual_op: p.virtual_op, is_virtual: isVirtual, block_time: p.block_time,
    });
    p.virtual_op++;
    return this.appliedOps.length - 1;
  }

  setAppliedOperationResult(index: number, result: T.OperationResult): void {
    this.appliedOps[index]!.result = result;
  }

  /** A point to return to: the database value and how many operations were recorded. */
  checkpoint(): Checkpoint {
    return { db: this.db, ops: this.appliedOps.length, virtual_op: this.position.virtual_op };
  }

  /** Undoes everything since `c` (an undo session going out of scope without commit). */
  restore(c: Checkpoint): void {
    this.db = c.db;
    this.appliedOps.length = c.ops;
    this.position.virtual_op = c.virtual_op;
  }
}

export interface Checkpoint {
  readonly db: Database;
  readonly ops: number;
  readonly virtual_op: number;
}

