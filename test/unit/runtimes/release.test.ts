import { describe, expect, it } from 'vitest';
import { expectedChecksum } from '../../../src/runtimes/install.js';
import { nodeRelease } from '../../../src/runtimes/node.js';
import { hostPlatform, type HostPlatform, type ReleaseSource } from '../../../src/runtimes/release.js';
import { runwasiWasmtimeRelease } from '../../../src/runtimes/runwasi.js';
import { wasmedgeRelease } from '../../../src/runtimes/wasmedge.js';
import { wasmerRelease } from '../../../src/runtimes/wasmer.js';
import { wasmtimeRelease } from '../../../src/runtimes/wasmtime.js';
import { wazeroRelease } from '../../../src/runtimes/wazero.js';

const hex = (c: string) => c.repeat(64);

describe('expectedChecksum', () => {
  const sums = [
    `${hex('a')}  wazero_1.11.0_linux_amd64.tar.gz`,
    `${hex('b')} *wazero_1.11.0_darwin_arm64.tar.gz`,
    `${hex('c')}  ./dist/wasmer-linux-amd64.tar.gz`,
    `${hex('D')}  upper.tar.gz  `,
    `${hex('e')}  other-node.tar.xz`,
    'not a checksum line',
  ].join('\n');

  it.each([
    ['wazero_1.11.0_linux_amd64.tar.gz', hex('a')],
    ['wazero_1.11.0_darwin_arm64.tar.gz', hex('b')],
    ['wasmer-linux-amd64.tar.gz', hex('c')],
    ['upper.tar.gz', hex('d')],
    ['node.tar.xz', undefined],
    ['missing.tar.gz', undefined],
  ])('%s', (asset, sum) => {
    expect(expectedChecksum(sums, asset)).toBe(sum);
  });
});

const linux: HostPlatform = { os: 'linux', arch: 'x64' };

describe('release archives (linux x64)', () => {
  it.each([
    [
      'wasmtime',
      wasmtimeRelease,
      '48.0.8',
      {
        origin: 'https://github.com',
        path: '/bytecodealliance/wasmtime/releases/download/v48.0.8/wasmtime-v48.0.8-x86_64-linux.tar.xz',
        format: 'tar.xz',
        root: 'wasmtime-v48.0.8-x86_64-linux',
        binary: 'wasmtime',
      },
    ],
    [
      'wazero',
      wazeroRelease,
      '1.11.0',
      {
        origin: 'https://github.com',
        path: '/tetratelabs/wazero/releases/download/v1.11.0/wazero_1.11.0_linux_amd64.tar.gz',
        format: 'tar.gz',
        checksumsPath: '/tetratelabs/wazero/releases/download/v1.11.0/wazero_1.11.0_checksums.txt',
        root: '.',
        binary: 'wazero',
      },
    ],
    [
      'wasmer',
      wasmerRelease,
      '6.0.1',
      {
        origin: 'https://github.com',
        path: '/wasmerio/wasmer/releases/download/v6.0.1/wasmer-linux-amd64.tar.gz',
        format: 'tar.gz',
        root: '.',
        binary: 'bin/wasmer',
      },
    ],
    [
      'wasmedge',
      wasmedgeRelease,
      '0.15.0',
      {
        origin: 'https://github.com',
        path: '/WasmEdge/WasmEdge/releases/download/0.15.0/WasmEdge-0.15.0-manylinux_2_28_x86_64.tar.gz',
        format: 'tar.gz',
        root: '.',
        binary: 'bin/wasmedge',
      },
    ],
    [
      'node',
      nodeRelease,
      '20.20.2',
      {
        origin: 'https://nodejs.org',
        path: '/dist/v20.20.2/node-v20.20.2-linux-x64.tar.xz',
        format: 'tar.xz',
        checksumsPath: '/dist/v20.20.2/SHASUMS256.txt',
        root: 'node-v20.20.2-linux-x64',
        binary: 'bin/node',
      },
    ],
    [
      'containerd-wasmtime',
      runwasiWasmtimeRelease,
      '0.6.0',
      {
        origin: 'https://github.com',
        path: '/containerd/runwasi/releases/download/containerd-shim-wasmtime%2Fv0.6.0/containerd-shim-wasmtime-x86_64-linux-musl.tar.gz',
        format: 'tar.gz',
        root: '.',
        binary: 'containerd-shim-wasmtime-v1',
      },
    ],
  ] as [string, ReleaseSource, string, object][])('%s %s', (_, release, version, archive) => {
    expect(release.archive(version, linux)).toEqual(archive);
  });

  it.each([
    ['wasmtime', wasmtimeRelease, '48.0.8'],
    ['wazero', wazeroRelease, '1.11.0'],
    ['wasmer', wasmerRelease, undefined],
    ['wasmedge', wasmedgeRelease, undefined],
    ['node', nodeRelease, undefined],
    ['containerd-wasmtime', runwasiWasmtimeRelease, '0.6.0'],
  ] as [string, ReleaseSource, string | undefined][])('%s defaults to %s', (_, release, version) => {
    expect(release.defaultVersion).toBe(version);
  });
});

describe('hostPlatform', () => {
  it.each([
    ['linux', 'x64'],
    ['darwin', 'arm64'],
  ] as const)('%s/%s', (os, arch) => {
    expect(hostPlatform(os, arch)).toEqual({ os, arch });
  });

  it.each([
    ['win32', 'x64'],
    ['linux', 'ia32'],
  ] as const)('%s/%s throws', (os, arch) => {
    expect(() => hostPlatform(os, arch)).toThrow(`not on ${os}/${arch}`);
  });
});

describe('runwasi shim archives', () => {
  it('are for Linux only: the shim is a containerd shim', () => {
    expect(() => runwasiWasmtimeRelease.archive('0.6.0', { os: 'darwin', arch: 'arm64' })).toThrow(
      'runwasi publishes its shims for Linux only, not darwin',
    );
  });

  it('name arm64 as aarch64', () => {
    expect(runwasiWasmtimeRelease.archive('0.6.0', { os: 'linux', arch: 'arm64' }).path).toMatch(
      /containerd-shim-wasmtime-aarch64-linux-musl\.tar\.gz$/,
    );
  });
});
