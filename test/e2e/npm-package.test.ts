// The CLI as users install it: `npm pack` of this checkout, installed globally into an empty prefix with
// an empty npm cache and no registry (everything the CLI runs is in its bundle), then `wasm-build` from
// that prefix prints its help and builds an example against the testbed.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { wasmBuild } from '../support/cli.js';
import { run, runOk } from '../support/exec.js';
import { loadTestbed, repoRoot } from '../support/testbed.js';

const tb = loadTestbed();
const work = mkdtempSync(path.join(os.tmpdir(), 'npm-package-'));
const prefix = path.join(work, 'prefix');
const installed = path.join(prefix, 'bin', 'wasm-build');
// No registry: a port nothing listens on, so an install that needed a download would fail, not fetch.
const offline = {
  ...process.env,
  npm_config_cache: path.join(work, 'npm-cache'),
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

describe('the npm package', () => {
  let tarball = '';
  beforeAll(async () => {
    const packed = await runOk('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: repoRoot,
      env: offline,
    });
    const [info] = JSON.parse(packed) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(work, info!.filename);
    expect(info!.files.map((f) => f.path).sort()).toEqual(['README.md', 'dist/cli.mjs', 'package.json']);
    await runOk('npm', ['install', '--global', '--offline', '--prefix', prefix, tarball], { env: offline });
  });

  it('installs with no dependencies to fetch', () => {
    const pkg = JSON.parse(
      readFileSync(path.join(prefix, 'lib', 'node_modules', 'wasm-build', 'package.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.private).toBeUndefined();
  });

  it('wasm-build --help runs from the installed bin', async () => {
    const res = await run(installed, ['--help'], { env: tb.env });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^Usage: wasm-build <command>/m);
  });

  it('the installed wasm-build builds an example', async () => {
    const res = await wasmBuild(
      tb,
      work,
      ['build', path.join(repoRoot, 'examples/hello-c')],
      'build',
      [],
      {},
      [installed],
    );
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    expect(res.report().images[0]!.modules.map((m) => m.name)).toEqual(['hello']);
  });
});
