// One adapter for every runtime that is a command-line program: each runtime supplies its argv and how
// it prints its version; spawning, time limits, stdin and compiling ahead are the same for all of them.
import { existsSync } from 'node:fs';
import { runProcess, type ProcessResult } from '../process.js';
import { compiledPath, ensureCompiled } from './compiled.js';
import { HttpServers, type HttpServerCommand } from './http.js';
import type { LoadedModule, LoadRequest, RunRequest, RunResult, Runtime } from './runtime.js';

/** How a runtime compiles a module ahead of its runs, and runs the compiled form. */
export interface Precompile {
  /** The compiled form's name in the runtime's versioned directory, from the module's sha256 in hex. */
  fileName(hex: string): string;
  /** The argv that compiles `module` into `out` (a file or a directory, whichever the runtime makes). */
  compileArgs(module: string, out: string): string[];
  /** The argv of one run of `req.module` from its compiled form. */
  runArgs(req: RunRequest, compiled: string): string[];
}

export interface CliRuntimeSpec {
  name: string;
  components: boolean;
  versionArgs: readonly string[];
  /** The version from what `versionArgs` printed, e.g. "48.0.8". */
  parseVersion(output: string): string;
  /** The argv of one run, without the program. */
  runArgs(req: RunRequest): string[];
  /** Without it, a loaded module is compiled again on every run. */
  precompile?: Precompile;
  /** How it serves an HTTP component (`file` the module or its compiled form); without it, it does not. */
  serve?(
    file: string,
    compiled: boolean,
    env: Readonly<Record<string, string>>,
  ): Omit<HttpServerCommand, 'bin' | 'env'>;
}

/** A compile of a module of tens of MB takes seconds; minutes of margin for a slow runner. */
export const COMPILE_TIMEOUT_MS = 10 * 60_000;

/** One run as a process of its own: the request's stdin and time limit, its result as the guest's. */
export async function runGuestProcess(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  req: Pick<RunRequest, 'stdin' | 'timeoutMs'>,
): Promise<RunResult> {
  return guestResult(await runProcess(bin, args, { env, input: req.stdin, timeoutMs: req.timeoutMs }));
}

/** A finished process's result as the guest's: its exit code and output are the guest's own. */
export function guestResult(res: ProcessResult): RunResult {
  return {
    exitCode: res.code,
    stdout: res.stdout,
    stdoutBytes: res.stdoutBytes,
    stderr: res.stderr,
    timedOut: res.timedOut,
  };
}

export function cliRuntime(spec: CliRuntimeSpec, bin: string, env: NodeJS.ProcessEnv = process.env): Runtime {
  const exec = (args: string[], req: Pick<RunRequest, 'stdin' | 'timeoutMs'>) =>
    runGuestProcess(bin, args, env, req);
  let version: Promise<string> | undefined;
  const httpServers = (file: string, compiled: boolean) => {
    const { serve } = spec;
    if (!serve) return undefined;
    return new HttpServers((guestEnv) => ({ bin, env, ...serve(file, compiled, guestEnv) }));
  };
  const runtime: Runtime = {
    name: spec.name,
    components: spec.components,
    servesHttp: spec.serve !== undefined,
    version() {
      if (!version) {
        version = (async () => {
          const res = await runProcess(bin, spec.versionArgs, { env, timeoutMs: 30_000 });
          if (res.code !== 0) {
            throw new Error(
              `${bin} ${spec.versionArgs.join(' ')} failed: ${(res.stderr || res.stdout).trim()}`,
            );
          }
          return spec.parseVersion(res.stdout + res.stderr);
        })();
        // A failed probe is not remembered: the next call asks again.
        version.catch(() => (version = undefined));
      }
      return version;
    },
    command: (req) => ({ bin, args: spec.runArgs(req), env }),
    run: (req) => exec(spec.runArgs(req), req),
    async load(req: LoadRequest): Promise<LoadedModule> {
      const { precompile } = spec;
      if (!precompile) {
        const servers = httpServers(req.module, false);
        return {
          run: (c) => runtime.run({ ...c, module: req.module }),
          ...(servers ? { request: (c) => servers.request(c) } : {}),
          close: async () => servers?.close(),
        };
      }
      const compiled = compiledPath(req, `${spec.name}-${await runtime.version()}`, precompile.fileName);
      await ensureCompiled(compiled, async (out) => {
        const args = precompile.compileArgs(req.module, out);
        const res = await runProcess(bin, args, { env, timeoutMs: COMPILE_TIMEOUT_MS });
        if (res.code !== 0 || !existsSync(out)) {
          throw new Error(
            `${spec.name} could not compile ${req.module} (${bin} ${args.join(' ')}: exit code ${res.code}): ` +
              (res.stderr || res.stdout).trim().slice(0, 2000),
          );
        }
      });
      const servers = httpServers(compiled, true);
      return {
        run: (c) => exec(precompile.runArgs({ ...c, module: req.module }, compiled), c),
        ...(servers ? { request: (c) => servers.request(c) } : {}),
        close: async () => servers?.close(),
      };
    },
  };

  return runtime;
}

/** The first dotted version number in a tool's output ("wasmer 6.0.1" -> "6.0.1"). */
export function firstVersion(output: string): string {
  const m = /\bv?(\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?)\b/.exec(output);
  if (!m) throw new Error(`no version number in ${JSON.stringify(output.trim().slice(0, 200))}`);
  return m[1]!;
}
