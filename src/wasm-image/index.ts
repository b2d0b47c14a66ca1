// A built wasm image, read once from its OCI layout: manifest, config, attestations and the modules
// callers asked for, with the layout kept open as the source of its blobs. Verify runs its modules;
// publish copies its blobs and makes the artifact from its entrypoint module.
import { openLayout, type OciLayout } from '../oci/index.js';
import { findWasmImage, type FindImageOptions, type LayoutImage } from './find.js';
import { entrypointOf, extractModule, modulePathIn, type WasmModule } from './modules.js';

export { attestationAnnotations, findWasmImage, type AttestationManifest, type LayoutImage } from './find.js';
export { extractModule, type WasmModule } from './modules.js';

export interface WasmImage extends LayoutImage {
  /** The layout it was read from: the source of its blobs while the image is open. */
  readonly layout: OciLayout;
  /** The modules asked for when it was opened, in that order. */
  readonly modules: WasmModule[];
  /** The module the config's entrypoint names (or the image's only .wasm file); layers are read at most once for it. */
  entrypoint(): Promise<WasmModule>;
  /** Removes the layout's temporary extraction, if any. */
  close(): Promise<void>;
}

export interface OpenWasmImageOptions extends FindImageOptions {
  /** Modules to take out now, by their path in the image (e.g. "/hello.wasm"). */
  modules?: string[];
}

/** Opens a layout directory or tar once and reads the wasm image in it. */
export async function openWasmImage(location: string, opts: OpenWasmImageOptions = {}): Promise<WasmImage> {
  const layout = await openLayout(location);
  try {
    const found = await findWasmImage(layout, opts);
    const modules: WasmModule[] = [];
    for (const name of opts.modules ?? []) modules.push(await extractModule(layout, found, name));
    let entrypoint: Promise<WasmModule> | undefined;
    return {
      ...found,
      layout,
      modules,
      entrypoint: () => {
        const name = entrypointOf(found);
        const known = name === undefined ? undefined : modules.find((m) => m.path === modulePathIn(name));
        entrypoint ??= known ? Promise.resolve(known) : extractModule(layout, found);
        return entrypoint;
      },
      close: () => layout.close(),
    };
  } catch (e) {
    await layout.close();
    throw e;
  }
}
