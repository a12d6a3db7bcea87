// The conformance vector file format (spec/conformance/vector.schema.json, spec/conformance/README.md):
// its types, and reading a file into them with a typed error naming the file and the field.
import { either as E } from "fp-ts";
import type { Json } from "../codec/index.js";
import { parseJson } from "../codec/json-text.js";

export const FORMAT = "btsref-conformance/1";
export const KINDS = ["codec", "crypto", "transaction-apply", "block-apply"] as const;
export type Kind = (typeof KINDS)[number];

/** Where a vector came from: the generator and the recipe, or a public test suite. */
export interface Source {
  readonly generator?: string;
  readonly recipe?: string;
  readonly repo?: string;
  readonly path?: string;
  readonly test?: string;
}

export interface ChainErrorJson {
  readonly exception: string;
  readonly code: number;
  readonly rule?: string;
  readonly field?: string;
  readonly message?: string;
}

/** A pre-state step: a signed transaction pushed onto the pending state, or a whole block applied to the head. */
export type Step =
  | { readonly push_transaction: { readonly transaction: Json; readonly skip: number } }
  | { readonly push_block: { readonly block: Json; readonly skip: number } };

/** A named set-up: a genesis (full genesis_state_type JSON) and the steps replayed on it. */
export interface Setup {
  readonly genesis: Json;
  readonly steps: readonly Step[];
}

export interface PreState {
  /** Name of a set-up of the file's `setups`. */
  readonly setup: string;
  /** Steps after the set-up's. */
  readonly steps: readonly Step[];
}

export interface ObjectChange {
  readonly id: string;
  readonly before: Json;
  readonly after: Json;
}

export type ApplyExpected =
  | { readonly ok: true; readonly operation_results?: Json; readonly virtual_operations: Json; readonly changes: readonly ObjectChange[]; readonly block_id?: string; readonly head_block_num?: number }
  | { readonly ok: false; readonly error: ChainErrorJson };

export interface CodecVector { readonly id: string; readonly kind: "codec"; readonly source: Source; readonly type: string; readonly prefix: string; readonly json: Json; readonly hex: string }
export interface CryptoVector { readonly id: string; readonly kind: "crypto"; readonly source: Source; readonly case: string; readonly input: Record<string, Json>; readonly expected: Record<string, Json> }
export interface TransactionApplyVector {
  readonly id: string; readonly kind: "transaction-apply"; readonly source: Source; readonly operation: string;
  readonly pre_state: PreState; readonly transaction: Json; readonly skip: number; readonly expected: ApplyExpected;
}
export interface BlockApplyVector {
  readonly id: string; readonly kind: "block-apply"; readonly source: Source;
  readonly pre_state: PreState; readonly block: Json; readonly skip: number; readonly expected: ApplyExpected;
}
export type Vector = CodecVector | CryptoVector | TransactionApplyVector | BlockApplyVector;

export interface VectorFile {
  readonly format: typeof FORMAT;
  readonly kind: Kind;
  readonly description: string;
  readonly setups?: Readonly<Record<string, Setup>>;
  readonly vectors: readonly Vector[];
}

/** A vector file that cannot be read: which file, which field (a JSON path), what is wrong. */
export class VectorFileError extends Error {
  constructor(readonly file: string, readonly field: string, readonly reason: string) {
    super(`${file}: ${field === "" ? "" : `${field}: `}${reason}`);
  }
}

type Obj = Record<string, Json>;
const isObj = (v: Json | undefined): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

/** Reads vector file text (integers beyond 2^53 kept exact by the codec's JSON parser). JSON that is not an
 *  object with a `format` is not a conformance vector file (other fixtures kept beside them): `undefined`. */
export function parseVectorFile(file: string, text: string): VectorFile | undefined {
  const parsed = parseJson(text);
  if (E.isLeft(parsed)) throw new VectorFileError(file, "", `not JSON: ${parsed.left.message}`);
  const root = parsed.right;
  if (!isObj(root) || root["format"] === undefined) return undefined;
  const need = (o: Obj, key: string, path: string, check: (v: Json) => boolean, what: string): Json => {
    const v = o[key];
    if (v === undefined || !check(v)) throw new VectorFileError(file, path ? `${path}.${key}` : key, `must be ${what}`);
    return v;
  };
  const str = (v: Json) => typeof v === "string";
  const int = (v: Json) => typeof v === "number" && Number.isInteger(v) && v >= 0;
  if (root["format"] !== FORMAT) throw new VectorFileError(file, "format", `must be "${FORMAT}", not ${JSON.stringify(root["format"])}`);
  const kind = need(root, "kind", "", (v) => (KINDS as readonly Json[]).includes(v), `one of ${KINDS.join(", ")}`) as Kind;
  need(root, "description", "", str, "a string");
  const setups = root["setups"];
  if (setups !== undefined) {
    if (!isObj(setups)) throw new VectorFileError(file, "setups", "must be an object of named set-ups");
    for (const [name, s] of Object.entries(setups)) {
      if (!isObj(s)) throw new VectorFileError(file, `setups.${name}`, "must be an object");
      need(s, "genesis", `setups.${name}`, isObj, "a genesis_state_type object");
      checkSteps(s["steps"], `setups.${name}.steps`);
    }
  }
  function checkSteps(steps: Json | undefined, path: string): void {
    if (!Array.isArray(steps)) throw new VectorFileError(file, path, "must be an array of steps");
    steps.forEach((s, i) => {
      const p = `${path}[${i}]`;
      if (!isObj(s) || Object.keys(s).length !== 1) throw new VectorFileError(file, p, "must be an object with one key: push_transaction or push_block");
      const [k, a] = Object.entries(s)[0]!;
      if (k !== "push_transaction" && k !== "push_block") throw new VectorFileError(file, `${p}.${k}`, "unknown step kind (push_transaction or push_block)");
      if (!isObj(a)) throw new VectorFileError(file, `${p}.${k}`, "must be an object");
      need(a, k === "push_block" ? "block" : "transaction", `${p}.${k}`, isObj, "an object");
      need(a, "skip", `${p}.${k}`, int, "a non-negative integer (validation_steps flags)");
    });
  }
  const vectors = need(root, "vectors", "", Array.isArray, "an array") as Json[];
  const ids = new Set<string>();
  vectors.forEach((v, i) => {
    const p = `vectors[${i}]`;
    if (!isObj(v)) throw new VectorFileError(file, p, "must be an object");
    const id = need(v, "id", p, str, "a string") as string;
    if (ids.has(id)) throw new VectorFileError(file, `${p}.id`, `duplicate id ${id}`);
    ids.add(id);
    if (v["kind"] !== kind) throw new VectorFileError(file, `${p}.kind`, `must be "${kind}", the file's kind`);
    need(v, "source", p, isObj, "an object saying where the vector came from");
    switch (kind) {
      case "codec":
        need(v, "type", p, str, "a protocol type name");
        need(v, "prefix", p, str, "a public-key prefix");
        if (v["json"] === undefined) throw new VectorFileError(file, `${p}.json`, "is missing");
        need(v, "hex", p, (x) => typeof x === "string" && /^([0-9a-f]{2})*$/.test(x), "lowercase hex of whole bytes");
        break;
      case "crypto":
        need(v, "case", p, str, "a string");
        need(v, "input", p, isObj, "an object");
        need(v, "expected", p, isObj, "an object");
        break;
      default: {
        const pre = need(v, "pre_state", p, isObj, "an object") as Obj;
        const setup = need(pre, "setup", `${p}.pre_state`, str, "a set-up name") as string;
        if (!isObj(setups) || !isObj(setups[setup])) throw new VectorFileError(file, `${p}.pre_state.setup`, `no set-up named ${setup} in setups`);
        checkSteps(pre["steps"], `${p}.pre_state.steps`);
        need(v, kind === "block-apply" ? "block" : "transaction", p, isObj, "an object");
        if (kind === "transaction-apply") need(v, "operation", p, str, "an operation name");
        need(v, "skip", p, int, "a non-negative integer (validation_steps flags)");
        const x = need(v, "expected", p, isObj, "an object") as Obj;
        if (x["ok"] === true) {
          if (!Array.isArray(x["changes"])) throw new VectorFileError(file, `${p}.expected.changes`, "must be an array");
          if (!Array.isArray(x["virtual_operations"])) throw new VectorFileError(file, `${p}.expected.virtual_operations`, "must be an array");
        } else if (x["ok"] === false) {
          const e = need(x, "error", `${p}.expected`, isObj, "an object") as Obj;
          need(e, "exception", `${p}.expected.error`, str, "a bitshares-core exception name");
          need(e, "code", `${p}.expected.error`, int, "its code");
        } else throw new VectorFileError(file, `${p}.expected.ok`, "must be true or false");
      }
    }
  });
  return root as unknown as VectorFile;
}
