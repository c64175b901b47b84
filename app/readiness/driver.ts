/**
 * What the suite needs of the world: the live model of one charger, a way to call it, to close its
 * connection, and to serve it a file. The central system provides it (centralDriver); the relay will
 * too. The suite never touches sockets itself, so whatever it does a person could do by hand.
 */
import type { FileServer } from '../central/file-server.ts';
import type { CentralSystem } from '../central/central-system.ts';
import type { ChargerModels } from '../charger/registry.ts';
import type { ChargerModel, RefusalFact } from '../charger/model.ts';
import { callOutcome, type CallOutcome } from '../central/call-outcome.ts';

export interface SuiteDriver {
  readonly chargerId: string;
  model(): ChargerModel;
  connected(): boolean;
  call(action: string, payload: Record<string, unknown>, timeoutMs?: number): Promise<CallOutcome>;
  disconnect(reason: string): boolean;
  /** Called after every record of this charger is folded into the model. */
  onChange(listener: () => void): () => void;
  /** Offers a file over HTTP at an address the charger can reach; null when no file server runs. */
  offerFile(name: string, content: Buffer): string | null;
  /** Requests the file server answered (to show the charger really fetched the file). */
  fileRequests(): readonly { readonly path: string; readonly status: number; readonly bytes: number }[];
  /** Connections refused before any charger id was known (TLS), since a time: possibly this charger's. */
  strayRefusals(sinceMs: number): readonly RefusalFact[];
  now(): number;
}

export function centralDriver(central: CentralSystem, models: ChargerModels, chargerId: string, fileServer?: FileServer, fileHost?: string): SuiteDriver {
  const builder = models.builder(chargerId);
  return {
    chargerId,
    model: () => builder.model,
    // The model folds the central's connection records as they happen: its last connection is the live one.
    connected: () => builder.model.connections.at(-1)?.ended === null,
    async call(action, payload, timeoutMs) {
      const outcome = await callOutcome(central, chargerId, action, payload, timeoutMs);
      if (!outcome.ok && outcome.kind === 'invalid') throw new Error(`the suite built an invalid ${action}: ${outcome.message}`); // our bug, not the charger's
      return outcome;
    },
    disconnect: (reason) => central.disconnect(chargerId, reason),
    onChange: (listener) => models.onChange((id) => id === chargerId && listener()),
    offerFile: (name, content) => (fileServer ? fileServerUrl(builder.model, fileServer, fileServer.offer(name, content), fileHost) : null),
    fileRequests: () => fileServer?.requests ?? [],
    strayRefusals: (sinceMs) => models.strayRefusals.filter((r) => r.at >= sinceMs),
    now: () => Date.now(),
  };
}

/** The URL of a path on the file server as this charger can reach it: the address it reached us on. */
export function fileServerUrl(model: ChargerModel, fileServer: FileServer, path: string, listenHost?: string): string {
  const local = model.connections.at(-1)?.local?.replace(/:\d+$/, '');
  const host = listenHost && listenHost !== '0.0.0.0' ? listenHost : local || '127.0.0.1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${fileServer.port}${path}`;
}
