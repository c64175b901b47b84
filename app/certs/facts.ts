/**
 * The facts of a certificate a person needs (who, by whom, until when, what key, for what use),
 * read with Node's own X.509: cheap enough for every TLS handshake and every list.
 */
import { createPublicKey, X509Certificate as NodeCertificate } from 'node:crypto';

/** What a certificate says, in the words a certificate screen uses. */
export interface CertificateFacts {
  readonly subject: string;
  /** The subject's common name (the charge point id for a charger's certificate). */
  readonly commonName: string | null;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  /** "RSA 2048", "ECDSA P-256". */
  readonly key: string;
  /** SHA-256 fingerprint, colon hex. */
  readonly sha256: string;
  readonly serial: string;
  readonly selfSigned: boolean;
  readonly ca: boolean;
  /** Extended key usages by name (clientAuth, serverAuth …); null when the certificate names none (any use). */
  readonly usages: readonly string[] | null;
}

const USAGE_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
};

export function certificateFacts(pemOrDer: string | Buffer): CertificateFacts {
  const cert = new NodeCertificate(pemOrDer);
  const details = cert.publicKey.asymmetricKeyDetails;
  const type = cert.publicKey.asymmetricKeyType;
  const key =
    type === 'rsa' ? `RSA ${details?.modulusLength ?? '?'}` : type === 'ec' ? `ECDSA ${curveName(details?.namedCurve)}` : (type ?? 'unknown').toUpperCase();
  const usages = cert.keyUsage;
  return {
    subject: oneLineName(cert.subject),
    commonName: nameField(cert.subject, 'CN'),
    issuer: oneLineName(cert.issuer),
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
    key,
    sha256: cert.fingerprint256,
    serial: cert.serialNumber,
    selfSigned: cert.subject === cert.issuer && cert.verify(cert.publicKey),
    ca: cert.ca,
    usages: usages === undefined ? null : usages.map((oid) => USAGE_NAMES[oid] ?? oid),
  };
}

/** OpenSSL's curve name as the standards (and WebCrypto) say it: prime256v1 → P-256. */
export function curveName(curve: string | undefined): string {
  return curve === 'prime256v1' ? 'P-256' : curve === 'secp384r1' ? 'P-384' : curve === 'secp521r1' ? 'P-521' : (curve ?? '?');
}

/** Node gives a name as "CN=…\nO=…": one line, the way certificate screens show it. */
function oneLineName(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

function nameField(name: string, field: string): string | null {
  const line = name.split('\n').find((l) => l.startsWith(`${field}=`));
  return line === undefined ? null : line.slice(field.length + 1);
}

/** Every PEM certificate in a text (a chain, a bundle of CAs), in order. */
export function pemCertificates(text: string): string[] {
  return [...text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)].map((m) => `${m[0]}\n`);
}

/** The key's type and size from a public key (SubjectPublicKeyInfo DER), for a CSR. */
export function publicKeyDescription(spki: ArrayBuffer): { readonly type: string; readonly bits: number | null; readonly curve: string | null } {
  const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  const details = key.asymmetricKeyDetails;
  return { type: key.asymmetricKeyType ?? 'unknown', bits: details?.modulusLength ?? null, curve: details?.namedCurve ? curveName(details.namedCurve) : null };
}
