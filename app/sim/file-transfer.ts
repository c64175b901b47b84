/**
 * Firmware download and diagnostics upload over HTTP(S), as a charger does them: a real transfer,
 * with the failure reason kept for the log.
 */
import { NamedError } from '../lib/named-error.ts';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface TransferOptions {
  /** Accept any server certificate (self-signed test servers). */
  readonly insecure?: boolean;
  readonly ca?: string | Buffer;
  readonly timeoutMs?: number;
}

export class TransferError extends NamedError {}

function send(url: URL, method: string, body: Buffer | undefined, options: TransferOptions): Promise<{ status: number; body: Buffer }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(new TransferError(`${url.protocol.replace(':', '')} is not supported (HTTP and HTTPS only)`));
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

export async function download(location: string, options: TransferOptions = {}): Promise<Buffer> {
  const { status, body } = await send(new URL(location), 'GET', undefined, options);
  if (status !== 200) throw new TransferError(`HTTP ${status}`);
  if (body.length === 0) throw new TransferError('the file is empty');
  return body;
}

/** PUT the file to the location (a folder URL ending in / gets the file name appended); POST where PUT is refused. */
export async function upload(location: string, fileName: string, content: Buffer, options: TransferOptions = {}): Promise<void> {
  const url = new URL(location.endsWith('/') ? `${location}${encodeURIComponent(fileName)}` : location);
  let { status } = await send(url, 'PUT', content, options);
  if (status === 405 || status === 501) ({ status } = await send(url, 'POST', content, options));
  if (status < 200 || status >= 300) throw new TransferError(`HTTP ${status}`);
}
