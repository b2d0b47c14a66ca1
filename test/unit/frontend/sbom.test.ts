import { describe, expect, it } from 'vitest';
import {
  LockfileError,
  parseCargoLock,
  parseGoModules,
  parsePackageLock,
  parseZigZon,
  readDependencies,
} from '../../../frontend/sbom/lockfiles.js';
import { spdxDocument, type SbomModule } from '../../../frontend/sbom/spdx.js';

const sha = 'ab'.repeat(32);

describe('Cargo.lock', () => {
  it('lists registry and git packages, not the workspace’s own crates', () => {
    const deps = parseCargoLock(`version = 3

[[package]]
name = "app"
version = "0.1.0"
dependencies = ["itoa"]

[[package]]
name = "itoa"
version = "1.0.11"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "${sha}"

[[package]]
name = "forked"
version = "0.2.0"
source = "git+https://example.test/forked.git#0123abc"
`);
    expect(deps).toEqual([
      {
        name: 'itoa',
        version: '1.0.11',
        purl: 'pkg:cargo/itoa@1.0.11',
        downloadLocation: 'https://crates.io/api/v1/crates/itoa/1.0.11/download',
        checksum: { algorithm: 'SHA256', hex: sha },
      },
      {
        name: 'forked',
        version: '0.2.0',
        purl: 'pkg:cargo/forked@0.2.0',
        downloadLocation: 'git+https://example.test/forked.git#0123abc',
      },
    ]);
  });

  it('says so when the file is not TOML', () => {
    expect(() => parseCargoLock('[[package]\nname=')).toThrow(LockfileError);
  });
});

describe('go.mod and go.sum', () => {
  const goMod = `module example.com/app

go 1.23

require golang.org/x/text v0.21.0

require (
	github.com/BurntSushi/toml v1.4.0 // indirect
	example.com/local v0.0.0
	example.com/old v1.0.0
)

replace example.com/local => ../local
replace example.com/old v1.0.0 => example.com/new v1.2.0
`;
  const goSum = `golang.org/x/text v0.21.0 h1:text=
golang.org/x/text v0.21.0/go.mod h1:textmod=
github.com/BurntSushi/toml v1.4.0 h1:toml=
example.com/new v1.2.0 h1:new=
`;

  it('lists every required module, indirect ones too, with go.sum’s h1 hash and replacements applied', () => {
    expect(parseGoModules(goMod, goSum)).toEqual([
      {
        name: 'golang.org/x/text',
        version: 'v0.21.0',
        purl: 'pkg:golang/golang.org/x/text@v0.21.0',
        downloadLocation: 'https://proxy.golang.org/golang.org/x/text/@v/v0.21.0.zip',
        integrity: 'h1:text=',
      },
      {
        name: 'github.com/BurntSushi/toml',
        version: 'v1.4.0',
        purl: 'pkg:golang/github.com/BurntSushi/toml@v1.4.0',
        downloadLocation: 'https://proxy.golang.org/github.com/!burnt!sushi/toml/@v/v1.4.0.zip',
        integrity: 'h1:toml=',
      },
      {
        name: 'example.com/local',
        version: 'v0.0.0',
        purl: 'pkg:golang/example.com/local@v0.0.0',
        downloadLocation: 'https://proxy.golang.org/example.com/local/@v/v0.0.0.zip',
      },
      {
        name: 'example.com/new',
        version: 'v1.2.0',
        purl: 'pkg:golang/example.com/new@v1.2.0',
        downloadLocation: 'https://proxy.golang.org/example.com/new/@v/v1.2.0.zip',
        integrity: 'h1:new=',
      },
    ]);
  });
});

describe('package-lock.json', () => {
  it('lists installed packages with the tarball digest from integrity, scoped names as purls spell them', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { name: 'app', version: '1.0.0' },
        'node_modules/@assemblyscript/wasi-shim': {
          version: '0.1.0',
          resolved: 'https://registry.npmjs.org/@assemblyscript/wasi-shim/-/wasi-shim-0.1.0.tgz',
          integrity: `sha512-${Buffer.from('x'.repeat(64)).toString('base64')}`,
        },
        'node_modules/linked': { link: true, resolved: '../linked' },
        'node_modules/a/node_modules/long': { version: '5.2.4', integrity: 'sha1-AAAA' },
      },
    };
    expect(parsePackageLock(JSON.stringify(lock))).toEqual([
      {
        name: '@assemblyscript/wasi-shim',
        version: '0.1.0',
        purl: 'pkg:npm/%40assemblyscript/wasi-shim@0.1.0',
        downloadLocation: 'https://registry.npmjs.org/@assemblyscript/wasi-shim/-/wasi-shim-0.1.0.tgz',
        checksum: { algorithm: 'SHA512', hex: Buffer.from('x'.repeat(64)).toString('hex') },
      },
      { name: 'long', version: '5.2.4', purl: 'pkg:npm/long@5.2.4' },
    ]);
  });

  it('asks for a v2+ lock file', () => {
    expect(() => parsePackageLock('{"lockfileVersion":1,"dependencies":{}}')).toThrow(
      'package-lock.json has no "packages": regenerate it with npm 7 or later',
    );
  });
});

describe('build.zig.zon', () => {
  it('lists URL dependencies with their hash, not path ones', () => {
    const zon = `.{
    .name = .app,
    .version = "0.1.0",
    .dependencies = .{
        // a comment
        .zap = .{
            .url = "https://example.test/zap-0.9.tar.gz",
            .hash = "1220abcd",
        },
        .@"dashed-name" = .{ .url = "https://example.test/d.tar.gz", .hash = "1220ef" },
        .local = .{ .path = "../local" },
    },
    .paths = .{""},
}`;
    expect(parseZigZon(zon).map((d) => [d.name, d.version, d.downloadLocation])).toEqual([
      ['zap', '1220abcd', 'https://example.test/zap-0.9.tar.gz'],
      ['dashed-name', '1220ef', 'https://example.test/d.tar.gz'],
    ]);
  });
});

describe('readDependencies', () => {
  const files: Record<string, string> = { 'go.mod': 'module m\nrequire a.test/b v1.0.0\n' };
  const read = (name: string) => Promise.resolve(files[name]);

  it('reads the files of the module’s language, and none for C', async () => {
    expect((await readDependencies('go', read)).map((d) => d.name)).toEqual(['a.test/b']);
    expect(await readDependencies('rust', read)).toEqual([]);
    expect(await readDependencies('c', read)).toEqual([]);
  });
});

describe('spdxDocument', () => {
  const modules: SbomModule[] = [
    {
      name: 'app',
      language: 'rust',
      toolchain: `registry.test/toolchain-rust:1@sha256:${sha}`,
      dependencies: parseCargoLock(
        `[[package]]\nname = "itoa"\nversion = "1.0.11"\nsource = "registry+x"\nchecksum = "${sha}"\n`,
      ),
    },
  ];

  it('is the same bytes for the same inputs, its namespace derived from its content', () => {
    const a = spdxDocument('app.wasm', modules, 0);
    expect(spdxDocument('app.wasm', modules, 0)).toBe(a);
    expect(spdxDocument('app.wasm', modules, 1)).not.toBe(a);
    expect(JSON.parse(a).documentNamespace).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('describes the module, built by its toolchain image, depending on each locked package', () => {
    const doc = JSON.parse(spdxDocument('app.wasm', modules, 0));
    expect(doc.creationInfo.created).toBe('1970-01-01T00:00:00Z');
    expect(doc.packages.map((p: { SPDXID: string; name: string }) => [p.SPDXID, p.name])).toEqual([
      ['SPDXRef-module-0', 'app'],
      ['SPDXRef-module-0-toolchain', 'registry.test/toolchain-rust'],
      ['SPDXRef-module-0-dep-0', 'itoa'],
    ]);
    expect(doc.packages[1].versionInfo).toBe(`sha256:${sha}`);
    expect(doc.relationships).toEqual([
      {
        spdxElementId: 'SPDXRef-DOCUMENT',
        relationshipType: 'DESCRIBES',
        relatedSpdxElement: 'SPDXRef-module-0',
      },
      {
        spdxElementId: 'SPDXRef-module-0-toolchain',
        relationshipType: 'BUILD_TOOL_OF',
        relatedSpdxElement: 'SPDXRef-module-0',
      },
      {
        spdxElementId: 'SPDXRef-module-0',
        relationshipType: 'DEPENDS_ON',
        relatedSpdxElement: 'SPDXRef-module-0-dep-0',
      },
    ]);
  });
});
