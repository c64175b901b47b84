/**
 * The one place that knows how the UI reaches the host: the preload's bridge in Electron, the
 * headless host's WebSocket in a browser. Components only ever see HostApi.
 */
import type { CommandArgs, CommandName, CommandResults, HostApi, InvokeEnvelope } from '../app/host/contract.ts';
import { connectHostClient } from '../app/host/ws-client.ts';
import { HostError, saidOf } from '../app/host/host-error.ts';
import i18next from 'i18next';
import { said } from './said.ts';

declare global {
  interface Window {
    /** Exposed by main/preload.ts with contextBridge (Electron only); call answers with an envelope. */
    readonly fieldkit?: HostApi & { readonly call?: (name: unknown, args: unknown) => Promise<InvokeEnvelope> };
  }
}

/**
 * The host as the pages use it: an error the host said as a message reads in the UI's language
 * (its text is rendered when it arrives, in the language chosen then); its code is kept.
 */
function inReadersLanguage(host: HostApi, call?: (name: unknown, args: unknown) => Promise<InvokeEnvelope>): HostApi {
  const localised = (err: unknown): unknown => {
    const message = saidOf(err);
    if (!message || !(err instanceof HostError)) return err;
    const shown = new HostError(err.code, message);
    shown.message = said(message);
    return shown;
  };
  return {
    async invoke<K extends CommandName>(name: K, args: CommandArgs<K>): Promise<CommandResults[K]> {
      if (!call) return host.invoke(name, args).catch((err: unknown) => Promise.reject(localised(err)));
      // Electron: the answer as a value, as contextBridge would keep only an error's text.
      const envelope = await call(name, args);
      if (envelope.ok) return envelope.value as CommandResults[K];
      throw localised(new HostError(envelope.error.code, saidOf(envelope.error) ?? envelope.error.message));
    },
    subscribe: (listener) => host.subscribe(listener),
  };
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
  if (window.fieldkit) return { host: inReadersLanguage(window.fieldkit, window.fieldkit.call), onLost: () => {} };
  const url = new URL('api', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  const token = accessToken();
  if (token) url.searchParams.set('token', token);
  const socket = new WebSocket(url);
  const host = inReadersLanguage(await connectHostClient(socket));
  return {
    host,
    onLost: (listener) => socket.addEventListener('close', (e) => listener(e.reason || i18next.t('app.hostClosed'))),
  };
}
