/**
 * Security Profile 3: the client certificate a charger presented in its TLS handshake, judged by the
 * rules of the OCPP 1.6 security whitepaper — it chains to a trusted CA, is valid now, is meant for a
 * TLS client, and its CN is the charge point id the charger connects as. The TLS layer asked for the
 * certificate without refusing the handshake, so that each refusal can say in words which rule
 * failed and what fixes it (a handshake aborted by OpenSSL tells the installer nothing).
 */
import type { TLSSocket } from 'node:tls';
import { certificateFacts, type CertificateFacts } from '../certs/facts.ts';
import { msg, reasonOf, type Message } from '../lib/message.ts';

export type SecurityProfile = 2 | 3;

/** What the charger presented: its certificate's facts and what the TLS layer's chain check said. */
export interface PresentedCertificate {
  readonly facts: CertificateFacts;
  /** OpenSSL's verdict on the chain and the validity (code like CERT_HAS_EXPIRED), null when it passed. */
  readonly error: string | null;
}

/** The certificate on a TLS socket, or null when the charger sent none. */
export function presentedCertificate(socket: TLSSocket): PresentedCertificate | null {
  const peer = socket.getPeerCertificate(false) as { raw?: Buffer } | null;
  if (!peer?.raw) return null;
  let facts: CertificateFacts;
  try {
    facts = certificateFacts(peer.raw);
  } catch {
    return null;
  }
  const error = socket.authorized ? null : String(socket.authorizationError ?? 'UNKNOWN');
  return { facts, error };
}

export type CertificateDecision =
  | { readonly ok: true; readonly facts: CertificateFacts }
  | { readonly ok: false; readonly status: number; readonly reason: string; readonly said: Message; readonly facts: CertificateFacts | null };

const refusal = (status: number, said: Message, facts: CertificateFacts | null): CertificateDecision => ({ ok: false, status, ...reasonOf(said), facts });

/** The fix that follows every "not trusted" reason. */
const TRUST_FIX = msg`issue the charger a certificate from this app's CA (fieldkit certs issue, or "renew" on the Charger page), or trust its CA (fieldkit certs import-ca, or the Connect page)`;

/**
 * The certificate judged for charge point `chargerId`. clockNote: what is known of the charger's
 * clock (a validity problem is often the charger's clock, not the certificate).
 */
export function judgeCertificate(presented: PresentedCertificate | null, chargerId: string, clockNote: Message | null = null): CertificateDecision {
  if (!presented)
    return refusal(
      401,
      msg`no client certificate was sent: Security Profile 3 admits a charger by its certificate (CN = ${chargerId}); install one in the charger, or set its password here so it can connect and ask for one (SignCertificate)`,
      null,
    );
  const { facts, error } = presented;
  const clock = clockNote ? msg` (${clockNote})` : msg``;
  switch (error) {
    case null:
      break;
    case 'CERT_HAS_EXPIRED':
      return refusal(
        403,
        msg`the client certificate expired on ${facts.validTo}${clock}: renew it (the Charger page's "renew", or fieldkit certs issue ${chargerId})`,
        facts,
      );
    case 'CERT_NOT_YET_VALID':
      return refusal(403, msg`the client certificate is valid only from ${facts.validFrom}${clock}: check this computer's clock, or wait`, facts);
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return refusal(403, msg`the client certificate is self-signed (${facts.subject}): no CA vouches for it; ${TRUST_FIX}`, facts);
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return refusal(403, msg`the client certificate's chain ends in a root this app does not trust (issuer ${facts.issuer}); ${TRUST_FIX}`, facts);
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return refusal(403, msg`the client certificate was issued by ${facts.issuer}, a CA this app does not trust; ${TRUST_FIX}`, facts);
    case 'INVALID_PURPOSE':
      return wrongUsage(facts);
    case 'CERT_SIGNATURE_FAILURE':
      return refusal(
        403,
        msg`the client certificate's signature does not verify with its issuer's key: it was altered, or its CA is another one of the same name`,
        facts,
      );
    default:
      return refusal(403, msg`the client certificate was not accepted by the TLS layer (${error}); ${TRUST_FIX}`, facts);
  }
  if (facts.usages !== null && !facts.usages.includes('clientAuth')) return wrongUsage(facts);
  if (facts.commonName !== chargerId)
    return refusal(
      403,
      facts.commonName === null
        ? msg`the client certificate names no common name (CN); Security Profile 3 needs CN = ${chargerId}`
        : msg`the client certificate names ${facts.commonName} (CN), but the charger connected as ${chargerId}: a certificate is for one charge point id; issue one for ${chargerId}, or check the id in the charger's URL`,
      facts,
    );
  return { ok: true, facts };
}

function wrongUsage(facts: CertificateFacts): CertificateDecision {
  return refusal(
    403,
    msg`the client certificate is not for a TLS client: its extended key usage is ${(facts.usages ?? []).join(', ') || 'empty'}, and clientAuth is needed`,
    facts,
  );
}
