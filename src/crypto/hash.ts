// The hash functions the protocol uses, from @noble/hashes (audited, no native code).
import { ripemd160 as nobleRipemd160, sha1 as nobleSha1 } from "@noble/hashes/legacy.js";
import { sha224 as nobleSha224, sha256 as nobleSha256, sha512 as nobleSha512 } from "@noble/hashes/sha2.js";

export const sha256 = (data: Uint8Array): Uint8Array => nobleSha256(data);
export const sha512 = (data: Uint8Array): Uint8Array => nobleSha512(data);
export const sha224 = (data: Uint8Array): Uint8Array => nobleSha224(data);
export const sha1 = (data: Uint8Array): Uint8Array => nobleSha1(data);
export const ripemd160 = (data: Uint8Array): Uint8Array => nobleRipemd160(data);
/** fc::hash160: ripemd160 of sha256. */
export const hash160 = (data: Uint8Array): Uint8Array => nobleRipemd160(nobleSha256(data));
