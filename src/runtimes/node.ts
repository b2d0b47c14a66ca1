// Node's built-in WASI preview1 implementation, run in a child Node process so the guest owns real
// stdin/stdout/stderr and an exit code, exactly as a CLI runtime would.
import { runProcess } from '../process.js';
import type { RunRequest, RunResult, Runtime } from './runtime.js';

// Runs as `node -e RUNNER <json>`; kept as a string so bundles need no extra file.
const RUNNER = `
const { WASI } = require('node:wasi');
const { readFileSync } = require('node:fs');
const cfg = JSON.parse(process.argv[1]);
const wasi = new WASI({ version: 'preview1', args: cfg.args, env: cfg.env, preopens: cfg.preopens, returnOnExit: true });
WebAssembly.instantiate(readFileSync(cfg.module), wasi.getImportObject()).then(({ instance }) => {
  process.exitCode = wasi.start(instance);
}, (err) => { console.error(String(err)); process.exitCode = 70; });
`;

export function nodeRunnerConfig(req: RunRequest): string {
  const preopens: Record<string, string> = {};
  for (const d of req.dirs) preopens[d.guest] = d.host;
  const argv0 = req.module.split('/').pop() ?? req.module;
  return JSON.stringify({ module: req.module, args: [argv0, ...req.args], env: req.env, preopens });
}

export function nodeWasi(bin = process.execPath): Runtime {
  return {
    name: 'node',
    async version() {
      const res = await runProcess(bin, ['--version']);
      if (res.code !== 0) throw new Error(`${bin} --version failed: ${res.stderr.trim()}`);
      return res.stdout.trim().replace(/^v/, '');
    },
    async run(req: RunRequest): Promise<RunResult> {
      const res = await runProcess(bin, ['--no-warnings', '-e', RUNNER, nodeRunnerConfig(req)], {
        input: req.stdin,
        timeoutMs: req.timeoutMs,
        // The guest sees only what the request gives it, never the runner's own environment.
        env: { PATH: process.env.PATH ?? '' },
      });
      return { exitCode: res.code, stdout: res.stdout, stderr: res.stderr, timedOut: res.timedOut };
    },
  };
}
