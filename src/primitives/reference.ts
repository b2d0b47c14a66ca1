// Image references: `[registry/]repository[:tag][@digest]`, with Docker Hub's defaults, following
// the grammar of the distribution project's reference package (re-expressed, not copied). The one parser
// of the project: the frontend names images for BuildKit with it, wasm.toml checks toolchain images with
// it, and the OCI client addresses registries with it.

export class InvalidReferenceError extends Error {
  override readonly name = 'InvalidReferenceError';
  readonly code = 'INVALID_REFERENCE';

  constructor(
    readonly reference: string,
    reason: string,
  ) {
    super(`invalid image reference "${reference}": ${reason}`);
  }
}

export interface Reference {
  /** The registry as the user names it (`docker.io`, `ghcr.io`, `localhost:5000`, `[::1]:5000`). */
  registry: string;
  /** The repository path inside the registry, e.g. `library/alpine`, `org/app`. */
  repository: string;
  tag?: string;
  digest?: string;
}

export const dockerHub = 'docker.io';
export const dockerHubApiHost = 'registry-1.docker.io';

const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const repositoryPattern = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const digestPattern = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const hostPattern =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/**
 * Docker's rule: the first component is a registry when it has a dot or a port, is localhost, or has an
 * upper-case letter (repository names cannot); an IPv6 address in brackets is one too.
 */
function looksLikeRegistry(component: string): boolean {
  return (
    component.includes('.') ||
    component.includes(':') ||
    component === 'localhost' ||
    component.startsWith('[') ||
    component.toLowerCase() !== component
  );
}

export function isValidTag(tag: string): boolean {
  return tagPattern.test(tag);
}

export function parseReference(input: string): Reference {
  const s = input.trim();
  if (!s) throw new InvalidReferenceError(input, 'it is empty');
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestPattern.test(digest)) throw new InvalidReferenceError(input, `"${digest}" is not a digest`);
    if (digest.startsWith('sha256:') && !/^sha256:[a-f0-9]{64}$/.test(digest)) {
      throw new InvalidReferenceError(input, 'a sha256 digest has 64 lower-case hex digits');
    }
  }
  // A tag is what follows the last colon, unless that colon is part of the registry's port.
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > lastSlash) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!isValidTag(tag)) {
      throw new InvalidReferenceError(
        input,
        `"${tag}" is not a valid tag (letters, digits, _ . -; at most 128)`,
      );
    }
  }
  let registry = dockerHub;
  let repository = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0 && looksLikeRegistry(rest.slice(0, slash))) {
    registry = rest.slice(0, slash);
    repository = rest.slice(slash + 1);
    if (!hostPattern.test(registry))
      throw new InvalidReferenceError(input, `"${registry}" is not a host[:port]`);
  }
  if (registry === 'index.docker.io' || registry === dockerHubApiHost) registry = dockerHub;
  if (!repository) throw new InvalidReferenceError(input, 'the repository name is missing');
  // Checked as written, before Docker Hub's `library/` is added, so the message quotes the user's text.
  if (!repositoryPattern.test(repository)) {
    const hint = /[A-Z]/.test(repository) ? ' (repository names must be lower-case)' : '';
    throw new InvalidReferenceError(input, `"${repository}" is not a valid repository name${hint}`);
  }
  if (registry === dockerHub && !repository.includes('/')) repository = `library/${repository}`;
  if (registry.length + 1 + repository.length > 255) {
    throw new InvalidReferenceError(input, 'the name is longer than 255 characters');
  }
  const ref: Reference = { registry, repository };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** The canonical string: registry/repository[:tag][@digest]. */
export function formatReference(ref: Reference): string {
  return (
    `${ref.registry}/${ref.repository}` +
    (ref.tag ? `:${ref.tag}` : '') +
    (ref.digest ? `@${ref.digest}` : '')
  );
}

/**
 * The fully qualified form BuildKit's client puts in `docker-image://` ids (distribution's
 * ParseNormalizedNamed + TagNameOnly): `rust:1.80` is `docker.io/library/rust:1.80`, `alpine` is
 * `docker.io/library/alpine:latest`.
 */
export function qualifiedReference(input: string): string {
  const ref = parseReference(input);
  if (ref.tag === undefined && ref.digest === undefined) ref.tag = 'latest';
  return formatReference(ref);
}

/** `rust:1.82`, `registry:5000/rust@sha256:...` -> true; `registry:5000/rust` -> false (a port). */
export function hasTagOrDigest(input: string): boolean {
  const ref = parseReference(input);
  return ref.tag !== undefined || ref.digest !== undefined;
}
