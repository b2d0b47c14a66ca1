// Publish: T, T-wasm and T-<runtime> for every tag, for every image, only after verification passed.
import { parseReference, type RegistryClient } from '../oci/index.js';
import {
  planTags,
  publish,
  publishPackage,
  PublishError,
  TagPlanError,
  type PublishResult,
} from '../publish/index.js';
import { PipelineError } from './errors.js';
import type { ExtractedImage } from './verify.js';
import type { KeyObject } from 'node:crypto';
import type { VerificationRecord } from '../publish/provenance.js';
import type { AttestedStatement } from '../publish/results.js';
import { attestationTag, attestManifest, signatureTag, signManifest } from '../publish/signature.js';
import type { PipelineDeps, PipelineInputs, RuntimeReport, TagReport, TestReport } from './types.js';

/** `registry/repo:tag` references grouped by repository; a reference without a tag means `latest`. */
export function tagsByRepository(references: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const text of references) {
    let ref;
    try {
      ref = parseReference(text);
    } catch (e) {
      throw new PipelineError('input', `tags: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (ref.digest) throw new PipelineError('input', `tags: "${text}" names a digest; give a tag to push to`);
    const repo = `${ref.registry}/${ref.repository}`;
    const tags = out.get(repo) ?? [];
    const tag = ref.tag ?? 'latest';
    if (!tags.includes(tag)) tags.push(tag);
    out.set(repo, tags);
  }
  return out;
}

/**
 * With several images (modules without a top-level [image]), each goes to its own repository,
 * `<repository>-<module>`: a suffix rather than a path segment, which every registry accepts.
 */
export function imageRepository(repository: string, image: string, imageCount: number): string {
  return imageCount > 1 ? `${repository}-${image}` : repository;
}

/** Pushes every image to every repository through the run's one client (its tokens and mount sources). */
export async function pushImages(
  images: ExtractedImage[],
  inputs: PipelineInputs,
  verified: { runtimes: RuntimeReport[]; tests: TestReport[] },
  deps: PipelineDeps,
  client: RegistryClient,
): Promise<Map<ExtractedImage, TagReport[]>> {
  const { runtimes } = verified;
  const groups = tagsByRepository(inputs.tags);
  const runtimeTags = inputs.runtimeTags
    ? runtimes.filter((r) => r.verified).map((r) => ({ name: r.name, version: r.version }))
    : [];
  // Every tag of every repository is checked before the first push, so a bad one pushes nothing.
  for (const tags of groups.values()) {
    try {
      planTags(tags, { wasmSuffix: inputs.artifactSuffix, runtimes: runtimeTags });
    } catch (e) {
      if (e instanceof TagPlanError) throw new PipelineError('input', `tags: ${e.message}`);
      throw e;
    }
  }
  if (inputs.package && images.length > 1) {
    throw new PipelineError(
      'input',
      `package: the file gives ${images.length} images, and a package is one component: build one with --target`,
    );
  }
  const pushed = new Map<ExtractedImage, TagReport[]>();
  const done: string[] = [];
  for (const image of images) {
    const reports: TagReport[] = [];
    pushed.set(image, reports);
    for (const [repo, tags] of groups) {
      const repository = imageRepository(repo, image.built.plan.name, images.length);
      let result: PublishResult;
      try {
        result = await publish({
          image: image.image,
          repository,
          tags,
          runtimes: runtimeTags,
          wasmSuffix: inputs.artifactSuffix,
          // What the build attested goes with every manifest, as referrers: T stays the one manifest
          // runtimes read.
          attestations: inputs.provenance || inputs.sbom,
          verification: verificationRecord(image, inputs.tests, verified),
          env: deps.env,
          client,
        });
      } catch (e) {
        const partial = e instanceof PublishError ? e.pushed.map((t) => `${repository}:${t.tag}`) : [];
        const before = [...done, ...partial];
        throw new PipelineError(
          'push',
          `${e instanceof Error ? e.message : String(e)}` +
            (before.length ? `\nalready pushed by this run: ${before.join(', ')}` : '\nnothing was pushed'),
          undefined,
          { cause: e },
        );
      }
      const repoReports: TagReport[] = [];
      for (const t of result.tags) {
        const report: TagReport = {
          reference: `${repository}:${t.tag}`,
          tag: t.tag,
          kind: t.kind,
          digest: t.digest,
        };
        if (t.runtime) report.runtime = t.runtime.name;
        repoReports.push(report);
        done.push(report.reference);
        deps.log.info(`pushed ${report.reference.padEnd(60)} ${t.digest}`);
      }
      if (inputs.signingKey) {
        await signPushed(client, repository, repoReports, inputs.signingKey, deps, done, result.statements);
      }
      reports.push(...repoReports);
      const count = (outcome: string) => result.blobs.filter((b) => b.outcome === outcome).length;
      deps.log.info(
        `${repository}: ${count('uploaded')} of ${result.blobs.length} blobs uploaded (${result.bytesUploaded} bytes), ${count('mounted')} mounted, ${count('exists')} already there`,
      );
    }
  }
  if (inputs.package) {
    const image = images[0]!;
    const { repository, version, name } = inputs.package;
    const reference = `${repository}:${version}`;
    let digest: string;
    try {
      digest = await publishPackage({ image: image.image, repository, version, env: deps.env, client });
    } catch (e) {
      throw new PipelineError(
        'push',
        `package ${name}@${version} (${reference}): ${e instanceof Error ? e.message : String(e)}\nalready pushed by this run: ${done.join(', ')}`,
        undefined,
        { cause: e },
      );
    }
    const report: TagReport = { reference, tag: version, kind: 'package', digest };
    deps.log.info(`pushed ${reference.padEnd(60)} ${digest} (package ${name}@${version})`);
    done.push(reference);
    if (inputs.signingKey) await signPushed(client, repository, [report], inputs.signingKey, deps, done);
    pushed.get(image)!.push(report);
  }
  return pushed;
}

/** What the provenance says of the test phase, for one image's modules. */
function verificationRecord(
  image: ExtractedImage,
  tested: boolean,
  { runtimes, tests }: { runtimes: RuntimeReport[]; tests: TestReport[] },
): VerificationRecord {
  const modules = new Set(image.modules.map((m) => m.name));
  return {
    tested,
    runtimes: runtimes.map((r) => ({ name: r.name, version: r.version, verified: r.verified })),
    cases: tests
      .filter((t) => modules.has(t.module))
      .map((t) => ({
        module: t.module,
        runtime: t.runtime,
        test: t.test,
        result: t.skipped ? 'skipped' : t.passed ? 'passed' : 'failed',
      })),
  };
}

/**
 * Signs each distinct manifest the reports name (T and T-<runtime> may differ only by annotations, so each
 * has its own digest); a failure names what was pushed unsigned, since the tags already exist.
 */
async function signPushed(
  client: RegistryClient,
  repository: string,
  reports: TagReport[],
  key: KeyObject,
  deps: PipelineDeps,
  done: string[],
  statements: readonly AttestedStatement[] = [],
): Promise<void> {
  const repo = client.repository(parseReference(repository));
  const signed = new Map<string, Pick<TagReport, 'signature' | 'attestation'>>();
  for (const report of reports) {
    try {
      let made = signed.get(report.digest);
      if (!made) {
        const signature = await signManifest(repo, repository, report.digest, key);
        deps.log.info(`signed ${`${repository}@${report.digest}`.padEnd(60)} ${signatureTag(report.digest)}`);
        made = { signature };
        const about = statements.filter((s) => s.subject === report.digest);
        if (about.length) {
          made.attestation = await attestManifest(repo, report.digest, about, key);
          deps.log.info(
            `attested ${`${repository}@${report.digest}`.padEnd(58)} ${attestationTag(report.digest)}`,
          );
        }
        signed.set(report.digest, made);
      }
      Object.assign(report, made);
    } catch (e) {
      throw new PipelineError(
        'push',
        `signing ${report.reference}: ${e instanceof Error ? e.message : String(e)}\npushed, not all signed: ${done.join(', ')}`,
        undefined,
        { cause: e },
      );
    }
  }
}
