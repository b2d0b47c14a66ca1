// The oldest daemon the frontend runs on, named when an older one lacks a gateway capability it needs.
// Every solve needs `proto.refarray` (BuildKit >= v0.7); Docker Engine 19.03 embeds BuildKit v0.6 and the
// next engine, 20.10, embeds v0.8 (checked: test/e2e/docker-engine.test.ts builds on Debian's 20.10).
// BuildKit's Ping reports caps, not a version, so the caps are what tells an old daemon apart.
import { CapabilityError } from '../gateway/caps.js';

export const MIN_BUILDKIT = 'v0.7';
export const MIN_DOCKER_ENGINE = '20.10';

/** The error to report for `err`: a missing capability gets the minimum BuildKit and Docker Engine. */
export function withMinimumVersion(err: unknown): unknown {
  if (!(err instanceof CapabilityError)) return err;
  const out = new CapabilityError(
    err.capId,
    `${err.message}. wasm-build's frontend needs BuildKit >= ${MIN_BUILDKIT}: Docker Engine >= ` +
      `${MIN_DOCKER_ENGINE} (docker build / docker buildx build), or buildx with a newer BuildKit ` +
      `(docker buildx create --driver docker-container)`,
  );
  out.stack = err.stack?.replace(err.message, out.message);
  return out;
}

/** Wraps the frontend's build so that an old daemon's missing capability names the minimum version. */
export function requireMinimumEngine<A extends unknown[], R>(
  build: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await build(...args);
    } catch (err) {
      throw withMinimumVersion(err);
    }
  };
}
