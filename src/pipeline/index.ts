// The one pipeline the action, the CLI and the demo call: build -> verify -> publish. Everything it
// touches outside itself (environment, log, processes, runtime installs) comes in through `deps`.
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseWasmToml, type Spec } from '../wasm-toml/index.js';
import { runProcess } from '../process.js';
import { resolveRuntime, type ResolvedRuntime } from '../runtimes/index.js';
import { defaultCredentials, RegistryClient } from '../oci/index.js';
import { buildImage, planImages, type BuiltImage } from './build.js';
import { PipelineError, reportError } from './errors.js';
import { runInOrder } from './in-order.js';
import { pushImages } from './push.js';
import type { Logger, Phase, PipelineDeps, PipelineInputs, PipelineReport } from './types.js';
import { closeImages, extractImages, verifyImages, type ExtractedImage } from './verify.js';

export { PipelineError } from './errors.js';
export { planImages } from './build.js';
export { chooseBuilder, removeBuilder, type ChosenBuilder } from './builder.js';
export type * from './types.js';

/**
 * The pipeline's deps on a real machine: this environment, processes through the one spawn helper, and
 * runtimes found or installed from their releases (with the inputs' mirror and token).
 */
export function systemDeps(inputs: PipelineInputs, env: NodeJS.ProcessEnv, log: Logger): PipelineDeps {
  return {
    env,
    log,
    run: runProcess,
    resolveRuntime: (req, needs) =>
      resolveRuntime(req, {
        mirror: inputs.runtimeMirror,
        npmRegistry: inputs.npmRegistry,
        githubToken: inputs.githubToken,
        components: needs.components,
        log: (m) => log.info(m),
      }),
  };
}

export interface PipelineOptions {
  /** Which phases run after the build: `test` adds verification, `push` adds it and publishing. */
  until: 'build' | 'test' | 'push';
  /** The builder chosen for this run (see chooseBuilder); undefined: buildx's current one. */
  builder?: string;
}

export async function runPipeline(
  inputs: PipelineInputs,
  deps: PipelineDeps,
  opts: PipelineOptions,
): Promise<PipelineReport> {
  const fileLabel = relativeLabel(inputs.file, deps.env);
  const report: PipelineReport = {
    file: fileLabel,
    ok: false,
    images: [],
    runtimes: [],
    tests: [],
    timings: {},
  };
  const timed = async <T>(phase: Phase, title: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await deps.log.group(title, fn);
    } finally {
      report.timings[phase] = Math.round(performance.now() - started) / 1000;
    }
  };
  // Each layout is read once, here, and stays open until the run ends: publish copies from it.
  let images: ExtractedImage[] = [];
  try {
    const spec = await readSpec(inputs.file, fileLabel, deps);
    const plans = planImages(spec, inputs.targets);
    if (opts.until === 'push' && inputs.tags.length === 0) {
      throw new PipelineError('input', 'nothing to push to: give at least one tag (registry/repository:tag)');
    }
    const built = await timed('build', `Build ${plans.map((p) => p.name).join(', ')}`, () =>
      build(plans, inputs, deps, opts.builder, fileLabel),
    );
    images = await extractImages(built, path.join(inputs.workDir, 'modules')).catch((e: unknown) => {
      throw new PipelineError(
        'build',
        `reading the built image: ${e instanceof Error ? e.message : String(e)}`,
      );
    });
    for (const image of images) {
      report.images.push({
        target: image.built.plan.target,
        name: image.built.plan.name,
        modules: image.modules.map(({ index: _index, ...m }) => m),
        digest: image.digest,
        size: image.size,
        layout: image.built.layout,
        tags: [],
      });
    }
    if (opts.until === 'build') return done(report);

    if (inputs.tests) {
      await timed('test', 'Test on ' + inputs.runtimes.map((r) => r.name).join(', '), async () => {
        const components = images.some((i) => i.modules.some((m) => m.kind === 'component'));
        const runtimes = await resolveAll(inputs, deps, components);
        const options = { jobs: inputs.testJobs, cacheDir: path.join(inputs.workDir, 'compiled') };
        const verified = await verifyImages(
          spec,
          fileLabel,
          images,
          runtimes,
          inputs.context,
          deps,
          options,
        ).catch((e: unknown) => {
          // A mistake in the file (a stdin-file that is not there) stays the file's; the rest is the run's.
          if (e instanceof PipelineError) throw e;
          throw new PipelineError('test', `running the tests: ${e instanceof Error ? e.message : String(e)}`);
        });
        report.tests = verified.tests;
        report.runtimes = verified.runtimes;
      });
      const failed = report.tests.filter((t) => !t.passed && !t.skipped);
      if (failed.length > 0) {
        throw new PipelineError(
          'test',
          `${failed.length} of ${report.tests.length} test runs failed` +
            (opts.until === 'push' ? ': nothing was pushed' : ''),
        );
      }
    } else {
      deps.log.info('tests are off: the image is not verified on any runtime, so no runtime tag is pushed');
    }
    if (opts.until === 'test') return done(report);

    await timed('push', `Push ${inputs.tags.join(', ')}`, async () => {
      // One client for the run: its tokens and known blob locations serve every push (mounts).
      // Credentials from the pipeline's environment (DOCKER_CONFIG, GITHUB_TOKEN), never from argv.
      const client = new RegistryClient({ credentials: defaultCredentials({ env: deps.env }) });
      try {
        const verified = { runtimes: report.runtimes, tests: report.tests };
        const pushed = await pushImages(images, inputs, verified, deps, client);
        for (const [image, tags] of pushed) reportFor(report, image).tags = tags;
      } finally {
        client.close();
      }
    });
    return done(report);
  } catch (e) {
    if (!(e instanceof PipelineError)) throw e;
    report.failure = { phase: e.phase, message: e.message };
    reportError(deps.log, e);
    return report;
  } finally {
    await closeImages(images);
  }
}

function done(report: PipelineReport): PipelineReport {
  report.ok = true;
  return report;
}

function reportFor(report: PipelineReport, image: ExtractedImage) {
  return report.images.find((i) => i.layout === image.built.layout)!;
}

/**
 * Images built at once: buildkitd schedules their steps together (and shares those they have in common).
 * Each build holds a buildx client and a frontend process, so their number follows the cores, not the
 * file's module count.
 */
const CONCURRENT_BUILDS = Math.max(2, availableParallelism());

/**
 * One buildx run per image, several at once, logged in the file's order (see runInOrder). Only the first
 * may draw buildx's progress on a terminal; the others write plain lines, held until their turn. When
 * builds fail, each gets its own annotation and the failure names the first in the file's order.
 */
async function build(
  plans: ReturnType<typeof planImages>,
  inputs: PipelineInputs,
  deps: PipelineDeps,
  builder: string | undefined,
  fileLabel: string,
): Promise<BuiltImage[]> {
  const outcomes = await runInOrder(plans, CONCURRENT_BUILDS, deps.log, (plan, log, index) =>
    buildImage(
      plan,
      index === 0 ? inputs : { ...inputs, progress: 'plain' },
      { ...deps, log },
      builder,
      fileLabel,
    ),
  );
  const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
  if (failures.length === 0) return outcomes.map((o) => (o as PromiseFulfilledResult<BuiltImage>).value);
  for (const e of failures.slice(1)) {
    if (e instanceof PipelineError) reportError(deps.log, e);
  }
  throw failures[0];
}

async function readSpec(file: string, fileLabel: string, deps: PipelineDeps): Promise<Spec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new PipelineError('input', `cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = parseWasmToml(text, { filename: fileLabel });
  if (parsed.ok) return parsed.spec;
  // Every error gets its own annotation; the failure names the first.
  for (const err of parsed.errors.slice(1)) {
    deps.log.error(err.message + (err.hint ? ` (${err.hint})` : ''), {
      file: fileLabel,
      line: err.line,
      column: err.column,
    });
  }
  const first = parsed.errors[0]!;
  throw new PipelineError('input', first.message + (first.hint ? ` (${first.hint})` : ''), {
    file: fileLabel,
    line: first.line,
    column: first.column,
  });
}

async function resolveAll(
  inputs: PipelineInputs,
  deps: PipelineDeps,
  components: boolean,
): Promise<ResolvedRuntime[]> {
  const out: ResolvedRuntime[] = [];
  for (const req of inputs.runtimes) {
    try {
      const rt = await deps.resolveRuntime(req, { components });
      deps.log.info(`${rt.runtime.name} ${rt.version} (${rt.source}: ${rt.bin})`);
      out.push(rt);
    } catch (e) {
      throw new PipelineError(
        'test',
        `runtime ${req.name}${req.version ? `@${req.version}` : ''}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  return out;
}

/** The file as annotations and reports name it: relative to the workspace (GITHUB_WORKSPACE) or cwd. */
function relativeLabel(file: string, env: NodeJS.ProcessEnv): string {
  const base = env.GITHUB_WORKSPACE || process.cwd();
  const rel = path.relative(base, path.resolve(file));
  return rel.startsWith('..') ? path.resolve(file) : rel.split(path.sep).join('/');
}
