// The tests that judge one module's mutants (stryker.config.mjs): the module's own tests and the suites
// that exercise it end to end. Selected by STRYKER_MODULE, as the Stryker configuration is.
// Property suites draw fewer, fixed inputs here (BTSREF_RUNS and tools/mutation/setup.ts): every mutant
// reruns the tests covering it, and a seed makes a mutant's verdict repeatable. `npm test` is unchanged.
import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Stryker stops a mutant's run at its first failing test (bail), so the module's own known-answer tests,
 * which are fast and kill most mutants, run before the property suites (slow, broad).
 */
class UnitTestsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => (f.moduleId.includes("/properties/") || f.moduleId.includes("/tools/") ? 1 : 0);
    return [...files].sort((a, b) => rank(a) - rank(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

const TESTS: Record<string, string[]> = {
  codec: ["src/codec/**/*.test.ts", "properties/codec.*.test.ts"],
  crypto: ["src/crypto/**/*.test.ts", "properties/crypto.*.test.ts"],
  chain: ["src/chain/**/*.test.ts", "src/scenario/**/*.test.ts", "properties/chain.*.test.ts"],
  market: ["src/market/**/*.test.ts", "src/scenario/**/*.test.ts", "properties/chain.*.test.ts"],
  consensus: ["src/consensus/**/*.test.ts", "properties/consensus.*.test.ts", "tools/model/dpos_replay.test.ts"],
};

// A part of a module (codec-io, ...) is judged by the module's tests.
const module = process.env.STRYKER_MODULE ?? "crypto";
const include = TESTS[module] ?? TESTS[module.split("-")[0]!];
if (include === undefined) throw new Error(`STRYKER_MODULE must be one of ${Object.keys(TESTS).join(", ")}`);

/**
 * StrykerJS 9.4's vitest runner injects a setup file (stryker-setup-<n>.js) whose afterAll hooks take the
 * suite as their first argument; vitest 4.1 passes a fixture context there and the suite second, and fails
 * the hook. The hooks are where the runner stores per-test coverage and hit counts, and every test file
 * then "fails", so vitest's bail cancels the files after the first: no coverage (every mutant runs every
 * test), no hit limit (endless loops run to the timeout), and mutants survive tests that never ran. This
 * rewrites the two hooks to the vitest 4.1 signature as the file is loaded.
 */
const strykerSetupForVitest41 = {
  name: "stryker-setup-vitest-4.1",
  transform(code: string, id: string) {
    if (!/stryker-setup-\d+\.js$/.test(id)) return undefined;
    return code.replaceAll("afterAll((suite) =>", "afterAll(({}, suite) =>");
  },
};

export default defineConfig({
  plugins: [strykerSetupForVitest41],
  test: {
    include,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    env: { BTSREF_RUNS: process.env.BTSREF_RUNS ?? "10" },
    setupFiles: ["tools/mutation/setup.ts"],
    // One module graph per worker for all test files and mutant runs: most mutants are switched on at run
    // time, so re-importing every test file for each mutant (vitest's default isolation) only costs time.
    isolate: process.env.MT_ISOLATE === "1",
    sequence: { sequencer: UnitTestsFirst },
  },
});
