// Failure paths against the testbed's real registries: a loopback stand-in proxy in front of the
// registry injects 500s, 429s with Retry-After and connection resets; a closed port stands for an
// unreachable registry; the htpasswd registry answers wrong and missing credentials.
import net, { type AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/oci/client.js';
import type { RetryEvent } from '../../src/oci/retry.js';
import { StaticCredentials } from '../../src/oci/credentials.js';
import { AuthenticationError, NetworkError } from '../../src/oci/errors.js';
import type { ImageManifest } from '../../src/oci/media-types.js';
import { PublishError } from '../../src/publish/errors.js';
import { publish } from '../../src/publish/publisher.js';
import { run, runOk } from '../support/exec.js';
import { buildLayoutFixture, helloWasm, type LayoutFixture } from '../support/oci-layout-fixture.js';
import { loadTestbed, type Testbed } from '../support/testbed.js';
import { startProxy } from '../support/fault-proxy.js';

let tb: Testbed;
let fixture: LayoutFixture;
let big: LayoutFixture;
const runId = Date.now().toString(36);
const proxies: { close: () => Promise<unknown> }[] = [];
const anon = () => new StaticCredentials();

function crane(args: string[]): Promise<string> {
  return runOk('crane', [...args, '--insecure'], { env: tb.env });
}

beforeAll(async () => {
  tb = loadTestbed();
  fixture = await buildLayoutFixture({ attestation: true });
  // A 600 kB incompressible module: big enough to go up in PATCH chunks with small limits.
  big = await buildLayoutFixture({ module: helloWasm('hello from a big module\n', 600_000), tar: true });
});

afterAll(async () => {
  await Promise.all(proxies.map((p) => p.close()));
});

describe('retries against a registry that fails first', () => {
  it('succeeds when every kind of request first gets a 500', async () => {
    const proxy = await startProxy(tb.registry, (_m, _k, n) => (n === 1 ? { status: 500 } : 'forward'));
    proxies.push(proxy);
    const retries: RetryEvent[] = [];
    const repo = `e2e/flaky-${runId}`;
    const client = new RegistryClient({
      credentials: anon(),
      retry: { baseDelayMs: 20, maxDelayMs: 100 },
      onRetry: (e) => retries.push(e),
    });
    const r = await publish({
      image: fixture.dir,
      repository: `${proxy.host}/${repo}`,
      tags: ['v1'],
      runtimes: [{ name: 'wasmtime', version: '48.0.8' }],
      client,
      concurrency: 1,
    }).finally(() => client.close());
    const failed = proxy.log.filter((l) => l.status === 500).map((l) => l.key);
    console.log(
      `500-then-200: ${failed.length} injected 500s, ${retries.length} retries; uploaded ${r.bytesUploaded} bytes ` +
        `(distinct ${r.distinctBlobBytes}), ${r.bytesSent} on the wire including failed attempts`,
    );
    expect(failed).toEqual(
      expect.arrayContaining([
        `HEAD /v2/${repo}/blobs/${fixture.configDigest}`,
        `POST /v2/${repo}/blobs/uploads/`,
        `PUT /v2/${repo}/blobs/uploads/*`,
        `PUT /v2/${repo}/manifests/v1`,
        `PUT /v2/${repo}/manifests/v1-wasm`,
        `PUT /v2/${repo}/manifests/v1-wasmtime`,
      ]),
    );
    expect(retries.length).toBeGreaterThanOrEqual(failed.length);
    expect(r.bytesUploaded).toBe(r.distinctBlobBytes);
    expect(r.bytesSent).toBeGreaterThan(r.bytesUploaded); // the failed PUTs carried their bodies
    // What landed in the registry, read directly (not through the proxy) by crane.
    for (const t of r.tags) {
      expect((await crane(['digest', `${tb.registry}/${repo}:${t.tag}`])).trim()).toBe(t.digest);
    }
  });

  it('honours Retry-After on a 429 and survives a connection reset', async () => {
    const proxy = await startProxy(tb.registry, (m, k, n) => {
      if (m === 'PUT' && k.endsWith('/manifests/v1') && n === 1)
        return { status: 429, headers: { 'retry-after': '1' } };
      if (m === 'POST' && n === 1) return 'reset';
      return 'forward';
    });
    proxies.push(proxy);
    const retries: RetryEvent[] = [];
    const client = new RegistryClient({
      credentials: anon(),
      retry: { baseDelayMs: 20 },
      onRetry: (e) => retries.push(e),
    });
    const t0 = Date.now();
    const r = await publish({
      image: fixture.dir,
      repository: `${proxy.host}/e2e/throttled-${runId}`,
      tags: ['v1'],
      client,
    }).finally(() => client.close());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    expect(r.tags).toHaveLength(2);
    expect(retries.find((e) => e.reason === 'HTTP 429')?.delayMs).toBe(1000);
    expect(retries.some((e) => /ECONNRESET|socket hang up/.test(e.reason))).toBe(true);
    expect(proxy.log.map((l) => l.status)).toEqual(expect.arrayContaining([429, 'reset']));
  });

  it('uploads a large blob in PATCH chunks, restarting the upload after a failed chunk', async () => {
    const proxy = await startProxy(tb.registry, (m, _k, n) =>
      m === 'PATCH' && n === 2 ? { status: 503 } : 'forward',
    );
    proxies.push(proxy);
    const repo = `e2e/chunked-${runId}`;
    const client = new RegistryClient({
      credentials: anon(),
      monolithicMaxBytes: 64 * 1024,
      chunkBytes: 128 * 1024,
      retry: { baseDelayMs: 20 },
    });
    const r = await publish({
      image: big.tarPath!,
      repository: `${proxy.host}/${repo}`,
      tags: ['v1'],
      client,
    }).finally(() => client.close());
    const patches = proxy.log.filter((l) => l.method === 'PATCH');
    console.log(
      `chunked: ${patches.length} PATCH requests (one 503), uploaded ${r.bytesUploaded} bytes, ${r.bytesSent} on the wire`,
    );
    expect(patches.filter((p) => p.status === 503)).toHaveLength(1);
    // Two blobs over 64 KiB (layer and module) of about 600 kB: 5 chunks each, plus the restarted ones.
    expect(patches.length).toBeGreaterThanOrEqual(10);
    expect(r.bytesUploaded).toBe(r.distinctBlobBytes);
    expect(r.bytesSent).toBeGreaterThan(r.bytesUploaded); // the refused chunk was sent, then resent
    const m = JSON.parse(await crane(['manifest', `${tb.registry}/${repo}:v1-wasm`])) as ImageManifest;
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'wb-chunked-')), 'big.wasm');
    const dl = await run(
      'sh',
      ['-c', `crane blob --insecure '${tb.registry}/${repo}@${m.layers[0]!.digest}' > '${out}'`],
      {
        env: tb.env,
      },
    );
    expect(dl.code).toBe(0);
    expect(readFileSync(out).equals(big.module)).toBe(true);
    expect((await run('wasmtime', ['run', out], { env: tb.env })).stdout).toBe('hello from a big module\n');
  });
});

describe('failures that end the publish', () => {
  it('reports exactly which tags were pushed when a later manifest keeps failing', async () => {
    const proxy = await startProxy(tb.registry, (m, k) =>
      m === 'PUT' && k.endsWith('/manifests/v1-node')
        ? { status: 500, body: '{"errors":[{"code":"UNKNOWN","message":"storage backend down"}]}' }
        : 'forward',
    );
    proxies.push(proxy);
    const repo = `e2e/partial-${runId}`;
    const client = new RegistryClient({ credentials: anon(), retry: { maxAttempts: 2, baseDelayMs: 10 } });
    const err = await publish({
      image: fixture.dir,
      repository: `${proxy.host}/${repo}`,
      tags: ['v1'],
      runtimes: [
        { name: 'wasmtime', version: '48.0.8' },
        { name: 'node', version: '20.20.2' },
      ],
      client,
    })
      .catch((e: unknown) => e)
      .finally(() => client.close());
    expect(err).toBeInstanceOf(PublishError);
    const pe = err as PublishError;
    console.log(`partial failure: ${pe.message}`);
    expect(pe.pushed.map((t) => t.tag)).toEqual(['v1', 'v1-wasm', 'v1-wasmtime']);
    expect(pe.pushed.every((t) => /^sha256:[0-9a-f]{64}$/.test(t.digest))).toBe(true);
    expect(pe.notPushed).toEqual(['v1-node']);
    expect(pe.message).toMatch(
      /pushed v1, v1-wasm, v1-wasmtime; not pushed: v1-node\).*storage backend down/,
    );
    const listed = (await crane(['ls', `${tb.registry}/${repo}`])).trim().split('\n').sort();
    expect(listed).toEqual(['v1', 'v1-wasm', 'v1-wasmtime']);
  });

  it('reports an unreachable registry (a closed loopback port) quickly and clearly', async () => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    await new Promise((r) => s.close(r));
    const client = new RegistryClient({
      credentials: anon(),
      retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 100 },
    });
    const t0 = Date.now();
    const err = await publish({
      image: fixture.dir,
      repository: `127.0.0.1:${port}/e2e/nowhere`,
      tags: ['v1'],
      client,
    })
      .catch((e: unknown) => e)
      .finally(() => client.close());
    expect(Date.now() - t0).toBeLessThan(5000);
    const pe = err as PublishError;
    expect(pe).toBeInstanceOf(PublishError);
    expect(pe.pushed).toEqual([]);
    expect(pe.notPushed).toEqual(['v1', 'v1-wasm']);
    expect(pe.cause).toBeInstanceOf(NetworkError);
    expect((pe.cause as NetworkError).errno).toBe('ECONNREFUSED');
    console.log(`unreachable: ${pe.message}`);
    expect(pe.message).toMatch(
      new RegExp(`cannot reach 127.0.0.1:${port} .*after 3 attempts. Nothing listens on`),
    );
  });

  it.each([
    [
      'wrong credentials',
      { kind: 'basic' as const, username: 'wasmbuild', password: 'wrong-password' },
      /rejected the credentials/,
    ],
    ['no credentials', undefined, /requires authentication and no credentials were found: run `docker login/],
  ])('reports %s for the htpasswd registry', async (_n, credential, message) => {
    const host = tb.registryAuth.host;
    const client = new RegistryClient({
      credentials: new StaticCredentials(credential ? { [host]: credential } : {}),
      retry: { maxAttempts: 2, baseDelayMs: 10 },
    });
    const err = await publish({
      image: fixture.dir,
      repository: `${host}/e2e/denied-${runId}`,
      tags: ['v1'],
      client,
    })
      .catch((e: unknown) => e)
      .finally(() => client.close());
    const pe = err as PublishError;
    expect(pe).toBeInstanceOf(PublishError);
    expect(pe.cause).toBeInstanceOf(AuthenticationError);
    expect(pe.pushed).toEqual([]);
    console.log(`${_n}: ${pe.message}`);
    expect(pe.message).toMatch(message);
  });
});
