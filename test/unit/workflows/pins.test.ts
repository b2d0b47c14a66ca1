// Workflow hygiene and release consistency: every action a workflow uses is pinned to a commit SHA with
// the version it names in a comment; the action's default frontend is this package version's image; the
// release workflow runs the release script's steps. (action.yml's inputs and outputs against the
// README's tables: test/unit/action/readme.test.ts.)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../../testbed/config.js';
import { DEFAULT_FRONTEND, FRONTEND_REPOSITORY, VERSION } from '../../../src/version.js';

const dir = path.join(repoRoot, '.github', 'workflows');
const workflows = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => ({ name: f, text: readFileSync(path.join(dir, f), 'utf8') }));

interface Job {
  uses?: string;
  steps?: { uses?: string }[];
}

/** Every `uses:` value, from the parsed workflow (so none hides in flow style or an odd indent). */
function usesOf(text: string): string[] {
  const wf = parse(text) as { jobs?: Record<string, Job> };
  return Object.values(wf.jobs ?? {}).flatMap((job) => [
    ...(job.uses ? [job.uses] : []),
    ...(job.steps ?? []).flatMap((s) => (s.uses ? [s.uses] : [])),
  ]);
}

describe('.github/workflows', () => {
  it('has the ci, e2e and release workflows', () => {
    expect(workflows.map((w) => w.name).sort()).toEqual(
      expect.arrayContaining(['ci.yml', 'e2e.yml', 'release.yml']),
    );
  });

  it.each(workflows)(
    '$name: every remote `uses:` is a 40-hex commit SHA with a # vX.Y.Z comment',
    ({ text }) => {
      const uses = usesOf(text).filter((u) => !u.startsWith('./'));
      expect(uses.length).toBeGreaterThan(0);
      const lines = text.split('\n');
      for (const ref of uses) {
        if (ref.startsWith('docker://')) {
          expect(ref, 'a docker:// action is pinned by digest').toMatch(/@sha256:[0-9a-f]{64}$/);
          continue;
        }
        expect(ref, `${ref} is pinned to a commit`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
        const line = lines.find((l) =>
          new RegExp(`^\\s*(-\\s+)?uses:\\s*${ref.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`).test(l),
        );
        expect(line, `${ref} is written on a uses: line`).toBeDefined();
        expect(line, `${ref} names its version in a comment`).toMatch(/\s#\s*v\d+(\.\d+){0,2}\b/);
      }
    },
  );

  it.each(workflows)('$name: read-only token by default, so each job asks for what it writes', ({ text }) => {
    const wf = parse(text) as { permissions?: unknown };
    expect(wf.permissions).toEqual({ contents: 'read' });
  });

  it('release.yml runs on version tags and calls the release script for check, frontend, npm and github', () => {
    const text = workflows.find((w) => w.name === 'release.yml')!.text;
    const wf = parse(text) as { on: { push: { tags: string[] } } };
    expect(wf.on.push.tags.every((t) => t.startsWith('v'))).toBe(true);
    for (const step of ['check --tag', 'frontend --version', 'npm --version', 'github --version']) {
      expect(text).toContain(`scripts/release.ts ${step}`);
    }
    // npm provenance needs the job's OIDC token.
    const jobs = (parse(text) as { jobs: Record<string, { permissions?: Record<string, string> }> }).jobs;
    expect(jobs.release!.permissions?.['id-token']).toBe('write');
  });
});

describe('the default frontend', () => {
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };

  it("is this package version's frontend image, which release.yml pushes", () => {
    expect(VERSION).toBe(pkg.version);
    expect(DEFAULT_FRONTEND).toBe(`ghcr.io/wasm-build/wasm-frontend:${pkg.version}`);
    expect(FRONTEND_REPOSITORY).toBe('ghcr.io/wasm-build/wasm-frontend');
  });

  it('is what the committed CLI bundle defaults to', () => {
    const cli = readFileSync(path.join(repoRoot, 'dist', 'cli.mjs'), 'utf8');
    expect(cli).toContain(`"${FRONTEND_REPOSITORY}"`);
    expect(cli).toMatch(
      new RegExp(
        `"version":\\s*"${pkg.version.replaceAll('.', '\\.')}"|version:"${pkg.version.replaceAll('.', '\\.')}"`,
      ),
    );
  });
});
