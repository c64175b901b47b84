/**
 * What the suite needs of the world: the live model of one charger, a way to call it, to close its
 * connection, and to serve it a file. The central system provides it (centralDriver); the relay will
 * too. The suite never touches sockets itself, so whatever it does a person could do by hand.
 */
import type { FileServer } from '../central/file-server.ts';
import type { CentralSystem } from '../central/central-system.ts';
import type { ChargerModels } from '../charger/registry.ts';
import type { ChargerModel, RefusalFact } from '../charger/model.ts';
import { CallAborted, CallErrorResponse, CallTimeout, InvalidOutgoingPayload } from '../ocpp/errors.ts';

export type CallResult =
  | { readonly ok: true; readonly payload: Record<string, unknown> }
  | { readonly ok: false; readonly kind: 'callerror' | 'timeout' | 'aborted' | 'refused'; readonly message: string; readonly code?: string };

export interface SuiteDriver {
  readonly chargerId: string;
  model(): ChargerModel;
  connected(): boolean;
  call(action: string, payload: Record<string, unknown>, timeoutMs?: number): Promise<CallResult>;
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
    connected: () => central.chargers().some((c) => c.id === chargerId && c.connected),
    async call(action, payload, timeoutMs) {
      try {
        const result = await central.call(chargerId, action, payload, timeoutMs === undefined ? {} : { timeoutMs });
        return { ok: true, payload: (result.payload ?? {}) as Record<string, unknown> };
      } catch (err) {
        if (err instanceof CallErrorResponse) return { ok: false, kind: 'callerror', code: err.code, message: err.message };
        if (err instanceof CallTimeout) return { ok: false, kind: 'timeout', message: err.message };
        if (err instanceof CallAborted) return { ok: false, kind: 'aborted', message: err.message };
        if (err instanceof InvalidOutgoingPayload) throw err; // our own bug: a suite payload must be valid
        return { ok: false, kind: 'refused', message: (err as Error).message };
      }
    },
    disconnect: (reason) => central.disconnect(chargerId, reason),
    onChange: (listener) => models.onChange((id) => id === chargerId && listener()),
    offerFile(name, content) {
      if (!fileServer) return null;
      // The address the charger reached us on is one it can fetch from.
      const local = builder.model.connections.at(-1)?.local?.replace(/:\d+$/, '');
      const host = fileHost && fileHost !== '0.0.0.0' ? fileHost : local || '127.0.0.1';
      return `http://${host.includes(':') ? `[${host}]` : host}:${fileServer.port}${fileServer.offer(name, content)}`;
    },
    fileRequests: () => fileServer?.requests ?? [],
    strayRefusals: (sinceMs) => models.strayRefusals.filter((r) => r.at >= sinceMs),
    now: () => Date.now(),
  };
}
