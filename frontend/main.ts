// The frontend's entry point: BuildKit starts it with the gateway API on stdin/stdout. The same bundle is
// also a tool that the frontend runs on its own image (`frontend.mjs componentize <in> <out>`).
import { runFrontend } from './gateway/index.js';
import { build } from './request/build.js';
import { requireMinimumEngine } from './request/engine-version.js';
import { COMPONENTIZE_COMMAND, componentizeMain } from './post-steps/componentize.js';

if (process.argv[2] === COMPONENTIZE_COMMAND) {
  process.exit(await componentizeMain(process.argv.slice(3)));
}
const code = await runFrontend(requireMinimumEngine(build));
// stdin stays open until the daemon reaps us, which keeps Node's event loop alive; the daemon then kills
// the process and reports the build as failed despite the Return. Exit as soon as the Return is sent.
process.exit(code);
