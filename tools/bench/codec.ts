// npm run bench:codec — encode + decode of a mixed set of signed transactions, btsref vs bitsharesjs in
// one run. The set is every signed transaction of conformance/vectors/codec/client-libraries.json that
// bitsharesjs encodes to the same bytes (both sides do identical work). Medians of several rounds go into
// bench/RESULTS.md.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { either as E } from "fp-ts";
import { bytesToHex } from "../../src/codec/hex.js";
import { bytesToJson, jsonToBytes, type Json } from "../../src/codec/index.js";
import { parseJson } from "../../src/codec/json-text.js";
import { emit, output } from "./figures.js";
import { machine, stats, throughput } from "./machine.js";

const require = createRequire(import.meta.url);
(require("bitsharesjs-ws") as { ChainConfig: { setPrefix(p: string): void } }).ChainConfig.setPrefix("BTS");
interface Ser {
  fromObject(o: unknown): unknown;
  toObject(o: unknown): unknown;
  toBuffer(o: unknown): Buffer;
  fromBuffer(b: Buffer): unknown;
}
const bjsTx = (require("bitsharesjs") as { ops: { signed_transaction: Ser } }).ops.signed_transaction;

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1000);

const file = parseJson(readFileSync(new URL("../../conformance/vectors/codec/client-libraries.json", import.meta.url), "utf8"));
if (E.isLeft(file)) throw new Error(file.left.message);
const txs: Json[] = [];
for (const v of (file.right as { vectors: { type: string; prefix: string; json: Json; hex: string }[] }).vectors) {
  if (v.type !== "signed_transaction" || v.prefix !== "BTS") continue;
  try {
    const theirs = bjsTx.toBuffer(bjsTx.fromObject(structuredClone(v.json))).toString("hex");
    if (theirs === v.hex) txs.push(v.json);
  } catch {
    // bitsharesjs cannot encode this one (an operation or field it lacks): not part of the common set.
  }
}
const buffers = txs.map((j) => Buffer.from((jsonToBytes("signed_transaction", j) as E.Right<Uint8Array>).right));
const bytesPerSet = buffers.reduce((n, b) => n + b.length, 0);

// Sanity: both sides agree on every transaction of the set.
txs.forEach((j, i) => {
  if (bytesToHex(buffers[i]!) !== bjsTx.toBuffer(bjsTx.fromObject(structuredClone(j))).toString("hex")) throw new Error(`bytes differ for tx ${i}`);
});
const inputs = txs.map((j) => structuredClone(j));

function btsrefRound(): void {
  for (let i = 0; i < txs.length; i++) {
    const b = jsonToBytes("signed_transaction", txs[i]!);
    if (E.isLeft(b)) throw new Error(b.left.message);
    const back = bytesToJson("signed_transaction", buffers[i]!);
    if (E.isLeft(back)) throw new Error(back.left.message);
  }
}
function bitsharesjsRound(): void {
  for (let i = 0; i < inputs.length; i++) {
    bjsTx.toBuffer(bjsTx.fromObject(inputs[i]));
    bjsTx.toObject(bjsTx.fromBuffer(buffers[i]!));
  }
}

// Warm up both, then alternate rounds so that machine noise hits both alike.
throughput(btsrefRound, Math.min(500, ROUND_MS));
throughput(bitsharesjsRound, Math.min(500, ROUND_MS));
const ours: number[] = [];
const theirs: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  ours.push(throughput(btsrefRound, ROUND_MS) * txs.length);
  theirs.push(throughput(bitsharesjsRound, ROUND_MS) * txs.length);
}
// Each round pairs one btsref measurement with the bitsharesjs one right after it: the ratio is taken per
// round, so that a slow stretch of the machine hits both sides of a ratio.
const ratios = ours.map((x, r) => x / theirs[r]!);
const o = stats(ours);
const t = stats(theirs);
const q = stats(ratios);
const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
const date = new Date().toISOString().slice(0, 10);

const body = `## Codec: encode + decode of signed transactions (\`npm run bench:codec\`)

${date}, ${machine()}. Workload: ${txs.length} signed transactions from the client-library vectors that bitsharesjs
also encodes correctly (${bytesPerSet} bytes in all); one operation = JSON to bytes plus bytes to JSON of one
transaction. ${ROUNDS} rounds of ${ROUND_MS} ms each, alternating.

| codec | median tx/s | min | max |
| --- | ---: | ---: | ---: |
| btsref | ${fmt(o.median)} | ${fmt(o.min)} | ${fmt(o.max)} |
| bitsharesjs 6.0.3 | ${fmt(t.median)} | ${fmt(t.min)} | ${fmt(t.max)} |

btsref ÷ bitsharesjs, per round: median **${q.median.toFixed(1)}×** (${q.min.toFixed(1)}× to ${q.max.toFixed(1)}×); target: at least 10×.`;

const perSecond = "signed transactions encoded + decoded";
emit(output("bench:codec", "codec", body, [
  { id: "codec.btsref", label: `codec: btsref, ${perSecond}`, unit: "tx/s", digits: 0, runs: ours },
  { id: "codec.bitsharesjs", label: `codec: bitsharesjs 6.0.3, ${perSecond}`, unit: "tx/s", digits: 0, runs: theirs },
  { id: "codec.ratio", label: "codec: btsref ÷ bitsharesjs, per round", unit: "×", digits: 1, runs: ratios, target: { kind: "at least", value: 10, source: "issue 2" } },
]), !process.env.BENCH_NO_WRITE);
