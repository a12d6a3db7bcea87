// Whether a target's answer matches a vector: the differences, each naming the field by its JSON path.
import type { Json } from "../codec/index.js";
import type { Vector } from "./format.js";

export interface Difference {
  readonly path: string;
  readonly expected: Json | undefined;
  readonly actual: Json | undefined;
}

const MAX = 5;

/** Deep differences; integers compare equal whether written as numbers or decimal strings (fc prints
 *  64-bit values beyond 2^32 as strings). */
export function differences(expected: Json | undefined, actual: Json | undefined, path: string, out: Difference[] = []): Difference[] {
  if (out.length >= MAX) return out;
  if (expected === null || typeof expected !== "object" || actual === null || typeof actual !== "object" || actual === undefined) {
    const num = (x: Json | undefined) => typeof x === "number" || (typeof x === "string" && /^-?\d+$/.test(x));
    const same = num(expected) && num(actual) ? String(expected) === String(actual) : expected === actual;
    if (!same) out.push({ path, expected, actual });
    return out;
  }
  if (Array.isArray(expected) !== Array.isArray(actual)) {
    out.push({ path, expected, actual });
    return out;
  }
  if (Array.isArray(expected)) {
    const a = actual as Json[];
    if (a.length !== expected.length) out.push({ path: `${path}.length`, expected: expected.length, actual: a.length });
    for (let i = 0; i < Math.min(a.length, expected.length); i++) differences(expected[i], a[i], `${path}[${i}]`, out);
    return out;
  }
  const a = actual as Record<string, Json>;
  for (const k of new Set([...Object.keys(expected), ...Object.keys(a)])) differences(expected[k], a[k], path ? `${path}.${k}` : k, out);
  return out;
}

type ChangeJson = { id: Json; after: Json };
/** Changes as [{id, after}], none with a `before`. */
const isAfterOnly = (changes: Json | undefined): boolean =>
  Array.isArray(changes) && changes.every((c) => c !== null && typeof c === "object" && !Array.isArray(c) && !("before" in c) && "id" in c && "after" in c);

/** Compares an answer with a vector's expectation. Apply vectors: `ok` first; on refusal the exception and
 *  code, and btsref's rule and field only when the answer gives them; on success every part the answer
 *  gives (a target that cannot see object changes or virtual operations leaves them out). */
export function compare(v: Vector, result: Json): Difference[] {
  const r = (result ?? {}) as Record<string, Json>;
  switch (v.kind) {
    case "codec": {
      const out = differences(v.hex, r["hex"], "hex");
      if (r["json"] !== undefined) differences(v.json, r["json"], "json", out);
      return out;
    }
    case "crypto":
      return Object.keys(v.expected).flatMap((k) => differences(v.expected[k], r[k], `expected.${k}`));
    default: {
      const x = v.expected;
      if (r["ok"] !== x.ok) {
        const got = r["ok"] === false ? (r["error"] as Record<string, Json> | undefined) ?? null : r["ok"] ?? null;
        return [{ path: "expected.ok", expected: x.ok ? true : (x.error as unknown as Json), actual: got }];
      }
      if (!x.ok) {
        const e = (r["error"] ?? {}) as Record<string, Json>;
        const out = differences(x.error.exception, e["exception"], "expected.error.exception");
        differences(x.error.code, e["code"], "expected.error.code", out);
        for (const k of ["rule", "field"] as const) if (e[k] !== undefined && e[k] !== null) differences(x.error[k], e[k], `expected.error.${k}`, out);
        return out;
      }
      const out: Difference[] = [];
      // A node reports the fees it requires (get_required_fees): those the vector's transaction pays.
      if (v.kind === "transaction-apply" && Array.isArray(r["fees"])) {
        const paid = (v.transaction as { operations: [number, { fee: { amount: Json } }][] }).operations.map((op) => op[1].fee.amount);
        differences(paid, r["fees"], "transaction.operations[*].fee.amount", out);
      }
      for (const k of ["operation_results", "virtual_operations", "changes", "block_id", "head_block_num"] as const) {
        let want = (x as Record<string, unknown>)[k] as Json | undefined;
        // A target that reads objects back from a node (get_objects) sees no `before`: when no change it
        // reports has one, each expected change is compared on its id and `after` alone.
        if (k === "changes" && Array.isArray(want) && isAfterOnly(r[k])) want = want.map((c) => ({ id: (c as ChangeJson).id, after: (c as ChangeJson).after }));
        if (want !== undefined && r[k] !== undefined) differences(want, r[k], `expected.${k}`, out);
      }
      return out;
    }
  }
}
