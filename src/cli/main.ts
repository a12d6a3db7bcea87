#!/usr/bin/env node
// btsref: the command-line entry point. Exceptions stop here: every failure is one line on stderr.
import { codecCommand, CODEC_USAGE } from "./codec.js";
import { CRYPTO_USAGE, keyCommand, memoCommand, txCommand } from "./crypto.js";
import { demoCommand } from "./demo.js";
import { DEVNET_USAGE, devnetCommand } from "./devnet.js";
import { SCENARIO_USAGE, scenarioCommand } from "./scenario.js";
import { CONFORMANCE_USAGE, conformanceCommand } from "./conformance.js";
import { NODE_USAGE, nodeCommand } from "./node.js";
import { CliError } from "./io.js";

const USAGE = `btsref: reference implementation of the BitShares protocol

${CODEC_USAGE}
${CRYPTO_USAGE}
${SCENARIO_USAGE}
${DEVNET_USAGE}
${NODE_USAGE}
${CONFORMANCE_USAGE}
  btsref demo                                                        encode and decode a sample transaction`;

/** A command's output and exit code; long-running commands (node, conformance) resolve later. */
type Outcome = { out: string; exitCode: number };

function dispatch(command: string | undefined, rest: string[]): Outcome | Promise<Outcome> {
  const done = (out: string): Outcome => ({ out, exitCode: 0 });
  switch (command) {
    case "scenario": return scenarioCommand(rest);
    case "codec": return done(codecCommand(rest));
    case "key": return done(keyCommand(rest));
    case "tx": return done(txCommand(rest));
    case "memo": return done(memoCommand(rest));
    case "demo": return done(demoCommand());
    case "devnet": return done(devnetCommand(rest));
    case "node": return nodeCommand(rest);
    case "conformance": return conformanceCommand(rest);
    case "help": case "--help": case "-h": case undefined: return done(USAGE);
    default: throw new CliError(`unknown command "${command}"\n${USAGE}`, 2);
  }
}

function report(e: unknown): number {
  if (e instanceof CliError) {
    process.stderr.write(`btsref: ${e.message}\n`);
    return e.exitCode;
  }
  if (e instanceof Error && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS")) {
    process.stderr.write(`btsref: ${e.message}\n`);
    return 2;
  }
  throw e;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const { out, exitCode } = await dispatch(command, rest);
    if (out !== "") process.stdout.write(out + "\n");
    return exitCode;
  } catch (e) {
    return report(e);
  }
}

process.exitCode = await main(process.argv.slice(2));
