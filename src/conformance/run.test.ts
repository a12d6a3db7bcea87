// `btsref conformance run`: the committed vectors pass on btsref itself; a corrupted vector fails naming
// the field, with exit code 1; malformed files and unknown targets are clear typed errors.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { conformanceCommand } from "../cli/conformance.js";
import { CliError } from "../cli/io.js";
import type { Vector } from "./format.js";
import { type Editable, VECTORS, subsetDir, writeFile } from "./test_support.js";

const run = (...args: string[]) => conformanceCommand(["run", ...args]);
const rejects = async (args: string[], pattern: RegExp) => {
  const e = await run(...args).then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(CliError);
  expect((e as CliError).message).toMatch(pattern);
  expect((e as CliError).exitCode).toBe(2);
};

describe("conformance run --target self", () => {
  it("passes every committed vector", async () => {
    const r = await run("--target", "self", "--vectors", VECTORS);
    expect(r.exitCode).toBe(0);
    const summary = r.out.split("\n").at(-1)!;
    expect(summary).toMatch(/^conformance self: (\d+) passed, 0 failed, 0 skipped of \1 vectors$/);
    expect(Number(/(\d+) passed/.exec(summary)![1])).toBeGreaterThan(200);
    // The hand-curated vector files of other formats are named as not run.
    expect(r.out).toContain("NOTE codec/client-libraries.json: not a conformance vector file");
  });

  it("--filter runs one kind", async () => {
    const r = await run("--target", "self", "--vectors", VECTORS, "--filter", "crypto");
    expect(r.out.split("\n").filter((l) => l.startsWith("PASS")).every((l) => l.startsWith("PASS crypto/"))).toBe(true);
    expect(r.exitCode).toBe(0);
  });

  it("reports a corrupted vector failed, with the field, and exits 1", async () => {
    const dir = subsetDir({
      "codec/operations.json": (v) => v.id === "codec/transfer_operation" || v.id === "codec/asset_issue_operation",
      "transaction-apply/operations.json": (v) => v.id.startsWith("transaction-apply/transfer/"),
      "crypto/generated.json": (v) => v.id === "crypto/key/alice",
    }, (v: Editable): Editable => {
      if (v.id === "codec/transfer_operation") return { ...v, hex: v.hex.replace(/^..../, "0000") };
      if (v.id === "crypto/key/alice") return { ...v, expected: { ...v.expected, wif: "5K" } };
      if (v.id === "transaction-apply/transfer/fail" && !v.expected.ok) return { ...v, expected: { ok: false, error: { ...v.expected.error, exception: "insufficient_fee", code: 3030007 } } };
      if (v.id === "transaction-apply/transfer/ok" && v.expected.ok) {
        const changes = v.expected.changes.map((c: { after: object }, i: number) => (i === 0 ? { ...c, after: { ...(c.after as object), balance: 1 } } : c));
        return { ...v, expected: { ...v.expected, changes } };
      }
      return v;
    });
    const r = await run("--target", "self", "--vectors", dir);
    expect(r.exitCode).toBe(1);
    expect(r.out).toContain("PASS codec/asset_issue_operation");
    expect(r.out).toMatch(/FAIL codec\/transfer_operation\n {2}hex: expected "0000/);
    expect(r.out).toMatch(/FAIL crypto\/key\/alice\n {2}expected\.wif: expected "5K", got "5/);
    expect(r.out).toMatch(/FAIL transaction-apply\/transfer\/fail\n {2}expected\.error\.exception: expected "insufficient_fee", got "assert_exception"/);
    expect(r.out).toMatch(/FAIL transaction-apply\/transfer\/ok\n {2}expected\.changes\[0\]\.after\.balance: expected 1, got /);
    expect(r.out.split("\n").at(-1)).toBe("conformance self: 1 passed, 4 failed, 0 skipped of 5 vectors");
  });
});

describe("bad input", () => {
  const dir = () => mkdtempSync(join(tmpdir(), "btsref-conformance-bad-"));
  const codec = (v: Record<string, unknown>) => ({ format: "btsref-conformance/1", kind: "codec", description: "x", vectors: [{ id: "a", kind: "codec", source: { generator: "test" }, type: "asset", prefix: "BTS", json: { amount: 1, asset_id: "1.3.0" }, hex: "01000000000000000000", ...v }] });

  it("a file that is not JSON names the file", async () => {
    const d = dir();
    writeFile(d, "codec/broken.json", "{ not json");
    await rejects(["--target", "self", "--vectors", d], /codec\/broken\.json: not JSON/);
  });
  it("a missing or malformed field names the file and the field", async () => {
    const d = dir();
    writeFile(d, "x.json", codec({ hex: "0g" }));
    await rejects(["--target", "self", "--vectors", d], /x\.json: vectors\[0\]\.hex: must be lowercase hex/);
    const e = dir();
    writeFile(e, "y.json", { ...codec({}), format: "btsref-conformance/9" });
    await rejects(["--target", "self", "--vectors", e], /y\.json: format: must be "btsref-conformance\/1"/);
  });
  it("an apply vector naming a set-up the file lacks", async () => {
    const d = subsetDir({ "transaction-apply/operations.json": (v) => v.id === "transaction-apply/transfer/ok" }, (v) => ({ ...v, pre_state: { setup: "nowhere", steps: [] } }) as Vector);
    await rejects(["--target", "self", "--vectors", d], /operations\.json: vectors\[0\]\.pre_state\.setup: no set-up named nowhere/);
  });
  it("duplicate ids", async () => {
    const d = dir();
    const f = codec({});
    writeFile(d, "z.json", { ...f, vectors: [...f.vectors, ...f.vectors] });
    await rejects(["--target", "self", "--vectors", d], /z\.json: vectors\[1\]\.id: duplicate id a/);
  });
  it("unknown target, unknown kind, missing directory, missing --target", async () => {
    await rejects(["--target", "nodejs", "--vectors", VECTORS], /unknown target "nodejs"/);
    await rejects(["--target", "self", "--filter", "blocks"], /unknown kind "blocks"/);
    await rejects(["--target", "self", "--vectors", "/nonexistent/dir"], /\/nonexistent\/dir: cannot read the directory/);
    await rejects([], /needs --target/);
  });
});
