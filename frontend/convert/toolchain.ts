// Which toolchain image a module builds in, and that image as an LLB state ready to run commands.
import { ModuleError } from './module-error.js';
import { toolchainImage, type ModuleSpec } from '../../src/wasm-toml/index.js';
import type { Platform } from '../gateway/index.js';
import type { BuildIO } from './build-io.js';
import { image, type ImageConfig, type State } from '../llb/index.js';
import type { LanguageDriver } from '../languages/driver.js';

/**
 * `--build-arg WASM_TOOLCHAIN_IMAGE_<LANGUAGE>=ref` replaces a language's toolchain image for the whole
 * build without editing wasm.toml: how CI points every build at a mirror or an air-gapped registry.
 */
export function toolchainOverrideArg(language: string): string {
  return `WASM_TOOLCHAIN_IMAGE_${language.toUpperCase()}`;
}

export function chooseToolchainImage(
  module: ModuleSpec,
  driver: LanguageDriver | undefined,
  buildArgs: ReadonlyMap<string, string>,
): string {
  if (!module.language || !driver) {
    if (!module.toolchain.image)
      throw new ModuleError(
        module.name,
        ['build'],
        'a custom build needs toolchain.image, the image to run it in',
      );
    return module.toolchain.image;
  }
  const override = buildArgs.get(toolchainOverrideArg(module.language));
  if (override) return override;
  return toolchainImage(module.toolchain, driver.defaultImage(module.language));
}

export interface Toolchain {
  state: State;
  env: ReadonlyMap<string, string>;
  /** The image as the build uses it: pinned by digest where the daemon resolved one. */
  image: string;
}

/**
 * Resolves the image on the build platform and pins it by digest. LLB does not apply an image's Env,
 * WorkingDir and User to execs, so they are applied here (a Rust image's PATH and CARGO_HOME matter).
 */
export async function resolveToolchain(
  gateway: BuildIO,
  ref: string,
  platform: Platform,
  label: string,
  resolveMode: 'default' | 'pull' | 'local',
): Promise<Toolchain> {
  const resolved = await gateway.resolveImageConfig(ref, {
    platform,
    resolveMode,
    logName: `${label} resolve toolchain ${ref}`,
  });
  const config = JSON.parse(new TextDecoder().decode(resolved.config)) as ImageConfig;
  const pinned = resolved.digest && !ref.includes('@') ? `${ref}@${resolved.digest}` : ref;
  // Only the config's process settings: the platform stays the build platform it was resolved for.
  const state = image(pinned, { platform, customName: `${label} toolchain ${ref}` }).withImageConfig({
    config: config.config,
  });
  return { state, env: state.environment, image: pinned };
}
