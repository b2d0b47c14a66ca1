// The frontend's pure pieces: platforms, SOURCE_DATE_EPOCH, the image config, toolchain choice, globs.
import { describe, expect, it } from 'vitest';
import type { ModuleSpec } from '../../../src/wasm-toml/index.js';
import { targetPlatforms } from '../../../frontend/request/build.js';
import { formatPlatform } from '../../../src/primitives/platform.js';
import { imageConfig, sourceDateEpoch } from '../../../frontend/request/image-config.js';
import { chooseToolchainImage, toolchainOverrideArg } from '../../../frontend/convert/toolchain.js';
import { matchFiles } from '../../../frontend/convert/context-files.js';
import { cDriver } from '../../../frontend/languages/c.js';
import { FrontendError } from '../../../frontend/gateway/index.js';
import { specOf } from '../../support/wasm-toml.js';

const spec = specOf;
const moduleOf = (text: string): ModuleSpec => spec(text).module[0]!;

describe('targetPlatforms', () => {
  it('defaults to wasi/wasm', () => {
    expect(targetPlatforms([])).toEqual([{ os: 'wasi', architecture: 'wasm' }]);
  });
  it.each([
    [{ os: 'wasi', architecture: 'wasm' }, 'wasi/wasm'],
    [{ os: 'wasip1', architecture: 'wasm' }, 'wasip1/wasm'],
  ])('accepts %o as %s', (p, id) => {
    expect(targetPlatforms([p]).map(formatPlatform)).toEqual([id]);
  });
  it.each([
    { os: 'linux', architecture: 'amd64' },
    { os: 'wasi', architecture: 'wasm32' },
  ])('rejects %o with a hint', (p) => {
    expect(() => targetPlatforms([p])).toThrow(FrontendError);
    expect(() => targetPlatforms([p])).toThrow(/use --platform wasi\/wasm/);
  });
});

describe('sourceDateEpoch', () => {
  it.each([
    [undefined, { seconds: 0, explicit: false }],
    ['', { seconds: 0, explicit: false }],
    ['1700000000', { seconds: 1700000000, explicit: true }],
  ])('%s -> %o', (value, want) => {
    const args = new Map<string, string>(value === undefined ? [] : [['SOURCE_DATE_EPOCH', value]]);
    expect(sourceDateEpoch(args)).toEqual(want);
  });
  it.each(['-1', '1.5', 'yesterday'])('rejects %s', (value) => {
    expect(() => sourceDateEpoch(new Map([['SOURCE_DATE_EPOCH', value]]))).toThrow(/whole seconds/);
  });
});

describe('imageConfig', () => {
  const image = moduleOf(`
[module]
name = "app"
language = "c"
[module.image]
args = ["--serve"]
env = { MODE = "prod" }
workdir = "/data"
labels = { b = "2", a = "1" }
`).image;

  it('says wasm, names the module as entrypoint, sorts labels and dates everything from the epoch', () => {
    expect(
      imageConfig({
        platform: { os: 'wasi', architecture: 'wasm' },
        entrypoint: '/app.wasm',
        image,
        buildLabels: new Map([['a', 'from --label']]),
        modules: ['app.wasm'],
        epochSeconds: 1700000000,
      }),
    ).toEqual({
      created: '2023-11-14T22:13:20Z',
      architecture: 'wasm',
      os: 'wasi',
      config: {
        Entrypoint: ['/app.wasm'],
        Cmd: ['--serve'],
        Env: ['MODE=prod'],
        WorkingDir: '/data',
        Labels: { a: 'from --label', b: '2' },
      },
      rootfs: { type: 'layers', diff_ids: [] },
      history: [
        { created: '2023-11-14T22:13:20Z', created_by: 'wasm-build: app.wasm', comment: 'wasm-build' },
      ],
    });
  });

  it('leaves out Cmd, Env and Labels when there are none', () => {
    const plain = moduleOf('[module]\nname = "x"\nlanguage = "c"\n').image;
    const cfg = imageConfig({
      platform: { os: 'wasip1', architecture: 'wasm' },
      entrypoint: '/x.wasm',
      image: plain,
      buildLabels: new Map(),
      modules: ['x.wasm'],
      epochSeconds: 0,
    });
    expect(cfg.config).toEqual({ Entrypoint: ['/x.wasm'], WorkingDir: '/' });
    expect(cfg.os).toBe('wasip1');
    expect(cfg.created).toBe('1970-01-01T00:00:00Z');
  });
});

describe('chooseToolchainImage', () => {
  const c = (extra = '') => moduleOf(`[module]\nname = "x"\nlanguage = "c"\n${extra}`);
  it.each([
    ['the driver default', c(), new Map(), 'ghcr.io/webassembly/wasi-sdk:wasi-sdk-25'],
    ["the file's image", c('[module.toolchain]\nimage = "mirror/sdk:1"\n'), new Map(), 'mirror/sdk:1'],
    [
      "the file's version",
      c('[module.toolchain]\nversion = "wasi-sdk-24"\n'),
      new Map(),
      'ghcr.io/webassembly/wasi-sdk:wasi-sdk-24',
    ],
    [
      'a build arg over the file',
      c('[module.toolchain]\nimage = "mirror/sdk:1"\n'),
      new Map([['WASM_TOOLCHAIN_IMAGE_C', 'airgap/sdk:2']]),
      'airgap/sdk:2',
    ],
  ])('%s', (_, module, args, want) => {
    expect(chooseToolchainImage(module, cDriver, args)).toBe(want);
  });

  it('names the override build arg after the language', () => {
    expect(toolchainOverrideArg('cpp')).toBe('WASM_TOOLCHAIN_IMAGE_CPP');
  });

  it("uses the custom build's own image", () => {
    const custom = moduleOf(
      '[module]\nname = "x"\nbuild = ["make"]\noutput = "x.wasm"\n[module.toolchain]\nimage = "builder:1"\n',
    );
    expect(chooseToolchainImage(custom, undefined, new Map())).toBe('builder:1');
  });
});

describe('matchFiles', () => {
  const files = ['a.c', 'lib/b.c', 'lib/b.h', 'test/t.c', '.hidden.c'];
  it.each([
    [['**/*.c'], ['a.c', 'lib/b.c', 'test/t.c']],
    [['*.c'], ['a.c']],
    [['lib/**'], ['lib/b.c', 'lib/b.h']],
    [['nothing/*.c'], []],
  ])('%o', (patterns, want) => {
    expect(matchFiles(files, patterns)).toEqual(want);
  });
});
