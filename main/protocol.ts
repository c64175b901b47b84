/**
 * app://fieldkit/ serves the built renderer from disk with the app's Content-Security-Policy, so the
 * window never loads remote content and file:// is never needed. Paths cannot leave the folder.
 */
import { extname, join } from 'node:path';
import { resolveStaticFile, staticHeaders } from '../app/host/static-files.ts';

export const APP_SCHEME = 'app';

/** The file for a request URL inside root, or null when the URL tries to leave it. "/" and app routes (no extension) are the index. */
export function resolveAppFile(root: string, url: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  const file = resolveStaticFile(root, path);
  return file !== null && extname(file) === '' ? join(root, 'index.html') : file;
}

export const headersFor = staticHeaders;
