/**
 * What the suite needs of the world: the live model of one charger, a way to call it, to close its
 * connection, and to serve it a file. The central system provides it (centralDriver); the relay will
 * too. The suite never touches sockets itself, so whatever it does a person could do by hand.
 */
import type { FileServer } from '../central/file-server.ts';
import type { FtpTransfers } from '../central/ftp-transfers.ts';
import type { CentralSystem } from '../central/central-system.ts';
import type { ChargerModels } from '../charger/registry.ts';
import type { ChargerModel, RefusalFact } from '../charger/model.ts';
import { callOutcome, type CallOutcome } from '../central/call-outcome.ts';
import type { Message } from '../lib/message.ts';

export interface SuiteDriver {
  readonly chargerId: string;
  model(): ChargerModel;
  connected(): boolean;
  call(action: string, payload: Record<string, unknown>, timeoutMs?: number): Promise<CallOutcome>;
  disconnect(reason: string): boolean;
  /** Called after every record of this charger is folded into the model. */
  onChange(listener: () => void): () => void;
  /**
   * Offers a file (firmware) over HTTP or FTP at an address the charger can reach, with a probe that
   * says whether the charger fetched it whole; null when no server runs for that scheme.
   */
  offerFile(name: string, content: Buffer, scheme?: TransferScheme): Promise<OfferedFile | null>;
  /** A location the charger may upload into (diagnostics), with what arrived there since; null when none. */
  uploadLocation(scheme: TransferScheme): Promise<UploadLocation | null>;
  /** Connections refused before any charger id was known (TLS), since a time: possibly this charger's. */
  strayRefusals(sinceMs: number): readonly RefusalFact[];
  now(): number;
}

export type TransferScheme = 'http' | 'ftp';

export interface OfferedFile {
  readonly url: string;
  /** Closes the location now (the check is done with it). */
  close(): void;
  /** What the app changed about the location, said in the check's reason (another FTP port, the first being taken). */
  readonly note?: Message;
  /** The charger fetched the whole file from this location. */
  fetched(): boolean;
}

export interface UploadLocation {
  readonly location: string;
  /** Closes the location now (the check is done with it). */
  close(): void;
  /** Files received at this location so far: as stored, and as the charger named it. */
  received(): readonly { readonly name: string; readonly sentName?: string; readonly bytes: number }[];
  /** What the app changed about the location, said in the check's reason (another FTP port, the first being taken). */
  readonly note?: Message;
}

/** The app's two ways to hand files to chargers and take them back. */
export interface FileServers {
  readonly http?: FileServer;
  readonly ftp?: FtpTransfers;
}

export function centralDriver(central: CentralSystem, models: ChargerModels, chargerId: string, files: FileServers = {}, fileHost?: string): SuiteDriver {
  // Asked for at every read: a model nobody follows is brought up to date when it is read (registry.ts).
  const model = () => models.builder(chargerId).model;
  const { http: fileServer, ftp } = files;
  return {
    chargerId,
    model,
    // The model folds the central's connection records: its last connection is the live one.
    connected: () => model().connections.at(-1)?.ended === null,
    async call(action, payload, timeoutMs) {
      const outcome = await callOutcome(central, chargerId, action, payload, timeoutMs);
      if (!outcome.ok && outcome.kind === 'invalid') throw new Error(`the suite built an invalid ${action}: ${outcome.message}`); // our bug, not the charger's
      return outcome;
    },
    disconnect: (reason) => central.disconnect(chargerId, reason),
    onChange: (listener) => models.onChange((id) => id === chargerId && listener()),
    offerFile: (name, content, scheme = 'http') => offerFile({ model: model(), fileServer, ftp, fileHost }, name, content, scheme),
    uploadLocation: (scheme) => uploadLocation({ model: model(), fileServer, ftp, fileHost }, scheme),
    strayRefusals: (sinceMs) => models.strayRefusals.filter((r) => r.at >= sinceMs),
    now: () => Date.now(),
  };
}

/** Our address as this charger can reach it: the one it reached us on (or the one we listen on). */
export function addressForCharger(model: ChargerModel, listenHost?: string): string {
  const local = model.connections
    .at(-1)
    ?.local?.replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '');
  return listenHost && listenHost !== '0.0.0.0' ? listenHost : local || '127.0.0.1';
}

/** The charger's own IP address (from its live connection), to refuse FTP logins from elsewhere. */
export function chargerAddress(model: ChargerModel): string | null {
  const connection = model.connections.at(-1);
  if (!connection || connection.ended) return null;
  return connection.remote.replace(/:\d+$/, '').replace(/^\[|\]$/g, '') || null;
}

/** The URL of a path on the file server as this charger can reach it: the address it reached us on. */
export function fileServerUrl(model: ChargerModel, fileServer: FileServer, path: string, listenHost?: string): string {
  const host = addressForCharger(model, listenHost);
  return `http://${host.includes(':') ? `[${host}]` : host}:${fileServer.port}${path}`;
}

interface Where {
  readonly model: ChargerModel;
  readonly fileServer: FileServer | undefined;
  readonly ftp: FtpTransfers | undefined;
  readonly fileHost: string | undefined;
}

/** The charger's address, or why no location is offered to it: only a connected charger gets one, and only it may use it. */
function boundTo(model: ChargerModel): string {
  const address = chargerAddress(model);
  if (!address)
    throw new Error(`${model.chargerId ?? 'the charger'} is not connected: a location is only offered to a connected charger, bound to its address`);
  return address;
}

export async function offerFile(where: Where, name: string, content: Buffer, scheme: TransferScheme): Promise<OfferedFile | null> {
  const { model, fileServer, ftp, fileHost } = where;
  if (scheme === 'ftp') {
    if (!ftp) return null;
    const offer = await ftp.offerFirmware(name, content, { host: addressForCharger(model, fileHost), chargerAddress: boundTo(model) });
    return {
      url: offer.location,
      ...(offer.note ? { note: offer.note } : {}),
      fetched: () => ftp.events.some((e) => e.transferId === offer.transferId && e.kind === 'download' && e.bytes === content.length),
      close: () => ftp.withdraw(offer.transferId),
    };
  }
  if (!fileServer) return null;
  const path = fileServer.offer(name, content, { chargerAddress: boundTo(model) });
  return {
    url: fileServerUrl(model, fileServer, path, fileHost),
    fetched: () => fileServer.requests.some((r) => decodeURIComponent(r.path) === decodeURIComponent(path) && r.status === 200 && r.bytes === content.length),
    close: () => fileServer.withdraw(path),
  };
}

export async function uploadLocation(where: Where, scheme: TransferScheme): Promise<UploadLocation | null> {
  const { model, fileServer, ftp, fileHost } = where;
  if (scheme === 'ftp') {
    if (!ftp) return null;
    const offer = await ftp.diagnosticsLocation({
      host: addressForCharger(model, fileHost),
      chargerAddress: boundTo(model),
      ...(model.chargerId ? { chargerId: model.chargerId } : {}),
    });
    // Only what came to this transfer: other chargers upload to their own at the same time.
    return {
      location: offer.location,
      ...(offer.note ? { note: offer.note } : {}),
      received: () => ftp.received.filter((r) => r.location === offer.transferId),
      close: () => ftp.withdraw(offer.transferId),
    };
  }
  if (!fileServer) return null;
  const path = fileServer.uploadLocation(model.chargerId ?? undefined, { chargerAddress: boundTo(model) });
  if (!path) return null;
  const token = path.split('/')[2];
  return {
    location: fileServerUrl(model, fileServer, path, fileHost),
    received: () => fileServer.received.filter((r) => r.location === token),
    close: () => fileServer.withdraw(path),
  };
}
