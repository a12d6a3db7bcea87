#!/usr/bin/env node
// btsref: the command-line entry point. Exceptions stop here: every failure is one line on stderr.
import { codecCommand, CODEC_USAGE } from "./codec.js";
import { CRYPTO_USAGE, keyCommand, memoCommand, txCommand } from "./crypto.js";
import { demoCommand } from "./demo.js";
import { DEVNET_USAGE, devnetCommand } from "./devnet.js";
import { SCENARIO_USAGE, scenarioCommand } from "./scenario.js";
import { CliError } from "./io.js";

const USAGE = `btsref: reference implementation of the BitShares protocol

${CODEC_USAGE}
${CRYPTO_USAGE}
${SCENARIO_USAGE}
${DEVNET_USAGE}
  btsref demo                                                        encode and decode a sample transaction`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    let out: string;
    let exitCode = 0;
    switch (command) {
      case "scenario": ({ out, exitCode } = scenarioCommand(rest)); break;
      case "codec": out = codecCommand(rest); break;
      case "key": out = keyCommand(rest); break;
      case "tx": out = txCommand(rest); break;
      case "memo": out = memoCommand(rest); break;
      case "demo": out = demoCommand(); break;
      case "devnet": out = devnetCommand(rest); break;
      case "help": case "--help": case "-h": case undefined: out = USAGE; break;
      default: throw new CliError(`unknown command "${command}"\n${USAGE}`, 2);
    }
    process.stdout.write(out + "\n");
    return exitCode;
  } catch (e) {
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
}

process.exitCode = main(process.argv.slice(2));
