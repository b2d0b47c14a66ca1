// One adapter for every runtime that is a command-line program: each runtime supplies its argv and how
// it prints its version; spawning, time limits and stdin are the same for all of them.
import { runProcess } from '../process.js';
import type { RunRequest, RunResult, Runtime } from './runtime.js';

export interface CliRuntimeSpec {
  name: string;
  components: boolean;
  versionArgs: readonly string[];
  /** The version from what `versionArgs` printed, e.g. "48.0.8". */
  parseVersion(output: string): string;
  /** The argv of one run, without the program. */
  runArgs(req: RunRequest): string[];
}

export function cliRuntime(spec: CliRuntimeSpec, bin: string, env: NodeJS.ProcessEnv = process.env): Runtime {
  return {
    name: spec.name,
    components: spec.components,
    async version() {
      const res = await runProcess(bin, spec.versionArgs, { env, timeoutMs: 30_000 });
      if (res.code !== 0) {
        throw new Error(`${bin} ${spec.versionArgs.join(' ')} failed: ${(res.stderr || res.stdout).trim()}`);
      }
      return spec.parseVersion(res.stdout + res.stderr);
    },
    command: (req) => ({ bin, args: spec.runArgs(req), env }),
    async run(req: RunRequest): Promise<RunResult> {
      const res = await runProcess(bin, spec.runArgs(req), {
        env,
        input: req.stdin,
        timeoutMs: req.timeoutMs,
      });
      return {
        exitCode: res.code,
        stdout: res.stdout,
        stdoutBytes: res.stdoutBytes,
        stderr: res.stderr,
        timedOut: res.timedOut,
      };
    },
  };
}

/** The first dotted version number in a tool's output ("wasmer 6.0.1" -> "6.0.1"). */
export function firstVersion(output: string): string {
  const m = /\bv?(\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?)\b/.exec(output);
  if (!m) throw new Error(`no version number in ${JSON.stringify(output.trim().slice(0, 200))}`);
  return m[1]!;
}
