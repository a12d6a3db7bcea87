// The native secp256k1 backend may replace the noble reference only if they agree: random and edge-case
// inputs to every backend operation, valid and invalid, must give the same result in both.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bytesToHex } from "../src/codec/hex.js";
import { backend, N, P, type Secp256k1Backend } from "../src/crypto/secp256k1.js";

const RUNS = Number(process.env.BTSREF_RUNS ?? 100);
const noble = backend("noble")!;
const native = backend("native");

const hex = (b: Uint8Array | undefined) => (b ? bytesToHex(b) : "none");
const be32 = (x: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((x >> BigInt(8 * (31 - i))) & 0xffn));

/** 32-byte scalars, with the edges 0, 1, N-1, N, N+1 and 2^256-1 over-weighted. */
const scalar = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ minLength: 32, maxLength: 32 }) },
  { weight: 1, arbitrary: fc.constantFrom(0n, 1n, 2n, N - 1n, N, N + 1n, 2n ** 256n - 1n, P - 1n, P).map(be32) },
);
/** 33-byte points: real ones, random bytes with a 02/03 prefix (about half are on the curve), and garbage. */
const point = fc.oneof(
  scalar.map((s) => noble.publicKey(s)).filter((p): p is Uint8Array => p !== undefined),
  fc.tuple(fc.constantFrom(2, 3), fc.uint8Array({ minLength: 32, maxLength: 32 })).map(([p, x]) => Uint8Array.from([p, ...x])),
  fc.uint8Array({ minLength: 33, maxLength: 33 }),
  fc.tuple(fc.constantFrom(2, 3), fc.constantFrom(0n, P - 1n, P, 2n ** 256n - 1n).map(be32)).map(([p, x]) => Uint8Array.from([p, ...x])),
);

function agree(f: (b: Secp256k1Backend) => Uint8Array | undefined): void {
  expect(hex(f(native!))).toBe(hex(f(noble)));
}

describe("secp256k1 backends", () => {
  it("the native addon loads here (prebuilt for this platform)", () => {
    expect(native?.name).toBe("native");
  });
  it("publicKey agrees on every 32-byte scalar, refusing 0 and values from N on", () => {
    fc.assert(fc.property(scalar, (s) => agree((b) => b.publicKey(s))), { numRuns: RUNS });
  });
  it("recover agrees on signatures, valid or not, for every recovery id", () => {
    const rs = fc.oneof(
      fc.uint8Array({ minLength: 64, maxLength: 64 }),
      fc.tuple(scalar, scalar).map(([r, s]) => Uint8Array.from([...r, ...s])),
    );
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), rs, fc.integer({ min: 0, max: 3 }), (d, sig, recid) => agree((b) => b.recover(d, sig, recid))), {
      numRuns: RUNS,
    });
  });
  it("multiply (ECDH) and uncompress agree, refusing points off the curve", () => {
    fc.assert(
      fc.property(point, scalar, (p, s) => {
        agree((b) => b.multiply(p, s));
        agree((b) => b.uncompress(p));
      }),
      { numRuns: RUNS },
    );
  });
});
