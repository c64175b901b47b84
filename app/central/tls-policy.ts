/**
 * The platform's TLS policy (AWS ELBSecurityPolicy-TLS-1-2-Ext-2018-06, see docs/requirements.md):
 * TLS 1.2 only, exactly these ciphers. A charger that completes a handshake with the local wss
 * endpoint will complete one with the platform.
 */
export const POLICY_NAME = 'ELBSecurityPolicy-TLS-1-2-Ext-2018-06';

export const POLICY_CIPHERS = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES128-SHA256',
  'ECDHE-RSA-AES128-SHA256',
  'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-AES256-SHA384',
  'ECDHE-RSA-AES256-SHA384',
  'ECDHE-RSA-AES256-SHA',
  'ECDHE-ECDSA-AES256-SHA',
  'AES128-GCM-SHA256',
  'AES128-SHA256',
  'AES128-SHA',
  'AES256-GCM-SHA384',
  'AES256-SHA256',
  'AES256-SHA',
] as const;

export interface TlsMaterial {
  /** PEM certificates and their keys; an RSA and an EC pair let both ECDHE-RSA and ECDHE-ECDSA suites work. */
  readonly certs: readonly { readonly cert: string; readonly key: string }[];
}

export function policyServerOptions(material: TlsMaterial) {
  return {
    minVersion: 'TLSv1.2' as const,
    maxVersion: 'TLSv1.2' as const,
    ciphers: POLICY_CIPHERS.join(':'),
    honorCipherOrder: true,
    cert: material.certs.map((c) => c.cert),
    key: material.certs.map((c) => c.key),
  };
}

export function isPolicyCipher(name: string | undefined): boolean {
  return name !== undefined && (POLICY_CIPHERS as readonly string[]).includes(name);
}
