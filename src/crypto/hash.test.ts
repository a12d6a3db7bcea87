// The protocol's hash functions on their standard test vectors ("abc": FIPS 180-2 for the SHA family,
// the RIPEMD-160 authors' page for ripemd160), and fc::hash160 = ripemd160(sha256(x)).
import { describe, expect, it } from "vitest";
import { bytesToHex } from "../codec/hex.js";
import { cryptoError, formatCryptoError } from "./errors.js";
import { hash160, ripemd160, sha1, sha224, sha256, sha512 } from "./hash.js";

const abc = new TextEncoder().encode("abc");

describe("hashes", () => {
  it("match the published vectors for \"abc\"", () => {
    expect(bytesToHex(sha1(abc))).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(bytesToHex(sha224(abc))).toBe("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
    expect(bytesToHex(sha256(abc))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(bytesToHex(sha512(abc))).toBe(
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    );
    expect(bytesToHex(ripemd160(abc))).toBe("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
  });
  it("hash160 is ripemd160 of sha256", () => {
    expect(bytesToHex(hash160(abc))).toBe(bytesToHex(ripemd160(sha256(abc))));
    expect(bytesToHex(hash160(abc))).not.toBe(bytesToHex(ripemd160(abc)));
  });
});

describe("formatCryptoError", () => {
  it("is the message followed by the rule", () => {
    expect(formatCryptoError(cryptoError("wif", "WIF checksum mismatch"))).toBe("WIF checksum mismatch (rule: wif)");
  });
});
