/**
 * Where a relayed charger is forwarded to: the platform's URL, the id presented there, its password
 * and the trust for its certificate. Checked when set, so a mistake is reported to the person
 * typing it rather than to the charger at its next connection.
 */
import { readFileSync } from 'node:fs';
import { RelayTargetError } from './target-error.ts';
import type { ClientIdentity } from './client-identity.ts';
import type WebSocket from 'ws';
import type { TlsFacts } from '../central/connection-events.ts';

/** A connection to the platform that is open, with its TLS facts (upstream.ts dials it). */
export interface DialledUpstream {
  readonly ws: WebSocket;
  readonly tls: TlsFacts | null;
}

export interface RelayTargetConfig {
  /** The platform's OCPP endpoint; the presented id is appended as the last path segment. */
  readonly url: string;
  /** The id to present upstream (path and Basic Auth user); the charger's own when absent. */
  readonly presentAs?: string | null;
  /** An extra CA certificate (PEM file) to trust besides the system's. */
  readonly caFile?: string | null;
  /** Allow a plain ws:// upstream (test platforms only). */
  readonly allowInsecure?: boolean;
  /** Replay the charger's transaction messages upstream after an outage (default on). */
  readonly replay?: boolean;
  /**
   * Log in at the platform with the charger's own Basic Auth header instead of a stored password:
   * the platform judges each charger, and no credential of the installer's is lent to whoever connects.
   */
  readonly forwardChargerAuth?: boolean;
}

/** A target ready to connect with: the secrets read, the URL final. */
export interface ResolvedTarget {
  readonly url: string;
  /** The URL without credentials, as recorded and shown. */
  readonly displayUrl: string;
  readonly presentAs: string;
  readonly password: string | null;
  readonly extraCa: readonly string[];
  /** The client certificate presented to the platform, when it asks for one. */
  readonly clientIdentity: ClientIdentity | null;
  readonly replay: boolean;
  readonly forwardChargerAuth: boolean;
  /** The charger's own Authorization header, passed on as it is (forwardChargerAuth); never recorded. */
  readonly chargerAuthorization?: string | null;
  /** The platform connection the admission check opened with those credentials: the link takes it over. */
  readonly opened?: DialledUpstream;
}

export { RelayTargetError };

/** Checks a target as the user gave it; throws RelayTargetError with what to change. */
export function checkTarget(config: RelayTargetConfig): RelayTargetConfig {
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    throw new RelayTargetError(`"${config.url}" is not a URL; the upstream is like wss://platform.example.com/ocpp`);
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') throw new RelayTargetError(`the upstream must be a wss:// URL, not ${url.protocol}//`);
  if (url.protocol === 'ws:' && !config.allowInsecure)
    throw new RelayTargetError(
      'a ws:// upstream sends the charger and its password in clear: use wss://, or turn on "allow insecure ws" (--insecure) for a test platform',
    );
  if (url.username || url.password) throw new RelayTargetError('put the password in the upstream password field, not in the URL (a URL is shown and recorded)');
  if (url.search || url.hash) throw new RelayTargetError('the upstream URL takes no query or fragment; the charger id is appended to its path');
  if (config.presentAs !== undefined && config.presentAs !== null && !/^[\x21-\x7e]{1,48}$/.test(config.presentAs)) {
    throw new RelayTargetError('the id to present upstream is 1 to 48 printable characters without spaces');
  }
  if (config.caFile) readCa(config.caFile);
  return config;
}

export function resolveTarget(
  config: RelayTargetConfig,
  chargerId: string,
  password: string | null,
  clientIdentity: ClientIdentity | null = null,
): ResolvedTarget {
  const presentAs = config.presentAs || chargerId;
  const base = config.url.replace(/\/+$/, '');
  const url = `${base}/${encodeURIComponent(presentAs)}`;
  const forwardChargerAuth = config.forwardChargerAuth === true;
  return {
    url,
    displayUrl: url,
    presentAs,
    password: forwardChargerAuth ? null : password,
    extraCa: config.caFile ? [readCa(config.caFile)] : [],
    clientIdentity,
    replay: config.replay ?? true,
    forwardChargerAuth,
  };
}

function readCa(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new RelayTargetError(`cannot read the CA file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new RelayTargetError(`${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
  return text;
}
