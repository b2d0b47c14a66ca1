// The HTTP case plumbing against real processes on loopback: a small Node server stands in for a runtime's
// `serve` (what a runtime prints and how it answers are the runtime's; what is tested is the servers' life).
import { describe, expect, it } from 'vitest';
import { HttpServers, type HttpCase } from '../../../src/runtimes/http.js';

/** A server that says where it listens, answers with its own pid, the guest's GREETING and the request. */
const SERVER = `
const http = require('node:http');
const hang = process.env.HANG === '1';
if (process.env.SILENT === '1') setInterval(() => {}, 1000);
else if (process.env.FAIL === '1') { console.error('no such component'); process.exit(3); }
else {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (hang && req.url === '/hang') return;
      console.log('served ' + req.url);
      res.writeHead(req.url.startsWith('/missing') ? 404 : 200, { 'content-type': 'text/plain', 'x-pid': String(process.pid) });
      res.end(req.method + ' ' + req.url + ' ' + (process.env.GREETING || '') + ' ' + body + ' ' + (req.headers.accept || ''));
    });
  });
  server.listen(0, '127.0.0.1', () => console.error('listening on http://127.0.0.1:' + server.address().port + '/'));
}
`;

function servers(extraEnv: Record<string, string> = {}, perCase = false): HttpServers {
  return new HttpServers(
    (guest) => ({
      bin: process.execPath,
      args: ['-e', SERVER],
      env: { ...process.env, ...guest, ...extraEnv },
      listening: /^listening on (http:\/\/[^/\s]+)\//m,
      label: 'the test server',
    }),
    perCase,
  );
}

const get = (path: string, more: Partial<HttpCase> = {}): HttpCase => ({
  method: 'GET',
  path,
  headers: {},
  body: '',
  env: {},
  timeoutMs: 10_000,
  ...more,
});

describe('HttpServers', () => {
  it('sends the request and gives status, lower-case headers, body and what the server printed', async () => {
    const s = servers();
    try {
      const r = await s.request(
        get('/missing?x=1', { method: 'POST', body: 'hi', headers: { Accept: 'text/plain' } }),
      );
      expect(r.error).toBeUndefined();
      expect(r.status).toBe(404);
      expect(r.headers['content-type']).toBe('text/plain');
      expect(r.body.toString()).toBe('POST /missing?x=1  hi text/plain');
      expect(r.stderr).toContain('served /missing?x=1');
    } finally {
      await s.close();
    }
  });

  it('keeps one server per environment, and with perCase one per case', async () => {
    const shared = servers();
    const perCase = servers({}, true);
    try {
      const pid = async (h: HttpServers, env = {}) => (await h.request(get('/', { env }))).headers['x-pid'];
      expect(await pid(shared)).toBe(await pid(shared));
      const other = await shared.request(get('/', { env: { GREETING: 'Howdy' } }));
      expect(other.body.toString()).toBe('GET / Howdy  */*');
      expect(other.headers['x-pid']).not.toBe(await pid(shared));
      expect(await pid(perCase)).not.toBe(await pid(perCase));
    } finally {
      await Promise.all([shared.close(), perCase.close()]);
    }
  });

  it('says when a request gets no answer in time, and the next one is still served', async () => {
    const s = servers({ HANG: '1' });
    try {
      const r = await s.request(get('/hang', { timeoutMs: 500 }));
      expect(r).toMatchObject({ timedOut: true, error: 'the test server did not answer in 500 ms' });
      expect((await s.request(get('/ok'))).status).toBe(200);
    } finally {
      await s.close();
    }
  });

  it('says why a server did not start: it ended, or never said where it listens', async () => {
    const failing = servers({ FAIL: '1' });
    const r = await failing.request(get('/'));
    expect(r.error).toBe('the test server ended (exit code 3): no such component');
    await failing.close();
  });
});
