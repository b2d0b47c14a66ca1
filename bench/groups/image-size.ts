// 4. Image size: the module, the image as a registry stores it (manifest + config + layer) and what the
// image adds beyond the module's own compressed layer; the module as the frontend builds it by default (no
// wasm-opt), opting into `wasm-opt = "Os"`, and from the Dockerfile. Sizes do not vary between runs, so each is measured once, on builds the build-time
// group already made (their steps are cached).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { openLayout } from '../../src/oci/index.js';
import { extractModule, findWasmImage } from '../../src/wasm-image/index.js';
import { buildx } from '../build.js';
import type { Bench } from '../context.js';
import { wasmOptMs } from '../samples.js';
import { dockerfileBuild, examples, frontendBuild, prepareExample } from './build-time.js';

export interface ImageSize {
  moduleBytes: number;
  /** The module alone, gzipped at zlib's default level: what its layer would be without the tar around it. */
  gzipModuleBytes: number;
  layerBytes: number;
  configBytes: number;
  manifestBytes: number;
  /** Manifest + config + layers: what a registry stores and a pull fetches. */
  imageBytes: number;
  /** imageBytes beyond the module's own compressed layer (the manifest and the config). */
  overheadBytes: number;
}

export interface SizeResult {
  example: string;
  frontend: ImageSize;
  /** The same build opting into `optimize.wasm-opt = "Os"`... */
  frontendWasmOpt: ImageSize;
  /** ...and how long its wasm-opt step ran (0: none ran, so the frontend image could not run it). */
  wasmOptMs: number;
  dockerfile: ImageSize;
}

/** The sizes of the one image in an OCI layout (`platform` of a Dockerfile's image: the build platform). */
async function imageSize(dir: string, platform?: { os: string; architecture: string }): Promise<ImageSize> {
  const layout = await openLayout(dir);
  const image = await findWasmImage(layout, platform ? { platform } : {});
  const module = await extractModule(layout, image);
  const layerBytes = image.manifest.layers.reduce((n, l) => n + l.size, 0);
  const configBytes = image.manifest.config.size;
  const manifestBytes = image.descriptor.size;
  return {
    moduleBytes: module.bytes.length,
    gzipModuleBytes: gzipSync(module.bytes).length,
    layerBytes,
    configBytes,
    manifestBytes,
    imageBytes: manifestBytes + configBytes + layerBytes,
    overheadBytes: manifestBytes + configBytes,
  };
}

const buildPlatform = { os: 'linux', architecture: process.arch === 'x64' ? 'amd64' : process.arch };

export async function imageSizes(b: Bench): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const ex of examples) {
    const dir = prepareExample(b, ex);
    // Outside the context, so the frontend's view of the sources is the same as in the other builds.
    const withOpt = path.join(b.work, ex.name, 'wasm-opt');
    mkdirSync(withOpt, { recursive: true });
    const toml = path.join(withOpt, 'wasm.toml');
    writeFileSync(
      toml,
      `${readFileSync(path.join(dir, 'wasm.toml'), 'utf8')}\n[module.optimize]\nwasm-opt = "Os"\n`,
    );
    const out = (v: string) => path.join(b.work, ex.name, `size-${v}`);
    b.say(`${ex.name}: image sizes`);
    await buildx(b, frontendBuild(b, ex, out('frontend')));
    const optimized = await buildx(b, frontendBuild(b, ex, out('wasm-opt'), toml));
    await buildx(b, dockerfileBuild(b, ex, out('dockerfile')));
    results.push({
      example: ex.name,
      frontend: await imageSize(out('frontend')),
      frontendWasmOpt: await imageSize(out('wasm-opt')),
      wasmOptMs: wasmOptMs(optimized),
      dockerfile: await imageSize(out('dockerfile'), buildPlatform),
    });
  }
  return results;
}
