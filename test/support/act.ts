// nektos/act running one of the action's workflows on the host (`-P ubuntu-latest=-self-hosted`), with
// its own Actions cache server and the artifact server that hands out ACTIONS_RUNTIME_TOKEN. The testbed's
// addresses reach the workflow through --env-file, as `env` there.
import { mkdirSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './exec.js';
import { repoRoot, type Testbed } from './testbed.js';

export interface ActRun {
  code: number;
  /** act's whole log: step output, workflow commands as it echoes them, summaries. */
  output: string;
  /** Files the workflow wrote into $RESULTS_DIR. */
  result(name: string): string | undefined;
}

export interface ActOptions {
  /** The Actions cache server's storage: share it between runs to restore a cache. */
  cacheDir: string;
  env?: Record<string, string>;
  /** The workflow's `secrets`, given to act in a file (never in its argv). */
  secrets?: Record<string, string>;
}

const envLines = (m: Record<string, string>) =>
  Object.entries(m)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n') + '\n';

export async function runWorkflow(tb: Testbed, workflow: string, opts: ActOptions): Promise<ActRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'act-'));
  const results = path.join(dir, 'results');
  mkdirSync(results);
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(tb.env)) {
    // The testbed's own variables; the rest of the host environment passes through in host mode.
    if (v !== undefined && /^(BUILDKIT_|BUILDX_|DOCKER_CONFIG|REGISTRY|IMAGE_|VERSION_)/.test(k)) vars[k] = v;
  }
  Object.assign(vars, { PATH: tb.env.PATH ?? '', RESULTS_DIR: results }, opts.env);
  const envFile = path.join(dir, 'env');
  writeFileSync(envFile, envLines(vars));
  const secretFile = path.join(dir, 'secrets');
  writeFileSync(secretFile, envLines(opts.secrets ?? {}), { mode: 0o600 });
  const res = await run(
    'act',
    [
      'push',
      '-P',
      'ubuntu-latest=-self-hosted',
      '-W',
      workflow,
      '--cache-server-addr=127.0.0.1',
      '--cache-server-port=0',
      `--cache-server-path=${opts.cacheDir}`,
      '--artifact-server-addr=127.0.0.1',
      '--artifact-server-port=0',
      `--artifact-server-path=${path.join(dir, 'artifacts')}`,
      `--env-file=${envFile}`,
      `--secret-file=${secretFile}`,
    ],
    { cwd: repoRoot, env: tb.env, timeoutMs: 900_000 },
  );
  return {
    code: res.code,
    output: res.stdout + res.stderr,
    result: (name) => {
      const file = path.join(results, name);
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    },
  };
}
