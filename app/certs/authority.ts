/**
 * The local certificate authority of a data folder: made on first use (an ECDSA P-256 key, ten
 * years), its certificate beside the data (`<data>/certs/ca.pem`), its key wherever the host keeps
 * secrets (a 0600 file in the headless host, the OS's protected storage in the desktop app) and never
 * in a bundle. It issues chargers their client certificates (CN = the charge point id, clientAuth,
 * one year), signs the CSRs chargers send (SignCertificate) after checking them, and issues the wss
 * listener's own certificate so a charger that trusts this CA trusts the listener.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { SecretStore } from './file-secret.ts';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { msg, reasonOf, type Message } from '../lib/message.ts';
import { AuthorityError } from './authority-error.ts';
import { generateKeyPair, importSigningKey, privateKeyPem, randomSerial, x509, type KeyType, type SigningKey } from './x509.ts';
import { certificateFacts, publicKeyDescription, type CertificateFacts } from './facts.ts';

export { AuthorityError };
export type { SecretStore };

const DAY_MS = 24 * 3600 * 1000;
const CA_YEARS = 10;
export const CLIENT_CERT_DAYS = 365;

export interface IssuedCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  /** The certificate followed by this CA's: what a TLS peer is given. */
  readonly chainPem: string;
  readonly facts: CertificateFacts;
}

export interface IssueOptions {
  readonly keyType?: KeyType;
  /** Defaults: from a minute ago, for CLIENT_CERT_DAYS. */
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

/** A CSR signed, or refused with the reason (English and as a message). */
export type SignDecision =
  | { readonly ok: true; readonly certPem: string; readonly chainPem: string; readonly facts: CertificateFacts }
  | { readonly ok: false; readonly reason: string; readonly said: Message };

export class LocalAuthority {
  readonly facts: CertificateFacts;

  private constructor(
    readonly certPem: string,
    private readonly signing: SigningKey,
    private readonly cert: x509.X509Certificate,
  ) {
    this.facts = certificateFacts(certPem);
  }

  /**
   * The data folder's CA: read, or made and kept when there is none. A certificate without its key
   * (or a key that cannot be read) is an error with the reason, never a silent new CA: chargers that
   * trust the old one would stop trusting this host.
   */
  static async open(dataDir: string, keyStore: SecretStore): Promise<LocalAuthority> {
    const certFile = join(dataDir, 'certs', 'ca.pem');
    let keyPem: string | null;
    try {
      keyPem = keyStore.read();
    } catch (err) {
      throw new AuthorityError(msg`the local CA's key (${keyStore.where}) cannot be read: ${(err as Error).message}`);
    }
    if (existsSync(certFile)) {
      if (keyPem === null)
        throw new AuthorityError(
          msg`the local CA's certificate is in ${certFile} but its key is not in ${keyStore.where}: certificates cannot be issued; restore the key, or move the certs folder away to start a new CA (chargers must then trust the new one)`,
        );
      const certPem = readFileSync(certFile, 'utf8');
      return new LocalAuthority(certPem, await importSigningKey(keyPem), new x509.X509Certificate(certPem));
    }
    const { keys, signing } = await generateKeyPair('ec');
    const now = Date.now();
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: [{ CN: [`OCPP Field Kit local CA (${hostname()})`] }, { O: ['OCPP Field Kit'] }],
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + CA_YEARS * 365 * DAY_MS),
      signingAlgorithm: signing.algorithm,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    // The key first: a certificate on disk always has its key somewhere.
    keyStore.write(await privateKeyPem(keys.privateKey));
    mkdirSync(join(dataDir, 'certs'), { recursive: true, mode: 0o700 });
    const certPem = cert.toString('pem');
    writeFileSync(certFile, `${certPem}\n`);
    return new LocalAuthority(`${certPem}\n`, signing, cert);
  }

  /** A client certificate and key for charge point `id` (CN = id, clientAuth), one year unless said. */
  async issueClient(id: string, options: IssueOptions = {}): Promise<IssuedCertificate> {
    const { keys, signing } = await generateKeyPair(options.keyType ?? 'ec');
    const cert = await this.sign([{ CN: [id] }], keys.publicKey, signing.type, ['clientAuth'], options);
    return { ...this.issued(cert), keyPem: await privateKeyPem(keys.privateKey) };
  }

  /** The wss listener's certificate: serverAuth for these DNS names and addresses. */
  async issueServer(names: { readonly dns: readonly string[]; readonly ips: readonly string[] }, keyType: KeyType): Promise<IssuedCertificate> {
    const { keys, signing } = await generateKeyPair(keyType);
    const cert = await this.sign([{ CN: [`OCPP Field Kit on ${hostname()}`] }, { O: ['OCPP Field Kit'] }], keys.publicKey, signing.type, ['serverAuth'], {
      notAfter: new Date(Date.now() + 825 * DAY_MS), // the longest validity most TLS clients accept for a leaf
      extensions: [
        new x509.SubjectAlternativeNameExtension([
          ...names.dns.map((value) => ({ type: 'dns' as const, value })),
          ...names.ips.map((value) => ({ type: 'ip' as const, value })),
        ]),
      ],
    });
    return { ...this.issued(cert), keyPem: await privateKeyPem(keys.privateKey) };
  }

  /**
   * A charger's CSR (SignCertificate), signed when it is sound: a PKCS#10 request whose signature
   * verifies, whose CN is this charger's id (the certificate would be refused at its next
   * connection otherwise) and whose key is strong enough. The subject is kept as the charger asked.
   */
  async signRequest(csrPem: string, chargerId: string): Promise<SignDecision> {
    const refuse = (said: Message): SignDecision => ({ ok: false, ...reasonOf(said) });
    let csr: x509.Pkcs10CertificateRequest;
    try {
      csr = new x509.Pkcs10CertificateRequest(csrPem.trim());
    } catch {
      return refuse(msg`the csr is not a certificate signing request (PKCS#10 in PEM)`);
    }
    if (!(await csr.verify().catch(() => false)))
      return refuse(msg`the CSR's signature does not verify: it was altered, or signed with another key than the one it carries`);
    const cn = csr.subjectName.getField('CN')[0];
    if (cn === undefined) return refuse(msg`the CSR names no common name (CN): it must be the charge point id, ${chargerId}`);
    if (cn !== chargerId)
      return refuse(msg`the CSR names ${cn}, but the charger is ${chargerId}: a certificate for another id would be refused at its next connection`);
    const key = publicKeyDescription(csr.publicKey.rawData);
    if (key.type === 'rsa' && (key.bits ?? 0) < 2048) return refuse(msg`the CSR's RSA key has ${key.bits} bits; at least 2048 are needed`);
    if (key.type === 'ec' && key.curve !== 'P-256' && key.curve !== 'P-384')
      return refuse(msg`the CSR's EC key is on ${key.curve}; P-256 or P-384 are accepted`);
    if (key.type !== 'rsa' && key.type !== 'ec') return refuse(msg`the CSR carries a ${key.type} key; RSA or ECDSA are accepted`);
    const cert = await this.sign(csr.subjectName.toJSON(), csr.publicKey, key.type === 'rsa' ? 'rsa' : 'ec', ['clientAuth'], {});
    return { ok: true, ...this.issued(cert) };
  }

  /** A certificate this CA signed, as PEM, with the chain a TLS peer is given and its facts. */
  private issued(cert: x509.X509Certificate): { readonly certPem: string; readonly chainPem: string; readonly facts: CertificateFacts } {
    const certPem = `${cert.toString('pem')}\n`;
    return { certPem, chainPem: certPem + this.certPem, facts: certificateFacts(certPem) };
  }

  private async sign(
    subject: x509.JsonName,
    publicKey: x509.PublicKey | CryptoKey,
    keyType: KeyType,
    usages: readonly ('clientAuth' | 'serverAuth')[],
    options: IssueOptions & { readonly extensions?: x509.Extension[] },
  ): Promise<x509.X509Certificate> {
    const notBefore = options.notBefore ?? new Date(Date.now() - 60_000);
    return x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject,
      issuer: this.cert.subjectName,
      notBefore,
      notAfter: options.notAfter ?? new Date(notBefore.getTime() + CLIENT_CERT_DAYS * DAY_MS),
      signingAlgorithm: this.signing.algorithm,
      publicKey,
      signingKey: this.signing.key,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | (keyType === 'rsa' ? x509.KeyUsageFlags.keyEncipherment : 0), true),
        new x509.ExtendedKeyUsageExtension(usages.map((u) => x509.ExtendedKeyUsage[u])),
        await x509.SubjectKeyIdentifierExtension.create(publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(this.cert.publicKey),
        ...(options.extensions ?? []),
      ],
    });
  }
}
