// `btsref scenario run`: a scenario file (spec/scenario/scenario.schema.json) replayed step by step on a
// ChainFixture, one JSON line per step with its result or its typed error.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { type Json, fromJson, toJson } from "../codec/index.js";
import { TABLES } from "../../generated/codec-tables.js";
import type { AuthorityError } from "../protocol/authority/index.js";
import { compareObjectIds } from "../protocol/authority/ordering.js";
import { chainError, type ChainError } from "../protocol/errors.js";
import { type PredicateResult, predicateResultToJson } from "../protocol/restrictions/predicate_result.js";
import { defaultFeeSchedule } from "../protocol/fees/index.js";
import { OBJECT_TYPES } from "../protocol/config.js";
import { ChainFixture, TESTING_GENESIS_TIMESTAMP, fixtureGenesis } from "./fixture.js";
import { QUERIES } from "./queries.js";
import { run } from "../chain/gen.js";
import { slotTime } from "../chain/index.js";
import { packedSize } from "../chain/transaction.js";

export interface StepOutput {
  step: number;
  kind: string;
  ok: boolean;
  result?: Json;
  error?: { exception: string; code: number; rule: string; field: string; message: string; rejected_custom_auths?: Json };
  expectation_failed?: string;
}

const OPERATION_NAMES: ReadonlyMap<string, number> = (() => {
  const node = TABLES["operation"];
  const m = new Map<string, number>();
  if (node?.kind === "static_variant") node.alternatives.forEach((a: unknown, i: number) => { if (typeof a === "string") { m.set(a, i); m.set(a.replace(/_operation$/, ""), i); } });
  return m;
})();

class ScenarioError extends Error {
  constructor(readonly error: ChainError) { super(error.message); }
}
const bad = (rule: string, field: string, message: string): never => { throw new ScenarioError(chainError("invalid_arg_exception", `scenario.${rule}`, field, message)); };

const UINT32_MAX = 0xffffffff;
/** A short description of a value for messages (never serializing a deep one). */
const show = (v: Json): string =>
  Array.isArray(v) ? `an array of ${v.length} items` : v !== null && typeof v === "object" ? "an object" : (JSON.stringify(v) ?? String(v)).slice(0, 60);

/** Deepest nesting resolve() follows: the codec's own bound (src/codec/compile.ts MAX_DEPTH), far beyond any
 *  operation, and short of the JavaScript stack's. */
const MAX_RESOLVE_DEPTH = 1000;

/** A step argument's integer member in [min, max] (the scenario schema's types), or undefined when absent;
 *  anything else is refused before the step touches the chain. */
function intOf(a: Record<string, Json>, key: string, field: string, min: number, max: number): number | undefined {
  const v = a[key];
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) return bad("argument", `${field}.${key}`, `${key} is an integer from ${min} to ${max}, not ${show(v)}`);
  return v;
}

/** A list of names (signers' seeds, actors). */
function namesOf(v: Json | undefined, field: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return bad("argument", field, `expected a list of names, got ${show(v)}`);
  return v.map((x, i) => (typeof x === "string" ? x : bad("argument", `${field}[${i}]`, `expected a name, got ${show(x)}`)));
}

/** A time the chain can reach: time_point_sec is 32 bits. */
function timeOf(seconds: number, field: string): number {
  if (!Number.isSafeInteger(seconds) || seconds < 0 || seconds > UINT32_MAX) return bad("time", field, `${seconds} is not a time_point_sec (0 to ${UINT32_MAX} seconds)`);
  return seconds;
}

/** Resolves "@name" (account id), "#SYMBOL" (asset id), "$var" (a saved id) and "$head_time±N" in strings, and operation
 *  names in [name, value] operation pairs. "@@..." etc. escape a literal leading character. */
function resolve(f: ChainFixture, vars: Map<string, Json>, v: Json, field: string, depth = 0): Json {
  if (depth > MAX_RESOLVE_DEPTH) return bad("depth", field, `nesting deeper than ${MAX_RESOLVE_DEPTH} levels`);
  if (typeof v === "string") {
    if (v.length > 1 && "@#$".includes(v[0]!)) {
      if (v[1] === v[0]) return v.slice(1);
      const name = v.slice(1);
      if (v[0] === "@") {
        const a = f.state.findUnique<T.AccountObject>(1, OBJECT_TYPES.account, "by_name", [name]);
        return a?.id ?? bad("unknown_account", field, `no account named ${name}`);
      }
      if (v[0] === "#") {
        const a = f.state.findUnique<T.AssetObject>(1, OBJECT_TYPES.asset, "by_symbol", [name]);
        return a?.id ?? bad("unknown_asset", field, `no asset with symbol ${name}`);
      }
      const saved = vars.get(name);
      if (saved !== undefined) return saved;
      // "$head_time", "$head_time+86400", "$head_time-5": the head block time moved by whole seconds.
      const t = /^head_time(?:([+-])(\d{1,10}))?$/.exec(name);
      if (t !== null) return timeJson(f.now() + (t[1] === "-" ? -1 : 1) * Number(t[2] ?? 0));
      return bad("unknown_variable", field, `no variable $${name}`);
    }
    return v;
  }
  if (Array.isArray(v)) return v.map((x, i) => resolve(f, vars, x, `${field}[${i}]`, depth + 1));
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(f, vars, x, field ? `${field}.${k}` : k, depth + 1)]));
  return v;
}

/** time_point_sec as bitshares-core writes it in JSON. */
function timeJson(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19);
}

function operationTag(name: Json, field: string): number {
  if (typeof name === "number") return name;
  const tag = typeof name === "string" ? OPERATION_NAMES.get(name) : undefined;
  return tag ?? bad("unknown_operation", field, `unknown operation ${JSON.stringify(name)}`);
}

function decode<V>(type: string, json: Json, field: string): V {
  const r = fromJson(type, json);
  if (E.isLeft(r)) return bad("decode", r.left.path ? `${field}.${r.left.path}` : field, `${type}: ${r.left.message}`);
  return r.right as V;
}
function encode(type: string, value: unknown): Json {
  const r = toJson(type, value);
  if (E.isLeft(r)) throw new Error(`cannot encode ${type}: ${r.left.message}`);
  return r.right;
}

/** Whether `actual` contains `expected`: objects by the keys given, arrays element-wise, numbers and
 *  numeric strings compared as integers. */
export function matches(expected: Json, actual: Json): boolean {
  if (expected === null || typeof expected !== "object") {
    if ((typeof expected === "number" || typeof expected === "string") && (typeof actual === "number" || typeof actual === "string")) {
      return String(expected) === String(actual);
    }
    return expected === actual;
  }
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(e, actual[i]!));
  if (actual === null || typeof actual !== "object" || Array.isArray(actual)) return false;
  // An expected null also matches an absent key (an unset optional field).
  return Object.entries(expected).every(([k, e]) => (k in actual ? matches(e, (actual as Record<string, Json>)[k]!) : e === null));
}

type Step = Record<string, Json>;

function genesisOf(spec: Json | undefined): T.GenesisStateType {
  if (spec === undefined || spec === "database_fixture") return fixtureGenesis();
  if (typeof spec === "object" && spec !== null && !Array.isArray(spec) && spec["preset"] === "database_fixture") {
    return fixtureGenesis(typeof spec["initial_timestamp"] === "number" ? spec["initial_timestamp"] : TESTING_GENESIS_TIMESTAMP);
  }
  return decode<T.GenesisStateType>("genesis_state_type", spec, "genesis");
}

/** Runs a scenario; each step's output goes to `emit` as it completes. Returns whether every expectation held. */
export function runScenario(scenario: Json, emit: (line: StepOutput) => void): boolean {
  if (scenario === null || typeof scenario !== "object" || Array.isArray(scenario) || !Array.isArray(scenario["steps"])) {
    emit({ step: -1, kind: "scenario", ok: false, error: toErrorJson(chainError("invalid_arg_exception", "scenario.shape", "steps", "a scenario is an object with a steps array")) });
    return false;
  }
  let f: ChainFixture;
  try {
    f = ChainFixture.create(genesisOf(scenario["genesis"]));
  } catch (e) {
    emit({ step: -1, kind: "genesis", ok: false, error: toErrorJson(errorOf(e)) });
    return false;
  }
  const vars = new Map<string, Json>();
  let allOk = true;
  (scenario["steps"] as Json[]).forEach((raw, i) => {
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      allOk = false;
      emit({ step: i, kind: "?", ok: false, error: toErrorJson(chainError("invalid_arg_exception", "scenario.step", `steps[${i}]`, `a step is an object naming its kind, not ${show(raw)}`)) });
      return;
    }
    const step = raw as Step;
    const kind = Object.keys(step).find((k) => k !== "expect" && k !== "as" && k !== "comment") ?? "?";
    let out: StepOutput;
    try {
      const result = runStep(f, vars, kind, step[kind]!, `steps[${i}].${kind}`);
      out = { step: i, kind, ok: true, result };
      if (typeof step["as"] === "string") vars.set(step["as"], firstObjectId(result));
    } catch (e) {
      out = { step: i, kind, ok: false, error: toErrorJson(errorOf(e)) };
    }
    // Expectations take "@name", "#SYMBOL" and "$var" like the steps do, resolved once the step has run.
    let failed: string | undefined;
    try {
      failed = checkExpectation(step["expect"] === undefined ? undefined : resolve(f, vars, step["expect"], `steps[${i}].expect`), out);
    } catch (e) {
      failed = `the expectation cannot be read: ${errorOf(e).message}`;
    }
    if (failed !== undefined) {
      out.expectation_failed = failed;
      allOk = false;
    }
    emit(out);
  });
  return allOk;
}

function firstObjectId(result: Json | undefined): Json {
  // create_actors answers the new accounts' ids: the first is the first new object.
  if (Array.isArray(result) && typeof result[0] === "string") return result[0];
  const r = result as { operation_results?: [number, Json][] } | undefined;
  const first = r?.operation_results?.[0];
  if (first !== undefined && first[0] === 1) return first[1];
  // generic_operation_result (3) and extendable_operation_result (5) list what they created in new_objects.
  const created = first !== undefined && (first[0] === 3 || first[0] === 5) ? (first[1] as { new_objects?: Json[] }).new_objects?.[0] : undefined;
  return created ?? result ?? null;
}

function checkExpectation(expect: Json | undefined, out: StepOutput): string | undefined {
  if (expect === undefined) return out.ok ? undefined : "the step failed and no error was expected";
  const e = expect as { error?: Json; result?: Json };
  if (e.error !== undefined) {
    if (out.ok) return "an error was expected";
    return matches(e.error, out.error as unknown as Json) ? undefined : `the error does not match ${JSON.stringify(e.error)}`;
  }
  if (!out.ok) return "the step failed";
  if (e.result !== undefined && !matches(e.result, out.result ?? null)) return `the result does not match ${JSON.stringify(e.result)}`;
  return undefined;
}

function errorOf(e: unknown): ChainError {
  if (e instanceof ScenarioError) return e.error;
  if (e !== null && typeof e === "object" && "error" in e && (e as { error: ChainError }).error?._tag === "ChainError") return (e as { error: ChainError }).error;
  return chainError("unspecified_exception", "scenario.internal", "", e instanceof Error ? e.message : String(e));
}

const isChainError = (v: unknown): v is ChainError => (v as ChainError | undefined)?._tag === "ChainError";

function toErrorJson(e: ChainError): NonNullable<StepOutput["error"]> {
  const base = { exception: e.exception, code: e.code, rule: e.rule, field: e.field, message: e.message };
  const rejected = (e as AuthorityError).rejectedCustomAuthorities;
  if (rejected === undefined) return base;
  // verify_authority's captured rejected_custom_auths: [id, [0, predicate_result] | [1, exception]] by id.
  const entries = [...rejected].sort(([a], [b]) => compareObjectIds(a, b)).map(([id, v]): Json =>
    [id, isChainError(v) ? [1, toErrorJson(v) as unknown as Json] : [0, predicateResultToJson(v as PredicateResult) as unknown as Json]]);
  return { ...base, rejected_custom_auths: entries };
}

const PROPOSAL_CREATE = 22;

/** An operation's JSON (names already resolved) with its name turned into its tag and a missing fee made
 *  0 CORE (then set from the schedule unless the step says set_fees: false); proposal_create's
 *  proposed_ops are read the same way. */
function operationJson(op: Json, field: string): Json {
  if (!Array.isArray(op) || op.length !== 2) return bad("operation", field, "an operation is a [name or tag, value] pair");
  const tag = operationTag(op[0]!, `${field}[0]`);
  const value = op[1];
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [tag, value!];
  const withFee = value["fee"] === undefined ? { ...value, fee: { amount: 0, asset_id: "1.3.0" } } : value;
  const proposed = value["proposed_ops"];
  if (tag !== PROPOSAL_CREATE || !Array.isArray(proposed)) return [tag, withFee];
  return [tag, { ...withFee, proposed_ops: proposed.map((w, j) => {
    if (w === null || typeof w !== "object" || Array.isArray(w) || w["op"] === undefined) return w;
    return { ...w, op: operationJson(w["op"], `${field}[1].proposed_ops[${j}].op`) };
  }) }];
}

/** Fees of proposed operations set from the schedule (where zero), before the proposal's own fee. */
function withProposedFees(f: ChainFixture, op: T.Operation): T.Operation {
  if (op[0] !== PROPOSAL_CREATE) return op;
  const value = op[1] as T.ProposalCreateOperation;
  return [op[0], { ...value, proposed_ops: value.proposed_ops.map((w) => ({ ...w, op: f.withFees([w.op])[0]! })) }] as T.Operation;
}

function operations(f: ChainFixture, vars: Map<string, Json>, ops: Json, field: string): T.Operation[] {
  if (!Array.isArray(ops)) return bad("operations", field, "operations is an array of [name or tag, value] pairs");
  return ops.map((op, i) => decode<T.Operation>("operation", operationJson(resolve(f, vars, op, `${field}[${i}]`), `${field}[${i}]`), `${field}[${i}]`));
}

/** push_transaction's and sign_transaction's transaction: the operations (fees set unless set_fees is false)
 *  referring to the head block and expiring as test::set_expiration does, unless expiration, expiration_in,
 *  ref_block_num or ref_block_prefix say otherwise. */
function transactionOf(f: ChainFixture, vars: Map<string, Json>, a: Record<string, Json>, field: string): T.SignedTransaction {
  const expiration = intOf(a, "expiration", field, 0, UINT32_MAX);
  const expirationIn = intOf(a, "expiration_in", field, -UINT32_MAX, UINT32_MAX);
  const refBlockNum = intOf(a, "ref_block_num", field, 0, 0xffff);
  const refBlockPrefix = intOf(a, "ref_block_prefix", field, 0, UINT32_MAX);
  const ops = operations(f, vars, a["operations"] ?? null, `${field}.operations`);
  const base = f.transaction(a["set_fees"] === false ? ops : f.withFees(ops.map((op) => withProposedFees(f, op))));
  return {
    ...base,
    ...(expiration !== undefined ? { expiration } : {}),
    ...(expirationIn !== undefined ? { expiration: timeOf(f.now() + expirationIn, `${field}.expiration_in`) } : {}),
    ...(refBlockNum !== undefined ? { ref_block_num: refBlockNum } : {}),
    ...(refBlockPrefix !== undefined ? { ref_block_prefix: refBlockPrefix } : {}),
  };
}

/** fc::raw::pack_size of a value. */
function encodedSize(type: string, value: unknown): number {
  const r = run(packedSize(type, value, ""));
  if (E.isLeft(r)) throw new ScenarioError(r.left);
  return r.right;
}

function runStep(f: ChainFixture, vars: Map<string, Json>, kind: string, arg: Json, field: string): Json {
  const a = (arg !== null && typeof arg === "object" && !Array.isArray(arg) ? arg : {}) as Record<string, Json>;
  const skipOf = () => intOf(a, "skip", field, 0, UINT32_MAX);
  switch (kind) {
    case "push_transaction": {
      const signers = namesOf(a["signers"], `${field}.signers`);
      const skip = skipOf();
      const trx = transactionOf(f, vars, a, field);
      const r = f.push(trx, { signers, ...(skip !== undefined ? { skip } : {}), setFees: false });
      if (E.isLeft(r)) throw new ScenarioError(r.left);
      return encode("processed_transaction", r.right);
    }
    case "sign_transaction": {
      // A transaction built and signed now, to be pushed later with push_signed_transaction "$var".
      const signers = namesOf(a["signers"], `${field}.signers`);
      const r = f.sign(transactionOf(f, vars, a, field), signers);
      if (E.isLeft(r)) throw new ScenarioError(r.left);
      return encode("signed_transaction", r.right);
    }
    case "push_block": {
      // A block assembled by hand from the pending transactions (with their results; the latest N if given) for slot 1, then
      // database::push_block(block, skip).
      const skip = skipOf() ?? 0;
      const block = f.candidateBlock(intOf(a, "latest", field, 0, UINT32_MAX));
      const size = encodedSize("signed_block", block);
      const r = f.pushBlock(block, skip);
      if (E.isLeft(r)) throw new ScenarioError(r.left);
      return { block_num: f.headBlockNum(), timestamp: encode("time_point_sec", block.timestamp), witness: block.witness, transactions: block.transactions.length, size };
    }
    case "push_signed_transaction": {
      const skip = skipOf() ?? 0;
      const trx = decode<T.SignedTransaction>("signed_transaction", resolve(f, vars, a["transaction"] ?? null, `${field}.transaction`), `${field}.transaction`);
      const r = f.push(trx, { skip });
      if (E.isLeft(r)) throw new ScenarioError(r.left);
      return encode("processed_transaction", r.right);
    }
    case "generate_block": {
      const skip = skipOf();
      const missBlocks = intOf(a, "miss_blocks", field, 0, UINT32_MAX) ?? 0;
      timeOf(slotTime(f.head, missBlocks + 1), `${field}.miss_blocks`);
      const b = f.generateBlock({ ...(skip !== undefined ? { skip } : {}), missBlocks, keepPending: a["keep_pending"] === true });
      return {
        block_num: f.headBlockNum(), timestamp: encode("time_point_sec", b.timestamp), witness: b.witness, transactions: b.transactions.length,
        // The block as produced: _generate_block clears the operation results it carries.
        size: encodedSize("signed_block", { ...b, transactions: b.transactions.map((t) => ({ ...t, operation_results: [] })) }), pending: f.pending.length,
      };
    }
    case "pop_block": {
      const count = intOf(a, "count", field, 1, UINT32_MAX) ?? 1;
      // Checked first, so a refused step pops nothing.
      if (f.headBlockNum() - count < 1) return bad("pop_block", `${field}.count`, `cannot pop ${count} blocks from block ${f.headBlockNum()}: the fixture's first block stays`);
      for (let i = 0; i < count; i++) f.popBlock();
      return { block_num: f.headBlockNum(), time: encode("time_point_sec", f.now()), popped_transactions: f.popped.length };
    }
    case "generate_blocks": {
      const count = intOf(a, "count", field, 0, UINT32_MAX);
      if (count !== undefined) f.generateBlocks(count);
      else {
        const until = a["until"] === "next_maintenance" ? f.dgpo().next_maintenance_time
          : typeof a["until"] === "number" ? timeOf(a["until"], `${field}.until`) : decode<number>("time_point_sec", a["until"] ?? null, `${field}.until`);
        f.generateBlocksUntil(until, a["miss_intermediate"] !== false);
      }
      return { block_num: f.headBlockNum(), time: encode("time_point_sec", f.now()) };
    }
    case "advance_time": {
      const seconds = typeof arg === "number"
        ? (Number.isSafeInteger(arg) && arg >= 0 ? arg : bad("argument", field, `advance_time takes a whole number of seconds, not ${arg}`))
        : intOf(a, "seconds", field, 0, UINT32_MAX);
      if (seconds === undefined) return bad("argument", field, "advance_time takes seconds, or {\"seconds\": n, \"miss_intermediate\": false}");
      f.generateBlocksUntil(timeOf(f.now() + seconds, field), a["miss_intermediate"] !== false);
      return { block_num: f.headBlockNum(), time: encode("time_point_sec", f.now()) };
    }
    case "enable_fees": {
      // database_fixture::enable_fees: the default schedule (every operation's default fees), scale 100%.
      f.modifyGlobalProperties((p) => ({ ...p, parameters: { ...p.parameters, current_fees: defaultFeeSchedule() } }));
      return null;
    }
    case "change_fees": {
      const params = decode<T.FeeParameters[]>("fee_schedule", { parameters: a["parameters"] ?? [], scale: a["scale"] ?? 10000 }, field) as unknown as T.FeeSchedule;
      f.changeFees(params.parameters, intOf(a, "scale", field, 0, UINT32_MAX));
      return null;
    }
    case "set_global_parameters": {
      // Either the fields themselves, or {"parameters": fields, "undo_disabled": true} for an edit made with the
      // undo database disabled, which stays even while transactions are pending.
      const wrapped = a["parameters"] !== undefined && Object.keys(a).every((k) => k === "parameters" || k === "undo_disabled");
      const fields = (wrapped ? a["parameters"] : arg) as Json;
      const current = encode("chain_parameters", f.gpo().parameters) as Record<string, Json>;
      const merged = decode<T.ChainParameters>("chain_parameters", { ...current, ...(resolve(f, vars, fields, field) as Record<string, Json>) }, field);
      f.modifyGlobalProperties((p) => ({ ...p, parameters: merged }), wrapped && a["undo_disabled"] === true);
      return null;
    }
    case "create_actors": {
      // ACTORS((alice)(bob)): accounts keyed by their names' seeds, registered by the committee account.
      const names = Array.isArray(arg) ? namesOf(arg, field) : bad("actors", field, "create_actors takes a list of names");
      return names.map((name) => {
        const key = encode("public_key_type", f.publicKey(name));
        const auth = { weight_threshold: 1, account_auths: [], key_auths: [[key, 1]], address_auths: [] };
        const op: Json = ["account_create", {
          registrar: "1.2.0", referrer: "1.2.0", referrer_percent: 0, name, owner: auth, active: auth,
          options: { memo_key: key, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
        }];
        const r = f.push(operations(f, vars, [op], `${field}.${name}`));
        if (E.isLeft(r)) throw new ScenarioError(r.left);
        return (r.right.operation_results[0]![1] as string);
      });
    }
    case "query": {
      const method = a["method"];
      const handler = typeof method === "string" ? QUERIES[method] : undefined;
      if (handler === undefined) return bad("unknown_query", `${field}.method`, `unknown query ${JSON.stringify(method)}; known: ${Object.keys(QUERIES).join(", ")}`);
      const params = resolve(f, vars, a["params"] ?? [], `${field}.params`);
      if (!Array.isArray(params)) return bad("argument", `${field}.params`, `params is a list of the method's parameters, not ${show(params)}`);
      const r = handler(f.state, params);
      if (E.isLeft(r)) throw new ScenarioError(r.left);
      return r.right;
    }
    default:
      return bad("unknown_step", field, `unknown step kind ${kind}`);
  }
}
