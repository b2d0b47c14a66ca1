// `--provenance` and `--sbom` through the CLI's whole pipeline: what BuildKit attests goes to the registry
// as an OCI 1.1 referrer of T (through the referrers tag: the testbed's registry 2.8 has no referrers API),
// T stays the single manifest runwasi shims and Docker read, and its digest is the one a build without
// attestations gives. The SBOM is the frontend's, of the module's dependencies from its lock files (BuildKit's
// own scanner sees one .wasm file, and its image is on Docker Hub). Read back with crane, an independent
// client.
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
  layers?: { digest: string; annotations?: Record<string, string> }[];
}

interface SpdxPackage {
  name: string;
  versionInfo?: string;
  checksums?: { algorithm: string; checksumValue: string }[];
  externalRefs?: { referenceLocator: string }[];
  comment?: string;
}

/** Pushes `example` with `flags` and returns T's digest and the SPDX document among its referrers. */
async function pushedSbom(
  example: string,
  flags: string[],
): Promise<{ digest: string; packages: SpdxPackage[] }> {
  const repo = `${tb.registry}/e2e/sbom-${example}-${runId}`;
  const res = await wasmBuild(
    tb,
    work,
    ['push', path.join(repoRoot, 'examples', example), '-t', `${repo}:v1`, '-r', 'wasmtime', ...flags],
    `sbom-${example}`,
  );
  expect(res.code, res.stderr.slice(-3000)).toBe(0);
  const digest = (await crane(['digest', `${repo}:v1`])).trim();
  const index = JSON.parse(await crane(['manifest', `${repo}:${referrersTag(digest)}`])) as Manifest;
  expect(index.manifests).toHaveLength(1);
  const referrer = JSON.parse(
    await crane(['manifest', `${repo}@${index.manifests![0]!.digest}`]),
  ) as Manifest;
  expect(referrer.subject?.digest).toBe(digest);
  const layer = referrer.layers!.find(
    (l) => l.annotations?.['in-toto.io/predicate-type'] === 'https://spdx.dev/Document',
  );
  expect(layer, 'an SPDX attestation').toBeDefined();
  const statement = JSON.parse(await crane(['blob', `${repo}@${layer!.digest}`])) as {
    predicate: { spdxVersion: string; packages: SpdxPackage[] };
  };
  expect(statement.predicate.spdxVersion).toBe('SPDX-2.3');
  return { digest, packages: statement.predicate.packages };
}

describe('provenance through the pipeline', () => {
  it('pushes the provenance, with the verification record, as a referrer of T, T-wasm and T-<runtime>; T stays one manifest with its digest', async () => {
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
    expect(predicates).toContain('https://slsa.dev/provenance/v1');

    // The provenance names T and says what verified it; T-wasm and T-wasmtime carry theirs too.
    for (const tag of ['attested', 'attested-wasm', 'attested-wasmtime']) {
      const subject = (await crane(['digest', `${repo}:${tag}`])).trim();
      const refs = JSON.parse(await crane(['manifest', `${repo}:${referrersTag(subject)}`])) as Manifest;
      expect(refs.manifests, tag).toHaveLength(1);
      const m = JSON.parse(await crane(['manifest', `${repo}@${refs.manifests![0]!.digest}`])) as Manifest;
      expect(m.subject?.digest, tag).toBe(subject);
      const layer = m.layers!.find(
        (l) => l.annotations?.['in-toto.io/predicate-type'] === 'https://slsa.dev/provenance/v1',
      )!;
      const statement = JSON.parse(await crane(['blob', `${repo}@${layer.digest}`])) as {
        subject: { name: string; digest: { sha256: string } }[];
        predicate: {
          buildDefinition: { resolvedDependencies: { uri: string; digest: { sha256: string } }[] };
          runDetails: { byproducts: { name: string; annotations: unknown }[] };
        };
      };
      expect(statement.subject, tag).toEqual([
        { name: `${repo}:${tag}`, digest: { sha256: subject.slice(7) } },
      ]);
      // BuildKit's part: the frontend and toolchain images, by digest.
      const deps = statement.predicate.buildDefinition.resolvedDependencies.map((d) => d.uri);
      expect(deps.some((u) => u.includes('wasm-frontend'))).toBe(true);
      expect(deps.some((u) => u.includes('toolchain-c'))).toBe(true);
      // Ours: the verification record.
      const record = statement.predicate.runDetails.byproducts.find(
        (b) => b.name === 'wasm-build verification',
      );
      expect(record?.annotations).toEqual({
        tested: true,
        runtimes: [{ name: 'wasmtime', version: tb.env.VERSION_WASMTIME!.split(' ')[1], verified: true }],
        cases: [
          {
            module: 'hello',
            runtime: 'wasmtime',
            test: 'greets its argument with GREETING',
            result: 'passed',
          },
          { module: 'hello', runtime: 'wasmtime', test: 'defaults', result: 'passed' },
        ],
      });
    }
  });
});

describe('an SBOM of the module through the pipeline', () => {
  it("lists a Rust module's crates from Cargo.lock with version and checksum; T keeps its digest", async () => {
    const { digest, packages } = await pushedSbom('rust-crates', ['--sbom']);
    expect(packages.find((p) => p.name === 'itoa')).toMatchObject({
      versionInfo: '1.0.11',
      checksums: [
        {
          algorithm: 'SHA256',
          checksumValue: '49f1f14873335454500d59611f1cf4a4b0f786f9ac11f4312a78e4cf2566695b',
        },
      ],
      externalRefs: [{ referenceLocator: 'pkg:cargo/itoa@1.0.11' }],
    });
    expect(packages.find((p) => p.name === 'rust-crates')).toBeDefined();
    // The toolchain image the module was compiled in, pinned by digest.
    const toolchain = packages.find((p) => p.name.endsWith('/toolchain-rust'));
    expect(toolchain?.versionInfo).toMatch(/^sha256:[0-9a-f]{64}$/);
    const plain = await wasmBuild(
      tb,
      work,
      ['build', path.join(repoRoot, 'examples', 'rust-crates')],
      'sbom-plain',
    );
    expect(plain.report().images[0]!.digest).toBe(digest);
  });

  it("lists a Go module's modules from go.mod with go.sum's hash", async () => {
    const { packages } = await pushedSbom('go', ['--sbom']);
    expect(packages.find((p) => p.name === 'golang.org/x/text')).toMatchObject({
      versionInfo: 'v0.21.0',
      externalRefs: [{ referenceLocator: 'pkg:golang/golang.org/x/text@v0.21.0' }],
      comment: 'lock file hash: h1:zyQAAkrwaneQ066sspRyJaG9VNi/YJ1NfzcGB3hZ/qo=',
    });
  });
});
