// The TinyGo driver, pinned. No registry reachable from the testbed ships TinyGo (it needs LLVM and the
// wasi-libc/compiler-rt sources of its release archives), so these tests are its verification: the
// `tinygo build` argv per setting, the -ldflags quoting tinygo's shlex reads back, and the LLB of both
// steps read back from the marshaled Definition.
import { describe, expect, it } from 'vitest';
import type { ModuleSpec } from '../../../src/wasm-toml/index.js';
import { image, local } from '../../../frontend/llb/index.js';
import { FrontendError } from '../../../frontend/gateway/index.js';
import type { BuildInputs } from '../../../frontend/languages/driver.js';
import { driverFor } from '../../../frontend/languages/index.js';
import { TINYGO_IMAGE, shlexQuote, tinygoArgs, tinygoDriver } from '../../../frontend/languages/tinygo.js';
import { chooseToolchainImage } from '../../../frontend/convert/toolchain.js';
import { viewLlb, type LlbView } from '../llb/view.js';
import { moduleOf as parsedModule } from '../../support/wasm-toml.js';
import { fakeInputs } from './driver-llb.js';

const moduleOf = (text: string) => parsedModule(`name = "m"\nlanguage = "tinygo"\n${text}`);

/**
 * github.com/google/shlex's Split, the subset of its states a quoted word can reach: blanks separate
 * words, '...' is literal, "..." and a bare backslash escape the next character, and # opens a comment
 * at the start of a word.
 */
function shlexSplit(s: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === '#' && word === undefined) {
      while (i < s.length && s[i] !== '\n') i++;
    } else if (c === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) throw new Error('unclosed single quote');
      word = (word ?? '') + s.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      word ??= '';
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\') i++;
        word += s[i] ?? '';
        i++;
      }
      if (i >= s.length) throw new Error('unclosed double quote');
      i++;
    } else if (c === '\\') {
      word = (word ?? '') + (s[i + 1] ?? '');
      i += 2;
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

describe('tinygoArgs', () => {
  it.each([
    {
      name: 'release: smallest code (-opt=z), no debug info',
      toml: '',
      args: ['tinygo', 'build', '-target=wasip1', '-opt=z', '-no-debug', '-o', '/out/m.wasm', '.'],
    },
    {
      name: 'debug: few optimisations, debug info kept',
      toml: 'profile = "debug"',
      args: ['tinygo', 'build', '-target=wasip1', '-opt=1', '-o', '/out/m.wasm', '.'],
    },
    {
      name: 'release without strip keeps debug info',
      toml: '[module.optimize]\nstrip = false',
      args: ['tinygo', 'build', '-target=wasip1', '-opt=z', '-o', '/out/m.wasm', '.'],
    },
    {
      name: 'wasip2: a component',
      toml: 'target = "wasip2"',
      args: ['tinygo', 'build', '-target=wasip2', '-opt=z', '-no-debug', '-o', '/out/m.wasm', '.'],
    },
    {
      name: 'tags, -X ldflags (quoted for shlex) and the package',
      toml: '[module.tinygo]\ntags = ["purego", "tiny"]\nldflags = ["-X main.version=1.0 (beta)", "-X main.commit=abc"]\npackage = "./cmd/app"',
      args: [
        'tinygo',
        'build',
        '-target=wasip1',
        '-opt=z',
        '-no-debug',
        '-tags=purego,tiny',
        "-ldflags=-X 'main.version=1.0 (beta)' -X main.commit=abc",
        '-o',
        '/out/m.wasm',
        './cmd/app',
      ],
    },
  ])('$name', ({ toml, args }) => {
    expect(tinygoArgs(moduleOf(toml), '/out/m.wasm')).toEqual(args);
  });

  it.each([
    ['a bad tag', '[module.tinygo]\ntags = ["a,b"]', /tinygo\.tags: "a,b" is not a build tag/],
    [
      'a package that is a flag',
      '[module.tinygo]\npackage = "-x"',
      /tinygo\.package "-x" must be a package path/,
    ],
  ])('rejects %s', (_, toml, message) => {
    expect(() => tinygoArgs(moduleOf(toml), '/out/m.wasm')).toThrow(FrontendError);
    expect(() => tinygoArgs(moduleOf(toml), '/out/m.wasm')).toThrow(message);
  });
});

describe('shlexQuote', () => {
  it.each([
    [['-X', 'main.v=1.0'], '-X main.v=1.0'],
    [['-X', 'main.v=a b'], "-X 'main.v=a b'"],
    [['-X', "main.v=it's"], "-X 'main.v=it'\\''s'"],
    [['-X', 'main.v=say "hi" \\o/'], `-X 'main.v=say "hi" \\o/'`],
    [['-X', 'main.v=#1'], "-X 'main.v=#1'"],
    [['-X', '#x'], "-X '#x'"],
    [['-X', 'main.v=$HOME'], "-X 'main.v=$HOME'"],
    [['-X', 'main.v='], '-X main.v='],
    [['-X', 'main.v=héllo'], "-X 'main.v=héllo'"],
  ])('%j -> %s, which shlex splits back', (argv, quoted) => {
    expect(shlexQuote(argv)).toBe(quoted);
    expect(shlexSplit(shlexQuote(argv))).toEqual(argv);
  });
});

function inputsFor(module: ModuleSpec, files: readonly string[]): BuildInputs {
  return fakeInputs(module, files, { toolchain: image(TINYGO_IMAGE), context: local('context') });
}

async function llbOf(module: ModuleSpec, files: readonly string[]): Promise<LlbView> {
  const built = await tinygoDriver.build(inputsFor(module, files));
  expect(built.path).toBe(`/${module.name}.wasm`);
  return viewLlb(built.output);
}

const IMAGE = `docker-image://${TINYGO_IMAGE}`;

describe('tinygoDriver LLB', () => {
  it('is the driver for language "tinygo", with the official image pinned', () => {
    expect(driverFor('tinygo')).toBe(tinygoDriver);
    expect(TINYGO_IMAGE).toMatch(/^docker\.io\/tinygo\/tinygo:\d+\.\d+\.\d+$/);
    expect(chooseToolchainImage(moduleOf(''), tinygoDriver, new Map())).toBe(TINYGO_IMAGE);
    expect(
      chooseToolchainImage(
        moduleOf(''),
        tinygoDriver,
        new Map([['WASM_TOOLCHAIN_IMAGE_TINYGO', 'mirror/tinygo:0.41.1']]),
      ),
    ).toBe('mirror/tinygo:0.41.1');
  });

  const cases = [
    {
      name: 'with a go.sum: go mod download, then an offline tinygo build on its module cache',
      toml: 'target = "wasip2"\n[module.tinygo]\npackage = "./cmd/app"',
      files: ['cmd/app/main.go', 'go.mod', 'go.sum'],
      execs: [
        {
          name: '[m] go mod download',
          args: ['go', 'mod', 'download'],
          cwd: '/src',
          user: '0:0',
          network: 'sandbox',
          ignoreCache: false,
          env: [
            'GOTOOLCHAIN=local',
            'GOMODCACHE=/wasm-build/gomodcache',
            'GOCACHE=/wasm-build/gocache',
            'XDG_CACHE_HOME=/wasm-build/xdg-cache',
          ],
          mounts: [
            { dest: '/', type: 'bind', from: IMAGE },
            { dest: '/src', type: 'bind', from: '[m] go.mod and go.sum', readonly: true },
            { dest: '/wasm-build/gomodcache', type: 'bind', from: 'scratch', writable: true },
          ],
        },
        {
          name: '[m] tinygo build -target=wasip2 ./cmd/app',
          args: [
            'tinygo',
            'build',
            '-target=wasip2',
            '-opt=z',
            '-no-debug',
            '-o',
            '/out/m.wasm',
            './cmd/app',
          ],
          cwd: '/src',
          user: '0:0',
          network: 'none',
          ignoreCache: false,
          env: [
            'GOTOOLCHAIN=local',
            'GOMODCACHE=/wasm-build/gomodcache',
            'GOCACHE=/wasm-build/gocache',
            'XDG_CACHE_HOME=/wasm-build/xdg-cache',
            'GOPROXY=off',
          ],
          mounts: [
            { dest: '/', type: 'bind', from: IMAGE },
            { dest: '/out', type: 'bind', from: 'scratch', writable: true },
            { dest: '/src', type: 'bind', from: 'local://context', readonly: true },
            {
              dest: '/wasm-build/gocache',
              type: 'cache',
              cache: { id: 'wasm-build/go-build-cache', sharing: 'shared' },
            },
            {
              dest: '/wasm-build/gomodcache',
              type: 'bind',
              from: '[m] go mod download #1',
              readonly: true,
            },
            {
              dest: '/wasm-build/xdg-cache',
              type: 'cache',
              cache: { id: 'wasm-build/tinygo-cache', sharing: 'shared' },
            },
          ],
        },
      ],
    },
    {
      name: 'standard library only (no go.sum): one offline step, no module cache',
      toml: 'source = "apps/hello"\nenv = { GOFLAGS = "-mod=mod" }',
      files: ['go.mod', 'main.go'],
      execs: [
        {
          name: '[m] tinygo build -target=wasip1 .',
          args: ['tinygo', 'build', '-target=wasip1', '-opt=z', '-no-debug', '-o', '/out/m.wasm', '.'],
          cwd: '/src/apps/hello',
          user: '0:0',
          network: 'none',
          ignoreCache: false,
          env: [
            'GOTOOLCHAIN=local',
            'GOFLAGS=-mod=mod',
            'GOMODCACHE=/wasm-build/gomodcache',
            'GOCACHE=/wasm-build/gocache',
            'XDG_CACHE_HOME=/wasm-build/xdg-cache',
            'GOPROXY=off',
          ],
          mounts: [
            { dest: '/', type: 'bind', from: IMAGE },
            { dest: '/out', type: 'bind', from: 'scratch', writable: true },
            { dest: '/src', type: 'bind', from: 'local://context', readonly: true },
            {
              dest: '/wasm-build/gocache',
              type: 'cache',
              cache: { id: 'wasm-build/go-build-cache', sharing: 'shared' },
            },
            {
              dest: '/wasm-build/xdg-cache',
              type: 'cache',
              cache: { id: 'wasm-build/tinygo-cache', sharing: 'shared' },
            },
          ],
        },
      ],
    },
  ];

  it.each(cases)('$name', async ({ toml, files, execs }) => {
    const view = await llbOf(moduleOf(toml), files);
    expect(view.execs).toEqual(execs);
  });

  it('copies only module and workspace files into the download step', async () => {
    const view = await llbOf(moduleOf(''), ['go.mod', 'go.sum', 'main.go']);
    expect(view.copies).toEqual([
      {
        name: '[m] go.mod and go.sum',
        from: 'local://context',
        src: '/',
        dest: '/',
        contentsOnly: true,
        include: ['**/go.mod', '**/go.sum', 'go.work', 'go.work.sum'],
        ignoreCache: false,
      },
    ]);
  });
});
