import { describe, expect, it } from 'vitest';
import {
  actionsCacheAvailable,
  cacheScope,
  defaultActionsCache,
} from '../../../src/pipeline/actions-cache.js';

const token = { ACTIONS_RUNTIME_TOKEN: 't' };

describe('actionsCacheAvailable', () => {
  it.each([
    [{}, false],
    [{ ACTIONS_CACHE_URL: 'https://c/' }, false],
    [token, false],
    [{ ...token, ACTIONS_CACHE_URL: 'https://c/' }, true],
    [{ ...token, ACTIONS_CACHE_SERVICE_V2: 'True', ACTIONS_RESULTS_URL: 'https://r/' }, true],
    [{ ...token, ACTIONS_CACHE_SERVICE_V2: 'true', ACTIONS_CACHE_URL: 'https://c/' }, false],
    [{ ...token, ACTIONS_CACHE_SERVICE_V2: 'false', ACTIONS_CACHE_URL: 'https://c/' }, true],
    [{ ...token, ACTIONS_RESULTS_URL: 'https://r/' }, false],
  ])('%j: %s', (env, available) => {
    expect(actionsCacheAvailable(env)).toBe(available);
  });
});

describe('cacheScope', () => {
  it.each([
    ['wasm.toml', undefined, 'wasm-build-wasm.toml'],
    ['app/wasm.toml', 'hello', 'wasm-build-app-wasm.toml-hello'],
    ['my app//wasm.toml', 'a:b', 'wasm-build-my-app-wasm.toml-a-b'],
    ['x_y/wasm.toml', '', 'wasm-build-x_y-wasm.toml'],
  ])('%s, %s: %s', (file, target, scope) => {
    expect(cacheScope(file, target)).toBe(scope);
  });
});

describe('defaultActionsCache', () => {
  it('reads from and writes to the scope, mode=max', () => {
    expect(defaultActionsCache({ ...token, ACTIONS_CACHE_URL: 'https://c/' }, 's1')).toEqual({
      cacheFrom: ['type=gha,scope=s1'],
      cacheTo: ['type=gha,scope=s1,mode=max'],
    });
  });

  it('is undefined without a cache', () => {
    expect(defaultActionsCache({}, 's1')).toBeUndefined();
  });
});
