// Publishes examples/hello-c (built by the testbed's BuildKit into an OCI layout) as T, T-wasm,
// T-wasmtime and T-node to both testbed registries, then reads everything back with crane (an
// independent client) and runs the module pulled from T-wasm on wasmtime.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/oci/client.js';
import {
  DockerConfigCredentials,
  StaticCredentials,
  type CredentialStore,
} from '../../src/oci/credentials.js';
import { openLayout } from '../../src/oci/layout.js';
import { extractModule, findWasmImage } from '../../src/wasm-image/index.js';
import type { ImageManifest } from '../../src/oci/media-types.js';
import { publish, type PublishResult } from '../../src/publish/index.js';
import type { VerifiedRuntime } from '../../src/publish/image.js';
import { run, runOk } from '../support/exec.js';
import { buildHelloCLayout } from '../support/oci-layout-fixture.js';
import { loadTestbed, type Testbed } from '../support/testbed.js';

let tb: Testbed;
let layoutTar: string;
let work: string;
let dockerConfigDir: string;
let runtimes: VerifiedRuntime[];
const runId = Date.now().toString(36);

function crane(args: string[]): Promise<string> {
  return runOk('crane', [...args, '--insecure'], { env: { ...tb.env, DOCKER_CONFIG: dockerConfigDir } });
}

/** crane writes blobs to stdout: send them to a file through a shell to keep the bytes intact. */
async function craneToFile(args: string[], file: string): Promise<void> {
  const quoted = [...args, '--insecure'].map((a) => `'${a}'`).join(' ');
  const r = await run('sh', ['-c', `crane ${quoted} > '${file}'`], {
    env: { ...tb.env, DOCKER_CONFIG: dockerConfigDir },
  });
  if (r.code !== 0) throw new Error(`crane ${args.join(' ')} failed: ${r.stderr}`);
}

/** The real test-runs the action would do before tagging: wasmtime CLI and Node's built-in WASI. */
async function testRuns(module: string): Promise<VerifiedRuntime[]> {
  const verified: VerifiedRuntime[] = [];
  const wt = await run('wasmtime', ['run', module], { env: tb.env });
  expect(wt.stdout).toBe('Hello, world!\n');
  const wv = await run('wasmtime', ['--version'], { env: tb.env });
  verified.push({ name: 'wasmtime', version: /wasmtime (\S+)/.exec(wv.stdout)![1]! });
  const script =
    "const {WASI}=require('node:wasi');const fs=require('node:fs');" +
    "const w=new WASI({version:'preview1',args:['hello.wasm'],env:{}});" +
    'WebAssembly.instantiate(fs.readFileSync(process.argv[1]),w.getImportObject())' +
    '.then(({instance})=>process.exit(w.start(instance)))';
  const nd = await run(process.execPath, ['--no-warnings', '-e', script, module], { env: tb.env });
  expect(nd.stdout).toBe('Hello, world!\n');
  verified.push({ name: 'node', version: process.version.replace(/^v/, '') });
  return verified;
}

beforeAll(async () => {
  tb = loadTestbed();
  work = mkdtempSync(path.join(os.tmpdir(), 'wasm-build-e2e-publish-'));
  layoutTar = await buildHelloCLayout(tb);
  // crane and our client both read this config.json for the htpasswd registry.
  dockerConfigDir = path.join(work, 'docker');
  const { host, username, password } = tb.registryAuth;
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  mkdirSync(dockerConfigDir, { recursive: true });
  writeFileSync(path.join(dockerConfigDir, 'config.json'), JSON.stringify({ auths: { [host]: { auth } } }));
  const layout = await openLayout(layoutTar);
  const module = await extractModule(layout, await findWasmImage(layout));
  await layout.close();
  const modulePath = path.join(work, 'hello.wasm');
  writeFileSync(modulePath, module.bytes);
  runtimes = await testRuns(modulePath);
});

const targets: [string, (t: Testbed) => string, () => CredentialStore][] = [
  ['the anonymous registry', (t) => t.registry, () => new StaticCredentials()],
  [
    'the htpasswd registry (credentials from config.json)',
    (t) => t.registryAuth.host,
    () => new DockerConfigCredentials({ configPath: path.join(dockerConfigDir, 'config.json') }),
  ],
];

describe.each(targets)('publishing hello-c to %s', (_name, registryOf, credentialsOf) => {
  let registry: string;
  let repo: string;
  let first: PublishResult;
  const tag = 'v1';

  beforeAll(async () => {
    registry = registryOf(tb);
    repo = `${registry}/e2e/hello-c-${runId}`;
    const client = new RegistryClient({ credentials: credentialsOf() });
    try {
      first = await publish({ image: layoutTar, repository: repo, tags: [tag], runtimes, client });
    } finally {
      client.close();
    }
  });

  it('pushes exactly T, T-wasm, T-wasmtime, T-node, and the uploaded bytes are the distinct blob bytes', async () => {
    expect(first.tags.map((t) => [t.tag, t.kind])).toEqual([
      ['v1', 'image'],
      ['v1-wasm', 'artifact'],
      ['v1-wasmtime', 'runtime'],
      ['v1-node', 'runtime'],
    ]);
    const listed = (await crane(['ls', repo])).trim().split('\n').sort();
    expect(listed).toEqual(['v1', 'v1-node', 'v1-wasm', 'v1-wasmtime']);
    // Distinct blobs as crane sees them, independently of our accounting.
    const distinct = new Map<string, number>();
    for (const t of listed) {
      const m = JSON.parse(await crane(['manifest', `${repo}:${t}`])) as ImageManifest;
      for (const d of [m.config, ...m.layers]) distinct.set(d.digest, d.size);
    }
    const distinctBytes = [...distinct.values()].reduce((a, b) => a + b, 0);
    console.log(
      `[${registry}] first push: ${first.blobs.length} distinct blobs, ${distinctBytes} distinct bytes; ` +
        `uploaded ${first.bytesUploaded} bytes (${first.bytesSent} on the wire); ` +
        first.blobs.map((b) => `${b.mediaType} ${b.size}`).join(', '),
    );
    expect(distinct.size).toBe(4);
    expect(first.blobs.map((b) => b.outcome)).toEqual(['uploaded', 'uploaded', 'uploaded', 'uploaded']);
    expect(first.distinctBlobBytes).toBe(distinctBytes);
    expect(first.bytesUploaded).toBe(distinctBytes);
    expect(first.bytesSent).toBe(distinctBytes);
  });

  it('T is the container-compatible image BuildKit built, a single manifest with the wasi/wasm config', async () => {
    const raw = await crane(['manifest', `${repo}:${tag}`]);
    const m = JSON.parse(raw) as ImageManifest;
    expect(m.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(m.layers).toHaveLength(1);
    expect(m.layers[0]!.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
    expect((await crane(['digest', `${repo}:${tag}`])).trim()).toBe(first.image.digest);
    const config = JSON.parse(await crane(['config', `${repo}:${tag}`])) as {
      os: string;
      architecture: string;
      config: { Entrypoint: string[] };
    };
    expect(config.os).toBe('wasi');
    expect(config.architecture).toBe('wasm');
    expect(config.config.Entrypoint).toEqual(['/hello.wasm']);
    // The filesystem crane flattens from T holds the module, and it runs.
    const fsTar = path.join(work, `export-${registry.replace(/\W/g, '_')}.tar`);
    await crane(['export', `${repo}:${tag}`, fsTar]);
    const dir = mkdtempSync(path.join(work, 'fs-'));
    expect((await run('tar', ['-xf', fsTar, '-C', dir])).code).toBe(0);
    expect(
      (await run('wasmtime', ['run', path.join(dir, 'hello.wasm'), 'crane'], { env: tb.env })).stdout,
    ).toBe('Hello, crane!\n');
  });

  it('T-wasm is the CNCF Wasm artifact, and the module pulled from it runs on wasmtime', async () => {
    const m = JSON.parse(await crane(['manifest', `${repo}:${tag}-wasm`])) as ImageManifest;
    expect(m.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(m.config.mediaType).toBe('application/vnd.wasm.config.v0+json');
    expect(m.layers).toHaveLength(1);
    expect(m.layers[0]!.mediaType).toBe('application/wasm');
    const cfgFile = path.join(work, 'artifact-config.json');
    await craneToFile(['blob', `${repo}@${m.config.digest}`], cfgFile);
    const cfg = JSON.parse(readFileSync(cfgFile, 'utf8')) as Record<string, unknown>;
    expect(cfg).toMatchObject({
      architecture: 'wasm',
      os: 'wasip1',
      layerDigests: [m.layers[0]!.digest],
      component: null,
    });
    expect(typeof cfg.created).toBe('string');
    const wasm = path.join(work, `pulled-${registry.replace(/\W/g, '_')}.wasm`);
    await craneToFile(['blob', `${repo}@${m.layers[0]!.digest}`], wasm);
    const r = await run('wasmtime', ['run', '--env', 'GREETING=Hej', wasm, 'registry'], { env: tb.env });
    expect(r.stdout).toBe('Hej, registry!\n');
  });

  it('T-<runtime> are the image annotated with the runtime and version that verified it', async () => {
    const image = JSON.parse(await crane(['manifest', `${repo}:${tag}`])) as ImageManifest;
    for (const rt of runtimes) {
      const m = JSON.parse(await crane(['manifest', `${repo}:${tag}-${rt.name}`])) as ImageManifest;
      expect(m.annotations).toEqual({
        'dev.wasm-build.runtime': rt.name,
        'dev.wasm-build.runtime.version': rt.version,
      });
      expect(m.config).toEqual(image.config);
      expect(m.layers).toEqual(image.layers);
      const cfg = JSON.parse(await crane(['config', `${repo}:${tag}-${rt.name}`])) as {
        os: string;
        architecture: string;
      };
      expect([cfg.os, cfg.architecture]).toEqual(['wasi', 'wasm']);
    }
  });

  it('pushing again uploads 0 blob bytes and gives the same digests', async () => {
    const client = new RegistryClient({ credentials: credentialsOf() });
    const again = await publish({
      image: layoutTar,
      repository: repo,
      tags: [tag],
      runtimes,
      client,
    }).finally(() => client.close());
    console.log(`[${registry}] second push: uploaded ${again.bytesUploaded} bytes`);
    expect(again.bytesUploaded).toBe(0);
    expect(again.bytesSent).toBe(0);
    expect(again.blobs.every((b) => b.outcome === 'exists')).toBe(true);
    expect(again.tags.map((t) => t.digest)).toEqual(first.tags.map((t) => t.digest));
  });

  it('a push to a second repository mounts the blobs instead of uploading them', async () => {
    // A fresh client told where the blobs are...
    const second = `${registry}/e2e/hello-c-${runId}-mounted`;
    const c1 = new RegistryClient({ credentials: credentialsOf() });
    const viaOption = await publish({
      image: layoutTar,
      repository: second,
      tags: [tag],
      runtimes,
      client: c1,
      mountFrom: [`e2e/hello-c-${runId}`],
    }).finally(() => c1.close());
    console.log(
      `[${registry}] push to a second repository: ${viaOption.blobs.filter((b) => b.outcome === 'mounted').length} blobs mounted, uploaded ${viaOption.bytesUploaded} bytes`,
    );
    expect(viaOption.blobs.map((b) => [b.outcome, b.mountedFrom])).toEqual(
      Array(4).fill(['mounted', `e2e/hello-c-${runId}`]),
    );
    expect(viaOption.bytesUploaded).toBe(0);
    expect(viaOption.tags.map((t) => t.digest)).toEqual(first.tags.map((t) => t.digest));
    expect((await crane(['digest', `${second}:${tag}-wasm`])).trim()).toBe(first.tags[1]!.digest);

    // ...and a client that has seen the blobs remembers where, as docker does.
    const c2 = new RegistryClient({ credentials: credentialsOf() });
    try {
      await publish({ image: layoutTar, repository: repo, tags: ['v1'], runtimes, client: c2 });
      const third = await publish({
        image: layoutTar,
        repository: `${repo}-third`,
        tags: ['v1'],
        client: c2,
      });
      expect(third.blobs.every((b) => b.outcome === 'mounted')).toBe(true);
      expect(third.bytesUploaded).toBe(0);
    } finally {
      c2.close();
    }
  });
});
