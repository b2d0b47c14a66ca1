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
  return {
    name: 'fake',
    components: false,
    seen,
    version: async () => '1',
    command: (req) => ({ bin: 'fake', args: [req.module, ...req.args], env: {} }),
    run: async (req) => {
      seen.push(req);
      return { exitCode: 0, stdout: '', stderr: '', timedOut: false, ...result };
    },
  };
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

describe('testAppliesTo', () => {
  it('runs everywhere unless the test names runtimes', () => {
    expect(testAppliesTo(testOf(''), 'node')).toBe(true);
    expect(testAppliesTo(testOf('runtimes = ["wasmtime"]'), 'node')).toBe(false);
    expect(testAppliesTo(testOf('runtimes = ["wasmtime"]'), 'wasmtime')).toBe(true);
  });
});
