// Build: which images the file gives, and one `buildx build` per image into an OCI layout.
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ModuleSpec, Spec } from '../wasm-toml/index.js';
import { cacheScope, defaultActionsCache } from './actions-cache.js';
import { buildxArgs, buildxCommand, buildxFailure } from './buildx.js';
import { sourceDiagnostics } from './diagnostics.js';
import { PipelineError } from './errors.js';
import type { LineLogger } from './in-order.js';
import type { PipelineDeps, PipelineInputs } from './types.js';

/** One image the build produces, and the modules it holds. */
export interface ImagePlan {
  /** `--target`; undefined builds the file's default. */
  target?: string;
  modules: { spec: ModuleSpec; index: number }[];
  /** A name for the image among several (its layout directory, its repository suffix). */
  name: string;
}

/**
 * Without a top-level [image], each module is an image of its own (`--target <module>`); with one,
 * every module is in a single image and a target only picks its entrypoint.
 */
export function planImages(spec: Spec, targets: readonly string[]): ImagePlan[] {
  const all = spec.module.map((m, index) => ({ spec: m, index }));
  const names = all.map((m) => m.spec.name);
  for (const t of targets) {
    if (!names.includes(t)) {
      throw new PipelineError(
        'input',
        `targets: "${t}" is not a module of the file (it has ${names.join(', ')})`,
      );
    }
  }
  if (spec.image) {
    if (targets.length > 1) {
      throw new PipelineError(
        'input',
        'targets: with a top-level [image], every module is in one image and a target picks its ' +
          `entrypoint: give one target, not ${targets.length}`,
      );
    }
    const target = targets[0];
    return [{ target, modules: all, name: target ?? spec.image.entrypoint }];
  }
  const chosen = targets.length ? all.filter((m) => targets.includes(m.spec.name)) : all;
  return chosen.map((m) => ({
    target: names.length > 1 ? m.spec.name : undefined,
    modules: [m],
    name: m.spec.name,
  }));
}

export interface BuiltImage {
  plan: ImagePlan;
  layout: string;
}

export async function buildImage(
  plan: ImagePlan,
  inputs: PipelineInputs,
  deps: Pick<PipelineDeps, 'env' | 'run'> & { log: LineLogger },
  builder: string | undefined,
  fileLabel: string,
): Promise<BuiltImage> {
  const layout = path.join(inputs.workDir, 'layouts', plan.name);
  await rm(layout, { recursive: true, force: true });
  await mkdir(path.dirname(layout), { recursive: true });
  const userCache = inputs.cacheFrom.length > 0 || inputs.cacheTo.length > 0;
  const cache = userCache ? undefined : defaultActionsCache(deps.env, cacheScope(fileLabel, plan.target));
  if (cache) deps.log.info(`cache: the Actions cache, scope ${cacheScope(fileLabel, plan.target)}`);
  // A secret we hold goes to buildx in its environment; its argv names only the variable.
  const secretEnv: Record<string, string> = {};
  const secrets = inputs.secrets.map((s, i) => {
    if ('env' in s.from) return `id=${s.id},env=${s.from.env}`;
    if ('file' in s.from) return `id=${s.id},src=${s.from.file}`;
    secretEnv[`WASM_BUILD_SECRET_${i}`] = s.from.value;
    return `id=${s.id},env=WASM_BUILD_SECRET_${i}`;
  });
  // Named, on a terminal, so its build record (and so its log) can be found when it fails.
  const buildName = inputs.progress === 'auto' ? `wasm-build ${plan.name} ${randomUUID()}` : undefined;
  const args = buildxArgs({
    context: inputs.context,
    file: inputs.file,
    frontend: inputs.frontend,
    builder,
    target: plan.target,
    buildArgs: inputs.buildArgs,
    labels: inputs.labels,
    annotations: inputs.annotations,
    layoutDir: layout,
    noCache: inputs.noCache,
    cacheFrom: cache?.cacheFrom ?? inputs.cacheFrom,
    cacheTo: cache?.cacheTo ?? inputs.cacheTo,
    provenance: inputs.provenance,
    sbom: inputs.sbom,
    secrets,
    progress: inputs.progress,
    buildName,
  });
  const [cmd, ...pre] = buildxCommand(deps.env);
  deps.log.info([cmd, ...pre, ...args].join(' '));
  const onTerminal = inputs.progress === 'auto';
  const res = await deps.run(cmd, [...pre, ...args], {
    env: { ...deps.env, ...secretEnv },
    // On a terminal buildx draws its own progress; elsewhere its plain lines go to the log as they come.
    inherit: onTerminal ? 'stderr' : undefined,
    onStderr: onTerminal ? undefined : (chunk) => deps.log.output(chunk),
  });
  if (res.code !== 0) {
    const failure = buildxFailure(res.stderr);
    // On a terminal nothing was captured: the build record has the same plain log.
    const plain = buildName ? await buildRecordLog(buildName, [cmd, ...pre], builder, deps) : res.stderr;
    const sources = new Map(plan.modules.map((m) => [m.spec.name, m.spec.source]));
    throw new PipelineError(
      'build',
      `building ${plan.name} failed: ${failure.message}`,
      failure.line === undefined ? undefined : { file: fileLabel, line: failure.line },
      { diagnostics: sourceDiagnostics(plain, repositoryContext(inputs.context), (m) => sources.get(m)) },
    );
  }
  return { plan, layout };
}

/**
 * The context as paths in the repository start: relative to the working directory when it lies under it
 * (annotations on a runner name files relative to the workspace), as given otherwise.
 */
function repositoryContext(context: string): string {
  if (!path.isAbsolute(context)) return context;
  const rel = path.relative(process.cwd(), context);
  return rel.startsWith('..') || path.isAbsolute(rel) ? context : rel || '.';
}

/**
 * The plain log of the build named `name` from the builder's build records (`buildx history`), or '' when
 * there is none to read (an old buildx, or a builder that keeps no history): the failure is then reported
 * without its compiler errors.
 */
async function buildRecordLog(
  name: string,
  buildx: readonly string[],
  builder: string | undefined,
  deps: Pick<PipelineDeps, 'env' | 'run'>,
): Promise<string> {
  const [cmd, ...pre] = buildx;
  const on = builder ? [`--builder=${builder}`] : [];
  const run = (args: string[]) => deps.run(cmd!, [...pre, 'history', ...args, ...on], { env: deps.env });
  const records = await run(['ls', '--format=json']);
  if (records.code !== 0) return '';
  const ref = records.stdout
    .split('\n')
    .flatMap((line) => {
      try {
        const record = JSON.parse(line) as { name?: string; ref?: string };
        return record.name === name && record.ref ? [record.ref] : [];
      } catch {
        return [];
      }
    })
    .at(0);
  if (!ref) return '';
  const logs = await run(['logs', ref.split('/').at(-1)!]);
  return logs.code === 0 ? logs.stdout + logs.stderr : '';
}
