// A run reads each built layout once and pushes through one registry client: so the second
// repository of a registry mounts the blobs the first one received instead of uploading them again.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runPipeline } from '../../../src/pipeline/index.js';
import type { PipelineDeps, PipelineInputs } from '../../../src/pipeline/index.js';
import { buildLayoutFixture } from '../../support/oci-layout-fixture.js';

const counts = vi.hoisted(() => ({ layoutsOpened: 0, clientsCreated: 0 }));

vi.mock('../../../src/oci/layout.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/oci/layout.js')>();
  return {
    ...real,
    openLayout: (location: string) => {
      counts.layoutsOpened++;
      return real.openLayout(location);
    },
  };
});

vi.mock('../../../src/oci/client.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/oci/client.js')>();
  class CountedClient extends real.RegistryClient {
    constructor(...args: ConstructorParameters<typeof real.RegistryClient>) {
      super(...args);
      counts.clientsCreated++;
    }
  }
  return { ...real, RegistryClient: CountedClient };
});

/** Just enough of the distribution API for pushes: blobs per repository, mounts, monolithic uploads. */
function fakeRegistry() {
  const blobs = new Map<string, Map<string, number>>(); // repository -> digest -> size
  const uploads = new Map<string, string>(); // upload id -> repository
  const requests: { method: string; repository: string; kind: 'mount' | 'upload' | 'other' }[] = [];
  const sizeIn = (repo: string, digest: string) => blobs.get(repo)?.get(digest);
  const store = (repo: string, digest: string, size: number) => {
    if (!blobs.has(repo)) blobs.set(repo, new Map());
    blobs.get(repo)!.set(digest, size);
  };
  const server = http.createServer((req, res) => {
    let received = 0;
    req.on('data', (c: Buffer) => (received += c.length));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://registry');
      const blob = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]{64})$/.exec(url.pathname);
      const start = /^\/v2\/(.+)\/blobs\/uploads\/$/.exec(url.pathname);
      const upload = /^\/upload\/(.+)$/.exec(url.pathname);
      const manifest = /^\/v2\/(.+)\/manifests\/(.+)$/.exec(url.pathname);
      if (req.method === 'HEAD' && blob) {
        requests.push({ method: 'HEAD', repository: blob[1]!, kind: 'other' });
        const size = sizeIn(blob[1]!, blob[2]!);
        if (size === undefined) return res.writeHead(404).end();
        return res.writeHead(200, { 'content-length': String(size) }).end();
      }
      if (req.method === 'POST' && start) {
        const repo = start[1]!;
        const mount = url.searchParams.get('mount');
        const from = url.searchParams.get('from');
        requests.push({ method: 'POST', repository: repo, kind: mount ? 'mount' : 'other' });
        const size = mount && from ? sizeIn(from, mount) : undefined;
        if (mount && size !== undefined) {
          store(repo, mount, size);
          return res.writeHead(201).end();
        }
        const id = randomUUID();
        uploads.set(id, repo);
        return res.writeHead(202, { location: `/upload/${id}` }).end();
      }
      if (req.method === 'PUT' && upload) {
        const repo = uploads.get(upload[1]!)!;
        requests.push({ method: 'PUT', repository: repo, kind: 'upload' });
        store(repo, url.searchParams.get('digest')!, received);
        return res.writeHead(201).end();
      }
      if (req.method === 'PUT' && manifest) {
        requests.push({ method: 'PUT', repository: manifest[1]!, kind: 'other' });
        return res.writeHead(201).end();
      }
      res.writeHead(404).end();
    });
  });
  return { server, requests };
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('a run', () => {
  it('opens each layout once, makes one registry client, and mounts into the second repository', async () => {
    const registry = fakeRegistry();
    servers.push(registry.server);
    await new Promise<void>((r) => registry.server.listen(0, '127.0.0.1', r));
    const host = `127.0.0.1:${(registry.server.address() as AddressInfo).port}`;

    const dir = mkdtempSync(path.join(os.tmpdir(), 'wasm-build-one-read-'));
    const file = path.join(dir, 'wasm.toml');
    writeFileSync(file, '[module]\nname = "hello"\nlanguage = "c"\n');
    const inputs: PipelineInputs = {
      file,
      context: dir,
      targets: [],
      buildArgs: {},
      tags: [`${host}/one:v1`, `${host}/two:v1`],
      labels: {},
      annotations: [],
      runtimes: [],
      tests: false,
      testJobs: 1,
      artifactSuffix: '-wasm',
      runtimeTags: false,
      frontend: 'wasm-build-frontend',
      cacheFrom: [],
      cacheTo: [],
      noCache: false,
      secrets: [],
      provenance: false,
      sbom: false,
      workDir: path.join(dir, 'work'),
      progress: 'plain',
    };
    const deps: PipelineDeps = {
      env: { PATH: '', DOCKER_CONFIG: dir },
      log: { group: (_t, fn) => fn(), info: () => {}, warning: () => {}, error: () => {}, output: () => {} },
      // buildx stands in as a layout written where --output points.
      run: async (_cmd, args) => {
        const dest = /dest=([^,]+)/.exec(args.find((a) => a.startsWith('--output=')) ?? '')![1]!;
        await buildLayoutFixture({ dir: dest, moduleName: 'hello.wasm' });
        return { code: 0, stdout: '', stdoutBytes: Buffer.alloc(0), stderr: '', timedOut: false };
      },
      resolveRuntime: () => Promise.reject(new Error('no runtime is needed with tests off')),
    };

    const report = await runPipeline(inputs, deps, { until: 'push' });

    expect(report.failure).toBeUndefined();
    expect(report.images[0]!.tags.map((t) => t.reference)).toEqual([
      `${host}/one:v1`,
      `${host}/one:v1-wasm`,
      `${host}/two:v1`,
      `${host}/two:v1-wasm`,
    ]);
    expect(counts).toEqual({ layoutsOpened: 1, clientsCreated: 1 });
    const into = (repo: string, kind: string) =>
      registry.requests.filter((r) => r.repository === repo && r.kind === kind).length;
    // Image config and layer, artifact config and layer: uploaded once, then mounted.
    expect(into('one', 'upload')).toBe(4);
    expect(into('two', 'upload')).toBe(0);
    expect(into('two', 'mount')).toBe(4);
  });
});
