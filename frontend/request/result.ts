// The frontend's answer to BuildKit: the image's filesystem, and for each platform asked for its image
// config and the metadata exporters read (annotations, SOURCE_DATE_EPOCH, the platform list).
import type { ImageSpec } from '../../src/wasm-toml/index.js';
import { formatPlatform, type Platform } from '../../src/primitives/platform.js';
import type { FrontendResult, GatewayRef } from '../gateway/index.js';
import { imageConfig } from './image-config.js';

export interface ImageResultInput {
  platforms: readonly Platform[];
  /** The module the image runs. */
  entrypoint: string;
  image: ImageSpec;
  buildLabels: ReadonlyMap<string, string>;
  /** The module files in the image. */
  files: readonly string[];
  epoch: { seconds: number; explicit: boolean };
}

export function imageResult(ref: GatewayRef, input: ImageResultInput): FrontendResult {
  const configFor = (platform: Platform) =>
    JSON.stringify(
      imageConfig({
        platform,
        entrypoint: `/${input.entrypoint}.wasm`,
        image: input.image,
        buildLabels: input.buildLabels,
        modules: input.files,
        epochSeconds: input.epoch.seconds,
      }),
    );
  const metadata: Record<string, string> = {
    'refs.platforms': JSON.stringify({
      Platforms: input.platforms.map((p) => ({ ID: formatPlatform(p), Platform: p })),
    }),
  };
  if (input.epoch.explicit) metadata['source.date.epoch'] = String(input.epoch.seconds);
  for (const [k, v] of Object.entries(input.image.annotations)) metadata[`annotation.${k}`] = v;
  if (input.platforms.length === 1) {
    metadata['containerimage.config'] = configFor(input.platforms[0]!);
    return { ref, metadata };
  }
  // One result serves every platform: the module does not depend on it.
  const refs: Record<string, GatewayRef> = {};
  for (const p of input.platforms) {
    refs[formatPlatform(p)] = ref;
    metadata[`containerimage.config/${formatPlatform(p)}`] = configFor(p);
  }
  return { refs, metadata };
}
