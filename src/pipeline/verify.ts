// Verify: every module the build produced, on every runtime, through every `[[module.test]]` that applies.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { extractModule, findWasmImage, openLayout } from '../oci/index.js';
import { sha256 } from '../oci/digest.js';
import { wasmKind } from '../publish/index.js';
import type { ResolvedRuntime } from '../runtimes/index.js';
import { runTest, testAppliesTo } from '../testrun/index.js';
import type { Spec } from '../wasm-toml/index.js';
import type { BuiltImage } from './build.js';
import type { FileLocation, ModuleReport, PipelineDeps, RuntimeReport, TestReport } from './types.js';

export interface ExtractedImage {
  built: BuiltImage;
  digest: string;
  size: number;
  /** Each module, written out for the runtimes. */
  modules: (ModuleReport & { index: number })[];
}

/** Reads each layout's image and writes its modules to `dir`, one subdirectory per image. */
export async function extractImages(built: BuiltImage[], dir: string): Promise<ExtractedImage[]> {
  const out: ExtractedImage[] = [];
  for (const b of built) {
    const layout = await openLayout(b.layout);
    try {
      const image = await findWasmImage(layout);
      const size =
        image.descriptor.size +
        image.manifest.config.size +
        image.manifest.layers.reduce((n, l) => n + l.size, 0);
      const modules: ExtractedImage['modules'] = [];
      for (const m of b.plan.modules) {
        const inImage = `/${m.spec.name}.wasm`;
        const extracted = await extractModule(layout, image, inImage);
        const file = path.join(dir, b.plan.name, `${m.spec.name}.wasm`);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, extracted.bytes);
        modules.push({
          name: m.spec.name,
          path: inImage,
          size: extracted.bytes.length,
          digest: sha256(extracted.bytes),
          kind: wasmKind(extracted.bytes),
          file,
          index: m.index,
        });
      }
      out.push({ built: b, digest: image.descriptor.digest, size, modules });
    } finally {
      await layout.close();
    }
  }
  return out;
}

export async function verifyImages(
  spec: Spec,
  fileLabel: string,
  images: ExtractedImage[],
  runtimes: ResolvedRuntime[],
  contextDir: string,
  deps: PipelineDeps,
): Promise<{ tests: TestReport[]; runtimes: RuntimeReport[] }> {
  const tests: TestReport[] = [];
  const reports: RuntimeReport[] = [];
  for (const rt of runtimes) {
    let ran = 0;
    let allPassed = true;
    for (const image of images) {
      for (const m of image.modules) {
        const cases = spec.module[m.index]!.test;
        for (const [j, test] of cases.entries()) {
          if (!testAppliesTo(test, rt.runtime.name)) continue;
          const where = testLocation(spec, fileLabel, m.index, j);
          if (m.kind === 'component' && !rt.runtime.components) {
            allPassed = false;
            const why = `${rt.runtime.name} runs core modules only, and ${m.name} is a component`;
            tests.push({
              module: m.name,
              runtime: rt.runtime.name,
              test: test.name,
              passed: false,
              skipped: why,
              problems: [],
              ms: 0,
              where,
            });
            deps.log.warning(`${m.name} / ${test.name} on ${rt.runtime.name}: skipped: ${why}`, where);
            continue;
          }
          const started = performance.now();
          const outcome = await runTest(rt.runtime, m.file, test, { contextDir });
          const ms = Math.round(performance.now() - started);
          ran++;
          allPassed &&= outcome.passed;
          tests.push({
            module: m.name,
            runtime: rt.runtime.name,
            test: test.name,
            passed: outcome.passed,
            problems: outcome.problems,
            ms,
            where,
          });
          const label = `${m.name} / ${test.name} on ${rt.runtime.name} ${rt.version}`;
          if (outcome.passed) deps.log.info(`ok    ${label} (${ms} ms)`);
          else {
            const detail = [
              ...outcome.problems,
              ...(outcome.stderr.trim() ? [`stderr: ${outcome.stderr.trim().slice(0, 2000)}`] : []),
            ];
            deps.log.error(`test failed: ${label}\n${detail.join('\n')}`, where);
          }
        }
      }
    }
    reports.push({
      name: rt.runtime.name,
      version: rt.version,
      source: rt.source,
      verified: allPassed && ran > 0,
    });
  }
  return { tests, runtimes: reports };
}

function testLocation(spec: Spec, file: string, moduleIndex: number, testIndex: number): FileLocation {
  const r = spec.locate(['module', moduleIndex, 'test', testIndex]);
  return { file, line: r.line, column: r.column, endLine: r.endLine };
}
