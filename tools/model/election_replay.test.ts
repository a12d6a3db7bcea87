// Model-based test of the maintenance election: traces of spec/models/election.qnt (its unit-test runs, and
// random runs under a fixed seed, both generated here by quint into a temporary directory) replayed on the
// chain by tools/model/election_replay.ts, which compares every maintenance's active witnesses, active
// committee members, total votes and voting power figures with the model's.
// Model-based test of the maintenance election: traces of spec/models/election.qnt (a trace of each of its
// unit-test runs, and random runs under a fixed seed) replayed on the chain by tools/model/election_replay.ts,
// which compares every maintenance's active witnesses, active committee members, total votes and voting power
// figures with the model's. The traces are those committed under spec/models/traces/election (quint takes half
// a minute on a loaded machine); BTSREF_ELECTION_TRACES=fresh generates them anew into a temporary directory.
// `npx tsx tools/model/election_replay.ts --write-traces` rewrites the committed ones after the model changes.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ItfTrace, decodeItfTrace } from "./itf.js";
import {
  ElectionChain, MODEL_HASH_FILE, RANDOM_TRACES, TRACES_DIR, generateElectionTraces, modelHash, orThrow, readElectionState, replayElectionTrace,
} from "./election_replay.js";

const FRESH = process.env.BTSREF_ELECTION_TRACES === "fresh";
/** election.qnt's `run` definitions, each written as a trace by `quint test --out-itf`. */
const UNIT_TESTS = [
  "noVotesTest", "idleStakeTest", "medianTest", "proxyChainTest", "capTest", "tinyStakeTest", "neverVotedProxyTest",
  "countsOnlyIsNoVoteTest", "selfProxyTest", "medianBoundaryTest",
];

let dir = TRACES_DIR;
const unitTraces = new Map<string, ItfTrace>();
const randomTraces = new Map<string, ItfTrace>();

const load = (file: string): ItfTrace => orThrow(decodeItfTrace(JSON.parse(readFileSync(join(dir, file), "utf8"))));

beforeAll(() => {
  if (FRESH) {
    dir = join(mkdtempSync(join(tmpdir(), "election-traces-")), "election");
    generateElectionTraces(dir);
  }
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".itf.json")) continue;
    const m = /^unit_(.*)\.itf\.json$/.exec(file);
    if (m !== null) unitTraces.set(m[1]!, load(file));
    else randomTraces.set(file, load(file));
  }
}, 300_000);

afterAll(() => {
  if (FRESH) rmSync(join(dir, ".."), { recursive: true, force: true });
});

describe("the traces", () => {
  it("were generated from the model as it is (else: npx tsx tools/model/election_replay.ts --write-traces)", () => {
    expect(readFileSync(join(dir, MODEL_HASH_FILE), "utf8").trim()).toBe(modelHash());
  });

  it("hold a trace of every unit test of the model, and the random traces", () => {
    expect([...unitTraces.keys()].sort()).toEqual([...UNIT_TESTS].sort());
    expect(randomTraces.size).toBe(RANDOM_TRACES);
  });
});

describe("election.qnt traces replayed on the chain", () => {
  it.each(UNIT_TESTS)("agrees with the model's unit test %s", (name) => {
    const r = replayElectionTrace(unitTraces.get(name)!);
    expect(r.mismatches).toEqual([]);
    // genesis's block 1 and the test's maintenance
    expect(r.maintenancesCompared).toBe(2);
  }, 60_000);

  it("agrees with the model at every maintenance of the random traces", () => {
    let compared = 0;
    for (const [file, trace] of randomTraces) {
      const r = replayElectionTrace(trace);
      expect({ file, mismatches: r.mismatches }).toEqual({ file, mismatches: [] });
      expect(r.steps).toBe(trace.states.length - 1);
      compared += r.maintenancesCompared;
    }
    // the random runs reach several maintenances each (a third of the steps are maintenances)
    expect(compared).toBeGreaterThan(3 * RANDOM_TRACES);
  }, 120_000);

  it("elects by votes in the random traces: some maintenance elects other witnesses than the first three", () => {
    const elected = new Set<string>();
    for (const trace of randomTraces.values()) for (const st of trace.states) elected.add(readElectionState(st).activeWitnesses.join(","));
    expect(elected.size).toBeGreaterThan(1);
  });
});

describe("the replay catches a chain that disagrees with the model", () => {
  /** The trace with the state at `index` changed by `edit` (on its decoded form). */
  const edited = (trace: ItfTrace, index: number, edit: (st: Record<string, unknown>) => Record<string, unknown>): ItfTrace => ({
    vars: trace.vars,
    states: trace.states.map((st, i) => (i === index ? edit({ ...st }) : st)) as ItfTrace["states"],
  });
  const last = (t: ItfTrace): number => t.states.length - 1;

  it("reports active_witnesses that differ", () => {
    const t = unitTraces.get("medianTest")!;
    // model: {0, 3, 4}; claim {1, 3, 4}
    const r = replayElectionTrace(edited(t, last(t), (st) => ({ ...st, activeWitnesses: [1n, 3n, 4n] })));
    expect(r.mismatches).toHaveLength(1);
    expect(r.mismatches[0]).toMatch(/^state 5 \(maintenance\): active_witnesses: chain \["1.6.1","1.6.4","1.6.5"\]/);
  });

  it("reports active_committee_members out of vote order", () => {
    const t = unitTraces.get("medianTest")!;
    const r = replayElectionTrace(edited(t, last(t), (st) => ({ ...st, activeCommittee: [0n, 3n, 1n] })));
    expect(r.mismatches).toEqual([`state 5 (maintenance): active_committee_members: chain ["1.5.3","1.5.0","1.5.1"], model ["1.5.0","1.5.3","1.5.1"]`]);
  });

  it("reports a committee member's total_votes (the per-voter split rounding)", () => {
    const t = unitTraces.get("medianTest")!;
    // voter 1's 3 split three ways is 1 each; the model claims 2 for member 0
    const r = replayElectionTrace(edited(t, last(t), (st) => ({ ...st, committeeTotalVotes: [[0n, 2n], [1n, 1n], [2n, 1n], [3n, 8n]] })));
    expect(r.mismatches).toEqual(["state 5 (maintenance): 1.5.0 total_votes: chain \"1\", model \"2\""]);
  });

  it("reports a proxy's voting power counted past one hop", () => {
    const t = unitTraces.get("proxyChainTest")!;
    // A -> B -> C: claim C (voter 2) is backed by A's 5 as well
    const r = replayElectionTrace(edited(t, last(t), (st) => ({ ...st, votingPower: [[0n, 0n], [1n, 5n], [2n, 7n], [3n, 0n]] })));
    expect(r.mismatches).toHaveLength(1);
    expect(r.mismatches[0]).toMatch(/vp_all\/vp_active\/vp_witness\/vp_committee\/vp_worker, vote_tally_time: chain \["2","2","2","2","2",\d+\], model \["2","2","7","7","7",\d+\]/);
  });

  it("reports a stake the chain does not hold", () => {
    const t = unitTraces.get("idleStakeTest")!;
    // state 1 sets voter 0's (1.2.11) stake: edited to 99, the replay places an order of 99, and the next
    // state (the maintenance, still saying 100) disagrees with the chain
    const r = replayElectionTrace(edited(t, 1, (st) => ({ ...st, stake: [[0n, 99n], [1n, 0n], [2n, 0n], [3n, 0n]] })));
    expect(r.mismatches).toEqual(["state 2 (maintenance): 1.2.11 total_core_in_orders: chain 99, model 100"]);
  });

  it("reports a vote the chain did not record (last_vote_time)", () => {
    const t = unitTraces.get("countsOnlyIsNoVoteTest")!;
    // state 1 is voter 3's account_update with its options unchanged: no vote; claim it voted
    const r = replayElectionTrace(edited(t, 1, (st) => ({ ...st, voted: [[0n, false], [1n, false], [2n, false], [3n, true]] })));
    expect(r.mismatches).toEqual(["state 1 (vote): 1.2.14 has voted (last_vote_time set): chain false, model true"]);
  });
});

describe("the replay's chain", () => {
  it("is the model's world: 5 witnesses and 4 committee members in vote id order, the minimum elected at block 1", () => {
    const c = ElectionChain.create();
    expect(c.witnesses.map((w) => w.id)).toEqual(["1.6.1", "1.6.2", "1.6.3", "1.6.4", "1.6.5"]);
    expect(c.committee.map((m) => m.id)).toEqual(["1.5.0", "1.5.1", "1.5.2", "1.5.3"]);
    expect(c.f.gpo().active_witnesses).toEqual(["1.6.1", "1.6.2", "1.6.3"]);
    expect(c.f.gpo().active_committee_members).toEqual(["1.5.0"]);
    expect(c.voters).toHaveLength(4);
  });
});
