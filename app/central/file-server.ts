/**
 * The app's own HTTP file server: firmware images a charger is told to download (UpdateFirmware),
 * served at /files/<token>/<name>, and diagnostics a charger uploads (GetDiagnostics), received by
 * PUT or POST at /uploads/<token>/<name> into the uploads folder. Each location gets an unguessable
 * token, so nothing else is reachable or writable; every request is remembered as evidence.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { freePath, safeFileName } from './file-names.ts';

export interface FileRequest {
  readonly at: number;
  readonly path: string;
  readonly remote: string;
  readonly status: number;
  readonly bytes: number;
}

/** A file a charger uploaded (diagnostics), as stored on disk. */
export interface ReceivedFile {
  /** The name it is stored under (numbered by the app when a file of that name was already there). */
  readonly name: string;
  /** The name the charger sent it as (made safe: only the last part, no odd characters). */
  readonly sentName?: string;
  readonly file: string;
  readonly bytes: number;
  readonly at: number;
  readonly remote: string;
  /** The location it was uploaded to (an HTTP upload token, an FTP transfer id): whose upload it is, with many chargers at once. */
  readonly location?: string;
  /** The charger the location was opened for, when one was named: the file belongs to its session. */
  readonly chargerId?: string;
  /** How it came: over HTTP or FTP. */
  readonly via?: 'http' | 'ftp';
}

export interface FileServer {
  readonly port: number;
  /** Offers content under a name; returns the path to append to http://<address>:<port>. */
  offer(name: string, content: Buffer): string;
  /** A folder path (ending in /) a charger may upload into (for this charger, when named); null when no uploads folder is set. */
  uploadLocation(chargerId?: string): string | null;
  readonly requests: readonly FileRequest[];
  readonly received: readonly ReceivedFile[];
  /** Why the last upload failed (disk full, too large …), null after a good one. */
  readonly uploadProblem: string | null;
  close(): Promise<void>;
}

/** Beyond this an upload is refused: no diagnostics archive is this large, a runaway stream may be. */
const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
/** The file server faces the site network: deadlines and caps keep a flood of junk from holding it. */
const HEADERS_DEADLINE_MS = 10_000;
const IDLE_DEADLINE_MS = 60_000;
const MAX_CONNECTIONS = 256;
const MAX_CONNECTIONS_PER_ADDRESS = 16;

export async function startFileServer(options: {
  host: string;
  port: number;
  uploadDir?: string;
  /** Told of each file once it is stored whole. */
  onReceived?: (file: ReceivedFile) => void;
}): Promise<FileServer> {
  const files = new Map<string, Buffer>();
  /** Upload tokens, each with the charger it was opened for ('' for none). */
  const uploadTokens = new Map<string, string>();
  const requests: FileRequest[] = [];
  const received: ReceivedFile[] = [];
  let uploadProblem: string | null = null;
  const remember = (request: FileRequest) => {
    requests.push(request);
    if (requests.length > 1_000) requests.shift();
  };
  const remoteOf = (req: IncomingMessage) => `${req.socket.remoteAddress ?? ''}:${req.socket.remotePort ?? ''}`.replace(/^::ffff:/, '');

  const receive = (req: IncomingMessage, res: ServerResponse, path: string, name: string, token: string) => {
    const dir = options.uploadDir!;
    mkdirSync(dir, { recursive: true });
    const safe = safeFileName(name, 'upload');
    const file = freePath(dir, safe);
    const out = createWriteStream(file, { flags: 'wx' });
    let bytes = 0;
    let done = false;
    const finish = (status: number, problem: string | null) => {
      if (done) return;
      done = true;
      remember({ at: Date.now(), path, remote: remoteOf(req), status, bytes });
      uploadProblem = problem;
      if (problem) rmSync(file, { force: true });
      else {
        const chargerId = uploadTokens.get(token);
        const stored: ReceivedFile = {
          name: basename(file),
          sentName: safe,
          file,
          bytes,
          at: Date.now(),
          remote: remoteOf(req),
          location: token,
          via: 'http',
          ...(chargerId ? { chargerId } : {}),
        };
        received.push(stored);
        options.onReceived?.(stored);
      }
      if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'text/plain' }).end(problem ? `${problem}\n` : 'stored\n');
    };
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_UPLOAD_BYTES) req.destroy(new Error(`larger than ${MAX_UPLOAD_BYTES} bytes`));
    });
    req.on('error', (err) => (out.destroy(), finish(413, `upload of ${safe} refused: ${err.message}`)));
    out.on('error', (err: NodeJS.ErrnoException) =>
      finish(err.code === 'ENOSPC' ? 507 : 500, `cannot store ${safe}: ${err.code === 'ENOSPC' ? 'the disk is full' : err.message}`),
    );
    out.on('finish', () => finish(201, null));
    req.pipe(out);
  };

  const server: Server = createServer({ headersTimeout: HEADERS_DEADLINE_MS, requestTimeout: 0 }, (req, res) => {
    let path: string;
    try {
      path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    } catch {
      remember({ at: Date.now(), path: (req.url ?? '').slice(0, 200), remote: remoteOf(req), status: 400, bytes: 0 });
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('malformed URL\n');
      return;
    }
    const upload = /^\/uploads\/([\w-]+)\/(.+)$/.exec(path);
    if (upload && (req.method === 'PUT' || req.method === 'POST') && options.uploadDir && uploadTokens.has(upload[1]!)) {
      receive(req, res, path, upload[2]!, upload[1]!);
      return;
    }
    const content = req.method === 'GET' || req.method === 'HEAD' ? files.get(path) : undefined;
    const status = content ? 200 : req.method === 'GET' || req.method === 'HEAD' ? 404 : 405;
    remember({ at: Date.now(), path, remote: remoteOf(req), status, bytes: content && req.method === 'GET' ? content.length : 0 });
    if (!content) {
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 404 ? 'not found\n' : 'method not allowed\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': content.length });
    res.end(req.method === 'HEAD' ? undefined : content);
  });
  // Slow or silent clients: headers within 10 s, then no more than a minute without a byte moving.
  server.timeout = IDLE_DEADLINE_MS;
  server.maxConnections = MAX_CONNECTIONS;
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  const perAddress = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '';
    const open = (perAddress.get(address) ?? 0) + 1;
    if (open > MAX_CONNECTIONS_PER_ADDRESS) {
      socket.destroy();
      return;
    }
    perAddress.set(address, open);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
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
    uploadLocation(chargerId) {
      if (!options.uploadDir) return null;
      const token = randomBytes(9).toString('base64url');
      uploadTokens.set(token, chargerId ?? '');
      return `/uploads/${token}/`;
    },
    requests,
    received,
    get uploadProblem() {
      return uploadProblem;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
