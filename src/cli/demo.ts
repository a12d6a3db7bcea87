// btsref demo: the README's first command until the node exists. Encodes a sample signed transaction,
// decodes the bytes back and checks that the JSON survives the round trip.
import { either as E } from "fp-ts";
import { bytesToJson, formatCodecError, jsonToBytes, type Json } from "../codec/index.js";
import { bytesToHex } from "../codec/hex.js";
import { stringifyJson } from "../codec/json-text.js";
import { CliError } from "./io.js";

/**
 * A signed transfer with an encrypted memo: python-bitshares tests/test_transactions.py,
 * Testcases.test_transfer (commit 196678b), also in conformance/vectors/codec/client-libraries.json.
 */
const SAMPLE: Json = {
  ref_block_num: 34294,
  ref_block_prefix: 3707022213,
  expiration: "2016-04-06T08:29:27",
  operations: [
    [
      0,
      {
        fee: { amount: 0, asset_id: "1.3.0" },
        from: "1.2.0",
        to: "1.2.1",
        amount: { amount: 1000000, asset_id: "1.3.4" },
        memo: {
          from: "BTS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV",
          to: "BTS6MRyAjQq8ud7hVNYcfnVPJqcVpscN5So8BhtHuGYqET5GDW5CV",
          nonce: "5862723643998573708",
          message: "fa5b6e83079a878e499e2e52a76a7739e9de40986a8e3bd8a68ce316cee50b21",
        },
        extensions: [],
      },
    ],
  ],
  extensions: [],
  signatures: ["1f39e3fa7071b795491e3b6851d61e7c959be92cc7deb5d8491cf1c3c8c99a1eb44553c348fb8f5001a78b18233ac66727e32fc776d48e92d9639d64f68e641948"],
};

/** The bytes that test asserts. */
const SAMPLE_HEX =
  "f68585abf4dce7c804570100000000000000000000000140420f0000000000040102c0ded2bc1f1305fb0faac5e6c03ee3a1924234985427b6167ca569d13df435cf02c0ded2bc1f1305fb0faac5e6c03ee3a1924234985427b6167ca569d13df435cf8c94d19817945c5120fa5b6e83079a878e499e2e52a76a7739e9de40986a8e3bd8a68ce316cee50b210000011f39e3fa7071b795491e3b6851d61e7c959be92cc7deb5d8491cf1c3c8c99a1eb44553c348fb8f5001a78b18233ac66727e32fc776d48e92d9639d64f68e641948";

export function demoCommand(): string {
  const bytes = jsonToBytes("signed_transaction", SAMPLE);
  if (E.isLeft(bytes)) throw new CliError(formatCodecError(bytes.left));
  const back = bytesToJson("signed_transaction", bytes.right);
  if (E.isLeft(back)) throw new CliError(formatCodecError(back.left));
  const same = stringifyJson(back.right) === stringifyJson(SAMPLE);
  const asserted = bytesToHex(bytes.right) === SAMPLE_HEX;
  return [
    "btsref demo: a signed_transaction through the fc::raw codec",
    `json:    ${stringifyJson(SAMPLE)}`,
    `bytes:   ${bytesToHex(bytes.right)} (${bytes.right.length} bytes)`,
    `decoded: ${stringifyJson(back.right)}`,
    asserted ? "bytes: as python-bitshares asserts" : "bytes: NOT as python-bitshares asserts",
    same ? "round trip: identical" : "round trip: DIFFERENT",
  ].join("\n");
}
