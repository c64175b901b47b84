/**
 * Firmware download and diagnostics upload over HTTP(S) and FTP, as a charger does them: a real
 * transfer (FTP through basic-ftp, passive mode), with the failure reason kept for the log, and the
 * FTP habits of real chargers as quirks: a stall mid-transfer, a wrong file name, an upload that
 * never starts, active mode only.
 */
import { NamedError } from '../lib/named-error.ts';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable, Transform, Writable } from 'node:stream';
import { Client } from 'basic-ftp';

export interface FtpQuirks {
  /** Pause this long mid-transfer (a charger whose modem stalls), ms. */
  readonly stallMs?: number;
  /** Ask for (or store as) another file name than the location says. */
  readonly wrongName?: boolean;
  /** Report Uploading, then never connect. */
  readonly noUpload?: boolean;
  /** Only active mode (PORT): the transfer fails where the server or the network wants passive. */
  readonly activeOnly?: boolean;
  /** Only ftp:// locations: an http:// one fails (many chargers in the field). */
  readonly ftpOnly?: boolean;
}

export interface TransferOptions {
  /** Accept any server certificate (self-signed test servers). */
  readonly insecure?: boolean;
  readonly ca?: string | Buffer;
  readonly timeoutMs?: number;
  readonly ftp?: FtpQuirks;
}

export class TransferError extends NamedError {}

function send(url: URL, method: string, body: Buffer | undefined, options: TransferOptions): Promise<{ status: number; body: Buffer }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new TransferError(`${url.protocol.replace(':', '')} is not supported (HTTP, HTTPS and FTP only)`));
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        timeout: options.timeoutMs ?? 30_000,
        headers: body ? { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length } : {},
        ...(url.protocol === 'https:' ? { rejectUnauthorized: !options.insecure, ...(options.ca ? { ca: options.ca } : {}) } : {}),
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new TransferError('timed out')));
    req.on('error', (err) => reject(err instanceof TransferError ? err : new TransferError(err.message)));
    req.end(body);
  });
}

/** A charger that knows only ftp:// fails on anything else, as it would on the wire. */
function refuseUnlessFtp(location: string, options: TransferOptions): void {
  if (options.ftp?.ftpOnly && new URL(location).protocol !== 'ftp:') throw new TransferError('this charger transfers files over FTP only');
}

export async function download(location: string, options: TransferOptions = {}): Promise<Buffer> {
  refuseUnlessFtp(location, options);
  if (new URL(location).protocol === 'ftp:') return ftpDownload(new URL(location), options);
  const { status, body } = await send(new URL(location), 'GET', undefined, options);
  if (status !== 200) throw new TransferError(`HTTP ${status}`);
  if (body.length === 0) throw new TransferError('the file is empty');
  return body;
}

/** PUT the file to the location (a folder URL ending in / gets the file name appended); POST where PUT is refused. */
export async function upload(location: string, fileName: string, content: Buffer, options: TransferOptions = {}): Promise<void> {
  refuseUnlessFtp(location, options);
  if (new URL(location).protocol === 'ftp:') return ftpUpload(new URL(location), fileName, content, options);
  const url = new URL(location.endsWith('/') ? `${location}${encodeURIComponent(fileName)}` : location);
  let { status } = await send(url, 'PUT', content, options);
  if (status === 405 || status === 501) ({ status } = await send(url, 'POST', content, options));
  if (status < 200 || status >= 300) throw new TransferError(`HTTP ${status}`);
}

/** A logged-in FTP client for the location's user, password, host and port (passive mode, as basic-ftp does). */
async function ftpClient(url: URL, options: TransferOptions): Promise<Client> {
  if (options.ftp?.activeOnly) throw new TransferError('this charger does FTP in active mode only (PORT), and the transfer could not be set up that way');
  const client = new Client(options.timeoutMs ?? 30_000);
  try {
    await client.access({
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port || 21),
      user: decodeURIComponent(url.username) || 'anonymous',
      password: decodeURIComponent(url.password) || 'anonymous@',
    });
    return client;
  } catch (err) {
    client.close();
    throw new TransferError(`FTP login to ${url.hostname}:${url.port || 21} failed: ${(err as Error).message}`);
  }
}

/** Passes bytes through, pausing once for `stallMs` after the first chunk (a modem that stalls mid-transfer). */
function stalling(stallMs: number | undefined): Transform {
  let stalled = !stallMs;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (stalled) return done(null, chunk);
      stalled = true;
      this.push(chunk);
      setTimeout(() => done(), stallMs);
    },
  });
}

async function ftpDownload(url: URL, options: TransferOptions): Promise<Buffer> {
  const client = await ftpClient(url, options);
  try {
    const path = decodeURIComponent(url.pathname);
    const wanted = options.ftp?.wrongName ? path.replace(/([^/]*)$/, 'firmware.bin') : path;
    const chunks: Buffer[] = [];
    const sink = new Writable({ write: (c: Buffer, _e, done) => (chunks.push(c), done()) });
    const stall = stalling(options.ftp?.stallMs);
    stall.pipe(sink);
    await client.downloadTo(stall, wanted);
    const body = Buffer.concat(chunks);
    if (body.length === 0) throw new TransferError('the file is empty');
    return body;
  } catch (err) {
    throw err instanceof TransferError ? err : new TransferError(`FTP download failed: ${(err as Error).message}`);
  } finally {
    client.close();
  }
}

async function ftpUpload(url: URL, fileName: string, content: Buffer, options: TransferOptions): Promise<void> {
  if (options.ftp?.noUpload) {
    // Says Uploading and then never connects: the central system sees nothing arrive.
    await new Promise((resolve) => setTimeout(resolve, options.timeoutMs ?? 30_000).unref());
    throw new TransferError('the upload never started');
  }
  const client = await ftpClient(url, options);
  try {
    const folder = decodeURIComponent(url.pathname);
    if (folder && folder !== '/') await client.cd(folder);
    const name = options.ftp?.wrongName ? 'diagnostics.txt' : fileName;
    await client.uploadFrom(Readable.from([content]).pipe(stalling(options.ftp?.stallMs)), name);
  } catch (err) {
    throw err instanceof TransferError ? err : new TransferError(`FTP upload failed: ${(err as Error).message}`);
  } finally {
    client.close();
  }
}
