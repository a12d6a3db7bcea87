// Edges of reading keys and addresses from text as graphene does: WIF (utilities/key_conversion.cpp
// wif_to_key: at least 5 bytes, any version byte, checksum = 4 bytes of sha256 or of sha256(sha256) of the
// rest, key bytes zero-padded or cut to 32), fc's base58 skipping whitespace (isspace: space \t \n \v \f \r)
// before and after the digits, public keys and addresses (types.cpp, address.cpp: ripemd160 checksum,
// all 4 bytes compared) and PTS addresses (pts_address.cpp: sha256(sha256) checksum).
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import { bytesToHex, hexToBytes } from "../codec/hex.js";
import { base58Decode, base58Encode } from "./base58.js";
import { ripemd160, sha256 } from "./hash.js";
import { formatAddress, formatPtsAddress, formatPublicKey, parseAddress, parsePtsAddress, parsePublicKey } from "./key-format.js";
import { formatWif, generateSecret, isValidSecret, normalizeBrainKey, parseWif, ptsAddressOf, publicKeyOf } from "./keys.js";
import { N } from "./secp256k1.js";

const ruleOf = (e: E.Either<{ rule: string }, unknown>): string | undefined => (E.isLeft(e) ? e.left.rule : undefined);
const be32 = (x: bigint) => hexToBytes(x.toString(16).padStart(64, "0"));
const cat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
const FC_SPACE = " \t\n\v\f\r";
// bitshares-core's nathan key (tests/common/database_fixture.cpp: private key of sha256("nathan")).
const NATHAN_WIF = "5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD3";
const NATHAN = sha256(new TextEncoder().encode("nathan"));

/** base58 of body ‖ checksum(body)[0..4]. */
const wifOf = (body: Uint8Array, checksum: (b: Uint8Array) => Uint8Array = (b) => sha256(sha256(b))) => base58Encode(cat(body, checksum(body).subarray(0, 4)));
const secretHex = (w: string) => {
  const r = parseWif(w);
  return E.isRight(r) ? bytesToHex(r.right) : r.left.rule;
};

describe("parseWif", () => {
  it("reads the nathan key, with fc whitespace around it but not inside", () => {
    expect(secretHex(NATHAN_WIF)).toBe(bytesToHex(NATHAN));
    expect(formatWif(NATHAN)).toBe(NATHAN_WIF);
    expect(secretHex(FC_SPACE + NATHAN_WIF + FC_SPACE)).toBe(bytesToHex(NATHAN));
    expect(secretHex(" " + NATHAN_WIF)).toBe(bytesToHex(NATHAN));
    expect(secretHex(NATHAN_WIF + "\n")).toBe(bytesToHex(NATHAN));
    expect(secretHex(NATHAN_WIF.slice(0, 10) + " " + NATHAN_WIF.slice(10))).toBe("wif");
    expect(secretHex("\u00a0" + NATHAN_WIF)).toBe("wif");
  });
  it("accepts a single-sha256 checksum and any version byte", () => {
    expect(secretHex(wifOf(cat([0x80], NATHAN), sha256))).toBe(bytesToHex(NATHAN));
    expect(secretHex(wifOf(cat([0x00], NATHAN)))).toBe(bytesToHex(NATHAN));
    expect(secretHex(wifOf(cat([0xef], NATHAN), sha256))).toBe(bytesToHex(NATHAN));
  });
  it("refuses a checksum wrong in any one of its 4 bytes (both forms)", () => {
    const body = cat([0x80], NATHAN);
    for (const sum of [(b: Uint8Array) => sha256(sha256(b)), sha256])
      for (let i = 0; i < 4; i++) {
        const c = sum(body).subarray(0, 4).slice();
        c[i] = c[i]! ^ 0x40;
        expect(secretHex(base58Encode(cat(body, c))), `byte ${i}`).toBe("wif");
      }
  });
  it("pads short key bytes with zeros and cuts long ones to 32 (a compressed-key WIF's 0x01 suffix)", () => {
    expect(secretHex(wifOf(cat([0x80], NATHAN, [0x01])))).toBe(bytesToHex(NATHAN));
    expect(secretHex(wifOf(cat([0x80], [0xaa, 0xbb])))).toBe("aabb" + "00".repeat(30));
    expect(secretHex(wifOf(cat([0x80], NATHAN.subarray(0, 31))))).toBe(bytesToHex(NATHAN.subarray(0, 31)) + "00");
  });
  it("needs at least 5 bytes: a version byte and a checksum make the zero key", () => {
    expect(secretHex(wifOf(Uint8Array.of(0x80)))).toBe("00".repeat(32));
    expect(secretHex(base58Encode(Uint8Array.of(1, 2, 3, 4)))).toBe("wif");
    // Fewer than 5 bytes is refused before any checksum: not even 4 bytes that are the checksum of nothing.
    for (const sum of [sha256(new Uint8Array(0)), sha256(sha256(new Uint8Array(0)))]) expect(secretHex(base58Encode(sum.subarray(0, 4)))).toBe("wif");
    expect(secretHex("")).toBe("wif");
    expect(secretHex("0")).toBe("wif");
  });
});

describe("private keys", () => {
  it("isValidSecret is 32 bytes holding 1..n-1", () => {
    expect(isValidSecret(be32(1n))).toBe(true);
    expect(isValidSecret(be32(N - 1n))).toBe(true);
    expect(isValidSecret(be32(0n))).toBe(false);
    expect(isValidSecret(be32(N))).toBe(false);
    expect(isValidSecret(new Uint8Array(32).fill(0xff))).toBe(false);
    expect(isValidSecret(new Uint8Array(31).fill(1))).toBe(false);
    expect(isValidSecret(new Uint8Array(33).fill(1))).toBe(false);
  });
  it("generateSecret draws until a draw is a valid key", () => {
    const draws = [new Uint8Array(32), be32(N), new Uint8Array(32).fill(0xff), be32(N - 1n), be32(5n)];
    const sizes: number[] = [];
    const s = generateSecret((n) => {
      sizes.push(n);
      return draws.shift()!;
    });
    expect(bytesToHex(s)).toBe(bytesToHex(be32(N - 1n)));
    expect(sizes).toEqual([32, 32, 32, 32]);
    expect(isValidSecret(generateSecret())).toBe(true);
  });
  it("publicKeyOf refuses keys outside 1..n-1 and of another length", () => {
    for (const s of [be32(0n), be32(N), new Uint8Array(31).fill(1), new Uint8Array(33).fill(1)]) expect(ruleOf(publicKeyOf(s))).toBe("secret_key");
  });
});

describe("ptsAddressOf", () => {
  it("defaults to the compressed key and version 56 (PTS), as pts_address's constructor does", () => {
    const pub = publicKeyOf(NATHAN);
    const key = E.isRight(pub) ? pub.right : new Uint8Array(33);
    const byDefault = ptsAddressOf(key);
    expect(E.isRight(byDefault) && bytesToHex(byDefault.right)).toBe(E.isRight(ptsAddressOf(key, true, 56)) && bytesToHex((ptsAddressOf(key, true, 56) as E.Right<Uint8Array>).right));
    expect(E.isRight(byDefault) && byDefault.right[0]).toBe(56);
    expect(E.isRight(byDefault) && bytesToHex(byDefault.right)).not.toBe(bytesToHex((ptsAddressOf(key, false, 56) as E.Right<Uint8Array>).right));
  });
});

describe("normalizeBrainKey", () => {
  it("upper-cases exactly a..z and joins fc whitespace runs into one space", () => {
    expect(normalizeBrainKey("`az{@AZ[")).toBe("`AZ{@AZ[");
    expect(normalizeBrainKey("a\tb\rc\nd\ve\ff g")).toBe("A B C D E F G");
    expect(normalizeBrainKey(FC_SPACE + "x" + FC_SPACE + FC_SPACE + "y" + FC_SPACE)).toBe("X Y");
    expect(normalizeBrainKey(FC_SPACE)).toBe("");
    expect(normalizeBrainKey("x\u00a0y\u2003z")).toBe("X\u00a0Y\u2003Z");
  });
});

describe("public keys and addresses", () => {
  const key = publicKeyOf(NATHAN);
  const pub = E.isRight(key) ? key.right : new Uint8Array(33);
  const text = formatPublicKey(pub, "BTS");
  const parsed = (s: string, prefix = "BTS") => {
    const p = parsePublicKey(s, prefix);
    return p.ok ? bytesToHex(p.value) : p.rule;
  };

  it("nathan's public key reads back, with fc whitespace after the prefix and at the end", () => {
    expect(text).toBe("BTS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV");
    expect(parsed(text)).toBe(bytesToHex(pub));
    expect(parsed("BTS" + FC_SPACE + text.slice(3) + FC_SPACE)).toBe(bytesToHex(pub));
    expect(parsed(" " + text)).toBe("prefix");
    expect(parsed(text.slice(0, 20) + " " + text.slice(20))).toBe("base58");
  });
  it("the prefix alone, another prefix or none is the prefix rule; an empty prefix reads the bare body", () => {
    expect(parsed("BTS")).toBe("prefix");
    expect(parsed("")).toBe("prefix");
    expect(parsed("TEST" + text.slice(3))).toBe("prefix");
    expect(parsed(text.slice(3), "")).toBe(bytesToHex(pub));
    expect(parsed(text, "BT")).toBe("length"); // "S" is a base58 digit: the body is then one digit longer
  });
  it("a checksum wrong in any one of its 4 bytes is refused", () => {
    for (let i = 0; i < 4; i++) {
      const sum = ripemd160(pub).subarray(0, 4).slice();
      sum[i] = sum[i]! ^ 0x01;
      expect(parsed("BTS" + base58Encode(cat(pub, sum))), `byte ${i}`).toBe("checksum");
    }
  });
  it("addresses are 20 bytes with the same checksum", () => {
    const addr = ripemd160(pub);
    const s = formatAddress(addr, "BTS");
    const p = parseAddress(s, "BTS");
    expect(p.ok && bytesToHex(p.value)).toBe(bytesToHex(addr));
    const q = parseAddress(text, "BTS");
    expect(q.ok ? "" : q.rule).toBe("length");
    for (let i = 0; i < 4; i++) {
      const sum = ripemd160(addr).subarray(0, 4).slice();
      sum[i] = sum[i]! ^ 0x80;
      const r = parseAddress("BTS" + base58Encode(cat(addr, sum)), "BTS");
      expect(r.ok ? "" : r.rule, `byte ${i}`).toBe("checksum");
    }
  });
});

describe("PTS addresses", () => {
  const body = cat([56], ripemd160(sha256(hexToBytes("02" + "11".repeat(32)))));
  const good = cat(body, sha256(sha256(body)).subarray(0, 4));
  const parsed = (s: string) => {
    const p = parsePtsAddress(s);
    return p.ok ? bytesToHex(p.value) : p.rule;
  };
  it("read back with whitespace around them; every checksum byte counts; 25 bytes exactly", () => {
    const s = formatPtsAddress(good);
    expect(parsed(s)).toBe(bytesToHex(good));
    expect(parsed(FC_SPACE + s + FC_SPACE)).toBe(bytesToHex(good));
    for (let i = 21; i < 25; i++) {
      const bad = good.slice();
      bad[i] = bad[i]! ^ 0x08;
      expect(parsed(base58Encode(bad)), `byte ${i}`).toBe("checksum");
    }
    expect(parsed(base58Encode(good.subarray(0, 24)))).toBe("length");
    expect(parsed(base58Encode(cat(good, [0])))).toBe("length");
    expect(parsed(s.slice(0, 5) + "0" + s.slice(6))).toBe("base58");
  });
});

describe("base58", () => {
  it("refuses characters past the alphabet's ASCII range, including U+0080 and beyond", () => {
    for (const s of ["\u0080", "2\u0080", "\u00ff", "2\u0100", "\u{1F600}"]) expect(base58Decode(s), JSON.stringify(s)).toBeUndefined();
  });
  it("decodes the extreme digits: '1' is a zero byte, 'z' is 57", () => {
    expect(bytesToHex(base58Decode("z")!)).toBe("39");
    expect(bytesToHex(base58Decode("1z")!)).toBe("0039");
    expect(bytesToHex(base58Decode("11")!)).toBe("0000");
    expect(bytesToHex(base58Decode("21")!)).toBe("3a");
    expect(bytesToHex(base58Decode("")!)).toBe("");
    expect(base58Encode(Uint8Array.of(0x39))).toBe("z");
    expect(base58Encode(Uint8Array.of(0x3a))).toBe("21");
    expect(base58Encode(Uint8Array.of(0, 0))).toBe("11");
  });
  it("bitcoin's base58 test vectors (bitcoin/src/test/data/base58_encode_decode.json)", () => {
    const vectors: [string, string][] = [
      ["61", "2g"],
      ["626262", "a3gV"],
      ["636363", "aPEr"],
      ["73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"],
      ["00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"],
      ["516b6fcd0f", "ABnLTmg"],
      ["bf4f89001e670274dd", "3SEo3LWLoPntC"],
      ["572e4794", "3EFU7m"],
      ["ecac89cad93923c02321", "EJDM8drfXA6uyA"],
      ["10c8511e", "Rt5zm"],
      ["00000000000000000000", "1111111111"],
    ];
    for (const [hex, b58] of vectors) {
      expect(base58Encode(hexToBytes(hex))).toBe(b58);
      expect(bytesToHex(base58Decode(b58)!)).toBe(hex);
    }
  });
});
