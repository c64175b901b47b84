/**
 * The two listening sockets of the central system. Plain ws is an http.Server. wss is a TCP server
 * that reads the ClientHello first (so a refused handshake can say what the charger offered), then
 * hands the socket, data intact, to an https.Server with the platform's TLS policy.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { MAX_SNIFF_BYTES, sniffClientHello, type SniffResult } from './client-hello.ts';
import { diagnoseTlsRefusal, type TlsRefusal } from './tls-diagnosis.ts';
import { policyServerOptions, type TlsMaterial } from './tls-policy.ts';
import type { Scheme } from './connection-events.ts';
import type { ConnectionGate } from './connection-gate.ts';

export interface ListenerHandlers {
  readonly upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer, scheme: Scheme) => void;
  readonly request: (req: IncomingMessage, res: ServerResponse, scheme: Scheme) => void;
  readonly tlsRefused: (remote: string, refusal: TlsRefusal) => void;
  /** A client completed the TLS handshake, then closed without a single HTTP request. */
  readonly closedAfterTls: (remote: string) => void;
  /** Caps on sockets that are not a charger yet; every new socket passes it first. */
  readonly gate: ConnectionGate;
  /** How long a client may take over its TLS handshake and upgrade request (HANDSHAKE_DEADLINE_MS by default). */
  readonly deadlineMs?: number;
}

export interface Listener {
  readonly scheme: Scheme;
  readonly port: number;
  /** wss in Security Profile 3: the CAs whose client certificates it checks, replaced while it listens. */
  trust?(clientCas: readonly string[]): void;
  close(): Promise<void>;
}

/** How long a client may take to send its ClientHello before we hand over without having read it. */
const SNIFF_TIMEOUT_MS = 5_000;
/**
 * Deadlines for a client that has not become a charger: the TLS handshake, then the upgrade request.
 * Genuine chargers finish both in well under a second even over GSM; a silent socket is let go.
 */
export const HANDSHAKE_DEADLINE_MS = 10_000;
const httpDeadlines = (ms = HANDSHAKE_DEADLINE_MS) => ({
  headersTimeout: ms,
  requestTimeout: ms,
  connectionsCheckingInterval: Math.min(1_000, ms),
  maxHeaderSize: 16 * 1024,
});

export async function listenWs(host: string, port: number, handlers: ListenerHandlers): Promise<Listener> {
  const server = createHttpServer(httpDeadlines(handlers.deadlineMs), (req, res) => handlers.request(req, res, 'ws'));
  server.on('connection', (socket: Socket) => handlers.gate.enter(socket));
  server.on('clientError', (_err, socket) => answerBadRequest(socket));
  server.on('upgrade', (req, socket, head) => handlers.upgrade(req, socket, head, 'ws'));
  const bound = await listen(server, host, port, 'ws');
  return { scheme: 'ws', port: bound, close: () => closeHttp(server) };
}

/**
 * clientCas: Security Profile 3 — the handshake asks for a client certificate and checks it against
 * these CAs, but never fails on it: the upgrade judges it (client-certificate.ts) and says why.
 */
export async function listenWss(
  host: string,
  port: number,
  material: TlsMaterial,
  handlers: ListenerHandlers,
  clientCas: readonly string[] | null = null,
): Promise<Listener> {
  // Sockets that sent an HTTP request after TLS: the others closed right after the handshake.
  const spokeHttp = new WeakSet<object>();
  const clientCertificates = (cas: readonly string[]) => ({ requestCert: true, rejectUnauthorized: false, ca: [...cas] });
  const https: HttpsServer = createHttpsServer(
    {
      ...policyServerOptions(material),
      ...(clientCas ? clientCertificates(clientCas) : {}),
      ...httpDeadlines(handlers.deadlineMs),
      handshakeTimeout: handlers.deadlineMs ?? HANDSHAKE_DEADLINE_MS,
    },
    (req, res) => {
      spokeHttp.add(req.socket);
      handlers.request(req, res, 'wss');
    },
  );
  https.on('clientError', (_err, socket) => answerBadRequest(socket));
  https.on('upgrade', (req, socket, head) => {
    spokeHttp.add(req.socket);
    handlers.upgrade(req, socket, head, 'wss');
  });
  const sniffed = new Map<string, SniffResult>();
  // The address of each TCP socket, taken when it connected: a TLS socket that failed has lost its own.
  const remotes = new WeakMap<object, string>();
  const remoteFor = (tlsSocket: TLSSocket) => remotes.get((tlsSocket as unknown as { _parent?: object })._parent ?? tlsSocket) ?? remoteOf(tlsSocket);
  https.on('tlsClientError', (error: Error & { code?: string; reason?: string }, tlsSocket: TLSSocket) => {
    const remote = remoteFor(tlsSocket);
    handlers.tlsRefused(remote, diagnoseTlsRefusal(error, sniffed.get(remote)));
    sniffed.delete(remote);
  });
  https.on('secureConnection', (tlsSocket: TLSSocket) => {
    const remote = remoteFor(tlsSocket);
    sniffed.delete(remote);
    // Many TLS stacks (Node's among them) finish the handshake, check the certificate, and then
    // just close when they do not trust it: no alert, no request. That silence is the diagnosis.
    tlsSocket.once('close', () => {
      if (!spokeHttp.has(tlsSocket)) handlers.closedAfterTls(remote);
    });
  });

  const sockets = new Set<Socket>();
  const front: TcpServer = createTcpServer((socket) => {
    if (!handlers.gate.enter(socket)) return;
    const remote = remoteOf(socket);
    remotes.set(socket, remote);
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      sniffed.delete(remote);
    });
    let buffered = Buffer.alloc(0);
    const handOver = (result: SniffResult | undefined) => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.pause();
      if (result) sniffed.set(remote, result);
      // TLSSocket takes over the data already read (tls_wrap feeds a socket's readable buffer to OpenSSL).
      if (buffered.length > 0) socket.unshift(buffered);
      https.emit('connection', socket);
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const result = sniffClientHello(buffered);
      if (result.kind !== 'incomplete' || buffered.length >= MAX_SNIFF_BYTES) handOver(result);
    };
    const timer = setTimeout(() => handOver(undefined), SNIFF_TIMEOUT_MS);
    socket.on('data', onData);
    socket.on('error', () => clearTimeout(timer));
  });
  const bound = await listen(front, host, port, 'wss');
  return {
    scheme: 'wss',
    port: bound,
    ...(clientCas ? { trust: (cas: readonly string[]) => https.setSecureContext({ ...policyServerOptions(material), ca: [...cas] }) } : {}),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all([closeHttp(https), new Promise<void>((resolve) => front.close(() => resolve()))]);
    },
  };
}

function listen(server: HttpServer | TcpServer, host: string, port: number, scheme: Scheme): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.removeListener('listening', onListening);
      if (err.code === 'EADDRINUSE') reject(new Error(`port ${port} (${scheme}) is already in use: is another central system running? Choose another port`));
      else if (err.code === 'EACCES') reject(new Error(`no permission to listen on port ${port} (${scheme}): ports below 1024 need administrator rights`));
      else reject(new Error(`cannot listen on ${host}:${port} (${scheme}): ${err.message}`));
    };
    const onListening = () => {
      server.removeListener('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** A malformed request line or headers (junk, a port scanner): answer 400 and close, never throw. */
function answerBadRequest(socket: Duplex): void {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  else socket.destroy();
}

function closeHttp(server: HttpServer | HttpsServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export function remoteOf(socket: { remoteAddress?: string | undefined; remotePort?: number | undefined }): string {
  const address = socket.remoteAddress ?? 'unknown';
  return address.includes(':') ? `[${address}]:${socket.remotePort}` : `${address}:${socket.remotePort}`;
}
