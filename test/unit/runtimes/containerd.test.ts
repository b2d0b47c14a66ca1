import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkContainerd,
  containerdFromEnv,
  ctrRunArgs,
  importIndex,
  withoutCtrWarnings,
} from '../../../src/runtimes/containerd.js';
import { parseShimVersion } from '../../../src/runtimes/runwasi.js';

describe('ctrRunArgs', () => {
  it('passes environment, bind mounts and the working directory, then image, id and argv', () => {
    expect(
      ctrRunArgs({
        image: 'wasm-build.local/verify-1:abc',
        id: 'wasm-build-1-0',
        runtime: '/opt/shim/containerd-shim-wasmtime-v1',
        argv: ['/app.wasm', 'a b', '--flag'],
        env: { PWD: '/data', GREETING: 'x=y' },
        mounts: [{ host: '/src/testdata', guest: '/data' }],
        cwd: '/data',
      }),
    ).toEqual([
      'run',
      '--rm',
      '--runtime',
      '/opt/shim/containerd-shim-wasmtime-v1',
      '--env',
      'PWD=/data',
      '--env',
      'GREETING=x=y',
      '--mount',
      'type=bind,src=/src/testdata,dst=/data,options=rbind:rw',
      '--cwd',
      '/data',
      'wasm-build.local/verify-1:abc',
      'wasm-build-1-0',
      '/app.wasm',
      'a b',
      '--flag',
    ]);
  });

  it('sets no working directory unless asked', () => {
    const args = ctrRunArgs({ image: 'i', id: 'c', runtime: 'r', argv: ['/m.wasm'], env: {}, mounts: [] });
    expect(args).toEqual(['run', '--rm', '--runtime', 'r', 'i', 'c', '/m.wasm']);
  });
});

describe('importIndex', () => {
  it('lists the one manifest under containerd’s image-name annotation, nothing else of the layout', () => {
    const manifest = {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: 'sha256:ab',
      size: 478,
    };
    expect(JSON.parse(importIndex('wasm-build.local/verify-1:ab', { ...manifest }))).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [
        { ...manifest, annotations: { 'io.containerd.image.name': 'wasm-build.local/verify-1:ab' } },
      ],
    });
  });
});

describe('withoutCtrWarnings', () => {
  it('drops ctr’s own cgroup v1 deprecation lines and keeps the guest’s stderr', () => {
    const warning =
      'time="2026-12-04T17:33:09Z" level=warning msg="DEPRECATION: The support for cgroup v1 is deprecated since containerd v2.2"\n';
    expect(withoutCtrWarnings(`${warning}-: cannot open\n${warning}`)).toBe('-: cannot open\n');
    expect(withoutCtrWarnings('level=warning msg="DEPRECATION: mine"\n')).toBe(
      'level=warning msg="DEPRECATION: mine"\n',
    );
  });
});

describe('containerd from the environment', () => {
  const bin = mkdtempSync(path.join(os.tmpdir(), 'ctr-'));

  it('needs ctr on PATH', () => {
    expect(() => containerdFromEnv({ PATH: bin })).toThrow("ctr, containerd's client, is not on PATH");
  });

  it('says how to start or point at containerd when the socket is missing', async () => {
    const client = { ctr: 'ctr', address: path.join(bin, 'missing.sock'), env: {} };
    await expect(checkContainerd(client)).rejects.toThrow(
      `no containerd socket at ${client.address}: start containerd, or set CONTAINERD_ADDRESS to its socket`,
    );
  });
});

describe('parseShimVersion', () => {
  it('reads the Version line runwasi shims print for -v', () => {
    const out =
      'containerd-shim-wasmtime-v1:\n  Runtime: wasmtime\n  Version: 0.6.0\n  Revision: 6e456f9\n\n';
    expect(parseShimVersion(out)).toBe('0.6.0');
  });

  it('says what it got otherwise', () => {
    expect(() => parseShimVersion('flag provided but not defined')).toThrow('no "Version:" line in');
  });
});
