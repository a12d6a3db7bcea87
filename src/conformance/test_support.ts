// Test helpers: the committed vector files, and temporary vector directories holding a subset of them
// (optionally edited), so that runs in tests stay small.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Json } from "../codec/index.js";
import { type Vector, type VectorFile, parseVectorFile } from "./format.js";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
export const VECTORS = join(REPO, "conformance/vectors");
export const GENERATED_FILES = ["codec/operations.json", "crypto/generated.json", "transaction-apply/operations.json", "block-apply/blocks.json"];

export function committed(name: string): VectorFile {
  return parseVectorFile(name, readFileSync(join(VECTORS, name), "utf8"))!;
}

/** A temporary vectors directory with, from each named committed file, the vectors `keep` selects, each
 *  passed through `edit`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit vectors of any kind freely
export type Editable = any;
export function subsetDir(files: Record<string, (v: Vector) => boolean>, edit: (v: Editable) => Editable = (v: Editable) => v): string {
  const dir = mkdtempSync(join(tmpdir(), "btsref-conformance-"));
  for (const [name, keep] of Object.entries(files)) {
    const f = committed(name);
    const p = join(dir, name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, JSON.stringify({ ...f, vectors: f.vectors.filter(keep).map((v) => edit(structuredClone(v))) }));
  }
  return dir;
}

export function writeFile(dir: string, name: string, content: Json | string): string {
  const p = join(dir, name);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
}
