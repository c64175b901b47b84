/**
 * Why the platform could not be reached, in words an installer can act on: the HTTP status of a
 * refused upgrade, a certificate that does not verify, a name that does not resolve, silence.
 */
export interface UpstreamFailure {
  /** refused: the platform answered but said no; tls: the certificate or handshake; network: DNS, TCP, timeout. */
  readonly kind: 'refused' | 'tls' | 'network' | 'protocol';
  readonly reason: string;
  readonly status?: number;
  readonly code?: string;
}

const CERTIFICATE_CODES: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the platform presented a self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: "the platform's certificate chain ends in a CA that is not trusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the platform's certificate is not signed by a trusted CA (or its intermediate is missing)",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the CA that signed the platform's certificate is not trusted",
  CERT_HAS_EXPIRED: "the platform's certificate has expired",
  CERT_NOT_YET_VALID: "the platform's certificate is not valid yet (check this computer's clock)",
  ERR_TLS_CERT_ALTNAME_INVALID: "the platform's certificate is not for this host name",
};

const NETWORK_CODES: Record<string, string> = {
  ENOTFOUND: 'the host name does not resolve (DNS)',
  EAI_AGAIN: 'DNS did not answer',
  ECONNREFUSED: 'nothing listens at that address and port',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

export function failureFromStatus(status: number, statusText: string | undefined, presentedAs: string): UpstreamFailure {
  const text = `HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  if (status === 401)
    return { kind: 'refused', status, reason: `${text}: the platform refused the credentials of ${presentedAs} (check the id and the upstream password)` };
  if (status === 403) return { kind: 'refused', status, reason: `${text}: the platform does not admit ${presentedAs}` };
  if (status === 404) return { kind: 'refused', status, reason: `${text}: no OCPP endpoint at this path (check the upstream URL)` };
  return { kind: 'refused', status, reason: `${text}: the platform refused the WebSocket upgrade` };
}

export function failureFromError(err: Error & { code?: string }): UpstreamFailure {
  const code = err.code;
  if (code && CERTIFICATE_CODES[code]) return { kind: 'tls', code, reason: `${CERTIFICATE_CODES[code]} (${code})` };
  // The platform's own alerts about our client certificate (Security Profile 3 on the platform leg).
  if (code && /CERTIFICATE_REQUIRED/.test(code))
    return {
      kind: 'tls',
      code,
      reason: `the platform asks for a client certificate and none was presented: give the relay one (the relay panel, or --upstream-cert and --upstream-key) (${code})`,
    };
  if (code && /ALERT_(BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|CERTIFICATE_EXPIRED|CERTIFICATE_REVOKED|UNSUPPORTED_CERTIFICATE)/.test(code))
    return { kind: 'tls', code, reason: `the platform refused the relay's client certificate (not issued by a CA it trusts, expired or revoked) (${code})` };
  if (code && /ALERT_HANDSHAKE_FAILURE/.test(code))
    return {
      kind: 'tls',
      code,
      reason: `TLS handshake failed: the platform ended it (no cipher in common, or it requires a client certificate that was not presented) (${code})`,
    };
  if (code?.startsWith('ERR_SSL') || code?.startsWith('ERR_TLS') || /SSL|TLS/i.test(err.message))
    return { kind: 'tls', ...(code ? { code } : {}), reason: `TLS handshake failed: ${err.message}` };
  if (code && NETWORK_CODES[code]) return { kind: 'network', code, reason: `${NETWORK_CODES[code]} (${code})` };
  if (/handshake has timed out/i.test(err.message))
    return { kind: 'network', code: 'TIMEOUT', reason: 'the platform did not complete the WebSocket handshake in time' };
  if (/subprotocol/i.test(err.message)) return { kind: 'protocol', reason: `the platform did not accept the subprotocol: ${err.message}` };
  return { kind: 'network', ...(code ? { code } : {}), reason: err.message || String(err) };
}
