// Lowercase hex, as fc::to_hex writes it. Decoding accepts either case, as fc::from_hex does.

const HEX = "0123456789abcdef";
const BYTE_TO_HEX: string[] = Array.from({ length: 256 }, (_, i) => HEX[i >> 4]! + HEX[i & 15]!);
const NIBBLE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  NIBBLE[HEX.charCodeAt(i)] = i;
  NIBBLE[HEX.toUpperCase().charCodeAt(i)] = i;
}

// Node's Buffer hex encoder is native and about twice as fast as concatenation for keys and hashes.
const NodeBuffer = (globalThis as { Buffer?: { from(a: ArrayBuffer, o: number, n: number): { toString(enc: "hex"): string } } }).Buffer;

export function bytesToHex(b: Uint8Array, start = 0, end = b.length): string {
  if (NodeBuffer && end - start >= 16) return NodeBuffer.from(b.buffer as ArrayBuffer, b.byteOffset + start, end - start).toString("hex");
  let s = "";
  for (let i = start; i < end; i++) s += BYTE_TO_HEX[b[i]!];
  return s;
}

/** True when s is an even-length string of hex digits. */
export function isHex(s: string): boolean {
  if (s.length % 2 !== 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || NIBBLE[c] === -1) return false;
  }
  return true;
}

/** Writes the bytes of a hex string into out at offset in one pass; false if a character is not hex. */
export function tryHexInto(s: string, out: Uint8Array, offset: number): boolean {
  for (let i = 0, j = offset; i < s.length; i += 2, j++) {
    const a = s.charCodeAt(i);
    const b = s.charCodeAt(i + 1);
    const hi = a < 128 ? NIBBLE[a]! : -1;
    const lo = b < 128 ? NIBBLE[b]! : -1;
    if ((hi | lo) < 0) return false;
    out[j] = (hi << 4) | lo;
  }
  return true;
}

/** Writes the bytes of an even-length hex string into out at offset; the caller has checked isHex. */
export function hexInto(s: string, out: Uint8Array, offset: number): void {
  for (let i = 0, j = offset; i < s.length; i += 2, j++) {
    out[j] = (NIBBLE[s.charCodeAt(i)]! << 4) | NIBBLE[s.charCodeAt(i + 1)]!;
  }
}

export function hexToBytes(s: string): Uint8Array {
  if (!isHex(s)) throw new RangeError("not an even-length hex string");
  const out = new Uint8Array(s.length / 2);
  hexInto(s, out, 0);
  return out;
}
