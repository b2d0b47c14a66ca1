// Tasks that run at once but log as if they ran one after another: the images of a file build
// concurrently, and the log and the report still read in the file's order, the same on every run.
import type { Logger } from './types.js';

/** What a task may write: a Logger without phases (a phase cannot be folded after the fact). */
export type LineLogger = Omit<Logger, 'group'>;

/**
 * Runs `task` for every item, up to `limit` at once, starting them in order, and returns each outcome at
 * its item's index. The earliest unfinished task writes to `log` as it goes; a later one's lines are held
 * and written out, in order, once every task before it has finished. A failed task does not stop the
 * others: each settles, so what ran is known before anything is reported.
 */
export async function runInOrder<T, R>(
  items: readonly T[],
  limit: number,
  log: LineLogger,
  task: (item: T, log: LineLogger, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const held: (() => void)[][] = items.map(() => []);
  const finished = items.map(() => false);
  let live = 0;
  const loggerFor = (index: number): LineLogger => {
    const write = (line: () => void) => (index === live ? line() : held[index]!.push(line));
    return {
      info: (message) => write(() => log.info(message)),
      warning: (message, where) => write(() => log.warning(message, where)),
      error: (message, where) => write(() => log.error(message, where)),
      output: (chunk) => write(() => log.output(chunk)),
    };
  };
  const finish = (index: number) => {
    finished[index] = true;
    while (finished[live]) {
      live++;
      for (const line of held[live] ?? []) line();
      held[live] = [];
    }
  };

  const outcomes: PromiseSettledResult<R>[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      try {
        outcomes[index] = { status: 'fulfilled', value: await task(items[index]!, loggerFor(index), index) };
      } catch (reason) {
        outcomes[index] = { status: 'rejected', reason };
      } finally {
        finish(index);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return outcomes;
}
