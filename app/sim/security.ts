/**
 * The simulated charger's side of the OCPP 1.6 security extension: its SecurityProfile, the client
 * certificate it presents in Security Profile 3 (given, or asked for with SignCertificate after a
 * boot and used from the next connection), the CA certificates installed in it, ExtendedTriggerMessage
 * and its security events. Quirks make it present what chargers in the field get wrong.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { IncomingCall } from '../ocpp/endpoint.ts';
import { certificateHashData, generateKeyPair, importSigningKey, privateKeyPem, randomSerial, x509 } from '../certs/x509.ts';
import { pemCertificates } from '../certs/facts.ts';
import type { Quirks } from './quirks.ts';
import { QuirkError } from './quirks.ts';

type Payload = Record<string, unknown>;

export interface SimSecurityOptions {
  readonly id: string;
  readonly vendor: string;
  /** The SecurityProfile it runs (undefined: it has no notion of one, as plain 1.6 chargers). */
  readonly profile?: 2 | 3;
  /** A client certificate (PEM, with its chain) and its key, installed at the factory. */
  readonly cert?: string;
  readonly key?: string;
  /** A CA (certificate and key) the bench lends it to mint broken certificates (quirks cert-expired, cert-wrong-cn). */
  readonly issuer?: { readonly cert: string; readonly key: string };
  readonly quirks: Quirks;
  log(line: string): void;
  send(action: string, payload: Record<string, unknown>): Promise<unknown>;
  /** Close and connect again (to present a new certificate). */
  reconnect(): void;
}

interface Installed {
  readonly type: 'CentralSystemRootCertificate' | 'ManufacturerRootCertificate';
  readonly pem: string;
}

const DAY_MS = 86_400_000;

export class SimSecurity {
  private certificate: { readonly cert: string; readonly key: string } | null;
  /** The key of the CSR sent last, waiting for its certificate. */
  private pendingKey: string | null = null;
  private readonly installed: Installed[] = [];
  private firstBoot = true;
  /** Certificates the quirks present, made once. */
  private quirkCertificate: Promise<{ cert: string; key: string } | null> | null = null;

  constructor(private readonly options: SimSecurityOptions) {
    this.certificate = options.cert && options.key ? { cert: options.cert, key: options.key } : null;
    const q = options.quirks;
    if ((q.has('cert-expired') || q.has('cert-wrong-cn')) && !options.issuer)
      throw new QuirkError(
        `${q.has('cert-expired') ? 'cert-expired' : 'cert-wrong-cn'} needs a CA to mint the certificate from: --issuer-cert and --issuer-key (the central system's <data>/certs/ca.pem and ca.key.pem on a bench)`,
      );
  }

  /** The SecurityProfile key's value. */
  get profile(): number {
    return this.options.profile ?? 0;
  }

  /** What it presents in the TLS handshake now. */
  async tls(): Promise<{ readonly cert?: string; readonly key?: string }> {
    if (this.profile !== 3) return {};
    const q = this.options.quirks;
    if (q.has('no-cert')) return {};
    if (q.has('cert-unknown-ca') || q.has('cert-self-signed') || q.has('cert-expired') || q.has('cert-wrong-cn')) {
      this.quirkCertificate ??= this.mintQuirkCertificate();
      return (await this.quirkCertificate) ?? {};
    }
    return this.certificate ?? {};
  }

  /** Sends its password: below Profile 3, or in Profile 3 while it has no certificate yet (to get one). The no-cert quirk sends none. */
  sendsPassword(presentsCertificate: boolean): boolean {
    if (this.options.quirks.has('no-cert')) return false;
    return !presentsCertificate;
  }

  /** A session began: its security events, and in Profile 3 without a certificate, a CSR. */
  onBooted(): void {
    if (this.profile >= 2 && this.firstBoot) void this.event('StartupOfTheDevice', `SecurityProfile ${this.profile}`);
    this.firstBoot = false;
    if (this.profile === 3 && !this.certificate && !this.options.quirks.has('no-cert')) void this.requestCertificate();
  }

  onReboot(): void {
    if (this.profile >= 2) void this.event('ResetOrReboot', null);
  }

  /** The security extension's calls from the central system; undefined for any other action. */
  handle(call: IncomingCall, trigger: (requestedMessage: string, connectorId: number | undefined) => unknown): unknown {
    const p = call.payload as Payload;
    switch (call.action) {
      case 'ExtendedTriggerMessage': {
        const requested = String(p.requestedMessage);
        if (requested === 'SignChargePointCertificate') {
          setImmediate(() => void this.requestCertificate());
          return { status: 'Accepted' };
        }
        if (requested === 'LogStatusNotification') {
          setImmediate(() => void this.options.send('LogStatusNotification', { status: 'Idle' }));
          return { status: 'Accepted' };
        }
        const answer = trigger(requested, typeof p.connectorId === 'number' ? p.connectorId : undefined) as { status?: string };
        return { status: answer.status === 'Accepted' || answer.status === 'Rejected' ? answer.status : 'NotImplemented' };
      }
      case 'CertificateSigned':
        return { status: this.takeCertificate(String(p.certificateChain)) };
      case 'InstallCertificate': {
        const type = p.certificateType === 'ManufacturerRootCertificate' ? 'ManufacturerRootCertificate' : 'CentralSystemRootCertificate';
        const pem = pemCertificates(String(p.certificate))[0];
        if (!pem || !validCertificate(pem)) return { status: 'Rejected' };
        if (!this.installed.some((c) => c.pem === pem)) this.installed.push({ type, pem });
        this.options.log(`installed a ${type}`);
        return { status: 'Accepted' };
      }
      case 'GetInstalledCertificateIds': {
        const found = this.installed.filter((c) => c.type === p.certificateType);
        return found.length === 0 ? { status: 'NotFound' } : { status: 'Accepted', certificateHashData: found.map((c) => certificateHashData(c.pem)) };
      }
      case 'DeleteCertificate': {
        const wanted = p.certificateHashData as Payload;
        const at = this.installed.findIndex((c) => {
          const hash = certificateHashData(c.pem);
          return (
            hash.issuerNameHash === wanted.issuerNameHash &&
            hash.issuerKeyHash === wanted.issuerKeyHash &&
            hash.serialNumber === String(wanted.serialNumber).toLowerCase()
          );
        });
        if (at < 0) return { status: 'NotFound' };
        this.installed.splice(at, 1);
        return { status: 'Accepted' };
      }
      default:
        return undefined;
    }
  }

  /** SignCertificate: a new key and a CSR naming the charger (the csr-wrong-cn quirk names its serial instead). */
  private async requestCertificate(): Promise<void> {
    const { keys, signing } = await generateKeyPair('ec');
    const cn = this.options.quirks.has('csr-wrong-cn') ? `SN-${this.options.id}` : this.options.id;
    const csr = await x509.Pkcs10CertificateRequestGenerator.create({
      name: [{ CN: [cn] }, { O: [this.options.vendor] }],
      keys,
      signingAlgorithm: signing.algorithm,
    });
    this.pendingKey = await privateKeyPem(keys.privateKey);
    this.options.log(`SignCertificate: asking for a certificate (CN=${cn})`);
    const answer = (await this.options.send('SignCertificate', { csr: csr.toString('pem') }).catch(() => null)) as { status?: string } | null;
    if (answer?.status !== 'Accepted') this.options.log(`SignCertificate was ${answer?.status ?? 'not answered'}`);
  }

  /** CertificateSigned: kept when it is the certificate of the key it asked with, then used from a new connection. */
  private takeCertificate(chain: string): 'Accepted' | 'Rejected' {
    const leaf = pemCertificates(chain)[0];
    if (!leaf || !this.pendingKey) return 'Rejected';
    try {
      if (!new X509Certificate(leaf).checkPrivateKey(createPrivateKey(this.pendingKey))) return 'Rejected';
    } catch {
      return 'Rejected';
    }
    this.certificate = { cert: chain, key: this.pendingKey };
    this.pendingKey = null;
    // In Profile 3 it logs in with it: from a new connection. Below, it is kept for when the profile is raised.
    if (this.profile === 3) {
      this.options.log('CertificateSigned: new client certificate installed; reconnecting with it');
      setTimeout(() => this.options.reconnect(), 200);
    } else this.options.log('CertificateSigned: new client certificate installed (used once SecurityProfile is 3)');
    return 'Accepted';
  }

  private event(type: string, techInfo: string | null): Promise<unknown> {
    return this.options.send('SecurityEventNotification', { type, timestamp: new Date().toISOString(), ...(techInfo ? { techInfo } : {}) });
  }

  private async mintQuirkCertificate(): Promise<{ cert: string; key: string } | null> {
    const q = this.options.quirks;
    const id = this.options.id;
    const leaf = await generateKeyPair('ec');
    const usage = [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])];
    if (q.has('cert-self-signed')) {
      const cert = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: randomSerial(),
        name: [{ CN: [id] }],
        keys: leaf.keys,
        signingAlgorithm: leaf.signing.algorithm,
        extensions: usage,
      });
      return { cert: cert.toString('pem'), key: await privateKeyPem(leaf.keys.privateKey) };
    }
    let issuerCert: x509.X509Certificate;
    let issuerKey: CryptoKey;
    let algorithm: Algorithm | EcdsaParams;
    if (q.has('cert-unknown-ca')) {
      // A CA of its own making, as a charger set up for another operator's back office.
      const ca = await generateKeyPair('ec');
      issuerCert = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: randomSerial(),
        name: [{ CN: [`${this.options.vendor} factory CA`] }],
        keys: ca.keys,
        signingAlgorithm: ca.signing.algorithm,
        extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
      });
      issuerKey = ca.keys.privateKey;
      algorithm = ca.signing.algorithm;
    } else {
      const signing = await importSigningKey(this.options.issuer!.key);
      issuerCert = new x509.X509Certificate(this.options.issuer!.cert);
      issuerKey = signing.key;
      algorithm = signing.algorithm;
    }
    const now = Date.now();
    const expired = q.has('cert-expired');
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: [{ CN: [q.has('cert-wrong-cn') ? `${id}-OTHER` : id] }],
      issuer: issuerCert.subjectName,
      notBefore: new Date(now - (expired ? 400 : 1) * DAY_MS),
      notAfter: new Date(now + (expired ? -1 : 365) * DAY_MS),
      publicKey: leaf.keys.publicKey,
      signingKey: issuerKey,
      signingAlgorithm: algorithm,
      extensions: usage,
    });
    return { cert: cert.toString('pem'), key: await privateKeyPem(leaf.keys.privateKey) };
  }
}

function validCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}
