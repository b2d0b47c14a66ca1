// Verify: every module the build produced, on every runtime, through every `[[module.test]]` that applies.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../oci/index.js';
import type { ResolvedRuntime } from '../runtimes/index.js';
import { runTest, testAppliesTo, type CaseFiles } from '../testrun/index.js';
import { openWasmImage, type WasmImage } from '../wasm-image/index.js';
import type { Spec } from '../wasm-toml/index.js';
import type { BuiltImage } from './build.js';
import { PipelineError } from './errors.js';
import type { FileLocation, ModuleReport, PipelineDeps, RuntimeReport, TestReport } from './types.js';

export interface ExtractedImage {
  built: BuiltImage;
  /** Open until the run ends: publish copies its blobs from the layout read here. */
  image: WasmImage;
  digest: string;
  size: number;
  /** Each module, written out for the runtimes. */
  modules: (ModuleReport & { index: number })[];
}

/**
 * Reads each layout's image once and writes its modules to `dir`, one subdirectory per image. The
 * images stay open for publishing: the caller closes them (closeImages) when the run ends.
 */
export async function extractImages(built: BuiltImage[], dir: string): Promise<ExtractedImage[]> {
  const out: ExtractedImage[] = [];
  try {
    for (const b of built) {
      const inImage = b.plan.modules.map((m) => `/${m.spec.name}.wasm`);
      const image = await openWasmImage(b.layout, { modules: inImage });
      const modules: ExtractedImage['modules'] = [];
      out.push({ built: b, image, digest: image.descriptor.digest, size: imageSize(image), modules });
      for (const [i, m] of b.plan.modules.entries()) {
        const extracted = image.modules[i]!;
        const file = path.join(dir, b.plan.name, `${m.spec.name}.wasm`);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, extracted.bytes);
        modules.push({
          name: m.spec.name,
          path: inImage[i]!,
          size: extracted.bytes.length,
          digest: sha256(extracted.bytes),
          kind: extracted.kind,
          file,
          index: m.index,
        });
      }
    }
  } catch (e) {
    await closeImages(out);
    throw e;
  }
  return out;
}

export async function closeImages(images: readonly ExtractedImage[]): Promise<void> {
  await Promise.all(images.map((i) => i.image.close()));
}

/** What a registry stores for the image: manifest, config and layers. */
function imageSize(image: WasmImage): number {
  const { manifest } = image;
  return image.descriptor.size + manifest.config.size + manifest.layers.reduce((n, l) => n + l.size, 0);
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
  const files = await readCaseFiles(spec, fileLabel, images, contextDir);
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
          const outcome = await runTest(rt.runtime, m.file, test, {
            contextDir,
            files: files.get(`${m.index}/${j}`),
          });
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

/**
 * The `stdin-file` and `expect.stdout-file` of every case, read once before anything runs: a file missing
 * from the build context is the file's mistake, reported at its line, not a failed test.
 */
async function readCaseFiles(
  spec: Spec,
  fileLabel: string,
  images: ExtractedImage[],
  contextDir: string,
): Promise<Map<string, CaseFiles>> {
  const files = new Map<string, CaseFiles>();
  const read = async (key: readonly (string | number)[], rel: string): Promise<Buffer> => {
    const file = path.resolve(contextDir, rel);
    try {
      return await readFile(file);
    } catch (e) {
      const r = spec.locate(key);
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(e);
      throw new PipelineError(
        'input',
        `${key.slice(4).join('.')} "${rel}": ${why} in the build context (${file})`,
        { file: fileLabel, line: r.line, column: r.column },
      );
    }
  };
  for (const m of images.flatMap((i) => i.modules)) {
    for (const [j, test] of spec.module[m.index]!.test.entries()) {
      const at = ['module', m.index, 'test', j] as const;
      const stdinFile = test['stdin-file'];
      const stdoutFile = test.expect['stdout-file'];
      if (stdinFile === undefined && stdoutFile === undefined) continue;
      files.set(`${m.index}/${j}`, {
        stdin: stdinFile === undefined ? undefined : await read([...at, 'stdin-file'], stdinFile),
        stdout:
          stdoutFile === undefined ? undefined : await read([...at, 'expect', 'stdout-file'], stdoutFile),
      });
    }
  }
  return files;
}

function testLocation(spec: Spec, file: string, moduleIndex: number, testIndex: number): FileLocation {
  const r = spec.locate(['module', moduleIndex, 'test', testIndex]);
  return { file, line: r.line, column: r.column, endLine: r.endLine };
}
