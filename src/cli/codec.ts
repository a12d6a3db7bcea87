// btsref codec encode|decode|types: the codec of every protocol type from the command line.
import { parseArgs } from "node:util";
import { either as E } from "fp-ts";
import { bytesToJson, DEFAULT_PREFIX, formatCodecError, jsonToBytes, typeNames, type CodecError } from "../codec/index.js";
import { bytesToHex, isHex, hexToBytes } from "../codec/hex.js";
import { parseJson, stringifyJson } from "../codec/json-text.js";
import { CliError, readInput, usage } from "./io.js";

export const CODEC_USAGE = `usage:
  btsref codec encode <type> [--prefix BTS] [--strict] [--file f]   JSON on stdin -> hex
  btsref codec decode <type> [--prefix BTS] [--pretty] [--file f]   hex on stdin -> JSON
  btsref codec types                                                 list the type names`;

function orFail<T>(r: E.Either<CodecError, T>): T {
  if (E.isLeft(r)) throw new CliError(formatCodecError(r.left));
  return r.right;
}

export function codecCommand(argv: string[]): string {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      prefix: { type: "string", default: DEFAULT_PREFIX },
      strict: { type: "boolean", default: false },
      pretty: { type: "boolean", default: false },
      file: { type: "string" },
    },
  });
  const [sub, type, ...rest] = positionals;
  if (sub === "types") return typeNames().join("\n");
  if ((sub !== "encode" && sub !== "decode") || type === undefined || rest.length > 0) usage(CODEC_USAGE);
  const input = readInput(values.file);
  if (sub === "encode") {
    const json = orFail(parseJson(input));
    return bytesToHex(orFail(jsonToBytes(type, json, { prefix: values.prefix, strict: values.strict })));
  }
  const hex = input.trim();
  if (!isHex(hex)) throw new CliError("<root>: input is not an even-length hex string (rule: format)");
  const json = orFail(bytesToJson(type, hexToBytes(hex), { prefix: values.prefix }));
  return stringifyJson(json, values.pretty ? 2 : undefined);
}
