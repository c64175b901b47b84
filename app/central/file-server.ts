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
import { reserveFreePath, safeFileName } from './file-names.ts';

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
  /**
   * Offers content under a name; returns the path to append to http://<address>:<port>. Bound to the
   * charger's address when given; it closes a minute after the file was fetched whole, or at its deadline.
   */
  offer(name: string, content: Buffer, where?: LocationBinding): string;
  /**
   * A folder path (ending in /) a charger may upload into (for this charger, when named); null when no
   * uploads folder is set. Bound to the charger's address when given; it takes a few files at most and
   * closes a minute after the first arrived whole, or at its deadline.
   */
  uploadLocation(chargerId?: string, where?: LocationBinding): string | null;
  /** Closes a location now (its transfer is over): a path from offer() or uploadLocation(). */
  withdraw(path: string): void;
  readonly requests: readonly FileRequest[];
  readonly received: readonly ReceivedFile[];
  /** Why the last upload failed (disk full, too large …), null after a good one. */
  readonly uploadProblem: string | null;
  close(): Promise<void>;
}

/** Who may use a location: the charger's own address (others are refused). */
export interface LocationBinding {
  readonly chargerAddress?: string | null;
}

/** A location's limits: one transfer, then a short grace for a charger that checks or retries, never extended. */
export interface LocationLimits {
  /** Unused locations close after this (ms). */
  readonly ttlMs?: number;
  /** After the transfer completed, the location stays this long (ms) and then closes, whatever comes. */
  readonly graceMs?: number;
  /** Files one upload location takes. */
  readonly maxUploads?: number;
  /** Bytes one upload location takes, all files together. */
  readonly maxUploadBytes?: number;
}

/** One upload or download location while it is open. */
interface Location {
  readonly address: string | null;
  expiresAt: number;
  completed: boolean;
  uploads: number;
  bytes: number;
}

/** Beyond this an upload is refused: no diagnostics archive is this large, a runaway stream may be. */
const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
const DEFAULT_TTL_MS = 30 * 60_000;
const DEFAULT_GRACE_MS = 60_000;
const DEFAULT_MAX_UPLOADS = 3;
/** The file server faces the site network: deadlines and caps keep a flood of junk from holding it. */
const HEADERS_DEADLINE_MS = 10_000;
const IDLE_DEADLINE_MS = 60_000;
const MAX_CONNECTIONS = 256;
const MAX_CONNECTIONS_PER_ADDRESS = 16;

const plain = (address: string | null | undefined) => (address ?? '').replace(/^::ffff:/, '');

export async function startFileServer(options: {
  host: string;
  port: number;
  uploadDir?: string;
  /** Told of each file once it is stored whole. */
  onReceived?: (file: ReceivedFile) => void;
  limits?: LocationLimits;
}): Promise<FileServer> {
  const limits = options.limits ?? {};
  const ttlMs = limits.ttlMs ?? DEFAULT_TTL_MS;
  const graceMs = limits.graceMs ?? DEFAULT_GRACE_MS;
  const maxUploads = limits.maxUploads ?? DEFAULT_MAX_UPLOADS;
  const maxUploadBytes = limits.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const files = new Map<string, { readonly content: Buffer; readonly location: Location }>();
  /** Upload tokens, each with the charger it was opened for ('' for none) and its location. */
  const uploadTokens = new Map<string, { readonly chargerId: string; readonly location: Location }>();
  const requests: FileRequest[] = [];
  const received: ReceivedFile[] = [];
  let uploadProblem: string | null = null;
  const remember = (request: FileRequest) => {
    requests.push(request);
    if (requests.length > 1_000) requests.shift();
  };
  const remoteOf = (req: IncomingMessage) => `${req.socket.remoteAddress ?? ''}:${req.socket.remotePort ?? ''}`.replace(/^::ffff:/, '');
  const newLocation = (where?: LocationBinding): Location => ({
    address: where?.chargerAddress ? plain(where.chargerAddress) : null,
    expiresAt: Date.now() + ttlMs,
    completed: false,
    uploads: 0,
    bytes: 0,
  });
  /** The transfer is done: a minute more for a charger that checks, then closed (never extended by what follows). */
  const completed = (location: Location) => {
    if (location.completed) return;
    location.completed = true;
    location.expiresAt = Math.min(location.expiresAt, Date.now() + graceMs);
  };
  const purge = () => {
    const now = Date.now();
    for (const [path, f] of files) if (f.location.expiresAt <= now) files.delete(path);
    for (const [token, u] of uploadTokens) if (u.location.expiresAt <= now) uploadTokens.delete(token);
  };
  /** Why this request may not use the location, or null. */
  const refusal = (req: IncomingMessage, location: Location): { status: number; text: string } | null => {
    if (location.address && plain(req.socket.remoteAddress) !== location.address) return { status: 403, text: 'this location is for another address' };
    return null;
  };

  const receive = (req: IncomingMessage, res: ServerResponse, path: string, name: string, token: string) => {
    const { chargerId, location } = uploadTokens.get(token)!;
    const refuse = (status: number, text: string) => {
      remember({ at: Date.now(), path, remote: remoteOf(req), status, bytes: 0 });
      res.writeHead(status, { 'Content-Type': 'text/plain', Connection: 'close' }).end(`${text}\n`);
      req.resume();
    };
    const denied = refusal(req, location);
    if (denied) return refuse(denied.status, denied.text);
    if (location.uploads >= maxUploads) return refuse(429, `this location takes ${maxUploads} files at most`);
    const declared = Number(req.headers['content-length'] ?? 0);
    if (location.bytes + declared > maxUploadBytes) return refuse(413, `this location takes ${maxUploadBytes} bytes at most`);
    location.uploads++;
    const dir = options.uploadDir!;
    mkdirSync(dir, { recursive: true });
    const safe = safeFileName(name, 'upload');
    let file: string;
    try {
      // Reserved in one step: a second upload of the same name at the same moment gets a name of its own.
      file = reserveFreePath(dir, safe);
    } catch (err) {
      const full = (err as NodeJS.ErrnoException).code === 'ENOSPC';
      uploadProblem = `cannot store ${safe}: ${full ? 'the disk is full' : (err as Error).message}`;
      return refuse(full ? 507 : 500, uploadProblem);
    }
    const out = createWriteStream(file, { flags: 'r+' });
    let bytes = 0;
    let done = false;
    const finish = (status: number, problem: string | null) => {
      if (done) return;
      done = true;
      remember({ at: Date.now(), path, remote: remoteOf(req), status, bytes });
      uploadProblem = problem;
      // Only this upload's own file is ever removed.
      if (problem) rmSync(file, { force: true });
      else {
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
        completed(location);
        options.onReceived?.(stored);
      }
      if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'text/plain' }).end(problem ? `${problem}\n` : 'stored\n');
    };
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      location.bytes += chunk.length;
      if (location.bytes > maxUploadBytes) req.destroy(new Error(`larger than the ${maxUploadBytes} bytes this location takes`));
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
    purge();
    const upload = /^\/uploads\/([\w-]+)\/(.+)$/.exec(path);
    if (upload && (req.method === 'PUT' || req.method === 'POST') && options.uploadDir) {
      if (uploadTokens.has(upload[1]!)) receive(req, res, path, upload[2]!, upload[1]!);
      else {
        remember({ at: Date.now(), path, remote: remoteOf(req), status: 404, bytes: 0 });
        res.writeHead(404, { 'Content-Type': 'text/plain', Connection: 'close' }).end('no such location: it closed, or was never offered\n');
        req.resume();
      }
      return;
    }
    const offered = req.method === 'GET' || req.method === 'HEAD' ? files.get(path) : undefined;
    const denied = offered ? refusal(req, offered.location) : null;
    const content = denied ? undefined : offered?.content;
    const status = denied?.status ?? (content ? 200 : req.method === 'GET' || req.method === 'HEAD' ? 404 : 405);
    remember({ at: Date.now(), path, remote: remoteOf(req), status, bytes: content && req.method === 'GET' ? content.length : 0 });
    if (!content) {
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(denied ? `${denied.text}\n` : status === 404 ? 'not found\n' : 'method not allowed\n');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': content.length });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // Fetched whole: the location has done its job and closes after the grace.
    res.end(content, () => completed(offered!.location));
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
    offer(name, content, where) {
      const path = `/files/${randomBytes(9).toString('base64url')}/${encodeURIComponent(name)}`;
      files.set(decodeURIComponent(path), { content, location: newLocation(where) });
      return path;
    },
    uploadLocation(chargerId, where) {
      if (!options.uploadDir) return null;
      const token = randomBytes(9).toString('base64url');
      uploadTokens.set(token, { chargerId: chargerId ?? '', location: newLocation(where) });
      return `/uploads/${token}/`;
    },
    withdraw(path) {
      files.delete(decodeURIComponent(path));
      const token = /^\/uploads\/([\w-]+)\//.exec(path)?.[1];
      if (token) uploadTokens.delete(token);
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
