// One build: wasm.toml -> spec -> per-module toolchain steps -> an image holding only the modules.
import path from 'node:path/posix';
import { applyBuildArgs, selectModules, type ModuleSpec } from '../src/spec/index.js';
import {
  invalidArgument,
  log,
  type FrontendOptions,
  type FrontendResult,
  type Gateway,
  type GatewayRef,
  type Platform,
} from './gateway/index.js';
import { copy, local, marshal, scratch, type FileActions, type State } from './llb/index.js';
import { parseDefinition, readDefinition } from './definition.js';
import { answer, describe, isSubrequest } from './subrequests.js';
import { imageConfig, sourceDateEpoch } from './image-config.js';
import { chooseToolchainImage, resolveToolchain } from './toolchain.js';
import { listFiles, matchFiles } from './context-files.js';
import { driverFor } from './languages/index.js';
import { buildCustom } from './languages/custom.js';
import type { BuildInputs, BuiltModule } from './languages/driver.js';

const DEFAULT_PLATFORM: Platform = { os: 'wasi', architecture: 'wasm' };

/** `--platform` values: any OS (`wasi`, `wasip1`, `wasip2`) as long as the architecture is wasm. */
export function targetPlatforms(requested: readonly Platform[]): Platform[] {
  if (requested.length === 0) return [DEFAULT_PLATFORM];
  for (const p of requested) {
    if (p.architecture !== 'wasm') {
      throw invalidArgument(
        `platform ${p.os}/${p.architecture}: wasm-build produces WebAssembly images; use --platform wasi/wasm`,
      );
    }
  }
  return [...requested];
}

export function platformId(p: Platform): string {
  return `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`;
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
    ignoreCache: opts.noCache === 'all' || (opts.noCache?.includes(module.name) ?? false),
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

  const built: { module: ModuleSpec; result: BuiltModule }[] = [];
  for (const module of selection.modules) {
    built.push({
      module,
      result: await buildModule(gateway, opts, module, env.buildPlatform, env.sessionId),
    });
  }

  // The image: each module at /<name>.wasm, with a fixed timestamp so the layer is reproducible.
  let actions: FileActions | undefined;
  for (const { module, result } of built) {
    const args = [
      result.output,
      result.path,
      `/${module.name}.wasm`,
      { createdTime: new Date(epoch.seconds * 1000) },
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
      Platforms: platforms.map((p) => ({ ID: platformId(p), Platform: p })),
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
    refs[platformId(p)] = res.ref;
    metadata[`containerimage.config/${platformId(p)}`] = configFor(p);
  }
  return { refs, metadata };
}
