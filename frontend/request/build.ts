// One build, as BuildKit runs a frontend: the options and the definition file in, subrequests answered,
// the conversion (convert.ts) run over the gateway, and the result out: the image's filesystem with its
// config per platform.
import { applyBuildArgs, selectModules } from '../../src/wasm-toml/index.js';
import { formatPlatform, WASI_WASM, type Platform } from '../../src/primitives/platform.js';
import { GatewayCap, invalidArgument, type FrontendResult, type Gateway } from '../gateway/index.js';
import { marshal, mkfile, scratch } from '../llb/index.js';
import { convert } from '../convert/convert.js';
import { SPDX_PREDICATE_TYPE, spdxDocument, type SbomModule } from '../sbom/spdx.js';
import { parseDefinition, readDefinition } from './definition.js';
import { answer, describe, isSubrequest } from './subrequests.js';
import { sourceDateEpoch } from './image-config.js';
import { imageResult } from './result.js';
import { selfImage } from './self-image.js';

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
  if (opts.sbom && !gateway.caps.has(GatewayCap.attestations)) {
    throw invalidArgument(
      'this BuildKit takes no attestations from a frontend (cap reference.attestations): build without --sbom',
    );
  }

  const { image, files, sbom } = await convert(gateway, spec, selection.modules, {
    file: def.file,
    buildArgs: opts.buildArgs,
    contextKey: opts.contextKey,
    sessionId: env.sessionId,
    noCache: opts.noCache,
    imageResolveMode: opts.imageResolveMode,
    cacheImports: opts.cacheImports,
    buildPlatform: env.buildPlatform,
    epochSeconds: epoch.seconds,
    frontendImage: memo(() => selfImage({ gateway, options: opts, platform: env.buildPlatform })),
    sbom: opts.sbom,
  });
  const res = await gateway.solve({
    definition: marshal(image, { platform: env.buildPlatform }).definition,
    cacheImports: opts.cacheImports,
  });
  if (!res.ref) throw new Error('the daemon returned no result for the image');

  const result = imageResult(res.ref, {
    platforms,
    entrypoint: selection.entrypoint.name,
    image: selection.image,
    buildLabels: opts.labels,
    files,
    epoch,
  });
  if (!sbom) return result;
  // BuildKit runs its own scanner only for a result without an SPDX attestation: this one.
  const attestation = await sbomAttestation(gateway, sbom, epoch.seconds);
  const attestations = Object.fromEntries(platforms.map((p) => [formatPlatform(p), [attestation]]));
  return { ...result, attestations };
}

/** The SPDX document as a file BuildKit reads the predicate from. */
async function sbomAttestation(gateway: Gateway, modules: SbomModule[], epochSeconds: number) {
  const path = '/sbom.spdx.json';
  const name = modules.map((m) => `${m.name}.wasm`).join(', ');
  const state = scratch().file(mkfile(path, 0o644, spdxDocument(name, modules, epochSeconds)), {
    customName: 'SBOM of the modules (SPDX, from their lock files)',
  });
  const res = await gateway.solve({ definition: marshal(state).definition });
  if (!res.ref) throw new Error('the daemon returned no result for the SBOM');
  return { ref: res.ref, path, predicateType: SPDX_PREDICATE_TYPE };
}

/** A function that runs once, on first use, and returns that result ever after. */
function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}
