// balance_claim (37): libraries/chain/balance_evaluator.cpp and balance_object.hpp (genesis balances held by
// an address, claimed with the key behind it).
import { either as E } from "fp-ts";
import type * as T from "../../../generated/native-types.js";
import { bytesToHex, hexToBytes } from "../../codec/hex.js";
import { addressOf, addressOfPts, ptsAddressOf } from "../../crypto/keys.js";
import { adjustBalance } from "../balances.js";
import { type Evaluator, VOID_RESULT } from "../evaluator.js";
import { type Gen, ensure, ensureAssert } from "../gen.js";
import { allowedWithdraw, isWithdrawAllowed } from "../vesting.js";

const ONE_DAY = 86400;

/** The linear policy of a genesis vesting balance, in the shape src/chain/vesting.ts computes with. */
function asVestingBalance(b: T.BalanceObject, policy: T.LinearVestingPolicy): T.VestingBalanceObject {
  return { id: b.id, owner: "", balance: b.balance, policy: [0, policy], balance_type: "unspecified" };
}

/** balance_object::available: what a vesting balance releases by `now`, or the whole balance. */
export function availableBalance(b: T.BalanceObject, now: number): bigint {
  return b.vesting_policy === undefined ? b.balance.amount : allowedWithdraw(asVestingBalance(b, b.vesting_policy), now);
}

/**
 * Whether `key` owns a balance held by `owner` (hex of a 20-byte address), compared in bitshares-core's
 * order: the graphene address of the key, then the PTS addresses (version 56) of its uncompressed and
 * compressed forms, then the Bitcoin ones (version 0); a PTS address is compared through address(pts),
 * ripemd160 of its 25 bytes. Forming an uncompressed key fails (FC_ASSERT in serialize_ecc_point) when
 * the key is not a curve point: that is an assert_exception, not an owner mismatch.
 */
function* keyOwnsBalance(key: string, owner: string): Gen<boolean> {
  const bytes = hexToBytes(key);
  if (bytesToHex(addressOf(bytes)) === owner) return true;
  for (const version of [56, 0]) {
    for (const compressed of [false, true]) {
      const pts = ptsAddressOf(bytes, compressed, version);
      yield* ensureAssert(E.isRight(pts), "balance_claim.owner_key_on_curve", "balance_owner_key", () =>
        `balance_owner_key ${key} is not a point of secp256k1`);
      if (E.isRight(pts) && bytesToHex(addressOfPts(pts.right)) === owner) return true;
    }
  }
  return false;
}

/**
 * balance_claim_evaluator: the key must own the balance and the claim be in its asset. A vesting balance
 * gives at most what its linear policy released, no more than once a day (since last_claim_date); any
 * other balance is claimed whole.
 */
export const balanceClaimEvaluator: Evaluator<T.BalanceClaimOperation, void> = {
  *evaluate(ctx, op) {
    const s = ctx.s;
    const now = s.headBlockTime();
    const balance = yield* s.load<T.BalanceObject>(op.balance_to_claim, "balance_to_claim");
    const owns = yield* keyOwnsBalance(op.balance_owner_key, balance.owner);
    yield* ensure(owns, "balance_claim_owner_mismatch", "balance_claim.owner", "balance_owner_key", () =>
      `the key ${op.balance_owner_key} does not own balance ${balance.id}, which belongs to address ${balance.owner}`);
    yield* ensureAssert(op.total_claimed.asset_id === balance.balance.asset_id, "balance_claim.same_asset", "total_claimed.asset_id", () =>
      `balance ${balance.id} holds ${balance.balance.asset_id}, not ${op.total_claimed.asset_id}`);
    if (balance.vesting_policy !== undefined) {
      const vesting = asVestingBalance(balance, balance.vesting_policy);
      yield* ensure(isWithdrawAllowed(vesting, now, op.total_claimed), "balance_claim_invalid_claim_amount", "balance_claim.vested_amount",
        "total_claimed.amount", () =>
          `claiming ${op.total_claimed.amount} from vesting balance ${balance.id} with ${allowedWithdraw(vesting, now)} available`);
      yield* ensure(now - balance.last_claim_date >= ONE_DAY, "balance_claim_claimed_too_often", "balance_claim.once_per_day", "balance_to_claim", () =>
        `vesting balance ${balance.id} was last claimed at ${balance.last_claim_date}, less than a day before ${now}`);
      return;
    }
    yield* ensureAssert(op.total_claimed.amount === balance.balance.amount, "balance_claim.whole_balance", "total_claimed.amount", () =>
      `balance ${balance.id} must be claimed whole: ${balance.balance.amount}, not ${op.total_claimed.amount}`);
  },
  *apply(ctx, op) {
    const s = ctx.s;
    const now = s.headBlockTime();
    const balance = s.get<T.BalanceObject>(op.balance_to_claim);
    if (balance.vesting_policy !== undefined && op.total_claimed.amount < balance.balance.amount) {
      // linear_vesting_policy::on_withdraw changes nothing: only the amount and the claim date move.
      s.modify<T.BalanceObject>(balance.id, (b) => ({
        ...b, balance: { ...b.balance, amount: b.balance.amount - op.total_claimed.amount }, last_claim_date: now,
      }));
    } else {
      s.remove(balance.id);
    }
    yield* adjustBalance(s, op.deposit_to_account, op.total_claimed, "total_claimed");
    return VOID_RESULT;
  },
};

export const BALANCE_EVALUATORS: ReadonlyArray<readonly [number, Evaluator<any, any>]> = [[37, balanceClaimEvaluator]];
