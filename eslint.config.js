import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.testbed/**', 'coverage/**', 'examples/**/target/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // The boundary between the two products: the frontend runs inside BuildKit and shares only the
    // wasm.toml module and the primitives with the host side; the host side never imports the frontend.
    files: ['frontend/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(src/(?!wasm-toml/|primitives/)|test/|testbed/|bench/|scripts/)',
              message: 'frontend/ may import only src/wasm-toml/ and src/primitives/ of the host side.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)(frontend|test|testbed|bench|scripts)/',
              message: 'src/ runs on runners and laptops: it never imports the frontend, tests or tooling.',
            },
          ],
        },
      ],
    },
  },
  {
    // Plain-JS build and test scripts run on Node.
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // Components in JavaScript and TypeScript (language = "javascript"): StarlingMonkey, the engine
    // componentize-js embeds, gives them the web's globals, and console.log writes to stdout.
    files: ['examples/*-js/**'],
    languageOptions: {
      globals: {
        console: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        URL: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        Headers: 'readonly',
        addEventListener: 'readonly',
      },
    },
    rules: { 'no-console': 'off' },
  },
  {
    // The gateway frontend owns stdout for HTTP/2; only the testbed, scripts, tests and benchmarks may
    // print to it with console (the CLI writes through its logger).
    files: ['testbed/**', 'scripts/**', 'test/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // The registry client and the publisher are layered (publish -> oci, and inside oci session ->
    // repository -> blobs/manifests): a runtime import cycle there means a layer reaches back.
    files: ['src/oci/**/*.ts', 'src/publish/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
);
