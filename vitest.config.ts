import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/*.live.test.ts", ".data/**", "evals/node_modules/**"],
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // 2-core machines: PGlite is CPU-heavy; two workers keep wall time low without thrashing.
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    env: { LOG_LEVEL: "silent" },
  },
});
