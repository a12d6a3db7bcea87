// JSON text to Json. Unlike JSON.parse it keeps integers beyond 2^53 exact, as decimal strings (the form
// fc itself emits for large integers), and it reports errors as CodecError values.
import { either as E } from "fp-ts";
import type { CodecError } from "./errors.js";
import type { Json } from "./table.js";

/** Nesting beyond this is refused rather than risking the JS stack. */
const MAX_NESTING = 2000;

class JsonSyntax extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function parseJson(text: string): E.Either<CodecError, Json> {
  try {
    return E.right(new Parser(text).document());
  } catch (e) {
    if (e instanceof JsonSyntax)
      return E.left({ _tag: "CodecError", path: "", rule: "format", message: `invalid JSON at offset ${e.offset}: ${e.message}` });
    throw e;
  }
}

/** Compact JSON, as fc::json::to_string writes it. */
export function stringifyJson(j: Json, indent?: number): string {
  return JSON.stringify(j, null, indent);
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  document(): Json {
    const v = this.value(0);
    this.space();
    if (this.i < this.s.length) this.error("unexpected text after the value");
    return v;
  }

  private error(msg: string): never {
    throw new JsonSyntax(msg, this.i);
  }

  private space(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.i++;
      else break;
    }
  }

  private value(depth: number): Json {
    if (depth > MAX_NESTING) this.error(`nesting deeper than ${MAX_NESTING}`);
    this.space();
    const c = this.s[this.i];
    switch (c) {
      case "{": return this.object(depth);
      case "[": return this.array(depth);
      case '"': return this.string();
      case "t": return this.literal("true", true);
      case "f": return this.literal("false", false);
      case "n": return this.literal("null", null);
      default:
        if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return this.number();
        return this.error(c === undefined ? "unexpected end of input" : `unexpected character ${JSON.stringify(c)}`);
    }
  }

  private literal<T extends Json>(word: string, v: T): T {
    if (this.s.startsWith(word, this.i)) {
      this.i += word.length;
      return v;
    }
    return this.error(`expected ${word}`);
  }

  private number(): Json {
    const m = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    m.lastIndex = this.i;
    const r = m.exec(this.s);
    if (!r) return this.error("malformed number");
    this.i = m.lastIndex;
    const text = r[0];
    const n = Number(text);
    if (r[1] === undefined && r[2] === undefined && !Number.isSafeInteger(n)) return text;
    return n;
  }

  private string(): string {
    const s = this.s;
    const start = this.i;
    let j = start + 1;
    let escaped = false;
    for (; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 34 /* " */) break;
      if (c === 92 /* \ */) {
        escaped = true;
        j++;
      } else if (c < 32) {
        this.i = j;
        this.error("control character in string");
      }
    }
    if (j >= s.length) this.error("unterminated string");
    this.i = j + 1;
    if (!escaped) return s.slice(start + 1, j);
    try {
      return JSON.parse(s.slice(start, j + 1)) as string;
    } catch {
      this.i = start;
      return this.error("invalid escape in string");
    }
  }

  private array(depth: number): Json[] {
    this.i++;
    const out: Json[] = [];
    this.space();
    if (this.s[this.i] === "]") {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      this.space();
      const c = this.s[this.i++];
      if (c === "]") return out;
      if (c !== ",") {
        this.i--;
        this.error("expected , or ] in array");
      }
    }
  }

  private object(depth: number): { [k: string]: Json } {
    this.i++;
    const out: { [k: string]: Json } = {};
    this.space();
    if (this.s[this.i] === "}") {
      this.i++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.s[this.i] !== '"') this.error("expected a string key");
      const k = this.string();
      this.space();
      if (this.s[this.i++] !== ":") {
        this.i--;
        this.error("expected : after key");
      }
      const v = this.value(depth + 1);
      // A "__proto__" key is data, not the prototype.
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      this.space();
      const c = this.s[this.i++];
      if (c === "}") return out;
      if (c !== ",") {
        this.i--;
        this.error("expected , or } in object");
      }
    }
  }
}
