// btsref key | tx | memo: keys, transaction digests and signatures, and memos from the command line.
import { parseArgs } from "node:util";
import { either as E } from "fp-ts";
import { DEFAULT_PREFIX, formatCodecError, fromJson, toJson, type CodecError } from "../codec/index.js";
import { bytesToHex, hexToBytes } from "../codec/hex.js";
import { parseJson, stringifyJson } from "../codec/json-text.js";
import { signatureDigest, transactionId } from "../crypto/digests.js";
import { formatCryptoError, type CryptoError } from "../crypto/errors.js";
import { formatAddress, formatPublicKey, parsePublicKey } from "../crypto/key-format.js";
import { addressOf, brainKeySecret, formatWif, generateSecret, normalizeBrainKey, parseWif, publicKeyOf } from "../crypto/keys.js";
import { decryptMemo, encryptMemo, type MemoData } from "../crypto/memo.js";
import { signatureKeys, signTransaction } from "../crypto/transaction.js";
import { CliError, readInput, usage } from "./io.js";

export const CRYPTO_USAGE = `  btsref key from-wif <wif> [--prefix BTS]                          public key and address of a private key
  btsref key from-brain "<words>" [--sequence n] [--prefix BTS]       key n of a brain key (cli_wallet's derivation)
  btsref key new [--prefix BTS]                                      a new random private key
  btsref tx digest --chain-id <hex> [--file f]                       the digest signatures sign (transaction JSON on stdin)
  btsref tx id [--file f]                                            the transaction id
  btsref tx sign --chain-id <hex> --wif <wif> [--wif ...] [--file f] signed transaction JSON on stdout
  btsref tx verify --chain-id <hex> [--prefix BTS] [--file f]        the public keys that signed it
  btsref memo encrypt --wif <wif> --to <public key> [--nonce n] [<text>]   memo_data JSON (text from stdin if absent)
  btsref memo decrypt --wif <wif> [--file f]                          the text of memo_data JSON on stdin`;

type Failure = CodecError | CryptoError;

function orFail<T>(r: E.Either<Failure, T>): T {
  if (E.isRight(r)) return r.right;
  const e = r.left;
  const index = "index" in e ? ` (signature ${String((e as { index: number }).index)})` : "";
  throw new CliError((e._tag === "CodecError" ? formatCodecError(e) : formatCryptoError(e)) + index);
}

function keyJson(secret: Uint8Array, prefix: string): Record<string, string> {
  const pub = orFail(publicKeyOf(secret));
  return { public_key: formatPublicKey(pub, prefix), address: formatAddress(addressOf(pub), prefix) };
}

const flags = {
  prefix: { type: "string", default: DEFAULT_PREFIX },
  sequence: { type: "string", default: "0" },
  "chain-id": { type: "string" },
  wif: { type: "string", multiple: true },
  to: { type: "string" },
  nonce: { type: "string" },
  file: { type: "string" },
} as const;

function parse(argv: string[]) {
  return parseArgs({ args: argv, allowPositionals: true, options: flags });
}

function need<T>(v: T | undefined, flag: string, text: string): T {
  if (v === undefined) usage(`missing --${flag}\n${text}`);
  return v;
}

function readJson(type: string, file: string | undefined, prefix: string): unknown {
  const json = orFail(parseJson(readInput(file)));
  return orFail(fromJson(type, json, { prefix }));
}

export function keyCommand(argv: string[]): string {
  const { values, positionals } = parse(argv);
  const [sub, arg, ...rest] = positionals;
  const prefix = values.prefix;
  if (rest.length > 0) usage(CRYPTO_USAGE);
  switch (sub) {
    case "from-wif":
      return stringifyJson(keyJson(orFail(parseWif(need(arg, "wif argument", CRYPTO_USAGE))), prefix));
    case "from-brain": {
      const words = need(arg, "brain key argument", CRYPTO_USAGE);
      if (!/^[0-9]+$/.test(values.sequence)) usage(`--sequence must be a non-negative integer\n${CRYPTO_USAGE}`);
      const sequence = Number(values.sequence);
      const secret = brainKeySecret(words, sequence);
      return stringifyJson({ brain_key: normalizeBrainKey(words), sequence, wif: formatWif(secret), ...keyJson(secret, prefix) });
    }
    case "new": {
      if (arg !== undefined) usage(CRYPTO_USAGE);
      const secret = generateSecret();
      return stringifyJson({ wif: formatWif(secret), ...keyJson(secret, prefix) });
    }
    default:
      return usage(CRYPTO_USAGE);
  }
}

export function txCommand(argv: string[]): string {
  const { values, positionals } = parse(argv);
  const [sub, ...rest] = positionals;
  if (rest.length > 0) usage(CRYPTO_USAGE);
  const prefix = values.prefix;
  const chainId = () => need(values["chain-id"], "chain-id", CRYPTO_USAGE);
  switch (sub) {
    case "digest":
      return bytesToHex(orFail(signatureDigest(readJson("transaction", values.file, prefix), chainId())));
    case "id":
      return orFail(transactionId(readJson("transaction", values.file, prefix)));
    case "sign": {
      const wifs = need(values.wif, "wif", CRYPTO_USAGE);
      const id = chainId();
      const tx = readJson("signed_transaction", values.file, prefix) as { signatures: string[] };
      const signed = orFail(signTransaction(tx, id, wifs.map((w) => orFail(parseWif(w)))));
      return stringifyJson(orFail(toJson("signed_transaction", signed, { prefix })));
    }
    case "verify": {
      const id = chainId();
      const keys = orFail(signatureKeys(readJson("signed_transaction", values.file, prefix) as { signatures: string[] }, id));
      return stringifyJson(keys.map((k) => formatPublicKey(hexToBytes(k), prefix)));
    }
    default:
      return usage(CRYPTO_USAGE);
  }
}

export function memoCommand(argv: string[]): string {
  const { values, positionals } = parse(argv);
  const [sub, text, ...rest] = positionals;
  if (rest.length > 0) usage(CRYPTO_USAGE);
  const prefix = values.prefix;
  const wifs = need(values.wif, "wif", CRYPTO_USAGE);
  if (wifs.length !== 1) usage(`memo takes one --wif\n${CRYPTO_USAGE}`);
  const secret = orFail(parseWif(wifs[0]!));
  switch (sub) {
    case "encrypt": {
      const to = parsePublicKey(need(values.to, "to", CRYPTO_USAGE), prefix);
      if (!to.ok) throw new CliError(`--to: ${to.message} (rule: ${to.rule})`);
      const nonce = values.nonce === undefined ? freshNonce() : parseNonce(values.nonce);
      const memo = orFail(encryptMemo(secret, to.value, nonce, text ?? readInput(values.file)));
      return stringifyJson(orFail(toJson("memo_data", memo, { prefix })));
    }
    case "decrypt": {
      if (text !== undefined) usage(CRYPTO_USAGE);
      return orFail(decryptMemo(secret, readJson("memo_data", values.file, prefix) as MemoData));
    }
    default:
      return usage(CRYPTO_USAGE);
  }
}

function parseNonce(s: string): bigint {
  if (!/^[0-9]+$/.test(s) || BigInt(s) >= 2n ** 64n) usage(`--nonce must be an integer in 0..2^64-1\n${CRYPTO_USAGE}`);
  return BigInt(s);
}

/**
 * memo_data::set_message's nonce when none is given: the clock in microseconds in the low 56 bits, an
 * entropy byte in the high 8 (memo.cpp).
 */
function freshNonce(): bigint {
  const micros = BigInt(Date.now()) * 1000n;
  const entropy = BigInt(crypto.getRandomValues(new Uint8Array(1))[0]!);
  return (micros & 0x00ffffffffffffffn) | (entropy << 56n);
}


