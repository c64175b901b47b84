/** The host's commands over the file servers (HTTP and FTP): firmware offered to a charger, diagnostics received from it. */
import { readFileSync } from 'node:fs';
import type { CentralSystem } from '../central/central-system.ts';
import { callOutcome } from '../central/call-outcome.ts';
import type { FileServer } from '../central/file-server.ts';
import type { FtpTransfers } from '../central/ftp-transfers.ts';
import type { ChargerModels } from '../charger/registry.ts';
import { offerFile, uploadLocation, type TransferScheme } from '../readiness/driver.ts';
import { orderFor, supportedProtocols } from '../readiness/steps/transfer-schemes.ts';
import { HostError, required } from './host-error.ts';
import { msg } from '../lib/message.ts';
import type { Handlers } from './handler.ts';

export interface TransferCommandDeps {
  readonly central: CentralSystem;
  readonly models: ChargerModels;
  readonly fileServer?: FileServer;
  readonly ftp?: FtpTransfers;
}

export function transferCommands(deps: TransferCommandDeps): Handlers<'firmware.offer' | 'diagnostics.location' | 'diagnostics.read' | 'transfers.state'> {
  const files = () => required(deps.fileServer, msg`no file server is running in this host`);
  const where = (chargerId: string) => ({
    model: deps.models.builder(chargerId).model,
    fileServer: deps.fileServer,
    ftp: deps.ftp,
    fileHost: deps.central.state().host,
  });
  /** The scheme to use and why: as chosen, or on "auto" the charger's first of HTTP/FTP (asked live). */
  const choose = async (chargerId: string, choice: TransferScheme | 'auto', purpose: 'firmware' | 'diagnostics') => {
    if (choice !== 'auto') return { scheme: choice, why: msg`${choice.toUpperCase()} as chosen` };
    const outcome = await callOutcome(deps.central, chargerId, 'GetConfiguration', { key: ['SupportedFileTransferProtocols'] }, 15_000);
    const { order, why } = orderFor(outcome.ok ? supportedProtocols(outcome.payload) : undefined, purpose);
    return { scheme: order[0]!, why };
  };
  return {
    'firmware.offer': async ({ chargerId, name, contentBase64, scheme: choice }) => {
      const content = Buffer.from(contentBase64, 'base64');
      if (content.length === 0) throw new HostError('invalid-args', `firmware.offer: ${name} is empty`);
      const { scheme, why } = await choose(chargerId, choice ?? 'http', 'firmware');
      const offered = await offerFile(where(chargerId), name, content, scheme);
      if (!offered) throw new HostError('failed', msg`no ${scheme.toUpperCase()} server is running in this host`);
      closeOnFinalStatus(deps.models, chargerId, 'firmware', offered.close);
      return { url: offered.url, bytes: content.length, scheme, why };
    },
    'diagnostics.location': async ({ chargerId, scheme: choice }) => {
      const { scheme, why } = await choose(chargerId, choice ?? 'auto', 'diagnostics');
      const location = await uploadLocation(where(chargerId), scheme);
      if (!location) throw new HostError('failed', msg`this host has no ${scheme.toUpperCase()} location to receive diagnostics in`);
      closeOnFinalStatus(deps.models, chargerId, 'diagnostics', location.close);
      return { location: location.location, scheme, why };
    },
    'diagnostics.read': ({ name }) => {
      const file = [...files().received, ...(deps.ftp?.received ?? [])].find((r) => r.name === name);
      if (!file) throw new HostError('failed', msg`no diagnostics file named ${name} was received in this run`);
      return { name, contentBase64: readFileSync(file.file).toString('base64') };
    },
    'transfers.state': () => {
      const server = files();
      const received = [...server.received, ...(deps.ftp?.received ?? [])].sort((a, b) => a.at - b.at);
      return {
        requests: server.requests.slice(-100),
        received: received.map(({ file: _file, ...rest }) => rest),
        uploadProblem: server.uploadProblem,
        ftp: { port: deps.ftp?.port ?? null, passivePorts: deps.ftp?.passiveRange ?? [0, 0], events: deps.ftp?.events.slice(-100) ?? [] },
      };
    },
  };
}

const FINAL_STATUSES = {
  firmware: new Set(['Installed', 'InstallationFailed', 'DownloadFailed']),
  diagnostics: new Set(['Uploaded', 'UploadFailed']),
};

/**
 * One-time: a location offered from the Actions page closes once the charger reports the transfer's
 * final status (Uploaded, Installed, a failure), or at its own deadline, whichever comes first.
 */
function closeOnFinalStatus(models: ChargerModels, chargerId: string, kind: 'firmware' | 'diagnostics', close: () => void): void {
  const model = models.builder(chargerId).model;
  const statuses = () => (kind === 'firmware' ? model.firmwareStatus : model.diagnosticsStatus);
  const since = statuses().at(-1)?.seq ?? 0;
  const done = () => {
    off();
    clearTimeout(deadline);
    close();
  };
  const off = models.onChange((id) => {
    if (id !== chargerId) return;
    const last = statuses().at(-1);
    if (last && last.seq > since && FINAL_STATUSES[kind].has(last.status)) done();
  });
  // Past a location's own deadline there is nothing left to close; the listener goes with it.
  const deadline = setTimeout(done, LOCATION_DEADLINE_MS);
  deadline.unref?.();
}

/** Locations close on their own after this at the latest (the file servers' own deadline). */
const LOCATION_DEADLINE_MS = 30 * 60_000;
