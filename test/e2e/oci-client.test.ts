// The distribution client's own operations against the testbed registries, checked with crane:
// streaming a large blob from disk (chunked) and back, manifests by tag and digest, tag listing,
// referrers through the fallback tag (docker-registry 2.8 has no referrers API), attestations.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileBlob } from '../../src/oci/blobs.js';
import { RegistryClient } from '../../src/oci/client.js';
import { StaticCredentials } from '../../src/oci/credentials.js';
import { NotFoundError } from '../../src/oci/errors.js';
import { MediaType } from '../../src/oci/media-types.js';
import { referrersTag } from '../../src/oci/manifests.js';
import { publish } from '../../src/publish/publisher.js';
import { runOk } from '../support/exec.js';
import { buildLayoutFixture, type LayoutFixture } from '../support/oci-layout-fixture.js';
import { loadTestbed, type Testbed } from '../support/testbed.js';

let tb: Testbed;
let client: RegistryClient;
let fixture: LayoutFixture;
const runId = Date.now().toString(36);
const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

let dockerConfig: string;

/** crane reads the htpasswd registry's credentials from a config.json of this test's own. */
function crane(args: string[]): Promise<string> {
  return runOk('crane', [...args, '--insecure'], { env: { ...tb.env, DOCKER_CONFIG: dockerConfig } });
}

beforeAll(async () => {
  tb = loadTestbed();
  const { host, username, password } = tb.registryAuth;
  dockerConfig = mkdtempSync(path.join(os.tmpdir(), 'wb-docker-'));
  const auth = Buffer.from(`${username}:${password}`).toString('base64');
  writeFileSync(path.join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [host]: { auth } } }));
  client = new RegistryClient({
    credentials: new StaticCredentials({ [host]: { kind: 'basic', username, password } }),
    monolithicMaxBytes: 1024 * 1024,
    chunkBytes: 1024 * 1024,
  });
  fixture = await buildLayoutFixture({ attestation: true });
});

afterAll(() => client.close());

describe.each([
  ['anonymous', () => tb.registry],
  ['htpasswd', () => tb.registryAuth.host],
])('OCI client on the %s registry', (_n, hostOf) => {
  it('streams a 5 MiB blob from disk in chunks and reads it back verified', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 123);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'wb-blob-')), 'blob');
    writeFileSync(file, data);
    const repo = client.repository(`${hostOf()}/e2e/blobs-${runId}`);
    const pushed = await repo.pushBlob(fileBlob(file, sha(data), data.length));
    expect(pushed).toMatchObject({ outcome: 'uploaded', bytesSent: data.length });
    expect(await repo.blobExists(sha(data))).toEqual({ size: data.length });
    expect(
      (await repo.readBlob({ digest: sha(data), size: data.length }, 8 * 1024 * 1024)).equals(data),
    ).toBe(true);
    expect((await repo.pushBlob(fileBlob(file, sha(data), data.length))).outcome).toBe('exists');
    expect(await repo.blobExists(sha(Buffer.from('absent')))).toBeUndefined();
  });

  it('pushes and fetches manifests, lists tags, and finds attestations as referrers', async () => {
    const name = `${hostOf()}/e2e/client-${runId}`;
    const r = await publish({
      image: fixture.dir,
      repository: name,
      tags: ['v1', 'latest'],
      runtimes: [{ name: 'wasmtime', version: '48.0.8' }],
      attestations: true,
      client,
    });
    // The attestation goes with each distinct manifest pushed: T, T-wasm and T-wasmtime.
    const subjects = [...new Set(r.tags.map((t) => t.digest))];
    expect(subjects).toHaveLength(3);
    expect(r.referrers).toHaveLength(3);
    const repo = client.repository(name);
    const tags = await repo.listTags();
    expect(tags.sort()).toEqual(
      [
        'latest',
        'latest-wasm',
        'latest-wasmtime',
        'v1',
        'v1-wasm',
        'v1-wasmtime',
        ...subjects.map(referrersTag),
      ].sort(),
    );
    const byTag = await repo.fetchManifest('v1');
    const byDigest = await repo.fetchManifest(fixture.manifestDigest);
    expect(byTag.descriptor).toEqual(byDigest.descriptor);
    expect(byTag.descriptor).toEqual({
      mediaType: MediaType.ociManifest,
      digest: fixture.manifestDigest,
      size: fixture.manifestSize,
    });
    expect(await repo.resolve('v1-wasm')).toMatchObject({
      digest: r.tags.find((t) => t.tag === 'v1-wasm')!.digest,
    });
    expect(await repo.resolve('nope')).toBeUndefined();
    await expect(repo.fetchManifest('nope')).rejects.toThrow(NotFoundError);

    // T stays a single manifest; the attestation hangs off it as a referrer (fallback tag index).
    expect(JSON.parse(await crane(['manifest', `${name}:v1`])).mediaType).toBe(MediaType.ociManifest);
    const refs = await repo.listReferrers(fixture.manifestDigest);
    expect(refs).toEqual([
      expect.objectContaining({ artifactType: 'application/vnd.docker.attestation.manifest.v1+json' }),
    ]);
    expect(r.referrers.map((d) => d.digest)).toContain(refs[0]!.digest);
    expect(await repo.listReferrers(fixture.manifestDigest, 'application/example')).toEqual([]);
    const att = JSON.parse(await crane(['manifest', `${name}@${refs[0]!.digest}`]));
    expect(att.subject.digest).toBe(fixture.manifestDigest);
  });
});
