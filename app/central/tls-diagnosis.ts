/**
 * Turns a refused TLS handshake (OpenSSL's reason plus what the client offered) into a sentence an
 * installer can act on.
 */
import type { SniffResult } from './client-hello.ts';
import { POLICY_CIPHERS } from './tls-policy.ts';
import { msg, type Message } from '../lib/message.ts';

export interface TlsRefusal {
  /** OpenSSL's own reason, e.g. "unsupported protocol", "no shared cipher". */
  readonly reason: string;
  readonly code?: string;
  readonly hint: Message;
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

function hintFor(reason: string, code: string | undefined, sniff: SniffResult | undefined): Message {
  if (sniff?.kind === 'plain-http' || /http request/i.test(reason)) {
    return msg`the charger spoke plain HTTP/ws to the wss port: use the wss:// URL with TLS enabled on the charger, or the ws:// port`;
  }
  const hello = sniff?.kind === 'tls' ? sniff.hello : undefined;
  if (hello && !hello.versions.includes('TLSv1.2')) {
    if (hello.versions.every((v) => v === 'TLSv1.3')) {
      return msg`the charger offers only TLS 1.3; the platform requires TLS 1.2`;
    }
    return msg`the charger offers only ${hello.versions.join(', ')}; the platform requires TLS 1.2: update the charger's firmware`;
  }
  if (/no shared cipher/i.test(reason) || code === 'ERR_SSL_NO_SHARED_CIPHER') {
    const common = msg`no cipher in common with the platform's policy (${POLICY_CIPHERS.length} suites, e.g. ECDHE-RSA-AES128-GCM-SHA256)`;
    if (!hello) return common;
    const suites = hello.ciphers.filter((c) => !c.startsWith('TLS_')).slice(0, 6);
    return suites.length > 0 ? msg`${common}; it offers ${suites.join(', ')}` : msg`${common}; it offers no TLS 1.2 suites`;
  }
  if (/unsupported protocol|wrong version number|version too low/i.test(reason)) {
    return msg`the charger does not speak TLS 1.2, which the platform requires`;
  }
  if (/unknown ca|bad certificate|certificate unknown|unsupported certificate/i.test(reason)) {
    return msg`the charger rejected the app's certificate: let it accept this certificate (or skip verification for the test), or pass a certificate it trusts with --cert/--key`;
  }
  if (/certificate expired|not yet valid/i.test(reason)) {
    return msg`the charger says the certificate's dates are invalid: check the charger's clock (1970 after a reboot is common)`;
  }
  if (/ECONNRESET|socket hang up|closed/i.test(reason)) {
    return msg`the charger closed the connection during the handshake: often it does not trust the certificate, or its clock is wrong`;
  }
  return msg`TLS handshake failed: ${reason}`;
}
