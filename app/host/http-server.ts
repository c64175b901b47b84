/**
 * The headless host's HTTP side: the built renderer as static files and the contract at /api, on
 * loopback by default. One renderer build serves Electron and the browser alike. Every request must
 * name the host directly (access.ts); the API also wants this run's token, which the printed address
 * carries in its fragment (never sent to a server, never in a Referer).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createAccessToken, isDirectHost, TOKEN_PARAM } from './access.ts';
import { resolveStaticFile, staticHeaders } from './static-files.ts';
import type { HostApi } from './contract.ts';
import { serveHostOverWebSocket } from './ws-server.ts';

export { CONTENT_SECURITY_POLICY } from './static-files.ts';

export interface UiServer {
  readonly server: Server;
  /** The server's address, without the token. */
  readonly url: string;
  /** The address to open in a browser: the token rides in the fragment. */
  readonly openUrl: string;
  /** The host API for a tool: ws://…/api?token=… */
  readonly apiUrl: string;
  readonly token: string;
  /** The port asked for when it was taken and `orAnyFreePort` moved the UI elsewhere; null otherwise. */
  readonly movedFrom: number | null;
  close(): Promise<void>;
}

export interface UiServerOptions {
  readonly host: string;
  readonly port: number;
  readonly staticDir: string;
  /** Fixed token (tests); a fresh random one per run by default. */
  readonly token?: string;
  /** When the port is taken, listen on any free one instead (the default port, not one the user chose). */
  readonly orAnyFreePort?: boolean;
}

/** A request line, headers and body that take longer than this are dropped (slow clients hold no socket). */
const REQUEST_DEADLINE_MS = 10_000;

export async function startUiServer(host: HostApi, options: UiServerOptions): Promise<UiServer> {
  const root = options.staticDir;
  const token = options.token ?? createAccessToken();
  const server = createServer({ requestTimeout: REQUEST_DEADLINE_MS, headersTimeout: REQUEST_DEADLINE_MS }, (req, res) => {
    if (!isDirectHost(req.headers.host)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('This server answers only to 127.0.0.1, [::1] or localhost.\n');
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Malformed URL.\n');
      return;
    }
    let file = resolveStaticFile(root, path);
    if (file === null || path.includes('\0')) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html'); // single-page app routes
    if (!existsSync(file)) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('The UI is not built yet: run `npm run build`. The host API is live at /api.\n');
      return;
    }
    res.writeHead(200, staticHeaders(file));
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  const api = serveHostOverWebSocket(server, host, token);
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, options.host, () => (server.off('error', reject), resolve()));
    });
  let movedFrom: number | null = null;
  try {
    await listen(options.port);
  } catch (err) {
    const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
    if (!inUse || !options.orAnyFreePort) {
      api.close();
      throw new Error(inUse ? `UI port ${options.port} is already in use: choose another with --ui-port` : (err as Error).message);
    }
    // Another Field Kit (or anything else) has the default port: this one runs beside it.
    movedFrom = options.port;
    await listen(0);
  }
  const { port } = server.address() as AddressInfo;
  const hostPart = options.host.includes(':') ? `[${options.host}]` : options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  const url = `http://${hostPart}:${port}/`;
  return {
    server,
    url,
    openUrl: `${url}#${TOKEN_PARAM}=${token}`,
    apiUrl: `ws://${hostPart}:${port}/api?${TOKEN_PARAM}=${token}`,
    token,
    movedFrom,
    close: () =>
      new Promise<void>((resolve) => {
        api.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
