// getInputs(): action.yml's inputs, by their names there, as the pipeline's raw inputs.
import path from 'node:path';
import * as core from '@actions/core';
import { parseSecretValue, type RawInputs } from '../pipeline/inputs.js';
import { parseList } from './lists.js';

export interface ActionInputs {
  raw: RawInputs;
  push: boolean;
}

const list = (name: string) => parseList(core.getInput(name));
const lines = (name: string) => parseList(core.getInput(name), { ignoreComma: true });

export function getInputs(): ActionInputs {
  const env = process.env;
  const raw: RawInputs = {
    file: core.getInput('file'),
    context: core.getInput('context'),
    targets: list('targets'),
    buildArgs: lines('build-args'),
    tags: list('tags'),
    labels: lines('labels'),
    annotations: lines('annotations'),
    runtimes: list('runtimes'),
    tests: core.getBooleanInput('tests'),
    testJobs: core.getInput('test-jobs'),
    artifact: core.getInput('artifact'),
    package: core.getInput('package'),
    packageRegistry: core.getInput('package-registry'),
    signKey: core.getInput('cosign-key'),
    runtimeTags: core.getBooleanInput('runtime-tags'),
    frontend: core.getInput('frontend'),
    builder: core.getInput('builder'),
    cacheFrom: lines('cache-from'),
    cacheTo: lines('cache-to'),
    noCache: core.getBooleanInput('no-cache'),
    provenance: core.getBooleanInput('provenance'),
    sbom: core.getBooleanInput('sbom'),
    secrets: lines('secrets').map(parseSecretValue),
    runtimeMirror: core.getInput('runtime-mirror'),
    npmRegistry: core.getInput('npm-registry'),
    githubToken: core.getInput('github-token'),
    workDir: path.join(
      env.RUNNER_TEMP || '.',
      `wasm-build-${env.GITHUB_RUN_ID || 'local'}-${env.GITHUB_ACTION || 'step'}`,
    ),
    progress: 'plain',
  };
  return { raw, push: core.getBooleanInput('push') };
}
