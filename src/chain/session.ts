// A session over the immutable object database: the mutable handle evaluators work through, mirroring
// bitshares-core's database (get/create/modify/remove) and its undo sessions. Writes change only nodes the
// session itself copied (edit tokens, src/db/edit.ts) and are logged, so undoing replays the log backwards;
// the Database the session started from, and every value it hands out, never change.
import type * as T from "../../generated/native-types.js";
import type { Database, DbObject } from "../db/database.js";
import { type Edit, newEdit } from "../db/edit.js";
import type { TupleKey } from "../db/pmap.js";
import { chainError } from "../protocol/errors.js";
import { type Gen, done, stop } from "./gen.js";

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

/** What undoes one write (undoKinds[i] says how to read undoValues[i]): a create (the id), or the object
 *  as it was before a modify or a remove. Two flat arrays rather than an object per write: writes are the
 *  hottest path of the chain, and entries are only read on a rollback. */
const CREATED = 0;
const MODIFIED = 1;
const REMOVED = 2;

/** The result an applied operation is recorded with until it has one (void_result, which virtual operations
 *  keep): one shared value, never changed, as results are replaced and never edited. */
const NO_RESULT: T.OperationResult = Object.freeze([0, Object.freeze({})]) as unknown as T.OperationResult;

export class Session {
  /** database::_applied_ops of the block being applied. */
  readonly appliedOps: AppliedOperation[] = [];
  readonly position: OperationPosition = { block_num: 0, trx_in_block: 0, op_in_trx: 0, virtual_op: 0, block_time: 0 };

  /** The current database; writes go through `edit` (edit.ts), retired whenever the value is handed out. */
  private current: Database;
  private edit: Edit = newEdit();
  /** Every write since the session began, newest last: checkpoints are positions in it (undo_database). */
  private readonly undoKinds: number[] = [];
  private readonly undoValues: (string | DbObject)[] = [];

  constructor(db: Database) {
    this.current = db;
  }

  /** The database as it stands, as a value that later writes will not change (iterate over this). */
  get db(): Database {
    this.edit = newEdit();
    return this.current;
  }

  find<O extends DbObject>(id: string): O | undefined {
    return this.current.find<O>(id);
  }

  /** An object the chain itself refers to; missing means the chain code is broken. */
  get<O extends DbObject>(id: string): O {
    const o = this.current.find<O>(id);
    if (o === undefined) throw new ChainInvariantError(`object ${id} does not exist`);
    return o;
  }

  /** An object named by input (`op.to(d)` in bitshares-core): its absence fails as object_database::get does. */
  load<O extends DbObject>(id: string, field: string): Gen<O> {
    const o = this.current.find<O>(id);
    return o === undefined ? stop(chainError("assert_exception", "database.object_exists", field, `Unable to find object ${id}`)) : done(o);
  }

  create<O extends DbObject>(space: number, type: number, make: (id: string) => O): O {
    const [db, o] = this.current.create(space, type, make, this.edit);
    this.current = db;
    this.undoKinds.push(CREATED);
    this.undoValues.push(o.id);
    return o;
  }

  /** database::modify: replaces the object with `change(current)`; returns the new version. */
  modify<O extends DbObject>(id: string, change: (current: O) => O): O {
    const prior = this.get<O>(id);
    const next = change(prior);
    if (next.id !== id) throw new ChainInvariantError(`modify changed the id of ${id}`);
    this.current = this.current.update(next, this.edit);
    this.undoKinds.push(MODIFIED);
    this.undoValues.push(prior);
    return next;
  }

  remove(id: string): void {
    const prior = this.get(id);
    this.current = this.current.remove(id, this.edit);
    this.undoKinds.push(REMOVED);
    this.undoValues.push(prior);
  }

  findUnique<O extends DbObject>(space: number, type: number, index: string, key: TupleKey): O | undefined {
    return this.current.findUnique<O>(space, type, index, key);
  }

  /** The first object of an index from `from` on (index.begin() / lower_bound), if any. */
  first<O extends DbObject>(space: number, type: number, index: string, from?: TupleKey): O | undefined {
    return this.current.first<O>(space, type, index, from);
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

  /** The id the next object of a table gets (object_database::get_next_id). */
  nextId(space: number, type: number): string {
    return this.current.nextId(space, type);
  }

  /** database::push_applied_operation: records `op` at the current position; returns its index. */
  pushAppliedOperation(op: T.Operation, isVirtual = true): number {
    const p = this.position;
    this.appliedOps.push({
      op, result: NO_RESULT, block_num: p.block_num, trx_in_block: p.trx_in_block, op_in_trx: p.op_in_trx,
      virtual_op: p.virtual_op, is_virtual: isVirtual, block_time: p.block_time,
    });
    p.virtual_op++;
    return this.appliedOps.length - 1;
  }

  setAppliedOperationResult(index: number, result: T.OperationResult): void {
    this.appliedOps[index]!.result = result;
  }

  /** A point to return to: how many writes and operations were recorded. */
  checkpoint(): Checkpoint {
    return { writes: this.undoKinds.length, ops: this.appliedOps.length, virtual_op: this.position.virtual_op };
  }

  /** Undoes everything since `c` (an undo session going out of scope without commit), newest write first.
   *  The objects come back as they were; index trees may differ in shape, never in content. */
  restore(c: Checkpoint): void {
    while (this.undoKinds.length > c.writes) {
      const kind = this.undoKinds.pop()!;
      const u = this.undoValues.pop()!;
      if (kind === CREATED) this.current = this.current.uncreate(u as string, this.edit);
      else if (kind === REMOVED) this.current = this.current.reinsert(u as DbObject, this.edit);
      else this.current = this.current.update(u as DbObject, this.edit);
    }
    this.appliedOps.length = c.ops;
    this.position.virtual_op = c.virtual_op;
  }
}

export interface Checkpoint {
  readonly writes: number;
  readonly ops: number;
  readonly virtual_op: number;
}

