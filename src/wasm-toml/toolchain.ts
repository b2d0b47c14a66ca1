import { hasTagOrDigest, parseReference } from '../primitives/reference.js';
import type { ToolchainSpec } from './types.js';

/**
 * The image a module builds in, given the frontend's built-in image for its language (e.g.
 * `docker.io/library/rust:1.82`): a tagged `toolchain.image` is used as is; otherwise `image` replaces the
 * repository and `version` the tag of the built-in reference.
 */
export function toolchainImage(toolchain: ToolchainSpec, builtin: string): string {
  if (toolchain.image !== undefined && hasTagOrDigest(toolchain.image)) return toolchain.image;
  // The built-in reference as written, split into its name and its `:tag@digest`.
  const { tag, digest } = parseReference(builtin);
  const suffix = `${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
  const repository = toolchain.image ?? builtin.slice(0, builtin.length - suffix.length);
  return toolchain.version !== undefined ? `${repository}:${toolchain.version}` : `${repository}${suffix}`;
}
