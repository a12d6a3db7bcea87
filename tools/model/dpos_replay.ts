// Model-based testing of src/consensus against spec/models/dpos.qnt: an ITF trace of the model is replayed
// on N implementation nodes (one Blockchain per witness), with real blocks signed by each witness's key,
// and after every step each node's observable state is compared with the model's: head block number and id
// (through the model-id -> block-id mapping the replay builds), last irreversible block, current_aslot,
// the shuffled schedule and every witness's last_confirmed_block_num.
//
// Blocks are made by the implementation (makePendingBlock) on the producer's own head at the model's time;
// the second block of an equivocation carries one account_update so that its id differs. Blocks are
// pushed with `now` set to their own time, so push_block checks them against the parent's schedule and
// their witness signature (verify_signing_witness) before applying them; nothing is skipped.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { type Blockchain, headBlockId, headBlockNum, lastIrreversibleBlockNum, openBlockchain, pushBlock } from "../../src/consensus/blockchain.js";
import { genesisState, makePendingBlock } from "../../src/chain/index.js";
import { genesisChainId, genesisText } from "../../src/chain/genesis.js";
import { DYNAMIC_GLOBAL_PROPERTY_ID, WITNESS_SCHEDULE_ID } from "../../src/chain/session.js";
import { blockId, referenceBlock } from "../../src/crypto/digests.js";
import { publicKeyOf, secretFromSeed } from "../../src/crypto/keys.js";
import { signTransaction } from "../../src/crypto/transaction.js";
import { bytesToHex } from "../../src/codec/hex.js";
import { fixtureGenesis } from "../../src/scenario/fixture.js";
import type { ItfTrace, ItfValue } from "./itf.js";

/** A difference between the model and the implementation, at a step of the trace. */
export interface ReplayMismatch {
  readonly step: number;
  readonly node: number;
  readonly field: string;
  readonly expected: unknown;
  readonly actual: unknown;
  readonly message: string;
}

/** What the implementation did over the trace, for assertions beyond equality with the model. */
export interface ReplayReport {
  readonly steps: number;
  /** The model block id -> implementation block id mapping. */
  readonly blockIds: ReadonlyMap<number, string>;
  /** Implementation block id -> its previous block's id, for every block made. */
  readonly previous: ReadonlyMap<string, string>;
  /** Per step, per node: [head block number, head block id, LIB, id of the LIB block on the head chain]. */
  readonly observed: readonly (readonly (readonly [number, string, number, string])[])[];
}

interface ModelBlock {
  readonly num: number;
  readonly parent: number;
  readonly witness: number;
  readonly time: number;
  readonly aslot: number;
  readonly lib: number;
  readonly lastConf: readonly number[];
  readonly sched: readonly number[];
  readonly anc: readonly number[];
}

const int = (v: ItfValue | undefined): number => {
  if (typeof v !== "bigint") throw new Error(`expected an integer, got ${String(v)}`);
  return Number(v);
};
const list = (v: ItfValue | undefined): ItfValue[] => {
  if (!Array.isArray(v)) throw new Error(`expected a list, got ${String(v)}`);
  return v;
};
const rec = (v: ItfValue | undefined): { readonly [f: string]: ItfValue } => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error(`expected a record, got ${String(v)}`);
  return v as { readonly [f: string]: ItfValue };
};
const intMap = (v: ItfValue | undefined): Map<number, ItfValue> => new Map(list(v).map((kv) => [int(list(kv)[0]), list(kv)[1]!]));

function modelBlock(v: ItfValue): ModelBlock {
  const r = rec(v);
  return {
    num: int(r.num), parent: int(r.parent), witness: int(r.witness), time: int(r.time), aslot: int(r.aslot), lib: int(r.lib),
    lastConf: list(r.lastConf).map(int), sched: list(r.sched).map(int), anc: list(r.anc).map(int),
  };
}

/** Witness i of the model is witness object 1.6.<i+1>, signing with the key of seed "dpos-witness-<i>". */
export const witnessId = (i: number): string => `1.6.${i + 1}`;
export const witnessSecret = (i: number): Uint8Array => secretFromSeed(`dpos-witness-${i}`);

/** database_fixture's genesis with `n` witnesses of their own keys, all active (min_witness_count the
 *  smallest odd number not below n, so that the vote tally of block 1 keeps all of them). */
export function dposGenesis(n: number): { state: ReturnType<typeof genesisState>; chainId: string } {
  const g0 = fixtureGenesis();
  const names = Array.from({ length: n }, (_, i) => `init${i}`);
  const g: T.GenesisStateType = {
    ...g0, initial_active_witnesses: BigInt(n),
    initial_witness_candidates: names.map((owner_name, i) => ({ owner_name, block_signing_key: bytesToHex(E.getOrElseW(() => { throw new Error("bad key"); })(publicKeyOf(witnessSecret(i)))) })),
    immutable_parameters: { ...g0.immutable_parameters, min_witness_count: n % 2 === 1 ? n : n + 1 },
  };
  const text = genesisText(g);
  if (E.isLeft(text)) throw new Error(text.left.message);
  const chainId = genesisChainId(text.right);
  return { state: genesisState(g, chainId), chainId };
}

/** A transaction making a block differ from its twin: init0 (1.2.6, key of seed "null_key" in the
 *  fixture) sets its account options to what they are, with the fixture's zero fee (custom_operation
 *  would not do: its validate wants a positive fee). */
function twinTransaction(head: Blockchain["head"], chainId: string, when: number): T.SignedTransaction {
  const dgpo = head.find<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID)!;
  const trx = {
    ...referenceBlock(dgpo.head_block_id), expiration: when + 60, extensions: [], signatures: [],
    operations: [[6, { fee: { amount: 0n, asset_id: "1.3.0" }, account: "1.2.6", new_options: head.find<T.AccountObject>("1.2.6")!.options, extensions: {} }]],
  };
  const signed = signTransaction(trx, chainId, [secretFromSeed("null_key")]);
  if (E.isLeft(signed)) throw new Error(signed.left.message);
  return signed.right as unknown as T.SignedTransaction;
}

/** Replays `trace` (of spec/models/dpos.qnt) and compares every step; the first mismatch is the answer. */
export function replayDposTrace(trace: ItfTrace): E.Either<ReplayMismatch, ReplayReport> {
  const first = trace.states[0];
  if (first === undefined) return E.left({ step: 0, node: -1, field: "states", expected: "a state", actual: "none", message: "the trace is empty" });
  const genesisBlock = modelBlock(intMap(first.blocks).get(0)!);
  const n = genesisBlock.lastConf.length;
  const { state, chainId } = dposGenesis(n);
  if (E.isLeft(state)) throw new Error(state.left.message);
  let chains: Blockchain[] = Array.from({ length: n }, () => openBlockchain(state.right, chainId));
  const made = new Map<number, T.SignedBlock>();
  const blockIds = new Map<number, string>([[0, "00".repeat(20)]]);
  const observed: (readonly [number, string, number, string])[][] = [];

  const mismatch = (step: number, node: number, field: string, expected: unknown, actual: unknown, message: string) =>
    E.left<ReplayMismatch>({ step, node, field, expected, actual, message });

  for (const [k, st] of trace.states.entries()) {
    const blocks = new Map([...intMap(st.blocks)].map(([id, b]) => [id, modelBlock(b)] as const));
    const ev = rec(st.event);
    const kind = ev.kind;
    if (kind === "slot") {
      const ids = list(ev.made).map(int);
      // The producer's chain before its block of this slot: an equivocation's twin is made on it too.
      const before = new Map<number, Blockchain>();
      for (const [j, id] of ids.entries()) {
        const mb = blocks.get(id)!;
        const w = mb.witness;
        const twin = j > 0 && blocks.get(ids[j - 1]!)!.witness === w;
        const producer = twin ? before.get(w)! : chains[w]!;
        before.set(w, producer);
        if (headBlockId(producer) !== blockIds.get(mb.parent)) {
          return mismatch(k, w, "producer head", blockIds.get(mb.parent), headBlockId(producer), `witness ${w} makes block ${id} on model block ${mb.parent}, not on its head`);
        }
        const pending = twin ? [twinTransaction(producer.head, chainId, mb.time)] : [];
        const block = makePendingBlock(producer.head, pending, { when: mb.time, witness: witnessId(w), signingKey: witnessSecret(w) });
        if (E.isLeft(block)) return mismatch(k, w, "generate_block", "a block", block.left, `the implementation refuses to make model block ${id}: ${block.left.message}`);
        if (twin && block.right.transactions.length !== 1) return mismatch(k, w, "twin", 1, block.right.transactions.length, "the twin transaction did not apply");
        const bid = blockId(block.right as unknown as { previous: string } & Record<string, unknown>);
        if (E.isLeft(bid)) throw new Error(bid.left.message);
        made.set(id, block.right);
        blockIds.set(id, bid.right);
        if (!twin) {
          const pushed = pushBlock(producer, block.right, { now: mb.time });
          if (E.isLeft(pushed)) return mismatch(k, w, "push_block", "applied", pushed.left.error, `witness ${w}'s own block ${id} is refused: ${pushed.left.error.message}`);
          chains = chains.map((c, i) => (i === w ? pushed.right.chain : c));
        }
      }
    } else if (kind === "deliver") {
      const node = int(ev.node);
      const id = int(ev.blk);
      const block = made.get(id);
      if (node < 0 || block === undefined) return mismatch(k, node, "event", "a delivery of a made block", ev, "the replay handles single deliveries only");
      const pushed = pushBlock(chains[node]!, block, { now: block.timestamp });
      if (ev.accepted === true && E.isLeft(pushed)) {
        return mismatch(k, node, "push_block", "kept", pushed.left.error, `node ${node} refuses model block ${id}: ${pushed.left.error.message}`);
      }
      chains = chains.map((c, i) => (i === node ? (E.isLeft(pushed) ? pushed.left.chain : pushed.right.chain) : c));
    } else if (kind !== "init") {
      return mismatch(k, -1, "event.kind", "init | slot | deliver", kind, "unknown step kind");
    }

    const heads = intMap(st.headOf);
    const row: (readonly [number, string, number, string])[] = [];
    for (const [i, c] of chains.entries()) {
      const mb = blocks.get(int(heads.get(i)))!;
      const dgpo = c.head.find<T.DynamicGlobalPropertyObject>(DYNAMIC_GLOBAL_PROPERTY_ID)!;
      const sched = c.head.find<T.WitnessScheduleObject>(WITNESS_SCHEDULE_ID)!.current_shuffled_witnesses;
      const conf = Array.from({ length: n }, (_, w) => c.head.find<T.WitnessObject>(witnessId(w))!.last_confirmed_block_num);
      const checks: [string, unknown, unknown][] = [
        ["head_block_number", mb.num, headBlockNum(c)],
        ["head_block_id", blockIds.get(int(heads.get(i))), headBlockId(c)],
        ["last_irreversible_block_num", mb.lib, lastIrreversibleBlockNum(c)],
        ["current_aslot", BigInt(mb.aslot), dgpo.current_aslot],
        ["current_shuffled_witnesses", mb.sched.map(witnessId).join(","), sched.join(",")],
        ["last_confirmed_block_num", mb.lastConf.join(","), conf.join(",")],
      ];
      for (const [field, expected, actual] of checks) {
        if (expected !== actual) return mismatch(k, i, field, expected, actual, `after step ${k} (${String(kind)}) node ${i} differs from the model`);
      }
      const libId = c.blocks.get(mb.lib)?.id ?? (mb.lib === 0 ? "00".repeat(20) : "");
      if (libId !== blockIds.get(mb.anc[mb.lib]!)) return mismatch(k, i, "LIB block", blockIds.get(mb.anc[mb.lib]!), libId, `node ${i}'s block at its LIB differs from the model's`);
      row.push([headBlockNum(c), headBlockId(c), lastIrreversibleBlockNum(c), libId]);
    }
    observed.push(row);
  }
  const previous = new Map([...made.entries()].map(([id, b]) => [blockIds.get(id)!, b.previous] as const));
  return E.right({ steps: trace.states.length, blockIds, previous, observed });
}
