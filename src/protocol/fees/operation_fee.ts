// Each operation's calculate_fee( fee_params_t ) (libraries/protocol/*.cpp and the operation headers): the
// fee in core asset before the schedule's scale, as the share_type value the C++ returns.
//
// Most operations charge their flat `fee` (base_operation::calculate_fee); virtual operations and
// balance_claim charge 0; the others add data fees on fc::raw::pack_size of the operation or of a member.
// pack_size of an optional member counts its presence byte.
import { either as E } from "fp-ts";
import type * as T from "../../../generated/native-types.js";
import { packSize as codecPackSize } from "../../codec/index.js";
import { encodeUtf8 } from "../../codec/utf8.js";
import { assertFail, chainError, type ChainError } from "../errors.js";
import { calculateDataFee, shareAdd, shareMultiply, toShare, u32, u64 } from "./arithmetic.js";
import { effectiveFeeParameters, htlcMemoPricePerKbyte, OP, subAssetCreationFee } from "./parameters.js";
import { OPERATION_TYPES, type FeeParams } from "./schedule.js";

type Fee = E.Either<ChainError, bigint>;

// ---------------------------------------------------------------------------------------------------
// fc::raw::pack_size

function packSize(type: string, value: unknown, field: string): E.Either<ChainError, number> {
  const r = codecPackSize(type, value);
  if (E.isLeft(r)) {
    const path = r.left.path === "" ? field : field === "" ? r.left.path : `${field}.${r.left.path}`;
    return E.left(chainError("invalid_arg_exception", "codec.packable", path, `${type} cannot be packed: ${r.left.message}`));
  }
  return E.right(r.right);
}

/** The bytes of an fc varint (unsigned_int) holding n. */
function varintSize(n: number): number {
  let size = 1;
  for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) size++;
  return size;
}

/** pack_size of an optional<T>: the presence byte, then the value if present. */
const optionalSize = (type: string, value: unknown, field: string): E.Either<ChainError, number> =>
  value === undefined ? E.right(1) : E.map((n: number) => n + 1)(packSize(type, value, field));

/** pack_size of a vector<T>: its varint count, then each item. */
function vectorSize(type: string, items: readonly unknown[], field: string): E.Either<ChainError, number> {
  let total = varintSize(items.length);
  for (let i = 0; i < items.length; i++) {
    const n = packSize(type, items[i], `${field}[${i}]`);
    if (E.isLeft(n)) return n;
    total += n.right;
  }
  return E.right(total);
}

/** pack_size( *this ) of the operation (the op struct itself, without the variant tag). */
const opSize = (tag: number, op: unknown): E.Either<ChainError, number> => packSize(OPERATION_TYPES[tag]!, op, "");

// ---------------------------------------------------------------------------------------------------
// The formulas

/** base_operation::calculate_fee: share_type( params.fee ). */
const flatFee = (params: { fee: bigint }): Fee => toShare(params.fee, "fee");

/** A pack_size, computed only when a data fee is charged: calculate_data_fee( bytes, 0 ) is 0 whatever the
 *  size, and packing a large operation costs more than the rest of its fee calculation. */
type Size = () => E.Either<ChainError, number>;

/** `k.fee + calculate_data_fee( bytes, k.price_per_kbyte )` in uint64_t, returned as share_type. */
function feePlusDataFee(fee: bigint, size: Size, pricePerKbyte: number): Fee {
  if (pricePerKbyte === 0) return toShare(u64(fee), "fee plus data fee");
  const bytes = size();
  if (E.isLeft(bytes)) return bytes;
  const data = calculateDataFee(bytes.right, pricePerKbyte);
  if (E.isLeft(data)) return data;
  return toShare(u64(fee + data.right), "fee plus data fee");
}

/** `share_type f = k.fee; f += calculate_data_fee( bytes, k.price_per_kbyte )`: checked share_type addition. */
function shareFeePlusDataFee(fee: E.Either<ChainError, bigint>, size: Size, pricePerKbyte: number): Fee {
  if (E.isLeft(fee) || pricePerKbyte === 0) return fee;
  const bytes = size();
  if (E.isLeft(bytes)) return bytes;
  const data = calculateDataFee(bytes.right, pricePerKbyte);
  if (E.isLeft(data)) return data;
  return shareAdd(fee.right, data.right, "fee plus data fee");
}

/** transfer.cpp, withdraw_permission.cpp: the fee, plus a data fee on the memo when there is one. */
function feeWithMemo(op: { memo?: T.MemoData }, k: { fee: bigint; price_per_kbyte: number }): Fee {
  const base = toShare(k.fee, "fee");
  if (op.memo === undefined) return base;
  return shareFeePlusDataFee(base, () => optionalSize("memo_data", op.memo, "memo"), k.price_per_kbyte);
}

/** account.cpp is_cheap_name: a name with a digit, '.', '-' or '/', or without any vowel (a e i o u y).
 *  Read by UTF-16 code unit, which decides the same as reading the UTF-8 bytes: every character it looks
 *  for is ASCII, and any other character is bytes (and code units) of 0x80 or more. */
export function isCheapName(name: string): boolean {
  let vowel = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true; // '0'..'9'
    if (c === 0x2e || c === 0x2d || c === 0x2f) return true; // '.', '-', '/'
    if (c === 0x61 || c === 0x65 || c === 0x69 || c === 0x6f || c === 0x75 || c === 0x79) vowel = true; // a e i o u y
  }
  return !vowel;
}

/** The UTF-8 size of a string (std::string::size()), counted without encoding it when it is ASCII. */
function byteLength(s: string): number {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) return encodeUtf8(s).length;
  return s.length;
}

/** account_create_operation::calculate_fee: basic or premium fee by the name, plus a data fee on the whole
 *  operation, in uint64_t. */
function accountCreateFee(op: T.AccountCreateOperation, k: T.AccountCreateOperationFeeParamsT): Fee {
  const fee = isCheapName(op.name) ? k.basic_fee : k.premium_fee;
  return feePlusDataFee(fee, () => opSize(OP.account_create, op), k.price_per_kbyte);
}

/** account_update_operation::calculate_fee: the fee (a share_type), plus a data fee on the whole operation
 *  when it sets new options. */
function accountUpdateFee(op: T.AccountUpdateOperation, k: T.AccountUpdateOperationFeeParamsT): Fee {
  if (op.new_options === undefined) return E.right(k.fee);
  return shareFeePlusDataFee(E.right(k.fee), () => opSize(OP.account_update, op), k.price_per_kbyte);
}

/** account_upgrade_operation::calculate_fee: the lifetime or the annual membership fee. */
const accountUpgradeFee = (op: T.AccountUpgradeOperation, k: T.AccountUpgradeOperationFeeParamsT): Fee =>
  op.upgrade_to_lifetime_member ? toShare(k.membership_lifetime_fee, "membership_lifetime_fee") : toShare(k.membership_annual_fee, "membership_annual_fee");

/** asset_create_operation::calculate_fee (asset_ops.cpp): the sub-asset fee for a symbol with a '.' when the
 *  schedule enables it, else by symbol length (3, 4, longer), plus a data fee on the whole operation. */
function assetCreateFee(op: T.AssetCreateOperation, k: T.AssetCreateOperationFeeParamsT, schedule: T.FeeSchedule): Fee {
  const subAssetFee = subAssetCreationFee(schedule);
  // share_type core_fee_required = param.long_symbol, checked even when a later branch replaces it
  let fee = toShare(k.long_symbol, "long_symbol");
  if (E.isLeft(fee)) return fee;
  const symbolBytes = byteLength(op.symbol);
  if (subAssetFee !== undefined && op.symbol.includes(".")) fee = toShare(subAssetFee, "sub-asset creation fee");
  else if (symbolBytes === 3) fee = toShare(k.symbol3, "symbol3");
  else if (symbolBytes === 4) fee = toShare(k.symbol4, "symbol4");
  return shareFeePlusDataFee(fee, () => opSize(OP.asset_create, op), k.price_per_kbyte);
}

/** asset_issue_operation::calculate_fee: the fee plus a data fee on the optional memo, charged even when it
 *  is absent (pack_size of an empty optional is its presence byte). */
const assetIssueFee = (op: T.AssetIssueOperation, k: T.AssetIssueOperationFeeParamsT): Fee =>
  feePlusDataFee(k.fee, () => optionalSize("memo_data", op.memo, "memo"), k.price_per_kbyte);

/** Operations charging `k.fee + calculate_data_fee( pack_size( *this ), k.price_per_kbyte )` in uint64_t. */
const wholeOpFee = (tag: number) => (op: unknown, k: { fee: bigint; price_per_kbyte: number }): Fee =>
  feePlusDataFee(k.fee, () => opSize(tag, op), k.price_per_kbyte);

/** credit_offer_create/update: the same, in checked share_type arithmetic. */
const wholeOpShareFee = (tag: number) => (op: unknown, k: { fee: bigint; price_per_kbyte: number }): Fee =>
  shareFeePlusDataFee(toShare(k.fee, "fee"), () => opSize(tag, op), k.price_per_kbyte);

/** assert_operation::calculate_fee: the fee per predicate, in uint64_t. */
const assertFee = (op: T.AssertOperation, k: T.AssertOperationFeeParamsT): Fee =>
  toShare(u64(k.fee * BigInt(op.predicates.length)), "fee times predicates");

/** transfer_to_blind / blind_transfer: the fee plus the price per output, in uint64_t. */
const blindFee = (op: { outputs: readonly unknown[] }, k: { fee: bigint; price_per_output: number }): Fee =>
  toShare(u64(k.fee + u64(BigInt(op.outputs.length) * BigInt(k.price_per_output))), "fee plus outputs");

const SECONDS_PER_DAY = 86400n; // htlc.cpp

/** Whole days, rounded up, in the 32-bit unsigned arithmetic of htlc.cpp: `( s + SECONDS_PER_DAY - 1 ) /
 *  SECONDS_PER_DAY` wraps for the largest s. */
const htlcDays = (seconds: number): bigint => u32(BigInt(seconds) + SECONDS_PER_DAY - 1n) / SECONDS_PER_DAY;

/** htlc_create_operation::calculate_fee( params, fee_per_kb ): the fee, the fee per day of the claim period
 *  (share_type arithmetic), and a data fee on the memo at transfer_operation's price per kbyte. */
function htlcCreateFee(op: T.HtlcCreateOperation, k: T.HtlcCreateOperationFeeParamsT, schedule: T.FeeSchedule): Fee {
  const days = htlcDays(op.claim_period_seconds);
  const base = toShare(k.fee, "fee");
  if (E.isLeft(base)) return base;
  const perDay = toShare(k.fee_per_day, "fee_per_day");
  if (E.isLeft(perDay)) return perDay;
  const dayFee = shareMultiply(perDay.right, days, "fee_per_day times days");
  if (E.isLeft(dayFee)) return dayFee;
  const total = shareAdd(base.right, dayFee.right, "fee plus day fee");
  if (E.isLeft(total) || op.extensions.memo === undefined) return total;
  return shareFeePlusDataFee(total, () => optionalSize("memo_data", op.extensions.memo, "extensions.memo"), htlcMemoPricePerKbyte(schedule));
}

/** htlc_redeem_operation::calculate_fee: the fee plus fee_per_kb for each started kilobyte of preimage; the
 *  uint64_t product must not wrap. */
function htlcRedeemFee(op: T.HtlcRedeemOperation, k: T.HtlcRedeemOperationFeeParamsT): Fee {
  const kb = (BigInt(op.preimage.length / 2) + 1023n) / 1024n;
  const product = u64(kb * k.fee_per_kb);
  if (kb !== 0n && product / kb !== k.fee_per_kb)
    return assertFail("htlc_redeem_operation.fee_overflow", "preimage", `Fee calculation overflow: ${kb} kbytes at ${k.fee_per_kb} per kbyte`);
  return toShare(u64(k.fee + product), "fee plus preimage fee");
}

/** htlc_extend_operation::calculate_fee: the fee plus fee_per_day for each started day added; the uint64_t
 *  product must not wrap. */
function htlcExtendFee(op: T.HtlcExtendOperation, k: T.HtlcExtendOperationFeeParamsT): Fee {
  const days = htlcDays(op.seconds_to_add);
  const perDayFee = u64(k.fee_per_day * days);
  if (days !== 0n && perDayFee / days !== k.fee_per_day)
    return assertFail("htlc_extend_operation.fee_overflow", "seconds_to_add", `Fee calculation overflow: ${days} days at ${k.fee_per_day} per day`);
  return toShare(u64(k.fee + perDayFee), "fee plus day fee");
}

/** `core_fee_required += k.price_per_byte * bytes`: the product in uint64_t, then a checked share_type sum. */
function addBytePrice(fee: Fee, bytes: E.Either<ChainError, number>, pricePerByte: number): Fee {
  if (E.isLeft(fee)) return fee;
  if (E.isLeft(bytes)) return bytes;
  const price = toShare(u64(BigInt(pricePerByte) * BigInt(bytes.right)), "price of bytes");
  if (E.isLeft(price)) return price;
  return shareAdd(fee.right, price.right, "fee plus price of bytes");
}

/** custom_authority_create_operation::calculate_fee: the basic fee plus the price per byte of the
 *  restrictions and the authority. */
function customAuthorityCreateFee(op: T.CustomAuthorityCreateOperation, k: T.CustomAuthorityCreateOperationFeeParamsT): Fee {
  const restrictions = vectorSize("restriction", op.restrictions, "restrictions");
  if (E.isLeft(restrictions)) return restrictions;
  const auth = packSize("authority", op.auth, "auth");
  if (E.isLeft(auth)) return auth;
  return addBytePrice(toShare(k.basic_fee, "basic_fee"), E.right(restrictions.right + auth.right), k.price_per_byte);
}

/** custom_authority_update_operation::calculate_fee: the basic fee plus the price per byte of the added
 *  restrictions and of the new authority if any. */
function customAuthorityUpdateFee(op: T.CustomAuthorityUpdateOperation, k: T.CustomAuthorityUpdateOperationFeeParamsT): Fee {
  const fee = addBytePrice(toShare(k.basic_fee, "basic_fee"), vectorSize("restriction", op.restrictions_to_add, "restrictions_to_add"), k.price_per_byte);
  if (op.new_auth === undefined) return fee;
  return addBytePrice(fee, packSize("authority", op.new_auth, "new_auth"), k.price_per_byte);
}

const zeroFee = (): Fee => E.right(0n);

// ---------------------------------------------------------------------------------------------------
// Dispatch by tag

type Formula = (op: never, params: never, schedule: T.FeeSchedule) => Fee;

/** The operations whose calculate_fee is not base_operation's flat fee. */
const FORMULAS: Readonly<Record<number, Formula>> = {
  0: feeWithMemo, // transfer
  4: zeroFee, // fill_order (virtual)
  5: accountCreateFee,
  6: accountUpdateFee,
  8: accountUpgradeFee,
  10: assetCreateFee,
  11: wholeOpFee(11), // asset_update
  14: assetIssueFee,
  22: wholeOpFee(22), // proposal_create
  23: wholeOpFee(23), // proposal_update
  27: feeWithMemo, // withdraw_permission_claim
  35: wholeOpFee(35), // custom
  36: assertFee,
  37: zeroFee, // balance_claim
  38: feeWithMemo, // override_transfer
  39: blindFee, // transfer_to_blind
  40: blindFee, // blind_transfer
  42: zeroFee, // asset_settle_cancel (virtual)
  44: zeroFee, // fba_distribute (virtual)
  46: zeroFee, // execute_bid (virtual)
  49: htlcCreateFee,
  50: htlcRedeemFee,
  51: zeroFee, // htlc_redeemed (virtual)
  52: htlcExtendFee,
  53: zeroFee, // htlc_refund (virtual)
  54: customAuthorityCreateFee,
  55: customAuthorityUpdateFee,
  69: wholeOpShareFee(69), // credit_offer_create
  71: wholeOpShareFee(71), // credit_offer_update
  74: zeroFee, // credit_deal_expired (virtual)
};

/** calc_fee_visitor (fee_schedule_calc.cpp): the operation's calculate_fee under the schedule's parameters,
 *  unscaled. The share_type value it returns may be negative only through a negative share_type parameter. */
export function operationFee(op: T.Operation, schedule: T.FeeSchedule): Fee {
  const [tag, value] = op;
  const params: FeeParams | undefined = effectiveFeeParameters(schedule, tag);
  if (params === undefined) return assertFail("operation.known_tag", "", `no operation has tag ${tag}`);
  const formula = FORMULAS[tag];
  if (formula !== undefined) return formula(value as never, params as never, schedule);
  return flatFee(params as { fee: bigint });
}
