// The AssemblyScript driver's LLB, pinned: the dependency step (only the manifest and lockfile in, npm's
// cache mounted, network on) and the compile step (asc with the WASI shim's config, network off).
import { describe, expect, it } from 'vitest';
import { WASI_SHIM_CONFIG, assemblyscriptDriver } from '../../../frontend/languages/assemblyscript.js';
import { NODE_IMAGE, NPM_CACHE_ID } from '../../../frontend/languages/npm.js';
import { chooseToolchainImage } from '../../../frontend/convert/toolchain.js';
import { execNamed, moduleOf, runDriver, type MountView } from './driver-llb.js';

const AS = 'language = "assemblyscript"\n';
const project = ['assembly/index.ts', 'package.json', 'package-lock.json'];
const PATH = 'PATH=/usr/local/bin:/usr/bin:/bin';

describe('assemblyscript driver: argv', () => {
  it.each([
    {
      name: 'release with a lockfile: npm ci, then asc -O',
      toml: AS,
      files: project,
      install: ['npm', 'ci', '--include=dev', '--no-audit', '--no-fund'],
      asc: ['assembly/index.ts', '--outFile', '/out/m.wasm', '--config', WASI_SHIM_CONFIG, '-O'],
    },
    {
      name: 'no lockfile: npm install',
      toml: AS,
      files: ['assembly/index.ts', 'package.json'],
      install: ['npm', 'install', '--include=dev', '--no-audit', '--no-fund'],
      asc: ['assembly/index.ts', '--outFile', '/out/m.wasm', '--config', WASI_SHIM_CONFIG, '-O'],
    },
    {
      name: 'npm-shrinkwrap.json counts as a lockfile',
      toml: AS,
      files: ['assembly/index.ts', 'npm-shrinkwrap.json', 'package.json'],
      install: ['npm', 'ci', '--include=dev', '--no-audit', '--no-fund'],
      asc: ['assembly/index.ts', '--outFile', '/out/m.wasm', '--config', WASI_SHIM_CONFIG, '-O'],
    },
    {
      name: 'debug profile, entry and options from wasm.toml, in that order after the config',
      toml: `${AS}profile = "debug"\n[module.assemblyscript]\nentry = "src/main.ts"\noptions = ["--runtime", "stub", "--noAssert"]`,
      files: ['package-lock.json', 'package.json', 'src/main.ts'],
      install: ['npm', 'ci', '--include=dev', '--no-audit', '--no-fund'],
      asc: [
        'src/main.ts',
        '--outFile',
        '/out/m.wasm',
        '--config',
        WASI_SHIM_CONFIG,
        '--debug',
        '--runtime',
        'stub',
        '--noAssert',
      ],
    },
  ])('$name', async ({ toml, files, install, asc }) => {
    const run = await runDriver(assemblyscriptDriver, moduleOf(toml), { files });
    expect(execNamed(run, '[m] npm').args).toEqual(install);
    expect(execNamed(run, '[m] asc').args).toEqual(['npx', '--no-install', 'asc', ...asc]);
    expect(run.result.path).toBe('/m.wasm');
  });
});

describe('assemblyscript driver: the dependency step sees only the manifest and lockfile', () => {
  it.each([
    { source: '.', files: project, copied: ['package.json', 'package-lock.json'] },
    { source: 'web/wasm', files: ['assembly/index.ts', 'package.json'], copied: ['package.json'] },
  ])('source $source copies $copied', async ({ source, files, copied }) => {
    const run = await runDriver(assemblyscriptDriver, moduleOf(`${AS}source = "${source}"`), { files });
    const prefix = source === '.' ? '' : `/${source}`;
    expect(run.copies).toEqual(
      copied.map((f) => ({
        name: `[m] npm manifest (${copied.join(', ')})`,
        from: 'context',
        src: `${prefix}/${f}`,
        dest: `/${f}`,
        contentsOnly: false,
        include: [],
        ignoreCache: false,
      })),
    );
    const install = execNamed(run, '[m] npm');
    expect(install.mounts.find((m) => m.dest === '/deps')?.from).toBe(run.copies[0]!.name);
    expect(install.mounts.some((m) => m.from === 'context')).toBe(false);
  });
});

describe('assemblyscript driver: env, cwd, network and mounts', () => {
  const cache = (dest: string): MountView => ({
    dest,
    type: 'cache',
    cache: { id: NPM_CACHE_ID, sharing: 'shared' },
  });

  it.each([
    {
      name: 'defaults',
      toml: AS,
      imageEnv: [PATH],
      cacheDir: '/root/.npm',
      env: [PATH, 'npm_config_cache=/root/.npm', 'npm_config_update_notifier=false'],
      source: '.',
    },
    {
      name: "the image's npm cache directory and the module's env (last, so it wins)",
      toml: `${AS}source = "app"\nenv = { npm_config_registry = "http://mirror.test/", NODE_OPTIONS = "--max-old-space-size=4096" }`,
      imageEnv: [PATH, 'npm_config_cache=/var/cache/npm'],
      cacheDir: '/var/cache/npm',
      env: [
        PATH,
        'npm_config_cache=/var/cache/npm',
        'npm_config_update_notifier=false',
        'npm_config_registry=http://mirror.test/',
        'NODE_OPTIONS=--max-old-space-size=4096',
      ],
      source: 'app',
    },
  ])('$name', async ({ toml, imageEnv, cacheDir, env, source }) => {
    const run = await runDriver(assemblyscriptDriver, moduleOf(toml), { files: project, imageEnv });
    expect(run.execs).toHaveLength(2);
    const install = execNamed(run, '[m] npm ci');
    const compile = execNamed(run, '[m] asc');
    const cwd = source === '.' ? '/src' : `/src/${source}`;

    expect(install).toMatchObject({ env, cwd: '/deps', network: 'sandbox', ignoreCache: false });
    expect(install.mounts).toEqual([
      { dest: '/', type: 'bind', from: 'toolchain' },
      {
        dest: '/deps',
        type: 'bind',
        from: '[m] npm manifest (package.json, package-lock.json)',
        writable: true,
      },
      cache(cacheDir),
    ]);

    expect(compile).toMatchObject({ env, cwd, network: 'none', ignoreCache: false });
    expect(compile.mounts).toEqual([
      { dest: '/', type: 'bind', from: 'toolchain' },
      { dest: '/out', type: 'bind', from: 'scratch', writable: true },
      { dest: '/src', type: 'bind', from: 'context', writable: true },
      {
        dest: `${cwd}/node_modules`,
        type: 'bind',
        from: '[m] npm ci #1',
        selector: '/node_modules',
        readonly: true,
      },
    ]);
    // The module is read from the compile step's /out.
    expect(run.result.path).toBe('/m.wasm');
  });

  it('--no-cache reaches the manifest copy and both steps', async () => {
    const run = await runDriver(assemblyscriptDriver, moduleOf(AS), { files: project, ignoreCache: true });
    expect(run.copies.map((c) => c.ignoreCache)).toEqual([true, true]);
    expect(run.execs.map((e) => e.ignoreCache)).toEqual([true, true]);
  });
});

describe('assemblyscript driver: target = "wasip2"', () => {
  it.each([
    { target: 'wasip1', extraEntry: [], componentize: undefined },
    { target: 'wasip2', extraEntry: ['.wasm-build/component-realloc.ts'], componentize: true },
  ])('$target', async ({ target, extraEntry, componentize }) => {
    const run = await runDriver(assemblyscriptDriver, moduleOf(`${AS}target = "${target}"`), {
      files: project,
    });
    const compile = execNamed(run, '[m] asc');
    expect(compile.args.slice(3, 4 + extraEntry.length)).toEqual(['assembly/index.ts', ...extraEntry]);
    const realloc = compile.mounts.filter((m) => m.dest === '/src/.wasm-build');
    expect(realloc).toEqual(
      componentize
        ? [
            {
              dest: '/src/.wasm-build',
              type: 'bind',
              from: '[m] cabi_realloc for the preview1 adapter',
              readonly: true,
            },
          ]
        : [],
    );
    expect(run.result.componentize).toBe(componentize);
  });
});

describe('assemblyscript driver: errors and image', () => {
  it.each([
    { files: ['assembly/index.ts'], message: /no package\.json under "\."/ },
    { files: ['package.json', 'src/index.ts'], message: /entry "assembly\/index\.ts" is not under "\."/ },
  ])('refuses $files', async ({ files, message }) => {
    await expect(runDriver(assemblyscriptDriver, moduleOf(AS), { files })).rejects.toThrow(message);
  });

  it.each([
    ['', new Map<string, string>(), NODE_IMAGE],
    [
      '[module.toolchain]\nversion = "22-bookworm-slim"',
      new Map(),
      'docker.io/library/node:22-bookworm-slim',
    ],
    [
      '',
      new Map([['WASM_TOOLCHAIN_IMAGE_ASSEMBLYSCRIPT', 'mirror.test/node-npm:24']]),
      'mirror.test/node-npm:24',
    ],
  ])('toolchain image for %j with %o is %s', (toml, args, ref) => {
    expect(chooseToolchainImage(moduleOf(AS + toml), assemblyscriptDriver, args)).toBe(ref);
  });

  it('defaults to the official Node.js LTS image on bookworm', () => {
    expect(NODE_IMAGE).toMatch(/^docker\.io\/library\/node:\d+-bookworm-slim$/);
  });
});
