/** The SHA-256 of a file, read as a stream (a diagnostics archive may be hundreds of MB). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
