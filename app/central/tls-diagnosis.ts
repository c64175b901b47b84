/**
 * Turns a refused TLS handshake (OpenSSL's reason plus what the client offered) into a sentence an
 * installer can act on.
 */
import type { SniffResult } from './client-hello.ts';
import { POLICY_CIPHERS } from './tls-policy.ts';

export interface TlsRefusal {
  /** OpenSSL's own reason, e.g. "unsupported protocol", "no shared cipher". */
  readonly reason: string;
  readonly code?: string;
  readonly hint: string;
  readonly offered?: { versions: string[]; ciphers: string[]; sni?: string };
}

export function diagnoseTlsRefusal(error: Error & { code?: string; reason?: string }, sniff: SniffResult | undefined): TlsRefusal {
  const reason = error.reason ?? error.message;
  const offered = sniff?.kind === 'tls' ? sniff.hello : undefined;
  return {
    reason,
    ...(error.code ? { code: error.code } : {}),
    hint: hintFor(reason, error.code, sniff),
    ...(offered ? { offered } : {}),
  };
}

function hintFor(reason: string, code: string | undefined, sniff: SniffResult | undefined): string {
  if (sniff?.kind === 'plain-http' || /http request/i.test(reason)) {
    return 'the charger spoke plain HTTP/ws to the wss port: use the wss:// URL with TLS enabled on the charger, or the ws:// port';
  }
  const hello = sniff?.kind === 'tls' ? sniff.hello : undefined;
  if (hello && !hello.versions.includes('TLSv1.2')) {
    if (hello.versions.every((v) => v === 'TLSv1.3')) {
      return 'the charger offers only TLS 1.3; the platform requires TLS 1.2';
    }
    return `the charger offers only ${hello.versions.join(', ')}; the platform requires TLS 1.2: update the charger's firmware`;
  }
  if (/no shared cipher/i.test(reason) || code === 'ERR_SSL_NO_SHARED_CIPHER') {
    const offered = hello
      ? `; it offers ${
          hello.ciphers
            .filter((c) => !c.startsWith('TLS_'))
            .slice(0, 6)
            .join(', ') || 'no TLS 1.2 suites'
        }`
      : '';
    return `no cipher in common with the platform's policy (${POLICY_CIPHERS.length} suites, e.g. ECDHE-RSA-AES128-GCM-SHA256)${offered}`;
  }
  if (/unsupported protocol|wrong version number|version too low/i.test(reason)) {
    return 'the charger does not speak TLS 1.2, which the platform requires';
  }
  if (/unknown ca|bad certificate|certificate unknown|unsupported certificate/i.test(reason)) {
    return "the charger rejected the app's certificate: let it accept this certificate (or skip verification for the test), or pass a certificate it trusts with --cert/--key";
  }
  if (/certificate expired|not yet valid/i.test(reason)) {
    return "the charger says the certificate's dates are invalid: check the charger's clock (1970 after a reboot is common)";
  }
  if (/ECONNRESET|socket hang up|closed/i.test(reason)) {
    return 'the charger closed the connection during the handshake: often it does not trust the certificate, or its clock is wrong';
  }
  return `TLS handshake failed: ${reason}`;
}
