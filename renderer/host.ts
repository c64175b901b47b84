/**
 * The one place that knows how the UI reaches the host: the preload's bridge in Electron, the
 * headless host's WebSocket in a browser. Components only ever see HostApi.
 */
import type { HostApi } from '../app/host/contract.ts';
import { connectHostClient } from '../app/host/ws-client.ts';

declare global {
  interface Window {
    /** Exposed by main/preload.ts with contextBridge (Electron only). */
    readonly fieldkit?: HostApi;
  }
}

export interface HostLink {
  readonly host: HostApi;
  /** Called once if the link to the host is lost (the headless host stopped). */
  onLost(listener: (reason: string) => void): void;
}

export async function connectHost(): Promise<HostLink> {
  if (window.fieldkit) return { host: window.fieldkit, onLost: () => {} };
  const url = new URL('api', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url);
  const host = await connectHostClient(socket);
  return {
    host,
    onLost: (listener) => socket.addEventListener('close', (e) => listener(e.reason || 'the headless host closed the connection (was fieldkit serve stopped?)')),
  };
}
