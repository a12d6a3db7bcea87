// Public face of the codec: every type of spec/protocol and spec/chain, between JSON, in-memory values
// and fc::raw bytes. All functions are total: they return Either, never throw on bad input.
import { either as E } from "fp-ts";
import { Reader, Writer } from "./binary.js";
import { codecByName, typeNames as allTypeNames } from "./compile.js";
import { CodecFailure, type CodecError } from "./errors.js";
import type { TypeCodec } from "./leaves.js";
import type { Json } from "./table.js";

export type { CodecError, CodecRule } from "./errors.js";
export { formatCodecError } from "./errors.js";
export type { Json } from "./table.js";

/** The address prefix of the BitShares main network. */
export const DEFAULT_PREFIX = "BTS";

export interface JsonOptions {
  /** Public-key and address prefix; default "BTS". */
  readonly prefix?: string;
  /** Accept only the canonical JSON of spec/ instead of everything bitshares-core accepts. */
  readonly strict?: boolean;
}

export function typeNames(): string[] {
  return allTypeNames();
}

export function hasType(type: string): boolean {
  return codecByName(type) !== undefined;
}

function run<T>(type: string, f: (c: TypeCodec) => T): E.Either<CodecError, T> {
  const c = codecByName(type);
  if (!c) return E.left({ _tag: "CodecError", path: "", rule: "unknown_type", message: `no protocol type named "${type}"` });
  try {
    return E.right(f(c));
  } catch (e) {
    if (e instanceof CodecFailure) return E.left(e.toCodecError());
    throw e;
  }
}

// One writer reused by every encode: encoding is synchronous, and finish() copies the bytes out.
const writer = new Writer(1024);

/** fc::raw::pack of an in-memory value. */
export function encode(type: string, value: unknown): E.Either<CodecError, Uint8Array> {
  return run(type, (c) => {
    writer.pos = 0;
    c.write(writer, value);
    return writer.finish();
  });
}

/** fc::raw::pack_size: the length encode() would give, without copying the bytes out. */
export function packSize(type: string, value: unknown): E.Either<CodecError, number> {
  return run(type, (c) => {
    writer.pos = 0;
    c.write(writer, value);
    return writer.pos;
  });
}

/** fc::raw::unpack of the whole input: bytes left over are an error. */
export function decode(type: string, bytes: Uint8Array): E.Either<CodecError, unknown> {
  return run(type, (c) => {
    const r = new Reader(bytes);
    const v = c.read(r, 0);
    if (r.remaining > 0) throw new CodecFailure("trailing_bytes", `${r.remaining} bytes left after the ${type} ending at offset ${r.pos}`);
    return v;
  });
}

/** Reads JSON into the in-memory value (see JsonOptions for the two modes). */
export function fromJson(type: string, json: Json, options: JsonOptions = {}): E.Either<CodecError, unknown> {
  const ctx = { strict: options.strict ?? false, prefix: options.prefix ?? DEFAULT_PREFIX };
  return run(type, (c) => c.fromJson(json, ctx, 0));
}

/**
 * The JSON bitshares-core's API emits for an in-memory value. The value is checked first (as encode
 * checks it), so a malformed value is a CodecError naming the field, never partial JSON.
 */
export function toJson(type: string, value: unknown, options: { readonly prefix?: string } = {}): E.Either<CodecError, Json> {
  return E.flatMap(encode(type, value), () => run(type, (c) => c.toJson(value, options.prefix ?? DEFAULT_PREFIX)));
}

/** JSON to bytes in one step. */
export function jsonToBytes(type: string, json: Json, options: JsonOptions = {}): E.Either<CodecError, Uint8Array> {
  return E.flatMap(fromJson(type, json, options), (v) => encode(type, v));
}

/** Bytes to JSON in one step (a decoded value is well-formed, so it is not checked again). */
export function bytesToJson(type: string, bytes: Uint8Array, options: { readonly prefix?: string } = {}): E.Either<CodecError, Json> {
  return E.flatMap(decode(type, bytes), (v) => run(type, (c) => c.toJson(v, options.prefix ?? DEFAULT_PREFIX)));
}

/** The default value of a type (C++ default construction), in memory. */
export function zero(type: string): E.Either<CodecError, unknown> {
  return run(type, (c) => c.zero());
}
