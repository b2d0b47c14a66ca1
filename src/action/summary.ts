// The job summary: what was verified where, what was pushed, and how to run it.
import type { PipelineReport, TagReport } from '../pipeline/index.js';

const escape = (s: string) =>
  s
    .replace(/[&<>|]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '|': '\\|' })[c]!)
    .replace(/\n/g, '<br>');

const cell = (cells: string[]) => `| ${cells.map(escape).join(' | ')} |`;

/** The summary as Markdown: pure, so tests check it without a runner. */
export function summaryMarkdown(report: PipelineReport): string {
  const out: string[] = [];
  const failed = report.failure ? ` failed (${report.failure.phase})` : '';
  out.push(`## wasm-build: ${report.file}${failed}`, '');
  if (report.failure) out.push('```', report.failure.message, '```', '');
  if (report.tests.length) {
    out.push(
      '### Tests',
      '',
      cell(['module', 'test', 'runtime', 'result', 'time']),
      '| --- | --- | --- | --- | --- |',
    );
    const versions = new Map(report.runtimes.map((r) => [r.name, r.version]));
    for (const t of report.tests) {
      const result = t.skipped
        ? `skipped: ${t.skipped}`
        : t.passed
          ? 'passed'
          : `failed: ${t.problems.join('; ')}`;
      out.push(
        cell([
          t.module,
          t.test,
          `${t.runtime} ${versions.get(t.runtime) ?? ''}`.trim(),
          result,
          `${t.ms} ms`,
        ]),
      );
    }
    out.push('');
  }
  for (const image of report.images) {
    out.push(`### Image ${image.name}`, '');
    out.push(
      cell(['module', 'kind', 'module size', 'image size', 'image digest']),
      '| --- | --- | --- | --- | --- |',
    );
    for (const m of image.modules) {
      out.push(cell([m.path, m.kind, `${m.size} bytes`, `${image.size} bytes`, image.digest]));
    }
    out.push('');
    if (image.tags.length) {
      out.push(cell(['tag', 'kind', 'digest']), '| --- | --- | --- |');
      for (const t of image.tags)
        out.push(cell([t.reference, t.runtime ? `runtime (${t.runtime})` : t.kind, t.digest]));
      out.push('');
      const artifact = image.tags.find((t) => t.kind === 'artifact')?.reference;
      out.push(...howToRun(image.tags[0]!.reference, artifact, image.modules[0]!.path));
      out.push(...howToVerify(image.tags));
    }
  }
  return out.join('\n') + '\n';
}

function howToRun(reference: string, artifact: string | undefined, modulePath: string): string[] {
  const name = modulePath.replace(/^\//, '').replace(/\.wasm$/, '');
  return [
    '<details><summary>How to run it</summary>',
    '',
    '```sh',
    `ctr image pull --platform wasi/wasm ${reference}`,
    `ctr run --rm --runtime io.containerd.wasmtime.v1 ${reference} ${name}`,
    `docker run --runtime=io.containerd.wasmtime.v1 --platform=wasi/wasm --network=host ${reference}`,
    ...(artifact ? [`wkg oci pull ${artifact}  # the CNCF Wasm artifact, for wkg, Spin and wasmCloud`] : []),
    '```',
    '',
    '```yaml',
    'apiVersion: node.k8s.io/v1',
    'kind: RuntimeClass',
    'metadata: { name: wasmtime }',
    'handler: wasmtime  # a runwasi shim (containerd-shim-wasmtime-v1) on the nodes; not tested by wasm-build',
    '---',
    'apiVersion: v1',
    'kind: Pod',
    `metadata: { name: ${name} }`,
    'spec:',
    '  runtimeClassName: wasmtime',
    `  containers: [{ name: ${name}, image: "${reference}" }]`,
    '```',
    '</details>',
    '',
  ];
}

/** The `cosign verify` command of each signed manifest (the public half of the action's `cosign-key`). */
function howToVerify(tags: readonly TagReport[]): string[] {
  const signed = tags.filter((t) => t.signature);
  if (signed.length === 0) return [];
  const refs = [
    ...new Map(signed.map((t) => [`${t.reference.replace(/:[^:/]+$/, '')}@${t.digest}`, t])).keys(),
  ];
  return [
    '<details><summary>How to verify the signatures</summary>',
    '',
    '```sh',
    ...refs.map((r) => `cosign verify --key cosign.pub --insecure-ignore-tlog=true ${r}`),
    ...(signed.some((t) => t.attestation)
      ? refs.map(
          (r) =>
            `cosign verify-attestation --key cosign.pub --insecure-ignore-tlog=true --type slsaprovenance1 ${r}`,
        )
      : []),
    '```',
    '',
    '`cosign.pub` is the public half of the signing key; `--insecure-ignore-tlog` because key signatures made here are not in Rekor.',
    '</details>',
    '',
  ];
}
