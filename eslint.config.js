// Lint: typescript-eslint's recommended rules, plus the house rules STYLE.md §2/§9 can check mechanically.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".scratch*/**", "node_modules/**", ".data/**", "evals/node_modules/**", "evals/out/**", "coverage/**", "**/*.cjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-console": "off",
    },
  },
  {
    // Only config/ reads the environment (STYLE.md §9.1). Scripts and tests may.
    files: ["domain/**", "lib/**", "db/**", "integrations/**", "channels/**", "agent/**", "tools/**", "workflows/**", "prompts/**", "server/**"],
    ignores: ["**/*.test.ts", "**/fake/**"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read settings through config/env.ts (loadConfig)." }],
    },
  },
);
