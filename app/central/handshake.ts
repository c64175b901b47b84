/**
 * The rules of the WebSocket upgrade for an OCPP charger, as pure decisions: which charge point the
 * path names, whether it offered ocpp1.6, whether its Basic Auth credentials are right. Each refusal
 * carries the HTTP status to answer and a reason a person can act on; each oddity that is tolerated
 * becomes a hint.
 */
import { timingSafeEqual } from 'node:crypto';
import { shellArgument } from '../lib/printable.ts';
import { msg, reasonOf, type Message } from '../lib/message.ts';

export const SUBPROTOCOL = 'ocpp1.6';

/** The longest charge point id admitted, in bytes (UTF-8): what every list and file name of the app can hold. */
export const MAX_ID_BYTES = 255;

/** A refusal's reason in English (reason) and as a message (said) for a reader in another language. */
export type Decision<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly status: number; readonly reason: string; readonly said: Message };

const refusal = (status: number, said: Message) => ({ ok: false as const, status, ...reasonOf(said) });

export function chargerIdFromPath(url: string): Decision<{ id: string; path: string; hints: Message[] }> {
  const path = url.split('?')[0] ?? '';
  const raw = path.split('/').filter((s) => s.length > 0);
  const hints: Message[] = [];
  let segments: string[];
  try {
    segments = raw.map((s) => decodeURIComponent(s));
  } catch {
    return refusal(400, msg`the URL path ${path} has a malformed %-escape`);
  }
  const id = segments.at(-1);
  if (!id) return refusal(404, msg`the URL has no charge point id: it must end with /<chargePointId>`);
  // An identity is a short printable name: one with a line break could forge a log line, one of kilobytes fill every list.
  if (Buffer.byteLength(id) > MAX_ID_BYTES)
    return refusal(
      414,
      msg`the charge point id is ${Buffer.byteLength(id)} bytes long: identities are short names (at most ${MAX_ID_BYTES} bytes here; OCPP's are 48 characters or fewer)`,
    );
  if (/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u.test(id))
    return refusal(400, msg`the charge point id contains a control character or a line break: check the id entered in the charger`);
  if (/\/\/+/.test(path)) hints.push(msg`the path ${path} contains '//': the charger joins its URL and id with an extra slash`);
  if (segments.length >= 2 && segments.at(-2) === id) {
    hints.push(msg`the id ${id} appears twice in the path: the charger appends its id to a URL that already ends with it`);
  }
  if (raw.at(-1) !== id) hints.push(msg`the id was percent-encoded in the path (${raw.at(-1)!})`);
  if (hints.length === 0 && (segments.length !== 2 || segments[0] !== 'ocpp')) hints.push(unexpectedPathHint(path));
  return { ok: true, id, path, hints };
}

/** Admitted (chargers vary), but the same path on the platform's URL would not connect. */
function unexpectedPathHint(path: string): Message {
  return msg`the charger used the URL path ${path}; the form this app and the platform expect is …/ocpp/<charge point id>: check the URL entered in the charger`;
}

/** How a hint about an unexpected URL path begins (in English), so that checks can find it among the others. */
export const PATH_HINT_PREFIX = 'the charger used the URL path';

export function parseSubprotocols(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function chooseSubprotocol(header: string | undefined): Decision<{ protocol: string; hints: Message[] }> {
  const offered = parseSubprotocols(header);
  if (offered.includes(SUBPROTOCOL)) return { ok: true, protocol: SUBPROTOCOL, hints: [] };
  const nearly = offered.find((p) => p.toLowerCase() === SUBPROTOCOL);
  if (nearly) return { ok: true, protocol: nearly, hints: [msg`the subprotocol was offered as "${nearly}"; the standard spelling is "${SUBPROTOCOL}"`] };
  if (offered.length === 0) return refusal(400, msg`the charger offered no WebSocket subprotocol; OCPP 1.6J needs Sec-WebSocket-Protocol: ${SUBPROTOCOL}`);
  return refusal(400, msg`the charger offered ${offered.join(', ')} but not ${SUBPROTOCOL}`);
}

/** What the charger presented, safe to record: never the password itself. */
export interface PresentedCredentials {
  readonly scheme: 'none' | 'basic' | 'other';
  readonly user?: string;
  readonly passwordLength?: number;
}

export interface AuthPolicy {
  /** The configured password for this charger, or undefined when none is set. */
  readonly expectedPassword: string | undefined;
  readonly acceptAny: boolean;
  /** The charger's AuthorizationKey was changed through this app (its new value is the expected password): when, and what it was before. */
  readonly keyChange?: { readonly minutesAgo: number; readonly previous: string | undefined };
}

export function checkBasicAuth(
  header: string | undefined,
  chargerId: string,
  policy: AuthPolicy,
): Decision<{ presented: PresentedCredentials; hints: Message[] }> & { presented: PresentedCredentials } {
  const parsed = parseBasic(header);
  const { presented } = parsed;
  const hints: Message[] = [];
  const refuse = (said: Message) => ({ ...refusal(401, said), presented });
  if (presented.user !== undefined && presented.user !== chargerId) {
    hints.push(msg`the Basic Auth user is "${presented.user}", not the charge point id "${chargerId}"`);
  }
  if (policy.acceptAny) return { ok: true, presented, hints };
  if (presented.scheme === 'none') return refuse(msg`no Basic Auth credentials were sent: set the charger's password (AuthorizationKey)`);
  if (presented.scheme === 'other' || parsed.password === undefined)
    return refuse(
      parsed.problem ? msg`the Authorization header is not valid Basic Auth (${parsed.problem})` : msg`the Authorization header is not valid Basic Auth`,
    );
  if (presented.user !== chargerId) return refuse(hints[0]!);
  if (policy.expectedPassword === undefined) {
    return refuse(msg`no password is configured for ${chargerId}: add it (--auth ${shellArgument(`${chargerId}:PASSWORD`)}) or accept any charger`);
  }
  if (sameSecret(parsed.password, policy.expectedPassword)) return { ok: true, presented, hints };
  // Right after an AuthorizationKey change the likely cause is the change itself: say so, with the fix.
  const change = policy.keyChange;
  if (change && change.previous !== undefined && sameSecret(parsed.password, change.previous))
    return refuse(
      msg`wrong password for ${chargerId}: it still logs in with its previous password, although its AuthorizationKey was changed through this app ${change.minutesAgo} min ago (and kept here): the charger did not take the new key; restore the previous password on the Connect page, or change the key again`,
    );
  if (change)
    return refuse(
      msg`wrong password for ${chargerId}, ${change.minutesAgo} min after its AuthorizationKey was changed through this app: the charger may use the key in another form (hex or plain text) or another key; restore the previous password on the Connect page, or set the one the charger uses`,
    );
  const hint = passwordHint(parsed.password, policy.expectedPassword);
  return refuse(hint ? msg`wrong password for ${chargerId}: ${hint}` : msg`wrong password for ${chargerId}`);
}

function parseBasic(header: string | undefined): { presented: PresentedCredentials; password?: string; problem?: Message } {
  if (!header) return { presented: { scheme: 'none' } };
  const match = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (!match) return { presented: { scheme: 'other' }, problem: msg`not the Basic scheme` };
  const decoded = Buffer.from(match[1]!, 'base64').toString('latin1');
  const colon = decoded.indexOf(':');
  if (colon < 0) return { presented: { scheme: 'basic' }, problem: msg`no ":" between user and password` };
  const password = decoded.slice(colon + 1);
  return { presented: { scheme: 'basic', user: decoded.slice(0, colon), passwordLength: password.length }, password };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'latin1');
  const y = Buffer.from(b, 'latin1');
  return x.length === y.length && timingSafeEqual(x, y);
}

const HEX_KEY = /^(?:[0-9a-fA-F]{2}){16,20}$/;

/**
 * The OCPP 1.6 security whitepaper stores AuthorizationKey as hex; chargers differ on whether the
 * Basic Auth password is that hex text or the bytes it encodes. Say which mistake it looks like.
 */
function passwordHint(presented: string, expected: string): Message | null {
  if (sameSecret(presented.toLowerCase(), Buffer.from(expected, 'latin1').toString('hex'))) {
    return msg`the charger sent the password hex-encoded (its AuthorizationKey is the hex of the password); configure the hex text, or enter the key as plain text on the charger`;
  }
  if (HEX_KEY.test(expected) && sameSecret(presented, Buffer.from(expected, 'hex').toString('latin1'))) {
    return msg`the charger sent the bytes the configured hex key encodes; configure the password as those bytes, or the charger as plain text`;
  }
  if (presented.trim() !== presented) return msg`the password sent has leading or trailing spaces`;
  return null;
}
