// Registry hosts: where a reference's API lives and whether it may speak plain HTTP. References
// themselves are parsed by src/primitives/reference.ts, re-exported here for the OCI client's users.
import { dockerHub, dockerHubApiHost } from '../primitives/reference.js';

export {
  dockerHub,
  formatReference,
  isValidTag,
  parseReference,
  type Reference,
} from '../primitives/reference.js';

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
