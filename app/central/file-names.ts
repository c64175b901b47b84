/**
 * Names for files that come from outside (a charger's upload, a firmware image's name): only the
 * last path part, only letters, digits and `._@+-` (so no path, no control characters, no shell or
 * URL surprises), and never an existing file overwritten. Shared by the HTTP and the FTP server.
 */
import { closeSync, existsSync, openSync } from 'node:fs';
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

/**
 * Reserves a free path in dir for this (safe) name by creating it, empty, in one step (O_EXCL): two
 * uploads of one name at the same moment get two names, never one file twice, and neither can
 * remove the other's. Returns the path, which the caller fills (or removes, it being its own).
 */
export function reserveFreePath(dir: string, safeName: string): string {
  for (let n = 0; ; n++) {
    const file = n === 0 ? join(dir, safeName) : join(dir, safeName.replace(/(\.[^.]*)?$/, `-${n}$1`));
    try {
      closeSync(openSync(file, 'wx'));
      return file;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}
