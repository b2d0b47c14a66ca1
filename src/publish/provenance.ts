// The build's attestations as referrers of every manifest pushed (T, T-wasm, each T-<runtime>), each
// in-toto statement naming the manifest it is attached to, and the SLSA provenance completed with what only
// this pipeline knows: which runtimes ran the modules, at which versions, and what each case gave. BuildKit
// records the rest (the frontend and toolchain images by digest, the build args, the source revision).
import { MediaType, sha256, type Descriptor, type ImageManifest, type OciLayout } from '../oci/index.js';
import type { AttestationManifest } from '../wasm-image/index.js';
import type { Blob } from './artifact.js';
import { dockerAttestationArtifactType } from './image.js';

export const IN_TOTO_MEDIA_TYPE = 'application/vnd.in-toto+json';
/** BuildKit's annotation naming a statement layer's predicate type. */
export const PREDICATE_TYPE_ANNOTATION = 'in-toto.io/predicate-type';
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1';
/** The name of the verification record among the provenance's `runDetails.byproducts`. */
export const VERIFICATION_BYPRODUCT = 'wasm-build verification';

/** What the test phase found, as the provenance records it. */
export interface VerificationRecord {
  /** False when tests were turned off: then nothing was verified. */
  tested: boolean;
  runtimes: { name: string; version: string; verified: boolean }[];
  cases: { module: string; runtime: string; test: string; result: 'passed' | 'failed' | 'skipped' }[];
}

interface Statement {
  _type: string;
  predicateType: string;
  subject: { name: string; digest: Record<string, string> }[];
  predicate: { runDetails?: { byproducts?: unknown[] } } & Record<string, unknown>;
}

/** One referrer ready to push: its manifest, and the blobs (rewritten statements) it needs. */
export interface AttestationReferrer {
  manifest: Blob;
  blobs: Blob[];
  /** Blobs of the layout it reuses (the empty config). */
  reused: Descriptor[];
}

type BlobReader = Pick<OciLayout, 'readBlob'>;

/**
 * BuildKit's attestation manifests (read from `layout`), remade as referrers of `subject`: each statement's
 * subject becomes that manifest (`name` and digest), and an SLSA v1 provenance gains the verification record.
 */
export async function attestationReferrers(
  attestations: readonly AttestationManifest[],
  layout: BlobReader,
  subject: Blob,
  subjectName: string,
  verification?: VerificationRecord,
): Promise<AttestationReferrer[]> {
  const out: AttestationReferrer[] = [];
  for (const a of attestations) out.push(await referrerOf(layout, a, subject, subjectName, verification));
  return out;
}

async function referrerOf(
  layout: BlobReader,
  a: AttestationManifest,
  subject: Blob,
  subjectName: string,
  verification: VerificationRecord | undefined,
): Promise<AttestationReferrer> {
  const blobs: Blob[] = [];
  const layers: Descriptor[] = [];
  const reused: Descriptor[] = [a.manifest.config];
  for (const layer of a.manifest.layers) {
    if (layer.mediaType !== IN_TOTO_MEDIA_TYPE) {
      layers.push(layer);
      reused.push(layer);
      continue;
    }
    const statement = JSON.parse((await layout.readBlob(layer)).toString('utf8')) as Statement;
    statement.subject = [
      { name: subjectName, digest: { sha256: subject.descriptor.digest.replace(/^sha256:/, '') } },
    ];
    if (verification && statement.predicateType === SLSA_PROVENANCE_V1) {
      const runDetails = (statement.predicate.runDetails ??= {});
      runDetails.byproducts = [
        ...(runDetails.byproducts ?? []),
        { name: VERIFICATION_BYPRODUCT, mediaType: 'application/json', annotations: verification },
      ];
    }
    const bytes = Buffer.from(JSON.stringify(statement));
    const descriptor: Descriptor = {
      mediaType: IN_TOTO_MEDIA_TYPE,
      digest: sha256(bytes),
      size: bytes.length,
    };
    if (layer.annotations) descriptor.annotations = layer.annotations;
    blobs.push({ descriptor, bytes });
    layers.push(descriptor);
  }
  const value: ImageManifest = {
    schemaVersion: 2,
    mediaType: MediaType.ociManifest,
    artifactType: a.manifest.artifactType ?? dockerAttestationArtifactType,
    config: a.manifest.config,
    layers,
    subject: {
      mediaType: subject.descriptor.mediaType,
      digest: subject.descriptor.digest,
      size: subject.descriptor.size,
    },
  };
  if (a.manifest.annotations) value.annotations = a.manifest.annotations;
  const bytes = Buffer.from(JSON.stringify(value));
  return {
    manifest: {
      descriptor: { mediaType: MediaType.ociManifest, digest: sha256(bytes), size: bytes.length },
      bytes,
    },
    blobs,
    reused,
  };
}
