// Child-process helpers for the testbed: commands either succeed or throw with their output's tail.
import { spawn, type SpawnOptions } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface ExecOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Append stdout and stderr to this file instead of keeping them (long builds). */
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
export function sh(cmd: string, args: readonly string[], opts: ExecOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const spawnOpts: SpawnOptions = {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    };
    const child = spawn(cmd, args, spawnOpts);
    const out: Buffer[] = [];
    const all: Buffer[] = [];
    let log: ReturnType<typeof createWriteStream> | undefined;
    if (opts.logFile) {
      mkdirSync(path.dirname(opts.logFile), { recursive: true });
      log = createWriteStream(opts.logFile, { flags: 'a' });
      log.write(`\n$ ${cmd} ${args.join(' ')}\n`);
    }
    const keep = (b: Buffer, isOut: boolean) => {
      if (isOut) out.push(b);
      all.push(b);
      // Bound what is kept for the error message of a long, chatty build.
      if (all.length > 2000) all.splice(0, all.length - 1000);
      log?.write(b);
    };
    child.stdout!.on('data', (b: Buffer) => keep(b, true));
    child.stderr!.on('data', (b: Buffer) => keep(b, false));
    child.on('error', reject);
    child.on('close', (code) => {
      log?.end();
      const line = `${cmd} ${args.join(' ')}`;
      if (code === 0) resolve(Buffer.concat(out).toString());
      else reject(new CommandError(line, code, Buffer.concat(all).toString()));
    });
    if (opts.input !== undefined) {
      // A command that exits without reading its input must not crash the testbed with EPIPE.
      child.stdin!.on('error', () => {});
      child.stdin!.end(opts.input);
    }
  });
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
