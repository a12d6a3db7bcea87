// `btsref conformance generate`: every vector file, computed by btsref itself (the reference). The output
// is a function of the code alone: same bytes on every run.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { type Json, fromJson, jsonToBytes, zero } from "../codec/index.js";
import { bytesToHex, hexToBytes } from "../codec/hex.js";
import { SKIP, scheduledWitness, slotAtTime, slotTime } from "../chain/index.js";
import { makeBlock } from "../chain/block.js";
import { run } from "../chain/gen.js";
import { Session } from "../chain/session.js";
import { formatAddress, formatPublicKey } from "../crypto/key-format.js";
import { addressOf, formatWif, publicKeyOf, secretFromSeed } from "../crypto/keys.js";
import { signatureDigest, transactionId } from "../crypto/digests.js";
import { recoverCompact } from "../crypto/ecdsa.js";
import { sha256 } from "../crypto/hash.js";
import type { ApplyExpected, BlockApplyVector, CodecVector, CryptoVector, TransactionApplyVector, VectorFile } from "./format.js";
import { FORMAT } from "./format.js";
import { type Case, RECIPES } from "./recipes.js";
import { errorJson, json, stateChanges, virtualOpsJson } from "./state.js";
import { GenerationError, OPERATION_NAMES, type OpSpec, type Recorder, buildWorld, feed, keyOf } from "./world.js";

const GENERATOR = "btsref conformance generate";
const WORLD = "world";

/** The file name (relative to the vectors directory) and text of every generated file. */
export function generateVectors(): Map<string, string> {
  const { setup, recorder } = buildWorld();
  const seenOps = new Map<number, Json>();
  const apply = transactionApplyVectors(recorder, seenOps);
  const blocks = blockApplyVectors(recorder);
  const files = new Map<string, string>();
  const put = (name: string, f: VectorFile) => files.set(name, JSON.stringify(f, null, 1) + "\n");
  put("codec/operations.json", {
    format: FORMAT, kind: "codec",
    description: "fc::raw bytes of one realistic value of every operation (the value its transaction-apply vectors use; virtual operations as the chain emitted them, or built by hand), and of a signed transaction and a signed block. A vector passes when json encodes to hex and hex decodes to json.",
    vectors: codecVectors(seenOps, apply, blocks),
  });
  put("crypto/generated.json", {
    format: FORMAT, kind: "crypto",
    description: "Keys from seeds (WIF, public key, address), transaction digests, ids and signatures (RFC 6979, canonical as fc makes them), and public key recovery, computed by btsref.",
    vectors: cryptoVectors(apply, recorder.chain.chainId),
  });
  put("transaction-apply/operations.json", {
    format: FORMAT, kind: "transaction-apply",
    description: "For every operation the chain implements, a transaction that applies (its operation results, virtual operations and the objects it changes) and at least one it refuses (the bitshares-core exception), each on the world set-up plus its own steps.",
    setups: { [WORLD]: setup }, vectors: apply,
  });
  put("block-apply/blocks.json", {
    format: FORMAT, kind: "block-apply",
    description: "Blocks applied on the world set-up: empty, with transactions, the maintenance block, and refused blocks.",
    setups: { [WORLD]: setup }, vectors: blocks,
  });
  return files;
}

/** Fills the recipes' placeholders: "FEED" (a SMART price feed) and "PARAMS" (the current chain parameters). */
function fill(r: Recorder, specs: readonly OpSpec[]): OpSpec[] {
  const values: Record<string, Json> = {
    FEED: feed(r.assetId("SMART"), 12),
    PARAMS: json("chain_parameters", r.chain.state.find<T.GlobalPropertyObject>("2.0.0")!.parameters),
  };
  const walk = (v: Json): Json => typeof v === "string" && v in values ? values[v]! : Array.isArray(v) ? v.map(walk)
    : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) : v;
  return specs.map(([n, f]) => [n, walk(f) as Record<string, Json>]);
}

function transactionApplyVectors(world: Recorder, seenOps: Map<number, Json>): TransactionApplyVector[] {
  const out: TransactionApplyVector[] = [];
  const problems: string[] = [];
  for (const [name, recipe] of Object.entries(RECIPES)) {
    try {
      const r = world.branch();
      recipe.pre?.(r);
      for (const [outcome, c] of [["ok", recipe.ok], ["fail", recipe.fail]] as const) {
        if (c === undefined) continue;
        try {
          out.push(applyCase(r, name, outcome, c, seenOps));
        } catch (e) {
          problems.push((e as Error).message);
        }
      }
    } catch (e) {
      problems.push(`${name} set-up: ${(e as Error).message}`);
    }
  }
  if (problems.length > 0) throw new GenerationError(`recipes that do not give their outcome:\n${problems.join("\n")}`);
  return out;
}

function applyCase(pre: Recorder, name: string, outcome: "ok" | "fail", c: Case, seenOps: Map<number, Json>): TransactionApplyVector {
  const r = pre.branch();
  const ops = fill(r, c.ops).map((s) => r.operation(s, s[1]["fee"] === undefined));
  const trx = r.transaction(ops, c.signers);
  const before = r.chain.state;
  const applied = r.chain.pushTransaction(trx, SKIP.nothing);
  const id = `transaction-apply/${name}/${outcome}`;
  if ((outcome === "ok") !== E.isRight(applied)) {
    throw new GenerationError(`${id}: expected ${outcome}, got ${E.isLeft(applied) ? `${applied.left.exception} ${applied.left.rule}: ${applied.left.message}` : "success"}`);
  }
  for (const op of ops) if (!seenOps.has(op[0])) seenOps.set(op[0], json("operation", op));
  let expected: ApplyExpected;
  if (E.isRight(applied)) {
    for (const v of applied.right.appliedOps) if (v.is_virtual && !seenOps.has(v.op[0])) seenOps.set(v.op[0], json("operation", v.op));
    expected = {
      ok: true, operation_results: (json("processed_transaction", applied.right.result) as { operation_results: Json }).operation_results,
      virtual_operations: virtualOpsJson(applied.right.appliedOps), changes: stateChanges(before, applied.right.state),
    };
  } else expected = { ok: false, error: errorJson(applied.left) };
  return {
    id, kind: "transaction-apply", source: { generator: GENERATOR, recipe: `src/conformance/recipes.ts ${name}.${outcome}: ${c.why}` }, operation: `${name}_operation`,
    pre_state: { setup: WORLD, steps: [...pre.steps] }, transaction: json("signed_transaction", trx), skip: SKIP.nothing, expected,
  };
}

function blockVector(pre: Recorder, name: string, why: string, block: T.SignedBlock): BlockApplyVector {
  const c = pre.chain.fork();
  const before = c.head;
  const applied = c.pushBlock(block, SKIP.nothing);
  const expected: ApplyExpected = E.isRight(applied)
    ? { ok: true, block_id: c.state.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_id, head_block_num: c.state.find<T.DynamicGlobalPropertyObject>("2.1.0")!.head_block_number,
        virtual_operations: virtualOpsJson(applied.right.appliedOps), changes: stateChanges(before, applied.right.state) }
    : { ok: false, error: errorJson(applied.left) };
  return {
    id: `block-apply/${name}`, kind: "block-apply", source: { generator: GENERATOR, recipe: `src/conformance/generate.ts blockApplyVectors: ${why}` },
    pre_state: { setup: WORLD, steps: [...pre.steps] }, block: json("signed_block", block), skip: SKIP.nothing, expected,
  };
}

const must = <R>(r: E.Either<{ message: string }, R>, what: string): R => {
  if (E.isLeft(r)) throw new GenerationError(`${what}: ${r.left.message}`);
  return r.right;
};

function blockApplyVectors(world: Recorder): BlockApplyVector[] {
  const out: BlockApplyVector[] = [];
  const empty = world.branch();
  out.push(blockVector(empty, "empty", "the next scheduled witness's block without transactions", must(empty.chain.makeBlock(), "empty block")));
  const busy = world.branch();
  busy.push([["transfer", { from: "@alice", to: "@carol", amount: { amount: 500000, asset_id: "1.3.0" } }]], ["alice"]);
  busy.push([["limit_order_create", { seller: "@carol", amount_to_sell: { amount: 20000, asset_id: "#ALPHA" }, min_to_receive: { amount: 20000, asset_id: "1.3.0" } }]], ["carol"]);
  busy.push([["limit_order_create", { seller: "@alice", amount_to_sell: { amount: 20000, asset_id: "1.3.0" }, min_to_receive: { amount: 20000, asset_id: "#ALPHA" } }]], ["alice"]);
  out.push(blockVector(busy, "transactions", "the pending transfer and two crossing orders (fill_order virtual operations) in one block", must(busy.chain.makeBlock(), "block")));
  const maint = world.branch();
  const next = maint.chain.head.find<T.DynamicGlobalPropertyObject>("2.1.0")!.next_maintenance_time;
  const slot = slotAtTime(maint.chain.head, next);
  out.push(blockVector(maint, "maintenance", "the first block at or after next_maintenance_time (witness slots missed up to it): maintenance runs", must(maint.chain.makeBlock(slot - 1), "maintenance block")));
  const bad = world.branch();
  const good = must(bad.chain.makeBlock(), "block");
  out.push(blockVector(bad, "refused-witness-signature", "a block whose witness_signature signs another header (timestamp changed after signing)", { ...good, timestamp: good.timestamp + 5 }));
  // A block carrying a transaction that fails (a transfer of more than alice holds) is refused whole.
  const over = world.branch();
  const trx = over.transaction([over.operation(["transfer", { from: "@carol", to: "@alice", amount: { amount: "99000000000000", asset_id: "1.3.0" } }])], ["carol"]);
  const head = over.chain.head;
  const made = must(run(makeBlock(new Session(head), slotTime(head, 1), scheduledWitness(head, 1), [{ ...trx, operation_results: [[0, {}]] }], secretFromSeed("null_key"))), "refused block");
  out.push(blockVector(over, "refused-transaction", "a block with a transfer of more than the sender holds", made));
  return out;
}

/** Hand-built values of the virtual operations no vector's chain emitted. */
const VIRTUAL_BY_HAND: Readonly<Record<string, Record<string, Json>>> = {
  asset_settle_cancel_operation: { settlement: "1.4.3", account: "1.2.18", amount: { amount: 1000, asset_id: "1.3.2" } },
  fba_distribute_operation: { account_id: "1.2.18", fba_id: "2.16.1", amount: 1234 },
  execute_bid_operation: { bidder: "1.2.17", debt: { amount: 1000000, asset_id: "1.3.2" }, collateral: { amount: 100000000, asset_id: "1.3.0" } },
  htlc_refund_operation: { htlc_id: "1.16.0", to: "1.2.17", original_htlc_recipient: "1.2.18", htlc_amount: { amount: 1000000, asset_id: "1.3.0" }, htlc_preimage_hash: [2, bytesToHex(sha256(new TextEncoder().encode("x")))], htlc_preimage_size: 1 },
  credit_deal_expired_operation: { deal_id: "1.22.0", offer_id: "1.21.0", offer_owner: "1.2.16", borrower: "1.2.17", unpaid_amount: { amount: 1000000, asset_id: "1.3.0" }, collateral: { amount: 500000, asset_id: "1.3.1" }, fee_rate: 1000 },
  fill_order_operation: { order_id: "1.7.0", account_id: "1.2.17", pays: { amount: 1000, asset_id: "1.3.1" }, receives: { amount: 1000, asset_id: "1.3.0" }, fill_price: { base: { amount: 1000, asset_id: "1.3.1" }, quote: { amount: 1000, asset_id: "1.3.0" } }, is_maker: true },
  htlc_redeemed_operation: { htlc_id: "1.16.0", from: "1.2.17", to: "1.2.18", redeemer: "1.2.18", amount: { amount: 1000000, asset_id: "1.3.0" }, htlc_preimage_hash: [2, bytesToHex(sha256(new TextEncoder().encode("x")))], htlc_preimage_size: 1, preimage: "78" },
};

function codecVector(id: string, type: string, j: Json, why: string): CodecVector {
  return { id, kind: "codec", source: { generator: GENERATOR, recipe: why }, type, prefix: "BTS", json: j, hex: bytesToHex(must(jsonToBytes(type, j), `${id} encodes`)) };
}

function codecVectors(seenOps: Map<number, Json>, apply: readonly TransactionApplyVector[], blocks: readonly BlockApplyVector[]): CodecVector[] {
  const out: CodecVector[] = OPERATION_NAMES.map((name, tag) => {
    let value = seenOps.get(tag) as [number, Json] | undefined;
    let why = "the operation of its transaction-apply vectors";
    if (value === undefined) {
      const base = json(name, must(zero(name), name)) as Record<string, Json>;
      value = [tag, { ...base, ...(VIRTUAL_BY_HAND[name] ?? {}) }];
      why = "a virtual operation built by hand (src/conformance/generate.ts VIRTUAL_BY_HAND)";
    } else if (apply.every((v) => v.operation !== name)) why = "a virtual operation as the chain emitted it in a transaction-apply vector";
    return codecVector(`codec/${name}`, name, value[1], why);
  });
  const trx = apply.find((v) => v.id === "transaction-apply/transfer/ok")!;
  out.push(codecVector("codec/signed_transaction/transfer", "signed_transaction", trx.transaction, "the transaction of transaction-apply/transfer/ok"));
  const block = blocks.find((v) => v.id === "block-apply/transactions")!;
  out.push(codecVector("codec/signed_block/transactions", "signed_block", block.block, "the block of block-apply/transactions"));
  return out;
}

const SEEDS = ["null_key", "alice", "bob", "carol", "k0", "nathan", "conformance"];

function cryptoVectors(apply: readonly TransactionApplyVector[], chainId: string): CryptoVector[] {
  const src = (why: string) => ({ generator: GENERATOR, recipe: why });
  const out: CryptoVector[] = SEEDS.map((seed) => {
    const secret = secretFromSeed(seed);
    const pub = must(publicKeyOf(secret), seed);
    return {
      id: `crypto/key/${seed}`, kind: "crypto", source: src("the key whose secret is sha256 of the seed"), case: "private_key",
      input: { private_key_hex: bytesToHex(secret), prefix: "BTS" },
      expected: { wif: formatWif(secret), public_key: formatPublicKey(pub, "BTS"), public_key_hex: keyOf(seed), address: formatAddress(addressOf(pub), "BTS") },
    };
  });
  for (const id of ["transaction-apply/transfer/ok", "transaction-apply/limit_order_create/ok", "transaction-apply/samet_fund_borrow/ok"]) {
    const v = apply.find((x) => x.id === id)!;
    const trx = v.transaction as Record<string, Json>;
    const unsigned = { ...trx, signatures: [] };
    const native = must(fromJson("signed_transaction", unsigned), id) as T.SignedTransaction;
    const digest = must(signatureDigest(native, chainId), id);
    const sig = (trx["signatures"] as string[])[0]!;
    out.push({
      id: `crypto/transaction/${id.split("/")[1]}`, kind: "crypto", source: src(`the transaction of ${id}`), case: "transaction_signature",
      input: { chain_id: chainId, transaction: unsigned, private_key_hex: bytesToHex(secretFromSeed(id.includes("samet") ? "bob" : "alice")) },
      expected: { transaction_id: must(transactionId(native), id), digest: bytesToHex(digest), signature: sig },
    });
    out.push({
      id: `crypto/recover/${id.split("/")[1]}`, kind: "crypto", source: src(`the signature of ${id}`), case: "recover_public_key",
      input: { digest: bytesToHex(digest), signature: sig, prefix: "BTS" },
      expected: { public_key: formatPublicKey(must(recoverCompact(hexToBytes(sig), digest), id), "BTS") },
    });
  }
  return out;
}
