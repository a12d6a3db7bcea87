// Vitest setup for mutation runs only (vitest.stryker.config.ts; `npm test` does not load it): property
// tests draw the same inputs in the dry run and in every mutant run (one seed), and those without an
// explicit run count draw fewer (suites with one read BTSREF_RUNS, set by the same config).
import fc from "fast-check";

fc.configureGlobal({ seed: 20261125, numRuns: Number(process.env.BTSREF_RUNS ?? 10) });
