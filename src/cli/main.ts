// The `wasm-build` command: argv -> the pipeline the action runs, on a laptop or in any CI.
import { mkdir, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runProcess } from '../process.js';
import { toPipelineInputs } from '../pipeline/inputs.js';
import {
  chooseBuilder,
  PipelineError,
  removeBuilder,
  runPipeline,
  systemDeps,
  type Phase,
  type PipelineReport,
} from '../pipeline/index.js';
import { HELP, parseCli, UsageError } from './args.js';
import { initCommand } from './init.js';
import { terminalLogger } from './logger.js';
import { claimRunDir } from './work-dir.js';

export const EXIT: Record<Phase, number> = { input: 2, build: 3, test: 4, push: 5 };

/**
 * @actions/tool-cache logs through @actions/core's debug(), which writes `::debug::` workflow commands to
 * stdout unconditionally; a runner hides them, a terminal would not. Outside a runner they are dropped.
 */
function withoutRunnerDebug<T>(fn: () => Promise<T>): Promise<T> {
  if (process.env.GITHUB_ACTIONS) return fn();
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    typeof chunk === 'string' && chunk.startsWith('::debug::')
      ? true
      : write(chunk, ...rest)) as typeof write;
  return fn().finally(() => {
    process.stdout.write = write;
  });
}

/** Written whole or not at all: runs started together each replace it with a complete report. */
async function writeReport(file: string, report: PipelineReport): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  await writeFile(partial, JSON.stringify(report, null, 2) + '\n');
  await rename(partial, file);
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // `init` writes a file and builds nothing: none of the pipeline's options apply to it.
  if (argv[0] === 'init') return initCommand(argv.slice(1), env);
  const log = terminalLogger();
  let request;
  try {
    request = parseCli(argv, env, Boolean(process.stderr.isTTY));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`wasm-build: ${e.message}\n(see wasm-build --help)\n`);
    return EXIT.input;
  }
  if (request === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (request.ownRunDir) request.raw.workDir = await claimRunDir(request.raw.workDir);
  let inputs;
  try {
    inputs = toPipelineInputs(request.raw);
  } catch (e) {
    if (!(e instanceof PipelineError)) throw e;
    process.stderr.write(`wasm-build: ${e.message}\n`);
    return EXIT.input;
  }
  // Runtimes installed on a laptop are kept where the action's tool cache would keep them on a runner.
  const runEnv: NodeJS.ProcessEnv = {
    ...env,
    RUNNER_TOOL_CACHE: env.RUNNER_TOOL_CACHE ?? path.join(os.homedir(), '.cache', 'wasm-build', 'runtimes'),
    RUNNER_TEMP: env.RUNNER_TEMP ?? path.join(os.tmpdir(), 'wasm-build'),
  };
  Object.assign(process.env, {
    RUNNER_TOOL_CACHE: runEnv.RUNNER_TOOL_CACHE,
    RUNNER_TEMP: runEnv.RUNNER_TEMP,
  });
  let builder;
  try {
    builder = await chooseBuilder(inputs.builder, runProcess, runEnv, `wasm-build-${process.pid}`);
  } catch (e) {
    process.stderr.write(`wasm-build: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.build;
  }
  try {
    const deps = systemDeps(inputs, runEnv, log);
    const resolve = deps.resolveRuntime;
    deps.resolveRuntime = (req, needs) => withoutRunnerDebug(() => resolve(req, needs));
    const report = await runPipeline(inputs, deps, { until: request.until, builder: builder.name });
    await writeReport(request.reportFile, report);
    if (!report.ok) return EXIT[report.failure!.phase];
    for (const image of report.images) {
      for (const m of image.modules)
        log.info(`${m.name}: ${m.file} (${m.size} bytes, ${m.kind}), image ${image.digest}`);
      for (const t of image.tags) log.info(`${t.reference} ${t.digest}`);
    }
    if (request.command !== 'run') return 0;
    const module = report.images[0]!.modules[0]!;
    const rt = await deps.resolveRuntime(inputs.runtimes[0]!, { components: module.kind === 'component' });
    const cmd = rt.runtime.command({ module: module.file, args: request.guestArgs, env: {}, dirs: [] });
    const ran = await runProcess(cmd.bin, cmd.args, { env: cmd.env, inherit: 'all' });
    return ran.code;
  } finally {
    if (builder.created && builder.name) await removeBuilder(builder.name, runProcess, runEnv);
  }
}
