// Re-derives the golden LLB digests with BuildKit's own Go client (test/golden/llb, built by the
// testbed's Go against the testbed's BuildKit version) and compares them, graph by graph, with what our
// encoder marshals and with the digests the unit test records.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { marshal } from '../../frontend/llb/index.js';
import { goldenGraphs } from '../unit/llb/golden-graphs.js';
import { run } from '../support/exec.js';
import { repoRoot } from '../support/testbed.js';

describe('golden LLB digests, from client/llb', () => {
  it('Go and TypeScript marshal every golden graph to the same ops', async () => {
    const res = await run('go', ['run', '.'], {
      cwd: path.join(repoRoot, 'test/golden/llb'),
      env: { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' },
    });
    expect(res.code, res.stderr).toBe(0);
    const fromGo = new Map(
      res.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t') as [string, string]),
    );
    expect([...fromGo.keys()]).toEqual(goldenGraphs.map(([name]) => name));
    for (const [name, make, recorded] of goldenGraphs) {
      const ours = marshal(make(), { platform: { os: 'linux', architecture: 'amd64' } }).digests;
      expect(fromGo.get(name)!.split(' '), name).toEqual(ours);
      expect(ours, name).toEqual(recorded.map((d) => `sha256:${d}`));
    }
  });
});
