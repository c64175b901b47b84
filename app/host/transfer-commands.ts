/** The host's commands over the file server: firmware offered to a charger, diagnostics received from it. */
import { readFileSync } from 'node:fs';
import type { CentralSystem } from '../central/central-system.ts';
import type { FileServer } from '../central/file-server.ts';
import type { ChargerModels } from '../charger/registry.ts';
import { fileServerUrl } from '../readiness/driver.ts';
import { HostError, required } from './host-error.ts';
import type { Handlers } from './handler.ts';

export interface TransferCommandDeps {
  readonly central: CentralSystem;
  readonly models: ChargerModels;
  readonly fileServer?: FileServer;
}

export function transferCommands(deps: TransferCommandDeps): Handlers<'firmware.offer' | 'diagnostics.location' | 'diagnostics.read' | 'transfers.state'> {
  const files = () => required(deps.fileServer, 'no file server is running in this host');
  // The address the charger reached us on, so that it can reach the file server too.
  const urlFor = (chargerId: string, server: FileServer, path: string) =>
    fileServerUrl(deps.models.builder(chargerId).model, server, path, deps.central.state().host);
  return {
    'firmware.offer': ({ chargerId, name, contentBase64 }) => {
      const content = Buffer.from(contentBase64, 'base64');
      if (content.length === 0) throw new HostError('invalid-args', `firmware.offer: ${name} is empty`);
      const server = files();
      return { url: urlFor(chargerId, server, server.offer(name, content)), bytes: content.length };
    },
    'diagnostics.location': ({ chargerId }) => {
      const server = files();
      const path = server.uploadLocation();
      if (!path) throw new HostError('failed', 'this host has no folder to receive diagnostics in');
      return { location: urlFor(chargerId, server, path) };
    },
    'diagnostics.read': ({ name }) => {
      const file = files().received.find((r) => r.name === name);
      if (!file) throw new HostError('failed', `no diagnostics file named ${name} was received in this run`);
      return { name, contentBase64: readFileSync(file.file).toString('base64') };
    },
    'transfers.state': () => {
      const server = files();
      return {
        requests: server.requests.slice(-100),
        received: server.received.map(({ file: _file, ...rest }) => rest),
        uploadProblem: server.uploadProblem,
      };
    },
  };
}
