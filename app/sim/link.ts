/**
 * A simulated charger's connection to its central system: the WebSocket (ws or wss, Basic Auth,
 * the TLS quirks), the BootNotification handshake that opens a session, and reconnection with
 * backoff after a drop. What the charger does once booted is the charger's business (onBooted).
 */
import WebSocket from 'ws';
import { RpcEndpoint, type CallSuccess, type FrameObservation, type IncomingCall } from '../ocpp/endpoint.ts';
import { backoffDelay } from '../lib/backoff.ts';
import type { Quirks } from './quirks.ts';
import type { TimerBag } from './timers.ts';

export type SimConnectionState = 'connecting' | 'connected' | 'disconnected' | 'stopped';

export interface LinkOptions {
  /** The central system's URL without the id: ws[s]://host:port/path. */
  readonly url: string;
  readonly id: string;
  /** The Basic Auth password now (AuthorizationKey can change it); undefined: no Authorization header. */
  readonly password: () => string | undefined;
  readonly quirks: Quirks;
  readonly insecure?: boolean;
  readonly ca?: string | Buffer;
  /** The client certificate to present (Security Profile 3), asked at each connection; none when absent. */
  readonly tls?: () => Promise<{ readonly cert?: string; readonly key?: string }>;
  /** Whether to send the password, knowing whether a certificate is presented (default: always when there is one). */
  readonly sendsPassword?: (presentsCertificate: boolean) => boolean;
  readonly callTimeoutMs?: number;
  readonly reconnectBaseMs?: number;
  readonly reconnectMaxMs?: number;
}

/** What the link asks of the charger it connects. */
export interface LinkPeer {
  handle(call: IncomingCall): unknown;
  /** The BootNotification to send now. */
  bootPayload(): Record<string, unknown>;
  /** The central system accepted the boot; interval is its heartbeat interval (s), if it gave one. */
  onBooted(interval: number | undefined): void;
  /** The session ended (closed, dropped, rebooting or stopped). */
  onSessionEnded(): void;
  onFrame(frame: FrameObservation): void;
  onState(state: SimConnectionState, reason?: string): void;
  log(line: string): void;
}

export class SimLink {
  private ws: WebSocket | undefined;
  private endpoint: RpcEndpoint | undefined;
  private booted = false;
  private stopped = true;
  /** Set while a reboot's close is under way: the reboot reconnects, not the backoff. */
  private rebooting = false;
  private reconnectAttempt = 0;
  /** A connection is being prepared (its certificate made): no second one meanwhile. */
  private preparing = false;

  constructor(
    private readonly options: LinkOptions,
    private readonly peer: LinkPeer,
    private readonly timers: TimerBag,
  ) {}

  /** Booted and open: charger-initiated messages can go out. */
  get connected(): boolean {
    return this.booted && this.ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const ws = this.ws;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close(1000, 'simulator stopped');
        this.timers.later(() => ws.terminate(), 1000);
      });
    }
    this.peer.onState('stopped');
  }

  /** Close as a network drop would (no close handshake); the link reconnects with backoff. */
  drop(): void {
    this.ws?.terminate();
  }

  /** Close and connect again at once (a new client certificate is used from the next connection). */
  reconnect(): void {
    this.reboot(100, () => {});
  }

  /** Close for a reboot and connect again once it is over; whileDown runs just before the reconnection. */
  reboot(afterMs: number, whileDown: () => void): void {
    this.rebooting = true;
    this.endSession();
    this.ws?.close(1000, 'rebooting');
    this.timers.later(() => {
      whileDown();
      this.rebooting = false;
      if (!this.stopped) this.connect();
    }, afterMs);
  }

  call(action: string, payload: Record<string, unknown>, allowInvalid: boolean): Promise<CallSuccess> {
    if (!this.endpoint) return Promise.reject(new Error('not connected'));
    return this.endpoint.call(action, payload, { allowInvalid });
  }

  ping(): void {
    this.ws?.ping();
  }

  targetUrl(): string {
    let base = this.options.url.replace(/\/+$/, '');
    // A ws-only charger given a wss URL speaks plain ws to that port anyway.
    if (this.options.quirks.has('ws-only')) base = base.replace(/^wss:/, 'ws:');
    return `${base}/${encodeURIComponent(this.options.id)}`;
  }

  private connect(): void {
    // One socket at a time: a reboot's reconnect may meet a close still under way or a pending retry.
    if (this.stopped || this.ws || this.preparing) return;
    this.preparing = true;
    (this.options.tls ?? (async () => ({})))().then(
      (tls) => {
        this.preparing = false;
        this.open(tls);
      },
      (err: Error) => {
        this.preparing = false;
        this.peer.log(`no client certificate to present: ${err.message}`);
        this.open({});
      },
    );
  }

  private open(tls: { readonly cert?: string; readonly key?: string }): void {
    if (this.stopped || this.ws) return;
    const { quirks, insecure, ca, id } = this.options;
    this.peer.onState('connecting');
    const headers: Record<string, string> = {};
    const password = (this.options.sendsPassword?.(tls.cert !== undefined) ?? true) ? this.options.password() : undefined;
    if (password && !quirks.has('no-basic-auth')) headers.Authorization = `Basic ${Buffer.from(`${id}:${password}`).toString('base64')}`;
    const ws = new WebSocket(this.targetUrl(), ['ocpp1.6'], {
      headers,
      handshakeTimeout: 15_000,
      rejectUnauthorized: !(insecure ?? false),
      ...(ca ? { ca } : {}),
      ...(tls.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
      ...(quirks.has('tls-1.3-only') ? { minVersion: 'TLSv1.3' as const, maxVersion: 'TLSv1.3' as const } : {}),
    });
    this.ws = ws;
    let failure = '';
    ws.on('unexpected-response', (req, res) => {
      failure = `HTTP ${res.statusCode}`;
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => this.peer.log(`refused: HTTP ${res.statusCode} ${body.trim()}`));
      req.destroy();
      this.onClosed(ws, failure);
    });
    ws.on('error', (err) => {
      failure = err.message;
    });
    ws.on('open', () => this.onOpen(ws));
    ws.on('close', (code, reason) => this.onClosed(ws, failure || `${code}${reason.length ? ` ${reason.toString()}` : ''}`));
  }

  private onOpen(ws: WebSocket): void {
    const endpoint = new RpcEndpoint({
      sink: { send: (text) => ws.send(text) },
      role: 'chargePoint',
      handler: (call) => this.peer.handle(call),
      observe: (frame) => this.peer.onFrame(frame),
      callTimeoutMs: this.options.callTimeoutMs ?? 30_000,
    });
    this.endpoint = endpoint;
    ws.on('message', (data) => endpoint.receive(data.toString()));
    this.peer.log(`connected to ${this.targetUrl()}`);
    void this.boot(ws);
  }

  private async boot(ws: WebSocket): Promise<void> {
    const answer = await this.endpoint
      ?.call('BootNotification', this.peer.bootPayload())
      .catch((err: Error) => (this.peer.log(`BootNotification failed: ${err.message}`), undefined));
    if (!answer || this.ws !== ws) return;
    const { status, interval } = answer.payload as { status?: string; interval?: number };
    if (status !== 'Accepted') {
      // Pending/Rejected: try again after the interval, send nothing else meanwhile (spec §4.2).
      this.peer.log(`BootNotification ${status}; retrying in ${interval ?? 60} s`);
      this.timers.later(() => this.ws === ws && void this.boot(ws), Math.max(1, interval ?? 60) * 1000);
      return;
    }
    this.booted = true;
    this.reconnectAttempt = 0;
    this.peer.onBooted(typeof interval === 'number' && interval > 0 ? interval : undefined);
  }

  private endSession(): void {
    this.booted = false;
    this.peer.onSessionEnded();
  }

  private onClosed(ws: WebSocket, reason: string): void {
    if (this.ws !== ws) return;
    this.ws = undefined;
    this.endSession();
    this.endpoint?.close(`connection closed (${reason})`);
    this.endpoint = undefined;
    this.peer.onState('disconnected', reason);
    if (this.stopped || this.rebooting) return;
    const delay = backoffDelay(this.reconnectAttempt, this.options.reconnectBaseMs ?? 1000, this.options.reconnectMaxMs ?? 30_000);
    this.reconnectAttempt++;
    this.peer.log(`disconnected (${reason}); reconnecting in ${(delay / 1000).toFixed(1)} s`);
    this.timers.later(() => this.connect(), delay);
  }
}
