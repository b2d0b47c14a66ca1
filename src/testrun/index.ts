// Runs a module's [[module.test]] cases on a runtime and judges each against its expectations.
import path from 'node:path';
import { compilePattern, type TestSpec } from '../wasm-toml/index.js';
import type { Runtime } from '../runtimes/runtime.js';

export interface TestOutcome {
  test: string;
  runtime: string;
  passed: boolean;
  /** Why it failed, in words a user can act on; empty when it passed. */
  problems: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface TestRunOptions {
  /** Directory `dirs` keys are relative to: the build context. */
  contextDir: string;
  timeoutMs?: number;
}

/** True when `test` applies to `runtime` (its `runtimes` list, if any, names it). */
export function testAppliesTo(test: TestSpec, runtime: string): boolean {
  return !test.runtimes || test.runtimes.includes(runtime as never);
}

export async function runTest(
  runtime: Runtime,
  module: string,
  test: TestSpec,
  opts: TestRunOptions,
): Promise<TestOutcome> {
  const res = await runtime.run({
    module,
    args: test.args,
    env: test.env,
    stdin: test.stdin,
    dirs: Object.entries(test.dirs).map(([host, guest]) => ({
      host: path.resolve(opts.contextDir, host),
      guest,
    })),
    cwd: test.workdir,
    timeoutMs: opts.timeoutMs ?? 60_000,
  });
  const problems: string[] = [];
  if (res.timedOut) problems.push(`did not finish in ${(opts.timeoutMs ?? 60_000) / 1000} s`);
  const wantCode = test.expect['exit-code'];
  if (res.exitCode !== wantCode) problems.push(`exit code ${res.exitCode}, expected ${wantCode}`);
  const wantOut = test.expect.stdout;
  if (wantOut !== undefined && res.stdout !== wantOut) {
    problems.push(`stdout ${JSON.stringify(res.stdout)}, expected ${JSON.stringify(wantOut)}`);
  }
  const pattern = test.expect['stdout-matches'];
  if (pattern !== undefined && !compilePattern(pattern).test(res.stdout)) {
    problems.push(`stdout ${JSON.stringify(res.stdout)} does not match /${pattern}/`);
  }
  return {
    test: test.name,
    runtime: runtime.name,
    passed: problems.length === 0,
    problems,
    exitCode: res.exitCode,
    stdout: res.stdout,
    stderr: res.stderr,
  };
}
