// One registry's session: base URL and scheme, authentication, retries and error mapping for every
// request the blob and manifest operations make.
import { Authorizer, parseErrors } from './auth.js';
import type { CredentialStore } from './credentials.js';
import {
  AuthenticationError,
  AuthorizationError,
  NetworkError,
  NotFoundError,
  OciError,
  RegistryError,
  type RegistryErrorInit,
} from './errors.js';
import { registryApiHost } from './reference.js';
import {
  isRetryableStatus,
  parseRetryAfter,
  retryableFailure,
  withRetry,
  type RetryEvent,
  type RetryPolicy,
} from './retry.js';
import type { Sender, SendRequest } from './sender.js';
import type { HttpResponse, Transport } from './transport.js';

export interface SessionOptions {
  registry: string;
  /** http rather than https (loopback, or a registry the user marked insecure). */
  plainHttp: boolean;
  credentials: CredentialStore;
  transport: Transport;
  retryPolicy: RetryPolicy;
  onRetry?: (e: RetryEvent) => void;
}

export class RegistrySession implements Sender {
  readonly registry: string;
  private readonly baseUrl: string;
  private readonly authorizer: Authorizer;

  constructor(private readonly opts: SessionOptions) {
    this.registry = opts.registry;
    this.baseUrl = `${opts.plainHttp ? 'http' : 'https'}://${registryApiHost(opts.registry)}`;
    this.authorizer = new Authorizer({
      registry: opts.registry,
      credentials: opts.credentials,
      transport: opts.transport,
    });
  }

  resolveUrl(url: string): string {
    return new URL(url, this.baseUrl).toString();
  }

  /** Sends one request with authentication, retries and error mapping. */
  send(req: SendRequest): Promise<HttpResponse> {
    const url = this.resolveUrl(req.url);
    return withRetry(
      { operation: req.operation, policy: this.opts.retryPolicy, onRetry: this.opts.onRetry },
      (retry) => this.exchange(req, url, retry),
      (e) => (req.retry === false ? undefined : retryableFailure(e)),
    );
  }

  /** One try: the request, once more after a 401 challenge when that gives better credentials. */
  private async exchange(req: SendRequest, url: string, retry: number): Promise<HttpResponse> {
    let challenged = false;
    for (;;) {
      let authorization: string | undefined;
      let res: HttpResponse;
      try {
        authorization = await this.authorizer.authorization(req.scopes);
        const headers = { ...req.headers };
        if (authorization) headers.authorization = authorization;
        res = await this.opts.transport.request({
          method: req.method,
          url,
          headers,
          body: req.body,
          maxRedirects: req.maxRedirects,
        });
      } catch (e) {
        if (e instanceof OciError) throw e;
        throw new NetworkError(req.operation, url, (e as NodeJS.ErrnoException).code, retry + 1, e);
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
      const init = await errorInit(req, url, res);
      if (isRetryableStatus(res.status)) init.retryAfterMs = parseRetryAfter(res.header('retry-after'));
      throw toError(init);
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
function toError(init: RegistryErrorInit): RegistryError {
  if (init.status === 404) return new NotFoundError(init);
  if (init.status === 401) return new AuthenticationError(init);
  if (init.status === 403) return new AuthorizationError(init);
  return new RegistryError(init);
}
