// The frontend's entry point: BuildKit starts it with the gateway API on stdin/stdout.
import { runFrontend } from './gateway/index.js';
import { build } from './build.js';
import { requireMinimumEngine } from './engine-version.js';

const code = await runFrontend(requireMinimumEngine(build));
// stdin stays open until the daemon reaps us, which keeps Node's event loop alive; the daemon then kills
// the process and reports the build as failed despite the Return. Exit as soon as the Return is sent.
process.exit(code);
