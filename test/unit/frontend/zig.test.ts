// The Zig driver's LLB, pinned: one `zig build-exe` for wasm32-wasi over the read-only sources, network
// off, Zig's global and local caches on cache mounts.
import { describe, expect, it } from 'vitest';
import {
  ZIG_GLOBAL_CACHE_ID,
  ZIG_IMAGE,
  ZIG_LOCAL_CACHE_ID,
  ZIG_VERSION,
  zigDriver,
} from '../../../frontend/languages/zig.js';
import { chooseToolchainImage } from '../../../frontend/convert/toolchain.js';
import { execNamed, moduleOf, runDriver } from './driver-llb.js';

const ZIG = 'language = "zig"\n';
const PATH = 'PATH=/usr/local/bin:/usr/bin:/bin';
const GLOBAL = 'ZIG_GLOBAL_CACHE_DIR=/var/cache/zig/global';
const LOCAL = 'ZIG_LOCAL_CACHE_DIR=/var/cache/zig/local';

describe('zig driver: argv', () => {
  it.each([
    {
      name: 'release: ReleaseSmall, stripped',
      toml: ZIG,
      files: ['src/main.zig'],
      args: [
        'src/main.zig',
        '-target',
        'wasm32-wasi',
        '-O',
        'ReleaseSmall',
        '-fstrip',
        '-femit-bin=/out/m.wasm',
      ],
    },
    {
      name: 'debug: Debug, symbols kept',
      toml: `${ZIG}profile = "debug"`,
      files: ['src/main.zig'],
      args: ['src/main.zig', '-target', 'wasm32-wasi', '-O', 'Debug', '-fno-strip', '-femit-bin=/out/m.wasm'],
    },
    {
      name: 'release with strip = false keeps symbols',
      toml: `${ZIG}[module.optimize]\nstrip = false`,
      files: ['src/main.zig'],
      args: [
        'src/main.zig',
        '-target',
        'wasm32-wasi',
        '-O',
        'ReleaseSmall',
        '-fno-strip',
        '-femit-bin=/out/m.wasm',
      ],
    },
    {
      name: 'root and options from wasm.toml; options come last',
      toml: `${ZIG}[module.zig]\nroot = "main.zig"\noptions = ["-fsingle-threaded", "--stack", "65536"]`,
      files: ['main.zig'],
      args: [
        'main.zig',
        '-target',
        'wasm32-wasi',
        '-O',
        'ReleaseSmall',
        '-fstrip',
        '-femit-bin=/out/m.wasm',
        '-fsingle-threaded',
        '--stack',
        '65536',
      ],
    },
  ])('$name', async ({ toml, files, args }) => {
    const run = await runDriver(zigDriver, moduleOf(toml), { files });
    expect(run.execs).toHaveLength(1);
    expect(execNamed(run, '[m] zig build-exe').args).toEqual(['zig', 'build-exe', ...args]);
    expect(run.result.path).toBe('/m.wasm');
  });
});

describe('zig driver: env, cwd, network and mounts', () => {
  it.each([
    { name: 'defaults', toml: ZIG, cwd: '/src', env: [PATH, GLOBAL, LOCAL] },
    {
      name: "a source directory and the module's env, after the cache variables",
      toml: `${ZIG}source = "tools/grep"\nenv = { ZIG_LOCAL_CACHE_DIR = "/tmp/zc", LANG = "C" }`,
      cwd: '/src/tools/grep',
      // A key set again moves to the end, as in BuildKit's client: the module's value wins.
      env: [PATH, GLOBAL, 'ZIG_LOCAL_CACHE_DIR=/tmp/zc', 'LANG=C'],
    },
  ])('$name', async ({ toml, cwd, env }) => {
    const run = await runDriver(zigDriver, moduleOf(toml), { files: ['src/main.zig'] });
    const exec = execNamed(run, '[m] zig build-exe src/main.zig');
    expect(exec).toMatchObject({ cwd, env, network: 'none', ignoreCache: false });
    expect(exec.mounts).toEqual([
      { dest: '/', type: 'bind', from: 'toolchain' },
      { dest: '/out', type: 'bind', from: 'scratch', writable: true },
      { dest: '/src', type: 'bind', from: 'context', readonly: true },
      { dest: '/var/cache/zig/global', type: 'cache', cache: { id: ZIG_GLOBAL_CACHE_ID, sharing: 'shared' } },
      { dest: '/var/cache/zig/local', type: 'cache', cache: { id: ZIG_LOCAL_CACHE_ID, sharing: 'shared' } },
    ]);
  });

  it('--no-cache reaches the compile step', async () => {
    const run = await runDriver(zigDriver, moduleOf(ZIG), { files: ['src/main.zig'], ignoreCache: true });
    expect(run.execs.map((e) => e.ignoreCache)).toEqual([true]);
  });
});

describe('zig driver: errors and image', () => {
  it('refuses a missing root source file, naming the key to set', async () => {
    await expect(runDriver(zigDriver, moduleOf(ZIG), { files: ['main.zig'] })).rejects.toThrow(
      /root source file "src\/main\.zig" is not under "\." \(set zig\.root\)/,
    );
  });

  it.each([
    ['', new Map<string, string>(), ZIG_IMAGE],
    ['[module.toolchain]\nversion = "0.16.0"', new Map(), 'docker.io/euantorano/zig:0.16.0'],
    ['[module.toolchain]\nimage = "mirror.test/zig"', new Map(), `mirror.test/zig:${ZIG_VERSION}`],
    ['', new Map([['WASM_TOOLCHAIN_IMAGE_ZIG', 'mirror.test/zig:1']]), 'mirror.test/zig:1'],
  ])('toolchain image for %j with %o is %s', (toml, args, ref) => {
    expect(chooseToolchainImage(moduleOf(ZIG + toml), zigDriver, args)).toBe(ref);
  });

  it('pins a release in the built-in image tag', () => {
    expect(ZIG_IMAGE).toBe(`docker.io/euantorano/zig:${ZIG_VERSION}`);
    expect(ZIG_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
