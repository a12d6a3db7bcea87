// String forms of public keys and addresses (graphene protocol types.cpp, address.cpp, pts_address.cpp).
import { base58Decode, base58Encode } from "./base58.js";
import { ripemd160, sha256 } from "./hash.js";

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly rule: string; readonly message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(rule: string, message: string): Parsed<T> => ({ ok: false, rule, message });

function equal4(a: Uint8Array, ai: number, b: Uint8Array): boolean {
  return a[ai] === b[0] && a[ai + 1] === b[1] && a[ai + 2] === b[2] && a[ai + 3] === b[3];
}

/** fc's base58 decoder skips whitespace before and after the digits. */
function trimSpace(s: string): string {
  return s.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, "");
}

function checked(payload: Uint8Array, prefix: string): string {
  const out = new Uint8Array(payload.length + 4);
  out.set(payload);
  out.set(ripemd160(payload).subarray(0, 4), payload.length);
  return prefix + base58Encode(out);
}

/**
 * Parses prefix + base58(body || ripemd160(body)[0..4]) with a body of `size` bytes. bitshares-core
 * ignores bytes after the checksum of a public key; btsref refuses them (spec/README.md).
 */
function parseChecked(s: string, prefix: string, size: number, what: string): Parsed<Uint8Array> {
  if (s.length <= prefix.length || !s.startsWith(prefix))
    return bad("prefix", `${what} must start with the address prefix "${prefix}"`);
  const raw = base58Decode(trimSpace(s.slice(prefix.length)));
  if (!raw) return bad("base58", `${what} is not valid base58`);
  if (raw.length !== size + 4) return bad("length", `${what} must encode ${size} bytes and a 4-byte checksum, got ${raw.length} bytes`);
  const body = raw.subarray(0, size);
  if (!equal4(raw, size, ripemd160(body))) return bad("checksum", `${what} checksum mismatch`);
  return ok(body.slice());
}

/** The 33-byte compressed key of a public key string. The point is not checked to be on the curve, as in fc. */
export const parsePublicKey = (s: string, prefix: string): Parsed<Uint8Array> => parseChecked(s, prefix, 33, "public key");
export const formatPublicKey = (key: Uint8Array, prefix: string): string => checked(key, prefix);

/** A graphene address (20 bytes). */
export const parseAddress = (s: string, prefix: string): Parsed<Uint8Array> => parseChecked(s, prefix, 20, "address");
export const formatAddress = (addr: Uint8Array, prefix: string): string => checked(addr, prefix);

/** A PTS/BTC-style address: 25 bytes, the last 4 being sha256(sha256(first 21))[0..4]. */
export function parsePtsAddress(s: string): Parsed<Uint8Array> {
  const raw = base58Decode(trimSpace(s));
  if (!raw) return bad("base58", "pts address is not valid base58");
  if (raw.length !== 25) return bad("length", `pts address must be 25 bytes, got ${raw.length}`);
  if (!equal4(raw, 21, sha256(sha256(raw.subarray(0, 21))))) return bad("checksum", "pts address checksum mismatch");
  return ok(raw);
}
export const formatPtsAddress = (addr: Uint8Array): string => base58Encode(addr);
