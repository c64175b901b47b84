/**
 * The relay's leg to the platform for one charger: a WebSocket client over TLS 1.2+ that verifies
 * the platform's certificate (system CAs plus the target's extra CA), presents Basic Auth, and comes
 * back after a failure with exponential backoff. It reports each phase with its reason; it never
 * writes the Authorization header or the password anywhere.
 */
import { backoffDelay } from '../lib/backoff.ts';
import { createSecureContext, rootCertificates, type SecureContext, type TLSSocket } from 'node:tls';
import type { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { Emitter } from '../lib/emitter.ts';
import type { TlsFacts } from '../central/connection-events.ts';
import { isPolicyCipher } from '../central/tls-policy.ts';
import { failureFromError, failureFromStatus, type UpstreamFailure } from './upstream-failure.ts';
import type { DialledUpstream, ResolvedTarget } from './target.ts';
import { tlsOptionsOf, type ClientIdentity } from './client-identity.ts';
import { createHash } from 'node:crypto';

export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 60_000 };

export interface UpstreamOptions {
  readonly target: ResolvedTarget;
  readonly subprotocol: string;
  readonly backoff?: Backoff;
  readonly handshakeTimeoutMs?: number;
  readonly maxPayloadBytes?: number;
}

export interface UpstreamOpened {
  readonly url: string;
  readonly presentAs: string;
  readonly subprotocol: string;
  readonly tls: TlsFacts | null;
  /** basic: the stored password; charger: the charger's own header passed on; none. */
  readonly auth: 'basic' | 'charger' | 'none';
  readonly attempt: number;
}

export type UpstreamEvents = {
  connecting: { readonly url: string; readonly attempt: number };
  open: UpstreamOpened;
  message: { readonly data: Buffer; readonly isBinary: boolean };
  /** The leg is down (refused, failed or closed); retryInMs: when the next attempt starts. */
  down: { readonly failure: UpstreamFailure; readonly retryInMs: number; readonly closeCode?: number };
};

export class UpstreamLeg extends Emitter<UpstreamEvents> {
  private ws: WebSocket | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private stopped = false;
  private readonly backoff: Backoff;

  constructor(private readonly options: UpstreamOptions) {
    super();
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (this.stopped || this.ws) return;
    this.connect();
  }

  /** Sends unchanged; false when the leg is not open (the caller answers locally instead). */
  send(data: Buffer | string, isBinary: boolean): boolean {
    if (!this.isOpen) return false;
    this.ws!.send(data, { binary: isBinary });
    return true;
  }

  /** Close for good (the charger left): the platform sees the charger go offline. */
  stop(code = 1000, reason = ''): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const ws = this.ws;
    this.ws = undefined;
    if (!ws) return;
    if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
    else ws.terminate();
  }

  /**
   * Takes over a connection to the platform already open (the admission check's, made with the same
   * credentials a moment ago), as if this leg had opened it: no second login at the platform.
   */
  adopt(opened: DialledUpstream): void {
    if (this.stopped || this.ws) {
      opened.ws.terminate();
      return;
    }
    this.attempt = 1;
    this.emit('connecting', { url: this.options.target.displayUrl, attempt: this.attempt });
    if (opened.ws.readyState !== WebSocket.OPEN) {
      this.down({ kind: 'network', reason: 'the platform closed the connection right after it admitted the charger' });
      return;
    }
    this.ws = opened.ws;
    this.watch(opened.ws, opened.tls);
  }

  private connect(): void {
    this.attempt++;
    this.emit('connecting', { url: this.options.target.displayUrl, attempt: this.attempt });
    const dialled = dialUpstream(this.options);
    this.ws = dialled.ws;
    void dialled.result.then((result) => {
      if (this.ws !== dialled.ws) return; // stopped meanwhile
      if (result.ok) this.watch(dialled.ws, result.tls);
      else this.down(result.failure);
    });
  }

  /** An open connection: its messages, and its end. */
  private watch(ws: WebSocket, tls: TlsFacts | null): void {
    const { target } = this.options;
    const attempt = this.attempt;
    this.attempt = 0;
    ws.on('message', (data, isBinary) => {
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
      this.emit('message', { data: bytes, isBinary });
    });
    let failure: UpstreamFailure | undefined;
    ws.on('error', (err) => {
      failure ??= withCertificateHint(failureFromError(err as Error & { code?: string }), target.clientIdentity !== null);
    });
    ws.on('close', (code, reasonBuffer) => {
      if (this.ws !== ws) return; // stopped: the leg was closed on purpose
      const reason = reasonBuffer.toString();
      this.down(
        failure ?? { kind: 'network', reason: `the platform closed the connection (${code}${reason ? ` ${reason}` : ''})` },
        failure ? undefined : code,
      );
    });
    this.emit('open', {
      url: target.displayUrl,
      presentAs: target.presentAs,
      subprotocol: ws.protocol,
      tls,
      auth: target.forwardChargerAuth ? (target.chargerAuthorization ? 'charger' : 'none') : target.password === null ? 'none' : 'basic',
      attempt,
    });
  }

  private down(failure: UpstreamFailure, closeCode?: number): void {
    this.ws = undefined;
    const retryInMs = this.nextDelay();
    this.emit('down', { failure, retryInMs, ...(closeCode !== undefined ? { closeCode } : {}) });
    this.retryTimer = setTimeout(() => this.connect(), retryInMs);
  }

  private nextDelay(): number {
    return backoffDelay(this.attempt - 1, this.backoff.initialMs, this.backoff.maxMs);
  }
}

/** A connection attempt to the platform and how it ended: open (with its TLS facts), or the reason it did not. */
export function dialUpstream(options: UpstreamOptions): {
  readonly ws: WebSocket;
  readonly result: Promise<({ readonly ok: true } & DialledUpstream) | { readonly ok: false; readonly failure: UpstreamFailure }>;
} {
  const { target, subprotocol } = options;
  const headers: Record<string, string> = {};
  if (target.forwardChargerAuth) {
    if (target.chargerAuthorization) headers.Authorization = target.chargerAuthorization;
  } else if (target.password !== null) headers.Authorization = `Basic ${Buffer.from(`${target.presentAs}:${target.password}`).toString('base64')}`;
  const ws = new WebSocket(target.url, [subprotocol], {
    headers,
    handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
    maxPayload: options.maxPayloadBytes ?? 4 * 1024 * 1024,
    perMessageDeflate: false,
    followRedirects: false,
    minVersion: 'TLSv1.2',
    // A secure context replaces the TLS options, so the client certificate goes into it when there is one.
    ...(target.extraCa.length > 0 || target.clientIdentity ? { secureContext: trustingAlso(target.extraCa, target.clientIdentity) } : {}),
  });
  const result = new Promise<({ readonly ok: true } & DialledUpstream) | { readonly ok: false; readonly failure: UpstreamFailure }>((resolve) => {
    let tls: TlsFacts | null = null;
    let failure: UpstreamFailure | undefined;
    const settle = (value: ({ readonly ok: true } & DialledUpstream) | { readonly ok: false; readonly failure: UpstreamFailure }) => {
      ws.off('close', onClose);
      resolve(value);
    };
    const onClose = (code: number, reasonBuffer: Buffer) => {
      const reason = reasonBuffer.toString();
      settle({ ok: false, failure: failure ?? { kind: 'network', reason: `the platform closed the connection (${code}${reason ? ` ${reason}` : ''})` } });
    };
    ws.on('upgrade', (res: IncomingMessage) => {
      const socket = res.socket as TLSSocket;
      if (typeof socket.getProtocol === 'function') {
        const cipher = socket.getCipher()?.name ?? null;
        tls = { version: socket.getProtocol(), cipher, sni: socket.servername || null, policyCipher: isPolicyCipher(cipher ?? undefined) };
      }
    });
    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      failure = failureFromStatus(res.statusCode ?? 0, res.statusMessage, target.presentAs);
      res.resume();
      ws.terminate();
    });
    // Errors before the open end the attempt (the close follows). The listener stays: an error between
    // the open and whoever takes the connection over must not be an unhandled 'error'.
    ws.on('error', (err: Error) => {
      failure ??= withCertificateHint(failureFromError(err as Error & { code?: string }), target.clientIdentity !== null);
    });
    ws.once('open', () => settle({ ok: true, ws, tls }));
    ws.on('close', onClose);
  });
  return { ws, result };
}

/**
 * A reset in the handshake says nothing by itself; over TLS it is often the platform ending it over
 * the client certificate (TLS 1.3 sends its alert after the client thinks it is through): said as a
 * possibility, with what to check.
 */
function withCertificateHint(failure: UpstreamFailure, presented: boolean): UpstreamFailure {
  if (failure.kind !== 'network' || failure.code !== 'ECONNRESET') return failure;
  return {
    ...failure,
    reason: presented
      ? `${failure.reason}: a platform that does not accept the relay's client certificate (not issued by a CA it trusts, expired) ends the connection this way`
      : `${failure.reason}: a platform that requires a client certificate ends the connection this way when none is presented`,
  };
}

/**
 * The system's CAs plus the target's (Node's ca option replaces the system store, so both are given).
 * Built once per CA set: parsing some 150 root certificates costs ~20 ms, per connection otherwise.
 */
const contexts = new Map<string, SecureContext>();
function trustingAlso(extraCa: readonly string[], identity: ClientIdentity | null): SecureContext {
  // Keyed by a digest: the key material is not kept as a map key in clear.
  const key = createHash('sha256')
    .update(extraCa.join('\n'))
    .update('\u0000')
    .update(identity ? JSON.stringify(identity) : '')
    .digest('hex');
  let context = contexts.get(key);
  if (!context) {
    context = createSecureContext({ ca: [...rootCertificates, ...extraCa], minVersion: 'TLSv1.2', ...(identity ? tlsOptionsOf(identity) : {}) });
    contexts.set(key, context);
    if (contexts.size > 16) contexts.delete(contexts.keys().next().value as string);
  }
  return context;
}
