/**
 * The CAs whose client certificates the central system accepts (Security Profile 3): the data
 * folder's own CA, and the ones imported (a manufacturer's or an operator's), each kept as
 * `<data>/certs/trusted/<sha256>.pem`. An imported file is read as hostile: it must hold CA
 * certificates and nothing else, each within its validity.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { msg } from '../lib/message.ts';
import { AuthorityError } from './authority-error.ts';
import { certificateFacts, pemCertificates, type CertificateFacts } from './facts.ts';

export interface TrustedCa {
  readonly pem: string;
  readonly facts: CertificateFacts;
  /** local: this data folder's own CA; imported: trusted with `certs import-ca` or on the Connect page. */
  readonly source: 'local' | 'imported';
}

/** The largest file taken as a CA bundle: a few dozen certificates. */
const MAX_BUNDLE_BYTES = 256 * 1024;

export class TrustedAuthorities {
  private readonly dir: string;
  private readonly localFile: string;

  /** Reads the data folder's own CA certificate where LocalAuthority keeps it (`<data>/certs/ca.pem`), and the imported ones. */
  constructor(dataDir: string) {
    this.dir = join(dataDir, 'certs', 'trusted');
    this.localFile = join(dataDir, 'certs', 'ca.pem');
  }

  list(): TrustedCa[] {
    const local = this.local();
    const imported: TrustedCa[] = [];
    if (existsSync(this.dir)) {
      for (const name of readdirSync(this.dir)
        .filter((n) => n.endsWith('.pem'))
        .sort()) {
        try {
          const pem = readFileSync(join(this.dir, name), 'utf8');
          imported.push({ pem, facts: certificateFacts(pem), source: 'imported' });
        } catch {
          // A file spoiled by hand is left where it is and not trusted.
        }
      }
    }
    return [...(local ? [local] : []), ...imported];
  }

  private local(): TrustedCa | null {
    if (!existsSync(this.localFile)) return null;
    const pem = readFileSync(this.localFile, 'utf8');
    return { pem, facts: certificateFacts(pem), source: 'local' };
  }

  /** The PEMs a TLS listener is given as its client CAs. */
  pems(): string[] {
    return this.list().map((c) => c.pem);
  }

  /** Trusts the CA certificates in a PEM text; refuses, with the reason, anything that is not one. */
  import(text: string): CertificateFacts[] {
    if (Buffer.byteLength(text) > MAX_BUNDLE_BYTES) throw new AuthorityError(msg`the file is over ${MAX_BUNDLE_BYTES / 1024} KiB: not a CA certificate`);
    const pems = pemCertificates(text);
    if (pems.length === 0) throw new AuthorityError(msg`no PEM certificate (-----BEGIN CERTIFICATE-----) in the file`);
    const taken: { pem: string; facts: CertificateFacts }[] = [];
    for (const pem of pems) {
      let facts: CertificateFacts;
      try {
        facts = certificateFacts(pem);
      } catch (err) {
        throw new AuthorityError(msg`a certificate in the file cannot be read: ${(err as Error).message}`);
      }
      if (!facts.ca) throw new AuthorityError(msg`${facts.subject} is not a CA certificate (basicConstraints CA:FALSE): trust the CA that issued it instead`);
      if (Date.parse(facts.validTo) < Date.now()) throw new AuthorityError(msg`${facts.subject} expired on ${facts.validTo}`);
      taken.push({ pem, facts });
    }
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    for (const { pem, facts } of taken) writeFileSync(join(this.dir, `${fileNameOf(facts.sha256)}.pem`), pem);
    return taken.map((t) => t.facts);
  }

  /** Stops trusting an imported CA (by its SHA-256); false when none such was imported. */
  remove(sha256: string): boolean {
    const file = join(this.dir, `${fileNameOf(sha256)}.pem`);
    if (!existsSync(file)) return false;
    rmSync(file);
    return true;
  }
}

const fileNameOf = (sha256: string) =>
  sha256
    .replaceAll(':', '')
    .toLowerCase()
    .replace(/[^0-9a-f]/g, '');
