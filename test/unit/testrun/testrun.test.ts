import { describe, expect, it } from 'vitest';
import type { TestSpec } from '../../../src/wasm-toml/index.js';
import { moduleOf } from '../../support/wasm-toml.js';
import { runTest, testAppliesTo } from '../../../src/testrun/index.js';
import type { RunRequest, RunResult, Runtime } from '../../../src/runtimes/runtime.js';

function testOf(toml: string): TestSpec {
  return moduleOf(`name = "m"\nlanguage = "c"\n[[module.test]]\n${toml}`).test[0]!;
}

/** A runtime that answers with a fixed result and records what it was asked. */
function fake(result: Partial<RunResult>): Runtime & { seen: RunRequest[] } {
  const seen: RunRequest[] = [];
  const runtime: Runtime & { seen: RunRequest[] } = {
    name: 'fake',
    components: false,
    seen,
    version: async () => '1',
    command: (req) => ({ bin: 'fake', args: [req.module, ...req.args], env: {} }),
    run: async (req) => {
      seen.push(req);
      const stdout = result.stdout ?? '';
      return {
        exitCode: 0,
        stderr: '',
        timedOut: false,
        ...result,
        stdout,
        stdoutBytes: result.stdoutBytes ?? Buffer.from(stdout),
      };
    },
    load: async (req) => ({ run: (c) => runtime.run({ ...c, module: req.module }), close: async () => {} }),
  };
  return runtime;
}

describe('runTest', () => {
  it.each([
    ['exact stdout', 'expect.stdout = "hi\\n"', { stdout: 'hi\n' }, []],
    ['wrong stdout', 'expect.stdout = "hi\\n"', { stdout: 'ho\n' }, ['stdout "ho\\n", expected "hi\\n"']],
    ['pattern', 'expect.stdout-matches = "^v\\\\d+$"', { stdout: 'v12' }, []],
    [
      'pattern miss',
      'expect.stdout-matches = "^v\\\\d+$"',
      { stdout: 'x' },
      ['stdout "x" does not match /^v\\d+$/'],
    ],
    ['exit code', 'expect.exit-code = 3', { exitCode: 3 }, []],
    ['exit code miss', '', { exitCode: 1 }, ['exit code 1, expected 0']],
    ['timeout', '', { timedOut: true, exitCode: -1 }, ['did not finish in 60 s', 'exit code -1, expected 0']],
  ])('%s', async (_, toml, result, problems) => {
    const outcome = await runTest(fake(result), '/m.wasm', testOf(toml), { contextDir: '/ctx' });
    expect(outcome.problems).toEqual(problems);
    expect(outcome.passed).toBe(problems.length === 0);
  });

  it('passes args, env, stdin and preopens resolved against the context', async () => {
    const rt = fake({});
    await runTest(
      rt,
      '/m.wasm',
      testOf('args = ["a"]\nenv = { K = "v" }\nstdin = "in"\ndirs = { "testdata" = "/data" }'),
      { contextDir: '/ctx' },
    );
    expect(rt.seen[0]).toMatchObject({
      module: '/m.wasm',
      args: ['a'],
      env: { K: 'v' },
      stdin: 'in',
      dirs: [{ host: '/ctx/testdata', guest: '/data' }],
    });
  });

  it("runs in the case's workdir, by default the image's", async () => {
    const rt = fake({});
    const module = moduleOf(
      'name = "m"\nlanguage = "go"\nimage.workdir = "/app"\n[[module.test]]\n[[module.test]]\nworkdir = "/data"',
    );
    for (const test of module.test) await runTest(rt, '/m.wasm', test, { contextDir: '/ctx' });
    expect(rt.seen.map((r) => r.cwd)).toEqual(['/app', '/data']);
    await runTest(rt, '/m.wasm', testOf(''), { contextDir: '/ctx' });
    expect(rt.seen[2]!.cwd).toBe('/');
  });
});

describe('data with NUL bytes and from files', () => {
  it('accepts NUL in stdin and the expected output, and compares them exactly', async () => {
    const test = testOf('stdin = "a\\u0000b"\nexpect.stdout = "b\\u0000a"');
    const rt = fake({ stdout: 'b\0a' });
    const outcome = await runTest(rt, '/m.wasm', test, { contextDir: '/ctx' });
    expect(rt.seen[0]!.stdin).toBe('a\0b');
    expect(outcome.problems).toEqual([]);
  });

  it('feeds stdin-file byte for byte and compares stdout with expect.stdout-file byte for byte', async () => {
    const test = testOf('stdin-file = "in.bin"\nexpect.stdout-file = "out.bin"');
    const files = { stdin: Uint8Array.of(0, 255, 10), stdout: Uint8Array.of(0xff, 0xfe, 1) };
    const same = fake({ stdoutBytes: Uint8Array.of(0xff, 0xfe, 1) });
    expect((await runTest(same, '/m.wasm', test, { contextDir: '/ctx', files })).problems).toEqual([]);
    expect(same.seen[0]!.stdin).toEqual(files.stdin);
    // Both differ from the file only in bytes that are not UTF-8: a text comparison would call them equal.
    const other = fake({ stdoutBytes: Uint8Array.of(0xff, 0xfd, 1) });
    expect((await runTest(other, '/m.wasm', test, { contextDir: '/ctx', files })).problems).toEqual([
      'stdout (3 bytes) differs from expect.stdout-file "out.bin" (3 bytes) from byte 1',
    ]);
  });
});

describe('testAppliesTo', () => {
  it('runs everywhere unless the test names runtimes', () => {
    expect(testAppliesTo(testOf(''), 'node')).toBe(true);
    expect(testAppliesTo(testOf('runtimes = ["wasmtime"]'), 'node')).toBe(false);
    expect(testAppliesTo(testOf('runtimes = ["wasmtime"]'), 'wasmtime')).toBe(true);
  });
});
