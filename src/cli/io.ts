// Process edges of the CLI: reading stdin, printing results and one-line errors.
import { readFileSync } from "node:fs";

/** A CLI failure: printed as one line on stderr, exit code as given. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export function readInput(file: string | undefined): string {
  try {
    return readFileSync(file ?? 0, "utf8");
  } catch (e) {
    throw new CliError(`cannot read ${file ?? "standard input"}: ${(e as Error).message}`);
  }
}

export function usage(text: string): never {
  throw new CliError(text, 2);
}
