/**
 * The wss endpoint's certificate: made on first run (an RSA and an EC pair, issued by the data
 * folder's local CA, so a charger that trusts that CA trusts the listener) and reused from the data
 * folder, so a charger that pinned it keeps working; or the user's own. Each is served with its chain.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { TlsMaterial } from './tls-policy.ts';
import type { LocalAuthority } from '../certs/authority.ts';
import { Certificates } from '../certs/certificates.ts';

export interface ServerCertificate extends TlsMaterial {
  /** SHA-256 fingerprints (colon hex) of each certificate, to show the installer. */
  readonly fingerprints: readonly string[];
  /** The same, each with the type of its key (RSA, ECDSA): a charger shows the one it was offered. */
  readonly keys: readonly { readonly keyType: string; readonly sha256: string }[];
  readonly source: 'generated' | 'reused' | 'user';
  readonly validTo: string;
}

/** authority: the data folder's CA (the host's, with its key store); a CA with a 0600 key file when absent. */
export async function loadOrCreateCertificate(dataDir: string, authority?: () => Promise<LocalAuthority>): Promise<ServerCertificate> {
  const dir = join(dataDir, 'tls');
  const pairs = [
    { name: 'server-rsa', keyType: 'rsa' as const },
    { name: 'server-ec', keyType: 'ec' as const },
  ];
  const existing = pairs.map((p) => readPair(dir, p.name));
  if (existing.every((pair) => pair && !expiresSoon(pair.cert))) {
    return describe(existing as { cert: string; key: string }[], 'reused');
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ca = await (authority ?? (() => new Certificates(dataDir).authority()))();
  const names = { dns: ['localhost', hostname()], ips: ['127.0.0.1', ...localIPv4Addresses()] };
  const created = [];
  for (const pair of pairs) {
    const issued = await ca.issueServer(names, pair.keyType);
    writeFileSync(join(dir, `${pair.name}.key.pem`), issued.keyPem, { mode: 0o600 });
    // The certificate followed by the CA's: what the listener sends, so the charger can build the chain.
    writeFileSync(join(dir, `${pair.name}.cert.pem`), issued.chainPem);
    created.push({ cert: issued.chainPem, key: issued.keyPem });
  }
  return describe(created, 'generated');
}

export function loadUserCertificate(certFile: string, keyFile: string): ServerCertificate {
  return describe([{ cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') }], 'user');
}

function readPair(dir: string, name: string): { cert: string; key: string } | undefined {
  const certFile = join(dir, `${name}.cert.pem`);
  const keyFile = join(dir, `${name}.key.pem`);
  if (!existsSync(certFile) || !existsSync(keyFile)) return undefined;
  try {
    const cert = readFileSync(certFile, 'utf8');
    new X509Certificate(cert); // unreadable → regenerate
    return { cert, key: readFileSync(keyFile, 'utf8') };
  } catch {
    return undefined;
  }
}

function expiresSoon(cert: string): boolean {
  return new Date(new X509Certificate(cert).validTo).getTime() < Date.now() + 7 * 24 * 3600 * 1000;
}

function describe(certs: { cert: string; key: string }[], source: ServerCertificate['source']): ServerCertificate {
  const parsed = certs.map((c) => new X509Certificate(c.cert));
  return {
    certs,
    source,
    fingerprints: parsed.map((x) => x.fingerprint256),
    keys: parsed.map((x) => ({ keyType: keyTypeOf(x), sha256: x.fingerprint256 })),
    validTo: new Date(Math.min(...parsed.map((x) => new Date(x.validTo).getTime()))).toISOString(),
  };
}

export function localIPv4Addresses(): string[] {
  const found: string[] = [];
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) found.push(a.address);
  }
  return found;
}

/** RSA or ECDSA (what a charger's certificate screen calls them). */
function keyTypeOf(cert: X509Certificate): string {
  const type = cert.publicKey.asymmetricKeyType;
  return type === 'ec' ? 'ECDSA' : type === 'rsa' ? 'RSA' : (type ?? 'key').toUpperCase();
}

/** The fingerprints as one line: "RSA C8:63:…  ECDSA 0B:83:…". */
export function fingerprintLine(certificate: Pick<ServerCertificate, 'keys'>): string {
  return certificate.keys.map((k) => `${k.keyType} ${k.sha256}`).join('  ');
}
