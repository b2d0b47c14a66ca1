// Bundles with esbuild: the frontend (run inside BuildKit from its image), the action (action.yml's
// main and post, on the runner's node24) and the `wasm-build` CLI.
// `--check` rebuilds into a temporary dir and fails when the committed dist/ differs.
import { build } from 'esbuild';
import { chmodSync, mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const check = process.argv.includes('--check');
const outdir = check ? mkdtempSync(path.join(os.tmpdir(), 'dist-')) : 'dist';

/** Every bundle: entry point, output file, target. */
const bundles = [
  { entry: 'frontend/main.ts', out: 'frontend.mjs', format: 'esm', target: 'node22' },
  { entry: 'src/action/main.ts', out: 'index.cjs', format: 'cjs', target: 'node24' },
  { entry: 'src/cli/bin.ts', out: 'cli.mjs', format: 'esm', target: 'node20' },
];

for (const b of bundles) {
  await build({
    entryPoints: [b.entry],
    outfile: path.join(outdir, b.out),
    bundle: true,
    platform: 'node',
    format: b.format,
    target: b.target,
    legalComments: 'none',
    // The action and the CLI carry @actions/* (and undici through them): minified, names kept for stacks.
    minify: b.out !== 'frontend.mjs',
    keepNames: b.out !== 'frontend.mjs',
    // esbuild output is deterministic for the same inputs, so the committed dist can be compared.
    logLevel: 'warning',
    banner:
      b.format === 'esm'
        ? {
            js:
              (b.out === 'cli.mjs' ? '#!/usr/bin/env node\n' : '') +
              "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
          }
        : {},
  });
}

// The CLI is the package's `bin`: executable, with its shebang.
if (!check) chmodSync(path.join(outdir, 'cli.mjs'), 0o755);

if (check) {
  const stale = bundles.filter(
    (b) =>
      !existsSync(path.join('dist', b.out)) ||
      !readFileSync(path.join('dist', b.out)).equals(readFileSync(path.join(outdir, b.out))),
  );
  rmSync(outdir, { recursive: true, force: true });
  if (stale.length > 0) {
    console.error(
      `dist/ is stale for ${stale.map((b) => b.out).join(', ')}: run \`npm run build\` and commit dist/`,
    );
    process.exit(1);
  }
}
