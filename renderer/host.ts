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

/**
 * The headless host's per-run token: it arrives in the address's fragment (#token=…), which is never
 * sent to a server; it is kept for this origin (other tabs, reloads) and taken off the address bar.
 */
function accessToken(): string | null {
  const key = `fieldkit-token@${window.location.host}`;
  const fromAddress = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromAddress) {
    window.localStorage.setItem(key, fromAddress);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromAddress;
  }
  return window.localStorage.getItem(key);
}

export async function connectHost(): Promise<HostLink> {
  if (window.fieldkit) return { host: window.fieldkit, onLost: () => {} };
  const url = new URL('api', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  const token = accessToken();
  if (token) url.searchParams.set('token', token);
  const socket = new WebSocket(url);
  const host = await connectHostClient(socket);
  return {
    host,
    onLost: (listener) =>
      socket.addEventListener('close', (e) => listener(e.reason || 'the headless host closed the connection (was fieldkit serve stopped?)')),
  };
}
