// The OCI distribution client's facade: it owns the transport, one session per registry (tokens),
// the upload policy and the blob location store, and hands out Repository handles sharing them.
// One RegistryClient serves many registries; make one per run so its caches serve every push.
import { BlobLocations } from './blob-locations.js';
import type { UploadPolicy } from './blobs.js';
import { defaultCredentials, type CredentialStore } from './credentials.js';
import { isLoopback, parseReference, type Reference } from './reference.js';
import { defaultRetryPolicy, type RetryEvent, type RetryPolicy } from './retry.js';
import { Repository } from './repository.js';
import { RegistrySession } from './session.js';
import { NodeHttpTransport, type Transport } from './transport.js';

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

export class RegistryClient {
  private readonly credentials: CredentialStore;
  private readonly transport: Transport;
  private readonly ownsTransport: boolean;
  private readonly insecure: string[] | boolean;
  private readonly retryPolicy: RetryPolicy;
  private readonly onRetry?: (e: RetryEvent) => void;
  private readonly uploads: UploadPolicy;
  private readonly sessions = new Map<string, RegistrySession>();
  private readonly locations = new Map<string, BlobLocations>();

  constructor(opts: RegistryClientOptions = {}) {
    this.credentials = opts.credentials ?? defaultCredentials();
    this.ownsTransport = !opts.transport;
    this.transport = opts.transport ?? new NodeHttpTransport({ ca: opts.ca, userAgent: opts.userAgent });
    this.retryPolicy = { ...defaultRetryPolicy, ...opts.retry };
    this.insecure = opts.insecure ?? [];
    this.onRetry = opts.onRetry;
    this.uploads = {
      monolithicMaxBytes: opts.monolithicMaxBytes ?? 16 * 1024 * 1024,
      chunkBytes: opts.chunkBytes ?? 16 * 1024 * 1024,
      retryPolicy: this.retryPolicy,
      onRetry: opts.onRetry,
    };
  }

  /** http for loopback and for registries the user marked insecure; https otherwise. */
  private plainHttp(registry: string): boolean {
    if (isLoopback(registry)) return true;
    if (this.insecure === true) return true;
    return Array.isArray(this.insecure) && this.insecure.includes(registry);
  }

  /** A repository handle from `registry/repo` (a tag or digest in the string is ignored). */
  repository(nameOrRef: string | Reference): Repository {
    const ref = typeof nameOrRef === 'string' ? parseReference(nameOrRef) : nameOrRef;
    return new Repository(ref.repository, {
      sender: this.session(ref.registry),
      uploads: this.uploads,
      locations: this.blobLocations(ref.registry),
    });
  }

  /** Releases idle connections of the transport this client created. */
  close(): void {
    if (this.ownsTransport) (this.transport as NodeHttpTransport).close();
  }

  private session(registry: string): RegistrySession {
    let s = this.sessions.get(registry);
    if (!s) {
      s = new RegistrySession({
        registry,
        plainHttp: this.plainHttp(registry),
        credentials: this.credentials,
        transport: this.transport,
        retryPolicy: this.retryPolicy,
        onRetry: this.onRetry,
      });
      this.sessions.set(registry, s);
    }
    return s;
  }

  private blobLocations(registry: string): BlobLocations {
    let l = this.locations.get(registry);
    if (!l) this.locations.set(registry, (l = new BlobLocations()));
    return l;
  }
}
