/**
 * Reads what a TLS client offers in its ClientHello (versions, cipher suites, SNI), because Node
 * reports a refused handshake only as OpenSSL's one-line reason. With this the app can say "the
 * charger offers only TLS 1.0" instead of "unsupported protocol".
 */
export interface ClientHelloInfo {
  /** Offered versions, newest first ("TLSv1.3", "TLSv1.2", …); a client without TLS 1.3 support names only its highest. */
  readonly versions: string[];
  /** Offered cipher suites by OpenSSL name where known, else 0xNNNN. GREASE values are left out. */
  readonly ciphers: string[];
  readonly sni?: string;
}

export type SniffResult =
  | { readonly kind: 'tls'; readonly hello: ClientHelloInfo }
  | { readonly kind: 'plain-http'; readonly firstLine: string }
  | { readonly kind: 'unknown'; readonly reason: string }
  | { readonly kind: 'incomplete' };

const VERSION_NAMES: Record<number, string> = { 0x0300: 'SSLv3', 0x0301: 'TLSv1', 0x0302: 'TLSv1.1', 0x0303: 'TLSv1.2', 0x0304: 'TLSv1.3' };

const CIPHER_NAMES: Record<number, string> = {
  0xc02b: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  0xc02f: 'ECDHE-RSA-AES128-GCM-SHA256',
  0xc023: 'ECDHE-ECDSA-AES128-SHA256',
  0xc027: 'ECDHE-RSA-AES128-SHA256',
  0xc009: 'ECDHE-ECDSA-AES128-SHA',
  0xc013: 'ECDHE-RSA-AES128-SHA',
  0xc02c: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  0xc030: 'ECDHE-RSA-AES256-GCM-SHA384',
  0xc024: 'ECDHE-ECDSA-AES256-SHA384',
  0xc028: 'ECDHE-RSA-AES256-SHA384',
  0xc014: 'ECDHE-RSA-AES256-SHA',
  0xc00a: 'ECDHE-ECDSA-AES256-SHA',
  0x009c: 'AES128-GCM-SHA256',
  0x003c: 'AES128-SHA256',
  0x002f: 'AES128-SHA',
  0x009d: 'AES256-GCM-SHA384',
  0x003d: 'AES256-SHA256',
  0x0035: 'AES256-SHA',
  0x1301: 'TLS_AES_128_GCM_SHA256',
  0x1302: 'TLS_AES_256_GCM_SHA384',
  0x1303: 'TLS_CHACHA20_POLY1305_SHA256',
  0xcca8: 'ECDHE-RSA-CHACHA20-POLY1305',
  0xcca9: 'ECDHE-ECDSA-CHACHA20-POLY1305',
  0xccaa: 'DHE-RSA-CHACHA20-POLY1305',
  0x009e: 'DHE-RSA-AES128-GCM-SHA256',
  0x009f: 'DHE-RSA-AES256-GCM-SHA384',
  0x0033: 'DHE-RSA-AES128-SHA',
  0x0039: 'DHE-RSA-AES256-SHA',
  0x000a: 'DES-CBC3-SHA',
  0x0005: 'RC4-SHA',
  0x0004: 'RC4-MD5',
  0x00ff: 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV',
  0x5600: 'TLS_FALLBACK_SCSV',
};

/** A ClientHello fits in one record in practice; refuse to buffer more than this while sniffing. */
export const MAX_SNIFF_BYTES = 16 * 1024 + 5;

const isGrease = (v: number) => (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff);

export function sniffClientHello(data: Buffer): SniffResult {
  if (data.length === 0) return { kind: 'incomplete' };
  if (data[0] !== 0x16) {
    const text = data.subarray(0, 64).toString('latin1');
    if (/^(GET|POST|PUT|HEAD|OPTIONS) /.test(text)) return { kind: 'plain-http', firstLine: text.split('\r\n')[0]! };
    if (data.length < 4 && /^[A-Z]+$/.test(text)) return { kind: 'incomplete' };
    return { kind: 'unknown', reason: `first byte 0x${data[0]!.toString(16)} is not a TLS handshake` };
  }
  if (data.length < 5) return { kind: 'incomplete' };
  const recordLength = data.readUInt16BE(3);
  if (data.length < 5 + recordLength) return data.length >= MAX_SNIFF_BYTES ? { kind: 'unknown', reason: 'ClientHello too large' } : { kind: 'incomplete' };
  try {
    return { kind: 'tls', hello: parseHello(data.subarray(5, 5 + recordLength)) };
  } catch (err) {
    return { kind: 'unknown', reason: `unreadable ClientHello: ${(err as Error).message}` };
  }
}

function parseHello(body: Buffer): ClientHelloInfo {
  let at = 0;
  const need = (n: number) => {
    if (at + n > body.length) throw new Error('ends early');
  };
  const u8 = () => (need(1), body[at++]!);
  const u16 = () => (need(2), (at += 2), body.readUInt16BE(at - 2));
  if (u8() !== 0x01) throw new Error('not a ClientHello');
  at += 3; // handshake length
  const legacyVersion = u16();
  at += 32; // random
  // (`at += u8()` would read `at` before u8() advances it: lengths go through a const.)
  const sessionIdLength = u8();
  at += sessionIdLength;
  const cipherBytes = u16();
  const suites: number[] = [];
  for (const end = at + cipherBytes; at < end;) suites.push(u16());
  const compressionLength = u8();
  at += compressionLength;
  let versions: number[] = [];
  let sni: string | undefined;
  if (at < body.length) {
    const extensionsLength = u16();
    const extEnd = at + extensionsLength;
    while (at + 4 <= extEnd) {
      const type = u16();
      const len = u16();
      const start = at;
      if (type === 0x0000 && len > 5) {
        at += 2 + 1; // list length, name type
        const nameLen = u16();
        need(nameLen);
        sni = body.subarray(at, at + nameLen).toString('latin1');
      } else if (type === 0x002b) {
        const listLen = u8();
        for (let i = 0; i < listLen; i += 2) versions.push(u16());
      }
      at = start + len;
    }
  }
  if (versions.length === 0) {
    // No supported_versions extension (pre-TLS 1.3 clients): only the highest version is known.
    versions = [legacyVersion];
  }
  return {
    versions: versions
      .filter((v) => !isGrease(v))
      .sort((a, b) => b - a)
      .map((v) => VERSION_NAMES[v] ?? `0x${v.toString(16)}`),
    ciphers: suites.filter((s) => !isGrease(s)).map((s) => CIPHER_NAMES[s] ?? `0x${s.toString(16).padStart(4, '0')}`),
    ...(sni === undefined ? {} : { sni }),
  };
}
