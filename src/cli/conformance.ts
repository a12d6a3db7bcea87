// btsref conformance: generate the conformance vectors (spec/conformance) and run them on an implementation.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { VectorFileError } from "../conformance/format.js";
import { generateVectors } from "../conformance/generate.js";
import { type LoadedFile, formatReport, loadVectorFiles, parseKind, progressBar, runVectors } from "../conformance/run.js";
import { type Target, TargetError, bitsharesjsTarget, selfTarget, stdioTarget, wsTarget } from "../conformance/targets.js";
import { OPERATION_NAMES } from "../conformance/world.js";
import { CliError } from "./io.js";

export const CONFORMANCE_USAGE = `  btsref conformance generate [--out conformance/vectors]             write the conformance vectors (spec/conformance)
  btsref conformance genesis [--vectors dir] [--setup world]           print a set-up's genesis (for a node to replay apply vectors on)
  btsref conformance run --target self|bitsharesjs|stdio:<command>|ws://host:port [--vectors dir] [--filter codec|crypto|transaction-apply|block-apply]
                                                                     replay the vectors on an implementation; exit 1 if any fails`;

const DEFAULT_DIR = "conformance/vectors";

export async function makeTarget(spec: string): Promise<Target> {
  if (spec === "self") return selfTarget();
  if (spec === "bitsharesjs") return bitsharesjsTarget();
  if (spec.startsWith("stdio:")) return stdioTarget(spec.slice("stdio:".length));
  if (spec.startsWith("ws://") || spec.startsWith("wss://")) return wsTarget(spec, new Map(OPERATION_NAMES.map((n, i) => [n, i])));
  throw new TargetError(`unknown target ${JSON.stringify(spec)}: self, bitsharesjs, stdio:<command> or ws://host:port`);
}

/** The genesis of the set-up named `name` (as a vector file holds it, one JSON line): the files that
 *  name it must agree on it. A node started on it (`btsref node --genesis FILE --enable-debug-api`) runs
 *  the set-up's chain, as the ws target's apply vectors need. */
export function setupGenesis(files: readonly LoadedFile[], name: string): string {
  const found = new Map<string, string>();
  for (const f of files) {
    const s = f.file.setups?.[name];
    if (s !== undefined) found.set(JSON.stringify(s.genesis), f.path);
  }
  if (found.size === 0) throw new VectorFileError("--setup", "", `no vector file has a set-up named ${JSON.stringify(name)}`);
  if (found.size > 1) throw new VectorFileError([...found.values()].join(", "), `setups.${name}.genesis`, "the files disagree on the set-up's genesis");
  return [...found.keys()][0]!;
}

export async function conformanceCommand(args: string[]): Promise<{ out: string; exitCode: number }> {
  const [sub, ...rest] = args;
  try {
    if (sub === "generate") {
      const { values } = parseArgs({ args: rest, options: { out: { type: "string" } }, strict: true });
      const dir = values.out ?? DEFAULT_DIR;
      const files = generateVectors();
      for (const [name, text] of files) {
        const p = join(dir, name);
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, text);
      }
      return { out: [...files.keys()].map((n) => `wrote ${join(dir, n)}`).join("\n"), exitCode: 0 };
    }
    if (sub === "genesis") {
      const { values } = parseArgs({ args: rest, options: { vectors: { type: "string" }, setup: { type: "string", default: "world" } }, strict: true });
      return { out: setupGenesis(loadVectorFiles(values.vectors ?? DEFAULT_DIR).files, values.setup), exitCode: 0 };
    }
    if (sub === "run") {
      const { values } = parseArgs({ args: rest, options: { target: { type: "string" }, vectors: { type: "string" }, filter: { type: "string" } }, strict: true });
      if (values.target === undefined) throw new CliError(`conformance run needs --target\n${CONFORMANCE_USAGE}`, 2);
      const filter = parseKind(values.filter);
      const { files, ignored } = loadVectorFiles(values.vectors ?? DEFAULT_DIR);
      const target = await makeTarget(values.target);
      try {
        const report = await runVectors(target, files, ignored, { ...(filter ? { filter } : {}), ...(process.stderr.isTTY ? { progress: progressBar(process.stderr) } : {}) });
        return { out: formatReport(target.name, report), exitCode: report.failed === 0 ? 0 : 1 };
      } finally {
        await target.close();
      }
    }
  } catch (e) {
    if (e instanceof VectorFileError || e instanceof TargetError) throw new CliError(`conformance: ${e.message}`, 2);
    throw e;
  }
  throw new CliError(`usage:\n${CONFORMANCE_USAGE}`, 2);
}
