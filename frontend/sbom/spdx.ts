// An SPDX 2.3 document of the image's modules: each module, what its lock files say it was built from, and
// the toolchain image that compiled it (for C and C++ that image's sysroot is the libc linked in). SPDX
// because it is the one SBOM format BuildKit attaches (its SBOM attestations are SPDX in-toto statements).
// The same inputs give the same bytes: no clock, no random namespace.
import { createHash } from 'node:crypto';
import type { Dependency } from './lockfiles.js';

export const SPDX_PREDICATE_TYPE = 'https://spdx.dev/Document';

export interface SbomModule {
  name: string;
  /** The wasm.toml language, or undefined for a custom `build`. */
  language?: string;
  /** The toolchain image as the build pinned it: `<ref>@sha256:...` where it was resolved. */
  toolchain: string;
  dependencies: readonly Dependency[];
}

interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: string;
  filesAnalyzed: false;
  primaryPackagePurpose?: string;
  checksums?: { algorithm: string; checksumValue: string }[];
  externalRefs?: { referenceCategory: string; referenceType: string; referenceLocator: string }[];
  comment?: string;
}

export function spdxDocument(
  imageName: string,
  modules: readonly SbomModule[],
  epochSeconds: number,
): string {
  const packages: SpdxPackage[] = [];
  const relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[] = [];
  modules.forEach((m, i) => {
    const id = `SPDXRef-module-${i}`;
    packages.push({
      SPDXID: id,
      name: m.name,
      downloadLocation: 'NOASSERTION',
      filesAnalyzed: false,
      primaryPackagePurpose: 'APPLICATION',
      comment: `/${m.name}.wasm in the image${m.language ? `, built from ${m.language}` : ''}`,
    });
    relationships.push({
      spdxElementId: 'SPDXRef-DOCUMENT',
      relationshipType: 'DESCRIBES',
      relatedSpdxElement: id,
    });
    const toolchainId = `${id}-toolchain`;
    packages.push(toolchainPackage(toolchainId, m.toolchain));
    relationships.push({
      spdxElementId: toolchainId,
      relationshipType: 'BUILD_TOOL_OF',
      relatedSpdxElement: id,
    });
    m.dependencies.forEach((d, j) => {
      const depId = `${id}-dep-${j}`;
      packages.push(dependencyPackage(depId, d));
      relationships.push({ spdxElementId: id, relationshipType: 'DEPENDS_ON', relatedSpdxElement: depId });
    });
  });
  const body = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: imageName,
    creationInfo: {
      created: new Date(epochSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      creators: ['Tool: wasm-build-frontend'],
    },
    packages,
    relationships,
  };
  // A namespace unique to the content, as SPDX asks, yet the same for the same build.
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const uuid = `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-8${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
  return JSON.stringify({ ...body, documentNamespace: `urn:uuid:${uuid}` }, null, 2) + '\n';
}

function dependencyPackage(id: string, d: Dependency): SpdxPackage {
  return {
    SPDXID: id,
    name: d.name,
    versionInfo: d.version,
    downloadLocation: d.downloadLocation ?? 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: 'LIBRARY',
    ...(d.checksum
      ? { checksums: [{ algorithm: d.checksum.algorithm, checksumValue: d.checksum.hex }] }
      : {}),
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: d.purl }],
    ...(d.integrity ? { comment: `lock file hash: ${d.integrity}` } : {}),
  };
}

/** The toolchain image: its repository, and its digest where the build pinned one. */
function toolchainPackage(id: string, image: string): SpdxPackage {
  const at = image.indexOf('@');
  const name = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? undefined : image.slice(at + 1);
  const repository = name.replace(/:[^:/]+$/, '');
  return {
    SPDXID: id,
    name: repository,
    ...(digest ? { versionInfo: digest } : {}),
    downloadLocation: image,
    filesAnalyzed: false,
    primaryPackagePurpose: 'CONTAINER',
    ...(digest
      ? {
          checksums: [{ algorithm: 'SHA256', checksumValue: digest.replace(/^sha256:/, '') }],
          externalRefs: [
            {
              referenceCategory: 'PACKAGE-MANAGER',
              referenceType: 'purl',
              referenceLocator: `pkg:oci/${repository.split('/').pop()}@${encodeURIComponent(digest)}?repository_url=${encodeURIComponent(repository)}`,
            },
          ],
        }
      : {}),
    comment: 'the toolchain image the module was compiled in (its sysroot, e.g. wasi-libc, is linked in)',
  };
}
