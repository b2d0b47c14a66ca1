// The CLI's log: a line per phase with its time, BuildKit's progress as it comes, and problems in the
// `file:line: error: message` form editors and terminals link to.
import type { FileLocation, Logger } from '../pipeline/index.js';

export function terminalLogger(out: NodeJS.WritableStream = process.stderr): Logger {
  const where = (w?: FileLocation) => (w ? `${w.file}:${w.line}${w.column ? `:${w.column}` : ''}: ` : '');
  return {
    async group(title, fn) {
      out.write(`==> ${title}\n`);
      const started = performance.now();
      let ok = false;
      try {
        const result = await fn();
        ok = true;
        return result;
      } finally {
        const secs = ((performance.now() - started) / 1000).toFixed(1);
        out.write(`<== ${title}: ${ok ? 'done' : 'failed'} in ${secs} s\n`);
      }
    },
    info: (message) => out.write(`    ${message}\n`),
    warning: (message, w) => out.write(`${where(w)}warning: ${message}\n`),
    error: (message, w) => out.write(`${where(w)}error: ${message}\n`),
    output: (chunk) => out.write(chunk),
  };
}
