// Capabilities from Ping. A cap counts only if the daemon lists it and marks it enabled.
import type { ApiCap } from './proto/pong.js';

/** Frontend API caps this client checks before using the matching feature (frontend/gateway/pb/caps.go). */
export const GatewayCap = {
  solveBase: 'solve.base',
  importCaches: 'importcaches',
  solveEvaluate: 'gateway.solve.evaluate',
  protoRefArray: 'proto.refarray',
  returnResult: 'return',
  returnMap: 'returnmap',
  readFile: 'readfile',
  readDir: 'readdir',
  statFile: 'statfile',
  resolveImage: 'resolveimage',
  resolveImageResolveMode: 'resolveimage.resolvemode',
  frontendInputs: 'frontend.inputs',
  warnings: 'gateway.warnings',
  attestations: 'reference.attestations',
} as const;

/** Thrown before a call the daemon cannot serve, instead of letting an old daemon misread it. */
export class CapabilityError extends Error {
  override readonly name = 'CapabilityError';
  readonly capId: string;

  constructor(capId: string, message: string) {
    super(message);
    this.capId = capId;
  }
}

export class Caps {
  readonly #caps: ReadonlyMap<string, ApiCap>;

  constructor(caps: readonly ApiCap[]) {
    this.#caps = new Map(caps.map((cap) => [cap.id, cap]));
  }

  has(id: string): boolean {
    return this.#caps.get(id)?.enabled === true;
  }

  /** Enabled cap ids, sorted, e.g. for a log line. */
  enabled(): string[] {
    return [...this.#caps.values()]
      .filter((cap) => cap.enabled)
      .map((cap) => cap.id)
      .sort();
  }

  /** Throws a CapabilityError naming `feature` unless `id` is enabled. */
  require(id: string, feature: string): void {
    const cap = this.#caps.get(id);
    if (cap?.enabled) return;
    const message = !cap
      ? `cannot ${feature}: this BuildKit daemon lacks gateway capability "${id}"; a newer BuildKit is needed`
      : `cannot ${feature}: gateway capability "${id}" is disabled on this BuildKit daemon` +
        (cap.disabledReasonMsg ? `: ${cap.disabledReasonMsg}` : '');
    throw new CapabilityError(id, message);
  }
}
