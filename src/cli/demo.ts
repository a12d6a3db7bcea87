// btsref demo: the README's first command until the node exists. Encodes a sample signed transaction,
// decodes the bytes back and checks that the JSON survives the round trip.
import { either as E } from "fp-ts";
import { bytesToJson, formatCodecError, jsonToBytes, type Json } from "../codec/index.js";
import { bytesToHex } from "../codec/hex.js";
import { stringifyJson } from "../codec/json-text.js";
import { CliError } from "./io.js";

/** A transfer of 1000 BTS from 1.2.29 to 1.2.11 with its signature (python-bitshares, tests/test_transactions.py, test_Transfer). */
const SAMPLE: Json = {
  ref_block_num: 34294,
  ref_block_prefix: 3707022213,
  expiration: "2016-04-06T08:29:27",
  operations: [
    [0, { fee: { amount: 100, asset_id: "1.3.0" }, from: "1.2.29", to: "1.2.11", amount: { amount: 100000000, asset_id: "1.3.0" }, extensions: [] }],
  ],
  extensions: [],
  signatures: [],
};

export function demoCommand(): string {
  const bytes = jsonToBytes("signed_transaction", SAMPLE);
  if (E.isLeft(bytes)) throw new CliError(formatCodecError(bytes.left));
  const back = bytesToJson("signed_transaction", bytes.right);
  if (E.isLeft(back)) throw new CliError(formatCodecError(back.left));
  const same = stringifyJson(back.right) === stringifyJson(SAMPLE);
  return [
    "btsref demo: a signed_transaction through the fc::raw codec",
    `json:    ${stringifyJson(SAMPLE)}`,
    `bytes:   ${bytesToHex(bytes.right)} (${bytes.right.length} bytes)`,
    `decoded: ${stringifyJson(back.right)}`,
    same ? "round trip: identical" : "round trip: DIFFERENT",
  ].join("\n");
}
