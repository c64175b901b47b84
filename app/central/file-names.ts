/**
 * Names for files that come from outside (a charger's upload, a firmware image's name): only the
 * last path part, only letters, digits and `._@+-` (so no path, no control characters, no shell or
 * URL surprises), and never an existing file overwritten. Shared by the HTTP and the FTP server.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';

export function safeFileName(name: string, fallback: string): string {
  return basename(String(name)).replace(/[^\w.@+-]/g, '_') || fallback;
}

/** A path in dir for this (safe) name, numbered before the extension when the name is taken: report.txt, report-1.txt … */
export function freePath(dir: string, safeName: string): string {
  let file = join(dir, safeName);
  for (let n = 1; existsSync(file); n++) file = join(dir, safeName.replace(/(\.[^.]*)?$/, `-${n}$1`));
  return file;
}
