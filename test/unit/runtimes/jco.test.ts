import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JCO_PACKAGES, NPM_REGISTRY, tarballUrl } from '../../../src/runtimes/jco.js';
import { repoRoot } from '../../../testbed/config.js';

describe('jco packages for node', () => {
  it("pins the tarballs frontend/Dockerfile's defaults pin (one set of jco pieces for the frontend and the runtime)", () => {
    const dockerfile = readFileSync(path.join(repoRoot, 'frontend', 'Dockerfile'), 'utf8');
    const arg = (name: string) => new RegExp(`^ARG ${name}=(\\S+)$`, 'm').exec(dockerfile)?.[1];
    const [transpile, shim] = JCO_PACKAGES;
    expect({ version: arg('JCO_TRANSPILE_VERSION'), sha256: arg('JCO_TRANSPILE_SHA256') }).toEqual({
      version: transpile.version,
      sha256: transpile.sha256,
    });
    expect({ version: arg('PREVIEW2_SHIM_VERSION'), sha256: arg('PREVIEW2_SHIM_SHA256') }).toEqual({
      version: shim.version,
      sha256: shim.sha256,
    });
    expect(arg('NPM_REGISTRY')).toBe(NPM_REGISTRY);
  });

  it.each([
    [NPM_REGISTRY, 'https://registry.npmjs.org/@bytecodealliance/jco-transpile/-/jco-transpile-0.15.0.tgz'],
    [
      'https://npm.example/api/npm/remote/',
      'https://npm.example/api/npm/remote/@bytecodealliance/jco-transpile/-/jco-transpile-0.15.0.tgz',
    ],
  ])('tarball URL under %s, path kept', (registry, url) => {
    expect(tarballUrl(registry, { name: '@bytecodealliance/jco-transpile', version: '0.15.0' })).toBe(url);
  });
});
