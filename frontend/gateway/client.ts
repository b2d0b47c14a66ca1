// Typed LLBBridge calls, each checked against the daemon's caps before anything is sent.
import { Caps, GatewayCap } from './caps.js';
import { entriesOf } from '../proto/write.js';
import {
  decodeReadDirResponse,
  decodeReadFileResponse,
  decodeStatFileResponse,
  encodeReadDirRequest,
  encodeReadFileRequest,
  encodeStatFileRequest,
  type FileStat,
  type ReadDirRequest,
  type ReadFileRequest,
  type StatFileRequest,
} from './proto/files.js';
import {
  decodeResolveImageConfigResponse,
  encodeResolveImageConfigRequest,
  type ImageConfigResponse,
  type ResolveImageConfigRequest,
} from './proto/image.js';
import { decodeInputsResponse } from './proto/inputs.js';
import { decodePongResponse, type PongResponse } from './proto/pong.js';
import type { DecodedResult } from './proto/result.js';
import { encodeReturnRequest, type ReturnRequest } from './proto/return.js';
import { decodeSolveResponse, encodeSolveRequest, type SolveRequest } from './proto/solve.js';
import { encodeWarnRequest, type WarnRequest } from './proto/warn.js';
import type { UnaryChannel } from './transport/channel.js';

/** Solve options; the result forms are fixed by the client (array refs, which is all it decodes). */
export type SolveOptions = Omit<SolveRequest, 'allowResultReturn' | 'allowResultArrayRef'>;

const EMPTY = new Uint8Array(0);

export class LLBBridgeClient {
  readonly #channel: UnaryChannel;
  #pong: PongResponse;
  #caps: Caps;
  #llbCaps: Caps;

  private constructor(channel: UnaryChannel, pong: PongResponse) {
    this.#channel = channel;
    this.#pong = pong;
    this.#caps = new Caps(pong.frontendApiCaps);
    this.#llbCaps = new Caps(pong.llbCaps);
  }

  /** Pings first: every later call is gated on the caps it returns. */
  static async connect(channel: UnaryChannel): Promise<LLBBridgeClient> {
    return new LLBBridgeClient(channel, decodePongResponse(await channel.unary('Ping', EMPTY)));
  }

  get pong(): PongResponse {
    return this.#pong;
  }

  /** Frontend API caps (what this client may call). */
  get caps(): Caps {
    return this.#caps;
  }

  /** LLB caps (what a Definition may use): for the LLB layer. */
  get llbCaps(): Caps {
    return this.#llbCaps;
  }

  async ping(): Promise<PongResponse> {
    const pong = decodePongResponse(await this.#channel.unary('Ping', EMPTY));
    this.#pong = pong;
    this.#caps = new Caps(pong.frontendApiCaps);
    this.#llbCaps = new Caps(pong.llbCaps);
    return pong;
  }

  async solve(opts: SolveOptions): Promise<DecodedResult> {
    this.#caps.require(GatewayCap.solveBase, 'solve');
    this.#caps.require(GatewayCap.protoRefArray, 'solve');
    if (opts.cacheImports?.length) this.#caps.require(GatewayCap.importCaches, 'import build caches');
    if (opts.evaluate) this.#caps.require(GatewayCap.solveEvaluate, 'evaluate a solve');
    const request = encodeSolveRequest({ ...opts, allowResultReturn: true, allowResultArrayRef: true });
    return decodeSolveResponse(await this.#channel.unary('Solve', request));
  }

  async readFile(req: ReadFileRequest): Promise<Uint8Array> {
    this.#caps.require(GatewayCap.readFile, 'read files from a build result');
    return decodeReadFileResponse(await this.#channel.unary('ReadFile', encodeReadFileRequest(req)));
  }

  async readDir(req: ReadDirRequest): Promise<FileStat[]> {
    this.#caps.require(GatewayCap.readDir, 'list directories of a build result');
    return decodeReadDirResponse(await this.#channel.unary('ReadDir', encodeReadDirRequest(req)));
  }

  async statFile(req: StatFileRequest): Promise<FileStat> {
    this.#caps.require(GatewayCap.statFile, 'stat files of a build result');
    return decodeStatFileResponse(await this.#channel.unary('StatFile', encodeStatFileRequest(req)));
  }

  async resolveImageConfig(req: ResolveImageConfigRequest): Promise<ImageConfigResponse> {
    this.#caps.require(GatewayCap.resolveImage, 'resolve image configs');
    if (req.resolveMode)
      this.#caps.require(GatewayCap.resolveImageResolveMode, 'choose an image resolve mode');
    const response = await this.#channel.unary('ResolveImageConfig', encodeResolveImageConfigRequest(req));
    return decodeResolveImageConfigResponse(response);
  }

  async inputs(): Promise<Map<string, Uint8Array>> {
    this.#caps.require(GatewayCap.frontendInputs, 'read frontend inputs');
    return decodeInputsResponse(await this.#channel.unary('Inputs', EMPTY));
  }

  async warn(req: WarnRequest): Promise<void> {
    this.#caps.require(GatewayCap.warnings, 'report warnings');
    await this.#channel.unary('Warn', encodeWarnRequest(req));
  }

  async return(req: ReturnRequest): Promise<void> {
    this.#caps.require(GatewayCap.returnResult, 'return a result');
    if ('result' in req) {
      const { ref, refs } = req.result;
      if (ref || refs) this.#caps.require(GatewayCap.protoRefArray, 'return a result');
      if (refs && entriesOf(refs).length > 1)
        this.#caps.require(GatewayCap.returnMap, 'return several results');
    }
    await this.#channel.unary('Return', encodeReturnRequest(req));
  }
}
