// The client against small in-process HTTP servers on loopback that misbehave on purpose: retries,
// Retry-After, connection resets, redirects, digest checks, and the upload protocol on the wire.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesBlob } from '../../../src/oci/blobs.js';
import { RegistryClient } from '../../../src/oci/client.js';
import type { RetryEvent } from '../../../src/oci/retry.js';
import { StaticCredentials } from '../../../src/oci/credentials.js';
import { DigestMismatchError, NetworkError, NotFoundError, RegistryError } from '../../../src/oci/errors.js';

const sha = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;
const servers: http.Server[] = [];
const clients: RegistryClient[] = [];

async function serve(handler: Handler): Promise<string> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function client(retries: RetryEvent[] = [], extra: ConstructorParameters<typeof RegistryClient>[0] = {}) {
  const c = new RegistryClient({
    credentials: new StaticCredentials(),
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    onRetry: (e) => retries.push(e),
    ...extra,
  });
  clients.push(c);
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const manifest = Buffer.from(
  JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json' }),
);

describe('RegistryClient requests', () => {
  it.each([
    ['503', 503, {}],
    ['500', 500, {}],
    ['429 with Retry-After: 0', 429, { 'retry-after': '0' }],
  ])('retries a %s and then succeeds', async (_n, status, headers) => {
    let n = 0;
    const host = await serve((_req, res) => {
      if (++n <= 2) {
        res.writeHead(status, headers).end('{"errors":[{"code":"UNAVAILABLE","message":"busy"}]}');
        return;
      }
      res.writeHead(200, {
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
        'docker-content-digest': sha(manifest),
      });
      res.end(manifest);
    });
    const retries: RetryEvent[] = [];
    const got = await client(retries).repository(`${host}/app`).fetchManifest('v1');
    expect(got.descriptor.digest).toBe(sha(manifest));
    expect(retries.map((r) => r.reason)).toEqual([`HTTP ${status}`, `HTTP ${status}`]);
  });

  it('waits as long as Retry-After says', async () => {
    let n = 0;
    const host = await serve((_req, res) => {
      if (++n === 1) return void res.writeHead(429, { 'retry-after': '1' }).end();
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(manifest);
    });
    const retries: RetryEvent[] = [];
    const t0 = Date.now();
    await client(retries).repository(`${host}/app`).fetchManifest('v1');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    expect(retries[0]?.delayMs).toBe(1000);
  });

  it('gives up after maxAttempts with the registry error codes in the message', async () => {
    const host = await serve((_req, res) =>
      res.writeHead(503).end('{"errors":[{"code":"UNAVAILABLE","message":"down for maintenance"}]}'),
    );
    const err = await client([], { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } })
      .repository(`${host}/app`)
      .fetchManifest('v1')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).status).toBe(503);
    expect((err as RegistryError).errors).toEqual([
      { code: 'UNAVAILABLE', message: 'down for maintenance', detail: undefined },
    ]);
    expect((err as Error).message).toMatch(
      /fetch manifest .*app:v1 failed: GET .* returned 503 \(UNAVAILABLE: down for maintenance\)/,
    );
  });

  it('retries a connection reset', async () => {
    let n = 0;
    const host = await serve((req, res) => {
      if (++n === 1) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(manifest);
    });
    const retries: RetryEvent[] = [];
    await client(retries).repository(`${host}/app`).fetchManifest('v1');
    expect(retries).toHaveLength(1);
    expect(retries[0]!.reason).toMatch(/ECONNRESET|socket hang up/);
  });

  it('reports an unreachable registry after bounded retries', async () => {
    const host = await serve(() => undefined);
    await new Promise((r) => servers.pop()!.close(r)); // now nothing listens on that port
    const err = await client([], { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } })
      .repository(`${host}/app`)
      .fetchManifest('v1')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetworkError);
    expect((err as NetworkError).errno).toBe('ECONNREFUSED');
    expect((err as NetworkError).attempts).toBe(3);
    expect((err as Error).message).toMatch(
      /cannot reach 127\.0\.0\.1:\d+ .* after 3 attempts\. Nothing listens on/,
    );
  });

  it('maps 404 to NotFoundError with advice', async () => {
    const host = await serve((_req, res) =>
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}'),
    );
    const err = await client()
      .repository(`${host}/app`)
      .fetchManifest('nope')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toMatch(/No manifest with that tag or digest/);
  });

  it('verifies manifest digests (asked for, and announced)', async () => {
    const other = Buffer.from('{"schemaVersion":2}');
    const host = await serve((req, res) => {
      const announce = req.url!.endsWith('/lying') ? { 'docker-content-digest': sha('something else') } : {};
      res
        .writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', ...announce })
        .end(other);
    });
    const repo = client().repository(`${host}/app`);
    await expect(repo.fetchManifest(sha(manifest))).rejects.toThrow(DigestMismatchError);
    await expect(repo.fetchManifest('lying')).rejects.toThrow(DigestMismatchError);
    expect((await repo.fetchManifest(sha(other))).bytes.equals(other)).toBe(true);
  });

  it('follows blob redirects to storage without the registry credentials, and verifies the blob', async () => {
    const blob = Buffer.from('blob content');
    const seen: (string | undefined)[] = [];
    const storage = await serve((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200).end(req.url === '/good' ? blob : Buffer.from('tampered!!!!'));
    });
    const registry = await serve((req, res) => {
      if (!req.headers.authorization) {
        return void res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
      }
      const good = req.url!.endsWith(sha(blob));
      res.writeHead(307, { location: `http://${storage}/${good ? 'good' : 'bad'}` }).end();
    });
    const c = client([], {
      credentials: new StaticCredentials({ [registry]: { kind: 'basic', username: 'u', password: 'p' } }),
    });
    const repo = c.repository(`${registry}/app`);
    expect((await repo.readBlob({ digest: sha(blob), size: blob.length })).equals(blob)).toBe(true);
    expect(seen).toEqual([undefined]);
    await expect(repo.readBlob({ digest: sha('x'), size: 12 })).rejects.toThrow(DigestMismatchError);
  });
});

describe('blob uploads on the wire', () => {
  /** Just enough of the upload protocol to see what the client sends. */
  async function uploadServer() {
    const log: {
      method: string;
      url: string;
      range?: string;
      length?: string;
      te?: string;
      bytes: number;
    }[] = [];
    const stored = new Map<string, Buffer>();
    let session = Buffer.alloc(0);
    const host = await serve((req, res, body) => {
      const u = new URL(req.url!, 'http://x');
      log.push({
        method: req.method!,
        url: u.pathname + u.search,
        range: req.headers['content-range'],
        length: req.headers['content-length'],
        te: req.headers['transfer-encoding'],
        bytes: body.length,
      });
      if (req.method === 'HEAD')
        return void res.writeHead(stored.has(u.pathname.split('/').pop()!) ? 200 : 404).end();
      if (req.method === 'POST') {
        session = Buffer.alloc(0);
        return void res
          .writeHead(202, { location: '/v2/app/blobs/uploads/u1?_state=s0', range: '0-0' })
          .end();
      }
      if (req.method === 'PATCH') {
        session = Buffer.concat([session, body]);
        return void res
          .writeHead(202, {
            location: `/v2/app/blobs/uploads/u1?_state=s${session.length}`,
            range: `0-${session.length - 1}`,
          })
          .end();
      }
      if (req.method === 'PUT') {
        session = Buffer.concat([session, body]);
        const digest = u.searchParams.get('digest')!;
        if (sha(session) !== digest) {
          return void res
            .writeHead(400)
            .end('{"errors":[{"code":"DIGEST_INVALID","message":"digest did not match"}]}');
        }
        stored.set(digest, session);
        return void res
          .writeHead(201, { location: `/v2/app/blobs/${digest}`, 'docker-content-digest': digest })
          .end();
      }
      res.writeHead(405).end();
    });
    return { host, log, stored };
  }

  it('uploads small blobs in one PUT with a Content-Length (no chunked encoding)', async () => {
    const { host, log, stored } = await uploadServer();
    const data = Buffer.from('x'.repeat(1000));
    const r = await client()
      .repository(`${host}/app`)
      .pushBlob(bytesBlob(data, sha(data)));
    expect(r).toMatchObject({ outcome: 'uploaded', bytesSent: 1000 });
    expect(log.map((l) => l.method)).toEqual(['HEAD', 'POST', 'PUT']);
    expect(log[2]).toMatchObject({ length: '1000', te: undefined, bytes: 1000 });
    expect(log[2]!.url).toContain('_state=s0');
    expect(stored.get(sha(data))?.equals(data)).toBe(true);
  });

  it('uploads large blobs in PATCH chunks with Content-Range, then a closing PUT', async () => {
    const { host, log, stored } = await uploadServer();
    const data = Buffer.alloc(2500, 7);
    const c = client([], { monolithicMaxBytes: 1000, chunkBytes: 1000 });
    const r = await c.repository(`${host}/app`).pushBlob(bytesBlob(data, sha(data)));
    expect(r).toMatchObject({ outcome: 'uploaded', bytesSent: 2500 });
    expect(log.map((l) => [l.method, l.range, l.length, l.te])).toEqual([
      ['HEAD', undefined, undefined, undefined],
      ['POST', undefined, '0', undefined],
      ['PATCH', '0-999', '1000', undefined],
      ['PATCH', '1000-1999', '1000', undefined],
      ['PATCH', '2000-2499', '500', undefined],
      ['PUT', undefined, '0', undefined],
    ]);
    expect(log[3]!.url).toContain('_state=s1000'); // each PATCH goes to the Location the last one returned
    expect(stored.get(sha(data))?.equals(data)).toBe(true);
  });

  it('refuses to finish an upload whose content does not match its digest', async () => {
    const { host, log } = await uploadServer();
    const data = Buffer.alloc(2500, 7);
    const wrong = sha('not this');
    const c = client([], { monolithicMaxBytes: 1000, chunkBytes: 1000 });
    await expect(c.repository(`${host}/app`).pushBlob(bytesBlob(data, wrong))).rejects.toThrow(
      DigestMismatchError,
    );
    expect(log.filter((l) => l.method === 'PUT')).toHaveLength(0);
    const small = Buffer.from('abc');
    await expect(c.repository(`${host}/app`).pushBlob(bytesBlob(small, wrong))).rejects.toThrow(
      DigestMismatchError,
    );
  });

  it('skips a blob the repository has', async () => {
    const { host, log, stored } = await uploadServer();
    const data = Buffer.from('present');
    stored.set(sha(data), data);
    const r = await client()
      .repository(`${host}/app`)
      .pushBlob(bytesBlob(data, sha(data)));
    expect(r).toMatchObject({ outcome: 'exists', bytesSent: 0 });
    expect(log.map((l) => l.method)).toEqual(['HEAD']);
  });
});
