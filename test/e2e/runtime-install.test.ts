// The runtime installer against a release server on loopback that serves release-shaped archives of the
// testbed's real wasmtime and wazero binaries, under the paths GitHub uses (the `runtime-mirror` input
// replaces the origin): install, a checksum mismatch, and a second install from the tool cache. The same
// server stands in for an npm registry (the `npm-registry` input) with jco's real tarballs, which node
// needs for components.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstallError, resolveRuntime } from '../../src/runtimes/index.js';
import { JCO_PACKAGES, tarballUrl } from '../../src/runtimes/jco.js';
import { hostPlatform } from '../../src/runtimes/release.js';
import { wasmedgeRelease } from '../../src/runtimes/wasmedge.js';
import { wasmerRelease } from '../../src/runtimes/wasmer.js';
import { run } from '../support/exec.js';
import { loadTestbed } from '../support/testbed.js';

const tb = loadTestbed();
const wasmtimeVersion = tb.env.VERSION_WASMTIME!.split(' ')[1]!;
const wazeroVersion = tb.env.VERSION_WAZERO!.replace(/^v/, '');
const wasmerVersion = '6.0.1';
const wasmedgeVersion = '0.15.0';
const releases = { wasmer: wasmerRelease, wasmedge: wasmedgeRelease };
const served = new Map<string, Buffer>();
const requests: string[] = [];
let server: Server;
let mirror: string;
const work = mkdtempSync(path.join(os.tmpdir(), 'runtime-install-'));

async function which(name: string): Promise<string> {
  const res = await run('sh', ['-c', `command -v ${name}`], { env: tb.env });
  return res.stdout.trim();
}

async function archive(format: 'tar.xz' | 'tar.gz', dir: string, entry: string): Promise<Buffer> {
  const out = path.join(work, `${path.basename(dir)}-${entry.replace(/\W/g, '_')}.${format}`);
  const res = await run('tar', [format === 'tar.xz' ? '-cJf' : '-czf', out, '-C', dir, entry]);
  if (res.code !== 0) throw new Error(res.stderr);
  return readFileSync(out);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

beforeAll(async () => {
  // wasmtime: `wasmtime-v<V>-x86_64-linux/wasmtime` in a .tar.xz, no checksums (as the project publishes).
  const wt = path.join(work, 'wasmtime-src');
  const wtDir = `wasmtime-v${wasmtimeVersion}-x86_64-linux`;
  mkdirSync(path.join(wt, wtDir), { recursive: true });
  copyFileSync(await which('wasmtime'), path.join(wt, wtDir, 'wasmtime'));
  served.set(
    `/bytecodealliance/wasmtime/releases/download/v${wasmtimeVersion}/${wtDir}.tar.xz`,
    await archive('tar.xz', wt, wtDir),
  );
  // wazero: `wazero` at the root of a .tar.gz, and a goreleaser checksums file beside it.
  const wz = path.join(work, 'wazero-src');
  mkdirSync(wz, { recursive: true });
  copyFileSync(await which('wazero'), path.join(wz, 'wazero'));
  const wzArchive = await archive('tar.gz', wz, 'wazero');
  const asset = `wazero_${wazeroVersion}_linux_amd64.tar.gz`;
  const dir = `/tetratelabs/wazero/releases/download/v${wazeroVersion}`;
  served.set(`${dir}/${asset}`, wzArchive);
  served.set(`${dir}/wazero_${wazeroVersion}_checksums.txt`, Buffer.from(`${sha256(wzArchive)}  ${asset}\n`));
  // A second "mirror" whose checksums file does not match its archive.
  served.set(`/corrupt${dir}/${asset}`, wzArchive);
  served.set(
    `/corrupt${dir}/wazero_${wazeroVersion}_checksums.txt`,
    Buffer.from(`${'0'.repeat(64)}  ${asset}\n`),
  );

  // jco's two packages as the npm registry has them (npm pack fetches exactly the registry's .tgz), and
  // a second "registry" serving each under the other's name.
  const tarballs: Buffer[] = [];
  for (const pkg of JCO_PACKAGES) {
    const res = await run('npm', [
      'pack',
      '--silent',
      `${pkg.name}@${pkg.version}`,
      '--pack-destination',
      work,
    ]);
    if (res.code !== 0) throw new Error(res.stderr);
    tarballs.push(readFileSync(path.join(work, res.stdout.trim())));
  }
  JCO_PACKAGES.forEach((pkg, i) => {
    served.set(tarballUrl('/npm', pkg), tarballs[i]!);
    served.set(tarballUrl('/npm-corrupt', pkg), tarballs[1 - i]!);
  });

  // wasmer and wasmedge: no registry here ships either, and GitHub's releases are out of reach, so their
  // archives hold a script that answers --version as the release's binary does. What is tested is the
  // installer on each archive's shape (bin/ at the root; WasmEdge's lib/ and plugin/ kept beside it), not
  // the runtimes.
  for (const [name, version, line, extra] of [
    ['wasmer', wasmerVersion, `wasmer ${wasmerVersion}`, []],
    ['wasmedge', wasmedgeVersion, `wasmedge version ${wasmedgeVersion}`, ['lib', 'plugin']],
  ] as const) {
    const src = path.join(work, `${name}-src`);
    mkdirSync(path.join(src, 'bin'), { recursive: true });
    writeFileSync(path.join(src, 'bin', name), `#!/bin/sh\necho '${line}'\n`, { mode: 0o755 });
    for (const dir of extra) {
      mkdirSync(path.join(src, dir), { recursive: true });
      writeFileSync(path.join(src, dir, 'README'), `${dir}\n`);
    }
    const res = await run('tar', ['-czf', path.join(work, `${name}.tar.gz`), '-C', src, 'bin', ...extra]);
    if (res.code !== 0) throw new Error(res.stderr);
    served.set(
      releases[name].archive(version, hostPlatform()).path,
      readFileSync(path.join(work, `${name}.tar.gz`)),
    );
  }

  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = served.get(req.url ?? '');
    res.writeHead(body ? 200 : 404).end(body ?? 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // @actions/tool-cache keeps its cache and downloads where a runner says.
  process.env.RUNNER_TOOL_CACHE = path.join(work, 'tool-cache');
  process.env.RUNNER_TEMP = path.join(work, 'tmp');
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(work, { recursive: true, force: true });
});

describe('installing runtimes from release archives', () => {
  // An empty search path: the testbed's programs on PATH must not stand in for the download.
  const opts = () => ({ mirror, searchPath: '', log: () => {} });

  it.each([
    ['wasmtime', (): string => wasmtimeVersion],
    ['wazero', (): string => wazeroVersion],
    ['wasmer', (): string => wasmerVersion],
    ['wasmedge', (): string => wasmedgeVersion],
  ] as const)('downloads %s, checks it runs at the pinned version, and caches it', async (name, version) => {
    const before = requests.length;
    const first = await resolveRuntime({ name, version: version() }, opts());
    expect(first.source).toBe('download');
    expect(first.version).toBe(version());
    expect(first.bin.startsWith(process.env.RUNNER_TOOL_CACHE!)).toBe(true);
    expect(requests.length).toBeGreaterThan(before);

    const downloads = requests.length;
    const again = await resolveRuntime({ name, version: version() }, opts());
    expect(again.source).toBe('tool-cache');
    expect(again.bin).toBe(first.bin);
    expect(requests.length).toBe(downloads);
  });

  it("keeps WasmEdge's whole tree: its binary finds lib/ beside bin/", async () => {
    const installed = await resolveRuntime({ name: 'wasmedge', version: wasmedgeVersion }, opts());
    const root = path.dirname(path.dirname(installed.bin));
    expect(readFileSync(path.join(root, 'lib', 'README'), 'utf8')).toBe('lib\n');
    expect(existsSync(path.join(root, 'plugin', 'README'))).toBe(true);
  });

  it('checks wazero against the release checksums, and refuses a mismatch without caching anything', async () => {
    const logged: string[] = [];
    process.env.RUNNER_TOOL_CACHE = path.join(work, 'tool-cache-2');
    const ok = await resolveRuntime(
      { name: 'wazero', version: wazeroVersion },
      { ...opts(), log: (m) => logged.push(m) },
    );
    expect(ok.source).toBe('download');
    expect(logged.join('\n')).toContain(`sha256 matches wazero_${wazeroVersion}_linux_amd64.tar.gz`);

    process.env.RUNNER_TOOL_CACHE = path.join(work, 'tool-cache-3');
    const bad = resolveRuntime(
      { name: 'wazero', version: wazeroVersion },
      { ...opts(), mirror: `${mirror}/corrupt` },
    );
    await expect(bad).rejects.toThrow(InstallError);
    await expect(bad).rejects.toThrow(
      /checksum mismatch for .*wazero_.*: the release's checksums say sha256:0{64}/,
    );
    // Nothing half-installed: no tool-cache entry, so a retry downloads again rather than trusting one.
    expect(existsSync(path.join(process.env.RUNNER_TOOL_CACHE, 'wazero'))).toBe(false);
  });

  it('says what is missing when the mirror has no such release', async () => {
    await expect(resolveRuntime({ name: 'wasmtime', version: '1.0.0' }, opts())).rejects.toThrow(
      /could not download http:\/\/127\.0\.0\.1:\d+\/bytecodealliance\/wasmtime\/releases\/download\/v1\.0\.0\/wasmtime-v1\.0\.0-x86_64-linux\.tar\.xz/,
    );
  });
});

describe('node with jco for components, from an npm registry', () => {
  const opts = (registry: string, log: (m: string) => void = () => {}) => ({
    npmRegistry: `${mirror}${registry}`,
    components: true,
    searchPath: '',
    log,
  });

  it('refuses tarballs whose sha256 is not the pinned one, and caches nothing', async () => {
    process.env.RUNNER_TOOL_CACHE = path.join(work, 'tool-cache-jco-bad');
    const bad = resolveRuntime({ name: 'node' }, opts('/npm-corrupt'));
    await expect(bad).rejects.toThrow(InstallError);
    await expect(bad).rejects.toThrow(
      new RegExp(
        `checksum mismatch for .*/npm-corrupt/@bytecodealliance/jco-transpile/-/jco-transpile-[\\d.]+\\.tgz: wasm-build pins sha256:${JCO_PACKAGES[0].sha256}`,
      ),
    );
    expect(existsSync(path.join(process.env.RUNNER_TOOL_CACHE, 'wasm-build-jco'))).toBe(false);
  });

  it('installs both packages as one node_modules tree, then takes them from the tool cache', async () => {
    process.env.RUNNER_TOOL_CACHE = path.join(work, 'tool-cache-jco');
    const logged: string[] = [];
    const before = requests.length;
    const first = await resolveRuntime(
      { name: 'node' },
      opts('/npm', (m) => logged.push(m)),
    );
    expect(first.runtime.components).toBe(true);
    expect(requests.slice(before)).toEqual(JCO_PACKAGES.map((p) => tarballUrl('/npm', p)));
    expect(logged.join('\n')).toContain('sha256 match the pins');
    const dir = /node runs components through .* \(download: (.+)\)$/m.exec(logged.join('\n'))![1]!;
    expect(dir.startsWith(process.env.RUNNER_TOOL_CACHE)).toBe(true);
    for (const f of [
      'jco-transpile/vendor/js-component-bindgen-component.js',
      'preview2-shim/dist/nodejs/cli.js',
    ]) {
      expect(existsSync(path.join(dir, 'node_modules', '@bytecodealliance', f)), f).toBe(true);
    }

    const again: string[] = [];
    const cached = await resolveRuntime(
      { name: 'node' },
      opts('/npm', (m) => again.push(m)),
    );
    expect(cached.runtime.components).toBe(true);
    expect(again.join('\n')).toContain(`(tool-cache: ${dir})`);
    expect(requests.length).toBe(before + JCO_PACKAGES.length);
    // Without components to run, nothing of jco is needed.
    expect((await resolveRuntime({ name: 'node' }, { searchPath: '' })).runtime.components).toBe(false);
  });
});
