// Signatures and attestations checked by clients nobody here wrote, built from their Go modules on first use:
// cosign verifies every manifest `wasm-build push --sign-key` pushes with the public key (and the signed
// provenance and SBOM with `verify-attestation`); another key, and a tag moved to an unsigned manifest, do
// not; T keeps the digest an unsigned push gives; regctl lists the attestation referrers. On two registries:
// Debian's distribution 2.8 and CNCF distribution v3.1.2. Neither serves the OCI 1.1 referrers API (v3.1.2's
// /referrers/ answers 404, asserted below), so both go through the referrers tag.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCosign } from '../../testbed/cosign.js';
import { ensureRegistry3, ensureRegctl } from '../../testbed/registry3.js';
import { wasmBuild } from '../support/cli.js';
import { run, runOk } from '../support/exec.js';
import { loadTestbed, repoRoot } from '../support/testbed.js';

const tb = loadTestbed();
const work = mkdtempSync(path.join(os.tmpdir(), 'signatures-e2e-'));
const runId = Date.now().toString(36);

/** A key pair as files: the private half for the CLI, the public half for cosign. */
function keyPair(name: string): { key: string; pub: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const key = path.join(work, `${name}.key`);
  const pub = path.join(work, `${name}.pub`);
  writeFileSync(key, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  return { key, pub };
}

let cosign: string;
let regctl: string;
let registry3: string;
beforeAll(async () => {
  cosign = await ensureCosign();
  regctl = await ensureRegctl();
  registry3 = await ensureRegistry3();
  for (const host of [tb.registry, registry3]) {
    await runOk(regctl, ['registry', 'set', '--tls', 'disabled', host], { env: { ...tb.env, HOME: work } });
  }
}, 30 * 60_000);

/** The attestation referrers regctl finds for `ref` (through the API or the referrers tag). */
async function referrerTypes(ref: string): Promise<string[]> {
  const out = await runOk(regctl, ['artifact', 'list', ref, '--format', '{{json .}}'], {
    env: { ...tb.env, HOME: work },
  });
  const list = JSON.parse(out) as { descriptors?: { artifactType?: string }[] };
  return (list.descriptors ?? []).map((d) => d.artifactType ?? '');
}

const verify = (pub: string, ref: string) =>
  run(
    cosign,
    [
      'verify',
      '--key',
      pub,
      '--insecure-ignore-tlog=true',
      '--allow-http-registry',
      '--allow-insecure-registry',
      ref,
    ],
    { env: { ...tb.env, HOME: work } },
  );

describe.each([
  ['distribution 2.8', () => tb.registry],
  ['distribution v3.1.2', () => registry3],
])('wasm-build push --sign-key to %s', (label, registry) => {
  const id = `${runId}-${label.startsWith('distribution 2') ? '2' : '3'}`;

  it('signs T, T-wasm and T-<runtime>: cosign verifies each with the public key, not with another', async () => {
    const signer = keyPair(`signer-${id}`);
    const other = keyPair(`other-${id}`);
    const repo = `${registry()}/signed/hello-${id}`;
    const hello = path.join(repoRoot, 'examples', 'hello-c');
    const res = await wasmBuild(
      tb,
      work,
      ['push', hello, '-t', `${repo}:v1`, '-r', 'wasmtime', '--sign-key', signer.key],
      `signed-${id}`,
    );
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    expect(res.stderr + res.stdout).not.toContain('PRIVATE KEY');
    const tags = res.report().images[0]!.tags;
    expect(tags.map((t) => [t.tag, Boolean(t.signature)])).toEqual([
      ['v1', true],
      ['v1-wasm', true],
      ['v1-wasmtime', true],
    ]);
    for (const t of tags) {
      const ok = await verify(signer.pub, t.reference);
      expect(ok.code, `${t.tag}: ${ok.stderr}`).toBe(0);
      expect(JSON.parse(ok.stdout)[0].critical.image['docker-manifest-digest']).toBe(t.digest);
      const wrong = await verify(other.pub, t.reference);
      expect(wrong.code, t.tag).not.toBe(0);
      expect(wrong.stderr).toContain('no matching signatures');
    }

    // T's digest is that of an unsigned push: the signature sits beside it, not in it.
    const plain = await wasmBuild(
      tb,
      work,
      ['push', hello, '-t', `${repo}:plain`, '-r', 'wasmtime'],
      'plain',
    );
    expect(plain.code, plain.stderr.slice(-3000)).toBe(0);
    expect(plain.report().images[0]!.tags[0]!.digest).toBe(tags[0]!.digest);

    // A tag moved to a manifest nobody signed (the artifact of another build) does not verify.
    const other2 = await wasmBuild(
      tb,
      work,
      [
        'push',
        path.join(repoRoot, 'examples', 'cpp'),
        '-t',
        `${repo}:moved`,
        '-r',
        'wasmtime',
        '--no-artifact',
      ],
      `moved-${id}`,
    );
    expect(other2.code, other2.stderr.slice(-3000)).toBe(0);
    await runOk('crane', ['tag', '--insecure', `${repo}:moved`, 'v1'], { env: tb.env });
    const moved = await verify(signer.pub, `${repo}:v1`);
    expect(moved.code).not.toBe(0);
    expect(moved.stderr).toContain('no signatures found');
  });

  it('with attestations, signs them too: cosign verify-attestation checks the provenance and the SBOM', async () => {
    const signer = keyPair(`attester-${id}`);
    const other = keyPair(`not-attester-${id}`);
    const repo = `${registry()}/signed/crates-${id}`;
    const res = await wasmBuild(
      tb,
      work,
      [
        'push',
        path.join(repoRoot, 'examples', 'rust-crates'),
        '-t',
        `${repo}:v1`,
        '-r',
        'wasmtime',
        '--provenance',
        '--sbom',
        '--sign-key',
        signer.key,
      ],
      `attested-${id}`,
    );
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    const tags = res.report().images[0]!.tags;
    expect(tags.every((t) => t.attestation)).toBe(true);
    const verifyAttestation = (pub: string, type: string, ref: string) =>
      run(
        cosign,
        [
          'verify-attestation',
          '--key',
          pub,
          '--type',
          type,
          '--insecure-ignore-tlog=true',
          '--allow-http-registry',
          '--allow-insecure-registry',
          ref,
        ],
        { env: { ...tb.env, HOME: work } },
      );
    for (const t of tags) {
      const provenance = await verifyAttestation(signer.pub, 'slsaprovenance1', t.reference);
      expect(provenance.code, `${t.tag}: ${provenance.stderr}`).toBe(0);
      const statement = JSON.parse(
        Buffer.from(
          (JSON.parse(provenance.stdout.trim().split('\n')[0]!) as { payload: string }).payload,
          'base64',
        ).toString(),
      ) as {
        subject: { digest: { sha256: string } }[];
        predicate: { runDetails: { byproducts: { name: string }[] } };
      };
      expect(statement.subject[0]!.digest.sha256).toBe(t.digest.slice(7));
      expect(statement.predicate.runDetails.byproducts.map((b) => b.name)).toContain(
        'wasm-build verification',
      );
      const sbom = await verifyAttestation(signer.pub, 'spdxjson', t.reference);
      expect(sbom.code, `${t.tag}: ${sbom.stderr}`).toBe(0);
      expect(
        Buffer.from(JSON.parse(sbom.stdout.trim().split('\n')[0]!).payload, 'base64').toString(),
      ).toContain('"itoa"');
      const wrong = await verifyAttestation(other.pub, 'slsaprovenance1', t.reference);
      expect(wrong.code, t.tag).not.toBe(0);
      expect(await referrerTypes(t.reference), t.tag).toEqual([
        'application/vnd.docker.attestation.manifest.v1+json',
      ]);
    }
    // No referrers API on either registry: the endpoint is not there, the referrers tag is.
    const api = await fetch(`http://${repo.replace('/', '/v2/')}/referrers/${tags[0]!.digest}`);
    expect(api.status).toBe(404);
    const fallback = await fetch(
      `http://${repo.replace('/', '/v2/')}/manifests/${tags[0]!.digest.replace(':', '-')}`,
      {
        method: 'HEAD',
        headers: { accept: 'application/vnd.oci.image.index.v1+json' },
      },
    );
    expect(fallback.status).toBe(200);
  });
});

describe('a signing key that is not one', () => {
  it('is refused before anything is built, and never printed', async () => {
    const bad = path.join(work, 'bad.key');
    writeFileSync(bad, 'not a key at all: SECRET-LOOKING-TEXT\n');
    const res = await wasmBuild(
      tb,
      work,
      [
        'push',
        path.join(repoRoot, 'examples', 'hello-c'),
        '-t',
        `${tb.registry}/signed/bad-${runId}:v1`,
        '--sign-key',
        bad,
      ],
      'bad-key',
    );
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('sign-key: the signing key is not a PEM private key');
    expect(res.stderr).not.toContain('SECRET-LOOKING-TEXT');
    expect(res.stderr).not.toContain('Build hello');
  });
});
