import { describe, expect, it } from 'vitest';
import { mergeScopes, repositoryScope, scopesCover } from '../../../src/oci/scope.js';
import {
  backoffDelay,
  defaultRetryPolicy,
  isRetryableStatus,
  nextDelay,
  parseRetryAfter,
} from '../../../src/oci/retry.js';

describe('scopes', () => {
  it.each([
    [['repository:a:pull', 'repository:a:push'], ['repository:a:pull,push']],
    [
      ['repository:a:push,pull', 'repository:b:pull'],
      ['repository:a:pull,push', 'repository:b:pull'],
    ],
    [['repository:b:pull repository:a:pull'], ['repository:a:pull', 'repository:b:pull']],
    [['registry:catalog:*'], ['registry:catalog:*']],
    [[], []],
  ])('mergeScopes(%j)', (input, expected) => {
    expect(mergeScopes(input)).toEqual(expected);
  });

  it('builds repository scopes with sorted actions', () => {
    expect(repositoryScope('org/app', 'push', 'pull')).toBe('repository:org/app:pull,push');
  });

  it.each([
    [['repository:a:pull,push'], ['repository:a:pull'], true],
    [['repository:a:pull'], ['repository:a:pull,push'], false],
    [['repository:a:*'], ['repository:a:pull,push'], true],
    [['repository:a:pull,push'], ['repository:a:pull', 'repository:b:pull'], false],
    [['repository:a:pull,push', 'repository:b:pull'], ['repository:b:pull'], true],
  ])('scopesCover(%j, %j) is %s', (granted, needed, ok) => {
    expect(scopesCover(granted, needed)).toBe(ok);
  });
});

describe('retry policy', () => {
  it.each([
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [408, true],
    [400, false],
    [401, false],
    [404, false],
    [501, false],
  ])('status %i retryable: %s', (status, ok) => {
    expect(isRetryableStatus(status)).toBe(ok);
  });

  const now = Date.parse('2025-01-01T00:00:00Z');
  it.each([
    ['3', 3000],
    ['0', 0],
    ['Wed, 01 Jan 2025 00:00:10 GMT', 10_000],
    ['Tue, 31 Dec 2024 23:59:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('Retry-After %j is %j ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it('backs off exponentially within bounds (full jitter)', () => {
    const p = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 10].map((r) => backoffDelay(r, p, () => 0.999999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
    expect(backoffDelay(3, p, () => 0)).toBe(0);
  });

  it('gives up after maxAttempts and on an over-long Retry-After', () => {
    const p = { ...defaultRetryPolicy, maxAttempts: 3, maxRetryAfterMs: 5000 };
    expect(nextDelay(0, p, undefined, () => 0.5)).toBeGreaterThanOrEqual(0);
    expect(nextDelay(1, p, 2000)).toBe(2000);
    expect(nextDelay(2, p, 2000)).toBeUndefined();
    expect(nextDelay(0, p, 60_000)).toBeUndefined();
  });
});
