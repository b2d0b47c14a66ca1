import { describe, expect, it } from 'vitest';
import { Authorizer } from '../../../src/oci/auth.js';
import { StaticCredentials, type Credential } from '../../../src/oci/credentials.js';
import { AuthenticationError, AuthorizationError } from '../../../src/oci/errors.js';
import type { HttpRequest, HttpResponse, Transport } from '../../../src/oci/transport.js';
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';

/** A token server stand-in: records requests, answers from a function. */
class FakeTokenServer implements Transport {
  requests: HttpRequest[] = [];
  n = 0;
  constructor(
    private readonly answer: (req: HttpRequest, n: number) => { status: number; body: object | string },
  ) {}
  request(req: HttpRequest): Promise<HttpResponse> {
    this.requests.push(req);
    const { status, body } = this.answer(req, ++this.n);
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    return Promise.resolve({
      status,
      headers: {},
      url: req.url,
      body: Readable.from([]) as unknown as IncomingMessage,
      bytes: () => Promise.resolve(Buffer.from(text)),
      text: () => Promise.resolve(text),
      discard: () => undefined,
      header: () => undefined,
    });
  }
}

const challenge = 'Bearer realm="https://auth.example/token",service="reg.example"';

function make(credential: Credential | undefined, server: FakeTokenServer, now = () => 1_000_000) {
  const credentials = new StaticCredentials(credential ? { 'reg.example': credential } : {});
  return new Authorizer({ registry: 'reg.example', credentials, transport: server, now });
}

describe('Authorizer', () => {
  it.each<[string, Credential | undefined, (r: HttpRequest) => void]>([
    [
      'anonymous',
      undefined,
      (r) => {
        expect(r.method).toBe('GET');
        expect(r.headers?.authorization).toBeUndefined();
      },
    ],
    [
      'basic credentials',
      { kind: 'basic', username: 'u', password: 'p' },
      (r) => {
        expect(r.headers?.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
        expect(new URL(r.url).searchParams.get('account')).toBe('u');
      },
    ],
    [
      'an identity token (OAuth2 refresh grant)',
      { kind: 'identityToken', token: 'refresh' },
      (r) => {
        expect(r.method).toBe('POST');
        const form = new URLSearchParams(Buffer.from(r.body as Uint8Array).toString());
        expect(form.get('grant_type')).toBe('refresh_token');
        expect(form.get('refresh_token')).toBe('refresh');
        expect(form.get('service')).toBe('reg.example');
        expect(form.get('scope')).toBe('repository:app:pull,push repository:base:pull');
      },
    ],
  ])('fetches a token with %s and the merged scopes', async (_name, cred, check) => {
    const server = new FakeTokenServer(() => ({ status: 200, body: { token: 'T1', expires_in: 300 } }));
    const auth = make(cred, server);
    const header = await auth.challenge(
      challenge,
      ['repository:app:push', 'repository:app:pull', 'repository:base:pull'],
      undefined,
    );
    expect(header).toBe('Bearer T1');
    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    if (req.method === 'GET') {
      const u = new URL(req.url);
      expect(u.origin + u.pathname).toBe('https://auth.example/token');
      expect(u.searchParams.get('service')).toBe('reg.example');
      expect(u.searchParams.getAll('scope')).toEqual(['repository:app:pull,push', 'repository:base:pull']);
    }
    check(req);
  });

  it('adds the scope the challenge names, caches per scope set, and lets a push token serve pulls', async () => {
    const server = new FakeTokenServer((_r, n) => ({
      status: 200,
      body: { access_token: `T${n}`, expires_in: 300 },
    }));
    const auth = make(undefined, server);
    await auth.challenge(`${challenge},scope="repository:app:pull"`, ['repository:app:push'], undefined);
    expect(new URL(server.requests[0]!.url).searchParams.getAll('scope')).toEqual([
      'repository:app:pull,push',
    ]);
    expect(await auth.authorization(['repository:app:pull'])).toBe('Bearer T1');
    expect(await auth.authorization(['repository:app:pull', 'repository:app:push'])).toBe('Bearer T1');
    expect(server.requests).toHaveLength(1);
    expect(await auth.authorization(['repository:other:pull'])).toBe('Bearer T2');
    expect(server.requests).toHaveLength(2);
  });

  it('refreshes an expired token, and a refused one on the next challenge', async () => {
    let now = 0;
    const server = new FakeTokenServer((_r, n) => ({
      status: 200,
      body: { token: `T${n}`, expires_in: 60 },
    }));
    const auth = make(undefined, server, () => now);
    expect(await auth.challenge(challenge, ['repository:a:pull'], undefined)).toBe('Bearer T1');
    now = 49_000;
    expect(await auth.authorization(['repository:a:pull'])).toBe('Bearer T1');
    now = 51_000; // within the 10 s margin of expiry
    expect(await auth.authorization(['repository:a:pull'])).toBe('Bearer T2');
    // The registry refuses T2 (revoked): the challenge drops it and fetches T3.
    expect(await auth.challenge(challenge, ['repository:a:pull'], 'Bearer T2')).toBe('Bearer T3');
    expect(await auth.authorization(['repository:a:pull'])).toBe('Bearer T3');
  });

  it('shares one token request among concurrent callers', async () => {
    const server = new FakeTokenServer((_r, n) => ({ status: 200, body: { token: `T${n}` } }));
    const auth = make(undefined, server);
    await auth.challenge(challenge, ['repository:x:pull'], undefined);
    const got = await Promise.all([1, 2, 3].map(() => auth.authorization(['repository:y:pull'])));
    expect(got).toEqual(['Bearer T2', 'Bearer T2', 'Bearer T2']);
  });

  it.each<[string, number, Credential | undefined, typeof AuthenticationError, RegExp]>([
    [
      'wrong credentials',
      401,
      { kind: 'basic', username: 'u', password: 'bad' },
      AuthenticationError,
      /rejected the credentials/,
    ],
    ['no credentials', 401, undefined, AuthenticationError, /no credentials were found/],
    [
      'a denied scope',
      403,
      { kind: 'basic', username: 'u', password: 'p' },
      AuthorizationError,
      /refused repository:a:push: the account lacks/,
    ],
  ])('reports %s from the token server', async (_n, status, cred, type, message) => {
    const server = new FakeTokenServer(() => ({
      status,
      body: { errors: [{ code: 'DENIED', message: 'no' }] },
    }));
    const auth = make(cred, server);
    const err = await auth.challenge(challenge, ['repository:a:push'], undefined).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(type);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).toMatch(/DENIED: no/);
  });

  it('answers Basic challenges with the credentials, once', async () => {
    const server = new FakeTokenServer(() => ({ status: 500, body: '' }));
    const auth = make({ kind: 'basic', username: 'u', password: 'p' }, server);
    const h = await auth.challenge('Basic realm="r"', [], undefined);
    expect(h).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    expect(await auth.authorization(['repository:any:push'])).toBe(h);
    expect(await auth.challenge('Basic realm="r"', [], h)).toBeUndefined();
    expect(await make(undefined, server).challenge('Basic realm="r"', [], undefined)).toBeUndefined();
    expect(server.requests).toHaveLength(0);
  });

  it('uses a registry token as is', async () => {
    const server = new FakeTokenServer(() => ({ status: 500, body: '' }));
    const auth = make({ kind: 'registryToken', token: 'RT' }, server);
    expect(await auth.challenge(challenge, ['repository:a:pull'], undefined)).toBe('Bearer RT');
    expect(server.requests).toHaveLength(0);
  });

  it('rejects challenges it cannot answer', async () => {
    const auth = make(undefined, new FakeTokenServer(() => ({ status: 200, body: {} })));
    await expect(auth.challenge(undefined, [], undefined)).rejects.toThrow(/without a usable challenge/);
    await expect(auth.challenge('Negotiate abc', [], undefined)).rejects.toThrow(
      /without a usable challenge/,
    );
    await expect(auth.challenge('Bearer service="x"', [], undefined)).rejects.toThrow(/no realm/);
    await expect(auth.challenge(challenge, [], undefined)).rejects.toThrow(/answered without a token/);
  });
});
