// Child-process helpers for the testbed: commands either succeed or throw with their output's tail. They
// run through the project's one spawn helper (src/process.ts), adding a log file and an exception.
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { runProcess } from '../src/process.js';

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Append stdout and stderr to this file as they come (long builds). */
  logFile?: string;
}

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly code: number | null,
    readonly output: string,
  ) {
    const tail = output.trim().split('\n').slice(-25).join('\n');
    super(`\`${command}\` exited with ${code}\n${tail}`);
  }
}

/** Runs a command and returns its stdout; throws CommandError on a non-zero exit. */
export async function sh(cmd: string, args: readonly string[], opts: ExecOptions = {}): Promise<string> {
  let log: ReturnType<typeof createWriteStream> | undefined;
  if (opts.logFile) {
    mkdirSync(path.dirname(opts.logFile), { recursive: true });
    log = createWriteStream(opts.logFile, { flags: 'a' });
    log.write(`\n$ ${cmd} ${args.join(' ')}\n`);
  }
  // Both streams interleaved as they came, for the error message of a failed (possibly chatty) build.
  let all = '';
  const keep = (chunk: string) => {
    all = (all + chunk).slice(-200_000);
    log?.write(chunk);
  };
  try {
    const res = await runProcess(cmd, args, {
      cwd: opts.cwd,
      env: opts.env,
      input: opts.input,
      onStdout: keep,
      onStderr: keep,
    });
    if (res.code !== 0) throw new CommandError(`${cmd} ${args.join(' ')}`, res.code, all);
    return res.stdout;
  } finally {
    log?.end();
  }
}

/** Like sh, but answers false instead of throwing (probes: "is this installed?"). */
export async function succeeds(
  cmd: string,
  args: readonly string[],
  opts: ExecOptions = {},
): Promise<boolean> {
  try {
    await sh(cmd, args, opts);
    return true;
  } catch {
    return false;
  }
}

export function step(message: string): void {
  console.log(`testbed: ${message}`);
}

/** Times an async step and reports it, so `up` shows where a fresh machine spends its minutes. */
export async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const result = await fn();
  const secs = (Date.now() - start) / 1000;
  if (secs >= 1) step(`${label} (${secs.toFixed(1)} s)`);
  return result;
}
