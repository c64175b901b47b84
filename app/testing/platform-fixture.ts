/**
 * Test support: a real platform (CSMS) on loopback for the relay to forward to: WSS with a
 * certificate signed by a test CA, Basic Auth, and every byte it receives kept as it arrived. It
 * answers the charger's CALLs as a platform would (its own transaction ids), can refuse with an
 * HTTP status, drop its connections, or send its own CALLs.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { generate, type SelfsignedOptions } from 'selfsigned';
import WebSocket, { WebSocketServer } from 'ws';

export interface TestPki {
  readonly caCert: string;
  /** The CA certificate written to a file (what the user gives as --ca). */
  readonly caFile: string;
  readonly serverCert: string;
  readonly serverKey: string;
  /** A self-signed certificate no CA vouches for (the "bad certificate" platform). */
  readonly rogueCert: string;
  readonly rogueKey: string;
}

const altNames = [
  { type: 2 as const, value: 'localhost' },
  { type: 7 as const, ip: '127.0.0.1' },
];

export async function makeTestPki(dir: string): Promise<TestPki> {
  const notBeforeDate = new Date(Date.now() - 3600_000);
  const notAfterDate = new Date(Date.now() + 30 * 86400_000);
  const ca = await generate([{ name: 'commonName', value: 'Field Kit Test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const leafOptions: SelfsignedOptions = {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  };
  const server = await generate([{ name: 'commonName', value: 'platform.test' }], { ...leafOptions, ca: { key: ca.private, cert: ca.cert } });
  const rogue = await generate([{ name: 'commonName', value: 'platform.test' }], leafOptions);
  const caFile = join(dir, 'test-ca.pem');
  writeFileSync(caFile, ca.cert);
  return { caCert: ca.cert, caFile, serverCert: server.cert, serverKey: server.private, rogueCert: rogue.cert, rogueKey: rogue.private };
}

export interface ReceivedFrame {
  readonly data: Buffer;
  readonly isBinary: boolean;
  readonly path: string;
}

export interface Platform {
  readonly url: string;
  /** Every WebSocket message the platform received, bytes as they arrived. */
  readonly received: ReceivedFrame[];
  /** Every Authorization header presented (to check what was sent; never shown). */
  readonly authorizations: (string | undefined)[];
  /** The CN of the client certificate presented at each upgrade (null: none). */
  readonly clientNames: (string | null)[];
  readonly connections: WebSocket[];
  /** Refuse upgrades with this HTTP status (null: admit). */
  refuseWith: number | null;
  /** Answer the charger's CALLs (off: the test answers itself). */
  autoAnswer: boolean;
  /** The CALLs received, parsed. */
  calls(action?: string): unknown[][];
  send(text: string): void;
  /** Cut every connection (the platform crashed or the network broke). */
  dropAll(): void;
  close(): Promise<void>;
}

export interface PlatformOptions {
  readonly cert: string;
  readonly key: string;
  /** Expected Basic Auth password (any id); null admits anyone. */
  readonly password: string | null;
  /** Require a client certificate issued by this CA (PEM): Security Profile 3 on the platform. */
  readonly clientCa?: string;
}

export async function startPlatform(options: PlatformOptions): Promise<Platform> {
  const server: Server = createServer({
    cert: options.cert,
    key: options.key,
    minVersion: 'TLSv1.2',
    ...(options.clientCa ? { requestCert: true, rejectUnauthorized: true, ca: options.clientCa } : {}),
  });
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (offered) => (offered.has('ocpp1.6') ? 'ocpp1.6' : false) });
  let nextTransactionId = 9000;
  const platform: Platform = {
    url: '',
    received: [],
    authorizations: [],
    clientNames: [],
    connections: [],
    refuseWith: null,
    autoAnswer: true,
    calls: (action) =>
      platform.received
        .map((r) => {
          try {
            return JSON.parse(r.data.toString()) as unknown[];
          } catch {
            return [];
          }
        })
        .filter((f) => f[0] === 2 && (action === undefined || f[2] === action)),
    send: (text) => platform.connections.at(-1)?.send(text),
    dropAll: () => {
      for (const ws of platform.connections) ws.terminate();
    },
    close: async () => {
      platform.dropAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const refuse = (socket: Duplex, status: number) => socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    platform.authorizations.push(req.headers.authorization);
    const peer = (req.socket as TLSSocket).getPeerCertificate?.() as { subject?: { CN?: string } } | undefined;
    platform.clientNames.push(peer?.subject?.CN ?? null);
    if (platform.refuseWith !== null) return refuse(socket, platform.refuseWith);
    if (options.password !== null) {
      const presented = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      if (presented.slice(presented.indexOf(':') + 1) !== options.password) return refuse(socket, 401);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      platform.connections.push(ws);
      ws.on('message', (data, isBinary) => {
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
        platform.received.push({ data: bytes, isBinary, path: req.url ?? '' });
        if (!platform.autoAnswer) return;
        let frame: unknown[];
        try {
          frame = JSON.parse(bytes.toString()) as unknown[];
        } catch {
          return;
        }
        if (frame[0] !== 2) return;
        const answer =
          frame[2] === 'StartTransaction'
            ? { transactionId: ++nextTransactionId, idTagInfo: { status: 'Accepted' } }
            : frame[2] === 'BootNotification'
              ? { status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 }
              : frame[2] === 'Heartbeat'
                ? { currentTime: new Date().toISOString() }
                : frame[2] === 'StopTransaction' || frame[2] === 'Authorize'
                  ? { idTagInfo: { status: 'Accepted' } }
                  : {};
        ws.send(JSON.stringify([3, frame[1], answer]));
      });
      ws.on('error', () => {});
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  (platform as { url: string }).url = `wss://127.0.0.1:${(server.address() as AddressInfo).port}/ocpp`;
  return platform;
}
