// The Bearer token flow against the real registry (Debian's docker-registry with `auth.token`),
// behind a small loopback stand-in token server that signs JWTs the registry verifies against its
// root certificate. The stand-in grants per user and repository, so scope denials are the
// registry's own answers.
import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate, randomUUID, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/oci/client.js';
import { StaticCredentials } from '../../src/oci/credentials.js';
import { AuthenticationError, AuthorizationError } from '../../src/oci/errors.js';
import { PublishError } from '../../src/publish/errors.js';
import { publish } from '../../src/publish/publisher.js';
import { run } from '../support/exec.js';
import { buildLayoutFixture, type LayoutFixture } from '../support/oci-layout-fixture.js';

const service = 'wasm-build-e2e';
const issuer = 'wasm-build-e2e-issuer';
const users: Record<string, string> = { alice: 'alice-secret' };
/** Alice may push under allowed/, only pull elsewhere; anonymous users get nothing. */
function grant(user: string | undefined, repo: string, wanted: string[]): string[] {
  if (!user) return [];
  const allowed = repo.startsWith('allowed/') ? ['pull', 'push'] : ['pull'];
  return wanted.filter((a) => allowed.includes(a));
}

let dir: string;
let fixture: LayoutFixture;
let registry: ChildProcess | undefined;
let registryHost: string;
let tokenServer: http.Server;
let signingKey: { key: string; certDer: string };
const tokenRequests: { user?: string; scopes: string[] }[] = [];

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function newKeyPair(name: string): Promise<{ key: string; cert: string; certDer: string }> {
  const key = path.join(dir, `${name}.key`);
  const cert = path.join(dir, `${name}.pem`);
  const r = await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
  ]);
  if (r.code !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  const pem = readFileSync(cert, 'utf8');
  return { key: readFileSync(key, 'utf8'), cert, certDer: new X509Certificate(pem).raw.toString('base64') };
}

function jwt(user: string | undefined, access: { type: string; name: string; actions: string[] }[]): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ typ: 'JWT', alg: 'RS256', x5c: [signingKey.certDer] });
  const claims = b64({
    iss: issuer,
    sub: user ?? '',
    aud: service,
    exp: now + 300,
    nbf: now - 10,
    iat: now,
    jti: randomUUID(),
    access,
  });
  const sig = sign('sha256', Buffer.from(`${head}.${claims}`), signingKey.key).toString('base64url');
  return `${head}.${claims}.${sig}`;
}

function startTokenServer(): Promise<string> {
  tokenServer = http.createServer((req, res) => {
    const u = new URL(req.url!, 'http://x');
    let user: string | undefined;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Basic ')) {
      const [name, pass] = Buffer.from(auth.slice(6), 'base64').toString().split(':');
      if (!name || users[name] !== pass) {
        res.writeHead(401, { 'content-type': 'application/json' });
        return void res.end(
          JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'invalid username or password' }] }),
        );
      }
      user = name;
    }
    const scopes = u.searchParams.getAll('scope');
    tokenRequests.push({ user, scopes });
    const access = scopes.flatMap((s) => {
      const [type, name, actions] = s.split(':') as [string, string, string];
      return type === 'repository' ? [{ type, name, actions: grant(user, name, actions.split(',')) }] : [];
    });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ token: jwt(user, access), expires_in: 300, issued_at: new Date().toISOString() }),
    );
  });
  return new Promise((r) =>
    tokenServer.listen(0, '127.0.0.1', () =>
      r(`http://127.0.0.1:${(tokenServer.address() as AddressInfo).port}/token`),
    ),
  );
}

async function startRegistry(port: number, realm: string, rootCert: string): Promise<void> {
  const config = path.join(dir, 'registry.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: warn',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'data')}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      'auth:',
      '  token:',
      `    realm: ${realm}`,
      `    service: ${service}`,
      `    issuer: ${issuer}`,
      `    rootcertbundle: ${rootCert}`,
      '',
    ].join('\n'),
  );
  registry = spawn('/usr/bin/docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  registry.stderr!.on('data', (b: Buffer) => (log += b.toString()));
  for (let i = 0; i < 80; i++) {
    const status = await fetch(`http://127.0.0.1:${port}/v2/`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 401) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the token-auth registry did not start:\n${log}`);
}

async function stopRegistry(): Promise<void> {
  const child = registry;
  registry = undefined;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((r) => {
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
}

let realm: string;
let port: number;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wasm-build-e2e-token-'));
  mkdirSync(path.join(dir, 'data'));
  const pair = await newKeyPair('token-signer-1');
  signingKey = pair;
  realm = await startTokenServer();
  port = await freePort();
  registryHost = `127.0.0.1:${port}`;
  await startRegistry(port, realm, pair.cert);
  fixture = await buildLayoutFixture({ attestation: true });
});

afterAll(async () => {
  await stopRegistry();
  await new Promise((r) => tokenServer?.close(r));
});

const alice = () =>
  new StaticCredentials({ [registryHost]: { kind: 'basic', username: 'alice', password: 'alice-secret' } });
const fast = { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 };

describe('Bearer token flow against a token-auth registry', () => {
  it('pushes with scoped tokens, fetched once per scope set and reused', async () => {
    tokenRequests.length = 0;
    const client = new RegistryClient({ credentials: alice(), retry: fast });
    try {
      const r = await publish({
        image: fixture.dir,
        repository: `${registryHost}/allowed/hello`,
        tags: ['v1'],
        runtimes: [{ name: 'wasmtime', version: '48.0.8' }],
        client,
      });
      expect(r.tags.map((t) => t.tag)).toEqual(['v1', 'v1-wasm', 'v1-wasmtime']);
      expect(r.bytesUploaded).toBe(r.distinctBlobBytes);
      // Far fewer token requests than registry requests (4 blobs x HEAD/POST/PUT + 3 manifests).
      console.log(`token requests for the first push: ${JSON.stringify(tokenRequests)}`);
      expect(tokenRequests.length).toBeGreaterThan(0);
      expect(tokenRequests.length).toBeLessThanOrEqual(5);
      expect(tokenRequests.every((t) => t.user === 'alice')).toBe(true);
      expect(tokenRequests.some((t) => t.scopes.includes('repository:allowed/hello:pull,push'))).toBe(true);

      // Same client, a second repository: the mount token carries the source repository's pull scope.
      tokenRequests.length = 0;
      const m = await publish({
        image: fixture.dir,
        repository: `${registryHost}/allowed/hello2`,
        tags: ['v1'],
        client,
      });
      expect(m.blobs.every((b) => b.outcome === 'mounted')).toBe(true);
      expect(
        tokenRequests.some(
          (t) =>
            t.scopes.includes('repository:allowed/hello2:pull,push') &&
            t.scopes.includes('repository:allowed/hello:pull'),
        ),
      ).toBe(true);
    } finally {
      client.close();
    }
  });

  it('refreshes a cached token the registry stops accepting (signing key rotated)', async () => {
    const client = new RegistryClient({ credentials: alice(), retry: fast });
    try {
      const repo = client.repository(`${registryHost}/allowed/hello`);
      const before = await repo.resolve('v1');
      expect(before?.digest).toBe(fixture.manifestDigest);
      // Rotate: the registry now trusts only a new certificate, the token server signs with its key.
      await stopRegistry();
      const next = await newKeyPair('token-signer-2');
      signingKey = next;
      await startRegistry(port, realm, next.cert);
      tokenRequests.length = 0;
      const after = await repo.resolve('v1');
      expect(after?.digest).toBe(fixture.manifestDigest);
      expect(tokenRequests).toHaveLength(1); // the refused token was replaced once
    } finally {
      client.close();
    }
  });

  it('reports a scope the token server does not grant as a permission problem', async () => {
    const client = new RegistryClient({ credentials: alice(), retry: fast });
    const err = await publish({
      image: fixture.dir,
      repository: `${registryHost}/readonly/hello`,
      tags: ['v1'],
      client,
    })
      .catch((e: unknown) => e)
      .finally(() => client.close());
    expect(err).toBeInstanceOf(PublishError);
    const pe = err as PublishError;
    expect(pe.pushed).toEqual([]);
    expect(pe.notPushed).toEqual(['v1', 'v1-wasm']);
    expect(pe.cause).toBeInstanceOf(AuthorizationError);
    console.log(`denied scope: ${pe.message}`);
    expect(pe.message).toMatch(/valid but do not grant this access \(repository:readonly\/hello:pull,push\)/);
  });

  it('reports wrong credentials, and missing ones, as authentication problems', async () => {
    const wrong = new RegistryClient({
      credentials: new StaticCredentials({
        [registryHost]: { kind: 'basic', username: 'alice', password: 'nope' },
      }),
      retry: fast,
    });
    const err = await wrong
      .repository(`${registryHost}/allowed/hello`)
      .resolve('v1')
      .catch((e: unknown) => e)
      .finally(() => wrong.close());
    expect(err).toBeInstanceOf(AuthenticationError);
    expect((err as Error).message).toMatch(
      /invalid username or password\).*The token server rejected the credentials/,
    );

    const anon = new RegistryClient({ credentials: new StaticCredentials(), retry: fast });
    const err2 = await publish({
      image: fixture.dir,
      repository: `${registryHost}/allowed/anon`,
      tags: ['v1'],
      client: anon,
    })
      .catch((e: unknown) => e)
      .finally(() => anon.close());
    expect((err2 as PublishError).cause).toBeInstanceOf(AuthorizationError);
    expect((err2 as Error).message).toMatch(/Anonymous access is not allowed/);
  });
});
