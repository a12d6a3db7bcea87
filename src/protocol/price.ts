// Asset and price arithmetic of bitshares-core (libraries/protocol/asset.cpp and asset.hpp), bit for bit.
//
// C++ does this arithmetic in fc::uint128_t (unsigned __int128) and boost::rational<uint128_t>; here every
// such value is a bigint reduced modulo 2^128 wherever C++ would wrap, so even out-of-range inputs (a
// negative amount turned unsigned) give the C++ result. share_type is fc::safe<int64_t>: its arithmetic
// refuses overflow with overflow_exception / underflow_exception.
//
// Functions that can throw in C++ return Either<ChainError, T>; the others return plain values. Field
// paths of refusals are relative to the price (or feed) argument, or "" when no one field is at fault.
import { either as E } from "fp-ts";
import type { Asset, Price, PriceFeed } from "../../generated/native-types.js";
import { COLLATERAL_RATIO_DENOM, CORE_ASSET, MAX_COLLATERAL_RATIO, MAX_SHARE_SUPPLY, MIN_COLLATERAL_RATIO } from "./config.js";
import { assertFail, fail, OK, withFieldPrefix, type ChainError, type ExceptionName } from "./errors.js";

export type { Asset, Price, PriceFeed };

/** boost::bad_rational (a std::domain_error) surfaces through FC_CAPTURE_AND_RETHROW as an fc::exception
 *  with std_exception_code (13), which errors.ts does not list yet: it is reported as unspecified_exception. */
const BAD_RATIONAL: ExceptionName = "unspecified_exception";

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT32_MAX = 2 ** 31 - 1;

/** Reduces to an unsigned 128-bit value, as a conversion to or arithmetic in fc::uint128_t does. */
const u128 = (x: bigint): bigint => BigInt.asUintN(128, x);

/** Either's map, data first. */
const mapRight = <A, B>(fa: E.Either<ChainError, A>, f: (a: A) => B): E.Either<ChainError, B> =>
  E.isLeft(fa) ? fa : E.right(f(fa.right));

// ---------------------------------------------------------------------------------------------------
// Asset ids and assets (asset.hpp)

/** The instance of an asset id "1.3.N" (asset_id_type compares by instance); -1 if it is not well formed. */
function instanceOf(id: string): bigint {
  const m = /\.(\d+)$/.exec(id);
  return m ? BigInt(m[1]!) : -1n;
}

/** asset_id_type ordering: -1, 0 or 1. */
export function compareAssetIds(a: string, b: string): number {
  const x = instanceOf(a);
  const y = instanceOf(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

const sameId = (a: string, b: string): boolean => compareAssetIds(a, b) === 0;

/** asset( amount, asset_id ), by default an amount of the core asset 1.3.0. */
export const makeAsset = (amount: bigint, assetId: string = CORE_ASSET): Asset => ({ amount, asset_id: assetId });

/** share_type's checked construction from a wider value (fc::safe<int64_t>::check). */
function checkedShare(v: bigint, rule: string, field: string): E.Either<ChainError, bigint> {
  if (v > INT64_MAX) return fail("overflow_exception", rule, field, `${v} exceeds the int64 maximum ${INT64_MAX}`);
  if (v < INT64_MIN) return fail("underflow_exception", rule, field, `${v} is below the int64 minimum ${INT64_MIN}`);
  return E.right(v);
}

function sameAsset(a: Asset, b: Asset, op: string): E.Either<ChainError, void> {
  return sameId(a.asset_id, b.asset_id)
    ? OK
    : assertFail(`asset.${op}_same_asset`, "asset_id", `asset ${a.asset_id} and asset ${b.asset_id} differ`);
}

/** asset operator+: FC_ASSERT on the asset ids, then fc::safe addition. */
export function addAssets(a: Asset, b: Asset): E.Either<ChainError, Asset> {
  return E.flatMap(sameAsset(a, b, "add"), () =>
    mapRight(checkedShare(a.amount + b.amount, "share_type.add_range", "amount"), (amount) => makeAsset(amount, a.asset_id)));
}

/** asset operator-: FC_ASSERT on the asset ids, then fc::safe subtraction. */
export function subtractAssets(a: Asset, b: Asset): E.Either<ChainError, Asset> {
  return E.flatMap(sameAsset(a, b, "subtract"), () =>
    mapRight(checkedShare(a.amount - b.amount, "share_type.subtract_range", "amount"), (amount) => makeAsset(amount, a.asset_id)));
}

/** asset unary operator-: fc::safe negation refuses the int64 minimum. */
export function negateAsset(a: Asset): E.Either<ChainError, Asset> {
  if (a.amount === INT64_MIN) return fail("overflow_exception", "share_type.negate_range", "amount", `${a.amount} has no int64 negation`);
  return E.right(makeAsset(-a.amount, a.asset_id));
}

/** asset operator==: same id and same amount (never throws). */
export const assetEquals = (a: Asset, b: Asset): boolean => sameId(a.asset_id, b.asset_id) && a.amount === b.amount;

/** asset operator<: FC_ASSERT( a.asset_id == b.asset_id ), then the amounts. */
export function assetLess(a: Asset, b: Asset): E.Either<ChainError, boolean> {
  return mapRight(sameAsset(a, b, "compare"), () => a.amount < b.amount);
}
/** asset operator<= is !(b < a); operator> is b < a; operator>= is !(a < b). */
export const assetLessEq = (a: Asset, b: Asset): E.Either<ChainError, boolean> => mapRight(assetLess(b, a), (x) => !x);
export const assetGreater = (a: Asset, b: Asset): E.Either<ChainError, boolean> => assetLess(b, a);
export const assetGreaterEq = (a: Asset, b: Asset): E.Either<ChainError, boolean> => mapRight(assetLess(a, b), (x) => !x);

/** asset::scaled_precision: 10^precision for precision 0..18, FC_ASSERT( precision < 19 ). */
export function scaledPrecision(precision: number): E.Either<ChainError, bigint> {
  if (!(precision >= 0 && precision < 19 && Number.isInteger(precision)))
    return assertFail("asset.scaled_precision_range", "precision", `precision ${precision} is not below 19`);
  return E.right(10n ** BigInt(precision));
}

// ---------------------------------------------------------------------------------------------------
// Prices (asset.hpp, asset.cpp)

/** asset operator/( base, quote ): the price base/quote; FC_ASSERT( base.asset_id != quote.asset_id ). */
export function priceOf(base: Asset, quote: Asset): E.Either<ChainError, Price> {
  if (sameId(base.asset_id, quote.asset_id))
    return assertFail("price.distinct_assets", "quote.asset_id", `base and quote are both asset ${base.asset_id}`);
  return E.right({ base, quote });
}

/** price(): the default price, 0 of 1.3.0 for 0 of 1.3.0 (a null price). */
export const nullPrice = (): Price => ({ base: makeAsset(0n), quote: makeAsset(0n) });

/** price::max( base, quote ): GRAPHENE_MAX_SHARE_SUPPLY of base for 1 of quote. */
export const priceMax = (base: string, quote: string): E.Either<ChainError, Price> =>
  priceOf(makeAsset(MAX_SHARE_SUPPLY, base), makeAsset(1n, quote));

/** price::min( base, quote ): 1 of base for GRAPHENE_MAX_SHARE_SUPPLY of quote. */
export const priceMin = (base: string, quote: string): E.Either<ChainError, Price> =>
  priceOf(makeAsset(1n, base), makeAsset(MAX_SHARE_SUPPLY, quote));

/** price::unit_price( a ): 1 of `a` for 1 of `a` (built directly, so base == quote is allowed). */
export const unitPrice = (assetId: string = CORE_ASSET): Price => ({ base: makeAsset(1n, assetId), quote: makeAsset(1n, assetId) });

/** price::is_null: both sides are asset 1.3.0, whatever the amounts. */
export const isNullPrice = (p: Price): boolean => instanceOf(p.base.asset_id) === 0n && instanceOf(p.quote.asset_id) === 0n;

/** operator~: base and quote swapped. */
export const invertPrice = (p: Price): Price => ({ base: p.quote, quote: p.base });

/** price::to_real: base / quote as doubles. */
export const priceToReal = (p: Price): number => Number(p.base.amount) / Number(p.quote.amount);

/** price::validate( check_upper_bound ): amounts positive, assets distinct, and with the flag both amounts
 *  at most GRAPHENE_MAX_SHARE_SUPPLY. */
export function validatePrice(p: Price, checkUpperBound = false): E.Either<ChainError, void> {
  if (!(p.base.amount > 0n)) return assertFail("price.base_amount_positive", "base.amount", `base amount ${p.base.amount} is not positive`);
  if (!(p.quote.amount > 0n)) return assertFail("price.quote_amount_positive", "quote.amount", `quote amount ${p.quote.amount} is not positive`);
  if (sameId(p.base.asset_id, p.quote.asset_id))
    return assertFail("price.distinct_assets", "quote.asset_id", `base and quote are both asset ${p.base.asset_id}`);
  if (checkUpperBound) {
    if (p.base.amount > MAX_SHARE_SUPPLY)
      return assertFail("price.base_amount_max", "base.amount", `base amount ${p.base.amount} exceeds ${MAX_SHARE_SUPPLY}`);
    if (p.quote.amount > MAX_SHARE_SUPPLY)
      return assertFail("price.quote_amount_max", "quote.amount", `quote amount ${p.quote.amount} exceeds ${MAX_SHARE_SUPPLY}`);
  }
  return OK;
}

// Comparisons: asset ids first (base, then quote), then the 128-bit cross products
// uint128(b.quote) * a.base versus uint128(a.quote) * b.base, which wrap for non-positive amounts.
const crossA = (a: Price, b: Price): bigint => u128(u128(b.quote.amount) * u128(a.base.amount));
const crossB = (a: Price, b: Price): bigint => u128(u128(a.quote.amount) * u128(b.base.amount));

/** price operator==. */
export function priceEquals(a: Price, b: Price): boolean {
  if (!sameId(a.base.asset_id, b.base.asset_id) || !sameId(a.quote.asset_id, b.quote.asset_id)) return false;
  return crossA(a, b) === crossB(a, b);
}

/** price operator<. */
export function priceLess(a: Price, b: Price): boolean {
  const byBase = compareAssetIds(a.base.asset_id, b.base.asset_id);
  if (byBase !== 0) return byBase < 0;
  const byQuote = compareAssetIds(a.quote.asset_id, b.quote.asset_id);
  if (byQuote !== 0) return byQuote < 0;
  return crossA(a, b) < crossB(a, b);
}

/** price operator!=, >, <=, >= (asset.hpp defines them through == and <). */
export const priceNotEquals = (a: Price, b: Price): boolean => !priceEquals(a, b);
export const priceGreater = (a: Price, b: Price): boolean => priceLess(b, a);
export const priceLessEq = (a: Price, b: Price): boolean => !priceLess(b, a);
export const priceGreaterEq = (a: Price, b: Price): boolean => !priceLess(a, b);

// ---------------------------------------------------------------------------------------------------
// asset * price

function convert(a: Asset, p: Price, roundUp: boolean): E.Either<ChainError, Asset> {
  const rule = roundUp ? "asset_multiply_and_round_up" : "asset_times_price";
  const go = (num: bigint, den: bigint, to: string, side: "base" | "quote"): E.Either<ChainError, Asset> => {
    if (!(den > 0n)) return assertFail(`${rule}.divisor_positive`, `${side}.amount`, `price ${side} amount ${den} is not positive`);
    const product = u128(u128(a.amount) * u128(num));
    const result = roundUp ? u128(u128(product + den) - 1n) / den : product / den;
    if (result > MAX_SHARE_SUPPLY)
      return assertFail(`${rule}.result_max`, "", `${a.amount} of ${a.asset_id} converts to ${result}, above ${MAX_SHARE_SUPPLY}`);
    return E.right(makeAsset(result, to));
  };
  if (sameId(a.asset_id, p.base.asset_id)) return go(p.quote.amount, p.base.amount, p.quote.asset_id, "base");
  if (sameId(a.asset_id, p.quote.asset_id)) return go(p.base.amount, p.quote.amount, p.base.asset_id, "quote");
  return assertFail(`${rule}.asset_in_price`, "", `asset ${a.asset_id} is neither side of the price ${p.base.asset_id}/${p.quote.asset_id}`);
}

/** asset operator*( asset, price ): `a` converted to the other asset of `p`, rounded down. */
export const multiplyByPrice = (a: Asset, p: Price): E.Either<ChainError, Asset> => convert(a, p, false);

/** asset::multiply_and_round_up( price ): as multiplyByPrice, rounded up. */
export const multiplyAndRoundUp = (a: Asset, p: Price): E.Either<ChainError, Asset> => convert(a, p, true);

// ---------------------------------------------------------------------------------------------------
// boost::rational over uint128 (the parts asset.cpp uses), with C++'s wrap-around

interface Rational128 {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** boost::rational<uint128_t>( n, d ): normalized; a zero denominator is bad_rational. */
function rational128(n: bigint, d: bigint): Rational128 | undefined {
  const num = u128(n);
  const den = u128(d);
  if (den === 0n) return undefined;
  if (num === 0n) return { num: 0n, den: 1n };
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

/** rational::operator*= (cross-cancelling gcds first, then wrapping products). */
function mul128(a: Rational128, b: Rational128): Rational128 {
  const g1 = gcd(a.num, b.den);
  const g2 = gcd(b.num, a.den);
  return { num: u128((a.num / g1) * (b.num / g2)), den: u128((a.den / g2) * (b.den / g1)) };
}

/** rational::operator-= (its exact sequence of steps, wrapping like unsigned __int128). */
function sub128(a: Rational128, b: Rational128): Rational128 {
  let g = gcd(a.den, b.den);
  let den = a.den / g;
  let num = u128(u128(a.num * (b.den / g)) - u128(b.num * den));
  g = gcd(num, g);
  num = num / g;
  den = u128(den * (b.den / g));
  return { num, den };
}

/** rational::operator< : an exact comparison of the two values (denominators are positive). */
const less128 = (a: Rational128, b: Rational128): boolean => a.num * b.den < b.num * a.den;

// ---------------------------------------------------------------------------------------------------
// ratio_type = boost::rational<int32_t>

/** A ratio_type value, normalized as boost::rational<int32_t> keeps it: lowest terms, positive denominator. */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
}

const badRational = (rule: string, field: string, message: string): E.Either<ChainError, never> =>
  fail(BAD_RATIONAL, rule, field, `bad rational: ${message}`);

/** ratio_type( n, d ): boost's normalization; a zero denominator throws bad_rational. Arguments are
 *  taken as int32_t (C++ converts them so). */
export function makeRatio(n: number, d: number): E.Either<ChainError, Ratio> {
  let num = BigInt.asIntN(32, BigInt(Math.trunc(Number.isFinite(n) ? n : 0)));
  let den = BigInt.asIntN(32, BigInt(Math.trunc(Number.isFinite(d) ? d : 0)));
  if (den === 0n) return badRational("ratio_type.zero_denominator", "denominator", `zero denominator (${num}/0)`);
  if (num === 0n) return E.right({ numerator: 0, denominator: 1 });
  const g = gcd(num < 0n ? -num : num, den < 0n ? -den : den);
  num /= g;
  den /= g;
  if (den < -BigInt(INT32_MAX)) return badRational("ratio_type.singular_denominator", "denominator", "non-zero singular denominator");
  if (den < 0n) {
    num = BigInt.asIntN(32, -num);
    den = -den;
  }
  return E.right({ numerator: Number(num), denominator: Number(den) });
}

/** price operator*( price, ratio_type ): the price scaled by r, kept within GRAPHENE_MAX_SHARE_SUPPLY
 *  by halving both terms (or pinning to max/min), never moving past the input in the wrong direction. */
export function multiplyPriceByRatio(p: Price, r: Ratio): E.Either<ChainError, Price> {
  const valid = validatePrice(p);
  if (E.isLeft(valid)) return valid;
  if (!(r.numerator > 0 && r.denominator > 0))
    return assertFail("price_times_ratio.ratio_positive", "", `ratio ${r.numerator}/${r.denominator} is not positive`);
  if (r.numerator === r.denominator) return E.right(p);

  const max = MAX_SHARE_SUPPLY;
  // validate() made both amounts positive and the ratio is positive: no bad_rational here
  const ocp = mul128(rational128(p.base.amount, p.quote.amount)!, rational128(BigInt(r.numerator), BigInt(r.denominator))!);
  let cp = ocp;
  let shrinked = false;
  let usingMax = false;
  while (cp.num > max || cp.den > max) {
    if (cp.num === 1n) {
      cp = { num: 1n, den: max };
      usingMax = true;
      break;
    } else if (cp.den === 1n) {
      cp = { num: max, den: 1n };
      usingMax = true;
      break;
    } else {
      cp = rational128(cp.num >> 1n, cp.den >> 1n)!; // both were >= 2
      shrinked = true;
    }
  }
  if (shrinked) {
    // the closest price with 1 on one side, used instead when it is nearer to the exact product
    let num = ocp.num;
    let den = ocp.den;
    if (num > den) {
      num = num / den;
      if (num > max) num = max;
      den = 1n;
    } else {
      den = den / num;
      if (den > max) den = max;
      num = 1n;
    }
    const ncp = rational128(num, den)!;
    if (num === max || den === max) cp = ncp;
    else {
      const diff1 = !less128(ncp, ocp) ? sub128(ncp, ocp) : sub128(ocp, ncp);
      const diff2 = !less128(cp, ocp) ? sub128(cp, ocp) : sub128(ocp, cp);
      if (less128(diff1, diff2)) cp = ncp;
    }
  }
  let np: Price = { base: makeAsset(cp.num, p.base.asset_id), quote: makeAsset(cp.den, p.quote.asset_id) };
  if (shrinked || usingMax) {
    const flipped = r.numerator > r.denominator ? priceLess(np, p) : priceGreater(np, p);
    if (flipped) np = p;
  }
  return mapRight(validatePrice(np), () => np);
}

/** price operator/( price, ratio_type ): p * ratio_type( r.denominator, r.numerator ). */
export function dividePriceByRatio(p: Price, r: Ratio): E.Either<ChainError, Price> {
  return E.flatMap(makeRatio(r.denominator, r.numerator), (inverse) => multiplyPriceByRatio(p, inverse));
}

/** price::call_price( debt, collateral, collateral_ratio ): collateral/debt scaled by the ratio (per
 *  GRAPHENE_COLLATERAL_RATIO_DENOM), both terms halved-and-incremented until within the maximum supply. */
export function callPrice(debt: Asset, collateral: Asset, collateralRatio: number): E.Either<ChainError, Price> {
  const swan = rational128(debt.amount, collateral.amount);
  if (swan === undefined) return badRational("price.call_price_zero_collateral", "", `zero denominator (collateral ${collateral.amount})`);
  let cp = mul128(swan, rational128(BigInt(collateralRatio & 0xffff), BigInt(COLLATERAL_RATIO_DENOM))!);
  while (cp.num > MAX_SHARE_SUPPLY || cp.den > MAX_SHARE_SUPPLY) cp = rational128((cp.num >> 1n) + 1n, (cp.den >> 1n) + 1n)!;
  return priceOf(makeAsset(cp.den, collateral.asset_id), makeAsset(cp.num, debt.asset_id));
}

// ---------------------------------------------------------------------------------------------------
// price_feed (asset.hpp, asset.cpp)

/** price_feed::validate: a non-null settlement price is valid; MSSR and MCR within
 *  [GRAPHENE_MIN_COLLATERAL_RATIO, GRAPHENE_MAX_COLLATERAL_RATIO]. */
export function validatePriceFeed(f: PriceFeed): E.Either<ChainError, void> {
  if (!isNullPrice(f.settlement_price)) {
    const r = validatePrice(f.settlement_price);
    if (E.isLeft(r)) return E.left(withFieldPrefix(r.left, "settlement_price"));
  }
  const bounds = (v: number, name: string): E.Either<ChainError, void> =>
    v < MIN_COLLATERAL_RATIO
      ? assertFail(`price_feed.${name}_min`, name, `${name} ${v} is below ${MIN_COLLATERAL_RATIO}`)
      : v > MAX_COLLATERAL_RATIO
        ? assertFail(`price_feed.${name}_max`, name, `${name} ${v} exceeds ${MAX_COLLATERAL_RATIO}`)
        : OK;
  return E.flatMap(bounds(f.maximum_short_squeeze_ratio, "maximum_short_squeeze_ratio"), () =>
    bounds(f.maintenance_collateral_ratio, "maintenance_collateral_ratio"));
}

/** price_feed::is_for: the settlement price's base, else the core exchange rate's base, else any asset. */
export function priceFeedIsFor(f: PriceFeed, assetId: string): boolean {
  if (!isNullPrice(f.settlement_price)) return sameId(f.settlement_price.base.asset_id, assetId);
  if (!isNullPrice(f.core_exchange_rate)) return sameId(f.core_exchange_rate.base.asset_id, assetId);
  return true;
}

/** price_feed::max_short_squeeze_price: settlement_price * ( GRAPHENE_COLLATERAL_RATIO_DENOM / MSSR ). */
export function maxShortSqueezePrice(f: PriceFeed): E.Either<ChainError, Price> {
  return E.flatMap(makeRatio(COLLATERAL_RATIO_DENOM, f.maximum_short_squeeze_ratio), (r) => multiplyPriceByRatio(f.settlement_price, r));
}

/** price_feed::get_margin_call_price_numerator: MSSR - MCFR (MCFR absent is 0), at least
 *  GRAPHENE_COLLATERAL_RATIO_DENOM, and the denominator itself when MCFR >= MSSR. */
export function marginCallPriceNumerator(f: PriceFeed, marginCallFeeRatio?: number): number {
  const mcfr = marginCallFeeRatio ?? 0;
  const numerator = mcfr < f.maximum_short_squeeze_ratio ? f.maximum_short_squeeze_ratio - mcfr : COLLATERAL_RATIO_DENOM;
  return numerator < COLLATERAL_RATIO_DENOM ? COLLATERAL_RATIO_DENOM : numerator;
}

/** price_feed::margin_call_order_ratio: numerator / GRAPHENE_COLLATERAL_RATIO_DENOM. */
export const marginCallOrderRatio = (f: PriceFeed, marginCallFeeRatio?: number): E.Either<ChainError, Ratio> =>
  makeRatio(marginCallPriceNumerator(f, marginCallFeeRatio), COLLATERAL_RATIO_DENOM);

/** price_feed::margin_call_pays_ratio: numerator / MSSR (an MSSR of 0 is bad_rational). */
export const marginCallPaysRatio = (f: PriceFeed, marginCallFeeRatio?: number): E.Either<ChainError, Ratio> =>
  makeRatio(marginCallPriceNumerator(f, marginCallFeeRatio), f.maximum_short_squeeze_ratio);

/** price_feed::margin_call_order_price: settlement_price / margin_call_order_ratio. */
export function marginCallOrderPrice(f: PriceFeed, marginCallFeeRatio?: number): E.Either<ChainError, Price> {
  return E.flatMap(marginCallOrderRatio(f, marginCallFeeRatio), (r) => dividePriceByRatio(f.settlement_price, r));
}

/** price_feed::maintenance_collateralization: ~settlement_price * ( MCR / GRAPHENE_COLLATERAL_RATIO_DENOM ),
 *  or price() when the settlement price is null. */
export function maintenanceCollateralization(f: PriceFeed): E.Either<ChainError, Price> {
  if (isNullPrice(f.settlement_price)) return E.right(nullPrice());
  return E.flatMap(makeRatio(f.maintenance_collateral_ratio, COLLATERAL_RATIO_DENOM), (r) =>
    multiplyPriceByRatio(invertPrice(f.settlement_price), r));
}

/** price_feed::margin_call_params_equal: same settlement price (price ==), MCR and MSSR. */
export function marginCallParamsEqual(a: PriceFeed, b: PriceFeed): boolean {
  return priceEquals(a.settlement_price, b.settlement_price) &&
    a.maintenance_collateral_ratio === b.maintenance_collateral_ratio &&
    a.maximum_short_squeeze_ratio === b.maximum_short_squeeze_ratio;
}
