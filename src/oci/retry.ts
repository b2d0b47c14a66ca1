// When and how long to wait before repeating a request: bounded exponential backoff with full
// jitter (spreads clients hitting one registry), and the registry's own Retry-After when it gives one.
import { setTimeout as sleep } from 'node:timers/promises';
import { NetworkError, RegistryError } from './errors.js';

export interface RetryPolicy {
  /** Total tries including the first; 1 disables retries. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the error is reported instead. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** 408/429 are "try again later"; 500/502/503/504 are commonly transient (overload, proxy restarts). */
export function isRetryableStatus(status: number): boolean {
  return (
    status === 408 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504
  );
}

/** Connection-level failures worth another try; DNS "not found" and TLS errors are not. */
const retryableErrnos = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
]);

export function isRetryableErrno(errno: string | undefined): boolean {
  return errno !== undefined && retryableErrnos.has(errno);
}

/** Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3); returns milliseconds. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, t - now);
}

/** Full jitter: uniform in [0, min(max, base * 2^retry)]; `retry` counts from 0. */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * The wait before retry number `retry` (0-based), or undefined to give up. `retryAfterMs` from the
 * server wins over the computed backoff when present.
 */
export function nextDelay(
  retry: number,
  policy: RetryPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number | undefined {
  if (retry + 1 >= policy.maxAttempts) return undefined;
  if (retryAfterMs !== undefined) {
    return retryAfterMs > policy.maxRetryAfterMs ? undefined : retryAfterMs;
  }
  return backoffDelay(retry, policy, random);
}

export interface RetryEvent {
  operation: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

/** Why a failure may be retried, and the server's wish for the wait when it gave one. */
export interface RetryReason {
  reason: string;
  retryAfterMs?: number;
}

export interface RetryOptions {
  operation: string;
  policy: RetryPolicy;
  /** Called before each retry, e.g. to log it. */
  onRetry?: (e: RetryEvent) => void;
}

/**
 * The one retry loop: runs `attempt(retry)` (retry counts from 0) until it succeeds, `retryable` says
 * its failure is final, or the policy gives up; then the last failure is thrown.
 */
export async function withRetry<T>(
  opts: RetryOptions,
  attempt: (retry: number) => Promise<T>,
  retryable: (e: unknown) => RetryReason | undefined,
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(retry);
    } catch (e) {
      const why = retryable(e);
      const delay = why && nextDelay(retry, opts.policy, why.retryAfterMs);
      if (why === undefined || delay === undefined) throw e;
      opts.onRetry?.({ operation: opts.operation, attempt: retry + 1, delayMs: delay, reason: why.reason });
      await sleep(delay);
    }
  }
}

/** 5xx/429-like answers and dropped connections may pass on retry; anything else will not. */
export function retryableFailure(e: unknown): RetryReason | undefined {
  if (e instanceof RegistryError && isRetryableStatus(e.status)) {
    return { reason: `HTTP ${e.status}`, retryAfterMs: e.retryAfterMs };
  }
  if (e instanceof NetworkError && isRetryableErrno(e.errno)) return { reason: e.errno ?? e.message };
  return undefined;
}
