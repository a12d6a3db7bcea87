// btsref's answer to a vector: what the `self` target and the stdio reference responder
// (tools/conformance/stdio_self.ts) say. The answer has the shape of the vector's expected part.
import { either as E } from "fp-ts";
import type * as T from "../../generated/native-types.js";
import { type Json, bytesToJson, fromJson, jsonToBytes } from "../codec/index.js";
import { bytesToHex, hexToBytes } from "../codec/hex.js";
import { formatAddress, formatPublicKey } from "../crypto/key-format.js";
import { addressOf, formatWif, publicKeyOf } from "../crypto/keys.js";
import { signatureDigest, transactionId } from "../crypto/digests.js";
import { recoverCompact, signCompact } from "../crypto/ecdsa.js";
import { Chain, replaySetup, replaySteps } from "./chain.js";
import type { Setup, Vector } from "./format.js";
import { errorJson, json, stateChanges, virtualOpsJson } from "./state.js";

/** One request of the stdio protocol (and of every target): the vector, with the set-up it names. */
export interface Request {
  readonly id: number;
  readonly kind: Vector["kind"];
  readonly vector: Vector;
  readonly setup?: Setup;
}

/** An answer: the result (the shape of the vector's `expected`, or `{hex, json}` for codec vectors), or a
 *  reason the target cannot express the vector (skipped), or a failure of the target itself. */
export type Answer = { readonly result: Json } | { readonly skip: string } | { readonly error: string };

const setups = new Map<string, Chain>();

function chainFor(setup: Setup): E.Either<{ message: string; field: string }, Chain> {
  const key = JSON.stringify(setup);
  const cached = setups.get(key);
  if (cached !== undefined) return E.right(cached.fork());
  const c = replaySetup(setup, "setup");
  if (E.isLeft(c)) return c;
  if (setups.size > 8) setups.clear();
  setups.set(key, c.right);
  return E.right(c.right.fork());
}

const orThrow = <R>(r: E.Either<{ message: string }, R>, what: string): R => {
  if (E.isLeft(r)) throw new Error(`${what}: ${r.left.message}`);
  return r.right;
};
const str = (v: Json | undefined, what: string): string => {
  if (typeof v !== "string") throw new Error(`${what} must be a string`);
  return v;
};

export function answer(req: Request): Answer {
  try {
    return { result: evaluate(req) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function evaluate(req: Request): Json {
  const v = req.vector;
  switch (v.kind) {
    case "codec": {
      const bytes = jsonToBytes(v.type, v.json, { prefix: v.prefix });
      const back = bytesToJson(v.type, hexToBytes(v.hex), { prefix: v.prefix });
      return {
        hex: E.isRight(bytes) ? bytesToHex(bytes.right) : `error: ${bytes.left.path}: ${bytes.left.message}`,
        json: E.isRight(back) ? back.right : `error: ${back.left.path}: ${back.left.message}`,
      };
    }
    case "crypto":
      return crypto(v.case, v.input);
    case "transaction-apply":
    case "block-apply": {
      if (req.setup === undefined) throw new Error(`vector ${v.id} needs its set-up ${v.pre_state.setup}`);
      const c = orThrow(chainFor(req.setup), "set-up");
      orThrow(replaySteps(c, v.pre_state.steps, "pre_state.steps"), "pre_state");
      if (v.kind === "transaction-apply") {
        const trx = orThrow(fromJson("signed_transaction", v.transaction), "transaction") as T.SignedTransaction;
        const before = c.state;
        const r = c.pushTransaction(trx, v.skip);
        if (E.isLeft(r)) return { ok: false, error: errorJson(r.left) as unknown as Json };
        return {
          ok: true, operation_results: (json("processed_transaction", r.right.result) as { operation_results: Json }).operation_results,
          virtual_operations: virtualOpsJson(r.right.appliedOps), changes: stateChanges(before, r.right.state) as unknown as Json,
        };
      }
      const block = orThrow(fromJson("signed_block", v.block), "block") as T.SignedBlock;
      const before = c.head;
      const r = c.pushBlock(block, v.skip);
      if (E.isLeft(r)) return { ok: false, error: errorJson(r.left) as unknown as Json };
      const dgpo = r.right.state.find<T.DynamicGlobalPropertyObject>("2.1.0")!;
      return {
        ok: true, block_id: dgpo.head_block_id, head_block_num: dgpo.head_block_number,
        virtual_operations: virtualOpsJson(r.right.appliedOps), changes: stateChanges(before, r.right.state) as unknown as Json,
      };
    }
  }
}

/** The crypto cases: private_key, transaction_signature, recover_public_key. */
function crypto(kind: string, input: Record<string, Json>): Json {
  switch (kind) {
    case "private_key": {
      const secret = hexToBytes(str(input["private_key_hex"], "private_key_hex"));
      const prefix = str(input["prefix"], "prefix");
      const pub = orThrow(publicKeyOf(secret), "public key");
      return { wif: formatWif(secret), public_key: formatPublicKey(pub, prefix), public_key_hex: bytesToHex(pub), address: formatAddress(addressOf(pub), prefix) };
    }
    case "transaction_signature": {
      const trx = orThrow(fromJson("signed_transaction", input["transaction"] ?? null), "transaction");
      const digest = orThrow(signatureDigest(trx, str(input["chain_id"], "chain_id")), "digest");
      const sig = orThrow(signCompact(hexToBytes(str(input["private_key_hex"], "private_key_hex")), digest), "signature");
      return { transaction_id: orThrow(transactionId(trx), "id"), digest: bytesToHex(digest), signature: bytesToHex(sig) };
    }
    case "recover_public_key": {
      const key = orThrow(recoverCompact(hexToBytes(str(input["signature"], "signature")), hexToBytes(str(input["digest"], "digest"))), "recover");
      return { public_key: formatPublicKey(key, str(input["prefix"], "prefix")) };
    }
    default:
      throw new Error(`unknown crypto case ${kind}`);
  }
}
