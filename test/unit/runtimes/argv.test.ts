import { describe, expect, it } from 'vitest';
import { runtimeAt, type RunRequest, type RuntimeName } from '../../../src/runtimes/index.js';
import { nodeCli, nodeRunnerConfig } from '../../../src/runtimes/node.js';
import { wasmedgeArgs } from '../../../src/runtimes/wasmedge.js';
import { wasmerArgs } from '../../../src/runtimes/wasmer.js';
import { wasmtimeArgs } from '../../../src/runtimes/wasmtime.js';
import { wazeroArgs } from '../../../src/runtimes/wazero.js';

const req: RunRequest = {
  module: '/w/hello.wasm',
  args: ['-v', 'World'],
  env: { A: '1', B: 'x y' },
  dirs: [{ host: '/ctx/data', guest: '/data' }],
};

const expected: [RuntimeName, (r: RunRequest) => string[], string[]][] = [
  [
    'wasmtime',
    wasmtimeArgs,
    ['run', '--dir', '/ctx/data::/data', '--env', 'A=1', '--env', 'B=x y', '/w/hello.wasm', '-v', 'World'],
  ],
  [
    'wazero',
    wazeroArgs,
    ['run', '-mount=/ctx/data:/data', '-env=A=1', '-env=B=x y', '/w/hello.wasm', '-v', 'World'],
  ],
  [
    'wasmer',
    wasmerArgs,
    [
      'run',
      '--mapdir',
      '/data:/ctx/data',
      '--env',
      'A=1',
      '--env',
      'B=x y',
      '/w/hello.wasm',
      '--',
      '-v',
      'World',
    ],
  ],
  [
    'wasmedge',
    wasmedgeArgs,
    ['--dir', '/data:/ctx/data', '--env', 'A=1', '--env', 'B=x y', '/w/hello.wasm', '-v', 'World'],
  ],
];

describe('runtime argv', () => {
  it.each(expected)('%s', (_, args, argv) => {
    expect(args(req)).toEqual(argv);
  });

  it.each(expected)('runtimeAt(%s) runs the same argv', (name, _, argv) => {
    expect(runtimeAt(name, `/bin/${name}`, {}).command(req)).toEqual({
      bin: `/bin/${name}`,
      args: argv,
      env: {},
    });
  });

  it.each([
    ['wasmtime', ['run', '/m.wasm']],
    ['wasmer', ['run', '/m.wasm', '--']],
    ['wasmedge', ['/m.wasm']],
  ] as const)('%s with nothing but a module', (name, argv) => {
    expect(
      runtimeAt(name, name, {}).command({ module: '/m.wasm', args: [], env: {}, dirs: [] }).args,
    ).toEqual(argv);
  });
});

describe('node', () => {
  it('gives WASI the module, argv0 and args, env and preopens (guest -> host)', () => {
    expect(JSON.parse(nodeRunnerConfig(req))).toEqual({
      module: '/w/hello.wasm',
      args: ['hello.wasm', '-v', 'World'],
      env: { A: '1', B: 'x y' },
      preopens: { '/data': '/ctx/data' },
    });
  });

  it('runs the runner script with the config as its one argument', () => {
    const argv = nodeCli.runArgs(req);
    expect(argv).toHaveLength(4);
    expect(argv.slice(0, 2)).toEqual(['--no-warnings', '-e']);
    expect(argv[2]).toContain("require('node:wasi')");
    expect(argv[3]).toBe(nodeRunnerConfig(req));
  });
});
