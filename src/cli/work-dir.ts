// The CLI's default work directory in a checkout, shared by runs started together (make -j, a watch loop
// beside a push): each run builds in a directory of its own under it, so one run's BuildKit export never
// lands in another's layout.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * A new directory `<root>/runs/<pid>-<random>` for this run. Directories of runs whose process is gone are
 * removed first: a finished run's layouts stay for the user until the next run starts, and a run that
 * is still going keeps its own.
 */
export async function claimRunDir(root: string, pid: number = process.pid): Promise<string> {
  const runs = path.join(root, 'runs');
  await mkdir(runs, { recursive: true });
  for (const entry of await readdir(runs)) {
    const owner = Number(entry.split('-')[0]);
    if (owner !== pid && !isRunning(owner))
      await rm(path.join(runs, entry), { recursive: true, force: true });
  }
  return mkdtemp(path.join(runs, `${pid}-`));
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
