// `npm test`: every check CI runs, in order, stopping at the first failure. Starts (or reuses) the
// testbed, since e2e tests run against the real BuildKit, registries and runtimes.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';

const steps = [
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['lint', 'npx', ['eslint', '.']],
  ['format', 'npx', ['prettier', '--check', '.']],
  // The pinned actionlint (built by the testbed on first use) on every workflow, with shellcheck.
  ['actionlint', 'npx', ['tsx', 'testbed/cli.ts', 'actionlint']],
  ['bundles are up to date', 'node', ['scripts/build.mjs', '--check']],
  ['testbed', 'npx', ['tsx', 'testbed/cli.ts', 'up']],
  [
    'vitest',
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.testbed/vitest.json'],
  ],
];

mkdirSync('.testbed', { recursive: true });
let failed = false;
for (const [name, cmd, args] of steps) {
  const started = Date.now();
  console.log(`\n== ${name}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit' });
  console.log(
    `== ${name}: ${res.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (res.status !== 0) {
    failed = true;
    if (name !== 'vitest') break;
  }
}

// A closing line CI reads whatever runner produced it.
try {
  const report = JSON.parse(readFileSync('.testbed/vitest.json', 'utf8'));
  console.log(
    `\nTests: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`,
  );
} catch {
  if (!failed) console.log('\nno vitest report was written');
  failed = true;
}
process.exit(failed ? 1 : 0);
