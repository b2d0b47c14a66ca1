// The `wasm-build` CLI as shipped (dist/cli.mjs), run against the testbed: its frontend and toolchain
// images, a work directory and report per call.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PipelineReport } from '../../src/pipeline/index.js';
import { run, type RunResult } from './exec.js';
import { toolchainArgs } from './frontend.js';
import { repoRoot, type Testbed } from './testbed.js';

export const cliBundle = path.join(repoRoot, 'dist', 'cli.mjs');

/**
 * Runs the CLI with the testbed's frontend and toolchains under `work/<name>`; `guest` goes after `--`;
 * `env` adds to the testbed's environment (e.g. an empty tool cache of the test's own); `bin` is the
 * command: the checkout's bundle through this node, or an installed `wasm-build`.
 */
export async function wasmBuild(
  tb: Testbed,
  work: string,
  args: string[],
  name: string,
  guest: string[] = [],
  env: NodeJS.ProcessEnv = {},
  bin: readonly string[] = [process.execPath, cliBundle],
): Promise<RunResult & { report: () => PipelineReport }> {
  const report = path.join(work, `${name}.json`);
  const res = await run(
    bin[0]!,
    [
      ...bin.slice(1),
      ...args,
      `--frontend=${tb.images.frontend}`,
      ...toolchainArgs(tb),
      `--work-dir=${path.join(work, name)}`,
      `--report=${report}`,
      ...(guest.length ? ['--', ...guest] : []),
    ],
    { env: { ...tb.env, CI: 'true', ...env } },
  );
  return { ...res, report: () => JSON.parse(readFileSync(report, 'utf8')) as PipelineReport };
}
