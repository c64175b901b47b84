/**
 * A data folder's certificates as one service: the local CA (made on first use; the X.509 library is
 * loaded only then, it costs start-up time), the CAs trusted for client certificates, and what is
 * done with them — issue a charger's certificate, sign its CSR, trust another CA.
 */
import { join } from 'node:path';
import type { IssueOptions, IssuedCertificate, LocalAuthority, SecretStore, SignDecision } from './authority.ts';
import { FileSecretStore } from './file-secret.ts';
import { TrustedAuthorities } from './trust.ts';
import type { CertificateFacts } from './facts.ts';

export class Certificates {
  readonly trust: TrustedAuthorities;
  private opened: Promise<LocalAuthority> | null = null;

  constructor(
    readonly dataDir: string,
    /** Where the CA's key is kept: a 0600 file by default (the headless host); the desktop app gives the OS's protected storage. */
    readonly keyStore: SecretStore = new FileSecretStore(join(dataDir, 'certs', 'ca.key.pem')),
  ) {
    this.trust = new TrustedAuthorities(dataDir);
  }

  /** The local CA, made the first time it is needed. */
  authority(): Promise<LocalAuthority> {
    this.opened ??= import('./authority.ts').then(({ LocalAuthority }) => LocalAuthority.open(this.dataDir, this.keyStore));
    // A failure (an unreadable key) is said each time, not cached as the answer.
    this.opened.catch(() => (this.opened = null));
    return this.opened;
  }

  async caPem(): Promise<string> {
    return (await this.authority()).certPem;
  }

  async issueClient(chargerId: string, options: IssueOptions = {}): Promise<IssuedCertificate> {
    return (await this.authority()).issueClient(chargerId, options);
  }

  async signRequest(csrPem: string, chargerId: string): Promise<SignDecision> {
    return (await this.authority()).signRequest(csrPem, chargerId);
  }

  importCa(text: string): CertificateFacts[] {
    return this.trust.import(text);
  }
}
