// The tests that judge one module's mutants (stryker.config.mjs): the module's own tests and the suites
// that exercise it end to end. Selected by STRYKER_MODULE, as the Stryker configuration is.
import { defineConfig } from "vitest/config";

const TESTS: Record<string, string[]> = {
  codec: ["src/codec/**/*.test.ts", "properties/codec.*.test.ts"],
  crypto: ["src/crypto/**/*.test.ts", "properties/crypto.*.test.ts"],
  chain: ["src/chain/**/*.test.ts", "src/scenario/**/*.test.ts", "properties/chain.*.test.ts"],
  market: ["src/market/**/*.test.ts", "src/scenario/**/*.test.ts", "properties/chain.*.test.ts"],
  consensus: ["src/consensus/**/*.test.ts", "properties/consensus.*.test.ts", "tools/model/dpos_replay.test.ts"],
};

const module = process.env.STRYKER_MODULE ?? "crypto";
const include = TESTS[module];
if (include === undefined) throw new Error(`STRYKER_MODULE must be one of ${Object.keys(TESTS).join(", ")}`);

export default defineConfig({
  test: { include, testTimeout: 120_000, hookTimeout: 120_000, pool: "forks" },
});
