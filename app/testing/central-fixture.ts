/** Test support: a central system on free loopback ports with a real data folder, and OCPP clients. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { loadOrCreateCertificate } from '../central/certificate.ts';
import { CentralSystem, type CentralConfig, type CentralDeps } from '../central/central-system.ts';
import { sessionOpener } from '../store/session-store.ts';
import type { EventRecord, FrameRecord } from '../store/records.ts';

export interface CentralFixture {
  readonly central: CentralSystem;
  readonly dataDir: string;
  readonly wsUrl: string;
  readonly wssUrl: string;
  readonly frames: FrameRecord[];
  readonly events: EventRecord[];
  close(): Promise<void>;
}

export function tempDir(prefix = 'fieldkit-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startCentral(overrides: Partial<CentralConfig> = {}, deps: Pick<CentralDeps, 'relay' | 'certificates'> = {}): Promise<CentralFixture> {
  const dataDir = tempDir();
  const certificate = await loadOrCreateCertificate(dataDir);
  const central = new CentralSystem(
    {
      host: '127.0.0.1',
      wsPort: 0,
      wssPort: 0,
      tls: certificate,
      passwords: new Map([
        ['CP1', 'secret-1'],
        ['CP2', 'secret-2'],
      ]),
      acceptAny: false,
      heartbeatInterval: 60,
      callTimeoutMs: 2_000,
      ...overrides,
    },
    { openSession: sessionOpener({ dataDir }, 'central'), ...deps },
  );
  const frames: FrameRecord[] = [];
  const events: EventRecord[] = [];
  central.on('frame', (f) => frames.push(f));
  central.on('event', (e) => events.push(e));
  const state = await central.start();
  return {
    central,
    dataDir,
    wsUrl: `ws://127.0.0.1:${state.wsPort}/ocpp`,
    wssUrl: `wss://127.0.0.1:${state.wssPort}/ocpp`,
    frames,
    events,
    close: async () => {
      await central.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ClientOptions {
  readonly password?: string;
  readonly user?: string;
  readonly protocols?: string[];
  readonly tls?: { minVersion?: string; maxVersion?: string; ciphers?: string; servername?: string; cert?: string; key?: string };
  /** The loopback address to connect from (127.0.0.2 …), to stand for another host on the network. */
  readonly localAddress?: string;
  /** More request headers (an Origin, as a browser page sends). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Opens a charger-side WebSocket; resolves when open, rejects with the HTTP status when refused. */
export function connectCharger(baseUrl: string, id: string, options: ClientOptions = {}): Promise<WebSocket> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.password !== undefined) {
    headers.Authorization = `Basic ${Buffer.from(`${options.user ?? id}:${options.password}`).toString('base64')}`;
  }
  const ws = new WebSocket(`${baseUrl}/${encodeURIComponent(id)}`, options.protocols ?? ['ocpp1.6'], {
    headers,
    rejectUnauthorized: false,
    ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    ...(options.tls as object),
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => reject(Object.assign(new Error(`HTTP ${res.statusCode}: ${body.trim()}`), { status: res.statusCode })));
    });
    ws.once('error', reject);
  });
}

/** Sends a CALL from the charger side and waits for the matching answer frame. */
export function chargerCall(ws: WebSocket, action: string, payload: unknown, id = `m${Math.random().toString(36).slice(2, 10)}`): Promise<unknown[]> {
  return sendRaw(ws, JSON.stringify([2, id, action, payload]), id);
}

/** Sends raw text and waits for the answer carrying this message id. */
export function sendRaw(ws: WebSocket, text: string, answerId: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.off('message', onMessage);
      reject(new Error(`no answer to ${answerId}`));
    }, 3_000);
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(data.toString()) as unknown[];
      if ((frame[0] === 3 || frame[0] === 4) && frame[1] === answerId) {
        clearTimeout(timer);
        ws.off('message', onMessage);
        resolve(frame);
      }
    };
    ws.on('message', onMessage);
    ws.send(text);
  });
}

export function closeClient(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve();
    ws.once('close', () => resolve());
    ws.close();
  });
}

/** Waits until predicate holds, checking on every event loop turn (no fixed sleeps); an asynchronous probe is awaited. */
export async function until<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
