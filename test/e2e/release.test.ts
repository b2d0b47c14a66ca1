// The release script (scripts/release.ts) run locally against the testbed, as release.yml runs it on a
// tag: builds frontend/Dockerfile for the platforms the builder can (linux/amd64 here; arm64 needs an
// emulator the testbed's buildkitd does not have), pushes X.Y.Z, X.Y, X and latest to the local
// registry; a pre-release, and a patch to an older line, leave the moving tags where they were. Every
// tag is read back with crane, and the pushed image is used as the frontend of a real build.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run, runOk } from '../support/exec.js';
import { loadTestbed, repoRoot, type Testbed } from '../support/testbed.js';

let tb: Testbed;
let repo: string;
const runId = Date.now().toString(36);

interface FrontendOutputs {
  version: string;
  prerelease: string;
  digest: string;
  platforms: string;
  tags: string;
}

async function release(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await run('npx', ['tsx', 'scripts/release.ts', ...args], {
    cwd: repoRoot,
    env: { ...tb.env, GITHUB_OUTPUT: '' },
    timeoutMs: 600_000,
  });
  return { code: r.code, out: r.stdout, err: r.stderr };
}

async function frontend(version: string, released: string): Promise<FrontendOutputs> {
  const r = await release([
    'frontend',
    '--version',
    version,
    '--repository',
    repo,
    '--node-image',
    tb.images.node!,
    `--released=${released}`,
  ]);
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out.trim().split('\n').pop()!) as FrontendOutputs;
}

async function crane(args: string[]): Promise<string> {
  return (await runOk('crane', [...args, '--insecure'], { env: tb.env })).trim();
}

async function digests(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const tag of (await crane(['ls', repo])).split('\n').filter(Boolean)) {
    out[tag] = await crane(['digest', `${repo}:${tag}`]);
  }
  return out;
}

beforeAll(() => {
  tb = loadTestbed();
  repo = `${tb.registry}/release-${runId}/wasm-frontend`;
});

describe('scripts/release.ts against the testbed', () => {
  let first: FrontendOutputs;

  it('check: package.json, src/version.ts and the bundles name one release; a wrong tag fails', async () => {
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const ok = await release(['check', '--tag', `v${pkg.version}`]);
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toEqual({
      version: pkg.version,
      frontend: `ghcr.io/wasm-build/wasm-frontend:${pkg.version}`,
    });
    const bad = await release(['check', '--tag', 'v999.0.0']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("is not package.json's version");
  });

  it('a release pushes X.Y.Z, X.Y, X and latest, one image for linux/amd64', async () => {
    first = await frontend('90.1.2', 'v90.0.0,v89.3.1');
    expect(first.prerelease).toBe('false');
    expect(first.platforms.split(',')).toContain('linux/amd64');
    expect(first.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const tags = await digests();
    expect(Object.keys(tags).sort()).toEqual(['90', '90.1', '90.1.2', 'latest']);
    for (const d of Object.values(tags)) expect(d).toBe(first.digest);
    const config = JSON.parse(await crane(['config', `${repo}:90.1.2`])) as {
      os: string;
      architecture: string;
      config: { Entrypoint: string[]; Labels: Record<string, string> };
    };
    expect(`${config.os}/${config.architecture}`).toBe('linux/amd64');
    expect(config.config.Entrypoint).toEqual(['/usr/local/bin/node', '/wasm-build/frontend.mjs']);
    expect(config.config.Labels['org.opencontainers.image.version']).toBe('90.1.2');
  });

  it('the pushed image is a working frontend: hello-c builds through it', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'release-hello-'));
    const r = await run(
      'buildx',
      [
        'build',
        '--progress=plain',
        '-f',
        'wasm.toml',
        '--platform=wasi/wasm',
        '--build-arg',
        `BUILDKIT_SYNTAX=${repo}:90`,
        '--build-arg',
        `WASM_TOOLCHAIN_IMAGE_C=${tb.images.toolchain_c}`,
        '--output',
        `type=local,dest=${out}`,
        '.',
      ],
      { cwd: path.join(repoRoot, 'examples', 'hello-c'), env: tb.env, timeoutMs: 600_000 },
    );
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    const wt = await run('wasmtime', ['run', path.join(out, 'hello.wasm')], { env: tb.env });
    expect(wt.stdout).toBe('Hello, world!\n');
  });

  it('a pre-release pushes only its own tag: X, X.Y and latest stay', async () => {
    const before = await digests();
    const rc = await frontend('90.2.0-rc.1', 'v90.1.2,v90.0.0');
    expect(rc.prerelease).toBe('true');
    expect(rc.tags).toBe(`${repo}:90.2.0-rc.1`);
    const after = await digests();
    expect(after['90.2.0-rc.1']).toBe(rc.digest);
    expect(rc.digest).not.toBe(first.digest);
    expect(after['90.2']).toBeUndefined();
    for (const tag of ['90', '90.1', '90.1.2', 'latest']) expect(after[tag], tag).toBe(before[tag]);
  });

  it('a patch to an older line moves its X.Y only', async () => {
    const before = await digests();
    const patch = await frontend('90.0.5', 'v90.1.2,v90.0.0,v90.2.0-rc.1');
    expect(patch.tags.split('\n')).toEqual([`${repo}:90.0.5`, `${repo}:90.0`]);
    const after = await digests();
    expect(after['90.0']).toBe(patch.digest);
    for (const tag of ['90', '90.1', 'latest', '90.2.0-rc.1']) expect(after[tag], tag).toBe(before[tag]);
  });

  it('github (dry run): a release moves vX, a pre-release does not', async () => {
    const stable = await release(['github', '--version', '90.1.2', '--released=v90.0.0', '--dry-run']);
    expect(stable.code, stable.err).toBe(0);
    expect(stable.err).toContain('gh release create v90.1.2 --verify-tag');
    expect(stable.err).toContain('--latest=true');
    expect(stable.err).toContain('git push --force origin refs/tags/v90');
    const pre = await release(['github', '--version', '90.2.0-rc.1', '--released=v90.1.2', '--dry-run']);
    expect(pre.code, pre.err).toBe(0);
    expect(pre.err).toContain('--prerelease --latest=false');
    expect(pre.err).not.toContain('refs/tags/v90');
  });

  it('npm (dry run): packs the CLI and names the dist-tag, without a registry', async () => {
    const version = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version as string;
    const r = await run('npx', ['tsx', 'scripts/release.ts', 'npm', '--version', version, '--dry-run'], {
      cwd: repoRoot,
      // A registry nothing listens on, tried once: a dry run must not need one.
      env: {
        ...tb.env,
        GITHUB_OUTPUT: '',
        npm_config_registry: 'http://127.0.0.1:9/',
        npm_config_fetch_retries: '0',
      },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/release: npm publish --dry-run --access public --tag (latest|next|latest-\d+)/);
    expect(r.stderr).toContain('dist/cli.mjs');
    const wrong = await run(
      'npx',
      ['tsx', 'scripts/release.ts', 'npm', '--version', '999.0.0', '--dry-run'],
      {
        cwd: repoRoot,
        env: tb.env,
      },
    );
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("is not package.json's version");
  });
});
