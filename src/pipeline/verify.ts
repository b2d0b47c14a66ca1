// Verify: every module the build produced, on every runtime, through every `[[module.test]]` that applies.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256 } from '../oci/index.js';
import { inspectWasm } from '../publish/wasm-binary.js';
import type { LoadedModule, ModuleImage, ResolvedRuntime } from '../runtimes/index.js';
import { runCase, testAppliesTo, type CaseFiles } from '../testrun/index.js';
import { runHttpCase } from '../testrun/http.js';
import { openWasmImage, type WasmImage } from '../wasm-image/index.js';
import type { Spec, TestSpec } from '../wasm-toml/index.js';
import type { BuiltImage } from './build.js';
import { PipelineError } from './errors.js';
import { runInOrder, type LineLogger } from './in-order.js';
import type { FileLocation, ModuleReport, PipelineDeps, RuntimeReport, TestReport } from './types.js';

export interface ExtractedImage {
  built: BuiltImage;
  /** Open until the run ends: publish copies its blobs from the layout read here. */
  image: WasmImage;
  digest: string;
  size: number;
  /** Each module, written out for the runtimes; `http` when it exports wasi:http/incoming-handler. */
  modules: (ModuleReport & { index: number; http: boolean })[];
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
          http:
            extracted.kind === 'component' &&
            inspectWasm(extracted.bytes).exports.some((e) => e.startsWith(HTTP_HANDLER)),
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

/** The interface a wasi:http/proxy component exports: it serves requests rather than running a command. */
const HTTP_HANDLER = 'wasi:http/incoming-handler';

export interface VerifyOptions {
  /** How many cases run at once. */
  jobs: number;
  /** Where runtimes keep compiled forms of the modules (see Runtime.load). */
  cacheDir: string;
}

/** One case of one module on one runtime, in the report's order: runtime, image, module, case. */
interface CaseJob {
  rt: ResolvedRuntime;
  module: ExtractedImage['modules'][number];
  image: ModuleImage;
  test: TestSpec;
  caseIndex: number;
}

/**
 * Runs every case on every runtime, `jobs` at once. Each module is loaded (compiled) once per runtime, by
 * the first of its cases to start; the log and the report keep the order of a run one case at a time.
 */
export async function verifyImages(
  spec: Spec,
  fileLabel: string,
  images: ExtractedImage[],
  runtimes: ResolvedRuntime[],
  contextDir: string,
  deps: PipelineDeps,
  opts: VerifyOptions,
): Promise<{ tests: TestReport[]; runtimes: RuntimeReport[] }> {
  const files = await readCaseFiles(spec, fileLabel, images, contextDir);
  const jobs: CaseJob[] = [];
  for (const rt of runtimes) {
    for (const img of images) {
      for (const module of img.modules) {
        const image = { layout: img.built.layout, manifest: img.image.descriptor, path: module.path };
        for (const [caseIndex, test] of spec.module[module.index]!.test.entries()) {
          if (testAppliesTo(test, rt.runtime.name)) jobs.push({ rt, module, image, test, caseIndex });
        }
      }
    }
  }
  const loads = new Map<string, Promise<LoadedModule>>();
  const load = (job: CaseJob, log: LineLogger): Promise<LoadedModule> => {
    const key = `${job.rt.runtime.name}\0${job.module.file}`;
    let loaded = loads.get(key);
    if (!loaded) {
      const started = performance.now();
      loaded = job.rt.runtime.load({
        module: job.module.file,
        digest: job.module.digest,
        cacheDir: opts.cacheDir,
        image: job.image,
      });
      loaded.then(
        () =>
          log.info(
            `${job.module.name} loaded on ${job.rt.runtime.name} (${Math.round(performance.now() - started)} ms)`,
          ),
        () => {},
      );
      loads.set(key, loaded);
    }
    return loaded;
  };
  let outcomes: PromiseSettledResult<TestReport>[];
  try {
    outcomes = await runInOrder(jobs, opts.jobs, deps.log, (job, log) =>
      runJob(job, log, load, { spec, fileLabel, contextDir, files }),
    );
  } finally {
    await Promise.all(
      [...loads.values()].map((l) =>
        l.then(
          (m) => m.close(),
          () => {},
        ),
      ),
    );
  }
  const tests = outcomes.map((o) => {
    if (o.status === 'rejected') throw o.reason;
    return o.value;
  });
  const reports = runtimes.map((rt): RuntimeReport => {
    const mine = tests.filter((t) => t.runtime === rt.runtime.name);
    return {
      name: rt.runtime.name,
      version: rt.version,
      source: rt.source,
      verified: mine.some((t) => !t.skipped) && mine.every((t) => t.passed),
    };
  });
  return { tests, runtimes: reports };
}

async function runJob(
  job: CaseJob,
  log: LineLogger,
  load: (job: CaseJob, log: LineLogger) => Promise<LoadedModule>,
  at: { spec: Spec; fileLabel: string; contextDir: string; files: Map<string, CaseFiles> },
): Promise<TestReport> {
  const { rt, module: m, test, caseIndex } = job;
  const name = rt.runtime.name;
  const where = testLocation(at.spec, at.fileLabel, m.index, caseIndex);
  const report = { module: m.name, runtime: name, test: test.name, where };
  const skip = skipReason(job);
  if (skip) {
    log.warning(`${m.name} / ${test.name} on ${name}: skipped: ${skip}`, where);
    return { ...report, passed: false, skipped: skip, problems: [], ms: 0 };
  }
  const mismatch = caseKindMismatch(job);
  if (mismatch) {
    log.error(`test failed: ${m.name} / ${test.name}\n${mismatch}`, where);
    return { ...report, passed: false, problems: [mismatch], ms: 0 };
  }
  const label = `${m.name} / ${test.name} on ${name} ${rt.version}`;
  let loaded: LoadedModule;
  try {
    loaded = await load(job, log);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    log.error(`test failed: ${label}\n${why}`, where);
    return { ...report, passed: false, problems: [why], ms: 0 };
  }
  const started = performance.now();
  const outcome =
    test.request && loaded.request
      ? await runHttpCase(name, (c) => loaded.request!(c), test)
      : await runCase({ runtime: name, run: (req) => loaded.run(req) }, test, {
          contextDir: at.contextDir,
          files: at.files.get(`${m.index}/${caseIndex}`),
        });
  const ms = Math.round(performance.now() - started);
  if (outcome.passed) log.info(`ok    ${label} (${ms} ms)`);
  else {
    const detail = [
      ...outcome.problems,
      ...(outcome.stderr.trim() ? [`stderr: ${outcome.stderr.trim().slice(0, 2000)}`] : []),
    ];
    log.error(`test failed: ${label}\n${detail.join('\n')}`, where);
  }
  return { ...report, passed: outcome.passed, problems: outcome.problems, ms };
}

/** Why a case cannot run on its runtime at all (it is then skipped, and the runtime not verified). */
function skipReason({ rt, module: m, test }: CaseJob): string | undefined {
  const name = rt.runtime.name;
  if (m.kind === 'component' && !rt.runtime.components) {
    return `${name} runs core modules only, and ${m.name} is a component`;
  }
  if (rt.runtime.stdinUnavailable && (test.stdin !== '' || test['stdin-file'] !== undefined)) {
    return `the case gives stdin, and ${rt.runtime.stdinUnavailable}`;
  }
  if (test.request && m.http && !rt.runtime.servesHttp) return `${name} does not serve HTTP components`;
  return undefined;
}

/** A request to a command, or a command case for an HTTP component: the file's mistake, at the case. */
function caseKindMismatch({ module: m, test }: CaseJob): string | undefined {
  if (test.request && !m.http) {
    return `the case sends a request, and ${m.name} exports no ${HTTP_HANDLER} (it is not an HTTP component): give it args and expect.stdout, or build an HTTP component`;
  }
  if (!test.request && m.http) {
    return `${m.name} is an HTTP component (it exports ${HTTP_HANDLER}) and runs no command: give the case a request`;
  }
  return undefined;
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
