// Typed codec errors. Every failure names the path to the offending value and the rule it broke.

export type CodecRule =
  | "truncated" // the input ends inside a value
  | "trailing_bytes" // bytes remain after the value
  | "length" // a length or count is impossible or over a limit
  | "varint" // an unsigned_int longer than 64 bits
  | "bool" // a bool byte other than 0 or 1
  | "tag" // a static_variant tag outside the alternatives
  | "extension" // extension member indices out of order or unused
  | "range" // an integer outside its type's range
  | "type" // a JSON value of the wrong kind
  | "format" // a string that is not in the type's format (hex, id, time, key, ...)
  | "missing_field" // strict JSON without a required field
  | "unknown_field" // strict JSON with a field the type does not have, or an unknown extension member
  | "depth" // nesting deeper than the codec accepts
  | "unknown_type"; // no such protocol type

export interface CodecError {
  readonly _tag: "CodecError";
  /** Path to the value, e.g. `operations[0][1].amount.asset_id`; empty for the whole input. */
  readonly path: string;
  readonly rule: CodecRule;
  readonly message: string;
}

export function formatCodecError(e: CodecError): string {
  return `${e.path === "" ? "<root>" : e.path}: ${e.message} (rule: ${e.rule})`;
}

/**
 * Raised inside the codec and turned into a CodecError at its public boundary (src/codec/index.ts).
 * Throwing keeps the success path free of per-value result objects; the path is built while unwinding.
 */
export class CodecFailure extends Error {
  readonly segments: string[] = [];
  constructor(
    readonly rule: CodecRule,
    message: string,
  ) {
    super(message);
  }

  /** Re-raises a CodecError value as a failure (its path becomes one segment). */
  static of(e: CodecError): CodecFailure {
    return new CodecFailure(e.rule, e.message).at(e.path);
  }

  /** Prepends a path segment: ".name" for a field, "[i]" for an item. */
  at(segment: string): CodecFailure {
    this.segments.push(segment);
    return this;
  }

  toCodecError(): CodecError {
    let path = "";
    for (let i = this.segments.length - 1; i >= 0; i--) path += this.segments[i];
    if (path.startsWith(".")) path = path.slice(1);
    return { _tag: "CodecError", path, rule: this.rule, message: this.message };
  }
}

export function fail(rule: CodecRule, message: string): never {
  throw new CodecFailure(rule, message);
}

/** Adds a path segment to a CodecFailure passing through; anything else is a bug and propagates. */
export function rethrowAt(e: unknown, segment: string): never {
  if (e instanceof CodecFailure) throw e.at(segment);
  throw e;
}
