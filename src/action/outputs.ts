// The step's outputs, as action.yml declares them.
import * as core from '@actions/core';
import type { PipelineReport } from '../pipeline/index.js';

export function actionOutputs(report: PipelineReport): Record<string, string> {
  const first = report.images[0];
  return {
    digest: first?.digest ?? '',
    tags: report.images.flatMap((i) => i.tags.map((t) => t.reference)).join('\n'),
    'module-size': first?.modules[0] ? String(first.modules[0].size) : '',
    metadata: JSON.stringify(metadata(report)),
  };
}

/** Each tag with its digest, each runtime with its version and per-test results and times. */
export function metadata(report: PipelineReport) {
  return {
    file: report.file,
    ok: report.ok,
    ...(report.failure ? { failure: report.failure } : {}),
    images: report.images.map((i) => ({
      name: i.name,
      digest: i.digest,
      size: i.size,
      modules: i.modules.map(({ name, path, size, digest, kind }) => ({ name, path, size, digest, kind })),
      tags: i.tags,
    })),
    runtimes: report.runtimes.map((r) => ({
      ...r,
      tests: report.tests
        .filter((t) => t.runtime === r.name)
        .map((t) => ({
          module: t.module,
          test: t.test,
          passed: t.passed,
          ...(t.skipped ? { skipped: t.skipped } : {}),
          ms: t.ms,
          ...(t.problems.length ? { problems: t.problems } : {}),
        })),
    })),
  };
}

export function setOutputs(report: PipelineReport): void {
  for (const [name, value] of Object.entries(actionOutputs(report))) core.setOutput(name, value);
}
