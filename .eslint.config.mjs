// ESLint flat config (npm run lint runs `tsc --noEmit` first, then this).
// typescript-eslint's recommended rules, plus the Office.js rules of
// eslint-plugin-office-addins' recommended config. That config also switches on
// prettier/prettier; formatting is not a lint error here, so only its
// office-addins/* rules are taken.
import js from "@eslint/js"; // ships with eslint 9
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";

const officeAddinsRecommended = Object.fromEntries(
  officeAddins.configs.recommended
    .flatMap((config) => Object.entries(config.rules ?? {}))
    .filter(([rule]) => rule.startsWith("office-addins/")),
);

const nodeGlobals = {
  require: "readonly",
  module: "writable",
  exports: "writable",
  __dirname: "readonly",
  __filename: "readonly",
  process: "readonly",
  console: "readonly",
  Buffer: "readonly",
};

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "test-output/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // TypeScript itself reports undefined names (and knows the Office, Excel and DOM globals).
      "no-undef": "off",
    },
  },
  {
    // The Office.js rules are for code that calls Office.js; test doubles that implement
    // Excel's API (test/doubles) are not such callers.
    files: ["src/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: officeAddinsRecommended,
  },
  {
    // The custom-function wrappers take `any`: Excel passes labels, numbers, dates and booleans.
    // (Their files may still say so with an eslint-disable comment; that is not an error.)
    files: ["src/functions/*.ts"],
    linterOptions: { reportUnusedDisableDirectives: "off" },
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Plain CommonJS run by Node: the webpack config, the overlay it requires, bin/ltc.
    files: ["**/*.js", "bin/ltc"],
    languageOptions: { sourceType: "commonjs", ecmaVersion: 2022, globals: nodeGlobals },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
