// A stand-in proxy in front of a real registry that injects faults: error statuses (500/503, 429 with
// Retry-After), connection resets, slow and truncated answers. Used by the publisher's failure tests, and
// (forwarding only) by `npm run bench` to count what a push sends.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Action =
  | 'forward'
  | 'reset'
  /** Forward, but send the answer's body slowly, in small pieces `delayMs` apart. */
  | { slow: number }
  /** Forward the answer's headers, then cut the body short and close the connection. */
  | 'truncate'
  | { status: number; headers?: Record<string, string>; body?: string };
export interface LogEntry {
  method: string;
  key: string;
  status: number | 'reset' | 'truncated';
  /** The request's path and query (an upload's `?digest=`). */
  url: string;
  /** Request body bytes received by the time the entry was logged (all of it once an answer came). */
  bytes: number;
}

/** Upload session ids differ per request; collapse them so "the first PUT to a session" is one key. */
function keyOf(method: string, url: string): string {
  const p = new URL(url, 'http://x').pathname.replace(/\/blobs\/uploads\/[^/]+$/, '/blobs/uploads/*');
  return `${method} ${p}`;
}

/** A stand-in proxy in front of a real registry; `decide` sees each request and how often its key came. */
export async function startProxy(
  upstream: string,
  decide: (method: string, key: string, n: number) => Action,
) {
  const seen = new Map<string, number>();
  const log: LogEntry[] = [];
  const server = http.createServer((req, res) => {
    const key = keyOf(req.method!, req.url!);
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const action = decide(req.method!, key, n);
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    const entry = (status: LogEntry['status']) =>
      log.push({ method: req.method!, key, status, url: req.url!, bytes });
    if (action === 'reset') {
      entry('reset');
      req.socket.destroy();
      return;
    }
    if (action !== 'forward' && action !== 'truncate' && !('slow' in action)) {
      entry(action.status);
      req.resume(); // read the body so the client sees a clean answer
      req.on('end', () => {
        res.writeHead(action.status, { 'content-type': 'application/json', ...action.headers });
        res.end(
          req.method === 'HEAD'
            ? undefined
            : (action.body ?? '{"errors":[{"code":"UNKNOWN","message":"injected failure"}]}'),
        );
      });
      return;
    }
    // The Host header stays the proxy's, so the registry's Location URLs point back through it.
    const [host, port] = upstream.split(':');
    const up = http.request(
      { host, port: Number(port), method: req.method, path: req.url, headers: req.headers },
      (ur) => {
        if (action === 'truncate') {
          entry('truncated');
          res.writeHead(ur.statusCode!, ur.headers);
          // Half of what was announced (or a byte of it), then the connection goes.
          const announced = Number(ur.headers['content-length'] ?? 2);
          let sent = 0;
          ur.on('data', (c: Buffer) => {
            const room = Math.max(1, Math.floor(announced / 2)) - sent;
            if (room > 0) res.write(c.subarray(0, room));
            sent += Math.min(room, c.length);
          });
          ur.on('end', () => res.socket?.destroy());
          return;
        }
        entry(ur.statusCode!);
        res.writeHead(ur.statusCode!, ur.headers);
        if (typeof action === 'object' && 'slow' in action) {
          ur.on('data', (c: Buffer) => {
            ur.pause();
            res.write(c, () => setTimeout(() => ur.resume(), action.slow));
          });
          ur.on('end', () => res.end());
          return;
        }
        ur.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close: () => new Promise((r) => server.close(r)),
  };
}
