// The narrow interface the blob and manifest operations need from a registry session: one request,
// authenticated, retried and mapped to a typed error. Tests and other sessions can stand in for it.
import type { HttpResponse, RequestBody } from './transport.js';

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

export interface Sender {
  /** The registry (host[:port]) requests go to. */
  readonly registry: string;
  send(req: SendRequest): Promise<HttpResponse>;
  /** An absolute URL for a path or a Location header the registry returned. */
  resolveUrl(url: string): string;
}

/** One repository reached through a sender: what the manifest operations need. */
export interface RepositoryTarget {
  readonly sender: Sender;
  readonly name: string;
}
