// The secp256k1 operations the protocol needs, behind one interface with two backends:
// - "noble": @noble/secp256k1, pure TypeScript, audited; the reference.
// - "native": libsecp256k1 through the `secp256k1` package's prebuilt addon; about 40 times faster.
// properties/crypto.backends.test.ts proves the two equal on random and edge-case inputs. Everything
// above this file (signing, recovery, ECDH) is written once, in terms of these four operations.
import { createRequire } from "node:module";
import { Point, recoverPublicKey } from "@noble/secp256k1";

/** Order of the group. */
export const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
/** Field prime. */
export const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;

export interface Secp256k1Backend {
  readonly name: BackendName;
  /** d·G as a 33-byte compressed point, or undefined when d is 0 or not below N. */
  publicKey(secret: Uint8Array): Uint8Array | undefined;
  /**
   * The compressed public key of a signature (r‖s, 64 bytes) with recovery id 0..3 over a 32-byte digest,
   * as libsecp256k1's recover: r and s must be in 1..N-1, the digest is read mod N. undefined if none.
   */
  recover(digest: Uint8Array, rs: Uint8Array, recid: number): Uint8Array | undefined;
  /** scalar·point for a 33-byte compressed point (ECDH), compressed; undefined for an invalid point or scalar. */
  multiply(point: Uint8Array, scalar: Uint8Array): Uint8Array | undefined;
  /** The 65-byte uncompressed form of a compressed point, or undefined if it is not on the curve. */
  uncompress(point: Uint8Array): Uint8Array | undefined;
}

export type BackendName = "noble" | "native";

const bigOf = (b: Uint8Array): bigint => {
  let x = 0n;
  for (const v of b) x = (x << 8n) | BigInt(v);
  return x;
};
const validScalar = (b: Uint8Array): boolean => b.length === 32 && b.some((x) => x !== 0) && bigOf(b) < N;

function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

const noble: Secp256k1Backend = {
  name: "noble",
  publicKey: (secret) => (validScalar(secret) ? Point.BASE.multiply(bigOf(secret)).toBytes(true) : undefined),
  recover(digest, rs, recid) {
    const sig = new Uint8Array(65);
    sig[0] = recid;
    sig.set(rs, 1);
    return attempt(() => recoverPublicKey(sig, digest, { prehash: false }));
  },
  multiply: (point, scalar) => (validScalar(scalar) ? attempt(() => Point.fromBytes(point).multiply(bigOf(scalar)).toBytes(true)) : undefined),
  uncompress: (point) => attempt(() => Point.fromBytes(point).toBytes(false)),
};

interface NativeSecp256k1 {
  publicKeyCreate(secret: Uint8Array, compressed: boolean): Uint8Array;
  ecdsaRecover(sig: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean): Uint8Array;
  publicKeyTweakMul(point: Uint8Array, tweak: Uint8Array, compressed: boolean): Uint8Array;
  publicKeyConvert(point: Uint8Array, compressed: boolean): Uint8Array;
}

let nativeBackend: Secp256k1Backend | null | undefined;

/** The native backend, or undefined when its addon cannot be loaded on this platform. */
export function native(): Secp256k1Backend | undefined {
  if (nativeBackend !== undefined) return nativeBackend ?? undefined;
  try {
    // Load the addon itself ("bindings"), never the package's silent fallback to a JS implementation.
    const lib = createRequire(import.meta.url)("secp256k1/bindings") as NativeSecp256k1;
    nativeBackend = {
      name: "native",
      publicKey: (secret) => attempt(() => lib.publicKeyCreate(secret, true)),
      recover: (digest, rs, recid) => attempt(() => lib.ecdsaRecover(rs, recid, digest, true)),
      multiply: (point, scalar) => (point.length === 33 ? attempt(() => lib.publicKeyTweakMul(point, scalar, true)) : undefined),
      uncompress: (point) => (point.length === 33 ? attempt(() => lib.publicKeyConvert(point, false)) : undefined),
    };
  } catch {
    nativeBackend = null;
  }
  return nativeBackend ?? undefined;
}

export function backend(name: BackendName): Secp256k1Backend | undefined {
  return name === "noble" ? noble : native();
}

let current: Secp256k1Backend | undefined;

/** The backend in use: BTSREF_SECP256K1=noble|native selects one; by default native when it loads. */
export function secp256k1(): Secp256k1Backend {
  if (current) return current;
  const wanted = process.env.BTSREF_SECP256K1;
  if (wanted !== undefined && wanted !== "noble" && wanted !== "native") throw new Error(`BTSREF_SECP256K1 must be noble or native, not ${wanted}`);
  current = wanted === "noble" ? noble : wanted === "native" ? native() : (native() ?? noble);
  if (!current) throw new Error("BTSREF_SECP256K1=native, but the secp256k1 addon does not load here");
  return current;
}

/** Selects the backend for this process (tests and benchmarks). */
export function useBackend(name: BackendName): void {
  const b = backend(name);
  if (!b) throw new Error(`secp256k1 backend ${name} is not available`);
  current = b;
}
