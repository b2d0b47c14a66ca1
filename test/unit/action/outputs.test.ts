import { describe, expect, it } from 'vitest';
import { actionOutputs, metadata } from '../../../src/action/outputs.js';
import { ARTIFACT_DIGEST, IMAGE_DIGEST, MODULE_DIGEST, sampleReport } from './report.js';

describe('actionOutputs', () => {
  it.each([
    ['digest', IMAGE_DIGEST],
    ['tags', 'ghcr.io/o/hello:1\nghcr.io/o/hello:1-wasm\nghcr.io/o/hello:1-wasmtime'],
    ['module-size', '1234'],
  ])('%s', (name, value) => {
    expect(actionOutputs(sampleReport())[name]).toBe(value);
  });

  it('metadata is the JSON of metadata()', () => {
    const report = sampleReport();
    expect(JSON.parse(actionOutputs(report).metadata!)).toEqual(metadata(report));
  });

  it('is empty strings when nothing was built', () => {
    const report = { ...sampleReport(), images: [], runtimes: [], tests: [] };
    expect(actionOutputs(report)).toEqual({
      digest: '',
      tags: '',
      'module-size': '',
      metadata: JSON.stringify({ file: 'app/wasm.toml', ok: true, images: [], runtimes: [] }),
    });
  });
});

describe('metadata', () => {
  it('gives each image with its tags, each runtime with its tests', () => {
    expect(metadata(sampleReport())).toEqual({
      file: 'app/wasm.toml',
      ok: true,
      images: [
        {
          name: 'hello',
          digest: IMAGE_DIGEST,
          size: 2048,
          modules: [
            { name: 'hello', path: '/hello.wasm', size: 1234, digest: MODULE_DIGEST, kind: 'module' },
          ],
          tags: [
            { reference: 'ghcr.io/o/hello:1', tag: '1', kind: 'image', digest: IMAGE_DIGEST },
            { reference: 'ghcr.io/o/hello:1-wasm', tag: '1-wasm', kind: 'artifact', digest: ARTIFACT_DIGEST },
            {
              reference: 'ghcr.io/o/hello:1-wasmtime',
              tag: '1-wasmtime',
              kind: 'runtime',
              digest: IMAGE_DIGEST,
              runtime: 'wasmtime',
            },
          ],
        },
      ],
      runtimes: [
        {
          name: 'wasmtime',
          version: '48.0.8',
          source: 'tool-cache',
          verified: true,
          tests: [{ module: 'hello', test: 'greets', passed: true, ms: 12 }],
        },
        {
          name: 'node',
          version: '20.20.2',
          source: 'self',
          verified: false,
          tests: [
            {
              module: 'hello',
              test: 'a|b <c>',
              passed: false,
              ms: 30,
              problems: ['stdout "ho", expected "hi"', 'exit code 1, expected 0'],
            },
          ],
        },
      ],
    });
  });

  it('adds the failure and a skipped test', () => {
    const report = sampleReport();
    report.ok = false;
    report.failure = { phase: 'test', message: '1 of 2 test runs failed' };
    report.tests[0] = { ...report.tests[0]!, passed: false, skipped: 'a component' };
    const m = metadata(report);
    expect(m).toMatchObject({ ok: false, failure: report.failure });
    expect(m.runtimes[0]!.tests[0]).toEqual({
      module: 'hello',
      test: 'greets',
      passed: false,
      skipped: 'a component',
      ms: 12,
    });
  });
});
