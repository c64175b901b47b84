/**
 * The host's commands over certificates: the security profile of the wss listener, the local CA
 * (its certificate to download, client certificates it issues) and the CAs trusted for client
 * certificates. A charger's own certificates are managed with its OCPP calls (the Charger page).
 */
import type { CentralSystem } from '../central/central-system.ts';
import type { Certificates } from '../certs/certificates.ts';
import { required } from './host-error.ts';
import { msg } from '../lib/message.ts';
import type { Handlers } from './handler.ts';

export interface CertificateCommandDeps {
  readonly central: CentralSystem;
  readonly certificates?: Certificates;
  /** Keeps the chosen profile (the desktop app's settings). */
  readonly rememberSecurityProfile?: (profile: 2 | 3) => void;
}

export function certificateCommands(
  deps: CertificateCommandDeps,
): Handlers<'central.setSecurityProfile' | 'certs.caPem' | 'certs.importCa' | 'certs.removeCa' | 'certs.issue'> {
  const certificates = () => required(deps.certificates, msg`this host keeps no certificates`);
  return {
    'central.setSecurityProfile': async ({ profile }) => {
      const { central } = deps;
      // Profile 3 checks against the local CA among others: it exists before the listener asks for it.
      if (profile === 3) await certificates().authority();
      const was = central.state();
      central.setSecurityProfile(profile);
      if (was.running) {
        await central.stop();
        await central.start({ wsPort: was.wsPort, wssPort: was.wssPort });
      }
      deps.rememberSecurityProfile?.(profile);
      return { ...central.state(), securityProfile: central.securityProfile() };
    },
    'certs.caPem': async () => ({ fileName: 'fieldkit-local-ca.pem', content: await certificates().caPem() }),
    'certs.importCa': ({ contentBase64 }) => {
      const imported = certificates().importCa(Buffer.from(contentBase64, 'base64').toString('utf8'));
      deps.central.refreshTrust();
      return { imported };
    },
    'certs.removeCa': ({ sha256 }) => {
      const removed = certificates().trust.remove(sha256);
      if (removed) deps.central.refreshTrust();
      return { removed };
    },
    'certs.issue': async ({ chargerId, keyType }) => {
      const issued = await certificates().issueClient(chargerId, keyType ? { keyType } : {});
      return { certPem: issued.certPem, keyPem: issued.keyPem, chainPem: issued.chainPem, facts: issued.facts };
    },
  };
}
