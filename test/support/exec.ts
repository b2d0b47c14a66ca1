import { runProcess, type ProcessOptions, type ProcessResult } from '../../src/process.js';

export type RunResult = ProcessResult;

/** Runs a command to completion, capturing output; never throws on a non-zero exit (tests assert on it). */
export function run(cmd: string, args: readonly string[], opts: ProcessOptions = {}): Promise<RunResult> {
  return runProcess(cmd, args, opts);
}
