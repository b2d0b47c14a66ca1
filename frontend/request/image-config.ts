// The config of the image the frontend returns: platform wasi/wasm, the module as entrypoint, nothing else.
// Timestamps come from SOURCE_DATE_EPOCH (or a fixed default) so the same inputs give the same digest.
import type { ImageConfig } from '../../src/primitives/image-config.js';
import type { ImageSpec } from '../../src/wasm-toml/index.js';
import type { Platform } from '../gateway/index.js';

/** Used when the build does not set SOURCE_DATE_EPOCH: a fixed time keeps digests reproducible. */
export const DEFAULT_EPOCH = 0;

/** SOURCE_DATE_EPOCH from the build args, validated; the default when unset. */
export function sourceDateEpoch(buildArgs: ReadonlyMap<string, string>): {
  seconds: number;
  explicit: boolean;
} {
  const raw = buildArgs.get('SOURCE_DATE_EPOCH');
  if (raw === undefined || raw === '') return { seconds: DEFAULT_EPOCH, explicit: false };
  if (!/^\d+$/.test(raw)) {
    throw new Error(`SOURCE_DATE_EPOCH must be whole seconds since 1970 (got "${raw}")`);
  }
  return { seconds: Number(raw), explicit: true };
}

export interface ImageConfigInput {
  platform: Platform;
  /** Path of the entrypoint module in the image, e.g. `/hello.wasm`. */
  entrypoint: string;
  image: ImageSpec;
  /** `label:*` options from the build (`--label`); they win over the file's labels. */
  buildLabels: ReadonlyMap<string, string>;
  /** Module files in the image, for the history entry. */
  modules: readonly string[];
  epochSeconds: number;
}

export function imageConfig(input: ImageConfigInput): ImageConfig {
  // RFC 3339 without fractional seconds, as Go writes a whole-second time.
  const created = new Date(input.epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
  const labels: Record<string, string> = { ...input.image.labels, ...Object.fromEntries(input.buildLabels) };
  const config: NonNullable<ImageConfig['config']> = {
    Entrypoint: [input.entrypoint],
    WorkingDir: input.image.workdir,
  };
  if (input.image.args.length > 0) config.Cmd = input.image.args;
  const env = Object.entries(input.image.env).map(([k, v]) => `${k}=${v}`);
  if (env.length > 0) config.Env = env;
  if (Object.keys(labels).length > 0) config.Labels = sortKeys(labels);
  return {
    created,
    architecture: input.platform.architecture,
    os: input.platform.os,
    ...(input.platform.variant ? { variant: input.platform.variant } : {}),
    config,
    rootfs: { type: 'layers', diff_ids: [] },
    history: [{ created, created_by: `wasm-build: ${input.modules.join(' ')}`, comment: 'wasm-build' }],
  };
}

function sortKeys(obj: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
