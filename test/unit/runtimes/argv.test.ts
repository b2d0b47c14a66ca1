import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

  it.each(expected)('%s gives the working directory as PWD, unless the run sets its own', (_, args) => {
    expect(args({ ...req, cwd: '/data' })).toContain(args === wazeroArgs ? '-env=PWD=/data' : 'PWD=/data');
    const own = args({ ...req, env: { PWD: '/own' }, cwd: '/data' }).join(' ');
    expect(own).toContain('PWD=/own');
    expect(own).not.toContain('PWD=/data');
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

  it('gives the working directory as PWD and, for jco, as the initial cwd', () => {
    const config = JSON.parse(nodeRunnerConfig({ ...req, cwd: '/data' }, '/jco'));
    expect(config.env).toEqual({ PWD: '/data', A: '1', B: 'x y' });
    expect(config.cwd).toBe('/data');
  });

  it('runs the runner script with the config as its one argument', () => {
    const argv = nodeCli().runArgs(req);
    expect(argv).toHaveLength(4);
    expect(argv.slice(0, 2)).toEqual(['--no-warnings', '-e']);
    expect(argv[2]).toContain("require('node:wasi')");
    expect(argv[3]).toBe(nodeRunnerConfig(req));
  });

  describe('with jco', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'node-argv-'));
    const file = (name: string, bytes: number[]) => {
      writeFileSync(path.join(dir, name), Buffer.from(bytes));
      return { ...req, module: path.join(dir, name) };
    };
    const component = file('c.wasm', [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);
    const coreModule = file('m.wasm', [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

    it('runs a component through the jco runner, with the same guest inputs and the jco directory', () => {
      const argv = nodeCli('/tc/jco').runArgs(component);
      expect(argv.slice(0, 3)).toEqual(['--no-warnings', '--input-type=module', '-e']);
      expect(argv[3]).toContain('js-component-bindgen-component.js');
      expect(JSON.parse(argv[4]!)).toEqual({
        jco: '/tc/jco',
        module: component.module,
        args: ['c.wasm', '-v', 'World'],
        env: { A: '1', B: 'x y' },
        preopens: { '/data': '/ctx/data' },
      });
    });

    it('still runs a core module on node:wasi, and so does a file it cannot read', () => {
      for (const r of [coreModule, { ...req, module: path.join(dir, 'missing.wasm') }]) {
        expect(nodeCli('/tc/jco').runArgs(r)).toEqual(nodeCli().runArgs(r));
      }
    });

    it('runs components only with jco', () => {
      expect(runtimeAt('node', 'node', {}, '/tc/jco').components).toBe(true);
      expect(runtimeAt('node', 'node', {}).components).toBe(false);
      expect(nodeCli().runArgs(component)[2]).toContain("require('node:wasi')");
    });
  });
});
