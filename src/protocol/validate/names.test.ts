// is_valid_name, is_cheap_name (account.cpp) and is_valid_symbol (asset_ops.cpp): the cases of
// bitshares-core's tests, and agreement with byte-level re-derivations of the C++ loops on random strings.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCheapName, isValidName } from "./names.js";
import { isValidSymbol } from "./symbols.js";

const RUNS = Number(process.env.BTSREF_RUNS ?? 1000);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const lower = (b: number): boolean => b >= 0x61 && b <= 0x7a;
const upper = (b: number): boolean => b >= 0x41 && b <= 0x5a;
const digit = (b: number): boolean => b >= 0x30 && b <= 0x39;

/** is_valid_name re-derived over the UTF-8 bytes, label by label, without regular expressions. */
function referenceIsValidName(name: string): boolean {
  const b = bytes(name);
  if (b.length < 1 || b.length > 63) return false;
  let begin = 0;
  for (let end = 0; end <= b.length; end++) {
    if (end < b.length && b[end] !== 0x2e) continue;
    if (end - begin < 1) return false;
    if (!lower(b[begin]!)) return false;
    if (!lower(b[end - 1]!) && !digit(b[end - 1]!)) return false;
    for (let i = begin + 1; i < end - 1; i++) if (!lower(b[i]!) && !digit(b[i]!) && b[i] !== 0x2d) return false;
    begin = end + 1;
  }
  return true;
}

/** is_cheap_name over the bytes. */
function referenceIsCheapName(name: string): boolean {
  let vowel = false;
  for (const c of bytes(name)) {
    if (digit(c) || c === 0x2e || c === 0x2d || c === 0x2f) return true;
    if ([0x61, 0x65, 0x69, 0x6f, 0x75, 0x79].includes(c)) vowel = true;
  }
  return !vowel;
}

/** is_valid_symbol over the bytes, with the "C" locale's isalpha / isalnum / isupper / isdigit. */
function referenceIsValidSymbol(symbol: string): boolean {
  const b = bytes(symbol);
  if (b.length < 3) return false;
  if (b[0] === 0x42 && b[1] === 0x49 && b[2] === 0x54) return false;
  if (b.length > 16) return false;
  if (!lower(b[0]!) && !upper(b[0]!)) return false;
  const last = b[b.length - 1]!;
  if (!lower(last) && !upper(last) && !digit(last)) return false;
  let dots = 0;
  for (const c of b) {
    if (upper(c) || digit(c)) continue;
    if (c === 0x2e && dots++ === 0) continue;
    return false;
  }
  return true;
}

describe("isValidName", () => {
  // tests/tests/basic_tests.cpp valid_name_test
  it.each([
    "a", "aa", "a0", "aaa", "a0a", "a.a", "a-a", "aa0", "a00", "a-0", "aaa-bbb-ccc", "aaa-bbb.ccc", "aaa.bbb-ccc", "aaa.bbb.ccc",
    "aaa--bbb--ccc", "xn--sandmnnchen-p8a.de", "xn--sandmnnchen-p8a.dex", "xn-sandmnnchen-p8a.de", "xn-sandmnnchen-p8a.dex",
    "this-label-has-less-than-64-char.acters-63-to-be-really-precise",
  ])("valid_name_test accepts %j", (name) => {
    expect(isValidName(name)).toBe(true);
  });

  it.each([
    "A", "0", ".", "-", "aA", "a.", "a-", "aAa", "aA0", "a.0", "aaa,bbb-ccc", "aaa_bbb-ccc", "aaa-BBB-ccc", "1aaa-bbb", "-aaa-bbb-ccc",
    ".aaa-bbb-ccc", "/aaa-bbb-ccc", "aaa-bbb-ccc-", "aaa-bbb-ccc.", "aaa-bbb-ccc..", "aaa-bbb-ccc/", "aaa..bbb-ccc",
    "this-label-has-more-than-63-char.act.ers-64-to-be-really-precise",
    "none.of.these.labels.has.more.than-63.chars--but.still.not.valid",
  ])("valid_name_test refuses %j", (name) => {
    expect(isValidName(name)).toBe(false);
  });

  // tests/tests/operation_tests.cpp create_account_test: names account_create refuses
  it.each(["!", "Sam", "saM", "sAm", "6j", "j-", "-j", "a".repeat(120), "aaaa.", ".aaaa"])("create_account_test refuses %j", (name) => {
    expect(isValidName(name)).toBe(false);
  });

  it("refuses the empty name, non-ASCII letters and an embedded NUL; 63 characters is the limit", () => {
    for (const name of ["", "é", "aé", "a\u0000b", "a\nb", "a".repeat(64)]) expect(isValidName(name)).toBe(false);
    expect(isValidName("a".repeat(63))).toBe(true);
    expect(isValidName(`${"a".repeat(31)}.${"b".repeat(31)}`)).toBe(true);
  });

  const nameChars = fc.constantFrom(..."abcz09-.A/_é\u0000".split(""));
  const label = fc.tuple(fc.constantFrom(..."abcxyz0-".split("")), fc.string({ unit: fc.constantFrom(..."abq09-".split("")), maxLength: 12 }))
    .map(([a, b]) => a + b);
  const names = fc.oneof(
    fc.string({ unit: nameChars, maxLength: 70 }),
    fc.array(label, { minLength: 1, maxLength: 6 }).map((ls) => ls.join(".")),
    fc.string({ unit: "binary", maxLength: 20 }),
  );

  it("agrees with the byte-level re-derivation on random strings", () => {
    let valid = 0;
    fc.assert(
      fc.property(names, (name) => {
        const v = isValidName(name);
        if (v) valid++;
        expect(v).toBe(referenceIsValidName(name));
      }),
      { numRuns: RUNS },
    );
    // The generator must reach both answers for the agreement to mean something.
    expect(valid).toBeGreaterThan(RUNS / 20);
  });

  it("isCheapName agrees with the byte-level re-derivation", () => {
    fc.assert(
      fc.property(names, (name) => {
        expect(isCheapName(name)).toBe(referenceIsCheapName(name));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("isCheapName", () => {
  // account_create_operation::calculate_fee charges the premium fee for names that are not cheap.
  it.each([
    ["alice", false], ["bob", false], ["xyz", false], ["nathan", false], ["a", false],
    ["bcd", true], ["alice1", true], ["al-ice", true], ["al.ice", true], ["al/ice", true], ["", true], ["tttt", true],
  ] as const)("%j is cheap: %s", (name, cheap) => {
    expect(isCheapName(name)).toBe(cheap);
  });
});

describe("isValidSymbol", () => {
  // tests/tests/basic_tests.cpp valid_symbol_test
  it.each(["AAA", "A0A", "A.A", "AAAAAAAAAAAAAAAA", "A.AAAAAAAAAAAAAA", "AAA000AAA"])("valid_symbol_test accepts %j", (s) => {
    expect(isValidSymbol(s)).toBe(true);
  });

  it.each(["A", "a", "0", ".", "AA", "Aa", "A0", "A.", "AaA", "A..A", "A.A.", "A.A.A", "AAAAAAAAAAAAAAAAA", "A.AAAAAAAAAAAA.A"])(
    "valid_symbol_test refuses %j",
    (s) => {
      expect(isValidSymbol(s)).toBe(false);
    },
  );

  // tests/tests/operation_tests.cpp create_uia: symbols asset_create refuses
  it.each(["A", "qqq", "11", ".AAA", "AAA.", "AB CD", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"])("create_uia refuses %j", (s) => {
    expect(isValidSymbol(s)).toBe(false);
  });

  it("refuses the BIT prefix, a leading digit or dot, lowercase inside and non-ASCII", () => {
    for (const s of ["BITUSD", "BIT", "BIT.A", "1AB", ".AB", "AbC", "ABÉ", "ÉAB", "AB\u0000"]) expect(isValidSymbol(s)).toBe(false);
    for (const s of ["BTS", "BI.T", "BITS".slice(1), "USD.BIT", "B1T"]) expect(isValidSymbol(s)).toBe(true);
  });

  const symbolChars = fc.constantFrom(..."ABITZ09.a é".split(""));
  const symbols = fc.oneof(
    fc.string({ unit: symbolChars, maxLength: 20 }),
    fc.tuple(fc.constantFrom(..."ABZ".split("")), fc.string({ unit: fc.constantFrom(..."AZ09.".split("")), maxLength: 16 })).map(([a, b]) => a + b),
    fc.string({ unit: "binary", maxLength: 18 }),
  );

  it("agrees with the byte-level re-derivation on random strings", () => {
    let valid = 0;
    fc.assert(
      fc.property(symbols, (s) => {
        const v = isValidSymbol(s);
        if (v) valid++;
        expect(v).toBe(referenceIsValidSymbol(s));
      }),
      { numRuns: RUNS },
    );
    expect(valid).toBeGreaterThan(RUNS / 20);
  });
});
