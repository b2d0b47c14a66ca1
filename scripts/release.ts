// The release steps, run by .github/workflows/release.yml and, the same way, locally against the testbed:
//
//   npx tsx scripts/release.ts check [--tag vX.Y.Z]
//       the tag, package.json's version and the action's default frontend (src/version.ts, and the
//       committed bundles) name one release
//   npx tsx scripts/release.ts frontend --version X.Y.Z [--repository REPO] [--node-image IMAGE]
//         [--platforms linux/amd64,linux/arm64] [--strict-platforms] [--released v1.0.0,...]
//       builds frontend/Dockerfile (context dist/) for every platform the builder can, and pushes
//       REPO:X.Y.Z plus the moving tags the version may take (X.Y, X, latest; none for a pre-release)
//   npx tsx scripts/release.ts github --version X.Y.Z [--digest sha256:...] [--dry-run]
//       publishes the GitHub release with notes (gh) and moves the major git tag vX
//   npx tsx scripts/release.ts npm --version X.Y.Z [--dry-run]
//       publishes the CLI package (package.json's `files`: the bundled dist/cli.mjs) to npm with
//       provenance, under the dist-tag the release may take; --dry-run packs and checks it without
//       publishing or provenance (which needs the workflow's OIDC token)
//
// buildx comes from PATH (`buildx`, as the testbed has it, else `docker buildx`) with the caller's
// environment (BUILDX_BUILDER, BUILDX_CONFIG). Already released versions come from the repository's
// `v*` git tags unless --released lists them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_FRONTEND, FRONTEND_REPOSITORY, VERSION } from '../src/version.js';
import {
  buildablePlatforms,
  compareVersions,
  parseVersion,
  npmDistTag,
  planRelease,
  releaseNotes,
} from './release-plan.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

class ReleaseError extends Error {}

function run(cmd: string, args: readonly string[], opts: { input?: string; quiet?: boolean } = {}): string {
  const res = spawnSync(cmd, args, {
    cwd: root,
    input: opts.input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', opts.quiet ? 'pipe' : 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (res.error) throw new ReleaseError(`${cmd}: ${res.error.message}`);
  if (res.status !== 0) {
    throw new ReleaseError(`\`${cmd} ${args.join(' ')}\` exited with ${res.status}\n${res.stderr ?? ''}`);
  }
  return res.stdout;
}

function onPath(cmd: string): boolean {
  return spawnSync(cmd, ['version'], { stdio: 'ignore' }).status === 0;
}

function buildx(): [string, string[]] {
  return onPath('buildx') ? ['buildx', []] : ['docker', ['buildx']];
}

function gitReleasedVersions(): string[] {
  return run('git', ['tag', '--list', 'v*'], { quiet: true }).split('\n').filter(Boolean);
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined
    ? undefined
    : value
        .split(/[,\s]+/)
        .map((s) => s.trim())
        .filter(Boolean);
}

/** Outputs for the workflow (GITHUB_OUTPUT) and for a person (stdout, JSON). */
function emit(outputs: Record<string, string>): void {
  const file = process.env.GITHUB_OUTPUT;
  if (file) {
    for (const [k, v] of Object.entries(outputs)) {
      appendFileSync(file, v.includes('\n') ? `${k}<<EOF_${k}\n${v}\nEOF_${k}\n` : `${k}=${v}\n`);
    }
  }
  console.log(JSON.stringify(outputs));
}

function check(tag: string | undefined): void {
  const version = parseVersion(VERSION);
  const problems: string[] = [];
  if (tag !== undefined && parseVersion(tag).text !== version.text) {
    problems.push(`the tag ${tag} is not package.json's version ${VERSION}: bump package.json first`);
  }
  if (!/^v\d+\.\d+\.\d+/.test(tag ?? 'v0.0.0')) problems.push(`a release tag is vX.Y.Z[-pre], not ${tag}`);
  if (DEFAULT_FRONTEND !== `${FRONTEND_REPOSITORY}:${version.text}`) {
    problems.push(`src/version.ts's DEFAULT_FRONTEND is ${DEFAULT_FRONTEND}, not the release's frontend`);
  }
  // The bundles are what users run: the CLI's help names its default frontend.
  const help = run('node', ['dist/cli.mjs', '--help'], { quiet: true });
  if (!help.includes(`${FRONTEND_REPOSITORY}:${version.text}`)) {
    problems.push(
      `dist/cli.mjs does not default to ${FRONTEND_REPOSITORY}:${version.text}: run npm run build`,
    );
  }
  const fresh = spawnSync('node', ['scripts/build.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  if (fresh.status !== 0) problems.push(`dist/ is not the build of this commit:\n${fresh.stderr}`);
  if (problems.length) throw new ReleaseError(problems.join('\n'));
  emit({ version: version.text, frontend: DEFAULT_FRONTEND });
}

function frontend(opts: {
  version: string;
  repository: string;
  nodeImage?: string;
  platforms: string[];
  strictPlatforms: boolean;
  released: string[];
}): void {
  const plan = planRelease(opts.version, opts.released);
  const [bx, pre] = buildx();
  const inspect = run(bx, [...pre, 'inspect', '--bootstrap'], { quiet: true });
  const { build, missing } = buildablePlatforms(opts.platforms, inspect);
  if (missing.length && (opts.strictPlatforms || build.length === 0)) {
    throw new ReleaseError(`the builder cannot build ${missing.join(', ')}:\n${inspect}`);
  }
  if (missing.length)
    console.warn(`release: skipping ${missing.join(', ')}: the builder lists no such platform`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'release-'));
  const metadata = path.join(dir, 'metadata.json');
  const revision = run('git', ['rev-parse', 'HEAD'], { quiet: true }).trim();
  const args = [
    ...pre,
    'build',
    '--progress=plain',
    '--file',
    'frontend/Dockerfile',
    '--platform',
    build.join(','),
    // One plain index per release: no attestation manifests for older daemons resolving `# syntax=`.
    '--provenance=false',
    '--sbom=false',
    '--label',
    `org.opencontainers.image.version=${plan.version.text}`,
    '--label',
    `org.opencontainers.image.revision=${revision}`,
    '--metadata-file',
    metadata,
    '--push',
  ];
  if (process.env.GITHUB_SERVER_URL && process.env.GITHUB_REPOSITORY) {
    args.push(
      '--label',
      `org.opencontainers.image.source=${process.env.GITHUB_SERVER_URL}/${process.env.GITHUB_REPOSITORY}`,
    );
  }
  if (opts.nodeImage) args.push('--build-arg', `NODE_IMAGE=${opts.nodeImage}`);
  for (const t of plan.imageTags) args.push('--tag', `${opts.repository}:${t}`);
  args.push('dist');
  console.error(`release: ${bx} ${args.join(' ')}`);
  run(bx, args);
  const digest = (JSON.parse(readFileSync(metadata, 'utf8')) as Record<string, string>)[
    'containerimage.digest'
  ];
  emit({
    version: plan.version.text,
    prerelease: String(plan.prerelease),
    digest: digest ?? '',
    platforms: build.join(','),
    tags: plan.imageTags.map((t) => `${opts.repository}:${t}`).join('\n'),
  });
}

function github(opts: {
  version: string;
  repository: string;
  digest?: string;
  released: string[];
  dryRun: boolean;
}): void {
  const plan = planRelease(opts.version, opts.released);
  // The newest version released before this one, its notes' starting point.
  const previous = opts.released
    .flatMap((tag) => {
      try {
        return [{ tag, v: parseVersion(tag) }];
      } catch {
        return [];
      }
    })
    .filter((x) => compareVersions(x.v, plan.version) < 0)
    .sort((a, b) => compareVersions(a.v, b.v))
    .pop()?.tag;
  const range = previous ? `${previous}..${plan.gitTag}` : plan.gitTag;
  const commits = opts.dryRun
    ? []
    : run('git', ['log', '--no-merges', '--format=%s (%h)', range], { quiet: true })
        .split('\n')
        .filter(Boolean);
  const notes = releaseNotes({
    plan,
    repository: opts.repository,
    digest: opts.digest,
    commits,
    previousTag: previous,
  });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'release-notes-'));
  const notesFile = path.join(dir, 'notes.md');
  writeFileSync(notesFile, notes);
  const steps: [string, string[]][] = [
    [
      'gh',
      [
        'release',
        'create',
        plan.gitTag,
        '--verify-tag',
        '--title',
        plan.gitTag,
        '--notes-file',
        notesFile,
        ...(plan.prerelease ? ['--prerelease'] : []),
        `--latest=${plan.latest}`,
      ],
    ],
  ];
  if (plan.majorGitTag) {
    // The major tag users pin moves only after the frontend it defaults to was pushed (the job's order).
    steps.push(['git', ['tag', '--force', plan.majorGitTag, `${plan.gitTag}^{commit}`]]);
    steps.push(['git', ['push', '--force', 'origin', `refs/tags/${plan.majorGitTag}`]]);
  }
  for (const [cmd, args] of steps) {
    console.error(`release: ${opts.dryRun ? '(dry run) ' : ''}${cmd} ${args.join(' ')}`);
    if (!opts.dryRun) run(cmd, args);
  }
  emit({ notes, 'major-tag': plan.majorGitTag ?? '', latest: String(plan.latest) });
}

function npm(opts: { version: string; released: string[]; dryRun: boolean }): void {
  const plan = planRelease(opts.version, opts.released);
  // npm publishes package.json's version: a tag naming another one would publish the wrong release.
  if (plan.version.text !== parseVersion(VERSION).text) {
    throw new ReleaseError(`--version ${opts.version} is not package.json's version ${VERSION}`);
  }
  const tag = npmDistTag(plan);
  const args = opts.dryRun
    ? ['publish', '--dry-run', '--access', 'public', '--tag', tag]
    : ['publish', '--provenance', '--access', 'public', '--tag', tag];
  console.error(`release: npm ${args.join(' ')}`);
  run('npm', args);
  emit({ 'npm-tag': tag });
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tag: { type: 'string' },
    version: { type: 'string' },
    repository: { type: 'string', default: FRONTEND_REPOSITORY },
    'node-image': { type: 'string' },
    platforms: { type: 'string', default: 'linux/amd64,linux/arm64' },
    'strict-platforms': { type: 'boolean', default: false },
    released: { type: 'string' },
    digest: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});

try {
  const command = positionals[0];
  const released = list(values.released) ?? gitReleasedVersions();
  const version = values.version ?? VERSION;
  if (command === 'check') check(values.tag);
  else if (command === 'frontend') {
    frontend({
      version,
      repository: values.repository,
      nodeImage: values['node-image'],
      platforms: list(values.platforms) ?? [],
      strictPlatforms: values['strict-platforms'],
      released,
    });
  } else if (command === 'github') {
    github({
      version,
      repository: values.repository,
      digest: values.digest,
      released,
      dryRun: values['dry-run'],
    });
  } else if (command === 'npm') {
    npm({ version, released, dryRun: values['dry-run'] });
  } else {
    throw new ReleaseError(
      'usage: scripts/release.ts check|frontend|github|npm [options] (see the file header)',
    );
  }
} catch (err) {
  console.error(`release: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
