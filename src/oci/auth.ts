// Answers registry challenges: anonymous, Basic, and the Bearer token flow (distribution's token
// spec, including OAuth2 refresh tokens). Learns each registry's scheme from its first challenge
// so later requests authenticate up front, and caches tokens per scope set until they expire.
import { parseChallenges, preferredChallenge, type Challenge } from './challenge.js';
import type { Credential, CredentialStore } from './credentials.js';
import {
  AuthenticationError,
  AuthorizationError,
  RegistryError,
  type RegistryErrorEntry,
  type RegistryErrorInit,
} from './errors.js';
import { mergeScopes, scopesCover } from './scope.js';
import type { Transport } from './transport.js';

interface CachedToken {
  scopes: string[];
  header: string;
  expiresAt: number;
}

type Scheme = { kind: 'basic' } | { kind: 'bearer'; realm: string; service?: string };

/** Tokens are refreshed this long before the server says they expire (clock skew, slow requests). */
const expiryMarginMs = 10_000;
/** The token spec's default lifetime when `expires_in` is absent. */
const defaultTokenLifetimeS = 60;

export interface AuthorizerOptions {
  /** The registry's name as users know it (credentials are looked up under it). */
  registry: string;
  credentials: CredentialStore;
  transport: Transport;
  /** OAuth2 client id sent with refresh-token grants. */
  clientId?: string;
  now?: () => number;
}

export class Authorizer {
  private scheme?: Scheme;
  private readonly tokens: CachedToken[] = [];
  private readonly inflight = new Map<string, Promise<CachedToken>>();
  private credential?: Promise<Credential | undefined>;
  private readonly now: () => number;

  constructor(private readonly opts: AuthorizerOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Whether credentials were found for this registry (after the first challenge). */
  async hasCredentials(): Promise<boolean> {
    return (await this.getCredential()) !== undefined;
  }

  private getCredential(): Promise<Credential | undefined> {
    this.credential ??= this.opts.credentials.get(this.opts.registry);
    return this.credential;
  }

  /** The Authorization header to send up front, once the scheme is known; undefined before that. */
  async authorization(scopes: string[]): Promise<string | undefined> {
    const scheme = this.scheme;
    if (!scheme) return undefined;
    if (scheme.kind === 'basic') return this.basicHeader();
    return (await this.token(scheme, mergeScopes(scopes))).header;
  }

  /**
   * Handles a 401: learns the scheme from WWW-Authenticate, drops the token that was refused and
   * returns a header to retry with, or undefined when there is nothing better to send (the caller
   * then reports the 401 with refusedError).
   */
  async challenge(
    wwwAuthenticate: string | undefined,
    scopes: string[],
    refused: string | undefined,
  ): Promise<string | undefined> {
    const c = wwwAuthenticate ? preferredChallenge(parseChallenges(wwwAuthenticate)) : undefined;
    if (!c || (c.scheme !== 'basic' && c.scheme !== 'bearer')) {
      throw this.authError(
        `the registry asked for authentication without a usable challenge (${wwwAuthenticate ?? 'no WWW-Authenticate header'})`,
      );
    }
    if (refused) this.forget(refused);
    if (c.scheme === 'basic') {
      this.scheme = { kind: 'basic' };
      const header = await this.basicHeader();
      return header === refused ? undefined : header;
    }
    const realm = c.params.realm;
    if (!realm) throw this.authError('the Bearer challenge has no realm');
    this.scheme = { kind: 'bearer', realm, service: c.params.service };
    const wanted = mergeScopes([...scopes, ...(c.params.scope ? [c.params.scope] : [])]);
    // A refused token must be replaced; on first contact a live token from a concurrent request will do.
    const token = await this.token(this.scheme, wanted, refused !== undefined);
    return token.header;
  }

  /** The registry refused a header on a retried request: decide which error that is. */
  async refusedError(init: RegistryErrorInit, wwwAuthenticate: string | undefined): Promise<RegistryError> {
    const c = wwwAuthenticate ? preferredChallenge(parseChallenges(wwwAuthenticate)) : undefined;
    const insufficient = c?.params.error === 'insufficient_scope' || init.status === 403;
    const have = await this.hasCredentials();
    if (insufficient || (have && this.scheme?.kind === 'bearer')) {
      // Registries list the actions in no fixed order (the distribution registry walks a Go map):
      // normalise so the message is stable.
      const scope = c?.params.scope ? ` (${mergeScopes([c.params.scope]).join(' ')})` : '';
      return new AuthorizationError({
        ...init,
        hint: have
          ? `The credentials for ${this.opts.registry} are valid but do not grant this access${scope}: check the account's permissions on the repository`
          : `Anonymous access is not allowed${scope}: log in to ${this.opts.registry} (docker login, or username/password)`,
      });
    }
    return new AuthenticationError({
      ...init,
      hint: have
        ? `The registry rejected the credentials for ${this.opts.registry}: check the username and password or token`
        : `${this.opts.registry} requires authentication and no credentials were found: run \`docker login ${this.opts.registry}\` or pass a username and password`,
    });
  }

  private async basicHeader(): Promise<string | undefined> {
    const cred = await this.getCredential();
    if (!cred) return undefined;
    if (cred.kind === 'basic') {
      return `Basic ${Buffer.from(`${cred.username}:${cred.password}`, 'utf8').toString('base64')}`;
    }
    if (cred.kind === 'registryToken') return `Bearer ${cred.token}`;
    throw this.authError('the registry asks for Basic auth but only an identity token is configured');
  }

  private forget(header: string): void {
    for (let i = this.tokens.length - 1; i >= 0; i--)
      if (this.tokens[i]!.header === header) this.tokens.splice(i, 1);
  }

  private async token(
    scheme: Extract<Scheme, { kind: 'bearer' }>,
    scopes: string[],
    fresh = false,
  ): Promise<CachedToken> {
    const now = this.now();
    if (!fresh) {
      // Any live token whose scopes cover the request will do: a push token also serves pulls.
      const hit = this.tokens.find((t) => t.expiresAt > now && scopesCover(t.scopes, scopes));
      if (hit) return hit;
    }
    const key = `${scheme.realm} ${scheme.service ?? ''} ${scopes.join(' ')}`;
    let p = this.inflight.get(key);
    if (!p) {
      p = this.fetchToken(scheme, scopes).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    const t = await p;
    // Concurrent callers share one fetch: store its token once; drop expired ones while here.
    for (let i = this.tokens.length - 1; i >= 0; i--) {
      const c = this.tokens[i]!;
      if (c === t || c.expiresAt <= now) this.tokens.splice(i, 1);
    }
    this.tokens.push(t);
    return t;
  }

  private async fetchToken(
    scheme: Extract<Scheme, { kind: 'bearer' }>,
    scopes: string[],
  ): Promise<CachedToken> {
    const cred = await this.getCredential();
    if (cred?.kind === 'registryToken') {
      return { scopes, header: `Bearer ${cred.token}`, expiresAt: Number.POSITIVE_INFINITY };
    }
    const url = new URL(scheme.realm);
    let res;
    if (cred?.kind === 'identityToken') {
      // OAuth2 refresh-token grant, as docker does with an identity token.
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: cred.token,
        client_id: this.opts.clientId ?? 'wasm-build',
        access_type: 'offline',
      });
      if (scheme.service) form.set('service', scheme.service);
      if (scopes.length) form.set('scope', scopes.join(' '));
      res = await this.opts.transport.request({
        method: 'POST',
        url: url.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(form.toString()),
      });
    } else {
      if (scheme.service) url.searchParams.set('service', scheme.service);
      for (const s of scopes) url.searchParams.append('scope', s);
      if (cred?.kind === 'basic') url.searchParams.set('account', cred.username);
      const headers: Record<string, string> = {};
      if (cred?.kind === 'basic') {
        headers.authorization = `Basic ${Buffer.from(`${cred.username}:${cred.password}`).toString('base64')}`;
      }
      res = await this.opts.transport.request({
        method: 'GET',
        url: url.toString(),
        headers,
        maxRedirects: 3,
      });
    }
    const body = await res.text(1024 * 1024);
    const operation = `get a token for ${scopes.join(' ') || this.opts.registry}`;
    if (res.status !== 200) {
      const init = {
        operation,
        method: cred?.kind === 'identityToken' ? 'POST' : 'GET',
        url: url.toString(),
        status: res.status,
        errors: parseErrors(body),
      };
      if (res.status === 401) {
        throw new AuthenticationError({
          ...init,
          hint: cred
            ? `The token server rejected the credentials for ${this.opts.registry}: check the username and password or token`
            : `${this.opts.registry} requires authentication and no credentials were found: run \`docker login ${this.opts.registry}\` or pass a username and password`,
        });
      }
      if (res.status === 403) {
        throw new AuthorizationError({
          ...init,
          hint: `The token server refused ${scopes.join(' ')}: the account lacks that permission`,
        });
      }
      throw new RegistryError(init);
    }
    let parsed: { token?: string; access_token?: string; expires_in?: number; issued_at?: string };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      throw this.authError(`the token server at ${url.origin} answered with something that is not JSON`);
    }
    const token = parsed.token || parsed.access_token;
    if (!token) throw this.authError(`the token server at ${url.origin} answered without a token`);
    const issued = parsed.issued_at ? Date.parse(parsed.issued_at) : NaN;
    const start = Number.isNaN(issued) ? this.now() : Math.min(issued, this.now());
    const lifetime =
      (parsed.expires_in && parsed.expires_in > 0 ? parsed.expires_in : defaultTokenLifetimeS) * 1000;
    return {
      scopes,
      header: `Bearer ${token}`,
      expiresAt: start + Math.max(lifetime - expiryMarginMs, lifetime / 2),
    };
  }

  private authError(detail: string): AuthenticationError {
    return new AuthenticationError({
      operation: `authenticate to ${this.opts.registry}`,
      method: 'GET',
      url: `https://${this.opts.registry}/v2/`,
      status: 401,
      hint: detail,
    });
  }
}

/** The distribution spec's error body, tolerating registries that send something else. */
export function parseErrors(body: string): RegistryErrorEntry[] {
  try {
    const j = JSON.parse(body) as { errors?: unknown; details?: unknown };
    if (Array.isArray(j.errors)) {
      return j.errors
        .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
        .map((e) => ({
          code: typeof e.code === 'string' ? e.code : 'UNKNOWN',
          message: typeof e.message === 'string' ? e.message : undefined,
          detail: e.detail,
        }));
    }
  } catch {
    // not JSON: fall through
  }
  const text = body.trim().slice(0, 200);
  return text ? [{ code: 'UNKNOWN', message: text }] : [];
}

export type { Challenge };
