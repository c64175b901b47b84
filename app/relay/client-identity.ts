/**
 * The client certificate the relay presents to a platform that asks for one (Security Profile 3 on
 * the platform leg): a PEM certificate with its key, or a PKCS#12 file with its passphrase. Checked
 * when given (the key must be the certificate's, the passphrase must open the file), kept where the
 * host keeps secrets, and only its certificate's facts are ever shown.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { certificateFacts, type CertificateFacts } from '../certs/facts.ts';
import { RelayTargetError } from './target-error.ts';

export type ClientIdentity =
  { readonly kind: 'pem'; readonly cert: string; readonly key: string } | { readonly kind: 'pkcs12'; readonly pfxBase64: string; readonly passphrase?: string };

/** What a TLS client is given for this identity. */
export function tlsOptionsOf(identity: ClientIdentity): { cert: string; key: string } | { pfx: Buffer; passphrase?: string } {
  return identity.kind === 'pem'
    ? { cert: identity.cert, key: identity.key }
    : { pfx: Buffer.from(identity.pfxBase64, 'base64'), ...(identity.passphrase !== undefined ? { passphrase: identity.passphrase } : {}) };
}

/** Checks an identity as given; throws RelayTargetError with what is wrong. Returns the certificate's facts (null for PKCS#12: not read). */
export function checkIdentity(identity: ClientIdentity): CertificateFacts | null {
  if (identity.kind === 'pem') {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(identity.cert);
    } catch {
      throw new RelayTargetError('the client certificate is not a PEM certificate (-----BEGIN CERTIFICATE-----)');
    }
    let matches: boolean;
    try {
      matches = cert.checkPrivateKey(createPrivateKey(identity.key));
    } catch {
      throw new RelayTargetError('the client key is not a PEM private key (an encrypted key needs its passphrase: give a PKCS#12 file instead)');
    }
    if (!matches) throw new RelayTargetError("the client key is not the certificate's key: give the key that was made with this certificate");
    return certificateFacts(identity.cert);
  }
  try {
    createSecureContext(tlsOptionsOf(identity));
  } catch (err) {
    const text = (err as Error).message;
    throw new RelayTargetError(
      /mac verify|bad decrypt|password/i.test(text) ? 'the PKCS#12 file does not open with this passphrase' : `the PKCS#12 file cannot be read (${text})`,
    );
  }
  return null;
}

/** The facts a list shows of an identity, never its key. */
export function identityFacts(identity: ClientIdentity): CertificateFacts | null {
  if (identity.kind !== 'pem') return null;
  try {
    return certificateFacts(identity.cert);
  } catch {
    return null;
  }
}
