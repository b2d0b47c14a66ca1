// The facade frontend/main.ts uses: one connection, caps, options, and exactly one Return.
import type { Duplex } from 'node:stream';
import { GatewayCap, type Caps } from './caps.js';
import { LLBBridgeClient, type SolveOptions } from './client.js';
import { readEnvironment, type FrontendEnvironment } from './environment.js';
import { statusFromError } from './frontend-error.js';
import { log } from './log.js';
import { frontendOptsFromEnv, parseFrontendOptions, type FrontendOptions } from './options.js';
import { entriesOf, type StringKeyed } from '../proto/write.js';
import type { FileRange, FileStat } from './proto/files.js';
import type { ImageConfigResponse, ResolveMode } from './proto/image.js';
import type { Platform } from './proto/platform.js';
import type { PongResponse } from './proto/pong.js';
import type { DecodedResult, GatewayRef, InTotoAttestation } from './proto/result.js';
import { toSourceInfo, toSourceRanges, type SourceFile, type SourceSpan } from './source-location.js';
import { formatTrace, TRACE_BUILD_ARG, TracedChannel, traceRecord } from './trace.js';
import { Http2Channel } from './transport/channel.js';
import { stdioDuplex } from './transport/stdio.js';

export interface ConnectOptions {
  /** The connection to the daemon; stdin/stdout by default. */
  duplex?: Duplex;
  /** Where options and workers are read from; process.env by default. */
  env?: NodeJS.ProcessEnv;
}

/** What a build hands back: one ref, refs per platform, or neither (metadata only, e.g. a subrequest). */
export interface FrontendResult {
  ref?: GatewayRef;
  refs?: StringKeyed<GatewayRef>;
  /** Strings are sent as UTF-8 (e.g. `containerimage.config` JSON). */
  metadata?: StringKeyed<Uint8Array | string>;
  /** In-toto statements for the exporter to attach, per platform ID. */
  attestations?: StringKeyed<readonly InTotoAttestation[]>;
}

export interface ImageConfigOptions {
  platform?: Platform;
  resolveMode?: ResolveMode;
  /** Progress line shown to the user while resolving. */
  logName?: string;
}

export interface Warning {
  /** Digest of the LLB vertex the warning belongs to (Go-canonical, see the design notes). */
  vertex: string;
  message: string;
  detail?: readonly string[];
  url?: string;
  /** BuildKit's Dockerfile frontend uses 1 for its warnings. */
  level?: number;
  source?: { file: SourceFile; ranges: readonly SourceSpan[] };
}

const refId = (ref: GatewayRef | string): string => (typeof ref === 'string' ? ref : ref.id);

export class Gateway {
  readonly #channel: Http2Channel;
  readonly #traced: TracedChannel;
  readonly #client: LLBBridgeClient;
  readonly #env: NodeJS.ProcessEnv;
  #options: FrontendOptions | undefined;
  #environment: FrontendEnvironment | undefined;
  #returned = false;

  private constructor(
    channel: Http2Channel,
    traced: TracedChannel,
    client: LLBBridgeClient,
    env: NodeJS.ProcessEnv,
  ) {
    this.#channel = channel;
    this.#traced = traced;
    this.#client = client;
    this.#env = env;
  }

  /** Opens the connection and pings; closes it again if the ping fails. */
  static async connect(opts: ConnectOptions = {}): Promise<Gateway> {
    const channel = new Http2Channel(opts.duplex ?? stdioDuplex());
    const traced = new TracedChannel(channel);
    try {
      const client = await LLBBridgeClient.connect(traced);
      return new Gateway(channel, traced, client, opts.env ?? process.env);
    } catch (err) {
      await channel.close();
      throw err;
    }
  }

  /** Frontend API caps from the last Ping. */
  get caps(): Caps {
    return this.#client.caps;
  }

  /** LLB caps from the last Ping, for the LLB layer's OpMetadata.caps. */
  get llbCaps(): Caps {
    return this.#client.llbCaps;
  }

  get pong(): PongResponse {
    return this.#client.pong;
  }

  /** Parsed on first use; throws a FrontendError (INVALID_ARGUMENT) for a bad option. */
  options(): FrontendOptions {
    this.#options ??= parseFrontendOptions(frontendOptsFromEnv(this.#env));
    return this.#options;
  }

  environment(): FrontendEnvironment {
    this.#environment ??= readEnvironment(this.#env);
    return this.#environment;
  }

  ping(): Promise<PongResponse> {
    return this.#client.ping();
  }

  /** Lazy: the daemon builds on the first read of the ref, on evaluate, or at export. */
  solve(opts: SolveOptions): Promise<DecodedResult> {
    return this.#client.solve(opts);
  }

  readFile(ref: GatewayRef | string, path: string, range?: FileRange): Promise<Uint8Array> {
    return this.#client.readFile({ ref: refId(ref), path, ...(range ? { range } : {}) });
  }

  readDir(ref: GatewayRef | string, path: string, includePattern?: string): Promise<FileStat[]> {
    return this.#client.readDir({ ref: refId(ref), path, ...(includePattern ? { includePattern } : {}) });
  }

  statFile(ref: GatewayRef | string, path: string): Promise<FileStat> {
    return this.#client.statFile({ ref: refId(ref), path });
  }

  resolveImageConfig(ref: string, opts: ImageConfigOptions = {}): Promise<ImageConfigResponse> {
    return this.#client.resolveImageConfig({ ref, ...opts });
  }

  inputs(): Promise<Map<string, Uint8Array>> {
    return this.#client.inputs();
  }

  /**
   * Shows a warning in the client's build output. Daemons before v0.10 cannot: then it goes to the
   * daemon's log and false is returned, since a warning must never fail the build.
   */
  async warn(warning: Warning): Promise<boolean> {
    if (!this.#client.caps.has(GatewayCap.warnings)) {
      log.warn(`warning (the daemon cannot display it): ${warning.message}`);
      return false;
    }
    const { source } = warning;
    await this.#client.warn({
      digest: warning.vertex,
      level: warning.level ?? 1,
      short: warning.message,
      ...(warning.detail ? { detail: warning.detail } : {}),
      ...(warning.url ? { url: warning.url } : {}),
      ...(source ? { info: toSourceInfo(source.file), ranges: toSourceRanges(source.ranges) } : {}),
    });
    return true;
  }

  #claimReturn(): void {
    // Counted before sending: a Return that failed on the wire may still have reached the daemon.
    if (this.#returned) throw new Error('Return was already called: a frontend answers exactly once');
    this.#returned = true;
  }

  async returnResult(result: FrontendResult): Promise<void> {
    this.#claimReturn();
    const utf8 = new TextEncoder();
    const metadata = entriesOf(result.metadata ?? {}).map(([key, value]): [string, Uint8Array] => [
      key,
      typeof value === 'string' ? utf8.encode(value) : value,
    ]);
    await this.#client.return({
      result: {
        ...(result.ref ? { ref: result.ref } : {}),
        ...(result.refs ? { refs: result.refs } : {}),
        metadata: new Map(metadata),
        ...(result.attestations ? { attestations: result.attestations } : {}),
      },
    });
  }

  /** Returns any thrown value as the build's error; see statusFromError for how it is mapped. */
  async returnError(err: unknown): Promise<void> {
    this.#claimReturn();
    await this.#client.return({ error: statusFromError(err) });
  }

  close(): Promise<void> {
    return this.#channel.close();
  }

  /** The `trace:` line (see trace.ts) when the build asked for it with its build arg, else undefined. */
  traceLine(): string | undefined {
    let wanted: boolean;
    try {
      wanted = !!this.options().buildArgs.get(TRACE_BUILD_ARG);
    } catch {
      return undefined; // options the build already failed on
    }
    return wanted ? formatTrace(traceRecord(this.#traced)) : undefined;
  }
}

/**
 * The whole frontend lifecycle: connect, build, Return the result or the error. Resolves with
 * the exit code: 0 once a Return went through (the daemon reports a returned error itself), 1 if
 * there was no way to tell the daemon anything.
 */
export async function runFrontend(
  build: (gateway: Gateway) => Promise<FrontendResult>,
  opts: ConnectOptions = {},
): Promise<number> {
  let gateway: Gateway;
  try {
    gateway = await Gateway.connect(opts);
  } catch (err) {
    log.error(`cannot talk to the BuildKit daemon: ${(err as Error).stack ?? String(err)}`);
    return 1;
  }
  let exitCode = 0;
  try {
    let result: FrontendResult | undefined;
    try {
      result = await build(gateway);
    } catch (err) {
      log.error(`build failed: ${(err as Error).stack ?? String(err)}`);
      await gateway.returnError(err);
    }
    if (result) await gateway.returnResult(result);
    const trace = gateway.traceLine();
    if (trace) log.info(trace);
  } catch (err) {
    log.error(`Return failed: ${(err as Error).stack ?? String(err)}`);
    exitCode = 1;
  }
  // No graceful close: BuildKit cancels the build as soon as it sees the connection end, and kills the
  // frontend if that happens before the process has exited, failing a build that already returned. The
  // caller exits right away and the connection ends with the process.
  return exitCode;
}
