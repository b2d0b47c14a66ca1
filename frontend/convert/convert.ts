// wasm.toml to LLB, one module at a time: each module's toolchain steps, its post steps on the frontend's
// own image, a check of what they produced, and the image's filesystem holding every module. Everything it
// asks of BuildKit goes through a BuildIO; options come in as ConvertSettings (see build.ts).
import path from 'node:path/posix';
import type { ModuleSpec, Spec } from '../../src/wasm-toml/index.js';
import {
  log,
  sourceError,
  withSourceLocation,
  type CacheOptionsEntry,
  type SourceSpan,
} from '../gateway/index.js';
import type { Platform } from '../../src/primitives/platform.js';
import { copy, local, marshal, scratch, type FileActions, type State } from '../llb/index.js';
import type { Definition } from '../request/definition.js';
import type { BuildIO } from './build-io.js';
import { chooseToolchainImage, resolveToolchain } from './toolchain.js';
import { listFiles, matchFiles } from './context-files.js';
import { driverFor } from '../languages/index.js';
import { buildCustom } from '../languages/custom.js';
import type { BuildInputs, BuiltModule } from '../languages/driver.js';
import { checkOutput, type OutputProblem } from './check-output.js';
import { ModuleError } from './module-error.js';
import { SelfImageUnavailable } from '../request/self-image.js';
import { postStepsFor, type PostStep } from '../post-steps/index.js';
import { LockfileError, readDependencies } from '../sbom/lockfiles.js';
import type { SbomModule } from '../sbom/spdx.js';

/** The options a conversion depends on, already read and checked. */
export interface ConvertSettings {
  /** The definition file, for errors that show its lines. */
  file: Definition['file'];
  buildArgs: ReadonlyMap<string, string>;
  contextKey: string;
  sessionId: string | undefined;
  /** `--no-cache`: every module, or the named ones. */
  noCache: 'all' | readonly string[] | undefined;
  imageResolveMode: 'default' | 'pull' | 'local';
  cacheImports: readonly CacheOptionsEntry[];
  buildPlatform: Platform;
  /** Timestamps in the image's layer. */
  epochSeconds: number;
  /** The frontend's own image (where wasm-opt runs), resolved on first use. */
  frontendImage: () => Promise<State>;
  /** Read each module's lock files for an SBOM (`--sbom`). */
  sbom: boolean;
}

interface ConvertContext {
  io: BuildIO;
  spec: Spec;
  settings: ConvertSettings;
}

/** The module's slice of the build context: only what its include/exclude patterns let through. */
function moduleContext(settings: ConvertSettings, module: ModuleSpec): State {
  const under = (p: string) => (module.source === '.' ? p : path.join(module.source, p));
  return local(settings.contextKey, {
    sessionId: settings.sessionId,
    include: module.include.map(under),
    exclude: module.exclude.map(under),
    sharedKeyHint: settings.contextKey,
    customName: `[${module.name}] load build context`,
  });
}

function ignoresCache(settings: ConvertSettings, module: ModuleSpec): boolean {
  return settings.noCache === 'all' || (settings.noCache?.includes(module.name) ?? false);
}

interface ModuleBuild {
  built: BuiltModule;
  /** What the SBOM says of the module, when one was asked for. */
  sbom?: SbomModule;
}

async function buildModule(ctx: ConvertContext, module: ModuleSpec): Promise<ModuleBuild> {
  const { io, settings } = ctx;
  const label = `[${module.name}]`;
  const driver = module.language ? driverFor(module.language) : undefined;
  if (module.language && !driver) {
    throw new ModuleError(
      module.name,
      ['language'],
      `language "${module.language}" is not supported by this frontend`,
    );
  }
  const ref = chooseToolchainImage(module, driver, settings.buildArgs);
  const resolving = resolveToolchain(io, ref, settings.buildPlatform, label, settings.imageResolveMode);
  const context = moduleContext(settings, module);
  let listing: Promise<string[]> | undefined;
  const list = () =>
    (listing ??= (async () => {
      const { ref: contextRef } = await io.solve({ definition: marshal(context).definition });
      if (!contextRef) throw new Error('the daemon returned no result for the build context');
      const files = await listFiles(io, contextRef, module.source);
      log.info(`${label} ${files.length} files under ${module.source}`);
      return files;
    })());
  // Every language driver lists the context first: that Solve and ReadDir go out while the toolchain's
  // config is resolved, instead of after it. A failure surfaces where the driver asks for the files.
  if (driver && !module.build) list().catch(() => {});
  const toolchain = await resolving;
  const inputs: BuildInputs = {
    module,
    // Declared secrets are mounted into every step built on the toolchain, whatever the driver writes.
    toolchain: module.secrets.length > 0 ? toolchain.state.withSecrets(module.secrets) : toolchain.state,
    toolchainEnv: toolchain.env,
    context,
    label,
    ignoreCache: ignoresCache(settings, module),
    async files(patterns) {
      return matchFiles(await list(), patterns);
    },
    async read(state, file) {
      const res = await io.solve({
        definition: marshal(state, { platform: settings.buildPlatform }).definition,
        cacheImports: settings.cacheImports,
      });
      if (!res.ref) throw new Error(`${label} the daemon returned no result to read ${file} from`);
      return io.readFile(res.ref, file);
    },
  };
  // A custom `build` wins: the language then only picks the toolchain image it runs in.
  const building = module.build || !driver ? buildCustom(inputs) : driver.build(inputs);
  const sbom = settings.sbom ? moduleSbom(module, inputs, toolchain.image) : undefined;
  const [built, described] = await Promise.all([building, sbom]);
  return { built, ...(described ? { sbom: described } : {}) };
}

/** The module, its toolchain image and the dependencies its lock files list, read from the context. */
async function moduleSbom(module: ModuleSpec, inputs: BuildInputs, toolchain: string): Promise<SbomModule> {
  const read = async (name: string) => {
    if ((await inputs.files([name])).length === 0) return undefined;
    const file = module.source === '.' ? name : path.join(module.source, name);
    return new TextDecoder().decode(await inputs.read(inputs.context, file));
  };
  try {
    const dependencies = module.language ? await readDependencies(module.language, read) : [];
    return { name: module.name, language: module.language, toolchain, dependencies };
  } catch (err) {
    if (!(err instanceof LockfileError)) throw err;
    throw new ModuleError(module.name, ['language'], `for the SBOM: ${err.message}`);
  }
}

/** The wasm.toml range of `path` under the module's table (the table itself for a defaulted key). */
function moduleSpan(ctx: ConvertContext, module: ModuleSpec, path: readonly string[]): SourceSpan {
  const index = Math.max(
    0,
    ctx.spec.module.findIndex((m) => m.name === module.name),
  );
  const r = ctx.spec.locate(['module', index, ...path]);
  return { start: { line: r.line, character: r.column }, end: { line: r.endLine, character: r.endColumn } };
}

/** An error about `module`, shown with the wasm.toml lines at `path`. */
function moduleError(ctx: ConvertContext, module: ModuleSpec, path: readonly string[], message: string) {
  return sourceError(`module "${module.name}": ${message}`, ctx.settings.file, [
    moduleSpan(ctx, module, path),
  ]);
}

/** Which step wrote the module a check reads: the language build (or custom `build`) or a post step. */
type OutputStep = 'build' | PostStep;

/** The wasm.toml key whose step wrote the module: a post step's own, else the build's. */
function stepKey(module: ModuleSpec, step: OutputStep): readonly string[] {
  if (step !== 'build') return step.key;
  return module.build ? ['build'] : ['language'];
}

function outputError(ctx: ConvertContext, module: ModuleSpec, problem: OutputProblem, step: OutputStep) {
  // How the user knows the file: the `output` they wrote, or the module a language driver compiled.
  let what = `the compiled module ${module.name}.wasm`;
  if (step !== 'build') what = step.output;
  else if (module.output) what = `output "${module.output}"`;
  const where = problem.kind === 'wrong-kind' ? 'target' : module.output ? 'output' : 'language';
  const message =
    problem.kind === 'missing'
      ? `the build left no readable file at ${what}: ${problem.detail}`
      : `${what} ${problem.detail}`;
  return moduleError(ctx, module, [where], message);
}

/**
 * The frontend's own image, for a post step that runs one of its tools; or, at the step's key, why there
 * is none: the image lacks the tool, or the daemon cannot give the frontend its own image.
 */
async function selfImageFor(ctx: ConvertContext, module: ModuleSpec, step: PostStep): Promise<State> {
  // The frontend runs inside its own image: what it sees there is what the exec will.
  if (!step.ships()) throw moduleError(ctx, module, step.key, step.missing);
  try {
    return await ctx.settings.frontendImage();
  } catch (err) {
    if (!(err instanceof SelfImageUnavailable)) throw err;
    throw moduleError(ctx, module, step.key, step.unavailable(err.message));
  }
}

/**
 * After the language build: run the post steps the module asks for (componentize, wasm-opt), and check
 * that the result is the Wasm the target needs. The language build's own output is checked only when
 * there is no such step, or when it failed: a successful (or cached) build then costs one Solve and one
 * ReadFile per module, and a wrong `output` still fails with a clear message about the build, not inside
 * wasm-opt.
 */
async function finishModule(
  ctx: ConvertContext,
  module: ModuleSpec,
  built: BuiltModule,
): Promise<BuiltModule> {
  const label = `[${module.name}]`;
  const check = async (m: BuiltModule, step: OutputStep) => {
    let problem;
    // A module to componentize must be a core module first (the toolchain built it for wasip1).
    const target = m.componentize ? 'wasip1' : module.target;
    try {
      problem = await checkOutput(ctx.io, m.output, m.path, {
        target,
        platform: ctx.settings.buildPlatform,
        cacheImports: ctx.settings.cacheImports,
      });
    } catch (err) {
      // A step failed (the check is what runs them): point at what in wasm.toml asked for that step.
      throw withSourceLocation(err, ctx.settings.file, [moduleSpan(ctx, module, stepKey(module, step))]);
    }
    if (problem) throw outputError(ctx, module, problem, step);
  };
  const steps = postStepsFor(module, built);
  const last = steps.at(-1);
  if (!last) {
    await check(built, 'build');
    return built;
  }
  const ignoreCache = ignoresCache(ctx.settings, module);
  let processed = built;
  for (const step of steps) {
    processed = step.run(await selfImageFor(ctx, module, step), processed, { label, ignoreCache });
  }
  try {
    await check(processed, last);
  } catch (err) {
    // Blame the language build if its output was already wrong (or it failed); else the step after it.
    await check(built, 'build');
    throw err;
  }
  return processed;
}

/** Every value, in order; when some reject, the first of them in order (not the first to settle). */
async function allInOrder<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

/** A ModuleError as the user sees it: with the lines of the key it is about. */
function located(ctx: ConvertContext, err: unknown): unknown {
  if (!(err instanceof ModuleError)) return err;
  const module = ctx.spec.module.find((m) => m.name === err.module);
  if (!module) return err;
  return sourceError(err.message, ctx.settings.file, [moduleSpan(ctx, module, err.key)]);
}

/**
 * The image's filesystem for the selected modules, each at /<name>.wasm. Toolchain steps are planned
 * module by module; from the first check on, the daemon runs the modules' steps in parallel.
 */
export async function convert(
  io: BuildIO,
  spec: Spec,
  modules: readonly ModuleSpec[],
  settings: ConvertSettings,
): Promise<{ image: State; files: string[]; sbom?: SbomModule[] }> {
  const ctx: ConvertContext = { io, spec, settings };
  try {
    // Modules are independent: their gateway calls go out together, and no step waits for another module.
    const built = await allInOrder(
      modules.map(async (module) => {
        const { built: compiled, sbom } = await buildModule(ctx, module);
        return { module, sbom, result: await finishModule(ctx, module, compiled) };
      }),
    );
    // Each module at /<name>.wasm, with a fixed timestamp and mode so the layer is reproducible.
    let actions: FileActions | undefined;
    for (const { module, result } of built) {
      const args = [
        result.output,
        result.path,
        `/${module.name}.wasm`,
        // 0755 whatever the step that wrote it left (wasm-opt writes 0644): runtimes that take the
        // entrypoint for a program see one, and the layer does not depend on a tool's umask.
        { createdTime: new Date(settings.epochSeconds * 1000), mode: 0o755 },
      ] as const;
      actions = actions ? actions.copy(...args) : copy(...args);
    }
    const files = built.map((b) => `${b.module.name}.wasm`);
    const image = scratch().file(actions!, {
      ignoreCache: settings.noCache !== undefined,
      customName: `export ${files.join(', ')}`,
    });
    const sbom = settings.sbom ? built.map((b) => b.sbom!) : undefined;
    return { image, files, ...(sbom ? { sbom } : {}) };
  } catch (err) {
    throw located(ctx, err);
  }
}
