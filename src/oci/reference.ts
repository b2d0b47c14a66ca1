// Image references: `[registry/]repository[:tag][@digest]`, with Docker Hub's defaults, following
// the grammar of the distribution project's reference package (re-expressed, not copied).
import { InvalidReferenceError } from './errors.js';

export interface Reference {
  /** The registry as the user names it (`docker.io`, `ghcr.io`, `localhost:5000`, `[::1]:5000`). */
  registry: string;
  /** The repository path inside the registry, e.g. `library/alpine`, `org/app`. */
  repository: string;
  tag?: string;
  digest?: string;
}

export const dockerHub = 'docker.io';
const dockerHubApiHost = 'registry-1.docker.io';

const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const repositoryPattern = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const digestPattern = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const hostPattern =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

/** Docker's rule: the first component is a registry when it has a dot or a port, or is localhost. */
function looksLikeRegistry(component: string): boolean {
  return (
    component.includes('.') ||
    component.includes(':') ||
    component === 'localhost' ||
    component.startsWith('[')
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
  if (registry === dockerHub && !repository.includes('/')) repository = `library/${repository}`;
  if (!repository) throw new InvalidReferenceError(input, 'the repository name is missing');
  if (!repositoryPattern.test(repository)) {
    const hint = /[A-Z]/.test(repository) ? ' (repository names must be lower-case)' : '';
    throw new InvalidReferenceError(input, `"${repository}" is not a valid repository name${hint}`);
  }
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

/** The host the API lives on: Docker Hub's name differs from its API host. */
export function registryApiHost(registry: string): string {
  return registry === dockerHub ? dockerHubApiHost : registry;
}

/** The host name without port or IPv6 brackets. */
export function hostName(hostPort: string): string {
  if (hostPort.startsWith('[')) return hostPort.slice(1, hostPort.indexOf(']'));
  const colon = hostPort.lastIndexOf(':');
  return colon >= 0 ? hostPort.slice(0, colon) : hostPort;
}

/** Loopback registries may speak plain HTTP without being marked insecure (as Docker allows). */
export function isLoopback(hostPort: string): boolean {
  const h = hostName(hostPort).toLowerCase();
  return (
    h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h.endsWith('.localhost')
  );
}
