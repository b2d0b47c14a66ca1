// A pipeline report made by hand: one image, two runtimes, a passed and a failed test, three tags.
import type { PipelineReport } from '../../../src/pipeline/index.js';

export const IMAGE_DIGEST = `sha256:${'b'.repeat(64)}`;
export const ARTIFACT_DIGEST = `sha256:${'c'.repeat(64)}`;
export const MODULE_DIGEST = `sha256:${'a'.repeat(64)}`;

export function sampleReport(): PipelineReport {
  return {
    file: 'app/wasm.toml',
    ok: true,
    images: [
      {
        name: 'hello',
        modules: [
          {
            name: 'hello',
            path: '/hello.wasm',
            size: 1234,
            digest: MODULE_DIGEST,
            kind: 'module',
            file: '/work/modules/hello/hello.wasm',
          },
        ],
        digest: IMAGE_DIGEST,
        size: 2048,
        layout: '/work/layouts/hello',
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
      { name: 'wasmtime', version: '48.0.8', source: 'tool-cache', verified: true },
      { name: 'node', version: '20.20.2', source: 'self', verified: false },
    ],
    tests: [
      {
        module: 'hello',
        runtime: 'wasmtime',
        test: 'greets',
        passed: true,
        problems: [],
        ms: 12,
        where: { file: 'app/wasm.toml', line: 5 },
      },
      {
        module: 'hello',
        runtime: 'node',
        test: 'a|b <c>',
        passed: false,
        problems: ['stdout "ho", expected "hi"', 'exit code 1, expected 0'],
        ms: 30,
        where: { file: 'app/wasm.toml', line: 9 },
      },
    ],
    timings: { build: 1.5, test: 0.2, push: 0.4 },
  };
}
