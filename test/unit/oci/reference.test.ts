import { describe, expect, it } from 'vitest';
import { formatReference, isLoopback, parseReference, registryApiHost } from '../../../src/oci/reference.js';
import { InvalidReferenceError } from '../../../src/oci/errors.js';

const digest = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it.each([
    ['alpine', { registry: 'docker.io', repository: 'library/alpine' }],
    ['alpine:3.20', { registry: 'docker.io', repository: 'library/alpine', tag: '3.20' }],
    ['user/app', { registry: 'docker.io', repository: 'user/app' }],
    ['docker.io/alpine', { registry: 'docker.io', repository: 'library/alpine' }],
    ['index.docker.io/user/app:v1', { registry: 'docker.io', repository: 'user/app', tag: 'v1' }],
    ['registry-1.docker.io/library/alpine', { registry: 'docker.io', repository: 'library/alpine' }],
    ['ghcr.io/org/app:v1', { registry: 'ghcr.io', repository: 'org/app', tag: 'v1' }],
    ['ghcr.io/org/team/app', { registry: 'ghcr.io', repository: 'org/team/app' }],
    ['localhost/app', { registry: 'localhost', repository: 'app' }],
    ['localhost:5000/app:latest', { registry: 'localhost:5000', repository: 'app', tag: 'latest' }],
    ['127.0.0.1:5000/a/b', { registry: '127.0.0.1:5000', repository: 'a/b' }],
    ['[::1]:5000/app:v1', { registry: '[::1]:5000', repository: 'app', tag: 'v1' }],
    [`ghcr.io/org/app@${digest}`, { registry: 'ghcr.io', repository: 'org/app', digest }],
    [`ghcr.io/org/app:v1@${digest}`, { registry: 'ghcr.io', repository: 'org/app', tag: 'v1', digest }],
    ['localhost:5000/app', { registry: 'localhost:5000', repository: 'app' }],
    [
      'my.reg/a_b/c__d/e-f/g--h/i.j:T_1.x-y',
      { registry: 'my.reg', repository: 'a_b/c__d/e-f/g--h/i.j', tag: 'T_1.x-y' },
    ],
  ])('%s', (input, expected) => {
    expect(parseReference(input)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['Upper/App', 'lower-case'],
    ['ghcr.io/org/App', 'lower-case'],
    ['ghcr.io/', 'repository name is missing'],
    ['app:', 'not a valid tag'],
    ['app:-bad', 'not a valid tag'],
    [`app:${'x'.repeat(129)}`, 'not a valid tag'],
    ['app@sha256:abc', 'not a digest'],
    [`app@sha256:${'A'.repeat(64)}`, '64 lower-case hex'],
    ['ghcr.io/org//app', 'not a valid repository name'],
    ['ghcr.io/org/app_', 'not a valid repository name'],
    ['bad_host.io:x/app', 'not a host[:port]'],
  ])('rejects %j', (input, message) => {
    expect(() => parseReference(input)).toThrow(InvalidReferenceError);
    expect(() => parseReference(input)).toThrow(message);
  });

  it('round-trips through formatReference', () => {
    for (const s of ['ghcr.io/org/app:v1', `localhost:5000/app@${digest}`, 'docker.io/library/alpine:3']) {
      expect(formatReference(parseReference(s))).toBe(s);
    }
  });
});

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
