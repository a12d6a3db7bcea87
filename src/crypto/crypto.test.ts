// Known-answer tests of src/crypto: signatures observed from bitshares' secp256k1-zkp through fc's
// sign_compact, memo vectors from client libraries and bitshares-core, key formats from bitsharesjs.
import { readFileSync } from "node:fs";
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import { encode, fromJson } from "../codec/index.js";
import { bytesToHex, hexToBytes } from "../codec/hex.js";
import { parseJson } from "../codec/json-text.js";
import { blockHeaderDigest, blockId, blockNumFromId, chainIdOfGenesis, merkleRoot, referenceBlock, signatureDigest, transactionDigest, transactionId } from "./digests.js";
import { isCanonical, recoverCompact, signCompact } from "./ecdsa.js";
import { ripemd160 as ripemd, sha256, sha512 } from "./hash.js";
import { formatAddress, formatPublicKey, parsePublicKey } from "./key-format.js";
import { addressOf, brainKeySecret, formatWif, normalizeBrainKey, parseWif, ptsAddressOf, publicKeyOf, secretFromSeed } from "./keys.js";
import { decryptMemo, encryptMemo, plainMemo, sharedSecret } from "./memo.js";
import { backend, type BackendName, useBackend } from "./secp256k1.js";
import { signatureKeys, signTransaction } from "./transaction.js";

function right<L extends { message: string }, R>(e: E.Either<L, R>): R {
  if (E.isLeft(e)) throw new Error(e.left.message);
  return e.right;
}
const readVectors = (name: string) => right(parseJson(readFileSync(new URL(`../../conformance/vectors/crypto/${name}`, import.meta.url), "utf8"))) as never;
const utf8 = (s: string) => new TextEncoder().encode(s);
const pub = (s: string, prefix: string) => {
  const p = parsePublicKey(s, prefix);
  if (!p.ok) throw new Error(p.message);
  return p.value;
};
const wifSecret = (w: string) => right(parseWif(w));

const signatures = (readVectors("signatures.json") as { vectors: { secret: string; digest: string; signature: string; tries: number }[] }).vectors;
const memos = readVectors("memos.json") as {
  encryption: { id: string; prefix: string; nonce: string; plain: string; ciphertext: string; sender_wif: string; recipient_public?: string; recipient_wif?: string; expect?: string }[];
  shared_secrets: { id: string; prefix: string; wif: string; public: string; x_coordinate: string }[];
  memo_data: { id: string; sender_secret: string; recipient_secret: string; nonce: string; plain: string; memo_data_sha256?: string; memo_data_hex?: string }[];
};

const BACKENDS: BackendName[] = ["noble", "native"];

describe.each(BACKENDS)("with the %s backend", (name) => {
  it("is available", () => {
    expect(backend(name)).toBeDefined();
    useBackend(name);
  });

  it("signs as secp256k1-zkp does through fc's sign_compact, retries included", () => {
    useBackend(name);
    const cases = name === "noble" ? signatures.filter((v, i) => i < 12 || v.tries >= 9) : signatures;
    expect(cases.some((v) => v.tries >= 9)).toBe(true);
    for (const v of cases) {
      const sig = right(signCompact(hexToBytes(v.secret), hexToBytes(v.digest)));
      expect(bytesToHex(sig)).toBe(v.signature);
      expect(bytesToHex(right(recoverCompact(sig, hexToBytes(v.digest))))).toBe(bytesToHex(right(publicKeyOf(hexToBytes(v.secret)))));
    }
  });

  it("encrypts and decrypts memos as the client libraries' tests assert", () => {
    useBackend(name);
    for (const v of memos.encryption) {
      const sender = wifSecret(v.sender_wif);
      const recipient = v.recipient_public ? pub(v.recipient_public, v.prefix) : right(publicKeyOf(wifSecret(v.recipient_wif!)));
      const memo = { from: bytesToHex(right(publicKeyOf(sender))), to: bytesToHex(recipient), nonce: BigInt(v.nonce), message: v.ciphertext };
      const read = decryptMemo(sender, memo);
      if (v.expect) {
        expect(E.isLeft(read) && read.left.rule, v.id).toBe(v.expect);
        continue;
      }
      expect(right(read), v.id).toBe(v.plain);
      expect(right(encryptMemo(sender, recipient, BigInt(v.nonce), v.plain)).message, v.id).toBe(v.ciphertext);
      if (v.recipient_wif) expect(right(decryptMemo(wifSecret(v.recipient_wif), memo))).toBe(v.plain);
    }
  });

  it("derives ECDH secrets as sha512 of the shared point's x (python-bitshares test_shared_secret)", () => {
    useBackend(name);
    for (const v of memos.shared_secrets) {
      expect(bytesToHex(right(sharedSecret(wifSecret(v.wif), pub(v.public, v.prefix)))), v.id).toBe(bytesToHex(sha512(hexToBytes(v.x_coordinate))));
    }
  });

  it("makes memo_data byte for byte as bitshares-core's memo_test and Trust Wallet assert", () => {
    useBackend(name);
    for (const v of memos.memo_data) {
      const to = right(publicKeyOf(hexToBytes(v.recipient_secret)));
      const memo = right(encryptMemo(hexToBytes(v.sender_secret), to, BigInt(v.nonce), v.plain));
      const packed = right(encode("memo_data", memo));
      if (v.memo_data_sha256) expect(bytesToHex(sha256(packed)), v.id).toBe(v.memo_data_sha256);
      if (v.memo_data_hex) expect(bytesToHex(packed), v.id).toBe(v.memo_data_hex);
      expect(right(decryptMemo(hexToBytes(v.recipient_secret), memo))).toBe(v.plain);
    }
  });
});

describe("memos", () => {
  const alice = secretFromSeed("alice"), bob = secretFromSeed("bob"), eve = secretFromSeed("eve");
  const memo = right(encryptMemo(alice, right(publicKeyOf(bob)), 42n, "hi"));
  it("a wrong key or a corrupted message is a typed error", () => {
    expect(E.isLeft(decryptMemo(eve, memo)) && (decryptMemo(eve, memo) as E.Left<{ rule: string }>).left.rule).toBe("memo_keys");
    const flipped = { ...memo, message: memo.message.slice(0, -2) + ((parseInt(memo.message.slice(-2), 16) ^ 1).toString(16).padStart(2, "0")) };
    const bad = decryptMemo(bob, flipped);
    expect(E.isLeft(bad) && ["memo_ciphertext", "memo_checksum"].includes(bad.left.rule)).toBe(true);
    const wrongNonce = decryptMemo(bob, { ...memo, nonce: 43n });
    expect(E.isLeft(wrongNonce) && ["memo_ciphertext", "memo_checksum"].includes(wrongNonce.left.rule)).toBe(true);
    expect((decryptMemo(bob, { ...memo, message: "abc" }) as E.Left<{ rule: string }>).left.rule).toBe("memo_ciphertext");
  });
  it("a memo without keys is its text in the clear (memo_data::set_message)", () => {
    const m = plainMemo("open");
    expect(m.message).toBe("00000000" + bytesToHex(utf8("open")));
    expect(right(decryptMemo(eve, m))).toBe("open");
  });
});

describe("keys", () => {
  it("WIF round-trips and follows graphene's wif_to_key at the edges", () => {
    const secret = sha256(utf8("wif"));
    const wif = formatWif(secret);
    expect(bytesToHex(wifSecret(wif))).toBe(bytesToHex(secret));
    // bitshares-core's nathan key (tests/common, genesis of the test net).
    expect(bytesToHex(right(publicKeyOf(wifSecret("5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD3")))))
      .toBe(bytesToHex(pub("BTS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV", "BTS")));
  });
  it("rejects WIFs whose base58, length or checksum is wrong, with a typed error", () => {
    const wif = formatWif(sha256(utf8("x")));
    for (const bad of ["", "0OIl", "1111", wif.slice(0, -1) + (wif.endsWith("1") ? "2" : "1")]) {
      const r = parseWif(bad);
      expect(E.isLeft(r) && r.left.rule, bad).toBe("wif");
    }
    expect((publicKeyOf(new Uint8Array(32)) as E.Left<{ rule: string }>).left.rule).toBe("secret_key");
  });
  it("bitsharesjs PrivateKey.fromSeed(\"1\") (test/ecc/Crypto.js)", () => {
    expect(formatPublicKey(right(publicKeyOf(secretFromSeed("1"))), "CBA")).toBe("CBA8m5UgaFAAYQRuaNejYdS8FVLVp9Ss3K1qAVk5de6F8s3HnVbvA");
  });
  it("sha256 of a shared secret as bitsharesjs's Derivation test checked against witness_node (test/ecc/Crypto.js)", () => {
    const s = right(sharedSecret(hexToBytes("8fdfdde486f696fd7c6313325e14d3ff0c34b6e2c390d1944cbfe150f4457168"), pub("CBA7vbxtK1WaZqXsiCHPcjVFBewVj8HFRd5Z5XZDpN6Pvb2dZcMqK", "CBA")));
    expect(bytesToHex(sha256(s))).toBe("1f296fa48172d9af63ef3fb6da8e369e6cc33c1fb7c164207a3549b39e8ef698");
  });
  it("graphene address of bitsharesjs's delegate0 key (test/ecc/KeyFormats.js)", () => {
    const key = pub("CBA7jDPoMwyjVH5obFmqzFNp4Ffp7G2nvC7FKFkrMBpo7Sy4uq5Mj", "CBA");
    expect(formatAddress(addressOf(key), "CBA")).toBe("CBA8DvGQqzbgCR5FHiNsFf8kotEXr8VKD3mR");
    expect(bytesToHex(right(publicKeyOf(hexToBytes("20991828d456b389d0768ed7fb69bf26b9bb87208dd699ef49f10481c20d3e18"))))).toBe(bytesToHex(key));
    expect(formatWif(hexToBytes("20991828d456b389d0768ed7fb69bf26b9bb87208dd699ef49f10481c20d3e18"))).toBe("5J4eFhjREJA7hKG6KcvHofHMXyGQZCDpQE463PAaKo9xXY6UDPq");
  });
  it("a public key string off the curve parses (fc checks no point) but cannot be used for ECDH or uncompressed addresses", () => {
    const off = Uint8Array.from([0x02, ...new Uint8Array(32).fill(0xff)]); // x >= p
    const text = formatPublicKey(off, "BTS");
    expect(bytesToHex(pub(text, "BTS"))).toBe(bytesToHex(off));
    expect((sharedSecret(secretFromSeed("a"), off) as E.Left<{ rule: string }>).left.rule).toBe("public_key");
    expect((ptsAddressOf(off, false) as E.Left<{ rule: string }>).left.rule).toBe("public_key");
    expect(E.isRight(ptsAddressOf(off, true))).toBe(true);
  });
  it("normalizes brain keys as cli_wallet's normalize_brain_key", () => {
    expect(normalizeBrainKey("  fox \t jumps\n\nover \u000b the\fdog ")).toBe("FOX JUMPS OVER THE DOG");
    expect(normalizeBrainKey("ça\u00a0va")).toBe("çA\u00a0VA"); // only ASCII letters change; NBSP is not fc whitespace
    expect(normalizeBrainKey("")).toBe("");
    expect(bytesToHex(brainKeySecret("fox jumps", 3))).toBe(bytesToHex(sha256(sha512(utf8("FOX JUMPS 3")))));
  });
});

describe("signatures", () => {
  it("fc's canonical rule is DER encoding r and s in exactly 32 bytes each", () => {
    const sig = (r0: number, r1: number, s0: number, s1: number) => {
      const b = new Uint8Array(65);
      b[0] = 31;
      [b[1], b[2], b[33], b[34]] = [r0, r1, s0, s1];
      return b;
    };
    expect(isCanonical(sig(0x7f, 0, 0x01, 0))).toBe(true);
    expect(isCanonical(sig(0x80, 0, 0x01, 0))).toBe(false);
    expect(isCanonical(sig(0x00, 0x80, 0x01, 0))).toBe(true);
    expect(isCanonical(sig(0x00, 0x7f, 0x01, 0))).toBe(false);
    expect(isCanonical(sig(0x01, 0, 0x00, 0x7f))).toBe(false);
  });
  it("recovery checks the header byte, canonical form and length, with typed errors", () => {
    const v = signatures[0]!;
    const sig = hexToBytes(v.signature);
    const d = hexToBytes(v.digest);
    const rule = (s: Uint8Array, c = true) => (recoverCompact(s, d, c) as E.Left<{ rule: string }>).left?.rule;
    expect(rule(Uint8Array.from([26, ...sig.subarray(1)]))).toBe("signature_header");
    expect(rule(Uint8Array.from([35, ...sig.subarray(1)]))).toBe("signature_header");
    expect(rule(sig.subarray(1))).toBe("signature_length");
    const high = sig.slice();
    high[1] = 0x80 | high[1]!;
    expect(rule(high)).toBe("signature_not_canonical");
    const zero = new Uint8Array(65);
    zero[0] = 31;
    expect(rule(zero, false)).toBe("signature_invalid");
  });
});

describe("transactions and blocks", () => {
  // python-bitshares tests/test_transactions.py Testcases.test_transfer, signed for the BTS main net.
  const file = right(parseJson(readFileSync(new URL("../../conformance/vectors/codec/client-libraries.json", import.meta.url), "utf8"))) as {
    vectors: { id: string; json: unknown }[];
  };
  const txJson = file.vectors.find((v) => v.id === "pybts-master:test_transfer")!.json;
  const tx = right(fromJson("signed_transaction", txJson as never)) as { signatures: string[] };
  const MAINNET = "4018d7844c78f6a6c41c6a552b898022310fc5dec06da467ee7905a8dad512c8";

  it("the memo of that test decrypts with the key the test used (nathan), and re-encrypts to its bytes", () => {
    // The test's signature itself is not asserted by the test (only hex[:-130]), so it is not a vector.
    const nathan = wifSecret("5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD3");
    const memo = (tx as unknown as { operations: [number, { memo: { from: string; to: string; nonce: bigint; message: string } }][] }).operations[0]![1].memo;
    expect(right(decryptMemo(nathan, memo))).toBe("abcdefgABCDEFG0123456789");
    expect(right(encryptMemo(nathan, hexToBytes(memo.to), memo.nonce, "abcdefgABCDEFG0123456789")).message).toBe(memo.message);
  });
  it("signing appends fc's signature; verifying recovers the signers; duplicates are refused", () => {
    const nathan = wifSecret("5KQwrPbwdL6PhXujxW37FSSQZ1JiwsST4cqQzDeyXtP79zkvFD3");
    const other = secretFromSeed("other");
    const signed = right(signTransaction({ ...tx, signatures: [] }, MAINNET, [nathan, other]));
    expect(signed.signatures).toHaveLength(2);
    const digest = right(signatureDigest(tx, MAINNET));
    expect(signed.signatures[0]).toBe(bytesToHex(right(signCompact(nathan, digest))));
    expect(right(signatureKeys(signed, MAINNET))).toEqual([nathan, other].map((s) => bytesToHex(right(publicKeyOf(s)))));
    const dup = signatureKeys({ ...signed, signatures: [signed.signatures[0]!, signed.signatures[0]!] }, MAINNET);
    expect(E.isLeft(dup) && [dup.left.rule, (dup.left as { index?: number }).index]).toEqual(["signature_duplicate", 1]);
  });
  it("digest, id and signature digest are sha256 of the packed transaction (with the chain id first)", () => {
    const packed = right(encode("transaction", tx));
    expect(right(transactionDigest(tx))).toBe(bytesToHex(sha256(packed)));
    expect(right(transactionId(tx))).toBe(bytesToHex(sha256(packed)).slice(0, 40));
    expect(bytesToHex(right(signatureDigest(tx, MAINNET)))).toBe(bytesToHex(sha256(Uint8Array.from([...hexToBytes(MAINNET), ...packed]))));
    expect(E.isLeft(signatureDigest(tx, "00"))).toBe(true);
  });
  it("block ids carry the block number; the merkle root pairs sha256 digests and ends in ripemd160", () => {
    const header = { previous: "0000002a" + "11".repeat(16), timestamp: 1000, witness: "1.6.1", transaction_merkle_root: "00".repeat(20), extensions: [], witness_signature: "22".repeat(65) };
    const id = right(blockId(header));
    expect(id.slice(0, 8)).toBe("0000002b");
    expect(blockNumFromId(id)).toBe(43);
    expect(right(blockHeaderDigest(header))).toBe(bytesToHex(sha256(right(encode("block_header", header)))));
    expect(right(merkleRoot([]))).toBe("00".repeat(20));
    const ptx = { ...tx, operation_results: [[0, {}]] };
    const leaf = sha256(right(encode("processed_transaction", ptx)));
    expect(right(merkleRoot([ptx]))).toBe(bytesToHex(ripemd(leaf)));
    const three = [ptx, { ...ptx, ref_block_num: 1 }, { ...ptx, ref_block_num: 2 }];
    const [a, b, c] = three.map((t) => sha256(right(encode("processed_transaction", t))));
    expect(right(merkleRoot(three))).toBe(bytesToHex(ripemd(sha256(Uint8Array.from([...sha256(Uint8Array.from([...a!, ...b!])), ...c!])))));
    expect(referenceBlock("0000086bf9e7704509aa41311a66fa0a1b479c6b")).toEqual({ ref_block_num: 2155, ref_block_prefix: 1165027321 });
  });
  it("the chain id of a genesis is sha256 of its file's bytes", () => {
    expect(chainIdOfGenesis("{}")).toBe(bytesToHex(sha256(utf8("{}"))));
  });
});

