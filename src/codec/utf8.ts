// UTF-8 for fc's std::string, which holds arbitrary bytes. Invalid bytes decode to the lone surrogates
// U+DC80..U+DCFF and encode back to themselves ("surrogateescape"), so decoding is total and
// encode(decode(bytes)) always returns the original bytes.
import { fail } from "./errors.js";

const strictDecoder = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

function isAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return false;
  return true;
}

/** Length of the well-formed UTF-8 sequence starting at i, or 0 (Unicode Table 3-7). */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

export function decodeUtf8(b: Uint8Array): string {
  if (b.length < 64 && isAscii(b)) return String.fromCharCode(...b);
  try {
    return strictDecoder.decode(b);
  } catch {
    let s = "";
    for (let i = 0; i < b.length; ) {
      const n = sequenceLength(b, i);
      if (n === 0) {
        s += String.fromCharCode(0xdc00 + b[i]!);
        i++;
      } else {
        s += strictDecoder.decode(b.subarray(i, i + n));
        i += n;
      }
    }
    return s;
  }
}

export function encodeUtf8(s: string): Uint8Array {
  if (s.isWellFormed()) return encoder.encode(s);
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        for (const x of encoder.encode(s.slice(i, i + 2))) out.push(x);
        i++;
        continue;
      }
    }
    if (c >= 0xdc80 && c <= 0xdcff) out.push(c - 0xdc00);
    else if (c >= 0xd800 && c <= 0xdfff) fail("format", `string has an unpaired surrogate U+${c.toString(16).toUpperCase()} at index ${i}`);
    else for (const x of encoder.encode(s[i]!)) out.push(x);
  }
  return Uint8Array.from(out);
}
