import { describe, expect, it } from 'vitest';
import { parseChallenges, preferredChallenge } from '../../../src/oci/challenge.js';

describe('parseChallenges (WWW-Authenticate)', () => {
  it.each([
    [
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.docker.io/token',
            service: 'registry.docker.io',
            scope: 'repository:samalba/my-app:pull,push',
          },
        },
      ],
    ],
    ['Basic realm="Registry Realm"', [{ scheme: 'basic', params: { realm: 'Registry Realm' } }]],
    ['basic realm=unquoted', [{ scheme: 'basic', params: { realm: 'unquoted' } }]],
    [
      'Bearer realm="https://ghcr.io/token", service="ghcr.io", scope="repository:o/r:pull"',
      [
        {
          scheme: 'bearer',
          params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:o/r:pull' },
        },
      ],
    ],
    [
      'Bearer realm="r",error="insufficient_scope",scope="repository:a:push"',
      [{ scheme: 'bearer', params: { realm: 'r', error: 'insufficient_scope', scope: 'repository:a:push' } }],
    ],
    [
      'Basic realm="a", Bearer realm="https://t/token",service="s"',
      [
        { scheme: 'basic', params: { realm: 'a' } },
        { scheme: 'bearer', params: { realm: 'https://t/token', service: 's' } },
      ],
    ],
    [
      'Bearer realm="with \\"escaped\\" quotes"',
      [{ scheme: 'bearer', params: { realm: 'with "escaped" quotes' } }],
    ],
    ['Bearer REALM="x" , Service = "y"', [{ scheme: 'bearer', params: { realm: 'x', service: 'y' } }]],
    [
      'Negotiate abc==, Basic realm="b"',
      [
        { scheme: 'negotiate', params: {}, token68: 'abc==' },
        { scheme: 'basic', params: { realm: 'b' } },
      ],
    ],
    ['Bearer', [{ scheme: 'bearer', params: {} }]],
    ['', []],
  ])('%s', (header, expected) => {
    expect(parseChallenges(header)).toEqual(expected);
  });

  it.each([
    ['Basic realm="a", Bearer realm="b"', 'bearer'],
    ['Basic realm="a"', 'basic'],
    ['Digest realm="a"', 'digest'],
  ])('prefers the right challenge in %s', (header, scheme) => {
    expect(preferredChallenge(parseChallenges(header))?.scheme).toBe(scheme);
  });
});
