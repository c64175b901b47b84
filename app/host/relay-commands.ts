/** The host's commands over the relay: its targets (passwords go in, never out) and each relayed charger's upstream leg. */
import { msg } from '../lib/message.ts';
import type { Relay } from '../relay/relay.ts';
import { RelayTargetError } from '../relay/target.ts';
import type { ClientIdentity } from '../relay/client-identity.ts';
import { HostError, required } from './host-error.ts';
import type { Handlers } from './handler.ts';

export function relayCommands(deps: { readonly relay?: Relay }): Handlers<'relay.targets' | 'relay.setTarget' | 'relay.removeTarget' | 'relay.state'> {
  const relay = () => required(deps.relay, msg`this host has no relay`);
  return {
    'relay.targets': () => relay().targets(),
    'relay.setTarget': ({ chargerId, password, clientCertificate, ...config }) => {
      const identity: ClientIdentity | null | undefined =
        clientCertificate === undefined || clientCertificate === null
          ? clientCertificate
          : 'certPem' in clientCertificate
            ? { kind: 'pem', cert: clientCertificate.certPem, key: clientCertificate.keyPem }
            : {
                kind: 'pkcs12',
                pfxBase64: clientCertificate.pfxBase64,
                ...(clientCertificate.passphrase !== undefined ? { passphrase: clientCertificate.passphrase } : {}),
              };
      try {
        return relay().setTarget(chargerId, config, password, identity);
      } catch (err) {
        if (err instanceof RelayTargetError) throw new HostError('invalid-args', `relay.setTarget: ${err.message}`);
        throw err;
      }
    },
    'relay.removeTarget': ({ chargerId }) => ({ removed: relay().removeTarget(chargerId) }),
    'relay.state': () => relay().states(),
  };
}
