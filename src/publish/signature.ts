// cosign-compatible key signatures of pushed manifests, in cosign's tag layout: a manifest tagged
// `sha256-<hex>.sig` in the signed manifest's repository, one layer per signature holding cosign's "simple
// signing" payload, the signature in the layer's annotation. Every cosign release verifies this layout with
// `--key` (v3 falls back to it when a manifest has no Sigstore bundle), and it needs no referrers API, so it
// works on every registry. Written here rather than by running cosign: the action needs no cosign binary,
// and a signature is a payload, one node:crypto call and a manifest.
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import {
  MediaType,
  MemoryStore,
  NotFoundError,
  copyBlobs,
  sha256,
  type Descriptor,
  type ImageManifest,
  type Repository,
} from '../oci/index.js';

export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';

export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

/**
 * An ECDSA P-256 private key in PEM (PKCS#8 or SEC 1), as `openssl ecparam -genkey -name prime256v1` makes
 * it: cosign's default key type. cosign's own encrypted format is refused with the way to convert it.
 */
export function parseSigningKey(pem: string): KeyObject {
  if (pem.includes('ENCRYPTED SIGSTORE PRIVATE KEY') || pem.includes('ENCRYPTED COSIGN PRIVATE KEY')) {
    throw new SigningKeyError(
      "the signing key is in cosign's encrypted format: give an unencrypted PEM key instead (e.g. `openssl ecparam -genkey -name prime256v1 -noout | openssl pkcs8 -topk8 -nocrypt`; its public half, `openssl ec -pubout`, is what `cosign verify --key` takes)",
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    // The key's text never goes into a message: it is a secret.
    throw new SigningKeyError(
      'the signing key is not a PEM private key (-----BEGIN PRIVATE KEY----- or EC PRIVATE KEY)',
    );
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new SigningKeyError(
      `the signing key is ${key.asymmetricKeyType}${key.asymmetricKeyDetails?.namedCurve ? ` (${key.asymmetricKeyDetails.namedCurve})` : ''}: cosign-compatible signatures here use ECDSA P-256 keys`,
    );
  }
  return key;
}

/** cosign's payload for `digest` in `repository` (`registry/path`): what the signature signs. */
export function simpleSigningPayload(repository: string, digest: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': repository },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature',
      },
      optional: null,
    }),
  );
}

/** `sha256:<hex>` -> `sha256-<hex>.sig`, where cosign looks for a manifest's signatures. */
export function signatureTag(digest: string): string {
  return `${digest.replace(':', '-')}.sig`;
}

/**
 * Signs the manifest `digest` of `repository` and pushes the signature, keeping the signatures already
 * there (cosign appends too); returns the signature manifest's digest.
 */
export async function signManifest(
  repo: Repository,
  repository: string,
  digest: string,
  key: KeyObject,
): Promise<string> {
  const payload = simpleSigningPayload(repository, digest);
  const signature = sign('sha256', payload, key).toString('base64');
  return appendLayers(repo, signatureTag(digest), [
    {
      mediaType: SIMPLE_SIGNING_MEDIA_TYPE,
      bytes: payload,
      annotations: { [SIGNATURE_ANNOTATION]: signature },
    },
  ]);
}

export const DSSE_MEDIA_TYPE = 'application/vnd.dsse.envelope.v1+json';
const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** DSSE's pre-authentication encoding: what a DSSE signature signs (lengths in bytes). */
export function dssePae(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType);
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `),
    type,
    Buffer.from(` ${payload.length} `),
    payload,
  ]);
}

/** An in-toto statement as a DSSE envelope signed with `key`. */
export function dsseEnvelope(statement: Buffer, key: KeyObject): Buffer {
  const sig = sign('sha256', dssePae(IN_TOTO_PAYLOAD_TYPE, statement), key).toString('base64');
  return Buffer.from(
    JSON.stringify({
      payloadType: IN_TOTO_PAYLOAD_TYPE,
      payload: statement.toString('base64'),
      signatures: [{ keyid: '', sig }],
    }),
  );
}

/** `sha256:<hex>` -> `sha256-<hex>.att`, where cosign looks for a manifest's attestations. */
export function attestationTag(digest: string): string {
  return `${digest.replace(':', '-')}.att`;
}

/**
 * The statements about manifest `digest`, each signed as a DSSE envelope in cosign's attestation layout
 * (`cosign verify-attestation --key` reads it); returns the attestation manifest's digest.
 */
export async function attestManifest(
  repo: Repository,
  digest: string,
  statements: readonly { predicateType: string; bytes: Buffer }[],
  key: KeyObject,
): Promise<string> {
  return appendLayers(
    repo,
    attestationTag(digest),
    statements.map((st) => ({
      mediaType: DSSE_MEDIA_TYPE,
      bytes: dsseEnvelope(st.bytes, key),
      // cosign marks an attestation's layer with an empty signature: the envelope holds it.
      annotations: { [SIGNATURE_ANNOTATION]: '', predicateType: st.predicateType },
    })),
  );
}

/** Pushes `added` as layers of the manifest at `tag`, after the layers already there. */
async function appendLayers(
  repo: Repository,
  tag: string,
  added: readonly { mediaType: string; bytes: Buffer; annotations: Record<string, string> }[],
): Promise<string> {
  const store = new MemoryStore();
  const fresh: Descriptor[] = added.map((a) => ({
    ...store.add(a.mediaType, a.bytes),
    annotations: a.annotations,
  }));
  const existing = await fetchExisting(repo, tag);
  const layers = [...(existing?.layers ?? []), ...fresh];
  // An image config listing the payloads as uncompressed layers, as cosign writes it.
  const config = store.add(
    MediaType.ociConfig,
    Buffer.from(
      JSON.stringify({
        architecture: '',
        os: '',
        config: {},
        rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) },
      }),
    ),
  );
  await copyBlobs([config, ...fresh], store, repo);
  const manifest: ImageManifest = { schemaVersion: 2, mediaType: MediaType.ociManifest, config, layers };
  const bytes = Buffer.from(JSON.stringify(manifest));
  await repo.pushManifest(bytes, MediaType.ociManifest, tag);
  return sha256(bytes);
}

/** The manifest at `tag`, or undefined when there is none yet: one request either way. */
async function fetchExisting(repo: Repository, tag: string): Promise<ImageManifest | undefined> {
  try {
    return JSON.parse((await repo.fetchManifest(tag)).bytes.toString('utf8')) as ImageManifest;
  } catch (e) {
    if (e instanceof NotFoundError) return undefined;
    throw e;
  }
}
