// The Go driver, pinned: what reaches `go build` for each wasm.toml setting, how -ldflags is quoted, and
// the LLB of both steps (argv, env, user, network, mounts) read back from the marshaled Definition.
import { describe, expect, it } from 'vitest';
import { applyBuildArgs, parseWasmToml, type ModuleSpec } from '../../../src/wasm-toml/index.js';
import { image, local } from '../../../frontend/llb/index.js';
import { FrontendError } from '../../../frontend/gateway/index.js';
import type { BuildInputs } from '../../../frontend/languages/driver.js';
import { driverFor } from '../../../frontend/languages/index.js';
import { GO_IMAGE, goBuildArgs, goDriver, goQuote, linkerArgs } from '../../../frontend/languages/go.js';
import { chooseToolchainImage } from '../../../frontend/convert/toolchain.js';
import { envMap, viewLlb, type ExecView, type LlbView } from '../llb/view.js';
import { moduleOf as parsedModule } from '../../support/wasm-toml.js';
import { fakeInputs } from './driver-llb.js';

const moduleOf = (text: string) => parsedModule(`name = "m"\nlanguage = "go"\n${text}`);

/** cmd/internal/quoted.Split from Go's source: how `go build` reads the -ldflags value back. */
function goSplit(s: string): string[] {
  const space = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  const f: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && space(s[i])) i++;
    if (i >= s.length) break;
    if (s[i] === '"' || s[i] === "'") {
      const quote = s[i]!;
      const end = s.indexOf(quote, i + 1);
      if (end < 0) throw new Error(`unterminated ${quote} string`);
      f.push(s.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    const start = i;
    while (i < s.length && !space(s[i])) i++;
    f.push(s.slice(start, i));
  }
  return f;
}

describe('goBuildArgs', () => {
  it('builds a stripped release module with -trimpath and no VCS stamping', () => {
    expect(goBuildArgs(moduleOf(''), '/out/m.wasm')).toEqual([
      'go',
      'build',
      '-trimpath',
      '-buildvcs=false',
      '-ldflags=-s -w',
      '-o',
      '/out/m.wasm',
      '.',
    ]);
  });

  it.each([
    {
      name: 'debug: no optimisation or inlining, not stripped',
      toml: 'profile = "debug"',
      args: ['go', 'build', '-trimpath', '-buildvcs=false', '-gcflags=all=-N -l', '-o', '/out/m.wasm', '.'],
    },
    {
      name: 'release without strip: no -ldflags at all',
      toml: '[module.optimize]\nstrip = false',
      args: ['go', 'build', '-trimpath', '-buildvcs=false', '-o', '/out/m.wasm', '.'],
    },
    {
      name: 'tags are joined with commas',
      toml: '[module.go]\ntags = ["netgo", "wasm_build.v2"]',
      args: [
        'go',
        'build',
        '-trimpath',
        '-buildvcs=false',
        '-tags=netgo,wasm_build.v2',
        '-ldflags=-s -w',
        '-o',
        '/out/m.wasm',
        '.',
      ],
    },
    {
      name: 'ldflags follow -s -w; a value with spaces is quoted',
      toml: '[module.go]\nldflags = ["-X main.version=1.0 (beta)", "-X=main.commit=abc"]\npackage = "./cmd/app"',
      args: [
        'go',
        'build',
        '-trimpath',
        '-buildvcs=false',
        "-ldflags=-s -w -X 'main.version=1.0 (beta)' -X=main.commit=abc",
        '-o',
        '/out/m.wasm',
        './cmd/app',
      ],
    },
    {
      name: 'an import path as the package',
      toml: '[module.go]\npackage = "example.com/tool/cmd/app"',
      args: [
        'go',
        'build',
        '-trimpath',
        '-buildvcs=false',
        '-ldflags=-s -w',
        '-o',
        '/out/m.wasm',
        'example.com/tool/cmd/app',
      ],
    },
  ])('$name', ({ toml, args }) => {
    expect(goBuildArgs(moduleOf(toml), '/out/m.wasm')).toEqual(args);
  });

  it.each([
    ['a tag with a comma', '[module.go]\ntags = ["a,b"]', /go\.tags: "a,b" is not a build tag/],
    ['a tag with a space', '[module.go]\ntags = ["a b"]', /go\.tags: "a b" is not a build tag/],
    [
      'a package that is a flag',
      '[module.go]\npackage = "-toolexec=x"',
      /go\.package "-toolexec=x" must be a package path/,
    ],
    [
      'ldflags starting with a non-flag (go would read a package pattern)',
      '[module.optimize]\nstrip = false\n[module.go]\nldflags = ["main.version=1"]',
      /go\.ldflags must start with a flag/,
    ],
    [
      'an ldflags value holding both quotes',
      '[module.go]\nldflags = ["-X main.msg=it\'s \\"x\\""]',
      /go\.ldflags: .* holds both ' and "/,
    ],
  ])('rejects %s', (_, toml, message) => {
    const call = () => goBuildArgs(moduleOf(toml), '/out/m.wasm');
    expect(call).toThrow(FrontendError);
    expect(call).toThrow(message);
  });
});

describe('ldflags quoting', () => {
  it.each([
    [
      ['-s', '-w'],
      ['-s', '-w'],
    ],
    [['-X main.v=1'], ['-X', 'main.v=1']],
    [['-X   main.v=1 2  '], ['-X', 'main.v=1 2  ']],
    [['-X=main.v=a b'], ['-X=main.v=a', 'b']],
    [
      ['-X', 'main.v=a b'],
      ['-X', 'main.v=a b'],
    ],
    [['-extldflags -static -v'], ['-extldflags', '-static -v']],
    [['', '  ', '-s'], ['-s']],
    [['-s '], ['-s']],
  ])('%j splits into the linker argv %j', (elements, argv) => {
    expect(linkerArgs(elements)).toEqual(argv);
  });

  it.each([
    ['plain', ['-s', '-w', '-X', 'main.v=1.0'], '-s -w -X main.v=1.0'],
    ['a space', ['-X', 'main.v=a b'], "-X 'main.v=a b'"],
    ['a tab and a newline', ['-X', 'main.v=a\tb\nc'], "-X 'main.v=a\tb\nc'"],
    ['a single quote', ['-X', "main.v=it's"], `-X "main.v=it's"`],
    ['a double quote', ['-X', 'main.v=say "hi"'], `-X 'main.v=say "hi"'`],
    ['non-ASCII', ['-X', 'main.v=héllo wörld'], "-X 'main.v=héllo wörld'"],
    ['a quote alone', ['-X', "main.v='"], `-X "main.v='"`],
  ])('quotes %s as go expects, and go reads it back', (_, argv, joined) => {
    expect(goQuote(argv)).toBe(joined);
    expect(goSplit(goQuote(argv))).toEqual(argv);
  });

  it('refuses an argument holding both quotes', () => {
    expect(() => goQuote(['a\'b"c'])).toThrow(/both ' and "/);
  });

  it('quotes what build args expand to', () => {
    const parsed = parseWasmToml(
      '[build-args]\nVERSION = "dev"\n[module]\nname = "m"\nlanguage = "go"\n[module.go]\nldflags = ["-X main.version=${VERSION}"]\n',
    );
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    const ldflags = (buildArgs: Record<string, string>) =>
      goBuildArgs(applyBuildArgs(parsed.spec, buildArgs).module[0]!, '/out/m.wasm').find((a) =>
        a.startsWith('-ldflags='),
      );
    expect(ldflags({})).toBe('-ldflags=-s -w -X main.version=dev');
    expect(ldflags({ VERSION: "1.2 (Beta's)" })).toBe(`-ldflags=-s -w -X "main.version=1.2 (Beta's)"`);
  });
});

function inputsFor(module: ModuleSpec, files: readonly string[], ignoreCache = false): BuildInputs {
  return fakeInputs(module, files, { toolchain: image(GO_IMAGE), context: local('context'), ignoreCache });
}

async function llbOf(module: ModuleSpec, files: readonly string[]): Promise<LlbView> {
  const built = await goDriver.build(inputsFor(module, files));
  expect(built.path).toBe(`/${module.name}.wasm`);
  return viewLlb(built.output);
}

const IMAGE = `docker-image://${GO_IMAGE}`;
const exec = (view: LlbView, name: string): ExecView => {
  const found = view.execs.find((e) => e.name === name);
  if (!found) throw new Error(`no exec "${name}" in ${view.execs.map((e) => e.name).join(', ')}`);
  return found;
};

describe('goDriver LLB', () => {
  it('is the driver for language "go", with the official image pinned', () => {
    expect(driverFor('go')).toBe(goDriver);
    expect(GO_IMAGE).toMatch(/^docker\.io\/library\/golang:\d+\.\d+\.\d+$/);
    expect(chooseToolchainImage(moduleOf(''), goDriver, new Map())).toBe(GO_IMAGE);
    expect(
      chooseToolchainImage(moduleOf(''), goDriver, new Map([['WASM_TOOLCHAIN_IMAGE_GO', 'mirror/go:1']])),
    ).toBe('mirror/go:1');
    expect(
      chooseToolchainImage(moduleOf('[module.toolchain]\nversion = "1.26.8"'), goDriver, new Map()),
    ).toBe('docker.io/library/golang:1.26.8');
  });

  it('downloads modules over go.mod/go.sum alone, then builds offline with them read-only', async () => {
    const view = await llbOf(moduleOf('[module.go]\npackage = "./cmd/app"'), [
      'cmd/app/main.go',
      'go.mod',
      'go.sum',
      'internal/x/x.go',
    ]);
    expect(view.execs.map((e) => e.name)).toEqual(['[m] go mod download', '[m] go build ./cmd/app']);
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

    const download = exec(view, '[m] go mod download');
    expect(download).toMatchObject({
      args: ['go', 'mod', 'download'],
      cwd: '/src',
      user: '0:0',
      network: 'sandbox',
    });
    expect(download.mounts).toEqual([
      { dest: '/', type: 'bind', from: IMAGE },
      { dest: '/src', type: 'bind', from: '[m] go.mod and go.sum', readonly: true },
      { dest: '/wasm-build/gomodcache', type: 'bind', from: 'scratch', writable: true },
    ]);
    expect(download.env).toEqual([
      'GOTOOLCHAIN=local',
      'GOMODCACHE=/wasm-build/gomodcache',
      'GOCACHE=/wasm-build/gocache',
      'GOOS=wasip1',
      'GOARCH=wasm',
    ]);

    const build = exec(view, '[m] go build ./cmd/app');
    expect(build).toMatchObject({
      args: [
        'go',
        'build',
        '-trimpath',
        '-buildvcs=false',
        '-ldflags=-s -w',
        '-o',
        '/out/m.wasm',
        './cmd/app',
      ],
      cwd: '/src',
      user: '0:0',
      network: 'none',
    });
    expect(build.mounts).toEqual([
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
    ]);
    expect(build.env).toEqual([
      'GOTOOLCHAIN=local',
      'GOMODCACHE=/wasm-build/gomodcache',
      'GOCACHE=/wasm-build/gocache',
      'GOOS=wasip1',
      'GOARCH=wasm',
      'GOPROXY=off',
    ]);
  });

  it.each([
    {
      name: 'no go.sum: nothing to download, no module cache',
      files: ['go.mod', 'main.go'],
    },
    {
      name: 'vendor/modules.txt: go builds from vendor/',
      files: ['go.mod', 'go.sum', 'main.go', 'vendor/modules.txt', 'vendor/example.com/x/x.go'],
    },
  ])('$name', async ({ files }) => {
    const view = await llbOf(moduleOf(''), files);
    expect(view.execs.map((e) => e.name)).toEqual(['[m] go build .']);
    expect(view.copies).toEqual([]);
    expect(view.execs[0]!.mounts.map((m) => m.dest)).toEqual(['/', '/out', '/src', '/wasm-build/gocache']);
    expect(envMap(view.execs[0]!.env).GOPROXY).toBe('off');
  });

  it('runs both steps in the module directory when source is a subdirectory', async () => {
    const view = await llbOf(moduleOf('source = "services/greeter"'), ['go.mod', 'go.sum', 'main.go']);
    expect(view.copies[0]).toMatchObject({ src: '/services/greeter', dest: '/', contentsOnly: true });
    const [download, build] = view.execs;
    expect(download!.cwd).toBe('/src/services/greeter');
    expect(download!.mounts.find((m) => m.dest === '/src/services/greeter')).toMatchObject({
      readonly: true,
    });
    expect(build!.cwd).toBe('/src/services/greeter');
    expect(build!.mounts.find((m) => m.dest === '/src')).toMatchObject({ from: 'local://context' });
  });

  it("lets the module's env set GOPROXY for the download, never for the offline build", async () => {
    const view = await llbOf(
      moduleOf(
        'env = { GOPROXY = "https://goproxy.internal", GOFLAGS = "-mod=readonly", GOOS = "linux", GOMODCACHE = "/elsewhere" }',
      ),
      ['go.mod', 'go.sum', 'main.go'],
    );
    const [download, build] = view.execs.map((e) => envMap(e.env));
    expect(download).toMatchObject({
      GOPROXY: 'https://goproxy.internal',
      GOFLAGS: '-mod=readonly',
      GOOS: 'wasip1',
      GOMODCACHE: '/wasm-build/gomodcache',
    });
    expect(build).toMatchObject({ GOPROXY: 'off', GOFLAGS: '-mod=readonly', GOOS: 'wasip1', GOARCH: 'wasm' });
  });

  it('marks every step ignore-cache under --no-cache', async () => {
    const built = await goDriver.build(inputsFor(moduleOf(''), ['go.mod', 'go.sum', 'main.go'], true));
    const view = viewLlb(built.output);
    const steps = [...view.execs, ...view.copies];
    expect(steps).toHaveLength(3);
    for (const step of steps) expect(step.ignoreCache).toBe(true);
  });

  it('explains a missing go.mod', async () => {
    const build = goDriver.build(inputsFor(moduleOf('source = "cmd/app"'), ['main.go']));
    await expect(build).rejects.toThrow(FrontendError);
    await expect(build).rejects.toThrow(
      /module "m": no go.mod in "cmd\/app": "source" is the Go module's root/,
    );
  });
});
