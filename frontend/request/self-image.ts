// The frontend's own image as an LLB State, so tools it ships (wasm-opt) run as ordinary, cached execs.
// BuildKit v0.10+ mounts the Definition it solved to start us at FRONTEND_DEFINITION_PATH; older daemons
// do not, and then the `source` option (the image ref the frontend was started from) is resolved again.
import { readFile } from 'node:fs/promises';
import type { Gateway, FrontendOptions, Platform } from '../gateway/index.js';
import { log } from '../gateway/index.js';
import { fromDefinition, image, type State } from '../llb/index.js';

export const FRONTEND_DEFINITION_PATH = '/run/config/buildkit/metadata/frontend.bin';

/** Why the frontend image is out of reach; the caller turns it into an error naming the module. */
export class SelfImageUnavailable extends Error {
  override readonly name = 'SelfImageUnavailable';
}

export interface SelfImageDeps {
  gateway: Pick<Gateway, 'resolveImageConfig'>;
  options: Pick<FrontendOptions, 'raw' | 'imageResolveMode'>;
  platform: Platform;
  /** Reads the mounted Definition; undefined when the file does not exist. */
  readDefinition?: () => Promise<Uint8Array | undefined>;
}

async function readMounted(): Promise<Uint8Array | undefined> {
  try {
    return await readFile(FRONTEND_DEFINITION_PATH);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export async function selfImage(deps: SelfImageDeps): Promise<State> {
  const mounted = await (deps.readDefinition ?? readMounted)();
  if (mounted && mounted.length > 0) {
    try {
      const state = fromDefinition(mounted);
      log.info(`frontend image from ${FRONTEND_DEFINITION_PATH} (${mounted.length} bytes)`);
      return state;
    } catch (err) {
      // A Definition we cannot read is a bug here or a daemon change: say so, then try `source`.
      log.warn(`cannot use ${FRONTEND_DEFINITION_PATH}: ${(err as Error).message}`);
    }
  }
  const source = deps.options.raw.get('source');
  if (!source) {
    throw new SelfImageUnavailable(
      `this BuildKit daemon does not tell the frontend its own image (no ${FRONTEND_DEFINITION_PATH}, BuildKit before v0.10, and no \`source\` option)`,
    );
  }
  let resolved;
  try {
    resolved = await deps.gateway.resolveImageConfig(source, {
      platform: deps.platform,
      resolveMode: deps.options.imageResolveMode,
      logName: `[internal] resolve frontend image ${source}`,
    });
  } catch (err) {
    throw new SelfImageUnavailable(
      `the frontend image ${source} (the \`source\` option; BuildKit before v0.10 gives no ${FRONTEND_DEFINITION_PATH}) cannot be resolved: ${(err as Error).message}`,
    );
  }
  const pinned = resolved.digest && !source.includes('@') ? `${source}@${resolved.digest}` : source;
  log.info(`frontend image from the source option: ${pinned}`);
  return image(pinned, { platform: deps.platform, customName: `[internal] frontend image ${source}` });
}
