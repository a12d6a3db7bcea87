// Mutation testing (issue 8) with StrykerJS 9 (the last line that runs on Node 20). One module at a time:
// STRYKER_MODULE=codec|crypto|chain|market|consensus picks the source files mutated and the tests that
// must kill the mutants (vitest.stryker.config.ts reads the same variable). Results are kept per module in
// reports/stryker-<module>.json, so a rerun only tests mutants of changed code (incremental mode).
const MODULES = {
  codec: ["src/codec/**/*.ts"],
  crypto: ["src/crypto/**/*.ts"],
  chain: ["src/chain/**/*.ts"],
  market: ["src/market/**/*.ts"],
  consensus: ["src/consensus/**/*.ts"],
};

const module = process.env.STRYKER_MODULE ?? "crypto";
if (!(module in MODULES)) throw new Error(`STRYKER_MODULE must be one of ${Object.keys(MODULES).join(", ")}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.stryker.config.ts", related: false },
  coverageAnalysis: "perTest",
  mutate: [...MODULES[module], "!**/*.test.ts", "!**/test_support.ts", "!**/*_test_support.ts"],
  incremental: true,
  incrementalFile: `reports/stryker-${module}.incremental.json`,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: `reports/stryker-${module}.json` },
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 60_000,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
