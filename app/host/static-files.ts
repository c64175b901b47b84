/**
 * The built renderer as files, the same way for the headless host (HTTP) and the Electron window
 * (app://): which file a path means, never outside the folder, and the headers with the app's CSP.
 */
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The Content-Security-Policy of the app's pages in both hosts: no remote code, API only to ourselves. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** The file a (decoded) URL path means inside root, or null when it tries to leave root. "/" is the index. */
export function resolveStaticFile(root: string, path: string): string | null {
  const base = normalize(root);
  const file = normalize(join(base, path === '/' || path === '' ? 'index.html' : path));
  return file === base || file.startsWith(base + sep) ? file : null;
}

export function staticHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
}
