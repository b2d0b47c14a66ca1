// The artifact by package name (`--package namespace:name@version`): wkg, an independent client, resolves
// the name and version through a config that maps the namespace to the testbed registry, as users configure
// it for ghcr.io, and gets the built component byte for byte. The package's manifest carries the
// org.opencontainers.image.* annotations; T, T-wasm and T-<runtime> are pushed as without it.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wasmBuild } from '../support/cli.js';
import { runOk } from '../support/exec.js';
import { loadTestbed, repoRoot } from '../support/testbed.js';

const tb = loadTestbed();
const work = mkdtempSync(path.join(os.tmpdir(), 'package-e2e-'));
const runId = Date.now().toString(36);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('a component pushed as a package', () => {
  it('is what wkg gets by name and version, with the OCI annotations filled in', async () => {
    const prefix = `e2e/pkg-${runId}`;
    const res = await wasmBuild(
      tb,
      work,
      [
        'push',
        path.join(repoRoot, 'examples', 'component-rust'),
        '-t',
        `${tb.registry}/${prefix}/app:v1`,
        '-r',
        'wasmtime',
        '--label',
        'org.opencontainers.image.licenses=Apache-2.0',
        '--package',
        'example:greet@v1.2.3',
      ],
      'package',
      [],
      { GITHUB_SHA: 'c0ffee', GITHUB_SERVER_URL: 'https://github.test', GITHUB_REPOSITORY: 'o/r' },
    );
    expect(res.code, res.stderr.slice(-3000)).toBe(0);
    const report = res.report();
    expect(report.images[0]!.tags.map((t) => [t.tag, t.kind])).toEqual([
      ['v1', 'image'],
      ['v1-wasm', 'artifact'],
      ['v1-wasmtime', 'runtime'],
      ['1.2.3', 'package'],
    ]);
    const reference = `${tb.registry}/${prefix}/example/greet:1.2.3`;
    expect(report.images[0]!.tags[3]!.reference).toBe(reference);

    const manifest = JSON.parse(
      await runOk('crane', ['manifest', '--insecure', reference], { env: tb.env }),
    ) as {
      config: { mediaType: string };
      annotations: Record<string, string>;
    };
    expect(manifest.config.mediaType).toBe('application/vnd.wasm.config.v0+json');
    expect(manifest.annotations).toEqual({
      'org.opencontainers.image.licenses': 'Apache-2.0',
      'org.opencontainers.image.revision': 'c0ffee',
      'org.opencontainers.image.source': 'https://github.test/o/r',
      'org.opencontainers.image.version': '1.2.3',
    });

    // wkg's config as users write it for an OCI registry: the namespace to the registry and a prefix.
    const config = path.join(work, 'wkg.toml');
    writeFileSync(
      config,
      [
        '[namespace_registries]',
        `example = { registry = "${tb.registry}", metadata = { preferredProtocol = "oci", "oci" = { registry = "${tb.registry}", namespacePrefix = "${prefix}/" } } }`,
        `[registry."${tb.registry}"]`,
        'type = "oci"',
        `[registry."${tb.registry}".oci]`,
        'protocol = "http"',
        '',
      ].join('\n'),
    );
    const env = { ...tb.env, WKG_CONFIG_FILE: config, WKG_CACHE_DIR: path.join(work, 'wkg-cache') };
    const built = readFileSync(report.images[0]!.modules[0]!.file);
    for (const spec of ['example:greet@1.2.3', 'example:greet']) {
      const out = path.join(work, `${spec.replace(/\W/g, '_')}.wasm`);
      await runOk('wkg', ['get', spec, '-o', out], { env });
      expect(sha256(readFileSync(out)), spec).toBe(sha256(built));
    }
  });
});
