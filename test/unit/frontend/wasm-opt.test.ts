import { describe, expect, it } from 'vitest';
import { parseWasmToml, type ModuleSpec } from '../../../src/wasm-toml/index.js';
import { image, local, marshal } from '../../../frontend/llb/index.js';
import { NODE_PATH } from '../../../frontend/post-steps/self-step.js';
import {
  WASM_OPT_FEATURES,
  WASM_OPT_PATH,
  postProcessFor,
  wasmOptArgs,
  wasmOptStep,
  wasmOptStepName,
} from '../../../frontend/post-steps/wasm-opt.js';
import { decodeDefinition } from '../llb/decode.js';
import { moduleOf } from '../../support/wasm-toml.js';

function moduleFrom(lines: string[]): ModuleSpec {
  return moduleOf(['name = "hello"', 'language = "c"', ...lines].join('\n'));
}

const features = [...WASM_OPT_FEATURES];

describe('postProcessFor', () => {
  const linkStripped = { output: local('x'), path: '/hello.wasm', stripped: true };
  const unstripped = { output: local('x'), path: '/hello.wasm' };

  it.each([
    ['release defaults: stripped at link time, no wasm-opt', [], linkStripped, undefined],
    [
      'release defaults of a build that did not strip: strip alone',
      [],
      unstripped,
      { level: undefined, strip: true },
    ],
    ['debug defaults: nothing', ['profile = "debug"'], unstripped, undefined],
    [
      'a level opted into, with strip',
      ['[module.optimize]', 'wasm-opt = "Os"'],
      linkStripped,
      { level: 'Os', strip: true },
    ],
    [
      'a level without strip',
      ['[module.optimize]', 'wasm-opt = "O3"', 'strip = false'],
      unstripped,
      { level: 'O3', strip: false },
    ],
    ['neither', ['[module.optimize]', 'wasm-opt = "none"', 'strip = false'], unstripped, undefined],
    [
      'debug with a level',
      ['profile = "debug"', '[module.optimize]', 'wasm-opt = "Oz"'],
      unstripped,
      { level: 'Oz', strip: false },
    ],
  ])('%s', (_, lines, built, expected) => {
    expect(postProcessFor(moduleFrom(lines), built)).toEqual(expected);
  });

  it('never touches a component, even when strip is on', () => {
    const parsed = parseWasmToml(
      [
        '[module]',
        'name = "c"',
        'language = "rust"',
        'target = "wasip2"',
        '[module.optimize]',
        'strip = true',
        '',
      ].join('\n'),
    );
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    expect(parsed.spec.module[0]!.optimize.strip).toBe(true);
    expect(postProcessFor(parsed.spec.module[0]!, unstripped)).toBeUndefined();
  });
});

describe('wasmOptArgs', () => {
  it.each([
    [
      { level: 'Os', strip: true } as const,
      ['-Os', ...features, '--strip-debug', '--strip-producers', '/in/a.wasm', '-o', '/out/a.wasm'],
    ],
    [
      { level: 'O4', strip: false } as const,
      ['-O4', ...features, '--debuginfo', '/in/a.wasm', '-o', '/out/a.wasm'],
    ],
    [
      { level: undefined, strip: true },
      [...features, '--strip-debug', '--strip-producers', '/in/a.wasm', '-o', '/out/a.wasm'],
    ],
  ])('%j', (plan, expected) => {
    expect(wasmOptArgs(plan, '/in/a.wasm', '/out/a.wasm')).toEqual(expected);
  });

  it('enables the WebAssembly 2.0 features toolchains without a target_features section use', () => {
    expect(features).toEqual([
      '--enable-sign-ext',
      '--enable-mutable-globals',
      '--enable-nontrapping-float-to-int',
      '--enable-bulk-memory',
      '--enable-bulk-memory-opt',
    ]);
  });

  it('names the step after the level, or the strip flags without one', () => {
    expect(wasmOptStepName('[hello]', { level: 'Os', strip: true })).toBe('[hello] wasm-opt -Os');
    expect(wasmOptStepName('[hello]', { level: undefined, strip: true })).toBe(
      '[hello] wasm-opt --strip-debug --strip-producers',
    );
  });
});

describe('wasmOptStep', () => {
  it('runs wasm-opt with node on the frontend image, reading the module read-only and writing /out', () => {
    const frontend = image('example.com/wasm-frontend:v1');
    const built = { output: local('context'), path: '/sub/dir/app.wasm' };
    const step = wasmOptStep(
      frontend,
      moduleFrom([]),
      built,
      { level: 'Os', strip: true },
      {
        label: '[hello]',
        ignoreCache: false,
      },
    );
    expect(step.path).toBe('/hello.wasm');
    const m = marshal(step.output);
    const ops = decodeDefinition(m.definition);
    const exec = ops.find((o) => o.digest === m.head)!;
    expect(exec.metadata.description).toEqual({ 'llb.customname': '[hello] wasm-opt -Os' });
    expect(exec.op.exec).toMatchObject({
      meta: {
        args: [
          NODE_PATH,
          '--liftoff-only',
          WASM_OPT_PATH,
          ...wasmOptArgs({ level: 'Os', strip: true }, '/in/sub/dir/app.wasm', '/out/hello.wasm'),
        ],
        cwd: '/',
      },
      mounts: [
        { dest: '/' },
        { dest: '/in', readonly: true, output: -1 },
        { dest: '/out', input: -1, output: 1 },
      ],
      network: 2,
    });
    // What the Definition yields is the /out mount.
    expect(ops.at(-1)!.op).toEqual({ inputs: [{ digest: m.head, index: 1 }] });
  });

  it.each([
    { language: 'c', flags: ['--liftoff-only'] },
    { language: 'rust', flags: ['--liftoff-only'] },
    // Go's modules are megabytes: wasm-opt runs long enough for V8's tier-up to pay off.
    { language: 'go', flags: [] },
  ])('runs V8 with $flags for a $language module', ({ language, flags }) => {
    const module = moduleOf(`name = "m"\nlanguage = "${language}"`);
    const built = { output: local('context'), path: '/m.wasm' };
    const plan = { level: 'Os', strip: true } as const;
    const step = wasmOptStep(image('example.com/f:v1'), module, built, plan, {
      label: '[m]',
      ignoreCache: false,
    });
    const m = marshal(step.output);
    const exec = decodeDefinition(m.definition).find((o) => o.digest === m.head)!;
    const { args } = (exec.op.exec as { meta: { args: string[] } }).meta;
    expect(args.slice(0, 2 + flags.length)).toEqual([NODE_PATH, ...flags, WASM_OPT_PATH]);
  });
});
