import type { ToolchainSpec } from './types.js';

/** `rust:1.82`, `registry:5000/rust@sha256:...` -> true; `registry:5000/rust` -> false (that colon is a port). */
export function hasTagOrDigest(ref: string): boolean {
  return ref.includes('@') || (ref.split('/').pop() ?? '').includes(':');
}

/**
 * The image a module builds in, given the frontend's built-in image for its language (e.g.
 * `docker.io/library/rust:1.82`): a tagged `toolchain.image` is used as is; otherwise `image` replaces the
 * repository and `version` the tag of the built-in reference.
 */
export function toolchainImage(toolchain: ToolchainSpec, builtin: string): string {
  if (toolchain.image !== undefined && hasTagOrDigest(toolchain.image)) return toolchain.image;
  const at = builtin.indexOf('@');
  const name = at === -1 ? builtin : builtin.slice(0, at);
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  const builtinRepository = colon === -1 ? name : name.slice(0, colon);
  const builtinSuffix = builtin.slice(builtinRepository.length);
  const repository = toolchain.image ?? builtinRepository;
  return toolchain.version !== undefined
    ? `${repository}:${toolchain.version}`
    : `${repository}${builtinSuffix}`;
}
