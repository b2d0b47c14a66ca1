// The registry session: base URL and scheme, authentication, retries and error mapping for every
// request the blob and manifest modules make. One RegistryClient serves many registries.
import { Authorizer, parseErrors } from './auth.js';
import { defaultCredentials, type CredentialStore } from './credentials.js';
import {
  AuthenticationError,
  AuthorizationError,
  NetworkError,
  NotFoundError,
  OciError,
  RegistryError,
  type RegistryErrorInit,
} from './errors.js';
import { isLoopback, parseReference, registryApiHost, type Reference } from './reference.js';
import {
  defaultRetryPolicy,
  isRetryableErrno,
  isRetryableStatus,
  nextDelay,
  parseRetryAfter,
  sleep,
  type RetryPolicy,
} from './retry.js';
import { NodeHttpTransport, type HttpResponse, type RequestBody, type Transport } from './transport.js';
import { Repository } from './repository.js';

export interface RetryEvent {
  operation: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface RegistryClientOptions {
  /** Where credentials come from; default: GITHUB_TOKEN for ghcr.io, then Docker's config.json. */
  credentials?: CredentialStore;
  /**
   * Registries (host[:port]) reached over plain http. Loopback hosts always are; `true` allows any
   * (never do that outside tests).
   */
  insecure?: string[] | boolean;
  retry?: Partial<RetryPolicy>;
  transport?: Transport;
  /** Extra CA certificates (PEM) for https registries; ignored when `transport` is given. */
  ca?: string | Buffer;
  userAgent?: string;
  /** Blobs up to this size are uploaded in one PUT; larger ones in PATCH chunks. Default 16 MiB. */
  monolithicMaxBytes?: number;
  /** PATCH chunk size for large blobs. Default 16 MiB (raised to the registry's minimum if it has one). */
  chunkBytes?: number;
  /** Called before each retry, e.g. to log it. */
  onRetry?: (e: RetryEvent) => void;
}

export interface SendRequest {
  /** What the caller is doing, for error messages ("push manifest repo:tag"). */
  operation: string;
  method: string;
  /** A path under /v2/ on this registry, or an absolute URL (upload locations). */
  url: string;
  headers?: Record<string, string>;
  body?: RequestBody;
  scopes: string[];
  /** Statuses returned to the caller; anything else becomes an error. */
  expect: number[];
  maxRedirects?: number;
  /**
   * Whether 5xx/429/connection failures may be retried here. Upload session requests set false:
   * after a failure the session's state is unknown, so the blob upload restarts as a whole instead.
   */
  retry?: boolean;
}

/** Per-registry state: base URL, authorizer. */
export class RegistrySession {
  readonly baseUrl: string;
  readonly authorizer: Authorizer;

  constructor(
    readonly registry: string,
    readonly client: RegistryClient,
  ) {
    const host = registryApiHost(registry);
    this.baseUrl = `${client.plainHttp(registry) ? 'http' : 'https'}://${host}`;
    this.authorizer = new Authorizer({
      registry,
      credentials: client.credentials,
      transport: client.transport,
    });
  }

  resolveUrl(url: string): string {
    return new URL(url, this.baseUrl).toString();
  }

  /** Sends one request with authentication, retries and error mapping. */
  async send(req: SendRequest): Promise<HttpResponse> {
    const policy = this.client.retryPolicy;
    const url = this.resolveUrl(req.url);
    let challenged = false;
    let retries = 0;
    for (;;) {
      let authorization: string | undefined;
      let res: HttpResponse;
      try {
        authorization = await this.authorizer.authorization(req.scopes);
        const headers = { ...req.headers };
        if (authorization) headers.authorization = authorization;
        res = await this.client.transport.request({
          method: req.method,
          url,
          headers,
          body: req.body,
          maxRedirects: req.maxRedirects,
        });
      } catch (e) {
        const errno = (e as NodeJS.ErrnoException).code;
        const retryable =
          (e instanceof RegistryError && isRetryableStatus(e.status)) ||
          (!(e instanceof OciError) && isRetryableErrno(errno));
        const delay = req.retry === false || !retryable ? undefined : nextDelay(retries, policy);
        if (delay === undefined) {
          if (e instanceof OciError) throw e;
          throw new NetworkError(req.operation, url, errno, retries + 1, e);
        }
        this.client.onRetry?.({
          operation: req.operation,
          attempt: retries + 1,
          delayMs: delay,
          reason: errno ?? String(e),
        });
        await sleep(delay);
        retries++;
        continue;
      }

      if (res.status === 401 && !challenged) {
        challenged = true;
        res.discard();
        const next = await this.authorizer.challenge(
          res.header('www-authenticate'),
          req.scopes,
          authorization,
        );
        if (next !== undefined) continue;
        // Nothing better to send: fall through and report this 401.
        throw await this.authorizer.refusedError(
          await errorInit(req, url, res),
          res.header('www-authenticate'),
        );
      }
      if (req.expect.includes(res.status)) return res;
      if (res.status === 401 || res.status === 403) {
        throw await this.authorizer.refusedError(
          await errorInit(req, url, res),
          res.header('www-authenticate'),
        );
      }
      if (isRetryableStatus(res.status) && req.retry !== false) {
        const delay = nextDelay(retries, policy, parseRetryAfter(res.header('retry-after')));
        if (delay !== undefined) {
          res.discard();
          this.client.onRetry?.({
            operation: req.operation,
            attempt: retries + 1,
            delayMs: delay,
            reason: `HTTP ${res.status}`,
          });
          await sleep(delay);
          retries++;
          continue;
        }
      }
      throw toError(await errorInit(req, url, res));
    }
  }
}

async function errorInit(req: SendRequest, url: string, res: HttpResponse): Promise<RegistryErrorInit> {
  let body = '';
  if (req.method !== 'HEAD') {
    try {
      body = await res.text(64 * 1024);
    } catch {
      // The body is only used for the message.
    }
  } else {
    res.discard();
  }
  return { operation: req.operation, method: req.method, url, status: res.status, errors: parseErrors(body) };
}

/** Maps an HTTP error to its typed error (401/403 are handled by the authorizer, which knows more). */
export function toError(init: RegistryErrorInit): RegistryError {
  if (init.status === 404) return new NotFoundError(init);
  if (init.status === 401) return new AuthenticationError(init);
  if (init.status === 403) return new AuthorizationError(init);
  return new RegistryError(init);
}

/** Entry point of the OCI distribution client. */
export class RegistryClient {
  readonly credentials: CredentialStore;
  readonly transport: Transport;
  readonly retryPolicy: RetryPolicy;
  readonly monolithicMaxBytes: number;
  readonly chunkBytes: number;
  readonly onRetry?: (e: RetryEvent) => void;
  private readonly insecure: string[] | boolean;
  private readonly sessions = new Map<string, RegistrySession>();
  private readonly ownsTransport: boolean;
  /** Repositories known to hold a blob, per registry: mount sources for later pushes (as docker does). */
  private readonly blobRepos = new Map<string, Map<string, Set<string>>>();

  constructor(opts: RegistryClientOptions = {}) {
    this.credentials = opts.credentials ?? defaultCredentials();
    this.ownsTransport = !opts.transport;
    this.transport = opts.transport ?? new NodeHttpTransport({ ca: opts.ca, userAgent: opts.userAgent });
    this.retryPolicy = { ...defaultRetryPolicy, ...opts.retry };
    this.insecure = opts.insecure ?? [];
    this.monolithicMaxBytes = opts.monolithicMaxBytes ?? 16 * 1024 * 1024;
    this.chunkBytes = opts.chunkBytes ?? 16 * 1024 * 1024;
    this.onRetry = opts.onRetry;
  }

  /** http for loopback and for registries the user marked insecure; https otherwise. */
  plainHttp(registry: string): boolean {
    if (isLoopback(registry)) return true;
    if (this.insecure === true) return true;
    return Array.isArray(this.insecure) && this.insecure.includes(registry);
  }

  session(registry: string): RegistrySession {
    let s = this.sessions.get(registry);
    if (!s) {
      s = new RegistrySession(registry, this);
      this.sessions.set(registry, s);
    }
    return s;
  }

  /** A repository handle from `registry/repo` (a tag or digest in the string is ignored). */
  repository(nameOrRef: string | Reference): Repository {
    const ref = typeof nameOrRef === 'string' ? parseReference(nameOrRef) : nameOrRef;
    return new Repository(this.session(ref.registry), ref.repository);
  }

  rememberBlob(registry: string, digest: string, repository: string): void {
    let byDigest = this.blobRepos.get(registry);
    if (!byDigest) this.blobRepos.set(registry, (byDigest = new Map()));
    let repos = byDigest.get(digest);
    if (!repos) byDigest.set(digest, (repos = new Set()));
    repos.add(repository);
  }

  /** Repositories of `registry` this client saw holding `digest`. */
  blobLocations(registry: string, digest: string): string[] {
    return [...(this.blobRepos.get(registry)?.get(digest) ?? [])];
  }

  /** Releases idle connections of the transport this client created. */
  close(): void {
    if (this.ownsTransport) (this.transport as NodeHttpTransport).close();
  }
}
