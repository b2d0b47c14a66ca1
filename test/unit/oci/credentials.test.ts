import { chmodSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ChainedCredentials,
  DockerConfigCredentials,
  defaultCredentials,
  githubCredentials,
  helperServerUrl,
  normalizeConfigKey,
  runCredentialHelper,
  type Credential,
} from '../../../src/oci/credentials.js';
import { CredentialHelperError } from '../../../src/oci/errors.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

let dir: string;
let env: NodeJS.ProcessEnv;
let log: string;

/**
 * A fake docker-credential helper: reads the server URL on stdin, logs it, answers from a table.
 * It speaks the real protocol (stdin URL, stdout JSON, "credentials not found" with exit 1).
 */
function writeHelper(
  name: string,
  table: Record<string, { Username: string; Secret: string }>,
  extra = '',
): void {
  const cases = Object.entries(table)
    .map(([url, c]) => `  '${url}') echo '${JSON.stringify({ ServerURL: url, ...c })}' ;;`)
    .join('\n');
  const script = `#!/bin/sh
[ "$1" = get ] || { echo "unexpected $1" >&2; exit 2; }
read -r url
echo "${name} $url" >> "${log}"
${extra}
case "$url" in
${cases}
  *) echo "credentials not found in native keychain"; exit 1 ;;
esac
`;
  const p = path.join(dir, 'bin', `docker-credential-${name}`);
  writeFileSync(p, script);
  chmodSync(p, 0o755);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wasm-build-creds-'));
  mkdirSync(path.join(dir, 'bin'));
  log = path.join(dir, 'helper.log');
  env = { PATH: `${path.join(dir, 'bin')}:/usr/bin:/bin`, HOME: dir };
  writeHelper('fake', {
    'ghcr.io': { Username: 'octo', Secret: 'ghp_fake' },
    'https://index.docker.io/v1/': { Username: 'hubuser', Secret: 'hubpass' },
    'id.example.com': { Username: '<token>', Secret: 'refresh-123' },
  });
  writeHelper('store', { 'store.example.com': { Username: 'su', Secret: 'sp' } });
  writeHelper('broken', {}, 'echo "keychain locked" >&2; exit 3');
});

function configFile(name: string, content: object): string {
  const p = path.join(dir, `${name}.json`);
  writeFileSync(p, JSON.stringify(content));
  return p;
}

describe('config.json keys', () => {
  it.each([
    ['https://index.docker.io/v1/', 'docker.io'],
    ['index.docker.io', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['docker.io', 'docker.io'],
    ['https://ghcr.io', 'ghcr.io'],
    ['http://localhost:5000/v2/', 'localhost:5000'],
    ['GHCR.IO', 'ghcr.io'],
    ['127.0.0.1:5000', '127.0.0.1:5000'],
  ])('%s names %s', (key, host) => {
    expect(normalizeConfigKey(key)).toBe(host);
  });

  it.each([
    ['docker.io', 'https://index.docker.io/v1/'],
    ['ghcr.io', 'ghcr.io'],
    ['localhost:5000', 'localhost:5000'],
  ])('the helper is asked for %s as %s', (registry, url) => {
    expect(helperServerUrl(registry)).toBe(url);
  });
});

describe('DockerConfigCredentials', () => {
  const auths = {
    'https://index.docker.io/v1/': { auth: b64('hub:secret:with:colons') },
    'localhost:5000': { username: 'u', password: 'p' },
    'https://id.example.org': { identitytoken: 'idtok' },
    'tok.example.org': { registrytoken: 'regtok' },
    'empty.example.org': {},
  };
  it.each<[string, Credential | undefined]>([
    ['docker.io', { kind: 'basic', username: 'hub', password: 'secret:with:colons' }],
    ['localhost:5000', { kind: 'basic', username: 'u', password: 'p' }],
    ['id.example.org', { kind: 'identityToken', token: 'idtok', username: undefined }],
    ['tok.example.org', { kind: 'registryToken', token: 'regtok' }],
    ['empty.example.org', undefined],
    ['unknown.example.org', undefined],
  ])('auths: %s', async (registry, expected) => {
    const store = new DockerConfigCredentials({ configPath: configFile('auths', { auths }), env });
    expect(await store.get(registry)).toEqual(expected);
  });

  it.each<[string, Credential | undefined]>([
    // credHelpers wins over credsStore and auths for its registry
    ['ghcr.io', { kind: 'basic', username: 'octo', password: 'ghp_fake' }],
    ['docker.io', { kind: 'basic', username: 'hubuser', password: 'hubpass' }],
    ['id.example.com', { kind: 'identityToken', token: 'refresh-123' }],
    // credsStore for the rest
    ['store.example.com', { kind: 'basic', username: 'su', password: 'sp' }],
    // the store does not know it: auths is the fallback
    ['localhost:5000', { kind: 'basic', username: 'u', password: 'p' }],
    ['nowhere.example.com', undefined],
  ])('credHelpers/credsStore: %s', async (registry, expected) => {
    const store = new DockerConfigCredentials({
      configPath: configFile('helpers', {
        auths: { 'localhost:5000': { username: 'u', password: 'p' }, 'ghcr.io': { auth: b64('not:used') } },
        credsStore: 'store',
        credHelpers: { 'ghcr.io': 'fake', 'https://index.docker.io/v1/': 'fake', 'id.example.com': 'fake' },
      }),
      env,
    });
    expect(await store.get(registry)).toEqual(expected);
  });

  it('reads $DOCKER_CONFIG/config.json by default, and a missing file means anonymous', async () => {
    const cfgDir = path.join(dir, 'dockercfg');
    mkdirSync(cfgDir, { recursive: true });
    writeFileSync(
      path.join(cfgDir, 'config.json'),
      JSON.stringify({ auths: { 'r.example': { auth: b64('a:b') } } }),
    );
    expect(
      await new DockerConfigCredentials({ env: { ...env, DOCKER_CONFIG: cfgDir } }).get('r.example'),
    ).toEqual({
      kind: 'basic',
      username: 'a',
      password: 'b',
    });
    expect(
      await new DockerConfigCredentials({ env: { ...env, DOCKER_CONFIG: path.join(dir, 'none') } }).get(
        'r.example',
      ),
    ).toBe(undefined);
  });

  it('reports a broken helper and a missing helper clearly', async () => {
    await expect(runCredentialHelper('broken', 'x.example', env)).rejects.toThrow(
      /docker-credential-broken.*keychain locked/,
    );
    const missing = new DockerConfigCredentials({
      configPath: configFile('missing', { credsStore: 'nosuch' }),
      env,
    });
    const err = await missing.get('x.example').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CredentialHelperError);
    expect((err as Error).message).toMatch(/docker-credential-nosuch is not on PATH/);
  });

  it('rejects a malformed auth entry', async () => {
    const store = new DockerConfigCredentials({
      configPath: configFile('bad', { auths: { 'a.io': { auth: b64('nocolon') } } }),
      env,
    });
    await expect(store.get('a.io')).rejects.toThrow(/not base64 of "user:password"/);
  });
});

describe('credential chains', () => {
  it('uses GITHUB_TOKEN for ghcr.io only, with the actor as user name', async () => {
    const gh = githubCredentials('ghs_abc', 'octocat');
    expect(await gh.get('ghcr.io')).toEqual({ kind: 'basic', username: 'octocat', password: 'ghs_abc' });
    expect(await gh.get('docker.io')).toBeUndefined();
  });

  it('puts explicit credentials before GITHUB_TOKEN before config.json', async () => {
    const cfg = configFile('chain', {
      auths: { 'ghcr.io': { auth: b64('cfg:cfg') }, 'r.io': { auth: b64('cfg:cfg') } },
    });
    const store = defaultCredentials({
      explicit: [{ registry: 'r.io', username: 'flag', password: 'flag' }],
      env: { ...env, GITHUB_TOKEN: 'ghs_x', GITHUB_ACTOR: 'me' },
      dockerConfig: cfg,
    });
    expect(await store.get('r.io')).toEqual({ kind: 'basic', username: 'flag', password: 'flag' });
    expect(await store.get('ghcr.io')).toEqual({ kind: 'basic', username: 'me', password: 'ghs_x' });
    const noGh = defaultCredentials({ env, dockerConfig: cfg });
    expect(await noGh.get('ghcr.io')).toEqual({ kind: 'basic', username: 'cfg', password: 'cfg' });
    expect(await new ChainedCredentials().get('x')).toBeUndefined();
  });
});
