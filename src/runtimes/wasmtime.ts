// The wasmtime CLI: flags go before the module, guest arguments after it.
import { runProcess } from '../process.js';
import type { RunRequest, RunResult, Runtime } from './runtime.js';

export function wasmtimeArgs(req: RunRequest): string[] {
  const args = ['run'];
  for (const d of req.dirs) args.push('--dir', `${d.host}::${d.guest}`);
  for (const [k, v] of Object.entries(req.env)) args.push('--env', `${k}=${v}`);
  args.push(req.module, ...req.args);
  return args;
}

export function wasmtime(bin = 'wasmtime', env: NodeJS.ProcessEnv = process.env): Runtime {
  return {
    name: 'wasmtime',
    async version() {
      const res = await runProcess(bin, ['--version'], { env });
      if (res.code !== 0) throw new Error(`${bin} --version failed: ${res.stderr.trim()}`);
      // "wasmtime 48.0.8 (...)" -> "48.0.8"
      return res.stdout.trim().split(/\s+/)[1] ?? res.stdout.trim();
    },
    async run(req: RunRequest): Promise<RunResult> {
      const res = await runProcess(bin, wasmtimeArgs(req), {
        env,
        input: req.stdin,
        timeoutMs: req.timeoutMs,
      });
      return { exitCode: res.code, stdout: res.stdout, stderr: res.stderr, timedOut: res.timedOut };
    },
  };
}
