import { describe, expect, it } from 'vitest';
import { buildxArgs, type BuildxInputs } from '../../../src/pipeline/buildx.js';

const base: BuildxInputs = { context: 'app', file: 'app/wasm.toml', layoutDir: '/tmp/out' };

describe('buildxArgs', () => {
  it('defaults to wasi/wasm, no provenance, an OCI layout directory', () => {
    expect(buildxArgs(base)).toEqual([
      'build',
      '--progress=plain',
      '--file=app/wasm.toml',
      '--platform=wasi/wasm',
      '--provenance=false',
      '--output=type=oci,dest=/tmp/out,tar=false',
      'app',
    ]);
  });

  it.each([
    [{ frontend: 'reg/fe:1' }, '--build-arg=BUILDKIT_SYNTAX=reg/fe:1'],
    [{ target: 'second' }, '--target=second'],
    [{ platform: 'wasip1/wasm' }, '--platform=wasip1/wasm'],
    [{ provenance: true }, '--provenance=true'],
    [{ noCache: true }, '--no-cache'],
    [{ metadataFile: 'm.json' }, '--metadata-file=m.json'],
    [{ cacheFrom: ['type=local,src=c'] }, '--cache-from=type=local,src=c'],
    [{ cacheTo: ['type=local,dest=c'] }, '--cache-to=type=local,dest=c'],
    [{ labels: { team: 'wasm' } }, '--label=team=wasm'],
  ] as const)('%o adds %s', (extra, flag) => {
    expect(buildxArgs({ ...base, ...extra })).toContain(flag);
  });

  it('sorts build args so the same inputs give the same argv', () => {
    const args = buildxArgs({ ...base, buildArgs: { B: '2', A: '1=x' } });
    expect(args.filter((a) => a.startsWith('--build-arg='))).toEqual([
      '--build-arg=A=1=x',
      '--build-arg=B=2',
    ]);
  });

  it('puts the context last', () => {
    expect(buildxArgs({ ...base, buildArgs: { A: '1' } }).at(-1)).toBe('app');
  });
});
