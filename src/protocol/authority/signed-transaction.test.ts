// signed_transaction::verify_authority and get_required_signatures with real signatures: the keys are
// recovered from the signatures (get_signature_keys) before the authorities are checked. Scenarios from
// bitshares-core tests/tests/block_tests.cpp (double_sign_check) and authority_tests.cpp (bogus_signature,
// any_two_of_three).
import { either as E } from "fp-ts";
import { describe, expect, it } from "vitest";
import type { Operation } from "../../../generated/native-types.js";
import { fromJson, type Json } from "../../codec/index.js";
import { signTransaction } from "../../crypto/transaction.js";
import { comparePublicKeys } from "./ordering.js";
import { transactionRequiredSignatures, transactionSignatureKeys, verifyTransactionAuthority, type SignedTransactionWithOperations } from "./signed-transaction.js";
import { auth, err, lookups, ok, pub, same, secret, transfer, type Account } from "./test-helpers.js";
import { noCustomAuthorities } from "./types.js";

const CHAIN_ID = "4018d7844c78f6a6c41c6a552b898022310fc5dec06da467ee7905a8dad512c8"; // BitShares mainnet

function unsigned(operations: Operation[]): SignedTransactionWithOperations {
  const r = fromJson("signed_transaction", { ref_block_num: 1, ref_block_prefix: 2, expiration: "2030-01-01T00:00:00", operations: [], extensions: [], signatures: [] } as Json);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return { ...(r.right as SignedTransactionWithOperations), operations };
}

function sign(tx: SignedTransactionWithOperations, ...seeds: string[]): SignedTransactionWithOperations {
  const r = signTransaction(tx, CHAIN_ID, seeds.map(secret));
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

function verify(tx: SignedTransactionWithOperations, db: Record<string, Account>) {
  const { getActive, getOwner } = lookups(db);
  return verifyTransactionAuthority(tx, CHAIN_ID, getActive, getOwner, noCustomAuthorities);
}

describe("double_sign_check (block_tests.cpp)", () => {
  const [alice, bob] = ["1.2.17", "1.2.18"];
  const db = { [alice]: same(auth(1, [pub("alice"), 1])), [bob]: same(auth(1, [pub("bob"), 1])) };
  const tx = unsigned([transfer(bob, alice)]);
  it("not signing fails", () => expect(err(verify(tx, db)).exception).toBe("tx_missing_active_auth"));
  it("signing twice with one key is tx_duplicate_sig, naming the second signature", () =>
    expect(err(verify(sign(tx, "bob", "bob"), db))).toEqual({ exception: "tx_duplicate_sig", rule: "signed_transaction.signature_duplicate", field: "signatures[1]" }));
  it("an extra, unused key is tx_irrelevant_sig", () =>
    expect(err(verify(sign(tx, "bob", "bogus"), db))).toEqual({ exception: "tx_irrelevant_sig", rule: "verify_authority.irrelevant_signature", field: "signatures[1]" }));
  it("one signature of the proper key passes", () => expect(verify(sign(tx, "bob"), db)).toEqual(E.right(undefined)));
  it("the signing keys are recovered in signature order", () =>
    expect(ok(transactionSignatureKeys(sign(tx, "bogus", "bob"), CHAIN_ID))).toEqual([pub("bogus"), pub("bob")]));
});

describe("bogus_signature (authority_tests.cpp)", () => {
  const [alice, bob] = ["1.2.17", "1.2.18"];
  const db = { [alice]: same(auth(1, [pub("alice"), 1])), [bob]: same(auth(1, [pub("bob"), 1])) };
  it("a signature made before an operation was added recovers another key, so alice's authority is missing", () => {
    const signed = sign(unsigned([transfer(alice, bob)]), "alice");
    expect(verify(signed, db)).toEqual(E.right(undefined));
    const tampered = { ...signed, operations: [...signed.operations, transfer(alice, bob)] };
    expect(err(verify(tampered, db)).exception).toBe("tx_missing_active_auth");
    expect(verify(sign({ ...tampered, signatures: [] }, "alice"), db)).toEqual(E.right(undefined));
  });
  it("a signature with a header byte outside 27..34, or not canonical, is refused before any authority", () => {
    const signed = sign(unsigned([transfer(alice, bob)]), "alice");
    const sig = signed.signatures![0]!;
    expect(err(verify({ ...signed, signatures: ["00" + sig.slice(2)] }, db))).toEqual({ exception: "unspecified_exception", rule: "signed_transaction.signature_header", field: "signatures[0]" });
    // the high bit of r's first byte makes it non-canonical (fc is_canonical)
    const high = sig.slice(0, 2) + "80" + sig.slice(4);
    expect(err(verify({ ...signed, signatures: [high] }, db))).toEqual({ exception: "assert_exception", rule: "signed_transaction.signature_not_canonical", field: "signatures[0]" });
  });
});

describe("get_required_signatures of a partly signed transaction (any_two_of_three)", () => {
  const nathan = "1.2.17";
  const seeds = ["key1", "key2", "key3"];
  const keys = seeds.map(pub);
  const db = { [nathan]: same(auth(2, ...keys.map((k) => [k, 1] as const))) };
  // key_auths iterate by address: key3, key2, key1 for these keys (checked below)
  it("the keys' address order", () => expect([...keys].sort(comparePublicKeys)).toEqual([keys[2], keys[1], keys[0]]));
  it("with key3 (first by address) signed, key2 is the one more key needed", () => {
    const tx = sign(unsigned([transfer(nathan)]), "key3");
    const { getActive, getOwner } = lookups(db);
    expect(ok(transactionRequiredSignatures(tx, CHAIN_ID, keys, getActive, getOwner))).toEqual([keys[1]]);
    expect(verify(sign(tx, "key2"), db)).toEqual(E.right(undefined));
  });
  it("with key1 (last by address) signed, the threshold is met before key1 is reached: key3 and key2 are returned, and signing them makes key1's signature unnecessary", () => {
    const tx = sign(unsigned([transfer(nathan)]), "key1");
    const { getActive, getOwner } = lookups(db);
    expect(ok(transactionRequiredSignatures(tx, CHAIN_ID, keys, getActive, getOwner))).toEqual([keys[2], keys[1]]);
    expect(err(verify(sign(tx, "key3", "key2"), db))).toEqual({ exception: "tx_irrelevant_sig", rule: "verify_authority.irrelevant_signature", field: "signatures[0]" });
  });
});
