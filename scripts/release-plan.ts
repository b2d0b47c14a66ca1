// The pure part of a release: which version a tag names, which image tags and git tags move, the notes.
// scripts/release.ts runs it (locally against the testbed, or from .github/workflows/release.yml).

export interface Version {
  major: number;
  minor: number;
  patch: number;
  /** Dot-separated pre-release identifiers (`rc.1` -> ['rc', '1']); empty for a release. */
  prerelease: string[];
  /** The version as written, without a leading `v` and without build metadata. */
  text: string;
}

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** Parses `X.Y.Z[-pre][+build]` (a leading `v` is allowed, as in a git tag); throws on anything else. */
export function parseVersion(text: string): Version {
  const m = SEMVER.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a semantic version X.Y.Z[-prerelease]`);
  const prerelease = m[4] ? m[4].split('.') : [];
  const text_ = `${m[1]}.${m[2]}.${m[3]}${m[4] ? `-${m[4]}` : ''}`;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease, text: text_ };
}

export function isPrerelease(v: Version): boolean {
  return v.prerelease.length > 0;
}

/** Semantic version precedence (semver.org, item 11): negative when a < b. */
export function compareVersions(a: Version, b: Version): number {
  for (const k of ['major', 'minor', 'patch'] as const) if (a[k] !== b[k]) return a[k] - b[k];
  if (!a.prerelease.length || !b.prerelease.length) return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export interface ReleasePlan {
  version: Version;
  prerelease: boolean;
  /** Image tags to push, the exact version first: `X.Y.Z`, then the moving ones this release may take. */
  imageTags: string[];
  /** The git tag naming this release (`vX.Y.Z`). */
  gitTag: string;
  /** The major git tag to move (`vX`), or undefined for a pre-release or an older line's patch. */
  majorGitTag?: string;
  /** Whether the GitHub release is marked latest. */
  latest: boolean;
}

/**
 * What a release moves. A pre-release gets only its own tag: never `X.Y`, `X`, `latest` or `vX`. A release
 * moves `X.Y` only when it is the newest of `X.Y.*`, `X` and `vX` only when it is the newest of `X.*.*`,
 * and `latest` only when it is the newest of all (a patch to an older line must not take them back).
 * `released` holds the versions already out (git tags), pre-releases included or not.
 */
export function planRelease(versionText: string, released: readonly string[] = []): ReleasePlan {
  const version = parseVersion(versionText);
  const others = released
    .map((t) => {
      try {
        return parseVersion(t);
      } catch {
        return undefined;
      }
    })
    .filter((v): v is Version => v !== undefined && !isPrerelease(v) && v.text !== version.text);
  const newestOf = (same: (v: Version) => boolean) =>
    others.filter(same).every((v) => compareVersions(v, version) < 0);
  const { major, minor } = version;
  const plan: ReleasePlan = {
    version,
    prerelease: isPrerelease(version),
    imageTags: [version.text],
    gitTag: `v${version.text}`,
    latest: false,
  };
  if (plan.prerelease) return plan;
  if (newestOf((v) => v.major === major && v.minor === minor)) plan.imageTags.push(`${major}.${minor}`);
  if (newestOf((v) => v.major === major)) {
    plan.imageTags.push(`${major}`);
    plan.majorGitTag = `v${major}`;
  }
  if (newestOf(() => true)) {
    plan.imageTags.push('latest');
    plan.latest = true;
  }
  return plan;
}

/**
 * The npm dist-tag the CLI package is published under, moved like the image's `latest`: `latest` for the
 * newest release, `next` for a pre-release, and `latest-X` for a patch to an older line, which must not
 * take `latest` back (`npx wasm-build@1` still resolves by version range, whatever the tag).
 */
export function npmDistTag(plan: ReleasePlan): string {
  if (plan.prerelease) return 'next';
  return plan.latest ? 'latest' : `latest-${plan.version.major}`;
}

/** The platforms to build: those wanted that the builder lists (`buildx inspect`'s `Platforms:` line). */
export function buildablePlatforms(
  wanted: readonly string[],
  inspectOutput: string,
): { build: string[]; missing: string[] } {
  const line = /^Platforms:\s*(.*)$/m.exec(inspectOutput)?.[1] ?? '';
  const have = new Set(
    line
      .split(',')
      .map((p) => p.trim().replace(/\*$/, ''))
      .filter(Boolean),
  );
  return { build: wanted.filter((p) => have.has(p)), missing: wanted.filter((p) => !have.has(p)) };
}

/** Release notes: the frontend image and how to pin it, then the commits since the previous release. */
export function releaseNotes(opts: {
  plan: ReleasePlan;
  repository: string;
  digest?: string;
  commits: readonly string[];
  previousTag?: string;
}): string {
  const { plan, repository } = opts;
  const v = plan.version.text;
  const lines = [
    `## wasm-build ${plan.gitTag}`,
    '',
    plan.prerelease
      ? `A pre-release: \`v${plan.version.major}\`, \`latest\` and the frontend's moving tags stay where they were.`
      : `The action's default frontend is \`${repository}:${v}\`, pushed with this release.`,
    '',
    '```yaml',
    `- uses: wasm-build/wasm-build-action@${plan.gitTag}`,
    '```',
    '',
    '```toml',
    `# syntax=${repository}:${v}${opts.digest ? `@${opts.digest}` : ''}`,
    '```',
    '',
    `Frontend image tags: ${plan.imageTags.map((t) => `\`${t}\``).join(', ')}` +
      (opts.digest ? ` (digest \`${opts.digest}\`)` : '') +
      '.',
    '',
    opts.previousTag ? `### Changes since ${opts.previousTag}` : '### Changes',
    '',
    ...(opts.commits.length ? opts.commits.map((c) => `- ${c}`) : ['- (none recorded)']),
  ];
  return lines.join('\n') + '\n';
}
