import { describe, expect, it } from 'vitest';
import { packageAnnotations } from '../../../src/publish/package.js';

describe('packageAnnotations', () => {
  it('takes the version, and source, revision, description and licenses from the image labels', () => {
    const labels = {
      'org.opencontainers.image.licenses': 'Apache-2.0',
      'org.opencontainers.image.description': 'greets',
      'org.opencontainers.image.source': 'https://example.test/repo',
      'other.label': 'x',
    };
    expect(packageAnnotations('1.2.3', labels, { GITHUB_SHA: 'abc' })).toEqual({
      'org.opencontainers.image.description': 'greets',
      'org.opencontainers.image.licenses': 'Apache-2.0',
      'org.opencontainers.image.revision': 'abc',
      'org.opencontainers.image.source': 'https://example.test/repo',
      'org.opencontainers.image.version': '1.2.3',
    });
  });

  it('gives the Actions repository as the source where no label says', () => {
    const env = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'def' };
    expect(packageAnnotations('0.1.0', {}, env)).toEqual({
      'org.opencontainers.image.revision': 'def',
      'org.opencontainers.image.source': 'https://github.com/o/r',
      'org.opencontainers.image.version': '0.1.0',
    });
  });
});
