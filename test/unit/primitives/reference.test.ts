import { describe, expect, it } from 'vitest';
import {
  formatReference,
  InvalidReferenceError,
  parseReference,
  qualifiedReference,
} from '../../../src/primitives/reference.js';

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

describe('qualifiedReference: the form BuildKit names images by', () => {
  it.each([
    ['alpine', 'docker.io/library/alpine:latest'],
    ['rust:1.80', 'docker.io/library/rust:1.80'],
    ['docker.io/rust', 'docker.io/library/rust:latest'],
    ['index.docker.io/library/rust:1', 'docker.io/library/rust:1'],
    ['bytecodealliance/wasmtime', 'docker.io/bytecodealliance/wasmtime:latest'],
    ['ghcr.io/org/img:v1', 'ghcr.io/org/img:v1'],
    ['localhost/img', 'localhost/img:latest'],
    ['localhost:5000/a/b:c', 'localhost:5000/a/b:c'],
    ['127.0.0.1:5000/img', '127.0.0.1:5000/img:latest'],
    // Where the three parsers this one replaced disagreed: an upper-case host, an IPv6 address.
    ['Registry.Example:5000/img', 'Registry.Example:5000/img:latest'],
    ['MyHost/img:1', 'MyHost/img:1'],
    ['[::1]:5000/img', '[::1]:5000/img:latest'],
    [`img@sha256:${'a'.repeat(64)}`, `docker.io/library/img@sha256:${'a'.repeat(64)}`],
    [`img:1@sha256:${'a'.repeat(64)}`, `docker.io/library/img:1@sha256:${'a'.repeat(64)}`],
  ])('%s -> %s', (ref, want) => {
    expect(qualifiedReference(ref)).toBe(want);
  });

  it.each([['Alpine'], ['img:'], ['img@sha256:abc'], ['a//b'], [''], ['img:bad tag']])(
    'rejects %j',
    (ref) => {
      expect(() => qualifiedReference(ref)).toThrow(/invalid image reference/);
    },
  );
});
