import { describe, expect, it } from 'vitest';
import { ownPlatform, parseWorkers, readEnvironment } from '../../../frontend/gateway/environment.js';
import { FrontendError } from '../../../frontend/gateway/frontend-error.js';
import { frontendOptsFromEnv, parseFrontendOptions } from '../../../frontend/gateway/options.js';
import { GrpcCode } from '../../../frontend/gateway/transport/grpc-status.js';

const opts = (entries: Record<string, string>) => parseFrontendOptions(new Map(Object.entries(entries)));

function invalid(fn: () => unknown): FrontendError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FrontendError);
    expect((err as FrontendError).status.code).toBe(GrpcCode.INVALID_ARGUMENT);
    return err as FrontendError;
  }
  throw new Error('expected a FrontendError');
}

describe('frontendOptsFromEnv', () => {
  it('splits on the first "=", treats a missing "=" as an empty value, and ignores other variables', () => {
    const env = {
      BUILDKIT_FRONTEND_OPT_2: 'build-arg:URL=https://x/?a=b',
      BUILDKIT_FRONTEND_OPT_0: 'no-cache',
      BUILDKIT_FRONTEND_OPT_1: 'filename=wasm.toml',
      BUILDKIT_FRONTEND_OPT_10: 'label:empty=',
      BUILDKIT_FRONTEND_OPT_X: 'ignored=1',
      BUILDKIT_FRONTEND_OPT_: 'ignored=2',
      PATH: '/bin',
    };
    expect([...frontendOptsFromEnv(env)]).toEqual([
      ['no-cache', ''],
      ['filename', 'wasm.toml'],
      ['build-arg:URL', 'https://x/?a=b'],
      ['label:empty', ''],
    ]);
  });
});

describe('parseFrontendOptions', () => {
  it('has our defaults when nothing is set', () => {
    expect(opts({})).toEqual({
      raw: new Map(),
      filename: 'wasm.toml',
      dockerfileKey: 'dockerfile',
      contextKey: 'context',
      platforms: [],
      buildArgs: new Map(),
      labels: new Map(),
      imageResolveMode: 'default',
      cacheImports: [],
      frontendCaps: [],
      namedContexts: new Map(),
      sbom: false,
    });
  });

  it('reads every typed option', () => {
    const o = opts({
      filename: 'sub/app.toml',
      dockerfilekey: 'dockerfile-x',
      contextkey: 'ctx',
      target: 'release',
      platform: 'wasi/wasm,linux/arm64/v8',
      'build-arg:Z': 'last',
      'build-arg:A': 'first=with=equals',
      'label:org.opencontainers.image.title': 'hello',
      'no-cache': 'build,test',
      'image-resolve-mode': 'pull',
      'cache-imports': '[{"Type":"registry","Attrs":{"ref":"r/cache"}},{"type":"gha"}]',
      'cache-from': 'r/old1,r/old2',
      requestid: 'frontend.outline',
      'frontend.caps': 'moby.buildkit.frontend.inputs,moby.buildkit.frontend.subrequests',
      'context:rust': 'docker-image://rust:1.80',
      'context:': 'no name: ignored',
      source: 'ghcr.io/org/wasm-frontend:v1',
    });
    expect(o).toMatchObject({
      filename: 'sub/app.toml',
      dockerfileKey: 'dockerfile-x',
      contextKey: 'ctx',
      target: 'release',
      platforms: [
        { os: 'wasi', architecture: 'wasm' },
        { os: 'linux', architecture: 'arm64', variant: 'v8' },
      ],
      noCache: ['build', 'test'],
      imageResolveMode: 'pull',
      cacheImports: [
        { type: 'registry', attrs: new Map([['ref', 'r/cache']]) },
        { type: 'gha', attrs: new Map() },
        { type: 'registry', attrs: new Map([['ref', 'r/old1']]) },
        { type: 'registry', attrs: new Map([['ref', 'r/old2']]) },
      ],
      requestId: 'frontend.outline',
      frontendCaps: ['moby.buildkit.frontend.inputs', 'moby.buildkit.frontend.subrequests'],
    });
    expect([...o.buildArgs]).toEqual([
      ['A', 'first=with=equals'],
      ['Z', 'last'],
    ]);
    expect([...o.labels]).toEqual([['org.opencontainers.image.title', 'hello']]);
    expect([...o.namedContexts]).toEqual([['rust', 'docker-image://rust:1.80']]);
    expect(o.raw.get('source')).toBe('ghcr.io/org/wasm-frontend:v1');
  });

  it.each([
    ['bare no-cache means every step', { 'no-cache': '' }, 'all'],
    ['a filter names steps', { 'no-cache': 'a' }, ['a']],
  ])('no-cache: %s', (_name, raw, want) => {
    expect(opts(raw).noCache).toEqual(want);
  });

  it.each([
    ['buildx --sbom=true', '', true],
    ['with scanner params only', 'BUILDKIT_SBOM_SCAN_STAGE=true', true],
    ['turned off', 'disabled=true', false],
    ["a generator of the user's: BuildKit runs it", 'generator=registry.test/scanner', false],
  ])('attest:sbom: %s', (_name, value, want) => {
    expect(opts({ 'attest:sbom': value }).sbom).toBe(want);
  });

  it.each([
    ['', 'default'],
    ['default', 'default'],
    ['pull', 'pull'],
    ['local', 'local'],
  ])('image-resolve-mode %j', (value, want) => {
    expect(opts({ 'image-resolve-mode': value }).imageResolveMode).toBe(want);
  });

  it('accepts Go null for an empty cache-imports list', () => {
    expect(opts({ 'cache-imports': 'null' }).cacheImports).toEqual([]);
  });

  it.each([
    ['platform without architecture', { platform: 'wasi' }, /invalid platform "wasi"/],
    ['platform with an empty part', { platform: 'linux/arm64/' }, /invalid platform/],
    ['platform with too many parts', { platform: 'a/b/c/d' }, /invalid platform/],
    ['unknown resolve mode', { 'image-resolve-mode': 'always' }, /invalid image-resolve-mode "always"/],
    ['cache-imports not JSON', { 'cache-imports': '[{' }, /invalid cache-imports/],
    ['cache-imports not an array', { 'cache-imports': '{}' }, /expected a JSON array/],
    ['cache-imports without Type', { 'cache-imports': '[{"Attrs":{}}]' }, /has no Type/],
    [
      'cache-imports with non-string attrs',
      { 'cache-imports': '[{"Type":"x","Attrs":{"a":1}}]' },
      /Attrs must/,
    ],
  ])('rejects %s as INVALID_ARGUMENT', (_name, raw, message) => {
    expect(invalid(() => opts(raw)).message).toMatch(message);
  });
});

describe('environment', () => {
  it('reads session, product and workers; the build platform is the first worker platform', () => {
    const env = readEnvironment({
      BUILDKIT_SESSION_ID: 'sess-1',
      BUILDKIT_EXPORTEDPRODUCT: 'buildkit',
      BUILDKIT_WORKERS: JSON.stringify([
        {
          ID: 'w0',
          Labels: { 'org.mobyproject.buildkit.worker.executor': 'oci' },
          Platforms: [
            { architecture: 'arm64', os: 'linux', variant: 'v8' },
            { architecture: 'amd64', os: 'linux', 'os.features': ['f'] },
          ],
        },
        { id: 'w1', platforms: [{ architecture: 'arm', os: 'linux', variant: 'v7' }] },
      ]),
    });
    expect(env).toEqual({
      sessionId: 'sess-1',
      exportedProduct: 'buildkit',
      buildPlatform: { os: 'linux', architecture: 'arm64', variant: 'v8' },
      workers: [
        {
          id: 'w0',
          labels: new Map([['org.mobyproject.buildkit.worker.executor', 'oci']]),
          platforms: [
            { os: 'linux', architecture: 'arm64', variant: 'v8' },
            { os: 'linux', architecture: 'amd64', osFeatures: ['f'] },
          ],
        },
        { id: 'w1', labels: new Map(), platforms: [{ os: 'linux', architecture: 'arm', variant: 'v7' }] },
      ],
    });
  });

  it.each([
    ['no BUILDKIT_WORKERS', undefined],
    ['Go null', 'null'],
    ['a worker without platforms', '[{"ID":"w"}]'],
  ])('falls back to this process platform with %s', (_name, workers) => {
    const env = readEnvironment(workers === undefined ? {} : { BUILDKIT_WORKERS: workers });
    expect(env.buildPlatform).toEqual(ownPlatform());
    expect(env.sessionId).toBeUndefined();
  });

  it('names the platform in OCI terms', () => {
    expect(ownPlatform().architecture).not.toBe('x64');
    expect(ownPlatform().os).toBe(process.platform);
  });

  it.each([
    ['{', /not valid JSON/],
    ['{}', /not a JSON array/],
    ['[1]', /not a JSON object/],
  ])('rejects BUILDKIT_WORKERS=%s', (json, message) => {
    expect(() => parseWorkers(json)).toThrow(message);
  });
});
