// Which tags a release moves (scripts/release-plan.ts): the rules release.yml and the e2e test rely on.
import { describe, expect, it } from 'vitest';
import {
  buildablePlatforms,
  compareVersions,
  npmDistTag,
  parseVersion,
  planRelease,
  releaseNotes,
} from '../../../scripts/release-plan.js';

describe('parseVersion / compareVersions', () => {
  it('reads X.Y.Z with or without v, a pre-release and build metadata', () => {
    expect(parseVersion('v1.2.3')).toMatchObject({
      major: 1,
      minor: 2,
      patch: 3,
      prerelease: [],
      text: '1.2.3',
    });
    expect(parseVersion('1.2.3-rc.1+sha.abc').text).toBe('1.2.3-rc.1');
    for (const bad of ['1.2', 'v1', '01.2.3', '1.2.3-', 'latest', 'v1.2.3.4']) {
      expect(() => parseVersion(bad), bad).toThrow(/not a semantic version/);
    }
  });

  it('orders as semver.org says', () => {
    const order = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.10.0',
      '2.0.0',
    ];
    for (let i = 1; i < order.length; i++) {
      expect(compareVersions(parseVersion(order[i - 1]!), parseVersion(order[i]!)), order[i]).toBeLessThan(0);
      expect(compareVersions(parseVersion(order[i]!), parseVersion(order[i - 1]!))).toBeGreaterThan(0);
    }
    expect(compareVersions(parseVersion('v1.2.3'), parseVersion('1.2.3'))).toBe(0);
  });
});

describe('planRelease', () => {
  it('a first release takes X.Y.Z, X.Y, X, latest and vX', () => {
    const plan = planRelease('v1.2.3');
    expect(plan.imageTags).toEqual(['1.2.3', '1.2', '1', 'latest']);
    expect(plan).toMatchObject({ gitTag: 'v1.2.3', majorGitTag: 'v1', latest: true, prerelease: false });
  });

  it('a pre-release takes its own tag only', () => {
    const plan = planRelease('1.3.0-rc.1', ['v1.2.3']);
    expect(plan.imageTags).toEqual(['1.3.0-rc.1']);
    expect(plan.majorGitTag).toBeUndefined();
    expect(plan.latest).toBe(false);
  });

  it('a release after its pre-releases takes everything (pre-releases do not count as newer)', () => {
    expect(planRelease('1.3.0', ['v1.2.3', 'v1.3.0-rc.1', 'v1.3.0-rc.2']).imageTags).toEqual([
      '1.3.0',
      '1.3',
      '1',
      'latest',
    ]);
  });

  it('a patch to an older line moves X.Y only; to an older major, X.Y and X (and vX) but not latest', () => {
    expect(planRelease('1.2.4', ['v1.2.3', 'v1.3.0']).imageTags).toEqual(['1.2.4', '1.2']);
    const old = planRelease('1.3.1', ['v1.3.0', 'v2.0.0']);
    expect(old.imageTags).toEqual(['1.3.1', '1.3', '1']);
    expect(old).toMatchObject({ majorGitTag: 'v1', latest: false });
  });

  it('re-running a release (its own tag already there) plans the same', () => {
    expect(planRelease('1.2.3', ['v1.2.3', 'v1.2.2', 'not-a-version']).imageTags).toEqual([
      '1.2.3',
      '1.2',
      '1',
      'latest',
    ]);
  });
});

describe('buildablePlatforms', () => {
  const inspect = 'Name: x\nPlatforms:        linux/amd64*, linux/amd64/v2, linux/386\n';
  it('keeps what the builder lists, reports the rest', () => {
    expect(buildablePlatforms(['linux/amd64', 'linux/arm64'], inspect)).toEqual({
      build: ['linux/amd64'],
      missing: ['linux/arm64'],
    });
    expect(buildablePlatforms(['linux/arm64'], 'Platforms: linux/amd64, linux/arm64\n').missing).toEqual([]);
  });
});

describe('releaseNotes', () => {
  it('names the frontend by tag and digest, and the commits', () => {
    const notes = releaseNotes({
      plan: planRelease('1.2.3'),
      repository: 'ghcr.io/wasm-build/wasm-frontend',
      digest: 'sha256:abc',
      commits: ['Fix a thing (1234567)'],
      previousTag: 'v1.2.2',
    });
    expect(notes).toContain('# syntax=ghcr.io/wasm-build/wasm-frontend:1.2.3@sha256:abc');
    expect(notes).toContain('uses: wasm-build/wasm-build-action@v1.2.3');
    expect(notes).toContain('### Changes since v1.2.2');
    expect(notes).toContain('- Fix a thing (1234567)');
  });
});

describe('npmDistTag', () => {
  it.each([
    ['1.3.0', ['v1.2.0'], 'latest'],
    ['1.3.0-rc.1', ['v1.2.0'], 'next'],
    ['1.2.5', ['v1.2.4', 'v2.0.0'], 'latest-1'],
    ['0.1.0', [], 'latest'],
  ])('%s after %j is published as %s', (version, released, tag) => {
    expect(npmDistTag(planRelease(version, released))).toBe(tag);
  });
});
