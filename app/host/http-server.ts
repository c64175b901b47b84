/**
 * The headless host's HTTP side: the built renderer as static files and the contract at /api,
 * on loopback by default. One renderer build serves Electron and the browser alike.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { resolveStaticFile, staticHeaders } from './static-files.ts';
import type { HostApi } from './contract.ts';
import { serveHostOverWebSocket } from './ws-server.ts';

export { CONTENT_SECURITY_POLICY } from './static-files.ts';

export interface UiServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

export async function startUiServer(host: HostApi, options: { host: string; port: number; staticDir: string }): Promise<UiServer> {
  const root = options.staticDir;
  const server = createServer((req, res) => {
    let file = resolveStaticFile(root, decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/'));
    if (file === null) {
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
    createReadStream(file).pipe(res);
  });
  const api = serveHostOverWebSocket(server, host);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(new Error(err.code === 'EADDRINUSE' ? `UI port ${options.port} is already in use: choose another with --ui-port` : err.message)),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        api.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
