// htlc_create (49), htlc_redeem (50, with the htlc_redeemed virtual operation 51) and htlc_extend (52):
// libraries/chain/htlc_evaluator.cpp and htlc_object.hpp, every hardfork active (BSIP 64: memos and
// hash160 allowed, a zero preimage_size accepts any preimage length, transfer_restricted assets only to
// or from their issuer). Refunds at expiry (htlc_refund, 53) are clear_expired_htlcs in src/chain/block.ts.
import type * as T from "../../../generated/native-types.js";
import { bytesToHex, hexToBytes } from "../../codec/hex.js";
import { hash160, ripemd160, sha1, sha256 } from "../../crypto/hash.js";
import { CORE_ASSET, OBJECT_TYPES } from "../../protocol/config.js";
import { chainError } from "../../protocol/errors.js";
import { adjustBalance, getBalance, isAuthorizedAsset } from "../balances.js";
import { type Evaluator, VOID_RESULT, objectIdResult } from "../evaluator.js";
import { type Gen, ensureAssert, stop } from "../gen.js";
import type { Session } from "../session.js";
import { isTransferRestricted } from "./transfer.js";

/** time_point_sec::maximum(): the largest uint32 second count. */
const TIME_POINT_SEC_MAX = 0xffffffff;

/** time_point_sec + uint32_t: 32-bit unsigned arithmetic, wrapping modulo 2^32 (fc/time.hpp). */
const plusSeconds = (t: number, seconds: number): number => (t + seconds) % 2 ** 32;

/** get_committee_htlc_options: chain_parameters::extensions.updatable_htlc_options, which the committee
 *  must have set before any HTLC operation is accepted. */
function* htlcOptions(s: Session, name: string): Gen<T.HtlcOptions> {
  const options = s.params().extensions.updatable_htlc_options;
  if (options === undefined) return yield* stop(chainError("assert_exception", `${name}.options_set`, "", "HTLC committee options (updatable_htlc_options) are not set"));
  return options;
}

/** htlc_redeem_visitor: the digest of `preimage` under the hash kind of `hash`, compared with it. */
export function preimageMatches(hash: T.HtlcHash, preimage: Uint8Array): boolean {
  const digest = [ripemd160, sha1, sha256, hash160][hash[0]]!(preimage);
  return bytesToHex(digest) === hash[1];
}

/** htlc_create_evaluator: the committee's limits on the claim period and preimage size, a balance covering
 *  the amount, both accounts authorized for the asset, and a transfer_restricted asset only to or from its
 *  issuer. The amount is held in a new htlc_object until redeemed or expired. */
export const htlcCreateEvaluator: Evaluator<T.HtlcCreateOperation, void> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const options = yield* htlcOptions(s, "htlc_create");
    yield* ensureAssert(op.claim_period_seconds <= options.max_timeout_secs, "htlc_create.claim_period", "claim_period_seconds", () =>
      `claim_period_seconds ${op.claim_period_seconds} exceeds the committee's max_timeout_secs ${options.max_timeout_secs}`);
    yield* ensureAssert(op.preimage_size <= options.max_preimage_size, "htlc_create.preimage_size", "preimage_size", () =>
      `preimage_size ${op.preimage_size} exceeds the committee's max_preimage_size ${options.max_preimage_size}`);
    // get_balance reads the balance index only, so an unknown asset fails here (balance 0) before it is loaded.
    const balance = getBalance(s, op.from, op.amount.asset_id);
    yield* ensureAssert(balance >= op.amount.amount, "htlc_create.sufficient_balance", "amount.amount", () =>
      `Insufficient funds: ${op.from} holds ${balance} of ${op.amount.asset_id}, less than the ${op.amount.amount} to lock`);
    const asset = yield* s.load<T.AssetObject>(op.amount.asset_id, "amount.asset_id");
    const from = yield* s.load<T.AccountObject>(op.from, "from");
    const to = yield* s.load<T.AccountObject>(op.to, "to");
    yield* ensureAssert(!isTransferRestricted(asset) || op.from === asset.issuer || op.to === asset.issuer, "htlc_create.transfer_restricted", "amount.asset_id", () =>
      `asset ${asset.id} '${asset.symbol}' is transfer_restricted and its issuer ${asset.issuer} is neither ${op.from} nor ${op.to}`);
    yield* ensureAssert(isAuthorizedAsset(from, asset), "htlc_create.from_authorized", "from", () =>
      `asset ${asset.id} '${asset.symbol}' is not authorized for the sender ${from.id} '${from.name}'`);
    yield* ensureAssert(isAuthorizedAsset(to, asset), "htlc_create.to_authorized", "to", () =>
      `asset ${asset.id} '${asset.symbol}' is not authorized for the recipient ${to.id} '${to.name}'`);
  },
  *apply(ctx, op) {
    const s = ctx.s;
    yield* adjustBalance(s, op.from, { amount: -op.amount.amount, asset_id: op.amount.asset_id }, "amount.amount");
    const expiration = plusSeconds(s.headBlockTime(), op.claim_period_seconds);
    const memo = op.extensions.memo;
    const h = s.create<T.HtlcObject>(1, OBJECT_TYPES.htlc, (id) => ({
      id,
      transfer: { from: op.from, to: op.to, amount: op.amount.amount, asset_id: op.amount.asset_id },
      conditions: { hash_lock: { preimage_hash: op.preimage_hash, preimage_size: op.preimage_size }, time_lock: { expiration } },
      ...(memo === undefined ? {} : { memo }),
    }));
    return objectIdResult(h.id);
  },
};

/** htlc_redeem_evaluator: anyone may redeem with the preimage (of the recorded size, unless that size is 0);
 *  the amount goes to the recipient, whatever its asset authorization now is, and the HTLC is removed. */
export const htlcRedeemEvaluator: Evaluator<T.HtlcRedeemOperation, T.HtlcObject> = {
  *evaluate(ctx, op) {
    const h = yield* ctx.s.load<T.HtlcObject>(op.htlc_id, "htlc_id");
    const preimage = hexToBytes(op.preimage);
    const size = h.conditions.hash_lock.preimage_size;
    if (size > 0) {
      yield* ensureAssert(preimage.length === size, "htlc_redeem.preimage_size", "preimage", () =>
        `Preimage size mismatch: the preimage has ${preimage.length} bytes, HTLC ${h.id} expects ${size}`);
    }
    yield* ensureAssert(preimageMatches(h.conditions.hash_lock.preimage_hash, preimage), "htlc_redeem.preimage_hash", "preimage", () =>
      `the preimage does not hash to the preimage_hash of HTLC ${h.id}`);
    return h;
  },
  *apply(ctx, op, h) {
    const s = ctx.s;
    const amount: T.Asset = { amount: h.transfer.amount, asset_id: h.transfer.asset_id };
    yield* adjustBalance(s, h.transfer.to, amount);
    const redeemed: T.HtlcRedeemedOperation = {
      fee: { amount: 0n, asset_id: CORE_ASSET }, htlc_id: h.id, from: h.transfer.from, to: h.transfer.to, redeemer: op.redeemer, amount,
      htlc_preimage_hash: h.conditions.hash_lock.preimage_hash, htlc_preimage_size: h.conditions.hash_lock.preimage_size, preimage: op.preimage,
    };
    s.pushAppliedOperation([51, redeemed]);
    s.remove(h.id);
    return VOID_RESULT;
  },
};

/** htlc_extend_evaluator: only the sender may push the expiration later, to a valid time no further than
 *  max_timeout_secs after the head block time. */
export const htlcExtendEvaluator: Evaluator<T.HtlcExtendOperation, void> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const h = yield* s.load<T.HtlcObject>(op.htlc_id, "htlc_id");
    yield* ensureAssert(op.update_issuer === h.transfer.from, "htlc_extend.issuer_is_creator", "update_issuer", () =>
      `HTLC ${h.id} may only be extended by its creator ${h.transfer.from}, not ${op.update_issuer}`);
    // bitshares-core dereferences the options without checking them (an unset optional is undefined
    // behaviour there); btsref refuses, as htlc_create does.
    const options = yield* htlcOptions(s, "htlc_extend");
    const expiration = h.conditions.time_lock.expiration;
    yield* ensureAssert(expiration + op.seconds_to_add < TIME_POINT_SEC_MAX, "htlc_extend.valid_date", "seconds_to_add", () =>
      `extending the expiration ${expiration} by ${op.seconds_to_add} seconds would pass the largest time_point_sec`);
    const limit = plusSeconds(s.headBlockTime(), options.max_timeout_secs);
    yield* ensureAssert(expiration + op.seconds_to_add <= limit, "htlc_extend.max_timeout", "seconds_to_add", () =>
      `the new expiration ${expiration + op.seconds_to_add} is after ${limit}, max_timeout_secs (${options.max_timeout_secs}) after the head block time`);
  },
  *apply(ctx, op) {
    ctx.s.modify<T.HtlcObject>(op.htlc_id, (h) => ({
      ...h, conditions: { ...h.conditions, time_lock: { expiration: h.conditions.time_lock.expiration + op.seconds_to_add } },
    }));
    return VOID_RESULT;
  },
};

export const HTLC_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [
  [49, htlcCreateEvaluator],
  [50, htlcRedeemEvaluator],
  [52, htlcExtendEvaluator],
];
