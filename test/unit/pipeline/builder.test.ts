import { describe, expect, it } from 'vitest';
import { builderDriver, chooseBuilder, removeBuilder } from '../../../src/pipeline/builder.js';
import type { ProcessRunner } from '../../../src/pipeline/types.js';
import type { ProcessResult } from '../../../src/process.js';

const inspectOutput = (driver: string) =>
  `Name:          x\nDriver:        ${driver}\nLast Activity: 2025-01-01 00:00:00 +0000 UTC\n\n` +
  'Nodes:\nName:             x0\nEndpoint:         unix:///run/buildkit.sock\nStatus:           running\n';

/** A runner answering by buildx subcommand, recording each call as one argv. */
function fakeRunner(answers: Record<string, Partial<ProcessResult>>) {
  const calls: string[][] = [];
  const run: ProcessRunner = async (cmd, args) => {
    calls.push([cmd, ...args]);
    return {
      code: 0,
      stdout: '',
      stdoutBytes: Buffer.alloc(0),
      stderr: '',
      timedOut: false,
      ...answers[args[0]!],
    };
  };
  return { run, calls };
}

describe('builderDriver', () => {
  it.each([
    [inspectOutput('docker-container'), 'docker-container'],
    [inspectOutput('docker'), 'docker'],
    ['Name: x\nDriver: remote\n', 'remote'],
    ['Name: x\n', undefined],
  ])('%j: %s', (output, driver) => {
    expect(builderDriver(output)).toBe(driver);
  });
});

describe('chooseBuilder', () => {
  it('replaces a docker driver builder with a docker-container one it created', async () => {
    const { run, calls } = fakeRunner({ inspect: { stdout: inspectOutput('docker') } });
    expect(await chooseBuilder(undefined, run, {}, 'wasm-build-1')).toEqual({
      name: 'wasm-build-1',
      driver: 'docker-container',
      created: true,
    });
    expect(calls).toEqual([
      ['buildx', 'inspect'],
      ['buildx', 'create', '--driver=docker-container', '--name=wasm-build-1', '--bootstrap'],
    ]);
  });

  it.each([
    ['remote', 'tb'],
    ['docker-container', undefined],
    ['kubernetes', 'k8s'],
  ])('keeps a %s builder (%s)', async (driver, requested) => {
    const { run, calls } = fakeRunner({ inspect: { stdout: inspectOutput(driver) } });
    expect(await chooseBuilder(requested, run, {}, 'wasm-build-1')).toEqual({
      name: requested,
      driver,
      created: false,
    });
    expect(calls).toEqual([['buildx', 'inspect', ...(requested ? [requested] : [])]]);
  });

  it('throws with a hint when inspect fails', async () => {
    const { run } = fakeRunner({ inspect: { code: 1, stderr: 'ERROR: no builder "nope" found\n' } });
    await expect(chooseBuilder('nope', run, {}, 'u')).rejects.toThrow(
      'buildx inspect nope failed: ERROR: no builder "nope" found. Set up buildx first (docker/setup-buildx-action), or name a builder that exists.',
    );
  });

  it('throws when the docker-container builder cannot be created', async () => {
    const { run } = fakeRunner({
      inspect: { stdout: inspectOutput('docker') },
      create: { code: 1, stderr: 'no space' },
    });
    await expect(chooseBuilder(undefined, run, {}, 'u')).rejects.toThrow(
      /cannot export an OCI layout, and creating a docker-container builder failed: no space/,
    );
  });
});

describe('removeBuilder', () => {
  it('runs buildx rm, and throws when it fails', async () => {
    const ok = fakeRunner({});
    await removeBuilder('b1', ok.run, {});
    expect(ok.calls).toEqual([['buildx', 'rm', 'b1']]);
    const bad = fakeRunner({ rm: { code: 1, stderr: 'in use' } });
    await expect(removeBuilder('b1', bad.run, {})).rejects.toThrow('buildx rm b1 failed: in use');
  });
});
