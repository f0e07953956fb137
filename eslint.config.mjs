// Lints the project's own TypeScript with type information: typescript-eslint's project service
// reads tsconfig.json (and client/webview/tsconfig.json for the webview). `npm run lint`; `npm test`
// runs it too.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // Build output, dependencies, and code that the checks analyse or run rather than code of the
    // project: the sample workspace and the overfit check's fixtures.
    ignores: ['out/', 'dist/', 'node_modules/', 'test-workspace/', 'test/overfit-fixtures/'],
  },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: {
      reportUnusedDisableDirectives: 'error',
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe, it and test return promises that the runner itself awaits.
          allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] }],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      // Indexed reads that the code knows to be in range are marked with `!`, a convention kept for
      // readers (and for noUncheckedIndexedAccess); the compiler does not need them, so this rule
      // would only remove several hundred of them.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      // tsc already reports unused locals and parameters (noUnusedLocals, noUnusedParameters).
      '@typescript-eslint/no-unused-vars': 'off',
      // TypeScript, tfjs, esbuild and parse5 are loaded lazily or from a path found at run time,
      // which is what require() is for here; static imports are checked by tsc's module setting.
      '@typescript-eslint/no-require-imports': 'off',
      // An async function without await is how callbacks that must return a promise are written:
      // a throw in them becomes a rejection, which is what their callers handle.
      '@typescript-eslint/require-await': 'off',
      // An empty case followed by a comment and the next case is a list of labels, not a fall-through.
      'no-fallthrough': ['error', { allowEmptyCase: true }],
    },
  },
  {
    // Tests and benches read the JSON that the command line, the language server and the editor
    // print, untyped, and assert on its shape: an assertion that fails is the check.
    files: ['test/**/*.ts', 'bench/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
    },
  },
);
