// How src/crypto/secp256k1.ts picks its backend (README: "BTSREF_SECP256K1=noble|native chooses", native by
// default when the addon loads), and the contract both backends share for inputs they must refuse. Each
// case loads a fresh copy of the module, since the choice is made once per process.
import { afterEach, describe, expect, it, vi } from "vitest";
import { bytesToHex, hexToBytes } from "../codec/hex.js";

type Module = typeof import("./secp256k1.js");
const saved = process.env.BTSREF_SECP256K1;

async function fresh(env: string | undefined): Promise<Module> {
  if (env === undefined) delete process.env.BTSREF_SECP256K1;
  else process.env.BTSREF_SECP256K1 = env;
  vi.resetModules();
  return (await import("./secp256k1.js")) as Module;
}

afterEach(() => {
  if (saved === undefined) delete process.env.BTSREF_SECP256K1;
  else process.env.BTSREF_SECP256K1 = saved;
  vi.resetModules();
});

describe("backend choice", () => {
  it("BTSREF_SECP256K1=noble and =native choose that backend; unset, the native addon when it loads", async () => {
    expect((await fresh("noble")).secp256k1().name).toBe("noble");
    expect((await fresh("native")).secp256k1().name).toBe("native");
    const m = await fresh(undefined);
    expect(m.native()?.name).toBe("native"); // the addon is prebuilt for this platform
    expect(m.secp256k1().name).toBe("native");
  });
  it("any other value is refused, and the choice is kept once made", async () => {
    for (const bad of ["", "NOBLE", "js", "native "]) {
      const m = await fresh(bad);
      expect(() => m.secp256k1(), JSON.stringify(bad)).toThrow(/BTSREF_SECP256K1/);
    }
    const m = await fresh("noble");
    expect(m.secp256k1().name).toBe("noble");
    process.env.BTSREF_SECP256K1 = "native";
    expect(m.secp256k1().name).toBe("noble");
  });
  it("useBackend switches the backend in use; backend(name) gives either without switching", async () => {
    const m = await fresh("noble");
    expect(m.backend("noble")?.name).toBe("noble");
    expect(m.backend("native")?.name).toBe("native");
    expect(m.secp256k1().name).toBe("noble");
    m.useBackend("native");
    expect(m.secp256k1().name).toBe("native");
    m.useBackend("noble");
    expect(m.secp256k1().name).toBe("noble");
    expect(m.native()).toBe(m.backend("native")); // loaded once
  });
});

describe("what both backends refuse", () => {
  const G = "0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"; // the generator, compressed
  it("scalars that are not 32 bytes in 1..n-1, for publicKey and multiply", async () => {
    const m = await fresh(undefined);
    const N = m.N;
    const be32 = (x: bigint) => hexToBytes(x.toString(16).padStart(64, "0"));
    for (const name of ["noble", "native"] as const) {
      const b = m.backend(name)!;
      for (const s of [new Uint8Array(32), be32(N), be32(N + 1n), new Uint8Array(31).fill(1), new Uint8Array(33).fill(1)]) {
        expect(b.publicKey(s), `${name} publicKey`).toBeUndefined();
        expect(b.multiply(hexToBytes(G), s), `${name} multiply`).toBeUndefined();
      }
      expect(bytesToHex(b.publicKey(be32(1n))!)).toBe(G);
      expect(bytesToHex(b.multiply(hexToBytes(G), be32(N - 1n))!)).toBe("03" + G.slice(2));
    }
  });
  it("points that are not 33-byte compressed curve points, for multiply and uncompress", async () => {
    const m = await fresh(undefined);
    const one = hexToBytes("00".repeat(31) + "01");
    for (const name of ["noble", "native"] as const) {
      const b = m.backend(name)!;
      for (const p of [hexToBytes(G).subarray(1), new Uint8Array(0), hexToBytes("05" + G.slice(2)), hexToBytes("02" + "ff".repeat(32))]) {
        expect(b.multiply(p, one), `${name} multiply ${bytesToHex(p)}`).toBeUndefined();
        expect(b.uncompress(p), `${name} uncompress ${bytesToHex(p)}`).toBeUndefined();
      }
      expect(bytesToHex(b.uncompress(hexToBytes(G))!).slice(0, 66)).toBe("04" + G.slice(2));
    }
  });
});
