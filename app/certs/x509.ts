/**
 * X.509 and PKCS#10 through @peculiar/x509 on Node's WebCrypto (no hand-written ASN.1): key pairs,
 * certificates signed by a key, certificate signing requests made and read. Keys travel as PKCS#8
 * PEM. Loaded only where a certificate is made or a CSR read (the library costs start-up time).
 */
import { createHash, createPrivateKey, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { curveName } from './facts.ts';

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
    const namedCurve = curveName(curve);
    if (namedCurve !== 'P-256' && namedCurve !== 'P-384') throw new Error(`an EC key on ${curve ?? 'an unknown curve'} (P-256 or P-384 are used here)`);
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

/**
 * OCPP's CertificateHashDataType of a certificate (1.6 security whitepaper, as OCSP's CertID): SHA-256
 * of its issuer's name (DER) and of its issuer's public key (the BIT STRING's value), and its serial.
 * For a root, the issuer is itself; otherwise the issuer's certificate is needed for the key.
 */
export function certificateHashData(
  pem: string,
  issuerPem: string = pem,
): { hashAlgorithm: 'SHA256'; issuerNameHash: string; issuerKeyHash: string; serialNumber: string } {
  const cert = new x509.X509Certificate(pem);
  const issuer = new x509.X509Certificate(issuerPem);
  const spki = AsnConvert.parse(issuer.publicKey.rawData, SubjectPublicKeyInfo);
  return {
    hashAlgorithm: 'SHA256',
    issuerNameHash: createHash('sha256').update(Buffer.from(cert.issuerName.toArrayBuffer())).digest('hex'),
    issuerKeyHash: createHash('sha256').update(Buffer.from(spki.subjectPublicKey)).digest('hex'),
    // OCPP's serialNumber is at most 40 characters: the hex of the serial without leading zeros.
    serialNumber: cert.serialNumber.replace(/^0+(?=.)/, '').toLowerCase(),
  };
}

export { x509 };
