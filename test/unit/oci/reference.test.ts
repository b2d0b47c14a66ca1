import { describe, expect, it } from 'vitest';
import { isLoopback, registryApiHost } from '../../../src/oci/reference.js';

describe('registry hosts', () => {
  it.each([
    ['docker.io', 'registry-1.docker.io'],
    ['ghcr.io', 'ghcr.io'],
    ['localhost:5000', 'localhost:5000'],
  ])('API host of %s is %s', (registry, host) => {
    expect(registryApiHost(registry)).toBe(host);
  });

  it.each([
    ['localhost', true],
    ['localhost:5000', true],
    ['127.0.0.1:5000', true],
    ['127.8.9.10', true],
    ['[::1]:5000', true],
    ['registry.localhost:80', true],
    ['ghcr.io', false],
    ['10.0.0.1:5000', false],
    ['127.0.0.1.example.com', false],
  ])('isLoopback(%s) is %s', (host, loop) => {
    expect(isLoopback(host)).toBe(loop);
  });
});
