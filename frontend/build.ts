// One build: wasm.toml -> spec -> per-module toolchain steps -> a check of each output -> wasm-opt on the
// frontend's own image -> an image holding only the modules.
import path from 'node:path/posix';
import { applyBuildArgs, selectModules, type ModuleSpec, type Spec } from '../src/wasm-toml/index.js';
import {
  invalidArgument,
  log,
  sourceError,
  withSourceLocation,
  type FrontendOptions,
  type FrontendResult,
  type Gateway,
  type GatewayRef,
  type Platform,
  type SourceSpan,
} from './gateway/index.js';
import { copy, local, marshal, scratch, type FileActions, type State } from './llb/index.js';
import { parseDefinition, readDefinition, type Definition } from './definition.js';
import { answer, describe, isSubrequest } from './subrequests.js';
import { imageConfig, sourceDateEpoch } from './image-config.js';
import { chooseToolchainImage, resolveToolchain } from './toolchain.js';
import { listFiles, matchFiles } from './context-files.js';
import { driverFor } from './languages/index.js';
import { buildCustom } from './languages/custom.js';
import type { BuildInputs, BuiltModule } from './languages/driver.js';
import { formatPlatform, WASI_WASM } from '../src/primitives/platform.js';
import { checkOutput, type OutputProblem } from './check-output.js';
import { postProcessFor, shipsWasmOpt, wasmOptStep, WASM_OPT_PATH, type PostProcess } from './wasm-opt.js';
import { selfImage, SelfImageUnavailable } from './self-image.js';

/** `--platform` values: any OS (`wasi`, `wasip1`, `wasip2`) as long as the architecture is wasm. */
export function targetPlatforms(requested: readonly Platform[]): Platform[] {
  if (requested.length === 0) return [WASI_WASM];
  for (const p of requested) {
    if (p.architecture !== 'wasm') {
      throw invalidArgument(
        `platform ${formatPlatform(p)}: wasm-build produces WebAssembly images; use --platform wasi/wasm`,
      );
    }
  }
  return [...requested];
}

/** The module's slice of the build context: only what its include/exclude patterns let through. */
function moduleContext(opts: FrontendOptions, module: ModuleSpec, sessionId: string | undefined): State {
  const under = (p: string) => (module.source === '.' ? p : path.join(module.source, p));
  return local(opts.contextKey, {
    sessionId,
    include: module.include.map(under),
    exclude: module.exclude.map(under),
    sharedKeyHint: opts.contextKey,
    customName: `[${module.name}] load build context`,
  });
}

function ignoresCache(opts: FrontendOptions, module: ModuleSpec): boolean {
  return opts.noCache === 'all' || (opts.noCache?.includes(module.name) ?? false);
}

async function buildModule(
  gateway: Gateway,
  opts: FrontendOptions,
  module: ModuleSpec,
  buildPlatform: Platform,
  sessionId: string | undefined,
): Promise<BuiltModule> {
  const label = `[${module.name}]`;
  const driver = module.language ? driverFor(module.language) : undefined;
  if (module.language && !driver) {
    throw invalidArgument(
      `module "${module.name}": language "${module.language}" is not supported by this frontend`,
    );
  }
  const ref = chooseToolchainImage(module, driver, opts.buildArgs);
  const toolchain = await resolveToolchain(gateway, ref, buildPlatform, label, opts.imageResolveMode);
  const context = moduleContext(opts, module, sessionId);
  let contextRef: GatewayRef | undefined;
  let listing: string[] | undefined;
  const inputs: BuildInputs = {
    module,
    toolchain: toolchain.state,
    toolchainEnv: toolchain.env,
    context,
    label,
    ignoreCache: ignoresCache(opts, module),
    async files(patterns) {
      if (!listing) {
        contextRef ??= (await gateway.solve({ definition: marshal(context).definition })).ref;
        if (!contextRef) throw new Error('the daemon returned no result for the build context');
        listing = await listFiles(gateway, contextRef, module.source);
        log.info(`${label} ${listing.length} files under ${module.source}`);
      }
      return matchFiles(listing, patterns);
    },
    async read(state, file) {
      const res = await gateway.solve({
        definition: marshal(state, { platform: buildPlatform }).definition,
        cacheImports: opts.cacheImports,
      });
      if (!res.ref) throw new Error(`${label} the daemon returned no result to read ${file} from`);
      return gateway.readFile(res.ref, file);
    },
  };
  return driver ? driver.build(inputs) : buildCustom(inputs);
}

/** What the rest of a build needs to finish a module: checks, post-processing, errors with snippets. */
interface FinishContext {
  gateway: Gateway;
  opts: FrontendOptions;
  def: Definition;
  spec: Spec;
  buildPlatform: Platform;
  /** The frontend's own image, resolved once, on first use. */
  frontendImage: () => Promise<State>;
}

/** The wasm.toml range of `path` under the module's table (the table itself for a defaulted key). */
function moduleSpan(ctx: FinishContext, module: ModuleSpec, path: readonly string[]): SourceSpan {
  const index = Math.max(
    0,
    ctx.spec.module.findIndex((m) => m.name === module.name),
  );
  const r = ctx.spec.locate(['module', index, ...path]);
  return { start: { line: r.line, character: r.column }, end: { line: r.endLine, character: r.endColumn } };
}

/** An error about `module`, shown with the wasm.toml lines at `path`. */
function moduleError(ctx: FinishContext, module: ModuleSpec, path: readonly string[], message: string) {
  return sourceError(`module "${module.name}": ${message}`, ctx.def.file, [moduleSpan(ctx, module, path)]);
}

function outputError(ctx: FinishContext, module: ModuleSpec, problem: OutputProblem, afterWasmOpt: boolean) {
  // How the user knows the file: the `output` they wrote, or the module a language driver compiled.
  const what = afterWasmOpt
    ? `the output of wasm-opt`
    : module.output
      ? `output "${module.output}"`
      : `the compiled module ${module.name}.wasm`;
  const where = problem.kind === 'wrong-kind' ? 'target' : module.output ? 'output' : 'language';
  const message =
    problem.kind === 'missing'
      ? `the build left no readable file at ${what}: ${problem.detail}`
      : `${what} ${problem.detail}`;
  return moduleError(ctx, module, [where], message);
}

async function frontendImageFor(ctx: FinishContext, module: ModuleSpec, plan: PostProcess): Promise<State> {
  const fix = [
    ...(plan.level ? ['`optimize.wasm-opt = "none"`'] : []),
    ...(plan.strip ? ['`optimize.strip = false`'] : []),
  ].join(' and ');
  // The frontend runs inside its own image: what it sees at WASM_OPT_PATH is what the exec will.
  if (!shipsWasmOpt()) {
    throw moduleError(
      ctx,
      module,
      ['optimize', 'wasm-opt'],
      `this frontend image has no wasm-opt at ${WASM_OPT_PATH} (build it from frontend/Dockerfile), so the module cannot be post-processed; set ${fix} to skip that step`,
    );
  }
  try {
    return await ctx.frontendImage();
  } catch (err) {
    if (!(err instanceof SelfImageUnavailable)) throw err;
    throw moduleError(
      ctx,
      module,
      ['optimize', 'wasm-opt'],
      `wasm-opt runs in the frontend's own image, but ${err.message}; set ${fix} to skip post-processing, or use BuildKit v0.10 or later`,
    );
  }
}

/**
 * After the language build: check the output is the Wasm the target needs (so a wrong `output` fails
 * with a clear message, not inside wasm-opt), run wasm-opt on modules, and check its output too.
 */
async function finishModule(
  ctx: FinishContext,
  module: ModuleSpec,
  built: BuiltModule,
): Promise<BuiltModule> {
  const label = `[${module.name}]`;
  const check = async (m: BuiltModule, afterWasmOpt: boolean) => {
    let problem;
    try {
      problem = await checkOutput(ctx.gateway, m.output, m.path, {
        target: module.target,
        platform: ctx.buildPlatform,
        cacheImports: ctx.opts.cacheImports,
      });
    } catch (err) {
      // A step failed (the check is what runs them): point at what in wasm.toml asked for that step.
      const step = afterWasmOpt ? ['optimize', 'wasm-opt'] : module.build ? ['build'] : ['language'];
      throw withSourceLocation(err, ctx.def.file, [moduleSpan(ctx, module, step)]);
    }
    if (problem) throw outputError(ctx, module, problem, afterWasmOpt);
  };
  await check(built, false);
  const plan = postProcessFor(module);
  if (!plan) return built;
  const image = await frontendImageFor(ctx, module, plan);
  const processed = wasmOptStep(image, module, built, plan, {
    label,
    ignoreCache: ignoresCache(ctx.opts, module),
  });
  await check(processed, true);
  return processed;
}

export async function build(gateway: Gateway): Promise<FrontendResult> {
  const opts = gateway.options();
  const env = gateway.environment();
  if (isSubrequest(opts.requestId)) {
    const described = describe(opts.requestId);
    if (described) return described;
  }
  const def = await readDefinition(gateway, opts, env.sessionId);
  const spec = applyBuildArgs(parseDefinition(def), Object.fromEntries(opts.buildArgs));
  if (isSubrequest(opts.requestId)) return answer(opts.requestId, spec, def.file, opts.target);

  const selection = selectModules(spec, opts.target);
  if (!selection.ok)
    throw invalidArgument(`${selection.message}${selection.hint ? ` (${selection.hint})` : ''}`);
  const platforms = targetPlatforms(opts.platforms);
  const epoch = sourceDateEpoch(opts.buildArgs);

  const compiled: { module: ModuleSpec; result: BuiltModule }[] = [];
  for (const module of selection.modules) {
    compiled.push({
      module,
      result: await buildModule(gateway, opts, module, env.buildPlatform, env.sessionId),
    });
  }
  let frontendImage: Promise<State> | undefined;
  const ctx: FinishContext = {
    gateway,
    opts,
    def,
    spec,
    buildPlatform: env.buildPlatform,
    frontendImage: () =>
      (frontendImage ??= selfImage({ gateway, options: opts, platform: env.buildPlatform })),
  };
  // Modules build in parallel from here: each check makes the daemon run that module's steps.
  const built = await Promise.all(
    compiled.map(async ({ module, result }) => ({
      module,
      result: await finishModule(ctx, module, result),
    })),
  );

  // The image: each module at /<name>.wasm, with a fixed timestamp and mode so the layer is reproducible.
  let actions: FileActions | undefined;
  for (const { module, result } of built) {
    const args = [
      result.output,
      result.path,
      `/${module.name}.wasm`,
      // 0755 whatever the step that wrote it left (wasm-opt writes 0644): runtimes that take the
      // entrypoint for a program see one, and the layer does not depend on a tool's umask.
      { createdTime: new Date(epoch.seconds * 1000), mode: 0o755 },
    ] as const;
    actions = actions ? actions.copy(...args) : copy(...args);
  }
  const final = scratch().file(actions!, {
    ignoreCache: opts.noCache !== undefined,
    customName: `export ${built.map((b) => `${b.module.name}.wasm`).join(', ')}`,
  });
  const res = await gateway.solve({
    definition: marshal(final, { platform: env.buildPlatform }).definition,
    cacheImports: opts.cacheImports,
  });
  if (!res.ref) throw new Error('the daemon returned no result for the image');

  const configFor = (platform: Platform) =>
    JSON.stringify(
      imageConfig({
        platform,
        entrypoint: `/${selection.entrypoint.name}.wasm`,
        image: selection.image,
        buildLabels: opts.labels,
        modules: built.map((b) => `${b.module.name}.wasm`),
        epochSeconds: epoch.seconds,
      }),
    );
  const metadata: Record<string, string> = {
    'refs.platforms': JSON.stringify({
      Platforms: platforms.map((p) => ({ ID: formatPlatform(p), Platform: p })),
    }),
  };
  if (epoch.explicit) metadata['source.date.epoch'] = String(epoch.seconds);
  for (const [k, v] of Object.entries(selection.image.annotations)) metadata[`annotation.${k}`] = v;
  if (platforms.length === 1) {
    metadata['containerimage.config'] = configFor(platforms[0]!);
    return { ref: res.ref, metadata };
  }
  const refs: Record<string, GatewayRef> = {};
  for (const p of platforms) {
    refs[formatPlatform(p)] = res.ref;
    metadata[`containerimage.config/${formatPlatform(p)}`] = configFor(p);
  }
  return { refs, metadata };
}
