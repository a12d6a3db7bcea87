// btsref scenario run <file.json>: replays a scenario, printing one JSON line per step; exits 1 when an
// expectation of the scenario fails.
import { readFileSync } from "node:fs";
import type { Json } from "../codec/index.js";
import { runScenario } from "../scenario/run.js";
import { CliError } from "./io.js";

export const SCENARIO_USAGE = `  btsref scenario run <file.json>                                    replay a scenario (spec/scenario), one JSON line per step`;

export function scenarioCommand(args: string[]): { out: string; exitCode: number } {
  const [sub, file] = args;
  if (sub !== "run" || file === undefined) throw new CliError(`usage:\n${SCENARIO_USAGE}`, 2);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`, 2);
  }
  let scenario: Json;
  try {
    scenario = JSON.parse(text) as Json;
  } catch (e) {
    throw new CliError(`${file} is not JSON: ${e instanceof Error ? e.message : String(e)}`, 2);
  }
  const lines: string[] = [];
  const ok = runScenario(scenario, (line) => lines.push(JSON.stringify(line)));
  return { out: lines.join("\n"), exitCode: ok ? 0 : 1 };
}
