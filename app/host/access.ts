/**
 * Who may use the headless host's HTTP side. It listens on loopback, which every web page the user
 * opens can reach, and DNS rebinding lets a page on evil.example talk to 127.0.0.1 as its own origin.
 * So: a request must name the host by an IP literal or "localhost" (a rebinding page's Host is its own
 * domain), a browser's Origin must be that same host, and the API also wants the per-run token that
 * only someone who saw the printed address (or the page it opened) holds.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** Query parameter and header a client may carry the token in (a browser's WebSocket can only use the query). */
export const TOKEN_PARAM = 'token';
export const TOKEN_HEADER = 'x-fieldkit-token';

export function createAccessToken(): string {
  return randomBytes(24).toString('base64url');
}

/** "127.0.0.1:8099", "[::1]:8099", "localhost:8099", or any IP literal: never a domain name. */
export function isDirectHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+))(?::(\d{1,5}))?$/.exec(hostHeader.trim());
  if (!match) return false;
  const name = (match[1] ?? match[2] ?? '').toLowerCase();
  return name === 'localhost' || isIP(name) !== 0;
}

/** A browser's Origin must be this very host; a client that sends none (a tool, the CLI) is judged by the token. */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === req.headers.host && isDirectHost(url.host);
  } catch {
    return false;
  }
}

/** The token the request presents (query, X-Fieldkit-Token or Authorization: Bearer), or null. */
export function presentedToken(req: IncomingMessage): string | null {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string') return header;
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (bearer) return bearer[1]!;
  const query = (req.url ?? '').split('?')[1];
  return query ? new URLSearchParams(query).get(TOKEN_PARAM) : null;
}

export function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why an API upgrade is refused, or null when it may go on. */
export function apiRefusal(req: IncomingMessage, token: string): string | null {
  if (!isDirectHost(req.headers.host)) return 'the host API answers only to 127.0.0.1, [::1] or localhost';
  if (!originAllowed(req)) return 'pages of other origins may not use the host API';
  if (!tokenMatches(presentedToken(req), token)) return 'the host API wants the access token of this run (open the address fieldkit printed)';
  return null;
}
