// Loaded modules on node. A core module is compiled once, in one Node process that runs the cases in
// worker threads: a new instance and WASI per case, the case's files as its stdin, stdout and stderr,
// exit codes as a process of its own would give them. A component is transpiled by jco once; each
// case then runs in a Node process of its own (the shim's `wasi:cli/exit` ends the process it runs in).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { runProcess } from '../process.js';
import { COMPILE_TIMEOUT_MS, runGuestProcess } from './cli-runtime.js';
import { compiledPath, ensureCompiled } from './compiled.js';
import { tempDir } from './install.js';
import { HttpServers } from './http.js';
import { JCO_HTTP_SERVER, JCO_RUNNER, JCO_TRANSPILER, jcoVersion } from './jco.js';
import { isComponent, nodeGuestConfig } from './node.js';
import type { CaseRequest, LoadedModule, LoadRequest, RunResult, Runtime } from './runtime.js';

// A worker runs one case at a time, each on a new instance with a WASI of its own: the case's files as
// stdin, stdout and stderr, what RUNNER (node.ts) gives a process as the exit code (a trap 1, as an
// uncaught error ends a process; a module that does not link 70).
const CASE_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const { WASI } = require('node:wasi');
parentPort.on('message', (c) => {
  const [stdin, stdout, stderr] = c.fds;
  let code;
  try {
    const wasi = new WASI({ version: 'preview1', args: c.args, env: c.env, preopens: c.preopens, returnOnExit: true, stdin, stdout, stderr });
    let instance;
    try {
      instance = new WebAssembly.Instance(workerData.module, wasi.getImportObject());
    } catch (err) {
      writeSync(stderr, String(err) + '\\n');
      code = 70;
    }
    if (instance) code = wasi.start(instance) & 0xff;
  } catch (err) {
    writeSync(stderr, String((err && err.stack) || err) + '\\n');
    code = 1;
  }
  parentPort.postMessage(code);
});
`;

// The server: compiles the module and says `{ready}`, then takes one JSON case a line on stdin and answers
// `{id, code, timedOut}` a line on stdout once the case's files are written and closed. Cases run concurrently, each
// on an idle worker or a new one; a worker that ran out of time is ended, not used again.
const CASE_SERVER = `
const { Worker } = require('node:worker_threads');
const { closeSync, openSync, readFileSync, writeFileSync, writeSync } = require('node:fs');
const { createInterface } = require('node:readline');
const cfg = JSON.parse(process.argv[1]);
let module, compileError;
try {
  module = new WebAssembly.Module(readFileSync(cfg.module));
} catch (err) {
  compileError = String(err);
}
const reply = (r) => process.stdout.write(JSON.stringify(r) + '\\n');
reply({ ready: true });
const idle = [];
function finish(worker, code, timedOut) {
  const job = worker.job;
  if (!job) return;
  worker.job = undefined;
  clearTimeout(job.timer);
  for (const fd of job.fds) closeSync(fd);
  reply(timedOut ? { id: job.id, code: -1, timedOut } : { id: job.id, code });
}
function newWorker() {
  const worker = new Worker(${JSON.stringify(CASE_WORKER)}, { eval: true, workerData: { module } });
  worker.on('message', (code) => {
    finish(worker, code);
    idle.push(worker);
  });
  worker.on('error', (err) => {
    if (worker.job) writeSync(worker.job.fds[2], String((err && err.stack) || err) + '\\n');
    finish(worker, 1);
  });
  worker.on('exit', () => finish(worker, 1));
  return worker;
}
createInterface({ input: process.stdin }).on('line', (line) => {
  const c = JSON.parse(line);
  if (compileError !== undefined) {
    writeFileSync(c.stdout, '');
    writeFileSync(c.stderr, compileError + '\\n');
    return reply({ id: c.id, code: 70 });
  }
  const fds = [openSync(c.stdin, 'r'), openSync(c.stdout, 'w'), openSync(c.stderr, 'w')];
  const worker = idle.pop() ?? newWorker();
  worker.job = { id: c.id, fds };
  if (c.timeoutMs) {
    worker.job.timer = setTimeout(() => {
      finish(worker, -1, true);
      worker.terminate();
    }, c.timeoutMs);
  }
  worker.postMessage({ fds, args: c.args, env: c.env, preopens: c.preopens });
});
process.stdin.on('end', () => { for (const w of idle) w.terminate(); });
`;

interface CaseReply {
  id: number;
  code: number;
  timedOut?: boolean;
}

/** node's adapter with loaded modules: cases share a compile (core) or a transpile (component, with jco). */
export function withLoadedModules(
  runtime: Runtime,
  bin: string,
  env: NodeJS.ProcessEnv,
  jcoDir?: string,
): Runtime {
  return {
    ...runtime,
    servesHttp: jcoDir !== undefined,
    load: (req) =>
      jcoDir !== undefined && isComponent(req.module)
        ? loadComponent(bin, env, jcoDir, req)
        : loadCoreModule(bin, env, req.module),
  };
}

async function loadComponent(
  bin: string,
  env: NodeJS.ProcessEnv,
  jcoDir: string,
  req: LoadRequest,
): Promise<LoadedModule> {
  // The transpiled code imports the shim by its path in the tool cache: that path is part of the key.
  const where = createHash('sha256').update(jcoDir).digest('hex').slice(0, 12);
  const dir = compiledPath(req, `jco-${jcoVersion()}-${where}`, (hex) => hex);
  await ensureCompiled(dir, async (out) => {
    const config = JSON.stringify({ jco: jcoDir, module: req.module, out });
    const args = ['--no-warnings', '--input-type=module', '-e', JCO_TRANSPILER, config];
    const res = await runProcess(bin, args, { env, timeoutMs: COMPILE_TIMEOUT_MS });
    if (res.code !== 0) {
      throw new Error(
        `jco could not transpile ${req.module}: ${(res.stderr || res.stdout).trim().slice(0, 2000)}`,
      );
    }
  });
  const servers = new HttpServers(
    (guestEnv) => ({
      bin,
      env,
      args: [
        '--no-warnings',
        '--input-type=module',
        '-e',
        JCO_HTTP_SERVER,
        JSON.stringify({ jco: jcoDir, transpiled: dir, env: guestEnv }),
      ],
      listening: /^listening on (http:\/\/[^/\s]+)\//m,
      label: "node (jco's wasi:http server)",
    }),
    // The shim's server answers every request from the one instance: a server per case keeps them apart.
    true,
  );
  return {
    run: (c) => {
      const config = { jco: jcoDir, transpiled: dir, ...nodeGuestConfig({ ...c, module: req.module }) };
      const args = ['--no-warnings', '--input-type=module', '-e', JCO_RUNNER, JSON.stringify(config)];
      return runGuestProcess(bin, args, env, c);
    },
    request: (c) => servers.request(c),
    close: () => servers.close(),
  };
}

/** Resolves once the server has compiled the module (a module it cannot compile fails each case, exit 70). */
async function loadCoreModule(bin: string, env: NodeJS.ProcessEnv, module: string): Promise<LoadedModule> {
  const server = spawn(bin, ['--no-warnings', '-e', CASE_SERVER, JSON.stringify({ module })], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pending = new Map<number, { resolve: (r: CaseReply) => void; reject: (e: Error) => void }>();
  let ended: Error | undefined;
  let serverErr = '';
  server.stderr.setEncoding('utf8').on('data', (d: string) => (serverErr = (serverErr + d).slice(-4000)));
  server.stdin.on('error', () => {});
  let compiled!: { resolve: () => void; reject: (e: Error) => void };
  const ready = new Promise<void>((resolve, reject) => (compiled = { resolve, reject }));
  createInterface({ input: server.stdout }).on('line', (line) => {
    const r = JSON.parse(line) as CaseReply | { ready: true };
    if ('ready' in r) return compiled.resolve();
    pending.get(r.id)?.resolve(r);
    pending.delete(r.id);
  });
  const fail = (why: string) => {
    ended ??= new Error(
      `node's case runner for ${module} ${why}${serverErr.trim() ? `: ${serverErr.trim()}` : ''}`,
    );
    compiled.reject(ended);
    for (const p of pending.values()) p.reject(ended);
    pending.clear();
  };
  const closed = new Promise<void>((resolve) => {
    server.on('error', (e) => {
      fail(`did not start (${e.message})`);
      resolve();
    });
    server.on('close', (code, signal) => {
      fail(`ended (${signal ?? `exit code ${code}`})`);
      resolve();
    });
  });
  await ready;
  const files = mkdtemp(path.join(tempDir(), 'wasm-build-node-'));
  let next = 0;

  async function run(c: CaseRequest): Promise<RunResult> {
    const id = next++;
    const dir = await files;
    const file = (ext: string) => path.join(dir, `${id}.${ext}`);
    await writeFile(file('in'), c.stdin ?? '');
    try {
      const reply = await new Promise<CaseReply>((resolve, reject) => {
        if (ended) return reject(ended);
        pending.set(id, { resolve, reject });
        const guest = nodeGuestConfig({ ...c, module });
        const job = {
          id,
          ...guest,
          stdin: file('in'),
          stdout: file('out'),
          stderr: file('err'),
          timeoutMs: c.timeoutMs,
        };
        server.stdin.write(JSON.stringify(job) + '\n');
      });
      const [stdout, stderr] = await Promise.all([readFile(file('out')), readFile(file('err'), 'utf8')]);
      return {
        exitCode: reply.code,
        stdout: stdout.toString('utf8'),
        stdoutBytes: stdout,
        stderr,
        timedOut: reply.timedOut === true,
      };
    } finally {
      await Promise.all(['in', 'out', 'err'].map((ext) => rm(file(ext), { force: true })));
    }
  }

  return {
    run,
    async close() {
      server.stdin.end();
      await closed;
      await rm(await files, { recursive: true, force: true });
    },
  };
}
