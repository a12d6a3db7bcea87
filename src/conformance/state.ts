// What a vector records about chain state: objects changed between two states (before/after by id, in
// get_objects JSON), operation results and virtual operations, and errors, all as JSON.
import { either as E } from "fp-ts";
import { OBJECT_TYPES } from "../../generated/codec-tables.js";
import { type Json, toJson } from "../codec/index.js";
import type { AppliedOperation, ChainState } from "../chain/index.js";
import type { DbObject } from "../db/database.js";
import type { ChainError } from "../protocol/errors.js";
import type { ChainErrorJson, ObjectChange } from "./format.js";

const bigintSafe = (v: unknown): Json => JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x))) as Json;

/** An object as get_objects prints it (objects without a schema, internal to btsref, as plain JSON). */
export function objectJson(o: DbObject): Json {
  const [s, t] = o.id.split(".");
  const type = OBJECT_TYPES[`${s}.${t}`];
  if (type !== undefined) {
    const j = toJson(type, o);
    if (E.isRight(j)) return j.right;
  }
  return bigintSafe(o);
}

const byId = (a: string, b: string): number => {
  const x = a.split(".").map(Number), y = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
};

/** Every object created, modified or removed from `before` to `after`, by id. Tables list their objects in
 *  instance order, so the two are walked side by side; unchanged objects are the same value in both. */
export function stateChanges(before: ChainState, after: ChainState): ObjectChange[] {
  const out: ObjectChange[] = [];
  const push = (p: DbObject | undefined, o: DbObject | undefined) => {
    const a = o === undefined ? null : objectJson(o);
    const b = p === undefined ? null : objectJson(p);
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ id: (o ?? p)!.id, before: b, after: a });
  };
  const instance = (o: DbObject) => Number(o.id.slice(o.id.lastIndexOf(".") + 1));
  for (const spec of after.specs) {
    if (spec === undefined) continue;
    const xs = before.all(spec.space, spec.type), ys = after.all(spec.space, spec.type);
    let x = xs.next(), y = ys.next();
    while (!x.done || !y.done) {
      if (!x.done && !y.done && x.value === y.value) {
        x = xs.next(); y = ys.next();
        continue;
      }
      const xi = x.done ? Infinity : instance(x.value), yi = y.done ? Infinity : instance(y.value);
      if (xi === yi) { push(x.value as DbObject, y.value as DbObject); x = xs.next(); y = ys.next(); }
      else if (xi < yi) { push(x.value as DbObject, undefined); x = xs.next(); }
      else { push(undefined, y.value as DbObject); y = ys.next(); }
    }
  }
  return out.sort((a, b) => byId(a.id, b.id));
}

/** The virtual operations applied (database::_applied_ops entries marked virtual), as [op, result] pairs. */
export function virtualOpsJson(ops: readonly AppliedOperation[]): Json {
  return ops.filter((o) => o.is_virtual).map((o) => ({ op: json("operation", o.op), result: json("operation_result", o.result) }));
}

export function errorJson(e: ChainError): ChainErrorJson {
  return { exception: e.exception, code: e.code, rule: e.rule, field: e.field, message: e.message };
}

export function json(type: string, value: unknown): Json {
  const r = toJson(type, value);
  if (E.isLeft(r)) throw new Error(`cannot print ${type}: ${r.left.path}: ${r.left.message}`);
  return r.right;
}
