import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimRunDir } from '../../../src/cli/work-dir.js';

describe('claimRunDir', () => {
  it('gives each run a directory of its own and removes those of runs that are gone', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'work-dir-'));
    // A pid that is certainly not running: a child that has exited.
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    const stale = path.join(root, 'runs', `${gone}-abc`);
    const live = path.join(root, 'runs', `${process.ppid}-def`);
    mkdirSync(stale, { recursive: true });
    mkdirSync(live, { recursive: true });

    const a = await claimRunDir(root);
    const b = await claimRunDir(root);
    expect(a).not.toBe(b);
    expect(path.basename(a)).toMatch(new RegExp(`^${process.pid}-`));
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(readdirSync(path.join(root, 'runs')).sort()).toEqual(
      [path.basename(a), path.basename(b), path.basename(live)].sort(),
    );
  });
});
