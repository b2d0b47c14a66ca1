import { runProcess, type ProcessOptions, type ProcessResult } from '../../src/process.js';

export type RunResult = ProcessResult;

/** Runs a command to completion, capturing output; never throws on a non-zero exit (tests assert on it). */
export function run(cmd: string, args: readonly string[], opts: ProcessOptions = {}): Promise<RunResult> {
  return runProcess(cmd, args, opts);
}

/** Runs a command a test relies on, not one it tests: its stdout, or an error with its stderr. */
export async function runOk(
  cmd: string,
  args: readonly string[],
  opts: ProcessOptions = {},
): Promise<string> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}
