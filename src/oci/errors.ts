// Typed errors of the OCI client. Each carries enough context (registry, repository, operation,
// the registry's own error codes) for a message a user can act on, and a stable `code` for programs.

export class OciError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export { InvalidReferenceError } from '../primitives/reference.js';

export class InvalidDigestError extends OciError {
  constructor(readonly digest: string) {
    super(`invalid digest "${digest}": expected sha256:<64 hex digits>`, 'INVALID_DIGEST');
  }
}

/** One entry of the distribution spec's error body: {"errors":[{"code","message","detail"}]}. */
export interface RegistryErrorEntry {
  code: string;
  message?: string;
  detail?: unknown;
}

export interface RegistryErrorInit {
  /** What the client was doing, e.g. "push manifest 127.0.0.1:5000/hello:v1". */
  operation: string;
  method: string;
  url: string;
  status: number;
  errors?: RegistryErrorEntry[];
  /** Extra advice appended to the message. */
  hint?: string;
  cause?: unknown;
  /** The registry's Retry-After, in milliseconds, when it sent one. */
  retryAfterMs?: number;
}

/** The registry answered with an HTTP error. */
export class RegistryError extends OciError {
  readonly operation: string;
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly errors: RegistryErrorEntry[];
  readonly retryAfterMs?: number;
  constructor(init: RegistryErrorInit, code = 'REGISTRY_ERROR') {
    const entries = init.errors ?? [];
    const detail = entries.length
      ? entries.map((e) => (e.message ? `${e.code}: ${e.message}` : e.code)).join('; ')
      : statusText(init.status);
    const hint = init.hint ?? hintFor(init.status, entries);
    super(
      `${init.operation} failed: ${init.method} ${redactUrl(init.url)} returned ${init.status} (${detail})` +
        (hint ? `. ${hint}` : ''),
      code,
      { cause: init.cause },
    );
    this.operation = init.operation;
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.errors = entries;
    this.retryAfterMs = init.retryAfterMs;
  }
  /** True when the registry reported this distribution-spec error code. */
  has(code: string): boolean {
    return this.errors.some((e) => e.code === code);
  }
}

/** 401 after the client authenticated as well as it could: missing or wrong credentials. */
export class AuthenticationError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super(init, 'UNAUTHORIZED');
  }
}

/** 403, or 401 with insufficient_scope: the identity is known but lacks the permission. */
export class AuthorizationError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super(init, 'DENIED');
  }
}

export class NotFoundError extends RegistryError {
  constructor(init: RegistryErrorInit) {
    super(init, 'NOT_FOUND');
  }
}

/** No HTTP answer at all: refused, reset, timed out, DNS failure, TLS failure. */
export class NetworkError extends OciError {
  constructor(
    readonly operation: string,
    readonly url: string,
    readonly errno: string | undefined,
    readonly attempts: number,
    cause: unknown,
  ) {
    const what = cause instanceof Error ? cause.message : String(cause);
    const u = new URL(url);
    super(
      `${operation} failed: cannot reach ${u.host} (${what})` +
        (attempts > 1 ? ` after ${attempts} attempts` : '') +
        `. ${networkHint(errno, u)}`,
      'NETWORK_ERROR',
      { cause },
    );
  }
}

/** Content did not hash to the digest it was announced with (or a size did not match). */
export class DigestMismatchError extends OciError {
  constructor(
    readonly what: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${what}: expected ${expected}, got ${actual}`, 'DIGEST_MISMATCH');
  }
}

export class CredentialHelperError extends OciError {
  constructor(
    readonly helper: string,
    readonly serverUrl: string,
    detail: string,
  ) {
    super(
      `credential helper docker-credential-${helper} failed for ${serverUrl}: ${detail}`,
      'CREDENTIAL_HELPER',
    );
  }
}

/** The OCI layout on disk is not what buildx/buildctl write, or lacks a wasm image. */
export class LayoutError extends OciError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'INVALID_LAYOUT', options);
  }
}

function statusText(status: number): string {
  const texts: Record<number, string> = {
    400: 'bad request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not found',
    405: 'method not allowed',
    413: 'payload too large',
    415: 'unsupported media type',
    416: 'range not satisfiable',
    429: 'too many requests',
    500: 'internal server error',
    502: 'bad gateway',
    503: 'service unavailable',
    504: 'gateway timeout',
  };
  return texts[status] ?? `HTTP ${status}`;
}

function hintFor(status: number, entries: RegistryErrorEntry[]): string | undefined {
  const codes = new Set(entries.map((e) => e.code));
  if (codes.has('NAME_UNKNOWN')) return 'The repository does not exist (or is not visible to this account)';
  if (codes.has('MANIFEST_UNKNOWN')) return 'No manifest with that tag or digest exists in the repository';
  if (codes.has('MANIFEST_BLOB_UNKNOWN'))
    return 'The manifest references a blob the registry does not have; blobs must be pushed first';
  if (codes.has('MANIFEST_INVALID') || status === 415)
    return 'The registry rejected the manifest; it may not support this media type or artifact';
  if (codes.has('DIGEST_INVALID')) return 'The uploaded content did not match its digest';
  if (codes.has('TOOMANYREQUESTS') || status === 429) return 'The registry is rate limiting; retry later';
  if (status === 405) return 'The registry does not allow this operation (read-only, or deletes disabled)';
  if (status >= 500) return 'The registry failed; retrying later may help';
  return undefined;
}

function networkHint(errno: string | undefined, u: URL): string {
  switch (errno) {
    case 'ECONNREFUSED':
      return `Nothing listens on ${u.host}: is the registry running, and are host and port right?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host name ${u.hostname} does not resolve`;
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `${u.host} did not answer in time`;
    case 'EPROTO':
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
      return `TLS failed: if ${u.host} serves plain HTTP, mark it insecure`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return `The certificate of ${u.host} is not trusted: pass its CA, or mark the registry insecure`;
    default:
      return 'Check the address and the network';
  }
}

/** Upload URLs can carry state tokens, presigned storage URLs carry signatures: show neither. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.search) u.search = '?…';
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}
