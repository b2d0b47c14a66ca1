import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../../src/pipeline/errors.js';
import {
  packageTarget,
  keyValues,
  toPipelineInputs,
  type RawInputs,
  parseSecretSpec,
  parseSecretValue,
} from '../../../src/pipeline/inputs.js';
import { DEFAULT_FRONTEND } from '../../../src/version.js';

const raw: RawInputs = {
  context: 'app',
  targets: [],
  buildArgs: [],
  tags: [],
  labels: [],
  annotations: [],
  runtimes: [],
  tests: true,
  artifact: '-wasm',
  runtimeTags: true,
  cacheFrom: [],
  cacheTo: [],
  noCache: false,
  provenance: false,
  sbom: false,
  secrets: [],
  workDir: '/w',
  progress: 'plain',
};

/** The PipelineError a call throws. */
function pipelineError(fn: () => unknown): PipelineError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PipelineError) return e;
    throw e;
  }
  throw new Error('expected a PipelineError');
}

describe('toPipelineInputs', () => {
  it('fills in the defaults', () => {
    expect(toPipelineInputs(raw)).toEqual({
      file: 'app/wasm.toml',
      context: 'app',
      targets: [],
      buildArgs: {},
      tags: [],
      labels: {},
      annotations: [],
      runtimes: [{ name: 'wasmtime' }, { name: 'node' }],
      tests: true,
      testJobs: os.availableParallelism(),
      artifactSuffix: '-wasm',
      runtimeTags: true,
      frontend: DEFAULT_FRONTEND,
      cacheFrom: [],
      cacheTo: [],
      noCache: false,
      provenance: false,
      sbom: false,
      secrets: [],
      workDir: '/w',
      progress: 'plain',
    });
  });

  it.each([
    [{ context: '' }, { context: '.', file: 'wasm.toml' }],
    [{ file: 'x/wasm.toml' }, { file: 'x/wasm.toml' }],
    [{ frontend: 'reg/fe:1' }, { frontend: 'reg/fe:1' }],
    [{ frontend: '' }, { frontend: DEFAULT_FRONTEND }],
    [{ artifact: 'false' }, { artifactSuffix: false }],
    [{ artifact: 'FALSE' }, { artifactSuffix: false }],
    [{ artifact: '' }, { artifactSuffix: false }],
    [{ artifact: ' -wasm ' }, { artifactSuffix: '-wasm' }],
    [{ artifact: '.wasm' }, { artifactSuffix: '.wasm' }],
    [{ runtimes: ['wasmtime@48.0.8'] }, { runtimes: [{ name: 'wasmtime', version: '48.0.8' }] }],
    [
      { runtimes: ['wazero', 'node@v20.20.2'] },
      { runtimes: [{ name: 'wazero' }, { name: 'node', version: '20.20.2' }] },
    ],
    [{ buildArgs: ['A=1', 'B=x=y'] }, { buildArgs: { A: '1', B: 'x=y' } }],
    [{ labels: ['team=wasm'] }, { labels: { team: 'wasm' } }],
    [
      { builder: 'b1', runtimeMirror: 'https://m', npmRegistry: 'https://n', githubToken: 't' },
      { builder: 'b1', runtimeMirror: 'https://m', npmRegistry: 'https://n', githubToken: 't' },
    ],
  ] as [Partial<RawInputs>, object][])('%j gives %j', (extra, expected) => {
    expect(toPipelineInputs({ ...raw, ...extra })).toMatchObject(expected);
  });

  it('leaves out an empty builder, mirrors and token', () => {
    const empty = { builder: '', runtimeMirror: '', npmRegistry: '', githubToken: '' };
    const inputs = toPipelineInputs({ ...raw, ...empty });
    for (const k of Object.keys(empty)) expect(inputs).not.toHaveProperty(k);
  });

  it.each([
    [['wasmtime', 'lucet'], /runtimes: unknown runtime "lucet"/],
    [['wasmtime', 'wasmtime@48.0.8'], /runtimes: wasmtime is listed twice/],
    [['wasmtime@latest'], /runtimes: .*a runtime's version is a number/],
  ])('%j is an input error', (runtimes, message) => {
    const e = pipelineError(() => toPipelineInputs({ ...raw, runtimes }));
    expect(e.phase).toBe('input');
    expect(e.message).toMatch(message);
  });

  it.each([
    [' 3 ', 3],
    ['1', 1],
  ])('test-jobs %j runs %d at once', (testJobs, n) => {
    expect(toPipelineInputs({ ...raw, testJobs }).testJobs).toBe(n);
  });

  it.each(['0', '-1', '1.5', 'all'])('test-jobs %j is an input error', (testJobs) => {
    const e = pipelineError(() => toPipelineInputs({ ...raw, testJobs }));
    expect([e.phase, e.message]).toEqual([
      'input',
      `test-jobs: "${testJobs}" is not a whole number of at least 1`,
    ]);
  });

  it('names the list a bad KEY=value is in', () => {
    const e = pipelineError(() => toPipelineInputs({ ...raw, labels: ['nolabel'] }));
    expect([e.phase, e.message]).toEqual(['input', 'labels: "nolabel" is not KEY=value']);
  });
});

describe('keyValues', () => {
  it.each([
    [['KEY=a=b'], { KEY: 'a=b' }],
    [['K='], { K: '' }],
    [['A=1', 'A=2'], { A: '2' }],
    [[], {}],
  ])('%j', (items, expected) => {
    expect(keyValues('build-args', items)).toEqual(expected);
  });

  it.each(['KEY', '=value'])('%s is an input error', (item) => {
    const e = pipelineError(() => keyValues('build-args', [item]));
    expect([e.phase, e.message]).toEqual(['input', `build-args: "${item}" is not KEY=value`]);
  });
});

describe('build secrets', () => {
  it.each([
    ['id=npm,env=NPM_TOKEN', { id: 'npm', from: { env: 'NPM_TOKEN' } }],
    ['id=key,src=/run/key', { id: 'key', from: { file: '/run/key' } }],
    ['id=key,source=k.pem', { id: 'key', from: { file: 'k.pem' } }],
  ])('the CLI takes buildx syntax: %s', (spec, expected) => {
    expect(parseSecretSpec(spec)).toEqual(expected);
  });

  it.each(['env=X', 'id=x', 'npm'])('refuses %s', (spec) => {
    expect(() => parseSecretSpec(spec)).toThrow(/give id=<id> and env=<variable> or src=<file>/);
  });

  it('the action takes id=value lines, the value kept whole', () => {
    expect(parseSecretValue('token=a=b,c')).toEqual({ id: 'token', from: { value: 'a=b,c' } });
    expect(() => parseSecretValue('=x')).toThrow(/id=value/);
  });
});

describe('packageTarget', () => {
  it('maps namespace:name@version under the first tag’s registry and parent path, as wkg resolves it', () => {
    expect(packageTarget('example:hello@1.2.3', '', ['ghcr.io/org/app:v1'])).toEqual({
      name: 'example:hello',
      version: '1.2.3',
      repository: 'ghcr.io/org/example/hello',
    });
    expect(packageTarget('example:hello@1.2.3', undefined, ['127.0.0.1:5000/app:v1']).repository).toBe(
      '127.0.0.1:5000/example/hello',
    );
  });

  it('takes a registry of its own, and a git tag’s v1.2.3 as 1.2.3', () => {
    expect(packageTarget('my-ns:greet-cli@v2.0.0-rc.1', 'registry.test/pkgs/', [])).toEqual({
      name: 'my-ns:greet-cli',
      version: '2.0.0-rc.1',
      repository: 'registry.test/pkgs/my-ns/greet-cli',
    });
  });

  it.each([
    ['hello@1.2.3', 'is not namespace:name@version'],
    ['Example:hello@1.2.3', 'is not namespace:name@version'],
    ['example:hello', 'is not namespace:name@version'],
    ['example:hello@1.2', '"1.2" is not a semantic version'],
    ['example:hello@1.2.3+build.5', 'no +build part'],
  ])('refuses %s', (text, message) => {
    const run = () => packageTarget(text, 'r.test', []);
    expect(run).toThrow(PipelineError);
    expect(run).toThrow(message);
  });

  it('needs a registry when there is no tag to take it from', () => {
    expect(() => packageTarget('example:hello@1.2.3', '', [])).toThrow('package-registry: give the registry');
  });
});
