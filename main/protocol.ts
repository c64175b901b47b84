/**
 * app://fieldkit/ serves the built renderer from disk with the app's Content-Security-Policy, so the
 * window never loads remote content and file:// is never needed. Paths cannot leave the folder.
 */
import { normalize, join, sep, extname } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../app/host/http-server.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export const APP_SCHEME = 'app';

/** The file for a request URL inside root, or null when the URL tries to leave it. "/" and unknown routes are the app's index. */
export function resolveAppFile(root: string, url: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  const base = normalize(root);
  const file = normalize(join(base, path === '/' || path === '' ? 'index.html' : path));
  if (file !== base && !file.startsWith(base + sep)) return null;
  return extname(file) === '' ? join(base, 'index.html') : file;
}

export function headersFor(file: string): Record<string, string> {
  return {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
}
