// One HTTP exchange over node:http / node:https: streamed request bodies with an exact
// Content-Length (storage back ends behind registries reject chunked transfer-encoding), streamed
// responses, redirects only when asked and without leaking Authorization to another origin.
// See README.md for why this is not fetch().
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';

/** A request body: bytes, or a factory that opens a fresh stream (so a request can be replayed). */
export type RequestBody = Uint8Array | { length: number; open: () => Readable };

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: RequestBody;
  /** Follow up to this many 301/302/303/307/308 answers (GET/HEAD only). Default 0. */
  maxRedirects?: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The URL that answered, after redirects. */
  url: string;
  body: IncomingMessage;
  /** Reads the whole body; fails beyond `limit` bytes so a hostile server cannot exhaust memory. */
  bytes(limit?: number): Promise<Buffer>;
  text(limit?: number): Promise<string>;
  /** Drains the body so the connection can be reused. */
  discard(): void;
  header(name: string): string | undefined;
}

export interface TransportOptions {
  /** Extra CA certificates (PEM) to trust for https registries. */
  ca?: string | Buffer;
  /** Idle socket timeout in milliseconds. Default 60 s. */
  timeoutMs?: number;
  userAgent?: string;
}

export interface Transport {
  request(req: HttpRequest): Promise<HttpResponse>;
}

const defaultBodyLimit = 4 * 1024 * 1024;

export class NodeHttpTransport implements Transport {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  private readonly timeoutMs: number;
  private readonly userAgent: string;

  constructor(opts: TransportOptions = {}) {
    this.httpAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 16, ca: opts.ca });
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.userAgent = opts.userAgent ?? 'wasm-build-oci/0.1';
  }

  /** Closes idle keep-alive sockets (tests call this so the process can exit promptly). */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    let url = req.url;
    let headers = { ...req.headers };
    const maxRedirects = req.maxRedirects ?? 0;
    for (let hop = 0; ; hop++) {
      const res = await this.once(req.method, url, headers, req.body);
      const location = res.headers.location;
      const redirect = [301, 302, 303, 307, 308].includes(res.status) && location;
      if (!redirect || hop >= maxRedirects || (req.method !== 'GET' && req.method !== 'HEAD')) return res;
      res.discard();
      const next = new URL(location, url);
      // Presigned storage URLs carry their own credentials; the registry's must not follow them.
      if (next.origin !== new URL(url).origin) {
        headers = Object.fromEntries(
          Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'authorization'),
        );
      }
      url = next.toString();
    }
  }

  private once(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: RequestBody | undefined,
  ): Promise<HttpResponse> {
    const u = new URL(url);
    const isHttps = u.protocol === 'https:';
    const h: Record<string, string> = { 'user-agent': this.userAgent, ...headers };
    if (body !== undefined) h['content-length'] = String(body.length);
    else if (method === 'PUT' || method === 'POST' || method === 'PATCH') h['content-length'] = '0';
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const req = (isHttps ? https : http).request(u, {
        method,
        headers: h,
        agent: isHttps ? this.httpsAgent : this.httpAgent,
      });
      req.setTimeout(this.timeoutMs, () => {
        const e = new Error(`no data from ${u.host} for ${this.timeoutMs} ms`) as NodeJS.ErrnoException;
        e.code = 'ETIMEDOUT';
        req.destroy(e);
      });
      req.on('error', (e) => {
        if (!settled) {
          settled = true;
          reject(e);
        }
      });
      req.on('response', (res) => {
        settled = true;
        resolve(wrapResponse(res, url));
      });
      if (body === undefined) {
        req.end();
      } else if (body instanceof Uint8Array) {
        req.end(body);
      } else {
        const src = body.open();
        // A source read error must abort the request rather than leave it hanging short of its length.
        src.on('error', (e) => req.destroy(e));
        // The server may answer (e.g. 401) before reading everything; stop feeding it then.
        req.on('response', () => {
          if (!src.readableEnded) {
            src.unpipe(req);
            src.destroy(); // releases the file descriptor of an unfinished upload
          }
        });
        src.pipe(req);
      }
    });
  }
}

function wrapResponse(res: IncomingMessage, url: string): HttpResponse {
  const readAll = (limit = defaultBodyLimit): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let n = 0;
      res.on('data', (c: Buffer) => {
        n += c.length;
        if (n > limit) {
          res.destroy(new Error(`response body from ${new URL(url).host} exceeds ${limit} bytes`));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
      res.on('aborted', () => reject(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
    });
  return {
    status: res.statusCode ?? 0,
    headers: res.headers,
    url,
    body: res,
    bytes: readAll,
    text: async (limit) => (await readAll(limit)).toString('utf8'),
    discard: () => {
      res.resume();
    },
    header: (name) => {
      const v = res.headers[name.toLowerCase()];
      return Array.isArray(v) ? v.join(', ') : v;
    },
  };
}
