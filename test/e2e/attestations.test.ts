// `--provenance` through the CLI's whole pipeline: the provenance BuildKit made goes to the registry as an
// OCI 1.1 referrer of T (through the referrers tag: the testbed's registry 2.8 has no referrers API), T
// stays the single manifest runwasi shims and Docker read, and its digest is the one a build without
// attestations gives. Read back with crane, an independent client.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { referrersTag } from '../../src/oci/manifests.js';
import { wasmBuild } from '../support/cli.js';
import { runOk } from '../support/exec.js';
import { loadTestbed, repoRoot } from '../support/testbed.js';

const tb = loadTestbed();
const work = mkdtempSync(path.join(os.tmpdir(), 'attestations-e2e-'));
const runId = Date.now().toString(36);
const crane = async (args: string[]) => runOk('crane', [...args, '--insecure'], { env: tb.env });

interface Manifest {
  mediaType: string;
  artifactType?: string;
  subject?: { digest: string };
  manifests?: { digest: string; artifactType?: string }[];
  layers?: { annotations?: Record<string, string> }[];
}

describe('provenance through the pipeline', () => {
  it('pushes the provenance as a referrer of T, which stays one manifest with the same digest', async () => {
    const repo = `${tb.registry}/e2e/attested-${runId}`;
    const hello = path.join(repoRoot, 'examples', 'hello-c');
    const attested = await wasmBuild(
      tb,
      work,
      ['push', hello, '-t', `${repo}:attested`, '-r', 'wasmtime', '--provenance'],
      'attested',
    );
    expect(attested.code, attested.stderr.slice(-3000)).toBe(0);
    const plain = await wasmBuild(
      tb,
      work,
      ['push', hello, '-t', `${repo}:plain`, '-r', 'wasmtime'],
      'plain',
    );
    expect(plain.code, plain.stderr.slice(-3000)).toBe(0);

    const digest = (await crane(['digest', `${repo}:attested`])).trim();
    expect((await crane(['digest', `${repo}:plain`])).trim()).toBe(digest);
    const t = JSON.parse(await crane(['manifest', `${repo}:attested`])) as Manifest;
    expect(t.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');

    const index = JSON.parse(await crane(['manifest', `${repo}:${referrersTag(digest)}`])) as Manifest;
    expect(index.manifests).toHaveLength(1);
    const referrer = JSON.parse(
      await crane(['manifest', `${repo}@${index.manifests![0]!.digest}`]),
    ) as Manifest;
    expect(referrer.subject?.digest).toBe(digest);
    expect(referrer.artifactType).toBe('application/vnd.docker.attestation.manifest.v1+json');
    const predicates = referrer.layers!.map((l) => l.annotations?.['in-toto.io/predicate-type']);
    expect(predicates.some((p) => p?.startsWith('https://slsa.dev/provenance/'))).toBe(true);
  });
});
