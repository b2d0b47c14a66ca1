// HTTP components (the wasi:http/proxy world) served by a runtime, one request a case. A runtime's server
// is a process that prints the address it listens on (it binds port 0 on loopback, so concurrent servers
// never race for a port); requests go there until the module is closed. The server makes a new instance
// for every request, so cases sharing it stay independent.
import { spawn, type ChildProcess } from 'node:child_process';

/** One HTTP case's request, and its time limit. */
export interface HttpCase {
  method: string;
  /** Path and query, starting with `/`. */
  path: string;
  headers: Readonly<Record<string, string>>;
  body: string;
  /** The server's environment: servers are kept per distinct environment. */
  env: Readonly<Record<string, string>>;
  timeoutMs?: number;
}

export interface HttpOutcome {
  /** Absent when no response came (`error` says why). */
  status?: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  error?: string;
  timedOut: boolean;
  /** What the server printed (stdout and stderr: the guest's and the runtime's) while this request was served. */
  stderr: string;
}

/** A server's start: its argv, and how its output says where it listens. */
export interface HttpServerCommand {
  bin: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Matches the line that says where it listens; group 1 is the `http://host:port` origin. */
  listening: RegExp;
  /** Who is serving, for messages ("wasmtime serve"). */
  label: string;
}

/**
 * A module's servers, one per environment the cases give it, started on a case's first use; or, with
 * `perCase`, one per case, for a server that answers every request from one instance (jco's): cases must
 * not see each other's state, as they do not on wasmtime, which instantiates per request.
 */
export class HttpServers {
  readonly #servers = new Map<string, Promise<HttpServer>>();

  constructor(
    private readonly command: (env: Readonly<Record<string, string>>) => HttpServerCommand,
    private readonly perCase = false,
  ) {}

  async request(c: HttpCase): Promise<HttpOutcome> {
    const key = JSON.stringify(Object.entries(c.env).sort());
    let server = this.perCase ? undefined : this.#servers.get(key);
    if (!server) {
      server = startHttpServer(this.command(c.env), c.timeoutMs);
      if (!this.perCase) this.#servers.set(key, server);
    }
    let started: HttpServer;
    try {
      started = await server;
    } catch (e) {
      return noResponse(e instanceof Error ? e.message : String(e), false, '');
    }
    try {
      return await started.send(c);
    } finally {
      if (this.perCase) await started.close();
    }
  }

  async close(): Promise<void> {
    const servers = [...this.#servers.values()];
    this.#servers.clear();
    await Promise.all(
      servers.map((s) =>
        s.then(
          (x) => x.close(),
          () => {},
        ),
      ),
    );
  }
}

function noResponse(error: string, timedOut: boolean, stderr: string): HttpOutcome {
  return { headers: {}, body: Buffer.alloc(0), error, timedOut, stderr };
}

/** Servers get at least this long to say where they listen (a large component compiles first). */
const START_TIMEOUT_MS = 60_000;

class HttpServer {
  #output = '';

  constructor(
    private readonly child: ChildProcess,
    readonly origin: string,
    private readonly label: string,
    private readonly exited: Promise<string>,
  ) {
    // Both streams are read to the end (a full pipe would stall the guest); what the guest prints goes
    // with the case whose request was being served.
    const keep = (d: Buffer) => (this.#output = (this.#output + d.toString('utf8')).slice(-64_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  async send(c: HttpCase): Promise<HttpOutcome> {
    const mark = this.#output.length;
    const stderr = () => this.#output.slice(mark);
    const timeout = c.timeoutMs ?? 60_000;
    const signal = AbortSignal.timeout(timeout);
    try {
      const res = await Promise.race([
        fetch(`${this.origin}${c.path}`, {
          method: c.method,
          headers: c.headers,
          body: c.method === 'GET' || c.method === 'HEAD' ? undefined : c.body,
          signal,
          redirect: 'manual',
        }),
        this.exited.then((why) => Promise.reject(new Error(why))),
      ]);
      const body = Buffer.from(await res.arrayBuffer());
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => (headers[name] = value));
      return { status: res.status, headers, body, timedOut: false, stderr: stderr() };
    } catch (e) {
      if (signal.aborted) {
        return noResponse(`${this.label} did not answer in ${timeout} ms`, true, stderr());
      }
      const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
      return noResponse(`${e instanceof Error ? e.message : String(e)}${cause}`, false, stderr());
    }
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** Starts the server and waits for the line that says where it listens. */
function startHttpServer(cmd: HttpServerCommand, caseTimeoutMs = 0): Promise<HttpServer> {
  const child = spawn(cmd.bin, cmd.args, { env: cmd.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<string>((resolve) => {
    child.on('error', (e) => resolve(`${cmd.label} did not start: ${e.message}`));
    child.on('close', (code, signal) =>
      resolve(
        `${cmd.label} ended (${signal ?? `exit code ${code}`})${output.trim() ? `: ${output.trim().slice(-2000)}` : ''}`,
      ),
    );
  });
  return new Promise<HttpServer>((resolve, reject) => {
    const limit = Math.max(START_TIMEOUT_MS, caseTimeoutMs);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`${cmd.label} did not say where it listens in ${limit} ms: ${output.trim().slice(-2000)}`),
      );
    }, limit);
    const watch = (d: Buffer) => {
      output = (output + d.toString('utf8')).slice(-16_000);
      const m = cmd.listening.exec(output);
      if (!m) return;
      clearTimeout(timer);
      child.stdout?.off('data', watch);
      child.stderr?.off('data', watch);
      resolve(new HttpServer(child, m[1]!, cmd.label, exited));
    };
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
    void exited.then((why) => {
      clearTimeout(timer);
      reject(new Error(why));
    });
  });
}
