// Runs a child process to completion with captured output: the one place the CLI, the action, the
// testbed (through testbed/sh.ts) and the tests run tools (buildx, runtimes, crane, go, cargo). Daemons
// that outlive a command (buildkitd, the registries) are started detached where they are managed.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';

export interface ProcessResult {
  code: number;
  stdout: string;
  /** stdout as it came, for output that is not UTF-8 text. */
  stdoutBytes: Buffer;
  stderr: string;
  /** True when the timeout killed the process. */
  timedOut: boolean;
}

export interface ProcessOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  input?: string | Uint8Array;
  timeoutMs?: number;
  /** Called with each chunk as it arrives (live progress), besides being captured. */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  /**
   * Give the child this process's stderr (a terminal buildx can draw on), or all of stdin, stdout and
   * stderr (a module run by hand); what is inherited is not captured.
   */
  inherit?: 'stderr' | 'all';
}

/** Never throws on a non-zero exit: callers decide what an exit code means. Rejects if it cannot start. */
export function runProcess(
  cmd: string,
  args: readonly string[],
  opts: ProcessOptions = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio:
        opts.inherit === 'all' ? 'inherit' : ['pipe', 'pipe', opts.inherit === 'stderr' ? 'inherit' : 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
          }, opts.timeoutMs);
    // A decoder per stream, so a character split across two chunks reaches the callback whole.
    const outText = new StringDecoder('utf8');
    const errText = new StringDecoder('utf8');
    child.stdout?.on('data', (b: Buffer) => {
      out.push(b);
      opts.onStdout?.(outText.write(b));
    });
    child.stderr?.on('data', (b: Buffer) => {
      err.push(b);
      opts.onStderr?.(errText.write(b));
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdoutBytes = Buffer.concat(out);
      resolve({
        code: code ?? -1,
        stdout: stdoutBytes.toString(),
        stdoutBytes,
        stderr: Buffer.concat(err).toString(),
        timedOut,
      });
    });
    // A runtime that never reads stdin must not fail the run with EPIPE.
    child.stdin?.on('error', () => {});
    child.stdin?.end(opts.input ?? '');
  });
}

/** The first executable `name` in a PATH-style list of directories. */
export function findOnPath(name: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here, or not executable
    }
  }
  return undefined;
}
