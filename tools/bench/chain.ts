// npm run bench:chain — bitshares-core's one_hundred_k_benchmark (tests/performance/performance_tests.cpp)
// on btsref's pure chain: 200k account_create, 400k transfers in 200k transactions, 200k asset_create and
// 200k asset_issue, each transaction applied with every check skipped (~0) as there. Transactions go
// through applyTransactions in batches of BENCH_BATCH (default 1000, a full block's worth; 1 is
// applyTransaction one by one): every batch returns a new state and the previous one is dropped. Reports
// ops/s per phase and overall and the peak RSS, medians over BENCH_ROUNDS runs, into bench/RESULTS.md.
// npm run bench:chain gives V8 a 32 MiB young generation (--max-semi-space-size=32, default 16): the chain
// makes short-lived objects at a high rate, and a larger nursery lets more of them die before promotion.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { type ChainState, SKIP_ALL, applyTransactions } from "../../src/chain/index.js";
import { ChainFixture } from "../../src/scenario/fixture.js";
import { emit, output } from "./figures.js";
import { machine, stats } from "./machine.js";

const CYCLES = Number(process.env.BENCH_CYCLES ?? 200000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const core = (amount: bigint): T.Asset => ({ amount, asset_id: "1.3.0" });

interface Phase { name: string; ops: number; ms: number }

function round(): { phases: Phase[]; peakRss: number } {
  const f = ChainFixture.create();
  // ACTORS((alice)); fund(alice, 10000000): the benchmark's own setup, not timed.
  const key = f.publicKey("nathan");
  const auth: T.Authority = { weight_threshold: 1, account_auths: [], key_auths: [[key, 1]], address_auths: [] };
  let state: ChainState = f.state;
  const base = f.transaction([]);
  const apply = (trxs: T.SignedTransaction[]): readonly T.ProcessedTransaction[] => {
    const r = applyTransactions(state, trxs, { skip: SKIP_ALL });
    if (E.isLeft(r)) throw new Error(`${r.left.field} ${r.left.rule}: ${r.left.message}`);
    state = r.right.state;
    return r.right.results;
  };
  let peakRss = process.memoryUsage.rss();
  const phases: Phase[] = [];
  const timed = (name: string, ops: number, build: (i: number) => T.Operation[], after?: (i: number, r: T.ProcessedTransaction) => void) => {
    const txs = Array.from({ length: CYCLES }, (_, i) => ({ ...base, operations: build(i) }));
    const t0 = performance.now();
    for (let i = 0; i < CYCLES; i += BATCH) {
      const results = apply(txs.slice(i, i + BATCH));
      if (after) results.forEach((r, j) => after(i + j, r));
      // Sampled once per 1000 transactions whatever the batch: reading the RSS is a system call (rss()
      // alone: memoryUsage() also walks every V8 heap space, a cost the timing would include).
      if (i % 1000 === 0) peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }
    phases.push({ name, ops, ms: performance.now() - t0 });
  };
  const accounts: string[] = [];
  timed("account_create", CYCLES, (i) => [[5, {
    fee: core(0n), registrar: "1.2.0", referrer: "1.2.0", referrer_percent: 0, name: `a${i}`, owner: auth, active: auth,
    options: { memo_key: key, voting_account: "1.2.5", num_witness: 0, num_committee: 0, votes: [], extensions: [] }, extensions: {},
  }]], (i, r) => { accounts[i] = r.operation_results[0]![1] as string; });
  accounts[CYCLES] = accounts[0]!;
  timed("transfer", 2 * CYCLES, (i) => [
    [0, { fee: core(10n), from: "1.2.0", to: accounts[i]!, amount: core(1000000n), extensions: [] }],
    [0, { fee: core(10n), from: accounts[i]!, to: accounts[i + 1]!, amount: core(100n), extensions: [] }],
  ]);
  const assets: string[] = [];
  timed("asset_create", CYCLES, (i) => [[10, {
    fee: core(100000n), issuer: accounts[i]!, symbol: `ASSET${i}`, precision: 0,
    common_options: {
      max_supply: 1000000000000000n, market_fee_percent: 0, max_market_fee: 1000000000000000n, issuer_permissions: 79, flags: 0,
      core_exchange_rate: { base: core(1n), quote: { amount: 1n, asset_id: "1.3.1" } },
      whitelist_authorities: [], blacklist_authorities: [], whitelist_markets: [], blacklist_markets: [], description: "", extensions: {},
    },
    is_prediction_market: false, extensions: [],
  }]], (i, r) => { assets[i] = r.operation_results[0]![1] as string; });
  timed("asset_issue", CYCLES, (i) => [[14, {
    fee: core(10n), issuer: accounts[i]!, asset_to_issue: { amount: 10n, asset_id: assets[i]! }, issue_to_account: accounts[i + 1]!, extensions: [],
  }]]);
  return { phases, peakRss };
}

const fmt = (x: number): string => Math.round(x).toLocaleString("en-US");
const runs = Array.from({ length: ROUNDS }, (_, i) => {
  const r = round();
  console.error(`round ${i + 1}/${ROUNDS}: ${r.phases.map((p) => `${p.name} ${p.ms.toFixed(0)} ms`).join(", ")}`);
  return r;
});
const names = runs[0]!.phases.map((p) => p.name);
const rows = names.map((name, k) => {
  const rate = stats(runs.map((r) => (r.phases[k]!.ops * 1000) / r.phases[k]!.ms));
  return `| ${name} | ${runs[0]!.phases[k]!.ops} | ${fmt(rate.median)} | ${fmt(rate.min)} | ${fmt(rate.max)} |`;
});
const totalOps = runs[0]!.phases.reduce((n, p) => n + p.ops, 0);
const totalRates = runs.map((r) => (r.phases.reduce((n, p) => n + p.ops, 0) * 1000) / r.phases.reduce((n, p) => n + p.ms, 0));
const total = stats(totalRates);
const peaks = runs.map((r) => r.peakRss / 2 ** 20);
const peak = stats(peaks);
const variant = BATCH === 1000 ? "" : `BENCH_BATCH=${BATCH} `;
const body = [
  `## Chain: one_hundred_k_benchmark (\`${variant}npm run bench:chain\`)`,
  "",
  `${new Date().toISOString().slice(0, 10)}, ${machine()}. bitshares-core's one_hundred_k_benchmark (tests/performance), ${CYCLES} cycles, every check skipped; transactions applied in batches of ${BATCH} (${BATCH === 1 ? "applyTransaction one by one" : "applyTransactions, a block's worth"}), each batch giving a new state; NODE_OPTIONS ${process.env.NODE_OPTIONS || "(none)"}. Median of ${ROUNDS} runs, with the slowest (min) and fastest (max); target: 100,000 ops/s overall.`,
  "",
  "| phase | operations | median ops/s | min | max |",
  "| --- | ---: | ---: | ---: | ---: |",
  ...rows,
  `| overall | ${totalOps} | ${fmt(total.median)} | ${fmt(total.min)} | ${fmt(total.max)} |`,
  "",
  `Peak RSS ${peak.median.toFixed(0)} MiB (median over runs; ${peak.min.toFixed(0)} to ${peak.max.toFixed(0)}).`,
].join("\n");
// The target is for the workload as bitshares-core's benchmark runs it: a block's worth at a time.
const id = BATCH === 1000 ? "chain" : `chain.batch${BATCH}`;
const workload = `chain: one_hundred_k_benchmark (${totalOps.toLocaleString("en-US")} ops${BATCH === 1000 ? "" : `, batches of ${BATCH}`})`;
emit(output("bench:chain", BATCH === 1000 ? "bench:chain" : `bench:chain (BENCH_BATCH=${BATCH})`, body, [
  { id: `${id}.overall`, label: `${workload}, overall`, unit: "ops/s", digits: 0, runs: totalRates, ...(BATCH === 1000 ? { target: { kind: "at least" as const, value: 100000, source: "issue 4" } } : {}) },
  { id: `${id}.peak_rss`, label: `${workload}, peak RSS`, unit: "MiB", digits: 0, runs: peaks },
]), CYCLES === 200000 && ROUNDS >= 3);
