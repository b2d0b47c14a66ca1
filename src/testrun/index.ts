// Runs a module's [[module.test]] cases on a runtime and judges each against its expectations.
import path from 'node:path';
import { compilePattern, type TestSpec } from '../wasm-toml/index.js';
import type { CaseRequest, RunResult, Runtime } from '../runtimes/runtime.js';

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
  /** The contents of the case's `stdin-file` and `expect.stdout-file`, read before any case runs. */
  files?: CaseFiles;
  timeoutMs?: number;
}

export interface CaseFiles {
  stdin?: Uint8Array;
  stdout?: Uint8Array;
}

/** True when `test` applies to `runtime` (its `runtimes` list, if any, names it). */
export function testAppliesTo(test: TestSpec, runtime: string): boolean {
  return !test.runtimes || test.runtimes.includes(runtime as never);
}

/** What runs a case: a runtime's name, and a run of the module under test (often a loaded one). */
export interface CaseRunner {
  runtime: string;
  run(req: CaseRequest): Promise<RunResult>;
}

/** One case of `module` on `runtime`, compiled for this run alone. */
export function runTest(
  runtime: Runtime,
  module: string,
  test: TestSpec,
  opts: TestRunOptions,
): Promise<TestOutcome> {
  return runCase({ runtime: runtime.name, run: (req) => runtime.run({ ...req, module }) }, test, opts);
}

export async function runCase(
  runner: CaseRunner,
  test: TestSpec,
  opts: TestRunOptions,
): Promise<TestOutcome> {
  const res = await runner.run({
    args: test.args,
    env: test.env,
    stdin: opts.files?.stdin ?? test.stdin,
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
  const wantBytes = opts.files?.stdout;
  if (wantBytes !== undefined && Buffer.compare(res.stdoutBytes, wantBytes) !== 0) {
    problems.push(
      `stdout (${res.stdoutBytes.length} bytes) differs from expect.stdout-file ` +
        `"${test.expect['stdout-file']}" (${wantBytes.length} bytes) from byte ${firstDifference(res.stdoutBytes, wantBytes)}`,
    );
  }
  const pattern = test.expect['stdout-matches'];
  if (pattern !== undefined && !compilePattern(pattern).test(res.stdout)) {
    problems.push(`stdout ${JSON.stringify(res.stdout)} does not match /${pattern}/`);
  }
  return {
    test: test.name,
    runtime: runner.runtime,
    passed: problems.length === 0,
    problems,
    exitCode: res.exitCode,
    stdout: res.stdout,
    stderr: res.stderr,
  };
}

/** The offset of the first byte where `a` and `b` differ (the shorter one's length when one is a prefix). */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}
