// Reading ITF traces (the Informal Trace Format that `quint run --out-itf` writes, Apalache ADR-015) into
// plain values: integers become bigint, sets arrays (in the trace's order), maps arrays of [key, value],
// tuples arrays, records objects. Bad input is refused with the path of the offending value.
import { either as E } from "fp-ts";

export type ItfValue = boolean | string | bigint | ItfValue[] | { readonly [field: string]: ItfValue };

export interface ItfTrace {
  readonly vars: readonly string[];
  readonly states: readonly { readonly [variable: string]: ItfValue }[];
}

export interface ItfError {
  readonly path: string;
  readonly message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** One ITF value: {"#bigint"}, {"#set"}, {"#map"}, {"#tup"}, {"#unserializable"} refused, records, lists. */
export function decodeItfValue(v: unknown, path: string): E.Either<ItfError, ItfValue> {
  if (typeof v === "boolean" || typeof v === "string") return E.right(v);
  if (typeof v === "number") {
    return Number.isSafeInteger(v) ? E.right(BigInt(v)) : E.left({ path, message: `${v} is not an integer` });
  }
  const all = (items: unknown[], at: (i: number) => string): E.Either<ItfError, ItfValue[]> => {
    const out: ItfValue[] = [];
    for (const [i, x] of items.entries()) {
      const d = decodeItfValue(x, at(i));
      if (E.isLeft(d)) return d;
      out.push(d.right);
    }
    return E.right(out);
  };
  if (Array.isArray(v)) return all(v, (i) => `${path}[${i}]`);
  if (!isObject(v)) return E.left({ path, message: "not an ITF value" });
  if ("#bigint" in v) {
    const s = v["#bigint"];
    return typeof s === "string" && /^-?\d+$/.test(s) ? E.right(BigInt(s)) : E.left({ path, message: `#bigint ${String(s)} is not a decimal integer` });
  }
  for (const tag of ["#set", "#tup"] as const) {
    if (tag in v) {
      const items = v[tag];
      return Array.isArray(items) ? all(items, (i) => `${path}.${tag}[${i}]`) : E.left({ path, message: `${tag} is not a list` });
    }
  }
  if ("#map" in v) {
    const pairs = v["#map"];
    if (!Array.isArray(pairs)) return E.left({ path, message: "#map is not a list" });
    const out: ItfValue[] = [];
    for (const [i, p] of pairs.entries()) {
      if (!Array.isArray(p) || p.length !== 2) return E.left({ path: `${path}.#map[${i}]`, message: "a map entry is not a [key, value] pair" });
      const kv = all(p, (j) => `${path}.#map[${i}][${j}]`);
      if (E.isLeft(kv)) return kv;
      out.push(kv.right);
    }
    return E.right(out);
  }
  if ("#unserializable" in v) return E.left({ path, message: "the trace holds an unserializable value" });
  const record: Record<string, ItfValue> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === "#meta") continue;
    const d = decodeItfValue(x, `${path}.${k}`);
    if (E.isLeft(d)) return d;
    record[k] = d.right;
  }
  return E.right(record);
}

/** A whole trace file's JSON. */
export function decodeItfTrace(json: unknown): E.Either<ItfError, ItfTrace> {
  if (!isObject(json)) return E.left({ path: "", message: "an ITF trace is a JSON object" });
  const { vars, states } = json;
  if (!Array.isArray(vars) || !vars.every((x) => typeof x === "string")) return E.left({ path: "vars", message: "vars is not a list of names" });
  if (!Array.isArray(states)) return E.left({ path: "states", message: "states is not a list" });
  const out: Record<string, ItfValue>[] = [];
  for (const [i, st] of states.entries()) {
    const d = decodeItfValue(st, `states[${i}]`);
    if (E.isLeft(d)) return d;
    if (Array.isArray(d.right) || typeof d.right !== "object") return E.left({ path: `states[${i}]`, message: "a state is not a record" });
    const missing = vars.find((x: string) => !(x in (d.right as object)));
    if (missing !== undefined) return E.left({ path: `states[${i}].${missing}`, message: `state lacks variable ${missing}` });
    out.push(d.right as Record<string, ItfValue>);
  }
  return E.right({ vars, states: out });
}
