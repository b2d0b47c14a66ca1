import { describe, expect, it } from 'vitest';
import { PipelineError } from '../../../src/pipeline/errors.js';
import { imageRepository, tagsByRepository } from '../../../src/pipeline/push.js';

describe('tagsByRepository', () => {
  it('groups by repository, in order, without duplicates, latest for no tag', () => {
    const groups = tagsByRepository([
      'ghcr.io/o/app:1',
      'ghcr.io/o/app',
      'localhost:5000/x:dev',
      'ghcr.io/o/app:1',
      'ghcr.io/o/app:2',
      'alpine',
      'ghcr.io/o/app:latest',
    ]);
    expect([...groups]).toEqual([
      ['ghcr.io/o/app', ['1', 'latest', '2']],
      ['localhost:5000/x', ['dev']],
      ['docker.io/library/alpine', ['latest']],
    ]);
  });

  it('is empty for no references', () => {
    expect(tagsByRepository([]).size).toBe(0);
  });

  it.each([
    [`ghcr.io/o/app@sha256:${'a'.repeat(64)}`, /names a digest; give a tag to push to/],
    [`ghcr.io/o/app:1@sha256:${'a'.repeat(64)}`, /names a digest/],
    ['ghcr.io/O/App:1', /^tags: .*lower-case/],
    ['ghcr.io/o/app:bad!tag', /^tags: .*not a valid tag/],
    ['', /^tags: /],
  ])('%j is an input error', (reference, message) => {
    let error: unknown;
    try {
      tagsByRepository(['ghcr.io/o/ok:1', reference]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PipelineError);
    expect((error as PipelineError).phase).toBe('input');
    expect((error as PipelineError).message).toMatch(message);
  });
});

describe('imageRepository', () => {
  it.each([
    ['ghcr.io/o/app', 'hello', 1, 'ghcr.io/o/app'],
    ['ghcr.io/o/app', 'hello', 2, 'ghcr.io/o/app-hello'],
    ['localhost:5000/x', 'b', 3, 'localhost:5000/x-b'],
  ])('%s, image %s of %i: %s', (repository, image, count, expected) => {
    expect(imageRepository(repository, image, count)).toBe(expected);
  });
});
