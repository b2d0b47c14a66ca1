// actionlint on the repository's workflows: the pinned binary the testbed builds (testbed/config.ts), with
// Debian's shellcheck for the `run:` scripts, so `npm run lint`, `npm test` and CI run the same checks.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { logsDir, repoRoot } from './config.js';
import { ensurePackages } from './apt.js';
import { ensureGoTool } from './tools.js';

/** Debian packages actionlint runs: shellcheck checks every `run:` step (actionlint skips it when absent). */
export const actionlintPackages = ['shellcheck'];

/** Runs actionlint on `args` (default: every workflow under .github/workflows); returns its exit code. */
export async function runActionlint(args: readonly string[]): Promise<number> {
  await ensurePackages(actionlintPackages, path.join(logsDir, 'apt.log'));
  const bin = await ensureGoTool('actionlint');
  // -shellcheck names the binary, so a machine without it fails here instead of silently skipping.
  const res = spawnSync(bin, ['-shellcheck', '/usr/bin/shellcheck', '-pyflakes', '', ...args], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (res.error) throw res.error;
  return res.status ?? 1;
}
