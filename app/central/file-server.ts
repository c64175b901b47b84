/**
 * The app's own HTTP file server: firmware images a charger is told to download (UpdateFirmware),
 * served at /files/<token>/<name>. Each offered file gets an unguessable token, so nothing else in
 * the data folder is reachable; every request is remembered so a check can show the charger fetched it.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FileRequest {
  readonly at: number;
  readonly path: string;
  readonly remote: string;
  readonly status: number;
  readonly bytes: number;
}

export interface FileServer {
  readonly port: number;
  /** Offers content under a name; returns the path to append to http://<address>:<port>. */
  offer(name: string, content: Buffer): string;
  readonly requests: readonly FileRequest[];
  close(): Promise<void>;
}

export async function startFileServer(options: { host: string; port: number }): Promise<FileServer> {
  const files = new Map<string, Buffer>();
  const requests: FileRequest[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const content = req.method === 'GET' || req.method === 'HEAD' ? files.get(path) : undefined;
    const status = content ? 200 : req.method === 'GET' || req.method === 'HEAD' ? 404 : 405;
    requests.push({ at: Date.now(), path, remote: `${req.socket.remoteAddress ?? ''}:${req.socket.remotePort ?? ''}`.replace(/^::ffff:/, ''), status, bytes: content && req.method === 'GET' ? content.length : 0 });
    if (requests.length > 1_000) requests.shift();
    if (!content) {
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 404 ? 'not found\n' : 'method not allowed\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': content.length });
    res.end(req.method === 'HEAD' ? undefined : content);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    offer(name, content) {
      const path = `/files/${randomBytes(9).toString('base64url')}/${encodeURIComponent(name)}`;
      files.set(decodeURIComponent(path), content);
      return path;
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
