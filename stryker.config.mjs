// Mutation testing (issue 8) with StrykerJS 9 (the last line that runs on Node 20). One module at a time:
// STRYKER_MODULE=codec|crypto|chain|market|consensus picks the source files mutated and the tests that
// must kill the mutants (vitest.stryker.config.ts reads the same variable). Results are kept per module in
// reports/stryker-<module>.json, so a rerun only tests mutants of changed code (incremental mode).
// codec-io, codec-leaves and codec-compile split src/codec (2,700 mutants, far more than one hour on 2
// cores) into parts with their own reports; together they are exactly the codec module.
const MODULES = {
  codec: ["src/codec/**/*.ts"],
  "codec-io": ["src/codec/{binary,errors,hex,index,json-text,table,utf8}.ts"],
  "codec-leaves": ["src/codec/leaves.ts"],
  "codec-compile": ["src/codec/compile.ts"],
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
  // Mutants inside error messages are not tested (tools/mutation/ignore-messages.mjs, bench/MUTATION.md).
  plugins: ["@stryker-mutator/*", "./tools/mutation/ignore-messages.mjs"],
  ignorers: ["error-messages"],
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: `reports/stryker-${module}.json` },
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  // A mutant times out after 1.5 x the time its covering tests took in the dry run + 5 s (Stryker's
  // defaults). Mutants that loop forever in hot code (base58, signing retries) outlast Stryker's hit limit
  // (100 x the dry run's hits), so they end by this timeout, and each timeout restarts a test runner: a
  // longer margin made them a third of the run time on 2 cores.
  timeoutFactor: 1.5,
  timeoutMS: 5_000,
  // The sandbox holds only what the tests read: other people's scratch files in the work tree come and go.
  ignorePatterns: ["/*", "!/src", "!/generated", "!/properties", "!/tools", "!/conformance", "!/spec", "!/package.json", "!/tsconfig.json", "!/vitest.stryker.config.ts"],
  // vitest does not type-check, so nothing needs // @ts-nocheck.
  disableTypeChecks: false,
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
