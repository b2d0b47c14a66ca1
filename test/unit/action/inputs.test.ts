import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getInputs } from '../../../src/action/inputs.js';
import { actionDefaults } from '../../support/action-yml.js';

/** As the runner does: INPUT_ + the name upper-cased, spaces as underscores, dashes kept. */
function setInputs(inputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(inputs)) {
    vi.stubEnv(`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value);
  }
}

const defaults = actionDefaults();
// The runner substitutes the expression; a token stands in for it here.
const withToken = { ...defaults, 'github-token': 'ghs_token' };

describe('getInputs', () => {
  beforeEach(() => {
    // As outside a runner, even when the tests run on one.
    for (const name of ['RUNNER_TEMP', 'GITHUB_RUN_ID', 'GITHUB_ACTION']) vi.stubEnv(name, '');
    setInputs(withToken);
  });
  afterEach(() => vi.unstubAllEnvs());

  it('reads every input of action.yml', () => {
    expect(Object.keys(defaults).sort()).toEqual(
      [
        'annotations',
        'artifact',
        'build-args',
        'builder',
        'cache-from',
        'cache-to',
        'context',
        'cosign-key',
        'file',
        'frontend',
        'github-token',
        'labels',
        'no-cache',
        'npm-registry',
        'package',
        'package-registry',
        'provenance',
        'push',
        'runtime-mirror',
        'runtime-tags',
        'runtimes',
        'sbom',
        'secrets',
        'tags',
        'targets',
        'test-jobs',
        'tests',
      ].sort(),
    );
  });

  it("gives action.yml's defaults", () => {
    expect(getInputs()).toEqual({
      push: false,
      raw: {
        file: '',
        context: '.',
        targets: [],
        buildArgs: [],
        tags: [],
        labels: [],
        annotations: [],
        runtimes: ['wasmtime', 'node'],
        tests: true,
        testJobs: '',
        artifact: '-wasm',
        package: '',
        packageRegistry: '',
        signKey: '',
        runtimeTags: true,
        frontend: '',
        builder: '',
        cacheFrom: [],
        cacheTo: [],
        noCache: false,
        provenance: false,
        sbom: false,
        secrets: [],
        runtimeMirror: '',
        npmRegistry: '',
        githubToken: 'ghs_token',
        workDir: 'wasm-build-local-step',
        progress: 'plain',
      },
    });
  });

  it.each([
    ['file', 'app/wasm.toml', { file: 'app/wasm.toml' }],
    ['context', ' app ', { context: 'app' }],
    ['targets', 'a, b\nc', { targets: ['a', 'b', 'c'] }],
    ['build-args', 'A=1,2\n# off\nB=3', { buildArgs: ['A=1,2', 'B=3'] }],
    ['tags', 'r.io/a:1\nr.io/a:2,r.io/a:3', { tags: ['r.io/a:1', 'r.io/a:2', 'r.io/a:3'] }],
    ['labels', 'a=x,y\nb=z', { labels: ['a=x,y', 'b=z'] }],
    ['annotations', 'manifest:a=1,2', { annotations: ['manifest:a=1,2'] }],
    ['runtimes', 'wazero\nwasmer@6.0.1', { runtimes: ['wazero', 'wasmer@6.0.1'] }],
    ['tests', 'False', { tests: false }],
    ['artifact', 'false', { artifact: 'false' }],
    ['runtime-tags', 'FALSE', { runtimeTags: false }],
    ['package', 'example:hello@v1.2.3', { package: 'example:hello@v1.2.3' }],
    ['package-registry', 'ghcr.io/org', { packageRegistry: 'ghcr.io/org' }],
    ['frontend', 'reg/fe:1', { frontend: 'reg/fe:1' }],
    ['builder', 'b1', { builder: 'b1' }],
    ['cache-from', 'type=gha,scope=x', { cacheFrom: ['type=gha,scope=x'] }],
    ['cache-to', 'type=gha,mode=max', { cacheTo: ['type=gha,mode=max'] }],
    ['no-cache', 'true', { noCache: true }],
    ['provenance', 'True', { provenance: true }],
    ['sbom', 'TRUE', { sbom: true }],
    ['runtime-mirror', 'https://mirror.example', { runtimeMirror: 'https://mirror.example' }],
    ['npm-registry', 'https://npm.example/', { npmRegistry: 'https://npm.example/' }],
  ])('%s: %j', (name, value, expected) => {
    setInputs({ [name]: value });
    expect(getInputs().raw).toMatchObject(expected);
  });

  it('reads push', () => {
    setInputs({ push: 'true' });
    expect(getInputs().push).toBe(true);
  });

  it.each(['push', 'tests', 'runtime-tags', 'no-cache', 'provenance', 'sbom'])(
    'a bad boolean in %s throws',
    (name) => {
      setInputs({ [name]: 'yes' });
      expect(() => getInputs()).toThrow(TypeError);
    },
  );

  it('puts the work directory under RUNNER_TEMP, per run and step', () => {
    vi.stubEnv('RUNNER_TEMP', '/tmp/r');
    vi.stubEnv('GITHUB_RUN_ID', '42');
    vi.stubEnv('GITHUB_ACTION', 'build');
    expect(getInputs().raw.workDir).toBe('/tmp/r/wasm-build-42-build');
  });
});
