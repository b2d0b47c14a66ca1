import js from '@eslint/js';
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
    // The gateway frontend owns stdout for HTTP/2; only the testbed, scripts, tests and benchmarks may
    // print to it with console (the CLI writes through its logger).
    files: ['testbed/**', 'scripts/**', 'test/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
