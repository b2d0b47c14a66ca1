// A wasi:cli command in JavaScript: greets the name given as its one argument, or each line of its
// standard input, or the world, with GREETING (default "Hello"). Two arguments are a usage error, exit 1
// (WASI 0.2's exit takes ok or error, not a code). The world's interfaces are imported by their WIT names,
// at the version of the built-in world (WASI 0.2.12); esbuild bundles ./greeting.js into the one module
// componentize-js takes.
import { getArguments, getEnvironment } from 'wasi:cli/environment@0.2.12';
import { exit } from 'wasi:cli/exit@0.2.12';
import { getStdin } from 'wasi:cli/stdin@0.2.12';
import { greet, namesIn } from './greeting.js';

/** All of standard input: the stream throws { tag: 'closed' } at its end. */
function readStdin() {
  const stream = getStdin();
  const chunks = [];
  for (;;) {
    let chunk;
    try {
      chunk = stream.blockingRead(65536n);
    } catch (e) {
      if (e?.payload?.tag === 'closed' || e?.tag === 'closed') break;
      throw e;
    }
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return new TextDecoder().decode(bytes);
}

export const run = {
  run() {
    const args = getArguments().slice(1);
    if (args.length > 1) {
      console.error('usage: greet [NAME]');
      exit({ tag: 'err' });
    }
    const env = new Map(getEnvironment());
    const names = args.length === 1 ? args : namesIn(readStdin());
    for (const line of greet(env.get('GREETING') ?? 'Hello', names)) console.log(line);
  },
};
