// Model-based testing of the maintenance vote tally and election: each state of an ITF trace of
// spec/models/election.qnt is made on the real chain (src/scenario/fixture.ts) with real operations, and at
// every maintenance (and after genesis's block 1) the chain's global properties and vote totals are compared
// with the model's. A voter's model stake is core in one limit order (total_core_in_orders: it votes while
// proof-of-burn is not activated, db_maint.cpp vote_tally_helper), since a new ticket is worth nothing until
// it has charged for 15 days (ticket_object.hpp value_multiplier v2: liquid 0).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { ChainFixture, fixtureGenesis, publicKeyOfSeed } from "../../src/scenario/fixture.js";
import type { ItfTrace, ItfValue } from "./itf.js";

/** The model's constants that the genesis must match (election.qnt WITNESSES, COMMITTEE, VOTERS, MIN_*). */
export const MODEL = { witnesses: 5, committee: 4, voters: 4, minWitnessCount: 3, minCommitteeCount: 1 } as const;

const COMMITTEE_ACCOUNT = "1.2.0";
/** GRAPHENE_PROXY_TO_SELF_ACCOUNT (config.hpp). */
const PROXY_TO_SELF = "1.2.5";
/** The model's proxy value for GRAPHENE_PROXY_TO_SELF_ACCOUNT. */
const SELF = -1;
/** Core each voter is funded with: more than any model stake (STAKES tops at 100). */
const FUNDING = 1_000_000n;
const MAX_TIME = 0xffffffff;

export interface ModelOptions {
  readonly proxy: number;
  readonly witnessVotes: readonly number[];
  readonly committeeVotes: readonly number[];
  readonly numWitness: number;
  readonly numCommittee: number;
}

/** One state of an election.qnt trace, decoded. */
export interface ElectionState {
  readonly stake: readonly bigint[];
  readonly options: readonly ModelOptions[];
  readonly voted: readonly boolean[];
  readonly activeWitnesses: readonly number[];
  readonly activeCommittee: readonly number[];
  readonly witnessTotalVotes: readonly bigint[];
  readonly committeeTotalVotes: readonly bigint[];
  readonly votingPower: readonly bigint[];
  readonly proxiedStake: readonly bigint[];
  readonly lastAction: { readonly kind: string; readonly voter: number };
}

const fail = (what: string, v: unknown): never => {
  throw new Error(`election trace: ${what} is not what election.qnt writes: ${JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x))}`);
};
const asInt = (v: ItfValue | undefined, what: string): bigint => (typeof v === "bigint" ? v : fail(what, v));
const asNum = (v: ItfValue | undefined, what: string): number => Number(asInt(v, what));
const asList = (v: ItfValue | undefined, what: string): ItfValue[] => (Array.isArray(v) ? v : fail(what, v));
const asRecord = (v: ItfValue | undefined, what: string): { readonly [k: string]: ItfValue } =>
  (typeof v === "object" && v !== null && !Array.isArray(v) ? v : fail(what, v));
/** A decoded int -> T map (pairs) as an array indexed by key 0..n-1. */
function asIndexed<R>(v: ItfValue | undefined, n: number, what: string, value: (x: ItfValue) => R): R[] {
  const out = new Array<R>(n);
  const pairs = asList(v, what);
  if (pairs.length !== n) fail(`${what} (size)`, v);
  for (const p of pairs) {
    const [k, x] = asList(p, what);
    const i = asNum(k, `${what} key`);
    if (i < 0 || i >= n) fail(`${what} key`, k);
    out[i] = value(x!);
  }
  return out;
}
const sortedNums = (v: ItfValue | undefined, what: string): number[] => asList(v, what).map((x) => asNum(x, what)).sort((a, b) => a - b);

/** A trace state as the replay uses it. */
export function readElectionState(st: { readonly [variable: string]: ItfValue }): ElectionState {
  const options = asIndexed(st.options, MODEL.voters, "options", (o): ModelOptions => {
    const r = asRecord(o, "options");
    return {
      proxy: asNum(r.proxy, "proxy"), witnessVotes: sortedNums(r.witnessVotes, "witnessVotes"), committeeVotes: sortedNums(r.committeeVotes, "committeeVotes"),
      numWitness: asNum(r.numWitness, "numWitness"), numCommittee: asNum(r.numCommittee, "numCommittee"),
    };
  });
  const last = asRecord(st.lastAction, "lastAction");
  return {
    stake: asIndexed(st.stake, MODEL.voters, "stake", (x) => asInt(x, "stake")),
    options,
    voted: asIndexed(st.voted, MODEL.voters, "voted", (x) => (typeof x === "boolean" ? x : fail("voted", x))),
    activeWitnesses: sortedNums(st.activeWitnesses, "activeWitnesses"),
    activeCommittee: asList(st.activeCommittee, "activeCommittee").map((x) => asNum(x, "activeCommittee")),
    witnessTotalVotes: asIndexed(st.witnessTotalVotes, MODEL.witnesses, "witnessTotalVotes", (x) => asInt(x, "witnessTotalVotes")),
    committeeTotalVotes: asIndexed(st.committeeTotalVotes, MODEL.committee, "committeeTotalVotes", (x) => asInt(x, "committeeTotalVotes")),
    votingPower: asIndexed(st.votingPower, MODEL.voters, "votingPower", (x) => asInt(x, "votingPower")),
    proxiedStake: asIndexed(st.proxiedStake, MODEL.voters, "proxiedStake", (x) => asInt(x, "proxiedStake")),
    lastAction: { kind: typeof last.kind === "string" ? last.kind : fail("lastAction.kind", last.kind), voter: asNum(last.voter, "lastAction.voter") },
  };
}

/** database_fixture's genesis cut to the model's world: init0..init4 are the witnesses, init0..init3 the
 *  committee members (vote ids in that order, so the model's index order is the vote id order), and the
 *  minimum counts are the model's. */
export function electionGenesis(): T.GenesisStateType {
  const g = fixtureGenesis();
  return {
    ...g,
    initial_accounts: g.initial_accounts.slice(0, MODEL.witnesses),
    initial_witness_candidates: g.initial_witness_candidates.slice(0, MODEL.witnesses),
    initial_committee_candidates: g.initial_committee_candidates.slice(0, MODEL.committee),
    initial_active_witnesses: BigInt(MODEL.witnesses),
    immutable_parameters: { ...g.immutable_parameters, min_witness_count: MODEL.minWitnessCount, min_committee_member_count: MODEL.minCommitteeCount },
  };
}

const core = (amount: bigint): T.Asset => ({ amount, asset_id: "1.3.0" });
const instance = (voteId: string): number => Number(voteId.slice(voteId.indexOf(":") + 1));
const idInstance = (id: string): number => Number(id.slice(id.lastIndexOf(".") + 1));
const show = (x: unknown): string => JSON.stringify(x, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));

/** A chain built to follow one trace. */
export class ElectionChain {
  readonly f: ChainFixture;
  /** Model index -> object, in vote id order. */
  readonly witnesses: readonly T.WitnessObject[];
  readonly committee: readonly T.CommitteeMemberObject[];
  readonly voters: readonly string[];
  /** Each voter's open limit order (its stake), if any. */
  private readonly orders: (string | undefined)[];
  private readonly saleAsset: string;

  private constructor(f: ChainFixture, voters: string[]) {
    this.f = f;
    const all = <O extends { readonly vote_id: string }>(type: number): O[] => {
      const out: O[] = [];
      // (witness ids start at 1.6.1: genesis's first witness object is not a candidate)
      for (let i = 0; i < 64; i++) {
        const o = f.find<O>(`1.${type}.${i}`);
        if (o !== undefined) out.push(o);
      }
      return out.sort((a, b) => instance(a.vote_id) - instance(b.vote_id));
    };
    this.witnesses = all<T.WitnessObject>(6);
    this.committee = all<T.CommitteeMemberObject>(5);
    if (this.witnesses.length !== MODEL.witnesses || this.committee.length !== MODEL.committee) {
      throw new Error(`the genesis has ${this.witnesses.length} witnesses and ${this.committee.length} committee members, the model ${MODEL.witnesses} and ${MODEL.committee}`);
    }
    this.voters = voters;
    this.orders = voters.map(() => undefined);
    this.saleAsset = f.asset("INITMPA").id;
  }

  /** The genesis, block 1 (its maintenance is the model's init), and the voter accounts, funded. */
  static create(): ElectionChain {
    const f = ChainFixture.create(electionGenesis());
    const voters = Array.from({ length: MODEL.voters }, (_, i) => {
      const name = `voter${i}`;
      const key = publicKeyOfSeed(name);
      const auth: T.Authority = { weight_threshold: 1, account_auths: [], key_auths: [[key, 1]], address_auths: [] };
      const r = f.pushOk([[5, {
        fee: core(0n), registrar: COMMITTEE_ACCOUNT, referrer: COMMITTEE_ACCOUNT, referrer_percent: 0, name, owner: auth, active: auth,
        options: { memo_key: key, voting_account: PROXY_TO_SELF, num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
      }]]);
      const id = r.operation_results[0]![1] as string;
      f.pushOk([[0, { fee: core(0n), from: COMMITTEE_ACCOUNT, to: id, amount: core(FUNDING), extensions: [] }]]);
      return id;
    });
    return new ElectionChain(f, voters);
  }

  stats(account: string): T.AccountStatisticsObject {
    return this.f.get<T.AccountStatisticsObject>(this.f.get<T.AccountObject>(account).statistics);
  }

  /** The voter's stake becomes `amount`: its order cancelled, a new one selling `amount` core placed (for one
   *  satoshi of INITMPA, which nobody sells: it rests). */
  setStake(voter: number, amount: bigint): void {
    const seller = this.voters[voter]!;
    const old = this.orders[voter];
    if (old !== undefined) this.f.pushOk([[2, { fee: core(0n), fee_paying_account: seller, order: old, extensions: [] }]]);
    this.orders[voter] = undefined;
    if (amount > 0n) {
      const r = this.f.pushOk([[1, {
        fee: core(0n), seller, amount_to_sell: core(amount), min_to_receive: { amount: 1n, asset_id: this.saleAsset }, expiration: MAX_TIME,
        fill_or_kill: false, extensions: {},
      }]]);
      this.orders[voter] = r.operation_results[0]![1] as string;
    }
  }

  /** account_update with the model's options (votes as a flat_set: by instance). */
  setOptions(voter: number, o: ModelOptions): void {
    const account = this.voters[voter]!;
    const votes = [...o.witnessVotes.map((w) => this.witnesses[w]!.vote_id), ...o.committeeVotes.map((c) => this.committee[c]!.vote_id)]
      .sort((a, b) => instance(a) - instance(b));
    const current = this.f.get<T.AccountObject>(account).options;
    const new_options: T.AccountOptions = {
      ...current, voting_account: o.proxy === SELF ? PROXY_TO_SELF : this.voters[o.proxy]!, num_witness: o.numWitness, num_committee: o.numCommittee, votes,
    };
    this.f.pushOk([[6, { fee: core(0n), account, new_options, extensions: {} }]]);
  }

  /** Blocks up to the next maintenance time: the pending operations go in the first, maintenance runs in the last. */
  maintenance(): void {
    const due = this.f.dgpo().next_maintenance_time;
    this.f.generateBlocksUntil(due);
    if (this.f.dgpo().next_maintenance_time <= due) throw new Error(`no maintenance ran at ${due}`);
  }

  /** Where the chain's election disagrees with the model's state (empty when they agree). */
  compare(m: ElectionState): string[] {
    const out: string[] = [];
    const check = (what: string, chain: unknown, model: unknown): void => {
      if (show(chain) !== show(model)) out.push(`${what}: chain ${show(chain)}, model ${show(model)}`);
    };
    const gpo = this.f.gpo();
    check("active_witnesses", gpo.active_witnesses, m.activeWitnesses.map((i) => this.witnesses[i]!.id).sort((a, b) => idInstance(a) - idInstance(b)));
    check("active_committee_members", gpo.active_committee_members, m.activeCommittee.map((i) => this.committee[i]!.id));
    this.witnesses.forEach((w, i) => check(`${w.id} total_votes`, this.f.get<T.WitnessObject>(w.id).total_votes, m.witnessTotalVotes[i]));
    this.committee.forEach((c, i) => check(`${c.id} total_votes`, this.f.get<T.CommitteeMemberObject>(c.id).total_votes, m.committeeTotalVotes[i]));
    // The opinion accounts' voting power figures (vp_*), set by the maintenance's tally only where stake backs
    // them: vp_all and vp_active before the opinion account's decay, the others after it.
    const tallyTime = this.f.dgpo().last_vote_tally_time;
    this.voters.forEach((v, i) => {
      const s = this.stats(v);
      const all = m.proxiedStake[i]!;
      const power = m.votingPower[i]!;
      if (all > 0n) {
        check(`${v} vp_all/vp_active/vp_witness/vp_committee/vp_worker, vote_tally_time`,
          [s.vp_all, s.vp_active, s.vp_witness, s.vp_committee, s.vp_worker, s.vote_tally_time], [all, all, power, power, power, tallyTime]);
      } else {
        check(`${v} vote_tally_time is not this maintenance's (nothing backs it)`, s.vote_tally_time === tallyTime, false);
      }
    });
    return out;
  }

  /** Where the chain's voter setup disagrees with the model's (stakes as core in orders, options). */
  compareVoters(m: ElectionState): string[] {
    const out: string[] = [];
    this.voters.forEach((v, i) => {
      const stake = this.stats(v).total_core_in_orders;
      if (stake !== m.stake[i]) out.push(`${v} total_core_in_orders: chain ${stake}, model ${m.stake[i]}`);
      const voted = this.stats(v).last_vote_time !== 0;
      if (voted !== m.voted[i]) out.push(`${v} has voted (last_vote_time set): chain ${voted}, model ${m.voted[i]}`);
      const o = this.f.get<T.AccountObject>(v).options;
      const p = m.options[i]!;
      if (o.num_witness !== p.numWitness || o.num_committee !== p.numCommittee || o.voting_account !== (p.proxy === SELF ? PROXY_TO_SELF : this.voters[p.proxy])) {
        out.push(`${v} options: chain ${show(o)}, model ${show(p)}`);
      }
    });
    return out;
  }
}

export interface ReplayReport {
  /** Steps replayed (states after the first). */
  readonly steps: number;
  /** States whose election was compared: the initial state and every maintenance. */
  readonly maintenancesCompared: number;
  /** "state i (kind): what differs", empty when the chain agrees with the model throughout. */
  readonly mismatches: readonly string[];
}

/** Replays a whole trace on a fresh chain; stops at the first state that disagrees. */
export function replayElectionTrace(trace: ItfTrace): ReplayReport {
  const chain = ElectionChain.create();
  let compared = 0;
  for (const [i, raw] of trace.states.entries()) {
    const m = readElectionState(raw);
    const kind = m.lastAction.kind;
    if (kind === "stake") chain.setStake(m.lastAction.voter, m.stake[m.lastAction.voter]!);
    else if (kind === "vote") chain.setOptions(m.lastAction.voter, m.options[m.lastAction.voter]!);
    else if (kind === "maintenance") chain.maintenance();
    else if (kind !== "init" || i !== 0) throw new Error(`state ${i}: unknown step ${kind}`);
    const differs = [...chain.compareVoters(m), ...(kind === "init" || kind === "maintenance" ? chain.compare(m) : [])];
    if (kind === "init" || kind === "maintenance") compared++;
    if (differs.length > 0) return { steps: i, maintenancesCompared: compared, mismatches: differs.map((d) => `state ${i} (${kind}): ${d}`) };
  }
  return { steps: trace.states.length - 1, maintenancesCompared: compared, mismatches: [] };
}

/** decodeItfTrace's Either, unwrapped for callers that treat a bad trace as a bug. */
export function orThrow<A>(r: E.Either<{ readonly path: string; readonly message: string }, A>): A {
  if (E.isLeft(r)) throw new Error(`bad ITF trace at ${r.left.path}: ${r.left.message}`);
  return r.right;
}

// ----- The traces: generated by quint from the model, kept under spec/models/traces/election -----

export const MODEL_FILE = fileURLToPath(new URL("../../spec/models/election.qnt", import.meta.url));
export const TRACES_DIR = fileURLToPath(new URL("../../spec/models/traces/election", import.meta.url));
const QUINT = fileURLToPath(new URL("../../node_modules/@informalsystems/quint/dist/src/cli.js", import.meta.url));
/** Fixed: the same seed gives the same traces. */
export const TRACE_SEED = "0x2a";
export const RANDOM_TRACES = 6;
export const RANDOM_TRACE_STEPS = 20;
/** The file in the traces directory holding the sha256 of the election.qnt they were generated from. */
export const MODEL_HASH_FILE = "MODEL_SHA256";

export const modelHash = (): string => createHash("sha256").update(readFileSync(MODEL_FILE)).digest("hex");

/** The commands (quint's arguments) that write the traces into `dir`: a trace per `run` test of the model
 *  (unit_<name>.itf.json) and RANDOM_TRACES random runs checking the invariant (random_<n>.itf.json). */
export function traceCommands(dir: string): string[][] {
  return [
    ["test", "--backend=typescript", `--seed=${TRACE_SEED}`, `--out-itf=${join(dir, "unit_{test}.itf.json")}`, MODEL_FILE],
    ["run", "--backend=typescript", `--seed=${TRACE_SEED}`, `--max-samples=${RANDOM_TRACES}`, `--n-traces=${RANDOM_TRACES}`,
      `--max-steps=${RANDOM_TRACE_STEPS}`, "--invariant=inv", `--out-itf=${join(dir, "random_{seq}.itf.json")}`, MODEL_FILE],
  ];
}

/** Writes the traces into `dir` (emptied first), without quint's #meta header (its time stamp would make every
 *  regeneration a change), and the model's hash beside them. */
export function generateElectionTraces(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const args of traceCommands(dir)) execFileSync(process.execPath, [QUINT, ...args], { stdio: "pipe", timeout: 250_000 });
  for (const file of readdirSync(dir)) {
    const { "#meta": _, ...trace } = JSON.parse(readFileSync(join(dir, file), "utf8")) as Record<string, unknown>;
    writeFileSync(join(dir, file), `${JSON.stringify(trace)}\n`);
  }
  writeFileSync(join(dir, MODEL_HASH_FILE), `${modelHash()}\n`);
}

// `npx tsx tools/model/election_replay.ts --write-traces`: regenerate the committed traces after editing the model.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv.includes("--write-traces")) {
  generateElectionTraces(TRACES_DIR);
  process.stdout.write(`traces of ${MODEL_FILE} written to ${TRACES_DIR}\n`);
}
