/**
 * X.509 and PKCS#10 through @peculiar/x509 on Node's WebCrypto (no hand-written ASN.1): key pairs,
 * certificates signed by a key, certificate signing requests made and read, and the facts of a
 * certificate a person needs (who, by whom, until when, what key). Keys travel as PKCS#8 PEM.
 */
import { createPrivateKey, createPublicKey, randomBytes, webcrypto, X509Certificate as NodeCertificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type KeyType = 'ec' | 'rsa';

/** A P-256 key signs with ECDSA SHA-256; an RSA key (2048 bits when made here) with PKCS#1 v1.5 SHA-256. */
const GENERATE: Record<KeyType, RsaHashedKeyGenParams | EcKeyGenParams> = {
  ec: { name: 'ECDSA', namedCurve: 'P-256' },
  rsa: { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
};

export interface SigningKey {
  readonly key: CryptoKey;
  readonly type: KeyType;
  /** What create() and the CSR generator sign with. */
  readonly algorithm: Algorithm | EcdsaParams;
}

export async function generateKeyPair(type: KeyType = 'ec'): Promise<{ readonly keys: CryptoKeyPair; readonly signing: SigningKey }> {
  const keys = (await webcrypto.subtle.generateKey(GENERATE[type], true, ['sign', 'verify'])) as CryptoKeyPair;
  return { keys, signing: { key: keys.privateKey, type, algorithm: signingAlgorithm(type) } };
}

function signingAlgorithm(type: KeyType): Algorithm | EcdsaParams {
  return type === 'ec' ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' };
}

export async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

/** A PEM private key (PKCS#8, or the older RSA / EC forms) as a key that signs. */
export async function importSigningKey(pem: string): Promise<SigningKey> {
  const key = createPrivateKey(pem);
  const der = key.export({ type: 'pkcs8', format: 'der' });
  const type = key.asymmetricKeyType;
  if (type === 'rsa') {
    const imported = await webcrypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    return { key: imported, type: 'rsa', algorithm: signingAlgorithm('rsa') };
  }
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    const namedCurve = curve === 'prime256v1' ? 'P-256' : curve === 'secp384r1' ? 'P-384' : undefined;
    if (!namedCurve) throw new Error(`an EC key on ${curve ?? 'an unknown curve'} (P-256 or P-384 are used here)`);
    const imported = await webcrypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve }, false, ['sign']);
    return { key: imported, type: 'ec', algorithm: { name: 'ECDSA', hash: namedCurve === 'P-384' ? 'SHA-384' : 'SHA-256' } };
  }
  throw new Error(`a ${type ?? 'unknown'} key (RSA or EC are used here)`);
}

/** A positive serial number of 16 random bytes (RFC 5280 §4.1.2.2). */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

export type Extension = x509.Extension;

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

function curveName(curve: string | undefined): string {
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

export { x509 };
